//! Unit tests of the renderings on small trees (the example tree's snapshots live in
//! `core/tests/render.rs`).

use super::*;

/// A shop project on shared services: `mail` replaces the deprecated `old-mail`, `sms` is
/// retired, `queue` is only reached asynchronously and `flags` only optionally.
const SHARED: &str = r#"
[service.mail]
version = "2.0.0"
status = "ga"
owner = "messaging"
image = "registry.example/mail:2.0.0"
ports = [{ name = "http", port = 8080 }]
health_check = { path = "healthz", port = 8080, interval = "10s", timeout = "1500ms" }

[service.old-mail]
version = "1.9.0"
status = "deprecated"
owner = "messaging"
image = "registry.example/old-mail:1.9.0"
ports = [{ name = "smtp", port = 2525 }]
health_check = { port = 2525, interval = "1d" }
[service.old-mail.lifecycle]
deprecation_date = 2026-01-10
sunset_date = 2026-09-01
replacement_service = "mail"
[service.old-mail.migration]
guide_url = "https://wiki.example/old-mail (moving)"

[service.sms]
version = "1.0.0"
status = "retired"
[service.sms.lifecycle]
sunset_date = 2025-01-01
replacement_service = "mail"

[service.queue]
version = "3.1.0"
status = "ga"
compat_version_min = "3.0.0"
ports = [{ name = "amqp-protocol-port", port = 5672 }, { port = 15672 }]

[service.flags]
version = "1.0.0"
status = "ga"
"#;

const SHOP: &str = r#"
[project]
name = "The \"Shop\""
environment = "production"
tier = "high"

[service.web]
version = "1.0.0"
status = "ga"
owner = "@shop team"
image = "registry.example/web:1.0.0"
ports = [{ name = "http", port = 3000 }, { name = "http", port = 3001 }]
health_check = { path = "/grpc.health.v1.Health/Check", port = 3000, interval = "5s", timeout = "1s" }
env = { LOG = "pa$h", MAIL_TOKEN = "vault://shop/web/mail", RUNNER = "env://RUNNER_TOKEN" }

[service.web.dependencies]
requires = ["mail@^1.5", "old-mail@^1.0", "sms", { service = "queue", version = ">=2", kind = "async" }, "worker@^0.1"]
optional = ["flags"]

[service.worker]
version = "0.1.0"
status = "development"
"#;

const DEPLOYMENT: &str = r#"
[environment.staging]
pattern = "immediate"

[environment.production]
pattern = "careful"
"#;

const PATTERNS: &str = r#"
[pattern.careful]
strategy = "rolling"
max_surge = "25%"
max_unavailable = "12.5%"
"#;

fn files() -> Vec<(&'static str, String)> {
    vec![
        ("services/catalog.toml", SHARED.to_owned()),
        ("services/patterns.toml", PATTERNS.to_owned()),
        ("projects/shop/services.toml", SHOP.to_owned()),
        ("projects/shop/deployment.toml", DEPLOYMENT.to_owned()),
    ]
}

fn catalog() -> Catalog {
    Catalog::from_files(files())
}

#[track_caller]
fn rendered(catalog: &Catalog, kind: RenderKind, options: RenderOptions) -> String {
    render(catalog, kind, &options).unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// Every kind, with the options it needs on the shop tree.
fn every_kind(catalog: &Catalog) -> Vec<(RenderKind, String)> {
    RenderKind::ALL
        .iter()
        .map(|&kind| {
            let options = if kind.takes_project() {
                RenderOptions::default().project("shop")
            } else {
                RenderOptions::default()
            };
            (kind, rendered(catalog, kind, options))
        })
        .collect()
}

#[track_caller]
fn assert_error(result: Result<String, Error>, code: &str, needle: &str) {
    let err = result.expect_err("an error");
    assert_eq!(err.code(), code, "{err}");
    assert!(err.to_string().contains(needle), "{err}");
}

#[test]
fn kinds_round_trip_through_their_names() {
    for &kind in RenderKind::ALL {
        assert_eq!(RenderKind::parse(kind.as_str()), Some(kind));
        assert_eq!(kind.to_string().parse::<RenderKind>().unwrap(), kind);
    }
    let err = "helm".parse::<RenderKind>().unwrap_err();
    assert_eq!(err.code(), "invalid-argument");
    assert!(
        err.to_string().contains("services-md, topology-md"),
        "{err}"
    );
}

#[test]
fn misused_options_are_typed_errors() {
    let catalog = catalog();
    let with = |kind, options: RenderOptions| render(&catalog, kind, &options);
    assert_error(
        with(
            RenderKind::ServicesMd,
            RenderOptions::default().project("shop"),
        ),
        "invalid-argument",
        "applies only to compose and k8s, not to services-md",
    );
    assert_error(
        with(RenderKind::Compose, RenderOptions::default().service("web")),
        "invalid-argument",
        "applies only to mermaid and dot",
    );
    assert_error(
        with(RenderKind::Compose, RenderOptions::default()),
        "invalid-argument",
        "pass one of shop",
    );
    assert_error(
        with(RenderKind::K8s, RenderOptions::default().project("nope")),
        "unknown-project",
        "nope",
    );
    assert_error(
        with(
            RenderKind::K8s,
            RenderOptions::default().project("shop").environment("qa"),
        ),
        "invalid-argument",
        "has no environment \"qa\" (it has production, staging)",
    );
    assert_error(
        with(
            RenderKind::Mermaid,
            RenderOptions::default().service("nope"),
        ),
        "unknown-service",
        "nope",
    );
    assert_error(
        with(RenderKind::Dot, RenderOptions::default().depth(2)),
        "invalid-argument",
        "needs a service",
    );
}

#[test]
fn a_project_without_environments_needs_one_named() {
    let catalog = Catalog::from_files([(
        "projects/lab/services.toml",
        "[project]\n[service.x]\nversion = \"0.1.0\"\n",
    )]);
    assert_error(
        render(
            &catalog,
            RenderKind::Compose,
            &RenderOptions::default().project("lab"),
        ),
        "invalid-argument",
        "declares no environment",
    );
    let compose = rendered(
        &catalog,
        RenderKind::Compose,
        RenderOptions::default().project("lab").environment("dev"),
    );
    assert!(compose.contains("environment: dev\n"), "{compose}");
    assert_error(
        render(
            &catalog,
            RenderKind::Compose,
            &RenderOptions::default()
                .project("lab")
                .environment("Dev Box"),
        ),
        "invalid-argument",
        "DNS-1123",
    );
}

#[test]
fn the_same_tree_renders_the_same_bytes_whatever_the_file_order() {
    let forward = catalog();
    let backward = Catalog::from_files(files().into_iter().rev());
    assert_eq!(every_kind(&forward), every_kind(&backward));
}

#[test]
fn deprecated_services_are_marked_in_every_output() {
    let catalog = catalog();
    for (kind, text) in every_kind(&catalog) {
        let marked = match kind {
            RenderKind::ServicesMd => {
                text.contains("| `old-mail` | ⚠️ **deprecated** | 2026-01-10 | 2026-09-01 | `mail` |")
                    && text.contains("`old-mail` `^1.0` (⚠️ deprecated)")
            }
            RenderKind::TopologyMd => {
                text.contains("| 2026-09-01 | `old-mail` | ⚠️ **deprecated** | 2026-01-10 | `mail` | `web` (shop) |")
                    && text.contains("class svc_old_mail deprecated")
            }
            RenderKind::Mermaid => {
                text.contains("svc_old_mail[\"old-mail<br/>1.9.0 · deprecated<br/>sunset 2026-09-01, use mail\"]")
                    && text.contains("class svc_old_mail deprecated")
                    && text.contains("classDef deprecated fill:#ffedd5,stroke:#c2410c,color:#111827,stroke-dasharray:5 5")
            }
            RenderKind::Dot => text.contains(
                "\"old-mail\" [label=\"old-mail\\n1.9.0 · deprecated\\nsunset 2026-09-01, use mail\", style=\"rounded,filled,dashed\"",
            ),
            RenderKind::Compose => {
                text.contains("  # deprecated, sunset 2026-09-01, replaced by mail\n  old-mail:\n")
                    && text.contains("service-catalog.status: deprecated\n")
                    && text.contains("service-catalog.sunset-date: \"2026-09-01\"\n")
                    && text.contains("service-catalog.replacement: mail\n")
            }
            RenderKind::K8s => {
                text.contains("---\n# deprecated, sunset 2026-09-01, replaced by mail\napiVersion: apps/v1\n")
                    && text.contains("    service-catalog/status: deprecated\n")
                    && text.contains("    service-catalog/sunset-date: \"2026-09-01\"\n")
                    && text.contains(
                        "    service-catalog/migration-guide: \"https://wiki.example/old-mail (moving)\"\n",
                    )
            }
            RenderKind::Backstage => {
                text.contains("---\n# deprecated, sunset 2026-09-01, replaced by mail\napiVersion: backstage.io/v1alpha1\nkind: Component\n")
                    && text.contains("  lifecycle: deprecated\n")
                    && text.contains("    service-catalog/status: deprecated\n")
                    && text.contains("    service-catalog/sunset-date: \"2026-09-01\"\n")
            }
        };
        assert!(
            marked,
            "{kind} does not mark old-mail as deprecated:\n{text}"
        );
    }
}

#[test]
fn retired_and_unknown_services_are_left_out_of_manifests_and_said_so() {
    let catalog = catalog();
    for kind in [RenderKind::Compose, RenderKind::K8s] {
        let text = rendered(&catalog, kind, RenderOptions::default().project("shop"));
        assert!(text.contains("# Left out: sms (retired).\n"), "{text}");
        assert!(
            !text.contains("name: sms\n") && !text.contains("  sms:\n"),
            "{text}"
        );
        // `flags` is optional: not pulled in.
        assert!(!text.contains("flags"), "{text}");
    }
    let mut files = files();
    files[2].1 = SHOP.replace("\"worker@^0.1\"", "\"ghost\"");
    let catalog = Catalog::from_files(files);
    let compose = rendered(
        &catalog,
        RenderKind::Compose,
        RenderOptions::default().project("shop"),
    );
    assert!(
        compose.contains("# Left out: ghost (not in the catalog).\n"),
        "{compose}"
    );
    let mermaid = rendered(&catalog, RenderKind::Mermaid, RenderOptions::default());
    assert!(
        mermaid.contains("svc_ghost[\"ghost<br/>not in the catalog\"]")
            && mermaid.contains("class svc_ghost unknown"),
        "{mermaid}"
    );
}

/// A catalog whose `web` holds plaintext credentials in env and in free text.
fn leaky() -> (Catalog, Vec<String>) {
    let token = ["gh", "p_", &"a1B2".repeat(9)].concat();
    let password = "Xq9kLm2pZr7Tw4vB".to_owned();
    let url_password = "s3cr3tP4ssw0rd".to_owned();
    let shop = SHOP
        .replace(
            "LOG = \"pa$h\"",
            &format!(
                "LOG = \"pa$h\", DB_PASSWORD = \"{password}\", GITHUB = \"{token}\", \
                 DATABASE_URL = \"postgres://app:{url_password}@db.internal/shop\""
            ),
        )
        .replace(
            "owner = \"@shop team\"",
            &format!("owner = \"@shop team\"\ndescription = \"ask for {token}\""),
        );
    let mut files = files();
    files[2].1 = shop;
    (
        Catalog::from_files(files),
        vec![token, password, url_password],
    )
}

#[test]
fn plaintext_secrets_never_reach_an_output() {
    let (catalog, secrets) = leaky();
    for (kind, text) in every_kind(&catalog) {
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{kind} leaks a secret:\n{text}"
            );
        }
    }
    let services = rendered(&catalog, RenderKind::ServicesMd, RenderOptions::default());
    assert!(
        services.contains("`web`<br>[plaintext secret withheld]"),
        "{services}"
    );
}

#[test]
fn compose_turns_secrets_into_placeholders_and_escapes_dollars() {
    let (catalog, _) = leaky();
    let compose = rendered(
        &catalog,
        RenderKind::Compose,
        RenderOptions::default().project("shop"),
    );
    for line in [
        "      LOG: \"pa$$h\"\n",
        "      MAIL_TOKEN: \"${WEB_MAIL_TOKEN:?set WEB_MAIL_TOKEN from vault://shop/web/mail}\"\n",
        "      RUNNER: \"${RUNNER_TOKEN:?set RUNNER_TOKEN from env://RUNNER_TOKEN}\"\n",
        "      DB_PASSWORD: \"${WEB_DB_PASSWORD:?set WEB_DB_PASSWORD: the catalog's plaintext value is withheld}\"\n",
        "#   RUNNER_TOKEN      env://RUNNER_TOKEN\n",
        "#   WEB_DATABASE_URL  a secret store (the catalog holds it in plaintext; withheld)\n",
        "#   WEB_MAIL_TOKEN    vault://shop/web/mail\n",
    ] {
        assert!(compose.contains(line), "missing {line:?} in:\n{compose}");
    }
}

#[test]
fn compose_follows_required_dependencies_with_health_conditions() {
    let catalog = catalog();
    let compose = rendered(
        &catalog,
        RenderKind::Compose,
        RenderOptions::default()
            .project("shop")
            .environment("staging"),
    );
    let expected_web = "    depends_on:\n      mail:\n        condition: service_healthy\n      \
                        old-mail:\n        condition: service_healthy\n      queue:\n        \
                        condition: service_started\n      worker:\n        condition: service_started\n";
    assert!(compose.contains(expected_web), "{compose}");
    for fragment in [
        // A relative health path gets its slash; 1500ms and 1d are Go durations.
        "        - http://localhost:8080/healthz\n      interval: \"10s\"\n      timeout: \"1500ms\"\n",
        "        - nc\n        - \"-z\"\n        - localhost\n        - \"2525\"\n      interval: \"24h\"\n",
        "        - grpc_health_probe\n        - \"-addr=localhost:3000\"\n",
        "  queue:\n    image: queue:3.1.0\n",
        "  rollout-pattern: immediate\n",
    ] {
        assert!(
            compose.contains(fragment),
            "missing {fragment:?} in:\n{compose}"
        );
    }
    assert!(
        compose.contains("  # no `image` in the catalog: queue:3.1.0 is a locally built tag\n")
    );
}

#[test]
fn k8s_reads_secrets_from_secret_key_refs_and_probes_health() {
    let (catalog, _) = leaky();
    let k8s = rendered(
        &catalog,
        RenderKind::K8s,
        RenderOptions::default().project("shop"),
    );
    for fragment in [
        "            - name: MAIL_TOKEN\n              valueFrom:\n                secretKeyRef:\n                  \
         name: web-secrets\n                  key: MAIL_TOKEN\n",
        "            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  \
         name: web-secrets\n                  key: DB_PASSWORD\n",
        "            - name: LOG\n              value: \"pa$h\"\n",
        "    service-catalog/secret-references: \"DB_PASSWORD=(plaintext in the catalog: withheld, store it in a \
         secret manager)\\nGITHUB=(plaintext in the catalog: withheld, store it in a secret manager)\\n\
         DATABASE_URL=(plaintext in the catalog: withheld, store it in a secret manager)\\n\
         MAIL_TOKEN=vault://shop/web/mail\\nRUNNER=env://RUNNER_TOKEN\"\n",
        // gRPC health, TCP and HTTP probes; 1500ms rounds up to 2 seconds, 1d is 86400.
        "          readinessProbe:\n            grpc:\n              port: 3000\n            periodSeconds: 5\n",
        "          livenessProbe:\n            tcpSocket:\n              port: 2525\n            periodSeconds: 86400\n",
        "            httpGet:\n              path: /healthz\n              port: 8080\n            periodSeconds: 10\n            timeoutSeconds: 2\n",
        // Port names: invalid or repeated names fall back to `port-<number>`.
        "            - name: http\n              containerPort: 3000\n",
        "            - name: port-3001\n              containerPort: 3001\n",
        "            - name: port-5672\n              containerPort: 5672\n",
        // The production pattern refines `rolling`; a fractional percentage is left to the default.
        "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: \"25%\"\n  template:\n",
        "    service-catalog/rollout-pattern: careful\n    service-catalog/rollout-strategy: rolling\n",
        // An owner that is no label value stays an annotation only.
        "    service-catalog/owner: \"@shop team\"\n",
    ] {
        assert!(k8s.contains(fragment), "missing {fragment:?} in:\n{k8s}");
    }
    assert!(
        !k8s.contains("service-catalog/owner: \"@shop team\"\n    service-catalog/environment")
    );
    let staging = rendered(
        &catalog,
        RenderKind::K8s,
        RenderOptions::default()
            .project("shop")
            .environment("staging"),
    );
    assert!(
        staging.contains("  strategy:\n    type: Recreate\n"),
        "{staging}"
    );
}

#[test]
fn the_compatibility_table_shows_what_check_finds() {
    let catalog = catalog();
    let topology = rendered(&catalog, RenderKind::TopologyMd, RenderOptions::default());
    for row in [
        "| `mail` | `2.0.0` | — | `web` | `^1.5` | ❌ not satisfied |",
        "| `queue` | `3.1.0` | `3.0.0` | `web` | `>=2` | ⚠️ admits versions below the compatibility floor |",
        "| `old-mail` ⚠️ deprecated | `1.9.0` | — | `web` | `^1.0` | ✅ satisfied |",
        "| `sms` ⛔ retired | `1.0.0` | — | `web` | any | ✅ any version |",
    ] {
        assert!(topology.contains(row), "missing {row:?} in:\n{topology}");
    }
    assert!(
        topology
            .contains("| **`shop`** | `flags`, `mail`, `old-mail` ⚠️ deprecated, `queue`, `sms` ⛔ retired | `worker` |"),
        "{topology}"
    );
}

#[test]
fn a_neighbourhood_reaches_as_far_as_its_depth() {
    let catalog = Catalog::from_files([(
        "services/catalog.toml",
        "[service.a]\nversion = \"1.0.0\"\n[service.a.dependencies]\nrequires = [\"b\"]\n\
         [service.b]\nversion = \"1.0.0\"\n[service.b.dependencies]\nrequires = [\"c\"]\n\
         [service.c]\nversion = \"1.0.0\"\n[service.c.dependencies]\nrequires = [\"d\"]\n\
         [service.d]\nversion = \"1.0.0\"\n",
    )]);
    let nodes = |depth: Option<usize>| {
        let mut options = RenderOptions::default().service("b");
        options.depth = depth;
        let dot = rendered(&catalog, RenderKind::Dot, options);
        ["a", "b", "c", "d"]
            .into_iter()
            .filter(|id| dot.contains(&format!("\"{id}\" [label")))
            .collect::<Vec<_>>()
    };
    assert_eq!(nodes(None), ["a", "b", "c"]);
    assert_eq!(nodes(Some(0)), ["b"]);
    assert_eq!(nodes(Some(2)), ["a", "b", "c", "d"]);
    let dot = rendered(
        &catalog,
        RenderKind::Dot,
        RenderOptions::default().service("b"),
    );
    assert!(dot.starts_with("// Generated"), "{dot}");
    assert!(dot.contains("digraph \"neighbourhood of b\" {"), "{dot}");
    assert!(dot.contains("  \"b\" [penwidth=3];\n"), "{dot}");
    assert!(
        dot.contains("  \"a\" -> \"b\";\n  \"b\" -> \"c\";\n"),
        "{dot}"
    );
    assert!(!dot.contains("\"c\" -> \"d\""), "{dot}");
    let mermaid = rendered(
        &catalog,
        RenderKind::Mermaid,
        RenderOptions::default().service("b"),
    );
    assert!(
        mermaid.contains("  style svc_b stroke-width:4px\n"),
        "{mermaid}"
    );
}

#[test]
fn graph_labels_escape_what_would_end_them() {
    let catalog = catalog();
    let mermaid = rendered(&catalog, RenderKind::Mermaid, RenderOptions::default());
    assert!(
        mermaid.contains("subgraph project_shop[\"The #quot;Shop#quot; (shop)\"]"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("svc_web -.->|\"async #gt;=2\"| svc_queue"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("svc_web -.->|\"optional\"| svc_flags"),
        "{mermaid}"
    );
    let dot = rendered(&catalog, RenderKind::Dot, RenderOptions::default());
    assert!(dot.contains("label=\"The \\\"Shop\\\" (shop)\";"), "{dot}");
    assert!(
        dot.contains("\"web\" -> \"queue\" [label=\"async >=2\", style=dashed];"),
        "{dot}"
    );
}
