//! Comparing two revisions of a tree (format §8): `diff` and `impact`, and the `ImpactReport`
//! class that `impact` returns.

use crate::catalog::{Catalog, CheckOptions};
use crate::convert::{answer, date_or_today};
use crate::error::guard;
use crate::report::color;
use service_catalog::ImpactReport as CoreImpactReport;
use wasm_bindgen::prelude::*;

/// Every changed service between two revisions of a tree (`base` before, `head` after), sorted
/// by id and classified: added, removed, patch, minor, major, … (format §8).
#[wasm_bindgen(unchecked_return_type = "ChangeSet")]
pub fn diff(base: &Catalog, head: &Catalog) -> Result<JsValue, JsValue> {
    answer(|| Ok(service_catalog::diff(base.core(), head.core())))
}

/// What the change from `base` to `head` does to everyone else, as of `today`: an
/// `ImpactReport` with the change set, the affected services and projects, broken consumers,
/// the findings the change introduces, notifications and a verdict.
#[wasm_bindgen]
pub fn impact(
    base: &Catalog,
    head: &Catalog,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions | undefined | null")]
    options: Option<JsValue>,
) -> Result<ImpactReport, JsValue> {
    guard(|| {
        let CheckOptions { today } = crate::convert::options(options)?;
        let today = date_or_today("today", today.as_deref())?;
        let inner = service_catalog::impact(base.core(), head.core(), today);
        Ok(ImpactReport { inner })
    })
}

/// What a change does, as plain data (the JSON shape of `toJson()`) and in four renderings.
/// Each property read builds a fresh plain value.
#[wasm_bindgen]
pub struct ImpactReport {
    inner: CoreImpactReport,
}

#[wasm_bindgen]
impl ImpactReport {
    /// Version of the impact report's JSON shape.
    #[wasm_bindgen(getter = schema_version)]
    pub fn schema_version(&self) -> u32 {
        self.inner.schema_version
    }

    /// Counts of the introduced findings and the verdict of the change.
    #[wasm_bindgen(getter, unchecked_return_type = "Summary")]
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.summary))
    }

    /// Every changed service.
    #[wasm_bindgen(getter, unchecked_return_type = "ChangeSet")]
    pub fn changes(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.changes))
    }

    /// Services that reach a changed service, with the shortest path.
    #[wasm_bindgen(getter = affected_services, unchecked_return_type = "Affected[]")]
    pub fn affected_services(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.affected_services))
    }

    /// Projects with an affected or changed service, with the shortest path.
    #[wasm_bindgen(getter = affected_projects, unchecked_return_type = "Affected[]")]
    pub fn affected_projects(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.affected_projects))
    }

    /// Consumers whose requirement the new version breaks.
    #[wasm_bindgen(getter = broken_consumers, unchecked_return_type = "BrokenConsumer[]")]
    pub fn broken_consumers(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.broken_consumers))
    }

    /// Findings on head that base did not have, and the `change/*` findings.
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn findings(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.findings))
    }

    /// One message per affected project.
    #[wasm_bindgen(getter, unchecked_return_type = "Notification[]")]
    pub fn notifications(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner.notifications))
    }

    /// The whole impact report as one plain object (what `JSON.stringify(impact)` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ImpactReportData")]
    pub fn to_plain(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(&self.inner))
    }

    /// The impact report as pretty-printed JSON text, ending in a newline.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_json()))
    }

    /// The changes, who they reach, then each finding with its code frame.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TextOptions | undefined | null")]
        options: Option<JsValue>,
    ) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_text(color(options)?)))
    }

    /// Markdown for a pull-request comment.
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_markdown()))
    }

    /// The introduced findings as SARIF 2.1.0 text.
    #[wasm_bindgen(js_name = toSarif)]
    pub fn to_sarif(&self) -> Result<String, JsValue> {
        guard(|| Ok(self.inner.to_sarif()))
    }
}
