//! `cargo xtask`: project automation.
//!
//! - `cargo xtask regen [--check] [--models DIR] [--out DIR]`: regenerate `generated/` from `models/`.
//! - `cargo xtask test`: the one command that runs every test (what CI runs).

mod regen;
mod test;

use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask regen [--check] [--timings] [--models DIR] [--out DIR]
  cargo xtask test";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regen") => regen::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(anyhow::anyhow!("unknown command `{other}`\n{USAGE}")),
        None => Err(anyhow::anyhow!("{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the workspace").to_path_buf()
}
