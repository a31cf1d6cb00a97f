//! moto for the moto tests (`tests/moto.rs`): a virtualenv at `target/venv` (`python3 -m venv`)
//! with `moto[server,dynamodb]` and `awscli` installed by pip on first use. The tests start
//! `moto_server` themselves; the CLI tests (`tests/cli.rs`) compare the generated tools with `aws`.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment variable that tells the tests where `moto_server` is.
pub const ENV: &str = "MOTO_SERVER";
/// The environment variable that tells the tests where the AWS CLI (`aws`) is.
pub const AWS_CLI_ENV: &str = "AWS_CLI";
/// What pip installs: moto's server (with DynamoDB's expression parser) and the AWS CLI.
const PACKAGES: &[&str] = &["moto[server,dynamodb]", "awscli"];

fn run(what: &str, command: &mut Command) -> anyhow::Result<()> {
    let status = command.stdin(Stdio::null()).status().with_context(|| format!("cannot run {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Whether the virtualenv's Python can import moto's server.
fn installed(python: &Path, server: &Path) -> bool {
    server.is_file()
        && Command::new(python)
            // DynamoDB's expressions need the `dynamodb` extra's parser.
            .args(["-c", "import moto.server, py_partiql_parser, awscli"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// The path of `moto_server`, installing moto into `<root>/target/venv` unless it is there.
pub fn ensure(root: &Path) -> anyhow::Result<PathBuf> {
    let venv = root.join("target/venv");
    let python = venv.join("bin/python");
    let server = venv.join("bin/moto_server");
    if installed(&python, &server) {
        return Ok(server);
    }
    eprintln!("==> moto: installing {} into {}", PACKAGES.join(" "), venv.display());
    if !python.is_file() {
        run("python3 -m venv", Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    run(
        &format!("pip install {}", PACKAGES.join(" ")),
        Command::new(&python).args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]).args(PACKAGES),
    )?;
    if !installed(&python, &server) {
        bail!("{} were installed but {} does not run", PACKAGES.join(" "), server.display());
    }
    Ok(server)
}
