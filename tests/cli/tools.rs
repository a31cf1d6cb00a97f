//! The tools under test: the generated crates' binaries (feature `cli`), built once per test run,
//! and the AWS CLI from the test virtualenv (`AWS_CLI`, installed by `cargo xtask test`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use workspace_tests::{cargo_in, venv_tool, workspace_root};

/// Builds in `target/nested` share one binary directory; one build at a time, copied out after.
static BUILD: Mutex<()> = Mutex::new(());

/// `aws`, or `None` (after printing SKIPPED) outside CI when it is not installed.
pub fn aws_cli() -> Option<PathBuf> {
    venv_tool("AWS_CLI", "aws", "the AWS CLI")
}

/// Builds the `cli` feature of the packages of the workspace `dir` (debug, or release for the
/// benchmark) and copies their binaries to `target/cli-tools/<label>/`.
fn build(dir: &Path, packages: &[&str], label: &str, release: bool) -> PathBuf {
    let _one = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    let mut args = vec!["build".to_string(), "--quiet".to_string(), "--bins".to_string()];
    if release {
        args.push("--release".to_string());
    }
    for p in packages {
        args.extend(["-p".to_string(), p.to_string(), "--features".to_string(), format!("{p}/cli")]);
    }
    cargo_in(dir, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let out = workspace_root().join("target/cli-tools").join(label);
    std::fs::create_dir_all(&out).unwrap();
    for p in packages {
        let profile = if release { "release" } else { "debug" };
        std::fs::copy(workspace_root().join("target/nested").join(profile).join(p), out.join(p)).unwrap();
    }
    out
}

/// The tools of the crates in `generated/` (our models' slice of the services).
pub fn ours() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| build(&workspace_root(), &["connect", "connect-contact-lens"], "ours", false))
}

/// The Connect tool of `generated/`, built in release (for the benchmark).
#[allow(dead_code)] // Used by `benches/cli.rs` only.
pub fn ours_release() -> PathBuf {
    build(&workspace_root(), &["connect"], "release", true).join("connect")
}

/// The tools of crates generated from the official models (`../shared/models/aws`).
pub fn official(models: &[PathBuf]) -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = workspace_root().join("target/official-cli");
        let generated = codegen::generate(&codegen::Input::files(models.iter().cloned())).unwrap_or_else(|e| panic!("{e}"));
        codegen::write::write(&dir, &generated.files).unwrap();
        let members: Vec<String> = generated.crates.iter().map(|c| format!("{c:?}")).collect();
        std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nmembers = [{}]\nresolver = \"2\"\n", members.join(", "))).unwrap();
        let _ = std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"));
        let crates: Vec<&str> = generated.crates.iter().map(String::as_str).collect();
        build(&dir, &crates, "official", false)
    })
}

/// The environment both tools run in: fixed credentials and no shared files of the machine's user.
pub fn environment<'c>(command: &'c mut Command, home: &Path) -> &'c mut Command {
    for var in ["AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_DEFAULT_OUTPUT", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"] {
        command.env_remove(var);
    }
    std::fs::create_dir_all(home).unwrap();
    let config = home.join("config");
    // The AWS CLI validates the stubbed response of `--generate-cli-skeleton output` but not,
    // with this, the skeleton input it is given.
    std::fs::write(&config, "[default]\nregion = us-east-1\nparameter_validation = false\n").unwrap();
    command
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_PAGER", "")
}

/// Runs `tool args...`; its exit code, stdout and stderr.
pub fn run(tool: &Path, args: &[&str], home: &Path) -> (i32, String, String) {
    let mut command = Command::new(tool);
    environment(&mut command, home).args(args).stdin(Stdio::null());
    let Output { status, stdout, stderr } = command.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", tool.display()));
    (status.code().unwrap_or(-1), String::from_utf8_lossy(&stdout).into_owned(), String::from_utf8_lossy(&stderr).into_owned())
}

/// Runs many AWS CLI command lines in Python processes (`cli/awscli_batch.py`), one per core, each
/// taking a contiguous share; the results come back in the order of `commands`.
pub fn aws_batch(aws: &Path, commands: &[Vec<String>], home: &Path) -> Vec<(i32, String, String)> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = commands.len().div_ceil(cores).max(1);
    std::thread::scope(|s| {
        let running: Vec<_> = commands.chunks(share).map(|chunk| s.spawn(move || aws_batch_one(aws, chunk, home))).collect();
        running.into_iter().flat_map(|r| r.join().unwrap()).collect()
    })
}

fn aws_batch_one(aws: &Path, commands: &[Vec<String>], home: &Path) -> Vec<(i32, String, String)> {
    let python = aws.with_file_name("python");
    let script = workspace_root().join("tests/cli/awscli_batch.py");
    let mut command = Command::new(&python);
    environment(&mut command, home).arg(&script).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let input = serde_json::to_vec(commands).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(output.status.success(), "{} failed:\n{}", script.display(), String::from_utf8_lossy(&output.stderr));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), commands.len(), "{} answered {} of {} commands", script.display(), results.len(), commands.len());
    results
        .into_iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (r["rc"].as_i64().unwrap_or(-1) as i32, s("stdout"), s("stderr"))
        })
        .collect()
}

/// The commands a tool lists in `help`.
pub fn commands(tool: &Path, home: &Path) -> Vec<String> {
    let (code, stdout, stderr) = run(tool, &["help"], home);
    assert_eq!(code, 0, "{stderr}");
    stdout.lines().filter_map(|l| l.strip_prefix("    o ")).map(String::from).collect()
}
