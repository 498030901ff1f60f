//! `compose`: a docker-compose file (Compose Specification) for one project and environment.
//!
//! - Services: the project's own and every service they require, directly or through a chain
//!   (shared services and other projects' exposed ones), sorted by id; `optional` dependencies
//!   are not pulled in, retired services and libraries are left out (the header says so).
//! - Ports are published on ephemeral host ports (`target` only), so two services listening on
//!   8080 never clash.
//! - `healthcheck` comes from `health_check`: `curl -fsS http://localhost:PORT/PATH` for a
//!   path, `grpc_health_probe` for the gRPC health service, `nc -z localhost PORT` without a
//!   path; both run in exec form, so nothing from the catalog reaches a shell. The image must
//!   ship the tool.
//! - `depends_on` follows the required dependencies: `service_healthy` for a synchronous one
//!   with a health check, `service_started` otherwise (an `async` edge only needs its queue up).
//! - Secrets never appear: a reference (`vault://…`) or a plaintext credential becomes a
//!   `${VARIABLE:?…}` placeholder that compose refuses to run without; the variable is the
//!   name an `env://NAME` reference gives, else `SERVICE_ID_VARIABLE`. The header lists each
//!   placeholder with the reference it is read from. Every other `$` is written `$$`.
//! - Labels `service-catalog.*` carry project, owner, version, status and the defining file;
//!   a deprecated service also gets its sunset date and replacement, and a comment.

use super::yaml::{self, Map, Yaml};
use super::{
    EnvValue, GENERATED, Target, env_name, env_value, grpc_health, health_port, image,
    lifecycle_note, replacement, rollout, safe, source_path, sunset,
};
use crate::Catalog;
use crate::model::{DependencyKind, Duration, Service};

/// Renders the compose file of `target`.
pub(super) fn render(catalog: &Catalog, target: &Target<'_>) -> String {
    let project = target.project.id.as_str();
    let mut placeholders: Vec<(String, String)> = Vec::new();
    let mut services = Map::new();
    for service in &target.services {
        let mut notes: Vec<String> = lifecycle_note(service).into_iter().collect();
        let entry = compose_service(catalog, target, service, &mut placeholders, &mut notes);
        services.commented(notes, service.id.as_str(), entry);
    }
    let mut root = Map::new();
    let mut meta = Map::new();
    meta.insert("project", project)
        .insert("environment", target.environment.as_str());
    if let Some(rollout) = rollout(catalog, target.project, &target.environment) {
        meta.insert("rollout-pattern", literal(rollout.name));
    }
    root.insert("x-service-catalog", meta);
    root.insert("services", services);

    let mut header = vec![
        GENERATED.to_owned(),
        format!(
            "docker-compose file for project {project} in {}: its services and every service they require.",
            target.environment
        ),
    ];
    placeholders.sort();
    placeholders.dedup();
    if !placeholders.is_empty() {
        header.push(
            "Secrets are not in this file: set these variables before `docker compose up`:"
                .to_owned(),
        );
        let width = placeholders.iter().map(|(v, _)| v.len()).max().unwrap_or(0);
        for (variable, source) in &placeholders {
            header.push(format!("  {variable:<width$}  {source}"));
        }
    }
    for (id, reason) in &target.left_out {
        header.push(format!("Left out: {id} ({reason})."));
    }
    let mut out = String::new();
    yaml::comments(&mut out, &header, 0);
    out.push_str(&yaml::document(&root));
    out
}

/// A catalog string as compose reads it: `$` would start an interpolation.
fn literal(text: &str) -> String {
    text.replace('$', "$$")
}

/// A duration as compose (Go's `time.ParseDuration`) reads it: no `d` unit.
fn go_duration(duration: Duration) -> String {
    let millis = duration.as_millis();
    for (unit, scale) in [("h", 3_600_000), ("m", 60_000), ("s", 1_000)] {
        if millis >= scale && millis % scale == 0 {
            return format!("{}{unit}", millis / scale);
        }
    }
    format!("{millis}ms")
}

fn compose_service(
    catalog: &Catalog,
    target: &Target<'_>,
    service: &Service,
    placeholders: &mut Vec<(String, String)>,
    notes: &mut Vec<String>,
) -> Map {
    let mut map = Map::new();
    let (image, image_note) = image(service);
    notes.extend(image_note);
    map.insert("image", literal(&image));
    map.insert("labels", labels(catalog, target, service));
    if !service.ports.is_empty() {
        let ports = service
            .ports
            .iter()
            .map(|p| {
                let mut port = Map::new();
                port.insert("target", p.port.value).insert(
                    "protocol",
                    p.protocol.as_ref().map_or("tcp", |p| p.as_str()),
                );
                Yaml::Map(port)
            })
            .collect::<Vec<_>>();
        map.insert("ports", ports);
    }
    if !service.env.is_empty() {
        let mut environment = Map::new();
        for var in &service.env {
            let value = match env_value(catalog, var) {
                EnvValue::Literal(text) => literal(text),
                EnvValue::Reference(reference) => {
                    let variable = reference
                        .strip_prefix("env://")
                        .filter(|name| valid_variable(name))
                        .map_or_else(|| variable(service, &var.name), str::to_owned);
                    let source = placeholder_text(reference);
                    placeholders.push((variable.clone(), source.clone()));
                    format!("${{{variable}:?set {variable} from {source}}}")
                }
                EnvValue::Plaintext => {
                    let variable = variable(service, &var.name);
                    let source = "a secret store (the catalog holds it in plaintext; withheld)";
                    placeholders.push((variable.clone(), source.to_owned()));
                    format!(
                        "${{{variable}:?set {variable}: the catalog's plaintext value is withheld}}"
                    )
                }
            };
            environment.insert(var.name.as_str(), value);
        }
        map.insert("environment", environment);
    }
    if let Some(check) = healthcheck(service) {
        map.insert("healthcheck", check);
    }
    let mut depends_on = Map::new();
    let mut listed: Vec<&str> = Vec::new();
    for dependency in service.required_dependencies() {
        let id = dependency.service.as_str();
        let Some(provider) = target.services.iter().find(|s| s.id.as_str() == id) else {
            continue;
        };
        if listed.contains(&id) {
            continue;
        }
        listed.push(id);
        let condition =
            if dependency.kind == DependencyKind::Sync && healthcheck(provider).is_some() {
                "service_healthy"
            } else {
                "service_started"
            };
        let mut entry = Map::new();
        entry.insert("condition", condition);
        depends_on.insert(id, entry);
    }
    if !depends_on.is_empty() {
        map.insert("depends_on", depends_on);
    }
    map
}

fn labels(catalog: &Catalog, target: &Target<'_>, service: &Service) -> Map {
    let mut labels = Map::new();
    labels.insert(
        "service-catalog.project",
        service.project.as_ref().map_or("shared", |p| p.as_str()),
    );
    labels.insert("service-catalog.environment", target.environment.as_str());
    labels.insert_some(
        "service-catalog.owner",
        service.owner.as_ref().map(|o| literal(safe("owner", o))),
    );
    labels.insert_some(
        "service-catalog.version",
        service.version.as_ref().map(|v| v.to_string()),
    );
    labels.insert("service-catalog.status", service.status().as_str());
    labels.insert_some(
        "service-catalog.sunset-date",
        sunset(service).map(|d| d.to_string()),
    );
    labels.insert_some("service-catalog.replacement", replacement(service));
    labels.insert(
        "service-catalog.source",
        literal(source_path(catalog, service.span.file)),
    );
    labels
}

/// The compose `healthcheck` of a service with a `health_check` and a port to probe.
fn healthcheck(service: &Service) -> Option<Map> {
    let check = service.health_check.as_ref()?;
    let port = health_port(service)?;
    let test: Vec<Yaml> = match check.path.as_ref().map(|p| p.as_str()) {
        Some(path) if grpc_health(path) => vec![
            "CMD".into(),
            "grpc_health_probe".into(),
            format!("-addr=localhost:{port}").into(),
        ],
        Some(path) => {
            let slash = if path.starts_with('/') { "" } else { "/" };
            vec![
                "CMD".into(),
                "curl".into(),
                "-fsS".into(),
                literal(&format!("http://localhost:{port}{slash}{path}")).into(),
            ]
        }
        None => vec![
            "CMD".into(),
            "nc".into(),
            "-z".into(),
            "localhost".into(),
            port.to_string().into(),
        ],
    };
    let mut map = Map::new();
    map.insert("test", test);
    if let Some(interval) = &check.interval {
        map.insert("interval", go_duration(interval.value));
    }
    if let Some(timeout) = &check.timeout {
        map.insert("timeout", go_duration(timeout.value));
    }
    map.insert("retries", 3i64);
    Some(map)
}

/// True for a POSIX environment variable name.
fn valid_variable(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `IDENTITY_SERVICE_DB_PASSWORD` for `DB_PASSWORD` of `identity-service`.
fn variable(service: &Service, name: &str) -> String {
    format!("{}_{}", env_name(service.id.as_str()), env_name(name))
}

/// A reference as the message of a `${VAR:?message}` placeholder: no `}` (it would end the
/// placeholder) and no `$` (it would start another).
fn placeholder_text(reference: &str) -> String {
    reference.replace(['}', '$'], "")
}
