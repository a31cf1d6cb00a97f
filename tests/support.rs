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

/// Path of one upstream file, or `None` when it is missing outside CI.
///
/// In CI (`CI=true`) the files are always present, so a missing file is a failure, never a skip.
pub fn shared_model(rel: &str) -> Option<PathBuf> {
    let path = shared_models_dir().join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").map(|v| v == "true" || v == "1").unwrap_or(false) {
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
