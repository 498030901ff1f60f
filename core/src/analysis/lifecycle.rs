//! Lifecycle checks (format §5): version shape per status, what each status requires, the
//! deprecation rules, the time-based checks against `today`, and who may consume what.

use super::Context;
use super::graph::Node;
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::load::closest;
use crate::model::{Service, Status};
use crate::span::Span;
use semver::Version;

/// Minimum months between `deprecation_date` and `sunset_date`.
pub(crate) const SUNSET_WINDOW_MONTHS: u32 = 6;
/// Days before `sunset_date` when consumers get a warning.
const SUNSET_SOON_DAYS: i64 = 30;
/// Maximum months of maintenance support after `lifecycle.since`.
const SUPPORT_WINDOW_MONTHS: u32 = 12;

/// Adds every `lifecycle/*` finding, and the fields a status requires.
pub(super) fn check(cx: &mut Context<'_>) {
    for node in 0..cx.catalog.services().len() as Node {
        if !cx.in_scope(node) {
            continue;
        }
        let service = cx.service(node);
        version_scheme(cx, node, service);
        match service.status() {
            Status::Beta => require_change_log(cx, node, service),
            Status::Maintenance => maintenance(cx, node, service),
            Status::Deprecated => deprecated(cx, node, service),
            Status::Retired => declared_consumers_of_retired(cx, node, service),
            Status::Development | Status::Ga => {}
        }
    }
    consumer_edges(cx);
}

/// Where a finding about the status belongs: the `status` value, or the service's key.
fn status_span(service: &Service) -> Span {
    service
        .status_field
        .as_ref()
        .map_or(service.id.span, |s| s.span)
}

/// Whether `version` has the shape `status` requires (format §5).
pub(crate) fn version_fits(status: Status, version: &Version) -> bool {
    match status {
        Status::Development => version.major == 0,
        Status::Beta => version.major >= 1 && !version.pre.is_empty(),
        Status::Ga | Status::Maintenance => version.major >= 1 && version.pre.is_empty(),
        // Deprecation may follow beta, ga or maintenance; retirement may follow anything.
        Status::Deprecated => version.major >= 1,
        Status::Retired => true,
    }
}

fn version_scheme(cx: &mut Context<'_>, node: Node, service: &Service) {
    let Some(version) = &service.version else {
        return;
    };
    let status = service.status();
    if version_fits(status, version) {
        return;
    }
    let expected = match status {
        Status::Development => "a 0.x.y version",
        Status::Beta => "a pre-release of major version 1 or later, such as 1.0.0-beta.1",
        Status::Ga | Status::Maintenance => "1.0.0 or later without a pre-release",
        Status::Deprecated => "1.0.0 or later",
        Status::Retired => unreachable!("every version fits a retired service"),
    };
    let finding = cx
        .about(
            node,
            Code::LifecycleVersionScheme,
            Severity::Error,
            version.span,
            format!(
                "version {} does not fit status `{status}`: expected {expected}",
                version.value
            ),
        )
        .help(format!(
            "change the version or the status; `{status}` services use {expected}"
        ));
    cx.push(finding);
}

fn missing(cx: &mut Context<'_>, node: Node, service: &Service, field: &str, why: &str) {
    let finding = cx
        .about(
            node,
            Code::MissingField,
            Severity::Error,
            status_span(service),
            format!("a {} service needs `{field}`: {why}", service.status()),
        )
        .help(format!(
            "set `{field}` in `[service.{}]`",
            service.id.as_str()
        ));
    cx.push(finding);
}

fn require_change_log(cx: &mut Context<'_>, node: Node, service: &Service) {
    let has = service
        .governance
        .as_ref()
        .and_then(|g| g.change_log.as_ref())
        .is_some_and(|c| !c.trim().is_empty());
    if !has {
        missing(
            cx,
            node,
            service,
            "governance.change_log",
            "beta consumers must be able to follow its changes",
        );
    }
}

fn maintenance(cx: &mut Context<'_>, node: Node, service: &Service) {
    let Some(support_until) = service
        .migration
        .as_ref()
        .and_then(|m| m.support_until.as_ref())
    else {
        missing(
            cx,
            node,
            service,
            "migration.support_until",
            "consumers must know how long it is supported",
        );
        return;
    };
    let since = service.lifecycle.as_ref().and_then(|l| l.since.as_ref());
    if let Some(since) = since {
        let limit = since.add_months(SUPPORT_WINDOW_MONTHS);
        if support_until.value > limit {
            let finding = cx
                .about(
                    node,
                    Code::LifecycleSupportWindow,
                    Severity::Error,
                    support_until.span,
                    format!(
                        "maintenance support until {} is more than {SUPPORT_WINDOW_MONTHS} months after entering maintenance on {} (at most {limit})",
                        support_until.value, since.value
                    ),
                )
                .help(format!("set `support_until` to {limit} or earlier, or plan a deprecation"))
                .related(cx.sources(), since.span, "maintenance entered here");
            cx.push(finding);
        }
        maintenance_features(cx, node, service, since.value);
    }
    if support_until.value < cx.today {
        let finding = cx
            .about(
                node,
                Code::LifecycleSupportExpired,
                Severity::Error,
                support_until.span,
                format!(
                    "maintenance support ended on {} (today is {})",
                    support_until.value, cx.today
                ),
            )
            .help("deprecate the service with a replacement, or extend support within the 12-month window");
        cx.push(finding);
    }
}

/// A release after entering maintenance that is more than a patch over its predecessor.
fn maintenance_features(cx: &mut Context<'_>, node: Node, service: &Service, since: crate::Date) {
    let Some(history) = cx.catalog.version_history(service.id.as_str()) else {
        return;
    };
    // History is newest first: compare each release with the one before it.
    for pair in history.history.windows(2) {
        let (newer, older) = (&pair[0], &pair[1]);
        let Some(date) = &newer.date else { continue };
        if date.value < since {
            continue;
        }
        let (a, b) = (&older.version.value, &newer.version.value);
        if (b.major, b.minor) > (a.major, a.minor) {
            let finding = cx
                .about(
                    node,
                    Code::LifecycleMaintenanceFeature,
                    Severity::Error,
                    newer.version.span,
                    format!(
                        "release {b} of maintenance service `{}` goes beyond a patch over {a}",
                        service.id.as_str()
                    ),
                )
                .help("a service in maintenance only ships patch releases; move it back to ga for new features");
            cx.push(finding);
        }
    }
}

fn deprecated(cx: &mut Context<'_>, node: Node, service: &Service) {
    let lifecycle = service.lifecycle.as_ref();
    let deprecation = lifecycle.and_then(|l| l.deprecation_date.as_ref());
    if deprecation.is_none() {
        missing(
            cx,
            node,
            service,
            "lifecycle.deprecation_date",
            "the sunset window counts from it",
        );
    }
    match lifecycle.and_then(|l| l.replacement_service.as_ref()) {
        None => {
            let finding = cx
                .about(
                    node,
                    Code::LifecycleMissingReplacement,
                    Severity::Error,
                    status_span(service),
                    format!(
                        "deprecated service `{}` names no `lifecycle.replacement_service`",
                        service.id.as_str()
                    ),
                )
                .help("name the service consumers should move to");
            cx.push(finding);
        }
        Some(replacement) => {
            let problem = match cx.catalog.service(replacement.as_str()) {
                None => {
                    let ids = cx.catalog.services().iter().map(|s| s.id.as_str());
                    Some((
                        "does not exist".to_owned(),
                        closest(replacement.as_str(), ids)
                            .map(|near| format!("did you mean `{near}`?")),
                    ))
                }
                Some(r) if r.id.value == service.id.value => {
                    Some(("is the service itself".to_owned(), None))
                }
                Some(r) if matches!(r.status(), Status::Deprecated | Status::Retired) => {
                    Some((format!("is itself {}", r.status()), None))
                }
                Some(_) => None,
            };
            if let Some((why, help)) = problem {
                let finding = cx
                    .about(
                        node,
                        Code::LifecycleReplacementUnusable,
                        Severity::Error,
                        replacement.span,
                        format!(
                            "replacement `{}` of `{}` {why}",
                            replacement.as_str(),
                            service.id.as_str()
                        ),
                    )
                    .help(help.unwrap_or_else(|| {
                        "name an existing service that is not deprecated or retired".into()
                    }));
                cx.push(finding);
            }
        }
    }
    let sunset = lifecycle.and_then(|l| l.sunset_date.as_ref());
    match (deprecation, sunset) {
        (_, None) => {
            let finding = cx
                .about(
                    node,
                    Code::LifecycleSunsetWindow,
                    Severity::Error,
                    status_span(service),
                    format!(
                        "deprecated service `{}` has no `lifecycle.sunset_date`",
                        service.id.as_str()
                    ),
                )
                .help(match deprecation {
                    Some(d) => format!(
                        "set `sunset_date` to {} or later",
                        d.add_months(SUNSET_WINDOW_MONTHS)
                    ),
                    None => format!(
                        "set `sunset_date` at least {SUNSET_WINDOW_MONTHS} months after `deprecation_date`"
                    ),
                });
            cx.push(finding);
        }
        (Some(deprecation), Some(sunset)) => {
            let earliest = deprecation.add_months(SUNSET_WINDOW_MONTHS);
            if sunset.value < earliest {
                let finding = cx
                    .about(
                        node,
                        Code::LifecycleSunsetWindow,
                        Severity::Error,
                        sunset.span,
                        format!(
                            "sunset {} is less than {SUNSET_WINDOW_MONTHS} months after deprecation on {} (earliest {earliest})",
                            sunset.value, deprecation.value
                        ),
                    )
                    .help(format!("move `sunset_date` to {earliest} or later"))
                    .related(cx.sources(), deprecation.span, "deprecated here");
                cx.push(finding);
            }
        }
        (None, Some(_)) => {}
    }
}

fn declared_consumers_of_retired(cx: &mut Context<'_>, node: Node, service: &Service) {
    let declared = &service.consumers;
    let entries = declared
        .projects
        .iter()
        .flatten()
        .map(|e| (e, "project"))
        .chain(
            declared
                .required_by
                .iter()
                .flatten()
                .map(|e| (e, "service")),
        );
    for (entry, kind) in entries {
        let finding = cx
            .about(
                node,
                Code::LifecycleConsumesRetired,
                Severity::Error,
                entry.span,
                format!(
                    "retired service `{}` still declares {kind} `{}` as a consumer",
                    service.id.as_str(),
                    entry.as_str()
                ),
            )
            .help("a retired service has no consumers: move them to the replacement and empty the list");
        cx.push(finding);
    }
}

/// The checks on each dependency edge about the provider's status.
fn consumer_edges(cx: &mut Context<'_>) {
    let catalog = cx.catalog;
    for node in 0..catalog.services().len() as Node {
        if !cx.in_scope(node) {
            continue;
        }
        let consumer = cx.service(node);
        if consumer.status() == Status::Retired {
            // A tombstone runs nothing; its old dependencies do not count.
            continue;
        }
        for (target, index) in catalog.graph().dependency_edges(node) {
            let provider = cx.service(target);
            let dependency = cx.dependency(node, index);
            let at = dependency.service.span;
            let (who, what) = (consumer.id.as_str(), provider.id.as_str());
            let finding = match provider.status() {
                Status::Deprecated => {
                    let sunset = provider
                        .lifecycle
                        .as_ref()
                        .and_then(|l| l.sunset_date.as_ref());
                    let replacement = provider
                        .lifecycle
                        .as_ref()
                        .and_then(|l| l.replacement_service.as_ref())
                        .map_or(String::new(), |r| format!(" to `{}`", r.as_str()));
                    let help = format!("migrate `{who}` off `{what}`{replacement}");
                    let (code, severity, message) = match sunset {
                        Some(s) if s.value < cx.today => (
                            Code::LifecyclePastSunset,
                            Severity::Error,
                            format!(
                                "`{who}` still depends on `{what}`, which reached its sunset on {}",
                                s.value
                            ),
                        ),
                        Some(s) if cx.today.days_until(s.value) <= SUNSET_SOON_DAYS => (
                            Code::LifecycleSunsetSoon,
                            Severity::Warning,
                            format!(
                                "`{who}` depends on `{what}`, which sunsets on {} ({} days from today)",
                                s.value,
                                cx.today.days_until(s.value)
                            ),
                        ),
                        _ => (
                            Code::LifecycleConsumesDeprecated,
                            Severity::Warning,
                            format!("`{who}` depends on deprecated service `{what}`"),
                        ),
                    };
                    let mut finding = cx.about(node, code, severity, at, message).help(help);
                    if let Some(s) = sunset {
                        finding = finding.related(cx.sources(), s.span, "sunset date set here");
                    }
                    Some(finding)
                }
                Status::Retired => Some(
                    cx.about(
                        node,
                        Code::LifecycleConsumesRetired,
                        Severity::Error,
                        at,
                        format!("`{who}` depends on retired service `{what}`"),
                    )
                    .help(format!("remove the dependency or move `{who}` to a replacement")),
                ),
                Status::Development => cx.consumers()[node as usize].production().map(|p| {
                    cx.about(
                        node,
                        Code::LifecycleDevelopmentInProduction,
                        Severity::Error,
                        at,
                        format!(
                            "`{who}` runs in production project `{}` but depends on `{what}`, which is still in development",
                            cx.project_id(p)
                        ),
                    )
                    .help(format!("promote `{what}` to beta or ga first, or drop the dependency"))
                }),
                Status::Beta => {
                    let opted_in = dependency.allow_beta
                        || dependency
                            .version
                            .as_ref()
                            .is_some_and(|r| r.comparators.iter().any(|c| !c.pre.is_empty()));
                    let production = cx.consumers()[node as usize].production();
                    production.filter(|_| !opted_in).map(|p| {
                        cx.about(
                            node,
                            Code::LifecycleBetaInProduction,
                            Severity::Error,
                            at,
                            format!(
                                "`{who}` runs in production project `{}` and depends on beta service `{what}` without opting in",
                                cx.project_id(p)
                            ),
                        )
                        .help(format!(
                            "require a pre-release explicitly (\"{what}@>=1.0.0-beta\") or write the dependency as a table with `allow_beta = true`"
                        ))
                    })
                }
                Status::Ga | Status::Maintenance => None,
            };
            if let Some(finding) = finding {
                cx.push(finding);
            }
        }
    }
}
