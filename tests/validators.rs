//! Generated validators against real values of the checked-in Connect and Contact Lens models:
//! the issue's acceptance case, required members, enum membership (validation only, never on
//! deserialization), nested JSON-pointer paths, property tests at the length and range boundaries
//! (lengths in Unicode scalar values), pattern searches on Unicode input, and the `codegen.toml`
//! switches that leave a named check out.

use connect::rt::validate::{Constraint, Path, Validate, ValidationError};
use connect::types::{
    ListRealtimeContactAnalysisSegmentsV2Request as V2Request, ListRealtimeContactAnalysisSegmentsV2Response as V2Response,
    RealTimeContactAnalysisOutputType as OutputType, RealTimeContactAnalysisSegmentType as SegmentType, TagResourceRequest,
};
use connect_contact_lens::types::{
    ListRealtimeContactAnalysisSegmentsRequest as LensRequest, ListRealtimeContactAnalysisSegmentsResponse as LensResponse,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::PathBuf;

// ---------------------------------------------------------------------------------------------
// Helpers

/// `(path, message)` of every violation, in the order reported; empty when the value is valid.
fn found(r: Result<(), ValidationError>) -> Vec<(String, String)> {
    match r {
        Ok(()) => vec![],
        Err(e) => {
            assert!(!e.violations().is_empty(), "an Err carries at least one violation");
            e.violations().iter().map(|v| (v.path.clone(), v.message.clone())).collect()
        }
    }
}

fn found_lens(r: Result<(), connect_contact_lens::rt::validate::ValidationError>) -> Vec<(String, String)> {
    match r {
        Ok(()) => vec![],
        Err(e) => e.violations().iter().map(|v| (v.path.clone(), v.message.clone())).collect(),
    }
}

fn pair(path: &str, message: &str) -> (String, String) {
    (path.to_string(), message.to_string())
}

fn length_msg(len: usize, path: &str, min: u64, max: u64) -> String {
    format!("Value with length {len} at '{path}' failed to satisfy constraint: Member must have length between {min} and {max}, inclusive")
}

fn range_msg(path: &str, min: i64, max: i64) -> String {
    format!("Value at '{path}' failed to satisfy constraint: Member must be between {min} and {max}, inclusive")
}

const ALL_SEGMENT_TYPES: [&str; 6] = ["Transcript", "Categories", "Issues", "Event", "Attachments", "PostContactSummary"];

fn v2_request(contact_id: &str, max_results: Option<i32>, segment_types: Vec<SegmentType>) -> V2Request {
    V2Request::builder()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .contact_id(contact_id)
        .set_max_results(max_results)
        .output_type(OutputType::Redacted)
        .segment_types(segment_types)
        .build()
        .expect("every required member is set")
}

fn types(names: &[&str]) -> Vec<SegmentType> {
    names.iter().map(|n| SegmentType::from(*n)).collect()
}

fn time(sec: u32) -> Value {
    json!({ "AbsoluteTime": format!("2024-05-01T12:{:02}:{:02}.250Z", (sec / 60) % 60, sec % 60) })
}

/// One realistic segment of a V2 response; the kind cycles through all six union members.
fn v2_segment(i: usize) -> Value {
    let id = format!("seg-{i:04}");
    let role = if i.is_multiple_of(2) { "AGENT" } else { "CUSTOMER" };
    match i % 6 {
        0 | 3 => json!({ "Transcript": {
            "Id": id, "ParticipantId": format!("participant-{role}"), "ParticipantRole": role,
            "DisplayName": "Zoë Müller", "Content": "Bonjour, je voudrais vérifier ma facture du mois dernier 👍",
            "ContentType": "text/plain", "Time": time(i as u32),
            "Redaction": { "CharacterOffsets": [{ "BeginOffsetChar": 8, "EndOffsetChar": 20 }] },
            "Sentiment": "NEUTRAL"
        }}),
        1 => json!({ "Categories": { "MatchedDetails": {
            "billing-dispute": { "PointsOfInterest": [
                { "TranscriptItems": [{ "Id": format!("seg-{:04}", i - 1), "CharacterOffsets": { "BeginOffsetChar": 0, "EndOffsetChar": 12 } }] }
            ]},
            "politeness": { "PointsOfInterest": [] }
        }}}),
        2 => json!({ "Issues": { "IssuesDetected": [
            { "TranscriptItems": [{ "Content": "vérifier ma facture", "Id": format!("seg-{:04}", i - 2),
                "CharacterOffsets": { "BeginOffsetChar": 18, "EndOffsetChar": 37 } }] }
        ]}}),
        4 => json!({ "Event": {
            "Id": id, "ParticipantId": "participant-CUSTOMER", "ParticipantRole": "CUSTOMER", "DisplayName": "Zoë Müller",
            "EventType": "application/vnd.amazonaws.connect.event.participant.left", "Time": time(i as u32)
        }}),
        _ if i % 12 == 5 => json!({ "Attachments": {
            "Id": id, "ParticipantId": "participant-CUSTOMER", "ParticipantRole": "CUSTOMER", "DisplayName": "Zoë Müller",
            "Attachments": [
                { "AttachmentName": "facture-avril.pdf", "ContentType": "application/pdf", "AttachmentId": format!("att-{i}"), "Status": "APPROVED" },
                { "AttachmentName": "capture d’écran.png", "ContentType": "image/png", "AttachmentId": format!("att-{i}-b"), "Status": "IN_PROGRESS" }
            ],
            "Time": time(i as u32)
        }}),
        _ => json!({ "PostContactSummary": {
            "Content": "La cliente conteste un montant facturé ; l’agent a ouvert une réclamation.", "Status": "COMPLETED"
        }}),
    }
}

fn v2_response_json(segments: usize) -> Value {
    json!({
        "Channel": "VOICE", "Status": "IN_PROGRESS", "NextToken": "eyJwYWdlIjogMn0=",
        "Segments": (0..segments).map(v2_segment).collect::<Vec<_>>()
    })
}

fn v2_response(v: Value) -> V2Response {
    connect::rt::json::from_value(v).expect("the response deserializes")
}

fn lens_segment(i: usize) -> Value {
    match i % 3 {
        0 => json!({ "Transcript": {
            "Id": format!("t-{i}"), "ParticipantId": "agent-1", "ParticipantRole": "AGENT", "Content": "Ça marche, merci 🙂",
            "BeginOffsetMillis": i * 1000, "EndOffsetMillis": i * 1000 + 900, "Sentiment": "POSITIVE",
            "IssuesDetected": [{ "CharacterOffsets": { "BeginOffsetChar": 0, "EndOffsetChar": 9 } }]
        }}),
        1 => json!({ "Categories": {
            "MatchedCategories": ["billing"],
            "MatchedDetails": { "billing": { "PointsOfInterest": [{ "BeginOffsetMillis": 100, "EndOffsetMillis": 900 }] } }
        }}),
        _ => json!({ "PostContactSummary": { "Content": "Résumé", "Status": "COMPLETED" } }),
    }
}

fn lens_response(segments: Vec<Value>) -> LensResponse {
    connect_contact_lens::rt::json::from_value(json!({ "Segments": segments })).expect("the response deserializes")
}

fn lens_request(contact_id: &str) -> LensRequest {
    connect_contact_lens::rt::json::from_value(json!({ "InstanceId": "inst", "ContactId": contact_id })).expect("the request deserializes")
}

fn tag_request(keys: &[&str]) -> TagResourceRequest {
    let tags: HashMap<String, String> = keys.iter().map(|k| (k.to_string(), "v".to_string())).collect();
    TagResourceRequest::builder().resource_arn("arn:aws:connect:us-west-2:123456789012:instance/x").tags(tags).build().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Acceptance and whole values

#[test]
fn acceptance_v2_request_reports_the_three_violations() {
    let mut seven = types(&ALL_SEGMENT_TYPES);
    seven.push(SegmentType::Transcript);
    let req = v2_request("", Some(0), seven);
    let err = req.validate().expect_err("three constraints are broken");
    let mut got: Vec<_> = err.violations().iter().map(|v| (v.path.as_str(), &v.constraint, v.message.as_str())).collect();
    got.sort_by_key(|v| v.0);
    let contact = Constraint::Length { min: Some(1), max: Some(256), actual: 0 };
    let max_results = Constraint::Range { min: Some("1"), max: Some("100"), value: "0".into() };
    let segment_types = Constraint::Length { min: Some(0), max: Some(6), actual: 7 };
    assert_eq!(
        got,
        vec![
            (
                "/ContactId",
                &contact,
                "Value with length 0 at '/ContactId' failed to satisfy constraint: Member must have length between 1 and 256, inclusive"
            ),
            (
                "/MaxResults",
                &max_results,
                "Value at '/MaxResults' failed to satisfy constraint: Member must be between 1 and 100, inclusive"
            ),
            (
                "/SegmentTypes",
                &segment_types,
                "Value with length 7 at '/SegmentTypes' failed to satisfy constraint: Member must have length between 0 and 6, inclusive"
            ),
        ]
    );
    assert!(err.to_string().starts_with("3 validation errors detected. Value"), "{err}");
}

#[test]
fn valid_values_pass() {
    let full = v2_request("c0ffee00-1111-2222-3333-444455556666", Some(100), types(&ALL_SEGMENT_TYPES));
    assert_eq!(full.validate(), Ok(()));
    let minimal = v2_request("c", None, vec![]);
    assert_eq!(minimal.validate(), Ok(()));
    assert_eq!(v2_response(v2_response_json(120)).validate(), Ok(()));
    assert_eq!(lens_response((0..100).map(lens_segment).collect()).validate(), Ok(()));
    assert_eq!(tag_request(&["Département", "日本", "cost-center", "team@eu"]).validate(), Ok(()));
}

#[test]
fn missing_required_members_are_each_reported() {
    let empty: V2Request = connect::rt::json::from_str("{}").unwrap();
    let null = |m: &str| pair(&format!("/{m}"), &format!("Value at '/{m}' failed to satisfy constraint: Member must not be null"));
    assert_eq!(found(empty.validate()), ["ContactId", "InstanceId", "OutputType", "SegmentTypes"].map(null));
    let untagged: TagResourceRequest = connect::rt::json::from_str("{}").unwrap();
    assert_eq!(found(untagged.validate()), ["resourceArn", "tags"].map(null));
    let lens: LensRequest = connect_contact_lens::rt::json::from_str(r#"{"ContactId": "c"}"#).unwrap();
    assert_eq!(found_lens(lens.validate()), vec![null("InstanceId")]);
    // Nested: a transcript without its required members, inside a Contact Lens response.
    let partial = lens_response(vec![json!({ "Transcript": { "Content": "ok", "BeginOffsetMillis": 0 } })]);
    let at = |m: &str| {
        let p = format!("/Segments/0/Transcript/{m}");
        pair(&p, &format!("Value at '{p}' failed to satisfy constraint: Member must not be null"))
    };
    assert_eq!(found_lens(partial.validate()), ["EndOffsetMillis", "Id", "ParticipantId", "ParticipantRole"].map(at));
}

#[test]
fn unknown_enum_values_deserialize_but_fail_validation() {
    let nope = SegmentType::from("Nope");
    assert!(matches!(nope, SegmentType::Unknown(_)));
    let req = v2_request("c", Some(5), vec![SegmentType::Transcript, nope]);
    let set = "[Attachments, Categories, Event, Issues, PostContactSummary, Transcript]";
    let expected = vec![pair(
        "/SegmentTypes/1",
        &format!("Value at '/SegmentTypes/1' failed to satisfy constraint: Member must satisfy enum value set: {set}"),
    )];
    assert_eq!(found(req.validate()), expected);
    let err = req.validate().unwrap_err();
    assert_eq!(err.violations()[0].constraint, Constraint::Enum { value: "Nope".into() });

    // The same value, and a broken length and range beside it, read from JSON without complaint:
    // deserialization never validates.
    let wire = r#"{"InstanceId":"i","ContactId":"","MaxResults":0,"OutputType":"Verbatim","SegmentTypes":["Transcript","Nope"]}"#;
    let read: V2Request = connect::rt::json::from_str(wire).expect("deserialization accepts unknown enum values and broken constraints");
    assert_eq!(read.segment_types.as_deref().map(|s| s[1].as_str()), Some("Nope"));
    assert_eq!(found(read.validate()).len(), 4, "{:?}", read.validate());

    let mut resp = v2_response_json(3);
    resp["Channel"] = json!("CARRIER_PIGEON");
    resp["Status"] = json!("PAUSED");
    let resp = v2_response(resp);
    let paths: Vec<_> = found(resp.validate()).into_iter().map(|v| v.0).collect();
    assert_eq!(paths, ["/Channel", "/Status"]);
}

#[test]
fn nested_paths_point_into_a_large_v2_response() {
    let mut v = v2_response_json(130);
    assert!(v["Segments"][3].get("Transcript").is_some());
    v["Segments"][3]["Transcript"]["Content"] = json!("");
    let resp = v2_response(v);
    assert_eq!(
        found(resp.validate()),
        vec![pair("/Segments/3/Transcript/Content", &length_msg(0, "/Segments/3/Transcript/Content", 1, 16384))]
    );
}

#[test]
fn every_violation_is_reported_at_every_depth() {
    let mut v = v2_response_json(110);
    v["Segments"][0]["Transcript"]["Content"] = json!("");
    v["Segments"][0]["Transcript"]["Sentiment"] = json!("ELATED");
    v["Segments"][1]["Categories"]["MatchedDetails"]["a/b~c"] = json!({ "PointsOfInterest": vec![json!({ "TranscriptItems": [] }); 6] });
    v["Segments"][2]["Issues"]["IssuesDetected"][0]["TranscriptItems"][0]["Id"] = json!("");
    v["Segments"][4]["Event"]["EventType"] = json!("é".repeat(129));
    v["Segments"][5]["Attachments"]["Attachments"] = json!(vec![v["Segments"][5]["Attachments"]["Attachments"][0].clone(); 11]);
    v["Segments"][105]["Transcript"]["Redaction"]["CharacterOffsets"][0]["BeginOffsetChar"] = json!(-1);
    v["Segments"][107]["PostContactSummary"]["Content"] = json!("👍".repeat(1271));
    v["NextToken"] = json!("");
    let got = found(v2_response(v).validate());
    let offset = "/Segments/105/Transcript/Redaction/CharacterOffsets/0/BeginOffsetChar";
    let sentiment = "/Segments/0/Transcript/Sentiment";
    let expected = vec![
        pair("/NextToken", &length_msg(0, "/NextToken", 1, 100000)),
        pair("/Segments/0/Transcript/Content", &length_msg(0, "/Segments/0/Transcript/Content", 1, 16384)),
        pair(
            sentiment,
            &format!(
                "Value at '{sentiment}' failed to satisfy constraint: Member must satisfy enum value set: [NEGATIVE, NEUTRAL, POSITIVE]"
            ),
        ),
        pair(
            "/Segments/1/Categories/MatchedDetails/a~1b~0c/PointsOfInterest",
            &length_msg(6, "/Segments/1/Categories/MatchedDetails/a~1b~0c/PointsOfInterest", 0, 5),
        ),
        pair(
            "/Segments/2/Issues/IssuesDetected/0/TranscriptItems/0/Id",
            &length_msg(0, "/Segments/2/Issues/IssuesDetected/0/TranscriptItems/0/Id", 1, 256),
        ),
        pair("/Segments/4/Event/EventType", &length_msg(129, "/Segments/4/Event/EventType", 1, 128)),
        pair("/Segments/5/Attachments/Attachments", &length_msg(11, "/Segments/5/Attachments/Attachments", 0, 10)),
        pair(offset, &format!("Value at '{offset}' failed to satisfy constraint: Member must be greater than or equal to 0")),
        pair("/Segments/107/PostContactSummary/Content", &length_msg(1271, "/Segments/107/PostContactSummary/Content", 1, 1270)),
    ];
    let mut sorted = got.clone();
    sorted.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(sorted, expected_sorted, "reported: {got:#?}");
}

#[test]
fn contact_lens_response_paths_and_list_bound() {
    let mut segs: Vec<Value> = (0..101).map(lens_segment).collect();
    segs[2]["PostContactSummary"]["Status"] = json!("DONE");
    segs[99]["Transcript"]["Content"] = json!("   ");
    segs[99]["Transcript"]["EndOffsetMillis"] = json!(-5);
    let got = found_lens(lens_response(segs).validate());
    let content = "/Segments/99/Transcript/Content";
    let end = "/Segments/99/Transcript/EndOffsetMillis";
    let status = "/Segments/2/PostContactSummary/Status";
    let mut expected = vec![
        pair("/Segments", &length_msg(101, "/Segments", 0, 100)),
        pair(status, &format!("Value at '{status}' failed to satisfy constraint: Member must satisfy enum value set: [COMPLETED, FAILED]")),
        pair(content, &format!("Value at '{content}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S")),
        pair(end, &format!("Value at '{end}' failed to satisfy constraint: Member must be greater than or equal to 0")),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    expected.sort();
    assert_eq!(got_sorted, expected, "reported: {got:#?}");
}

#[test]
fn validation_is_repeatable_and_leaves_the_value_alone() {
    let mut seven = types(&ALL_SEGMENT_TYPES);
    seven.push(SegmentType::Event);
    let req = v2_request("", Some(101), seven);
    let before = req.clone();
    let first = req.validate();
    assert_eq!(req.validate(), first);
    assert_eq!(req, before);
}

// ---------------------------------------------------------------------------------------------
// Integer bounds up to i64

/// The runtime's integer range check, driven through the public `Validate` trait exactly as the
/// generated code drives it. Our models have no `long` bounded at `i64::MAX`; Connect's official
/// model does (`QueuePriority`), see `official_model_config_turns_off_named_patterns`.
struct Long {
    value: i64,
    min: (i64, &'static str),
    max: (i64, &'static str),
}

impl Validate for Long {
    fn validate_into(&self, path: &mut Path, out: &mut Vec<connect::rt::validate::Violation>) {
        let mark = path.push("QueuePriority");
        connect::rt::validate::range_int(path, self.value, Some(self.min), Some(self.max), out);
        path.pop(mark);
    }
}

#[test]
fn integer_ranges_are_exact_at_i64_max() {
    const MAX: (i64, &str) = (i64::MAX, "9223372036854775807");
    const BELOW_MAX: (i64, &str) = (i64::MAX - 1, "9223372036854775806");
    const ONE: (i64, &str) = (1, "1");
    let check = |value, min, max| connect::rt::validate::run(&Long { value, min, max }).is_ok();
    assert!(check(i64::MAX, ONE, MAX));
    assert!(check(1, ONE, MAX));
    assert!(!check(0, ONE, MAX));
    // An f64 comparison sees 2^63 on both sides here and would let the value through.
    assert!(!check(i64::MAX, ONE, BELOW_MAX));
    assert!(check(i64::MAX - 1, ONE, BELOW_MAX));
    assert!(!check(i64::MIN, (i64::MIN + 1, "-9223372036854775807"), (0, "0")));
    let err = connect::rt::validate::run(&Long { value: i64::MAX, min: ONE, max: BELOW_MAX }).unwrap_err();
    assert_eq!(
        err.violations()[0].message,
        "Value at '/QueuePriority' failed to satisfy constraint: Member must be between 1 and 9223372036854775806, inclusive"
    );
    assert_eq!(
        err.violations()[0].constraint,
        Constraint::Range { min: Some("1"), max: Some("9223372036854775806"), value: "9223372036854775807".into() }
    );
}

// ---------------------------------------------------------------------------------------------
// Property tests at the boundaries

/// Characters of 1 to 4 UTF-8 bytes, so byte length and character count differ.
fn mixed_chars(n: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(prop::sample::select(vec!['a', 'é', '日', '👍', 'Z', '\u{2003}']), n).prop_map(|v| v.into_iter().collect())
}

/// A length at or next to each bound, or anywhere in between and a little beyond.
fn around(min: usize, max: usize) -> impl Strategy<Value = usize> {
    let mut edges = vec![min, max, max + 1];
    if min > 0 {
        edges.push(min - 1);
    }
    prop_oneof![prop::sample::select(edges), 0..=max + 10]
}

/// ECMA-262 `\s`: WhiteSpace and LineTerminator (not the same set as `char::is_whitespace`).
fn ecma_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}')
}

const TAG_KEY_PATTERN: &str = r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$";

proptest! {
    #[test]
    fn string_length_counts_scalar_values(n in around(1, 256), seed in mixed_chars(1..=1)) {
        let id: String = seed.chars().cycle().take(n).collect();
        let got = found(v2_request(&id, None, vec![]).validate());
        if (1..=256).contains(&n) {
            prop_assert!(got.is_empty(), "{n} chars ({} bytes): {got:?}", id.len());
        } else {
            prop_assert_eq!(got, vec![pair("/ContactId", &length_msg(n, "/ContactId", 1, 256))]);
        }
    }

    #[test]
    fn string_length_of_mixed_text(id in mixed_chars(0..=260), role in mixed_chars(0..=300)) {
        let mut v = v2_response_json(1);
        v["Segments"][0]["Transcript"]["Id"] = json!(id);
        v["Segments"][0]["Transcript"]["ContentType"] = json!(role);
        let (n, m) = (id.chars().count(), role.chars().count());
        let mut expected = vec![];
        if !(1..=256).contains(&n) {
            expected.push(pair("/Segments/0/Transcript/Id", &length_msg(n, "/Segments/0/Transcript/Id", 1, 256)));
        }
        if !(1..=256).contains(&m) {
            expected.push(pair("/Segments/0/Transcript/ContentType", &length_msg(m, "/Segments/0/Transcript/ContentType", 1, 256)));
        }
        let mut got = found(v2_response(v).validate());
        got.sort();
        expected.sort();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn min_only_length_has_no_upper_bound(n in prop_oneof![Just(0usize), Just(1), 2..2000usize]) {
        let mut segs = vec![lens_segment(0)];
        segs[0]["Transcript"]["Content"] = json!(format!("{}{}", "x".repeat(n.min(1)), "é".repeat(n.saturating_sub(1))));
        let got = found_lens(lens_response(segs).validate());
        if n == 0 {
            let p = "/Segments/0/Transcript/Content";
            prop_assert_eq!(got, vec![
                pair(p, &format!("Value with length 0 at '{p}' failed to satisfy constraint: Member must have length greater than or equal to 1")),
                pair(p, &format!("Value at '{p}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S")),
            ]);
        } else {
            prop_assert!(got.is_empty(), "{got:?}");
        }
    }

    #[test]
    fn list_length_bounds(n in around(0, 6)) {
        let list: Vec<SegmentType> = (0..n).map(|i| SegmentType::from(ALL_SEGMENT_TYPES[i % 6])).collect();
        let got = found(v2_request("c", None, list).validate());
        if n <= 6 {
            prop_assert!(got.is_empty(), "{got:?}");
        } else {
            prop_assert_eq!(got, vec![pair("/SegmentTypes", &length_msg(n, "/SegmentTypes", 0, 6))]);
        }
    }

    #[test]
    fn map_length_bounds(n in around(1, 50)) {
        let keys: Vec<String> = (0..n).map(|i| format!("clé-{i}")).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let got = found(tag_request(&keys).validate());
        if (1..=50).contains(&n) {
            prop_assert!(got.is_empty(), "{got:?}");
        } else {
            prop_assert_eq!(got, vec![pair("/tags", &length_msg(n, "/tags", 1, 50))]);
        }
    }

    #[test]
    fn integer_range_bounds(n in prop_oneof![prop::sample::select(vec![0, 1, 100, 101, i32::MIN, i32::MAX, -1]), any::<i32>()]) {
        let got = found(v2_request("c", Some(n), vec![]).validate());
        if (1..=100).contains(&n) {
            prop_assert!(got.is_empty(), "{got:?}");
        } else {
            prop_assert_eq!(got, vec![pair("/MaxResults", &range_msg("/MaxResults", 1, 100))]);
            let err = v2_request("c", Some(n), vec![]).validate().unwrap_err();
            prop_assert_eq!(&err.violations()[0].constraint, &Constraint::Range { min: Some("1"), max: Some("100"), value: n.to_string() });
        }
    }

    #[test]
    fn min_only_integer_range(n in prop_oneof![prop::sample::select(vec![-1, 0, 1, i32::MIN, i32::MAX]), any::<i32>()]) {
        let mut segs = vec![lens_segment(0)];
        segs[0]["Transcript"]["BeginOffsetMillis"] = json!(n);
        let got = found_lens(lens_response(segs).validate());
        let p = "/Segments/0/Transcript/BeginOffsetMillis";
        if n >= 0 {
            prop_assert!(got.is_empty(), "{got:?}");
        } else {
            prop_assert_eq!(got, vec![pair(p, &format!("Value at '{p}' failed to satisfy constraint: Member must be greater than or equal to 0"))]);
        }
    }

    #[test]
    fn non_space_pattern_is_a_search(s in proptest::collection::vec(
        prop::sample::select(vec![' ', '\t', '\n', '\u{A0}', '\u{2003}', '\u{3000}', '\u{FEFF}', '\u{2028}', '\u{85}', 'x', 'é', '😀']), 1..=12,
    )) {
        let s: String = s.into_iter().collect();
        let got = found_lens(lens_request(&s).validate());
        if s.chars().all(ecma_space) {
            prop_assert_eq!(got, vec![pair("/ContactId", "Value at '/ContactId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S")]);
        } else {
            prop_assert!(got.is_empty(), "{s:?}: {got:?}");
        }
    }

    #[test]
    fn tag_key_pattern_on_unicode_keys(
        aws in any::<bool>(),
        s in proptest::collection::vec(prop::sample::select(vec![
            'a', 'Z', 'é', 'ß', '日', 'ж', '٣', '5', '\u{2003}', ' ', '_', '.', ':', '/', '=', '+', '-', '@', // allowed
            '😀', '!', '#', '\t', '~', '*', // not letters, separators, numbers or the listed symbols
        ]), 1..=20),
    ) {
        let key: String = if aws { "aws:".chars().chain(s).collect() } else { s.into_iter().collect() };
        let allowed = |c: char| c.is_alphanumeric() || c == ' ' || c == '\u{2003}' || "_.:/=+-@".contains(c);
        let ok = !key.starts_with("aws:") && key.chars().all(allowed);
        let got = found(tag_request(&[&key]).validate());
        if ok {
            prop_assert!(got.is_empty(), "{key:?}: {got:?}");
        } else {
            let msg = format!("Value at '/tags' failed to satisfy constraint: Member must satisfy regular expression pattern: {TAG_KEY_PATTERN}");
            prop_assert_eq!(got, vec![pair("/tags", &msg)], "{:?}", key);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns: fixed Unicode cases

#[test]
fn contact_lens_non_space_pattern_cases() {
    let pattern_err =
        |p: &str| pair(p, &format!("Value at '{p}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\S"));
    assert_eq!(found_lens(lens_request("  x ").validate()), vec![]);
    assert_eq!(found_lens(lens_request("é").validate()), vec![]);
    assert_eq!(found_lens(lens_request("   ").validate()), vec![pattern_err("/ContactId")]);
    assert_eq!(found_lens(lens_request("\u{2003}").validate()), vec![pattern_err("/ContactId")]);
    assert_eq!(found_lens(lens_request("\u{FEFF}").validate()), vec![pattern_err("/ContactId")]);
    // NEL is whitespace to Rust but not to ECMA-262.
    assert_eq!(found_lens(lens_request("\u{85}").validate()), vec![]);
    let err = lens_request("\u{3000}").validate().unwrap_err();
    assert_eq!(
        err.violations()[0].constraint,
        connect_contact_lens::rt::validate::Constraint::Pattern { pattern: "\\S", value: "\u{3000}".into() }
    );
}

#[test]
fn connect_tag_key_pattern_cases() {
    let msg = format!("Value at '/tags' failed to satisfy constraint: Member must satisfy regular expression pattern: {TAG_KEY_PATTERN}");
    for good in ["Département", "日本", "AWS:x", "x aws:", "٣٤", "a\u{2003}b", "cost_center/team=eu+1@x.y:z-w", ""] {
        let got = found(tag_request(&[good]).validate());
        let expected = if good.is_empty() { vec![pair("/tags", &length_msg(0, "/tags", 1, 128))] } else { vec![] };
        assert_eq!(got, expected, "{good:?}");
    }
    for bad in ["aws:x", "aws:", "emoji😀", "tab\t", "semi;colon"] {
        assert_eq!(found(tag_request(&[bad]).validate()), vec![pair("/tags", &msg)], "{bad:?}");
    }
    // Both checks of one key, and the value's own path beside it.
    let long_key = format!("aws:{}", "日".repeat(125));
    let mut tags = HashMap::from([(long_key, "v".to_string())]);
    tags.insert("ok".into(), "é".repeat(257));
    let req = TagResourceRequest::builder().resource_arn("arn").tags(tags).build().unwrap();
    let mut got = found(req.validate());
    got.sort();
    assert_eq!(
        got,
        vec![pair("/tags", &msg), pair("/tags", &length_msg(129, "/tags", 1, 128)), pair("/tags/ok", &length_msg(257, "/tags/ok", 0, 256))]
    );
}

// ---------------------------------------------------------------------------------------------
// codegen.toml

/// The generated checks of one member (empty when the member has none left).
fn block<'a>(source: &'a str, member: &str) -> &'a str {
    // Sensitive members are pushed with `push_sensitive` (their values are redacted in violations).
    let start = source.find(&format!("path.push(\"{member}\")")).or_else(|| source.find(&format!("path.push_sensitive(\"{member}\")")));
    let Some(start) = start else { return "" };
    let end = source[start..].find("path.pop(mark)").map_or(source.len(), |e| start + e);
    &source[start..end]
}

fn generated_file<'a>(g: &'a codegen::Generated, name: &str) -> &'a str {
    let (_, text) = g.files.iter().find(|(p, _)| p.ends_with(name)).unwrap_or_else(|| panic!("{name} not generated"));
    text
}

#[test]
fn official_model_config_turns_off_named_patterns() {
    let Some(model) = workspace_tests::shared_model("aws/connect-2017-08-08.json") else { return };
    let plain = codegen::generate(&codegen::Input::files([model.clone()]).with_config(codegen::config::Config::default()))
        .unwrap_or_else(|e| panic!("the official model generates without configuration:\n{e}"));
    let mut config = codegen::config::Config::default();
    for id in ["com.amazonaws.connect#Password", "com.amazonaws.connect#PhoneNumber"] {
        config.validation.skip.insert(id.into(), ["pattern".to_string()].into());
    }
    let skipped = codegen::generate(&codegen::Input::files([model]).with_config(config)).unwrap_or_else(|e| panic!("{e}"));

    // (file, member, shape's own length or other check that must stay)
    let members = [
        ("types/create_user_request.rs", "Password"),
        ("types/claim_phone_number_request.rs", "PhoneNumber"),
        ("types/start_outbound_voice_contact_request.rs", "DestinationPhoneNumber"),
        ("types/user_identity_info.rs", "Mobile"),
    ];
    for (file, member) in members {
        let before = block(generated_file(&plain, file), member);
        let after = block(generated_file(&skipped, file), member);
        assert!(before.contains("crate::patterns::"), "{file} {member} is pattern-checked by default:\n{before}");
        assert!(!after.contains("crate::patterns::"), "{file} {member} is not pattern-checked when skipped:\n{after}");
    }
    // Only the pattern goes: a required phone number is still required.
    assert!(block(generated_file(&skipped, "types/claim_phone_number_request.rs"), "PhoneNumber").contains("required("));
    // Other patterns in the same structures are still checked.
    assert!(block(generated_file(&skipped, "types/create_user_request.rs"), "Tags").contains("crate::patterns::"));
    assert!(block(generated_file(&skipped, "types/create_user_request.rs"), "Username").contains("::length_str("));
    let description = block(generated_file(&skipped, "types/claim_phone_number_request.rs"), "PhoneNumberDescription");
    assert!(description.contains("crate::patterns::"), "{description}");
    let password = r#""^/^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)[a-zA-Z\\d\\S]{8,64}$/$""#;
    assert!(generated_file(&plain, "src/patterns.rs").contains(password));
    assert!(!generated_file(&skipped, "src/patterns.rs").contains(password));

    // `QueuePriority` (a long with max 9223372036854775807) is bounded exactly, as an i64.
    let contact: String = block(generated_file(&plain, "types/contact.rs"), "QueuePriority").split_whitespace().collect();
    assert!(contact.contains("range_int(path,i64::from(*v),"), "{contact}");
    assert!(contact.contains("Some((9223372036854775807i64,\"9223372036854775807\",))"), "{contact}");
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("validators-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(workspace_tests::workspace_root().join("models/connect-contact-lens.json"), dir.join("connect-contact-lens.json"))
            .unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn generate_with_toml(tag: &str, toml: &str) -> Result<codegen::Generated, codegen::diag::Failed> {
    let dir = TempDir::new(tag);
    std::fs::write(dir.0.join("codegen.toml"), toml).unwrap();
    codegen::generate(&codegen::Input::dir(&dir.0))
}

#[test]
fn codegen_toml_skips_a_check_for_a_shape_or_a_member() {
    let toml = r#"
[validation]
skip = { "com.amazonaws.connectcontactlens#ContactId" = ["pattern"], "com.amazonaws.connectcontactlens#Transcript$Content" = ["pattern", "length"] }
"#;
    let g = generate_with_toml("skip", toml).unwrap_or_else(|e| panic!("{e}"));
    let request = generated_file(&g, "types/list_realtime_contact_analysis_segments_request.rs");
    assert!(!block(request, "ContactId").contains("crate::patterns::"));
    assert!(block(request, "ContactId").contains("::length_str("), "the length check of ContactId stays");
    assert!(block(request, "InstanceId").contains("crate::patterns::"));
    let transcript = generated_file(&g, "types/transcript.rs");
    assert!(!block(transcript, "Content").contains("crate::patterns::"));
    assert!(!block(transcript, "Content").contains("::length_str("));
    assert!(block(transcript, "Content").contains("required("), "only the named checks go");
    assert!(block(transcript, "Id").contains("crate::patterns::"));
}

#[test]
fn bad_codegen_toml_is_an_error_naming_the_file() {
    let cases = [
        ("check", "[validation]\nskip = { \"com.amazonaws.connectcontactlens#ContactId\" = [\"patern\"] }\n", "unknown check `patern`"),
        ("syntax", "[validation\nskip = ", "invalid configuration"),
        ("key", "[validation]\nskipp = {}\n", "invalid configuration"),
        ("mode", "[validation]\ninvalid-patterns = \"ignore\"\n", "expected \"error\" or \"warn\""),
        (
            "follow",
            "[services.\"com.amazonaws.connectcontactlens#AmazonConnectContactLens\"]\nfollow = [\"DescribeNothing\"]\n",
            "`DescribeNothing` is not a paginated operation of the service",
        ),
    ];
    for (tag, toml, message) in cases {
        let err = generate_with_toml(tag, toml).err().unwrap_or_else(|| panic!("{tag}: a bad codegen.toml must fail"));
        let errors: Vec<_> = err.0.errors().collect();
        assert!(!errors.is_empty(), "{tag}");
        for d in &errors {
            assert!(d.file.ends_with("codegen.toml"), "{tag}: {d}");
        }
        assert!(errors.iter().any(|d| d.message.contains(message)), "{tag}: {err}");
        assert!(err.to_string().contains("codegen.toml"), "{tag}: {err}");
    }
}

/// Follow-mode docs and the error a validation failure is reported as come from `codegen.toml`
/// (or the documented default), not from service names in the generator.
#[test]
fn codegen_toml_decides_follow_docs_and_the_validation_error() {
    let op = "connect-contact-lens/src/operation/list_realtime_contact_analysis_segments.rs";
    let invalid_input = |g: &codegen::Generated| -> String {
        let text = &g.files[std::path::Path::new(op)];
        let start = text.find("fn invalid_input(message: ::std::string::String) -> Self").expect("invalid_input");
        text[start..start + 400].to_string()
    };
    let client = |g: &codegen::Generated| g.files[std::path::Path::new("connect-contact-lens/src/client.rs")].clone();

    let defaults = generate_with_toml("defaults", "").unwrap_or_else(|e| panic!("{e}"));
    assert!(invalid_input(&defaults).contains("Error::InvalidRequestException"), "{}", invalid_input(&defaults));
    assert!(!client(&defaults).contains("more may come later"));

    let toml = r#"[services."com.amazonaws.connectcontactlens#AmazonConnectContactLens"]
follow = ["ListRealtimeContactAnalysisSegments"]
validation-errors = ["AccessDeniedException"]
"#;
    let configured = generate_with_toml("configured", toml).unwrap_or_else(|e| panic!("{e}"));
    assert!(invalid_input(&configured).contains("Error::AccessDeniedException"), "{}", invalid_input(&configured));
    assert!(client(&configured).contains("A present `NextToken` with no new segments means more may come later"));
}

/// Our Contact Lens model with `ContactId`'s pattern replaced, generated with `toml`.
fn generate_with_contact_id_pattern(tag: &str, pattern: &str, toml: &str) -> Result<codegen::Generated, codegen::diag::Failed> {
    let dir = TempDir::new(tag);
    let path = dir.0.join("connect-contact-lens.json");
    let mut model: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    model["shapes"]["com.amazonaws.connectcontactlens#ContactId"]["traits"]["smithy.api#pattern"] = pattern.into();
    std::fs::write(&path, serde_json::to_vec(&model).unwrap()).unwrap();
    std::fs::write(dir.0.join("codegen.toml"), toml).unwrap();
    codegen::generate(&codegen::Input::dir(&dir.0))
}

const REQUEST: &str = "types/list_realtime_contact_analysis_segments_request.rs";

/// The text before the `contact_id` field: its doc comment.
fn contact_id_docs(g: &codegen::Generated) -> String {
    let text = generated_file(g, REQUEST);
    let field = text.find("pub contact_id:").expect("contact_id field");
    let start = text[..field].rfind("pub struct").expect("struct");
    text[start..field].to_string()
}

#[test]
fn a_java_pattern_is_translated_and_checked() {
    // Published in java.util.regex syntax (a leading inline flag, a possessive quantifier).
    let g = generate_with_contact_id_pattern("java", r"^(?s)[a-z0-9-]{36}+$", "").unwrap_or_else(|e| panic!("{e}"));
    assert!(g.warnings.items.iter().all(|w| !w.message.contains("@pattern")), "{:?}", g.warnings.items);
    assert!(block(generated_file(&g, REQUEST), "ContactId").contains("crate::patterns::"));
    let patterns: String = generated_file(&g, "src/patterns.rs").split_whitespace().collect();
    assert!(patterns.contains(r#"CONTACT_ID:Pattern=Pattern::new("^(?s)[a-z0-9-]{36}+$","^[a-z0-9-]{36}$","us",);"#), "{patterns}");
}

#[test]
fn a_pattern_that_is_not_ecma_262_is_a_warning_by_default() {
    let java_case_insensitive = r"^(?i)[a-z0-9-]+$";
    let g =
        generate_with_contact_id_pattern("warn", java_case_insensitive, "").unwrap_or_else(|e| panic!("published models generate: {e}"));
    let warning = g
        .warnings
        .items
        .iter()
        .find(|w| w.message.contains("@pattern"))
        .unwrap_or_else(|| panic!("a warning for the left-out check: {:?}", g.warnings.items));
    assert_eq!(warning.location, "com.amazonaws.connectcontactlens#ListRealtimeContactAnalysisSegmentsRequest$ContactId");
    assert!(warning.message.contains(java_case_insensitive) && warning.message.contains("the check is left out"), "{warning}");
    assert!(warning.file.ends_with("connect-contact-lens.json"), "{warning}");
    assert!(!block(generated_file(&g, REQUEST), "ContactId").contains("crate::patterns::"));
    assert!(block(generated_file(&g, REQUEST), "InstanceId").contains("crate::patterns::"), "other patterns are still checked");
    let docs = contact_id_docs(&g);
    assert!(docs.contains("(not checked: not an ECMA-262 regular expression)"), "{docs}");

    // `invalid-patterns = "error"` makes it an error naming the file and the member.
    let Err(err) = generate_with_contact_id_pattern("error", java_case_insensitive, "[validation]\ninvalid-patterns = \"error\"\n") else {
        panic!("an error with invalid-patterns = \"error\"")
    };
    let e = err.0.errors().find(|d| d.message.contains("@pattern")).unwrap_or_else(|| panic!("{err}"));
    assert_eq!(e.location, warning.location);
    assert!(e.file.ends_with("connect-contact-lens.json"));

    // A `[validation] skip` entry is applied first: no warning, no error, and the docs say why.
    let skip = "[validation]\ninvalid-patterns = \"error\"\nskip = { \"com.amazonaws.connectcontactlens#ContactId\" = [\"pattern\"] }\n";
    let g = generate_with_contact_id_pattern("skip-bad", java_case_insensitive, skip).unwrap_or_else(|e| panic!("{e}"));
    assert!(g.warnings.items.iter().all(|w| !w.message.contains("@pattern")), "{:?}", g.warnings.items);
    assert!(contact_id_docs(&g).contains("(not checked: left out in codegen.toml)"), "{}", contact_id_docs(&g));
}
