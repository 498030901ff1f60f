//! Governance checks (format §7): the fields `policies/security.toml` requires of services that
//! critical (or other) projects consume, and the declarative rules of
//! `policies/compliance.toml`, evaluated over dotted paths into each service.

use super::Context;
use super::graph::Node;
use super::propagate::propagate;
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::load::closest;
use crate::model::{
    AssertionKind, BreakHandling, Date, Duration, Id, MigrationDifficulty, Percentage, Project,
    Rule, RuleValue, Service, ServiceType, Status,
};
use crate::span::{Span, Spanned};
use semver::Version;
use serde_json::Value;
use std::borrow::Cow;
use std::cmp::Ordering;

/// The first segments a path into a service may start with.
const SERVICE_FIELDS: &[&str] = &[
    "id",
    "name",
    "type",
    "owner",
    "description",
    "version",
    "status",
    "compat_version_min",
    "image",
    "ports",
    "health_check",
    "env",
    "exposed",
    "tags",
    "dependencies",
    "consumers",
    "governance",
    "sla",
    "lifecycle",
    "migration",
    "project",
];
/// The fields of each sub-table a path may go into (`env` takes any variable name; the other
/// fields are values or lists and end a path).
const SUB_FIELDS: &[(&str, &[&str])] = &[
    ("health_check", &["path", "port", "interval", "timeout"]),
    ("consumers", &["projects", "required_by"]),
    (
        "governance",
        &["approvers", "change_log", "break_changes_notice"],
    ),
    (
        "sla",
        &[
            "availability",
            "response_time_p50",
            "response_time_p95",
            "response_time_p99",
            "error_rate",
            "break_handling",
        ],
    ),
    (
        "lifecycle",
        &[
            "since",
            "deprecation_date",
            "sunset_date",
            "replacement_service",
        ],
    ),
    (
        "migration",
        &[
            "guide_url",
            "support_until",
            "migration_difficulty",
            "estimated_effort_hours",
        ],
    ),
];

/// The fields of a project a `project.*` path may name.
const PROJECT_FIELDS: &[&str] = &["id", "name", "description", "environment", "tier", "owners"];

/// Adds every `policy/<rule id>` finding: each rule of `policies/compliance.toml` whose paths
/// the format knows, on every service it matches.
pub(super) fn rules(cx: &mut Context<'_>) {
    let Some(compliance) = &cx.catalog.policies().compliance else {
        return;
    };
    for rule in &compliance.rules {
        if validate_rule(cx, rule) {
            evaluate_rule(cx, rule);
        }
    }
}

/// A value found at a dotted path of a service, with where it is written.
struct Found<'s> {
    value: Field<'s>,
    span: Span,
}

/// A field's value as its plain data (JSON) holds it. Rules read texts most, so texts are
/// borrowed from the model (dates, durations, percentages and versions are formatted only when
/// compared or shown: a `require` needs none), a whole sub-table is converted only when a
/// message shows it, and only the rest is JSON.
enum Field<'s> {
    /// A string.
    Text(Cow<'s, str>),
    /// A value whose plain data is its display text: a version, date, duration or percentage,
    /// which never shows as empty text.
    Shown(&'s dyn std::fmt::Display),
    /// A list of strings (`tags`, `governance.approvers`).
    Texts(&'s [Spanned<String>]),
    /// A whole sub-table (`health_check`, `sla`, …).
    Table(&'s dyn Plain),
    /// Anything else: numbers, booleans, other lists and tables.
    Json(Value),
}

impl Field<'_> {
    /// The value as JSON.
    fn to_json(&self) -> Value {
        match self {
            Field::Text(text) => Value::String(text.as_ref().to_owned()),
            Field::Shown(value) => Value::String(value.to_string()),
            Field::Texts(items) => json(items),
            Field::Table(table) => table.json(),
            Field::Json(value) => value.clone(),
        }
    }

    /// The value as one quantity or text to compare, if it is one.
    fn scalar(&self) -> Scalar<'_> {
        match self {
            Field::Text(text) => Scalar::Text(Cow::Borrowed(text)),
            Field::Shown(value) => Scalar::Text(Cow::Owned(value.to_string())),
            Field::Json(value) => Scalar::of(value),
            Field::Texts(_) | Field::Table(_) => Scalar::None,
        }
    }
}

/// A sub-table's plain data, built on demand.
trait Plain {
    /// The table as JSON.
    fn json(&self) -> Value;
    /// Whether the table's JSON has no entries, found without building it.
    fn is_empty(&self) -> bool;
}

impl<T: serde::Serialize> Plain for T {
    fn json(&self) -> Value {
        json(self)
    }

    fn is_empty(&self) -> bool {
        /// Counts the bytes written.
        struct Length(usize);
        impl std::io::Write for Length {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0 += bytes.len();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut length = Length(0);
        // A table serializes as `{}` exactly when it has no entries.
        serde_json::to_writer(&mut length, self).is_ok() && length.0 <= 2
    }
}

/// A comparable value: a text, a number or a boolean.
enum Scalar<'a> {
    Text(Cow<'a, str>),
    Number(&'a serde_json::Number),
    Boolean(bool),
    None,
}

impl<'a> Scalar<'a> {
    fn of(value: &'a Value) -> Self {
        match value {
            Value::String(text) => Scalar::Text(Cow::Borrowed(text)),
            Value::Number(number) => Scalar::Number(number),
            Value::Bool(b) => Scalar::Boolean(*b),
            _ => Scalar::None,
        }
    }
}

/// A value of the model as a rule reads it.
trait RuleField {
    fn field(&self) -> Field<'_>;
}

/// [`RuleField`] for each of some types, reading a value `$value` with `$read`.
macro_rules! rule_fields {
    ($value:ident => $read:expr; $($kind:ty),*) => {$(
        impl RuleField for $kind {
            fn field(&self) -> Field<'_> {
                let $value = self;
                $read
            }
        }
    )*};
}
// Texts, ids and values whose plain data is their spelling in TOML: borrowed.
rule_fields!(v => Field::Text(Cow::Borrowed(v.as_str()));
    String, Id, ServiceType, Status, BreakHandling, MigrationDifficulty);
// Values whose plain data is their display text.
rule_fields!(v => Field::Shown(v); Version, Date, Duration, Percentage);
// Numbers and booleans.
rule_fields!(v => Field::Json(json(v)); u16, u32, bool);

/// A dotted path a rule or a required field names, split once (it is looked up in every
/// service): its first segment, the field of a sub-table it names, and what is left to
/// descend into in the value found.
struct FieldPath<'p> {
    first: &'p str,
    field: Option<&'p str>,
    rest: Option<&'p str>,
}

impl<'p> FieldPath<'p> {
    fn parse(path: &'p str) -> Self {
        let (first, after_first) = match path.split_once('.') {
            Some((first, after)) => (first, Some(after)),
            None => (path, None),
        };
        let (field, after_field) = match after_first.map(|after| after.split_once('.')) {
            None => (None, None),
            Some(None) => (after_first, None),
            Some(Some((field, after))) => (Some(field), Some(after)),
        };
        // What the value found is to be descended into: past the field for a sub-table.
        let rest = match SUB_FIELDS.iter().any(|(table, _)| *table == first) {
            true if field.is_some() => after_field,
            _ => after_first,
        };
        FieldPath { first, field, rest }
    }
}

/// The value at `path` in `service`, or `None` when absent.
fn lookup<'s>(service: &'s Service, path: &FieldPath<'_>) -> Option<Found<'s>> {
    let FieldPath { first, field, rest } = *path;
    let table_span = |span: Option<Span>| span.unwrap_or(service.id.span);
    // A sub-table converts only the field the path names, never the whole table.
    let (value, span) = match first {
        "id" => (service.id.field(), service.id.span),
        "project" => (service.project.as_ref()?.field(), service.id.span),
        "name" => spanned(&service.name)?,
        "type" => spanned(&service.service_type)?,
        "owner" => spanned(&service.owner)?,
        "description" => spanned(&service.description)?,
        "version" => spanned(&service.version)?,
        "status" => (
            Field::Text(Cow::Borrowed(service.status().as_str())),
            table_span(service.status_field.as_ref().map(|s| s.span)),
        ),
        "compat_version_min" => spanned(&service.compat_version_min)?,
        "image" => spanned(&service.image)?,
        "exposed" => spanned(&service.exposed)?,
        "tags" => (Field::Texts(&service.tags), table_span(service.tags_span)),
        "ports" => (
            Field::Json(json(&service.ports)),
            table_span(service.ports.first().map(|p| p.span)),
        ),
        "dependencies" => (
            Field::Json(json(&service.dependencies)),
            table_span(service.dependencies.first().map(|d| d.span)),
        ),
        "env" => {
            let map: serde_json::Map<String, Value> = service
                .env
                .iter()
                .map(|e| (e.name.value.clone(), Value::String(e.value.value.clone())))
                .collect();
            let span = field
                .and_then(|name| service.env.iter().find(|e| e.name.as_str() == name))
                .map(|e| e.value.span);
            (
                Field::Json(Value::Object(map)),
                table_span(span.or(service.env.first().map(|e| e.name.span))),
            )
        }
        "consumers" => {
            let consumers = &service.consumers;
            let (value, span) = match field {
                None => (json(consumers), consumers.span),
                Some(name) => {
                    let span = match name {
                        "projects" => consumers.projects_span,
                        "required_by" => consumers.required_by_span,
                        _ => None,
                    };
                    (descend(json(consumers), name)?, span.or(consumers.span))
                }
            };
            (Field::Json(value), table_span(span))
        }
        "health_check" => table(
            &service.health_check,
            |h| h.span,
            field,
            |h, f| match f {
                "path" => spanned(&h.path),
                "port" => spanned(&h.port),
                "interval" => spanned(&h.interval),
                "timeout" => spanned(&h.timeout),
                _ => None,
            },
        )?,
        "governance" => table(
            &service.governance,
            |g| g.span,
            field,
            |g, f| match f {
                // An unwritten list is `[]`, located at the table.
                "approvers" => Some((
                    Field::Texts(&g.approvers),
                    g.approvers_span.unwrap_or(g.span),
                )),
                "change_log" => spanned(&g.change_log),
                "break_changes_notice" => spanned(&g.break_changes_notice),
                _ => None,
            },
        )?,
        "sla" => table(
            &service.sla,
            |s| s.span,
            field,
            |s, f| match f {
                "availability" => spanned(&s.availability),
                "response_time_p50" => spanned(&s.response_time_p50),
                "response_time_p95" => spanned(&s.response_time_p95),
                "response_time_p99" => spanned(&s.response_time_p99),
                "error_rate" => spanned(&s.error_rate),
                "break_handling" => spanned(&s.break_handling),
                _ => None,
            },
        )?,
        "lifecycle" => table(
            &service.lifecycle,
            |l| l.span,
            field,
            |l, f| match f {
                "since" => spanned(&l.since),
                "deprecation_date" => spanned(&l.deprecation_date),
                "sunset_date" => spanned(&l.sunset_date),
                "replacement_service" => spanned(&l.replacement_service),
                _ => None,
            },
        )?,
        "migration" => table(
            &service.migration,
            |m| m.span,
            field,
            |m, f| match f {
                "guide_url" => spanned(&m.guide_url),
                "support_until" => spanned(&m.support_until),
                "migration_difficulty" => spanned(&m.migration_difficulty),
                "estimated_effort_hours" => spanned(&m.estimated_effort_hours),
                _ => None,
            },
        )?,
        _ => return None,
    };
    let value = match rest {
        None => value,
        Some(rest) => Field::Json(rest.split('.').try_fold(value.to_json(), descend)?),
    };
    match &value {
        Field::Json(Value::Null) => None,
        _ => Some(Found { value, span }),
    }
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn spanned<T: RuleField>(value: &Option<Spanned<T>>) -> Option<(Field<'_>, Span)> {
    value.as_ref().map(|v| (v.value.field(), v.span))
}

/// A sub-table: the named field's value and span (`field_of` gives them, or `None` when the
/// field is absent or unknown), or the whole table's without a field.
fn table<'s, T: serde::Serialize>(
    value: &'s Option<Box<T>>,
    span: impl Fn(&T) -> Span,
    field: Option<&str>,
    field_of: impl Fn(&'s T, &str) -> Option<(Field<'s>, Span)>,
) -> Option<(Field<'s>, Span)> {
    let value: &'s T = value.as_ref()?;
    match field {
        Some(field) => field_of(value, field),
        None => Some((Field::Table(value), span(value))),
    }
}

fn descend(value: Value, segment: &str) -> Option<Value> {
    match value {
        Value::Object(mut map) => map.remove(segment),
        _ => None,
    }
}

/// Present and not empty: not null, not `""`, not `[]`, not `{}`.
fn non_empty(value: &Field<'_>) -> bool {
    match value {
        Field::Text(text) => !text.trim().is_empty(),
        Field::Shown(_) => true,
        Field::Texts(items) => !items.is_empty(),
        Field::Table(table) => !table.is_empty(),
        Field::Json(Value::Null) => false,
        Field::Json(Value::String(s)) => !s.trim().is_empty(),
        Field::Json(Value::Array(a)) => !a.is_empty(),
        Field::Json(Value::Object(o)) => !o.is_empty(),
        Field::Json(_) => true,
    }
}

/// Adds `security/missing-required`: the fields `policies/security.toml` requires of the
/// services that projects of each tier consume.
pub(super) fn required_fields(cx: &mut Context<'_>) {
    let Some(security) = &cx.catalog.policies().security else {
        return;
    };
    for (tier, fields) in &security.required {
        let paths: Vec<FieldPath> = fields.iter().map(|f| FieldPath::parse(f)).collect();
        for node in 0..cx.catalog.services().len() as Node {
            if !cx.in_scope(node) {
                continue;
            }
            let Some(project) = cx.consumers()[node as usize].of_tier(tier.value) else {
                continue;
            };
            let service = cx.service(node);
            for (field, path) in fields.iter().zip(&paths) {
                let at = match lookup(service, path) {
                    Some(found) if non_empty(&found.value) => continue,
                    Some(empty) => empty.span,
                    None => missing_span(service, field),
                };
                let finding = cx
                    .about(
                        node,
                        Code::SecurityMissingRequired,
                        Severity::Error,
                        at,
                        format!(
                            "`{}` serves {} project `{}` but does not set `{}`, which `policies/security.toml` requires",
                            service.id.as_str(),
                            tier.value,
                            cx.project_id(project),
                            field.value
                        ),
                    )
                    .help(format!("set `{}` on `{}`", field.value, service.id.as_str()))
                    .related(cx.sources(), field.span, format!("required for {} here", tier.value));
                cx.push(finding);
            }
        }
    }
}

/// Where to point at a missing path: its parent table when written, else the service's key.
fn missing_span(service: &Service, path: &str) -> Span {
    match path.split_once('.') {
        Some((parent, _)) => {
            lookup(service, &FieldPath::parse(parent)).map_or(service.id.span, |f| f.span)
        }
        None => service.id.span,
    }
}

/// Reports paths a rule names that no service or project has; returns whether the rule is
/// usable.
fn validate_rule(cx: &mut Context<'_>, rule: &Rule) -> bool {
    let paths = rule
        .matches
        .iter()
        .map(|(k, _)| k)
        .chain(&rule.require)
        .chain(rule.asserts.iter().map(|(k, _)| k));
    let mut usable = true;
    let mut findings = Vec::new();
    for path in paths {
        let Some((segment, known, what)) = unknown_segment(path) else {
            continue;
        };
        usable = false;
        let help = match closest(segment, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if known.is_empty() => format!("`{what}` has no fields"),
            None => format!("`{what}` has: {}", known.join(", ")),
        };
        findings.push(
            crate::diagnostic::Diagnostic::new(
                cx.sources(),
                Code::InvalidValue,
                Severity::Error,
                path.span,
                format!(
                    "rule `{}` names `{}`, which is not a path of the format: `{what}` has no field `{segment}`",
                    rule.id.as_str(),
                    path.value
                ),
            )
            .help(help),
        );
    }
    for finding in findings {
        cx.push(finding);
    }
    usable
}

/// The first segment of `path` the format does not know, with the fields it allows there and
/// what they belong to.
fn unknown_segment(path: &str) -> Option<(&str, &'static [&'static str], String)> {
    let (mut known, mut what, rest): (&'static [&'static str], String, &str) =
        match path.strip_prefix("project.") {
            Some(rest) => (PROJECT_FIELDS, "project".into(), rest),
            None => (SERVICE_FIELDS, "service".into(), path),
        };
    for segment in rest.split('.') {
        if what == "env" {
            return None;
        }
        if !known.contains(&segment) {
            return Some((segment, known, what));
        }
        known = SUB_FIELDS
            .iter()
            .find(|(table, _)| *table == segment)
            .map_or(&[][..], |(_, fields)| *fields);
        what = segment.to_owned();
    }
    None
}

fn evaluate_rule(cx: &mut Context<'_>, rule: &Rule) {
    let catalog = cx.catalog;
    let (project_keys, service_keys): (Vec<_>, Vec<_>) = rule
        .matches
        .iter()
        .partition(|(k, _)| k.starts_with("project."));
    // Projects the rule's `project.*` keys select, carried to everything they consume.
    let through = (!project_keys.is_empty()).then(|| {
        let selected: Vec<bool> = catalog
            .projects()
            .iter()
            .map(|p| project_matches(p, &project_keys))
            .collect();
        let mut initial = vec![u32::MAX; catalog.services().len()];
        for (index, project) in catalog.projects().iter().enumerate() {
            if !selected[index] {
                continue;
            }
            for id in &project.services {
                if let Some(node) = catalog.node(id.as_str()) {
                    initial[node as usize] = initial[node as usize].min(index as u32);
                }
            }
        }
        let reached = propagate(catalog, cx.components(), initial, |a, b| *a = (*a).min(*b));
        (selected, reached)
    });
    let code = Code::Policy(format!("policy/{}", rule.id.as_str()));
    let description = rule
        .description
        .as_ref()
        .map_or_else(|| rule.id.as_str().to_owned(), |d| d.value.clone());
    let service_keys: Vec<(FieldPath, &RuleValue)> = service_keys
        .iter()
        .map(|(path, expected)| (FieldPath::parse(path), &expected.value))
        .collect();
    let require: Vec<FieldPath> = rule.require.iter().map(|p| FieldPath::parse(p)).collect();
    let asserted: Vec<FieldPath> = rule
        .asserts
        .iter()
        .map(|(p, _)| FieldPath::parse(p))
        .collect();
    for (node, service) in catalog.services().iter().enumerate() {
        if !cx.in_scope(node as Node) {
            continue;
        }
        if !service_keys.iter().all(|(path, expected)| {
            lookup(service, path).is_some_and(|f| matches(&f.value, expected))
        }) {
            continue;
        }
        let via = match &through {
            None => None,
            Some((selected, reached)) => {
                let project = match &service.project {
                    Some(own) => catalog
                        .project_index(own.as_str())
                        .filter(|&p| selected[p as usize]),
                    None => Some(reached[node]).filter(|&p| p != u32::MAX),
                };
                match project {
                    Some(p) => Some(p),
                    None => continue,
                }
            }
        };
        let mut failures: Vec<(Span, String)> = Vec::new();
        for (path, parsed) in rule.require.iter().zip(&require) {
            match lookup(service, parsed) {
                Some(found) if non_empty(&found.value) => {}
                Some(empty) => failures.push((empty.span, format!("`{}` is empty", path.value))),
                None => failures.push((
                    missing_span(service, path),
                    format!("`{}` is missing", path.value),
                )),
            }
        }
        for ((path, assertion), parsed) in rule.asserts.iter().zip(&asserted) {
            let found = lookup(service, parsed);
            for (kind, bound) in &assertion.bounds {
                let Some(found) = &found else {
                    failures.push((
                        missing_span(service, path),
                        format!(
                            "`{}` is missing (the rule asserts {} {})",
                            path.value,
                            kind.value,
                            show(bound)
                        ),
                    ));
                    break;
                };
                if !holds(&found.value, kind.value, bound) {
                    failures.push((
                        found.span,
                        format!(
                            "`{}` is {} but the rule asserts {} {}",
                            path.value,
                            show_value(&found.value.to_json()),
                            kind.value,
                            show(bound)
                        ),
                    ));
                }
            }
        }
        for (span, what) in failures {
            let scope = match (via, &service.project) {
                (Some(p), None) => format!(" (consumed by project `{}`)", cx.project_id(p)),
                _ => String::new(),
            };
            let finding = cx
                .about(
                    node as Node,
                    code.clone(),
                    rule.severity,
                    span,
                    format!(
                        "`{}` breaks rule `{}`{scope}: {description}: {what}",
                        service.id.as_str(),
                        rule.id.as_str()
                    ),
                )
                .help(format!(
                    "make `{}` satisfy the rule, or narrow the rule's `match`",
                    service.id.as_str()
                ))
                .related(cx.sources(), rule.id.span, "rule defined here");
            let finding = match (via, &service.project) {
                (Some(p), None) => finding.project(Some(cx.project_id(p))),
                _ => finding,
            };
            cx.push(finding);
        }
    }
}

fn project_matches(project: &Project, keys: &[&(Spanned<String>, Spanned<RuleValue>)]) -> bool {
    let value = json(project);
    keys.iter().all(|(path, expected)| {
        let rest = path.strip_prefix("project.").unwrap_or(path);
        rest.split('.')
            .try_fold(value.clone(), descend)
            .is_some_and(|v| !v.is_null() && matches(&Field::Json(v), expected))
    })
}

/// `match` semantics: a list is any-of; a list field matches when it contains the value.
fn matches(value: &Field<'_>, expected: &RuleValue) -> bool {
    match (value, expected) {
        (_, RuleValue::List(options)) => options.iter().any(|o| matches(value, o)),
        (Field::Texts(items), _) => items
            .iter()
            .any(|item| equals(Scalar::Text(Cow::Borrowed(&item.value)), expected)),
        (Field::Json(Value::Array(items)), _) => {
            items.iter().any(|item| equals(Scalar::of(item), expected))
        }
        _ => equals(value.scalar(), expected),
    }
}

fn equals(value: Scalar<'_>, expected: &RuleValue) -> bool {
    compare(value, expected) == Some(Ordering::Equal)
}

/// Orders a field's value against a rule's value, reading both as the same kind of quantity:
/// percentages, durations, dates and versions by their meaning, numbers as numbers.
fn compare(value: Scalar<'_>, bound: &RuleValue) -> Option<Ordering> {
    let text: Cow<'_, str> = match value {
        Scalar::Text(s) => s,
        Scalar::Number(n) => Cow::Owned(n.to_string()),
        Scalar::Boolean(b) => {
            return match bound {
                RuleValue::Boolean(e) => Some(b.cmp(e)),
                _ => None,
            };
        }
        Scalar::None => return None,
    };
    let bound_text: Cow<'_, str> = match bound {
        RuleValue::String(s) | RuleValue::Float(s) => Cow::Borrowed(s),
        RuleValue::Integer(i) => Cow::Owned(i.to_string()),
        RuleValue::Date(d) => Cow::Owned(d.to_string()),
        RuleValue::Boolean(_) | RuleValue::List(_) => return None,
    };
    if text == bound_text {
        return Some(Ordering::Equal);
    }
    let quantity = |t: &str| t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.');
    if !quantity(&text) || !quantity(&bound_text) {
        return Some(text.cmp(&bound_text));
    }
    if text.ends_with('%') || bound_text.ends_with('%') {
        if let (Ok(a), Ok(b)) = (Percentage::parse(&text), Percentage::parse(&bound_text)) {
            return Some(a.cmp(&b));
        }
    }
    if let (Ok(a), Ok(b)) = (text.parse::<f64>(), bound_text.parse::<f64>()) {
        return a.partial_cmp(&b);
    }
    if let (Ok(a), Ok(b)) = (Duration::parse(&text), Duration::parse(&bound_text)) {
        return Some(a.cmp(&b));
    }
    if let (Ok(a), Ok(b)) = (Date::parse(&text), Date::parse(&bound_text)) {
        return Some(a.cmp(&b));
    }
    if let (Ok(a), Ok(b)) = (
        semver::Version::parse(&text),
        semver::Version::parse(&bound_text),
    ) {
        return Some(a.cmp(&b));
    }
    Some(text.cmp(&bound_text))
}

fn holds(value: &Field<'_>, kind: AssertionKind, bound: &Spanned<RuleValue>) -> bool {
    let count = || match value {
        Field::Texts(items) => Some(items.len() as i64),
        Field::Table(table) => table.json().as_object().map(|o| o.len() as i64),
        Field::Text(s) if !s.is_empty() => Some(1),
        Field::Shown(_) => Some(1),
        Field::Json(Value::Array(a)) => Some(a.len() as i64),
        Field::Json(Value::Object(o)) => Some(o.len() as i64),
        Field::Json(Value::String(s)) if !s.is_empty() => Some(1),
        _ => None,
    };
    let limit = || match &bound.value {
        RuleValue::Integer(i) => Some(*i),
        _ => None,
    };
    match kind {
        AssertionKind::MinItems => count().zip(limit()).is_some_and(|(c, l)| c >= l),
        AssertionKind::MaxItems => count().zip(limit()).is_some_and(|(c, l)| c <= l),
        AssertionKind::Min => compare(value.scalar(), bound).is_some_and(|o| o != Ordering::Less),
        AssertionKind::Max => {
            compare(value.scalar(), bound).is_some_and(|o| o != Ordering::Greater)
        }
        AssertionKind::Equals => equals(value.scalar(), bound),
        AssertionKind::OneOf => match &bound.value {
            RuleValue::List(options) => options.iter().any(|o| equals(value.scalar(), o)),
            other => equals(value.scalar(), other),
        },
    }
}

fn show(value: &RuleValue) -> String {
    show_value(&json(value))
}

fn show_value(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    /// Every path a rule may name, into every sub-table, reads what the service's plain data
    /// (its JSON) holds there, and is empty exactly when that JSON is.
    #[test]
    fn a_field_reads_as_the_plain_data_at_its_path() {
        let full = r#"
[service.billing]
name = "billing"
type = "database"
owner = "team-a"
description = "Invoices"
version = "1.2.3"
status = "beta"
compat_version_min = "1.0.0"
image = "registry.example.com/billing:1.2.3"
ports = [{ name = "http", port = 8080 }]
health_check = { path = "/healthz", port = 8080, interval = "10s", timeout = "2s" }
env = { LOG_LEVEL = "info", REGION = "eu" }
exposed = true
tags = ["pci", "tier-1"]
consumers = { projects = ["shop"], required_by = ["shop"] }
governance = { approvers = ["@a", "@b"], change_log = "https://example.com/c", break_changes_notice = 30 }
sla = { availability = "99.95%", response_time_p50 = "10ms", response_time_p95 = "20ms", response_time_p99 = "40ms", error_rate = "0.1%", break_handling = "degrade" }
lifecycle = { since = 2024-01-01 }
migration = { guide_url = "https://example.com/m", migration_difficulty = "easy", estimated_effort_hours = 4 }

[service.billing.dependencies]
requires = ["auth@^1"]

[service.auth]
version = "1.0.0"
health_check = {}
governance = { approvers = [], change_log = " " }
"#;
        let catalog = Catalog::from_files([
            ("services/catalog.toml", full),
            (
                "projects/shop/services.toml",
                "[project]\nname = \"Shop\"\n",
            ),
        ]);
        // `env` is left out: rules read it as a table of its variables (its plain data is a
        // list of them), and it is JSON either way.
        let mut paths: Vec<String> = SERVICE_FIELDS
            .iter()
            .filter(|f| **f != "env")
            .map(|f| f.to_string())
            .collect();
        for (table, fields) in SUB_FIELDS {
            paths.extend(fields.iter().map(|f| format!("{table}.{f}")));
        }
        paths.push("consumers.nothing".into());
        for service in catalog.services() {
            let plain = json(service);
            for path in &paths {
                let expected = path
                    .split('.')
                    .try_fold(plain.clone(), descend)
                    .filter(|v| !v.is_null());
                let found = lookup(service, &FieldPath::parse(path));
                let id = service.id.as_str();
                assert_eq!(
                    found.as_ref().map(|f| f.value.to_json()),
                    expected,
                    "{id}: {path}"
                );
                if let (Some(found), Some(expected)) = (found, expected) {
                    let as_json = Field::Json(expected);
                    assert_eq!(non_empty(&found.value), non_empty(&as_json), "{id}: {path}");
                    let bound = Spanned::new(RuleValue::Integer(1), found.span);
                    for kind in [AssertionKind::MinItems, AssertionKind::MaxItems] {
                        let (a, b) = (
                            holds(&found.value, kind, &bound),
                            holds(&as_json, kind, &bound),
                        );
                        assert_eq!(a, b, "{id}: {path} {kind:?}");
                    }
                }
            }
        }
    }
}
