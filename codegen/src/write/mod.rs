//! Write: put generated files on disk only where they changed, each atomically (staged beside the
//! output, then renamed), and remove files of generated crates that are no longer generated; a new
//! output directory is staged whole and renamed into place at once. `check` compares without
//! writing. [`Staged`] and [`Checker`] take the files crate by crate, as a run generates them, so a
//! run over hundreds of models never holds all their files at once; `write` and `check` are them
//! with everything at once.

mod staged;

pub use staged::{Checker, Staged};

use crate::format::MARKER;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
    pub unchanged: usize,
}

/// A difference between what would be generated and what is on disk.
#[derive(Debug)]
pub enum Stale {
    Changed { path: PathBuf, diff: String },
    Missing(PathBuf),
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Changed { path, diff } => write!(f, "changed: {}\n{diff}", path.display()),
            Stale::Missing(p) => write!(f, "missing: {}", p.display()),
            Stale::Extra(p) => write!(f, "no longer generated: {}", p.display()),
        }
    }
}

/// Files under `out` that belong to generated crates: every file of a directory whose `Cargo.toml`
/// carries the generator's marker.
fn owned_files(out: &Path) -> io::Result<BTreeSet<PathBuf>> {
    let mut files = BTreeSet::new();
    let Ok(entries) = std::fs::read_dir(out) else { return Ok(files) };
    for entry in entries {
        let dir = entry?.path();
        let manifest = dir.join("Cargo.toml");
        let owned = std::fs::read_to_string(&manifest).map(|t| t.contains(MARKER)).unwrap_or(false);
        if dir.is_dir() && owned {
            collect(&dir, out, &mut files)?;
        }
    }
    Ok(files)
}

fn collect(dir: &Path, root: &Path, files: &mut BTreeSet<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            // Build output of a copied crate is not ours to judge.
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            collect(&path, root, files)?;
        } else if path.file_name().is_some_and(|n| n != "Cargo.lock") {
            files.insert(path.strip_prefix(root).expect("under root").to_path_buf());
        }
    }
    Ok(())
}

fn normalize(s: &str) -> String {
    s.replace("\r\n", "\n")
}

/// Compares the generated files with `out`; empty means up to date (through [`Checker`]).
pub fn check(out: &Path, files: &BTreeMap<PathBuf, String>) -> io::Result<Vec<Stale>> {
    let mut checker = Checker::new(out);
    checker.add(files);
    Ok(checker.finish()?.0)
}

/// The files that differ from (or are missing in) `out`.
fn compare(out: &Path, files: &BTreeMap<PathBuf, String>) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (rel, text) in files {
        match std::fs::read_to_string(out.join(rel)) {
            Ok(existing) if normalize(&existing) == *text => {}
            Ok(existing) => {
                let existing = normalize(&existing);
                let diff = similar::TextDiff::from_lines(existing.as_str(), text.as_str())
                    .unified_diff()
                    .context_radius(2)
                    .header(&format!("a/{}", rel.display()), &format!("b/{}", rel.display()))
                    .to_string();
                stale.push(Stale::Changed { path: rel.clone(), diff });
            }
            Err(_) => stale.push(Stale::Missing(rel.clone())),
        }
    }
    stale
}

/// Writes changed files atomically and removes stale ones (through [`Staged`]).
pub fn write(out: &Path, files: &BTreeMap<PathBuf, String>) -> io::Result<Report> {
    let mut staged = Staged::new(out)?;
    staged.add(files)?;
    staged.commit()
}

/// The staging directory beside `out`.
fn staging_dir(out: &Path) -> PathBuf {
    let mut staging = out.as_os_str().to_owned();
    staging.push(".regen-tmp");
    PathBuf::from(staging)
}

/// Removes `rel` under `out` and the directories it leaves empty.
fn remove_owned(out: &Path, rel: &Path) -> io::Result<()> {
    std::fs::remove_file(out.join(rel))?;
    let mut dir = out.join(rel);
    while dir.pop() && dir != out && std::fs::remove_dir(&dir).is_ok() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn files(entries: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
        entries.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect()
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let out = scratch("stale");
        let manifest = format!("# {MARKER} from m.json. DO NOT EDIT.\n");
        let first = files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "a"), ("c/src/old/b.rs", "b")]);
        let report = write(&out, &first).unwrap();
        assert_eq!(report.written.len(), 3);
        // A directory without our marker is never touched.
        std::fs::create_dir_all(out.join("mine")).unwrap();
        std::fs::write(out.join("mine/keep.rs"), "x").unwrap();

        let second = files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "a2")]);
        assert_eq!(check(&out, &second).unwrap().len(), 2, "a.rs changed and old/b.rs is stale");
        let report = write(&out, &second).unwrap();
        assert_eq!(report.written, [PathBuf::from("c/src/a.rs")]);
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.removed, [PathBuf::from("c/src/old/b.rs")]);
        assert!(!out.join("c/src/old").exists(), "emptied directories are removed");
        assert!(out.join("mine/keep.rs").exists());
        assert!(check(&out, &second).unwrap().is_empty());
        assert!(!out.join("c/src/a.regen-tmp").exists());
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn a_new_output_appears_whole_and_a_leftover_staging_directory_is_replaced() {
        let out = scratch("fresh").join("generated");
        let staging = out.with_extension("regen-tmp");
        std::fs::create_dir_all(staging.join("c")).unwrap();
        std::fs::write(staging.join("c/leftover.rs"), "from an interrupted run").unwrap();
        let report = write(&out, &files(&[("c/Cargo.toml", "m"), ("c/src/deep/a.rs", "a")])).unwrap();
        assert_eq!(report.written.len(), 2);
        assert_eq!(std::fs::read_to_string(out.join("c/src/deep/a.rs")).unwrap(), "a");
        assert!(!staging.exists());
        assert!(!out.join("c/leftover.rs").exists());
        std::fs::remove_dir_all(out.parent().unwrap()).unwrap();
    }

    #[test]
    fn check_reports_a_readable_diff() {
        let out = scratch("diff");
        let manifest = format!("# {MARKER}\n");
        write(&out, &files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "one\ntwo\n")])).unwrap();
        let stale = check(&out, &files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "one\nthree\n")])).unwrap();
        let text = stale[0].to_string();
        assert!(text.contains("-two") && text.contains("+three"), "{text}");
        std::fs::remove_dir_all(&out).unwrap();
    }
}
