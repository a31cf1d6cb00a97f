//! `cargo xtask bench`: every criterion benchmark, one step per bench target, then the compile-time
//! comparison with aws-sdk-connect (`bench_compile`; skip it with `--no-compile`). Record the figures
//! in `BENCHMARKS.md`. Arguments after `--` go to criterion (`cargo xtask bench -- --quick`).

use std::process::{Command, ExitCode};

/// `(package, bench target)`, run in this order.
const STEPS: &[(&str, &str)] = &[("smithy-rs-lite-codegen", "diff"), ("workspace-tests", "validate")];

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let no_compile = args.iter().take_while(|a| *a != "--").any(|a| a == "--no-compile");
    let extra: Vec<&String> = args.iter().skip_while(|a| *a != "--").skip(1).collect();
    for (package, bench) in STEPS {
        eprintln!("bench: {package} --bench {bench}");
        let mut cmd = Command::new(&cargo);
        cmd.current_dir(crate::root()).args(["bench", "-p", package, "--bench", bench]);
        if !extra.is_empty() {
            cmd.arg("--").args(&extra);
        }
        if !cmd.status()?.success() {
            eprintln!("error: bench `{bench}` of `{package}` failed");
            return Ok(ExitCode::FAILURE);
        }
    }
    if !no_compile {
        crate::bench_compile::run()?;
    }
    Ok(ExitCode::SUCCESS)
}
