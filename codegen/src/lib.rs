//! Smithy 2.0 JSON AST models → self-contained Rust crates.
//!
//! The pipeline reads top to bottom: [`load`] (raw JSON AST) → [`model`] (resolved and validated) →
//! transform → plan → emit → format → write.

pub mod diag;
pub mod docs;
pub mod load;
pub mod model;
pub mod pattern;

use std::path::{Path, PathBuf};

/// Loads, merges and validates model files. Warnings come back with the model; any error fails.
pub fn load_model(paths: &[PathBuf]) -> Result<(model::Model, diag::Diagnostics), diag::Failed> {
    let mut diags = diag::Diagnostics::default();
    let files: Vec<_> = paths.iter().filter_map(|p| load::load_file(p, &mut diags)).collect();
    let model = model::resolve(&files, &mut diags);
    let diags = diags.sorted();
    if diags.has_errors() { Err(diag::Failed(diags)) } else { Ok((model, diags)) }
}

/// The `*.json` files of a model directory, sorted by name.
pub fn model_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}
