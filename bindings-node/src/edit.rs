//! Format-preserving edits: `catalog.edit()` returns an `Editor` whose methods answer with the
//! new text of each changed file, every comment and unrelated byte kept.

use crate::convert::{date, date_or_today};
use crate::error::guard;
use napi::Env;
use napi_derive::napi;
use service_catalog::{Catalog as CoreCatalog, FileEdit as CoreFileEdit};
use std::sync::Arc;

/// The complete new text of one changed file.
#[napi(object)]
pub struct FileEdit {
    /// The file's path relative to the tree's root, with `/`.
    pub path: String,
    /// Its new text.
    pub text: String,
}

/// Options of `editor.addDependency()`.
#[napi(object)]
pub struct DependencyOptions {
    /// Add to `dependencies.optional` instead of `dependencies.requires` (default false).
    pub optional: Option<bool>,
}

/// Options of `editor.deprecate()`.
#[napi(object)]
pub struct DeprecateOptions {
    /// The sunset date, `YYYY-MM-DD` (default: six months after the deprecation date).
    pub sunset: Option<String>,
    /// The deprecation date, `YYYY-MM-DD` (default: today, UTC).
    pub date: Option<String>,
}

/// Edits of a catalog's files. Nothing is written: each method returns `[{ path, text }]`,
/// empty when the file would not change; apply them with `fs.writeFileSync`.
#[napi]
pub struct Editor {
    catalog: Arc<CoreCatalog>,
}

impl Editor {
    /// An editor of `catalog`'s files.
    pub fn new(catalog: Arc<CoreCatalog>) -> Self {
        Editor { catalog }
    }
}

/// The core's edits as JavaScript objects.
fn edits(edits: Vec<CoreFileEdit>) -> Vec<FileEdit> {
    edits
        .into_iter()
        .map(|e| FileEdit {
            path: e.path,
            text: e.text,
        })
        .collect()
}

#[napi]
impl Editor {
    /// Moves the service `id` to `status` (`"ga"`, `"deprecated"`, …) entered on `date`
    /// (`YYYY-MM-DD`, default today, UTC): sets `status` and `lifecycle.since`.
    #[napi]
    pub fn set_status(
        &self,
        env: Env,
        id: String,
        status: String,
        date: Option<String>,
    ) -> napi::Result<Vec<FileEdit>> {
        guard(&env, || {
            let date = date_or_today("date", date.as_deref())?;
            Ok(edits(self.catalog.edit().set_status(&id, &status, date)?))
        })
    }

    /// Deprecates the service `id` in favour of `replacement`: status `deprecated`, the
    /// deprecation and sunset dates and the replacement.
    #[napi]
    pub fn deprecate(
        &self,
        env: Env,
        id: String,
        replacement: String,
        options: Option<DeprecateOptions>,
    ) -> napi::Result<Vec<FileEdit>> {
        let (sunset, day) = options.map_or((None, None), |o| (o.sunset, o.date));
        guard(&env, || {
            let day = date_or_today("date", day.as_deref())?;
            let sunset = sunset.as_deref().map(|s| date("sunset", s)).transpose()?;
            Ok(edits(self.catalog.edit().deprecate(
                &id,
                &replacement,
                sunset,
                day,
            )?))
        })
    }

    /// Sets the `version` of the service `id` (a semver version such as `"2.0.0"`).
    #[napi]
    pub fn set_version(
        &self,
        env: Env,
        id: String,
        version: String,
    ) -> napi::Result<Vec<FileEdit>> {
        guard(&env, || {
            Ok(edits(self.catalog.edit().set_version(&id, &version)?))
        })
    }

    /// Adds a dependency of the service `id` on `dependency` (`"id"` or `"id@REQ"`), to
    /// `dependencies.requires`, or to `dependencies.optional` with `{ optional: true }`.
    #[napi]
    pub fn add_dependency(
        &self,
        env: Env,
        id: String,
        dependency: String,
        options: Option<DependencyOptions>,
    ) -> napi::Result<Vec<FileEdit>> {
        let optional = options.and_then(|o| o.optional).unwrap_or(false);
        guard(&env, || {
            Ok(edits(self.catalog.edit().add_dependency(
                &id,
                &dependency,
                optional,
            )?))
        })
    }

    /// Removes every dependency of the service `id` on the service `dependency`.
    #[napi]
    pub fn remove_dependency(
        &self,
        env: Env,
        id: String,
        dependency: String,
    ) -> napi::Result<Vec<FileEdit>> {
        guard(&env, || {
            Ok(edits(
                self.catalog.edit().remove_dependency(&id, &dependency)?,
            ))
        })
    }
}
