//! Reading criterion's estimates back after a run, so a bench can print its ratios against the
//! anchor measured in the same run.

use serde_json::Value;
use std::path::PathBuf;
use std::time::SystemTime;

/// Where criterion writes its estimates (its own order of preference).
pub fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("criterion"),
        None => crate::workspace_root().join("target/criterion"),
    }
}

/// Median time in nanoseconds of one benchmark, if this run (started at `since`) measured it.
pub fn median_ns(group: &str, id: &str, since: SystemTime) -> Option<f64> {
    let path = criterion_dir().join(group).join(id).join("new/estimates.json");
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if modified < since {
        return None;
    }
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}
