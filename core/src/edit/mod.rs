//! Format-preserving edits: [`Catalog::edit`] returns an [`Editor`] whose operations give the
//! new text of every file they change, with every comment, blank line and unrelated byte kept.
//!
//! Each operation starts from the catalog's own texts (edits do not accumulate: to chain them,
//! load the edited files into a new catalog). The file a service is written in is changed in
//! place: a value is replaced where it is, a new key goes after its predecessor in the
//! format's order, a list entry is added in the list's layout (one per line or all on one
//! line, strings or inline tables), and a missing table is written the way the file writes
//! the others (`[service.x.lifecycle]` sections placed after the service's other sections,
//! dotted keys, or inline tables). Removing the last entry of a list removes the key and the
//! tables left empty by that, so an edit followed by its inverse gives back the original bytes.
//!
//! ```
//! use service_catalog::{Catalog, Date};
//!
//! let text = "[service.auth]\nversion = \"1.2.3\" # current release\nstatus = \"ga\"\n\n\
//!             [service.sso]\nversion = \"2.0.0\"\nstatus = \"ga\"\n";
//! let catalog = Catalog::from_files([("services/catalog.toml", text)]);
//! let date = Date::parse("2026-01-15").unwrap();
//! let edits = catalog.edit().deprecate("auth", "sso", None, date).unwrap();
//! assert_eq!(
//!     edits[0].text,
//!     "[service.auth]\nversion = \"1.2.3\" # current release\nstatus = \"deprecated\"\n\n\
//!      [service.auth.lifecycle]\nsince = 2026-01-15\ndeprecation_date = 2026-01-15\n\
//!      sunset_date = 2026-07-15\nreplacement_service = \"sso\"\n\n\
//!      [service.sso]\nversion = \"2.0.0\"\nstatus = \"ga\"\n"
//! );
//! ```

mod document;
mod format;
mod sequence;
mod text;
mod udiff;

pub use udiff::unified_diff;

use crate::catalog::Catalog;
use crate::error::Error;
use crate::model::{Date, Id, Service, Status};
use document::Source;
use format::{NewValue, basic_string};
use serde::Serialize;
use toml_edit::Value;

/// The complete new text of one changed file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FileEdit {
    /// The file's path relative to the tree's root, with `/`.
    pub path: String,
    /// Its new text.
    pub text: String,
}

/// Format-preserving edits of a catalog's files: see [`Catalog::edit`].
#[derive(Clone, Copy, Debug)]
pub struct Editor<'c> {
    catalog: &'c Catalog,
}

impl Catalog {
    /// Edits of this catalog's files that keep every comment, blank line and unrelated byte.
    pub fn edit(&self) -> Editor<'_> {
        Editor { catalog: self }
    }
}

/// A dependency as `add_dependency` takes it: `"id"` or `"id@REQ"`.
struct DependencyText {
    id: Id,
    requirement: Option<String>,
}

impl DependencyText {
    fn parse(text: &str) -> Result<DependencyText, Error> {
        let invalid = |reason: String| Error::InvalidArgument {
            name: "dependency".into(),
            reason,
        };
        let (id, requirement) = match text.split_once('@') {
            Some((id, requirement)) => (id, Some(requirement.trim())),
            None => (text, None),
        };
        let id = Id::parse(id.trim()).map_err(invalid)?;
        if let Some(requirement) = requirement {
            semver::VersionReq::parse(requirement).map_err(|e| {
                invalid(format!(
                    "expected a version requirement like \"^1.2\" or \">=1.0, <2\", found \"{requirement}\" ({e})"
                ))
            })?;
        }
        Ok(DependencyText {
            id,
            requirement: requirement.map(str::to_owned),
        })
    }
}

/// The service id a dependency entry names: `"id"`, `"id@REQ"` or `{ service = "id", … }`.
fn entry_service(entry: &Value) -> Option<&str> {
    match entry {
        Value::String(text) => Some(text.value().split('@').next().unwrap_or_default()),
        Value::InlineTable(table) => table.get("service")?.as_str(),
        _ => None,
    }
}

impl<'c> Editor<'c> {
    /// The service `id`, or an `UnknownService` error.
    fn service(&self, id: &str) -> Result<&'c Service, Error> {
        self.catalog
            .service(id)
            .ok_or_else(|| Error::UnknownService { id: id.to_owned() })
    }

    /// Runs `change` on the text of the file that defines `id`: the file's new text, or no
    /// edit when it is unchanged.
    fn change(
        &self,
        id: &str,
        change: impl FnOnce(&mut ServiceText) -> Result<(), String>,
    ) -> Result<Vec<FileEdit>, Error> {
        let service = self.service(id)?;
        let file = &self.catalog.sources()[service.id.span.file as usize];
        let mut text = ServiceText {
            id: id.to_owned(),
            text: file.text().to_owned(),
        };
        change(&mut text).map_err(|reason| Error::InvalidArgument {
            name: "id".into(),
            reason: format!("cannot edit `{id}` in {}: {reason}", file.path()),
        })?;
        Ok(if text.text == file.text() {
            Vec::new()
        } else {
            vec![FileEdit {
                path: file.path().to_owned(),
                text: text.text,
            }]
        })
    }

    /// Moves the service `id` to `status` (a status name such as `"ga"`), entered on `date`:
    /// sets `status` and `lifecycle.since`. No edit when it already has that status.
    pub fn set_status(&self, id: &str, status: &str, date: Date) -> Result<Vec<FileEdit>, Error> {
        let status = parse_status(status)?;
        let current = self.service(id)?.status();
        self.change(id, |s| {
            if current != status {
                s.set_status(status, date)?;
            }
            Ok(())
        })
    }

    /// Deprecates the service `id` on `date` in favour of `replacement`: status `deprecated`
    /// (with `lifecycle.since`, unless it already was), `lifecycle.deprecation_date = date`,
    /// `sunset_date` (six months after `date` unless given) and `replacement_service`.
    pub fn deprecate(
        &self,
        id: &str,
        replacement: &str,
        sunset: Option<Date>,
        date: Date,
    ) -> Result<Vec<FileEdit>, Error> {
        let current = self.service(id)?.status();
        self.service(replacement)?;
        if replacement == id {
            return Err(Error::InvalidArgument {
                name: "replacement".into(),
                reason: format!("`{id}` cannot replace itself"),
            });
        }
        let sunset = sunset.unwrap_or_else(|| date.add_months(6));
        if sunset < date {
            return Err(Error::InvalidArgument {
                name: "sunset".into(),
                reason: format!("the sunset date {sunset} is before the deprecation date {date}"),
            });
        }
        self.change(id, |s| {
            if current != Status::Deprecated {
                s.set_status(Status::Deprecated, date)?;
            }
            s.set(&["lifecycle", "deprecation_date"], NewValue::Date(date))?;
            s.set(&["lifecycle", "sunset_date"], NewValue::Date(sunset))?;
            s.set(
                &["lifecycle", "replacement_service"],
                NewValue::Str(replacement.to_owned()),
            )
        })
    }

    /// Sets the `version` of the service `id` (a semver version such as `"2.0.0"`).
    pub fn set_version(&self, id: &str, version: &str) -> Result<Vec<FileEdit>, Error> {
        let parsed =
            semver::Version::parse(version.trim()).map_err(|e| Error::InvalidArgument {
                name: "version".into(),
                reason: format!(
                    "expected a semver version like \"1.2.3\", found \"{version}\" ({e})"
                ),
            })?;
        self.change(id, |s| {
            s.set(&["version"], NewValue::Str(parsed.to_string()))
        })
    }

    /// Adds a dependency of the service `id` on `dependency` (`"id"` or `"id@REQ"`) to its
    /// `dependencies.requires` list, or to `dependencies.optional` when `optional`. The entry
    /// is written like the list's others (a string, or an inline table when they all are).
    pub fn add_dependency(
        &self,
        id: &str,
        dependency: &str,
        optional: bool,
    ) -> Result<Vec<FileEdit>, Error> {
        let dependency = DependencyText::parse(dependency)?;
        let service = self.service(id)?;
        self.service(dependency.id.as_str())?;
        let invalid = |reason: String| Error::InvalidArgument {
            name: "dependency".into(),
            reason,
        };
        if dependency.id.as_str() == id {
            return Err(invalid(format!("`{id}` cannot depend on itself")));
        }
        if service
            .dependencies
            .iter()
            .any(|d| d.service.value == dependency.id)
        {
            return Err(invalid(format!(
                "`{id}` already depends on `{}`",
                dependency.id
            )));
        }
        let list = if optional { "optional" } else { "requires" };
        self.change(id, |s| s.add_dependency(list, &dependency))
    }

    /// Removes every dependency of the service `id` on the service `dependency`, from
    /// `dependencies.requires` and `dependencies.optional`; a list left empty is removed, and
    /// so is a `dependencies` table left empty.
    pub fn remove_dependency(&self, id: &str, dependency: &str) -> Result<Vec<FileEdit>, Error> {
        self.service(id)?;
        let edits = self.change(id, |s| {
            for list in ["requires", "optional"] {
                while s.remove_dependency(list, dependency)? {}
            }
            Ok(())
        })?;
        if edits.is_empty() {
            return Err(Error::InvalidArgument {
                name: "dependency".into(),
                reason: format!("`{id}` does not depend on `{dependency}`"),
            });
        }
        Ok(edits)
    }
}

fn parse_status(status: &str) -> Result<Status, Error> {
    Status::parse(status.trim()).ok_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        Error::InvalidArgument {
            name: "status".into(),
            reason: format!("expected one of {}, found \"{status}\"", names.join(", ")),
        }
    })
}

/// The text of the file that defines one service, changed step by step.
struct ServiceText {
    id: String,
    text: String,
}

impl ServiceText {
    /// The path of `keys` under the service's table.
    fn path<'k>(&'k self, keys: &[&'k str]) -> Vec<&'k str> {
        let mut path = vec!["service", self.id.as_str()];
        path.extend(keys);
        path
    }

    fn set(&mut self, keys: &[&str], value: NewValue) -> Result<(), String> {
        let text = Source::parse(&self.text)?.set(&self.path(keys), &value)?;
        self.text = text;
        Ok(())
    }

    fn set_status(&mut self, status: Status, date: Date) -> Result<(), String> {
        self.set(&["status"], NewValue::Str(status.as_str().to_owned()))?;
        self.set(&["lifecycle", "since"], NewValue::Date(date))
    }

    fn add_dependency(&mut self, list: &str, dependency: &DependencyText) -> Result<(), String> {
        let path = self.path(&["dependencies", list]);
        let source = Source::parse(&self.text)?;
        let as_table = source
            .array(&path)?
            .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_inline_table));
        let id = dependency.id.as_str();
        let entry = match (&dependency.requirement, as_table) {
            (None, false) => basic_string(id),
            (Some(req), false) => basic_string(&format!("{id}@{req}")),
            (None, true) => format!("{{ service = {} }}", basic_string(id)),
            (Some(req), true) => format!(
                "{{ service = {}, version = {} }}",
                basic_string(id),
                basic_string(req)
            ),
        };
        let text = source.append(&path, &entry)?;
        self.text = text;
        Ok(())
    }

    /// Removes the first entry of `list` that names `dependency`; false when there is none.
    fn remove_dependency(&mut self, list: &str, dependency: &str) -> Result<bool, String> {
        let path = self.path(&["dependencies", list]);
        let source = Source::parse(&self.text)?;
        let Some(index) = source
            .array(&path)?
            .and_then(|a| a.iter().position(|e| entry_service(e) == Some(dependency)))
        else {
            return Ok(false);
        };
        let text = source.remove(&path, index, 2)?;
        self.text = text;
        Ok(true)
    }
}
