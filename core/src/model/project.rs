//! A project (format §4): its `[project]` table, deployment and monitoring files.

use super::service::string_enum;
use super::value::{Duration, Id, Percentage};
use crate::span::{Span, Spanned};
use serde::Serialize;

string_enum! {
    /// The environment a project runs in.
    Environment {
        /// Development.
        Development = "development",
        /// Staging.
        Staging = "staging",
        /// Production.
        Production = "production",
    }
}

string_enum! {
    /// How critical a project is; sets its SLA floor (`policies/sla.toml`).
    Tier {
        /// Critical.
        Critical = "critical",
        /// High.
        High = "high",
        /// Medium.
        Medium = "medium",
        /// Low.
        Low = "low",
    }
}

/// A project: `projects/<id>/services.toml` and its optional companions.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Project {
    /// The project id: its folder's name.
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub id: Spanned<Id>,
    /// `project.name`: a display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Spanned<String>>,
    /// `project.description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Spanned<String>>,
    /// `project.environment`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<Spanned<Environment>>,
    /// `project.tier`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<Spanned<Tier>>,
    /// `project.owners`.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub owners: Vec<Spanned<String>>,
    /// The ids of the services this project defines, in file order.
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub services: Vec<Id>,
    /// `deployment.toml`, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub deployment: Option<Deployment>,
    /// `monitoring.toml`, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub monitoring: Option<Monitoring>,
    /// The span of the `[project]` table (or of the file's start when it is missing).
    #[serde(skip)]
    pub span: Span,
}

impl Project {
    /// True when the project runs in production.
    pub fn is_production(&self) -> bool {
        self.environment
            .as_ref()
            .is_some_and(|e| e.value == Environment::Production)
    }
}

/// `deployment.toml`: one entry per environment.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deployment {
    /// `[environment.<name>]` tables, in file order.
    pub environments: Vec<DeploymentEnvironment>,
}

/// One `[environment.<name>]` of `deployment.toml`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeploymentEnvironment {
    /// The environment's name.
    pub name: Spanned<String>,
    /// `auto_deploy`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_deploy: Option<Spanned<bool>>,
    /// `pattern`: a built-in or a pattern of `services/patterns.toml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Spanned<Id>>,
    /// `checks`: named gates and how long each may take.
    pub checks: Vec<(Spanned<String>, Spanned<Duration>)>,
    /// `approvals`.
    #[cfg_attr(feature = "schema", schemars(extend("uniqueItems" = true)))]
    pub approvals: Vec<Spanned<String>>,
    /// `window`: when deploys may run, such as `off-hours`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Spanned<String>>,
}

/// `monitoring.toml`.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Monitoring {
    /// `monitoring.level`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Spanned<Tier>>,
    /// `[service.<id>]` tables, in file order.
    pub services: Vec<ServiceMonitoring>,
}

/// `[service.<id>]` of `monitoring.toml`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ServiceMonitoring {
    /// The monitored service.
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub service: Spanned<Id>,
    /// `metrics`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics: Option<Metrics>,
    /// `alerts`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alerts: Option<Alerts>,
}

/// `[service.<id>.metrics]` of `monitoring.toml`.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Metrics {
    /// `availability_threshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_threshold: Option<Spanned<Percentage>>,
    /// `availability_check_interval`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_check_interval: Option<Spanned<Duration>>,
    /// `response_time_p50`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_time_p50: Option<Spanned<Duration>>,
    /// `response_time_p95`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_time_p95: Option<Spanned<Duration>>,
    /// `response_time_p99`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_time_p99: Option<Spanned<Duration>>,
    /// `error_rate_threshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_rate_threshold: Option<Spanned<Percentage>>,
    /// `error_type_alerts`.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub error_type_alerts: Vec<Spanned<String>>,
    /// `cpu_threshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_threshold: Option<Spanned<Percentage>>,
    /// `memory_threshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_threshold: Option<Spanned<Percentage>>,
    /// `disk_threshold`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_threshold: Option<Spanned<Percentage>>,
}

/// `[service.<id>.alerts]` of `monitoring.toml`.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Alerts {
    /// `critical` routes.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub critical: Vec<Spanned<String>>,
    /// `warning` routes.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub warning: Vec<Spanned<String>>,
    /// `info` routes.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub info: Vec<Spanned<String>>,
    /// `escalation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
}

/// `[service.<id>.alerts.escalation]` of `monitoring.toml`.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Escalation {
    /// `time_to_escalate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_escalate: Option<Spanned<Duration>>,
    /// `escalate_to`.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub escalate_to: Vec<Spanned<String>>,
    /// `page_if`: the alert level that pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_if: Option<Spanned<String>>,
}
