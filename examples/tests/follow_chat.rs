//! `follow-chat` run as a program against a real HTTP server on 127.0.0.1 playing Connect: it
//! prints every transcript line with its sentiment, in order, across pages (including pages with
//! nothing new that still carry a `NextToken`), and stops when the token is gone.

use serde_json::{Value, json};
use std::process::{Command, Output};
use workspace_tests::local_server::{LocalServer, ok_json, reply};
use workspace_tests::sigv4_check::{self, Keys};

const KEYS: Keys<'static> = Keys { access_key_id: "AKIDEXAMPLE", secret_access_key: "example-secret", session_token: None };

fn transcript(id: &str, role: &str, name: Option<&str>, content: &str, sentiment: Option<&str>, second: u32) -> Value {
    let mut t = json!({
        "Id": id, "ParticipantId": format!("p-{role}"), "ParticipantRole": role, "Content": content,
        "Time": {"AbsoluteTime": format!("2024-05-01T10:00:{second:02}Z")},
    });
    if let Some(n) = name {
        t["DisplayName"] = json!(n);
    }
    if let Some(s) = sentiment {
        t["Sentiment"] = json!(s);
    }
    json!({ "Transcript": t })
}

fn page(segments: Vec<Value>, next_token: Option<&str>, status: &str) -> http::Response<Vec<u8>> {
    let mut p = json!({"Channel": "CHAT", "Status": status, "Segments": segments});
    if let Some(t) = next_token {
        p["NextToken"] = json!(t);
    }
    ok_json(&p.to_string())
}

/// Runs `follow-chat` with only the given environment (no credentials file, no AWS profile).
fn follow_chat(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_follow-chat"))
        .args(args)
        .env_clear()
        .env("AWS_ACCESS_KEY_ID", KEYS.access_key_id)
        .env("AWS_SECRET_ACCESS_KEY", KEYS.secret_access_key)
        .envs(env.iter().copied())
        .output()
        .expect("follow-chat runs")
}

#[test]
fn prints_each_transcript_line_with_its_sentiment_until_the_chat_ends() {
    let categories = json!({"Categories": {"MatchedDetails": {}}});
    let server = LocalServer::scripted(vec![
        page(
            vec![
                transcript("1", "CUSTOMER", Some("Jane"), "Hi, my order is late", Some("NEGATIVE"), 1),
                transcript("2", "AGENT", Some("Sam"), "Sorry to hear that, let me check", Some("NEUTRAL"), 5),
            ],
            Some("A"),
            "IN_PROGRESS",
        ),
        page(vec![], Some("A"), "IN_PROGRESS"),
        page(vec![categories, transcript("3", "CUSTOMER", Some("Jane"), "Thanks!", Some("POSITIVE"), 9)], Some("B"), "IN_PROGRESS"),
        page(vec![transcript("4", "SYSTEM", None, "The chat has ended", None, 12)], None, "COMPLETED"),
    ]);
    let url = server.url();
    let out = follow_chat(
        &["--endpoint", &url, "--instance-id", "inst-1", "--contact-id", "chat-42", "--interval-ms", "1"],
        &[("AWS_REGION", "eu-west-2")],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}\n{stdout}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "2024-05-01T10:00:01Z CUSTOMER (Jane): Hi, my order is late [sentiment: NEGATIVE]",
            "2024-05-01T10:00:05Z AGENT (Sam): Sorry to hear that, let me check [sentiment: NEUTRAL]",
            "2024-05-01T10:00:09Z CUSTOMER (Jane): Thanks! [sentiment: POSITIVE]",
            "2024-05-01T10:00:12Z SYSTEM: The chat has ended [sentiment: none]",
            "-- analysis COMPLETED (CHAT contact), 4 transcript lines",
        ]
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 4, "one poll per page, none after the last");
    let mut tokens = Vec::new();
    for req in &requests {
        assert_eq!(req.method(), "POST");
        assert_eq!(req.uri().path(), "/contact/list-real-time-analysis-segments-v2/inst-1/chat-42");
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!((&body["OutputType"], &body["SegmentTypes"]), (&json!("Raw"), &json!(["Transcript"])));
        tokens.push(body["NextToken"].as_str().map(String::from));
        sigv4_check::verify(req, &KEYS, "eu-west-2", "connect").unwrap();
    }
    assert_eq!(tokens, [None, Some("A".to_string()), Some("A".to_string()), Some("B".to_string())]);
}

#[test]
fn takes_its_settings_from_the_environment_and_reports_service_errors() {
    let server = LocalServer::scripted(vec![reply(
        404,
        &[("x-amzn-errortype", "ResourceNotFoundException")],
        r#"{"Message":"contact chat-404 not found"}"#,
    )]);
    let url = server.url();
    let env = [
        ("CONNECT_ENDPOINT", url.as_str()),
        ("CONNECT_INSTANCE_ID", "inst-1"),
        ("CONNECT_CONTACT_ID", "chat-404"),
        ("AWS_REGION", "us-west-2"),
    ];
    let out = follow_chat(&["--redacted"], &env);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("ResourceNotFoundException") && stderr.contains("contact chat-404 not found"), "{stderr}");
    assert!(out.stdout.is_empty());
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].uri().path(), "/contact/list-real-time-analysis-segments-v2/inst-1/chat-404");
    let body: Value = serde_json::from_slice(requests[0].body()).unwrap();
    assert_eq!(body["OutputType"], "Redacted");
    sigv4_check::verify(&requests[0], &KEYS, "us-west-2", "connect").unwrap();
}

#[test]
fn without_a_contact_id_it_prints_usage_and_sends_nothing() {
    let server = LocalServer::scripted(vec![]);
    let url = server.url();
    let out = follow_chat(&["--endpoint", &url, "--instance-id", "inst-1"], &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no contact id") && stderr.contains("usage: follow-chat"), "{stderr}");
    assert_eq!(server.count(), 0);
}
