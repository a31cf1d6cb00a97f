//! What goes on the wire: method, path, headers, body and a valid SigV4 signature; and the
//! response read back into the output type.

use super::*;
use workspace_tests::local_server::ok_json;

#[tokio::test]
async fn contact_lens_request_is_signed_and_its_response_read() {
    let categories = json!({"Categories": {
        "MatchedCategories": ["billing"],
        "MatchedDetails": {"billing": {"PointsOfInterest": [{"BeginOffsetMillis": 100, "EndOffsetMillis": 900}]}},
    }});
    let server = LocalServer::scripted(vec![ok_json(&lens_page(
        vec![lens_transcript("t-1", "My bill is wrong", "NEGATIVE"), categories],
        Some("next-page"),
    ))]);
    let client = lens_client(&server, 1);
    let input = connect_contact_lens::operation::list_realtime_contact_analysis_segments::Input::builder()
        .instance_id("inst-1")
        .contact_id("contact/1 ü")
        .max_results(50)
        .next_token("tok")
        .build()
        .unwrap();
    let out = client.list_realtime_contact_analysis_segments(input).await.unwrap();

    let segments = out.segments.as_deref().unwrap();
    assert_eq!(segments.len(), 2);
    let t = segments[0].transcript.as_ref().unwrap();
    assert_eq!(t.content.as_deref(), Some("My bill is wrong"));
    assert_eq!(t.sentiment, Some(connect_contact_lens::types::SentimentValue::Negative));
    assert_eq!((t.begin_offset_millis, t.end_offset_millis), (Some(0), Some(1200)));
    let c = segments[1].categories.as_ref().unwrap();
    assert_eq!(c.matched_categories.as_deref(), Some(&["billing".to_string()][..]));
    assert_eq!(out.next_token.as_deref(), Some("next-page"));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri().path(), "/realtime-contact-analysis/analysis-segments");
    assert_eq!(req.uri().query(), None);
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.headers()["host"], server.authority().as_str());
    assert_eq!(req.headers()["content-length"], req.body().len().to_string().as_str());
    assert_eq!(body_json(req), json!({"InstanceId": "inst-1", "ContactId": "contact/1 ü", "MaxResults": 50, "NextToken": "tok"}));
    // Endpoint prefix `contact-lens`, but the signing name is `connect` (aws.auth#sigv4).
    assert_signed(req, true, "connect");
    let signed = sigv4_check::signed_headers(req.headers()["authorization"].to_str().unwrap());
    assert!(signed.iter().any(|s| s == "content-type"), "{signed:?}");
}

#[tokio::test]
async fn connect_v2_request_percent_encodes_labels_and_is_signed() {
    use connect::types::{
        RealTimeContactAnalysisOutputType, RealTimeContactAnalysisSegmentType, RealTimeContactAnalysisSentimentLabel,
        RealTimeContactAnalysisStatus, RealTimeContactAnalysisSupportedChannel, RealtimeContactAnalysisSegment,
    };
    let event = json!({"Event": {"Id": "e-1", "EventType": "aws.agent.joined", "Time": {"AbsoluteTime": "2024-05-01T10:00:00Z"}}});
    let server = LocalServer::scripted(vec![ok_json(&v2_page(
        vec![event, v2_transcript("t-1", "Thanks, that fixed it", "POSITIVE")],
        Some("n2"),
        "IN_PROGRESS",
    ))]);
    let client = connect_client(&server, 1);
    let input = connect::operation::list_realtime_contact_analysis_segments_v2::Input::builder()
        .instance_id("inst 1/ü+x")
        .contact_id("c:1~._-")
        .max_results(10)
        .next_token("n1")
        .output_type(RealTimeContactAnalysisOutputType::Redacted)
        .segment_types(vec![RealTimeContactAnalysisSegmentType::Transcript, RealTimeContactAnalysisSegmentType::Event])
        .build()
        .unwrap();
    let out = client.list_realtime_contact_analysis_segments_v2(input).await.unwrap();

    assert_eq!(out.channel, RealTimeContactAnalysisSupportedChannel::Chat);
    assert_eq!(out.status, RealTimeContactAnalysisStatus::InProgress);
    assert_eq!(out.next_token.as_deref(), Some("n2"));
    assert_eq!(out.segments.len(), 2);
    match &out.segments[0] {
        RealtimeContactAnalysisSegment::Event(e) => assert_eq!(e.event_type, "aws.agent.joined"),
        other => panic!("{other:?}"),
    }
    match &out.segments[1] {
        RealtimeContactAnalysisSegment::Transcript(t) => {
            assert_eq!(t.content, "Thanks, that fixed it");
            assert_eq!(t.sentiment, Some(RealTimeContactAnalysisSentimentLabel::Positive));
            assert_eq!(t.display_name.as_deref(), Some("Jane"));
        }
        other => panic!("{other:?}"),
    }

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method(), "POST");
    // RFC 3986 unreserved characters stay, everything else (`/`, space, `+`, `:`, UTF-8) is encoded.
    assert_eq!(req.uri().path(), "/contact/list-real-time-analysis-segments-v2/inst%201%2F%C3%BC%2Bx/c%3A1~._-");
    assert_eq!(req.uri().query(), None);
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.headers()["host"], server.authority().as_str());
    assert_eq!(
        body_json(req),
        json!({"MaxResults": 10, "NextToken": "n1", "OutputType": "Redacted", "SegmentTypes": ["Transcript", "Event"]}),
        "labels are in the path, not the body"
    );
    assert_signed(req, false, "connect");
}

/// The server-side check is not a formality: a request changed after signing fails it.
#[tokio::test]
async fn a_request_changed_after_signing_fails_the_signature_check() {
    let server = LocalServer::scripted(vec![ok_json(&v2_page(vec![], None, "COMPLETED"))]);
    connect_client(&server, 1).list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap();
    let req = server.requests().remove(0);
    assert_signed(&req, false, "connect");

    let mut body = req.body().clone();
    body.extend_from_slice(b" ");
    let changed_body = http::Request::from_parts(req_parts(&req), body);
    assert!(sigv4_check::verify(&changed_body, &keys(false), REGION, "connect").is_err());

    let mut changed_path = http::Request::from_parts(req_parts(&req), req.body().clone());
    *changed_path.uri_mut() = "/contact/list-real-time-analysis-segments-v2/inst-2/contact-1".parse().unwrap();
    assert!(sigv4_check::verify(&changed_path, &keys(false), REGION, "connect").is_err());

    let wrong_secret = Keys { secret_access_key: "not-the-secret", ..keys(false) };
    assert!(sigv4_check::verify(&req, &wrong_secret, REGION, "connect").is_err());
    assert!(sigv4_check::verify(&req, &keys(false), "eu-west-1", "connect").is_err());
}

fn req_parts(req: &http::Request<Vec<u8>>) -> http::request::Parts {
    let mut parts = http::Request::new(()).into_parts().0;
    parts.method = req.method().clone();
    parts.uri = req.uri().clone();
    parts.headers = req.headers().clone();
    parts
}

/// With request validation on, an invalid input fails before anything is sent.
#[tokio::test]
async fn request_validation_sends_nothing_for_invalid_input() {
    let server = LocalServer::scripted(vec![]);
    let client = connect::Client::new(
        connect::Config::builder()
            .region(REGION)
            .credentials(connect::Credentials::from_keys(ACCESS_KEY, SECRET_KEY, None))
            .endpoint_url(server.url())
            .validate_requests(true)
            .build()
            .unwrap(),
    );
    let mut input = v2_input(None);
    input.max_results = Some(0);
    let err = client.list_realtime_contact_analysis_segments_v2(input).await.unwrap_err();
    match err {
        connect::client::SdkError::InvalidInput(v) => assert!(v.to_string().contains("/MaxResults"), "{v}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(), 0);
}

/// Reserved characters in a label and in repeated query values travel encoded once, and the
/// signature covers them as received.
#[tokio::test]
async fn labels_and_query_values_with_reserved_characters_are_signed_as_sent() {
    let server = LocalServer::scripted(vec![ok_json("{}")]);
    let input = connect::operation::untag_resource::Input::builder()
        .resource_arn("arn:aws:connect:us-east-1:123456789012:instance/abc")
        .tag_keys(vec!["cost center".to_string(), "a+b=c/d".to_string(), "ü".to_string()])
        .build()
        .unwrap();
    connect_client(&server, 1).untag_resource(input).await.unwrap();
    let req = server.requests().remove(0);
    assert_eq!(req.method(), "DELETE");
    assert_eq!(req.uri().path(), "/tags/arn%3Aaws%3Aconnect%3Aus-east-1%3A123456789012%3Ainstance%2Fabc");
    assert_eq!(req.uri().query(), Some("tagKeys=cost%20center&tagKeys=a%2Bb%3Dc%2Fd&tagKeys=%C3%BC"));
    assert!(req.body().is_empty());
    assert!(req.headers().get("content-type").is_none(), "no body, no Content-Type");
    assert_signed(&req, false, "connect");
}
