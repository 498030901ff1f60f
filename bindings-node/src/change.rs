//! Comparing two revisions of a tree (format §8): `diff` and `impact`, and the `ImpactReport`
//! class that `impact` returns.

use crate::catalog::{Catalog, CheckOptions};
use crate::convert::{answer, date_or_today};
use crate::error::guard;
use crate::report::TextOptions;
use crate::tasks::ImpactTask;
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Unknown};
use napi_derive::napi;
use service_catalog::ImpactReport as CoreImpactReport;

/// Every changed service between two revisions of a tree (`base` before, `head` after), sorted
/// by id and classified: added, removed, patch, minor, major, … (format §8).
#[napi(ts_return_type = "ChangeSet")]
pub fn diff<'env>(env: &'env Env, base: &Catalog, head: &Catalog) -> napi::Result<Unknown<'env>> {
    answer(env, || Ok(service_catalog::diff(base.core(), head.core())))
}

/// What the change from `base` to `head` does to everyone else, as of `today`: an
/// `ImpactReport` with the change set, the affected services and projects, broken consumers,
/// the findings the change introduces, notifications and a verdict.
#[napi]
pub fn impact(
    env: Env,
    base: &Catalog,
    head: &Catalog,
    options: Option<CheckOptions>,
) -> napi::Result<ImpactReport> {
    let today = options.and_then(|o| o.today);
    guard(&env, || {
        let today = date_or_today("today", today.as_deref())?;
        let report = service_catalog::impact(base.core(), head.core(), today);
        Ok(ImpactReport::new(report))
    })
}

/// `impact` off the main thread: the returned promise settles with the impact report.
#[napi(ts_return_type = "Promise<ImpactReport>")]
pub fn impact_async(
    base: &Catalog,
    head: &Catalog,
    options: Option<CheckOptions>,
) -> AsyncTask<ImpactTask> {
    let today = options.and_then(|o| o.today);
    AsyncTask::new(ImpactTask::new(base.shared(), head.shared(), today))
}

/// What a change does, as plain data (the JSON shape of `toJson()`) and in four renderings.
/// Each property read builds a fresh plain value.
#[napi]
pub struct ImpactReport {
    inner: CoreImpactReport,
}

impl ImpactReport {
    /// Wraps a core impact report.
    pub fn new(inner: CoreImpactReport) -> Self {
        ImpactReport { inner }
    }
}

#[napi]
impl ImpactReport {
    /// Version of the impact report's JSON shape.
    #[napi(getter, js_name = "schema_version")]
    pub fn schema_version(&self) -> u32 {
        self.inner.schema_version
    }

    /// Counts of the introduced findings and the verdict of the change.
    #[napi(getter, ts_return_type = "Summary")]
    pub fn summary<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.summary))
    }

    /// Every changed service.
    #[napi(getter, ts_return_type = "ChangeSet")]
    pub fn changes<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.changes))
    }

    /// Services that reach a changed service, with the shortest path.
    #[napi(getter, js_name = "affected_services", ts_return_type = "Affected[]")]
    pub fn affected_services<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.affected_services))
    }

    /// Projects with an affected or changed service, with the shortest path.
    #[napi(getter, js_name = "affected_projects", ts_return_type = "Affected[]")]
    pub fn affected_projects<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.affected_projects))
    }

    /// Consumers whose requirement the new version breaks.
    #[napi(
        getter,
        js_name = "broken_consumers",
        ts_return_type = "BrokenConsumer[]"
    )]
    pub fn broken_consumers<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.broken_consumers))
    }

    /// Findings on head that base did not have, and the `change/*` findings.
    #[napi(getter, ts_return_type = "Diagnostic[]")]
    pub fn findings<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.findings))
    }

    /// One message per affected project.
    #[napi(getter, ts_return_type = "Notification[]")]
    pub fn notifications<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner.notifications))
    }

    /// The whole impact report as one plain object (what `JSON.stringify(impact)` writes).
    #[napi(js_name = "toJSON", ts_return_type = "ImpactReportData")]
    pub fn to_plain<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        answer(env, || Ok(&self.inner))
    }

    /// The impact report as pretty-printed JSON text, ending in a newline.
    #[napi]
    pub fn to_json(&self, env: &Env) -> napi::Result<String> {
        guard(env, || Ok(self.inner.to_json()))
    }

    /// The changes, who they reach, then each finding with its code frame.
    #[napi]
    pub fn to_text(&self, env: &Env, options: Option<TextOptions>) -> napi::Result<String> {
        let color = options.and_then(|o| o.color).unwrap_or(false);
        guard(env, || Ok(self.inner.to_text(color)))
    }

    /// Markdown for a pull-request comment.
    #[napi]
    pub fn to_markdown(&self, env: &Env) -> napi::Result<String> {
        guard(env, || Ok(self.inner.to_markdown()))
    }

    /// The introduced findings as SARIF 2.1.0 text.
    #[napi]
    pub fn to_sarif(&self, env: &Env) -> napi::Result<String> {
        guard(env, || Ok(self.inner.to_sarif()))
    }
}
