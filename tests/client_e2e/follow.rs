//! Follow mode over a scripted sequence of pages: segments arrive, then pages without segments that
//! still carry a `NextToken` ("more may come later"), then more segments, then a final page
//! without `NextToken`. Every segment is seen once, in order, with one request per page.

use super::*;
use connect::client::ConnectApi;
use connect_contact_lens::client::ConnectContactLensApi;
use workspace_tests::local_server::ok_json;

/// The `NextToken` each request sent (in its JSON body).
fn sent_tokens(server: &LocalServer) -> Vec<Option<String>> {
    server.requests().iter().map(|r| body_json(r)["NextToken"].as_str().map(String::from)).collect()
}

#[tokio::test]
async fn connect_v2_follow_reads_every_segment_until_the_token_is_gone() {
    let t = |id: &str, text: &str| v2_transcript(id, text, "NEUTRAL");
    let server = LocalServer::scripted(vec![
        ok_json(&v2_page(vec![t("1", "Hi"), t("2", "I need help")], Some("A"), "IN_PROGRESS")),
        // Nothing new yet: the same token comes back.
        ok_json(&v2_page(vec![], Some("A"), "IN_PROGRESS")),
        ok_json(&v2_page(vec![t("3", "Sure, one moment")], Some("B"), "IN_PROGRESS")),
        // Nothing new, with a new token.
        ok_json(&v2_page(vec![], Some("C"), "IN_PROGRESS")),
        ok_json(&v2_page(vec![t("4", "Done, bye")], None, "COMPLETED")),
    ]);
    let client = connect_client(&server, 1);
    let mut pages = client.list_realtime_contact_analysis_segments_v2_paginator(v2_input(None)).follow(Duration::from_millis(1));
    let (mut seen, mut polls, mut last_status) = (Vec::new(), 0, None);
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        polls += 1;
        for s in &page.segments {
            match s {
                connect::types::RealtimeContactAnalysisSegment::Transcript(t) => seen.push((t.id.clone(), t.content.clone())),
                other => panic!("{other:?}"),
            }
        }
        last_status = Some(page.status);
    }
    let ids: Vec<&str> = seen.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert_eq!(seen[3].1, "Done, bye");
    assert_eq!(polls, 5);
    assert_eq!(last_status, Some(connect::types::RealTimeContactAnalysisStatus::Completed));
    assert!(pages.next().await.is_none(), "paging stays over");
    assert_eq!(server.count(), 5, "one request per page, none after the last");
    let want: Vec<Option<String>> = [None, Some("A"), Some("A"), Some("B"), Some("C")].iter().map(|t| t.map(String::from)).collect();
    assert_eq!(sent_tokens(&server), want);
    for req in server.requests() {
        assert_eq!(req.uri().path(), "/contact/list-real-time-analysis-segments-v2/inst-1/contact-1");
        assert_signed(&req, false, "connect");
    }
}

#[tokio::test]
async fn contact_lens_follow_reads_every_segment_until_the_token_is_gone() {
    let t = |id: &str| lens_transcript(id, &format!("line {id}"), "POSITIVE");
    let script = || {
        vec![
            ok_json(&lens_page(vec![t("1")], Some("A"))),
            ok_json(&lens_page(vec![], Some("A"))),
            ok_json(&lens_page(vec![], Some("B"))),
            ok_json(&lens_page(vec![t("2"), t("3")], Some("C"))),
            ok_json(&lens_page(vec![t("4")], None)),
        ]
    };
    let server = LocalServer::scripted(script());
    let client = lens_client(&server, 1);
    let mut pages = client.list_realtime_contact_analysis_segments_paginator(lens_input(None)).follow(Duration::from_millis(1));
    let (mut ids, mut polls) = (Vec::new(), 0);
    while let Some(page) = pages.next().await {
        polls += 1;
        for s in page.unwrap().segments.unwrap_or_default() {
            ids.push(s.transcript.unwrap().id.unwrap());
        }
    }
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert_eq!(polls, 5);
    let want: Vec<Option<String>> = [None, Some("A"), Some("A"), Some("B"), Some("C")].iter().map(|t| t.map(String::from)).collect();
    assert_eq!(sent_tokens(&server), want);
    for req in server.requests() {
        assert_signed(&req, true, "connect");
    }

    // Without follow, a repeated token ends paging: the service has nothing new.
    let server = LocalServer::scripted(script());
    let client = lens_client(&server, 1);
    let pages = client.list_realtime_contact_analysis_segments_paginator(lens_input(None)).all().await.unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn follow_stops_at_an_error_and_reports_it() {
    let server = LocalServer::scripted(vec![
        ok_json(&v2_page(vec![v2_transcript("1", "Hi", "NEUTRAL")], Some("A"), "IN_PROGRESS")),
        workspace_tests::local_server::reply(404, &[("x-amzn-errortype", "ResourceNotFoundException")], r#"{"Message":"contact ended"}"#),
    ]);
    let client = connect_client(&server, 1);
    let mut pages = client.list_realtime_contact_analysis_segments_v2_paginator(v2_input(None)).follow(Duration::from_millis(1));
    assert_eq!(pages.next().await.unwrap().unwrap().segments.len(), 1);
    let err = pages.next().await.unwrap().unwrap_err();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert!(pages.next().await.is_none());
    assert_eq!(server.count(), 2);
}
