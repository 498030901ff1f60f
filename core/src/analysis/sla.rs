//! SLA checks (format §6): required availability, tier floors through every consuming project,
//! latency ordering, composition over required sync dependencies, and monitoring thresholds.

use super::Context;
use super::graph::Node;
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::model::{DependencyKind, Duration, Percentage, Service, Sla, Status, Tier, TierFloor};
use crate::span::Spanned;

/// Adds every `sla/*` finding.
pub(super) fn check(cx: &mut Context<'_>) {
    let mut scratch = Scratch::default();
    for node in 0..cx.catalog.services().len() as Node {
        if !cx.in_scope(node) {
            continue;
        }
        let service = cx.service(node);
        if service.status() == Status::Retired {
            continue;
        }
        missing(cx, node, service);
        if let Some(sla) = &service.sla {
            latency_order(cx, node, sla);
            below_tier(cx, node, sla);
            composition(cx, node, service, sla, &mut scratch);
        }
    }
    monitoring(cx);
}

/// Lists [`composition`] fills for each service in turn, kept from one to the next so that
/// a check does not allocate them per service.
#[derive(Default)]
struct Scratch<'c> {
    /// The availability of each required sync provider.
    factors: Vec<(&'c str, Percentage)>,
    /// The providers counted so far.
    seen: Vec<Node>,
}

/// The floors that apply to the service at `node`: each consuming tier's, with its project.
fn floors<'c>(
    cx: &Context<'c>,
    node: Node,
) -> impl Iterator<Item = (&'c TierFloor, u32)> + Clone + use<'c> {
    let policy = cx.catalog.policies().sla.as_ref();
    let consumers = cx.consumers()[node as usize];
    Tier::ALL.iter().filter_map(move |&tier| {
        let project = consumers.of_tier(tier)?;
        let floor = policy?.tiers.iter().find(|f| f.tier.value == tier)?;
        Some((floor, project))
    })
}

fn missing(cx: &mut Context<'_>, node: Node, service: &Service) {
    if service
        .sla
        .as_ref()
        .is_some_and(|s| s.availability.is_some())
    {
        return;
    }
    let at = service.sla.as_ref().map_or(service.id.span, |s| s.span);
    let message = if service.status() == Status::Ga {
        format!(
            "ga service `{}` has no `sla.availability`",
            service.id.as_str()
        )
    } else if let Some((floor, project)) =
        floors(cx, node).find(|(f, _)| f.min_availability.is_some())
    {
        format!(
            "`{}` is consumed by {} project `{}`, whose tier requires availability >= {}, but has no `sla.availability`",
            service.id.as_str(),
            floor.tier.value,
            cx.project_id(project),
            floor
                .min_availability
                .as_ref()
                .map(|m| m.value)
                .unwrap_or(Percentage::ONE)
        )
    } else {
        return;
    };
    let finding = cx
        .about(node, Code::SlaMissing, Severity::Error, at, message)
        .help(format!(
            "add `availability = \"99.9%\"` (or what it really promises) under `[service.{}.sla]`",
            service.id.as_str()
        ));
    cx.push(finding);
}

fn latency_order(cx: &mut Context<'_>, node: Node, sla: &Sla) {
    let percentiles = [
        ("response_time_p50", &sla.response_time_p50),
        ("response_time_p95", &sla.response_time_p95),
        ("response_time_p99", &sla.response_time_p99),
    ];
    // Each written percentile against the one written before it.
    let mut lower: Option<(&str, &Spanned<Duration>)> = None;
    for (high_name, high) in percentiles {
        let Some(high) = high else { continue };
        if let Some((low_name, low)) = lower.replace((high_name, high))
            && high.value < low.value
        {
            let finding = cx
                .about(
                    node,
                    Code::SlaLatencyOrder,
                    Severity::Error,
                    high.span,
                    format!(
                        "`{high_name}` {} is below `{low_name}` {}: percentiles must not decrease",
                        high.value, low.value
                    ),
                )
                .help(format!("make `{high_name}` at least {}", low.value))
                .related(cx.sources(), low.span, format!("`{low_name}` set here"));
            cx.push(finding);
        }
    }
}

/// Reads one latency bound of a tier floor.
type FloorBound = fn(&TierFloor) -> Option<&Spanned<Duration>>;

fn below_tier(cx: &mut Context<'_>, node: Node, sla: &Sla) {
    let floors = floors(cx, node);
    if floors.clone().next().is_none() {
        return;
    }
    // For each promise, the strictest floor among the consuming tiers.
    if let Some(availability) = &sla.availability
        && let Some((floor, project, min)) = floors
            .clone()
            .filter_map(|(f, p)| f.min_availability.as_ref().map(|m| (f, p, m)))
            .max_by_key(|(_, _, m)| m.value)
        && availability.value < min.value
    {
        report_floor(
            cx,
            node,
            availability.span,
            format!("availability {}", availability.value),
            format!("at least {}", min.value),
            floor,
            project,
            min.span,
        );
    }
    let latencies: [(&Option<Spanned<Duration>>, &str, FloorBound); 3] = [
        (&sla.response_time_p50, "p50", |f| {
            f.max_response_time_p50.as_ref()
        }),
        (&sla.response_time_p95, "p95", |f| {
            f.max_response_time_p95.as_ref()
        }),
        (&sla.response_time_p99, "p99", |f| {
            f.max_response_time_p99.as_ref()
        }),
    ];
    for (promise, name, bound) in latencies {
        let Some(promise) = promise else { continue };
        if let Some((floor, project, max)) = floors
            .clone()
            .filter_map(|(f, p)| bound(f).map(|m| (f, p, m)))
            .min_by_key(|(_, _, m)| m.value)
            && promise.value > max.value
        {
            report_floor(
                cx,
                node,
                promise.span,
                format!("{name} response time {}", promise.value),
                format!("at most {}", max.value),
                floor,
                project,
                max.span,
            );
        }
    }
    if let Some(error_rate) = &sla.error_rate
        && let Some((floor, project, max)) = floors
            .clone()
            .filter_map(|(f, p)| f.max_error_rate.as_ref().map(|m| (f, p, m)))
            .min_by_key(|(_, _, m)| m.value)
        && error_rate.value > max.value
    {
        report_floor(
            cx,
            node,
            error_rate.span,
            format!("error rate {}", error_rate.value),
            format!("at most {}", max.value),
            floor,
            project,
            max.span,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn report_floor(
    cx: &mut Context<'_>,
    node: Node,
    at: crate::span::Span,
    promise: String,
    floor_text: String,
    floor: &TierFloor,
    project: u32,
    floor_span: crate::span::Span,
) {
    let service = cx.service(node);
    let project = cx.project_id(project);
    let direct = service
        .project
        .as_ref()
        .is_some_and(|p| p.as_str() == project);
    let relation = if direct { "owned by" } else { "consumed by" };
    let finding = cx
        .about(
            node,
            Code::SlaBelowTier,
            Severity::Error,
            at,
            format!(
                "`{}` promises {promise}, but it is {relation} {} project `{project}` whose floor is {floor_text}",
                service.id.as_str(),
                floor.tier.value
            ),
        )
        .help(format!(
            "meet the {} tier floor ({floor_text}) or stop serving {} projects",
            floor.tier.value, floor.tier.value
        ))
        .related(
            cx.sources(),
            floor_span,
            format!("{} floor set here", floor.tier.value),
        );
    cx.push(finding);
}

fn composition<'c>(
    cx: &mut Context<'c>,
    node: Node,
    service: &Service,
    sla: &Sla,
    scratch: &mut Scratch<'c>,
) {
    let graph = cx.catalog.graph();
    let Scratch { factors, seen } = scratch;
    factors.clear();
    seen.clear();
    let mut slowest: Option<(&str, &Spanned<Duration>)> = None;
    for (target, index) in graph.dependency_edges(node) {
        let dependency = cx.dependency(node, index);
        if dependency.optional || dependency.kind != DependencyKind::Sync || seen.contains(&target)
        {
            continue;
        }
        seen.push(target);
        let provider = cx.service(target);
        let Some(provider_sla) = &provider.sla else {
            continue;
        };
        if let Some(a) = &provider_sla.availability {
            factors.push((provider.id.as_str(), a.value));
        }
        if let Some(p99) = &provider_sla.response_time_p99
            && slowest.is_none_or(|(_, s)| p99.value > s.value)
        {
            slowest = Some((provider.id.as_str(), p99));
        }
    }
    if let Some(availability) = &sla.availability
        && !factors.is_empty()
    {
        let product = factors
            .iter()
            .fold(Percentage::ONE, |acc, (_, a)| acc.product(*a));
        if availability.value > product {
            let terms: Vec<String> = factors
                .iter()
                .map(|(id, a)| format!("{a} ({id})"))
                .collect();
            let arithmetic = if factors.len() == 1 {
                terms[0].clone()
            } else {
                format!("{} = {product}", terms.join(" × "))
            };
            let finding = cx
                .about(
                    node,
                    Code::SlaUnachievable,
                    Severity::Error,
                    availability.span,
                    format!(
                        "`{}` promises availability {} but its required sync dependencies allow at most {arithmetic}",
                        service.id.as_str(),
                        availability.value
                    ),
                )
                .help(format!(
                    "promise at most {product}, raise the dependencies' availability, or make a dependency async or optional"
                ));
            cx.push(finding);
        }
    }
    if let (Some(p99), Some((slow_id, slow))) = (&sla.response_time_p99, slowest)
        && p99.value < slow.value
    {
        let finding = cx
            .about(
                node,
                Code::SlaUnachievable,
                Severity::Error,
                p99.span,
                format!(
                    "`{}` promises p99 {} but its required sync dependency `{slow_id}` has p99 {}",
                    service.id.as_str(),
                    p99.value,
                    slow.value
                ),
            )
            .help(format!(
                "promise a p99 of at least {}, or make the call to `{slow_id}` async",
                slow.value
            ))
            .related(cx.sources(), slow.span, format!("`{slow_id}` p99 set here"));
        cx.push(finding);
    }
}

fn monitoring(cx: &mut Context<'_>) {
    let catalog = cx.catalog;
    for project in catalog.projects() {
        let Some(monitoring) = &project.monitoring else {
            continue;
        };
        for watched in &monitoring.services {
            let (Some(metrics), Some(node)) =
                (&watched.metrics, catalog.node(watched.service.as_str()))
            else {
                continue;
            };
            let Some(sla) = &cx.service(node).sla else {
                continue;
            };
            let id = watched.service.as_str();
            let mut looser = Vec::new();
            if let (Some(t), Some(s)) = (&metrics.availability_threshold, &sla.availability)
                && t.value < s.value
            {
                looser.push((
                    t.span,
                    s.span,
                    format!(
                        "availability_threshold {} is below the SLA's availability {}",
                        t.value, s.value
                    ),
                ));
            }
            let latencies = [
                (
                    "response_time_p50",
                    &metrics.response_time_p50,
                    &sla.response_time_p50,
                ),
                (
                    "response_time_p95",
                    &metrics.response_time_p95,
                    &sla.response_time_p95,
                ),
                (
                    "response_time_p99",
                    &metrics.response_time_p99,
                    &sla.response_time_p99,
                ),
            ];
            for (name, threshold, promise) in latencies {
                if let (Some(t), Some(s)) = (threshold, promise)
                    && t.value > s.value
                {
                    looser.push((
                        t.span,
                        s.span,
                        format!(
                            "{name} threshold {} is above the SLA's {}",
                            t.value, s.value
                        ),
                    ));
                }
            }
            if let (Some(t), Some(s)) = (&metrics.error_rate_threshold, &sla.error_rate)
                && t.value > s.value
            {
                looser.push((
                    t.span,
                    s.span,
                    format!(
                        "error_rate_threshold {} is above the SLA's error rate {}",
                        t.value, s.value
                    ),
                ));
            }
            for (at, sla_span, what) in looser {
                let finding = crate::diagnostic::Diagnostic::new(
                    cx.sources(),
                    Code::SlaMonitoringLooser,
                    Severity::Error,
                    at,
                    format!("monitoring of `{id}` alerts too late: {what}"),
                )
                .service(Some(id))
                .project(Some(project.id.as_str()))
                .help("alert at or before the point where the SLA is broken")
                .related(cx.sources(), sla_span, "SLA set here");
                cx.push(finding);
            }
        }
    }
}
