//! `cargo xtask regen`: models → generated crates.

use anyhow::{Context, bail};
use std::path::PathBuf;
use std::process::ExitCode;

pub struct Args {
    pub check: bool,
    /// Print the time each pipeline stage took.
    pub timings: bool,
    pub models: PathBuf,
    pub out: PathBuf,
}

pub fn parse(args: &[String]) -> anyhow::Result<Args> {
    let mut parsed = Args { check: false, timings: false, models: crate::root().join("models"), out: crate::root().join("generated") };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--timings" => parsed.timings = true,
            "--models" => parsed.models = PathBuf::from(it.next().context("--models needs a directory")?),
            "--out" => parsed.out = PathBuf::from(it.next().context("--out needs a directory")?),
            other => bail!("unknown argument `{other}` (expected --check, --timings, --models DIR, --out DIR)"),
        }
    }
    Ok(parsed)
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let args = parse(args)?;
    let generated = match codegen::generate(&codegen::Input::dir(&args.models)) {
        Ok(g) => g,
        Err(failed) => {
            for w in failed.0.warnings() {
                eprintln!("{w}");
            }
            eprintln!("{failed}");
            return Ok(ExitCode::FAILURE);
        }
    };
    for w in generated.warnings.warnings() {
        eprintln!("{w}");
    }
    if args.check {
        let stale = codegen::write::check(&args.out, &generated.files)?;
        if stale.is_empty() {
            println!("{} is up to date ({} files)", args.out.display(), generated.files.len());
            return Ok(ExitCode::SUCCESS);
        }
        for s in &stale {
            eprintln!("{s}");
        }
        eprintln!(
            "error: {} is stale ({} file(s) differ). Run `cargo xtask regen` and commit the result.",
            args.out.display(),
            stale.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    let started = std::time::Instant::now();
    let report = codegen::write::write(&args.out, &generated.files)?;
    if args.timings {
        let t = generated.timings;
        println!(
            "stages: load {:?}, validate {:?}, transform+plan {:?}, emit+format {:?}, write {:?}",
            t.load,
            t.validate,
            t.plan,
            t.emit_format,
            started.elapsed()
        );
    }
    println!(
        "generated {} into {}: {} written, {} removed, {} unchanged",
        generated.crates.join(", "),
        args.out.display(),
        report.written.len(),
        report.removed.len(),
        report.unchanged
    );
    Ok(ExitCode::SUCCESS)
}
