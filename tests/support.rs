//! Shared helpers for the workspace-level tests.

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Directory of the upstream reference models (`../shared/models` beside the checkout),
/// overridable with `SHARED_MODELS_DIR`.
pub fn shared_models_dir() -> PathBuf {
    match std::env::var_os("SHARED_MODELS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("../shared/models"),
    }
}

/// Whether this is CI (`CI=true`), where everything the tests need is present: a missing part
/// fails the test there, never skips it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// An executable `cargo xtask test` installs into the test virtualenv (`what` names it in
/// messages): the path in the environment variable `var`, else `target/venv/bin/<name>`. `None`
/// (after printing SKIPPED) when it is missing outside CI; in CI a missing one is a failure.
pub fn venv_tool(var: &str, name: &str, what: &str) -> Option<PathBuf> {
    let path = match std::env::var_os(var) {
        Some(p) => PathBuf::from(p),
        None => workspace_root().join("target/venv/bin").join(name),
    };
    if path.is_file() {
        return Some(path);
    }
    if in_ci() {
        panic!("{what} is not installed at {} ({var}); `cargo xtask test` installs it", path.display());
    }
    eprintln!("SKIPPED: {what} is not installed at {}; `cargo xtask test` installs it (or set {var})", path.display());
    None
}

/// Path of one upstream file, or `None` when it is missing outside CI.
///
/// In CI (`CI=true`) the files are always present, so a missing file is a failure, never a skip.
pub fn shared_model(rel: &str) -> Option<PathBuf> {
    let path = shared_models_dir().join(rel);
    if path.exists() {
        return Some(path);
    }
    if in_ci() {
        panic!("{} is missing; CI must have ../shared/models beside the checkout", path.display());
    }
    eprintln!("SKIPPED: {} not found (set SHARED_MODELS_DIR)", path.display());
    None
}

/// Runs cargo in `dir` (a generated scratch workspace) with the target dir the nested builds share;
/// fails the test with cargo's output when it fails.
pub fn cargo_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let output = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/nested"))
        .output()
        .unwrap();
    assert!(output.status.success(), "cargo {args:?} failed in {}:\n{}", dir.display(), String::from_utf8_lossy(&output.stderr));
    output
}

pub mod criterion_estimates;
pub mod local_server;
pub mod ordered_json;
pub mod sigv4_check;
