//! `mermaid` and `dot`: the dependency graph, or one service's neighbourhood, with services
//! grouped by project and coloured by lifecycle status.
//!
//! Edges point from the consumer to the provider and carry the version requirement: solid for
//! a required `sync` dependency, dashed for `async` and `optional` ones (the label says which).
//! Deprecated and retired services are drawn dashed and say their status, sunset date and
//! replacement in the label, so the mark survives a black-and-white print. A dependency on an
//! id the catalog does not define is drawn as a red "not in the catalog" node.

use super::{GENERATED, RenderOptions, groups, replacement, services, sunset};
use crate::Catalog;
use crate::error::Error;
use crate::model::{DependencyKind, Service, Status};
use std::collections::HashSet;
use std::fmt::Write;

/// The services a graph draws.
pub(super) struct Selection<'c> {
    /// Ids of the services drawn.
    included: HashSet<&'c str>,
    /// The service whose neighbourhood is drawn, if any.
    focus: Option<&'c str>,
    /// Dependency targets the catalog does not define, sorted (whole graph only).
    unknown: Vec<&'c str>,
}

impl<'c> Selection<'c> {
    /// The whole catalog, or with `options.service` the services within `options.depth` hops
    /// (default 1) of it along dependencies or along consumers.
    pub fn new(catalog: &'c Catalog, options: &RenderOptions) -> Result<Self, Error> {
        let Some(focus) = options.service.as_deref() else {
            if options.depth.is_some() {
                return Err(Error::InvalidArgument {
                    name: "depth".into(),
                    reason: "needs a service to centre the neighbourhood on".into(),
                });
            }
            let included: HashSet<&str> = services(catalog).map(|s| s.id.as_str()).collect();
            let mut unknown: Vec<&str> = services(catalog)
                .flat_map(|s| &s.dependencies)
                .map(|d| d.service.as_str())
                .filter(|id| !included.contains(id))
                .collect();
            unknown.sort_unstable();
            unknown.dedup();
            return Ok(Selection {
                included,
                focus: None,
                unknown,
            });
        };
        let depth = options.depth.unwrap_or(1);
        let focus = catalog
            .service(focus)
            .ok_or_else(|| Error::UnknownService {
                id: focus.to_owned(),
            })?
            .id
            .as_str();
        let mut included = HashSet::from([focus]);
        for reached in [
            catalog.dependencies(focus, true)?,
            catalog.consumers(focus, true)?,
        ] {
            // Breadth-first: depths never decrease along the answer.
            for (position, id) in reached.ids().enumerate() {
                if reached.path(position).len() - 1 > depth {
                    break;
                }
                included.insert(id);
            }
        }
        Ok(Selection {
            included,
            focus: Some(focus),
            unknown: Vec::new(),
        })
    }
}

/// One edge: consumer, provider, and how the dependency is declared.
struct Edge<'c> {
    from: &'c str,
    to: &'c str,
    requirement: Option<String>,
    asynchronous: bool,
    optional: bool,
}

impl Edge<'_> {
    /// `^4.1`, `async >=2.0, <3`, `optional, async ~1.12`.
    fn label(&self) -> String {
        let mut words = Vec::new();
        if self.optional {
            words.push("optional");
        }
        if self.asynchronous {
            words.push("async");
        }
        let mut label = words.join(", ");
        if let Some(requirement) = &self.requirement {
            if !label.is_empty() {
                label.push(' ');
            }
            label.push_str(requirement);
        }
        label
    }

    fn dashed(&self) -> bool {
        self.asynchronous || self.optional
    }
}

/// The edges between drawn services (and to unknown ids), in catalog order, each pair once.
fn edges<'c>(catalog: &'c Catalog, selection: &Selection<'c>) -> Vec<Edge<'c>> {
    let mut seen = HashSet::new();
    let mut edges = Vec::new();
    for service in services(catalog).filter(|s| selection.included.contains(s.id.as_str())) {
        for dependency in &service.dependencies {
            let to = dependency.service.as_str();
            let drawn = selection.included.contains(to) || selection.unknown.contains(&to);
            if drawn && seen.insert((service.id.as_str(), to)) {
                edges.push(Edge {
                    from: service.id.as_str(),
                    to,
                    requirement: dependency.version.as_ref().map(|r| r.to_string()),
                    asynchronous: dependency.kind == DependencyKind::Async,
                    optional: dependency.optional,
                });
            }
        }
    }
    edges
}

/// The drawn services by group: a title, a stable group id and the services.
fn clusters<'c>(
    catalog: &'c Catalog,
    selection: &Selection<'c>,
) -> Vec<(String, String, Vec<&'c Service>)> {
    groups(catalog)
        .into_iter()
        .filter_map(|group| {
            let drawn: Vec<&Service> = group
                .services
                .into_iter()
                .filter(|s| selection.included.contains(s.id.as_str()))
                .collect();
            if drawn.is_empty() {
                return None;
            }
            Some(match group.project {
                None => ("Shared services".to_owned(), "shared".to_owned(), drawn),
                Some(project) => {
                    let id = project.id.as_str();
                    let title = match &project.name {
                        Some(name) => format!("{} ({id})", super::safe("name", name)),
                        None => id.to_owned(),
                    };
                    (title, format!("project_{}", id.replace('-', "_")), drawn)
                }
            })
        })
        .collect()
}

/// Fill, stroke and dashing of a lifecycle status.
fn palette(status: Option<Status>) -> (&'static str, &'static str, bool) {
    match status {
        Some(Status::Development) => ("#e0f2fe", "#0369a1", false),
        Some(Status::Beta) => ("#ede9fe", "#6d28d9", false),
        Some(Status::Ga) => ("#dcfce7", "#15803d", false),
        Some(Status::Maintenance) => ("#fef9c3", "#a16207", false),
        Some(Status::Deprecated) => ("#ffedd5", "#c2410c", true),
        Some(Status::Retired) => ("#e5e7eb", "#4b5563", true),
        None => ("#fee2e2", "#b91c1c", false),
    }
}

/// The lines of a service's label: id, version and status, then sunset and replacement for a
/// service going away.
fn label_lines(service: &Service) -> Vec<String> {
    let status = service.status();
    let mut lines = vec![service.id.to_string()];
    let version = service
        .version
        .as_ref()
        .map_or("no version".to_owned(), |v| v.to_string());
    lines.push(format!("{version} · {status}"));
    if matches!(status, Status::Deprecated | Status::Retired) {
        let mut fate = Vec::new();
        if let Some(date) = sunset(service) {
            fate.push(format!("sunset {date}"));
        }
        if let Some(id) = replacement(service) {
            fate.push(format!("use {id}"));
        }
        if !fate.is_empty() {
            lines.push(fate.join(", "));
        }
    }
    lines
}

/// The label lines of an id the catalog does not define.
fn unknown_lines(id: &str) -> Vec<String> {
    vec![id.to_owned(), "not in the catalog".to_owned()]
}

/// A Mermaid node id: `svc_` and the service id with `_` for `-` (ids never hold `_`, so two
/// services never share a node id, and no id can be a Mermaid keyword).
fn mermaid_id(id: &str) -> String {
    format!("svc_{}", id.replace('-', "_"))
}

/// Text inside a quoted Mermaid label, with Mermaid's entity codes for the characters that
/// would end it or read as HTML.
fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn mermaid_label(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| mermaid_text(l))
        .collect::<Vec<_>>()
        .join("<br/>")
}

/// The graph as a Mermaid flowchart.
pub(super) fn mermaid(catalog: &Catalog, selection: &Selection<'_>) -> String {
    let mut out = String::from("flowchart LR\n");
    let _ = writeln!(out, "  %% {GENERATED}");
    let mut by_class: Vec<(&str, Vec<String>)> = Vec::new();
    let mut classify =
        |class: &'static str, node: String| match by_class.iter_mut().find(|(c, _)| *c == class) {
            Some((_, nodes)) => nodes.push(node),
            None => by_class.push((class, vec![node])),
        };
    for (title, id, members) in clusters(catalog, selection) {
        let _ = writeln!(out, "  subgraph {id}[\"{}\"]", mermaid_text(&title));
        for service in members {
            let node = mermaid_id(service.id.as_str());
            let _ = writeln!(
                out,
                "    {node}[\"{}\"]",
                mermaid_label(&label_lines(service))
            );
            classify(service.status().as_str(), node);
        }
        out.push_str("  end\n");
    }
    for id in &selection.unknown {
        let node = mermaid_id(id);
        let _ = writeln!(out, "  {node}[\"{}\"]", mermaid_label(&unknown_lines(id)));
        classify("unknown", node);
    }
    for edge in edges(catalog, selection) {
        let arrow = if edge.dashed() { "-.->" } else { "-->" };
        let label = edge.label();
        let (from, to) = (mermaid_id(edge.from), mermaid_id(edge.to));
        if label.is_empty() {
            let _ = writeln!(out, "  {from} {arrow} {to}");
        } else {
            let _ = writeln!(out, "  {from} {arrow}|\"{}\"| {to}", mermaid_text(&label));
        }
    }
    let mut class_order: Vec<(Option<Status>, &str)> =
        Status::ALL.iter().map(|s| (Some(*s), s.as_str())).collect();
    class_order.push((None, "unknown"));
    for (status, class) in class_order {
        let Some((_, nodes)) = by_class.iter().find(|(c, _)| *c == class) else {
            continue;
        };
        let (fill, stroke, dashed) = palette(status);
        let dash = if dashed { ",stroke-dasharray:5 5" } else { "" };
        let _ = writeln!(
            out,
            "  classDef {class} fill:{fill},stroke:{stroke},color:#111827{dash}"
        );
        let _ = writeln!(out, "  class {} {class}", nodes.join(","));
    }
    if let Some(focus) = selection.focus {
        let _ = writeln!(out, "  style {} stroke-width:4px", mermaid_id(focus));
    }
    out
}

/// A DOT double-quoted string's content.
fn dot_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\n', '\r'], " ")
}

/// Lines joined with DOT's centred line break.
fn dot_label(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| dot_text(l))
        .collect::<Vec<_>>()
        .join("\\n")
}

fn dot_node(out: &mut String, indent: &str, id: &str, lines: &[String], status: Option<Status>) {
    let (fill, stroke, dashed) = palette(status);
    let style = if dashed {
        "rounded,filled,dashed"
    } else {
        "rounded,filled"
    };
    let _ = writeln!(
        out,
        "{indent}\"{id}\" [label=\"{}\", style=\"{style}\", fillcolor=\"{fill}\", color=\"{stroke}\"];",
        dot_label(lines)
    );
}

/// The graph in Graphviz DOT.
pub(super) fn dot(catalog: &Catalog, selection: &Selection<'_>) -> String {
    let mut out = format!("// {GENERATED}\n");
    let name = match selection.focus {
        Some(focus) => format!("neighbourhood of {focus}"),
        None => "catalog".to_owned(),
    };
    let _ = writeln!(out, "digraph \"{}\" {{", dot_text(&name));
    out.push_str(
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.3, ranksep=0.7];\n  \
         node [shape=box, fontname=\"Helvetica\", fontsize=10, fontcolor=\"#111827\"];\n  \
         edge [fontname=\"Helvetica\", fontsize=9, color=\"#4b5563\", fontcolor=\"#374151\"];\n",
    );
    for (title, id, members) in clusters(catalog, selection) {
        let _ = writeln!(
            out,
            "  subgraph \"cluster_{id}\" {{\n    label=\"{}\";\n    style=\"rounded\";\n    color=\"#9ca3af\";",
            dot_text(&title)
        );
        for service in members {
            dot_node(
                &mut out,
                "    ",
                service.id.as_str(),
                &label_lines(service),
                Some(service.status()),
            );
        }
        out.push_str("  }\n");
    }
    for id in &selection.unknown {
        dot_node(&mut out, "  ", id, &unknown_lines(id), None);
    }
    if let Some(focus) = selection.focus {
        let _ = writeln!(out, "  \"{focus}\" [penwidth=3];");
    }
    for edge in edges(catalog, selection) {
        let mut attributes = Vec::new();
        let label = edge.label();
        if !label.is_empty() {
            attributes.push(format!("label=\"{}\"", dot_text(&label)));
        }
        if edge.dashed() {
            attributes.push("style=dashed".to_owned());
        }
        let _ = write!(out, "  \"{}\" -> \"{}\"", edge.from, edge.to);
        if !attributes.is_empty() {
            let _ = write!(out, " [{}]", attributes.join(", "));
        }
        out.push_str(";\n");
    }
    out.push_str("}\n");
    out
}
