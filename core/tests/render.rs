//! Snapshots of every render kind on `examples/control-center`, and the generated docs
//! committed beside it.
//!
//! - `core/tests/snapshots/render/`: the graphs (whole and one neighbourhood) and the compose
//!   and k8s output of every project in its default environment, plus one other environment,
//!   and the Backstage entities of the whole tree.
//!   `UPDATE_SNAPSHOTS=1` rewrites them (and removes snapshots no case produces).
//! - `examples/control-center/docs/SERVICES.md` and `TOPOLOGY.md`: the `services-md` and
//!   `topology-md` renderings, which double as their snapshots. `UPDATE_DOCS=1` rewrites them.

use service_catalog::{Catalog, RenderKind, RenderOptions, render};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn example() -> Catalog {
    let dir = workspace().join("examples/control-center");
    Catalog::load(&dir).unwrap_or_else(|e| panic!("cannot load {}: {e}", dir.display()))
}

fn flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// One rendering: the file it is compared with, the kind and the options.
struct Case {
    file: String,
    kind: RenderKind,
    options: RenderOptions,
}

/// The graphs of the whole catalog and of the most depended-on service, the Backstage
/// entities, then compose and k8s for every project in its default environment, and for the first project that has another
/// environment in that one.
fn cases(catalog: &Catalog) -> Vec<Case> {
    let mut cases = Vec::new();
    for (kind, extension) in [(RenderKind::Mermaid, "mmd"), (RenderKind::Dot, "dot")] {
        cases.push(Case {
            file: format!("graph.{extension}"),
            kind,
            options: RenderOptions::default(),
        });
        cases.push(Case {
            file: format!("graph-identity-service.{extension}"),
            kind,
            options: RenderOptions::default()
                .service("identity-service")
                .depth(1),
        });
    }
    cases.push(Case {
        file: "backstage.yaml".to_owned(),
        kind: RenderKind::Backstage,
        options: RenderOptions::default(),
    });
    let mut other_environment_shown = false;
    for project in catalog.projects() {
        let id = project.id.as_str();
        let default = project.environment.as_ref().map(|e| e.as_str());
        let mut environments = vec![None];
        let other = project
            .deployment
            .iter()
            .flat_map(|d| &d.environments)
            .map(|e| e.name.as_str())
            .find(|name| Some(*name) != default);
        if let Some(name) = other.filter(|_| !other_environment_shown) {
            environments.push(Some(name));
            other_environment_shown = true;
        }
        for environment in environments {
            for kind in [RenderKind::Compose, RenderKind::K8s] {
                let mut options = RenderOptions::default().project(id);
                let mut file = format!("{kind}-{id}");
                if let Some(name) = environment {
                    options = options.environment(name);
                    file.push_str(&format!("-{name}"));
                }
                file.push_str(".yaml");
                cases.push(Case {
                    file,
                    kind,
                    options,
                });
            }
        }
    }
    cases
}

/// Compares `text` with the file at `relative` (to the workspace); rewrites it when `update`,
/// else returns what is wrong.
fn compare(relative: &str, text: &str, update: bool) -> Option<String> {
    let path = workspace().join(relative);
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text) {
        return None;
    }
    if update {
        std::fs::create_dir_all(path.parent().expect("a parent folder"))
            .and_then(|()| std::fs::write(&path, text))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return None;
    }
    Some(format!("{relative} is missing or out of date"))
}

#[test]
fn every_kind_matches_its_snapshot() {
    let catalog = example();
    let dir = "core/tests/snapshots/render";
    let update = flag("UPDATE_SNAPSHOTS");
    let cases = cases(&catalog);
    let mut problems = Vec::new();
    for case in &cases {
        let text = render(&catalog, case.kind, &case.options)
            .unwrap_or_else(|e| panic!("{}: {e}", case.file));
        problems.extend(compare(&format!("{dir}/{}", case.file), &text, update));
    }
    let expected: BTreeSet<&str> = cases.iter().map(|c| c.file.as_str()).collect();
    for entry in std::fs::read_dir(workspace().join(dir))
        .into_iter()
        .flatten()
    {
        let path = entry.expect("a readable entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !expected.contains(name) {
            if update {
                std::fs::remove_file(&path)
                    .unwrap_or_else(|e| panic!("cannot remove {}: {e}", path.display()));
            } else {
                problems.push(format!("{dir}/{name} is no case's snapshot"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nregenerate with: UPDATE_SNAPSHOTS=1 cargo test -p service-catalog --test render",
        problems.join("\n")
    );
}

#[test]
fn committed_docs_are_current() {
    let catalog = example();
    let dir = "examples/control-center/docs";
    let update = flag("UPDATE_DOCS");
    let mut problems = Vec::new();
    for (file, kind) in [
        ("SERVICES.md", RenderKind::ServicesMd),
        ("TOPOLOGY.md", RenderKind::TopologyMd),
    ] {
        let text = render(&catalog, kind, &RenderOptions::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        problems.extend(compare(&format!("{dir}/{file}"), &text, update));
    }
    assert!(
        problems.is_empty(),
        "{}\nregenerate with: UPDATE_DOCS=1 cargo test -p service-catalog --test render",
        problems.join("\n")
    );
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let (first, second) = (example(), example());
    for case in cases(&first) {
        assert_eq!(
            render(&first, case.kind, &case.options).unwrap(),
            render(&second, case.kind, &case.options).unwrap(),
            "{}",
            case.file
        );
    }
}

#[test]
fn the_example_deploys_no_plaintext_and_every_secret_by_reference() {
    let catalog = example();
    for case in cases(&catalog)
        .into_iter()
        .filter(|c| matches!(c.kind, RenderKind::Compose | RenderKind::K8s))
    {
        let text = render(&catalog, case.kind, &case.options).unwrap();
        for service in catalog.services() {
            for var in &service.env {
                let value = var.value.as_str();
                if value.starts_with("vault://") || value.starts_with("env://") {
                    // Neither `KEY: ref` (compose) nor `value: ref` (k8s): only placeholders,
                    // secretKeyRefs and the annotation that names the source.
                    assert!(
                        !text.contains(&format!(": {value}\n"))
                            && !text.contains(&format!(": \"{value}\"\n")),
                        "{}: {} is copied as a value",
                        case.file,
                        var.name.as_str()
                    );
                }
            }
        }
        assert!(
            !text.contains("[plaintext secret withheld]"),
            "{}",
            case.file
        );
    }
}
