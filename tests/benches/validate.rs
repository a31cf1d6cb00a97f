//! `validate()` of generated Connect types, each against an anchor measured in the same run:
//! `serde_json::to_string` of the same value. Goals (issue 3): a full ListRealtimeContactAnalysisSegmentsV2
//! request under 1 µs, a 100-segment V2 response under 20 µs. Figures go in `BENCHMARKS.md`
//! (section "Validation"); the ratios are printed at the end of the run.
//!
//! `cargo bench -p workspace-tests --bench validate` (also run by `cargo xtask bench`).

use connect::types::{
    ListRealtimeContactAnalysisSegmentsV2Request as V2Request, ListRealtimeContactAnalysisSegmentsV2Response as V2Response,
    RealTimeContactAnalysisOutputType as OutputType, RealTimeContactAnalysisSegmentType as SegmentType,
};
use criterion::Criterion;
use serde_json::json;
use std::hint::black_box;
use std::time::{Duration, SystemTime};
use workspace_tests::criterion_estimates::median_ns;

/// `(group, what)`: each group holds `anchor` and `validate`.
const GROUPS: &[(&str, &str)] = &[
    ("v2_request", "full ListRealtimeContactAnalysisSegmentsV2 request"),
    ("v2_response_100", "ListRealtimeContactAnalysisSegmentsV2 response, 100 mixed segments"),
];

fn request() -> V2Request {
    V2Request::builder()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .contact_id("c0ffee00-1111-2222-3333-444455556666")
        .max_results(100)
        .next_token("eyJwYWdlIjogMiwgInNlZ21lbnQiOiAiMTAwIn0=")
        .output_type(OutputType::Redacted)
        .segment_types(["Transcript", "Categories", "Issues", "Event", "Attachments", "PostContactSummary"].map(SegmentType::from).to_vec())
        .build()
        .expect("every required member is set")
}

#[path = "segments.rs"]
mod segments;
use segments::segment;

fn response() -> V2Response {
    let v = json!({
        "Channel": "VOICE", "Status": "IN_PROGRESS", "NextToken": "eyJwYWdlIjogMn0=",
        "Segments": (0..100).map(segment).collect::<Vec<_>>()
    });
    connect::rt::json::from_value(v).expect("the response deserializes")
}

fn bench(c: &mut Criterion) {
    let req = request();
    let resp = response();
    assert_eq!(req.validate(), Ok(()), "the benchmark measures the valid path");
    assert_eq!(resp.validate(), Ok(()), "the benchmark measures the valid path");
    assert_eq!(resp.segments.len(), 100);

    let mut group = c.benchmark_group(GROUPS[0].0);
    group.bench_function("anchor", |b| b.iter(|| serde_json::to_string(black_box(&req))));
    group.bench_function("validate", |b| b.iter(|| black_box(&req).validate()));
    group.finish();

    let mut group = c.benchmark_group(GROUPS[1].0);
    group.bench_function("anchor", |b| b.iter(|| serde_json::to_string(black_box(&resp))));
    group.bench_function("validate", |b| b.iter(|| black_box(&resp).validate()));
    group.finish();
}

fn main() {
    let started = SystemTime::now() - Duration::from_secs(1);
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
    for (group, what) in GROUPS {
        if let (Some(anchor), Some(validate)) = (median_ns(group, "anchor", started), median_ns(group, "validate", started)) {
            println!("ratio {group}: validate {validate:.0} ns / to_json anchor {anchor:.0} ns = {:.3}  ({what})", validate / anchor);
        }
    }
}
