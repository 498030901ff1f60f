//! The impact of a one-service change against one `check` of the same tree, side by side:
//! a shared service gets a major bump on head, everything else is the same.

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
        let head = Catalog::from_files(bump(&files, HUBS[1], "99.0.0"));
        let report = impact(&base, &head, today);
        assert_eq!(report.changes.services.len(), 1, "one service changed");
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(if services >= 100_000 {
            30
        } else {
            10
        }));
        group.bench_with_input(BenchmarkId::new("check", services), &head, |b, head| {
            b.iter(|| head.check(today))
        });
        group.bench_with_input(
            BenchmarkId::new("impact_one_change", services),
            &(base, head),
            |b, (base, head)| b.iter(|| impact(base, head, today)),
        );
    }
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
