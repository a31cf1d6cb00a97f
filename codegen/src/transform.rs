//! Transform: per service, the shapes it reaches, synthetic inputs/outputs for operations that use
//! `smithy.api#Unit`, and the members that must be boxed to break recursion.

use crate::diag::Diagnostics;
use crate::load::json::{Node, Object};
use crate::model::{Kind, Member, Model, Operation, Shape, ShapeId, Traits};
use std::collections::{BTreeMap, BTreeSet};

/// One service and everything generation needs to know about its closure.
pub struct ServiceView {
    pub service: ShapeId,
    /// The model, with synthetic input/output structures added.
    pub model: Model,
    /// Operations in id order (service operations plus those bound through resources).
    pub operations: Vec<ShapeId>,
    /// Every shape reachable from the service.
    pub closure: BTreeSet<ShapeId>,
    /// Member ids whose Rust field needs a `Box`.
    pub boxed: BTreeSet<ShapeId>,
}

/// `allowlist` keeps only the named operations (and what they reach); names the service does not
/// have are reported in `diags`.
pub fn service_view(model: &Model, service: &ShapeId, allowlist: Option<&BTreeSet<String>>, diags: &mut Diagnostics) -> ServiceView {
    let mut operations = operations_of(model, service);
    if let Some(allowed) = allowlist {
        let file = model.shape(service).map(|s| s.file.clone()).unwrap_or_default();
        for name in allowed {
            if !operations.iter().any(|op| &op.name == name || &op.to_string() == name) {
                diags.error(&file, service.to_string(), format!("the operation allowlist names `{name}`, which the service does not have"));
            }
        }
        operations.retain(|op| allowed.contains(&op.name) || allowed.contains(&op.to_string()));
    }
    // The view holds only what the service reaches (and `Unit`, which the closure leaves out):
    // with many services in one model, a copy of the whole model per service made a run quadratic
    // in the number of services.
    let unit = ShapeId::prelude("Unit");
    let reached = closure(model, service, &operations);
    let mut model = Model {
        metadata: model.metadata.clone(),
        shapes: reached
            .iter()
            .chain([&unit])
            .filter_map(|id| model.shapes.get_key_value(id))
            .map(|(id, s)| (id.clone(), s.clone()))
            .collect(),
    };
    convert_legacy_enums(&mut model);
    synthesize_io(&mut model, &operations);
    mark_inputs(&mut model, &operations);
    let closure = closure(&model, service, &operations);
    let boxed = boxed_members(&model, &closure);
    ServiceView { service: service.clone(), model, operations, closure, boxed }
}

/// The operations of a service, including those bound through resources, in id order.
pub fn operations_of(model: &Model, service: &ShapeId) -> Vec<ShapeId> {
    let mut ops = BTreeSet::new();
    let mut resources: Vec<ShapeId> = Vec::new();
    if let Some(svc) = model.shape(service).and_then(Shape::service) {
        ops.extend(svc.operations.iter().cloned());
        resources.extend(svc.resources.iter().cloned());
    }
    let mut seen = BTreeSet::new();
    while let Some(r) = resources.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        if let Some(Kind::Resource(res)) = model.shape(&r).map(|s| &s.kind) {
            ops.extend(res.lifecycle.iter().map(|(_, id)| id.clone()));
            ops.extend(res.operations.iter().cloned());
            ops.extend(res.collection_operations.iter().cloned());
            resources.extend(res.resources.iter().cloned());
        }
    }
    ops.into_iter().collect()
}

/// Gives every operation its own input and output structure (`{Op}Input`/`{Op}Output` when the model
/// says `smithy.api#Unit`), so the client always has a type to take and return.
fn synthesize_io(model: &mut Model, operations: &[ShapeId]) {
    let unit = ShapeId::prelude("Unit");
    for op_id in operations {
        let Some(op) = model.shape(op_id).and_then(Shape::operation).cloned() else { continue };
        let mut new_op = op.clone();
        for (is_input, current) in [(true, &op.input), (false, &op.output)] {
            if current != &unit {
                continue;
            }
            let suffix = if is_input { "Input" } else { "Output" };
            let mut id = ShapeId::new(&op_id.namespace, &format!("{}{suffix}", op_id.name));
            while model.shapes.contains_key(&id) {
                id.name.push('_');
            }
            let mut traits = Traits::default();
            traits.insert(ShapeId::prelude(if is_input { "input" } else { "output" }), Node::Object(Object::default()));
            traits.insert(
                ShapeId::prelude("documentation"),
                Node::String(format!("The {} of {} (the model defines none, so it is empty).", suffix.to_lowercase(), op_id.name)),
            );
            let file = model.shapes[op_id].file.clone();
            model.shapes.insert(id.clone(), Shape { id: id.clone(), kind: Kind::Structure, traits, members: Vec::new(), file });
            if is_input { new_op.input = id } else { new_op.output = id }
        }
        if new_op != op {
            model.shapes.get_mut(op_id).expect("operation exists").kind = Kind::Operation(Operation { ..new_op });
        }
    }
}

/// Smithy 1.0 strings with the `@enum` trait become enum shapes, so they get the same type and the
/// same validation. Entries without a name are named after their value; entries tagged `internal`
/// get `@internal` (left out of validation messages, as for enum shapes).
fn convert_legacy_enums(model: &mut Model) {
    for shape in model.shapes.values_mut() {
        if shape.kind != Kind::String {
            continue;
        }
        let Some(Node::Array(entries)) = shape.traits.api("enum").cloned() else { continue };
        let mut members: Vec<Member> = Vec::new();
        for entry in &entries {
            let Some(value) = entry.get("value").and_then(Node::as_str) else { return };
            let name = match entry.get("name").and_then(Node::as_str) {
                Some(n) => n.to_string(),
                None => legacy_member_name(value),
            };
            if members.iter().any(|m| m.name.eq_ignore_ascii_case(&name)) {
                // Two values that name the same member: keep the shape a plain string.
                members.clear();
                break;
            }
            let mut traits = Traits::default();
            traits.insert(ShapeId::prelude("enumValue"), Node::String(value.to_string()));
            for key in ["documentation", "tags", "deprecated"] {
                if let Some(v) = entry.get(key) {
                    traits.insert(ShapeId::prelude(key), v.clone());
                }
            }
            let tags = entry.get("tags").and_then(Node::as_array).unwrap_or_default();
            if tags.iter().any(|t| t.as_str() == Some("internal")) {
                traits.insert(ShapeId::prelude("internal"), Node::Object(Object::default()));
            }
            members.push(Member { name, target: ShapeId::prelude("Unit"), traits });
        }
        if members.is_empty() {
            continue;
        }
        shape.kind = Kind::Enum;
        shape.members = members;
        shape.traits.0.remove(&ShapeId::prelude("enum"));
    }
}

fn legacy_member_name(value: &str) -> String {
    let mut name: String = value.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert(0, 'V');
    }
    name
}

/// Every operation input gets `@input` semantics (all members optional on the client), as
/// smithy-rs's synthetic inputs do, so a request missing a required member can still be built and
/// then reported by `validate()` instead of failing to deserialize.
fn mark_inputs(model: &mut Model, operations: &[ShapeId]) {
    let inputs: Vec<ShapeId> = operations.iter().filter_map(|op| model.shape(op)?.operation().map(|o| o.input.clone())).collect();
    for id in inputs {
        if let Some(shape) = model.shapes.get_mut(&id)
            && shape.kind == Kind::Structure
            && !shape.traits.has("input")
        {
            shape.traits.insert(ShapeId::prelude("input"), Node::Object(Object::default()));
        }
    }
}

fn closure(model: &Model, service: &ShapeId, operations: &[ShapeId]) -> BTreeSet<ShapeId> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<ShapeId> = vec![service.clone()];
    stack.extend(operations.iter().cloned());
    if let Some(svc) = model.shape(service).and_then(Shape::service) {
        stack.extend(svc.errors.iter().cloned());
    }
    while let Some(id) = stack.pop() {
        if !out.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.shape(&id) else { continue };
        if let Some(op) = shape.operation() {
            stack.push(op.input.clone());
            stack.push(op.output.clone());
            stack.extend(op.errors.iter().cloned());
        }
        stack.extend(shape.members.iter().map(|m| m.target.clone()));
    }
    out.remove(&ShapeId::prelude("Unit"));
    out
}

/// Boxes structure/union members that close a cycle of direct (non-list, non-map) containment.
/// Members are visited in id order and each box is kept before looking at the next, so the result
/// is deterministic and minimal per cycle.
fn boxed_members(model: &Model, closure: &BTreeSet<ShapeId>) -> BTreeSet<ShapeId> {
    let direct = |s: &Shape| matches!(s.kind, Kind::Structure | Kind::Union);
    // Direct edges: member id → target, for structure/union members targeting structures/unions.
    let mut edges: BTreeMap<ShapeId, Vec<(ShapeId, ShapeId)>> = BTreeMap::new();
    for id in closure {
        let Some(shape) = model.shape(id).filter(|s| direct(s)) else { continue };
        for m in &shape.members {
            if model.shape(&m.target).is_some_and(direct) {
                edges.entry(id.clone()).or_default().push((id.with_member(&m.name), m.target.clone()));
            }
        }
    }
    let mut boxed = BTreeSet::new();
    let all: Vec<(ShapeId, ShapeId, ShapeId)> =
        edges.iter().flat_map(|(from, es)| es.iter().map(move |(mid, to)| (from.clone(), mid.clone(), to.clone()))).collect();
    for (from, member, to) in all {
        if reaches(&edges, &boxed, &to, &from) {
            boxed.insert(member);
        }
    }
    boxed
}

fn reaches(edges: &BTreeMap<ShapeId, Vec<(ShapeId, ShapeId)>>, boxed: &BTreeSet<ShapeId>, start: &ShapeId, goal: &ShapeId) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start.clone()];
    while let Some(id) = stack.pop() {
        if &id == goal {
            return true;
        }
        if !seen.insert(id.clone()) {
            continue;
        }
        for (member, to) in edges.get(&id).into_iter().flatten() {
            if !boxed.contains(member) {
                stack.push(to.clone());
            }
        }
    }
    false
}
