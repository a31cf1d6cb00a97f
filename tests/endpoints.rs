//! Endpoint rule sets compiled into generated crates: every `smithy.rules#endpointTests` case of
//! the official models runs as a `#[test]` of its crate (`cargo test endpoint` there), and the
//! count that passes must be the model's own count.

use std::path::{Path, PathBuf};
use workspace_tests::{cargo_in, shared_model, workspace_root};

/// The number of endpoint test cases in a model file (every service of it).
fn cases_in(model: &Path) -> usize {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(model).unwrap()).unwrap();
    json["shapes"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|s| s["traits"]["smithy.rules#endpointTests"]["testCases"].as_array())
        .map(Vec::len)
        .sum()
}

/// Generates `models` into a scratch workspace and runs `cargo test endpoint` in each crate;
/// returns (crate, passed, failed) and the number of cases the models hold.
fn run_endpoint_tests(name: &str, models: &[PathBuf]) -> (Vec<(String, usize, usize)>, usize) {
    let dir = workspace_root().join("target/test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let generated = codegen::generate(&codegen::Input::files(models.iter().cloned())).unwrap_or_else(|e| panic!("{e}"));
    codegen::write::write(&dir, &generated.files).unwrap();
    let members: Vec<String> = generated.crates.iter().map(|c| format!("{c:?}")).collect();
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nmembers = [{}]\nresolver = \"2\"\n", members.join(", "))).unwrap();
    let mut results = Vec::new();
    for krate in &generated.crates {
        let output = cargo_in(&dir, &["test", "--quiet", "--all-features", "-p", krate, "--lib", "endpoint"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let line =
            stdout.lines().find(|l| l.starts_with("test result:")).unwrap_or_else(|| panic!("no test result for {krate}:\n{stdout}"));
        let count = |word: &str| -> usize {
            let before = line.split(&format!(" {word}")).next().unwrap();
            before.rsplit(' ').next().unwrap().parse().unwrap()
        };
        results.push((krate.clone(), count("passed"), count("failed")));
    }
    (results, models.iter().map(|m| cases_in(m)).sum())
}

/// Both official models in `../shared/models/aws/`: 36 Connect and 32 Contact Lens cases.
#[test]
fn the_official_models_pass_every_endpoint_test_case() {
    let (Some(connect), Some(lens)) =
        (shared_model("aws/connect-2017-08-08.json"), shared_model("aws/connect-contact-lens-2020-08-21.json"))
    else {
        return;
    };
    let (results, cases) = run_endpoint_tests("endpoints-official", &[connect, lens]);
    eprintln!("{results:?} of {cases} cases");
    assert_eq!(results.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["connect", "connect-contact-lens"]);
    assert!(results.iter().all(|r| r.2 == 0), "{results:?}");
    assert_eq!(results.iter().map(|r| r.1).sum::<usize>(), cases, "{results:?}");
    assert_eq!(cases, 68);
}

/// Kinesis (stream and consumer ARNs bound from inputs, static context parameters) and DynamoDB
/// (account-id endpoints, operation context paths such as `keys(RequestItems)`), crates without a
/// client of their own yet.
#[test]
fn more_aws_models_pass_every_endpoint_test_case() {
    let (Some(kinesis), Some(dynamodb)) =
        (shared_model("aws-more/kinesis-2013-12-02.json"), shared_model("aws-more/dynamodb-2012-08-10.json"))
    else {
        return;
    };
    let (results, cases) = run_endpoint_tests("endpoints-more", &[dynamodb, kinesis]);
    eprintln!("{results:?} of {cases} cases");
    assert!(results.iter().all(|r| r.2 == 0), "{results:?}");
    assert_eq!(results.iter().map(|r| r.1).sum::<usize>(), cases, "{results:?}");
}

/// Our models' rule sets, written in our own words, give what every official test case expects:
/// a copy of `models/` with each service's test cases replaced by the official model's.
#[test]
fn our_rule_sets_pass_the_official_test_cases() {
    let (Some(connect), Some(lens)) =
        (shared_model("aws/connect-2017-08-08.json"), shared_model("aws/connect-contact-lens-2020-08-21.json"))
    else {
        return;
    };
    let dir = workspace_root().join("target/test-scratch/endpoints-ours-models");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut models = Vec::new();
    for (ours, official) in [("connect.json", connect), ("connect-contact-lens.json", lens)] {
        let read = |p: &Path| -> serde_json::Value { serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap() };
        let official = read(&official);
        let mut model = read(&workspace_root().join("models").join(ours));
        let service_id = |m: &serde_json::Value| {
            let (id, _) = m["shapes"].as_object().unwrap().iter().find(|(_, s)| s["type"] == "service").unwrap();
            id.clone()
        };
        let (ours_id, official_id) = (service_id(&model), service_id(&official));
        model["shapes"][&ours_id]["traits"]["smithy.rules#endpointTests"] =
            official["shapes"][&official_id]["traits"]["smithy.rules#endpointTests"].clone();
        let path = dir.join(ours);
        std::fs::write(&path, serde_json::to_string(&model).unwrap()).unwrap();
        models.push(path);
    }
    std::fs::copy(workspace_root().join("models/codegen.toml"), dir.join("codegen.toml")).unwrap();
    let (results, cases) = run_endpoint_tests("endpoints-ours", &models);
    eprintln!("{results:?} of {cases} cases");
    assert!(results.iter().all(|r| r.2 == 0), "{results:?}");
    assert_eq!(results.iter().map(|r| r.1).sum::<usize>(), cases, "{results:?}");
    assert_eq!(cases, 68);
}

/// Our own models carry their rule sets too, and their crates under `generated/` their tests.
#[test]
fn our_models_carry_rule_sets_and_their_crates_the_tests() {
    for (model, krate) in [("connect.json", "connect"), ("connect-contact-lens.json", "connect-contact-lens")] {
        let cases = cases_in(&workspace_root().join("models").join(model));
        assert!(cases >= 10, "{model}: {cases} endpoint test cases");
        let tests = std::fs::read_to_string(workspace_root().join("generated").join(krate).join("src/endpoint/tests.rs")).unwrap();
        assert_eq!(tests.matches("#[test]").count(), cases, "{krate}");
    }
}
