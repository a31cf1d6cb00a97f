//! Report formats: Markdown for a pull-request comment, plain text for the terminal, JSON for machines.
//! Shared here: the summary counts and the per-operation changelog.

mod markdown;
mod text;

use super::Report;
use super::finding::{Direction, Finding, Origin, RustLevel, Verdict, WireLevel};
use serde::Serialize;
use std::collections::BTreeMap;

pub use markdown::markdown;
pub use text::text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "markdown" | "md" => Ok(Format::Markdown),
            "text" | "txt" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown format `{other}` (expected markdown, text or json)")),
        }
    }
}

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown(report),
        Format::Text => text(report),
        Format::Json => json(report),
    }
}

/// Counts for the summary line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub breaking: usize,
    pub additive: usize,
    pub patch: usize,
    pub suppressed: usize,
    pub doc_only: usize,
}

pub fn summary(report: &Report) -> Summary {
    Summary {
        breaking: report.with_verdict(Verdict::Breaking).count(),
        additive: report.with_verdict(Verdict::Additive).count(),
        patch: report.with_verdict(Verdict::Patch).count(),
        suppressed: report.suppressed().count(),
        doc_only: report.doc_only.len(),
    }
}

/// `2 breaking, 3 additive, 1 other API change; 40 documentation-only changes`.
pub fn summary_line(report: &Report) -> String {
    let s = summary(report);
    let api = s.breaking + s.additive + s.patch;
    let mut line = if api == 0 {
        "no API changes".to_string()
    } else {
        format!("{api} API change{} ({} breaking, {} additive, {} other)", plural(api), s.breaking, s.additive, s.patch)
    };
    if s.suppressed > 0 {
        line.push_str(&format!(", {} suppressed", s.suppressed));
    }
    line.push_str(&format!("; {} documentation-only change{}", s.doc_only, plural(s.doc_only)));
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: Summary,
    has_breaking: bool,
    #[serde(flatten)]
    report: &'a Report,
}

pub fn json(report: &Report) -> String {
    let view = JsonReport { summary: summary(report), has_breaking: report.has_breaking(), report };
    let mut s = serde_json::to_string_pretty(&view).expect("reports serialize");
    s.push('\n');
    s
}

/// The event column: the id, and for our own findings what smithy-diff says instead.
pub fn event_label(f: &Finding, code: bool) -> String {
    let q = |s: &str| if code { format!("`{s}`") } else { s.to_string() };
    match &f.origin {
        Origin::SmithyDiff => q(&f.id),
        Origin::Extra { smithy_diff: Some(e) } => format!("{} (ours; smithy-diff: {} {})", q(&f.id), q(&e.id), e.severity),
        Origin::Extra { smithy_diff: None } => format!("{} (ours; smithy-diff: none)", q(&f.id)),
    }
}

pub fn rust_label(f: &Finding, code: bool) -> String {
    let level = match f.rust.level {
        RustLevel::Breaking => "breaking",
        RustLevel::Additive => "additive",
        RustLevel::None => "none",
    };
    let detail = match (f.rust.item.is_empty(), f.rust.change.is_empty()) {
        (true, true) => String::new(),
        (true, false) => f.rust.change.clone(),
        (false, _) if code => format!("`{}` {}", f.rust.item, f.rust.change),
        (false, _) => format!("{} {}", f.rust.item, f.rust.change),
    };
    if detail.is_empty() { level.to_string() } else { format!("{level}: {}", detail.trim_end()) }
}

pub fn wire_label(f: &Finding) -> String {
    let level = match f.wire.level {
        WireLevel::Breaking => "breaking",
        WireLevel::Compatible => "compatible",
        WireLevel::None => "none",
    };
    if f.wire.note.is_empty() { level.to_string() } else { format!("{level}: {}", f.wire.note) }
}

/// Findings reaching more operations than this are listed once, not under every operation.
pub const SHARED_THRESHOLD: usize = 8;

/// The changelog: per service, per operation, one line per finding that reaches it.
pub struct Changelog<'a> {
    /// service → operation → lines (the operation's own changes first, then by side and path).
    pub operations: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Findings used by many operations: (finding, operation names).
    pub shared: Vec<(&'a Finding, Vec<String>)>,
    /// Findings no operation reaches (service-level changes and unused shapes).
    pub unreached: Vec<&'a Finding>,
}

/// A changelog line with its sort key (side, then member path).
type Keyed = ((Direction, String), String);

pub fn changelog(report: &Report, code: bool) -> Changelog<'_> {
    let q = |s: &str| if code { format!("`{s}`") } else { s.to_string() };
    let mut keyed: BTreeMap<String, BTreeMap<String, Vec<Keyed>>> = BTreeMap::new();
    let mut out = Changelog { operations: BTreeMap::new(), shared: Vec::new(), unreached: Vec::new() };
    for f in report.findings.iter().filter(|f| f.suppressed.is_none()) {
        let mut ops: Vec<String> = f.uses.iter().map(|u| u.operation.clone()).collect();
        ops.sort();
        ops.dedup();
        if f.uses.is_empty() {
            out.unreached.push(f);
            continue;
        }
        if ops.len() > SHARED_THRESHOLD {
            out.shared.push((f, ops));
            continue;
        }
        let shape_name = f.short_shape().split('$').next().unwrap_or_default().to_string();
        let names_shape = f.phrase.contains(&format!("`{shape_name}`"));
        for u in &f.uses {
            let line = if u.direction == Direction::Operation {
                f.phrase.clone()
            } else if u.path.is_empty() {
                format!("{} {}: {}", u.direction, q(&shape_name), f.phrase)
            } else {
                let last = u.path.rsplit('.').next().unwrap_or_default().trim_end_matches("[]").trim_end_matches("{}");
                let via = if last == shape_name || names_shape { String::new() } else { format!(" ({})", q(&shape_name)) };
                format!("{} {}{via}: {}", u.direction, q(&u.path), f.phrase)
            };
            let key = (u.direction, u.path.clone());
            keyed.entry(u.service.clone()).or_default().entry(u.operation.clone()).or_default().push((key, line));
        }
    }
    for (service, ops) in keyed {
        let entry = out.operations.entry(service).or_default();
        for (op, mut lines) in ops {
            lines.sort();
            lines.dedup();
            entry.insert(op, lines.into_iter().map(|(_, l)| l).collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        assert_eq!(Format::parse("md"), Ok(Format::Markdown));
        assert_eq!(Format::parse("json"), Ok(Format::Json));
        assert!(Format::parse("html").unwrap_err().contains("expected markdown, text or json"));
    }

    #[test]
    fn empty_report_says_no_changes() {
        let r = Report::default();
        assert_eq!(summary_line(&r), "no API changes; 0 documentation-only changes");
        assert!(json(&r).contains("\"has_breaking\": false"));
    }
}
