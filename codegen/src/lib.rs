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

pub mod emit;
pub mod format;
pub mod naming;
pub mod plan;
pub mod transform;
pub mod write;

use std::collections::BTreeMap;

/// Everything generated from one model directory: file contents keyed by path relative to the
/// output directory (`<crate>/src/...`).
#[derive(Debug, Default)]
pub struct Generated {
    pub files: BTreeMap<PathBuf, String>,
    pub crates: Vec<String>,
    pub warnings: diag::Diagnostics,
}

/// Generates one crate per service found in the model files. Pure: reads the models, writes nothing.
pub fn generate(model_paths: &[PathBuf]) -> Result<Generated, diag::Failed> {
    let (model, warnings) = load_model(model_paths)?;
    let mut diags = diag::Diagnostics::default();
    let mut out = Generated { warnings, ..Default::default() };
    let mut crate_dirs: BTreeMap<String, model::ShapeId> = BTreeMap::new();
    let services: Vec<model::ShapeId> = model.services().map(|s| s.id.clone()).collect();
    for service in services {
        let file = model.expect(&service).file.clone();
        let sources = vec![Path::new(&file).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or(file.clone())];
        let view = transform::service_view(&model, &service);
        let plan = plan::plan(&view, sources.clone(), &mut diags);
        if let Some(other) = crate_dirs.insert(plan.crate_name.clone(), service.clone()) {
            diags.error(&file, service.to_string(), format!("services `{other}` and `{service}` both generate the crate `{}`", plan.crate_name));
            continue;
        }
        for (rel, content) in emit::emit(&plan) {
            match format::format_file(&rel, content, &sources) {
                Ok(text) => {
                    out.files.insert(Path::new(&plan.crate_name).join(rel), text);
                }
                Err(e) => diags.error(&file, service.to_string(), format!("internal error: {e}")),
            }
        }
        out.crates.push(plan.crate_name);
    }
    if diags.has_errors() {
        let mut all = out.warnings;
        all.extend(diags);
        return Err(diag::Failed(all.sorted()));
    }
    Ok(out)
}
