//! The generated clients end to end against a real HTTP server on 127.0.0.1 started by each test:
//! Contact Lens `ListRealtimeContactAnalysisSegments` (`connect_contact_lens`) and Connect
//! `ListRealtimeContactAnalysisSegmentsV2` (`connect`), over the default transport (hyper, rustls).
//!
//! - `requests`: method, path (labels percent-encoded), headers, JSON body, and a SigV4 signature
//!   the server recomputes from what it received;
//! - `errors`: every modelled error by code (header or body), shared statuses told apart, unmodelled codes;
//! - `retries`: 429, 5xx and throttling codes retried up to the attempt limit, client errors not;
//! - `follow`: follow mode over scripted pages, including empty pages that still carry a token;
//! - `stub`: the in-memory stub's queues, validation and recorded calls.

#[path = "client_e2e/errors.rs"]
mod errors;
#[path = "client_e2e/follow.rs"]
mod follow;
#[path = "client_e2e/requests.rs"]
mod requests;
#[path = "client_e2e/retries.rs"]
mod retries;
#[path = "client_e2e/stub.rs"]
mod stub;

use serde_json::{Value, json};
use std::time::Duration;
use workspace_tests::local_server::LocalServer;
use workspace_tests::sigv4_check::{self, Keys};

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
/// Contact Lens calls use temporary credentials, Connect calls long-term ones.
const SESSION_TOKEN: &str = "FQoGZXIvYXdzEXAMPLETOKEN";
const REGION: &str = "us-east-1";

fn keys(session: bool) -> Keys<'static> {
    Keys { access_key_id: ACCESS_KEY, secret_access_key: SECRET_KEY, session_token: session.then_some(SESSION_TOKEN) }
}

fn fast_retries(attempts: u32) -> (u32, Duration) {
    (attempts, Duration::from_millis(1))
}

/// A Contact Lens client for `server`, with `attempts` attempts per call.
fn lens_client(server: &LocalServer, attempts: u32) -> connect_contact_lens::Client {
    use connect_contact_lens::client::{Credentials, RetryConfig};
    let (n, backoff) = fast_retries(attempts);
    let config = connect_contact_lens::Config::builder()
        .region(REGION)
        .credentials(Credentials::from_keys(ACCESS_KEY, SECRET_KEY, Some(SESSION_TOKEN.into())))
        .endpoint_url(server.url())
        .retry(RetryConfig::default().with_max_attempts(n).with_initial_backoff(backoff))
        .build()
        .unwrap();
    connect_contact_lens::Client::new(config)
}

/// A Connect client for `server`, with `attempts` attempts per call.
fn connect_client(server: &LocalServer, attempts: u32) -> connect::Client {
    use connect::client::{Credentials, RetryConfig};
    let (n, backoff) = fast_retries(attempts);
    let config = connect::Config::builder()
        .region(REGION)
        .credentials(Credentials::from_keys(ACCESS_KEY, SECRET_KEY, None))
        .endpoint_url(server.url())
        .retry(RetryConfig::default().with_max_attempts(n).with_initial_backoff(backoff))
        .build()
        .unwrap();
    connect::Client::new(config)
}

fn lens_input(next_token: Option<&str>) -> connect_contact_lens::operation::list_realtime_contact_analysis_segments::Input {
    connect_contact_lens::operation::list_realtime_contact_analysis_segments::Input::builder()
        .instance_id("inst-1")
        .contact_id("contact-1")
        .max_results(50)
        .set_next_token(next_token.map(String::from))
        .build()
        .unwrap()
}

fn v2_input(next_token: Option<&str>) -> connect::operation::list_realtime_contact_analysis_segments_v2::Input {
    use connect::types::{RealTimeContactAnalysisOutputType, RealTimeContactAnalysisSegmentType};
    connect::operation::list_realtime_contact_analysis_segments_v2::Input::builder()
        .instance_id("inst-1")
        .contact_id("contact-1")
        .output_type(RealTimeContactAnalysisOutputType::Raw)
        .segment_types(vec![RealTimeContactAnalysisSegmentType::Transcript])
        .set_next_token(next_token.map(String::from))
        .build()
        .unwrap()
}

/// A Contact Lens transcript segment.
fn lens_transcript(id: &str, content: &str, sentiment: &str) -> Value {
    json!({"Transcript": {
        "Id": id, "ParticipantId": "p-1", "ParticipantRole": "CUSTOMER", "Content": content,
        "BeginOffsetMillis": 0, "EndOffsetMillis": 1200, "Sentiment": sentiment,
    }})
}

/// A Connect V2 transcript segment.
fn v2_transcript(id: &str, content: &str, sentiment: &str) -> Value {
    json!({"Transcript": {
        "Id": id, "ParticipantId": "p-1", "ParticipantRole": "CUSTOMER", "DisplayName": "Jane",
        "Content": content, "Sentiment": sentiment, "Time": {"AbsoluteTime": "2024-05-01T10:00:03Z"},
    }})
}

fn lens_page(segments: Vec<Value>, next_token: Option<&str>) -> String {
    let mut page = json!({ "Segments": segments });
    if let Some(t) = next_token {
        page["NextToken"] = json!(t);
    }
    page.to_string()
}

fn v2_page(segments: Vec<Value>, next_token: Option<&str>, status: &str) -> String {
    let mut page = json!({ "Channel": "CHAT", "Status": status, "Segments": segments });
    if let Some(t) = next_token {
        page["NextToken"] = json!(t);
    }
    page.to_string()
}

/// The request body as JSON.
fn body_json(req: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(req.body()).unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", String::from_utf8_lossy(req.body())))
}

/// Asserts the request carries a valid SigV4 signature for `service` with the test credentials,
/// scoped to the day of its `X-Amz-Date`, and that date is the current time.
fn assert_signed(req: &http::Request<Vec<u8>>, session: bool, service: &str) {
    let date = req.headers()["x-amz-date"].to_str().unwrap();
    let when = sigv4_check::parse_amz_date(date).unwrap();
    let skew = std::time::SystemTime::now().duration_since(when).unwrap_or_else(|e| e.duration());
    assert!(skew < Duration::from_secs(300), "X-Amz-Date {date} is {skew:?} away from now");
    let auth = req.headers()["authorization"].to_str().unwrap();
    let scope = format!("AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{}/{REGION}/{service}/aws4_request, ", &date[..8]);
    assert!(auth.starts_with(&scope), "{auth}");
    let signed = sigv4_check::signed_headers(auth);
    for must in ["host", "x-amz-date"] {
        assert!(signed.iter().any(|s| s == must), "{must} is not signed: {auth}");
    }
    if session {
        assert_eq!(req.headers()["x-amz-security-token"], SESSION_TOKEN);
        assert!(signed.iter().any(|s| s == "x-amz-security-token"), "the session token is not signed: {auth}");
    } else {
        assert!(req.headers().get("x-amz-security-token").is_none());
    }
    sigv4_check::verify(req, &keys(session), REGION, service).unwrap_or_else(|e| panic!("{} {}: {e}", req.method(), req.uri()));
}
