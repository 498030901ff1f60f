//! The impact of a one-service change against one `check` of the same tree, side by side: a
//! major bump of a hub that every service reaches (the worst case: the whole tree is affected),
//! and of a service nothing depends on (the common case).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use service_catalog::{Catalog, Date, impact};
use service_catalog_bench::{HUBS, Spec, TODAY, generate};
use std::time::Duration;

/// `files` with the version of `service` replaced by `version` in its defining file.
fn bump(files: &[(String, String)], service: &str, version: &str) -> Vec<(String, String)> {
    let header = format!("[service.{service}]");
    files
        .iter()
        .map(|(path, text)| {
            let Some(at) = text.find(&header) else {
                return (path.clone(), text.clone());
            };
            let line = text[at..]
                .find("\nversion = \"")
                .expect("the service has a version")
                + at;
            let start = line + "\nversion = \"".len();
            let end = start + text[start..].find('"').expect("the version is quoted");
            let mut text = text.clone();
            text.replace_range(start..end, version);
            (path.clone(), text)
        })
        .collect()
}

fn compare(c: &mut Criterion) {
    let today = Date::parse(TODAY).expect("TODAY is a date");
    let mut group = c.benchmark_group("impact");
    for services in [10_000, 100_000] {
        let files = generate(&Spec::new(services));
        let base = Catalog::from_files(files.clone());
        let leaf = base
            .services()
            .iter()
            .map(|s| s.id.as_str())
            .find(|id| base.consumers(id, false).is_ok_and(|r| r.is_empty()))
            .expect("some service has no consumers")
            .to_owned();
        let hub = Catalog::from_files(bump(&files, HUBS[1], "99.0.0"));
        let edge = Catalog::from_files(bump(&files, &leaf, "99.0.0"));
        for head in [&hub, &edge] {
            let report = impact(&base, head, today);
            assert_eq!(report.changes.services.len(), 1, "one service changed");
        }
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(if services >= 100_000 {
            30
        } else {
            10
        }));
        group.bench_with_input(BenchmarkId::new("check", services), &base, |b, base| {
            b.iter(|| base.check(today))
        });
        group.bench_with_input(
            BenchmarkId::new("impact_of_hub_change", services),
            &(&base, &hub),
            |b, (base, head)| b.iter(|| impact(base, head, today)),
        );
        group.bench_with_input(
            BenchmarkId::new("impact_of_leaf_change", services),
            &(&base, &edge),
            |b, (base, head)| b.iter(|| impact(base, head, today)),
        );
    }
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
