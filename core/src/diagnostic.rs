//! Findings: a stable code, a severity, a message and a located primary span.

use crate::code::Code;
use crate::span::{SourceFile, Span};
use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the check fails.
    Error,
    /// Should be fixed: the check passes with a warning.
    Warning,
    /// For information only.
    Info,
}

impl Severity {
    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A secondary location that explains a finding ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Related {
    /// Path relative to the tree's root.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What this location shows.
    pub message: String,
}

/// One finding, located in a file of the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// Stable code, such as `schema/unknown-field` (see [`Code`]).
    pub code: Code,
    /// How serious the finding is.
    pub severity: Severity,
    /// Lowercase sentence that says what is wrong and what was expected.
    pub message: String,
    /// Path relative to the tree's root, with `/`.
    pub file: String,
    /// 1-based line where the finding starts.
    pub line: u32,
    /// 1-based column (characters) where the finding starts.
    pub column: u32,
    /// 1-based line where the finding ends.
    pub end_line: u32,
    /// 1-based column (characters) one past the end of the finding.
    pub end_column: u32,
    /// The service the finding is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The project the finding is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Other places that explain the finding.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding at `span` of one of `sources`.
    pub(crate) fn new(
        sources: &[SourceFile],
        code: Code,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        let file = &sources[span.file as usize];
        let start = file.line_column(span.start);
        let end = file.line_column(span.end.max(span.start));
        Diagnostic {
            code,
            severity,
            message: message.into(),
            file: file.path().to_owned(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            service: None,
            project: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// A finding about a file that is not in the tree (such as a missing registry).
    pub(crate) fn at_path(
        code: Code,
        severity: Severity,
        path: &str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            file: path.to_owned(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            service: None,
            project: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// Adds how to fix it.
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names the service the finding is about.
    pub(crate) fn service(mut self, service: Option<&str>) -> Self {
        self.service = service.map(str::to_owned);
        self
    }

    /// Names the project the finding is about.
    pub(crate) fn project(mut self, project: Option<&str>) -> Self {
        self.project = project.map(str::to_owned);
        self
    }

    /// Adds a related location.
    pub(crate) fn related(
        mut self,
        sources: &[SourceFile],
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        let file = &sources[span.file as usize];
        let at = file.line_column(span.start);
        self.related.push(Related {
            file: file.path().to_owned(),
            line: at.line,
            column: at.column,
            message: message.into(),
        });
        self
    }

    /// The deterministic order of every output: file, line, column, code, then message.
    pub(crate) fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.file,
            self.line,
            self.column,
            self.code.as_str(),
            &self.message,
        )
    }
}

/// Sorts findings into the documented order and removes exact repeats.
pub(crate) fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
