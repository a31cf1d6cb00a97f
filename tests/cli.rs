//! The generated command-line tools (feature `cli`) against the AWS CLI, installed from PyPI into
//! the test virtualenv by `cargo xtask test`: the same skeletons for every operation both know,
//! the same answers from moto, and the follow mode against a scripted local server.

#[path = "cli/local.rs"]
mod local;
#[path = "moto/server.rs"]
mod server;
#[path = "cli/tools.rs"]
mod tools;

use serde_json::Value;
use std::path::{Path, PathBuf};
use workspace_tests::local_server::{LocalServer, ok_json};
use workspace_tests::{shared_model, workspace_root};

fn home(name: &str) -> PathBuf {
    workspace_root().join("target/tmp/cli-home").join(name)
}

/// Where two skeletons differ: `explained` lists members one side's model lacks (the AWS CLI
/// bundles its own model version), `mismatched` everything else.
#[derive(Default)]
struct Differences {
    explained: Vec<String>,
    mismatched: Vec<String>,
}

fn compare(ours: &Value, theirs: &Value, path: &str, d: &mut Differences) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => compare(v, w, &format!("{path}.{k}"), d),
                    None => d.explained.push(format!("{path}.{k}: only in our model")),
                }
            }
            for k in b.keys().filter(|k| !a.contains_key(*k)) {
                d.explained.push(format!("{path}.{k}: only in the AWS CLI's model"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                compare(v, w, &format!("{path}[{i}]"), d);
            }
        }
        // In an input skeleton plain strings are empty: a non-empty one is an enum's first value,
        // which moves when a model version adds values in front.
        (Value::String(a), Value::String(b)) if path.contains(" input") && !a.is_empty() && !b.is_empty() && a != b => {
            d.explained.push(format!("{path}: the enum's first value is {a} in our model, {b} in the AWS CLI's"))
        }
        _ if ours == theirs => {}
        _ => d.mismatched.push(format!("{path}: ours {ours}, the AWS CLI's {theirs}")),
    }
}

/// Both skeletons of every command of `tool` next to the AWS CLI's `service` command's.
fn compare_skeletons(aws: &Path, tool: &Path, service: &str, label: &str) -> (usize, Differences) {
    let home = home(label);
    let commands = tools::commands(tool, &home);
    assert!(!commands.is_empty(), "{} lists no commands", tool.display());
    let mut batch = Vec::new();
    let mut ours = Vec::new();
    for command in &commands {
        let (code, input, stderr) = tools::run(tool, &[command, "--generate-cli-skeleton", "input"], &home);
        assert_eq!(code, 0, "{command}: {stderr}");
        let (code, output, stderr) = tools::run(tool, &[command, "--generate-cli-skeleton", "output"], &home);
        assert_eq!(code, 0, "{command}: {stderr}");
        let line = |mode: &str| {
            let mut args = vec![service.to_string(), command.clone(), "--generate-cli-skeleton".to_string(), mode.to_string()];
            if mode == "output" {
                // Required options are required for `output`; the input skeleton supplies them.
                args.extend(["--cli-input-json".to_string(), input.clone()]);
            }
            args
        };
        batch.push(line("input"));
        batch.push(line("output"));
        ours.push((command, input, output));
    }
    let theirs = tools::aws_batch(aws, &batch, &home);
    let mut d = Differences::default();
    let mut compared = 0;
    for ((command, input, output), pair) in ours.iter().zip(theirs.chunks(2)) {
        let parse =
            |s: &str| -> Value { if s.trim().is_empty() { Value::Object(Default::default()) } else { serde_json::from_str(s).unwrap() } };
        let (code, their_input, stderr) = &pair[0];
        if *code != 0 {
            assert!(stderr.contains("Invalid choice"), "aws {service} {command} failed: {stderr}");
            d.explained.push(format!("{command}: not in the AWS CLI's model"));
            continue;
        }
        compared += 1;
        compare(&parse(input), &parse(their_input), &format!("{command} input"), &mut d);
        match &pair[1] {
            (0, their_output, _) => compare(&parse(output), &parse(their_output), &format!("{command} output"), &mut d),
            // The AWS CLI validates its stubbed answer (member names as strings) against the
            // model's lengths and patterns and gives up; there is nothing to compare.
            (_, _, stderr) if stderr.contains("Parameter validation failed") => d.explained.push(format!(
                "{command} output: the AWS CLI cannot make it ({})",
                stderr.lines().rfind(|l| !l.trim().is_empty()).unwrap_or_default()
            )),
            // The AWS CLI itself fails (a Python exception on some recursive shapes).
            (code, _, stderr) => d.explained.push(format!(
                "{command} output: the AWS CLI fails (exit {code}: {})",
                stderr.lines().rfind(|l| !l.trim().is_empty()).unwrap_or_default()
            )),
        }
    }
    (compared, d)
}

fn report(label: &str, compared: usize, d: &Differences) {
    eprintln!("{label}: {compared} commands compared; {} differences explained by model versions:", d.explained.len());
    for e in &d.explained {
        eprintln!("  {e}");
    }
    assert!(d.mismatched.is_empty(), "{label}: skeletons differ from the AWS CLI's:\n{}", d.mismatched.join("\n"));
}

#[test]
fn skeletons_equal_the_aws_clis_for_our_models() {
    let Some(aws) = tools::aws_cli() else { return };
    let dir = tools::ours();
    for service in ["connect", "connect-contact-lens"] {
        let (compared, d) = compare_skeletons(&aws, &dir.join(service), service, &format!("ours-{service}"));
        assert_eq!(compared, tools::commands(&dir.join(service), &home("ours")).len(), "every command of {service} is in the AWS CLI");
        report(&format!("generated/{service}"), compared, &d);
    }
}

#[test]
fn skeletons_equal_the_aws_clis_for_the_official_models() {
    let Some(aws) = tools::aws_cli() else { return };
    let (Some(connect), Some(lens)) =
        (shared_model("aws/connect-2017-08-08.json"), shared_model("aws/connect-contact-lens-2020-08-21.json"))
    else {
        return;
    };
    let dir = tools::official(&[connect, lens]);
    for (service, at_least) in [("connect", 250), ("connect-contact-lens", 1)] {
        let (compared, d) = compare_skeletons(&aws, &dir.join(service), service, &format!("official-{service}"));
        assert!(compared >= at_least, "{service}: only {compared} commands in common with the AWS CLI");
        report(&format!("official {service}"), compared, &d);
    }
}

/// botocore's `xform_name(name, '-')` of each name, run in the test virtualenv's Python.
fn botocore_names(aws: &Path, names: &[String]) -> Vec<String> {
    let script =
        "import json, sys\nfrom botocore import xform_name\njson.dump([xform_name(n, '-') for n in json.load(sys.stdin)], sys.stdout)";
    let mut command = std::process::Command::new(aws.with_file_name("python"));
    let mut child = command
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the virtualenv's python");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &serde_json::to_vec(names).unwrap()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn command_and_option_names_are_botocores_for_every_name_of_the_official_models() {
    let Some(aws) = tools::aws_cli() else { return };
    let mut names = std::collections::BTreeSet::new();
    for file in ["aws/connect-2017-08-08.json", "aws/connect-contact-lens-2020-08-21.json", "aws-more/dynamodb-2012-08-10.json"] {
        let Some(path) = shared_model(file) else { return };
        let model: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for (id, shape) in model["shapes"].as_object().unwrap() {
            match shape["type"].as_str() {
                Some("operation") => names.insert(id.rsplit('#').next().unwrap().to_string()),
                Some("structure" | "union") => {
                    names.extend(shape["members"].as_object().unwrap().keys().cloned());
                    continue;
                }
                _ => continue,
            };
        }
    }
    let names: Vec<String> = names.into_iter().collect();
    assert!(names.len() > 1000, "{} names", names.len());
    let theirs = botocore_names(&aws, &names);
    // botocore writes `IDs` as `-ids`; an option cannot start with `-`, so ours has none.
    let differ: Vec<String> = names
        .iter()
        .zip(&theirs)
        .filter(|(n, t)| runtime::cli_args::cli_name(n) != t.trim_start_matches('-'))
        .map(|(n, t)| format!("{n}: ours {}, botocore {t}", runtime::cli_args::cli_name(n)))
        .collect();
    assert!(differ.is_empty(), "{} of {} names differ:\n{}", differ.len(), names.len(), differ.join("\n"));
}

/// Ids and dates differ between two moto servers: replaced by what they are.
fn normalise(value: &mut Value, ids: &[(String, &str)]) {
    match value {
        Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                if k.ends_with("Time") || k.ends_with("Date") {
                    *v = Value::String("<date>".into());
                } else {
                    normalise(v, ids);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|v| normalise(v, ids)),
        Value::String(s) => {
            for (id, name) in ids {
                *s = s.replace(id.as_str(), name);
            }
        }
        _ => {}
    }
}

/// moto sends `CreatedTime` as an ISO 8601 string where the model (and AWS) has epoch seconds
/// (see `moto/created_time.rs`); the AWS CLI reads either, our strict reader only the model's.
/// Both tools talk to moto through this proxy, which rewrites those strings and nothing else.
fn epoch_proxy(moto: &str) -> LocalServer {
    let authority = moto.trim_start_matches("http://").to_string();
    LocalServer::start(move |req, _| {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&authority).unwrap();
        let path = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let mut head = format!("{} {path} HTTP/1.1\r\n", req.method());
        for (k, v) in req.headers() {
            if k != "connection" && k != "content-length" {
                head.push_str(&format!("{k}: {}\r\n", v.to_str().unwrap()));
            }
        }
        head.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", req.body().len()));
        stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(req.body())).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status: u16 = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("a status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(": "))
            .filter(|(k, _)| !k.eq_ignore_ascii_case("content-length") && !k.eq_ignore_ascii_case("connection"))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if let Ok(mut json) = serde_json::from_slice::<Value>(&body) {
            fn rewrite(v: &mut Value) {
                match v {
                    Value::Object(m) => {
                        for (k, v) in m.iter_mut() {
                            match (k.as_str(), v.as_str()) {
                                ("CreatedTime", Some(s)) => {
                                    let t = aws_smithy_types::DateTime::from_str(
                                        &s.replace("+00:00", "Z"),
                                        aws_smithy_types::date_time::Format::DateTime,
                                    )
                                    .expect("moto's ISO 8601 CreatedTime");
                                    *v = serde_json::json!(t.as_secs_f64());
                                }
                                _ => rewrite(v),
                            }
                        }
                    }
                    Value::Array(a) => a.iter_mut().for_each(rewrite),
                    _ => {}
                }
            }
            rewrite(&mut json);
            body = serde_json::to_vec(&json).unwrap();
        }
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        workspace_tests::local_server::reply(status, &headers, &String::from_utf8_lossy(&body))
    })
}

/// The instance lifecycle through one tool against a moto of its own: each step's JSON, normalised.
fn lifecycle(tool: &[&Path], moto: &str, home: &Path) -> Vec<(String, Value)> {
    // `--output json` unless the step picks another format; then the text as printed.
    let run = |args: &[&str]| -> Value {
        let mut all: Vec<&str> = tool[1..].iter().map(|p| p.to_str().unwrap()).collect();
        all.extend(["--endpoint-url", moto, "--region", "us-east-1"]);
        let json = !args.contains(&"--output");
        if json {
            all.extend(["--output", "json"]);
        }
        all.extend(args);
        let (code, stdout, stderr) = tools::run(tool[0], &all, home);
        assert_eq!(code, 0, "{} {all:?}: {stderr}", tool[0].display());
        if !json {
            Value::String(stdout)
        } else if stdout.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"))
        }
    };
    // As printed, too: the JSON text itself (keys in the model's member order, 4-space indent).
    let printed = run(&[
        "create-instance",
        "--identity-management-type",
        "CONNECT_MANAGED",
        "--instance-alias",
        "cli-test",
        "--inbound-calls-enabled",
        "--no-outbound-calls-enabled",
        "--output",
        "json",
    ]);
    let created: Value = serde_json::from_str(printed.as_str().unwrap()).unwrap();
    let id = created["Id"].as_str().expect("an instance id").to_string();
    let arn = created["Arn"].as_str().expect("an instance ARN").to_string();
    let mut steps = vec![("CreateInstance".to_string(), created), ("CreateInstance as printed".to_string(), printed)];
    let mut step = |name: &str, args: &[&str]| steps.push((name.to_string(), run(args)));
    step("DescribeInstance", &["describe-instance", "--instance-id", &id]);
    step("DescribeInstance --query", &["describe-instance", "--instance-id", &id, "--query", "Instance.[InstanceAlias, InstanceStatus]"]);
    step("ListInstances", &["list-instances"]);
    step(
        "ListInstances --query",
        &["list-instances", "--query", "InstanceSummaryList[].{alias: InstanceAlias, inbound: InboundCallsEnabled}"],
    );
    // The text and table formats byte for byte (dates left out by the query: they differ).
    let columns = "InstanceSummaryList[].[InstanceAlias, InstanceStatus, IdentityManagementType, InboundCallsEnabled]";
    step("ListInstances --output text", &["list-instances", "--output", "text", "--query", columns]);
    step("ListInstances --output table", &["list-instances", "--output", "table", "--query", columns]);
    let summary = "Instance.{Alias: InstanceAlias, Status: InstanceStatus, Inbound: InboundCallsEnabled, Outbound: OutboundCallsEnabled}";
    step("DescribeInstance --output table", &["describe-instance", "--instance-id", &id, "--output", "table", "--query", summary]);
    step("DescribeInstance --output text", &["describe-instance", "--instance-id", &id, "--output", "text", "--query", summary]);
    step("TagResource", &["tag-resource", "--resource-arn", &arn, "--tags", r#"{"team": "cx", "stage": "test"}"#]);
    step("ListTagsForResource", &["list-tags-for-resource", "--resource-arn", &arn]);
    step("ListTagsForResource --output text", &["list-tags-for-resource", "--resource-arn", &arn, "--output", "text"]);
    step("ListTagsForResource --output table", &["list-tags-for-resource", "--resource-arn", &arn, "--output", "table"]);
    step("UntagResource", &["untag-resource", "--resource-arn", &arn, "--tag-keys", "stage"]);
    step("ListTagsForResource --query", &["list-tags-for-resource", "--resource-arn", &arn, "--query", "tags"]);
    step("DeleteInstance", &["delete-instance", "--instance-id", &id]);
    step("ListInstances after", &["list-instances"]);
    let ids = [(arn, "<arn>"), (id, "<id>")];
    for (_, v) in &mut steps {
        normalise(v, &ids);
    }
    steps
}

#[test]
fn the_instance_lifecycle_answers_as_the_aws_cli_does_against_moto() {
    let (Some(aws), Some(exe)) = (tools::aws_cli(), server::executable()) else { return };
    let ours = tools::ours().join("connect");
    let (moto_a, moto_b) = (server::Moto::start(&exe), server::Moto::start(&exe));
    let (proxy_a, proxy_b) = (epoch_proxy(&moto_a.url()), epoch_proxy(&moto_b.url()));
    let ours = lifecycle(&[&ours], &proxy_a.url(), &home("moto-ours"));
    let connect = PathBuf::from("connect");
    let theirs = lifecycle(&[&aws, &connect], &proxy_b.url(), &home("moto-aws"));
    assert_eq!(ours.len(), 18);
    for ((step, a), (_, b)) in ours.iter().zip(&theirs) {
        assert_eq!(a, b, "{step}: our tool and the AWS CLI answer differently");
    }
    assert_eq!(ours[3].1, serde_json::json!(["cli-test", "ACTIVE"]), "the query picks from the answer");
}

/// A chat contact's transcript in three pages; the last ends the analysis.
fn chat_script() -> Vec<http::Response<Vec<u8>>> {
    let segment = |id: &str, role: &str, text: &str| {
        serde_json::json!({"Transcript": {"Id": id, "ParticipantId": format!("p-{role}"), "ParticipantRole": role,
            "Content": text, "Time": {"AbsoluteTime": "2024-05-01T12:00:00Z"}}})
    };
    let page = |status: &str, segments: Vec<Value>, token: Option<&str>| {
        let mut body = serde_json::json!({"Channel": "CHAT", "Status": status, "Segments": segments});
        if let Some(t) = token {
            body["NextToken"] = Value::String(t.into());
        }
        ok_json(&body.to_string())
    };
    vec![
        page("IN_PROGRESS", vec![segment("t1", "CUSTOMER", "Hello, my order is late"), segment("t2", "AGENT", "Let me check")], Some("a")),
        page("IN_PROGRESS", vec![], Some("a")),
        page("IN_PROGRESS", vec![segment("t3", "AGENT", "It ships today")], Some("b")),
        page("COMPLETED", vec![], None),
    ]
}

/// `list-realtime-contact-analysis-segments-v2` of a chat contact's transcript against `url`, then `extra`.
fn segments_v2<'a>(url: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--endpoint-url",
        url,
        "--region",
        "us-east-1",
        "list-realtime-contact-analysis-segments-v2",
        "--instance-id",
        "i-1",
        "--contact-id",
        "c-1",
        "--output-type",
        "Raw",
        "--segment-types",
        "Transcript",
    ];
    args.extend(extra);
    args
}

#[test]
fn follow_prints_each_transcript_line_until_the_analysis_ends() {
    let tool = tools::ours().join("connect");
    let server = LocalServer::scripted(chat_script());
    let url = server.url();
    let args = segments_v2(&url, &["--follow", "--follow-interval", "0.05", "--query", "Transcript.Content"]);
    let (code, stdout, stderr) = tools::run(&tool, &args, &home("follow"));
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines, [r#""Hello, my order is late""#, r#""Let me check""#, r#""It ships today""#]);
    assert_eq!(server.count(), 4);
    let bodies: Vec<Value> = server.requests().iter().map(|r| serde_json::from_slice(r.body()).unwrap()).collect();
    assert_eq!(bodies[0].get("NextToken"), None);
    assert_eq!(bodies[3]["NextToken"], "b");
}

#[test]
fn a_bad_max_results_exits_252_without_a_request() {
    let tool = tools::ours().join("connect");
    let server = LocalServer::scripted(chat_script());
    let url = server.url();
    let (code, _, stderr) = tools::run(&tool, &segments_v2(&url, &["--max-results", "0"]), &home("max-results"));
    assert_eq!(code, 252, "{stderr}");
    assert!(stderr.contains("MaxResults"), "the error names the member: {stderr}");
    assert_eq!(server.count(), 0, "nothing is sent");
}
