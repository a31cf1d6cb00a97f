//! The Smithy protocol compliance suites of the JSON protocols, client side: every
//! `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests` case of
//! `protocol-tests/aws-restjson1.json`, `aws-json1_0.json` and `aws-json1_1.json` that applies to
//! clients, run against the generated sans-IO operations (`build_request`, then `finish_request`
//! with the client's default settings as the client does before signing, and `parse_response`).
//!
//! The services of each file are generated into `target/protocol-suite/<suite>/`, with a runner crate whose
//! `main` has one arm per case: it reads the case's input (request tests: the `params`, converted
//! with the model to the JSON the generated types read — timestamps from epoch numbers to their
//! format, blobs from text to base64, member names to `jsonName`s where the protocol uses them) and
//! prints what the operation did.
//! The comparison with the case's expectations happens here.

use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use workspace_tests::{shared_model, workspace_root};

/// Cases that cannot pass, each with the reason. They must keep failing (a passing one must be
/// removed from the list).
const SKIPPED: &[(&str, &str)] = &[
    // Service customizations of Glacier and API Gateway that the generator does not implement.
    ("GlacierVersionHeader", "Glacier customization: the X-Amz-Glacier-Version header"),
    ("GlacierChecksums", "Glacier customization: tree-hash checksum headers"),
    ("GlacierAccountId", "Glacier customization: an empty accountId becomes `-`"),
    ("GlacierMultipartChecksums", "Glacier customization: tree-hash checksum headers"),
    ("ApiGatewayAccept", "API Gateway customization: the Accept header"),
    ("MachinelearningPredictEndpoint", "Machine Learning customization: Predict is sent to the host of its PredictEndpoint member"),
    (
        "AwsJson10ClientErrorCorrectsWhenServerFailsToSerializeRequiredValues",
        "client error correction is not implemented: a required member the response leaves out (without a @default) is an error, not a zero value",
    ),
];

/// One suite: its file, the services whose cases run, and whether members travel under their
/// `jsonName` (restJson1 yes, awsJson no).
struct Suite {
    tag: &'static str,
    file: &'static str,
    services: &'static [&'static str],
    json_names: bool,
}

const RESTJSON1: Suite = Suite {
    tag: "restjson1",
    file: "protocol-tests/aws-restjson1.json",
    services: &[
        "aws.protocoltests.restjson#RestJson",
        "aws.protocoltests.restjson.validation#RestJsonValidation",
        "com.amazonaws.apigateway#BackplaneControlService",
        "com.amazonaws.glacier#Glacier",
    ],
    json_names: true,
};

const AWSJSON1_0: Suite = Suite {
    tag: "awsjson1_0",
    file: "protocol-tests/aws-json1_0.json",
    services: &["aws.protocoltests.json10#JsonRpc10", "aws.protocoltests.json10#QueryCompatibleJsonRpc10"],
    json_names: false,
};

const AWSJSON1_1: Suite = Suite {
    tag: "awsjson1_1",
    file: "protocol-tests/aws-json1_1.json",
    services: &["aws.protocoltests.json#JsonProtocol", "com.amazonaws.machinelearning#AmazonML_20141212"],
    json_names: false,
};

/// The suite's harness fills idempotency tokens with this value; ours are random version-4 UUIDs,
/// so an expected value equal to it matches any such UUID.
const TEST_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && s.chars().enumerate().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// `got` equals `want`, where the test token in `want` stands for any version-4 UUID.
fn same_with_token(got: &str, want: &str) -> bool {
    match want.find(TEST_TOKEN) {
        Some(i) => {
            got.len() == want.len() && got[..i] == want[..i] && is_uuid_v4(&got[i..i + 36]) && got[i + 36..] == want[i + TEST_TOKEN.len()..]
        }
        None => got == want,
    }
}

struct Case {
    id: String,
    kind: &'static str,
    krate: String,
    module: String,
    marker: String,
    /// For response tests of an error: the error variant.
    error: Option<String>,
    spec: Value,
    input: Value,
}

fn type_of<'a>(shapes: &'a Value, id: &str) -> &'a str {
    shapes[id]["type"].as_str().unwrap_or(match id {
        "smithy.api#String" => "string",
        "smithy.api#Blob" => "blob",
        "smithy.api#Boolean" | "smithy.api#PrimitiveBoolean" => "boolean",
        "smithy.api#Timestamp" => "timestamp",
        "smithy.api#Document" => "document",
        "smithy.api#Float" | "smithy.api#Double" | "smithy.api#PrimitiveFloat" | "smithy.api#PrimitiveDouble" => "double",
        _ => "integer",
    })
}

fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// An epoch-seconds number in a timestamp format.
fn timestamp(epoch: &Value, format: &str) -> Value {
    let Some(secs) = epoch.as_f64() else { return epoch.clone() };
    let whole = secs.floor() as i64;
    let frac = secs - secs.floor();
    let (days, rem) = (whole.div_euclid(86_400), whole.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    match format {
        "date-time" => {
            let fraction =
                if frac > 0.0 { format!("{:.3}", frac).trim_start_matches('0').trim_end_matches('0').to_string() } else { String::new() };
            json!(format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}{fraction}Z"))
        }
        "http-date" => {
            let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
            let mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m as usize - 1];
            json!(format!("{wd}, {d:02} {mon} {y:04} {hh:02}:{mm:02}:{ss:02} GMT"))
        }
        _ => epoch.clone(),
    }
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Converts test `params` for a shape into the JSON the generated type reads.
fn convert(shapes: &Value, json_names: bool, target: &str, member_traits: &Value, v: &Value) -> Value {
    if v.is_null() {
        return Value::Null;
    }
    let shape = &shapes[target];
    match type_of(shapes, target) {
        "structure" | "union" => {
            let mut out = Map::new();
            for (name, value) in v.as_object().into_iter().flatten() {
                let member = member_of(shapes, target, name);
                let key = member["traits"]["smithy.api#jsonName"].as_str().filter(|_| json_names).unwrap_or(name);
                let t = member["target"].as_str().unwrap_or_default();
                out.insert(key.to_string(), convert(shapes, json_names, t, &member["traits"], value));
            }
            Value::Object(out)
        }
        "list" | "set" => {
            let t = shape["member"]["target"].as_str().unwrap_or_default();
            let traits = &shape["member"]["traits"];
            Value::Array(v.as_array().into_iter().flatten().map(|i| convert(shapes, json_names, t, traits, i)).collect())
        }
        "map" => {
            let t = shape["value"]["target"].as_str().unwrap_or_default();
            let traits = &shape["value"]["traits"];
            Value::Object(
                v.as_object().into_iter().flatten().map(|(k, i)| (k.clone(), convert(shapes, json_names, t, traits, i))).collect(),
            )
        }
        "timestamp" => {
            let format = member_traits["smithy.api#timestampFormat"]
                .as_str()
                .or(shape["traits"]["smithy.api#timestampFormat"].as_str())
                .unwrap_or("epoch-seconds");
            timestamp(v, format)
        }
        "blob" => match v.as_str() {
            Some(s) => json!(base64(s.as_bytes())),
            None => v.clone(),
        },
        _ => v.clone(),
    }
}

/// A member of a structure or union, including members of its mixins.
fn member_of<'a>(shapes: &'a Value, shape: &str, name: &str) -> &'a Value {
    let s = &shapes[shape];
    if !s["members"][name].is_null() {
        return &s["members"][name];
    }
    for mixin in s["mixins"].as_array().into_iter().flatten() {
        let m = member_of(shapes, mixin["target"].as_str().unwrap_or_default(), name);
        if !m.is_null() {
            return m;
        }
    }
    &Value::Null
}

fn module_of(op: &str) -> String {
    let m = codegen::naming::module_name(&codegen::naming::type_name(op));
    if ["new", "config", "from_env", "with_transport", "builder"].contains(&m.as_str()) || m.ends_with("_paginator") {
        format!("{m}_op")
    } else {
        m
    }
}

fn type_name(shape: &str) -> String {
    let n = codegen::naming::type_name(shape);
    if codegen::naming::RESERVED_TYPE_NAMES.contains(&n.as_str()) { format!("{n}Shape") } else { n }
}

fn cases(doc: &Value, suite: &Suite) -> Vec<Case> {
    let shapes = &doc["shapes"];
    let json_names = suite.json_names;
    let mut out = Vec::new();
    for service in suite.services {
        let svc = &shapes[*service];
        let sdk_id = svc["traits"]["aws.api#service"]["sdkId"].as_str().unwrap();
        let krate = codegen::naming::crate_name(sdk_id).replace('-', "_");
        let ops: Vec<&str> = svc["operations"].as_array().unwrap().iter().map(|o| o["target"].as_str().unwrap()).collect();
        let mut errors_done = std::collections::BTreeSet::new();
        for op_id in &ops {
            let op = &shapes[*op_id];
            let name = op_id.split('#').nth(1).unwrap();
            let base = |id: &str, kind: &'static str, error: Option<String>, spec: &Value, input: Value| Case {
                id: id.to_string(),
                kind,
                krate: krate.clone(),
                module: module_of(name),
                marker: codegen::naming::type_name(name),
                error,
                spec: spec.clone(),
                input,
            };
            let input_id = op["input"]["target"].as_str().unwrap_or("smithy.api#Unit");
            let output_id = op["output"]["target"].as_str().unwrap_or("smithy.api#Unit");
            for t in op["traits"]["smithy.test#httpRequestTests"].as_array().into_iter().flatten() {
                if t["appliesTo"] == "server" {
                    continue;
                }
                let input = convert(shapes, json_names, input_id, &Value::Null, t.get("params").unwrap_or(&json!({})));
                out.push(base(t["id"].as_str().unwrap(), "request", None, t, input));
            }
            for t in op["traits"]["smithy.test#httpResponseTests"].as_array().into_iter().flatten() {
                if t["appliesTo"] == "server" {
                    continue;
                }
                let expected = convert(shapes, json_names, output_id, &Value::Null, t.get("params").unwrap_or(&json!({})));
                out.push(base(t["id"].as_str().unwrap(), "response", None, t, expected));
            }
            for e in op["errors"].as_array().into_iter().flatten() {
                let e = e["target"].as_str().unwrap();
                if !errors_done.insert(e.to_string()) {
                    continue;
                }
                for t in shapes[e]["traits"]["smithy.test#httpResponseTests"].as_array().into_iter().flatten() {
                    if t["appliesTo"] == "server" {
                        continue;
                    }
                    let expected = convert(shapes, json_names, e, &Value::Null, t.get("params").unwrap_or(&json!({})));
                    let variant = type_name(e.split('#').nth(1).unwrap());
                    out.push(base(t["id"].as_str().unwrap(), "response", Some(variant), t, expected));
                }
            }
        }
    }
    out
}

fn runner_source(cases: &[Case]) -> String {
    let mut arms = String::new();
    for (i, c) in cases.iter().enumerate() {
        let op = format!("{}::operation::{}", c.krate, c.module);
        let call = match (c.kind, &c.error) {
            ("request", _) => format!("{}_run::request::<{op}::{}>(case)", c.krate, c.marker),
            (_, None) => format!("{}_run::response::<{op}::{}>(case, |_| None)", c.krate, c.marker),
            (_, Some(v)) => format!(
                "{k}_run::response::<{op}::{m}>(case, |e| match e {{ {op}::Error::{v}(x) => Some((serde_json::to_value(x).unwrap(), {k}::rt::json::from_value::<{k}::types::{v}>(case[\"input\"].clone()).map(|x| serde_json::to_value(x).unwrap()).map_err(|e| e.to_string()))), _ => None }})",
                m = c.marker,
                k = c.krate
            ),
        };
        arms.push_str(&format!("        {i} => {call},\n"));
    }
    let mut crates: Vec<&str> = cases.iter().map(|c| c.krate.as_str()).collect();
    crates.sort();
    crates.dedup();
    let runs: String = crates.iter().map(|k| format!("run_fns!({k}, {k}_run);\n")).collect();
    format!(
        r#"use serde_json::{{json, Value}};

macro_rules! run_fns {{
    ($krate:ident, $name:ident) => {{
        #[allow(dead_code)]
        mod $name {{
            use serde_json::{{json, Value}};
            use serde::Serialize;
            use $krate::rt::json::FromJson;
            use $krate::rt::operation::{{Operation as Op, ServiceError}};

            pub fn request<O: Op>(case: &Value) -> Value where O::Input: FromJson {{
                let input: O::Input = match $krate::rt::json::from_value(case["input"].clone()) {{
                    Ok(i) => i,
                    Err(e) => return json!({{ "error": format!("params do not read: {{e}}") }}),
                }};
                let host = case["spec"]["host"].as_str().unwrap_or("example.com");
                match O::build_request(&input, &format!("https://{{host}}")) {{
                    Err(e) => json!({{ "error": e.to_string() }}),
                    Ok(mut r) => {{
                        // What the client does next with the default settings (compression,
                        // Content-MD5); a body it changed is reported as built and as sent, to
                        // check the compression.
                        let built = r.body().clone();
                        O::finish_request(&mut r, Default::default());
                        let changed = (built != *r.body()).then(|| json!({{ "built": built, "sent": r.body() }}));
                        json!({{
                            "method": r.method().as_str(),
                            "uri": r.uri().to_string(),
                            "headers": r.headers().iter().map(|(k, v)| json!([k.as_str(), String::from_utf8_lossy(v.as_bytes())])).collect::<Vec<_>>(),
                            "body": String::from_utf8_lossy(r.body()),
                            "changed_body": changed,
                        }})
                    }}
                }}
            }}

            pub fn response<O: Op>(case: &Value, error: impl Fn(&O::Error) -> Option<(Value, Result<Value, String>)>) -> Value
            where O::Output: FromJson + Serialize {{
                let spec = &case["spec"];
                let mut b = http::Response::builder().status(spec["code"].as_u64().unwrap_or(200) as u16);
                for (k, v) in spec["headers"].as_object().into_iter().flatten() {{
                    b = b.header(k.as_str(), v.as_str().unwrap_or_default());
                }}
                let response = b.body(spec["body"].as_str().unwrap_or_default().as_bytes().to_vec().into()).unwrap();
                let unreadable = |e: String| json!({{ "unreadable": e }});
                match O::parse_response(response) {{
                    Ok(out) => {{
                        let expected = $krate::rt::json::from_value::<O::Output>(case["input"].clone()).map(|x| serde_json::to_value(x).unwrap()).map_err(|e| e.to_string());
                        json!({{ "ok": serde_json::to_value(&out).unwrap(), "expected": expected.unwrap_or_else(unreadable) }})
                    }}
                    Err(e) => match error(&e) {{
                        Some((got, expected)) => json!({{ "ok": got, "expected": expected.unwrap_or_else(unreadable) }}),
                        None => json!({{ "error": e.to_string(), "code": e.code() }}),
                    }},
                }}
            }}
        }}
    }};
}}

{runs}
fn main() {{
    let path = std::env::args().nth(1).expect("cases file");
    let cases: Vec<Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let results: Vec<Value> = cases.iter().enumerate().map(|(i, case)| match i {{
{arms}        _ => json!({{ "error": "no such case" }}),
    }}).collect();
    println!("{{}}", serde_json::to_string(&results).unwrap());
}}
"#
    )
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<String> {
    let values: Vec<&'a str> = headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect();
    if values.is_empty() { None } else { Some(values.join(", ")) }
}

fn decode_query(s: &str) -> String {
    s.to_string()
}

fn check_request(spec: &Value, result: &Value) -> Result<(), String> {
    if let Some(e) = result["error"].as_str() {
        return Err(e.to_string());
    }
    let mut problems = Vec::new();
    if result["method"] != spec["method"] {
        problems.push(format!("method {} != {}", result["method"], spec["method"]));
    }
    let uri = result["uri"].as_str().unwrap();
    let after_scheme = &uri[uri.find("://").map_or(0, |i| i + 3)..];
    let (authority, path_query) = after_scheme.split_at(after_scheme.find('/').unwrap_or(after_scheme.len()));
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    let want_path = spec["uri"].as_str().unwrap_or_default();
    if path != want_path {
        problems.push(format!("path {path:?} != {want_path:?}"));
    }
    if let Some(h) = spec["resolvedHost"].as_str()
        && authority != h
    {
        problems.push(format!("host {authority:?} != {h:?}"));
    }
    let params: Vec<&str> = query.split('&').filter(|q| !q.is_empty()).collect();
    for q in spec["queryParams"].as_array().into_iter().flatten() {
        let q = q.as_str().unwrap();
        if !params.iter().any(|p| same_with_token(&decode_query(p), q)) {
            problems.push(format!("query {q:?} missing from {params:?}"));
        }
    }
    let key = |p: &&str| p.split('=').next().unwrap_or_default().to_string();
    for q in spec["forbidQueryParams"].as_array().into_iter().flatten() {
        if params.iter().any(|p| key(p) == q.as_str().unwrap()) {
            problems.push(format!("query {q} forbidden"));
        }
    }
    for q in spec["requireQueryParams"].as_array().into_iter().flatten() {
        if !params.iter().any(|p| key(p) == q.as_str().unwrap()) {
            problems.push(format!("query {q} required"));
        }
    }
    let headers: Vec<(String, String)> = result["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h[0].as_str().unwrap().to_string(), h[1].as_str().unwrap().to_string()))
        .collect();
    for (k, v) in spec["headers"].as_object().into_iter().flatten() {
        let got = header(&headers, k);
        if !got.as_deref().zip(v.as_str()).is_some_and(|(g, w)| same_with_token(g, w)) {
            problems.push(format!("header {k}: {got:?} != {v}"));
        }
    }
    for h in spec["forbidHeaders"].as_array().into_iter().flatten() {
        if header(&headers, h.as_str().unwrap()).is_some() {
            problems.push(format!("header {h} forbidden"));
        }
    }
    for h in spec["requireHeaders"].as_array().into_iter().flatten() {
        if header(&headers, h.as_str().unwrap()).is_none() {
            problems.push(format!("header {h} required"));
        }
    }
    if header(&headers, "content-encoding").is_some_and(|e| e.split(',').any(|e| e.trim() == "gzip")) {
        // The body as sent must be the body as built, gzipped.
        let changed = &result["changed_body"];
        let bytes =
            |key: &str| -> Option<Vec<u8>> { changed[key].as_array().map(|a| a.iter().map(|b| b.as_u64().unwrap() as u8).collect()) };
        let mut unzipped = Vec::new();
        let same = match (bytes("built"), bytes("sent")) {
            (Some(built), Some(sent)) => {
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&sent[..]), &mut unzipped).is_ok() && unzipped == built
            }
            _ => false,
        };
        if !same {
            problems.push("the gzip body does not decompress to the body as built".to_string());
        }
    }
    if let Some(want) = spec["body"].as_str() {
        let got = result["body"].as_str().unwrap();
        let json_media = spec["bodyMediaType"].as_str().is_some_and(|m| m.contains("json"));
        let same = if json_media && !want.is_empty() {
            let (got, want) = (serde_json::from_str::<Value>(got).ok(), serde_json::from_str::<Value>(want).ok());
            got.is_some() && got == want
        } else {
            got == want
        };
        if !same {
            problems.push(format!("body {got:?} != {want:?}"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

fn check_response(case: &Case, result: &Value) -> Result<(), String> {
    if let Some(e) = result["error"].as_str() {
        return Err(format!("{e} (code {})", result["code"]));
    }
    if result["expected"].get("unreadable").is_some() {
        return Err(format!("expected params do not read: {}", result["expected"]["unreadable"]));
    }
    let _ = case;
    if result["ok"] == result["expected"] { Ok(()) } else { Err(format!("got {}\n   want {}", result["ok"], result["expected"])) }
}

#[test]
fn restjson1_protocol_tests() {
    run(&RESTJSON1);
}

#[test]
fn awsjson1_0_protocol_tests() {
    run(&AWSJSON1_0);
}

#[test]
fn awsjson1_1_protocol_tests() {
    run(&AWSJSON1_1);
}

fn run(suite: &Suite) {
    let Some(model) = shared_model(suite.file) else { return };
    let doc: Value = serde_json::from_slice(&std::fs::read(&model).unwrap()).unwrap();
    let cases = cases(&doc, suite);
    assert!(!cases.is_empty(), "{}: no client cases", suite.file);
    // Each suite's runner has its own name: the runners share one target directory.
    let runner = format!("runner_{}", suite.tag);

    let generated = codegen::generate(&codegen::Input::files([model])).unwrap_or_else(|e| panic!("{e}"));
    let dir = workspace_root().join("target/protocol-suite").join(suite.tag);
    codegen::write::write(&dir, &generated.files).unwrap();
    let mut crates: Vec<String> = cases.iter().map(|c| c.krate.replace('_', "-")).collect();
    crates.sort();
    crates.dedup();
    let deps: String = crates.iter().map(|c| format!("{c} = {{ path = \"../{c}\", default-features = false }}\n")).collect();
    std::fs::create_dir_all(dir.join("runner/src")).unwrap();
    std::fs::write(
        dir.join("runner/Cargo.toml"),
        format!("[package]\nname = \"{runner}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n{deps}serde = \"1\"\nserde_json = \"1\"\nhttp = \"1\"\n"),
    )
    .unwrap();
    std::fs::write(dir.join("runner/src/main.rs"), runner_source(&cases)).unwrap();
    let members: Vec<String> = std::iter::once("\"runner\"".to_string()).chain(crates.iter().map(|c| format!("\"{c}\""))).collect();
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nmembers = [{}]\nresolver = \"2\"\n", members.join(", "))).unwrap();
    let _ = std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"));
    let input: Vec<Value> = cases.iter().map(|c| json!({ "input": c.input, "spec": c.spec })).collect();
    std::fs::write(dir.join("cases.json"), serde_json::to_vec(&input).unwrap()).unwrap();
    let output = workspace_tests::cargo_in(&dir, &["run", "--quiet", "-p", &runner, "--", "cases.json"]);
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results.len(), cases.len());

    let mut tally: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (case, result) in cases.iter().zip(&results) {
        let outcome = if case.kind == "request" { check_request(&case.spec, result) } else { check_response(case, result) };
        let entry = tally.entry(case.kind).or_default();
        entry.1 += 1;
        match (outcome, SKIPPED.iter().find(|(id, _)| *id == case.id)) {
            (Ok(()), None) => entry.0 += 1,
            (Ok(()), Some(_)) => failures.push(format!("{}: listed as skipped but passes; remove it from SKIPPED", case.id)),
            (Err(_), Some((_, why))) => {
                entry.2 += 1;
                eprintln!("skipped {} {}: {why}", case.kind, case.id);
            }
            (Err(why), None) => failures.push(format!("{} {}: {why}", case.kind, case.id)),
        }
    }
    for (kind, (ok, n, skipped)) in &tally {
        eprintln!("{} {kind} tests: {ok}/{n} pass, {skipped} skipped", suite.tag);
    }
    assert!(failures.is_empty(), "{} failing case(s):\n{}", failures.len(), failures.join("\n"));
}
