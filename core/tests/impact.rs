//! Change impact between two revisions: the scenario of the impact issue, and properties of
//! `diff` and `impact` on generated catalogs.

use proptest::prelude::*;
use service_catalog::change::ChangeKind;
use service_catalog::{Catalog, Date, Verdict, diff, impact};
use std::collections::BTreeSet;

fn today() -> Date {
    Date::parse("2026-01-15").unwrap()
}

const SHARED: &str = r#"
[service.shared-auth]
version = "1.4.0"
status = "ga"
owner = "platform"
[service.shared-auth.sla]
availability = "99.9%"

[service.user-store]
version = "2.1.0"
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

const PROJECT_A: &str = r#"
[project]
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

const PROJECT_B: &str = r#"
[project]
name = "Checkout"
owners = ["@checkout-team"]

[service.checkout]
version = "1.0.0"
status = "ga"
[service.checkout.dependencies]
requires = ["shop-api@^1"]
[service.checkout.sla]
availability = "99%"
"#;

const PROJECT_C: &str = r#"
[project]
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

fn tree(shared: &str, b: &str) -> Catalog {
    Catalog::from_files([
        ("services/catalog.toml", shared.to_owned()),
        ("projects/shop/services.toml", PROJECT_A.to_owned()),
        ("projects/checkout/services.toml", b.to_owned()),
        ("projects/reports/services.toml", PROJECT_C.to_owned()),
    ])
}

#[test]
fn a_tree_against_itself_has_no_impact_and_passes() {
    let base = tree(SHARED, PROJECT_B);
    let report = impact(&base, &tree(SHARED, PROJECT_B), today());
    assert!(report.changes.is_empty());
    assert!(report.findings.is_empty());
    assert!(report.affected_projects.is_empty());
    assert_eq!(report.verdict(), Verdict::Pass);
}

#[test]
fn breaking_bump_removal_and_new_consumer_of_deprecated() {
    let base = tree(SHARED, PROJECT_B);
    let head_shared = SHARED
        .replace("version = \"1.4.0\"", "version = \"2.0.0\"")
        .replace(
            "[service.user-store]\nversion = \"2.1.0\"\nstatus = \"ga\"\n[service.user-store.sla]\navailability = \"99.9%\"\n",
            "",
        );
    let head_b = PROJECT_B.replace(
        "requires = [\"shop-api@^1\"]",
        "requires = [\"shop-api@^1\", \"legacy-mail\"]",
    );
    let head = tree(&head_shared, &head_b);
    let report = impact(&base, &head, today());

    let kind = |id: &str| report.changes.service(id).map(|c| c.kind);
    assert_eq!(kind("shared-auth"), Some(ChangeKind::Major));
    assert_eq!(kind("user-store"), Some(ChangeKind::Removed));

    let codes: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|d| (d.code.as_str(), d.service.as_deref().unwrap_or("")))
        .collect();
    assert!(
        codes.contains(&("change/breaking-without-guide", "shared-auth")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("change/removed-in-use", "shop-api")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("change/new-consumer-of-deprecated", "checkout")),
        "{codes:?}"
    );

    // shop depends on shared-auth directly, checkout owns a change, reports only reaches the
    // changes through shop-api.
    let project = |id: &str| {
        report
            .affected_projects
            .iter()
            .find(|p| &*p.id == id)
            .unwrap_or_else(|| panic!("{id} is affected: {:?}", report.affected_projects))
    };
    assert!(project("shop").direct);
    assert!(project("checkout").direct);
    let reports = project("reports");
    assert!(!reports.direct);
    assert_eq!(reports.path.len(), 3, "{reports:?}");
    let path: Vec<&str> = reports.path.iter().map(|id| &**id).collect();
    assert_eq!(path[..2], ["reporting", "shop-api"]);
    assert!(["shared-auth", "user-store"].contains(&path[2]));

    let broken: Vec<(&str, &str)> = report
        .broken_consumers
        .iter()
        .map(|b| (b.consumer.as_str(), b.requirement.as_str()))
        .collect();
    assert_eq!(broken, vec![("shop-api", "^1.2")]);
    assert_eq!(report.verdict(), Verdict::Fail);
    assert!(
        report
            .notifications
            .iter()
            .any(|n| n.project == "checkout" && n.to.contains(&"@checkout-team".to_owned()))
    );
    let markdown = report.to_markdown();
    assert!(markdown.contains("change/removed-in-use"), "{markdown}");
    let sarif: serde_json::Value = serde_json::from_str(&report.to_sarif()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn moving_lines_introduces_nothing() {
    // The same problem (a dependency on an unknown service) on another line.
    let base = Catalog::from_files([(
        "services/catalog.toml",
        "[service.a]\nversion = \"1.0.0\"\nstatus = \"ga\"\nsla = { availability = \"99%\" }\n[service.a.dependencies]\nrequires = [\"ghost\"]\n",
    )]);
    let head = Catalog::from_files([(
        "services/catalog.toml",
        "# moved\n\n[service.a]\nversion = \"1.0.0\"\nstatus = \"ga\"\nsla = { availability = \"99%\" }\n[service.a.dependencies]\nrequires = [\"ghost\"]\n",
    )]);
    let report = impact(&base, &head, today());
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.verdict(), Verdict::Pass);
}

/// A generated chain-ish catalog with versions.
fn generated(n: usize, edges: &[(usize, usize)], versions: &[(u64, u64, u64)]) -> Catalog {
    let mut text = String::new();
    for s in 0..n {
        let deps: BTreeSet<String> = edges
            .iter()
            .filter(|&&(a, b)| a == s && a != b)
            .map(|&(_, b)| format!("\"s{b}\""))
            .collect();
        let (major, minor, patch) = versions[s % versions.len()];
        text.push_str(&format!(
            "[service.s{s}]\nversion = \"{major}.{minor}.{patch}\"\nstatus = \"ga\"\nsla = {{ availability = \"99%\" }}\n[service.s{s}.dependencies]\nrequires = [{}]\n",
            deps.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    Catalog::from_files([("services/catalog.toml", text)])
}

fn version() -> impl Strategy<Value = (u64, u64, u64)> {
    (1u64..4, 0u64..3, 0u64..3)
}

proptest! {
    #[test]
    fn diff_of_a_tree_with_itself_is_empty(
        n in 2usize..8,
        edges in proptest::collection::vec((0usize..8, 0usize..8), 0..16),
        versions in proptest::collection::vec(version(), 1..8),
    ) {
        let a = generated(n, &edges, &versions);
        prop_assert!(diff(&a, &generated(n, &edges, &versions)).is_empty());
    }

    #[test]
    fn classification_agrees_with_semver_ordering(a in version(), b in version()) {
        let base = generated(1, &[], &[a]);
        let head = generated(1, &[], &[b]);
        let change = diff(&base, &head);
        let (va, vb) = (semver::Version::new(a.0, a.1, a.2), semver::Version::new(b.0, b.1, b.2));
        match va.cmp(&vb) {
            std::cmp::Ordering::Equal => prop_assert!(change.is_empty()),
            std::cmp::Ordering::Greater => prop_assert_eq!(change.services[0].kind, ChangeKind::Downgrade),
            std::cmp::Ordering::Less => {
                let expected = if vb.major != va.major {
                    ChangeKind::Major
                } else if vb.minor != va.minor {
                    ChangeKind::Minor
                } else {
                    ChangeKind::Patch
                };
                prop_assert_eq!(change.services[0].kind, expected);
            }
        }
    }

    #[test]
    fn affected_services_are_the_reverse_reachability_of_the_changes(
        n in 2usize..8,
        edges in proptest::collection::vec((0usize..8, 0usize..8), 0..16),
        changed in proptest::collection::btree_set(0usize..8, 1..3),
    ) {
        let edges: Vec<(usize, usize)> = edges.into_iter().map(|(a, b)| (a % n, b % n)).collect();
        let base = generated(n, &edges, &[(1, 0, 0)]);
        let changed: BTreeSet<usize> = changed.into_iter().map(|c| c % n).collect();
        let versions: Vec<(u64, u64, u64)> =
            (0..n).map(|s| if changed.contains(&s) { (1, 1, 0) } else { (1, 0, 0) }).collect();
        let head = generated(n, &edges, &versions);
        let report = impact(&base, &head, today());
        // Brute force: every service with a dependency path to a changed one.
        let reaches = |from: usize, to: usize| {
            let mut seen = BTreeSet::from([from]);
            let mut stack = vec![from];
            while let Some(at) = stack.pop() {
                for &(a, b) in &edges {
                    if a == at && a != b && seen.insert(b) {
                        stack.push(b);
                    }
                }
            }
            from != to && seen.contains(&to)
        };
        let expected: BTreeSet<String> = (0..n)
            .filter(|&s| !changed.contains(&s) || changed.iter().any(|&c| c != s && reaches(s, c)))
            .filter(|&s| changed.iter().any(|&c| reaches(s, c)))
            .map(|s| format!("s{s}"))
            .collect();
        let got: BTreeSet<String> = report.affected_services.iter().map(|a| a.id.to_string()).collect();
        let got: BTreeSet<String> = got
            .into_iter()
            .filter(|id| !changed.contains(&id[1..].parse::<usize>().unwrap()))
            .collect();
        let expected: BTreeSet<String> = expected
            .into_iter()
            .filter(|id| !changed.contains(&id[1..].parse::<usize>().unwrap()))
            .collect();
        prop_assert_eq!(got, expected);
    }
}
