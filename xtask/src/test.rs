//! `cargo xtask test`: every check, as CI runs it: generated code fresh, `cargo fmt --check`, clippy
//! with `-D warnings`, then every test. moto, which the moto tests start, is installed
//! into `target/venv` on first use and its path passed on in `MOTO_SERVER`.

use std::process::{Command, ExitCode};

/// One cargo invocation of the test run, with the environment it needs.
struct Step {
    what: &'static str,
    args: Vec<String>,
    env: Vec<(String, String)>,
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = crate::root();
    // Generated code must be fresh before anything else is worth testing.
    if crate::regen::run(&["--check".to_string()])? != ExitCode::SUCCESS {
        return Ok(ExitCode::FAILURE);
    }
    let strict: Vec<(String, String)> =
        [("RUSTFLAGS", "-D warnings"), ("RUSTDOCFLAGS", "-D warnings")].map(|(k, v)| (k.to_string(), v.to_string())).into();
    let mut test_env = strict.clone();
    // Outside CI a machine without Python or PyPI still runs the rest; the moto tests say SKIPPED.
    match crate::moto::ensure(&root) {
        Ok(server) => {
            let aws = server.with_file_name("aws");
            test_env.push((crate::moto::ENV.to_string(), server.display().to_string()));
            test_env.push((crate::moto::AWS_CLI_ENV.to_string(), aws.display().to_string()));
        }
        Err(e) if in_ci() => return Err(e.context("moto is needed in CI")),
        Err(e) => eprintln!("warning: moto unavailable, the moto tests will be skipped: {e:#}"),
    }
    let owned = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut test_args = owned(&["test", "--workspace", "--all-targets", "--no-fail-fast"]);
    test_args.extend(args.iter().cloned());
    let steps = [
        // House habits first: they are quick and say exactly what to run.
        Step { what: "formatting (fix: cargo fmt --all)", args: owned(&["fmt", "--all", "--check"]), env: Vec::new() },
        Step { what: "clippy", args: owned(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]), env: strict.clone() },
        // The tools are behind a feature the workspace build leaves off.
        Step { what: "clippy of the generated tools (feature cli)", args: generated_clippy(&root)?, env: strict.clone() },
        Step { what: "tests", args: test_args, env: test_env },
        Step { what: "doctests", args: owned(&["test", "--workspace", "--doc"]), env: strict.clone() },
        // rustdoc lints (broken links, unclosed HTML) on what users read: the generated crates.
        Step {
            what: "docs of generated crates",
            args: owned(&["doc", "--no-deps", "-p", "connect", "-p", "connect-contact-lens"]),
            env: strict,
        },
    ];
    for step in steps {
        eprintln!("==> {}: cargo {}", step.what, step.args.join(" "));
        let status = Command::new(&cargo)
            .current_dir(&root)
            .args(&step.args)
            // A separate target dir keeps `-D warnings` from invalidating the everyday build.
            .env("CARGO_TARGET_DIR", root.join("target/ci"))
            .envs(step.env.iter().map(|(k, v)| (k, v)))
            .status()?;
        if !status.success() {
            eprintln!("error: {} failed", step.what);
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `cargo clippy` of every crate in `generated/` with its `cli` feature.
fn generated_clippy(root: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let mut args = vec!["clippy".to_string()];
    let mut names: Vec<String> = std::fs::read_dir(root.join("generated"))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("Cargo.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        args.extend(["-p".to_string(), name.clone(), "--features".to_string(), format!("{name}/cli")]);
    }
    args.extend(["--all-targets", "--", "-D", "warnings"].map(String::from));
    Ok(args)
}
