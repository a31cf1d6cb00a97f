//! One ListRealtimeContactAnalysisSegmentsV2 call, side by side in one run: our generated `connect`
//! client against `aws-sdk-connect` 1.220.0 (the anchor). Each call builds the request, signs it
//! with SigV4, sends it through an in-memory transport that answers with the same 100-segment
//! response body (the same bytes for both), and parses the response. Goal (issue 4): ours at least
//! 3× faster. The ratio (aws-sdk-connect / ours, criterion medians) is printed at the end of the
//! run; figures go in `BENCHMARKS.md` (section "Client call vs aws-sdk-connect").
//!
//! `cargo xtask bench` runs it (target dir `target/sdk-compare`); by hand:
//! `CARGO_TARGET_DIR=target/sdk-compare cargo bench --manifest-path benches/sdk-compare/Cargo.toml`.

use criterion::Criterion;
use serde_json::{Value, json};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

const GROUP: &str = "v2_call_100_segments";
/// Where our call's time goes (ours only; aws-sdk-connect does not expose its parts).
const BREAKDOWN: &str = "v2_call_100_segments_ours_parts";
const REGION: &str = "us-east-1";
const ENDPOINT: &str = "https://connect.us-east-1.amazonaws.com";
const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const INSTANCE_ID: &str = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
const CONTACT_ID: &str = "c0ffee00-1111-2222-3333-444455556666";
const SEGMENT_TYPES: [&str; 6] = ["Transcript", "Categories", "Issues", "Event", "Attachments", "PostContactSummary"];
/// Segments of each kind in the response body.
const EXPECTED_KINDS: [(&str, usize); 6] =
    [("Transcript", 65), ("Categories", 10), ("Issues", 10), ("Event", 10), ("Attachments", 4), ("PostContactSummary", 1)];

// The response body: the same segments as tests/benches/validate.rs.
#[path = "../../../tests/benches/segments.rs"]
mod segments;
use segments::segment;

/// The response body both clients parse.
fn body() -> Vec<u8> {
    serde_json::to_vec(&json!({
        "Channel": "VOICE", "Status": "IN_PROGRESS", "NextToken": "eyJwYWdlIjogMn0=",
        "Segments": (0..100).map(segment).collect::<Vec<_>>()
    }))
    .unwrap()
}

const REQUEST_ID: &str = "5f1c1a7e-0d4b-4e8a-9a57-2a5b1c9e0f11";

// --- ours ---

mod ours {
    use super::*;
    use connect::client::{Credentials, TransportError};
    use connect::operation::list_realtime_contact_analysis_segments_v2::{Input, Output};
    use connect::types::{RealTimeContactAnalysisOutputType, RealTimeContactAnalysisSegmentType, RealtimeContactAnalysisSegment as S};

    pub fn client(body: bytes::Bytes) -> connect::Client {
        // The transport checks the call was signed, then answers with the canned body (shared
        // `Bytes`, no copy, as aws-sdk-connect's canned client does).
        let transport = move |req: http::Request<Vec<u8>>| {
            assert!(req.headers().contains_key("authorization"));
            let response = http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", REQUEST_ID)
                .body(body.clone())
                .unwrap();
            async move { Ok::<_, TransportError>(response) }
        };
        let config = connect::Config::builder()
            .region(REGION)
            .credentials(Credentials::from_keys(ACCESS_KEY, SECRET_KEY, None))
            .endpoint_url(ENDPOINT)
            .transport(transport)
            .build()
            .expect("the configuration is complete");
        connect::Client::new(config)
    }

    pub fn input() -> Input {
        Input::builder()
            .instance_id(INSTANCE_ID)
            .contact_id(CONTACT_ID)
            .max_results(100)
            .output_type(RealTimeContactAnalysisOutputType::Redacted)
            .segment_types(SEGMENT_TYPES.map(RealTimeContactAnalysisSegmentType::from).to_vec())
            .build()
            .expect("every required member is set")
    }

    pub async fn call(client: &connect::Client) -> Output {
        client.list_realtime_contact_analysis_segments_v2(input()).await.expect("the call succeeds")
    }

    /// The parts of one call, measured apart: request building with SigV4, then reading the
    /// response (the canned body, shared).
    pub fn breakdown(c: &mut Criterion, body: &bytes::Bytes) {
        use connect::operation::list_realtime_contact_analysis_segments_v2::{build_request, parse_response};
        let credentials = Credentials::from_keys(ACCESS_KEY, SECRET_KEY, None);
        let input = input();
        let signing = connect::rt::client::Signing { name: "connect".into(), region: REGION.into(), double_encode: true };
        let mut group = c.benchmark_group(BREAKDOWN);
        group.bench_function("build_request+sign", |b| {
            b.iter(|| {
                let mut req = build_request(black_box(&input), ENDPOINT).unwrap();
                connect::rt::client::sign(&mut req, &credentials, &signing, SystemTime::now()).unwrap();
                req
            })
        });
        let response = || {
            http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", REQUEST_ID)
                .body(body.clone())
                .unwrap()
        };
        group.bench_function("parse_response", |b| b.iter(|| parse_response(black_box(response())).unwrap()));
        // A floor for reading these bytes: serde_json into `serde_json::Value`, no typed output.
        group.bench_function("json_to_value", |b| b.iter(|| serde_json::from_slice::<Value>(black_box(&body[..])).unwrap()));
        group.finish();
    }

    pub fn kinds(out: &Output) -> Vec<&'static str> {
        out.segments
            .iter()
            .map(|s| match s {
                S::Transcript(_) => "Transcript",
                S::Categories(_) => "Categories",
                S::Issues(_) => "Issues",
                S::Event(_) => "Event",
                S::Attachments(_) => "Attachments",
                S::PostContactSummary(_) => "PostContactSummary",
                other => panic!("segment not understood: {other:?}"),
            })
            .collect()
    }
}

// --- aws-sdk-connect ---

mod sdk {
    use super::*;
    use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};
    use aws_sdk_connect::operation::list_realtime_contact_analysis_segments_v2::ListRealtimeContactAnalysisSegmentsV2Output as Output;
    use aws_sdk_connect::types::{RealTimeContactAnalysisOutputType, RealTimeContactAnalysisSegmentType, RealtimeContactAnalysisSegment as S};
    use aws_smithy_http_client::test_util::infallible_client_fn;
    use aws_smithy_types::body::SdkBody;

    pub fn client(body: bytes::Bytes) -> aws_sdk_connect::Client {
        // The canned HTTP client of `aws-smithy-http-client` (test-util): checks the call was
        // signed, then answers with the same bytes (an `SdkBody` over shared `Bytes`, no copy).
        let http_client = infallible_client_fn(move |req| {
            assert!(req.headers().contains_key("authorization"));
            http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", REQUEST_ID)
                .body(SdkBody::from(body.clone()))
                .unwrap()
        });
        let config = aws_sdk_connect::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(REGION))
            .credentials_provider(Credentials::new(ACCESS_KEY, SECRET_KEY, None, None, "bench"))
            .endpoint_url(ENDPOINT)
            .http_client(http_client)
            .build();
        aws_sdk_connect::Client::from_conf(config)
    }

    pub async fn call(client: &aws_sdk_connect::Client) -> Output {
        let mut call = client
            .list_realtime_contact_analysis_segments_v2()
            .instance_id(INSTANCE_ID)
            .contact_id(CONTACT_ID)
            .max_results(100)
            .output_type(RealTimeContactAnalysisOutputType::Redacted);
        for t in SEGMENT_TYPES {
            call = call.segment_types(RealTimeContactAnalysisSegmentType::from(t));
        }
        call.send().await.expect("the call succeeds")
    }

    pub fn kinds(out: &Output) -> Vec<&'static str> {
        out.segments()
            .iter()
            .map(|s| match s {
                S::Transcript(_) => "Transcript",
                S::Categories(_) => "Categories",
                S::Issues(_) => "Issues",
                S::Event(_) => "Event",
                S::Attachments(_) => "Attachments",
                S::PostContactSummary(_) => "PostContactSummary",
                other => panic!("segment not understood: {other:?}"),
            })
            .collect()
    }
}

fn bench(c: &mut Criterion) {
    let body = body();
    eprintln!("response body: {} bytes, 100 segments", body.len());
    // Timers on: the SDK's identity cache races credential loading against a Tokio timer.
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();

    let ours = ours::client(body.clone().into());
    let sdk = sdk::client(body.clone().into());

    // Both sides really parse the same 100 segments, every one of a known kind.
    let sent: Value = serde_json::from_slice(&body).unwrap();
    let expected: Vec<&str> = sent["Segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| EXPECTED_KINDS.iter().map(|(k, _)| *k).find(|k| s.get(*k).is_some()).expect("a known kind"))
        .collect();
    for (kind, n) in EXPECTED_KINDS {
        assert_eq!(expected.iter().filter(|k| **k == kind).count(), n, "{kind} segments in the body");
    }
    let ours_out = rt.block_on(ours::call(&ours));
    let sdk_out = rt.block_on(sdk::call(&sdk));
    assert_eq!(ours_out.segments.len(), 100, "ours parses 100 segments");
    assert_eq!(sdk_out.segments().len(), 100, "aws-sdk-connect parses 100 segments");
    assert_eq!(ours::kinds(&ours_out), expected, "ours: segment kinds in order");
    assert_eq!(sdk::kinds(&sdk_out), expected, "aws-sdk-connect: segment kinds in order");
    assert_eq!(ours_out.next_token.as_deref(), sdk_out.next_token(), "same NextToken");
    assert_eq!(ours_out.next_token.as_deref(), Some("eyJwYWdlIjogMn0="));
    drop((ours_out, sdk_out));

    let mut group = c.benchmark_group(GROUP);
    group.bench_function("aws-sdk-connect", |b| b.iter(|| black_box(rt.block_on(sdk::call(&sdk)))));
    group.bench_function("ours", |b| b.iter(|| black_box(rt.block_on(ours::call(&ours)))));
    group.finish();

    ours::breakdown(c, &body.clone().into());
    paired(&rt, &ours, &sdk);
}

/// The ratio measured in alternating batches: this machine's speed drifts by tens of percent
/// within a minute (other tenants), which moves two criterion groups measured one after the other
/// apart. Here each round times a batch of anchor calls and a batch of ours back to back (the order
/// alternating), so both sides see the same conditions; the round ratios' median is the figure.
fn paired(rt: &tokio::runtime::Runtime, ours: &connect::Client, sdk: &aws_sdk_connect::Client) {
    let rounds: usize = std::env::var("PAIRED_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let batch: u32 = std::env::var("PAIRED_BATCH").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let time_sdk = || {
        let t = std::time::Instant::now();
        for _ in 0..batch {
            black_box(rt.block_on(sdk::call(sdk)));
        }
        t.elapsed().as_secs_f64()
    };
    let time_ours = || {
        let t = std::time::Instant::now();
        for _ in 0..batch {
            black_box(rt.block_on(ours::call(ours)));
        }
        t.elapsed().as_secs_f64()
    };
    // Warm-up, then the rounds.
    time_sdk();
    time_ours();
    let mut ratios = Vec::with_capacity(rounds);
    let (mut sdk_total, mut ours_total) = (0.0, 0.0);
    for round in 0..rounds {
        let (s, o) = if round % 2 == 0 {
            let s = time_sdk();
            (s, time_ours())
        } else {
            let o = time_ours();
            (time_sdk(), o)
        };
        sdk_total += s;
        ours_total += o;
        ratios.push(s / o);
    }
    ratios.sort_by(f64::total_cmp);
    let at = |q: f64| ratios[((rounds - 1) as f64 * q).round() as usize];
    let calls = (rounds as f64) * f64::from(batch);
    println!(
        "paired {GROUP}: {rounds} rounds of {batch}+{batch} calls, aws-sdk-connect {:.1} µs / ours {:.1} µs per call; \
         ratio median {:.2}× (quartiles {:.2}–{:.2}; goal ≥ 3×: {})",
        sdk_total / calls * 1e6,
        ours_total / calls * 1e6,
        at(0.5),
        at(0.25),
        at(0.75),
        if at(0.5) >= 3.0 { "met" } else { "NOT met" }
    );
}

/// Where criterion writes its estimates (its own order of preference).
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("criterion"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/criterion"),
    }
}

/// Median time in nanoseconds of one benchmark, if this run measured it.
fn median_ns(group: &str, id: &str, since: SystemTime) -> Option<f64> {
    let path = criterion_dir().join(group).join(id).join("new/estimates.json");
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    if modified < since {
        return None;
    }
    let estimates: Value = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn main() {
    let started = SystemTime::now() - Duration::from_secs(1);
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    if let (Some(sdk), Some(ours)) = (median_ns(GROUP, "aws-sdk-connect", started), median_ns(GROUP, "ours", started)) {
        println!(
            "ratio {GROUP}: aws-sdk-connect {:.1} µs / ours {:.1} µs = {:.2}× (goal ≥ 3×: {})",
            sdk / 1e3,
            ours / 1e3,
            sdk / ours,
            if sdk / ours >= 3.0 { "met" } else { "NOT met" }
        );
    }
    for part in ["build_request+sign", "parse_response", "json_to_value"] {
        if let Some(ns) = median_ns(BREAKDOWN, part, started) {
            println!("ours, {part}: {:.1} µs (median)", ns / 1e3);
        }
    }
}
