//! A service (format §3): the same schema in `services/catalog.toml` and every project.

use super::value::{Date, Duration, Id, Percentage};
use crate::span::{Span, Spanned};
use semver::{Version, VersionReq};
use serde::Serialize;

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $text:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            $( $(#[$vdoc])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// Every value, in documentation order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in TOML.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }

            /// Parses the TOML spelling.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $( $text => Some($name::$variant), )* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

string_enum! {
    /// What kind of software a service is.
    ServiceType {
        /// A microservice.
        Microservice = "microservice",
        /// A web front end.
        Web = "web",
        /// An API.
        Api = "api",
        /// A background worker.
        Worker = "worker",
        /// A scheduled job.
        Job = "job",
        /// A gateway.
        Gateway = "gateway",
        /// A database.
        Database = "database",
        /// A cache.
        Cache = "cache",
        /// A queue or broker.
        Queue = "queue",
        /// A library.
        Library = "library",
        /// Anything else.
        Other = "other",
    }
}

string_enum! {
    /// Where a service is in its lifecycle (format §5).
    Status {
        /// Being built: `0.x.y`.
        Development = "development",
        /// A pre-release of a major version >= 1.
        Beta = "beta",
        /// Generally available.
        Ga = "ga",
        /// Only patch releases.
        Maintenance = "maintenance",
        /// Going away: has a replacement and a sunset date.
        Deprecated = "deprecated",
        /// Gone; may stay listed as a tombstone.
        Retired = "retired",
    }
}

string_enum! {
    /// Whether a dependency is on the request path.
    DependencyKind {
        /// On the request path: counts for SLA composition.
        Sync = "sync",
        /// Off the request path (queues, events).
        Async = "async",
    }
}

string_enum! {
    /// How a service behaves when a dependency breaks.
    BreakHandling {
        /// Degrades gracefully.
        Graceful = "graceful",
        /// Fails fast.
        FailFast = "fail-fast",
    }
}

string_enum! {
    /// How hard a migration away from a service is.
    MigrationDifficulty {
        /// Easy.
        Easy = "easy",
        /// Moderate.
        Moderate = "moderate",
        /// Hard.
        Hard = "hard",
    }
}

string_enum! {
    /// A port's transport protocol.
    Protocol {
        /// TCP.
        Tcp = "tcp",
        /// UDP.
        Udp = "udp",
        /// SCTP.
        Sctp = "sctp",
    }
}

/// One service, as defined in a services file.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Service {
    /// The service id (the table key).
    pub id: Spanned<Id>,
    /// The project that owns it, or `None` for a shared service of `services/catalog.toml`.
    pub project: Option<Id>,
    /// The span of the whole `[service.<id>]` table.
    #[serde(skip)]
    pub span: Span,
    /// Optional `name`; must equal the id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Spanned<String>>,
    /// `type`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub service_type: Option<Spanned<ServiceType>>,
    /// `owner`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Spanned<String>>,
    /// `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Spanned<String>>,
    /// `version` (required; `None` only when missing or invalid, which is reported).
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::SemVer>"))]
    pub version: Option<Spanned<Version>>,
    /// `status`, when written (see [`Service::status`] for the default, which is what
    /// serializes).
    #[serde(rename = "status", serialize_with = "serialize_status")]
    #[cfg_attr(feature = "schema", schemars(with = "Status"))]
    pub status_field: Option<Spanned<Status>>,
    /// `compat_version_min`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::SemVer>"))]
    pub compat_version_min: Option<Spanned<Version>>,
    /// `image`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Spanned<String>>,
    /// `ports`.
    pub ports: Vec<Port>,
    /// `health_check`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<Box<HealthCheck>>,
    /// `env`, in file order.
    pub env: Vec<EnvVar>,
    /// `exposed`, when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exposed: Option<Spanned<bool>>,
    /// `tags`.
    #[cfg_attr(feature = "schema", schemars(extend("uniqueItems" = true)))]
    pub tags: Vec<Spanned<String>>,
    /// The span of the `tags` list, when written.
    #[serde(skip)]
    pub tags_span: Option<Span>,
    /// `dependencies.requires` then `dependencies.optional`, in file order.
    pub dependencies: Vec<Dependency>,
    /// `consumers`: who the service says consumes it.
    pub consumers: DeclaredConsumers,
    /// `governance`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub governance: Option<Box<Governance>>,
    /// `sla`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<Box<Sla>>,
    /// `lifecycle`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Box<Lifecycle>>,
    /// `migration`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migration: Option<Box<Migration>>,
    // The five optional tables above are boxed: most services leave some out, and a service
    // that holds them inline is twice the size, which every pass over the services pays for.
    /// A hash of the service's table as written (keys and values, not locations): two
    /// revisions with the same fingerprint hold the same data.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub fingerprint: u64,
}

impl Service {
    /// The lifecycle status (`development` when not written).
    pub fn status(&self) -> Status {
        self.status_field
            .as_ref()
            .map_or(Status::Development, |s| s.value)
    }

    /// True when other projects may depend on it (shared services always may).
    pub fn is_exposed(&self) -> bool {
        self.project.is_none() || self.exposed.as_ref().is_some_and(|e| e.value)
    }

    /// The required dependencies (not `optional`).
    pub fn required_dependencies(&self) -> impl Iterator<Item = &Dependency> {
        self.dependencies.iter().filter(|d| !d.optional)
    }
}

/// Serializes the status a service has, written or defaulted.
fn serialize_status<S: serde::Serializer>(
    status: &Option<Spanned<Status>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    status
        .as_ref()
        .map_or(Status::Development, |s| s.value)
        .serialize(serializer)
}

/// One entry of `ports`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Port {
    /// `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Spanned<String>>,
    /// `port` (1–65535).
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub port: Spanned<u16>,
    /// `protocol` (default tcp).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = "tcp")))]
    pub protocol: Option<Spanned<Protocol>>,
    /// The span of the whole entry.
    #[serde(skip)]
    pub span: Span,
}

/// `health_check`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HealthCheck {
    /// `path`, such as `/healthz`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Spanned<String>>,
    /// `port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub port: Option<Spanned<u16>>,
    /// `interval`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Spanned<Duration>>,
    /// `timeout`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Spanned<Duration>>,
    /// The span of the table.
    #[serde(skip)]
    pub span: Span,
}

/// One entry of `env`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EnvVar {
    /// The variable's name.
    pub name: Spanned<String>,
    /// Its value: a literal or a secret reference such as `vault://…`.
    pub value: Spanned<String>,
}

/// One dependency: `"id"`, `"id@REQ"` or `{ service, version, kind, allow_beta }`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dependency {
    /// The service depended on.
    pub service: Spanned<Id>,
    /// The version requirement (any version when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::Requirement>")
    )]
    pub version: Option<Spanned<VersionReq>>,
    /// `sync` (default) or `async`.
    pub kind: DependencyKind,
    /// Listed under `optional` rather than `requires`.
    pub optional: bool,
    /// `allow_beta = true`: a production consumer opts in to a beta provider.
    pub allow_beta: bool,
    /// The span of the whole entry.
    #[serde(skip)]
    pub span: Span,
}

/// `consumers`: who a service declares as its consumers.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeclaredConsumers {
    /// `consumers.projects`, when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("uniqueItems" = true)))]
    pub projects: Option<Vec<Spanned<Id>>>,
    /// `consumers.required_by` (services), when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("uniqueItems" = true)))]
    pub required_by: Option<Vec<Spanned<Id>>>,
    /// The span of the `consumers` table, when written.
    #[serde(skip)]
    pub span: Option<Span>,
    /// The span of the `projects` list, when written.
    #[serde(skip)]
    pub projects_span: Option<Span>,
    /// The span of the `required_by` list, when written.
    #[serde(skip)]
    pub required_by_span: Option<Span>,
}

/// `governance`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Governance {
    /// `approvers`.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub approvers: Vec<Spanned<String>>,
    /// The span of the `approvers` list, when written.
    #[serde(skip)]
    pub approvers_span: Option<Span>,
    /// `change_log`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_log: Option<Spanned<String>>,
    /// `break_changes_notice`, in days (default 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = 3650), extend("default" = 30)))]
    pub break_changes_notice: Option<Spanned<u32>>,
    /// The span of the table.
    #[serde(skip)]
    pub span: Span,
}

/// `sla`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sla {
    /// `availability`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<Spanned<Percentage>>,
    /// `response_time_p50`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_time_p50: Option<Spanned<Duration>>,
    /// `response_time_p95`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_time_p95: Option<Spanned<Duration>>,
    /// `response_time_p99`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_time_p99: Option<Spanned<Duration>>,
    /// `error_rate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_rate: Option<Spanned<Percentage>>,
    /// `break_handling`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_handling: Option<Spanned<BreakHandling>>,
    /// The span of the table.
    #[serde(skip)]
    pub span: Span,
}

/// `lifecycle`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Lifecycle {
    /// `since`: when the current status was entered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Spanned<Date>>,
    /// `deprecation_date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecation_date: Option<Spanned<Date>>,
    /// `sunset_date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sunset_date: Option<Spanned<Date>>,
    /// `replacement_service`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement_service: Option<Spanned<Id>>,
    /// The span of the table.
    #[serde(skip)]
    pub span: Span,
}

/// `migration`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Migration {
    /// `guide_url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide_url: Option<Spanned<String>>,
    /// `support_until`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_until: Option<Spanned<Date>>,
    /// `migration_difficulty`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migration_difficulty: Option<Spanned<MigrationDifficulty>>,
    /// `estimated_effort_hours`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = 100_000)))]
    pub estimated_effort_hours: Option<Spanned<u32>>,
    /// The span of the table.
    #[serde(skip)]
    pub span: Span,
}
