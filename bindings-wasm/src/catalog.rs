//! The `Catalog` class: a tree read from in-memory files, kept in Rust behind a JavaScript
//! handle.
//!
//! Each method is convert in, call the core, convert out: [`answer`] runs the call behind the
//! panic guard and turns its serde answer into plain JavaScript data.

use crate::convert::{answer, date_or_today, options, status};
use crate::edit::Editor;
use crate::error::{Failure, guard};
use crate::report::Report;
use serde::Deserialize;
use service_catalog::{Catalog as CoreCatalog, Error as CoreError};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Options of `catalog.check()` and `impact()`.
#[derive(Default, Deserialize)]
pub struct CheckOptions {
    /// The date the time-based checks count from, `YYYY-MM-DD` (default: today, UTC).
    pub today: Option<String>,
}

/// Options of `catalog.dependencies()` and `catalog.consumers()`.
#[derive(Default, Deserialize)]
struct ReachOptions {
    /// Follow chains (default false: direct answers only).
    transitive: Option<bool>,
}

/// A control-center tree read into the typed model, with every finding made while reading it.
/// Loading never throws for content: parse and schema problems are in `diagnostics()`.
#[wasm_bindgen]
pub struct Catalog {
    inner: Rc<CoreCatalog>,
}

impl Catalog {
    /// The core catalog.
    pub fn core(&self) -> &CoreCatalog {
        &self.inner
    }
}

/// The error for a service id the catalog does not define.
fn unknown_service(id: &str) -> Failure {
    Failure::Core(CoreError::UnknownService { id: id.to_owned() })
}

/// The error for a project id the catalog does not define.
fn unknown_project(id: &str) -> Failure {
    Failure::Core(CoreError::UnknownProject { id: id.to_owned() })
}

/// Whether the reach options `value` ask for transitive answers.
fn transitive(value: Option<JsValue>) -> Result<bool, Failure> {
    Ok(options::<ReachOptions>(value)?.transitive.unwrap_or(false))
}

#[wasm_bindgen]
impl Catalog {
    /// Reads a tree from in-memory files: `{ "services/catalog.toml": text, … }`, paths relative
    /// to the root. The pure entry point: every front door ends here.
    #[wasm_bindgen(js_name = fromFiles)]
    pub fn from_files(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] files: JsValue,
    ) -> Result<Catalog, JsValue> {
        guard(|| {
            let files: BTreeMap<String, String> = serde_wasm_bindgen::from_value(files)?;
            Ok(Catalog {
                inner: Rc::new(CoreCatalog::from_files(files)),
            })
        })
    }

    /// The tree's root (empty for in-memory trees).
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> String {
        self.inner.root().to_owned()
    }

    /// Parse and schema findings made while loading, sorted.
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.inner.diagnostics()))
    }

    /// Every finding of the tree as of `today` (format §3–§7): a `Report`.
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions | undefined | null")] options: Option<
            JsValue,
        >,
    ) -> Result<Report, JsValue> {
        guard(|| {
            let CheckOptions { today } = crate::convert::options(options)?;
            let today = date_or_today("today", today.as_deref())?;
            Ok(Report::new(self.inner.check(today)))
        })
    }

    /// Every service, shared ones first, then each project's in path order.
    #[wasm_bindgen(unchecked_return_type = "Service[]")]
    pub fn services(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.inner.services()))
    }

    /// The service with this id; throws `unknown-service` (with `serviceId`) when there is none.
    #[wasm_bindgen(unchecked_return_type = "Service")]
    pub fn service(&self, id: &str) -> Result<JsValue, JsValue> {
        answer(|| self.inner.service(id).ok_or_else(|| unknown_service(id)))
    }

    /// Every project, in path order.
    #[wasm_bindgen(unchecked_return_type = "Project[]")]
    pub fn projects(&self) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.inner.projects()))
    }

    /// The project with this id; throws `unknown-project` (with `projectId`) when there is none.
    #[wasm_bindgen(unchecked_return_type = "Project")]
    pub fn project(&self, id: &str) -> Result<JsValue, JsValue> {
        answer(|| self.inner.project(id).ok_or_else(|| unknown_project(id)))
    }

    /// What the service `id` depends on, nearest first; with `{ transitive: true }` everything
    /// it reaches, each with the shortest path from `id`.
    #[wasm_bindgen(unchecked_return_type = "Reach[]")]
    pub fn dependencies(
        &self,
        id: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ReachOptions | undefined | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.inner.dependencies(id, transitive(options)?)?))
    }

    /// What depends on the service `id`, nearest first; with `{ transitive: true }` everything
    /// that reaches it, each with its project and the shortest path from `id` outwards.
    #[wasm_bindgen(unchecked_return_type = "Reach[]")]
    pub fn consumers(
        &self,
        id: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "ReachOptions | undefined | null")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.inner.consumers(id, transitive(options)?)?))
    }

    /// The cycle a new dependency of `from` on `to` would close, as ids from `from` back to
    /// `from`, or `null` when the edge is safe.
    #[wasm_bindgen(js_name = wouldCreateCycle, unchecked_return_type = "Array<string> | null")]
    pub fn would_create_cycle(&self, from: &str, to: &str) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.inner.would_create_cycle(from, to)?))
    }

    /// Format-preserving edits of this catalog's files: an `Editor` whose methods return the
    /// new text of each changed file.
    pub fn edit(&self) -> Editor {
        Editor::new(self.inner.clone())
    }

    /// Whether the service `id` may move to the status `to` on `date` (`YYYY-MM-DD`, default
    /// today, UTC), and why not (format §5).
    #[wasm_bindgen(unchecked_return_type = "Transition")]
    pub fn transition(
        &self,
        id: &str,
        to: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "string | undefined | null")] date: Option<
            String,
        >,
    ) -> Result<JsValue, JsValue> {
        answer(|| {
            let (to, date) = (status("to", to)?, date_or_today("date", date.as_deref())?);
            Ok(self.inner.transition(id, to, date)?)
        })
    }
}
