//! Dependency checks (format §3–§4): unknown targets, self-dependencies, cycles, version
//! requirements, compatibility floors, private cross-project edges and declared consumers.

use super::Context;
use super::graph::Node;
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::load::closest;
use semver::{Op, Version, VersionReq};

/// Adds `dep/unknown-service` and `dep/self`: dependencies on no service of the catalog, or on
/// the service itself.
pub(super) fn unknown_and_self(cx: &mut Context<'_>) {
    let catalog = cx.catalog;
    for &(node, index) in catalog.graph().dangling() {
        if !cx.in_scope(node) {
            continue;
        }
        let service = cx.service(node);
        let dependency = cx.dependency(node, index);
        let target = dependency.service.as_str();
        let finding = if target == service.id.as_str() {
            cx.about(
                node,
                Code::DepSelf,
                Severity::Error,
                dependency.service.span,
                format!("`{target}` depends on itself"),
            )
            .help("remove the entry: a service cannot require itself")
        } else {
            let ids = catalog.services().iter().map(|s| s.id.as_str());
            let help = match closest(target, ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "add the service to the catalog or remove the dependency".into(),
            };
            cx.about(
                node,
                Code::DepUnknownService,
                Severity::Error,
                dependency.service.span,
                format!(
                    "`{}` depends on `{target}`, which no catalog file defines",
                    service.id.as_str()
                ),
            )
            .help(help)
        };
        cx.push(finding);
    }
}

/// Above this much search work (members × edges), a large cycle is searched for from one
/// member only instead of from every member.
const EXHAUSTIVE_CYCLE_SEARCH: usize = 4_000_000;

/// Adds `dep/cycle`: the shortest cycle of each strongly connected group of required `sync`
/// dependencies.
pub(super) fn cycles(cx: &mut Context<'_>) {
    let graph = cx.catalog.graph();
    let mut component_of = vec![u32::MAX; graph.len()];
    let mut parent = vec![u32::MAX; graph.len()];
    let components = graph.components(true);
    for (index, component) in components.iter().enumerate() {
        if component.len() < 2 {
            continue;
        }
        for &member in component {
            component_of[member as usize] = index as u32;
        }
        let mut members = component.to_vec();
        members.sort_by_key(|&m| cx.service(m).id.as_str());
        let edges: usize = members
            .iter()
            .map(|&m| graph.strong_dependencies(m).count())
            .sum();
        let starts = if members.len() * edges <= EXHAUSTIVE_CYCLE_SEARCH {
            &members[..]
        } else {
            &members[..1]
        };
        let mut best: Option<Vec<Node>> = None;
        for &start in starts {
            let bound = best.as_ref().map_or(usize::MAX, Vec::len);
            if let Some(cycle) =
                shortest_cycle(cx, start, index as u32, &component_of, &mut parent, bound)
            {
                best = Some(cycle);
            }
        }
        if let Some(cycle) = best {
            report_cycle(cx, &cycle);
        }
    }
}

/// The shortest cycle through `start` inside its component, as `[start, …, start]`, if it is
/// shorter than `bound` nodes.
fn shortest_cycle(
    cx: &Context<'_>,
    start: Node,
    component: u32,
    component_of: &[u32],
    parent: &mut [u32],
    bound: usize,
) -> Option<Vec<Node>> {
    let graph = cx.catalog.graph();
    let mut queue = vec![start];
    let mut depth = vec![0usize];
    parent[start as usize] = start;
    let mut head = 0;
    let mut found = None;
    'search: while head < queue.len() {
        let (node, d) = (queue[head], depth[head]);
        head += 1;
        if d + 2 >= bound {
            break;
        }
        for next in graph.strong_dependencies(node) {
            if component_of[next as usize] != component {
                continue;
            }
            if next == start {
                let mut cycle = vec![node];
                let mut at = node;
                while at != start {
                    at = parent[at as usize];
                    cycle.push(at);
                }
                cycle.reverse();
                cycle.push(start);
                found = Some(cycle);
                break 'search;
            }
            if parent[next as usize] == u32::MAX {
                parent[next as usize] = node;
                queue.push(next);
                depth.push(d + 1);
            }
        }
    }
    for &node in &queue {
        parent[node as usize] = u32::MAX;
    }
    found
}

fn report_cycle(cx: &mut Context<'_>, cycle: &[Node]) {
    let names: Vec<&str> = cycle.iter().map(|&n| cx.service(n).id.as_str()).collect();
    let edge_entry = |from: Node, to: Node| {
        cx.catalog
            .graph()
            .dependency_edges(from)
            .map(|(target, index)| (target, cx.dependency(from, index)))
            .find(|&(target, d)| {
                target == to && !d.optional && d.kind == crate::model::DependencyKind::Sync
            })
            .map(|(_, d)| d)
            .expect("a cycle follows existing edges")
    };
    let last = cycle[cycle.len() - 2];
    let closing = edge_entry(last, cycle[0]);
    let mut finding = cx
        .about(
            last,
            Code::DepCycle,
            Severity::Error,
            closing.service.span,
            format!("dependency cycle: {}", names.join(" -> ")),
        )
        .help(format!(
            "break the cycle, for example by removing the dependency of `{}` on `{}` or making it async through a queue",
            names[names.len() - 2],
            names[0]
        ));
    for pair in cycle[..cycle.len() - 1].windows(2) {
        let entry = edge_entry(pair[0], pair[1]);
        finding = finding.related(
            cx.sources(),
            entry.service.span,
            format!(
                "`{}` depends on `{}` here",
                cx.service(pair[0]).id.as_str(),
                cx.service(pair[1]).id.as_str()
            ),
        );
    }
    cx.push(finding);
}

/// Adds `dep/version-unsatisfied` and `dep/below-compat-floor`: version requirements against
/// the versions the catalog has.
pub(super) fn requirements(cx: &mut Context<'_>) {
    let catalog = cx.catalog;
    for node in 0..catalog.services().len() as Node {
        if !cx.in_scope(node) {
            continue;
        }
        for (target, index) in catalog.graph().dependency_edges(node) {
            let dependency = cx.dependency(node, index);
            let provider = cx.service(target);
            let (Some(requirement), Some(version)) = (&dependency.version, &provider.version)
            else {
                continue;
            };
            let consumer = cx.service(node).id.as_str();
            let name = provider.id.as_str();
            if !admits(requirement, version, dependency.allow_beta) {
                let finding = cx
                    .about(
                        node,
                        Code::DepVersionUnsatisfied,
                        Severity::Error,
                        requirement.span,
                        format!(
                            "`{consumer}` requires `{name}` {} but the catalog has {}",
                            requirement.value, version.value
                        ),
                    )
                    .help(format!(
                        "relax the requirement to admit {} or move `{consumer}` to a version of `{name}` that matches",
                        version.value
                    ))
                    .related(cx.sources(), version.span, format!("`{name}` is at {} here", version.value));
                cx.push(finding);
                continue;
            }
            if let Some(floor) = &provider.compat_version_min
                && admits_below(requirement, floor)
            {
                let finding = cx
                    .about(
                        node,
                        Code::DepBelowCompatFloor,
                        Severity::Warning,
                        requirement.span,
                        format!(
                            "`{consumer}` requires `{name}` {}, which admits versions below its compatibility floor {}",
                            requirement.value, floor.value
                        ),
                    )
                    .help(format!(
                        "raise the requirement to >={} (the oldest API `{name}` still serves)",
                        floor.value
                    ))
                    .related(cx.sources(), floor.span, "compatibility floor set here");
                cx.push(finding);
            }
        }
    }
}

/// Whether `requirement` admits `version`; with `allow_beta`, a pre-release counts as its
/// release (the consumer opted in to the beta).
fn admits(requirement: &VersionReq, version: &Version, allow_beta: bool) -> bool {
    if requirement.matches(version) {
        return true;
    }
    allow_beta && !version.pre.is_empty() && {
        let release = Version::new(version.major, version.minor, version.patch);
        requirement.matches(&release)
    }
}

/// Whether `requirement` admits some release below `floor`: its lowest admitted version is
/// under the floor. A requirement with no comparator (`*`) is treated as "any version the
/// provider serves" and never triggers.
pub(crate) fn admits_below(requirement: &VersionReq, floor: &Version) -> bool {
    if requirement.comparators.is_empty() {
        return false;
    }
    // The lowest version each comparator allows; the requirement allows the highest of those.
    let mut lowest = Version::new(0, 0, 0);
    let mut exclusive = false;
    for comparator in &requirement.comparators {
        let base = Version::new(
            comparator.major,
            comparator.minor.unwrap_or(0),
            comparator.patch.unwrap_or(0),
        );
        let (bound, strict) = match comparator.op {
            Op::Exact | Op::GreaterEq | Op::Tilde | Op::Caret | Op::Wildcard => (base, false),
            Op::Greater => match (comparator.minor, comparator.patch) {
                (None, _) => (Version::new(comparator.major + 1, 0, 0), false),
                (Some(minor), None) => (Version::new(comparator.major, minor + 1, 0), false),
                (Some(_), Some(_)) => (base, true),
            },
            _ => continue,
        };
        if bound > lowest || (bound == lowest && strict) {
            lowest = bound;
            exclusive = strict;
        }
    }
    if exclusive {
        Version::new(lowest.major, lowest.minor, lowest.patch + 1) < *floor
    } else {
        lowest < *floor
    }
}

/// Adds `dep/private-cross-project`: dependencies on another project's service that it does not
/// expose, unless the security policy allows them.
pub(super) fn private_cross_project(cx: &mut Context<'_>) {
    let allowed = cx
        .catalog
        .policies()
        .security
        .as_ref()
        .and_then(|s| s.allow_private_cross_project.as_ref())
        .is_some_and(|a| a.value);
    if allowed {
        return;
    }
    let catalog = cx.catalog;
    for node in 0..catalog.services().len() as Node {
        if !cx.in_scope(node) {
            continue;
        }
        let consumer = cx.service(node);
        for (target, index) in catalog.graph().dependency_edges(node) {
            let provider = cx.service(target);
            let Some(owner) = &provider.project else {
                continue;
            };
            if consumer.project.as_ref() == Some(owner) || provider.is_exposed() {
                continue;
            }
            let from = match &consumer.project {
                Some(project) => format!("project `{project}`"),
                None => "the shared catalog".to_owned(),
            };
            let dependency = cx.dependency(node, index);
            let finding = cx
                .about(
                    node,
                    Code::DepPrivateCrossProject,
                    Severity::Error,
                    dependency.service.span,
                    format!(
                        "`{}` ({from}) depends on `{}`, a private service of project `{owner}`",
                        consumer.id.as_str(),
                        provider.id.as_str()
                    ),
                )
                .help(format!(
                    "set `exposed = true` on `{}` if project `{owner}` supports other consumers, or depend on a shared service",
                    provider.id.as_str()
                ))
                .related(cx.sources(), provider.id.span, "defined here without `exposed = true`");
            cx.push(finding);
        }
    }
}

/// Adds `dep/consumers-drift`: declared consumers that do not match the dependencies.
pub(super) fn consumers_drift(cx: &mut Context<'_>) {
    let catalog = cx.catalog;
    let projects = consuming_project_sets(cx);
    for (node, service) in catalog.services().iter().enumerate() {
        let node = node as Node;
        if !cx.in_scope(node) {
            continue;
        }
        let declared = &service.consumers;
        let id = service.id.as_str();
        let table = declared.span.unwrap_or(service.id.span);
        if let Some(required_by) = &declared.required_by {
            let real: Vec<Node> = catalog
                .graph()
                .consumer_edges(node)
                .map(|(c, _)| c)
                .collect();
            for entry in required_by {
                let depends = catalog
                    .node(entry.as_str())
                    .is_some_and(|c| real.contains(&c));
                if !depends {
                    let message = format!(
                        "`{}` is listed in `consumers.required_by` of `{id}` but does not depend on it",
                        entry.as_str()
                    );
                    let finding = cx
                        .about(
                            node,
                            Code::DepConsumersDrift,
                            Severity::Warning,
                            entry.span,
                            message,
                        )
                        .help("remove it from the list, or add the dependency to its definition");
                    cx.push(finding);
                }
            }
            let mut missing: Vec<&str> = catalog
                .graph()
                .consumer_edges(node)
                .filter(|&(c, index)| !cx.dependency(c, index).optional)
                .map(|(c, _)| cx.service(c).id.as_str())
                .filter(|c| !required_by.iter().any(|e| e.as_str() == *c))
                .collect();
            missing.sort_unstable();
            missing.dedup();
            for consumer in missing {
                let message = format!(
                    "`{consumer}` requires `{id}` but is not listed in its `consumers.required_by`"
                );
                let finding = cx
                    .about(
                        node,
                        Code::DepConsumersDrift,
                        Severity::Warning,
                        declared.required_by_span.unwrap_or(table),
                        message,
                    )
                    .help(format!("add \"{consumer}\" to `consumers.required_by`"));
                cx.push(finding);
            }
        }
        let (Some(listed), Some(sets)) = (&declared.projects, &projects) else {
            continue;
        };
        let real = sets.of(node);
        for entry in listed {
            let consumes = catalog
                .project_index(entry.as_str())
                .is_some_and(|p| real.contains(&p));
            let owns = service
                .project
                .as_ref()
                .is_some_and(|p| p.as_str() == entry.as_str());
            if !consumes && !owns {
                let message = format!(
                    "project `{}` is listed in `consumers.projects` of `{id}` but none of its services reaches it",
                    entry.as_str()
                );
                let finding = cx
                    .about(
                        node,
                        Code::DepConsumersDrift,
                        Severity::Warning,
                        entry.span,
                        message,
                    )
                    .help("remove it from the list, or add the dependency in that project");
                cx.push(finding);
            }
        }
        for project in real {
            let name = cx.project_id(project);
            let owns = service.project.as_ref().is_some_and(|p| p.as_str() == name);
            if owns || listed.iter().any(|e| e.as_str() == name) {
                continue;
            }
            let message = format!(
                "project `{name}` consumes `{id}` but is not listed in its `consumers.projects`"
            );
            let finding = cx
                .about(
                    node,
                    Code::DepConsumersDrift,
                    Severity::Warning,
                    declared.projects_span.unwrap_or(table),
                    message,
                )
                .help(format!("add \"{name}\" to `consumers.projects`"));
            cx.push(finding);
        }
    }
}

/// For every service, the set of projects whose services reach it (owner included), as one
/// bitset per service; computed only when some service declares `consumers.projects`.
struct ProjectSets {
    words: usize,
    bits: Vec<u64>,
}

impl ProjectSets {
    /// The projects of `node`, in index (path) order.
    fn of(&self, node: Node) -> Vec<u32> {
        let row = &self.bits[node as usize * self.words..][..self.words];
        let mut projects = Vec::new();
        for (w, &word) in row.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                projects.push((w * 64) as u32 + word.trailing_zeros());
                word &= word - 1;
            }
        }
        projects
    }
}

fn consuming_project_sets(cx: &Context<'_>) -> Option<ProjectSets> {
    let catalog = cx.catalog;
    if !catalog
        .services()
        .iter()
        .any(|s| s.consumers.projects.is_some())
    {
        return None;
    }
    let words = catalog.projects().len().div_ceil(64).max(1);
    let mut bits = vec![0u64; catalog.services().len() * words];
    // A project consumes what its services depend on; its own services seed the propagation
    // (ownership itself is not consumption: the edges carry the bits).
    let mut seeds = vec![0u64; bits.len()];
    for (p, project) in catalog.projects().iter().enumerate() {
        for id in &project.services {
            if let Some(node) = catalog.node(id.as_str()) {
                seeds[node as usize * words + p / 64] |= 1 << (p % 64);
            }
        }
    }
    let graph = catalog.graph();
    let mut value = vec![0u64; words];
    for component in cx.components().iter().rev() {
        value.iter_mut().for_each(|w| *w = 0);
        for &member in component {
            let at = member as usize * words;
            for w in 0..words {
                value[w] |= bits[at + w] | seeds[at + w];
            }
        }
        for &member in component {
            for &provider in graph.dependencies(member) {
                let at = provider as usize * words;
                for w in 0..words {
                    bits[at + w] |= value[w];
                }
            }
        }
    }
    Some(ProjectSets { words, bits })
}

#[cfg(test)]
mod tests {
    use super::admits_below;
    use semver::{Version, VersionReq};

    #[track_caller]
    fn below(requirement: &str, floor: &str) -> bool {
        admits_below(
            &VersionReq::parse(requirement).unwrap(),
            &Version::parse(floor).unwrap(),
        )
    }

    #[test]
    fn compat_floor_follows_the_lowest_admitted_version() {
        assert!(below(">=1.2", "1.5.0"));
        assert!(below("^1.4", "1.5.0"));
        assert!(!below("^1.5", "1.5.0"));
        assert!(!below(">=1.5.0, <2", "1.5.0"));
        assert!(below("<2", "1.5.0"));
        assert!(!below("*", "1.5.0"));
        assert!(!below(">1.4", "1.5.0"));
        assert!(below(">1.4.0", "1.5.0"));
        // 1.4.10 is above 1.4.9 and below 1.5.0.
        assert!(below(">1.4.9", "1.5.0"));
        assert!(!below(">1.4.9", "1.4.10"));
        assert!(!below("~1.5.2", "1.5.0"));
    }
}
