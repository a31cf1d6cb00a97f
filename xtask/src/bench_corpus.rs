//! `cargo xtask bench-corpus`: regen over a synthetic corpus in one run, at several sizes, to show
//! that cost grows linearly with the input. The corpus is made of copies of the official models in
//! `../shared/models/` (`aws/` and `aws-more/`), each copy with its namespaces and `sdkId` renamed
//! so it is a service of its own. Each size runs as its own `xtask regen --timings` (release build)
//! into an empty directory, so its wall time and peak memory are its own. The anchor is the
//! smallest size, measured in the same run: the report gives each size's time per copy as a ratio
//! of the anchor's.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Copies of the model set per run.
const SIZES: &[usize] = &[4, 9, 18, 36];

fn shared_models() -> PathBuf {
    std::env::var_os("SHARED_MODELS_DIR").map(PathBuf::from).unwrap_or_else(|| crate::root().join("../shared/models"))
}

/// The model set: every official model of `aws/` and `aws-more/`.
fn model_set() -> anyhow::Result<Vec<(String, String)>> {
    let mut set = Vec::new();
    for dir in ["aws", "aws-more"] {
        let dir = shared_models().join(dir);
        for path in codegen::model_files(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            set.push((name, std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?));
        }
    }
    if set.is_empty() {
        bail!("no models in {}", shared_models().display());
    }
    Ok(set)
}

/// Copy `i` of a model: shape ids `com.amazonaws.x#Y` become `c{i}.com.amazonaws.x#Y`, the `sdkId`
/// gets a `C{i}` word (so the crate is `c{i}-...`).
fn renamed(text: &str, i: usize) -> String {
    text.replace("\"com.amazonaws.", &format!("\"c{i}.com.amazonaws.")).replace("\"sdkId\": \"", &format!("\"sdkId\": \"C{i} "))
}

fn corpus(dir: &Path, copies: usize, set: &[(String, String)]) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    for i in 0..copies {
        for (name, text) in set {
            std::fs::write(dir.join(format!("c{i}-{name}")), renamed(text, i))?;
        }
    }
    Ok(())
}

struct Run {
    copies: usize,
    secs: f64,
    /// load + validate + transform + plan + emit + format, from `--timings`: the generator's own
    /// work, without the file system's.
    generate: f64,
    peak_mb: f64,
    files: usize,
    lines: usize,
}

pub fn run() -> anyhow::Result<()> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(crate::root())
        .args(["build", "--quiet", "--release", "-p", "xtask"])
        .status()?;
    if !status.success() {
        bail!("building the release xtask failed");
    }
    let exe = crate::root().join("target/release/xtask");
    let set = model_set()?;
    let root = crate::root().join("target/bench-corpus");
    let _ = std::fs::remove_dir_all(&root);
    let mut runs = Vec::new();
    for &copies in SIZES {
        // Each size into directories of its own, with the disk flushed first: writing right after
        // deleting a gigabyte of files measured the file system's clean-up, not the generator.
        let models = root.join(format!("models-{copies}"));
        let out = root.join(format!("out-{copies}"));
        corpus(&models, copies, &set)?;
        let _ = Command::new("sync").status();
        eprintln!("bench-corpus: {copies} copies of {} models", set.len());
        let started = Instant::now();
        let output = Command::new(&exe)
            .args(["regen", "--timings", "--models"])
            .arg(&models)
            .arg("--out")
            .arg(&out)
            .output()
            .context("running xtask regen")?;
        let secs = started.elapsed().as_secs_f64();
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            bail!("regen of {copies} copies failed:\n{}", String::from_utf8_lossy(&output.stderr));
        }
        let peak_mb = stdout
            .lines()
            .find_map(|l| l.strip_prefix("peak memory: ")?.strip_suffix(" MB")?.parse::<f64>().ok())
            .context("regen --timings printed no peak memory")?;
        let generate = stdout
            .lines()
            .find_map(|l| l.strip_prefix("stages: "))
            .map(|stages| {
                stages
                    .split(", ")
                    .filter(|part| !part.starts_with("write "))
                    .filter_map(|part| part.rsplit(' ').next().and_then(duration_secs))
                    .sum::<f64>()
            })
            .context("regen --timings printed no stages")?;
        let (files, lines) = crate::bench_compile::files_and_lines(&out, |_| true);
        runs.push(Run { copies, secs, generate, peak_mb, files, lines });
    }
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root)?;
    let anchor = &runs[0];
    let per_copy = anchor.generate / anchor.copies as f64;
    let mut out = String::from(
        "| copies | models | generated files | lines | generation (no writing) | per copy vs the anchor | wall time, writing included | peak memory |\n|---|---|---|---|---|---|---|---|\n",
    );
    for r in &runs {
        out += &format!(
            "| {} | {} | {} | {} | {:.1} s | {:.2} | {:.1} s | {:.0} MB |\n",
            r.copies,
            r.copies * set.len(),
            r.files,
            r.lines,
            r.generate,
            r.generate / r.copies as f64 / per_copy,
            r.secs,
            r.peak_mb
        );
    }
    std::fs::write(root.join("corpus.md"), &out)?;
    println!("{out}");
    Ok(())
}

/// A `Duration`'s `Debug` text (`1.5s`, `134.4ms`, `12µs`) in seconds.
fn duration_secs(text: &str) -> Option<f64> {
    for (unit, scale) in [("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9), ("s", 1.0)] {
        if let Some(n) = text.strip_suffix(unit) {
            return n.parse::<f64>().ok().map(|v| v * scale);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_in_every_unit() {
        assert_eq!(super::duration_secs("1.5s"), Some(1.5));
        assert_eq!(super::duration_secs("250ms"), Some(0.25));
        assert_eq!(super::duration_secs("12µs"), Some(12e-6));
        assert_eq!(super::duration_secs("fast"), None);
    }

    #[test]
    fn copies_are_services_of_their_own() {
        let text = r#"{"shapes": {"com.amazonaws.x#S": {"traits": {"aws.api#service": {"sdkId": "X"}}, "target": "com.amazonaws.x#T"}}}"#;
        let copy = super::renamed(text, 3);
        assert!(copy.contains(r#""c3.com.amazonaws.x#S""#) && copy.contains(r#""c3.com.amazonaws.x#T""#));
        assert!(copy.contains(r#""sdkId": "C3 X""#));
        assert!(copy.contains("aws.api#service"), "trait ids stay");
    }
}
