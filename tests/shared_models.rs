//! Every model in `../shared/models/` (the official AWS models of `aws/` and `aws-more/`, the
//! Connect history, every protocol test suite) goes through the generator on its own, and all the
//! crates, with `tests/fixtures/build/`'s models, pass `cargo check` with every feature (the
//! command-line tools too) and warnings denied, in one
//! workspace. Services of a protocol without a client must say so with a warning.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use workspace_tests::{shared_model, workspace_root};

/// The model files of a directory of `../shared/models/`.
fn models(dir: &str) -> Vec<PathBuf> {
    let Some(dir) = shared_model(dir) else { return Vec::new() };
    let files = codegen::model_files(&dir).unwrap();
    assert!(!files.is_empty(), "{}: no models", dir.display());
    files
}

/// A package name for the crate of `stem`: history versions and the official models generate
/// crates of the same name, and one workspace needs distinct ones.
fn package_name(stem: &str, krate: &str) -> String {
    let tag: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    format!("{krate}-{}", tag.split_whitespace().collect::<Vec<_>>().join("-"))
}

#[test]
fn every_shared_model_generates_and_its_crates_check_without_warnings() {
    let mut files = Vec::new();
    for dir in ["aws", "aws-more", "history", "protocol-tests"] {
        files.extend(models(dir));
    }
    if files.is_empty() {
        return;
    }
    files.extend(codegen::model_files(&workspace_root().join("tests/fixtures/build")).unwrap());
    let out = workspace_root().join("target/shared-models");
    let _ = std::fs::remove_dir_all(&out);
    let mut members = Vec::new();
    let mut types_only = BTreeSet::new();
    for file in &files {
        let generated = codegen::generate(&codegen::Input::files([file.clone()]))
            .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", file.display()));
        for w in generated.warnings.warnings() {
            if w.message.starts_with("No client: the service's protocol") {
                types_only.insert(w.location.clone());
            }
        }
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = out.join(&stem);
        codegen::write::write(&dir, &generated.files).unwrap();
        for krate in &generated.crates {
            rename_package(&dir.join(krate), krate, &package_name(&stem, krate));
            members.push(format!("{stem}/{krate}"));
        }
    }
    // The protocol suites' XML, Query and CBOR services are types-only, and say so.
    if !types_only.is_empty() {
        for service in ["aws.protocoltests.restxml#RestXml", "aws.protocoltests.query#AwsQuery", "aws.protocoltests.ec2#AwsEc2"] {
            assert!(types_only.contains(service), "{service} must be reported as types-only: {types_only:?}");
        }
    }
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    std::fs::write(out.join("Cargo.toml"), format!("[workspace]\nmembers = [{}]\nresolver = \"2\"\n", list.join(", "))).unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let output = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&out)
        // Every feature: the command-line tools (`cli`), `sdk-config` and the stub are checked too.
        .args(["check", "--quiet", "--workspace", "--all-features"])
        // Its own target directory: RUSTFLAGS differ from the other nested builds.
        .env("CARGO_TARGET_DIR", workspace_root().join("target/shared-models-target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo check of {} crates generated from ../shared/models failed:\n{}",
        members.len(),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn rename_package(dir: &Path, from: &str, to: &str) {
    let path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let old = format!("name = \"{from}\"");
    assert!(text.contains(&old), "{}: no `{old}`", path.display());
    std::fs::write(&path, text.replacen(&old, &format!("name = \"{to}\""), 1)).unwrap();
    // The tool's `main.rs` calls the library by its (package) name.
    let main = dir.join("src/main.rs");
    if let Ok(text) = std::fs::read_to_string(&main) {
        let (from, to) = (format!("{}::cli::main", from.replace('-', "_")), format!("{}::cli::main", to.replace('-', "_")));
        assert!(text.contains(&from), "{}: no `{from}`", main.display());
        std::fs::write(&main, text.replace(&from, &to)).unwrap();
    }
}
