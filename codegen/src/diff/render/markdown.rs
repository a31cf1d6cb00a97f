//! Markdown for a pull-request comment: summary line, breaking changes first, then additive, then
//! other changes, the per-operation changelog, the documentation-only count collapsed, and the
//! generated-output summary.

use super::{changelog, event_label, rust_label, summary_line, wire_label};
use crate::diff::Report;
use crate::diff::finding::{Finding, Verdict};
use crate::diff::generated::FileStatus;
use std::fmt::Write;

/// Table cells: pipes and newlines would break the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn table(out: &mut String, title: &str, findings: &[&Finding], reason: bool) {
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {title} ({})\n", findings.len());
    let extra = if reason { " Suppressed because |" } else { "" };
    let _ = writeln!(out, "| Severity | Event | Shape | Change | Rust API | Wire |{extra}");
    let _ = writeln!(out, "|---|---|---|---|---|---|{}", if reason { "---|" } else { "" });
    for f in findings {
        let reason = if reason { format!(" {} |", cell(f.suppressed.as_deref().unwrap_or_default())) } else { String::new() };
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} | {} |{reason}",
            f.severity,
            cell(&event_label(f, true)),
            cell(f.short_shape()),
            cell(&f.message),
            cell(&rust_label(f, true)),
            cell(&wire_label(f)),
        );
    }
    out.push('\n');
}

pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Model diff: `{}` → `{}`\n", report.old, report.new);
    let crates: Vec<String> = report.services.iter().map(|(s, c)| format!("`{s}` (crate `{c}`)")).collect();
    let verdict = if report.has_breaking() { "**Breaking.**" } else { "**Not breaking.**" };
    let _ = writeln!(
        out,
        "{verdict} {}. Services: {}.\n",
        summary_line(report),
        if crates.is_empty() { "none".into() } else { crates.join(", ") }
    );

    let by = |v: Verdict| report.with_verdict(v).collect::<Vec<_>>();
    table(&mut out, "Breaking changes", &by(Verdict::Breaking), false);
    table(&mut out, "Additive changes", &by(Verdict::Additive), false);
    table(&mut out, "Other changes", &by(Verdict::Patch), false);
    table(&mut out, "Suppressed", &report.suppressed().collect::<Vec<_>>(), true);
    for s in &report.unused_suppressions {
        let _ = writeln!(out, "- Suppression `{s}` matched nothing.");
    }

    let log = changelog(report, true);
    if !log.operations.is_empty() || !log.shared.is_empty() || !log.unreached.is_empty() {
        out.push_str("### By operation\n\n");
        let many_services = log.operations.len() > 1;
        for (service, ops) in &log.operations {
            if many_services {
                let _ = writeln!(out, "#### {service}\n");
            }
            for (op, lines) in ops {
                let _ = writeln!(out, "- **{op}**");
                for l in lines {
                    let _ = writeln!(out, "  - {l}");
                }
            }
        }
        for (f, ops) in &log.shared {
            let shown: Vec<&str> = ops.iter().take(5).map(String::as_str).collect();
            let _ = writeln!(out, "- **{} operations** ({}, …): `{}` {}", ops.len(), shown.join(", "), f.short_shape(), f.phrase);
        }
        for f in &log.unreached {
            let _ = writeln!(out, "- **No operation**: `{}` {}", f.short_shape(), f.phrase);
        }
        out.push('\n');
    }

    let n = report.doc_only.len();
    if n > 0 {
        let names: Vec<String> = report.doc_only.iter().map(|s| format!("`{}`", s.split_once('#').map(|x| x.1).unwrap_or(s))).collect();
        let _ = writeln!(
            out,
            "<details><summary>{n} documentation-only change{} (not API changes)</summary>\n\n{}\n\n</details>\n",
            if n == 1 { "" } else { "s" },
            names.join(", ")
        );
    }

    if let Some(g) = &report.generated {
        out.push_str("### Generated code\n\n");
        if let Some(e) = &g.error {
            let _ = writeln!(out, "Not computed: {}\n", e.lines().next().unwrap_or_default());
        } else if g.files.is_empty() {
            let _ = writeln!(out, "No generated file changes ({} files).\n", g.total_files);
        } else {
            let _ = writeln!(
                out,
                "{} of {} files change (+{} −{} lines): {} modified, {} added, {} removed.\n",
                g.files.len(),
                g.total_files,
                g.added_lines,
                g.removed_lines,
                g.count(FileStatus::Modified),
                g.count(FileStatus::Added),
                g.count(FileStatus::Removed)
            );
            out.push_str("<details><summary>Files</summary>\n\n| File | Status | + | − |\n|---|---|---|---|\n");
            for f in &g.files {
                let status = match f.status {
                    FileStatus::Added => "added",
                    FileStatus::Removed => "removed",
                    FileStatus::Modified => "modified",
                };
                let _ = writeln!(out, "| `{}` | {status} | {} | {} |", f.path, f.added_lines, f.removed_lines);
            }
            out.push_str("\n</details>\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
