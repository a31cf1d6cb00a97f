//! Smithy 2.0 JSON AST models → self-contained Rust crates.
//!
//! The pipeline reads top to bottom: [`load`] (raw JSON AST) → [`model`] (resolved and validated) →
//! transform → plan → emit → format → write.

pub mod config;
pub mod diag;
pub mod diff;
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
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    Ok(files)
}

pub mod emit;
pub mod format;
pub mod naming;
pub mod plan;
pub mod rules;
pub mod transform;
pub mod write;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Everything generated from one model directory: file contents keyed by path relative to the
/// output directory (`<crate>/src/...`).
#[derive(Debug, Default)]
pub struct Generated {
    pub files: BTreeMap<PathBuf, String>,
    pub crates: Vec<String>,
    pub warnings: diag::Diagnostics,
    pub timings: Timings,
}

/// Wall time per pipeline stage (writing is timed by the caller).
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub load: Duration,
    pub validate: Duration,
    /// transform + plan
    pub plan: Duration,
    /// Emitting and formatting every file: one stage, spread over the cores.
    pub emit_format: Duration,
}

/// What to generate from: model files and the generator settings that go with them.
///
/// Settings come from the `codegen.toml` beside the models (defaults when there is none) unless
/// given in code with [`Input::with_config`]. Built with [`Input::dir`] or [`Input::files`] and run by
/// [`generate`], the one entry point the CLI, the tests and the benches share.
#[derive(Clone, Debug)]
pub struct Input {
    source: Source,
    config: Option<config::Config>,
}

#[derive(Clone, Debug)]
enum Source {
    /// Every `*.json` of a directory; `codegen.toml` from the same directory.
    Dir(PathBuf),
    /// These files; `codegen.toml` from the directory of the first.
    Files(Vec<PathBuf>),
}

impl Input {
    /// A model directory: its `*.json` models and its `codegen.toml`.
    pub fn dir(dir: impl Into<PathBuf>) -> Input {
        Input { source: Source::Dir(dir.into()), config: None }
    }

    /// Model files, with the `codegen.toml` of the directory holding the first of them.
    pub fn files(models: impl IntoIterator<Item = impl Into<PathBuf>>) -> Input {
        Input { source: Source::Files(models.into_iter().map(Into::into).collect()), config: None }
    }

    /// Settings given in code instead of a `codegen.toml`.
    pub fn with_config(mut self, config: config::Config) -> Input {
        self.config = Some(config);
        self
    }

    /// The model files and the settings, or every error found reading them.
    fn resolve(&self, diags: &mut diag::Diagnostics) -> Option<(Vec<PathBuf>, config::Config)> {
        let (files, config_dir) = match &self.source {
            Source::Dir(dir) => match model_files(dir) {
                Ok(f) if !f.is_empty() => (f, Some(dir.clone())),
                Ok(_) => {
                    diags.error(&dir.display().to_string(), "", "no *.json model files in the directory");
                    return None;
                }
                Err(e) => {
                    diags.error(&dir.display().to_string(), "", format!("cannot read the model directory: {e}"));
                    return None;
                }
            },
            Source::Files(files) => (files.clone(), files.first().and_then(|f| f.parent()).map(Path::to_path_buf)),
        };
        let mut config = match (&self.config, &config_dir) {
            (Some(config), _) => config.clone(),
            (None, Some(dir)) => config::Config::load(dir, diags),
            (None, None) => config::Config::default(),
        };
        if config.partitions_dir.is_none() {
            config.partitions_dir = config_dir;
        }
        Some((files, config))
    }
}

/// Generates one crate per service found in the input. Pure: reads the models, writes nothing.
/// Every error of every stage, a panic included, fails the whole run, so a caller that writes
/// only on success never writes half an output.
pub fn generate(input: &Input) -> Result<Generated, diag::Failed> {
    let mut files = BTreeMap::new();
    let mut generated = generate_each(input, &mut |crate_files| {
        files.extend(crate_files);
        Ok(())
    })?;
    generated.files = files;
    Ok(generated)
}

/// [`generate`], handing each crate's files to `sink` as soon as they are formatted instead of
/// keeping them (the returned `files` is empty): a run over many models then holds one crate at a
/// time. A `sink` error fails the run. Whether the run failed is only known when it returns, so a
/// sink that writes must stage (see [`write::Staged`]).
pub fn generate_each(
    input: &Input,
    sink: &mut dyn FnMut(BTreeMap<PathBuf, String>) -> Result<(), String>,
) -> Result<Generated, diag::Failed> {
    let mut diags = diag::Diagnostics::default();
    let resolved = input.resolve(&mut diags);
    let Some((files, config)) = resolved.filter(|_| !diags.has_errors()) else { return Err(diag::Failed(diags.sorted())) };
    // A panic of a stage on this thread becomes an error of the run like any other (the format
    // workers catch their own, per file).
    // (The sink's state is the caller's; after a panic the run fails and it is not used again.)
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| generate_files(&files, &config, sink))).unwrap_or_else(|panic| {
        let file = files.first().map(|f| f.display().to_string()).unwrap_or_default();
        diags.error(&file, "", format!("internal error: the generator panicked: {}", format::panic_message(&*panic)));
        Err(diag::Failed(diags.sorted()))
    })
}

fn generate_files(
    model_paths: &[PathBuf],
    config: &config::Config,
    sink: &mut dyn FnMut(BTreeMap<PathBuf, String>) -> Result<(), String>,
) -> Result<Generated, diag::Failed> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let mut diags = diag::Diagnostics::default();
    let files: Vec<_> = model_paths.iter().filter_map(|p| load::load_file(p, &mut diags)).collect();
    timings.load = started.elapsed();
    let started = Instant::now();
    let model = model::resolve(&files, &mut diags);
    // The raw documents are not needed once resolved; with hundreds of models they are a large
    // part of the peak memory.
    drop(files);
    timings.validate = started.elapsed();
    let diags_so_far = diags.sorted();
    if diags_so_far.has_errors() {
        return Err(diag::Failed(diags_so_far));
    }
    let warnings = diags_so_far;
    let mut diags = diag::Diagnostics::default();
    let mut out = Generated { warnings, ..Default::default() };
    let mut crate_dirs: BTreeMap<String, model::ShapeId> = BTreeMap::new();
    let services: Vec<model::ShapeId> = model.services().map(|s| s.id.clone()).collect();
    for service in services {
        let file = model.expect(&service).file.clone();
        let sources = vec![Path::new(&file).file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or(file.clone())];
        let started = Instant::now();
        let view = transform::service_view(&model, &service, config.operations(&service), &mut diags);
        let plan = plan::plan(&view, sources.clone(), config, &mut diags);
        timings.plan += started.elapsed();
        if let Some(other) = crate_dirs.insert(plan.crate_name.clone(), service.clone()) {
            diags.error(
                &file,
                service.to_string(),
                format!("services `{other}` and `{service}` both generate the crate `{}`", plan.crate_name),
            );
            continue;
        }
        let started = Instant::now();
        let mut crate_files = BTreeMap::new();
        for (rel, formatted) in format::format_all(&plan, emit::emit(&plan), &sources) {
            match formatted {
                Ok(text) => {
                    crate_files.insert(Path::new(&plan.crate_name).join(rel), text);
                }
                Err(e) => diags.error(&file, service.to_string(), format!("internal error: {e}")),
            }
        }
        timings.emit_format += started.elapsed();
        // After an error nothing will be written: the files need not go anywhere.
        if !diags.has_errors()
            && let Err(e) = sink(crate_files)
        {
            diags.error(&file, service.to_string(), format!("cannot write the crate `{}`: {e}", plan.crate_name));
        }
        out.crates.push(plan.crate_name);
    }
    let mut all = std::mem::take(&mut out.warnings);
    all.extend(diags);
    let all = all.sorted();
    if all.has_errors() {
        return Err(diag::Failed(all));
    }
    out.warnings = all;
    out.timings = timings;
    Ok(out)
}
