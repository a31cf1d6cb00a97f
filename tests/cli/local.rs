//! The generated Connect tool against a local HTTP server that answers as the test scripts it:
//! paging as the AWS CLI pages, exit codes, error reports, input files, `--debug`, Ctrl-C.

use crate::tools;
use serde_json::{Value, json};
use std::path::PathBuf;
use workspace_tests::local_server::{LocalServer, ok_json, reply};

fn home() -> PathBuf {
    workspace_tests::workspace_root().join("target/tmp/cli-home/local")
}

/// Runs the Connect tool against `server` with `args`.
fn connect(server: &LocalServer, args: &[&str]) -> (i32, String, String) {
    let url = server.url();
    let mut all = vec!["--endpoint-url", url.as_str(), "--region", "us-east-1"];
    all.extend(args);
    tools::run(&tools::ours().join("connect"), &all, &home())
}

fn summaries(aliases: &[&str], token: Option<&str>) -> http::Response<Vec<u8>> {
    let list: Vec<Value> =
        aliases.iter().map(|a| json!({"Id": format!("id-{a}"), "InstanceAlias": a, "CreatedTime": 1714564800})).collect();
    let mut body = json!({"InstanceSummaryList": list});
    if let Some(t) = token {
        body["NextToken"] = json!(t);
    }
    ok_json(&body.to_string())
}

fn query_token(req: &http::Request<Vec<u8>>) -> Option<String> {
    req.uri().query()?.split('&').find_map(|kv| kv.strip_prefix("nextToken=")).map(String::from)
}

#[test]
fn paginated_operations_aggregate_every_page_unless_told_otherwise() {
    let server = LocalServer::scripted(vec![summaries(&["a", "b"], Some("t1")), summaries(&["c"], None)]);
    let (code, stdout, stderr) = connect(&server, &["list-instances", "--query", "InstanceSummaryList[].InstanceAlias"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), json!(["a", "b", "c"]));
    let tokens: Vec<Option<String>> = server.requests().iter().map(query_token).collect();
    assert_eq!(tokens, [None, Some("t1".to_string())]);

    // --no-paginate: one call, the service's token printed.
    let server = LocalServer::scripted(vec![summaries(&["a", "b"], Some("t1"))]);
    let (code, stdout, stderr) = connect(&server, &["list-instances", "--no-paginate"]);
    assert_eq!(code, 0, "{stderr}");
    let page: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!((page["NextToken"].as_str(), page["InstanceSummaryList"].as_array().map(Vec::len)), (Some("t1"), Some(2)));
    assert_eq!(server.count(), 1);

    // --max-items 1 stops inside the first page; --starting-token resumes after it.
    let server =
        LocalServer::scripted(vec![summaries(&["a", "b"], Some("t1")), summaries(&["a", "b"], Some("t1")), summaries(&["c"], None)]);
    let (code, stdout, stderr) = connect(&server, &["list-instances", "--max-items", "1", "--page-size", "2"]);
    assert_eq!(code, 0, "{stderr}");
    let first: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(first["InstanceSummaryList"].as_array().unwrap().len(), 1);
    let resume = first["NextToken"].as_str().expect("a token to resume from").to_string();
    let (code, stdout, stderr) =
        connect(&server, &["list-instances", "--starting-token", &resume, "--query", "InstanceSummaryList[].InstanceAlias"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), json!(["b", "c"]), "resumes after the item already printed");
    let requests = server.requests();
    assert!(requests[0].uri().query().unwrap_or_default().contains("maxResults=2"), "--page-size is the limit member");
    assert_eq!(query_token(&requests[1]), None, "the first page again, its first item skipped");
    assert_eq!(query_token(&requests[2]), Some("t1".to_string()));
}

#[test]
fn service_errors_exit_254_with_the_code_and_request_id() {
    let body = r#"{"Message": "Instance with id i-9 not found"}"#;
    let headers = [("content-type", "application/json"), ("x-amzn-errortype", "ResourceNotFoundException"), ("x-amzn-requestid", "req-42")];
    let server = LocalServer::scripted(vec![reply(404, &headers, body)]);
    let (code, stdout, stderr) = connect(&server, &["describe-instance", "--instance-id", "i-9"]);
    assert_eq!((code, stdout.as_str()), (254, ""), "{stderr}");
    assert!(
        stderr.contains(
            "An error occurred (ResourceNotFoundException) when calling the DescribeInstance operation: Instance with id i-9 not found"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("req-42"), "{stderr}");
}

#[test]
fn a_response_that_breaks_the_model_exits_255_naming_the_member() {
    // moto's habit: CreatedTime as an ISO 8601 string where the model has epoch seconds.
    let body = json!({"Instance": {"Id": "i-1", "CreatedTime": "2024-05-01T12:00:00+00:00"}}).to_string();
    let server = LocalServer::scripted(vec![ok_json(&body)]);
    let (code, _, stderr) = connect(&server, &["describe-instance", "--instance-id", "i-1"]);
    assert_eq!(code, 255, "{stderr}");
    assert!(stderr.contains("does not read as the model describes it"), "{stderr}");
    assert!(stderr.contains("Instance.CreatedTime"), "the error names the member: {stderr}");
}

#[test]
fn bad_arguments_exit_252_naming_the_option_and_send_nothing() {
    let server = LocalServer::scripted(vec![]);
    for (args, expected) in [
        (&["list-instances", "--max-results", "many"][..], "--max-results"),
        (&["list-instances", "--no-such-option", "1"][..], "--no-such-option"),
        (&["describe-instances"][..], "Invalid choice 'describe-instances'"),
        (&["describe-instance"][..], "--instance-id"),
        (&["tag-resource", "--resource-arn", "arn:x", "--tags", "{not json"][..], "--tags"),
        (&["tag-resource", "--resource-arn", "arn:x", "--tags", r#"{"k": 1}"#][..], "tags.k"),
        (&["list-instances", "--output", "yaml"][..], "--output"),
        (&["list-instances", "--query", "[[["][..], "--query"),
        (
            &[
                "create-instance",
                "--identity-management-type",
                "CONNECT_MANAGED",
                "--inbound-calls-enabled",
                "--no-outbound-calls-enabled",
                "--instance-alias",
                "d-not-allowed",
            ][..],
            "--instance-alias",
        ),
    ] {
        let (code, stdout, stderr) = connect(&server, args);
        assert_eq!((code, stdout.as_str()), (252, ""), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: the error names {expected}: {stderr}");
    }
    assert_eq!(server.count(), 0, "nothing is sent");
}

#[test]
fn validate_only_checks_the_input_and_sends_nothing() {
    let server = LocalServer::scripted(vec![]);
    let ok = ["list-instances", "--max-results", "5", "--validate-only"];
    let (code, _, stderr) = connect(&server, &ok);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = connect(&server, &["list-instances", "--max-results", "11", "--validate-only"]);
    assert_eq!(code, 252, "{stderr}");
    assert!(stderr.contains("--max-results"), "{stderr}");
    assert_eq!(server.count(), 0);
}

#[test]
fn cli_input_json_from_a_file_with_options_overriding_it() {
    let server = LocalServer::scripted(vec![ok_json(r#"{"Id": "i-1", "Arn": "arn:i-1"}"#)]);
    let dir = home();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("create-instance.json");
    let input = json!({"IdentityManagementType": "SAML", "InstanceAlias": "from-file", "InboundCallsEnabled": true,
        "OutboundCallsEnabled": true, "Tags": {"team": "cx"}});
    std::fs::write(&file, input.to_string()).unwrap();
    let from = format!("file://{}", file.display());
    let (code, stdout, stderr) =
        connect(&server, &["create-instance", "--cli-input-json", &from, "--instance-alias", "from-option", "--no-outbound-calls-enabled"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(serde_json::from_str::<Value>(&stdout).unwrap(), json!({"Id": "i-1", "Arn": "arn:i-1"}));
    let sent: Value = serde_json::from_slice(server.requests()[0].body()).unwrap();
    assert_eq!(sent["InstanceAlias"], "from-option");
    assert_eq!(sent["OutboundCallsEnabled"], false);
    assert_eq!(sent["IdentityManagementType"], "SAML");
    assert_eq!(sent["Tags"], json!({"team": "cx"}));
}

#[test]
fn debug_shows_the_exchange_without_the_signature() {
    let server = LocalServer::scripted(vec![ok_json(r#"{"Instance": {"Id": "i-1", "InstanceAlias": "seen"}}"#)]);
    let (code, _, stderr) = connect(&server, &["--debug", "describe-instance", "--instance-id", "i-1"]);
    assert_eq!(code, 0, "{stderr}");
    let auth = server.requests()[0].headers()["authorization"].to_str().unwrap().to_string();
    let signature = auth.rsplit("Signature=").next().unwrap();
    assert!(stderr.contains("GET ") && stderr.contains("/instance/i-1") && stderr.contains("\"seen\""), "{stderr}");
    assert!(stderr.contains("authorization: <redacted>"), "{stderr}");
    assert!(!stderr.contains(signature), "the signature is not printed: {stderr}");
}

#[test]
fn an_interrupted_follow_exits_130() {
    // A live analysis that never ends: an empty page with a token, again and again.
    let server = LocalServer::start(|_, _| ok_json(r#"{"Channel": "CHAT", "Status": "IN_PROGRESS", "Segments": [], "NextToken": "t"}"#));
    let url = server.url();
    let mut command = std::process::Command::new(tools::ours().join("connect"));
    tools::environment(&mut command, &home()).args(crate::segments_v2(&url, &["--follow", "--follow-interval", "0.05"]));
    let child = command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while server.count() < 3 {
        assert!(std::time::Instant::now() < deadline, "the tool polls");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn an_endpoint_nothing_listens_on_exits_255_saying_why() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let args = ["--endpoint-url", &url, "--region", "us-east-1", "list-instances"];
    let (code, stdout, stderr) = tools::run(&tools::ours().join("connect"), &args, &home());
    assert_eq!((code, stdout.as_str()), (255, ""), "{stderr}");
    assert!(stderr.contains("Connection refused"), "the cause is said: {stderr}");
}

#[test]
fn max_items_resumes_exactly_where_it_stopped() {
    // Two pages, [a b c] then [d]: one item per run, each run resuming from the last one's token.
    let server = LocalServer::start(|req, _| match query_token(req).as_deref() {
        None => summaries(&["a", "b", "c"], Some("t1")),
        Some("t1") => summaries(&["d"], None),
        Some(other) => reply(400, &[], &format!("unexpected token {other}")),
    });
    let mut printed = Vec::new();
    let mut resume: Option<String> = None;
    for _ in 0..4 {
        let mut args = vec!["list-instances", "--max-items", "1"];
        if let Some(token) = &resume {
            args.extend(["--starting-token", token.as_str()]);
        }
        let (code, stdout, stderr) = connect(&server, &args);
        assert_eq!(code, 0, "{stderr}");
        let page: Value = serde_json::from_str(&stdout).unwrap();
        printed.extend(page["InstanceSummaryList"].as_array().unwrap().iter().map(|i| i["InstanceAlias"].clone()));
        resume = page["NextToken"].as_str().map(String::from);
    }
    assert_eq!(printed, [json!("a"), json!("b"), json!("c"), json!("d")]);
    assert_eq!(resume, None, "nothing is left after the last item");
}
