//! `services-md`: SERVICES.md, the inventory of every service grouped by project, with the
//! deprecated and retired ones called out before the tables.

use super::{
    GENERATED, Group, NONE, cell, code, consumer_projects, direct_consumers, going_away,
    going_away_mark, groups, health_port, md_link, replacement, safe, service_ref, service_refs,
    status_badge, sunset,
};
use crate::Catalog;
use crate::model::{Dependency, DependencyKind, Service, Status};
use std::fmt::Write;

/// Renders SERVICES.md.
pub(super) fn render(catalog: &Catalog) -> String {
    let groups = groups(catalog);
    let mut out = String::new();
    let _ = writeln!(out, "# Services\n\n<!-- {GENERATED} -->\n");
    summary(&mut out, &groups);
    notices(&mut out, catalog, &groups);
    for group in &groups {
        section(&mut out, catalog, group);
    }
    out
}

/// How many services, where, and in which status.
fn summary(out: &mut String, groups: &[Group<'_>]) {
    let all: Vec<&Service> = groups
        .iter()
        .flat_map(|g| g.services.iter().copied())
        .collect();
    let shared = groups
        .iter()
        .filter(|g| g.project.is_none())
        .map(|g| g.services.len())
        .sum::<usize>();
    let projects = groups.iter().filter(|g| g.project.is_some()).count();
    let _ = writeln!(
        out,
        "{} services: {shared} shared and {} in {projects} project{}.",
        all.len(),
        all.len() - shared,
        if projects == 1 { "" } else { "s" }
    );
    let by_status: Vec<String> = Status::ALL
        .iter()
        .filter_map(|&status| {
            let n = all.iter().filter(|s| s.status() == status).count();
            (n > 0).then(|| format!("{n} {status}"))
        })
        .collect();
    if !by_status.is_empty() {
        let _ = writeln!(out, "By lifecycle status: {}.", by_status.join(", "));
    }
    out.push('\n');
}

/// The deprecated and retired services, with their dates, replacement and migration guide.
fn notices(out: &mut String, catalog: &Catalog, groups: &[Group<'_>]) {
    out.push_str("## Deprecated and retired services\n\n");
    let leaving: Vec<&Service> = groups
        .iter()
        .flat_map(|g| g.services.iter().copied())
        .filter(|s| going_away(s.status()))
        .collect();
    if leaving.is_empty() {
        out.push_str("No service is deprecated or retired.\n\n");
        return;
    }
    out.push_str(
        "| Service | Status | Deprecated on | Sunset | Replacement | Migration guide | Remaining consumers |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for service in leaving {
        let lifecycle = service.lifecycle.as_ref();
        let deprecated_on = lifecycle
            .and_then(|l| l.deprecation_date.as_ref())
            .map_or(NONE.to_owned(), |d| d.to_string());
        let consumers = direct_consumers(catalog, service.id.as_str());
        let _ = writeln!(
            out,
            "| {} | {} | {deprecated_on} | {} | {} | {} | {} |",
            code(service.id.as_str()),
            status_badge(service.status()),
            sunset(service).map_or(NONE.to_owned(), |d| d.to_string()),
            replacement(service).map_or(NONE.to_owned(), |id| service_ref(catalog, id)),
            migration(service),
            service_refs(catalog, consumers),
        );
    }
    out.push('\n');
}

/// The migration guide link with its difficulty and effort.
fn migration(service: &Service) -> String {
    let Some(migration) = &service.migration else {
        return NONE.to_owned();
    };
    let mut parts = Vec::new();
    if let Some(url) = &migration.guide_url {
        parts.push(md_link("guide", "guide_url", url));
    }
    if let Some(difficulty) = &migration.migration_difficulty {
        parts.push(difficulty.as_str().to_owned());
    }
    if let Some(hours) = &migration.estimated_effort_hours {
        parts.push(format!("about {} h", hours.value));
    }
    if let Some(until) = &migration.support_until {
        parts.push(format!("supported until {}", until.value));
    }
    if parts.is_empty() {
        NONE.to_owned()
    } else {
        parts.join(", ")
    }
}

/// One group's heading, description and table.
fn section(out: &mut String, catalog: &Catalog, group: &Group<'_>) {
    match group.project {
        None => out.push_str(
            "## Shared services\n\nDefined in `services/catalog.toml`: every project may depend on them.\n\n",
        ),
        Some(project) => {
            let id = project.id.as_str();
            match &project.name {
                Some(name) => {
                    let _ = writeln!(out, "## {} ({})\n", cell(safe("name", name)), code(id));
                }
                None => {
                    let _ = writeln!(out, "## {}\n", code(id));
                }
            }
            if let Some(description) = &project.description {
                let _ = writeln!(out, "{}\n", cell(safe("description", description)));
            }
            let mut facts = Vec::new();
            if let Some(env) = &project.environment {
                facts.push(format!("environment {}", env.as_str()));
            }
            if let Some(tier) = &project.tier {
                facts.push(format!("tier {}", tier.as_str()));
            }
            if !project.owners.is_empty() {
                let owners: Vec<String> = project
                    .owners
                    .iter()
                    .map(|o| code(safe("owners", o)))
                    .collect();
                facts.push(format!("owners {}", owners.join(", ")));
            }
            facts.push(format!("defined in `projects/{id}/services.toml`"));
            let _ = writeln!(out, "{}.\n", capitalize(&facts.join(" · ")));
        }
    }
    if group.services.is_empty() {
        out.push_str("No services.\n\n");
        return;
    }
    out.push_str(
        "| Service | Status | Version | Owner | Ports | Health | Depends on | Consumers | SLA |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for service in &group.services {
        row(out, catalog, service);
    }
    out.push('\n');
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One service's row.
fn row(out: &mut String, catalog: &Catalog, service: &Service) {
    let mut name = code(service.id.as_str());
    if service.project.is_some() && service.is_exposed() {
        name.push_str(" (exposed)");
    }
    if let Some(description) = &service.description {
        let _ = write!(name, "<br>{}", cell(safe("description", description)));
    }
    let mut status = status_badge(service.status());
    if let Some(date) = sunset(service).filter(|_| service.status() == Status::Deprecated) {
        let _ = write!(status, "<br>sunset {date}");
    }
    let columns = [
        name,
        status,
        version(catalog, service),
        service
            .owner
            .as_ref()
            .map_or(NONE.to_owned(), |o| code(safe("owner", o))),
        ports(service),
        health(service),
        dependencies(catalog, service),
        consumers(catalog, service),
        sla(service),
    ];
    let _ = writeln!(out, "| {} |", columns.join(" | "));
}

/// The version, with its release date when `services/versions.toml` records it.
fn version(catalog: &Catalog, service: &Service) -> String {
    let Some(version) = &service.version else {
        return NONE.to_owned();
    };
    let released = catalog
        .version_history(service.id.as_str())
        .and_then(|h| h.history.iter().find(|r| r.version.value == version.value))
        .and_then(|r| r.date.as_ref());
    match released {
        Some(date) => format!("{}<br>released {}", code(&version.to_string()), date.value),
        None => code(&version.to_string()),
    }
}

fn ports(service: &Service) -> String {
    if service.ports.is_empty() {
        return NONE.to_owned();
    }
    service
        .ports
        .iter()
        .map(|p| {
            let protocol = p.protocol.as_ref().map_or("tcp", |p| p.as_str());
            match &p.name {
                Some(name) => format!("{} {}/{protocol}", cell(name), p.port.value),
                None => format!("{}/{protocol}", p.port.value),
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn health(service: &Service) -> String {
    let Some(check) = &service.health_check else {
        return NONE.to_owned();
    };
    let mut text = match (&check.path, health_port(service)) {
        (Some(path), Some(port)) => format!("{} on {port}", code(&cell(path))),
        (Some(path), None) => code(&cell(path)),
        (None, Some(port)) => format!("TCP {port}"),
        (None, None) => NONE.to_owned(),
    };
    if let Some(interval) = &check.interval {
        let _ = write!(text, ", every {}", interval.value);
    }
    text
}

fn dependencies(catalog: &Catalog, service: &Service) -> String {
    if service.dependencies.is_empty() {
        return NONE.to_owned();
    }
    service
        .dependencies
        .iter()
        .map(|d| dependency(catalog, d))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// `user-store` `^4.1` async, optional; ⚠️ when the provider is going away or unknown.
fn dependency(catalog: &Catalog, dependency: &Dependency) -> String {
    let mut text = code(dependency.service.as_str());
    if let Some(requirement) = &dependency.version {
        let _ = write!(text, " {}", code(&requirement.to_string()));
    }
    let mut notes = Vec::new();
    if dependency.optional {
        notes.push("optional".to_owned());
    }
    if dependency.kind == DependencyKind::Async {
        notes.push("async".to_owned());
    }
    match catalog.service(dependency.service.as_str()) {
        Some(provider) => notes.extend(going_away_mark(provider.status()).map(str::to_owned)),
        None => notes.push("⚠️ not in the catalog".to_owned()),
    }
    if !notes.is_empty() {
        let _ = write!(text, " ({})", notes.join(", "));
    }
    text
}

fn consumers(catalog: &Catalog, service: &Service) -> String {
    let direct = direct_consumers(catalog, service.id.as_str());
    if direct.is_empty() {
        return NONE.to_owned();
    }
    let mut text = service_refs(catalog, direct);
    let projects = consumer_projects(catalog, service.id.as_str());
    if !projects.is_empty() {
        let _ = write!(text, "<br>projects: {}", projects.join(", "));
    }
    text
}

fn sla(service: &Service) -> String {
    let Some(sla) = &service.sla else {
        return NONE.to_owned();
    };
    let mut parts = Vec::new();
    if let Some(a) = &sla.availability {
        parts.push(a.value.to_string());
    }
    for (name, value) in [
        ("p50", &sla.response_time_p50),
        ("p95", &sla.response_time_p95),
        ("p99", &sla.response_time_p99),
    ] {
        if let Some(v) = value {
            parts.push(format!("{name} {}", v.value));
        }
    }
    if let Some(e) = &sla.error_rate {
        parts.push(format!("errors {}", e.value));
    }
    if parts.is_empty() {
        NONE.to_owned()
    } else {
        parts.join("<br>")
    }
}
