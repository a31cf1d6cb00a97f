//! `cargo xtask test`: every test, as CI runs it.

use std::process::{Command, ExitCode};

pub fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let root = crate::root();
    // Generated code must be fresh before anything else is worth testing.
    if crate::regen::run(&["--check".to_string()])? != ExitCode::SUCCESS {
        return Ok(ExitCode::FAILURE);
    }
    let status = Command::new(&cargo)
        .current_dir(&root)
        .args(["test", "--workspace", "--all-targets"])
        .args(args)
        // A separate target dir keeps `-D warnings` from invalidating the everyday build.
        .env("CARGO_TARGET_DIR", root.join("target/ci"))
        .env("RUSTFLAGS", "-D warnings")
        .status()?;
    if !status.success() {
        return Ok(ExitCode::FAILURE);
    }
    let status = Command::new(&cargo)
        .current_dir(&root)
        .args(["test", "--workspace", "--doc"])
        .env("CARGO_TARGET_DIR", root.join("target/ci"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .status()?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
