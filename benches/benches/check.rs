//! Analyses and graph queries on loaded trees of 1k, 10k and 100k services (loading is not
//! measured): `Catalog::check` (every finding of format §3–§7), and the transitive consumers of
//! the hub `platform-auth`, which every other service reaches: the traversal alone, and with
//! every answer's path as plain data (what the bindings return).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use service_catalog::{Catalog, Date};
use service_catalog_bench::{HUBS, Spec, TODAY, generate};
use std::time::Duration;

fn check(c: &mut Criterion) {
    let today = Date::parse(TODAY).expect("TODAY is a date");
    let mut group = c.benchmark_group("check");
    for services in [1_000, 10_000, 100_000] {
        let catalog = Catalog::from_files(generate(&Spec::new(services)));
        let reached = catalog.consumers(HUBS[0], true).expect("the hub exists");
        assert!(
            reached.len() * 100 >= (services - 1) * 99,
            "the hub is reached by almost all"
        );
        drop(reached);
        if services >= 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(20));
        } else if services >= 10_000 {
            group.sample_size(20);
        }
        group.bench_with_input(
            BenchmarkId::new("check", services),
            &catalog,
            |b, catalog| b.iter(|| catalog.check(today)),
        );
        group.bench_with_input(
            BenchmarkId::new("consumers_transitive", services),
            &catalog,
            |b, catalog| b.iter(|| catalog.consumers(HUBS[0], true).expect("the hub exists")),
        );
        group.bench_with_input(
            BenchmarkId::new("consumers_transitive_paths", services),
            &catalog,
            |b, catalog| {
                b.iter(|| {
                    catalog
                        .consumers(HUBS[0], true)
                        .expect("the hub exists")
                        .to_vec()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
