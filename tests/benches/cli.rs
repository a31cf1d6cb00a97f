//! The generated command-line tool against the AWS CLI (`aws`, from the test virtualenv), the same
//! commands in the same run (issue 18): start-up (`--version`) and one call of
//! `describe-instance` against a local HTTP server that answers as Connect does. Each sample
//! starts a process, as a user's command line does. Our tool is the release build of
//! `generated/connect` with the `cli` feature. Figures go in `BENCHMARKS.md` (section
//! "Command-line tool"); the ratios are printed at the end of the run.
//!
//! `cargo bench -p workspace-tests --bench cli` (also run by `cargo xtask bench`, which installs the
//! AWS CLI into `target/venv` first).

#[allow(dead_code)] // The tests' helpers; the benchmark uses a few.
#[path = "../cli/tools.rs"]
mod tools;

use criterion::Criterion;
use std::path::Path;
use std::time::{Duration, SystemTime};
use workspace_tests::criterion_estimates::median_ns;
use workspace_tests::local_server::{LocalServer, ok_json};

/// `(group, what)`: each group holds `aws` (the anchor) and `ours`.
const GROUPS: &[(&str, &str)] = &[("cli_startup", "--version"), ("cli_call", "describe-instance against 127.0.0.1")];

/// What DescribeInstance answers (the model's form: `CreatedTime` in epoch seconds).
const INSTANCE: &str = r#"{"Instance": {"Id": "i-0123", "Arn": "arn:aws:connect:us-east-1:123456789012:instance/i-0123",
  "IdentityManagementType": "CONNECT_MANAGED", "InstanceAlias": "bench", "CreatedTime": 1714564800,
  "InstanceStatus": "ACTIVE", "InboundCallsEnabled": true, "OutboundCallsEnabled": false}}"#;

/// Runs one command line to the end; it must succeed and print something.
fn run(program: &Path, args: &[&str], home: &Path) {
    let (code, stdout, stderr) = tools::run(program, args, home);
    assert!(code == 0 && !stdout.is_empty(), "{} {args:?} exited {code}: {stderr}", program.display());
}

fn bench(c: &mut Criterion, ours: &Path, aws: &Path, home: &Path) {
    let server = LocalServer::start(|_, _| ok_json(INSTANCE));
    let url = server.url();
    let call = ["--endpoint-url", &url, "--region", "us-east-1", "describe-instance", "--instance-id", "i-0123"];
    let aws_call: Vec<&str> = std::iter::once("connect").chain(call).collect();
    let cases: [(&str, &[&str], &[&str]); 2] = [("cli_startup", &["--version"], &["--version"]), ("cli_call", &call, &aws_call)];
    for (group, our_args, their_args) in cases {
        let mut g = c.benchmark_group(group);
        // A Python start is a few hundred milliseconds: ten samples of one run each are plenty.
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        g.bench_function("aws", |b| b.iter(|| run(aws, their_args, home)));
        g.bench_function("ours", |b| b.iter(|| run(ours, our_args, home)));
        g.finish();
    }
    assert!(server.count() > 0, "the calls reached the local server");
}

fn main() {
    // `cargo test` runs benches once as a smoke test (no `--bench`): the debug build does for that,
    // and outside CI a machine without the AWS CLI skips it, as the tests do.
    let measuring = std::env::args().any(|a| a == "--bench");
    let Some(aws) = tools::aws_cli() else {
        assert!(!measuring, "the AWS CLI is needed: `cargo xtask bench` installs it (or set AWS_CLI)");
        return;
    };
    let ours = if measuring { tools::ours_release() } else { tools::ours().join("connect") };
    let home = workspace_tests::workspace_root().join("target/tmp/cli-home/bench");
    let started = SystemTime::now() - Duration::from_secs(1);
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &ours, &aws, &home);
    c.final_summary();
    for (group, what) in GROUPS {
        if let (Some(anchor), Some(ours)) = (median_ns(group, "aws", started), median_ns(group, "ours", started)) {
            println!("ratio {group}: aws {:.1} ms / ours {:.1} ms = {:.1}x faster  ({what})", anchor / 1e6, ours / 1e6, anchor / ours);
        }
    }
}
