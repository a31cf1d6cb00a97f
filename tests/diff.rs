//! `codegen::diff` against real inputs: every consecutive pair of the published Connect and Contact
//! Lens models in `../shared/models/history/` (what changed is listed in that directory's README),
//! and small fixture pairs in `tests/fixtures/diff/` covering every finding kind.
//!
//! Each case pins the complete list of findings (shape, event id, severity, and operations or
//! verdict), so a missing finding and a noisy extra one both fail. The Markdown report of each
//! history pair is pinned with insta (`tests/snapshots/diff__*.snap`).

use codegen::diff::render::{Format, markdown, render, text};
use codegen::diff::suppress::Suppressions;
use codegen::diff::{Options, Report, RustLevel, Severity, Verdict, diff_files};
use std::path::{Path, PathBuf};
use workspace_tests::{shared_model, workspace_root};

const CONNECT: [&str; 7] = [
    "connect-2017-08-08.2025-04-02.56c8953.json",
    "connect-2017-08-08.2025-04-25.f1bf66a.json",
    "connect-2017-08-08.2025-05-20.6f26559.json",
    "connect-2017-08-08.2025-05-29.2e6422b.json",
    "connect-2017-08-08.2025-06-27.15e98e2.json",
    "connect-2017-08-08.2025-06-30.abb72ce.json",
    "connect-2017-08-08.2025-08-08.631e085.json",
];
const LENS: [&str; 2] =
    ["connect-contact-lens-2020-08-21.2025-04-02.56c8953.json", "connect-contact-lens-2020-08-21.2025-04-25.f1bf66a.json"];

/// The report for a history pair, or `None` (SKIPPED) outside CI when the files are missing.
fn history(old: &str, new: &str) -> Option<Report> {
    let (o, n) = (shared_model(&format!("history/{old}"))?, shared_model(&format!("history/{new}"))?);
    let mut report = diff_files(&[o], &[n], &Options::default()).expect("history models load");
    report.old = old.to_string();
    report.new = new.to_string();
    Some(report)
}

/// `(shape without namespace, event id, severity, operations reaching it joined by ",")`.
fn listing(report: &Report) -> Vec<(String, String, String, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            let mut ops: Vec<&str> = f.uses.iter().map(|u| u.operation.as_str()).collect();
            ops.sort();
            ops.dedup();
            (f.short_shape().to_string(), f.id.clone(), f.severity.to_string(), ops.join(","))
        })
        .collect()
}

fn expect(report: &Report, expected: &[(&str, &str, &str, &str)]) {
    let want: Vec<(String, String, String, String)> =
        expected.iter().map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string())).collect();
    assert_eq!(listing(report), want, "findings of {} -> {}", report.old, report.new);
}

/// Documentation-only shapes are counted and never reported as API changes.
fn assert_docs_collapsed(report: &Report, count: usize) {
    assert_eq!(report.doc_only.len(), count, "documentation-only shapes of {} -> {}", report.old, report.new);
    for f in &report.findings {
        assert!(!report.doc_only.contains(&f.shape), "{} is documentation-only but reported as {}", f.shape, f.id);
    }
    let md = markdown(report);
    let line = format!("<summary>{count} documentation-only changes (not API changes)</summary>");
    assert_eq!(md.matches(&line).count(), usize::from(count > 0), "one collapsed line:\n{md}");
}

fn snapshot(name: &str, report: &Report) {
    insta::assert_snapshot!(name, markdown(report));
}

#[test]
fn connect_04_02_to_04_25_adds_sla_enum_member_and_values() {
    let Some(r) = history(CONNECT[0], CONNECT[1]) else { return };
    let rules = "CreateRule,DescribeRule,UpdateRule";
    let all_rules = "CreateRule,DescribeRule,ListRules,UpdateRule";
    expect(
        &r,
        &[
            ("ActionType", "ChangedEnumMemberOrder.Inserted", "DANGER", all_rules),
            ("ActionType$ASSIGN_SLA", "AddedShape", "NOTE", all_rules),
            ("AssignSlaActionDefinition", "AddedShape", "NOTE", rules),
            ("CaseSlaConfiguration", "AddedShape", "NOTE", rules),
            ("EventSourceName$OnSlaBreach", "AddedShape", "NOTE", "CreateRule,DescribeRule,ListRules"),
            ("RuleAction", "ChangedMemberOrder", "DANGER", rules),
            ("RuleAction$AssignSlaAction", "AddedShape", "NOTE", rules),
            ("SlaAssignmentType", "AddedShape", "NOTE", rules),
            ("SlaFieldValueUnionList", "AddedShape", "NOTE", rules),
            ("SlaName", "AddedShape", "NOTE", rules),
            ("SlaType", "AddedShape", "NOTE", rules),
            ("TargetSlaMinutes", "AddedShape", "NOTE", rules),
        ],
    );
    assert_docs_collapsed(&r, 7);
    assert!(!r.has_breaking(), "member order has no meaning in JSON; enum values are additive");
    let value = r.by_id("AddedShape").find(|f| f.shape.ends_with("ActionType$ASSIGN_SLA")).unwrap();
    assert_eq!(
        (value.rust.level, value.rust.item.as_str(), value.rust.change.as_str()),
        (RustLevel::Additive, "types::ActionType", "gains variant `AssignSla`")
    );
    let member = r.by_id("AddedShape").find(|f| f.shape.ends_with("RuleAction$AssignSlaAction")).unwrap();
    assert_eq!(member.rust.change, "gains field `assign_sla_action: Option<types::AssignSlaActionDefinition>`");
    let order = r.by_id("ChangedEnumMemberOrder.Inserted").next().unwrap();
    assert!(order.is_extra(), "smithy-diff does not report enum member order");
    snapshot("connect_04_02_to_04_25", &r);
}

#[test]
fn connect_04_25_to_05_20_adds_optional_members_to_agent_info_and_contact() {
    let Some(r) = history(CONNECT[1], CONNECT[2]) else { return };
    let added: Vec<&str> = vec![
        "AgentInfo$AfterContactWorkDuration",
        "AgentInfo$AfterContactWorkEndTimestamp",
        "AgentInfo$AfterContactWorkStartTimestamp",
        "AgentInfo$AgentInitiatedHoldDuration",
        "AgentInfo$StateTransitions",
        "Contact$Attributes",
        "Contact$ContactDetails",
        "Contact$ContactEvaluations",
        "Contact$DisconnectReason",
        "Contact$Recordings",
    ];
    let shapes = [
        "ContactDetailDescription",
        "ContactDetailName",
        "ContactDetails",
        "ContactEvaluation",
        "ContactEvaluations",
        "Duration",
        "EvaluationArn",
        "EvaluationId",
        "ExportLocation",
        "FormId",
        "FragmentNumber",
        "MediaStreamType",
        "ParticipantState",
        "ParticipantType",
        "RecordingDeletionReason",
        "RecordingInfo",
        "RecordingLocation",
        "RecordingStatus",
        "Recordings",
        "StateTransition",
        "StateTransitions",
        "Status",
    ];
    let mut want: Vec<(&str, &str, &str, &str)> =
        added.iter().chain(&shapes).map(|s| (*s, "AddedShape", "NOTE", "DescribeContact")).collect();
    want.sort();
    expect(&r, &want);
    assert_eq!(shapes.len(), 22);
    assert_docs_collapsed(&r, 14);
    for f in r.findings.iter().filter(|f| f.shape.contains('$')) {
        assert_eq!(f.rust.level, RustLevel::Additive, "{}: optional members only add fields", f.shape);
        assert!(f.rust.change.contains(": Option<"), "{}", f.rust.change);
    }
    assert!(!r.has_breaking());
    snapshot("connect_04_25_to_05_20", &r);
}

#[test]
fn connect_05_20_to_05_29_raises_email_recipient_list_max_only() {
    let Some(r) = history(CONNECT[2], CONNECT[3]) else { return };
    let ops = "SendOutboundEmail,StartEmailContact,StartOutboundEmailContact";
    expect(&r, &[("EmailAddressRecipientList", "ModifiedTrait.Update.smithy.api#length", "NOTE", ops)]);
    let f = &r.findings[0];
    assert_eq!(f.message, "`EmailAddressRecipientList` length max raised from 10 to 50");
    assert_eq!((f.verdict(), f.rust.level), (Verdict::Patch, RustLevel::None));
    assert!(!r.has_breaking());
    assert_docs_collapsed(&r, 0);
    assert!(text(&r).contains("not breaking: 1 API change (0 breaking, 0 additive, 1 other); 0 documentation-only changes"));
    snapshot("connect_05_20_to_05_29", &r);
}

#[test]
fn connect_05_29_to_06_27_adds_initiate_as_completed() {
    let Some(r) = history(CONNECT[3], CONNECT[4]) else { return };
    expect(&r, &[("InitiateAs$COMPLETED", "AddedShape", "NOTE", "CreateContact")]);
    assert_eq!(r.findings[0].rust.change, "gains variant `Completed`");
    assert_eq!(r.findings[0].uses[0].path, "InitiateAs");
    assert_docs_collapsed(&r, 14);
    snapshot("connect_05_29_to_06_27", &r);
}

#[test]
fn connect_06_27_to_06_30_adds_contact_chat_metrics() {
    let Some(r) = history(CONNECT[4], CONNECT[5]) else { return };
    let d = "DescribeContact";
    expect(
        &r,
        &[
            ("ChatContactMetrics", "AddedShape", "NOTE", d),
            ("ChatMetrics", "AddedShape", "NOTE", d),
            ("Contact", "ChangedMemberOrder", "DANGER", d),
            ("Contact$ChatMetrics", "AddedShape", "NOTE", d),
            ("Count", "AddedShape", "NOTE", d),
            ("DurationMillis", "AddedShape", "NOTE", d),
            ("NullableBoolean", "AddedShape", "NOTE", d),
            ("ParticipantMetrics", "AddedShape", "NOTE", d),
        ],
    );
    assert_docs_collapsed(&r, 4);
    let order = r.by_id("ChangedMemberOrder").next().unwrap();
    assert_eq!(order.verdict(), Verdict::Patch, "ChatMetrics is inserted mid-structure, which JSON does not see");
    snapshot("connect_06_27_to_06_30", &r);
}

#[test]
fn connect_06_30_to_08_08_adds_get_contact_metrics_with_union_under_it() {
    let Some(r) = history(CONNECT[5], CONNECT[6]) else { return };
    let g = "GetContactMetrics";
    expect(
        &r,
        &[
            ("CommonAttributeAndCondition$HierarchyGroupCondition", "AddedShape", "NOTE", "SearchAgentStatuses,SearchUserHierarchyGroups"),
            ("ContactMetricInfo", "AddedShape", "NOTE", g),
            ("ContactMetricName", "AddedShape", "NOTE", g),
            ("ContactMetricResult", "AddedShape", "NOTE", g),
            ("ContactMetricResults", "AddedShape", "NOTE", g),
            ("ContactMetricValue", "AddedShape", "NOTE", g),
            ("ContactMetrics", "AddedShape", "NOTE", g),
            ("GetContactMetrics", "AddedShape", "NOTE", g),
            ("GetContactMetricsRequest", "AddedShape", "NOTE", g),
            ("GetContactMetricsResponse", "AddedShape", "NOTE", g),
            ("UserHierarchyGroupSearchCriteria$HierarchyGroupCondition", "AddedShape", "NOTE", "SearchUserHierarchyGroups"),
        ],
    );
    assert_docs_collapsed(&r, 40);
    let op = r.findings.iter().find(|f| f.short_shape() == g).unwrap();
    assert_eq!(op.message, "new operation `GetContactMetrics` (`POST /metrics/contact`) in service `AmazonConnectService`");
    let union = r.findings.iter().find(|f| f.short_shape() == "ContactMetricValue").unwrap();
    assert_eq!((union.rust.level, union.rust.item.as_str()), (RustLevel::Additive, "types::ContactMetricValue"));
    let md = markdown(&r);
    let section = md.split("- **GetContactMetrics**").nth(1).expect("a GetContactMetrics changelog entry");
    let entry = section.split("\n- **").next().unwrap();
    assert!(entry.starts_with("\n  - new operation (`POST /metrics/contact`)"), "{entry}");
    assert!(entry.contains("  - response `MetricResults[].Value`: new union `ContactMetricValue`"), "{entry}");
    snapshot("connect_06_30_to_08_08", &r);
}

#[test]
fn contact_lens_04_02_to_04_25_relaxes_transcript_sentiment() {
    let Some(r) = history(LENS[0], LENS[1]) else { return };
    expect(
        &r,
        &[("Transcript$Sentiment", "ModifiedTrait.Remove.smithy.api#clientOptional", "WARNING", "ListRealtimeContactAnalysisSegments")],
    );
    let f = &r.findings[0];
    assert_eq!(f.message, "`Transcript$Sentiment` loses `@required`, loses `@clientOptional`");
    assert_eq!((f.rust.item.as_str(), f.rust.change.as_str()), ("types::TranscriptBuilder::build", "no longer requires `sentiment`"));
    assert_eq!(f.uses[0].path, "Segments[].Transcript");
    assert!(!r.has_breaking(), "clients already treated the member as optional");
    assert_docs_collapsed(&r, 0);
    snapshot("contact_lens_04_02_to_04_25", &r);
}

#[test]
fn generated_summary_counts_the_files_a_model_change_rewrites() {
    let (Some(o), Some(n)) = (shared_model(&format!("history/{}", CONNECT[2])), shared_model(&format!("history/{}", CONNECT[3]))) else {
        return;
    };
    let r = diff_files(&[o], &[n], &Options { generated: true, suppressions: None }).unwrap();
    let g = r.generated.expect("computed");
    assert_eq!(g.error, None);
    let files: Vec<&str> = g.files.iter().map(|f| f.path.as_str()).collect();
    // Only the constraint notes of the two fields typed `EmailAddressRecipientList` change, in their
    // types and in the command-line tool's help (`cli.rs`); the header naming the (differently
    // named) source file does not count.
    assert_eq!(
        files,
        ["connect/src/cli.rs", "connect/src/types/inbound_additional_recipients.rs", "connect/src/types/outbound_additional_recipients.rs"]
    );
    // Each changed line is a bound (docs, validation) rewritten in place: 10 becomes 50.
    assert!(g.added_lines > 0 && g.added_lines == g.removed_lines, "{g:?}");
    assert!(g.files.iter().all(|f| f.status == codegen::diff::generated::FileStatus::Modified));
    assert!(g.total_files > 1000);
}

// ---- fixture pairs: one per area, covering every finding kind ----

fn fixture(name: &str) -> Report {
    let dir = workspace_root().join("tests/fixtures/diff").join(name);
    let mut r = diff_files(&[dir.join("old.json")], &[dir.join("new.json")], &Options::default()).expect("fixtures load");
    r.old = format!("{name}/old.json");
    r.new = format!("{name}/new.json");
    r
}

/// `(shape, id, severity, verdict, rust level)`.
fn expect_kinds(report: &Report, expected: &[(&str, &str, Severity, Verdict, RustLevel)]) {
    let got: Vec<(String, String, Severity, Verdict, RustLevel)> =
        report.findings.iter().map(|f| (f.short_shape().to_string(), f.id.clone(), f.severity, f.verdict(), f.rust.level)).collect();
    let want: Vec<(String, String, Severity, Verdict, RustLevel)> =
        expected.iter().map(|(a, b, c, d, e)| (a.to_string(), b.to_string(), *c, *d, *e)).collect();
    assert_eq!(got, want, "{}", report.old);
}

use RustLevel::{Additive as RA, Breaking as RB, None as RN};
use Severity::{Danger, Error, Note, Warning};
use Verdict::{Additive as VA, Breaking as VB, Patch as VP};

#[test]
fn operations_added_removed_and_changed() {
    let r = fixture("operations");
    expect_kinds(
        &r,
        &[
            ("Conflict", "AddedShape", Note, VA, RA),
            ("DeleteThing", "RemovedShape", Error, VB, RB),
            ("DeleteThingInput", "RemovedShape", Error, VB, RB),
            ("Describe", "ChangedOperationOutput", Error, VB, RB),
            ("DescribeResult", "AddedShape", Note, VA, RA),
            ("GetThing", "AddedOperationError.Conflict", Warning, VP, RN),
            ("GetThing", "ChangedOperationInput", Error, VB, RB),
            ("GetThing", "RemovedOperationError.NotFound", Warning, VP, RN),
            ("GetThing", "TraitBreakingChange.Update.smithy.api#http", Error, VB, RN),
            ("GetThingRequest", "AddedShape", Note, VA, RA),
            ("ListThings", "ModifiedTrait.Update.smithy.api#paginated", Note, VP, RN),
            ("PutThing", "AddedShape", Note, VA, RA),
            ("PutThingInput", "AddedShape", Note, VA, RA),
            ("Svc", "AddedServiceError.Throttled", Warning, VP, RN),
            ("Throttled", "AddedShape", Note, VA, RA),
        ],
    );
    let put = r.findings.iter().find(|f| f.short_shape() == "PutThing").unwrap();
    assert_eq!(put.phrase, "new operation (`PUT /things/{Id}`)");
    assert!(r.has_breaking());
}

#[test]
fn shapes_added_removed_and_retyped() {
    let r = fixture("shapes");
    expect_kinds(
        &r,
        &[
            ("FreshThing", "AddedShape", Note, VA, RA),
            ("Kind", "ChangedShapeType", Error, VB, RB),
            ("Legacy", "RemovedShape.ScalarShape", Warning, VP, RN),
            ("OldThing", "RemovedShape", Error, VB, RB),
            ("OpInput$Fresh", "AddedShape", Note, VA, RA),
            ("OpInput$Old", "RemovedShape", Error, VB, RB),
        ],
    );
    // `OpInput` changes docs too, but it has API changes, so only `Name` and `Unused` are doc-only.
    assert_eq!(r.doc_only, ["example.diff#Name", "example.diff#Unused"]);
    let kind = r.by_id("ChangedShapeType").next().unwrap();
    assert_eq!(kind.rust.change, "become `i32`");
}

#[test]
fn members_added_removed_reordered_and_retargeted() {
    let r = fixture("members");
    expect_kinds(
        &r,
        &[
            ("Choice$Flag", "AddedShape", Note, VA, RA),
            ("Choice$Number", "RemovedShape", Error, VB, RB),
            ("OpOutput", "ChangedMemberOrder", Danger, VP, RN),
            ("OpOutput$A", "ChangedMemberTarget", Warning, VP, RN),
            ("OpOutput$C", "ChangedMemberTarget", Error, VB, RB),
            ("OpOutput$D", "AddedRequiredMember", Error, VB, RB),
            ("OpOutput$E", "AddedShape", Note, VA, RA),
            ("OpOutput$F", "RemovedShape", Error, VB, RB),
        ],
    );
    let c = r.findings.iter().find(|f| f.short_shape() == "OpOutput$C").unwrap();
    assert_eq!((c.rust.item.as_str(), c.rust.change.as_str()), ("types::OpOutput::c", "changes type from `String` to `i32`"));
    let d = r.by_id("AddedRequiredMember").next().unwrap();
    assert_eq!((d.rust.item.as_str(), d.rust.change.as_str()), ("types::OpOutputBuilder::build", "now requires `d`"));
    assert_eq!(r.findings[0].rust.change, "gains variant `Flag`");
}

#[test]
fn nullability_required_client_optional_default_and_input_members() {
    let r = fixture("nullability");
    expect_kinds(
        &r,
        &[
            ("OpInput$X", "ChangedRequired.Added", Danger, VB, RB),
            ("Rec$A", "ChangedNullability.AddedRequiredTrait", Error, VB, RB),
            ("Rec$B", "ChangedNullability.RemovedRequiredTrait", Error, VB, RB),
            ("Rec$C", "ChangedNullability.AddedClientOptionalTrait", Error, VB, RB),
            ("Rec$D", "ChangedNullability.AddedDefaultTrait", Error, VB, RB),
            ("Rec$E", "ChangedDefault", Danger, VB, RN),
            ("Rec$F", "ChangedDefault", Error, VB, RN),
            ("Rec$G", "ModifiedTrait.Remove.smithy.api#clientOptional", Warning, VP, RN),
        ],
    );
    let x = &r.findings[0];
    assert!(x.is_extra(), "smithy-diff ignores @required on input members");
    assert_eq!(x.wire.note, "requests without the member are rejected");
    let a = &r.findings[1];
    assert_eq!(a.rust.change, "changes type from `Option<String>` to `String`");
}

#[test]
fn enums_appended_inserted_removed_renamed_revalued_and_reordered() {
    let r = fixture("enums");
    expect_kinds(
        &r,
        &[
            ("Color", "ChangedEnumMemberOrder.Inserted", Danger, VP, RN),
            ("Color$AZURE", "RenamedEnumMember", Error, VB, RB),
            ("Color$PURPLE", "AddedShape", Note, VA, RA),
            ("Color$YELLOW", "AddedShape", Note, VA, RA),
            ("Gone$B", "RemovedShape", Error, VB, RB),
            ("Level$MID", "AddedShape", Note, VA, RA),
            ("Size", "ChangedEnumMemberOrder.Reordered", Danger, VP, RN),
            ("Size$L", "ModifiedTrait.Update.smithy.api#enumValue", Error, VB, RN),
        ],
    );
    let renamed = r.by_id("RenamedEnumMember").next().unwrap();
    assert_eq!(renamed.rust.change, "variant `Blue` renamed to `Azure`");
    assert_eq!(renamed.wire.level, codegen::diff::WireLevel::None);
    let inserted = r.by_id("ChangedEnumMemberOrder.Inserted").next().unwrap();
    assert_eq!(inserted.phrase, "inserts `YELLOW` before existing members");
}

#[test]
fn constraints_narrowed_widened_added_and_effective() {
    let r = fixture("constraints");
    expect_kinds(
        &r,
        &[
            ("Code", "AddedConstraint.length", Error, VB, RN),
            ("Count", "ChangedRangeTrait", Error, VB, RN),
            ("Emails", "ModifiedTrait.Update.smithy.api#length", Note, VP, RN),
            ("Free", "RemovedConstraint.pattern", Note, VP, RN),
            ("Name", "ChangedLengthTrait", Error, VB, RN),
            ("OpInput$Label", "ModifiedTrait.Add.smithy.api#length", Note, VP, RN),
            ("OpInput$Ref", "ChangedEffectiveConstraint.length", Note, VP, RN),
            ("OpInput$Ref", "ChangedMemberTarget", Warning, VP, RN),
            ("OpInput$Title", "ChangedEffectiveConstraint.length", Error, VB, RN),
            ("Slug", "AddedConstraint.pattern", Error, VB, RN),
            ("Tags", "AddedConstraint.uniqueItems", Error, VB, RN),
            ("Token", "TraitBreakingChange.Update.smithy.api#pattern", Note, VP, RN),
        ],
    );
    // The new `Token` pattern is Java-only (`(?i)`): a diff compiles no pattern, so it still runs.
    assert!(codegen::pattern::compile("^(?i)[a-z0-9]+$").is_err());
    let smithy = |shape: &str| match &r.findings.iter().find(|f| f.short_shape() == shape && f.is_extra()).unwrap().origin {
        codegen::diff::Origin::Extra { smithy_diff } => smithy_diff.clone().map(|e| (e.id, e.severity)),
        _ => unreachable!(),
    };
    assert_eq!(smithy("Code"), Some(("ModifiedTrait.Add.smithy.api#length".into(), Note)), "smithy-diff under-rates it");
    assert_eq!(smithy("OpInput$Title"), Some(("ModifiedTrait.Remove.smithy.api#length".into(), Warning)));
    let title = r.findings.iter().find(|f| f.short_shape() == "OpInput$Title").unwrap();
    assert_eq!(title.message, "`OpInput$Title` length max lowered from 200 to 100 (effective, member and target combined)");
}

#[test]
fn http_bindings_json_names_timestamps_and_sensitive() {
    let r = fixture("bindings");
    expect_kinds(
        &r,
        &[
            ("Op", "TraitBreakingChange.Update.smithy.api#http", Error, VB, RN),
            ("OpInput$Body", "TraitBreakingChange.Add.smithy.api#httpPayload", Error, VB, RN),
            ("OpInput$Id", "TraitBreakingChange.Add.smithy.api#httpQuery", Error, VB, RN),
            ("OpInput$Id", "TraitBreakingChange.Remove.smithy.api#httpLabel", Error, VB, RN),
            ("OpInput$Trace", "TraitBreakingChange.Update.smithy.api#httpHeader", Error, VB, RN),
            ("OpOutput$Name", "TraitBreakingChange.Update.smithy.api#jsonName", Error, VB, RN),
            ("OpOutput$Secret", "ModifiedTrait.Add.smithy.api#sensitive", Note, VP, RN),
            ("OpOutput$Shown", "ModifiedTrait.Remove.smithy.api#sensitive", Warning, VP, RN),
            ("OpOutput$When", "TraitBreakingChange.Add.smithy.api#timestampFormat", Error, VB, RN),
        ],
    );
    let json = r.findings.iter().find(|f| f.id.ends_with("jsonName")).unwrap();
    assert_eq!(json.wire.note, "the member's JSON key changes");
}

#[test]
fn documentation_only_changes_are_counted_not_reported() {
    let r = fixture("docs_only");
    assert!(r.findings.is_empty(), "{:?}", listing(&r));
    assert_eq!(r.doc_only, ["example.diff#OpInput", "example.diff#OpOutput"]);
    assert!(text(&r).contains("not breaking: no API changes; 2 documentation-only changes"));
}

#[test]
fn suppressions_accept_named_findings() {
    let dir = workspace_root().join("tests/fixtures/diff/members");
    let s = Suppressions::parse(
        "inline",
        r#"{"suppressions": [
            {"id": "RemovedShape", "shape": "example.diff#Choice", "reason": "Number was never used"},
            {"id": "ChangedMemberTarget", "shape": "example.diff#OpOutput$C", "reason": "C was always numeric"},
            {"id": "AddedRequiredMember", "reason": "servers always send D"},
            {"id": "RemovedShape", "shape": "example.diff#OpOutput$F", "reason": "F was deprecated"},
            {"id": "NoSuchEvent", "reason": "left over"}
        ]}"#,
    )
    .unwrap();
    let r = diff_files(&[dir.join("old.json")], &[dir.join("new.json")], &Options { generated: false, suppressions: Some(s) }).unwrap();
    assert!(!r.has_breaking(), "every breaking finding is accepted");
    assert_eq!(r.suppressed().count(), 4);
    assert_eq!(r.unused_suppressions, ["NoSuchEvent"]);
    let md = markdown(&r);
    assert!(md.contains("### Suppressed (4)") && md.contains("Number was never used"), "{md}");
    assert!(md.contains("- Suppression `NoSuchEvent` matched nothing."));
}

#[test]
fn json_output_carries_events_impacts_and_uses() {
    let r = fixture("enums");
    let v: serde_json::Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    assert_eq!(v["has_breaking"], true);
    assert_eq!(v["summary"]["breaking"], 3);
    let renamed = v["findings"].as_array().unwrap().iter().find(|f| f["id"] == "RenamedEnumMember").unwrap();
    assert_eq!(renamed["severity"], "ERROR");
    assert_eq!(renamed["origin"]["kind"], "extra");
    assert_eq!(renamed["origin"]["smithy_diff"]["id"], "RemovedShape");
    assert_eq!(renamed["rust"]["level"], "breaking");
    assert_eq!(renamed["uses"][0]["operation"], "Op");
    assert_eq!(renamed["uses"][0]["direction"], "request");
    assert_eq!(renamed["uses"][0]["path"], "Color");
}

#[test]
fn malformed_models_fail_naming_the_side_and_file() {
    let dir = workspace_root().join("tests/fixtures/diff/enums");
    let bad = std::env::temp_dir().join(format!("diff-malformed-{}.json", std::process::id()));
    std::fs::write(&bad, r#"{"smithy":"2.0","shapes":{"a#B":{"type":"structure","members":{"x":{"target":"a#Missing"}}}}}"#).unwrap();
    let err = diff_files(&[dir.join("old.json")], std::slice::from_ref(&bad), &Options::default()).unwrap_err().to_string();
    std::fs::remove_file(&bad).unwrap();
    assert!(err.starts_with("the new model does not load:"), "{err}");
    assert!(err.contains(&bad.display().to_string()) && err.contains("a#Missing"), "{err}");
    let missing: PathBuf = Path::new("/nonexistent/old.json").into();
    let err = diff_files(&[missing], &[dir.join("new.json")], &Options::default()).unwrap_err().to_string();
    assert!(err.starts_with("the old model does not load:") && err.contains("/nonexistent/old.json"), "{err}");
}
