//! Format-preserving edits: `catalog.edit()` returns an `Editor` whose methods answer with the
//! new text of each changed file, every comment and unrelated byte kept.

use crate::convert::{answer, date, date_or_today};
use serde::Deserialize;
use service_catalog::Catalog as CoreCatalog;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Options of `editor.addDependency()`.
#[derive(Default, Deserialize)]
struct DependencyOptions {
    /// Add to `dependencies.optional` instead of `dependencies.requires` (default false).
    optional: Option<bool>,
}

/// Options of `editor.deprecate()`.
#[derive(Default, Deserialize)]
struct DeprecateOptions {
    /// The sunset date, `YYYY-MM-DD` (default: six months after the deprecation date).
    sunset: Option<String>,
    /// The deprecation date, `YYYY-MM-DD` (default: today, UTC).
    date: Option<String>,
}

/// Edits of a catalog's files. Nothing is written: each method returns `[{ path, text }]`,
/// empty when the file would not change.
#[wasm_bindgen]
pub struct Editor {
    catalog: Rc<CoreCatalog>,
}

impl Editor {
    /// An editor of `catalog`'s files.
    pub fn new(catalog: Rc<CoreCatalog>) -> Self {
        Editor { catalog }
    }
}

#[wasm_bindgen]
impl Editor {
    /// Moves the service `id` to `status` (`"ga"`, `"deprecated"`, …) entered on `date`
    /// (`YYYY-MM-DD`, default today, UTC): sets `status` and `lifecycle.since`.
    #[wasm_bindgen(js_name = setStatus, unchecked_return_type = "Array<FileEdit>")]
    pub fn set_status(
        &self,
        id: &str,
        status: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "string | undefined | null")] date: Option<
            String,
        >,
    ) -> Result<JsValue, JsValue> {
        answer(|| {
            let date = date_or_today("date", date.as_deref())?;
            Ok(self.catalog.edit().set_status(id, status, date)?)
        })
    }

    /// Deprecates the service `id` in favour of `replacement`: status `deprecated`, the
    /// deprecation and sunset dates and the replacement.
    #[wasm_bindgen(unchecked_return_type = "Array<FileEdit>")]
    pub fn deprecate(
        &self,
        id: &str,
        replacement: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "DeprecateOptions | undefined | null")]
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        answer(|| {
            let DeprecateOptions { sunset, date: day } = crate::convert::options(options)?;
            let day = date_or_today("date", day.as_deref())?;
            let sunset = sunset.as_deref().map(|s| date("sunset", s)).transpose()?;
            Ok(self
                .catalog
                .edit()
                .deprecate(id, replacement, sunset, day)?)
        })
    }

    /// Sets the `version` of the service `id` (a semver version such as `"2.0.0"`).
    #[wasm_bindgen(js_name = setVersion, unchecked_return_type = "Array<FileEdit>")]
    pub fn set_version(&self, id: &str, version: &str) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.catalog.edit().set_version(id, version)?))
    }

    /// Adds a dependency of the service `id` on `dependency` (`"id"` or `"id@REQ"`), to
    /// `dependencies.requires`, or to `dependencies.optional` with `{ optional: true }`.
    #[wasm_bindgen(js_name = addDependency, unchecked_return_type = "Array<FileEdit>")]
    pub fn add_dependency(
        &self,
        id: &str,
        dependency: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "DependencyOptions | undefined | null")]
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        answer(|| {
            let DependencyOptions { optional } = crate::convert::options(options)?;
            let optional = optional.unwrap_or(false);
            Ok(self
                .catalog
                .edit()
                .add_dependency(id, dependency, optional)?)
        })
    }

    /// Removes every dependency of the service `id` on the service `dependency`.
    #[wasm_bindgen(js_name = removeDependency, unchecked_return_type = "Array<FileEdit>")]
    pub fn remove_dependency(&self, id: &str, dependency: &str) -> Result<JsValue, JsValue> {
        answer(|| Ok(self.catalog.edit().remove_dependency(id, dependency)?))
    }
}
