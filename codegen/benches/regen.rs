//! Codegen speed (issue 6): regenerate both official full models (`../shared/models/aws/`: all of
//! Amazon Connect and Contact Lens) into a directory, every stage included (load, validate,
//! transform + plan, emit and format (one stage, over the cores), write). Goal: under 1 s wall with a release build. The anchor,
//! measured in the same run, is loading the two models alone (reading and parsing the JSON).
//! After the criterion groups it prints the median time of each stage over 10 runs.
//!
//! `cargo xtask bench` (or `cargo bench -p smithy-rs-lite-codegen --bench regen`).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

// The allocator `cargo xtask regen` runs with (xtask/src/main.rs), so the figure is the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn official_models() -> Option<Vec<PathBuf>> {
    let dir = match std::env::var_os("SHARED_MODELS_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models"),
    }
    .join("aws");
    let paths = vec![dir.join("connect-2017-08-08.json"), dir.join("connect-contact-lens-2020-08-21.json")];
    if paths.iter().all(|p| p.is_file()) {
        Some(paths)
    } else {
        eprintln!("error: the official models are not in {} (set SHARED_MODELS_DIR)", dir.display());
        None
    }
}

/// A fresh output directory per iteration, so every file is really written.
fn scratch(i: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../target/bench-regen/{}-{i}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn bench(c: &mut Criterion) {
    let Some(models) = official_models() else { std::process::exit(1) };
    let mut group = c.benchmark_group("regen_official_models");
    group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(2));
    group.bench_function("load (anchor)", |b| b.iter(|| codegen::load_model(black_box(&models)).expect("loads")));
    // The everyday case: the previous output is there, unchanged files are compared, not rewritten.
    let steady = scratch(0);
    codegen::write::write(&steady, &codegen::generate(&codegen::Input::files(&models)).expect("generates").files).expect("writes");
    group.bench_function("regen into the existing output", |b| {
        b.iter(|| {
            let generated = codegen::generate(black_box(&codegen::Input::files(&models))).expect("generates");
            codegen::write::write(&steady, &generated.files).expect("writes")
        })
    });
    let mut n = 0;
    group.bench_function("regen into an empty directory", |b| {
        b.iter_batched(
            || {
                n += 1;
                scratch(n)
            },
            |out| {
                let generated = codegen::generate(black_box(&codegen::Input::files(&models))).expect("generates");
                codegen::write::write(&out, &generated.files).expect("writes");
                out
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
    stages(&models);
    let _ = std::fs::remove_dir_all(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-regen"));
}

/// Median per stage over 10 runs, into the existing output.
fn stages(models: &[PathBuf]) {
    let mut runs = Vec::new();
    let out = scratch(1000);
    codegen::write::write(&out, &codegen::generate(&codegen::Input::files(models)).expect("generates").files).expect("writes");
    for _ in 0..10 {
        let started = Instant::now();
        let generated = codegen::generate(&codegen::Input::files(models)).expect("generates");
        let before_write = Instant::now();
        codegen::write::write(&out, &generated.files).expect("writes");
        let write = before_write.elapsed();
        let t = generated.timings;
        runs.push([t.load, t.validate, t.plan, t.emit_format, write, started.elapsed()]);
    }
    let _ = std::fs::remove_dir_all(&out);
    let names = ["load", "validate", "transform+plan", "emit+format", "write", "total"];
    let mut line = String::from("regen both official models into the existing output, median of 10:");
    for (i, name) in names.iter().enumerate() {
        let mut v: Vec<Duration> = runs.iter().map(|r| r[i]).collect();
        v.sort();
        line += &format!(" {name} {:.0} ms,", v[v.len() / 2].as_secs_f64() * 1e3);
    }
    println!("{}", line.trim_end_matches(','));
}

criterion_group!(benches, bench);
criterion_main!(benches);
