//! The hand-written slice models in `models/` agree with the official AWS models.
//!
//! `models/connect-contact-lens.json` is the whole Contact Lens service and `models/connect.json`
//! is Amazon Connect cut down to a few operations. Apart from `smithy.api#documentation` (ours is
//! written from scratch) every fact must match the official model in `../shared/models/aws`:
//! shape types, member order and targets, every trait value, enum values, the operation closure,
//! and the service shape (minus the endpoint rules: ours are written in our own words, and
//! `tests/endpoints.rs` checks that they give what the official test cases expect).
//!
//! Member order matters to the generator, but `serde_json::Map` (without `preserve_order`, which
//! we keep off across the workspace) sorts its keys. So the files are read with the small
//! order-preserving reader in `tests/ordered_json.rs`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;
use workspace_tests::ordered_json::{J, Parser};
use workspace_tests::{shared_model, workspace_root};

const DOC: &str = "smithy.api#documentation";
/// Service traits our slices write in their own words (or leave out): the endpoint rules, whose
/// behaviour `tests/endpoints.rs` checks against the official test cases instead.
const OMITTABLE_SERVICE_TRAITS: &[&str] = &["smithy.rules#endpointRuleSet", "smithy.rules#endpointTests"];

struct Slice {
    ours: &'static str,
    official: &'static str,
    service: &'static str,
    operations: &'static [&'static str],
    /// Expected number of shapes in our file, service included, when it is pinned.
    total: Option<usize>,
}

const CONTACT_LENS: Slice = Slice {
    ours: "models/connect-contact-lens.json",
    official: "aws/connect-contact-lens-2020-08-21.json",
    service: "com.amazonaws.connectcontactlens#AmazonConnectContactLens",
    operations: &["com.amazonaws.connectcontactlens#ListRealtimeContactAnalysisSegments"],
    total: Some(38),
};

const CONNECT: Slice = Slice {
    ours: "models/connect.json",
    official: "aws/connect-2017-08-08.json",
    service: "com.amazonaws.connect#AmazonConnectService",
    operations: &[
        "com.amazonaws.connect#ListRealtimeContactAnalysisSegmentsV2",
        "com.amazonaws.connect#CreateInstance",
        "com.amazonaws.connect#DescribeInstance",
        "com.amazonaws.connect#ListInstances",
        "com.amazonaws.connect#DeleteInstance",
        "com.amazonaws.connect#TagResource",
        "com.amazonaws.connect#UntagResource",
        "com.amazonaws.connect#ListTagsForResource",
    ],
    total: None,
};

// ---------------------------------------------------------------------------------------------
// Models

/// A member node: a structure/union/enum member, or a list `member` / map `key` / `value`.
struct Member {
    name: String,
    target: Option<String>,
    traits: BTreeMap<String, Value>,
    /// Keys other than `target` and `traits` (none are expected).
    other: BTreeMap<String, Value>,
}

struct Shape {
    ty: String,
    /// `members` in file order, followed by list `member` and map `key`/`value`.
    members: Vec<Member>,
    traits: BTreeMap<String, Value>,
    /// Top-level keys other than `type`, `members`, `member`, `key`, `value`, `traits`.
    other: BTreeMap<String, Value>,
}

struct Model {
    path: String,
    raw: J,
    /// Shape ids in file order.
    order: Vec<String>,
    shapes: BTreeMap<String, Shape>,
}

fn object_map(j: Option<&J>) -> BTreeMap<String, Value> {
    j.map(|j| j.fields().iter().map(|(k, v)| (k.clone(), v.to_value())).collect()).unwrap_or_default()
}

fn member(name: &str, j: &J) -> Member {
    Member {
        name: name.to_string(),
        target: j.get("target").and_then(|t| match t {
            J::Str(s) => Some(s.clone()),
            _ => None,
        }),
        traits: object_map(j.get("traits")),
        other: j.fields().iter().filter(|(k, _)| k != "target" && k != "traits").map(|(k, v)| (k.clone(), v.to_value())).collect(),
    }
}

impl Model {
    fn load(path: &Path) -> Model {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let raw = Parser::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut order = Vec::new();
        let mut shapes = BTreeMap::new();
        for (id, j) in raw.get("shapes").expect("no `shapes`").fields() {
            let mut members: Vec<Member> =
                j.get("members").map(|m| m.fields().iter().map(|(n, v)| member(n, v)).collect()).unwrap_or_default();
            for key in ["member", "key", "value"] {
                if let Some(v) = j.get(key) {
                    members.push(member(key, v));
                }
            }
            let ty = match j.get("type") {
                Some(J::Str(s)) => s.clone(),
                _ => String::new(),
            };
            let other = j
                .fields()
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "type" | "members" | "member" | "key" | "value" | "traits"))
                .map(|(k, v)| (k.clone(), v.to_value()))
                .collect();
            order.push(id.clone());
            shapes.insert(id.clone(), Shape { ty, members, traits: object_map(j.get("traits")), other });
        }
        Model { path: path.display().to_string(), raw, order, shapes }
    }

    /// Every shape reachable from `roots` through input, output, errors and member targets.
    /// Prelude shapes (`smithy.api#...`) are not part of a model file and are left out.
    fn closure(&self, roots: &[String]) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<String> = roots.iter().cloned().collect();
        while let Some(id) = queue.pop_front() {
            if id.starts_with("smithy.api#") || !seen.insert(id.clone()) {
                continue;
            }
            let Some(shape) = self.shapes.get(&id) else {
                continue;
            };
            for key in ["input", "output"] {
                if let Some(t) = shape.other.get(key).and_then(|v| v["target"].as_str()) {
                    queue.push_back(t.to_string());
                }
            }
            if let Some(errors) = shape.other.get("errors").and_then(Value::as_array) {
                queue.extend(errors.iter().filter_map(|e| e["target"].as_str()).map(str::to_string));
            }
            queue.extend(shape.members.iter().filter_map(|m| m.target.clone()));
        }
        seen
    }

    fn doc(&self, id: &str, member: Option<&str>) -> Option<&str> {
        let shape = self.shapes.get(id)?;
        let traits = match member {
            None => &shape.traits,
            Some(name) => &shape.members.iter().find(|m| m.name == name)?.traits,
        };
        traits.get(DOC).and_then(Value::as_str)
    }
}

fn load_pair(slice: &Slice) -> Option<(Model, Model)> {
    let official = shared_model(slice.official)?;
    Some((Model::load(&workspace_root().join(slice.ours)), Model::load(&official)))
}

fn without_doc(traits: &BTreeMap<String, Value>) -> BTreeMap<&str, &Value> {
    traits.iter().filter(|(k, _)| k.as_str() != DOC).map(|(k, v)| (k.as_str(), v)).collect()
}

fn compare_traits(
    at: &str,
    ours: &BTreeMap<String, Value>,
    official: &BTreeMap<String, Value>,
    omittable: &[&str],
    diffs: &mut Vec<String>,
) {
    let (ours, official) = (without_doc(ours), without_doc(official));
    for (id, value) in &official {
        match ours.get(id) {
            _ if omittable.contains(id) => {}
            None => diffs.push(format!("{at}: trait {id} missing (official: {value})")),
            Some(v) if v != value => diffs.push(format!("{at}: trait {id} is {v}, official {value}")),
            Some(_) => {}
        }
    }
    for (id, value) in &ours {
        if !official.contains_key(id) {
            diffs.push(format!("{at}: trait {id} = {value} is not in the official model"));
        }
    }
}

fn compare_values(at: &str, ours: &BTreeMap<String, Value>, official: &BTreeMap<String, Value>, diffs: &mut Vec<String>) {
    let keys: BTreeSet<&String> = ours.keys().chain(official.keys()).collect();
    for key in keys {
        match (ours.get(key), official.get(key)) {
            (Some(a), Some(b)) if a == b => {}
            (a, b) => diffs.push(format!(
                "{at}: `{key}` is {}, official {}",
                a.map_or("absent".to_string(), Value::to_string),
                b.map_or("absent".to_string(), Value::to_string)
            )),
        }
    }
}

fn compare_shape(id: &str, ours: &Shape, official: &Shape, diffs: &mut Vec<String>) {
    if ours.ty != official.ty {
        diffs.push(format!("{id}: type {} vs official {}", ours.ty, official.ty));
        return;
    }
    compare_values(id, &ours.other, &official.other, diffs);
    compare_traits(id, &ours.traits, &official.traits, &[], diffs);

    let names = |s: &Shape| s.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
    if names(ours) != names(official) {
        diffs.push(format!("{id}: members {:?}, official (in order) {:?}", names(ours), names(official)));
    }
    for m in &ours.members {
        let Some(o) = official.members.iter().find(|o| o.name == m.name) else {
            continue;
        };
        let at = format!("{id}${}", m.name);
        if m.target != o.target {
            diffs.push(format!("{at}: target {:?}, official {:?}", m.target, o.target));
        }
        compare_traits(&at, &m.traits, &o.traits, &[], diffs);
        compare_values(&at, &m.other, &o.other, diffs);
    }
    if ours.ty == "enum" || ours.ty == "intEnum" {
        let values =
            |s: &Shape| s.members.iter().map(|m| (m.name.clone(), m.traits.get("smithy.api#enumValue").cloned())).collect::<Vec<_>>();
        if values(ours) != values(official) {
            diffs.push(format!("{id}: enum values {:?}, official {:?}", values(ours), values(official)));
        }
    }
}

fn compare_service(slice: &Slice, ours: &Shape, official: &Shape, diffs: &mut Vec<String>) {
    let id = slice.service;
    if ours.ty != "service" || official.ty != "service" {
        diffs.push(format!("{id}: not a service (ours {}, official {})", ours.ty, official.ty));
        return;
    }
    compare_traits(id, &ours.traits, &official.traits, OMITTABLE_SERVICE_TRAITS, diffs);
    let mut other = official.other.clone();
    let mut ours_other = ours.other.clone();
    let official_ops = other.remove("operations");
    let ours_ops = ours_other.remove("operations");
    // version, errors, resources, rename, ...: all must be kept as they are.
    compare_values(id, &ours_other, &other, diffs);

    let targets = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array).map(|a| a.iter().filter_map(|o| o["target"].as_str()).map(str::to_string).collect()).unwrap_or_default()
    };
    let ours_ops = targets(ours_ops.as_ref());
    let official_ops: BTreeSet<String> = targets(official_ops.as_ref()).into_iter().collect();
    let mut expected: Vec<String> = slice.operations.iter().map(|s| s.to_string()).collect();
    expected.sort();
    let mut sorted = ours_ops.clone();
    sorted.sort();
    if sorted != expected {
        diffs.push(format!("{id}: operations {ours_ops:?}, expected exactly {expected:?}"));
    }
    for op in &expected {
        if !official_ops.contains(op) {
            diffs.push(format!("{id}: {op} is not an operation of the official service"));
        }
    }
}

fn report(what: &str, diffs: Vec<String>) {
    if !diffs.is_empty() {
        let mut msg = format!("{what}: {} difference(s)\n", diffs.len());
        for d in &diffs {
            let _ = writeln!(msg, "  - {d}");
        }
        panic!("{msg}");
    }
}

fn check_agreement(slice: &Slice) {
    let Some((ours, official)) = load_pair(slice) else {
        return;
    };
    let mut diffs = Vec::new();

    if ours.raw.get("smithy").map(J::to_value) != Some(Value::from("2.0")) {
        diffs.push(format!("{}: `smithy` must be \"2.0\"", ours.path));
    }

    // Shape by shape, trait by trait.
    for (id, shape) in &ours.shapes {
        let Some(off) = official.shapes.get(id) else {
            diffs.push(format!("{id}: not in the official model"));
            continue;
        };
        if id == slice.service {
            compare_service(slice, shape, off, &mut diffs);
        } else {
            compare_shape(id, shape, off, &mut diffs);
        }
    }
    let services: Vec<&String> = ours.shapes.iter().filter(|(_, s)| s.ty == "service").map(|(id, _)| id).collect();
    if services != [slice.service] {
        diffs.push(format!("{}: service shapes {services:?}, expected exactly [{}]", ours.path, slice.service));
    }

    // Closure: what the official model reaches from our operations is exactly what we have.
    let roots: Vec<String> = slice.operations.iter().map(|s| s.to_string()).collect();
    let official_closure = official.closure(&roots);
    let ours_roots: Vec<String> = ours
        .shapes
        .get(slice.service)
        .and_then(|s| s.other.get("operations"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|o| o["target"].as_str()).map(str::to_string).collect())
        .unwrap_or_default();
    let ours_reachable = ours.closure(&ours_roots);
    for id in &official_closure {
        if !ours.shapes.contains_key(id) {
            diffs.push(format!("{id}: reachable from our operations in the official model but missing"));
        }
    }
    for id in ours.shapes.keys() {
        if id != slice.service && !ours_reachable.contains(id) {
            diffs.push(format!("{id}: not reachable from the service's operations"));
        }
        if id != slice.service && !official_closure.contains(id) {
            diffs.push(format!("{id}: not in the official closure of our operations"));
        }
    }

    let total = ours.shapes.len();
    println!(
        "{}: {total} shapes ({} in the official closure of {} operation(s) + the service)",
        slice.ours,
        official_closure.len(),
        slice.operations.len()
    );
    if total != official_closure.len() + 1 {
        diffs.push(format!("{}: {total} shapes, official closure + service is {}", slice.ours, official_closure.len() + 1));
    }
    if let Some(expected) = slice.total
        && total != expected
    {
        diffs.push(format!("{}: {total} shapes, expected {expected}", slice.ours));
    }
    report(slice.ours, diffs);
}

#[test]
fn contact_lens_agrees_with_official_model() {
    check_agreement(&CONTACT_LENS);
}

#[test]
fn connect_agrees_with_official_model() {
    check_agreement(&CONNECT);
}

#[test]
fn contact_lens_slice_is_the_whole_service() {
    let Some((ours, official)) = load_pair(&CONTACT_LENS) else {
        return;
    };
    let ours: BTreeSet<&String> = ours.shapes.keys().collect();
    let official: BTreeSet<&String> = official.shapes.keys().collect();
    assert_eq!(ours, official, "contact lens must contain every official shape");
}

/// Our documentation is our own: no doc string equals the official one at the same place, and
/// every operation, structure, union and service is documented.
#[test]
fn documentation_is_our_own() {
    let mut diffs = Vec::new();
    for slice in [&CONTACT_LENS, &CONNECT] {
        let Some((ours, official)) = load_pair(slice) else {
            return;
        };
        for (id, shape) in &ours.shapes {
            let places = std::iter::once(None).chain(shape.members.iter().map(|m| Some(m.name.as_str())));
            for member in places {
                let at = match member {
                    None => id.clone(),
                    Some(m) => format!("{id}${m}"),
                };
                let Some(doc) = ours.doc(id, member) else {
                    if member.is_none() && matches!(shape.ty.as_str(), "operation" | "structure" | "union" | "service") {
                        diffs.push(format!("{at}: has no documentation"));
                    }
                    continue;
                };
                if doc.trim().is_empty() {
                    diffs.push(format!("{at}: empty documentation"));
                }
                if official.doc(id, member) == Some(doc) {
                    diffs.push(format!("{at}: documentation copied from the official model"));
                }
            }
        }
    }
    report("documentation", diffs);
}

/// The files stay canonical: two-space pretty JSON, shapes sorted by id, no duplicate keys.
#[test]
fn model_files_are_canonical() {
    let mut diffs = Vec::new();
    for slice in [&CONTACT_LENS, &CONNECT] {
        let path = workspace_root().join(slice.ours);
        let text = std::fs::read_to_string(&path).unwrap();
        let model = Model::load(&path);
        let mut pretty = String::new();
        model.raw.pretty(0, &mut pretty);
        pretty.push('\n');
        if text != pretty {
            let line = text.lines().zip(pretty.lines()).position(|(a, b)| a != b).map_or(0, |n| n + 1);
            diffs.push(format!("{}: not pretty-printed with two-space indent (first difference at line {line})", slice.ours));
        }
        let mut sorted = model.order.clone();
        sorted.sort();
        if sorted != model.order {
            diffs.push(format!("{}: shapes are not sorted by id", slice.ours));
        }
        model.raw.duplicate_keys(slice.ours, &mut diffs);
    }
    report("format", diffs);
}
