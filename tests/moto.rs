//! The generated Connect client against moto (a local AWS mock), started on 127.0.0.1 by each test
//! and stopped after it: the instance lifecycle of `moto/instance_lifecycle.rs`, first with
//! `generated/connect`, then with a crate generated from the official full Connect model; and the
//! Kinesis and DynamoDB steps of `moto/aws_more.rs` with the awsJson clients generated from the
//! official models of `aws-more/`.
//!
//! moto is installed into `target/venv` by `cargo xtask test`. Outside CI a missing moto prints
//! SKIPPED; in CI it fails.

#[path = "moto/created_time.rs"]
mod created_time;
#[path = "moto/instance_lifecycle.rs"]
mod instance_lifecycle;
#[path = "moto/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::process::Command;
use workspace_tests::{shared_model, workspace_root};

/// The steps `instance_lifecycle::run` reports, in order.
const STEPS: [&str; 7] =
    ["CreateInstance", "DescribeInstance", "ListInstances", "TagResource", "ListTagsForResource", "UntagResource", "DeleteInstance"];

fn assert_steps(log: &[String]) {
    let names: Vec<&str> = log.iter().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(names, STEPS, "{log:#?}");
}

#[tokio::test]
async fn generated_client_runs_the_instance_lifecycle() {
    let Some(exe) = server::executable() else { return };
    let moto = server::Moto::start(&exe);
    let log = instance_lifecycle::run(&moto.url()).await;
    assert_steps(&log);
}

const RUNNER: &str = "official-connect-moto-runner";

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/nested"))
        .output()
        .unwrap();
    assert!(output.status.success(), "cargo {args:?} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Writes the crate generated from the official model and a runner binary using it into `dir`.
fn write_official_client(model: &Path, dir: &Path) {
    let generated = codegen::generate(&codegen::Input::files([model])).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.crates, ["connect"]);
    codegen::write::write(dir, &generated.files).unwrap();
    let runner = dir.join("runner");
    std::fs::create_dir_all(runner.join("src")).unwrap();
    std::fs::write(
        runner.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{RUNNER}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
             connect = {{ path = \"../connect\" }}\ntokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\
             http = \"1\"\nserde_json = \"1\"\naws-smithy-types = \"1.3\"\n"
        ),
    )
    .unwrap();
    let module = |name: &str| workspace_root().join("tests/moto").join(name).display().to_string();
    std::fs::write(
        runner.join("src/main.rs"),
        format!(
            "//! Runs the moto instance lifecycle with the client generated from the official model.\n\
             #[path = {:?}]\nmod created_time;\n#[path = {:?}]\nmod instance_lifecycle;\n\n\
             #[tokio::main(flavor = \"current_thread\")]\nasync fn main() {{\n    \
             let endpoint = std::env::args().nth(1).expect(\"usage: runner ENDPOINT\");\n    \
             for line in instance_lifecycle::run(&endpoint).await {{\n        println!(\"{{line}}\");\n    }}\n}}\n",
            module("created_time.rs"),
            module("instance_lifecycle.rs"),
        ),
    )
    .unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"runner\", \"connect\"]\nresolver = \"2\"\n").unwrap();
    let _ = std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"));
}

/// Builds the runner package of the workspace `dir`, runs it against a moto server of its own, and
/// returns the lines it printed (it must exit 0).
fn run_against_moto(exe: &Path, dir: &Path, package: &str) -> Vec<String> {
    cargo(dir, &["build", "--quiet", "-p", package]);
    let moto = server::Moto::start(exe);
    let runner = workspace_root().join("target/nested/debug").join(package);
    let output = Command::new(&runner).arg(moto.url()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{} failed ({}):\n{stdout}\n{}",
        runner.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout.lines().map(String::from).collect()
}

#[test]
fn client_from_the_official_model_runs_the_instance_lifecycle() {
    let Some(exe) = server::executable() else { return };
    let Some(model) = shared_model("aws/connect-2017-08-08.json") else { return };
    let dir = workspace_root().join("target/official-client");
    write_official_client(&model, &dir);
    let log = run_against_moto(&exe, &dir, RUNNER);
    assert_steps(&log);
}

const MORE_RUNNER: &str = "aws-more-moto-runner";

/// Writes the Kinesis and DynamoDB crates generated from the official models and a runner of
/// `moto/aws_more.rs` into `dir`.
fn write_more_clients(models: &[PathBuf], dir: &Path) {
    let generated = codegen::generate(&codegen::Input::files(models.iter().cloned())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(generated.crates, ["dynamodb", "kinesis"]);
    codegen::write::write(dir, &generated.files).unwrap();
    let runner = dir.join("runner");
    std::fs::create_dir_all(runner.join("src")).unwrap();
    std::fs::write(
        runner.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{MORE_RUNNER}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
             kinesis = {{ path = \"../kinesis\" }}\ndynamodb = {{ path = \"../dynamodb\" }}\n\
             tokio = {{ version = \"1\", features = [\"rt\", \"macros\", \"time\"] }}\n"
        ),
    )
    .unwrap();
    let module = workspace_root().join("tests/moto/aws_more.rs").display().to_string();
    std::fs::write(
        runner.join("src/main.rs"),
        format!(
            "//! Runs the Kinesis and DynamoDB steps against moto.\n#[path = {module:?}]\nmod aws_more;\n\n\
             #[tokio::main(flavor = \"current_thread\")]\nasync fn main() {{\n    \
             let endpoint = std::env::args().nth(1).expect(\"usage: runner ENDPOINT\");\n    \
             for line in aws_more::kinesis(&endpoint).await.into_iter().chain(aws_more::dynamodb(&endpoint).await) {{\n        \
             println!(\"{{line}}\");\n    }}\n}}\n"
        ),
    )
    .unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"runner\", \"kinesis\", \"dynamodb\"]\nresolver = \"2\"\n").unwrap();
    let _ = std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"));
}

/// The awsJson clients against moto: Kinesis (awsJson1_1) and DynamoDB (awsJson1_0), generated
/// from the official models.
#[test]
fn kinesis_and_dynamodb_clients_from_the_official_models_run_against_moto() {
    let Some(exe) = server::executable() else { return };
    let (Some(kinesis), Some(dynamodb)) =
        (shared_model("aws-more/kinesis-2013-12-02.json"), shared_model("aws-more/dynamodb-2012-08-10.json"))
    else {
        return;
    };
    let dir = workspace_root().join("target/aws-more-clients");
    write_more_clients(&[kinesis, dynamodb], &dir);
    let log = run_against_moto(&exe, &dir, MORE_RUNNER);
    let steps: Vec<&str> = log.iter().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(
        steps,
        [
            "CreateStream",
            "DescribeStreamSummary",
            "ListShards",
            "PutRecord",
            "GetShardIterator",
            "GetRecords",
            "DeleteStream",
            "CreateTable",
            "PutItem",
            "GetItem",
            "Query",
            "DeleteTable"
        ],
        "{log:#?}"
    );
}
