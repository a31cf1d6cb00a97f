//! `cargo xtask diff`: what a model change does to the API, the wire and the generated crate.
//!
//! - `cargo xtask diff OLD NEW`: two model files or two model directories.
//! - `cargo xtask diff --base REV`: `models/` at git revision REV against the working tree.
//!
//! Exits non-zero when an unsuppressed breaking change is found, unless `--allow-breaking`.

use anyhow::{Context, bail};
use codegen::diff::render::{Format, render};
use codegen::diff::suppress::Suppressions;
use codegen::diff::{Options, diff_files};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

pub const USAGE: &str = "cargo xtask diff (OLD NEW | --base REV) [--format markdown|text|json] [--suppress FILE] [--allow-breaking] [--no-generated] [--output FILE]";

#[derive(Debug, Default, PartialEq)]
pub struct Args {
    pub old: Option<PathBuf>,
    pub new: Option<PathBuf>,
    pub base: Option<String>,
    pub format: Option<String>,
    pub suppress: Option<PathBuf>,
    pub allow_breaking: bool,
    pub no_generated: bool,
    pub output: Option<PathBuf>,
}

pub fn parse(args: &[String]) -> anyhow::Result<Args> {
    let mut parsed = Args::default();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |what: &str| it.next().cloned().with_context(|| format!("{arg} needs {what}\nusage: {USAGE}"));
        match arg.as_str() {
            "--base" => parsed.base = Some(value("a git revision")?),
            "--format" => parsed.format = Some(value("markdown, text or json")?),
            "--suppress" => parsed.suppress = Some(PathBuf::from(value("a file")?)),
            "--output" => parsed.output = Some(PathBuf::from(value("a file")?)),
            "--allow-breaking" => parsed.allow_breaking = true,
            "--no-generated" => parsed.no_generated = true,
            s if s.starts_with("--") => bail!("unknown argument `{s}`\nusage: {USAGE}"),
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    match (positional.len(), &parsed.base) {
        (2, None) => {
            parsed.new = positional.pop();
            parsed.old = positional.pop();
        }
        (0, Some(_)) => {}
        (_, Some(_)) => bail!("--base compares models/ with the working tree; give no OLD/NEW paths with it\nusage: {USAGE}"),
        _ => bail!("expected OLD and NEW model files or directories, or --base REV\nusage: {USAGE}"),
    }
    Ok(parsed)
}

/// The model files of a path: the file itself, or a directory's `*.json` files.
fn model_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_dir() {
        let files = codegen::model_files(path).with_context(|| format!("cannot read model directory {}", path.display()))?;
        if files.is_empty() {
            bail!("no *.json model files in {}", path.display());
        }
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// `models/*.json` at a git revision, written into a fresh temporary directory (git is only read).
fn models_at(rev: &str, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let root = crate::root();
    let git = |args: &[&str]| -> anyhow::Result<Vec<u8>> {
        let out = Command::new("git").current_dir(&root).args(args).output().context("cannot run git")?;
        if !out.status.success() {
            bail!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim());
        }
        Ok(out.stdout)
    };
    let listing =
        git(&["ls-tree", "--name-only", &format!("{rev}:models")]).with_context(|| format!("cannot list models/ at revision `{rev}`"))?;
    std::fs::create_dir_all(dir)?;
    let mut files = Vec::new();
    for name in String::from_utf8_lossy(&listing).lines().filter(|n| n.ends_with(".json")) {
        let bytes = git(&["show", &format!("{rev}:models/{name}")])?;
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        files.push(path);
    }
    if files.is_empty() {
        bail!("no models/*.json at revision `{rev}`");
    }
    // Generator settings travel with the models (read for the generated-output summary).
    if String::from_utf8_lossy(&listing).lines().any(|n| n == codegen::config::FILE_NAME) {
        let bytes = git(&["show", &format!("{rev}:models/{}", codegen::config::FILE_NAME)])?;
        std::fs::write(dir.join(codegen::config::FILE_NAME), bytes)?;
    }
    files.sort();
    Ok(files)
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let args = parse(args)?;
    let format = Format::parse(args.format.as_deref().unwrap_or("text")).map_err(anyhow::Error::msg)?;
    let suppressions = args.suppress.as_deref().map(Suppressions::load).transpose().map_err(anyhow::Error::msg)?;
    let mut temp = None;
    let (old, new, old_label, new_label) = match (&args.base, &args.old, &args.new) {
        (Some(rev), _, _) => {
            let dir = std::env::temp_dir().join(format!("xtask-diff-{}-{}", std::process::id(), rev.replace(['/', ':'], "_")));
            let _ = std::fs::remove_dir_all(&dir);
            temp = Some(dir.clone());
            let old = models_at(rev, &dir)?;
            let new = model_files(&crate::root().join("models"))?;
            (old, new, format!("models/ at {rev}"), "models/ (working tree)".to_string())
        }
        (None, Some(o), Some(n)) => (model_files(o)?, model_files(n)?, o.display().to_string(), n.display().to_string()),
        _ => unreachable!("parse checked the arguments"),
    };
    let options = Options { generated: !args.no_generated, suppressions };
    let result = diff_files(&old, &new, &options);
    if let Some(dir) = temp {
        let _ = std::fs::remove_dir_all(dir);
    }
    let mut report = result.map_err(|e| anyhow::anyhow!("{e}"))?;
    report.old = old_label;
    report.new = new_label;
    let text = render(&report, format);
    match &args.output {
        Some(path) => std::fs::write(path, &text).with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    if report.has_breaking() && !args.allow_breaking {
        eprintln!("error: breaking changes found; accept them with --allow-breaking or a suppression file (--suppress FILE)");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn parses_paths_and_flags() {
        let a = parse(&args(&["a.json", "b.json", "--format", "json", "--allow-breaking"])).unwrap();
        assert_eq!(a.old, Some(PathBuf::from("a.json")));
        assert_eq!(a.new, Some(PathBuf::from("b.json")));
        assert_eq!(a.format.as_deref(), Some("json"));
        assert!(a.allow_breaking);
        assert_eq!(parse(&args(&["--base", "HEAD~1"])).unwrap().base.as_deref(), Some("HEAD~1"));
    }

    #[test]
    fn rejects_bad_arguments_with_usage() {
        assert!(parse(&args(&["a.json"])).unwrap_err().to_string().contains("expected OLD and NEW"));
        assert!(parse(&args(&["--base", "HEAD", "a.json"])).unwrap_err().to_string().contains("no OLD/NEW"));
        assert!(parse(&args(&["a", "b", "--colour"])).unwrap_err().to_string().contains("unknown argument `--colour`"));
        assert!(parse(&args(&["a", "b", "--format"])).unwrap_err().to_string().contains("--format needs"));
    }

    fn fixture(name: &str, side: &str) -> String {
        crate::root().join("tests/fixtures/diff").join(name).join(format!("{side}.json")).display().to_string()
    }

    fn out_file(tag: &str) -> PathBuf {
        std::env::temp_dir().join(format!("xtask-diff-test-{tag}-{}.out", std::process::id()))
    }

    #[test]
    fn breaking_changes_fail_unless_allowed() {
        let out = out_file("breaking");
        let base =
            [fixture("members", "old"), fixture("members", "new"), "--no-generated".into(), "--output".into(), out.display().to_string()];
        assert_eq!(run(&base).unwrap(), ExitCode::FAILURE);
        let report = std::fs::read_to_string(&out).unwrap();
        assert!(report.contains("BREAKING: 8 API changes (4 breaking, 2 additive, 2 other)"), "{report}");
        let mut allowed = base.to_vec();
        allowed.push("--allow-breaking".into());
        assert_eq!(run(&allowed).unwrap(), ExitCode::SUCCESS);
        std::fs::remove_file(&out).unwrap();
    }

    #[test]
    fn non_breaking_changes_pass_and_render_markdown_with_generated_summary() {
        let out = out_file("docs");
        let a = [
            fixture("docs_only", "old"),
            fixture("docs_only", "new"),
            "--format".into(),
            "markdown".into(),
            "--output".into(),
            out.display().to_string(),
        ];
        assert_eq!(run(&a).unwrap(), ExitCode::SUCCESS);
        let md = std::fs::read_to_string(&out).unwrap();
        std::fs::remove_file(&out).unwrap();
        assert!(md.contains("**Not breaking.** no API changes; 2 documentation-only changes"), "{md}");
        assert!(md.contains("### Generated code"), "{md}");
        assert!(md.contains("2 modified, 0 added, 0 removed"), "doc changes rewrite the docs of both types: {md}");
    }

    #[test]
    fn unreadable_inputs_and_bad_suppressions_are_errors() {
        let err = run(&args(&["/nonexistent/a.json", "/nonexistent/b.json"])).unwrap_err().to_string();
        assert!(err.contains("cannot read /nonexistent/a.json"), "{err}");
        let bad = out_file("suppress");
        std::fs::write(&bad, "{").unwrap();
        let a = [fixture("docs_only", "old"), fixture("docs_only", "new"), "--suppress".into(), bad.display().to_string()];
        let err = run(&a).unwrap_err().to_string();
        std::fs::remove_file(&bad).unwrap();
        assert!(err.contains("not valid JSON") && err.contains("xtask-diff-test-suppress"), "{err}");
        let err =
            run(&[fixture("docs_only", "old"), fixture("docs_only", "new"), "--format".into(), "html".into()]).unwrap_err().to_string();
        assert!(err.contains("unknown format `html`"), "{err}");
    }

    #[test]
    fn base_revision_reads_models_from_git() {
        if !crate::root().join(".git").exists() {
            eprintln!("SKIPPED: not a git checkout");
            return;
        }
        let out = out_file("base");
        let a = [
            "--base".to_string(),
            "HEAD".into(),
            "--no-generated".into(),
            "--allow-breaking".into(),
            "--format".into(),
            "json".into(),
            "--output".into(),
            out.display().to_string(),
        ];
        assert_eq!(run(&a).unwrap(), ExitCode::SUCCESS);
        let json = std::fs::read_to_string(&out).unwrap();
        std::fs::remove_file(&out).unwrap();
        assert!(json.contains("\"old\": \"models/ at HEAD\""), "{json}");
        let err = run(&args(&["--base", "no-such-revision-xyz"])).unwrap_err();
        assert!(format!("{err:#}").contains("cannot list models/ at revision `no-such-revision-xyz`"), "{err:#}");
    }
}
