//! The [`Report`]: every finding of a run, sorted, with a summary and four renderings.

mod markdown;
mod sarif;
mod text;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::span::SourceFile;
use serde::Serialize;
use std::sync::Arc;

/// The version of the report's JSON shape (`schemas/report.schema.json`).
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// The overall outcome of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No errors and no warnings.
    Pass,
    /// Warnings but no errors.
    Warn,
    /// At least one error.
    Fail,
}

impl Verdict {
    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// Counts of findings by severity, and the verdict they give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of infos.
    pub infos: usize,
    /// `fail` with any error, `warn` with any warning, else `pass`.
    pub verdict: Verdict,
}

impl Summary {
    fn of(diagnostics: &[Diagnostic]) -> Self {
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        let (errors, warnings, infos) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        let verdict = if errors > 0 {
            Verdict::Fail
        } else if warnings > 0 {
            Verdict::Warn
        } else {
            Verdict::Pass
        };
        Summary {
            errors,
            warnings,
            infos,
            verdict,
        }
    }
}

/// Every finding of a run, in the documented order (file, line, column, code).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// The tree's root as the caller named it (empty for in-memory trees).
    pub root: String,
    /// Counts and verdict.
    pub summary: Summary,
    /// The findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The files the findings point into, for code frames in `to_text`.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    sources: Arc<Vec<SourceFile>>,
}

impl Report {
    /// A report of `diagnostics` (sorted and deduplicated here) over `sources`.
    pub fn new(
        root: impl Into<String>,
        mut diagnostics: Vec<Diagnostic>,
        sources: Arc<Vec<SourceFile>>,
    ) -> Self {
        diagnostic::sort(&mut diagnostics);
        Report {
            schema_version: REPORT_SCHEMA_VERSION,
            root: root.into(),
            summary: Summary::of(&diagnostics),
            diagnostics,
            sources,
        }
    }

    /// True when the report holds at least one error.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The source file at `path`, if the report was made from a tree that has it.
    pub(crate) fn source(&self, path: &str) -> Option<&SourceFile> {
        self.sources.iter().find(|s| s.path() == path)
    }

    /// The report as pretty-printed JSON (`schemas/report.schema.json`), ending in a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a report always serializes");
        json.push('\n');
        json
    }

    /// The report as rustc-like text: each finding with its source line and a caret underline.
    /// `color` adds ANSI colours (use it only when writing to a terminal).
    pub fn to_text(&self, color: bool) -> String {
        text::render(self, color)
    }

    /// The report as Markdown for a pull-request comment.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// The report as SARIF 2.1.0, as GitHub code scanning accepts it.
    pub fn to_sarif(&self) -> String {
        sarif::render(self)
    }
}
