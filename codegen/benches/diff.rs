//! Model diff over the published history in `../shared/models/history/`: for every consecutive pair,
//! the whole diff (load both models, compare, render Markdown) against its anchor, loading the two
//! models alone, measured in the same run. Also the comparison alone and, for one pair, the
//! generated-output summary (both models generated in memory). Figures go in `BENCHMARKS.md`.
//!
//! `cargo xtask bench` (or `cargo bench -p smithy-rs-lite-codegen --bench diff`).

use codegen::diff::{Options, compare, diff_files, render};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

const PAIRS: &[(&str, &str, &str)] = &[
    ("connect 04-02→04-25", "connect-2017-08-08.2025-04-02.56c8953.json", "connect-2017-08-08.2025-04-25.f1bf66a.json"),
    ("connect 04-25→05-20", "connect-2017-08-08.2025-04-25.f1bf66a.json", "connect-2017-08-08.2025-05-20.6f26559.json"),
    ("connect 05-20→05-29", "connect-2017-08-08.2025-05-20.6f26559.json", "connect-2017-08-08.2025-05-29.2e6422b.json"),
    ("connect 05-29→06-27", "connect-2017-08-08.2025-05-29.2e6422b.json", "connect-2017-08-08.2025-06-27.15e98e2.json"),
    ("connect 06-27→06-30", "connect-2017-08-08.2025-06-27.15e98e2.json", "connect-2017-08-08.2025-06-30.abb72ce.json"),
    ("connect 06-30→08-08", "connect-2017-08-08.2025-06-30.abb72ce.json", "connect-2017-08-08.2025-08-08.631e085.json"),
    (
        "contact-lens 04-02→04-25",
        "connect-contact-lens-2020-08-21.2025-04-02.56c8953.json",
        "connect-contact-lens-2020-08-21.2025-04-25.f1bf66a.json",
    ),
];

fn history_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("SHARED_MODELS_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models"),
    }
    .join("history");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} not found (set SHARED_MODELS_DIR)", dir.display());
        None
    }
}

fn bench(c: &mut Criterion) {
    let Some(dir) = history_dir() else { return };
    for (label, old, new) in PAIRS {
        let (old, new) = (vec![dir.join(old)], vec![dir.join(new)]);
        let mut group = c.benchmark_group(*label);
        group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
        group.bench_function("load (anchor)", |b| {
            b.iter(|| {
                let a = codegen::load_model(black_box(&old)).expect("loads");
                let z = codegen::load_model(black_box(&new)).expect("loads");
                (a, z)
            })
        });
        group.bench_function("diff", |b| {
            b.iter(|| {
                let report = diff_files(black_box(&old), black_box(&new), &Options::default()).expect("diffs");
                render::markdown(&report)
            })
        });
        let (a, _) = codegen::load_model(&old).expect("loads");
        let (z, _) = codegen::load_model(&new).expect("loads");
        group.bench_function("compare only", |b| b.iter(|| compare(black_box(&a), black_box(&z))));
        group.finish();
    }
    let (label, old, new) = PAIRS[2];
    let (old, new) = (vec![dir.join(old)], vec![dir.join(new)]);
    let mut group = c.benchmark_group(label);
    group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(1));
    group.bench_function("diff + generated summary", |b| {
        b.iter(|| diff_files(black_box(&old), black_box(&new), &Options { generated: true, suppressions: None }).expect("diffs"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
