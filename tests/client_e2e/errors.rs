//! Error responses mapped to the operation's error enum by code (`X-Amzn-ErrorType` header, else
//! `__type` in the body), never by status alone; unmodelled codes keep what the service sent.

use super::*;
use connect::client::SdkError;
use workspace_tests::local_server::reply;

/// How an error response names its code.
#[derive(Clone, Copy)]
enum Via {
    /// `X-Amzn-ErrorType: Code:http://internal.amazon.com/...` (the suffix is dropped).
    Header,
    /// `{"__type": "namespace#Code"}` (the namespace is dropped).
    Type,
}

/// One case: status, code, how the code is sent, and the variant it must map to.
type Case<E> = (u16, &'static str, Via, fn(&E) -> bool);

fn error_response(status: u16, namespace: &str, code: &str, message: &str, via: Via) -> http::Response<Vec<u8>> {
    match via {
        Via::Header => {
            let header = format!("{code}:http://internal.amazon.com/coral/{namespace}/");
            reply(status, &[("x-amzn-errortype", &header), ("content-type", "application/json")], &json!({"Message": message}).to_string())
        }
        Via::Type => {
            let body = json!({"__type": format!("{namespace}#{code}"), "Message": message}).to_string();
            reply(status, &[("content-type", "application/json")], &body)
        }
    }
}

#[tokio::test]
async fn contact_lens_modelled_errors_map_by_code() {
    use connect_contact_lens::operation::list_realtime_contact_analysis_segments::Error as E;
    const NS: &str = "com.amazonaws.connectcontactlens";
    let cases: Vec<Case<E>> = vec![
        (403, "AccessDeniedException", Via::Header, |e| matches!(e, E::AccessDeniedException(_))),
        (500, "InternalServiceException", Via::Type, |e| matches!(e, E::InternalServiceException(_))),
        (400, "InvalidRequestException", Via::Header, |e| matches!(e, E::InvalidRequestException(_))),
        (404, "ResourceNotFoundException", Via::Type, |e| matches!(e, E::ResourceNotFoundException(_))),
        (429, "ThrottlingException", Via::Header, |e| matches!(e, E::ThrottlingException(_))),
    ];
    let script = cases.iter().map(|(status, code, via, _)| error_response(*status, NS, code, &format!("{code} says no"), *via)).collect();
    let server = LocalServer::scripted(script);
    let client = lens_client(&server, 1);
    for (status, code, _, is) in &cases {
        let err = client.list_realtime_contact_analysis_segments(lens_input(None)).await.unwrap_err();
        let err = err.into_service().unwrap_or_else(|e| panic!("{code} ({status}): not a service error: {e:?}"));
        assert!(is(&err), "{code} ({status}) mapped to {err:?}");
        assert_eq!(err.code(), Some(*code));
        assert_eq!(err.message(), Some(format!("{code} says no").as_str()), "{err:?}");
    }
    assert_eq!(server.count(), cases.len(), "one attempt per call");
}

#[tokio::test]
async fn connect_v2_modelled_errors_map_by_code_even_when_they_share_a_status() {
    use connect::operation::list_realtime_contact_analysis_segments_v2::Error as E;
    const NS: &str = "com.amazonaws.connect";
    let cases: Vec<Case<E>> = vec![
        (403, "AccessDeniedException", Via::Type, |e| matches!(e, E::AccessDeniedException(_))),
        (500, "InternalServiceException", Via::Header, |e| matches!(e, E::InternalServiceException(_))),
        (400, "InvalidRequestException", Via::Type, |e| matches!(e, E::InvalidRequestException(_))),
        // Two errors on 404, each named both ways.
        (404, "OutputTypeNotFoundException", Via::Header, |e| matches!(e, E::OutputTypeNotFoundException(_))),
        (404, "ResourceNotFoundException", Via::Header, |e| matches!(e, E::ResourceNotFoundException(_))),
        (404, "OutputTypeNotFoundException", Via::Type, |e| matches!(e, E::OutputTypeNotFoundException(_))),
        (404, "ResourceNotFoundException", Via::Type, |e| matches!(e, E::ResourceNotFoundException(_))),
        (429, "ThrottlingException", Via::Type, |e| matches!(e, E::ThrottlingException(_))),
    ];
    let script = cases.iter().map(|(status, code, via, _)| error_response(*status, NS, code, &format!("{code} says no"), *via)).collect();
    let server = LocalServer::scripted(script);
    let client = connect_client(&server, 1);
    for (status, code, _, is) in &cases {
        let err = client.list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
        assert_eq!(err.code(), Some(*code));
        let SdkError::Service(err, _) = err else { panic!("{code} ({status}): not a service error: {err:?}") };
        assert!(is(&err), "{code} ({status}) mapped to {err:?}");
        assert_eq!(err.message(), Some(format!("{code} says no").as_str()), "{err:?}");
    }
    assert_eq!(server.count(), cases.len(), "one attempt per call");
}

#[tokio::test]
async fn the_header_names_the_error_when_header_and_body_disagree() {
    use connect::operation::list_realtime_contact_analysis_segments_v2::Error as E;
    let body = json!({"__type": "com.amazonaws.connect#OutputTypeNotFoundException", "Message": "m"}).to_string();
    let server = LocalServer::scripted(vec![reply(404, &[("x-amzn-errortype", "ResourceNotFoundException")], &body)]);
    let err = connect_client(&server, 1).list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
    assert!(matches!(err, SdkError::Service(E::ResourceNotFoundException(_), _)), "{err:?}");
}

#[tokio::test]
async fn unmodelled_codes_are_unhandled_and_keep_status_code_message_and_body() {
    use connect::operation::list_realtime_contact_analysis_segments_v2::Error as E;
    let conflict = r#"{"message":"the contact is being transferred","Detail":42}"#;
    // An unmodelled code on a status that modelled errors use: the status must not decide.
    let not_found = r#"{"__type":"com.amazonaws.connect#ContactNotFoundException","Message":"no such contact"}"#;
    let server = LocalServer::scripted(vec![
        reply(409, &[("x-amzn-errortype", "ConflictException:http://internal.amazon.com/")], conflict),
        reply(404, &[], not_found),
        reply(404, &[("content-type", "text/html")], "<html>not found</html>"),
    ]);
    let client = connect_client(&server, 1);

    let expect = [
        (409, Some("ConflictException"), Some("the contact is being transferred"), conflict),
        (404, Some("ContactNotFoundException"), Some("no such contact"), not_found),
        (404, None, None, "<html>not found</html>"),
    ];
    for (status, code, message, body) in expect {
        let err = client.list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
        let SdkError::Service(E::Unhandled(u), _) = &err else { panic!("{status} {code:?}: {err:?}") };
        assert_eq!(u.status(), status);
        assert_eq!(u.code(), code);
        assert_eq!(u.message(), message);
        assert_eq!(u.body(), body.as_bytes());
        assert_eq!(err.code(), code);
    }
    let lens_server =
        LocalServer::scripted(vec![reply(418, &[("x-amzn-errortype", "TeapotException")], r#"{"Message":"short and stout"}"#)]);
    let err = lens_client(&lens_server, 1).list_realtime_contact_analysis_segments(lens_input(None)).await.unwrap_err();
    match err.into_service() {
        Ok(connect_contact_lens::operation::list_realtime_contact_analysis_segments::Error::Unhandled(u)) => {
            assert_eq!((u.status(), u.code(), u.message()), (418, Some("TeapotException"), Some("short and stout")));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_modelled_error_without_a_body_still_maps_by_its_header() {
    use connect::operation::list_realtime_contact_analysis_segments_v2::Error as E;
    let server = LocalServer::scripted(vec![reply(404, &[("x-amzn-errortype", "OutputTypeNotFoundException")], "")]);
    let err = connect_client(&server, 1).list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err();
    match err {
        SdkError::Service(E::OutputTypeNotFoundException(e), _) => assert_eq!(e.message, None),
        other => panic!("{other:?}"),
    }
}
