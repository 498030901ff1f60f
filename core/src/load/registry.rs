//! Reading `services/patterns.toml` and `services/versions.toml`.

use super::reader::{Reader, type_name};
use super::syntax::{Item, Table, Value};
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::model::*;
use crate::span::Spanned;

const PATTERN_FIELDS: &[&str] = &[
    "description",
    "strategy",
    "steps",
    "pause",
    "max_surge",
    "max_unavailable",
    "auto_rollback",
];
const VERSIONS_FIELDS: &[&str] = &["history"];
const RELEASE_FIELDS: &[&str] = &["version", "date", "notes"];

/// Reads the `[<section>.<id>]` tables of a registry file, calling `read` for each valid id.
fn read_keyed<T>(
    r: &mut Reader<'_>,
    root: &Table<'_>,
    section: &str,
    mut read: impl FnMut(&mut Reader<'_>, Spanned<Id>, &Table<'_>) -> T,
) -> Vec<T> {
    let mut items = Vec::new();
    r.fields(root, &[section], |r, key, v| {
        if key != section {
            return false;
        }
        let Some(table) = r.table(v, section) else {
            return true;
        };
        for (key, value) in table.iter() {
            let key_span = r.span(key.span());
            let id = match Id::parse(key.get_ref()) {
                Ok(id) => Spanned::new(id, key_span),
                Err(expected) => {
                    let message = format!("invalid id in `{section}`: {expected}");
                    r.report(Code::InvalidValue, Severity::Error, key_span, message);
                    continue;
                }
            };
            if let Some(inner) = r.table(value, format_args!("{section}.{}", id.value)) {
                items.push(read(r, id, inner));
            }
        }
        true
    });
    items
}

/// Reads `services/patterns.toml`.
pub(crate) fn read_patterns(r: &mut Reader<'_>, root: &Table<'_>) -> Vec<Pattern> {
    read_keyed(r, root, "pattern", |r, id, table| {
        let mut pattern = Pattern {
            id,
            description: None,
            strategy: None,
            steps: Vec::new(),
            pause: None,
            max_surge: None,
            max_unavailable: None,
            auto_rollback: None,
        };
        r.fields(table, PATTERN_FIELDS, |r, key, v| {
            match key {
                "description" => pattern.description = r.string(v, key),
                "strategy" => {
                    pattern.strategy = r.enumeration(v, key, Strategy::ALL, Strategy::as_str)
                }
                "steps" => pattern.steps = r.list(v, key, |r, v| r.percentage(v, "steps")),
                "pause" => pattern.pause = r.duration(v, key),
                "max_surge" => pattern.max_surge = r.percentage(v, key),
                "max_unavailable" => pattern.max_unavailable = r.percentage(v, key),
                "auto_rollback" => pattern.auto_rollback = r.bool(v, key),
                _ => return false,
            }
            true
        });
        pattern
    })
}

/// Reads `services/versions.toml`.
pub(crate) fn read_versions(r: &mut Reader<'_>, root: &Table<'_>) -> Vec<VersionHistory> {
    read_keyed(r, root, "versions", |r, service, table| {
        r.service = Some(service.value.to_string());
        let mut history = Vec::new();
        let mut history_seen = false;
        r.fields(table, VERSIONS_FIELDS, |r, key, v| {
            if key != "history" {
                return false;
            }
            history_seen = true;
            history = read_history(r, v);
            true
        });
        if !history_seen {
            let what = format!("`versions.{}`", service.value);
            r.missing(service.span, "history", &what);
        }
        r.service = None;
        VersionHistory { service, history }
    })
}

fn read_history(r: &mut Reader<'_>, value: &Value<'_>) -> Vec<Release> {
    let Item::Array(items) = value.get_ref() else {
        let found = type_name(value.get_ref());
        r.invalid(
            value,
            "history",
            format!("expected a list of {{ version, date }} tables, found {found}"),
        );
        return Vec::new();
    };
    let mut releases = Vec::new();
    for item in items.iter() {
        let Some(table) = r.table(item, "history") else {
            continue;
        };
        let span = r.span(item.span());
        let (mut version, mut date, mut notes) = (None, None, None);
        r.fields(table, RELEASE_FIELDS, |r, key, v| {
            match key {
                "version" => version = r.version(v, "history.version"),
                "date" => date = r.date(v, "history.date"),
                "notes" => notes = r.string(v, "history.notes"),
                _ => return false,
            }
            true
        });
        if !table.contains_key("version") {
            r.missing(span, "version", "a `history` entry");
        }
        if let Some(version) = version {
            releases.push(Release {
                version,
                date,
                notes,
                span,
            });
        }
    }
    releases
}
