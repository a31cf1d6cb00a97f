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
    // Crate by crate: into a staging directory (committed only when the whole run succeeds), or
    // compared with the output for `--check`; one crate's files in memory at a time.
    enum Out {
        Stage(codegen::write::Staged),
        Check(codegen::write::Checker),
    }
    let mut out = if args.check {
        Out::Check(codegen::write::Checker::new(&args.out))
    } else {
        Out::Stage(codegen::write::Staged::new(&args.out).with_context(|| format!("staging {}", args.out.display()))?)
    };
    let mut write_time = std::time::Duration::ZERO;
    let result = codegen::generate_each(&codegen::Input::dir(&args.models), &mut |files| {
        let started = std::time::Instant::now();
        let written = match &mut out {
            Out::Stage(s) => s.add(&files).map_err(|e| e.to_string()),
            Out::Check(c) => {
                c.add(&files);
                Ok(())
            }
        };
        write_time += started.elapsed();
        written
    });
    let generated = match result {
        Ok(g) => g,
        Err(failed) => {
            // Dropping the staging directory leaves the output as it was.
            drop(out);
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
    let staged = match out {
        Out::Stage(staged) => staged,
        Out::Check(checker) => {
            let (stale, count) = checker.finish()?;
            if stale.is_empty() {
                println!("{} is up to date ({count} files)", args.out.display());
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
    };
    let started = std::time::Instant::now();
    let report = staged.commit().with_context(|| format!("writing {}", args.out.display()))?;
    if args.timings {
        let t = generated.timings;
        println!(
            "stages: load {:?}, validate {:?}, transform+plan {:?}, emit+format {:?}, write {:?}",
            t.load,
            t.validate,
            t.plan,
            t.emit_format,
            write_time + started.elapsed()
        );
        if let Some(peak) = peak_memory_mb() {
            println!("peak memory: {peak:.0} MB");
        }
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

/// The process's peak resident memory (Linux: `VmHWM` of `/proc/self/status`).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
