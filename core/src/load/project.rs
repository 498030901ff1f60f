//! Reading a project's files: `services.toml` (`[project]`), `deployment.toml`, `monitoring.toml`.

use super::reader::Reader;
use super::syntax::{Table, Value};
use crate::code::Code;
use crate::diagnostic::Severity;
use crate::model::*;
use crate::span::{Span, Spanned};

const PROJECT_FIELDS: &[&str] = &["name", "description", "environment", "tier", "owners"];
const ENVIRONMENT_FIELDS: &[&str] = &["auto_deploy", "pattern", "checks", "approvals", "window"];
const MONITORING_FIELDS: &[&str] = &["level"];
const SERVICE_MONITORING_FIELDS: &[&str] = &["metrics", "alerts"];
const METRICS_FIELDS: &[&str] = &[
    "availability_threshold",
    "availability_check_interval",
    "response_time_p50",
    "response_time_p95",
    "response_time_p99",
    "error_rate_threshold",
    "error_type_alerts",
    "cpu_threshold",
    "memory_threshold",
    "disk_threshold",
];
const ALERTS_FIELDS: &[&str] = &["critical", "warning", "info", "escalation"];
const ESCALATION_FIELDS: &[&str] = &["time_to_escalate", "escalate_to", "page_if"];

/// Reads the `[project]` table into a project with no services yet.
pub(crate) fn read_project(
    r: &mut Reader<'_>,
    id: Spanned<Id>,
    value: Option<&Value<'_>>,
    file_start: Span,
) -> Project {
    let mut project = Project {
        id,
        name: None,
        description: None,
        environment: None,
        tier: None,
        owners: Vec::new(),
        services: Vec::new(),
        deployment: None,
        monitoring: None,
        span: file_start,
    };
    let Some(value) = value else {
        let what = format!("project `{}`", project.id.value);
        r.missing(file_start, "project", &what);
        return project;
    };
    project.span = r.span(value.span());
    let Some(table) = r.table(value, "project") else {
        return project;
    };
    r.fields(table, PROJECT_FIELDS, |r, key, v| {
        match key {
            "name" => project.name = r.string(v, "project.name"),
            "description" => project.description = r.string(v, "project.description"),
            "environment" => {
                project.environment = r.enumeration(
                    v,
                    "project.environment",
                    Environment::ALL,
                    Environment::as_str,
                )
            }
            "tier" => project.tier = r.enumeration(v, "project.tier", Tier::ALL, Tier::as_str),
            "owners" => project.owners = r.string_list(v, "project.owners"),
            _ => return false,
        }
        true
    });
    project
}

/// Reads `deployment.toml`.
pub(crate) fn read_deployment(r: &mut Reader<'_>, root: &Table<'_>) -> Deployment {
    let mut deployment = Deployment::default();
    r.fields(root, &["environment"], |r, key, v| {
        if key != "environment" {
            return false;
        }
        let Some(table) = r.table(v, "environment") else {
            return true;
        };
        for (name, value) in table.iter() {
            let field = format!("environment.{}", name.get_ref());
            let Some(env_table) = r.table(value, &field) else {
                continue;
            };
            let mut environment = DeploymentEnvironment {
                name: Spanned::new(name.get_ref().to_string(), r.span(name.span())),
                auto_deploy: None,
                pattern: None,
                checks: Vec::new(),
                approvals: Vec::new(),
                window: None,
            };
            r.fields(env_table, ENVIRONMENT_FIELDS, |r, key, v| {
                match key {
                    "auto_deploy" => environment.auto_deploy = r.bool(v, key),
                    "pattern" => environment.pattern = r.id(v, key),
                    "checks" => environment.checks = read_checks(r, v),
                    "approvals" => environment.approvals = r.string_list(v, key),
                    "window" => environment.window = r.string(v, key),
                    _ => return false,
                }
                true
            });
            deployment.environments.push(environment);
        }
        true
    });
    deployment
}

fn read_checks(r: &mut Reader<'_>, value: &Value<'_>) -> Vec<(Spanned<String>, Spanned<Duration>)> {
    let Some(table) = r.table(value, "checks") else {
        return Vec::new();
    };
    let mut checks = Vec::new();
    for (name, value) in table.iter() {
        let field = format!("checks.{}", name.get_ref());
        if let Some(duration) = r.duration(value, &field) {
            let name = Spanned::new(name.get_ref().to_string(), r.span(name.span()));
            checks.push((name, duration));
        }
    }
    checks
}

/// Reads `monitoring.toml`.
pub(crate) fn read_monitoring(r: &mut Reader<'_>, root: &Table<'_>) -> Monitoring {
    let mut monitoring = Monitoring::default();
    r.fields(root, &["monitoring", "service"], |r, key, v| {
        match key {
            "monitoring" => {
                if let Some(table) = r.table(v, key) {
                    r.fields(table, MONITORING_FIELDS, |r, key, v| {
                        if key != "level" {
                            return false;
                        }
                        monitoring.level =
                            r.enumeration(v, "monitoring.level", Tier::ALL, Tier::as_str);
                        true
                    });
                }
            }
            "service" => {
                if let Some(table) = r.table(v, key) {
                    monitoring.services = read_service_monitoring(r, table);
                }
            }
            _ => return false,
        }
        true
    });
    monitoring
}

fn read_service_monitoring(r: &mut Reader<'_>, table: &Table<'_>) -> Vec<ServiceMonitoring> {
    let mut services = Vec::new();
    for (key, value) in table.iter() {
        let key_span = r.span(key.span());
        let id = match Id::parse(key.get_ref()) {
            Ok(id) => id,
            Err(expected) => {
                let message = format!("invalid service id: {expected}");
                r.report(Code::InvalidValue, Severity::Error, key_span, message);
                continue;
            }
        };
        r.service = Some(id.to_string());
        let mut entry = ServiceMonitoring {
            service: Spanned::new(id, key_span),
            metrics: None,
            alerts: None,
        };
        if let Some(table) = r.table(value, format_args!("service.{}", entry.service.value)) {
            r.fields(table, SERVICE_MONITORING_FIELDS, |r, key, v| {
                match key {
                    "metrics" => entry.metrics = read_metrics(r, v),
                    "alerts" => entry.alerts = read_alerts(r, v),
                    _ => return false,
                }
                true
            });
            services.push(entry);
        }
        r.service = None;
    }
    services
}

fn read_metrics(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Metrics> {
    let table = r.table(value, "metrics")?;
    let mut m = Metrics::default();
    r.fields(table, METRICS_FIELDS, |r, key, v| {
        match key {
            "availability_threshold" => {
                m.availability_threshold = r.percentage(v, "metrics.availability_threshold")
            }
            "availability_check_interval" => {
                m.availability_check_interval = r.duration(v, "metrics.availability_check_interval")
            }
            "response_time_p50" => m.response_time_p50 = r.duration(v, "metrics.response_time_p50"),
            "response_time_p95" => m.response_time_p95 = r.duration(v, "metrics.response_time_p95"),
            "response_time_p99" => m.response_time_p99 = r.duration(v, "metrics.response_time_p99"),
            "error_rate_threshold" => {
                m.error_rate_threshold = r.percentage(v, "metrics.error_rate_threshold")
            }
            "error_type_alerts" => {
                m.error_type_alerts = r.string_list(v, "metrics.error_type_alerts")
            }
            "cpu_threshold" => m.cpu_threshold = r.percentage(v, "metrics.cpu_threshold"),
            "memory_threshold" => m.memory_threshold = r.percentage(v, "metrics.memory_threshold"),
            "disk_threshold" => m.disk_threshold = r.percentage(v, "metrics.disk_threshold"),
            _ => return false,
        }
        true
    });
    Some(m)
}

fn read_alerts(r: &mut Reader<'_>, value: &Value<'_>) -> Option<Alerts> {
    let table = r.table(value, "alerts")?;
    let mut alerts = Alerts::default();
    r.fields(table, ALERTS_FIELDS, |r, key, v| {
        match key {
            "critical" => alerts.critical = r.string_list(v, "alerts.critical"),
            "warning" => alerts.warning = r.string_list(v, "alerts.warning"),
            "info" => alerts.info = r.string_list(v, "alerts.info"),
            "escalation" => {
                if let Some(table) = r.table(v, "alerts.escalation") {
                    let mut escalation = Escalation::default();
                    r.fields(table, ESCALATION_FIELDS, |r, key, v| {
                        match key {
                            "time_to_escalate" => {
                                escalation.time_to_escalate =
                                    r.duration(v, "alerts.escalation.time_to_escalate")
                            }
                            "escalate_to" => {
                                escalation.escalate_to =
                                    r.string_list(v, "alerts.escalation.escalate_to")
                            }
                            "page_if" => {
                                escalation.page_if = r.string(v, "alerts.escalation.page_if")
                            }
                            _ => return false,
                        }
                        true
                    });
                    alerts.escalation = Some(escalation);
                }
            }
            _ => return false,
        }
        true
    });
    Some(alerts)
}
