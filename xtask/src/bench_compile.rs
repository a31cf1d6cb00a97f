//! `cargo xtask bench` compile-time step: the crate generated from the official full Connect model
//! against `aws-sdk-connect` 1.220.0, built side by side in one run (debug and release), plus the
//! same with our eight-operation allowlist, codegen time per stage, and sizes.
//!
//! Each crate is built once from clean with `cargo build --timings` (`CARGO_INCREMENTAL=0`, as a
//! registry crate is always built): the wall time is the clean build, and the crate's own unit
//! time is read from the timings report (by then its dependencies are built, so it runs alone).

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const AWS_SDK_CONNECT: &str = "1.220.0";
const OUR_OPERATIONS: &[&str] = &[
    "ListRealtimeContactAnalysisSegmentsV2",
    "CreateInstance",
    "DescribeInstance",
    "ListInstances",
    "DeleteInstance",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
];

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn timed(cmd: &mut Command) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let output = cmd.output().with_context(|| format!("running {cmd:?}"))?;
    if !output.status.success() {
        bail!("{cmd:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(started.elapsed())
}

struct Measured {
    clean: Duration,
    unit: Duration,
    rlib: u64,
}

/// Builds `package` in `dir` from clean with `--timings`.
fn measure(dir: &Path, package: &str, release: bool) -> anyhow::Result<Measured> {
    let target = dir.join(if release { "target-release" } else { "target-debug" });
    let _ = std::fs::remove_dir_all(&target);
    let profile: &[&str] = if release { &["--release"] } else { &[] };
    // Fetch first so download time never counts.
    timed(cargo().current_dir(dir).args(["fetch", "--quiet"]))?;
    let clean = timed(
        cargo()
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_INCREMENTAL", "0")
            .args(["build", "--quiet", "--timings", "-p", package])
            .args(profile),
    )?;
    let report = target.join("cargo-timings/cargo-timing.html");
    let unit = unit_time(&std::fs::read_to_string(&report).with_context(|| format!("reading {}", report.display()))?, package)
        .with_context(|| format!("{}: no unit for the library of {package}", report.display()))?;
    let deps = target.join(if release { "release/deps" } else { "debug/deps" });
    let prefix = format!("lib{}-", package.replace('-', "_"));
    let rlib = std::fs::read_dir(&deps)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix) && e.file_name().to_string_lossy().ends_with(".rlib"))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .max()
        .unwrap_or(0);
    Ok(Measured { clean, unit, rlib })
}

/// The duration of `package`'s library unit in a `cargo build --timings` HTML report (its
/// `UNIT_DATA` array).
fn unit_time(html: &str, package: &str) -> Option<Duration> {
    let start = html.find("const UNIT_DATA = ")? + "const UNIT_DATA = ".len();
    let end = start + html[start..].find("];")? + 1;
    let units: serde_json::Value = serde_json::from_str(&html[start..end]).ok()?;
    units
        .as_array()?
        .iter()
        .filter(|u| u["name"] == package && u["target"] == "")
        .filter_map(|u| u["duration"].as_f64())
        .reduce(f64::max)
        .map(Duration::from_secs_f64)
}

fn rust_lines(dir: &Path) -> (usize, usize) {
    files_and_lines(dir, |p| p.extension().is_some_and(|e| e == "rs"))
}

/// Files below `dir` that `keep` accepts, and their lines.
pub(crate) fn files_and_lines(dir: &Path, keep: impl Fn(&Path) -> bool) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if keep(&p) {
                files += 1;
                lines += std::fs::read(&p).map(|b| b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(0);
            }
        }
    }
    (files, lines)
}

fn shared_models() -> PathBuf {
    std::env::var_os("SHARED_MODELS_DIR").map(PathBuf::from).unwrap_or_else(|| crate::root().join("../shared/models"))
}

/// Generates the official Connect model (optionally with an allowlist) as a one-crate workspace.
fn generate(dir: &Path, allowlist: Option<&[&str]>) -> anyhow::Result<Duration> {
    let models = dir.join("models");
    std::fs::create_dir_all(&models)?;
    std::fs::copy(shared_models().join("aws/connect-2017-08-08.json"), models.join("connect.json"))
        .context("the official Connect model (../shared/models/aws) is needed")?;
    if let Some(ops) = allowlist {
        let list: Vec<String> = ops.iter().map(|o| format!("{o:?}")).collect();
        std::fs::write(
            models.join("codegen.toml"),
            format!("[services.\"com.amazonaws.connect#AmazonConnectService\"]\noperations = [{}]\n", list.join(", ")),
        )?;
    }
    let started = Instant::now();
    let generated = codegen::generate(&codegen::Input::dir(&models)).map_err(|e| anyhow::anyhow!("{e}"))?;
    codegen::write::write(dir, &generated.files)?;
    let took = started.elapsed();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"connect\"]\nresolver = \"2\"\n")?;
    let _ = std::fs::copy(crate::root().join("Cargo.lock"), dir.join("Cargo.lock"));
    Ok(took)
}

fn anchor_crate(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"anchor\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\naws-sdk-connect = \"={AWS_SDK_CONNECT}\"\n\n[workspace]\n"
        ),
    )?;
    std::fs::write(dir.join("src/lib.rs"), "pub use aws_sdk_connect;\n")?;
    Ok(())
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn ratio(ours: Duration, anchor: Duration) -> String {
    format!("{:.2}", ours.as_secs_f64() / anchor.as_secs_f64())
}

/// `--debug-only` skips the release builds (a third of the time).
pub fn run(args: &[String]) -> anyhow::Result<()> {
    let profiles: &[bool] = match args {
        [] => &[false, true],
        [flag] if flag == "--debug-only" => &[false],
        _ => bail!("usage: cargo xtask bench-compile [--debug-only]"),
    };
    let root = crate::root().join("target/bench-compile");
    let _ = std::fs::remove_dir_all(&root);
    let full = root.join("ours-full");
    let eight = root.join("ours-8-ops");
    let anchor = root.join("aws-sdk-connect");
    let gen_full = generate(&full, None)?;
    let gen_eight = generate(&eight, Some(OUR_OPERATIONS))?;
    anchor_crate(&anchor)?;
    // The floor: the eight-operation crate's dependencies with an empty library.
    let deps_only = root.join("deps-only");
    copy_dir(&eight, &deps_only)?;
    let lib = deps_only.join("connect/src");
    std::fs::remove_dir_all(&lib)?;
    std::fs::create_dir_all(&lib)?;
    std::fs::write(lib.join("lib.rs"), "")?;
    let (our_files, our_lines) = rust_lines(&full.join("connect"));
    let (eight_files, eight_lines) = rust_lines(&eight.join("connect"));

    let mut out = String::from(
        "| build | aws-sdk-connect (anchor) | ours, full model | ratio | ours, 8 operations | ratio |\n|---|---|---|---|---|---|\n",
    );
    for &release in profiles {
        let profile = if release { "release" } else { "debug" };
        eprintln!("bench-compile: {profile} builds");
        let a = measure(&anchor, "aws-sdk-connect", release)?;
        let f = measure(&full, "connect", release)?;
        let e = measure(&eight, "connect", release)?;
        let d = measure(&deps_only, "connect", release)?;
        out += &format!(
            "| {profile}: crate alone | {} | {} | {} | {} | {} |\n",
            secs(a.unit),
            secs(f.unit),
            ratio(f.unit, a.unit),
            secs(e.unit),
            ratio(e.unit, a.unit)
        );
        out += &format!(
            "| {profile}: clean, with dependencies | {} | {} | {} | {} | {} |\n",
            secs(a.clean),
            secs(f.clean),
            ratio(f.clean, a.clean),
            secs(e.clean),
            ratio(e.clean, a.clean)
        );
        out += &format!(
            "| {profile}: the 8-operation crate's dependencies, empty library | {} | | | {} | {} |\n",
            secs(a.clean),
            secs(d.clean),
            ratio(d.clean, a.clean)
        );
        out += &format!(
            "| {profile}: rlib | {:.1} MB | {:.1} MB | {:.2} | {:.1} MB | {:.2} |\n",
            a.rlib as f64 / 1e6,
            f.rlib as f64 / 1e6,
            f.rlib as f64 / a.rlib.max(1) as f64,
            e.rlib as f64 / 1e6,
            e.rlib as f64 / a.rlib.max(1) as f64
        );
    }
    out += &format!(
        "\nGenerated Rust: full model {our_lines} lines in {our_files} files (generated in {}), 8 operations {eight_lines} lines in {eight_files} files (generated in {}).\n",
        secs(gen_full),
        secs(gen_eight)
    );
    if let Some(src) = registry_source(&format!("aws-sdk-connect-{AWS_SDK_CONNECT}")) {
        let (files, lines) = rust_lines(&src.join("src"));
        out += &format!("aws-sdk-connect {AWS_SDK_CONNECT}: {lines} lines in {files} files.\n");
    }
    std::fs::write(root.join("compile.md"), &out)?;
    println!("{out}");
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with("target") {
            continue;
        }
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to.join(&name))?;
        } else {
            std::fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// Where cargo unpacked a crates.io package.
fn registry_source(name: &str) -> Option<PathBuf> {
    let home =
        std::env::var_os("CARGO_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    std::fs::read_dir(home.join("registry/src")).ok()?.flatten().map(|e| e.path().join(name)).find(|p| p.is_dir())
}

#[cfg(test)]
mod tests {
    #[test]
    fn unit_time_reads_the_library_unit() {
        let html = r#"<script>
const UNIT_DATA = [
  {"i": 1, "name": "connect", "version": "0.1.0", "mode": "run-custom-build", "target": " build-script (run)", "start": 0.0, "duration": 0.5},
  {"i": 2, "name": "connect", "version": "0.1.0", "mode": "todo", "target": "", "start": 1.0, "duration": 56.25},
  {"i": 3, "name": "serde", "version": "1.0.0", "mode": "todo", "target": "", "start": 0.0, "duration": 3.0}
];
const CONCURRENCY_DATA = [];
</script>"#;
        assert_eq!(super::unit_time(html, "connect"), Some(std::time::Duration::from_secs_f64(56.25)));
        assert_eq!(super::unit_time(html, "serde"), Some(std::time::Duration::from_secs(3)));
        assert_eq!(super::unit_time(html, "tokio"), None);
        assert_eq!(super::unit_time("no report", "connect"), None);
    }
}
