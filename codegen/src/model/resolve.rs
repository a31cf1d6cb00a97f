//! Resolve: raw files → one `Model`. Parses ids, merges files and the prelude, flattens mixins and
//! applies `apply`; the semantic checks (`validate`) run on its result, in `model::resolve`.

use super::{Inherited, Kind, Member, Model, Operation, Resource, Service, Shape, ShapeId, Traits, prelude};
use crate::diag::Diagnostics;
use crate::load::json::{Node, Object};
use crate::load::{RawFile, RawShape};
use std::collections::{BTreeMap, BTreeSet};

/// Builds the model from loaded files, mixin shapes still in it, and what mixins gave each shape;
/// errors are pushed to `diags` (the model is still returned so later checks can report more).
pub(super) fn build(files: &[RawFile], diags: &mut Diagnostics) -> (Model, Inherited) {
    let mut model = Model::default();
    for shape in prelude::shapes() {
        model.shapes.insert(shape.id.clone(), shape);
    }
    merge_metadata(files, &mut model, diags);

    let mut applies: Vec<(&str, ShapeId, &RawShape)> = Vec::new();
    let mut mixin_refs: BTreeMap<ShapeId, Vec<ShapeId>> = BTreeMap::new();
    let mut folded: BTreeMap<String, ShapeId> = model.shapes.keys().map(|id| (id.folded(), id.clone())).collect();

    for file in files {
        let f = file.path.as_str();
        for raw in &file.shapes {
            let id = match ShapeId::parse(&raw.id) {
                Ok(id) => id,
                Err(e) => {
                    diags.error(f, crate::load::shape_path(&raw.id), e);
                    continue;
                }
            };
            if raw.type_name == "apply" {
                applies.push((f, id, raw));
                continue;
            }
            if id.member.is_some() {
                diags.error(f, &raw.id, "a shape definition cannot use a member id (only `apply` may target members)");
                continue;
            }
            if let Some(existing) = model.shapes.get(&id) {
                diags.error(f, &raw.id, format!("shape is defined twice (also in {})", existing.file));
                continue;
            }
            if let Some(other) = folded.get(&id.folded()) {
                diags.error(f, &raw.id, format!("shape id conflicts with `{other}` when case is ignored"));
                continue;
            }
            let Some(shape) = build_shape(f, id.clone(), raw, diags) else { continue };
            let mixins: Vec<ShapeId> = raw.mixins.iter().filter_map(|m| target(f, &raw.id, "mixin", m, diags)).collect();
            if !mixins.is_empty() {
                mixin_refs.insert(id.clone(), mixins);
            }
            folded.insert(id.folded(), id.clone());
            model.shapes.insert(id, shape);
        }
    }

    // `apply` to a mixin (or its members) comes first so the shapes using the mixin inherit the
    // traits; `apply` to anything else comes after flattening, so it can reach inherited members.
    let is_mixin = |model: &Model, id: &ShapeId| model.shapes.get(&id.root()).is_some_and(|s| s.traits.has("mixin"));
    let (early, late): (Vec<_>, Vec<_>) = applies.into_iter().partition(|(_, id, _)| is_mixin(&model, id));
    for (f, id, raw) in early {
        apply_traits(&mut model, f, &id, raw, diags);
    }
    let inherited = flatten_mixins(&mut model, &mixin_refs, diags);
    for (f, id, raw) in late {
        apply_traits(&mut model, f, &id, raw, diags);
    }
    // Maps keep `key` before `value` whatever order mixins supplied them in.
    for shape in model.shapes.values_mut().filter(|s| s.kind == Kind::Map) {
        shape.members.sort_by_key(|m| m.name != "key");
    }
    (model, inherited)
}

fn merge_metadata(files: &[RawFile], model: &mut Model, diags: &mut Diagnostics) {
    for file in files {
        for (key, value) in &file.metadata {
            match model.metadata.get_mut(key) {
                None => {
                    model.metadata.insert(key.clone(), value.clone());
                }
                Some(Node::Array(existing)) if matches!(value, Node::Array(_)) => {
                    existing.extend(value.as_array().unwrap_or_default().iter().cloned());
                }
                Some(existing) if existing == value => {}
                Some(_) => diags.error(&file.path, format!("/metadata/{key}"), "metadata key conflicts with another file"),
            }
        }
    }
}

fn parse_traits(file: &str, location: &str, raw: &[(String, Node)], diags: &mut Diagnostics) -> Traits {
    let mut traits = Traits::default();
    for (key, value) in raw {
        match ShapeId::parse(key) {
            Ok(id) if id.member.is_none() => traits.insert(id, value.clone()),
            Ok(_) => diags.error(file, location, format!("trait id `{key}` names a member")),
            Err(_) => diags.error(file, location, format!("trait id `{key}` is not absolute (expected `namespace#name`)")),
        }
    }
    traits
}

fn target(file: &str, location: &str, what: &str, text: &str, diags: &mut Diagnostics) -> Option<ShapeId> {
    match ShapeId::parse(text) {
        Ok(id) if id.member.is_none() => Some(id),
        Ok(_) => {
            diags.error(file, location, format!("{what} `{text}` is a member id; it must name a shape"));
            None
        }
        Err(e) => {
            diags.error(file, location, format!("{what}: {e}"));
            None
        }
    }
}

fn build_shape(file: &str, id: ShapeId, raw: &RawShape, diags: &mut Diagnostics) -> Option<Shape> {
    let loc = id.to_string();
    let traits = parse_traits(file, &loc, &raw.traits, diags);
    let mut members = Vec::new();
    let mut seen = BTreeMap::<String, String>::new();
    for m in &raw.members {
        let mloc = format!("{loc}${}", m.name);
        if !super::shape_id::is_identifier(&m.name) {
            diags.error(file, &mloc, "member name is not a valid identifier");
            continue;
        }
        if let Some(prev) = seen.insert(m.name.to_ascii_lowercase(), m.name.clone()) {
            diags.error(file, &mloc, format!("member name conflicts with `{prev}` when case is ignored"));
            continue;
        }
        let Some(t) = target(file, &mloc, "member target", &m.target, diags) else { continue };
        members.push(Member { name: m.name.clone(), target: t, traits: parse_traits(file, &mloc, &m.traits, diags) });
    }
    let ids = |key: &str, diags: &mut Diagnostics| -> Vec<ShapeId> {
        let mut out = Vec::new();
        match raw.body.get(key) {
            None => {}
            Some(Node::Array(items)) => {
                for item in items {
                    match item.get("target").and_then(Node::as_str) {
                        Some(t) => out.extend(target(file, &loc, &format!("`{key}` reference"), t, diags)),
                        None => diags.error(file, &loc, format!("`{key}` entries must be objects with a string `target`")),
                    }
                }
            }
            Some(other) => diags.error(file, &loc, format!("`{key}` must be an array, found {}", other.kind())),
        }
        out
    };
    let reference = |key: &str, diags: &mut Diagnostics| -> Option<ShapeId> {
        match raw.body.get(key)? {
            Node::Object(o) => match o.get("target").and_then(Node::as_str) {
                Some(t) => target(file, &loc, &format!("`{key}`"), t, diags),
                None => {
                    diags.error(file, &loc, format!("`{key}` must be an object with a string `target`"));
                    None
                }
            },
            other => {
                diags.error(file, &loc, format!("`{key}` must be an object, found {}", other.kind()));
                None
            }
        }
    };
    let kind = match raw.type_name.as_str() {
        "blob" => Kind::Blob,
        "boolean" => Kind::Boolean,
        "string" => Kind::String,
        "byte" => Kind::Byte,
        "short" => Kind::Short,
        "integer" => Kind::Integer,
        "long" => Kind::Long,
        "float" => Kind::Float,
        "double" => Kind::Double,
        "bigInteger" => Kind::BigInteger,
        "bigDecimal" => Kind::BigDecimal,
        "timestamp" => Kind::Timestamp,
        "document" => Kind::Document,
        "enum" => Kind::Enum,
        "intEnum" => Kind::IntEnum,
        "list" => Kind::List,
        "map" => Kind::Map,
        "structure" => Kind::Structure,
        "union" => Kind::Union,
        "service" => {
            let version = match raw.body.get("version") {
                None => String::new(),
                Some(Node::String(v)) => v.clone(),
                Some(other) => {
                    diags.error(file, &loc, format!("`version` must be a string, found {}", other.kind()));
                    String::new()
                }
            };
            let mut rename = BTreeMap::new();
            if let Some(node) = raw.body.get("rename") {
                match node.as_object() {
                    Some(o) => {
                        for (k, v) in o.iter() {
                            match (ShapeId::parse(k), v.as_str()) {
                                (Ok(id), Some(name)) => {
                                    rename.insert(id, name.to_string());
                                }
                                _ => diags.error(file, &loc, format!("bad `rename` entry `{k}`")),
                            }
                        }
                    }
                    None => diags.error(file, &loc, "`rename` must be an object"),
                }
            }
            Kind::Service(Service {
                version,
                operations: ids("operations", diags),
                resources: ids("resources", diags),
                errors: ids("errors", diags),
                rename,
            })
        }
        "operation" => Kind::Operation(Operation {
            input: reference("input", diags).unwrap_or_else(|| ShapeId::prelude("Unit")),
            output: reference("output", diags).unwrap_or_else(|| ShapeId::prelude("Unit")),
            errors: ids("errors", diags),
        }),
        "resource" => {
            let mut r = Resource::default();
            for (key, map) in [("identifiers", &mut r.identifiers), ("properties", &mut r.properties)] {
                if let Some(node) = raw.body.get(key) {
                    let empty = Object::default();
                    let obj = node.as_object().unwrap_or_else(|| {
                        diags.error(file, &loc, format!("`{key}` must be an object"));
                        &empty
                    });
                    for (name, v) in obj.iter() {
                        if let Some(t) = v.get("target").and_then(Node::as_str) {
                            if let Some(t) = target(file, &loc, &format!("`{key}` entry"), t, diags) {
                                map.insert(name.clone(), t);
                            }
                        } else {
                            diags.error(file, &loc, format!("`{key}.{name}` must be an object with a string `target`"));
                        }
                    }
                }
            }
            for key in ["create", "put", "read", "update", "delete", "list"] {
                if let Some(t) = reference(key, diags) {
                    r.lifecycle.push((key.to_string(), t));
                }
            }
            r.operations = ids("operations", diags);
            r.collection_operations = ids("collectionOperations", diags);
            r.resources = ids("resources", diags);
            Kind::Resource(r)
        }
        other => unreachable!("shape type {other} was checked by the loader"),
    };
    Some(Shape { id, kind, traits, members, file: file.to_string() })
}

/// Copies mixin members and traits into the shapes that use them, mixins first (in dependency order).
fn flatten_mixins(model: &mut Model, refs: &BTreeMap<ShapeId, Vec<ShapeId>>, diags: &mut Diagnostics) -> Inherited {
    struct Walk<'r> {
        refs: &'r BTreeMap<ShapeId, Vec<ShapeId>>,
        done: BTreeSet<ShapeId>,
        /// The shapes being flattened, outermost first, to name the whole loop of a cycle.
        stack: Vec<ShapeId>,
        inherited: Inherited,
    }
    fn visit(id: &ShapeId, model: &mut Model, w: &mut Walk<'_>, diags: &mut Diagnostics) {
        if w.done.contains(id) {
            return;
        }
        if let Some(pos) = w.stack.iter().position(|s| s == id) {
            let cycle: Vec<String> = w.stack[pos..].iter().chain([id]).map(|s| format!("`{s}`")).collect();
            let file = model.shapes.get(id).map(|s| s.file.clone()).unwrap_or_default();
            diags.error(&file, id.to_string(), format!("mixin cycle: {}", cycle.join(" → ")));
            return;
        }
        let (Some(mixins), Some(shape)) = (w.refs.get(id), model.shapes.get(id)) else {
            w.done.insert(id.clone());
            return;
        };
        let file = shape.file.clone();
        let kind = shape.kind.name();
        w.stack.push(id.clone());
        let mut inherited_members: Vec<Member> = Vec::new();
        let mut inherited_traits = Traits::default();
        for m in mixins {
            visit(m, model, w, diags);
            let Some(mixin) = model.shapes.get(m) else {
                diags.error(&file, id.to_string(), format!("mixin `{m}` does not exist"));
                continue;
            };
            if !mixin.traits.has("mixin") {
                diags.error(&file, id.to_string(), format!("`{m}` is used as a mixin but is not marked @mixin"));
                continue;
            }
            if mixin.kind.name() != kind {
                diags.error(&file, id.to_string(), format!("mixin `{m}` is {} but this shape is {}", mixin.kind.a(), super::article(kind)));
                continue;
            }
            let local = local_traits(mixin);
            for (k, v) in &mixin.traits.0 {
                if k != &ShapeId::prelude("mixin") && !local.contains(k) {
                    inherited_traits.insert(k.clone(), v.clone());
                }
            }
            for member in &mixin.members {
                // A member reached through two mixins (a diamond) keeps its first position.
                match inherited_members.iter_mut().find(|x| x.name == member.name) {
                    Some(existing) => *existing = member.clone(),
                    None => inherited_members.push(member.clone()),
                }
            }
        }
        w.stack.pop();
        let Some(shape) = model.shapes.get_mut(id) else { return };
        // Local definitions win: a redefined member keeps the inherited traits it does not override.
        let mut members = Vec::new();
        for mut inherited in inherited_members {
            let mid = id.with_member(&inherited.name);
            let local = shape.members.iter().position(|m| m.name == inherited.name).map(|pos| shape.members.remove(pos));
            let overridden: BTreeSet<ShapeId> = local.as_ref().map(|l| l.traits.0.keys().cloned().collect()).unwrap_or_default();
            for k in inherited.traits.0.keys().filter(|k| !overridden.contains(*k)) {
                w.inherited.traits.insert((mid.clone(), k.clone()));
            }
            match local {
                Some(local) => {
                    if local.target != inherited.target {
                        diags.error(
                            &file,
                            mid.to_string(),
                            format!("member redefines the target of a mixin member (`{}` instead of `{}`)", local.target, inherited.target),
                        );
                    }
                    inherited.traits.0.extend(local.traits.0);
                }
                None => {
                    w.inherited.members.insert(mid);
                }
            }
            members.push(inherited);
        }
        members.append(&mut shape.members);
        shape.members = members;
        for (k, v) in inherited_traits.0 {
            if let std::collections::btree_map::Entry::Vacant(slot) = shape.traits.0.entry(k) {
                w.inherited.traits.insert((id.clone(), slot.key().clone()));
                slot.insert(v);
            }
        }
        w.done.insert(id.clone());
    }
    let mut w = Walk { refs, done: BTreeSet::new(), stack: Vec::new(), inherited: Inherited::default() };
    for id in refs.keys() {
        visit(id, model, &mut w, diags);
    }
    w.inherited
}

fn local_traits(mixin: &Shape) -> BTreeSet<ShapeId> {
    let mut out = BTreeSet::new();
    if let Some(list) = mixin.traits.api("mixin").and_then(|m| m.get("localTraits")).and_then(Node::as_array) {
        for t in list {
            if let Some(id) = t.as_str().and_then(|s| ShapeId::parse(s).ok()) {
                out.insert(id);
            }
        }
    }
    out
}

fn apply_traits(model: &mut Model, file: &str, id: &ShapeId, raw: &RawShape, diags: &mut Diagnostics) {
    let loc = id.to_string();
    let traits = parse_traits(file, &loc, &raw.traits, diags);
    let Some(shape) = model.shapes.get_mut(&id.root()) else {
        diags.error(file, &loc, "`apply` targets a shape that does not exist");
        return;
    };
    let target = match &id.member {
        None => &mut shape.traits,
        Some(name) => match shape.members.iter_mut().find(|m| &m.name == name) {
            Some(m) => &mut m.traits,
            None => {
                diags.error(file, &loc, "`apply` targets a member that does not exist");
                return;
            }
        },
    };
    for (k, v) in traits.0 {
        match target.0.get_mut(&k) {
            Some(Node::Array(existing)) if matches!(v, Node::Array(_)) => existing.extend(v.as_array().unwrap_or_default().iter().cloned()),
            Some(existing) if *existing != v => {
                diags.error(file, &loc, format!("`apply` gives trait `{k}` a value that conflicts with the existing one"))
            }
            _ => {
                target.0.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_text(json: &str) -> (Model, Diagnostics) {
        let mut diags = Diagnostics::default();
        let file = crate::load::load_bytes("model.json", json.as_bytes(), &mut diags).expect("a JSON object");
        let model = crate::model::resolve(&[file], &mut diags);
        (model, diags.sorted())
    }

    fn messages(diags: &Diagnostics) -> Vec<String> {
        diags.items.iter().map(|d| format!("{}: {}", d.location, d.message)).collect()
    }

    #[test]
    fn diamond_mixins_give_each_member_once() {
        let (model, diags) = resolve_text(
            r#"{"smithy": "2.0", "shapes": {
              "a#Base": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}},
              "a#Left": {"type": "structure", "mixins": [{"target": "a#Base"}], "members": {"l": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}},
              "a#Right": {"type": "structure", "mixins": [{"target": "a#Base"}], "members": {"r": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}},
              "a#Both": {"type": "structure", "mixins": [{"target": "a#Left"}, {"target": "a#Right"}], "members": {"own": {"target": "smithy.api#String"}}}
            }}"#,
        );
        assert!(diags.items.is_empty(), "{:?}", messages(&diags));
        let both = model.shape(&ShapeId::parse("a#Both").unwrap()).unwrap();
        let names: Vec<&str> = both.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["id", "l", "r", "own"]);
    }

    #[test]
    fn apply_to_a_mixin_member_reaches_every_user() {
        let (model, diags) = resolve_text(
            r#"{"smithy": "2.0", "shapes": {
              "a#Base": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}}, "traits": {"smithy.api#mixin": {}}},
              "a#User": {"type": "structure", "mixins": [{"target": "a#Base"}], "members": {}},
              "a#Base$id": {"type": "apply", "traits": {"smithy.api#required": {}}}
            }}"#,
        );
        assert!(diags.items.is_empty(), "{:?}", messages(&diags));
        let user = model.shape(&ShapeId::parse("a#User").unwrap()).unwrap();
        assert!(user.member("id").unwrap().traits.has("required"));
    }

    #[test]
    fn map_members_are_key_then_value() {
        let (model, diags) = resolve_text(
            r#"{"smithy": "2.0", "shapes": {
              "a#Base": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}, "traits": {"smithy.api#mixin": {}}},
              "a#Tags": {"type": "map", "mixins": [{"target": "a#Base"}], "value": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "v"}}}
            }}"#,
        );
        assert!(diags.items.is_empty(), "{:?}", messages(&diags));
        let tags = model.shape(&ShapeId::parse("a#Tags").unwrap()).unwrap();
        let names: Vec<&str> = tags.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["key", "value"]);
        assert_eq!(tags.members[1].traits.documentation(), Some("v"));
    }

    #[test]
    fn mixin_references_are_checked() {
        let (_, diags) = resolve_text(
            r#"{"smithy": "2.0", "shapes": {
              "a#S": {"type": "structure", "mixins": [{"target": "a#Nope"}, {"target": "a#S$x"}, {"target": "Relative"}], "members": {}},
              "a#Self": {"type": "structure", "mixins": [{"target": "a#Self"}], "members": {}, "traits": {"smithy.api#mixin": {}}}
            }}"#,
        );
        assert_eq!(
            messages(&diags),
            [
                "a#S: mixin `a#Nope` does not exist",
                "a#S: mixin `a#S$x` is a member id; it must name a shape",
                "a#S: mixin: shape id \"Relative\" is not absolute (expected `namespace#Name`)",
                "a#Self: mixin cycle: `a#Self` → `a#Self`",
            ]
        );
    }
}
