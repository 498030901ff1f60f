//! Runs the built `service-catalog` binary on trees written to a temporary folder.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const VALID_CATALOG: &str = r#"[service.shared-auth]
type = "microservice"
owner = "platform-team"
version = "1.2.3"
status = "ga"
[service.shared-auth.sla]
availability = "99.9%"
"#;

/// A fresh folder under the system temp dir, removed again on drop.
struct Tree(PathBuf);

impl Tree {
    #[track_caller]
    fn new(files: &[(&str, &str)]) -> Tree {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "service-catalog-cli-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir_all(&root).unwrap();
        Tree(root)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_service-catalog"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

#[track_caller]
fn check(tree: &Tree, extra: &[&str]) -> Output {
    let mut args: Vec<&OsStr> = vec!["check".as_ref(), tree.path().as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    args.extend([OsStr::new("--today"), OsStr::new("2026-01-15")]);
    run(&args)
}

#[track_caller]
fn assert_status(output: &Output, expected: i32) {
    assert_eq!(
        output.status.code(),
        Some(expected),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[track_caller]
fn stdout_json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "stdout is not JSON ({err}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn help_and_version_succeed() {
    for flag in ["--help", "--version"] {
        let output = run(&[flag.as_ref()]);
        assert_status(&output, 0);
        assert!(!output.stdout.is_empty(), "{flag} prints to stdout");
    }
    assert_status(&run(&["check".as_ref(), "--help".as_ref()]), 0);
}

#[test]
fn missing_directory_cannot_run() {
    let tree = Tree::new(&[]);
    let missing = tree.path().join("no-such-dir");
    let output = run(&["check".as_ref(), missing.as_os_str()]);
    assert_status(&output, 2);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: "), "stderr: {stderr}");
}

#[test]
fn bad_arguments_cannot_run() {
    let tree = Tree::new(&[("services/catalog.toml", VALID_CATALOG)]);
    assert_status(&check(&tree, &["--format", "yaml"]), 2);
    assert_status(&check(&tree, &["--today", "2026-02-30"]), 2);
    assert_status(&run(&["no-such-command".as_ref()]), 2);
}

#[test]
fn syntax_error_is_reported_with_file_and_line() {
    let tree = Tree::new(&[(
        "services/catalog.toml",
        "[service.shared-auth]\ntype \"microservice\"\n",
    )]);
    let output = check(&tree, &[]);
    assert_status(&output, 1);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("services/catalog.toml:2"),
        "no file:line in:\n{stdout}"
    );
}

#[test]
fn valid_tree_passes() {
    let tree = Tree::new(&[("services/catalog.toml", VALID_CATALOG)]);
    let output = check(&tree, &["--format", "json"]);
    assert_status(&output, 0);
    assert_eq!(stdout_json(&output)["summary"]["errors"], 0);
}

#[test]
fn sarif_is_json_of_version_2_1_0() {
    let tree = Tree::new(&[("services/catalog.toml", VALID_CATALOG)]);
    let output = check(&tree, &["--format", "sarif"]);
    assert_status(&output, 0);
    assert_eq!(stdout_json(&output)["version"], "2.1.0");
}

#[test]
fn output_file_receives_the_report() {
    let tree = Tree::new(&[("services/catalog.toml", VALID_CATALOG)]);
    let out = tree.path().join("report.json");
    let output = check(
        &tree,
        &["--format", "json", "--output", out.to_str().unwrap()],
    );
    assert_status(&output, 0);
    assert!(output.stdout.is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(report["summary"]["errors"], 0);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

/// The shared services of the impact scenario: shared-auth (ga), user-store (ga) and a
/// deprecated legacy-mail with its replacement.
const SCENARIO_SHARED: &str = r#"[service.shared-auth]
version = "1.2.3"
status = "ga"
[service.shared-auth.sla]
availability = "99.9%"

[service.user-store]
version = "2.0.0"
status = "ga"
[service.user-store.sla]
availability = "99.9%"

[service.legacy-mail]
version = "1.0.0"
status = "deprecated"
[service.legacy-mail.lifecycle]
deprecation_date = 2025-12-01
sunset_date = 2026-09-01
replacement_service = "mailer"

[service.mailer]
version = "1.0.0"
status = "ga"
[service.mailer.sla]
availability = "99.9%"
"#;

/// Project `shop`: shop-api requires shared-auth and user-store.
const SCENARIO_SHOP: &str = r#"[project]
name = "Shop"
owners = ["@shop-team"]

[service.shop-api]
version = "1.0.0"
status = "ga"
exposed = true
[service.shop-api.dependencies]
requires = ["shared-auth@^1.2", "user-store@^2"]
[service.shop-api.sla]
availability = "99%"
"#;

/// Project `reports`: reaches the shared services only through shop-api.
const SCENARIO_REPORTS: &str = r#"[project]
name = "Reports"
owners = ["@data-team"]

[service.reporting]
version = "1.0.0"
status = "ga"
[service.reporting.dependencies]
requires = ["shop-api@^1"]
[service.reporting.sla]
availability = "99%"
"#;

/// The README's CI recipe, `impact --base-rev origin/main` in a clone, on the impact issue's
/// scenario: shared-auth goes 1.x -> 2.0.0 without a migration guide, user-store is removed
/// while shop-api requires it, and reporting adds a dependency on deprecated legacy-mail.
#[test]
fn impact_against_a_git_revision_like_the_ci_recipe() {
    let origin = Tree::new(&[
        ("catalog/services/catalog.toml", SCENARIO_SHARED),
        ("catalog/projects/shop/services.toml", SCENARIO_SHOP),
        ("catalog/projects/reports/services.toml", SCENARIO_REPORTS),
        ("README.md", "not a catalog file\n"),
    ]);
    git(origin.path(), &["init", "-q", "-b", "main"]);
    git(origin.path(), &["add", "-A"]);
    git(origin.path(), &["commit", "-q", "-m", "base"]);
    let clone = Tree::new(&[]);
    std::fs::remove_dir_all(clone.path()).unwrap();
    let status = Command::new("git")
        .args(["clone", "-q"])
        .arg(origin.path())
        .arg(clone.path())
        .status()
        .unwrap();
    assert!(status.success());
    let head = clone.path().join("catalog");
    let shared = head.join("services/catalog.toml");
    let reports = head.join("projects/reports/services.toml");
    let changed = SCENARIO_SHARED
        .replace("version = \"1.2.3\"", "version = \"2.0.0\"")
        .replace(
            "[service.user-store]\nversion = \"2.0.0\"\nstatus = \"ga\"\n[service.user-store.sla]\navailability = \"99.9%\"\n\n",
            "",
        );
    std::fs::write(&shared, changed).unwrap();
    std::fs::write(
        &reports,
        SCENARIO_REPORTS.replace("[\"shop-api@^1\"]", "[\"shop-api@^1\", \"legacy-mail\"]"),
    )
    .unwrap();

    let run_impact = |format: &str| {
        let args: Vec<&OsStr> = vec![
            "impact".as_ref(),
            "--base-rev".as_ref(),
            "origin/main".as_ref(),
            "--head".as_ref(),
            head.as_os_str(),
            "--today".as_ref(),
            "2026-01-15".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
        ];
        run(&args)
    };
    let output = run_impact("json");
    assert_status(&output, 1);
    let report = stdout_json(&output);
    assert_eq!(report["summary"]["verdict"], "fail");
    let findings: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap(),
                f["service"].as_str().unwrap_or(""),
            )
        })
        .collect();
    for expected in [
        ("change/breaking-without-guide", "shared-auth"),
        ("change/removed-in-use", "shop-api"),
        ("change/new-consumer-of-deprecated", "reporting"),
    ] {
        assert!(findings.contains(&expected), "{expected:?} in {findings:?}");
    }
    assert_eq!(report["broken_consumers"][0]["consumer"], "shop-api");
    let projects = report["affected_projects"].as_array().unwrap();
    let project = |id: &str| {
        projects
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {projects:?}"))
    };
    assert_eq!(project("shop")["direct"], true);
    // reports is affected by its own new dependency and, through shop-api, by the shared changes.
    let reporting = report["affected_services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "reporting")
        .expect("reporting is affected");
    assert_eq!(reporting["direct"], false);
    assert_eq!(reporting["path"][0], "reporting");
    assert_eq!(reporting["path"][1], "shop-api");
    let markdown = run_impact("markdown");
    assert_status(&markdown, 1);
    let markdown = String::from_utf8_lossy(&markdown.stdout);
    assert!(markdown.contains("change/removed-in-use"), "{markdown}");

    // The same tree against itself has no impact and passes.
    std::fs::write(&shared, SCENARIO_SHARED).unwrap();
    std::fs::write(&reports, SCENARIO_REPORTS).unwrap();
    assert_status(&run_impact("text"), 0);
    // An unknown revision cannot run.
    let args: Vec<&OsStr> = vec![
        "impact".as_ref(),
        "--base-rev".as_ref(),
        "no-such-rev".as_ref(),
        "--head".as_ref(),
        head.as_os_str(),
    ];
    assert_status(&run(&args), 2);
}
