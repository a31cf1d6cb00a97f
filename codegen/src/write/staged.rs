//! Output handed over crate by crate. [`Staged`] writes each crate into the staging directory beside
//! the output as it comes and touches the output only in [`Staged::commit`], so a run that fails
//! half-way (a bad model, a panic) leaves it exactly as it was; [`Checker`] compares each crate with
//! the output as it comes. Either way only one crate's files are in memory at a time.

use super::{Report, Stale, compare, owned_files, remove_owned, staging_dir};
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

pub struct Staged {
    out: PathBuf,
    staging: PathBuf,
    /// Every file of the run.
    paths: BTreeSet<PathBuf>,
    /// Files of the run that are already in the output as they are: not staged.
    unchanged: usize,
    committed: bool,
}

impl Staged {
    /// Starts a run into `out` (a staging directory left by an interrupted run is replaced).
    pub fn new(out: &Path) -> io::Result<Staged> {
        let staging = staging_dir(out);
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        Ok(Staged { out: out.to_path_buf(), staging, paths: BTreeSet::new(), unchanged: 0, committed: false })
    }

    /// Writes files (paths relative to the output) into the staging directory, unless the output
    /// already holds them as they are.
    pub fn add(&mut self, files: &BTreeMap<PathBuf, String>) -> io::Result<()> {
        let mut dirs = BTreeSet::new();
        for (rel, text) in files {
            self.paths.insert(rel.clone());
            if std::fs::read(self.out.join(rel)).is_ok_and(|existing| existing == text.as_bytes()) {
                self.unchanged += 1;
                continue;
            }
            let path = self.staging.join(rel);
            if let Some(parent) = path.parent()
                && dirs.insert(parent.to_path_buf())
            {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)?;
        }
        Ok(())
    }

    /// Puts the run in place: a new output directory is the staging directory renamed; into an
    /// existing one, changed files are renamed over the old ones (each atomically), unchanged ones
    /// were never staged, and files of generated crates that were not generated again are removed.
    pub fn commit(mut self) -> io::Result<Report> {
        self.committed = true;
        if !self.out.exists() {
            if let Some(parent) = self.out.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(&self.staging, &self.out)?;
            return Ok(Report { written: self.paths.iter().cloned().collect(), ..Report::default() });
        }
        let mut report = Report { unchanged: self.unchanged, ..Report::default() };
        let before = owned_files(&self.out)?;
        for rel in &self.paths {
            let (staged, target) = (self.staging.join(rel), self.out.join(rel));
            if !staged.exists() {
                continue;
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(&staged, &target)?;
            report.written.push(rel.clone());
        }
        for rel in before.difference(&self.paths) {
            remove_owned(&self.out, rel)?;
            report.removed.push(rel.clone());
        }
        std::fs::remove_dir_all(&self.staging)?;
        Ok(report)
    }
}

impl Drop for Staged {
    /// A run that is not committed leaves nothing behind.
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// `--check`, crate by crate.
pub struct Checker {
    out: PathBuf,
    paths: BTreeSet<PathBuf>,
    stale: Vec<Stale>,
}

impl Checker {
    pub fn new(out: &Path) -> Checker {
        Checker { out: out.to_path_buf(), paths: BTreeSet::new(), stale: Vec::new() }
    }

    pub fn add(&mut self, files: &BTreeMap<PathBuf, String>) {
        self.stale.extend(compare(&self.out, files));
        self.paths.extend(files.keys().cloned());
    }

    /// What differs, files of generated crates that would not be generated again included.
    pub fn finish(mut self) -> io::Result<(Vec<Stale>, usize)> {
        for rel in owned_files(&self.out)? {
            if !self.paths.contains(&rel) {
                self.stale.push(Stale::Extra(rel));
            }
        }
        Ok((self.stale, self.paths.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::MARKER;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-staged-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn files(entries: &[(&str, &str)]) -> BTreeMap<PathBuf, String> {
        entries.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect()
    }

    #[test]
    fn crates_added_one_by_one_appear_only_on_commit() {
        let out = scratch("fresh").join("generated");
        let mut staged = Staged::new(&out).unwrap();
        staged.add(&files(&[("a/Cargo.toml", "a"), ("a/src/lib.rs", "x")])).unwrap();
        staged.add(&files(&[("b/src/deep/lib.rs", "y")])).unwrap();
        assert!(!out.exists(), "nothing is in place before the commit");
        let report = staged.commit().unwrap();
        assert_eq!(report.written.len(), 3);
        assert_eq!(std::fs::read_to_string(out.join("b/src/deep/lib.rs")).unwrap(), "y");
        assert!(!staging_dir(&out).exists());
        std::fs::remove_dir_all(out.parent().unwrap()).unwrap();
    }

    #[test]
    fn an_abandoned_run_leaves_the_output_as_it_was() {
        let out = scratch("abandon");
        let manifest = format!("# {MARKER}\n");
        super::super::write(&out, &files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "old")])).unwrap();
        {
            let mut staged = Staged::new(&out).unwrap();
            staged.add(&files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "new")])).unwrap();
            // Dropped without a commit, as when a later model fails.
        }
        assert_eq!(std::fs::read_to_string(out.join("c/src/a.rs")).unwrap(), "old");
        assert!(!staging_dir(&out).exists());
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn commit_into_an_existing_output_replaces_changes_and_removes_stale_files() {
        let out = scratch("existing");
        let manifest = format!("# {MARKER}\n");
        super::super::write(&out, &files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "a"), ("c/src/old/b.rs", "b")])).unwrap();
        let second = files(&[("c/Cargo.toml", &manifest), ("c/src/a.rs", "a2")]);
        let mut checker = Checker::new(&out);
        checker.add(&second);
        let (stale, count) = checker.finish().unwrap();
        assert_eq!((stale.len(), count), (2, 2), "a.rs changed and old/b.rs is stale: {stale:?}");
        let mut staged = Staged::new(&out).unwrap();
        staged.add(&second).unwrap();
        let report = staged.commit().unwrap();
        assert_eq!(report.written, [PathBuf::from("c/src/a.rs")]);
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.removed, [PathBuf::from("c/src/old/b.rs")]);
        assert!(!out.join("c/src/old").exists());
        let mut checker = Checker::new(&out);
        checker.add(&second);
        assert!(checker.finish().unwrap().0.is_empty());
        std::fs::remove_dir_all(&out).unwrap();
    }
}
