//! Whole-model check: every documentation string of the official AWS models converts without
//! violating the invariants (skipped when the shared models are not checked out, except on CI).

use super::invariants::violations;
use super::to_rustdoc;

/// Every `smithy.api#documentation` string of a model file.
fn model_docs(path: &std::path::Path) -> Vec<(String, String)> {
    fn walk(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("smithy.api#documentation", serde_json::Value::String(s)) => out.push((path.to_string(), s.clone())),
                        _ => walk(v, &format!("{path}/{k}"), out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, path, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("model JSON");
    let mut out = Vec::new();
    walk(&json, "", &mut out);
    out
}

fn models_dir() -> std::path::PathBuf {
    match std::env::var_os("SHARED_MODELS_DIR") {
        Some(dir) => dir.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models"),
    }
}

#[test]
fn official_models() {
    let dir = models_dir();
    let connect = dir.join("aws/connect-2017-08-08.json");
    if !connect.exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{} is missing", connect.display());
        }
        println!("SKIPPED: {} not found", connect.display());
        return;
    }
    let mut docs = model_docs(&connect);
    assert_eq!(docs.len(), 3_479);
    let contact_lens = dir.join("aws/connect-contact-lens-2020-08-21.json");
    if contact_lens.exists() {
        docs.extend(model_docs(&contact_lens));
    }
    let start = std::time::Instant::now();
    let outputs: Vec<Vec<String>> = docs.iter().map(|(_, doc)| to_rustdoc(doc)).collect();
    println!("converted {} docs in {:?}", docs.len(), start.elapsed());

    let mut failures = Vec::new();
    for ((path, doc), out) in docs.iter().zip(&outputs) {
        let mut v = violations(out);
        if out.is_empty() {
            v.push("empty output".into());
        }
        let count = |hay: &str, needle: &str| hay.matches(needle).count();
        let joined = out.join("\n");
        if count(doc, "<note>") != count(&joined, "**Note:**") {
            v.push("callout count mismatch (note)".into());
        }
        if count(doc, "<important>") != count(&joined, "**Important:**") {
            v.push("callout count mismatch (important)".into());
        }
        if count(doc, "<code>") < count(doc, "</code>") || (doc.contains("<code>") && !joined.contains('`')) {
            v.push("code lost".into());
        }
        if !v.is_empty() {
            failures.push(format!("{path}\n  {v:?}\n  {out:#?}"));
        }
    }
    assert!(failures.is_empty(), "{} docs violate invariants:\n{}", failures.len(), failures[..failures.len().min(10)].join("\n"));

    let find = |suffix: &str| {
        let i = docs.iter().position(|(p, _)| p.ends_with(suffix)).unwrap_or_else(|| panic!("{suffix} not found"));
        outputs[i].join("\n")
    };
    assert!(find("connect#DescribeView/traits").contains("`<view-id>:$SAVED`"));
    assert!(find("connect#GetCurrentMetricDataRequest/members/CurrentMetrics/traits").contains("`<Expression 1>`"));
    let longest = find("connect#GetMetricDataV2Request/members/Metrics/traits");
    assert!(longest.contains(r"**ABANDONMENT\_RATE**"), "{longest}");
}
