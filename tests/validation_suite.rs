//! The Smithy restJson1 malformed-request suite (`smithy.test#httpMalformedRequestTests` of
//! `aws.protocoltests.restjson.validation#RestJsonValidation`), run against generated validators:
//! each case's request (body, plus query and header values bound to input members) is read with the
//! generated deserializer, `validate()` runs, and the violations must equal the expected `fieldList`
//! and message.
//!
//! The suite's other malformed-request definitions (`aws.protocoltests.restjson#RestJson`: malformed
//! JSON types, timestamps, blobs, content types) test a server's request parsing, not constraints;
//! they belong to the client/protocol work and are not run here.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use workspace_tests::{shared_model, workspace_root};

/// Cases a client's types cannot reach, each with the reason; they must keep failing exactly so.
const NOT_APPLICABLE: &[(&str, &str)] = &[(
    "RestJsonMalformedUniqueItemsStructureMissingKeyList",
    // `hi` is @required in a structure that is not an operation input, so it is a plain `String`
    // field: a value without it cannot be built, and deserialization rejects it before validation.
    "missing field `hi`",
)];

const SERVICE: &str = "aws.protocoltests.restjson.validation#RestJsonValidation";
const CRATE: &str = "rest-json-validation-protocol";

struct Case {
    id: String,
    input_type: String,
    input: Result<Value, String>,
    expected: Expected,
}

enum Expected {
    Contents { message: String, fields: Vec<(String, String)> },
    Regex(String),
}

/// Applies Smithy's CodeWriter formatters: `$name:L` literal, `$name:S` quoted string, `$$` a `$`.
fn substitute(text: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            out.push('$');
            rest = r;
            continue;
        }
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(rest.len());
        let (name, after) = rest.split_at(name_len);
        match (params.get(name), after.get(..2)) {
            (Some(v), Some(":L")) => out.push_str(v),
            (Some(v), Some(":S")) => out.push_str(&serde_json::to_string(v).unwrap()),
            _ => {
                out.push('$');
                continue;
            }
        }
        rest = &after[2..];
    }
    out.push_str(rest);
    out
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Converts a query or header string to the JSON the member's target reads.
fn typed(shapes: &Value, target: &str, raw: &str) -> Value {
    match shapes[target]["type"].as_str().unwrap_or(match target {
        "smithy.api#Integer" | "smithy.api#Long" | "smithy.api#Short" | "smithy.api#Byte" => "integer",
        "smithy.api#Boolean" => "boolean",
        _ => "string",
    }) {
        "integer" | "long" | "short" | "byte" | "float" | "double" => serde_json::from_str(raw).unwrap_or(Value::String(raw.into())),
        "boolean" => Value::Bool(raw == "true"),
        "list" => {
            let member = shapes[target]["member"]["target"].as_str().unwrap_or_default().to_string();
            Value::Array(raw.split(',').map(|s| typed(shapes, &member, s.trim())).collect())
        }
        _ => Value::String(raw.into()),
    }
}

/// The input as JSON keyed by member name: the body, plus query and header bindings.
fn input_json(shapes: &Value, input: &Value, request: &Value, params: &BTreeMap<String, String>) -> Result<Value, String> {
    let body = substitute(request["body"].as_str().unwrap_or_default(), params);
    let mut obj = if body.trim().is_empty() {
        serde_json::Map::new()
    } else {
        match serde_json::from_str::<Value>(&body) {
            Ok(Value::Object(o)) => o,
            Ok(other) => return Err(format!("body is not an object: {other}")),
            Err(e) => return Err(format!("body is not JSON: {e}")),
        }
    };
    let uri = substitute(request["uri"].as_str().unwrap_or_default(), params);
    let mut query: Vec<String> = uri.split_once('?').map(|(_, q)| q.split('&').map(String::from).collect()).unwrap_or_default();
    for q in request["queryParams"].as_array().into_iter().flatten() {
        query.push(substitute(&text(q), params));
    }
    let headers: BTreeMap<String, String> =
        request["headers"].as_object().into_iter().flatten().map(|(k, v)| (k.to_ascii_lowercase(), substitute(&text(v), params))).collect();
    for (name, member) in input["members"].as_object().into_iter().flatten() {
        let target = member["target"].as_str().unwrap_or_default();
        if let Some(q) = member["traits"]["smithy.api#httpQuery"].as_str() {
            // A bare `name` in the query string is the key with an empty value.
            let values: Vec<&str> = query
                .iter()
                .filter_map(|kv| match kv.split_once('=') {
                    Some((k, v)) if k == q => Some(v),
                    None if kv == q => Some(""),
                    _ => None,
                })
                .collect();
            if !values.is_empty() {
                let joined = values.join(",");
                obj.insert(name.clone(), typed(shapes, target, &joined));
            }
        }
        if let Some(h) = member["traits"]["smithy.api#httpHeader"].as_str()
            && let Some(v) = headers.get(&h.to_ascii_lowercase())
        {
            obj.insert(name.clone(), typed(shapes, target, v));
        }
    }
    Ok(Value::Object(obj))
}

fn cases(doc: &Value) -> Vec<Case> {
    let shapes = &doc["shapes"];
    let mut out = Vec::new();
    for op in shapes[SERVICE]["operations"].as_array().unwrap() {
        let op_id = op["target"].as_str().unwrap();
        let op_shape = &shapes[op_id];
        let input_id = op_shape["input"]["target"].as_str().unwrap();
        let input_type = codegen::naming::type_name(input_id.split('#').nth(1).unwrap());
        for def in op_shape["traits"]["smithy.test#httpMalformedRequestTests"].as_array().into_iter().flatten() {
            let params: BTreeMap<String, Vec<String>> = def["testParameters"]
                .as_object()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_array().unwrap().iter().map(text).collect())).collect())
                .unwrap_or_default();
            let n = params.values().map(Vec::len).max().unwrap_or(1);
            for i in 0..n {
                let p: BTreeMap<String, String> = params.iter().map(|(k, v)| (k.clone(), v[i].clone())).collect();
                let assertion = &def["response"]["body"]["assertion"];
                let expected = if let Some(contents) = assertion["contents"].as_str() {
                    let body: Value = serde_json::from_str(&substitute(contents, &p)).expect("expected body is JSON");
                    let fields =
                        body["fieldList"].as_array().into_iter().flatten().map(|f| (text(&f["path"]), text(&f["message"]))).collect();
                    Expected::Contents { message: text(&body["message"]), fields }
                } else {
                    Expected::Regex(substitute(assertion["messageRegex"].as_str().unwrap_or_default(), &p))
                };
                let id = if n > 1 { format!("{}[{i}]", def["id"].as_str().unwrap()) } else { text(&def["id"]) };
                out.push(Case {
                    id,
                    input_type: input_type.clone(),
                    input: input_json(shapes, &shapes[input_id], &def["request"], &p),
                    expected,
                });
            }
        }
    }
    out
}

fn runner_source(types: &[String]) -> String {
    let lib = CRATE.replace('-', "_");
    let arms: String = types
        .iter()
        .map(|t| format!("        {t:?} => check::<{lib}::types::{t}>(&case[\"input\"], {lib}::types::{t}::validate),\n"))
        .collect();
    format!(
        r#"use {lib}::rt::validate::ValidationError;
use serde_json::{{json, Value}};

fn check<T: {lib}::rt::json::FromJson>(input: &Value, validate: fn(&T) -> Result<(), ValidationError>) -> Value {{
    match {lib}::rt::json::from_value::<T>(input.clone()) {{
        Err(e) => json!({{ "error": e.to_string() }}),
        Ok(v) => match validate(&v) {{
            Ok(()) => json!({{ "ok": true }}),
            Err(e) => json!({{
                "message": e.to_string(),
                "fields": e.violations().iter().map(|v| json!([v.path, v.message])).collect::<Vec<_>>(),
            }}),
        }},
    }}
}}

fn main() {{
    let path = std::env::args().nth(1).expect("cases file");
    let cases: Vec<Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let results: Vec<Value> = cases.iter().map(|case| match case["type"].as_str().unwrap() {{
{arms}        other => json!({{ "error": format!("no input type {{other}}") }}),
    }}).collect();
    println!("{{}}", serde_json::to_string(&results).unwrap());
}}
"#
    )
}

fn category(id: &str) -> &'static str {
    let rest = id.trim_start_matches("RestJsonMalformed").trim_start_matches("RestJson");
    ["Length", "Range", "Pattern", "Enum", "UniqueItems", "Required", "Recursive", "Sensitive"]
        .into_iter()
        .find(|c| rest.starts_with(c))
        .unwrap_or("Other")
}

#[test]
fn malformed_request_constraint_cases() {
    let Some(model) = shared_model("protocol-tests/aws-restjson1.json") else { return };
    let doc: Value = serde_json::from_slice(&std::fs::read(&model).unwrap()).unwrap();
    let cases = cases(&doc);

    let generated = codegen::generate(&codegen::Input::files([model])).unwrap_or_else(|e| panic!("{e}"));
    let files: BTreeMap<_, _> = generated.files.into_iter().filter(|(p, _)| p.starts_with(CRATE)).collect();
    assert!(!files.is_empty(), "no crate {CRATE} generated");
    let dir = workspace_root().join("target/validation-suite");
    codegen::write::write(&dir, &files).unwrap();
    let mut types: Vec<String> = cases.iter().map(|c| c.input_type.clone()).collect();
    types.sort();
    types.dedup();
    std::fs::create_dir_all(dir.join("runner/src")).unwrap();
    std::fs::write(
        dir.join("runner/Cargo.toml"),
        format!("[package]\nname = \"runner\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n{CRATE} = {{ path = \"../{CRATE}\" }}\nserde = \"1\"\nserde_json = \"1\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("runner/src/main.rs"), runner_source(&types)).unwrap();
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nmembers = [\"runner\", \"{CRATE}\"]\nresolver = \"2\"\n")).unwrap();
    let _ = std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"));
    let input: Vec<Value> =
        cases.iter().map(|c| json!({ "type": c.input_type, "input": c.input.clone().unwrap_or(Value::Null) })).collect();
    std::fs::write(dir.join("cases.json"), serde_json::to_vec(&input).unwrap()).unwrap();
    let output = workspace_tests::cargo_in(&dir, &["run", "--quiet", "-p", "runner", "--", "cases.json"]);
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), cases.len());

    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(&results) {
        let entry = tally.entry(category(&case.id)).or_default();
        entry.1 += 1;
        let outcome = match (&case.input, &case.expected) {
            (Err(e), _) => Err(format!("request not usable: {e}")),
            (Ok(_), expected) if result.get("message").is_some() => {
                let message = text(&result["message"]);
                let mut fields: Vec<(String, String)> =
                    result["fields"].as_array().unwrap().iter().map(|f| (text(&f[0]), text(&f[1]))).collect();
                fields.sort();
                match expected {
                    Expected::Contents { message: want, fields: want_fields } => {
                        let mut want_fields = want_fields.clone();
                        want_fields.sort();
                        if &message == want && fields == want_fields {
                            Ok(())
                        } else {
                            Err(format!("got {message:?} {fields:?}\n   want {want:?} {want_fields:?}"))
                        }
                    }
                    Expected::Regex(re) => {
                        let c = codegen::pattern::compile(re).unwrap();
                        let re = regress::Regex::with_flags(&c.source, c.flags.as_str()).unwrap();
                        if re.find(&message).is_some() { Ok(()) } else { Err(format!("{message:?} does not match {re:?}")) }
                    }
                }
            }
            (Ok(_), _) => Err(format!("expected violations, got {result}")),
        };
        match (outcome, NOT_APPLICABLE.iter().find(|(id, _)| *id == case.id)) {
            (Ok(()), None) => entry.0 += 1,
            (Ok(()), Some(_)) => failures.push(format!("{}: listed as not applicable but passes; remove it from the list", case.id)),
            (Err(_), Some((_, why))) if result["error"].as_str().is_some_and(|e| e.contains(why)) => {
                entry.1 -= 1;
                eprintln!("not applicable to client types: {} ({why})", case.id);
            }
            (Err(why), _) => failures.push(format!("{}: {why}", case.id)),
        }
    }
    let total: usize = tally.values().map(|t| t.1).sum();
    let passed: usize = tally.values().map(|t| t.0).sum();
    eprintln!("malformed-request constraint cases: {passed}/{total} pass");
    for (cat, (ok, n)) in &tally {
        eprintln!("  {cat:<12} {ok}/{n}");
    }
    assert!(failures.is_empty(), "{} failing case(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn substitution_follows_codewriter_formatters() {
    let p: BTreeMap<String, String> = [("value".to_string(), "a\"b".to_string()), ("n".to_string(), "3".to_string())].into();
    assert_eq!(substitute("{ \"x\": $value:S, \"n\": $n:L, \"d\": \"$$\" }", &p), "{ \"x\": \"a\\\"b\", \"n\": 3, \"d\": \"$\" }");
}
