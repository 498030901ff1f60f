//! # service-catalog
//!
//! A git repository of TOML files as the single source of truth for an organisation's services:
//! who owns each one, which projects consume it and where it is in its lifecycle.
//!
//! [`Catalog::from_files`] reads a control-center tree from `(path, text)` pairs (and, with the
//! `fs` feature, [`Catalog::load`] from disk) into the typed [`model`]; loading never fails for
//! content, every problem becomes a located [`Diagnostic`]. [`Catalog::check`] returns a
//! [`Report`] that renders as JSON, rustc-like text, Markdown or SARIF.
#![deny(missing_docs)]

mod analysis;
mod argument;
mod bytes;
mod catalog;
pub mod change;
mod code;
mod diagnostic;
pub mod edit;
mod error;
#[cfg(feature = "fs")]
mod fs;
#[cfg(feature = "fs")]
mod git;
mod load;
pub mod model;
mod parallel;
mod query;
pub mod render;
mod report;
#[cfg(feature = "schema")]
pub mod schema;
mod span;

pub use analysis::transition::Transition;
pub use argument::{date_argument, status_argument};
pub use catalog::Catalog;
pub use change::{ChangeSet, ImpactReport, diff, impact};
pub use code::Code;
pub use diagnostic::{Diagnostic, Related, Severity};
pub use edit::{Editor, FileEdit, unified_diff};
pub use error::Error;
pub use model::{Date, Duration, Id, Percentage};
pub use query::{Reach, Reached};
pub use render::{RenderKind, RenderOptions, render};
pub use report::{REPORT_SCHEMA_VERSION, Report, Summary, Verdict};
/// Whether the format reads the file at `path` (relative to the tree's root, with `/`); every
/// other file of a tree is ignored.
pub fn is_catalog_path(path: &str) -> bool {
    load::FileKind::of(path).is_some()
}

pub use span::{FileId, LineColumn, SourceFile, Span, Spanned};
