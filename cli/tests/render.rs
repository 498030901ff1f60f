//! `service-catalog render` and `service-catalog graph` on the example tree.

use std::path::PathBuf;
use std::process::{Command, Output};

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/control-center")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_service-catalog"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 output")
}

#[track_caller]
fn succeeds(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

#[track_caller]
fn cannot_run(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    stderr(&output)
}

#[test]
fn render_prints_the_committed_docs() {
    let dir = example();
    let dir = dir.to_str().unwrap();
    for (kind, file) in [
        ("services-md", "SERVICES.md"),
        ("topology-md", "TOPOLOGY.md"),
    ] {
        let committed = std::fs::read_to_string(example().join("docs").join(file)).unwrap();
        assert_eq!(succeeds(&["render", kind, dir]), committed, "{kind}");
    }
}

#[test]
fn render_writes_manifests_to_out() {
    let out = std::env::temp_dir().join(format!(
        "service-catalog-render-{}.yaml",
        std::process::id()
    ));
    let dir = example();
    let printed = succeeds(&[
        "render",
        "k8s",
        dir.to_str().unwrap(),
        "--project",
        "payments",
        "--environment",
        "staging",
        "--out",
        out.to_str().unwrap(),
    ]);
    let written = std::fs::read_to_string(&out).expect("the manifests were written");
    let _ = std::fs::remove_file(&out);
    assert!(printed.is_empty(), "{printed}");
    assert!(written.contains("kind: Deployment\n"), "{written}");
    assert!(
        written.contains("    service-catalog/environment: staging\n"),
        "{written}"
    );
}

#[test]
fn graph_is_render_of_a_graph_kind() {
    let dir = example();
    let dir = dir.to_str().unwrap();
    assert_eq!(
        succeeds(&["graph", dir]),
        succeeds(&["render", "mermaid", dir])
    );
    let neighbourhood = succeeds(&[
        "graph",
        dir,
        "--format",
        "dot",
        "--service",
        "payments-api",
        "--depth",
        "1",
    ]);
    assert!(
        neighbourhood.contains("digraph \"neighbourhood of payments-api\" {"),
        "{neighbourhood}"
    );
    assert!(!neighbourhood.contains("\"user-store\""), "{neighbourhood}");
}

#[test]
fn misuse_exits_2_with_the_reason() {
    let dir = example();
    let dir = dir.to_str().unwrap();
    let err = cannot_run(&["render", "backstage-ish", dir]);
    assert!(err.contains("services-md") && err.contains("k8s"), "{err}");
    let err = cannot_run(&["render", "compose", dir]);
    assert!(
        err.contains("error: invalid argument `project`: compose renders one project: pass one of data-lab, marketing, payments, storefront"),
        "{err}"
    );
    let err = cannot_run(&["render", "k8s", dir, "--project", "nope"]);
    assert!(err.contains("error: unknown project `nope`"), "{err}");
    let err = cannot_run(&["graph", dir, "--service", "nope"]);
    assert!(err.contains("error: unknown service `nope`"), "{err}");
    let err = cannot_run(&["graph", dir, "--depth", "2"]);
    assert!(err.contains("--service"), "{err}");
    let err = cannot_run(&["render", "services-md", dir, "--service", "payments-api"]);
    assert!(
        err.contains(
            "invalid argument `service`: applies only to mermaid and dot, not to services-md"
        ),
        "{err}"
    );
}
