//! The optional registries beside `services/catalog.toml`: deployment patterns and versions.

use super::service::string_enum;
use super::value::{Date, Duration, Id, Percentage};
use crate::span::{Span, Spanned};
use semver::Version;
use serde::Serialize;

string_enum! {
    /// The rollout strategies every tree knows without declaring them.
    Strategy {
        /// Replace everything at once.
        Immediate = "immediate",
        /// Replace instances a few at a time.
        Rolling = "rolling",
        /// Shift traffic in steps to the new version.
        Canary = "canary",
        /// Switch all traffic from the old fleet to a new one.
        BlueGreen = "blue-green",
    }
}

/// `[pattern.<id>]` of `services/patterns.toml`: a named rollout recipe.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Pattern {
    /// The pattern id.
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub id: Spanned<Id>,
    /// `description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Spanned<String>>,
    /// `strategy`: the built-in it refines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Spanned<Strategy>>,
    /// `steps`: traffic percentages in order, such as `["5%", "25%", "100%"]`.
    #[cfg_attr(feature = "schema", schemars(default, extend("uniqueItems" = true)))]
    pub steps: Vec<Spanned<Percentage>>,
    /// `pause`: wait between steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause: Option<Spanned<Duration>>,
    /// `max_surge`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<Spanned<Percentage>>,
    /// `max_unavailable`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<Spanned<Percentage>>,
    /// `auto_rollback`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_rollback: Option<Spanned<bool>>,
}

/// `[versions.<id>]` of `services/versions.toml`: a service's release history.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VersionHistory {
    /// The service.
    #[cfg_attr(feature = "schema", schemars(extend("x-not-written" = true)))]
    pub service: Spanned<Id>,
    /// `history`, newest first as written.
    pub history: Vec<Release>,
}

/// One entry of a release history.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Release {
    /// `version`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::SemVer"))]
    pub version: Spanned<Version>,
    /// `date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Spanned<Date>>,
    /// `notes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Spanned<String>>,
    /// The span of the entry.
    #[serde(skip)]
    pub span: Span,
}
