//! Plain text for the terminal, one finding per line in smithy-diff's style
//! (`[SEVERITY] shape: message | EventId`), grouped by verdict.

use super::{changelog, event_label, rust_label, summary_line, wire_label};
use crate::diff::Report;
use crate::diff::finding::Verdict;
use crate::diff::generated::FileStatus;
use std::fmt::Write;

pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "model diff: {} -> {}", report.old, report.new);
    let _ = writeln!(out, "{}{}", if report.has_breaking() { "BREAKING: " } else { "not breaking: " }, summary_line(report));
    for (title, verdict) in [("breaking", Verdict::Breaking), ("additive", Verdict::Additive), ("other", Verdict::Patch)] {
        let list: Vec<_> = report.with_verdict(verdict).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title} ({}):", list.len());
        for f in list {
            let _ = writeln!(out, "  [{}] {}: {} | {}", f.severity, f.short_shape(), f.message, event_label(f, false));
            let _ = writeln!(out, "      rust: {}; wire: {}", rust_label(f, false), wire_label(f));
        }
    }
    let suppressed: Vec<_> = report.suppressed().collect();
    if !suppressed.is_empty() {
        let _ = writeln!(out, "\nsuppressed ({}):", suppressed.len());
        for f in suppressed {
            let _ = writeln!(
                out,
                "  [{}] {}: {} | {} (accepted: {})",
                f.severity,
                f.short_shape(),
                f.message,
                f.id,
                f.suppressed.as_deref().unwrap_or_default()
            );
        }
    }
    for s in &report.unused_suppressions {
        let _ = writeln!(out, "warning: suppression `{s}` matched nothing");
    }
    let log = changelog(report, false);
    if !log.operations.is_empty() || !log.shared.is_empty() || !log.unreached.is_empty() {
        out.push_str("\nby operation:\n");
        for (service, ops) in &log.operations {
            for (op, lines) in ops {
                let prefix = if log.operations.len() > 1 { format!("{service}.") } else { String::new() };
                let _ = writeln!(out, "  {prefix}{op}:");
                for l in lines {
                    let _ = writeln!(out, "    {l}");
                }
            }
        }
        for (f, ops) in &log.shared {
            let _ = writeln!(out, "  {} operations: {} {}", ops.len(), f.short_shape(), f.phrase);
        }
        for f in &log.unreached {
            let _ = writeln!(out, "  no operation: {} {}", f.short_shape(), f.phrase);
        }
    }
    let n = report.doc_only.len();
    let _ = writeln!(out, "\ndocumentation-only: {n} shape{} (collapsed; --format json lists them)", if n == 1 { "" } else { "s" });
    if let Some(g) = &report.generated {
        match &g.error {
            Some(e) => {
                let _ = writeln!(out, "generated code: not computed: {}", e.lines().next().unwrap_or_default());
            }
            None => {
                let _ = writeln!(
                    out,
                    "generated code: {} of {} files change (+{} -{} lines): {} modified, {} added, {} removed",
                    g.files.len(),
                    g.total_files,
                    g.added_lines,
                    g.removed_lines,
                    g.count(FileStatus::Modified),
                    g.count(FileStatus::Added),
                    g.count(FileStatus::Removed)
                );
                for f in g.files.iter().take(20) {
                    let _ = writeln!(out, "  {} +{} -{}", f.path, f.added_lines, f.removed_lines);
                }
                if g.files.len() > 20 {
                    let _ = writeln!(out, "  … {} more", g.files.len() - 20);
                }
            }
        }
    }
    out
}
