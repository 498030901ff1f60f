//! The `Report` class: the findings of a check, as plain data and in four renderings.

use crate::convert::{answer, options};
use crate::error::guard;
use serde::Deserialize;
use service_catalog::Report as CoreReport;
use wasm_bindgen::prelude::*;

/// Options of `report.toText()`.
#[derive(Default, Deserialize)]
pub struct TextOptions {
    /// Add ANSI colours (only for a terminal; default false).
    pub color: Option<bool>,
}

/// Whether the text options `value` ask for colour.
pub fn color(value: Option<JsValue>) -> Result<bool, crate::error::Failure> {
    Ok(options::<TextOptions>(value)?.color.unwrap_or(false))
}

/// Every finding of a check, sorted by file, line, column and code. Its properties are the
/// report's JSON shape (`schemas/report.schema.json`); each read builds a fresh plain value,
/// so keep `report.diagnostics` in a variable rather than reading it in a loop.
#[wasm_bindgen]
pub struct Report {
    inner: CoreReport,
}

impl Report {
    /// Wraps a core report.
    pub fn new(inner: CoreReport) -> Self {
        Report { inner }
    }
}

#[wasm_bindgen]
impl Report {
    /// Version of the report's JSON shape.
    #[wasm_bindgen(getter = schema_version)]
    pub fn schema_version(&self) -> u32 {
        self.inner.schema_version
    }

    /// The tree's root as the caller named it (empty for in-memory trees).
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> String {
        self.inner.root.clone()
    }

    /// Counts by severity and the verdict.
    #[wasm_bindgen(getter, unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.summary))
    }

    /// The findings, sorted.
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.diagnostics))
    }

    /// True when the report holds at least one error.
    #[wasm_bindgen(getter = hasErrors)]
    pub fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    /// The whole report as one plain object (what `JSON.stringify(report)` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ReportData")]
    pub fn to_plain(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner))
    }

    /// The report as pretty-printed JSON text, ending in a newline.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// The report as rustc-like text with source lines and caret underlines.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TextOptions | undefined | null")]
        options: Option<JsValue>,
    ) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_text(color(options)?)))
    }

    /// The report as Markdown for a pull-request comment.
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_markdown()))
    }

    /// The report as SARIF 2.1.0 text, as GitHub code scanning accepts it.
    #[wasm_bindgen(js_name = toSarif)]
    pub fn to_sarif(&self) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_sarif()))
    }
}
