//! The in-memory stubs: queued outputs and modelled errors come back in order through the API
//! trait, a request violating the model's constraints gets the operation's validation error (and
//! does not use up a queued answer), and every call is recorded.

use super::*;
use connect::client::{ConnectApi, SdkError};
use connect::operation::list_realtime_contact_analysis_segments_v2::{self as v2, ListRealtimeContactAnalysisSegmentsV2 as V2};
use connect_contact_lens::client::{ConnectContactLensApi, SdkError as LensSdkError};
use connect_contact_lens::operation::list_realtime_contact_analysis_segments::{self as lens, ListRealtimeContactAnalysisSegments as Lens};

#[tokio::test]
async fn connect_stub_answers_in_order_validates_and_records() {
    let stub = connect::stub::Stub::new();
    let output: v2::Output =
        connect::rt::json::from_str(&v2_page(vec![v2_transcript("t-1", "hi", "NEUTRAL")], Some("n"), "IN_PROGRESS")).unwrap();
    stub.push_output::<V2>(output.clone());
    stub.push_error::<V2>(v2::Error::ResourceNotFoundException(
        connect::types::ResourceNotFoundException::builder().message("gone").build(),
    ));
    let api: &dyn ConnectApi = &stub;

    let mut invalid = v2_input(None);
    invalid.max_results = Some(0);
    invalid.contact_id = Some("c".repeat(257));
    match api.list_realtime_contact_analysis_segments_v2(invalid).await.unwrap_err() {
        SdkError::Service(v2::Error::InvalidRequestException(e), _) => {
            let message = e.message.unwrap();
            assert!(message.contains("/MaxResults") && message.contains("/ContactId"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(stub.pending::<V2>(), 2, "a rejected request uses no queued answer");

    assert_eq!(api.list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap(), output);
    match api.list_realtime_contact_analysis_segments_v2(v2_input(Some("n"))).await.unwrap_err() {
        SdkError::Service(v2::Error::ResourceNotFoundException(e), _) => assert_eq!(e.message.as_deref(), Some("gone")),
        other => panic!("{other:?}"),
    }
    match api.list_realtime_contact_analysis_segments_v2(v2_input(None)).await.unwrap_err() {
        SdkError::Service(v2::Error::Unhandled(u), _) => assert_eq!(u.code(), Some("StubExhausted")),
        other => panic!("{other:?}"),
    }
    let mut no_label = v2_input(None);
    no_label.instance_id = None;
    assert!(matches!(api.list_realtime_contact_analysis_segments_v2(no_label).await.unwrap_err(), SdkError::Construction(_)));

    assert_eq!(stub.operations(), vec!["ListRealtimeContactAnalysisSegmentsV2"; 5]);
    let inputs = stub.inputs::<V2>();
    assert_eq!(inputs.len(), 5);
    assert_eq!(inputs[0].max_results, Some(0));
    assert_eq!(inputs[2].next_token.as_deref(), Some("n"));
    assert_eq!(inputs[4].instance_id, None);
}

#[tokio::test]
async fn contact_lens_stub_answers_in_order_validates_and_records() {
    let stub = connect_contact_lens::stub::Stub::new();
    let output: lens::Output =
        connect_contact_lens::rt::json::from_str(&lens_page(vec![lens_transcript("t-1", "hi", "POSITIVE")], None)).unwrap();
    stub.push_error::<Lens>(lens::Error::ThrottlingException(
        connect_contact_lens::types::ThrottlingException::builder().message("slow down").build().unwrap(),
    ));
    stub.push_output::<Lens>(output.clone());
    let api: &dyn ConnectContactLensApi = &stub;

    let mut invalid = lens_input(None);
    invalid.contact_id = Some("   ".into());
    match api.list_realtime_contact_analysis_segments(invalid).await.unwrap_err() {
        LensSdkError::Service(lens::Error::InvalidRequestException(e), _) => {
            assert!(e.message.as_deref().unwrap().contains("/ContactId"), "{e:?}")
        }
        other => panic!("{other:?}"),
    }
    let err = api.list_realtime_contact_analysis_segments(lens_input(None)).await.unwrap_err();
    assert_eq!(err.code(), Some("ThrottlingException"));
    assert_eq!(api.list_realtime_contact_analysis_segments(lens_input(Some("x"))).await.unwrap(), output);
    assert_eq!(stub.pending::<Lens>(), 0);
    let tokens: Vec<Option<String>> = stub.inputs::<Lens>().into_iter().map(|i| i.next_token).collect();
    assert_eq!(tokens, [None, None, Some("x".to_string())]);
}
