//! Transform: per service, the shapes it reaches, synthetic inputs/outputs for operations that use
//! `smithy.api#Unit`, and the members that must be boxed to break recursion.

use crate::load::json::{Node, Object};
use crate::model::{Kind, Model, Operation, Shape, ShapeId, Traits};
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

pub fn service_view(model: &Model, service: &ShapeId) -> ServiceView {
    let mut model = model.clone();
    let operations = operations_of(&model, service);
    synthesize_io(&mut model, &operations);
    let closure = closure(&model, service, &operations);
    let boxed = boxed_members(&model, &closure);
    ServiceView { service: service.clone(), model, operations, closure, boxed }
}

fn operations_of(model: &Model, service: &ShapeId) -> Vec<ShapeId> {
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
    let all: Vec<(ShapeId, ShapeId, ShapeId)> = edges
        .iter()
        .flat_map(|(from, es)| es.iter().map(move |(mid, to)| (from.clone(), mid.clone(), to.clone())))
        .collect();
    for (from, member, to) in all {
        if reaches(&edges, &boxed, &to, &from) {
            boxed.insert(member);
        }
    }
    boxed
}

fn reaches(
    edges: &BTreeMap<ShapeId, Vec<(ShapeId, ShapeId)>>,
    boxed: &BTreeSet<ShapeId>,
    start: &ShapeId,
    goal: &ShapeId,
) -> bool {
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
