//! `diff(base, head)`: every service change between two revisions, classified (format §8).

use crate::Catalog;
use crate::analysis::transition;
use crate::model::{Service, Status};
use semver::Version;
use serde::Serialize;
use serde_json::Value;

/// How a service changed between base and head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// New on head.
    Added,
    /// Gone on head.
    Removed,
    /// Status became `deprecated`.
    Deprecation,
    /// Status became `retired`.
    Retirement,
    /// The version went down.
    Downgrade,
    /// A major bump (breaking).
    Major,
    /// A minor bump.
    Minor,
    /// A patch bump.
    Patch,
    /// Only the pre-release or build part changed (`1.0.0-beta.1` → `1.0.0-beta.2` or `1.0.0`).
    Prerelease,
    /// No version change: descriptive fields or, worse, behaviour without a bump.
    Metadata,
}

impl ChangeKind {
    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Deprecation => "deprecation",
            ChangeKind::Retirement => "retirement",
            ChangeKind::Downgrade => "downgrade",
            ChangeKind::Major => "major",
            ChangeKind::Minor => "minor",
            ChangeKind::Patch => "patch",
            ChangeKind::Prerelease => "prerelease",
            ChangeKind::Metadata => "metadata",
        }
    }
}

/// The kind of a version change by semver ordering: `None` when equal.
pub fn classify_versions(base: &Version, head: &Version) -> Option<ChangeKind> {
    use std::cmp::Ordering::*;
    match head.cmp(base) {
        Equal => None,
        Less => Some(ChangeKind::Downgrade),
        Greater if head.major != base.major => Some(ChangeKind::Major),
        Greater if head.minor != base.minor => Some(ChangeKind::Minor),
        Greater if head.patch != base.patch => Some(ChangeKind::Patch),
        Greater => Some(ChangeKind::Prerelease),
    }
}

/// One field that differs between base and head (a dotted path, the old and new values).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FieldChange {
    /// Dotted path: `owner`, `sla.availability`, `dependencies.user-store`.
    pub field: String,
    /// The value on base (absent when added).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Value>,
    /// The value on head (absent when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Value>,
    /// True for descriptive fields (format §8's metadata); false for behaviour.
    pub metadata: bool,
}

/// A status move and the transition table's verdict on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatusChange {
    /// Status on base.
    pub from: Status,
    /// Status on head.
    pub to: Status,
    /// Whether format §5's table allows the move.
    pub allowed: bool,
}

/// Everything that changed about one service.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ServiceChange {
    /// The service id.
    pub id: String,
    /// Its project on head (or on base when removed); `None` for a shared service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The classification.
    pub kind: ChangeKind,
    /// Version on base.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_version: Option<String>,
    /// Version on head.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_version: Option<String>,
    /// The status move, when the status changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusChange>,
    /// The fields that differ (not `version` or `status`).
    pub fields: Vec<FieldChange>,
}

impl ServiceChange {
    /// True when a field other than a descriptive one changed.
    pub fn changes_behaviour(&self) -> bool {
        self.fields.iter().any(|f| !f.metadata)
    }
}

/// Every changed service between two revisions, sorted by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChangeSet {
    /// The changed services (unchanged ones are left out).
    pub services: Vec<ServiceChange>,
}

impl ChangeSet {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    /// The change of the service `id`, if it changed.
    pub fn service(&self, id: &str) -> Option<&ServiceChange> {
        self.services.iter().find(|c| c.id == id)
    }
}

/// Top-level fields that only describe a service (format §8).
const METADATA_FIELDS: &[&str] = &[
    "description",
    "owner",
    "tags",
    "governance",
    "migration",
    "consumers",
    "lifecycle",
    "name",
];

/// Compares two revisions of a tree.
pub fn diff(base: &Catalog, head: &Catalog) -> ChangeSet {
    // Most services of a change are unchanged (the same table as written, in the same
    // project): they are left out before the rest are sorted and compared.
    let changed = base
        .services()
        .iter()
        .enumerate()
        .filter(|&(i, b)| !counterpart(head, i, b).is_some_and(|h| same_data(b, h)))
        .map(|(_, b)| b);
    let added = head
        .services()
        .iter()
        .enumerate()
        .filter(|&(i, h)| counterpart(base, i, h).is_none())
        .map(|(_, h)| h);
    let mut ids: Vec<&str> = changed.chain(added).map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let services = ids
        .into_iter()
        .filter_map(|id| compare(id, base.service(id), head.service(id)))
        .collect();
    ChangeSet { services }
}

/// The service of `other` with the id of `service`, which sits at `position` in its own
/// catalog. Two revisions usually list their services in the same order, so that position is
/// tried before the index.
fn counterpart<'o>(other: &'o Catalog, position: usize, service: &Service) -> Option<&'o Service> {
    match other.services().get(position) {
        Some(same) if same.id.value == service.id.value => Some(same),
        _ => other.service(service.id.as_str()),
    }
}

fn version_text(service: &Service) -> Option<String> {
    service.version.as_ref().map(|v| v.value.to_string())
}

fn compare(id: &str, base: Option<&Service>, head: Option<&Service>) -> Option<ServiceChange> {
    let project = head
        .or(base)
        .and_then(|s| s.project.as_ref())
        .map(|p| p.to_string());
    let (base, head) = match (base, head) {
        (None, None) => return None,
        (None, Some(head)) => {
            return Some(ServiceChange {
                id: id.to_owned(),
                project,
                kind: ChangeKind::Added,
                from_version: None,
                to_version: version_text(head),
                status: None,
                fields: Vec::new(),
            });
        }
        (Some(base), None) => {
            return Some(ServiceChange {
                id: id.to_owned(),
                project,
                kind: ChangeKind::Removed,
                from_version: version_text(base),
                to_version: None,
                status: None,
                fields: Vec::new(),
            });
        }
        (Some(base), Some(head)) => (base, head),
    };
    let fields = if same_data(base, head) {
        Vec::new()
    } else {
        field_changes(base, head)
    };
    let version_kind = match (&base.version, &head.version) {
        (Some(b), Some(h)) => classify_versions(b, h),
        _ => None,
    };
    let (from, to) = (base.status(), head.status());
    let status = (from != to).then(|| StatusChange {
        from,
        to,
        allowed: transition::allowed(from, to),
    });
    if fields.is_empty() && version_kind.is_none() && status.is_none() {
        return None;
    }
    let kind = match (to, version_kind) {
        (Status::Deprecated, _) if from != Status::Deprecated => ChangeKind::Deprecation,
        (Status::Retired, _) if from != Status::Retired => ChangeKind::Retirement,
        (_, Some(kind)) => kind,
        (_, None) => ChangeKind::Metadata,
    };
    Some(ServiceChange {
        id: id.to_owned(),
        project,
        kind,
        from_version: version_text(base),
        to_version: version_text(head),
        status,
        fields,
    })
}

/// Whether two versions of a service hold the same data (locations aside): the same table as
/// written, in the same project. Cheap, and the common case.
fn same_data(base: &Service, head: &Service) -> bool {
    base.fingerprint == head.fingerprint && base.project == head.project
}

/// The differing fields of two versions of a service, one level into sub-tables and per
/// dependency.
fn field_changes(base: &Service, head: &Service) -> Vec<FieldChange> {
    let (Value::Object(mut a), Value::Object(mut b)) = (plain(base), plain(head)) else {
        return Vec::new();
    };
    for skip in ["id", "project", "version", "status", "dependencies"] {
        a.remove(skip);
        b.remove(skip);
    }
    let mut keys: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    keys.sort_unstable();
    keys.dedup();
    let mut changes = Vec::new();
    for key in keys {
        let metadata = METADATA_FIELDS.contains(&key.as_str());
        match (a.remove(&key), b.remove(&key)) {
            (Some(Value::Object(x)), Some(Value::Object(y))) => {
                nested(&key, x, y, metadata, &mut changes)
            }
            (x, y) if x != y => changes.push(FieldChange {
                field: key,
                from: x,
                to: y,
                metadata,
            }),
            _ => {}
        }
    }
    dependency_changes(base, head, &mut changes);
    changes
}

fn nested(
    prefix: &str,
    mut a: serde_json::Map<String, Value>,
    mut b: serde_json::Map<String, Value>,
    metadata: bool,
    changes: &mut Vec<FieldChange>,
) {
    let mut keys: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let (x, y) = (a.remove(&key), b.remove(&key));
        if x != y {
            changes.push(FieldChange {
                field: format!("{prefix}.{key}"),
                from: x,
                to: y,
                metadata,
            });
        }
    }
}

/// Dependencies compared by target: added, removed, re-ranged or re-kinded.
fn dependency_changes(base: &Service, head: &Service, changes: &mut Vec<FieldChange>) {
    let entry = |s: &Service, id: &str| {
        s.dependencies
            .iter()
            .find(|d| d.service.as_str() == id)
            .map(|d| serde_json::to_value(d).unwrap_or(Value::Null))
    };
    let mut targets: Vec<&str> = base
        .dependencies
        .iter()
        .chain(&head.dependencies)
        .map(|d| d.service.as_str())
        .collect();
    targets.sort_unstable();
    targets.dedup();
    for target in targets {
        let (from, to) = (entry(base, target), entry(head, target));
        if from != to {
            changes.push(FieldChange {
                field: format!("dependencies.{target}"),
                from,
                to,
                metadata: false,
            });
        }
    }
}

fn plain(service: &Service) -> Value {
    serde_json::to_value(service).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn version_changes_follow_semver_ordering() {
        assert_eq!(
            classify_versions(&v("1.2.3"), &v("2.0.0")),
            Some(ChangeKind::Major)
        );
        assert_eq!(
            classify_versions(&v("1.2.3"), &v("1.3.0")),
            Some(ChangeKind::Minor)
        );
        assert_eq!(
            classify_versions(&v("1.2.3"), &v("1.2.4")),
            Some(ChangeKind::Patch)
        );
        assert_eq!(
            classify_versions(&v("1.0.0-beta.1"), &v("1.0.0")),
            Some(ChangeKind::Prerelease)
        );
        assert_eq!(
            classify_versions(&v("1.2.3"), &v("1.2.2")),
            Some(ChangeKind::Downgrade)
        );
        assert_eq!(classify_versions(&v("1.2.3"), &v("1.2.3")), None);
    }

    /// The one service of a catalog made of `services/catalog.toml` alone.
    fn only_service(catalog: &str) -> Catalog {
        Catalog::from_files([("services/catalog.toml", catalog)])
    }

    /// Equal fingerprints mean equal data: a change anywhere in a service's table, however it is
    /// written (inline, by headers, as an array of tables, in a file the scanner leaves to
    /// `toml`), changes the fingerprint and shows in the comparison; the same data written
    /// elsewhere in a file keeps it.
    #[test]
    fn fingerprints_are_equal_only_for_equal_data() {
        // `1e3` is left to `toml`, whose tree marks neither inline tables nor arrays of tables.
        for extra in ["", "\n[other]\nx = 1e3\n"] {
            let written = |ports: &str, tail: &str| {
                format!(
                    "[service.api]\nversion = \"1.0.0\"\nowner = \"team\"\n\
                     health_check = {{ path = \"/healthz\", port = 8080 }}\n{ports}{tail}{extra}"
                )
            };
            let base = only_service(&written(
                "[[service.api.ports]]\nname = \"http\"\nport = 80\n",
                "",
            ));
            let moved = only_service(&format!(
                "# moved down\n\n{}",
                written("[[service.api.ports]]\nname = \"http\"\nport = 80\n", "")
            ));
            let other_port = only_service(&written(
                "[[service.api.ports]]\nname = \"http\"\nport = 81\n",
                "",
            ));
            let more_ports = only_service(&written(
                "[[service.api.ports]]\nname = \"http\"\nport = 80\n\
                 [[service.api.ports]]\nname = \"grpc\"\nport = 90\n",
                "",
            ));
            let dotted = only_service(&written(
                "[[service.api.ports]]\nname = \"http\"\nport = 80\n",
                "[service.api.sla]\navailability = \"99.9%\"\n",
            ));
            let fingerprint = |c: &Catalog| c.services()[0].fingerprint;
            assert_eq!(fingerprint(&base), fingerprint(&moved), "{extra}");
            assert!(diff(&base, &moved).services.is_empty());
            let inline_changed = only_service(&written(
                "[[service.api.ports]]\nname = \"http\"\nport = 80\n",
                "[service.api.dependencies]\nrequires = [{ service = \"db\", kind = \"async\" }]\n",
            ));
            let inline_base = only_service(&written(
                "[[service.api.ports]]\nname = \"http\"\nport = 80\n",
                "[service.api.dependencies]\nrequires = [{ service = \"db\", kind = \"sync\" }]\n",
            ));
            assert_ne!(
                fingerprint(&inline_base),
                fingerprint(&inline_changed),
                "{extra}"
            );
            assert_eq!(
                diff(&inline_base, &inline_changed).services.len(),
                1,
                "{extra}"
            );
            for changed in [&other_port, &more_ports, &dotted] {
                assert_ne!(fingerprint(&base), fingerprint(changed), "{extra}");
                assert_eq!(diff(&base, changed).services.len(), 1, "{extra}");
            }
        }
    }

    /// A value written differently but holding the same data is not a change, though its
    /// fingerprint (of the text as written) differs: the comparison the fingerprint skips
    /// decides.
    #[test]
    fn the_same_data_written_differently_is_no_change() {
        let base = only_service(
            "[service.api]\nversion = \"1.0.0\"\ntags = [\"a\", \"b\"]\n\
             health_check = { path = \"/healthz\", port = 8080 }\n",
        );
        let head = only_service(
            "[service.api]\nversion = \"1.0.0\"\ntags = [ \"a\",  # first\n  'b' ]\n\n\
             [service.api.health_check]\npath = \"/healthz\"\nport = 8080\n",
        );
        assert_ne!(
            base.services()[0].fingerprint,
            head.services()[0].fingerprint
        );
        assert!(diff(&base, &head).services.is_empty());
    }
}
