//! Errors of misuse and I/O. Problems in a tree's content are never errors: they are findings.

use std::path::PathBuf;

/// What can go wrong outside a tree's content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The tree's root does not exist or is not a directory.
    #[error("no control-center tree at {}: {reason}", path.display())]
    NotFound {
        /// The path asked for.
        path: PathBuf,
        /// Why it could not be used.
        reason: String,
    },
    /// A file or directory of the tree could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A query named a service the catalog does not define.
    #[error("unknown service `{id}`")]
    UnknownService {
        /// The id asked for.
        id: String,
    },
    /// A query named a project the catalog does not define.
    #[error("unknown project `{id}`")]
    UnknownProject {
        /// The id asked for.
        id: String,
    },
    /// An argument is malformed (a date, a status name, an id).
    #[error("invalid argument `{name}`: {reason}")]
    InvalidArgument {
        /// The argument.
        name: String,
        /// What was expected.
        reason: String,
    },
}

impl Error {
    /// A stable code for the error kind, which every binding exposes.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not-found",
            Error::Io { .. } => "io",
            Error::UnknownService { .. } => "unknown-service",
            Error::UnknownProject { .. } => "unknown-project",
            Error::InvalidArgument { .. } => "invalid-argument",
        }
    }
}
