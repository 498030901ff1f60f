//! `impact(base, head, today)`: what a change does to everyone else (format §8).

use super::diff::{ChangeKind, ChangeSet, ServiceChange, diff};
use crate::Catalog;
use crate::analysis::graph::Node;
use crate::analysis::{Prepared, Subjects};
use crate::code::Code;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::model::{Date, Status};
use crate::report::{Report, Summary, Verdict};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// The version of the impact report's JSON shape (`schemas/impact.schema.json`).
pub const IMPACT_SCHEMA_VERSION: u32 = 1;

/// A service or project that a change reaches, and how.
// Ids are shared (`Arc<str>`): a change to a hub reaches every service, and the paths of all
// of them repeat the same few ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Affected {
    /// The service id, or the project id for an affected project.
    pub id: Arc<str>,
    /// The project of an affected service (`None` for shared services and for projects).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Arc<str>>,
    /// The changed service it reaches.
    pub changed: Arc<str>,
    /// True when it depends on the changed service directly.
    pub direct: bool,
    /// The shortest dependency path, from the affected service to the changed one.
    pub path: Vec<Arc<str>>,
}

/// A consumer whose version requirement the new version no longer satisfies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BrokenConsumer {
    /// The consuming service.
    pub consumer: String,
    /// Its project, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The provider that changed.
    pub service: String,
    /// The consumer's requirement.
    pub requirement: String,
    /// The provider's version on base.
    pub old_version: String,
    /// The provider's version on head.
    pub new_version: String,
}

/// A message the library prepares for a project's owners; it never sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Notification {
    /// The affected project.
    pub project: String,
    /// Who to tell: the project's owners, then the approvers of the changed services it reaches.
    pub to: Vec<String>,
    /// A one-line subject.
    pub subject: String,
    /// A ready-to-post Markdown body.
    pub body: String,
}

/// Everything a change does: the change set, who it reaches, what it breaks, the findings it
/// introduces, who to tell, and a verdict.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImpactReport {
    /// Version of this JSON shape.
    pub schema_version: u32,
    /// Counts of the findings and the verdict of the change.
    pub summary: Summary,
    /// Every changed service.
    pub changes: ChangeSet,
    /// Services that reach a changed service, with the shortest path.
    pub affected_services: Vec<Affected>,
    /// Projects with an affected or changed service, with the shortest path.
    pub affected_projects: Vec<Affected>,
    /// Consumers whose requirement the new version breaks.
    pub broken_consumers: Vec<BrokenConsumer>,
    /// Findings on head that base did not have, and the `change/*` and transition findings.
    pub findings: Vec<Diagnostic>,
    /// One message per affected project.
    pub notifications: Vec<Notification>,
    /// The head tree, for code frames in `to_text` and SARIF.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    head: Report,
}

impl ImpactReport {
    /// The verdict of the change.
    pub fn verdict(&self) -> Verdict {
        self.summary.verdict
    }

    /// The report as pretty-printed JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("an impact report serializes");
        json.push('\n');
        json
    }

    /// The introduced findings as SARIF 2.1.0 (located in the head tree).
    pub fn to_sarif(&self) -> String {
        self.head.to_sarif()
    }

    /// A text rendering: the changes, who they reach, then each finding with its code frame.
    pub fn to_text(&self, color: bool) -> String {
        super::render::text(self, &self.head, color)
    }

    /// Markdown for a pull-request comment: summary table, affected projects, what to do.
    pub fn to_markdown(&self) -> String {
        super::render::markdown(self)
    }
}

/// The impact of going from `base` to `head`, with time-based checks as of `today`.
pub fn impact(base: &Catalog, head: &Catalog, today: Date) -> ImpactReport {
    // What changed and whom it reaches do not depend on the check of head: found while it
    // runs, with what base's check will need.
    let (
        head_report,
        (changes, (affected_services, affected_projects), broken_consumers, base_prepared),
    ) = crate::parallel::join(
        || head.check(today),
        || {
            let changes = diff(base, head);
            let reached = affected(base, head, &changes);
            let broken = broken(base, head, &changes);
            (changes, reached, broken, Prepared::of(base))
        },
    );
    // A head finding is introduced unless base has it too; only base findings about the same
    // subjects can match, so base is checked for those alone.
    let subjects = Subjects::of(&head_report.diagnostics);
    let base_findings = base.findings_about(today, &subjects, &base_prepared);
    let mut findings = introduced(&base_findings, &head_report.diagnostics);
    change_findings(base, head, &changes, today, &mut findings);
    diagnostic::sort(&mut findings);
    let notifications = super::render::notifications(head, base, &changes, &affected_projects);
    let head = Report::new(head.root(), findings.clone(), head.sources_arc());
    ImpactReport {
        schema_version: IMPACT_SCHEMA_VERSION,
        summary: head.summary,
        changes,
        affected_services,
        affected_projects,
        broken_consumers,
        findings,
        notifications,
        head,
    }
}

/// Head findings beyond base's, matched by code, subject and message (not by line, so moved
/// lines do not count as new).
fn introduced(base: &[Diagnostic], head: &[Diagnostic]) -> Vec<Diagnostic> {
    type Key<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a str);
    fn key_of(d: &Diagnostic) -> Key<'_> {
        (
            d.code.as_str(),
            d.service.as_deref(),
            d.project.as_deref(),
            &d.message,
        )
    }
    let mut remaining: HashMap<Key<'_>, usize> = HashMap::new();
    for d in base {
        *remaining.entry(key_of(d)).or_default() += 1;
    }
    head.iter()
        .filter(|d| match remaining.get_mut(&key_of(d)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// The findings only a comparison can make: `change/*`, invalid transitions, and feature
/// releases of maintenance services.
fn change_findings(
    base: &Catalog,
    head: &Catalog,
    changes: &ChangeSet,
    today: Date,
    out: &mut Vec<Diagnostic>,
) {
    let sources = head.sources();
    for change in &changes.services {
        let (Some(new), old) = (head.service(&change.id), base.service(&change.id)) else {
            removed_in_use(head, change, out);
            continue;
        };
        let Some(old) = old else { continue };
        let at_version = new.version.as_ref().map_or(new.id.span, |v| v.span);
        let at_status = new.status_field.as_ref().map_or(new.id.span, |s| s.span);
        let about = |code, severity, span, message: String| {
            Diagnostic::new(sources, code, severity, span, message)
                .service(Some(&change.id))
                .project(change.project.as_deref())
        };
        if let Some(status) = &change.status
            && !status.allowed
        {
            let next: Vec<&str> = crate::analysis::transition::successors(status.from)
                .iter()
                .map(|s| s.as_str())
                .collect();
            out.push(
                about(
                    Code::LifecycleInvalidTransition,
                    Severity::Error,
                    at_status,
                    format!(
                        "`{}` moves from {} to {}, which format §5 does not allow",
                        change.id, status.from, status.to
                    ),
                )
                .help(format!(
                    "from {} a service may move to {}",
                    status.from,
                    if next.is_empty() {
                        "nothing else".to_owned()
                    } else {
                        next.join(" or ")
                    }
                )),
            );
        }
        let version_kind = match (&old.version, &new.version) {
            (Some(a), Some(b)) => super::diff::classify_versions(a, b),
            _ => None,
        };
        match version_kind {
            Some(ChangeKind::Downgrade) => out.push(
                about(
                    Code::ChangeDowngrade,
                    Severity::Error,
                    at_version,
                    format!(
                        "`{}` goes down from {} to {}",
                        change.id,
                        change.from_version.as_deref().unwrap_or("?"),
                        change.to_version.as_deref().unwrap_or("?")
                    ),
                )
                .help("versions only move forward; release a new version instead"),
            ),
            Some(ChangeKind::Major) if matches!(old.status(), Status::Ga | Status::Maintenance) => {
                let guide = new
                    .migration
                    .as_ref()
                    .and_then(|m| m.guide_url.as_ref())
                    .is_some_and(|g| !g.trim().is_empty());
                if !guide {
                    out.push(
                        about(
                            Code::ChangeBreakingWithoutGuide,
                            Severity::Error,
                            at_version,
                            format!(
                                "`{}` makes a breaking change ({} -> {}) without `migration.guide_url`",
                                change.id,
                                change.from_version.as_deref().unwrap_or("?"),
                                change.to_version.as_deref().unwrap_or("?")
                            ),
                        )
                        .help("write a migration guide and link it in `[service.<id>.migration] guide_url`"),
                    );
                }
                breaking_notice(head, change, today, at_version, &about, out);
            }
            Some(ChangeKind::Minor | ChangeKind::Major)
                if old.status() == Status::Maintenance && new.status() == Status::Maintenance =>
            {
                out.push(
                    about(
                        Code::LifecycleMaintenanceFeature,
                        Severity::Error,
                        at_version,
                        format!(
                            "`{}` is in maintenance but goes from {} to {}: only patch releases are allowed",
                            change.id,
                            change.from_version.as_deref().unwrap_or("?"),
                            change.to_version.as_deref().unwrap_or("?")
                        ),
                    )
                    .help("ship a patch release, or move the service back to ga"),
                );
            }
            _ => {}
        }
        if version_kind.is_none() && change.changes_behaviour() {
            let fields: Vec<&str> = change
                .fields
                .iter()
                .filter(|f| !f.metadata)
                .map(|f| f.field.as_str())
                .collect();
            out.push(
                about(
                    Code::ChangeUnversionedChange,
                    Severity::Warning,
                    at_version,
                    format!(
                        "`{}` changes {} without a version bump",
                        change.id,
                        fields.join(", ")
                    ),
                )
                .help("bump the version so consumers can tell the releases apart"),
            );
        }
    }
    new_consumers_of_deprecated(base, head, changes, out);
}

/// A removed service that head still depends on: each dependency entry naming it.
fn removed_in_use(head: &Catalog, change: &ServiceChange, out: &mut Vec<Diagnostic>) {
    if change.kind != ChangeKind::Removed {
        return;
    }
    for consumer in head.services() {
        for dependency in &consumer.dependencies {
            if dependency.service.as_str() != change.id {
                continue;
            }
            out.push(
                Diagnostic::new(
                    head.sources(),
                    Code::ChangeRemovedInUse,
                    Severity::Error,
                    dependency.service.span,
                    format!(
                        "`{}` is removed but `{}` still {} it",
                        change.id,
                        consumer.id.as_str(),
                        if dependency.optional {
                            "optionally uses"
                        } else {
                            "requires"
                        }
                    ),
                )
                .service(Some(consumer.id.as_str()))
                .project(consumer.project.as_ref().map(|p| p.as_str()))
                .help(format!(
                    "keep `{}` (deprecate it first) until nothing depends on it",
                    change.id
                )),
            );
        }
    }
}

/// A breaking release needs `break_changes_notice` days (default 30) between today and its
/// release date in `services/versions.toml`.
fn breaking_notice(
    head: &Catalog,
    change: &ServiceChange,
    today: Date,
    at: crate::span::Span,
    about: &dyn Fn(Code, Severity, crate::span::Span, String) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    const DEFAULT_NOTICE_DAYS: u32 = 30;
    let Some(service) = head.service(&change.id) else {
        return;
    };
    let notice = service
        .governance
        .as_ref()
        .and_then(|g| g.break_changes_notice.as_ref())
        .map_or(DEFAULT_NOTICE_DAYS, |n| n.value);
    let version = change.to_version.as_deref().unwrap_or_default();
    let release = head
        .version_history(&change.id)
        .and_then(|h| {
            h.history
                .iter()
                .find(|r| r.version.value.to_string() == version)
        })
        .and_then(|r| r.date.as_ref());
    let earliest = today.add_days(i64::from(notice));
    let message = match release {
        Some(date) if date.value >= earliest => return,
        Some(date) => format!(
            "breaking release {version} of `{}` is dated {}, less than its {notice}-day notice from today ({today})",
            change.id, date.value
        ),
        None => format!(
            "breaking release {version} of `{}` has no release date in `services/versions.toml` to give consumers {notice} days of notice",
            change.id
        ),
    };
    out.push(
        about(Code::ChangeBreakingNotice, Severity::Warning, at, message).help(format!(
            "date the release {earliest} or later in `services/versions.toml`, and send the notifications now"
        )),
    );
}

/// Dependencies that are new on head and point at a deprecated or retired service.
fn new_consumers_of_deprecated(
    base: &Catalog,
    head: &Catalog,
    changes: &ChangeSet,
    out: &mut Vec<Diagnostic>,
) {
    // Only a changed or added service can have a dependency its base version lacks.
    let changed = changes.services.iter().filter_map(|c| head.service(&c.id));
    for consumer in changed {
        if consumer.status() == Status::Retired {
            continue;
        }
        let before = base.service(consumer.id.as_str());
        for dependency in &consumer.dependencies {
            let Some(provider) = head.service(dependency.service.as_str()) else {
                continue;
            };
            let status = provider.status();
            if !matches!(status, Status::Deprecated | Status::Retired) {
                continue;
            }
            let existed = before.is_some_and(|b| {
                b.dependencies
                    .iter()
                    .any(|d| d.service.value == dependency.service.value)
            });
            if existed {
                continue;
            }
            let replacement = provider
                .lifecycle
                .as_ref()
                .and_then(|l| l.replacement_service.as_ref())
                .map_or(String::new(), |r| {
                    format!(" depend on `{}` instead", r.as_str())
                });
            out.push(
                Diagnostic::new(
                    head.sources(),
                    Code::ChangeNewConsumerOfDeprecated,
                    Severity::Error,
                    dependency.service.span,
                    format!(
                        "`{}` adds a dependency on {status} service `{}`",
                        consumer.id.as_str(),
                        provider.id.as_str()
                    ),
                )
                .service(Some(consumer.id.as_str()))
                .project(consumer.project.as_ref().map(|p| p.as_str()))
                .help(format!(
                    "do not add new consumers to a {status} service;{replacement}"
                )),
            );
        }
    }
}

/// Services (and their projects) that reach a changed service, by one multi-source search over
/// the consumer edges of head (and of base, for removed services).
fn affected(base: &Catalog, head: &Catalog, changes: &ChangeSet) -> (Vec<Affected>, Vec<Affected>) {
    fn search<'c>(catalog: &'c Catalog, changes: &ChangeSet, removed: bool) -> ReverseSearch<'c> {
        let starts: Vec<Node> = changes
            .services
            .iter()
            .filter(|c| (c.kind == ChangeKind::Removed) == removed)
            .filter_map(|c| catalog.node(&c.id))
            .collect();
        ReverseSearch::from(catalog, &starts)
    }
    // Head's search (changed and added services), then base's (removed ones) if any.
    let mut searches = vec![search(head, changes, false)];
    if changes
        .services
        .iter()
        .any(|c| c.kind == ChangeKind::Removed)
    {
        searches.push(search(base, changes, true));
    }
    // The nearest reach of every service, as (search, node): head's, or base's where head does
    // not reach the service or reaches it by a longer path.
    let mut nearest: Vec<(usize, Node)> = searches[0].reached.iter().map(|&n| (0, n)).collect();
    if let Some(on_base) = searches.get(1) {
        let mut at: HashMap<&str, usize, foldhash::fast::RandomState> = nearest
            .iter()
            .enumerate()
            .map(|(i, &(_, n))| (head.services()[n as usize].id.as_str(), i))
            .collect();
        for &node in &on_base.reached {
            let id = base.services()[node as usize].id.as_str();
            match at.get(id) {
                Some(&i) => {
                    let (_, known) = nearest[i];
                    if on_base.depth[node as usize] < searches[0].depth[known as usize] {
                        nearest[i] = (1, node);
                    }
                }
                None => {
                    at.insert(id, nearest.len());
                    nearest.push((1, node));
                }
            }
        }
    }
    let mut project_names: HashMap<&str, Arc<str>, foldhash::fast::RandomState> =
        HashMap::default();
    let mut affected_services: Vec<Affected> = nearest
        .into_iter()
        .map(|(search, node)| {
            let search = &mut searches[search];
            let path = search.path(node);
            let project = search.catalog.services()[node as usize]
                .project
                .as_ref()
                .map(|p| {
                    project_names
                        .entry(p.as_str())
                        .or_insert_with(|| Arc::from(p.as_str()))
                        .clone()
                });
            Affected {
                id: path[0].clone(),
                project,
                changed: path[path.len() - 1].clone(),
                direct: path.len() == 2,
                path,
            }
        })
        .collect();
    affected_services.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    // A project is affected through its nearest affected service, or because it owns a change.
    let owned: Vec<Affected> = changes
        .services
        .iter()
        .filter_map(|c| {
            c.project.as_ref().map(|p| Affected {
                id: Arc::from(p.as_str()),
                project: None,
                changed: Arc::from(c.id.as_str()),
                direct: true,
                path: vec![Arc::from(c.id.as_str())],
            })
        })
        .collect();
    let through = affected_services
        .iter()
        .filter_map(|a| a.project.as_deref().map(|p| (p, a)));
    let mut projects: HashMap<&str, &Affected, foldhash::fast::RandomState> = HashMap::default();
    for (project, candidate) in owned.iter().map(|o| (&*o.id, o)).chain(through) {
        let better = projects.get(project).is_none_or(|known| {
            (candidate.path.len(), &candidate.path) < (known.path.len(), &known.path)
        });
        if better {
            projects.insert(project, candidate);
        }
    }
    let mut affected_projects: Vec<Affected> = projects
        .into_iter()
        .map(|(project, best)| Affected {
            id: Arc::from(project),
            project: None,
            changed: best.changed.clone(),
            direct: best.direct,
            path: best.path.clone(),
        })
        .collect();
    affected_projects.sort_by(|a, b| a.id.cmp(&b.id));
    (affected_services, affected_projects)
}

/// One breadth-first search from several starts over consumer edges: every node that reaches
/// a start, and its shortest path there.
struct ReverseSearch<'c> {
    catalog: &'c Catalog,
    /// The next node on each node's path (a start is its own parent; `u32::MAX` when the node
    /// does not reach a start).
    parent: Vec<Node>,
    /// How many edges each node is from its start.
    depth: Vec<u32>,
    /// Every node that reaches a start, starts excluded, nearest first.
    reached: Vec<Node>,
    /// The id of each node on a path, made into a string once and shared by every path: a
    /// change to a hub reaches every service, and their paths repeat the same few ids.
    names: Vec<Option<Arc<str>>>,
}

impl<'c> ReverseSearch<'c> {
    fn from(catalog: &'c Catalog, starts: &[Node]) -> Self {
        let graph = catalog.graph();
        let n = catalog.services().len();
        let mut search = ReverseSearch {
            catalog,
            parent: vec![u32::MAX; n],
            depth: vec![0; n],
            reached: Vec::new(),
            names: vec![None; n],
        };
        let mut queue = VecDeque::new();
        for &s in starts {
            search.parent[s as usize] = s;
            queue.push_back(s);
        }
        while let Some(node) = queue.pop_front() {
            for (consumer, _) in graph.consumer_edges(node) {
                let c = consumer as usize;
                if search.parent[c] != u32::MAX {
                    continue;
                }
                search.parent[c] = node;
                search.depth[c] = search.depth[node as usize] + 1;
                queue.push_back(consumer);
                search.reached.push(consumer);
            }
        }
        search
    }

    /// The ids on the shortest path from `node` to the start it reaches, both included.
    fn path(&mut self, node: Node) -> Vec<Arc<str>> {
        let mut path = Vec::with_capacity(self.depth[node as usize] as usize + 1);
        let mut at = node;
        loop {
            let catalog = self.catalog;
            let name = self.names[at as usize]
                .get_or_insert_with(|| Arc::from(catalog.services()[at as usize].id.as_str()));
            path.push(name.clone());
            if self.parent[at as usize] == at {
                return path;
            }
            at = self.parent[at as usize];
        }
    }
}

/// Consumers on head whose requirement admitted the base version but not the head one.
fn broken(base: &Catalog, head: &Catalog, changes: &ChangeSet) -> Vec<BrokenConsumer> {
    let mut out = Vec::new();
    for change in &changes.services {
        let (Some(old), Some(new)) = (base.service(&change.id), head.service(&change.id)) else {
            continue;
        };
        let (Some(old_version), Some(new_version)) = (&old.version, &new.version) else {
            continue;
        };
        if old_version.value == new_version.value {
            continue;
        }
        let Some(node) = head.node(&change.id) else {
            continue;
        };
        for (consumer, index) in head.graph().consumer_edges(node) {
            let consumer = &head.services()[consumer as usize];
            let dependency = &consumer.dependencies[index as usize];
            let Some(requirement) = &dependency.version else {
                continue;
            };
            if requirement.matches(old_version) && !requirement.matches(new_version) {
                out.push(BrokenConsumer {
                    consumer: consumer.id.to_string(),
                    project: consumer.project.as_ref().map(|p| p.to_string()),
                    service: change.id.clone(),
                    requirement: requirement.value.to_string(),
                    old_version: old_version.value.to_string(),
                    new_version: new_version.value.to_string(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.service, &a.consumer).cmp(&(&b.service, &b.consumer)));
    out.dedup();
    out
}
