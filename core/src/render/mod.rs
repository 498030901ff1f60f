//! What people read and what gets deployed, generated from the catalog: [`render`] turns a
//! [`Catalog`] into the text of one [`RenderKind`].
//!
//! | kind | output | options |
//! | --- | --- | --- |
//! | `services-md` | SERVICES.md: the inventory grouped by project, lifecycle notices first | none |
//! | `topology-md` | TOPOLOGY.md: the Mermaid graph, the cross-project matrix, version compatibility, the deprecation timeline | none |
//! | `mermaid`, `dot` | the dependency graph coloured by lifecycle status | `service` and `depth`: one service's neighbourhood |
//! | `compose` | a docker-compose file for one project and environment | `project` (required), `environment` |
//! | `k8s` | a Deployment and a Service per service for one project and environment | `project` (required), `environment` |
//! | `backstage` | Backstage entities: a System per project, a Component per service, a Group per owner | none |
//!
//! Every kind is deterministic (the same tree gives the same bytes), marks deprecated and
//! retired services wherever it lists them, and never copies a plaintext secret: a string
//! that the secret scanner of `check` classifies as a credential is replaced by
//! `[plaintext secret withheld]`, and in manifests an environment variable holding one becomes
//! a placeholder or a `secretKeyRef` just like a reference (`vault://…`, `env://…`,
//! `secret://…` or a scheme the security policy allows).
//!
//! ```
//! use service_catalog::{Catalog, RenderKind, RenderOptions, render};
//!
//! let catalog = Catalog::from_files([(
//!     "services/catalog.toml",
//!     "[service.auth]\nversion = \"1.2.3\"\nstatus = \"deprecated\"\n",
//! )]);
//! let dot = render(&catalog, RenderKind::Dot, &RenderOptions::default()).unwrap();
//! assert!(dot.contains("deprecated"));
//! ```

mod backstage;
mod compose;
mod graph;
mod k8s;
mod services_md;
mod topology_md;
mod yaml;

use crate::analysis::secrets::{self, Kind};
use crate::error::Error;
use crate::model::{EnvVar, Project, Service, Status};
use crate::span::FileId;
use crate::{Catalog, Date};
use std::fmt;

/// What [`render`] produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RenderKind {
    /// SERVICES.md: the inventory of every service, grouped by project.
    ServicesMd,
    /// TOPOLOGY.md: the dependency graph, the cross-project and version-compatibility matrices
    /// and the deprecation timeline.
    TopologyMd,
    /// The dependency graph as a Mermaid flowchart.
    Mermaid,
    /// The dependency graph in Graphviz DOT.
    Dot,
    /// A docker-compose file for one project and environment.
    Compose,
    /// Kubernetes manifests for one project and environment.
    K8s,
    /// Backstage catalog entities: a System per project, a Component per service, a Group per
    /// owner.
    Backstage,
}

impl RenderKind {
    /// Every kind, in documentation order.
    pub const ALL: &'static [RenderKind] = &[
        RenderKind::ServicesMd,
        RenderKind::TopologyMd,
        RenderKind::Mermaid,
        RenderKind::Dot,
        RenderKind::Compose,
        RenderKind::K8s,
        RenderKind::Backstage,
    ];

    /// The kind's name, as the command line and the bindings spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            RenderKind::ServicesMd => "services-md",
            RenderKind::TopologyMd => "topology-md",
            RenderKind::Mermaid => "mermaid",
            RenderKind::Dot => "dot",
            RenderKind::Compose => "compose",
            RenderKind::K8s => "k8s",
            RenderKind::Backstage => "backstage",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<RenderKind> {
        RenderKind::ALL.iter().copied().find(|k| k.as_str() == name)
    }

    fn takes_project(self) -> bool {
        matches!(self, RenderKind::Compose | RenderKind::K8s)
    }

    fn takes_service(self) -> bool {
        matches!(self, RenderKind::Mermaid | RenderKind::Dot)
    }
}

impl fmt::Display for RenderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RenderKind {
    type Err = Error;
    fn from_str(name: &str) -> Result<RenderKind, Error> {
        RenderKind::parse(name).ok_or_else(|| Error::InvalidArgument {
            name: "kind".into(),
            reason: format!(
                "expected one of {}, found \"{name}\"",
                RenderKind::ALL
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }
}

/// What to render, beyond the kind. Each option applies to some kinds only; passing one to a
/// kind that does not take it is an `invalid-argument` error rather than silently ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// `compose`, `k8s`: the project to deploy (required).
    pub project: Option<String>,
    /// `compose`, `k8s`: the environment, one of the project's `deployment.toml` environments
    /// or its `project.environment` (the default; else the first deployment environment).
    pub environment: Option<String>,
    /// `mermaid`, `dot`: draw only this service's neighbourhood.
    pub service: Option<String>,
    /// `mermaid`, `dot` with `service`: how many dependency or consumer hops the neighbourhood
    /// reaches (default 1).
    pub depth: Option<usize>,
}

impl RenderOptions {
    /// Sets the project.
    pub fn project(mut self, id: impl Into<String>) -> Self {
        self.project = Some(id.into());
        self
    }

    /// Sets the environment.
    pub fn environment(mut self, name: impl Into<String>) -> Self {
        self.environment = Some(name.into());
        self
    }

    /// Sets the service whose neighbourhood a graph shows.
    pub fn service(mut self, id: impl Into<String>) -> Self {
        self.service = Some(id.into());
        self
    }

    /// Sets the neighbourhood's depth.
    pub fn depth(mut self, depth: usize) -> Self {
        self.depth = Some(depth);
        self
    }
}

/// Renders `catalog` as `kind`. Errors: `invalid-argument` for an option the kind does not
/// take or a missing `project`, `unknown-project` and `unknown-service` for ids the catalog
/// does not define. Findings in the tree never stop a rendering: render what is there, and
/// let `check` report what is wrong.
pub fn render(
    catalog: &Catalog,
    kind: RenderKind,
    options: &RenderOptions,
) -> Result<String, Error> {
    let refuse = |name: &str, kinds: &str| Error::InvalidArgument {
        name: name.to_owned(),
        reason: format!("applies only to {kinds}, not to {kind}"),
    };
    if !kind.takes_project() {
        if options.project.is_some() {
            return Err(refuse("project", "compose and k8s"));
        }
        if options.environment.is_some() {
            return Err(refuse("environment", "compose and k8s"));
        }
    }
    if !kind.takes_service() {
        if options.service.is_some() {
            return Err(refuse("service", "mermaid and dot"));
        }
        if options.depth.is_some() {
            return Err(refuse("depth", "mermaid and dot"));
        }
    }
    match kind {
        RenderKind::ServicesMd => Ok(services_md::render(catalog)),
        RenderKind::TopologyMd => Ok(topology_md::render(catalog)),
        RenderKind::Mermaid => {
            graph::Selection::new(catalog, options).map(|s| graph::mermaid(catalog, &s))
        }
        RenderKind::Dot => graph::Selection::new(catalog, options).map(|s| graph::dot(catalog, &s)),
        RenderKind::Compose => {
            Target::new(catalog, kind, options).map(|t| compose::render(catalog, &t))
        }
        RenderKind::K8s => Target::new(catalog, kind, options).map(|t| k8s::render(catalog, &t)),
        RenderKind::Backstage => Ok(backstage::render(catalog)),
    }
}

/// The first line of every generated Markdown file and manifest.
const GENERATED: &str = "Generated by service-catalog from the control-center tree: do not edit by hand, change the TOML files and render again.";

/// The schemes that always mark a secret reference, whatever the security policy says.
const REFERENCE_SCHEMES: &[&str] = &["vault://", "env://", "secret://"];

/// What a plaintext credential is replaced with in every output.
const WITHHELD: &str = "[plaintext secret withheld]";

/// `value` of the field `key`, or [`WITHHELD`] when the secret scanner classifies it as a
/// plaintext credential.
fn safe<'a>(key: &str, value: &'a str) -> &'a str {
    match secrets::classify(key, value) {
        Some(Kind::Secret { .. }) => WITHHELD,
        _ => value,
    }
}

/// An environment variable's value as a manifest may carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EnvValue<'a> {
    /// A plain setting, copied as is.
    Literal(&'a str),
    /// A reference to a secret store (`vault://…`): resolved at deploy time.
    Reference(&'a str),
    /// A plaintext credential: never copied; deployed like a reference whose source is unknown.
    Plaintext,
}

/// Classifies `var`: plaintext credentials first (a `vault://user:pass@host` value is one),
/// then references by scheme, then everything else as a literal.
fn env_value<'a>(catalog: &Catalog, var: &'a EnvVar) -> EnvValue<'a> {
    let value = var.value.as_str();
    match secrets::classify(&var.name, value) {
        Some(Kind::Secret { .. }) => EnvValue::Plaintext,
        Some(Kind::Reference { .. }) => EnvValue::Reference(value),
        None => {
            let allowed = catalog
                .policies()
                .security
                .iter()
                .flat_map(|s| s.allowed_schemes.iter().map(|a| a.as_str()));
            if REFERENCE_SCHEMES
                .iter()
                .copied()
                .chain(allowed)
                .any(|scheme| !scheme.is_empty() && value.starts_with(scheme))
            {
                EnvValue::Reference(value)
            } else {
                EnvValue::Literal(value)
            }
        }
    }
}

/// Every service once, in catalog order (shared first, then each project's in path order); a
/// duplicated id keeps the definition the catalog's queries answer with.
fn services(catalog: &Catalog) -> impl Iterator<Item = &Service> {
    catalog.services().iter().filter(|s| {
        catalog
            .service(s.id.as_str())
            .is_some_and(|indexed| std::ptr::eq(indexed, *s))
    })
}

/// The shared registry or one project, with its services in file order.
struct Group<'c> {
    /// `None` for the shared services of `services/catalog.toml`.
    project: Option<&'c Project>,
    services: Vec<&'c Service>,
}

/// The shared group (when it has services), then every project in path order.
fn groups(catalog: &Catalog) -> Vec<Group<'_>> {
    let shared: Vec<&Service> = services(catalog).filter(|s| s.project.is_none()).collect();
    let mut groups = Vec::new();
    if !shared.is_empty() {
        groups.push(Group {
            project: None,
            services: shared,
        });
    }
    for project in catalog.projects() {
        groups.push(Group {
            project: Some(project),
            services: services(catalog)
                .filter(|s| s.project.as_ref() == Some(&project.id.value))
                .collect(),
        });
    }
    groups
}

/// The path of the file `file`, relative to the tree's root.
fn source_path(catalog: &Catalog, file: FileId) -> &str {
    catalog
        .sources()
        .get(file as usize)
        .map_or("", |f| f.path())
}

/// The `service-catalog/*` annotations every manifest of a service carries: owner, version,
/// status, then the one field the kind adds (`extra`), the defining file and, for a service
/// going away, its sunset date, replacement and migration guide. Absent values are left out.
fn service_annotations(
    catalog: &Catalog,
    service: &Service,
    extra: (&str, Option<String>),
) -> yaml::Map {
    let mut annotations = yaml::Map::new();
    annotations
        .insert_some(
            "service-catalog/owner",
            service.owner.as_ref().map(|o| safe("owner", o).to_owned()),
        )
        .insert_some(
            "service-catalog/version",
            service.version.as_ref().map(|v| v.to_string()),
        )
        .insert("service-catalog/status", service.status().as_str())
        .insert_some(extra.0, extra.1)
        .insert(
            "service-catalog/source",
            source_path(catalog, service.span.file),
        )
        .insert_some(
            "service-catalog/sunset-date",
            sunset(service).map(|d| d.to_string()),
        )
        .insert_some("service-catalog/replacement", replacement(service))
        .insert_some(
            "service-catalog/migration-guide",
            service
                .migration
                .as_ref()
                .filter(|_| going_away(service.status()))
                .and_then(|m| m.guide_url.as_ref())
                .map(|u| safe("guide_url", u).to_owned()),
        );
    annotations
}

/// The sunset date of a deprecated or retired service.
fn sunset(service: &Service) -> Option<Date> {
    service
        .lifecycle
        .as_ref()
        .and_then(|l| l.sunset_date.as_ref())
        .map(|d| d.value)
}

/// The replacement of a deprecated or retired service.
fn replacement(service: &Service) -> Option<&str> {
    service
        .lifecycle
        .as_ref()
        .and_then(|l| l.replacement_service.as_ref())
        .map(|r| r.as_str())
}

/// True for the statuses every output calls out: deprecated and retired.
fn going_away(status: Status) -> bool {
    matches!(status, Status::Deprecated | Status::Retired)
}

/// The status in a Markdown table, emphasised with a sign when the service is going away.
fn status_badge(status: Status) -> String {
    match status {
        Status::Deprecated => "⚠️ **deprecated**".to_owned(),
        Status::Retired => "⛔ **retired**".to_owned(),
        other => other.as_str().to_owned(),
    }
}

/// The sign and status of a service going away, for notes beside its id; `None` otherwise.
fn going_away_mark(status: Status) -> Option<&'static str> {
    match status {
        Status::Deprecated => Some("⚠️ deprecated"),
        Status::Retired => Some("⛔ retired"),
        _ => None,
    }
}

/// "deprecated, sunset 2027-09-01, replaced by notification-service" for a deprecated or
/// retired service; `None` for every other status.
fn lifecycle_note(service: &Service) -> Option<String> {
    let status = service.status();
    if !going_away(status) {
        return None;
    }
    let mut note = status.as_str().to_owned();
    if let Some(date) = sunset(service) {
        note.push_str(&format!(", sunset {date}"));
    }
    if let Some(id) = replacement(service) {
        note.push_str(&format!(", replaced by {id}"));
    }
    Some(note)
}

/// The ids of the services that depend on `id` directly, sorted.
fn direct_consumers<'c>(catalog: &'c Catalog, id: &str) -> Vec<&'c str> {
    let mut ids: Vec<&str> = catalog
        .consumers(id, false)
        .map(|r| r.ids().collect())
        .unwrap_or_default();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The projects that depend on `id` directly or through a chain, sorted.
fn consumer_projects<'c>(catalog: &'c Catalog, id: &str) -> Vec<&'c str> {
    catalog
        .consumers(id, true)
        .map(|r| r.projects())
        .unwrap_or_default()
}

/// The project and environment a manifest deploys.
struct Target<'c> {
    project: &'c Project,
    environment: String,
    /// The project's services and every service they require, directly or through a chain,
    /// sorted by id; retired services and libraries are left out (nothing runs them).
    services: Vec<&'c Service>,
    /// What was left out, sorted by id, with the reason.
    left_out: Vec<(&'c str, &'static str)>,
}

impl<'c> Target<'c> {
    fn new(catalog: &'c Catalog, kind: RenderKind, options: &RenderOptions) -> Result<Self, Error> {
        let Some(id) = options.project.as_deref() else {
            let known: Vec<&str> = catalog.projects().iter().map(|p| p.id.as_str()).collect();
            return Err(Error::InvalidArgument {
                name: "project".into(),
                reason: format!(
                    "{kind} renders one project: pass one of {}",
                    if known.is_empty() {
                        "the tree's projects (it has none)".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
            });
        };
        let project = catalog
            .project(id)
            .ok_or_else(|| Error::UnknownProject { id: id.to_owned() })?;
        let environment = environment(project, options.environment.as_deref())?;
        let (services, left_out) = deployed_services(catalog, project);
        Ok(Target {
            project,
            environment,
            services,
            left_out,
        })
    }
}

/// The environment asked for, checked against the ones the project declares, or the default.
fn environment(project: &Project, asked: Option<&str>) -> Result<String, Error> {
    let mut known: Vec<&str> = Vec::new();
    if let Some(env) = &project.environment {
        known.push(env.as_str());
    }
    for env in project.deployment.iter().flat_map(|d| &d.environments) {
        if !known.contains(&env.name.as_str()) {
            known.push(env.name.as_str());
        }
    }
    match asked {
        Some(name) if known.contains(&name) => Ok(name.to_owned()),
        // Nothing declared to check against: any name that is also a valid label value.
        Some(name) if known.is_empty() => crate::model::Id::parse(name)
            .map(|_| name.to_owned())
            .map_err(|reason| Error::InvalidArgument {
                name: "environment".into(),
                reason,
            }),
        Some(name) => Err(Error::InvalidArgument {
            name: "environment".into(),
            reason: format!(
                "project `{}` has no environment \"{name}\" (it has {})",
                project.id.as_str(),
                known.join(", ")
            ),
        }),
        None => known
            .first()
            .map(|name| (*name).to_owned())
            .ok_or_else(|| Error::InvalidArgument {
                name: "environment".into(),
                reason: format!(
                    "project `{}` declares no environment (no `project.environment` and no deployment.toml): pass one",
                    project.id.as_str()
                ),
            }),
    }
}

/// The project's services plus everything they require (not `optional`), transitively,
/// sorted by id, and what was left out.
fn deployed_services<'c>(
    catalog: &'c Catalog,
    project: &'c Project,
) -> (Vec<&'c Service>, Vec<(&'c str, &'static str)>) {
    let mut seen: Vec<&str> = Vec::new();
    let mut queue: Vec<&Service> = services(catalog)
        .filter(|s| s.project.as_ref() == Some(&project.id.value))
        .collect();
    let mut deployed = Vec::new();
    let mut left_out = Vec::new();
    while let Some(service) = queue.pop() {
        if seen.contains(&service.id.as_str()) {
            continue;
        }
        seen.push(service.id.as_str());
        if service.status() == Status::Retired {
            left_out.push((service.id.as_str(), "retired"));
            continue;
        }
        if service
            .service_type
            .as_ref()
            .is_some_and(|t| t.value == crate::model::ServiceType::Library)
        {
            left_out.push((service.id.as_str(), "a library, not a running service"));
            continue;
        }
        for dependency in service.required_dependencies() {
            match catalog.service(dependency.service.as_str()) {
                Some(provider) => queue.push(provider),
                None => {
                    if !seen.contains(&dependency.service.as_str()) {
                        seen.push(dependency.service.as_str());
                        left_out.push((dependency.service.as_str(), "not in the catalog"));
                    }
                }
            }
        }
        deployed.push(service);
    }
    deployed.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    left_out.sort_unstable();
    (deployed, left_out)
}

/// A label or annotation value for the deployment pattern of `environment` in `project`:
/// its name and the strategy it refines (a built-in name is its own strategy).
fn rollout<'c>(
    catalog: &'c Catalog,
    project: &'c Project,
    environment: &str,
) -> Option<Rollout<'c>> {
    let env = project
        .deployment
        .iter()
        .flat_map(|d| &d.environments)
        .find(|e| e.name.as_str() == environment)?;
    let name = env.pattern.as_ref()?;
    let pattern = catalog.patterns().iter().find(|p| p.id.value == name.value);
    let strategy = match pattern {
        Some(p) => p.strategy.as_ref().map(|s| s.value),
        None => crate::model::Strategy::parse(name.as_str()),
    };
    Some(Rollout {
        name: name.as_str(),
        strategy,
        pattern,
    })
}

/// The deployment pattern an environment uses.
struct Rollout<'c> {
    name: &'c str,
    strategy: Option<crate::model::Strategy>,
    pattern: Option<&'c crate::model::Pattern>,
}

/// `text` for a Markdown table cell: a `|` would end the cell, `<` could open HTML and a line
/// break would end the row.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` as a Markdown code span (ids, versions and requirements never hold a backtick or
/// a `|`).
fn code(text: &str) -> String {
    format!("`{text}`")
}

/// A Markdown link to `url` (the field `key`) reading `text`, or the withheld marker when the
/// URL holds a credential.
fn md_link(text: &str, key: &str, url: &str) -> String {
    let url = safe(key, url);
    if url == WITHHELD {
        return WITHHELD.to_owned();
    }
    let mut target = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => target.push_str("%20"),
            '(' => target.push_str("%28"),
            ')' => target.push_str("%29"),
            '|' => target.push_str("%7C"),
            '<' => target.push_str("%3C"),
            '>' => target.push_str("%3E"),
            c => target.push(c),
        }
    }
    format!("[{text}]({target})")
}

/// A service id in Markdown, marked when the service is deprecated or retired (or when the
/// catalog does not define it).
fn service_ref(catalog: &Catalog, id: &str) -> String {
    match catalog.service(id).map(|s| going_away_mark(s.status())) {
        Some(Some(mark)) => format!("{} {mark}", code(id)),
        Some(None) => code(id),
        None => format!("{} (not in the catalog)", code(id)),
    }
}

/// Service ids in Markdown, marked as [`service_ref`] does, or `none`.
fn service_refs<'a>(catalog: &Catalog, ids: impl IntoIterator<Item = &'a str>) -> String {
    let refs: Vec<String> = ids.into_iter().map(|id| service_ref(catalog, id)).collect();
    if refs.is_empty() {
        "none".to_owned()
    } else {
        refs.join(", ")
    }
}

/// The placeholder of an empty Markdown cell.
const NONE: &str = "—";

/// The image to run: `image`, or `<id>:<version>` (a locally built tag) when the catalog has
/// none, with a note saying so.
fn image(service: &Service) -> (String, Option<String>) {
    if let Some(image) = &service.image {
        return (safe("image", image).to_owned(), None);
    }
    let tag = match &service.version {
        Some(version) => format!("{}:{}", service.id.as_str(), version.value),
        None => service.id.to_string(),
    };
    let note = format!("no `image` in the catalog: {tag} is a locally built tag");
    (tag, Some(note))
}

/// The port a health check probes: its own, or the service's first port.
fn health_port(service: &Service) -> Option<u16> {
    let check = service.health_check.as_ref()?;
    check
        .port
        .as_ref()
        .map(|p| p.value)
        .or_else(|| service.ports.first().map(|p| p.port.value))
}

/// True when a health-check path is the standard gRPC health service, which only a gRPC
/// client can probe.
fn grpc_health(path: &str) -> bool {
    path.trim_start_matches('/')
        .starts_with("grpc.health.v1.Health")
}

/// Uppercase `A-Z0-9_` form of an id or name, for environment variable names.
fn env_name(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
