//! Reading `[service.<id>]` tables (format §3), shared by the registry and every project.

use super::reader::{Reader, parse_requirement, type_name};
use super::syntax::{Item, Table, Value};
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::model::*;
use crate::span::{Span, Spanned};

/// The fields of a service table.
pub(crate) const SERVICE_FIELDS: &[&str] = &[
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
];
const PORT_FIELDS: &[&str] = &["name", "port", "protocol"];
const HEALTH_CHECK_FIELDS: &[&str] = &["path", "port", "interval", "timeout"];
const DEPENDENCIES_FIELDS: &[&str] = &["requires", "optional"];
const DEPENDENCY_FIELDS: &[&str] = &["service", "version", "kind", "allow_beta"];
const CONSUMERS_FIELDS: &[&str] = &["projects", "required_by"];
const GOVERNANCE_FIELDS: &[&str] = &["approvers", "change_log", "break_changes_notice"];
const SLA_FIELDS: &[&str] = &[
    "availability",
    "response_time_p50",
    "response_time_p95",
    "response_time_p99",
    "error_rate",
    "break_handling",
];
const LIFECYCLE_FIELDS: &[&str] = &[
    "since",
    "deprecation_date",
    "sunset_date",
    "replacement_service",
];
const MIGRATION_FIELDS: &[&str] = &[
    "guide_url",
    "support_until",
    "migration_difficulty",
    "estimated_effort_hours",
];

/// Reads every `[service.<id>]` of the `service` table of a services file.
pub(crate) fn read_services(
    r: &mut Reader<'_>,
    value: &Value<'_>,
    project: Option<&Id>,
) -> Vec<Service> {
    let Some(table) = r.table(value, "service") else {
        return Vec::new();
    };
    let mut services = Vec::with_capacity(table.len());
    let text = r.sources[r.file as usize].text();
    for (key, value) in table.iter() {
        let key_span = r.span(key.span());
        let Ok(id) = Id::parse(key.get_ref()) else {
            let message = format!(
                "invalid service id: {}",
                Id::parse(key.get_ref()).unwrap_err()
            );
            r.report(Code::InvalidValue, Severity::Error, key_span, message);
            continue;
        };
        r.service = Some(id.to_string());
        if let Some(table) = r.table(value, format_args!("service.{id}")) {
            let span = r.span(value.span());
            let mut service = read_service(r, Spanned::new(id, key_span), span, table, project);
            service.fingerprint = fingerprint(text, value);
            services.push(service);
        }
        r.service = None;
    }
    services
}

/// A hash of a service's table as written, without locations: its keys in order, and the
/// source text of each value written in one piece (a scalar, or an inline array or table);
/// tables and arrays of tables are followed entry by entry, since they may be written in parts
/// (headers, dotted keys), and so is every table and array of a file left to `toml`, whose tree
/// does not tell. The same text always reads as the same data, so two tables with the same
/// fingerprint hold the same data; a value written differently (other spacing, a comment in
/// an array) only costs `diff` the comparison the fingerprint lets it skip. The hasher is fed
/// unambiguously: a tag per kind, a length before every text and every list.
fn fingerprint(text: &str, value: &Value<'_>) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    fn feed(text: &str, value: &Value<'_>, hasher: &mut impl Hasher) {
        match value.get_ref() {
            Item::Table(table) if !table.is_inline() => {
                hasher.write_u8(0);
                hasher.write_usize(table.len());
                for (key, item) in table.iter() {
                    let key = key.get_ref().as_bytes();
                    hasher.write_usize(key.len());
                    hasher.write(key);
                    feed(text, item, hasher);
                }
            }
            Item::Array(items) if !items.is_inline() => {
                hasher.write_u8(1);
                hasher.write_usize(items.len());
                for item in items.iter() {
                    feed(text, item, hasher);
                }
            }
            _ => {
                let written = &text.as_bytes()[value.span()];
                hasher.write_u8(2);
                hasher.write_usize(written.len());
                hasher.write(written);
            }
        }
    }
    // A fixed seed: fingerprints of two catalogs are compared.
    let mut hasher = foldhash::quality::FixedState::with_seed(0).build_hasher();
    feed(text, value, &mut hasher);
    hasher.finish()
}

fn read_service(
    r: &mut Reader<'_>,
    id: Spanned<Id>,
    span: Span,
    table: &Table<'_>,
    project: Option<&Id>,
) -> Service {
    let mut s = Service {
        id,
        project: project.cloned(),
        span,
        name: None,
        service_type: None,
        owner: None,
        description: None,
        version: None,
        status_field: None,
        compat_version_min: None,
        image: None,
        ports: Vec::new(),
        health_check: None,
        env: Vec::new(),
        exposed: None,
        tags: Vec::new(),
        tags_span: None,
        dependencies: Vec::new(),
        consumers: DeclaredConsumers::default(),
        governance: None,
        sla: None,
        lifecycle: None,
        migration: None,
        fingerprint: 0,
    };
    let mut version_seen = false;
    r.fields(table, SERVICE_FIELDS, |r, key, v| {
        match key {
            "name" => s.name = r.string(v, key),
            "type" => s.service_type = r.enumeration(v, key, ServiceType::ALL, ServiceType::as_str),
            "owner" => s.owner = r.string(v, key),
            "description" => s.description = r.string(v, key),
            "version" => {
                version_seen = true;
                s.version = r.version(v, key);
            }
            "status" => s.status_field = r.enumeration(v, key, Status::ALL, Status::as_str),
            "compat_version_min" => s.compat_version_min = r.version(v, key),
            "image" => s.image = r.string(v, key),
            "ports" => s.ports = read_ports(r, v),
            "health_check" => s.health_check = read_health_check(r, v).map(Box::new),
            "env" => s.env = read_env(r, v),
            "exposed" => s.exposed = r.bool(v, key),
            "tags" => {
                s.tags = r.string_list(v, key);
                s.tags_span = Some(r.span(v.span()));
            }
            "dependencies" => s.dependencies = read_dependencies(r, v),
            "consumers" => s.consumers = read_consumers(r, v),
            "governance" => s.governance = read_governance(r, v).map(Box::new),
            "sla" => s.sla = read_sla(r, v).map(Box::new),
            "lifecycle" => s.lifecycle = read_lifecycle(r, v).map(Box::new),
            "migration" => s.migration = read_migration(r, v).map(Box::new),
            _ => return false,
        }
        true
    });
    if !version_seen {
        let what = format!("service `{}`", s.id.value);
        r.missing(s.id.span, "version", &what);
    }
    if let Some(name) = &s.name
        && name.value != s.id.as_str()
    {
        let message = format!(
            "`name` is \"{}\" but the table key is `{}`",
            name.value, s.id.value
        );
        let diagnostic = r
            .diagnostic(Code::NameMismatch, Severity::Error, name.span, message)
            .related(r.sources, s.id.span, "table key")
            .help(format!("set `name = \"{}\"` or remove `name`", s.id.value));
        r.diagnostics.push(diagnostic);
    }
    s
}

fn read_ports(r: &mut Reader<'_>, value: &Value<'_>) -> Vec<Port> {
    let Item::Array(items) = value.get_ref() else {
        let found = type_name(value.get_ref());
        r.invalid(
            value,
            "ports",
            format!("expected a list of port tables, found {found}"),
        );
        return Vec::new();
    };
    let mut ports: Vec<Port> = Vec::new();
    for item in items.iter() {
        let Some(table) = r.table(item, "ports") else {
            continue;
        };
        let (mut name, mut port, mut protocol) = (None, None, None);
        r.fields(table, PORT_FIELDS, |r, key, v| {
            match key {
                "name" => name = r.string(v, key),
                "port" => port = r.integer(v, key, 1, 65_535),
                "protocol" => protocol = r.enumeration(v, key, Protocol::ALL, Protocol::as_str),
                _ => return false,
            }
            true
        });
        let span = r.span(item.span());
        let Some(port) = port else {
            if !table.contains_key("port") {
                r.missing(span, "port", "a `ports` entry");
            }
            continue;
        };
        if let Some(first) = ports.iter().find(|p| p.port.value == port.value) {
            let diagnostic = r
                .diagnostic(
                    Code::DuplicateItem,
                    Severity::Warning,
                    port.span,
                    format!("port {} is listed twice", port.value),
                )
                .related(r.sources, first.port.span, "first listed here");
            r.diagnostics.push(diagnostic);
            continue;
        }
        ports.push(Port {
            name,
            port,
            protocol,
            span,
        });
    }
    ports
}

fn read_health_check(r: &mut Reader<'_>, value: &Value<'_>) -> Option<HealthCheck> {
    let table = r.table(value, "health_check")?;
    let mut check = HealthCheck {
        path: None,
        port: None,
        interval: None,
        timeout: None,
        span: r.span(value.span()),
    };
    r.fields(table, HEALTH_CHECK_FIELDS, |r, key, v| {
        match key {
            "path" => check.path = r.string(v, key),
            "port" => check.port = r.integer(v, key, 1, 65_535),
            "interval" => check.interval = r.duration(v, key),
            "timeout" => check.timeout = r.duration(v, key),
            _ => return false,
        }
        true
    });
    Some(check)
}

fn read_env(r: &mut Reader<'_>, value: &Value<'_>) -> Vec<EnvVar> {
    let Some(table) = r.table(value, "env") else {
        return Vec::new();
    };
    let mut env = Vec::with_capacity(table.len());
    for (key, value) in table.iter() {
        if let Some(text) = r.string(value, format_args!("env.{}", key.get_ref())) {
            env.push(EnvVar {
                name: Spanned::new(key.get_ref().to_string(), r.span(key.span())),
                value: text,
            });
        }
    }
    env
}

fn read_dependencies(r: &mut Reader<'_>, value: &Value<'_>) -> Vec<Dependency> {
    let Some(table) = r.table(value, "dependencies") else {
        return Vec::new();
    };
    let mut dependencies: Vec<Dependency> = Vec::new();
    r.fields(table, DEPENDENCIES_FIELDS, |r, key, v| {
        let (optional, field) = match key {
            "requires" => (false, "dependencies.requires"),
            "optional" => (true, "dependencies.optional"),
            _ => return false,
        };
        let Item::Array(items) = v.get_ref() else {
            let found = type_name(v.get_ref());
            r.invalid(
                v,
                field,
                format!("expected a list of dependencies, found {found}"),
            );
            return true;
        };
        // Exact room: a service's dependencies are kept as long as the catalog.
        dependencies.reserve_exact(items.len());
        for item in items.iter() {
            let Some(dependency) = read_dependency(r, item, field, optional) else {
                continue;
            };
            if let Some(first) = dependencies
                .iter()
                .find(|d| d.service.value == dependency.service.value)
            {
                let message = format!(
                    "`{}` is listed twice as a dependency",
                    dependency.service.value
                );
                let diagnostic = r
                    .diagnostic(
                        Code::DuplicateItem,
                        Severity::Warning,
                        dependency.span,
                        message,
                    )
                    .related(r.sources, first.span, "first listed here")
                    .help("keep one entry per dependency");
                r.diagnostics.push(diagnostic);
                continue;
            }
            dependencies.push(dependency);
        }
        true
    });
    dependencies
}

fn read_dependency(
    r: &mut Reader<'_>,
    item: &Value<'_>,
    field: &str,
    optional: bool,
) -> Option<Dependency> {
    let span = r.span(item.span());
    match item.get_ref() {
        Item::String(text) => {
            // A byte loop: dependency strings are short, too short for `memchr` to pay.
            let (id_text, requirement) = match text.bytes().position(|b| b == b'@') {
                Some(at) => (&text[..at], Some(&text[at + 1..])),
                None => (text.as_ref(), None),
            };
            // Locate the id and the requirement inside the quoted string for precise spans,
            // when the source between the quotes is the text itself (no escapes, one line).
            let inner = Span {
                start: span.start + 1,
                end: span.end.saturating_sub(1).max(span.start + 1),
                ..span
            };
            let raw = r.sources[span.file as usize]
                .text()
                .get(inner.start as usize..inner.end as usize);
            // A string the scanner borrowed from the source is that text itself.
            let precise = raw.is_some_and(|raw| std::ptr::eq(raw, text.as_ref()) || raw == text);
            let id_span = if precise {
                Span {
                    end: inner.start + id_text.len() as u32,
                    ..inner
                }
            } else {
                span
            };
            let id = match Id::parse(id_text) {
                Ok(id) => Spanned::new(id, id_span),
                Err(expected) => {
                    let message = format!("invalid `{field}` entry: {expected}");
                    r.report(Code::InvalidValue, Severity::Error, id_span, message);
                    return None;
                }
            };
            let version = match requirement {
                None => None,
                Some(req) => {
                    let req_span = if precise {
                        Span {
                            start: id_span.end + 1,
                            end: inner.end,
                            ..inner
                        }
                    } else {
                        span
                    };
                    match parse_requirement(req) {
                        Ok(parsed) => Some(Spanned::new(parsed, req_span)),
                        Err(expected) => {
                            let message = format!("invalid `{field}` entry: {expected}");
                            r.report(Code::InvalidValue, Severity::Error, req_span, message);
                            return None;
                        }
                    }
                }
            };
            Some(Dependency {
                service: id,
                version,
                kind: DependencyKind::Sync,
                optional,
                allow_beta: false,
                span,
            })
        }
        Item::Table(table) => {
            let (mut service, mut version, mut kind, mut allow_beta) = (None, None, None, None);
            let mut valid = true;
            r.fields(table, DEPENDENCY_FIELDS, |r, key, v| {
                match key {
                    "service" => {
                        service = r.id(v, key);
                        valid &= service.is_some();
                    }
                    "version" => {
                        version = r.parsed(v, key, parse_requirement);
                        valid &= version.is_some();
                    }
                    "kind" => {
                        kind = r.enumeration(v, key, DependencyKind::ALL, DependencyKind::as_str)
                    }
                    "allow_beta" => allow_beta = r.bool(v, key),
                    _ => return false,
                }
                true
            });
            if !table.contains_key("service") {
                r.missing(span, "service", &format!("a `{field}` entry"));
            }
            let service = service.filter(|_| valid)?;
            Some(Dependency {
                service,
                version,
                kind: kind.map_or(DependencyKind::Sync, |k| k.value),
                optional,
                allow_beta: allow_beta.is_some_and(|b| b.value),
                span,
            })
        }
        other => {
            let found = type_name(other);
            r.invalid(
                item,
                field,
                format!("expected \"id\", \"id@REQ\" or {{ service = \"id\", version = \"REQ\" }}, found {found}"),
            );
            None
        }
    }
}

fn read_consumers(r: &mut Reader<'_>, value: &Value<'_>) -> DeclaredConsumers {
    let mut consumers = DeclaredConsumers {
        span: Some(r.span(value.span())),
        ..DeclaredConsumers::default()
    };
    let Some(table) = r.table(value, "consumers") else {
        return consumers;
    };
    r.fields(table, CONSUMERS_FIELDS, |r, key, v| {
        match key {
            "projects" => {
                consumers.projects = Some(r.id_list(v, "consumers.projects"));
                consumers.projects_span = Some(r.span(v.span()));
            }
            "required_by" => {
                consumers.required_by = Some(r.id_list(v, "consumers.required_by"));
                consumers.required_by_span = Some(r.span(v.span()));
            }
            _ => return false,
        }
        true
    });
    consumers
}

fn read_governance(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Governance> {
    let table = r.table(value, "governance")?;
    let mut governance = Governance {
        approvers: Vec::new(),
        approvers_span: None,
        change_log: None,
        break_changes_notice: None,
        span: r.span(value.span()),
    };
    r.fields(table, GOVERNANCE_FIELDS, |r, key, v| {
        match key {
            "approvers" => {
                governance.approvers = r.string_list(v, "governance.approvers");
                governance.approvers_span = Some(r.span(v.span()));
            }
            "change_log" => governance.change_log = r.string(v, "governance.change_log"),
            "break_changes_notice" => {
                governance.break_changes_notice =
                    r.integer(v, "governance.break_changes_notice", 0, 3650)
            }
            _ => return false,
        }
        true
    });
    Some(governance)
}

fn read_sla(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Sla> {
    let table = r.table(value, "sla")?;
    let mut sla = Sla {
        availability: None,
        response_time_p50: None,
        response_time_p95: None,
        response_time_p99: None,
        error_rate: None,
        break_handling: None,
        span: r.span(value.span()),
    };
    r.fields(table, SLA_FIELDS, |r, key, v| {
        match key {
            "availability" => sla.availability = r.percentage(v, "sla.availability"),
            "response_time_p50" => sla.response_time_p50 = r.duration(v, "sla.response_time_p50"),
            "response_time_p95" => sla.response_time_p95 = r.duration(v, "sla.response_time_p95"),
            "response_time_p99" => sla.response_time_p99 = r.duration(v, "sla.response_time_p99"),
            "error_rate" => sla.error_rate = r.percentage(v, "sla.error_rate"),
            "break_handling" => {
                sla.break_handling = r.enumeration(
                    v,
                    "sla.break_handling",
                    BreakHandling::ALL,
                    BreakHandling::as_str,
                )
            }
            _ => return false,
        }
        true
    });
    Some(sla)
}

fn read_lifecycle(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Lifecycle> {
    let table = r.table(value, "lifecycle")?;
    let mut lifecycle = Lifecycle {
        since: None,
        deprecation_date: None,
        sunset_date: None,
        replacement_service: None,
        span: r.span(value.span()),
    };
    r.fields(table, LIFECYCLE_FIELDS, |r, key, v| {
        match key {
            "since" => lifecycle.since = r.date(v, "lifecycle.since"),
            "deprecation_date" => {
                lifecycle.deprecation_date = r.date(v, "lifecycle.deprecation_date")
            }
            "sunset_date" => lifecycle.sunset_date = r.date(v, "lifecycle.sunset_date"),
            "replacement_service" => {
                lifecycle.replacement_service = r.id(v, "lifecycle.replacement_service")
            }
            _ => return false,
        }
        true
    });
    Some(lifecycle)
}

fn read_migration(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Migration> {
    let table = r.table(value, "migration")?;
    let mut migration = Migration {
        guide_url: None,
        support_until: None,
        migration_difficulty: None,
        estimated_effort_hours: None,
        span: r.span(value.span()),
    };
    r.fields(table, MIGRATION_FIELDS, |r, key, v| {
        match key {
            "guide_url" => migration.guide_url = r.string(v, "migration.guide_url"),
            "support_until" => migration.support_until = r.date(v, "migration.support_until"),
            "migration_difficulty" => {
                migration.migration_difficulty = r.enumeration(
                    v,
                    "migration.migration_difficulty",
                    MigrationDifficulty::ALL,
                    MigrationDifficulty::as_str,
                )
            }
            "estimated_effort_hours" => {
                migration.estimated_effort_hours =
                    r.integer(v, "migration.estimated_effort_hours", 0, 100_000)
            }
            _ => return false,
        }
        true
    });
    Some(migration)
}

#[cfg(test)]
mod tests {
    use crate::Catalog;

    /// A value of the wrong kind is reported under its full field name, wherever the name is
    /// made of the key it sits under.
    #[test]
    fn wrong_kinds_of_value_name_their_field() {
        let catalog = Catalog::from_files([(
            "services/catalog.toml",
            "service.flat = 1\n\n[service.api]\nenv = { LOG_LEVEL = 3 }\n\
             lifecycle = { since = \"soon\", replacement_service = \"Not An Id\" }\n\
             migration = { guide_url = 4, support_until = 5, migration_difficulty = \"huge\", \
             estimated_effort_hours = -1 }\n",
        )]);
        let mut fields: Vec<&str> = catalog
            .diagnostics()
            .iter()
            .filter_map(|d| d.message.strip_prefix("invalid `"))
            .filter_map(|rest| rest.split_once('`').map(|(field, _)| field))
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "env.LOG_LEVEL",
                "lifecycle.replacement_service",
                "lifecycle.since",
                "migration.estimated_effort_hours",
                "migration.guide_url",
                "migration.migration_difficulty",
                "migration.support_until",
                "service.flat",
            ]
        );
    }
}
