//! The generator on small fixture models, one per feature (`tests/fixtures/codegen/*.json`).
//!
//! * `snapshot::<fixture>`: every file generated from the fixture is pinned with insta in
//!   `tests/snapshots/<fixture>__<path with / as __>.snap`. The vendored runtime (`src/rt/`) is the
//!   same in every crate, so it is pinned once, from `structures` (the fixture that uses all of it).
//!   Update with `INSTA_UPDATE=always cargo test -p workspace-tests --test snapshots` (or
//!   `cargo insta review`) and read the diff.
//! * `no_orphan_snapshots`: every `<fixture>__*.snap` file belongs to a file that is still generated
//!   (`INSTA_UPDATE=always` deletes orphans instead of failing). Snapshots of other tests in
//!   `tests/snapshots/` are not this test's business.
//! * `fixture_crates_build_test_and_document`: all fixture crates are generated into
//!   `target/fixture-crates/` as one workspace, each with `tests/fixtures/codegen/<fixture>.rs`
//!   (if present) as its `tests/behaviour.rs`, then built, tested (unit, behaviour and doctests)
//!   and documented with warnings denied.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use workspace_tests::workspace_root;

/// Fixture names: `tests/fixtures/codegen/<name>.json`.
const FIXTURES: &[&str] = &["documentation", "enums", "errors", "naming", "recursion", "sensitive", "structures", "unions"];

/// The fixture whose snapshots include the vendored runtime.
const RUNTIME_FIXTURE: &str = "structures";

fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests/fixtures/codegen")
}

fn snapshots_dir() -> PathBuf {
    workspace_root().join("tests/snapshots")
}

/// Generates the one crate of a fixture: its name and its files keyed by path inside the crate.
fn generate(fixture: &str) -> (String, BTreeMap<String, String>) {
    let path = fixtures_dir().join(format!("{fixture}.json"));
    let generated =
        codegen::generate(&codegen::Input::files([path])).unwrap_or_else(|e| panic!("fixture `{fixture}` does not generate:\n{e}"));
    let warnings: Vec<String> = generated.warnings.warnings().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "fixture `{fixture}` has warnings:\n{}", warnings.join("\n"));
    assert_eq!(generated.crates.len(), 1, "fixture `{fixture}` must define exactly one service");
    let krate = generated.crates[0].clone();
    let files = generated
        .files
        .iter()
        .map(|(path, text)| {
            let rel = path.strip_prefix(&krate).expect("files are keyed `<crate>/...`");
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            (rel, text.clone())
        })
        .collect();
    (krate, files)
}

/// The snapshot names of a fixture's files, with their contents.
fn snapshots_of(fixture: &str) -> BTreeMap<String, String> {
    let (_, files) = generate(fixture);
    files
        .into_iter()
        .filter(|(rel, _)| fixture == RUNTIME_FIXTURE || !rel.starts_with("src/rt/"))
        .map(|(rel, text)| (format!("{fixture}__{}", rel.replace('/', "__")), text))
        .collect()
}

fn snapshot_fixture(fixture: &str) {
    let snapshots = snapshots_of(fixture);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(snapshots_dir());
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (name, text) in &snapshots {
            insta::assert_snapshot!(name.as_str(), text);
        }
    });
}

mod snapshot {
    macro_rules! fixtures {
        ($($name:ident),* $(,)?) => {
            $(
                #[test]
                fn $name() {
                    super::snapshot_fixture(stringify!($name));
                }
            )*
            #[test]
            fn every_fixture_has_a_test() {
                assert_eq!(&[$(stringify!($name)),*], super::FIXTURES);
            }
        };
    }
    fixtures!(documentation, enums, errors, naming, recursion, sensitive, structures, unions);
}

#[test]
fn no_orphan_snapshots() {
    let expected: BTreeSet<String> = FIXTURES.iter().flat_map(|f| snapshots_of(f).into_keys()).collect();
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(snapshots_dir()).expect("tests/snapshots exists") {
        let path = entry.expect("readable directory").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".snap")) else { continue };
        let ours = FIXTURES.iter().any(|f| name.strip_prefix(f).is_some_and(|rest| rest.starts_with("__")));
        if ours && !expected.contains(name) {
            orphans.push(path);
        }
    }
    if orphans.is_empty() {
        return;
    }
    if std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always") {
        for path in &orphans {
            std::fs::remove_file(path).expect("removable snapshot");
        }
        return;
    }
    let list: Vec<String> = orphans.iter().map(|p| p.display().to_string()).collect();
    panic!("snapshots of files that are no longer generated:\n{}\nDelete them, or run with INSTA_UPDATE=always.", list.join("\n"));
}

/// Writes `text` to `path` unless it already holds exactly that (keeps mtimes, so cargo does not rebuild).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("creatable directory");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Runs cargo in the fixture workspace with warnings denied; panics with the output on failure.
/// Returns what cargo wrote to stdout and stderr.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        // These would override RUSTFLAGS or leak the outer build's settings.
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cargo:?}: {e}"));
    if !output.status.success() {
        panic!(
            "`cargo {}` failed in {} ({}):\n--- stdout ---\n{}\n--- stderr ---\n{}",
            args.join(" "),
            dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn fixture_crates_build_test_and_document() {
    let root = workspace_root();
    let out = root.join("target/fixture-crates");
    let target = root.join("target/fixture-crates-target");

    let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut crates: BTreeMap<String, &str> = BTreeMap::new();
    let mut behaviour: Vec<(String, PathBuf)> = Vec::new();
    for fixture in FIXTURES {
        let (krate, crate_files) = generate(fixture);
        if let Some(other) = crates.insert(krate.clone(), fixture) {
            panic!("fixtures `{other}` and `{fixture}` both generate the crate `{krate}`");
        }
        files.extend(crate_files.into_iter().map(|(rel, text)| (Path::new(&krate).join(rel), text)));
        let tests = fixtures_dir().join(format!("{fixture}.rs"));
        if tests.exists() {
            behaviour.push((krate, tests));
        }
    }
    // `write` also removes files of these crates that are no longer generated (behaviour tests
    // included; they are copied back below).
    codegen::write::write(&out, &files).expect("fixture crates are writable");
    for (krate, source) in &behaviour {
        let text = std::fs::read_to_string(source).expect("readable behaviour test");
        write_if_changed(&out.join(krate).join("tests/behaviour.rs"), &text);
    }
    let members: Vec<String> = crates.keys().map(|k| format!("    {k:?},\n")).collect();
    write_if_changed(
        &out.join("Cargo.toml"),
        &format!("# Written by tests/snapshots.rs.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}]\n", members.concat()),
    );
    // Start from the main lock file so the dependency versions are the ones already in use.
    if !out.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).expect("copyable Cargo.lock");
    }

    cargo(&out, &target, &["build", "--workspace", "--all-targets"]);
    let tested = cargo(&out, &target, &["test", "--workspace"]);
    let ran = tested.matches("Running tests/behaviour.rs").count();
    assert_eq!(ran, behaviour.len(), "expected {} behaviour test binaries to run:\n{tested}", behaviour.len());
    cargo(&out, &target, &["doc", "--workspace", "--no-deps"]);
}
