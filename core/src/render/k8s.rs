//! `k8s`: Kubernetes manifests for one project and environment: a Deployment (`apps/v1`) per
//! service and a Service (`v1`) per service with ports.
//!
//! - The services are those of the compose kind: the project's own and every service they
//!   require, directly or through a chain, sorted by id; retired services and libraries are
//!   left out.
//! - No namespace is set: apply the file to the namespace of the project and environment.
//! - Labels (`app.kubernetes.io/*`, `service-catalog/project`, `environment`, `status` and
//!   `owner` when it is a valid label value) select and group; annotations carry owner,
//!   version, status, description, the defining file, the rollout pattern, and for a service
//!   going away its sunset date, replacement and migration guide.
//! - Probes come from `health_check`: `httpGet` for a path, `grpc` for the gRPC health
//!   service, `tcpSocket` without a path; `interval` and `timeout` become `periodSeconds` and
//!   `timeoutSeconds` (rounded up to whole seconds).
//! - Secrets: every reference and every plaintext credential becomes a `secretKeyRef` to the
//!   Secret `<service>-secrets`, key = the variable's name; the annotation
//!   `service-catalog/secret-references` says where each key's value comes from (a plaintext
//!   value is never copied, only marked as withheld).
//! - The deployment pattern of the environment sets the update strategy: `immediate` is
//!   `Recreate`, `rolling` is `RollingUpdate` with the pattern's `max_surge` and
//!   `max_unavailable`; `canary` and `blue-green` keep the default rolling update and are named
//!   in annotations for the progressive-delivery controller that runs them.

use super::yaml::{self, Map, Yaml};
use super::{
    EnvValue, GENERATED, Rollout, Target, env_value, grpc_health, health_port, image,
    lifecycle_note, rollout, safe, service_annotations,
};
use crate::Catalog;
use crate::model::{Duration, Percentage, Service, Strategy};

/// Renders the manifests of `target`.
pub(super) fn render(catalog: &Catalog, target: &Target<'_>) -> String {
    let project = target.project.id.as_str();
    let mut header = vec![
        GENERATED.to_owned(),
        format!(
            "Kubernetes manifests for project {project} in {}: a Deployment and a Service for each of its services and every service they require.",
            target.environment
        ),
        "No namespace is set: apply with `kubectl apply -n NAMESPACE -f FILE`.".to_owned(),
    ];
    if target.services.iter().any(|s| !s.env.is_empty()) {
        header.push(
            "Secret settings are read from the Secret `<service>-secrets` (key = variable name); \
             see each Deployment's service-catalog/secret-references annotation."
                .to_owned(),
        );
    }
    for (id, reason) in &target.left_out {
        header.push(format!("Left out: {id} ({reason})."));
    }
    let rollout = rollout(catalog, target.project, &target.environment);
    let mut out = String::new();
    yaml::comments(&mut out, &header, 0);
    for service in &target.services {
        let mut note: Vec<String> = lifecycle_note(service).into_iter().collect();
        note.extend(image(service).1);
        out.push_str("---\n");
        yaml::comments(&mut out, &note, 0);
        out.push_str(&yaml::document(&deployment(
            catalog,
            target,
            service,
            rollout.as_ref(),
        )));
        if let Some(k8s_service) = k8s_service(target, service) {
            out.push_str("---\n");
            yaml::comments(&mut out, &note, 0);
            out.push_str(&yaml::document(&k8s_service));
        }
    }
    out
}

/// Whether `text` is a valid label value: at most 63 characters of `[A-Za-z0-9_.-]`, starting
/// and ending with a letter or digit.
fn label_value_ok(text: &str) -> bool {
    text.len() <= 63
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && text.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// The selector labels: the service's name.
fn selector(service: &Service) -> Map {
    let mut labels = Map::new();
    labels.insert("app.kubernetes.io/name", service.id.as_str());
    labels
}

fn labels(target: &Target<'_>, service: &Service) -> Map {
    let mut labels = selector(service);
    if let Some(version) = &service.version {
        // Build metadata (`+sha.1`) is the one semver character a label cannot hold.
        let value = version.to_string().replace('+', "_");
        if label_value_ok(&value) {
            labels.insert("app.kubernetes.io/version", value);
        }
    }
    labels
        .insert("app.kubernetes.io/part-of", target.project.id.as_str())
        .insert("app.kubernetes.io/managed-by", "service-catalog")
        .insert(
            "service-catalog/project",
            service.project.as_ref().map_or("shared", |p| p.as_str()),
        );
    // deployment.toml may name an environment in words a label cannot hold.
    if label_value_ok(&target.environment) {
        labels.insert("service-catalog/environment", target.environment.as_str());
    }
    labels.insert("service-catalog/status", service.status().as_str());
    if let Some(owner) = &service.owner
        && label_value_ok(owner)
    {
        labels.insert("service-catalog/owner", safe("owner", owner).to_owned());
    }
    labels
}

fn annotations(catalog: &Catalog, service: &Service, rollout: Option<&Rollout<'_>>) -> Map {
    let description = service
        .description
        .as_ref()
        .map(|d| safe("description", d).to_owned());
    let mut annotations = service_annotations(
        catalog,
        service,
        ("service-catalog/description", description),
    );
    if let Some(rollout) = rollout {
        annotations.insert("service-catalog/rollout-pattern", rollout.name);
        if let Some(strategy) = rollout.strategy {
            annotations.insert("service-catalog/rollout-strategy", strategy.as_str());
        }
    }
    let references: Vec<String> = service
        .env
        .iter()
        .filter_map(|var| match env_value(catalog, var) {
            EnvValue::Literal(_) => None,
            EnvValue::Reference(reference) => Some(format!("{}={reference}", var.name.as_str())),
            EnvValue::Plaintext => Some(format!(
                "{}=(plaintext in the catalog: withheld, store it in a secret manager)",
                var.name.as_str()
            )),
        })
        .collect();
    if !references.is_empty() {
        annotations.insert("service-catalog/secret-references", references.join("\n"));
    }
    annotations
}

/// A Secret key for a variable: `[-._a-zA-Z0-9]`, anything else becomes `-`.
fn secret_key(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Whole seconds, rounded up, at least 1.
fn seconds(duration: Duration) -> i64 {
    (duration.as_millis().div_ceil(1000)).max(1) as i64
}

fn probe(service: &Service) -> Option<Map> {
    let check = service.health_check.as_ref()?;
    let port = health_port(service)?;
    let mut probe = Map::new();
    let mut action = Map::new();
    match check.path.as_ref().map(|p| p.as_str()) {
        Some(path) if grpc_health(path) => {
            action.insert("port", port);
            probe.insert("grpc", action);
        }
        Some(path) => {
            let path = if path.starts_with('/') {
                path.to_owned()
            } else {
                format!("/{path}")
            };
            action.insert("path", path).insert("port", port);
            probe.insert("httpGet", action);
        }
        None => {
            action.insert("port", port);
            probe.insert("tcpSocket", action);
        }
    }
    if let Some(interval) = &check.interval {
        probe.insert("periodSeconds", seconds(interval.value));
    }
    if let Some(timeout) = &check.timeout {
        probe.insert("timeoutSeconds", seconds(timeout.value));
    }
    Some(probe)
}

/// The IANA service name Kubernetes requires of a port name: at most 15 characters of
/// `[a-z0-9-]`, at least one letter, no `-` at either end or twice in a row.
fn port_name_ok(name: &str) -> bool {
    (1..=15).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && name.chars().any(|c| c.is_ascii_lowercase())
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// Each port's name: the catalog's when valid and not yet used, else `port-<number>`.
fn port_names(service: &Service) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for port in &service.ports {
        let name = port
            .name
            .as_ref()
            .map(|n| n.value.clone())
            .filter(|n| port_name_ok(n) && !names.contains(n))
            .unwrap_or_else(|| format!("port-{}", port.port.value));
        names.push(name);
    }
    names
}

fn protocol(port: &crate::model::Port) -> &'static str {
    match port.protocol.as_ref().map(|p| p.value) {
        Some(crate::model::Protocol::Udp) => "UDP",
        Some(crate::model::Protocol::Sctp) => "SCTP",
        _ => "TCP",
    }
}

fn container(catalog: &Catalog, service: &Service) -> Map {
    let mut container = Map::new();
    let (image, _) = image(service);
    container
        .insert("name", service.id.as_str())
        .insert("image", image);
    if !service.ports.is_empty() {
        let ports = service
            .ports
            .iter()
            .zip(port_names(service))
            .map(|(port, name)| {
                let mut entry = Map::new();
                entry
                    .insert("name", name)
                    .insert("containerPort", port.port.value)
                    .insert("protocol", protocol(port));
                Yaml::Map(entry)
            })
            .collect::<Vec<_>>();
        container.insert("ports", ports);
    }
    if !service.env.is_empty() {
        let secret = format!("{}-secrets", service.id.as_str());
        let env = service
            .env
            .iter()
            .map(|var| {
                let mut entry = Map::new();
                entry.insert("name", var.name.as_str());
                match env_value(catalog, var) {
                    EnvValue::Literal(text) => {
                        entry.insert("value", text);
                    }
                    EnvValue::Reference(_) | EnvValue::Plaintext => {
                        let mut key = Map::new();
                        key.insert("name", secret.as_str())
                            .insert("key", secret_key(&var.name));
                        let mut from = Map::new();
                        from.insert("secretKeyRef", key);
                        entry.insert("valueFrom", from);
                    }
                }
                Yaml::Map(entry)
            })
            .collect::<Vec<_>>();
        container.insert("env", env);
    }
    container.insert_some("readinessProbe", probe(service));
    container.insert_some("livenessProbe", probe(service));
    container
}

/// The update strategy a rollout pattern asks for, when Kubernetes has one for it.
fn strategy(rollout: Option<&Rollout<'_>>) -> Option<Map> {
    let rollout = rollout?;
    let mut strategy = Map::new();
    match rollout.strategy? {
        Strategy::Immediate => {
            strategy.insert("type", "Recreate");
        }
        Strategy::Rolling => {
            strategy.insert("type", "RollingUpdate");
            let mut rolling = Map::new();
            let whole = |p: &Percentage| {
                let text = p.to_string();
                (!text.contains('.')).then_some(text)
            };
            if let Some(pattern) = rollout.pattern {
                rolling
                    .insert_some(
                        "maxSurge",
                        pattern.max_surge.as_ref().and_then(|p| whole(p)),
                    )
                    .insert_some(
                        "maxUnavailable",
                        pattern.max_unavailable.as_ref().and_then(|p| whole(p)),
                    );
            }
            if !rolling.is_empty() {
                strategy.insert("rollingUpdate", rolling);
            }
        }
        Strategy::Canary | Strategy::BlueGreen => return None,
    }
    Some(strategy)
}

fn deployment(
    catalog: &Catalog,
    target: &Target<'_>,
    service: &Service,
    rollout: Option<&Rollout<'_>>,
) -> Map {
    let labels = labels(target, service);
    let mut metadata = Map::new();
    metadata
        .insert("name", service.id.as_str())
        .insert("labels", labels.clone())
        .insert("annotations", annotations(catalog, service, rollout));
    let mut selector_map = Map::new();
    selector_map.insert("matchLabels", selector(service));
    let mut template_metadata = Map::new();
    template_metadata.insert("labels", labels);
    let mut pod_spec = Map::new();
    pod_spec.insert("containers", vec![Yaml::Map(container(catalog, service))]);
    let mut template = Map::new();
    template
        .insert("metadata", template_metadata)
        .insert("spec", pod_spec);
    let mut spec = Map::new();
    spec.insert("selector", selector_map);
    spec.insert_some("strategy", strategy(rollout));
    spec.insert("template", template);
    let mut root = Map::new();
    root.insert("apiVersion", "apps/v1")
        .insert("kind", "Deployment")
        .insert("metadata", metadata)
        .insert("spec", spec);
    root
}

fn k8s_service(target: &Target<'_>, service: &Service) -> Option<Map> {
    if service.ports.is_empty() {
        return None;
    }
    let ports = service
        .ports
        .iter()
        .zip(port_names(service))
        .map(|(port, name)| {
            let mut entry = Map::new();
            entry
                .insert("name", name)
                .insert("port", port.port.value)
                .insert("targetPort", port.port.value)
                .insert("protocol", protocol(port));
            Yaml::Map(entry)
        })
        .collect::<Vec<_>>();
    let mut metadata = Map::new();
    metadata
        .insert("name", service.id.as_str())
        .insert("labels", labels(target, service));
    let mut spec = Map::new();
    spec.insert("selector", selector(service))
        .insert("ports", ports);
    let mut root = Map::new();
    root.insert("apiVersion", "v1")
        .insert("kind", "Service")
        .insert("metadata", metadata)
        .insert("spec", spec);
    Some(root)
}
