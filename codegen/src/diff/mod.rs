//! Model diff: what changed between two models, how dangerous it is (smithy-diff's event ids and
//! severities, plus what smithy-diff misses), what it does on the wire and to the generated crate,
//! grouped by the operations that reach each change.
//!
//! [`compare`] diffs two resolved models; [`diff_files`] loads them first and can add a summary of
//! the regenerated output. [`render`] turns a [`Report`] into Markdown, plain text or JSON.

mod constraints;
mod enums;
pub mod finding;
pub mod generated;
mod members;
mod nullability;
mod operations;
pub mod reach;
pub mod render;
mod rust;
mod shapes;
pub mod suppress;
mod traits;

pub use finding::{Direction, Event, Finding, Origin, RustImpact, RustLevel, Severity, Use, Verdict, Wire, WireLevel};
pub use generated::GeneratedSummary;

use crate::diag::Failed;
use crate::model::{Model, ShapeId};
use reach::Reach;
use serde::Serialize;
use std::path::PathBuf;

/// Everything the diff found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// The old and new inputs as given (files, directories or `git:REV`).
    pub old: String,
    pub new: String,
    /// Services of the new model (or the old one if the new has none): `(shape name, crate name)`.
    pub services: Vec<(String, String)>,
    /// API changes, sorted by shape then id.
    pub findings: Vec<Finding>,
    /// Shapes whose only change is documentation (`documentation`, `examples`, `externalDocumentation`).
    pub doc_only: Vec<String>,
    /// Files of the generated output that change, when computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated: Option<GeneratedSummary>,
    /// Suppressions that matched nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unused_suppressions: Vec<String>,
}

impl Report {
    /// Unsuppressed findings with the given verdict.
    pub fn with_verdict(&self, verdict: Verdict) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.suppressed.is_none() && f.verdict() == verdict)
    }

    pub fn suppressed(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppressed.is_some())
    }

    /// Whether an unsuppressed breaking change is present (the exit status of `cargo xtask diff`).
    pub fn has_breaking(&self) -> bool {
        self.with_verdict(Verdict::Breaking).next().is_some()
    }

    /// Findings with the given event id (exact), suppressed or not.
    pub fn by_id<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| f.id == id)
    }
}

/// State shared by the evaluators.
pub(crate) struct Ctx<'a> {
    pub old: &'a Model,
    pub new: &'a Model,
    pub old_reach: Reach<'a>,
    pub new_reach: Reach<'a>,
    /// The planned Rust surface of each side.
    pub old_rust: rust::RustView,
    pub new_rust: rust::RustView,
    pub findings: Vec<Finding>,
    pub doc_only: Vec<String>,
}

/// Where a shape is used, over both models.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Sides {
    pub request: bool,
    pub response: bool,
}

impl<'a> Ctx<'a> {
    pub fn push(&mut self, draft: finding::Draft, wire: Wire, rust: RustImpact) {
        self.findings.push(draft.finish(wire, rust));
    }

    /// The sides of operations a shape is used on, in either model.
    pub fn sides(&self, id: &ShapeId) -> Sides {
        let mut s = Sides::default();
        for d in self.old_reach.directions(id).chain(self.new_reach.directions(id)) {
            match d {
                Direction::Request => s.request = true,
                Direction::Response | Direction::Error => s.response = true,
                Direction::Operation => {}
            }
        }
        s
    }

    /// Whether the shape is a type of the generated crate in the new (or old) model.
    pub fn generated_in(&self, new: bool, id: &ShapeId) -> bool {
        let (model, reach) = if new { (self.new, &self.new_reach) } else { (self.old, &self.old_reach) };
        model.shape(id).is_some_and(|s| rust::is_type(&s.kind)) && reach.operation_count(id) > 0
    }
}

/// Compares two resolved models.
pub fn compare(old: &Model, new: &Model) -> Report {
    let mut ctx = Ctx {
        old,
        new,
        old_reach: Reach::new(old),
        new_reach: Reach::new(new),
        old_rust: rust::RustView::of(old),
        new_rust: rust::RustView::of(new),
        findings: Vec::new(),
        doc_only: Vec::new(),
    };
    shapes::compare(&mut ctx);
    let mut findings = std::mem::take(&mut ctx.findings);
    for f in &mut findings {
        let Ok(id) = ShapeId::parse(&f.shape) else { continue };
        f.uses = if new.shape(&id.root()).is_some() { ctx.new_reach.uses(&id) } else { ctx.old_reach.uses(&id) };
    }
    findings.sort_by(|a, b| (&a.shape, &a.id, &a.message).cmp(&(&b.shape, &b.id, &b.message)));
    findings.dedup();
    let mut doc_only = ctx.doc_only;
    doc_only.sort();
    let services_of = |m: &Model| -> Vec<(String, String)> {
        m.services()
            .map(|s| {
                let sdk = s.traits.get("aws.api#service").and_then(|a| a.get("sdkId")).and_then(|n| n.as_str()).unwrap_or(&s.id.name);
                (s.id.name.clone(), crate::naming::crate_name(sdk))
            })
            .collect()
    };
    let mut services = services_of(new);
    if services.is_empty() {
        services = services_of(old);
    }
    Report { findings, doc_only, services, ..Default::default() }
}

/// Options of [`diff_files`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Also regenerate both models in memory and summarise the output that changes.
    pub generated: bool,
    pub suppressions: Option<suppress::Suppressions>,
}

/// Why a diff could not be made.
#[derive(Debug)]
pub enum DiffError {
    /// A model failed to load: which side and the loader's diagnostics.
    Load { side: &'static str, failed: Failed },
}

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiffError::Load { side, failed } => write!(f, "the {side} model does not load:\n{failed}"),
        }
    }
}

impl std::error::Error for DiffError {}

/// Loads both models, compares them, applies suppressions and optionally summarises the generated output.
pub fn diff_files(old: &[PathBuf], new: &[PathBuf], options: &Options) -> Result<Report, DiffError> {
    let (old_model, _) = crate::load_model(old).map_err(|failed| DiffError::Load { side: "old", failed })?;
    let (new_model, _) = crate::load_model(new).map_err(|failed| DiffError::Load { side: "new", failed })?;
    let mut report = compare(&old_model, &new_model);
    if let Some(s) = &options.suppressions {
        report.unused_suppressions = s.apply(&mut report.findings);
    }
    if options.generated {
        report.generated = Some(generated::summarize(old, new));
    }
    Ok(report)
}

/// A model from one JSON AST text, for unit tests.
#[cfg(test)]
pub(crate) fn test_model(json: &str) -> Model {
    let mut diags = crate::diag::Diagnostics::default();
    let file = crate::load::load_bytes("t.json", json.as_bytes(), &mut diags).expect("parses");
    let model = crate::model::resolve(&[file], &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.items);
    model
}
