//! Which operations reach a shape, on which side (request, response, error), and through which
//! member path, so findings can be grouped like a changelog.

use super::finding::{Direction, Use};
use crate::model::{Kind, Model, Shape, ShapeId};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One operation of one service.
#[derive(Clone, Debug)]
pub struct Op {
    pub service: ShapeId,
    pub id: ShapeId,
    /// Roots per side: the input structure, the output structure, the error structures.
    pub roots: Vec<(Direction, ShapeId)>,
}

/// Operation membership of every shape of one model.
pub struct Reach<'m> {
    model: &'m Model,
    pub ops: Vec<Op>,
    /// Root shape id → (operation index, side).
    by_shape: BTreeMap<&'m ShapeId, BTreeSet<(usize, Direction)>>,
}

/// The operations of a service, including those bound through resources, in id order.
pub fn operations_of(model: &Model, service: &Shape) -> Vec<ShapeId> {
    crate::transform::operations_of(model, &service.id)
}

impl<'m> Reach<'m> {
    pub fn new(model: &'m Model) -> Reach<'m> {
        let unit = ShapeId::prelude("Unit");
        let mut ops = Vec::new();
        for service in model.services() {
            for op_id in operations_of(model, service) {
                let Some(op) = model.shape(&op_id).and_then(Shape::operation) else { continue };
                let mut roots = Vec::new();
                if op.input != unit {
                    roots.push((Direction::Request, op.input.clone()));
                }
                if op.output != unit {
                    roots.push((Direction::Response, op.output.clone()));
                }
                let service_errors = service.service().map(|s| s.errors.clone()).unwrap_or_default();
                for e in op.errors.iter().chain(&service_errors) {
                    roots.push((Direction::Error, e.clone()));
                }
                ops.push(Op { service: service.id.clone(), id: op_id, roots });
            }
        }
        let mut by_shape: BTreeMap<&ShapeId, BTreeSet<(usize, Direction)>> = BTreeMap::new();
        for (i, op) in ops.iter().enumerate() {
            if let Some(id) = model.shapes.get_key_value(&op.id).map(|(k, _)| k) {
                by_shape.entry(id).or_default().insert((i, Direction::Operation));
            }
            for (dir, root) in &op.roots {
                let mut seen: BTreeSet<&ShapeId> = BTreeSet::new();
                let mut stack: Vec<&ShapeId> = model.shapes.get_key_value(root).map(|(k, _)| k).into_iter().collect();
                while let Some(id) = stack.pop() {
                    if !seen.insert(id) {
                        continue;
                    }
                    by_shape.entry(id).or_default().insert((i, *dir));
                    if let Some(shape) = model.shape(id) {
                        for m in &shape.members {
                            if let Some((k, _)) = model.shapes.get_key_value(&m.target) {
                                stack.push(k);
                            }
                        }
                    }
                }
            }
        }
        Reach { model, ops, by_shape }
    }

    /// The uses of a shape (member ids count as their container), with member paths.
    pub fn uses(&self, id: &ShapeId) -> Vec<Use> {
        let root = id.root();
        let Some(set) = self.by_shape.get(&root) else { return Vec::new() };
        set.iter()
            .map(|(i, dir)| {
                let op = &self.ops[*i];
                Use {
                    service: op.service.name.clone(),
                    operation: op.id.name.clone(),
                    direction: *dir,
                    path: if *dir == Direction::Operation { String::new() } else { self.path(op, *dir, &root) },
                }
            })
            .collect()
    }

    /// The sides the shape is used on (no paths: cheap).
    pub fn directions(&self, id: &ShapeId) -> impl Iterator<Item = Direction> + '_ {
        self.by_shape.get(&id.root()).into_iter().flat_map(|s| s.iter().map(|(_, d)| *d))
    }

    /// Number of operations that reach the shape on any side.
    pub fn operation_count(&self, id: &ShapeId) -> usize {
        self.by_shape.get(&id.root()).map(|s| s.iter().map(|(i, _)| i).collect::<BTreeSet<_>>().len()).unwrap_or(0)
    }

    /// Shortest member path from the operation's roots on one side to the shape (`Segments[].Transcript`).
    fn path(&self, op: &Op, dir: Direction, goal: &ShapeId) -> String {
        let mut queue: VecDeque<(&ShapeId, String)> = VecDeque::new();
        let mut seen: BTreeSet<&ShapeId> = BTreeSet::new();
        for (d, root) in &op.roots {
            if *d == dir {
                let label = if dir == Direction::Error { root.name.clone() } else { String::new() };
                queue.push_back((root, label));
            }
        }
        while let Some((id, path)) = queue.pop_front() {
            if id == goal {
                return path;
            }
            if !seen.insert(id) {
                continue;
            }
            let Some(shape) = self.model.shape(id) else { continue };
            for m in &shape.members {
                let step = match shape.kind {
                    Kind::List => format!("{path}[]"),
                    Kind::Map if m.name == "key" => format!("{path}{{key}}"),
                    Kind::Map => format!("{path}{{}}"),
                    _ if path.is_empty() => m.name.clone(),
                    _ => format!("{path}.{}", m.name),
                };
                queue.push_back((&m.target, step));
            }
        }
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::test_model as load;

    #[test]
    fn paths_follow_members_lists_and_maps() {
        let model = load(
            r#"{"smithy":"2.0","shapes":{
            "a#S":{"type":"service","version":"1","operations":[{"target":"a#Op"}]},
            "a#Op":{"type":"operation","input":{"target":"a#In"},"output":{"target":"a#Out"}},
            "a#In":{"type":"structure","members":{"Kind":{"target":"a#E"}}},
            "a#Out":{"type":"structure","members":{"Items":{"target":"a#L"}}},
            "a#L":{"type":"list","member":{"target":"a#Item"}},
            "a#Item":{"type":"structure","members":{"Tags":{"target":"a#M"}}},
            "a#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"a#E"}},
            "a#E":{"type":"enum","members":{"X":{"target":"smithy.api#Unit"}}}}}"#,
        );
        let reach = Reach::new(&model);
        let uses = reach.uses(&ShapeId::new("a", "E"));
        let got: Vec<_> = uses.iter().map(|u| (u.operation.as_str(), u.direction, u.path.as_str())).collect();
        assert_eq!(got, vec![("Op", Direction::Request, "Kind"), ("Op", Direction::Response, "Items[].Tags{}")]);
        assert_eq!(reach.operation_count(&ShapeId::new("a", "Item").with_member("Tags")), 1);
        assert!(reach.uses(&ShapeId::new("a", "Nothing")).is_empty());
    }
}
