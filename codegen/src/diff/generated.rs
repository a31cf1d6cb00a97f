//! What a model change does to the generated output: both models are generated in memory and the
//! files compared line by line.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Added,
    Removed,
    Modified,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileChange {
    /// Path relative to `generated/` (`connect/src/types/contact.rs`).
    pub path: String,
    pub status: FileStatus,
    pub added_lines: usize,
    pub removed_lines: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GeneratedSummary {
    /// Changed files only, by path.
    pub files: Vec<FileChange>,
    pub added_lines: usize,
    pub removed_lines: usize,
    /// Files generated from the new model.
    pub total_files: usize,
    /// Set when one side could not be generated: which and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl GeneratedSummary {
    pub fn count(&self, status: FileStatus) -> usize {
        self.files.iter().filter(|f| f.status == status).count()
    }
}

/// Generates both sides (with the `codegen.toml` beside each side's models) and compares them. When
/// the model files have different names (two history snapshots), the old names are replaced by the
/// new ones in the old output first, so the header naming the source file does not count as a change.
pub fn summarize(old: &[PathBuf], new: &[PathBuf]) -> GeneratedSummary {
    let generate = |side: &str, paths: &[PathBuf]| {
        crate::generate(&crate::Input::files(paths)).map(|g| g.files).map_err(|f| format!("the {side} model does not generate: {f}"))
    };
    let (a, b) = match (generate("old", old), generate("new", new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return GeneratedSummary { error: Some(e), ..Default::default() },
    };
    let base = |p: &PathBuf| p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let mut old_names: Vec<String> = old.iter().map(base).collect();
    let mut new_names: Vec<String> = new.iter().map(base).collect();
    old_names.sort();
    new_names.sort();
    let renames: Vec<(String, String)> = if old_names.len() == new_names.len() {
        old_names.into_iter().zip(new_names).filter(|(a, b)| a != b).collect()
    } else {
        Vec::new()
    };
    let a = a
        .into_iter()
        .map(|(p, mut text)| {
            for (from, to) in &renames {
                text = text.replace(from.as_str(), to);
            }
            (p, text)
        })
        .collect();
    compare_outputs(&a, &b)
}

/// Line-level comparison of two generated file sets.
pub fn compare_outputs(old: &BTreeMap<PathBuf, String>, new: &BTreeMap<PathBuf, String>) -> GeneratedSummary {
    let mut out = GeneratedSummary { total_files: new.len(), ..Default::default() };
    let paths: BTreeSet<&PathBuf> = old.keys().chain(new.keys()).collect();
    for path in paths {
        let (status, added, removed) = match (old.get(path), new.get(path)) {
            (None, Some(b)) => (FileStatus::Added, b.lines().count(), 0),
            (Some(a), None) => (FileStatus::Removed, 0, a.lines().count()),
            (Some(a), Some(b)) if a != b => {
                let diff = similar::TextDiff::from_lines(a.as_str(), b.as_str());
                let mut counts = (0, 0);
                for change in diff.iter_all_changes() {
                    match change.tag() {
                        similar::ChangeTag::Insert => counts.0 += 1,
                        similar::ChangeTag::Delete => counts.1 += 1,
                        similar::ChangeTag::Equal => {}
                    }
                }
                (FileStatus::Modified, counts.0, counts.1)
            }
            _ => continue,
        };
        out.added_lines += added;
        out.removed_lines += removed;
        out.files.push(FileChange { path: slash(path), status, added_lines: added, removed_lines: removed });
    }
    out
}

fn slash(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
        entries.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect()
    }

    #[test]
    fn counts_files_and_lines_by_status() {
        let old = files(&[("c/src/a.rs", "x\ny\nz\n"), ("c/src/gone.rs", "1\n2\n"), ("c/src/same.rs", "s\n")]);
        let new = files(&[("c/src/a.rs", "x\nY\nz\nw\n"), ("c/src/new.rs", "n\n"), ("c/src/same.rs", "s\n")]);
        let s = compare_outputs(&old, &new);
        let got: Vec<_> = s.files.iter().map(|f| (f.path.as_str(), f.status, f.added_lines, f.removed_lines)).collect();
        assert_eq!(
            got,
            vec![
                ("c/src/a.rs", FileStatus::Modified, 2, 1),
                ("c/src/gone.rs", FileStatus::Removed, 0, 2),
                ("c/src/new.rs", FileStatus::Added, 1, 0),
            ]
        );
        assert_eq!((s.added_lines, s.removed_lines, s.total_files), (3, 3, 3));
        assert_eq!(s.count(FileStatus::Modified), 1);
    }
}
