//! The shared conformance corpus (`tests/cases/` at the workspace root), run from Rust.
//!
//! Each case is a folder with a control-center tree under `tree/` and an `expected.json`
//! written by hand: the date the check runs as of (`today`) and the findings, reduced to their
//! code, severity, file, line, column and subject, in the report's order. The Python, Node and
//! browser harnesses run the same folders; `tests/README.md` describes the layout.

use serde_json::{Map, Value, json};
use service_catalog::{Catalog, Date, Diagnostic};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The keys a finding is reduced to; `service` and `project` appear only when set.
const KEYS: &[&str] = &[
    "code", "severity", "file", "line", "column", "service", "project",
];

/// One case read from disk.
struct Case {
    name: String,
    tree: PathBuf,
    today: Date,
    expected: Vec<Value>,
}

/// `tests/cases/` at the workspace root.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

/// Every case folder, sorted by name, with its expectations checked for shape.
fn read_cases() -> Vec<Case> {
    let dir = corpus_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry"))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| read_case(&dir, name))
        .collect()
}

#[track_caller]
fn read_case(dir: &Path, name: String) -> Case {
    let case_dir = dir.join(&name);
    let tree = case_dir.join("tree");
    assert!(tree.is_dir(), "case `{name}` has no tree/ folder");
    let path = case_dir.join("expected.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("case `{name}`: cannot read expected.json: {e}"));
    let root: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("case `{name}`: expected.json is not valid JSON: {e}"));
    let object = root
        .as_object()
        .unwrap_or_else(|| panic!("case `{name}`: expected.json must be an object"));
    for key in object.keys() {
        assert!(
            key == "today" || key == "diagnostics",
            "case `{name}`: unknown key `{key}` in expected.json (known: today, diagnostics)"
        );
    }
    let today = object
        .get("today")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("case `{name}`: `today` must be a \"YYYY-MM-DD\" string"));
    let today = Date::parse(today).unwrap_or_else(|e| panic!("case `{name}`: `today`: {e}"));
    let expected = object
        .get("diagnostics")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("case `{name}`: `diagnostics` must be a list"))
        .clone();
    for (index, diagnostic) in expected.iter().enumerate() {
        let entry = diagnostic
            .as_object()
            .unwrap_or_else(|| panic!("case `{name}`: diagnostics[{index}] must be an object"));
        for key in entry.keys() {
            assert!(
                KEYS.contains(&key.as_str()),
                "case `{name}`: diagnostics[{index}] has unknown key `{key}` (known: {})",
                KEYS.join(", ")
            );
        }
        for key in &KEYS[..5] {
            assert!(
                entry.contains_key(*key),
                "case `{name}`: diagnostics[{index}] lacks `{key}`"
            );
        }
    }
    Case {
        name,
        tree,
        today,
        expected,
    }
}

/// A finding reduced to the keys the corpus compares.
fn reduce(diagnostic: &Diagnostic) -> Value {
    let mut entry = Map::new();
    entry.insert("code".into(), json!(diagnostic.code.as_str()));
    entry.insert("severity".into(), json!(diagnostic.severity.as_str()));
    entry.insert("file".into(), json!(diagnostic.file));
    entry.insert("line".into(), json!(diagnostic.line));
    entry.insert("column".into(), json!(diagnostic.column));
    if let Some(service) = &diagnostic.service {
        entry.insert("service".into(), json!(service));
    }
    if let Some(project) = &diagnostic.project {
        entry.insert("project".into(), json!(project));
    }
    Value::Object(entry)
}

/// One finding per line, keys in a fixed order, for diffs.
fn render(entry: &Value) -> String {
    let fields: Vec<String> = KEYS
        .iter()
        .filter_map(|key| entry.get(*key).map(|value| format!("{key}: {value}")))
        .collect();
    format!("{{ {} }}", fields.join(", "))
}

/// A line diff of two lists (longest common subsequence): `-` expected only, `+` actual only.
/// Each `+` line is followed by its note (the finding's message), when there is one.
fn diff(expected: &[String], actual: &[String], notes: &[String]) -> String {
    let (n, m) = (expected.len(), actual.len());
    let mut common = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if expected[i] == actual[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < n || j < m {
        if i < n && j < m && expected[i] == actual[j] {
            let _ = writeln!(out, "      {}", expected[i]);
            i += 1;
            j += 1;
        } else if i < n && (j == m || common[i + 1][j] >= common[i][j + 1]) {
            let _ = writeln!(out, "    - {}", expected[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "    + {}", actual[j]);
            if let Some(note) = notes.get(j).filter(|note| !note.is_empty()) {
                let _ = writeln!(out, "        ({note})");
            }
            j += 1;
        }
    }
    out
}

/// Every file of `tree` as `(path relative to tree with '/', text)`.
fn tree_files(tree: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("readable case folder")
            .map(|entry| entry.expect("readable directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let relative = path.strip_prefix(root).expect("inside the tree");
                let relative: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
                files.push((relative.join("/"), text));
            }
        }
    }
    let mut files = Vec::new();
    walk(tree, tree, &mut files);
    files
}

/// What went wrong with one case, or `None` when it conforms.
fn run_case(case: &Case) -> Option<String> {
    let catalog = Catalog::load(&case.tree)
        .unwrap_or_else(|e| panic!("case `{}`: cannot load the tree: {e}", case.name));
    let report = catalog.check(case.today);
    let actual: Vec<Value> = report.diagnostics.iter().map(reduce).collect();
    let mut problems = String::new();
    if actual != case.expected {
        let expected: Vec<String> = case.expected.iter().map(render).collect();
        let reported: Vec<String> = actual.iter().map(render).collect();
        let messages: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        let _ = write!(
            problems,
            "  expected (-) and reported (+) findings differ:\n{}",
            diff(&expected, &reported, &messages)
        );
    }
    // The in-memory entry point, which the browser harness uses, must agree with the disk one.
    let in_memory: Vec<Value> = Catalog::from_files(tree_files(&case.tree))
        .check(case.today)
        .diagnostics
        .iter()
        .map(reduce)
        .collect();
    if in_memory != actual {
        let loaded: Vec<String> = actual.iter().map(render).collect();
        let in_memory: Vec<String> = in_memory.iter().map(render).collect();
        let _ = write!(
            problems,
            "  Catalog::load (-) and Catalog::from_files (+) disagree:\n{}",
            diff(&loaded, &in_memory, &[])
        );
    }
    (!problems.is_empty()).then(|| format!("case `{}`:\n{problems}", case.name))
}

#[test]
fn every_case_conforms() {
    let cases = read_cases();
    assert!(
        !cases.is_empty(),
        "no cases found in {}",
        corpus_dir().display()
    );
    let failures: Vec<String> = cases.iter().filter_map(run_case).collect();
    assert!(
        failures.is_empty(),
        "{} of {} conformance cases failed (tests/cases/<case>/expected.json):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn diff_marks_missing_and_extra_lines() {
    let lines = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let shown = diff(
        &lines(&["a", "b", "c"]),
        &lines(&["a", "c", "d"]),
        &lines(&["", "", "why d"]),
    );
    assert_eq!(
        shown,
        "      a\n    - b\n      c\n    + d\n        (why d)\n"
    );
    let replaced = diff(&lines(&["x"]), &lines(&["y"]), &[]);
    assert_eq!(replaced, "    - x\n    + y\n");
}
