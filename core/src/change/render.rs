//! Renderings of an impact report (text, Markdown) and the notifications it prepares.

use super::diff::{ChangeKind, ChangeSet};
use super::impact::{Affected, ImpactReport, Notification};
use crate::Catalog;
use crate::report::{Report, Verdict};
use std::fmt::Write;

fn verdict_line(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Pass => ("✅", "passes"),
        Verdict::Warn => ("⚠️", "passes with warnings"),
        Verdict::Fail => ("❌", "fails"),
    }
}

fn versions(from: &Option<String>, to: &Option<String>) -> String {
    match (from, to) {
        (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
        (Some(a), _) => a.clone(),
        (None, Some(b)) => b.clone(),
        (None, None) => String::new(),
    }
}

/// Text: the change set, who it reaches, then the findings as `Report::to_text` prints them.
pub(super) fn text(report: &ImpactReport, head: &Report, color: bool) -> String {
    let mut out = String::new();
    let (_, verdict) = verdict_line(report.verdict());
    let _ = writeln!(out, "change {verdict}\n");
    if report.changes.is_empty() {
        out.push_str("no service changed\n");
    }
    for change in &report.changes.services {
        let _ = writeln!(
            out,
            "  {:<12} {} {}",
            change.kind.as_str(),
            change.id,
            versions(&change.from_version, &change.to_version)
        );
    }
    if !report.affected_projects.is_empty() {
        out.push_str("\naffected projects:\n");
        for project in &report.affected_projects {
            let _ = writeln!(
                out,
                "  {} ({}): {}",
                project.id,
                if project.direct {
                    "direct"
                } else {
                    "transitive"
                },
                project.path.join(" -> ")
            );
        }
    }
    if !report.broken_consumers.is_empty() {
        out.push_str("\nbroken consumers:\n");
        for broken in &report.broken_consumers {
            let _ = writeln!(
                out,
                "  {} requires {} {} but it moves {} -> {}",
                broken.consumer,
                broken.service,
                broken.requirement,
                broken.old_version,
                broken.new_version
            );
        }
    }
    out.push('\n');
    out.push_str(&head.to_text(color));
    out
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}

fn path(affected: &Affected) -> String {
    affected
        .path
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Markdown for a pull-request comment.
pub(super) fn markdown(report: &ImpactReport) -> String {
    let mut out = String::new();
    let (icon, verdict) = verdict_line(report.verdict());
    let _ = writeln!(
        out,
        "## {icon} service-catalog impact: the change {verdict}\n"
    );
    let summary = &report.summary;
    out.push_str(
        "| changed services | affected projects | broken consumers | errors | warnings |\n",
    );
    out.push_str("| ---: | ---: | ---: | ---: | ---: |\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n",
        report.changes.services.len(),
        report.affected_projects.len(),
        report.broken_consumers.len(),
        summary.errors,
        summary.warnings
    );
    if report.changes.is_empty() {
        out.push_str("No service changed.\n");
        return out;
    }
    out.push_str("### Changes\n\n| service | change | version |\n| --- | --- | --- |\n");
    for change in &report.changes.services {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            change.id,
            change.kind.as_str(),
            versions(&change.from_version, &change.to_version)
        );
    }
    if !report.affected_projects.is_empty() {
        out.push_str("\n### Affected projects\n\n| project | how | path |\n| --- | --- | --- |\n");
        for project in &report.affected_projects {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                project.id,
                if project.direct {
                    "direct"
                } else {
                    "transitive"
                },
                path(project)
            );
        }
    }
    if !report.broken_consumers.is_empty() {
        out.push_str("\n### Broken consumers\n\n| consumer | project | requires | old → new |\n| --- | --- | --- | --- |\n");
        for b in &report.broken_consumers {
            let _ = writeln!(
                out,
                "| `{}` | {} | `{} {}` | {} → {} |",
                b.consumer,
                b.project
                    .as_deref()
                    .map_or("shared".to_owned(), |p| format!("`{p}`")),
                b.service,
                escape(&b.requirement),
                b.old_version,
                b.new_version
            );
        }
    }
    if !report.findings.is_empty() {
        out.push_str(
            "\n### What to do\n\n| | code | location | finding |\n| --- | --- | --- | --- |\n",
        );
        for d in &report.findings {
            let icon = match d.severity {
                crate::Severity::Error => "❌",
                crate::Severity::Warning => "⚠️",
                crate::Severity::Info => "ℹ️",
            };
            let mut finding = escape(&d.message);
            if let Some(help) = &d.help {
                let _ = write!(finding, "<br>*fix:* {}", escape(help));
            }
            let _ = writeln!(
                out,
                "| {icon} | `{}` | `{}:{}` | {finding} |",
                d.code, d.file, d.line
            );
        }
    }
    if !report.notifications.is_empty() {
        out.push_str("\n### Who to tell\n\n");
        for n in &report.notifications {
            let _ = writeln!(out, "- `{}`: {}", n.project, n.to.join(", "));
        }
    }
    out
}

/// One notification per affected project, addressed to its owners and to the approvers of the
/// changed services it reaches.
pub(super) fn notifications(
    head: &Catalog,
    base: &Catalog,
    changes: &ChangeSet,
    affected_projects: &[Affected],
) -> Vec<Notification> {
    affected_projects
        .iter()
        .map(|affected| {
            let project = head
                .project(&affected.id)
                .or_else(|| base.project(&affected.id));
            let mut to: Vec<String> = project
                .map(|p| p.owners.iter().map(|o| o.value.clone()).collect())
                .unwrap_or_default();
            let change = changes.service(&affected.changed);
            let changed = head
                .service(&affected.changed)
                .or_else(|| base.service(&affected.changed));
            if let Some(governance) = changed.and_then(|s| s.governance.as_ref()) {
                for approver in &governance.approvers {
                    if !to.contains(&approver.value) {
                        to.push(approver.value.clone());
                    }
                }
            }
            let kind = change.map_or("change", |c| c.kind.as_str());
            let subject = format!(
                "{} change to `{}` affects project `{}`",
                kind, affected.changed, affected.id
            );
            let mut body = format!(
                "**{}** reaches project **{}** {} through {}.\n\n",
                affected.changed,
                affected.id,
                if affected.direct {
                    "directly"
                } else {
                    "transitively"
                },
                path(affected)
            );
            if let Some(change) = change {
                let _ = writeln!(
                    body,
                    "- change: {} {}",
                    change.kind.as_str(),
                    versions(&change.from_version, &change.to_version)
                );
                if change.kind == ChangeKind::Major || change.kind == ChangeKind::Deprecation {
                    if let Some(guide) = changed
                        .and_then(|s| s.migration.as_ref())
                        .and_then(|m| m.guide_url.as_ref())
                    {
                        let _ = writeln!(body, "- migration guide: {}", guide.value);
                    }
                }
                if let Some(replacement) = changed
                    .and_then(|s| s.lifecycle.as_ref())
                    .and_then(|l| l.replacement_service.as_ref())
                {
                    let _ = writeln!(body, "- replacement: `{}`", replacement.as_str());
                }
            }
            Notification {
                project: affected.id.to_string(),
                to,
                subject,
                body,
            }
        })
        .collect()
}
