//! Loading a tree: `Catalog::from_files` (parse, typed model and every form check) against the
//! `toml` crate alone parsing the same files into `toml::Table`, at 1k and 10k services.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use service_catalog::Catalog;
use service_catalog_bench::{Spec, generate};
use std::hint::black_box;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for services in [1_000, 10_000] {
        let files = generate(&Spec::new(services));
        let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        if services >= 10_000 {
            group.sample_size(20);
        }
        group.bench_with_input(
            BenchmarkId::new("catalog_from_files", services),
            &files,
            |b, files| {
                b.iter(|| {
                    Catalog::from_files(
                        files
                            .iter()
                            .map(|(path, text)| (path.as_str(), text.as_str())),
                    )
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("toml_table", services),
            &files,
            |b, files| {
                b.iter(|| {
                    for (_, text) in files {
                        let table: toml::Table = text.parse().expect("generated files parse");
                        black_box(table);
                    }
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
