//! The generator: parse + catalog + generate + format, on the real snapshot
//! and on synthetic registries of growing size.

use std::hint::black_box;

use benches::{synthetic_catalog, synthetic_document};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use ws_close_codes_codegen::close_code_source;
use ws_close_codes_registry::{self as registry, parse::parse_with_bounds};

fn snapshot(c: &mut Criterion) {
    let pins = registry::Pins::parse(registry::NAMES_TOML).unwrap();
    let curated = registry::Curated::parse(registry::DESCRIPTIONS_TOML).unwrap();
    let mut group = c.benchmark_group("generator/snapshot");
    group.bench_function("parse", |b| {
        b.iter(|| registry::parse(black_box(registry::SNAPSHOT_XML.as_bytes())).unwrap())
    });
    let parsed = registry::parse(registry::SNAPSHOT_XML.as_bytes()).unwrap();
    let built = registry::build(&parsed, &pins, &curated).unwrap();
    group.bench_function("generate", |b| {
        b.iter(|| close_code_source(black_box(&built.catalog)))
    });
    group.bench_function("total", |b| {
        b.iter(|| {
            let parsed = registry::parse(black_box(registry::SNAPSHOT_XML.as_bytes())).unwrap();
            let built = registry::build(&parsed, &pins, &curated).unwrap();
            (
                close_code_source(&built.catalog),
                ws_close_codes_codegen::readme_table(&built.catalog),
            )
        })
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let sizes: [(usize, Vec<u16>); 3] = [
        (1_000, (3000..=3999).collect()),
        (10_000, (0..10_000).collect()),
        (65_536, (0..=u16::MAX).collect()),
    ];
    let mut group = c.benchmark_group("generator/scaling");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    for (size, codes) in sizes {
        let document = synthetic_document(codes);
        let parsed = parse_with_bounds(document.as_bytes(), (0, u16::MAX)).unwrap();
        assert_eq!(parsed.registered_codes().count(), size);
        let catalog = synthetic_catalog(&parsed);
        group.bench_with_input(BenchmarkId::new("parse", size), &document, |b, document| {
            b.iter(|| parse_with_bounds(black_box(document.as_bytes()), (0, u16::MAX)).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("generate", size),
            &catalog,
            |b, catalog| b.iter(|| close_code_source(black_box(catalog))),
        );
    }
    group.finish();
}

criterion_group!(generator, snapshot, scaling);
criterion_main!(generator);
