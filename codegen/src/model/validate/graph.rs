//! Checks on the shape graph: list/map recursion without a structure or union in between,
//! structures that require each other in a loop, and lists/maps nested too deep.

use super::super::{Kind, Model, Shape, ShapeId, prelude};
use crate::diag::Diagnostics;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// How deep lists and maps may nest directly (`list<map<string, list<...>>>`), counting the
/// outermost. Generated Rust types nest as deep; real models stay far below this.
pub const MAX_NESTING: usize = 32;

/// Lists and maps nested more than [`MAX_NESTING`] deep, reported at the shape where the limit is
/// first exceeded. Iterative, so a model made of a very long chain cannot exhaust the stack.
pub(super) fn nesting(model: &Model, d: &mut Diagnostics) {
    let collection = |s: &&Shape| matches!(s.kind, Kind::List | Kind::Map);
    let children = |s: &Shape| -> Vec<&Shape> { s.members.iter().filter_map(|m| model.shape(&m.target)).filter(collection).collect() };
    let mut depth: BTreeMap<&ShapeId, usize> = BTreeMap::new();
    let mut started: BTreeSet<&ShapeId> = BTreeSet::new();
    for shape in model.shapes.values().filter(collection) {
        let mut stack = vec![(shape, false)];
        while let Some((s, expanded)) = stack.pop() {
            if expanded {
                // A child still being computed closes a loop, reported by `recursion`; it counts 0.
                let below = children(s).iter().filter_map(|c| depth.get(&c.id).copied()).max().unwrap_or(0);
                depth.insert(&s.id, below + 1);
            } else if started.insert(&s.id) {
                stack.push((s, true));
                stack.extend(children(s).into_iter().filter(|c| !started.contains(&c.id)).map(|c| (c, false)));
            }
        }
    }
    for shape in model.shapes.values().filter(|s| s.file != prelude::FILE) {
        if depth.get(&shape.id) == Some(&(MAX_NESTING + 1)) {
            d.error(
                &shape.file,
                shape.id.to_string(),
                format!("lists and maps nest more than {MAX_NESTING} deep here; the generator supports at most {MAX_NESTING}"),
            );
        }
    }
}

/// Recursion the generated types could not express:
/// - a list or map that contains itself without a structure or union in between (an infinitely
///   nested type);
/// - structures that require each other in a loop (no value could ever be built).
///
/// Each loop is reported once, at its first shape id. Linear in the model size (Tarjan's strongly
/// connected components, without recursion so long chains cannot exhaust the stack).
pub(super) fn recursion(model: &Model, d: &mut Diagnostics) {
    let user = || model.shapes.values().filter(|s| s.file != prelude::FILE && !s.traits.has("mixin"));
    // list/map → the list/map shapes its member, key or value targets.
    let collection = |s: &Shape| matches!(s.kind, Kind::List | Kind::Map);
    let collection_edges = |s: &Shape| -> Vec<(String, ShapeId)> {
        s.members.iter().filter(|m| model.shape(&m.target).is_some_and(collection)).map(|m| (s.id.to_string(), m.target.clone())).collect()
    };
    let nodes: Vec<&Shape> = user().filter(|s| collection(s)).collect();
    for (shape, cycle) in loops(model, &nodes, &collection_edges) {
        d.error(
            &shape.file,
            shape.id.to_string(),
            format!("recursive {} must pass through a structure or union: {cycle}", shape.kind.name()),
        );
    }
    // structure → structure through members that are @required and have no @default.
    let required_edges = |s: &Shape| -> Vec<(String, ShapeId)> {
        s.members
            .iter()
            .filter(|m| m.traits.has("required") && !m.traits.has("default"))
            .filter(|m| model.shape(&m.target).is_some_and(|t| t.kind == Kind::Structure))
            .map(|m| (s.id.with_member(&m.name).to_string(), m.target.clone()))
            .collect()
    };
    let nodes: Vec<&Shape> = user().filter(|s| s.kind == Kind::Structure).collect();
    for (shape, cycle) in loops(model, &nodes, &required_edges) {
        d.error(&shape.file, shape.id.to_string(), format!("required members form a loop, so no value could be built: {cycle}"));
    }
}

type Edges<'e> = &'e dyn Fn(&Shape) -> Vec<(String, ShapeId)>;

/// Every loop among `nodes` along `edges` (edges leaving `nodes` are ignored): for each strongly
/// connected component that holds a loop, its first shape and a shortest loop through it, rendered
/// as `` `a` → `b` → `a` `` with the edge labels.
fn loops<'m>(model: &'m Model, nodes: &[&'m Shape], edges: Edges<'_>) -> Vec<(&'m Shape, String)> {
    let index_of: BTreeMap<&ShapeId, usize> = nodes.iter().enumerate().map(|(i, s)| (&s.id, i)).collect();
    let succ: Vec<Vec<usize>> = nodes.iter().map(|s| edges(s).iter().filter_map(|(_, to)| index_of.get(to).copied()).collect()).collect();
    // Iterative Tarjan.
    const UNSEEN: usize = usize::MAX;
    let n = nodes.len();
    let (mut index, mut low, mut on_stack) = (vec![UNSEEN; n], vec![0; n], vec![false; n]);
    let (mut next, mut stack, mut components) = (0, Vec::new(), Vec::new());
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = calls.last_mut() {
            if let Some(&w) = succ[v].get(*i) {
                *i += 1;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || succ[v].contains(&v) {
                    components.push(component);
                }
            }
        }
    }
    let mut out = Vec::new();
    for component in components {
        let members: BTreeSet<&ShapeId> = component.iter().map(|&i| &nodes[i].id).collect();
        let Some(&first) = component.iter().min_by_key(|&&i| &nodes[i].id) else { continue };
        let start = nodes[first];
        if let Some(cycle) = shortest_loop(model, start, &members, edges) {
            out.push((start, cycle));
        }
    }
    out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    out
}

/// A shortest path from `start` back to itself along `edges`, staying inside `within`.
fn shortest_loop(model: &Model, start: &Shape, within: &BTreeSet<&ShapeId>, edges: Edges<'_>) -> Option<String> {
    let mut came_from: BTreeMap<ShapeId, (ShapeId, String)> = BTreeMap::new();
    let mut queue = VecDeque::from([start.id.clone()]);
    while let Some(id) = queue.pop_front() {
        let Some(shape) = model.shape(&id) else { continue };
        for (label, to) in edges(shape) {
            if !within.contains(&to) {
                continue;
            }
            if to == start.id {
                let mut steps = vec![label];
                let mut at = id.clone();
                while at != start.id {
                    let Some((prev, label)) = came_from.get(&at) else { break };
                    steps.push(label.clone());
                    at = prev.clone();
                }
                steps.reverse();
                steps.push(start.id.to_string());
                return Some(steps.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" → "));
            }
            if !came_from.contains_key(&to) {
                came_from.insert(to.clone(), (id.clone(), label));
                queue.push_back(to);
            }
        }
    }
    None
}
