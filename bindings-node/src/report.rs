//! The `Report` class: the findings of a check, as plain data and in four renderings.

use crate::convert::answer;
use crate::error::guard;
use napi::{Env, Unknown};
use napi_derive::napi;
use service_catalog::Report as CoreReport;

/// Options of `report.toText()`.
#[napi(object)]
pub struct TextOptions {
    /// Add ANSI colours (only for a terminal; default false).
    pub color: Option<bool>,
}

/// Every finding of a check, sorted by file, line, column and code. Its properties are the
/// report's JSON shape (`schemas/report.schema.json`); each read builds a fresh plain value,
/// so keep `report.diagnostics` in a variable rather than reading it in a loop.
#[napi]
pub struct Report {
    inner: CoreReport,
}

impl Report {
    /// Wraps a core report.
    pub fn new(inner: CoreReport) -> Self {
        Report { inner }
    }
}

#[napi]
impl Report {
    /// Version of the report's JSON shape.
    #[napi(getter, js_name = "schema_version")]
    pub fn schema_version(&self) -> u32 {
        self.inner.schema_version
    }

    /// The tree's root as the caller named it (empty for in-memory trees).
    #[napi(getter)]
    pub fn root(&self) -> String {
        self.inner.root.clone()
    }

    /// Counts by severity and the verdict.
    #[napi(getter, ts_return_type = "Summary")]
    pub fn summary<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.summary))
    }

    /// The findings, sorted.
    #[napi(getter, ts_return_type = "Diagnostic[]")]
    pub fn diagnostics<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.diagnostics))
    }

    /// True when the report holds at least one error.
    #[napi(getter)]
    pub fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    /// The whole report as one plain object (what `JSON.stringify(report)` writes).
    #[napi(js_name = "toJSON", ts_return_type = "ReportData")]
    pub fn to_plain<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner))
    }

    /// The report as pretty-printed JSON text, ending in a newline.
    #[napi]
    pub fn to_json(&self, env: &Env) -> napi::Result<String> {
        guard(env, || Ok(self.inner.to_json()))
    }

    /// The report as rustc-like text with source lines and caret underlines.
    #[napi]
    pub fn to_text(&self, env: &Env, options: Option<TextOptions>) -> napi::Result<String> {
        let color = options.and_then(|o| o.color).unwrap_or(false);
        guard(env, || Ok(self.inner.to_text(color)))
    }

    /// The report as Markdown for a pull-request comment.
    #[napi]
    pub fn to_markdown(&self, env: &Env) -> napi::Result<String> {
        guard(env, || Ok(self.inner.to_markdown()))
    }

    /// The report as SARIF 2.1.0 text, as GitHub code scanning accepts it.
    #[napi]
    pub fn to_sarif(&self, env: &Env) -> napi::Result<String> {
        guard(env, || Ok(self.inner.to_sarif()))
    }
}
