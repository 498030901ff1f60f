//! Governance files: `policies/security.toml`, `compliance.toml` and `sla.toml` (format §6–§7).

use super::project::Tier;
use super::service::string_enum;
use super::value::{Date, Duration, Id, Percentage};
use crate::diagnostic::Severity;
use crate::span::{Span, Spanned};
use serde::Serialize;

/// Every policy file of the tree; each is optional.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Policies {
    /// `policies/security.toml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<SecurityPolicy>,
    /// `policies/compliance.toml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compliance: Option<CompliancePolicy>,
    /// `policies/sla.toml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<SlaPolicy>,
}

/// `policies/security.toml`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SecurityPolicy {
    /// `secrets.allowed_schemes`, such as `vault://`.
    pub allowed_schemes: Vec<Spanned<String>>,
    /// `network.allow_private_cross_project` (default false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_private_cross_project: Option<Spanned<bool>>,
    /// `[required]`: per tier, the dotted fields that services consumed by that tier must set.
    pub required: Vec<(Spanned<Tier>, Vec<Spanned<String>>)>,
}

/// `policies/compliance.toml`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CompliancePolicy {
    /// `[[rule]]` entries, in file order.
    pub rules: Vec<Rule>,
}

/// One `[[rule]]` of `policies/compliance.toml`.
#[derive(Clone, Debug, Serialize)]
pub struct Rule {
    /// `id`: the finding's code is `policy/<id>`.
    pub id: Spanned<Id>,
    /// `severity` (default error).
    pub severity: Severity,
    /// `description`: the finding's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Spanned<String>>,
    /// `match`: every key must match; a list is any-of.
    pub matches: Vec<(Spanned<String>, Spanned<RuleValue>)>,
    /// `require`: dotted paths that must be present and non-empty.
    pub require: Vec<Spanned<String>>,
    /// `assert`: dotted path and the bounds its value must meet.
    pub asserts: Vec<(Spanned<String>, Assertion)>,
    /// The span of the rule's table.
    #[serde(skip)]
    pub span: Span,
}

/// A literal in a rule, as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RuleValue {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A float, kept as its source text so it compares exactly.
    Float(String),
    /// A boolean.
    Boolean(bool),
    /// A date.
    Date(Date),
    /// A list: any of its items matches.
    List(Vec<RuleValue>),
}

string_enum! {
    /// A bound an `assert` entry can set.
    AssertionKind {
        /// The list has at least this many items.
        MinItems = "min_items",
        /// The list has at most this many items.
        MaxItems = "max_items",
        /// The value is at least this (numbers, percentages, durations, versions, dates).
        Min = "min",
        /// The value is at most this.
        Max = "max",
        /// The value equals this.
        Equals = "equals",
        /// The value is one of these.
        OneOf = "one_of",
    }
}

/// One `assert` entry: a set of bounds on a dotted path.
#[derive(Clone, Debug, Serialize)]
pub struct Assertion {
    /// The bounds, each with the literal it compares against.
    pub bounds: Vec<(Spanned<AssertionKind>, Spanned<RuleValue>)>,
}

/// `policies/sla.toml`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SlaPolicy {
    /// `[tier.<tier>]` floors.
    pub tiers: Vec<TierFloor>,
    /// `[escalation.<level>]` entries.
    pub escalation: Vec<EscalationLevel>,
}

/// `[tier.<tier>]` of `policies/sla.toml`: what a service consumed by that tier must promise.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TierFloor {
    /// The tier.
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub tier: Spanned<Tier>,
    /// `min_availability`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_availability: Option<Spanned<Percentage>>,
    /// `max_response_time_p50`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_response_time_p50: Option<Spanned<Duration>>,
    /// `max_response_time_p95`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_response_time_p95: Option<Spanned<Duration>>,
    /// `max_response_time_p99`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_response_time_p99: Option<Spanned<Duration>>,
    /// `max_error_rate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_error_rate: Option<Spanned<Percentage>>,
}

/// `[escalation.<level>]` of `policies/sla.toml`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EscalationLevel {
    /// The level (a tier name).
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub level: Spanned<Tier>,
    /// `response`: time to first response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<Spanned<Duration>>,
    /// `escalate_after`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalate_after: Option<Spanned<Duration>>,
    /// `notify`.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub notify: Vec<Spanned<String>>,
}
