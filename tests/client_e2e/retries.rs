//! Retries: throttling (429 or a throttling code) and 5xx are retried, each attempt signed anew,
//! up to the attempt limit; other client errors are not. The server counts the attempts.

use super::*;
use connect::client::SdkError;
use workspace_tests::local_server::{ok_json, reply};

fn throttled() -> http::Response<Vec<u8>> {
    reply(429, &[("x-amzn-errortype", "ThrottlingException")], r#"{"Message":"slow down"}"#)
}

fn internal() -> http::Response<Vec<u8>> {
    reply(500, &[("x-amzn-errortype", "InternalServiceException")], r#"{"Message":"oops"}"#)
}

#[tokio::test]
async fn connect_v2_succeeds_after_a_429_and_a_500() {
    let done = v2_page(vec![v2_transcript("t-1", "hello", "NEUTRAL")], None, "COMPLETED");
    let server = LocalServer::scripted(vec![throttled(), internal(), ok_json(&done)]);
    let out = connect_client(&server, 3).list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap();
    assert_eq!(out.segments.len(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "two failures, then success");
    for req in &requests {
        assert_signed(req, false, "connect");
        assert_eq!(body_json(req), body_json(&requests[0]), "every attempt sends the same request");
    }
}

#[tokio::test]
async fn contact_lens_succeeds_after_retryable_failures() {
    let busy = reply(503, &[], "Service Unavailable");
    // A throttling code is retried whatever its status.
    let throttled_400 = reply(400, &[("x-amzn-errortype", "ThrottlingException")], r#"{"Message":"rate exceeded"}"#);
    let done = lens_page(vec![lens_transcript("t-1", "hello", "NEUTRAL")], None);
    let server = LocalServer::scripted(vec![throttled(), busy, throttled_400, ok_json(&done)]);
    let out = lens_client(&server, 4).list_realtime_contact_analysis_segments(lens_input(None)).await.unwrap();
    assert_eq!(out.segments.unwrap().len(), 1);
    assert_eq!(server.count(), 4);
    for req in server.requests() {
        assert_signed(&req, true, "connect");
    }
}

#[tokio::test]
async fn gives_up_after_max_attempts_with_the_last_error() {
    use connect::operation::list_realtime_contact_analysis_segments_v2::Error as E;
    let server = LocalServer::start(|_, _| internal());
    let err = connect_client(&server, 4).list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
    assert!(matches!(err, SdkError::Service(E::InternalServiceException(_), _)), "{err:?}");
    assert_eq!(server.count(), 4, "exactly max attempts");

    let server = LocalServer::start(|_, _| throttled());
    let err = lens_client(&server, 2).list_realtime_contact_analysis_segments(lens_input(None)).await.unwrap_err();
    assert_eq!(err.code(), Some("ThrottlingException"));
    assert_eq!(server.count(), 2, "exactly max attempts");
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let denied = reply(403, &[("x-amzn-errortype", "AccessDeniedException")], r#"{"Message":"no"}"#);
    let not_found = reply(404, &[("x-amzn-errortype", "ResourceNotFoundException")], r#"{"Message":"no"}"#);
    let server = LocalServer::scripted(vec![denied, not_found]);
    let client = connect_client(&server, 5);
    let err = client.list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    assert_eq!(server.count(), 1);
    let err = client.list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_a_dispatch_error() {
    // A port nothing listens on: bind, read the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = connect::Config::builder()
        .region(REGION)
        .credentials(connect::Credentials::from_keys(ACCESS_KEY, SECRET_KEY, None))
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry(connect::client::RetryConfig::default().with_max_attempts(2).with_initial_backoff(Duration::from_millis(1)))
        .build()
        .unwrap();
    let err = connect::Client::new(config).list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
    assert!(matches!(err, SdkError::Dispatch(_)), "{err:?}");
}
