//! `cargo xtask`: project automation.
//!
//! - `cargo xtask regen [--check] [--models DIR] [--out DIR]`: regenerate `generated/` from `models/`.
//! - `cargo xtask test`: the one command that runs every test (what CI runs).
//! - `cargo xtask diff OLD NEW | --base REV`: API, wire and generated-code impact of a model change.
//! - `cargo xtask bench`: the criterion benchmarks.

mod bench;
mod bench_compile;
mod bench_corpus;
mod diff;
mod moto;
mod regen;
mod test;

use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask regen [--check] [--timings] [--models DIR] [--out DIR]
  cargo xtask test
  cargo xtask diff (OLD NEW | --base REV) [--format markdown|text|json] [--suppress FILE] [--allow-breaking] [--no-generated] [--output FILE]
  cargo xtask bench [--no-sdk-compare] [--no-compile] [-- CRITERION ARGS]
  cargo xtask bench-compile [--debug-only]
  cargo xtask bench-corpus";

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regen") => regen::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("diff") => diff::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        // The compile-time step of `bench` alone (it takes many minutes).
        Some("bench-compile") => bench_compile::run(&args[1..]).map(|()| ExitCode::SUCCESS),
        // Regen over a synthetic corpus at several sizes (linear cost).
        Some("bench-corpus") => bench_corpus::run().map(|()| ExitCode::SUCCESS),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(anyhow::anyhow!("unknown command `{other}`\n{USAGE}")),
        None => Err(anyhow::anyhow!("{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the workspace").to_path_buf()
}
