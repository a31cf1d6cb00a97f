//! The 100-segment ListRealtimeContactAnalysisSegmentsV2 response both benchmarks use
//! (`tests/benches/validate.rs` and `benches/sdk-compare`), so their figures describe the same input.

use serde_json::{Value, json};

const SENTIMENTS: [&str; 3] = ["NEUTRAL", "NEGATIVE", "POSITIVE"];

fn time(i: usize) -> Value {
    json!({ "AbsoluteTime": format!("2024-05-01T12:{:02}:{:02}.250Z", (i / 60) % 60, i % 60) })
}

/// A call's worth of segments: mostly transcripts, with categories, issues, events, attachments,
/// and the post-contact summary last.
pub fn segment(i: usize) -> Value {
    let role = if i.is_multiple_of(2) { "AGENT" } else { "CUSTOMER" };
    if i == 99 {
        return json!({ "PostContactSummary": {
            "Content": "La cliente conteste un montant facturé ; l’agent a ouvert une réclamation et promis un rappel.",
            "Status": "COMPLETED"
        }});
    }
    match i % 10 {
        6 => json!({ "Categories": { "MatchedDetails": {
            "billing-dispute": { "PointsOfInterest": [
                { "TranscriptItems": [{ "Id": format!("seg-{:04}", i - 1), "CharacterOffsets": { "BeginOffsetChar": 0, "EndOffsetChar": 12 } }] },
                { "TranscriptItems": [{ "Id": format!("seg-{:04}", i - 2) }] }
            ]},
            "politeness": { "PointsOfInterest": [] }
        }}}),
        7 => json!({ "Issues": { "IssuesDetected": [
            { "TranscriptItems": [{ "Content": "vérifier ma facture", "Id": format!("seg-{:04}", i - 3),
                "CharacterOffsets": { "BeginOffsetChar": 18, "EndOffsetChar": 37 } }] }
        ]}}),
        8 => json!({ "Event": {
            "Id": format!("seg-{i:04}"), "ParticipantId": "participant-CUSTOMER", "ParticipantRole": "CUSTOMER",
            "DisplayName": "Zoë Müller", "EventType": "application/vnd.amazonaws.connect.event.participant.joined", "Time": time(i)
        }}),
        9 if i % 20 == 19 => json!({ "Attachments": {
            "Id": format!("seg-{i:04}"), "ParticipantId": "participant-CUSTOMER", "ParticipantRole": "CUSTOMER",
            "Attachments": [
                { "AttachmentName": "facture-avril.pdf", "ContentType": "application/pdf", "AttachmentId": format!("att-{i}"), "Status": "APPROVED" },
                { "AttachmentName": "capture d’écran.png", "ContentType": "image/png", "AttachmentId": format!("att-{i}-b"), "Status": "IN_PROGRESS" }
            ],
            "Time": time(i)
        }}),
        _ => json!({ "Transcript": {
            "Id": format!("seg-{i:04}"), "ParticipantId": format!("participant-{role}"), "ParticipantRole": role,
            "DisplayName": if i.is_multiple_of(2) { "Ana" } else { "Zoë Müller" },
            "Content": "Bonjour, je voudrais vérifier le montant de ma facture du mois dernier, il me semble trop élevé 👍",
            "ContentType": "text/plain", "Time": time(i),
            "Redaction": { "CharacterOffsets": [{ "BeginOffsetChar": 8, "EndOffsetChar": 20 }] },
            "Sentiment": SENTIMENTS[i % 3]
        }}),
    }
}
