//! The documented, append-only list of diagnostic codes.

use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal { meaning: $meaning:literal, fix: $fix:literal } )*) => {
        /// A stable diagnostic code. Policy rules add `policy/<rule id>` codes of their own.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
            /// A finding of the compliance rule with this id (`policy/<rule id>`).
            Policy(String),
        }

        impl Code {
            /// Every fixed code, in documentation order (policy codes are per rule).
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in every output, such as `dep/cycle`.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Code::$variant => $name, )*
                    Code::Policy(code) => code,
                }
            }

            /// What the finding means, one sentence.
            pub fn meaning(&self) -> &'static str {
                match self {
                    $( Code::$variant => $meaning, )*
                    Code::Policy(_) => "a rule of `policies/compliance.toml` does not hold; the message is the rule's description",
                }
            }

            /// How to fix it, one sentence.
            pub fn fix(&self) -> &'static str {
                match self {
                    $( Code::$variant => $fix, )*
                    Code::Policy(_) => "make the service satisfy the rule, or change the rule's `match` if it should not apply",
                }
            }
        }
    };
}

codes! {
    /// A file is not valid TOML.
    Parse = "parse" {
        meaning: "the file is not valid TOML, so nothing in it was read",
        fix: "fix the syntax at the location shown; the other files are still checked"
    }
    /// A required field is absent.
    MissingField = "schema/missing-field" {
        meaning: "a required field is absent",
        fix: "add the field named in the message"
    }
    /// A field the format does not know.
    UnknownField = "schema/unknown-field" {
        meaning: "a field the format does not know; it is not read (usually a typo)",
        fix: "rename it to the suggested field, or remove it"
    }
    /// A value of the wrong type or shape.
    InvalidValue = "schema/invalid-value" {
        meaning: "a value has the wrong type or shape (semver, requirement, date, duration, percentage, id or enum value)",
        fix: "write the value in the form the message expects"
    }
    /// An id defined twice.
    DuplicateId = "schema/duplicate-id" {
        meaning: "a service id is defined twice; service ids are one namespace across the whole tree",
        fix: "rename or remove one of the two definitions named in the finding"
    }
    /// The same item twice in a list.
    DuplicateItem = "schema/duplicate-item" {
        meaning: "the same item appears twice in a list",
        fix: "remove the repeated item"
    }
    /// A `name` that differs from its table key.
    NameMismatch = "schema/name-mismatch" {
        meaning: "a `name` field differs from the table key it sits under",
        fix: "make `name` equal the key, or drop it (the key is the id)"
    }
    /// A reference to an id that does not exist (outside dependencies).
    UnknownReference = "schema/unknown-reference" {
        meaning: "a file refers to a service, project or pattern that the tree does not define",
        fix: "correct the id, or define what it refers to"
    }
    /// A release history that disagrees with the service.
    VersionsHistory = "versions/history" {
        meaning: "`services/versions.toml` disagrees with the catalog: the newest release is not the service's version, or the history is not strictly descending",
        fix: "list releases newest first and keep the first entry equal to the service's `version`"
    }
    /// A dependency on a service that does not exist.
    DepUnknownService = "dep/unknown-service" {
        meaning: "a dependency names a service that the catalog does not define",
        fix: "correct the id (the closest existing id is suggested) or add the service"
    }
    /// A service that depends on itself.
    DepSelf = "dep/self" {
        meaning: "a service lists itself as a dependency",
        fix: "remove the dependency"
    }
    /// A dependency cycle.
    DepCycle = "dep/cycle" {
        meaning: "required dependencies form a cycle; one finding per strongly connected component, showing one shortest cycle",
        fix: "break the cycle: make one edge optional or async, or remove it"
    }
    /// A requirement the provider's current version does not satisfy.
    DepVersionUnsatisfied = "dep/version-unsatisfied" {
        meaning: "a dependency's version requirement is not satisfied by the provider's current version",
        fix: "relax the requirement, or depend on a provider version that exists"
    }
    /// A requirement that admits versions below the provider's compatibility floor.
    DepBelowCompatFloor = "dep/below-compat-floor" {
        meaning: "a requirement admits versions below the provider's `compat_version_min`, so the consumer may rely on an API that is no longer served",
        fix: "raise the requirement's lower bound to at least the provider's `compat_version_min`"
    }
    /// A dependency on another project's private service.
    DepPrivateCrossProject = "dep/private-cross-project" {
        meaning: "a service depends on another project's service that is not `exposed = true`",
        fix: "set `exposed = true` on the provider, move it to `services/catalog.toml`, or drop the dependency"
    }
    /// Declared consumers that differ from the real graph.
    DepConsumersDrift = "dep/consumers-drift" {
        meaning: "the `consumers` a service declares differ from who really depends on it",
        fix: "update `consumers.projects` / `consumers.required_by` to match the dependency graph"
    }
    /// A version that does not fit the lifecycle status.
    LifecycleVersionScheme = "lifecycle/version-scheme" {
        meaning: "the version's shape does not fit the status (development is 0.x.y, beta a pre-release >= 1, ga and later >= 1.0.0 without pre-release)",
        fix: "change the version or the status so they agree"
    }
    /// A lifecycle move the transition table forbids.
    LifecycleInvalidTransition = "lifecycle/invalid-transition" {
        meaning: "a status change that the lifecycle's transition table does not allow",
        fix: "move through the allowed statuses (development -> beta -> ga -> maintenance -> deprecated -> retired)"
    }
    /// A deprecated service without a usable replacement or its dates.
    LifecycleMissingReplacement = "lifecycle/missing-replacement" {
        meaning: "a deprecated service lacks `replacement_service` or `deprecation_date`",
        fix: "set `lifecycle.replacement_service` and `lifecycle.deprecation_date`"
    }
    /// A replacement that does not exist or is itself going away.
    LifecycleReplacementUnusable = "lifecycle/replacement-unusable" {
        meaning: "the replacement service does not exist, or is itself deprecated or retired",
        fix: "name a live replacement service"
    }
    /// A sunset too close to the deprecation.
    LifecycleSunsetWindow = "lifecycle/sunset-window" {
        meaning: "`sunset_date` is earlier than `deprecation_date` plus 6 months",
        fix: "move the sunset to at least 6 months after the deprecation"
    }
    /// Consumers left after the sunset.
    LifecyclePastSunset = "lifecycle/past-sunset" {
        meaning: "a deprecated service is past its `sunset_date` and still has consumers",
        fix: "migrate the remaining consumers to the replacement, then retire the service"
    }
    /// Consumers left close to the sunset.
    LifecycleSunsetSoon = "lifecycle/sunset-soon" {
        meaning: "a consumer still depends on a deprecated service whose sunset is within 30 days",
        fix: "migrate this consumer to the replacement before the sunset"
    }
    /// A consumer of a deprecated service.
    LifecycleConsumesDeprecated = "lifecycle/consumes-deprecated" {
        meaning: "a service depends on a deprecated service",
        fix: "migrate to the replacement service named in the help"
    }
    /// A consumer of a retired service.
    LifecycleConsumesRetired = "lifecycle/consumes-retired" {
        meaning: "a service or declaration still refers to a retired service",
        fix: "remove the dependency or move to the replacement"
    }
    /// A production project consuming a development service.
    LifecycleDevelopmentInProduction = "lifecycle/development-in-production" {
        meaning: "a production project consumes a service in development",
        fix: "promote the service to beta or ga, or drop the dependency"
    }
    /// A production project consuming a beta without opting in.
    LifecycleBetaInProduction = "lifecycle/beta-in-production" {
        meaning: "a production project consumes a beta service without opting in",
        fix: "require a pre-release explicitly (`svc@^1.0.0-beta`) or set `allow_beta = true` on the dependency"
    }
    /// A maintenance service that grew more than a patch.
    LifecycleMaintenanceFeature = "lifecycle/maintenance-feature" {
        meaning: "a service in maintenance shipped more than a patch release after entering maintenance (per `services/versions.toml`)",
        fix: "ship only patch releases in maintenance; move the service back to ga for new features"
    }
    /// Maintenance support promised for too long.
    LifecycleSupportWindow = "lifecycle/support-window" {
        meaning: "`migration.support_until` is more than 12 months after the service entered maintenance (`lifecycle.since`)",
        fix: "shorten `support_until` to at most 12 months after `lifecycle.since`, or plan a deprecation"
    }
    /// A maintenance service past its support date.
    LifecycleSupportExpired = "lifecycle/support-expired" {
        meaning: "a maintenance service is past `migration.support_until`",
        fix: "deprecate the service with a replacement, or extend support"
    }
    /// A service without the SLA its status requires.
    SlaMissing = "sla/missing" {
        meaning: "a ga service, or one consumed by a project whose tier sets an availability floor, has no `sla.availability`",
        fix: "add `[service.<id>.sla]` with at least `availability`"
    }
    /// A promise below the tier floor of a consuming project.
    SlaBelowTier = "sla/below-tier" {
        meaning: "a service promises less than the floor of a project tier that consumes it",
        fix: "raise the service's SLA to the tier's floor, or stop consuming it from that project"
    }
    /// A promise its dependencies cannot support.
    SlaUnachievable = "sla/unachievable" {
        meaning: "the promised availability exceeds the product of its sync dependencies', or the promised p99 is below theirs",
        fix: "lower the promise, raise the dependencies' SLAs, or make a dependency async"
    }
    /// Latency percentiles out of order.
    SlaLatencyOrder = "sla/latency-order" {
        meaning: "response-time percentiles are out of order (p50 <= p95 <= p99 must hold)",
        fix: "correct the percentiles"
    }
    /// A monitoring threshold looser than the SLA.
    SlaMonitoringLooser = "sla/monitoring-looser" {
        meaning: "a monitoring threshold is looser than the SLA it should guard",
        fix: "tighten the threshold to at least the SLA"
    }
    /// A plaintext credential.
    SecurityPlaintextSecret = "security/plaintext-secret" {
        meaning: "a value looks like a plaintext credential (the output masks it)",
        fix: "store the secret in a vault and reference it with an allowed scheme such as `vault://`"
    }
    /// A secret referenced through a scheme the security policy does not allow.
    SecurityDisallowedScheme = "security/disallowed-scheme" {
        meaning: "a secret-like value is a reference with a scheme `policies/security.toml` does not list in `allowed_schemes`",
        fix: "reference the secret through one of the allowed schemes, or add the scheme to `allowed_schemes`"
    }
    /// A field that critical consumers require.
    SecurityMissingRequired = "security/missing-required" {
        meaning: "a service consumed by a project of this tier lacks a field `policies/security.toml` requires",
        fix: "set the field named in the message"
    }
    /// A breaking change without a migration guide.
    ChangeBreakingWithoutGuide = "change/breaking-without-guide" {
        meaning: "a major bump of a ga or maintenance service has no `migration.guide_url`",
        fix: "write a migration guide and link it in `migration.guide_url`"
    }
    /// A breaking release without the promised notice.
    ChangeBreakingNotice = "change/breaking-notice" {
        meaning: "a major release is dated less than `governance.break_changes_notice` days (default 30) from today in `services/versions.toml`, or has no date",
        fix: "date the release far enough ahead in `services/versions.toml` and send the notifications now"
    }
    /// A removed service that is still required.
    ChangeRemovedInUse = "change/removed-in-use" {
        meaning: "a service was removed while something still requires it",
        fix: "restore the service, or remove the dependencies on it first"
    }
    /// A new consumer of a deprecated service.
    ChangeNewConsumerOfDeprecated = "change/new-consumer-of-deprecated" {
        meaning: "the change adds a dependency on a deprecated or retired service",
        fix: "depend on the replacement instead"
    }
    /// A behavioural change without a version bump.
    ChangeUnversionedChange = "change/unversioned-change" {
        meaning: "image, ports, health check, env, dependencies, SLA or compatibility floor changed without a version bump",
        fix: "bump the version"
    }
    /// A version that went down.
    ChangeDowngrade = "change/downgrade" {
        meaning: "a service's version is lower than on the base revision",
        fix: "bump forward instead of reverting the version number"
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Code::ALL.iter().map(Code::as_str).collect();
        schemars::json_schema!({
            "description": "a stable diagnostic code, or `policy/<rule id>` for compliance rules",
            "anyOf": [
                { "enum": names },
                { "type": "string", "pattern": "^policy/[a-z]([a-z0-9-]{0,61}[a-z0-9])?$" }
            ]
        })
    }
}
