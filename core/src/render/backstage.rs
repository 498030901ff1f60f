//! `backstage`: the catalog as Backstage software-catalog entities, one YAML document each
//! (`---` separated), ready for a `catalog-info.yaml` location.
//!
//! - A `System` per project (name = project id; `spec.owner` = its first owner, every owner
//!   in the `service-catalog/owners` annotation when there are several), then a `Component`
//!   per service, then a `Group` per owner named by a service or a project (`spec.type: team`,
//!   `spec.children: []`), sorted by name.
//! - Component: `spec.type` is Backstage's well-known type (`website` for `web`, `library`,
//!   `service` for the rest; ours is kept in an annotation), `spec.lifecycle` is
//!   `experimental` for development and beta, `production` for ga and maintenance,
//!   `deprecated` for deprecated and retired (the exact status is in the
//!   `service-catalog/status` annotation), `spec.owner` is a `group:` ref, `spec.dependsOn`
//!   the `component:` refs of the dependencies the catalog defines, `spec.system` the project
//!   (shared services belong to none).
//! - Owners become valid entity names: a leading `@` is dropped, the rest lowercased and every
//!   character an entity name cannot hold becomes `-`; the `profile.displayName` and the
//!   `service-catalog/owner` annotation keep the owner as written. An entity without an owner
//!   is owned by the group `unowned`, emitted only then.
//! - Tags become valid Backstage tags the same way (lowercase, `-` for anything else).
//! - Annotations (`service-catalog/*`) carry version, status, type, the defining file, and for
//!   a service going away its sunset date, replacement and migration guide.

use super::yaml::{self, Map, Yaml};
use super::{GENERATED, lifecycle_note, safe, service_annotations, services, source_path};
use crate::Catalog;
use crate::model::{ServiceType, Status};
use std::collections::BTreeMap;

/// The group that owns entities whose catalog entry names no owner.
const UNOWNED: &str = "unowned";

/// The longest entity name or tag Backstage accepts.
const MAX_NAME: usize = 63;

/// Renders every project, service and owner of `catalog` as Backstage entities.
pub(super) fn render(catalog: &Catalog) -> String {
    let mut groups: BTreeMap<String, String> = BTreeMap::new();
    let mut documents: Vec<(Vec<String>, Map)> = Vec::new();
    for project in catalog.projects() {
        let owner = owner_ref(project.owners.first().map(|o| o.as_str()), &mut groups);
        for other in project.owners.iter().skip(1) {
            owner_ref(Some(other.as_str()), &mut groups);
        }
        let mut annotations = Map::new();
        if project.owners.len() > 1 {
            annotations.insert(
                "service-catalog/owners",
                project
                    .owners
                    .iter()
                    .map(|o| safe("owners", o))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        annotations
            .insert_some(
                "service-catalog/environment",
                project.environment.as_ref().map(|e| e.as_str()),
            )
            .insert_some(
                "service-catalog/tier",
                project.tier.as_ref().map(|t| t.as_str()),
            )
            .insert(
                "service-catalog/source",
                source_path(catalog, project.span.file),
            );
        let mut metadata = Map::new();
        metadata
            .insert("name", project.id.as_str())
            .insert_some(
                "title",
                project.name.as_ref().map(|n| safe("name", n).to_owned()),
            )
            .insert_some(
                "description",
                project
                    .description
                    .as_ref()
                    .map(|d| safe("description", d).to_owned()),
            )
            .insert("annotations", annotations);
        let mut spec = Map::new();
        spec.insert("owner", owner);
        documents.push((Vec::new(), entity("System", metadata, spec)));
    }
    for service in services(catalog) {
        let status = service.status();
        let owner = owner_ref(service.owner.as_ref().map(|o| o.as_str()), &mut groups);
        let service_type = service.service_type.as_ref().map(|t| t.value);
        let annotations = service_annotations(
            catalog,
            service,
            (
                "service-catalog/type",
                service_type.map(|t| t.as_str().to_owned()),
            ),
        );
        let mut tags: Vec<String> = Vec::new();
        for tag in &service.tags {
            if let Some(tag) = backstage_name(safe("tags", tag), true)
                && !tags.contains(&tag)
            {
                tags.push(tag);
            }
        }
        let mut metadata = Map::new();
        metadata
            .insert("name", service.id.as_str())
            .insert_some(
                "title",
                service.name.as_ref().map(|n| safe("name", n).to_owned()),
            )
            .insert_some(
                "description",
                service
                    .description
                    .as_ref()
                    .map(|d| safe("description", d).to_owned()),
            );
        if !tags.is_empty() {
            metadata.insert("tags", tags.into_iter().map(Yaml::from).collect::<Vec<_>>());
        }
        metadata.insert("annotations", annotations);
        let mut depends_on: Vec<String> = Vec::new();
        let mut notes: Vec<String> = lifecycle_note(service).into_iter().collect();
        for dependency in &service.dependencies {
            let id = dependency.service.as_str();
            if catalog.service(id).is_none() {
                notes.push(format!("Left out of dependsOn: {id} (not in the catalog)."));
                continue;
            }
            let reference = format!("component:{id}");
            if !depends_on.contains(&reference) {
                depends_on.push(reference);
            }
        }
        let mut spec = Map::new();
        spec.insert("type", component_type(service_type))
            .insert("lifecycle", lifecycle(status))
            .insert("owner", owner)
            .insert_some("system", service.project.as_ref().map(|p| p.as_str()));
        if !depends_on.is_empty() {
            spec.insert(
                "dependsOn",
                depends_on.into_iter().map(Yaml::from).collect::<Vec<_>>(),
            );
        }
        documents.push((notes, entity("Component", metadata, spec)));
    }
    for (name, display) in &groups {
        let mut metadata = Map::new();
        metadata.insert("name", name.as_str());
        if name == UNOWNED {
            metadata.insert(
                "description",
                "The services and projects whose catalog entry names no owner.",
            );
        }
        let mut profile = Map::new();
        profile.insert("displayName", display.as_str());
        let mut spec = Map::new();
        spec.insert("type", "team")
            .insert("profile", profile)
            .insert("children", Vec::new());
        documents.push((Vec::new(), entity("Group", metadata, spec)));
    }
    let mut out = String::new();
    yaml::comments(
        &mut out,
        &[
            GENERATED.to_owned(),
            "Backstage catalog entities: a System per project, a Component per service, a Group per owner.".to_owned(),
        ],
        0,
    );
    for (notes, document) in &documents {
        out.push_str("---\n");
        yaml::comments(&mut out, notes, 0);
        out.push_str(&yaml::document(document));
    }
    out
}

/// An entity of `kind` with its metadata and spec.
fn entity(kind: &str, metadata: Map, spec: Map) -> Map {
    let mut entity = Map::new();
    entity
        .insert("apiVersion", "backstage.io/v1alpha1")
        .insert("kind", kind)
        .insert("metadata", metadata)
        .insert("spec", spec);
    entity
}

/// The `group:` ref of `owner`, recording the group (or [`UNOWNED`]) in `groups` with the
/// name it is displayed under.
fn owner_ref(owner: Option<&str>, groups: &mut BTreeMap<String, String>) -> String {
    let written = owner.map(|o| safe("owner", o));
    let (name, display) = match written.and_then(|o| backstage_name(o, false).map(|n| (n, o))) {
        Some((name, written)) => (name, written.trim_start_matches('@').to_owned()),
        None => (UNOWNED.to_owned(), "Unowned".to_owned()),
    };
    let reference = format!("group:{name}");
    groups.entry(name).or_insert(display);
    reference
}

/// `text` as a Backstage entity name (or, with `tag`, a tag): a leading `@` dropped,
/// lowercased, every other character than letters, digits (and for names `_` and `.`)
/// replaced by `-`, runs of separators collapsed, trimmed to letters or digits at both ends
/// and cut to 63 characters. `None` when nothing is left.
fn backstage_name(text: &str, tag: bool) -> Option<String> {
    let mut name = String::with_capacity(text.len());
    for c in text.trim_start_matches('@').chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with(['-', '_', '.']) {
            name.push(if !tag && matches!(c, '_' | '.') {
                c
            } else {
                '-'
            });
        }
    }
    name.truncate(MAX_NAME);
    let name = name.trim_end_matches(['-', '_', '.']);
    (!name.is_empty()).then(|| name.to_owned())
}

/// Backstage's well-known component type for a service type.
fn component_type(service_type: Option<ServiceType>) -> &'static str {
    match service_type {
        Some(ServiceType::Web) => "website",
        Some(ServiceType::Library) => "library",
        _ => "service",
    }
}

/// Backstage's lifecycle for a status.
fn lifecycle(status: Status) -> &'static str {
    match status {
        Status::Development | Status::Beta => "experimental",
        Status::Ga | Status::Maintenance => "production",
        Status::Deprecated | Status::Retired => "deprecated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_and_tags_become_valid_names() {
        for (text, tag, name) in [
            ("@payments-team", false, Some("payments-team")),
            ("Platform Team", false, Some("platform-team")),
            ("team@example.com", false, Some("team-example.com")),
            ("--x--", false, Some("x")),
            ("_a__b.", false, Some("a_b")),
            ("@", false, None),
            ("tier_0", true, Some("tier-0")),
            ("PCI", true, Some("pci")),
            ("_", true, None),
        ] {
            assert_eq!(backstage_name(text, tag).as_deref(), name, "{text:?}");
        }
        let long = "a".repeat(80);
        assert_eq!(
            backstage_name(&long, false).map(|n| n.len()),
            Some(MAX_NAME)
        );
    }

    #[test]
    fn statuses_map_to_backstage_lifecycles() {
        let mapped: Vec<&str> = Status::ALL.iter().map(|s| lifecycle(*s)).collect();
        assert_eq!(
            mapped,
            [
                "experimental",
                "experimental",
                "production",
                "production",
                "deprecated",
                "deprecated"
            ]
        );
    }

    #[test]
    fn an_entity_without_owner_belongs_to_the_unowned_group() {
        let catalog = Catalog::from_files([(
            "services/catalog.toml",
            "[service.auth]\nversion = \"1.2.3\"\nstatus = \"ga\"\n[service.auth.dependencies]\nrequires = [\"ghost\"]\n",
        )]);
        let text = render(&catalog);
        assert!(text.contains("owner: group:unowned\n"), "{text}");
        assert!(
            text.contains("kind: Group\nmetadata:\n  name: unowned\n"),
            "{text}"
        );
        assert!(text.contains("# Left out of dependsOn: ghost (not in the catalog).\n"));
        assert!(!text.contains("  dependsOn:"), "{text}");
        assert!(!text.contains("system:"), "{text}");
    }
}
