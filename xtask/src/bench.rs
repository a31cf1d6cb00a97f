//! `cargo xtask bench`: every criterion benchmark, one step per bench target (the command-line
//! tool's needs the AWS CLI, which it installs into `target/venv` as the tests do), then the per-call
//! comparison with aws-sdk-connect (`benches/sdk-compare`, its own workspace; skip it with
//! `--no-sdk-compare`), then the compile-time comparison with aws-sdk-connect (`bench_compile`; skip
//! it with `--no-compile`). Record the figures in `BENCHMARKS.md`. Arguments after `--` go to
//! criterion (`cargo xtask bench -- --quick`).

use std::process::{Command, ExitCode};

/// `(package, bench target)`, run in this order.
const STEPS: &[(&str, &str)] = &[
    ("smithy-rs-lite-codegen", "regen"),
    ("smithy-rs-lite-codegen", "diff"),
    ("workspace-tests", "validate"),
    // The generated tool against the AWS CLI (installed into target/venv first).
    ("workspace-tests", "cli"),
];

/// The per-call comparison with aws-sdk-connect: a crate outside the workspace (aws-sdk-connect
/// takes minutes to compile), built in its own target dir so the main build is left alone.
const SDK_COMPARE: &str = "benches/sdk-compare/Cargo.toml";
const SDK_COMPARE_TARGET: &str = "target/sdk-compare";

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let flag = |name: &str| args.iter().take_while(|a| *a != "--").any(|a| a == name);
    let no_compile = flag("--no-compile");
    let extra: Vec<&String> = args.iter().skip_while(|a| *a != "--").skip(1).collect();
    let moto = crate::moto::ensure(&crate::root())?;
    for (package, bench) in STEPS {
        eprintln!("bench: {package} --bench {bench}");
        let mut cmd = Command::new(&cargo);
        cmd.current_dir(crate::root()).args(["bench", "-p", package, "--bench", bench]);
        cmd.env(crate::moto::AWS_CLI_ENV, moto.with_file_name("aws"));
        if !extra.is_empty() {
            cmd.arg("--").args(&extra);
        }
        if !cmd.status()?.success() {
            eprintln!("error: bench `{bench}` of `{package}` failed");
            return Ok(ExitCode::FAILURE);
        }
    }
    if !flag("--no-sdk-compare") {
        eprintln!("bench: {SDK_COMPARE} --bench client_call (aws-sdk-connect side by side)");
        let root = crate::root();
        let mut cmd = Command::new(&cargo);
        // CARGO_TARGET_DIR (not --target-dir) so criterion writes its reports there too.
        cmd.current_dir(&root).env("CARGO_TARGET_DIR", root.join(SDK_COMPARE_TARGET)).args([
            "bench",
            "--manifest-path",
            SDK_COMPARE,
            "--bench",
            "client_call",
        ]);
        if !extra.is_empty() {
            cmd.arg("--").args(&extra);
        }
        if !cmd.status()?.success() {
            eprintln!("error: bench `client_call` of `{SDK_COMPARE}` failed");
            return Ok(ExitCode::FAILURE);
        }
    }
    if !no_compile {
        crate::bench_compile::run(&[])?;
    }
    Ok(ExitCode::SUCCESS)
}
