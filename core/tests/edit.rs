//! Format-preserving edits: the exact text each edit writes in every way a service can be
//! written, the errors, the example tree, and property tests (an edit followed by its inverse
//! gives back the original bytes; an edit changes only the lines it must).

use proptest::prelude::*;
use service_catalog::model::Status;
use service_catalog::{Catalog, Date, Error, FileEdit, unified_diff};
use std::collections::HashMap;

const PATH: &str = "services/catalog.toml";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn catalog(text: &str) -> Catalog {
    Catalog::from_files([(PATH, text)])
}

/// The new text of the one file an edit changed.
#[track_caller]
fn only(edits: Result<Vec<FileEdit>, Error>) -> String {
    let mut edits = edits.unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    let edit = edits.remove(0);
    assert_eq!(edit.path, PATH);
    edit.text
}

/// Loads `text` and checks that it reads without a single parse or schema finding.
#[track_caller]
fn clean(text: &str) -> Catalog {
    let catalog = catalog(text);
    let codes: Vec<&str> = catalog
        .diagnostics()
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(codes.is_empty(), "{codes:?} in:\n{text}");
    catalog
}

#[track_caller]
fn assert_text(actual: &str, expected: &str) {
    assert!(
        actual == expected,
        "got:\n{actual}\n---- expected:\n{expected}\n---- diff:\n{}",
        unified_diff(PATH, expected, actual)
    );
}

const TWO: &str = "\
[service.auth]
version = \"1.2.3\"   # the current release
status = \"ga\"

[service.sso]
version = \"2.0.0\"
";

#[test]
fn deprecating_writes_a_lifecycle_section_after_the_services_sections() {
    let text = "\
# Shared services
[service.auth]
version = \"1.2.3\"   # the current release
status = \"ga\"
tags = [\"a\"]

[service.auth.sla]
availability = \"99.9%\"

# --- next ---

[service.sso]
version = \"2.0.0\"
";
    let out = only(
        catalog(text)
            .edit()
            .deprecate("auth", "sso", None, date("2025-08-31")),
    );
    assert_text(
        &out,
        "\
# Shared services
[service.auth]
version = \"1.2.3\"   # the current release
status = \"deprecated\"
tags = [\"a\"]

[service.auth.sla]
availability = \"99.9%\"

[service.auth.lifecycle]
since = 2025-08-31
deprecation_date = 2025-08-31
sunset_date = 2026-02-28
replacement_service = \"sso\"

# --- next ---

[service.sso]
version = \"2.0.0\"
",
    );
    let service = clean(&out).service("auth").unwrap().clone();
    let lifecycle = service.lifecycle.unwrap();
    assert_eq!(service.status_field.unwrap().value, Status::Deprecated);
    assert_eq!(lifecycle.sunset_date.unwrap().value, date("2026-02-28"));
    assert_eq!(lifecycle.replacement_service.unwrap().as_str(), "sso");
}

#[test]
fn deprecating_fills_an_existing_lifecycle_in_its_own_style() {
    // Dotted keys, quoted dates, a literal string: each is kept.
    let dotted = "\
[service.auth]
version = '1.2.3'
status = 'ga'
lifecycle.since = \"2024-01-10\"
owner = \"me\"

[service.sso]
version = \"2.0.0\"
";
    let out = only(catalog(dotted).edit().deprecate(
        "auth",
        "sso",
        Some(date("2026-01-01")),
        date("2025-06-01"),
    ));
    assert_text(
        &out,
        "\
[service.auth]
version = '1.2.3'
status = 'deprecated'
lifecycle.since = \"2025-06-01\"
lifecycle.deprecation_date = \"2025-06-01\"
lifecycle.sunset_date = \"2026-01-01\"
lifecycle.replacement_service = \"sso\"
owner = \"me\"

[service.sso]
version = \"2.0.0\"
",
    );
    clean(&out);

    let inline = "\
[service.auth]
version = \"1.2.3\"
lifecycle = { since = 2024-01-10 } # entered ga
status = \"ga\"

[service.sso]
version = \"2.0.0\"
";
    let out = only(
        catalog(inline)
            .edit()
            .deprecate("auth", "sso", None, date("2025-06-01")),
    );
    assert_text(
        &out,
        "\
[service.auth]
version = \"1.2.3\"
lifecycle = { since = 2025-06-01, deprecation_date = 2025-06-01, sunset_date = 2025-12-01, replacement_service = \"sso\" } # entered ga
status = \"deprecated\"

[service.sso]
version = \"2.0.0\"
",
    );
    clean(&out);
}

#[test]
fn a_missing_table_follows_the_style_of_the_file() {
    // The other services write their sub-tables inline, so the new one is inline too.
    let text = "\
[service.auth]
version = \"1.2.3\"
status = \"ga\"

[service.sso]
version = \"2.0.0\"
lifecycle = { since = 2024-01-01 }
";
    let out = only(
        catalog(text)
            .edit()
            .set_status("auth", "deprecated", date("2025-06-01")),
    );
    assert_text(
        &out,
        "\
[service.auth]
version = \"1.2.3\"
status = \"deprecated\"
lifecycle = { since = 2025-06-01 }

[service.sso]
version = \"2.0.0\"
lifecycle = { since = 2024-01-01 }
",
    );
    // A service written as one inline table gets the keys inside it.
    let text = "[service]\nauth = { version = \"1.2.3\" }\nsso = { version = \"2.0.0\" }\n";
    let out = only(
        catalog(text)
            .edit()
            .set_status("auth", "ga", date("2025-06-01")),
    );
    assert_text(
        &out,
        "[service]\nauth = { version = \"1.2.3\", status = \"ga\", lifecycle = { since = 2025-06-01 } }\nsso = { version = \"2.0.0\" }\n",
    );
    let out = only(catalog(&out).edit().add_dependency("auth", "sso@^2", false));
    assert_text(
        &out,
        "[service]\nauth = { version = \"1.2.3\", status = \"ga\", dependencies = { requires = [\"sso@^2\"] }, lifecycle = { since = 2025-06-01 } }\nsso = { version = \"2.0.0\" }\n",
    );
    // Services written with dotted keys get dotted keys.
    let text = "[service]\nauth.version = \"1.2.3\"\nsso.version = \"2.0.0\"\n";
    let out = only(catalog(text).edit().add_dependency("auth", "sso", true));
    assert_text(
        &out,
        "[service]\nauth.version = \"1.2.3\"\nauth.dependencies.optional = [\"sso\"]\nsso.version = \"2.0.0\"\n",
    );
    clean(&out);
}

#[test]
fn new_sections_copy_the_files_spacing_and_line_breaks() {
    let tight = "[service.auth]\r\nversion = \"1.2.3\"\r\n[service.auth.sla]\r\navailability = \"99%\"\r\n[service.sso]\r\nversion = \"2.0.0\"";
    let out = only(
        catalog(tight)
            .edit()
            .add_dependency("sso", "auth@^1.2", false),
    );
    assert_text(
        &out,
        "[service.auth]\r\nversion = \"1.2.3\"\r\n[service.auth.sla]\r\navailability = \"99%\"\r\n[service.sso]\r\nversion = \"2.0.0\"\r\n[service.sso.dependencies]\r\nrequires = [\"auth@^1.2\"]",
    );
    let back = only(catalog(&out).edit().remove_dependency("sso", "auth"));
    assert_text(&back, tight);
}

#[test]
fn indented_keys_stay_indented() {
    let text = "[service.auth]\n  version = \"1.2.3\"\n  status = \"ga\"\n\n[service.sso]\n  version = \"2.0.0\"\n";
    let out = only(
        catalog(text)
            .edit()
            .deprecate("auth", "sso", None, date("2025-01-31")),
    );
    assert_text(
        &out,
        "[service.auth]\n  version = \"1.2.3\"\n  status = \"deprecated\"\n\n[service.auth.lifecycle]\n  since = 2025-01-31\n  deprecation_date = 2025-01-31\n  sunset_date = 2025-07-31\n  replacement_service = \"sso\"\n\n[service.sso]\n  version = \"2.0.0\"\n",
    );
}

#[test]
fn dependencies_are_added_in_the_lists_layout() {
    let text = "\
[service.api]
version = \"1.0.0\"

[service.api.dependencies]
# the audit trail goes through a queue
requires = [
  \"auth@^1.2\", # login
  { service = \"sso\", version = \">=2.0, <3\", kind = \"async\" },
]

[service.auth]
version = \"1.2.3\"
[service.sso]
version = \"2.0.0\"
[service.db]
version = \"4.0.0\"
";
    let out = only(catalog(text).edit().add_dependency("api", "db@^4", false));
    assert_text(
        &out,
        &text.replace(
            "kind = \"async\" },\n]",
            "kind = \"async\" },\n  \"db@^4\",\n]",
        ),
    );
    let tables = text.replace("\"auth@^1.2\", # login", "{ service = \"auth\" }, # login");
    let out = only(
        catalog(&tables)
            .edit()
            .add_dependency("api", "db@^4", false),
    );
    assert_text(
        &out,
        &tables.replace(
            "kind = \"async\" },\n]",
            "kind = \"async\" },\n  { service = \"db\", version = \"^4\" },\n]",
        ),
    );
    // Removing the first entry keeps the comment above the list and the other entry.
    let out = only(catalog(text).edit().remove_dependency("api", "auth"));
    assert_text(&out, &text.replace("  \"auth@^1.2\", # login\n", ""));
    clean(&out);
}

#[test]
fn removing_the_last_dependency_removes_the_list_and_the_empty_table() {
    let text = "\
[service.api]
version = \"1.0.0\"

[service.api.dependencies]
requires = [\"auth\"]

[service.api.sla]
availability = \"99%\"

[service.auth]
version = \"1.2.3\"
";
    let out = only(catalog(text).edit().remove_dependency("api", "auth"));
    assert_text(
        &out,
        &text.replace("\n[service.api.dependencies]\nrequires = [\"auth\"]\n", ""),
    );
    // A comment under the header says why the table is there: the header stays.
    let commented = text.replace(
        "requires = [\"auth\"]",
        "# filled in by the platform team\nrequires = [\"auth\"]",
    );
    let out = only(catalog(&commented).edit().remove_dependency("api", "auth"));
    assert_text(&out, &commented.replace("requires = [\"auth\"]\n", ""));
    // Inline and dotted tables go with their last key.
    let inline = text
        .replace("\n[service.api.dependencies]\nrequires = [\"auth\"]\n", "")
        .replace(
            "version = \"1.0.0\"\n",
            "version = \"1.0.0\"\ndependencies = { requires = [\"auth\"] }\n",
        );
    let out = only(catalog(&inline).edit().remove_dependency("api", "auth"));
    assert_text(
        &out,
        &text.replace("\n[service.api.dependencies]\nrequires = [\"auth\"]\n", ""),
    );
}

#[test]
fn set_version_and_set_status_replace_values_in_place() {
    let out = only(catalog(TWO).edit().set_version("auth", "2.0.0"));
    assert_text(&out, &TWO.replace("\"1.2.3\"", "\"2.0.0\""));
    // `status` is missing: it goes after `version`; `lifecycle` is new: a section at the end.
    let out = only(
        catalog(TWO)
            .edit()
            .set_status("sso", "beta", date("2025-02-03")),
    );
    assert_text(
        &out,
        &format!(
            "{}status = \"beta\"\n\n[service.sso.lifecycle]\nsince = 2025-02-03\n",
            TWO
        ),
    );
    // A status a service already has changes nothing.
    assert_eq!(
        catalog(TWO)
            .edit()
            .set_status("auth", "ga", date("2025-02-03"))
            .unwrap(),
        vec![]
    );
    assert_eq!(
        catalog(TWO)
            .edit()
            .set_status("sso", "development", date("2025-02-03"))
            .unwrap(),
        vec![]
    );
    assert_eq!(
        catalog(TWO).edit().set_version("auth", "1.2.3").unwrap(),
        vec![]
    );
}

#[test]
fn bad_arguments_are_typed_errors() {
    let editor_catalog = catalog(TWO);
    let editor = editor_catalog.edit();
    let today = date("2025-01-01");
    let code = |result: Result<Vec<FileEdit>, Error>| result.unwrap_err().code();
    assert_eq!(code(editor.set_version("nope", "1.0.0")), "unknown-service");
    assert_eq!(code(editor.set_version("auth", "1.0")), "invalid-argument");
    assert_eq!(
        code(editor.set_status("auth", "gone", today)),
        "invalid-argument"
    );
    assert_eq!(
        code(editor.deprecate("auth", "nope", None, today)),
        "unknown-service"
    );
    assert_eq!(
        code(editor.deprecate("auth", "auth", None, today)),
        "invalid-argument"
    );
    assert_eq!(
        code(editor.deprecate("auth", "sso", Some(date("2024-01-01")), today)),
        "invalid-argument"
    );
    assert_eq!(
        code(editor.add_dependency("auth", "sso@^x", false)),
        "invalid-argument"
    );
    assert_eq!(
        code(editor.add_dependency("auth", "Not An Id", false)),
        "invalid-argument"
    );
    assert_eq!(
        code(editor.add_dependency("auth", "auth", false)),
        "invalid-argument"
    );
    assert_eq!(
        code(editor.add_dependency("auth", "nope", false)),
        "unknown-service"
    );
    assert_eq!(
        code(editor.remove_dependency("auth", "sso")),
        "invalid-argument"
    );
    let message = editor
        .set_status("auth", "gone", today)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "invalid argument `status`: expected one of development, beta, ga, maintenance, deprecated, retired, found \"gone\""
    );
    let twice = only(editor.add_dependency("auth", "sso", false));
    let message = catalog(&twice)
        .edit()
        .add_dependency("auth", "sso@^2", true)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "invalid argument `dependency`: `auth` already depends on `sso`"
    );
}

#[test]
fn file_edits_serialize_as_plain_data() {
    let edits = catalog(TWO).edit().set_version("sso", "2.1.0").unwrap();
    let json = serde_json::to_value(&edits).unwrap();
    assert_eq!(json[0]["path"], PATH);
    assert!(
        json[0]["text"]
            .as_str()
            .unwrap()
            .contains("version = \"2.1.0\"")
    );
}

// ---- the example tree ----------------------------------------------------------------------

fn example() -> Catalog {
    Catalog::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/control-center"
    ))
    .unwrap()
}

/// The example's files with `edits` applied, loaded again.
#[track_caller]
fn reload(base: &Catalog, edits: &[FileEdit]) -> Catalog {
    let mut files: HashMap<String, String> = base
        .sources()
        .iter()
        .map(|s| (s.path().to_owned(), s.text().to_owned()))
        .collect();
    for edit in edits {
        assert!(
            files.contains_key(&edit.path),
            "{} is a file of the tree",
            edit.path
        );
        files.insert(edit.path.clone(), edit.text.clone());
    }
    let after = Catalog::from_files(files);
    let codes = |c: &Catalog| -> Vec<String> {
        c.diagnostics()
            .iter()
            .map(|d| d.code.as_str().to_owned())
            .collect()
    };
    assert_eq!(codes(&after), codes(base), "an edit adds no load finding");
    after
}

/// The lines an edit removed and added, each with how many times.
fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for line in old.lines() {
        *counts.entry(line).or_default() += 1;
    }
    for line in new.lines() {
        *counts.entry(line).or_default() -= 1;
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (line, count) in counts {
        for _ in 0..count.abs() {
            if count > 0 {
                removed.push(line.to_owned());
            } else {
                added.push(line.to_owned());
            }
        }
    }
    removed.sort();
    added.sort();
    (removed, added)
}

#[test]
fn example_edits_reload_and_show_the_change() {
    let base = example();
    let today = date("2026-01-15");
    let editor = base.edit();

    let edits = editor
        .deprecate("notification-service", "identity-service", None, today)
        .unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].path, "services/catalog.toml");
    let after = reload(&base, &edits);
    let service = after.service("notification-service").unwrap();
    let lifecycle = service.lifecycle.as_ref().unwrap();
    assert_eq!(service.status(), Status::Deprecated);
    assert_eq!(lifecycle.since.as_ref().unwrap().value, today);
    assert_eq!(lifecycle.deprecation_date.as_ref().unwrap().value, today);
    assert_eq!(
        lifecycle.sunset_date.as_ref().unwrap().value,
        date("2026-07-15")
    );
    assert_eq!(
        lifecycle.replacement_service.as_ref().unwrap().as_str(),
        "identity-service"
    );
    let old = base
        .sources()
        .iter()
        .find(|s| s.path() == edits[0].path)
        .unwrap()
        .text();
    let (removed, added) = changed_lines(old, &edits[0].text);
    assert_eq!(removed, ["since = 2025-05-12", "status = \"ga\""]);
    assert_eq!(
        added,
        [
            "deprecation_date = 2026-01-15",
            "replacement_service = \"identity-service\"",
            "since = 2026-01-15",
            "status = \"deprecated\"",
            "sunset_date = 2026-07-15",
        ]
    );
    // Its consumers now consume a deprecated service: the check says so.
    let report = after.check(today);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "lifecycle/consumes-deprecated"),
        "{}",
        report.to_text(false)
    );

    let edits = editor.set_version("ledger-service", "5.3.0").unwrap();
    assert_eq!(edits[0].path, "projects/payments/services.toml");
    let after = reload(&base, &edits);
    let version = after
        .service("ledger-service")
        .unwrap()
        .version
        .as_ref()
        .unwrap();
    assert_eq!(version.value.to_string(), "5.3.0");
    // A service with a release history needs the release recorded too: the check says so.
    let edits = editor.set_version("payments-api", "2.5.0").unwrap();
    let mut files: Vec<(String, String)> = base
        .sources()
        .iter()
        .map(|s| (s.path().to_owned(), s.text().to_owned()))
        .collect();
    files.retain(|(path, _)| *path != edits[0].path);
    files.push((edits[0].path.clone(), edits[0].text.clone()));
    let after = Catalog::from_files(files);
    let findings: Vec<&str> = after
        .diagnostics()
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(findings, ["versions/history"]);

    let edits = editor
        .add_dependency("audience-builder", "feature-flags@^1.12", false)
        .unwrap();
    let after = reload(&base, &edits);
    let dependency = after
        .service("audience-builder")
        .unwrap()
        .dependencies
        .iter()
        .find(|d| d.service.as_str() == "feature-flags")
        .unwrap();
    assert_eq!(
        dependency.version.as_ref().unwrap().value.to_string(),
        "^1.12"
    );
    assert!(!dependency.optional);
    // Removing it again gives back the file as it was.
    let back = after
        .edit()
        .remove_dependency("audience-builder", "feature-flags")
        .unwrap();
    let original = base
        .sources()
        .iter()
        .find(|s| s.path() == back[0].path)
        .unwrap();
    assert_eq!(back[0].text, original.text());

    let edits = editor
        .remove_dependency("storefront-web", "cart-service")
        .unwrap();
    let after = reload(&base, &edits);
    assert!(
        after
            .dependencies("storefront-web", false)
            .unwrap()
            .ids()
            .all(|id| id != "cart-service")
    );

    let edits = editor
        .set_status("experiment-runner", "beta", today)
        .unwrap();
    let after = reload(&base, &edits);
    let service = after.service("experiment-runner").unwrap();
    assert_eq!(service.status(), Status::Beta);
    assert_eq!(
        service
            .lifecycle
            .as_ref()
            .unwrap()
            .since
            .as_ref()
            .unwrap()
            .value,
        today
    );
}

#[test]
fn a_unified_diff_shows_only_the_changed_lines() {
    let base = example();
    let edits = base.edit().set_version("user-store", "4.4.0").unwrap();
    let old = base
        .sources()
        .iter()
        .find(|s| s.path() == edits[0].path)
        .unwrap()
        .text();
    let diff = unified_diff(&edits[0].path, old, &edits[0].text);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert_eq!(changed, ["-version = \"4.3.0\"", "+version = \"4.4.0\""]);
    assert!(
        diff.starts_with(
            "--- a/services/catalog.toml\n+++ b/services/catalog.toml\n@@ -90,7 +90,7 @@\n"
        ),
        "{diff}"
    );
}

// ---- property tests --------------------------------------------------------------------------

/// How a table is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Section,
    Dotted,
    Inline,
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![Just(Form::Section), Just(Form::Dotted), Just(Form::Inline)]
}

/// A generated `requires` list.
#[derive(Clone, Debug)]
struct Requires {
    form: Form,
    /// Each entry: the index of the service, a requirement, whether it is an inline table.
    entries: Vec<(usize, Option<&'static str>, bool)>,
    one_per_line: bool,
    trailing_comma: bool,
    comments: bool,
}

/// A generated service.
#[derive(Clone, Debug)]
struct Generated {
    /// `[service.sN]`, `sN.key = …` under `[service]`, or `sN = { … }`.
    shape: Form,
    version: (u64, u64, u64),
    literal_version: bool,
    status: Option<Status>,
    comment: bool,
    /// The lifecycle table's form, its `since`, and whether dates are quoted.
    lifecycle: Option<(Form, Option<Date>, bool)>,
    requires: Option<Requires>,
}

#[derive(Clone, Debug)]
struct GeneratedFile {
    services: Vec<Generated>,
    blank_lines: bool,
    crlf: bool,
    final_newline: bool,
}

fn any_date() -> impl Strategy<Value = Date> {
    (2020i32..2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

fn service(index: usize, count: usize) -> impl Strategy<Value = Generated> {
    let others: Vec<usize> = (0..count).filter(|&o| o != index).collect();
    let most = others.len().saturating_sub(1);
    let requires = (
        form(),
        proptest::sample::subsequence(others, 0..=most),
        proptest::collection::vec((proptest::option::of(Just("^1")), any::<bool>()), most),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(form, targets, styles, one_per_line, trailing_comma, comments)| {
                (!targets.is_empty()).then(|| Requires {
                    form,
                    entries: targets
                        .into_iter()
                        .zip(styles)
                        .map(|(t, (req, table))| (t, req, table))
                        .collect(),
                    one_per_line,
                    trailing_comma,
                    comments,
                })
            },
        );
    (
        prop_oneof![4 => Just(Form::Section), 1 => Just(Form::Dotted), 1 => Just(Form::Inline)],
        (1u64..4, 0u64..10, 0u64..10),
        any::<bool>(),
        proptest::option::weighted(0.8, proptest::sample::select(Status::ALL.to_vec())),
        any::<bool>(),
        proptest::option::weighted(
            0.7,
            (
                form(),
                proptest::option::weighted(0.8, any_date()),
                any::<bool>(),
            ),
        ),
        requires,
    )
        .prop_map(
            |(shape, version, literal_version, status, comment, lifecycle, requires)| Generated {
                shape,
                version,
                literal_version,
                status,
                comment,
                lifecycle,
                requires,
            },
        )
}

fn file() -> impl Strategy<Value = GeneratedFile> {
    (2usize..6).prop_flat_map(|count| {
        let services: Vec<_> = (0..count).map(|i| service(i, count)).collect();
        (
            services,
            any::<bool>(),
            proptest::bool::weighted(0.2),
            proptest::bool::weighted(0.8),
        )
            .prop_map(
                |(services, blank_lines, crlf, final_newline)| GeneratedFile {
                    services,
                    blank_lines,
                    crlf,
                    final_newline,
                },
            )
    })
}

fn dependency_entry(target: usize, requirement: Option<&str>, table: bool) -> String {
    match (requirement, table) {
        (None, false) => format!("\"s{target}\""),
        (Some(r), false) => format!("\"s{target}@{r}\""),
        (None, true) => format!("{{ service = \"s{target}\" }}"),
        (Some(r), true) => format!("{{ service = \"s{target}\", version = \"{r}\" }}"),
    }
}

impl Requires {
    fn render(&self) -> String {
        let entries: Vec<String> = self
            .entries
            .iter()
            .map(|&(t, r, table)| dependency_entry(t, r, table))
            .collect();
        let comma = if self.trailing_comma { "," } else { "" };
        if !self.one_per_line {
            return format!("[{}{comma}]", entries.join(", "));
        }
        let mut out = String::from("[\n");
        for (i, entry) in entries.iter().enumerate() {
            if self.comments && i == 0 {
                out.push_str("  # the first one\n");
            }
            let separator = if i + 1 < entries.len() { "," } else { comma };
            out.push_str(&format!("  {entry}{separator}"));
            if self.comments {
                out.push_str(" # why");
            }
            out.push('\n');
        }
        out.push(']');
        out
    }
}

fn render_date(date: Date, quoted: bool) -> String {
    if quoted {
        format!("\"{date}\"")
    } else {
        date.to_string()
    }
}

impl Generated {
    fn version(&self) -> String {
        let (a, b, c) = self.version;
        if self.literal_version {
            format!("'{a}.{b}.{c}'")
        } else {
            format!("\"{a}.{b}.{c}\"")
        }
    }

    /// The service's keys as `(dotted key, value)` pairs for one-line shapes.
    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![("version".to_owned(), self.version())];
        if let Some(status) = self.status {
            pairs.push(("status".into(), format!("\"{status}\"")));
        }
        if let Some((_, since, quoted)) = self.lifecycle {
            let since = since.map(|d| render_date(d, quoted));
            match (self.shape, since) {
                (Form::Inline, Some(since)) => {
                    pairs.push(("lifecycle".into(), format!("{{ since = {since} }}")))
                }
                (Form::Inline, None) => pairs.push(("lifecycle".into(), "{}".into())),
                (_, Some(since)) => pairs.push(("lifecycle.since".into(), since)),
                (_, None) => {}
            }
        }
        if let Some(requires) = &self.requires {
            let list = requires.render();
            match self.shape {
                Form::Inline => {
                    pairs.push(("dependencies".into(), format!("{{ requires = {list} }}")))
                }
                _ => pairs.push(("dependencies.requires".into(), list)),
            }
        }
        pairs
    }
}

impl GeneratedFile {
    fn render(&self) -> String {
        let mut out = String::new();
        let blank = if self.blank_lines { "\n" } else { "" };
        let one_line: Vec<usize> = (0..self.services.len())
            .filter(|&i| self.services[i].shape != Form::Section)
            .collect();
        if !one_line.is_empty() {
            out.push_str("[service]\n");
            for &i in &one_line {
                let s = &self.services[i];
                if s.comment {
                    out.push_str(&format!("# s{i}\n"));
                }
                match s.shape {
                    Form::Inline => {
                        let pairs: Vec<String> = s
                            .pairs()
                            .into_iter()
                            .map(|(k, v)| format!("{k} = {v}"))
                            .collect();
                        out.push_str(&format!("s{i} = {{ {} }}\n", pairs.join(", ")));
                    }
                    _ => {
                        for (k, v) in s.pairs() {
                            out.push_str(&format!("s{i}.{k} = {v}\n"));
                        }
                    }
                }
            }
        }
        for (i, s) in self.services.iter().enumerate() {
            if s.shape != Form::Section {
                continue;
            }
            if !out.is_empty() {
                out.push_str(blank);
            }
            if s.comment {
                out.push_str(&format!("# s{i}: a shared service\n"));
            }
            out.push_str(&format!("[service.s{i}]\nversion = {}", s.version()));
            if s.comment {
                out.push_str("  # released last week");
            }
            out.push('\n');
            if let Some(status) = s.status {
                out.push_str(&format!("status = \"{status}\"\n"));
            }
            out.push_str(&format!("owner = \"team-{i}\"\n"));
            let mut sections = Vec::new();
            if let Some((form, since, quoted)) = s.lifecycle {
                let since = since.map(|d| render_date(d, quoted));
                match (form, since) {
                    (Form::Section, since) => sections.push((
                        "lifecycle",
                        since.map(|d| format!("since = {d}\n")).unwrap_or_default(),
                    )),
                    (Form::Dotted, Some(since)) => {
                        out.push_str(&format!("lifecycle.since = {since}\n"))
                    }
                    (Form::Inline, Some(since)) => {
                        out.push_str(&format!("lifecycle = {{ since = {since} }}\n"))
                    }
                    (_, None) => {}
                }
            }
            if let Some(requires) = &s.requires {
                let list = requires.render();
                match requires.form {
                    Form::Section => {
                        sections.push(("dependencies", format!("requires = {list}\n")))
                    }
                    Form::Dotted => out.push_str(&format!("dependencies.requires = {list}\n")),
                    Form::Inline => {
                        out.push_str(&format!("dependencies = {{ requires = {list} }}\n"))
                    }
                }
            }
            for (name, body) in sections {
                out.push_str(&format!("{blank}[service.s{i}.{name}]\n{body}"));
            }
        }
        if !self.final_newline {
            out.pop();
        }
        if self.crlf {
            out.replace('\n', "\r\n")
        } else {
            out
        }
    }
}

/// Checks that `new` differs from `old` only by lines that satisfy `allowed`, and by
/// `old` lines each turned into a new line by `changes`.
#[track_caller]
fn assert_changes_only(
    old: &str,
    new: &str,
    max_changed: usize,
    changes: impl Fn(&str, &str) -> bool,
    allowed: impl Fn(&str) -> bool,
) {
    let (removed, mut added) = changed_lines(old, new);
    assert!(
        removed.len() <= max_changed,
        "too many lines changed: {removed:?}\n{}",
        unified_diff(PATH, old, new)
    );
    for line in &removed {
        let Some(i) = added.iter().position(|a| changes(line, a)) else {
            panic!(
                "{line:?} changed unexpectedly\n{}",
                unified_diff(PATH, old, new)
            );
        };
        added.remove(i);
    }
    for line in &added {
        assert!(
            allowed(line),
            "{line:?} added unexpectedly\n{}",
            unified_diff(PATH, old, new)
        );
    }
}

/// True when `after` is `before` with text inserted at one place, the insertion satisfying
/// `inserted`.
fn insertion(before: &str, after: &str, inserted: impl Fn(&str) -> bool) -> bool {
    let prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before[prefix..]
        .bytes()
        .rev()
        .zip(after[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    prefix + suffix == before.len() && inserted(&after[prefix..after.len() - suffix])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_read_cleanly(file in file()) {
        clean(&file.render());
    }

    #[test]
    fn add_then_remove_dependency_gives_back_the_bytes(
        file in file(),
        pick in any::<proptest::sample::Index>(),
        optional in any::<bool>(),
        requirement in proptest::option::of(Just("^1.0")),
    ) {
        let text = file.render();
        let base = clean(&text);
        let count = file.services.len();
        let listed = |i: usize| -> Vec<usize> {
            file.services[i].requires.as_ref().map(|r| r.entries.iter().map(|e| e.0).collect()).unwrap_or_default()
        };
        let pairs: Vec<(usize, usize)> = (0..count)
            .flat_map(|i| (0..count).map(move |j| (i, j)))
            .filter(|&(i, j)| i != j && !listed(i).contains(&j))
            .collect();
        let (from, to) = pairs[pick.index(pairs.len())];
        let (from, to) = (format!("s{from}"), format!("s{to}"));
        let dependency = match requirement {
            Some(r) => format!("{to}@{r}"),
            None => to.clone(),
        };
        let added = only(base.edit().add_dependency(&from, &dependency, optional));
        let after = clean(&added);
        let entry = after.service(&from).unwrap().dependencies.iter().find(|d| d.service.as_str() == to).cloned();
        prop_assert!(entry.is_some(), "the dependency reads back:\n{}", added);
        let entry = entry.unwrap();
        prop_assert_eq!(entry.optional, optional);
        prop_assert_eq!(entry.version.map(|v| v.value.to_string()), requirement.map(str::to_owned));
        assert_changes_only(
            &text,
            &added,
            1,
            |old, new| insertion(old, new, |i| i.trim() == "," || i.contains(&*to)),
            |line| line.contains(&*to) || line.trim().is_empty() || line.trim_start().starts_with("[service."),
        );
        let removed = only(after.edit().remove_dependency(&from, &to));
        prop_assert_eq!(&removed, &text);
    }

    #[test]
    fn set_version_and_back_gives_back_the_bytes(
        file in file(),
        pick in any::<proptest::sample::Index>(),
        bump in 1u64..5,
    ) {
        let text = file.render();
        let base = clean(&text);
        let i = pick.index(file.services.len());
        let id = format!("s{i}");
        let (a, b, c) = file.services[i].version;
        let (old, new) = (format!("{a}.{b}.{c}"), format!("{}.0.0", a + bump));
        let bumped = only(base.edit().set_version(&id, &new));
        let after = clean(&bumped);
        prop_assert_eq!(after.service(&id).unwrap().version.as_ref().unwrap().value.to_string(), new.clone());
        assert_changes_only(&text, &bumped, 1, |o, n| o.replacen(&old, &new, 1) == n, |_| false);
        let back = only(after.edit().set_version(&id, &old));
        prop_assert_eq!(&back, &text);
    }

    #[test]
    fn set_status_and_back_gives_back_the_bytes(
        mut file in file(),
        pick in any::<proptest::sample::Index>(),
        other in any::<proptest::sample::Index>(),
        on in any_date(),
    ) {
        let written = |file: &GeneratedFile| -> Vec<usize> {
            (0..file.services.len())
                .filter(|&i| {
                    let s = &file.services[i];
                    s.status.is_some() && s.lifecycle.is_some_and(|(_, since, _)| since.is_some())
                })
                .collect()
        };
        if written(&file).is_empty() {
            let first = &mut file.services[0];
            first.status = Some(Status::Ga);
            let (form, _, quoted) = first.lifecycle.unwrap_or((Form::Section, None, false));
            first.lifecycle = Some((form, Some(on.add_days(-400)), quoted));
        }
        let text = file.render();
        let base = clean(&text);
        let written = written(&file);
        let i = written[pick.index(written.len())];
        let s = &file.services[i];
        let (status, since) = (s.status.unwrap(), s.lifecycle.unwrap().1.unwrap());
        let others: Vec<Status> = Status::ALL.iter().copied().filter(|&t| t != status).collect();
        let to = others[other.index(others.len())];
        let on = if on == since { on.add_days(1) } else { on };
        let id = format!("s{i}");
        let moved = only(base.edit().set_status(&id, to.as_str(), on));
        let after = clean(&moved);
        let service = after.service(&id).unwrap();
        prop_assert_eq!(service.status(), to);
        prop_assert_eq!(service.lifecycle.as_ref().unwrap().since.as_ref().unwrap().value, on);
        let (old_status, new_status) = (format!("\"{status}\""), format!("\"{to}\""));
        let (old_since, new_since) = (since.to_string(), on.to_string());
        assert_changes_only(
            &text,
            &moved,
            2,
            |o, n| {
                let replaced = o.replacen(&old_status, &new_status, 1).replacen(&old_since, &new_since, 1);
                replaced == n
            },
            |_| false,
        );
        let back = only(after.edit().set_status(&id, status.as_str(), since));
        prop_assert_eq!(&back, &text);
    }

    #[test]
    fn deprecate_changes_only_status_and_lifecycle_lines(
        file in file(),
        pick in any::<proptest::sample::Index>(),
        on in any_date(),
    ) {
        let text = file.render();
        let base = clean(&text);
        let count = file.services.len();
        let i = pick.index(count);
        let (id, replacement) = (format!("s{i}"), format!("s{}", (i + 1) % count));
        let out = only(base.edit().deprecate(&id, &replacement, None, on));
        let after = clean(&out);
        let service = after.service(&id).unwrap();
        let lifecycle = service.lifecycle.as_ref().unwrap();
        prop_assert_eq!(service.status(), Status::Deprecated);
        prop_assert_eq!(lifecycle.deprecation_date.as_ref().unwrap().value, on);
        prop_assert_eq!(lifecycle.sunset_date.as_ref().unwrap().value, on.add_months(6));
        prop_assert_eq!(lifecycle.replacement_service.as_ref().unwrap().as_str(), replacement.as_str());
        let s = &file.services[i];
        let one_line = s.shape == Form::Inline;
        let lifecycle_keys = ["status", "lifecycle", "since", "deprecation_date", "sunset_date", "replacement_service"];
        assert_changes_only(
            &text,
            &out,
            // An inline service may span lines (a list of one entry per line): its first line
            // and its last one, where the new `lifecycle` goes after `dependencies`.
            if one_line { 2 } else { 3 },
            |o, _| one_line || o.contains("status") || o.contains("since") || o.contains("lifecycle"),
            |line| line.trim().is_empty() || lifecycle_keys.iter().any(|k| line.contains(k)),
        );
    }
}
