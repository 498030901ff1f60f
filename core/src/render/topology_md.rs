//! `topology-md`: TOPOLOGY.md, the dependency graph as a Mermaid diagram (GitHub renders it),
//! the cross-project dependency matrix, the version-compatibility matrix and the deprecation
//! timeline.
//!
//! The compatibility verdicts are the findings `check` makes for each requirement
//! (`dep/version-unsatisfied`, `dep/below-compat-floor`), so the document and the check never
//! disagree; they are time-independent, so the date the check runs as of does not matter.

use super::graph::{self, Selection};
use super::{
    GENERATED, NONE, RenderOptions, code, direct_consumers, going_away, groups, md_link,
    replacement, service_ref, service_refs, services, status_badge, sunset,
};
use crate::model::{Dependency, Service, Status};
use crate::{Catalog, Code, Date, Diagnostic};
use std::fmt::Write;

/// Renders TOPOLOGY.md.
pub(super) fn render(catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Topology\n\n<!-- {GENERATED} -->\n");
    graph_section(&mut out, catalog);
    matrix_section(&mut out, catalog);
    compatibility_section(&mut out, catalog);
    timeline_section(&mut out, catalog);
    out
}

fn graph_section(out: &mut String, catalog: &Catalog) {
    out.push_str("## Dependency graph\n\n");
    out.push_str(
        "Arrows point from a consumer to the service it depends on and carry the version \
         requirement: solid for a required synchronous dependency, dashed for `async` and \
         `optional` ones. Colours follow the lifecycle status (development blue, beta purple, \
         ga green, maintenance yellow, deprecated orange, retired grey); deprecated and retired \
         services are outlined dashed.\n\n",
    );
    // The whole catalog is always a valid selection.
    if let Ok(selection) = Selection::new(catalog, &RenderOptions::default()) {
        let _ = writeln!(
            out,
            "```mermaid\n{}```\n",
            graph::mermaid(catalog, &selection)
        );
    }
}

/// The side a service is on: its project, or `None` for the shared registry.
fn side(service: &Service) -> Option<&str> {
    service.project.as_ref().map(|p| p.as_str())
}

/// A side's heading in the matrix.
fn side_name(side: Option<&str>) -> String {
    side.map_or("shared".to_owned(), code)
}

fn matrix_section(out: &mut String, catalog: &Catalog) {
    out.push_str("## Cross-project dependencies\n\n");
    out.push_str(
        "Each row is a consuming side, each column a providing side; a cell lists the services \
         of the column that services of the row depend on directly.\n\n",
    );
    let sides: Vec<Option<&str>> = groups(catalog)
        .iter()
        .map(|g| g.project.map(|p| p.id.as_str()))
        .collect();
    if sides.is_empty() {
        out.push_str("The catalog has no services.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "| consumer → provider | {} |",
        sides
            .iter()
            .map(|s| side_name(*s))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "| --- |{}", " --- |".repeat(sides.len()));
    for from in &sides {
        let mut row = vec![format!("**{}**", side_name(*from))];
        for to in &sides {
            let mut providers: Vec<&str> = services(catalog)
                .filter(|s| side(s) == *from)
                .flat_map(|s| &s.dependencies)
                .filter_map(|d| catalog.service(d.service.as_str()))
                .filter(|p| side(p) == *to)
                .map(|p| p.id.as_str())
                .collect();
            providers.sort_unstable();
            providers.dedup();
            row.push(if providers.is_empty() {
                NONE.to_owned()
            } else {
                service_refs(catalog, providers)
            });
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// The verdict `check` gives the requirement of `dependency`, declared by `consumer`.
fn verdict(
    catalog: &Catalog,
    findings: &[Diagnostic],
    consumer: &Service,
    dependency: &Dependency,
    provider: &Service,
) -> String {
    let Some(requirement) = &dependency.version else {
        return "✅ any version".to_owned();
    };
    if provider.version.is_none() {
        return "❔ the provider has no valid version".to_owned();
    }
    let Some(file) = catalog.sources().get(requirement.span.file as usize) else {
        return NONE.to_owned();
    };
    let at = file.line_column(requirement.span.start);
    let found = |code: &Code| {
        findings.iter().any(|d| {
            d.code == *code
                && d.file == file.path()
                && d.line == at.line
                && d.column == at.column
                && d.service.as_deref() == Some(consumer.id.as_str())
        })
    };
    if found(&Code::DepVersionUnsatisfied) {
        "❌ not satisfied".to_owned()
    } else if found(&Code::DepBelowCompatFloor) {
        "⚠️ admits versions below the compatibility floor".to_owned()
    } else {
        "✅ satisfied".to_owned()
    }
}

fn compatibility_section(out: &mut String, catalog: &Catalog) {
    out.push_str("## Version compatibility\n\n");
    out.push_str(
        "Every consumer's requirement against its provider's current version and compatibility \
         floor (`compat_version_min`), as `check` judges it.\n\n",
    );
    let findings = catalog.check(Date::from_days(0)).diagnostics;
    let mut rows = Vec::new();
    for provider in services(catalog) {
        let mut consumers: Vec<(&Service, &Dependency)> = services(catalog)
            .flat_map(|c| c.dependencies.iter().map(move |d| (c, d)))
            .filter(|(_, d)| d.service.as_str() == provider.id.as_str())
            .collect();
        consumers.sort_by(|a, b| a.0.id.value.cmp(&b.0.id.value));
        for (consumer, dependency) in consumers {
            let name = service_ref(catalog, provider.id.as_str());
            rows.push(format!(
                "| {name} | {} | {} | {} | {} | {} |",
                provider
                    .version
                    .as_ref()
                    .map_or(NONE.to_owned(), |v| code(&v.to_string())),
                provider
                    .compat_version_min
                    .as_ref()
                    .map_or(NONE.to_owned(), |v| code(&v.to_string())),
                service_ref(catalog, consumer.id.as_str()),
                dependency
                    .version
                    .as_ref()
                    .map_or("any".to_owned(), |r| code(&r.to_string())),
                verdict(catalog, &findings, consumer, dependency, provider),
            ));
        }
    }
    if rows.is_empty() {
        out.push_str("No service depends on another.\n\n");
        return;
    }
    out.push_str(
        "| Provider | Version | Compatibility floor | Consumer | Requirement | Result |\n\
         | --- | --- | --- | --- | --- | --- |\n",
    );
    for row in rows {
        out.push_str(&row);
        out.push('\n');
    }
    out.push('\n');
}

fn timeline_section(out: &mut String, catalog: &Catalog) {
    out.push_str("## Deprecation timeline\n\n");
    let mut leaving: Vec<&Service> = services(catalog)
        .filter(|s| going_away(s.status()))
        .collect();
    leaving.sort_by_key(|s| (sunset(s), s.id.value.clone()));
    if leaving.is_empty() {
        out.push_str("No service is deprecated or retired.\n\n");
    } else {
        out.push_str(
            "Deprecated and retired services by sunset date, with who still depends on them and \
             how to move away.\n\n\
             | Sunset | Service | Status | Deprecated on | Replacement | Remaining consumers | Migration guide |\n\
             | --- | --- | --- | --- | --- | --- | --- |\n",
        );
        for service in leaving {
            let lifecycle = service.lifecycle.as_ref();
            let consumers: Vec<String> = direct_consumers(catalog, service.id.as_str())
                .into_iter()
                .map(|id| {
                    let project = catalog.service(id).and_then(|s| s.project.as_ref());
                    match project {
                        Some(p) => format!("{} ({p})", service_ref(catalog, id)),
                        None => service_ref(catalog, id),
                    }
                })
                .collect();
            let status = status_badge(service.status());
            let _ = writeln!(
                out,
                "| {} | {} | {status} | {} | {} | {} | {} |",
                sunset(service).map_or(NONE.to_owned(), |d| d.to_string()),
                code(service.id.as_str()),
                lifecycle
                    .and_then(|l| l.deprecation_date.as_ref())
                    .map_or(NONE.to_owned(), |d| d.to_string()),
                replacement(service).map_or(NONE.to_owned(), |id| service_ref(catalog, id)),
                if consumers.is_empty() {
                    "none".to_owned()
                } else {
                    consumers.join(", ")
                },
                guide(service),
            );
        }
        out.push('\n');
    }
    let mut maintained: Vec<(&Service, Option<Date>)> = services(catalog)
        .filter(|s| s.status() == Status::Maintenance)
        .map(|s| {
            let until = s
                .migration
                .as_ref()
                .and_then(|m| m.support_until.as_ref())
                .map(|d| d.value);
            (s, until)
        })
        .collect();
    if maintained.is_empty() {
        return;
    }
    maintained.sort_by_key(|(s, until)| (*until, s.id.value.clone()));
    out.push_str(
        "Services in maintenance (patch releases only) and when their support ends:\n\n\
         | Support ends | Service | Remaining consumers | Migration guide |\n\
         | --- | --- | --- | --- |\n",
    );
    for (service, until) in maintained {
        let consumers = direct_consumers(catalog, service.id.as_str());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            until.map_or(NONE.to_owned(), |d| d.to_string()),
            code(service.id.as_str()),
            service_refs(catalog, consumers),
            guide(service),
        );
    }
    out.push('\n');
}

/// The migration guide as a link, or a dash.
fn guide(service: &Service) -> String {
    service
        .migration
        .as_ref()
        .and_then(|m| m.guide_url.as_ref())
        .map_or(NONE.to_owned(), |url| md_link("guide", "guide_url", url))
}
