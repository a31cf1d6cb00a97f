//! Semantic checks on the resolved model. Every problem is reported; nothing stops at the first.
//!
//! Mixin shapes are checked like any other shape (so an unused mixin is checked too); what a shape
//! inherits from a mixin unchanged is not checked again there, so each problem is reported once,
//! where it is written.
//!
//! The later stages rely on what passes here: every target exists and is not a mixin, members
//! target data shapes, lists have `member`, maps have `key` then `value`, and list/map recursion
//! passes through a structure or union.

use super::{Inherited, Kind, Member, Model, Shape, ShapeId, prelude, prelude_traits};
use crate::diag::Diagnostics;
use crate::load::json::Node;
use std::collections::{BTreeMap, BTreeSet};

mod graph;
mod http;

pub(super) fn validate(model: &Model, inherited: &Inherited, diags: &mut Diagnostics) {
    let defined_traits: BTreeSet<&ShapeId> = model.shapes.values().filter(|s| s.traits.has("trait")).map(|s| &s.id).collect();
    for shape in model.shapes.values().filter(|s| s.file != prelude::FILE) {
        let ctx = Ctx { model, file: &shape.file, defined_traits: &defined_traits, inherited, mixin: shape.traits.has("mixin") };
        ctx.shape(shape, diags);
    }
    graph::recursion(model, diags);
    graph::nesting(model, diags);
}

struct Ctx<'a> {
    model: &'a Model,
    file: &'a str,
    defined_traits: &'a BTreeSet<&'a ShapeId>,
    inherited: &'a Inherited,
    /// The shape being checked is a mixin (it may be incomplete: no members, no @http labels).
    mixin: bool,
}

impl Ctx<'_> {
    fn shape(&self, shape: &Shape, d: &mut Diagnostics) {
        let loc = shape.id.to_string();
        match &shape.kind {
            Kind::List => self.expect_members(shape, &["member"], d),
            Kind::Map => {
                self.expect_members(shape, &["key", "value"], d);
                if let Some(key) = shape.member("key").filter(|m| !self.is_inherited(&shape.id.with_member(&m.name)))
                    && let Some(t) = self.model.shape(&key.target)
                    && !t.kind.is_string_like()
                {
                    d.error(
                        self.file,
                        format!("{loc}$key"),
                        format!("map key must target a string shape, but `{}` is {}", t.id, t.kind.a()),
                    );
                }
            }
            Kind::Enum => self.enum_values(shape, d),
            Kind::IntEnum => self.int_enum_values(shape, d),
            Kind::Union if shape.members.is_empty() && !self.mixin => d.error(self.file, &loc, "a union must have at least one member"),
            Kind::Operation(op) => {
                for (what, id) in [("input", &op.input), ("output", &op.output)] {
                    if let Some(t) = self.exists(&loc, id, d)
                        && t.kind != Kind::Structure
                    {
                        d.error(self.file, &loc, format!("operation {what} `{id}` must be a structure, found {}", t.kind.a()));
                    }
                }
                self.errors_list(&loc, &op.errors, d);
                if !self.mixin {
                    self.http(shape, d);
                }
            }
            Kind::Service(svc) => {
                for id in &svc.operations {
                    self.expect_kind(&loc, id, "operation", d);
                }
                for id in &svc.resources {
                    self.expect_kind(&loc, id, "resource", d);
                }
                self.errors_list(&loc, &svc.errors, d);
            }
            Kind::Resource(r) => {
                for (_, id) in &r.lifecycle {
                    self.expect_kind(&loc, id, "operation", d);
                }
                for id in r.operations.iter().chain(&r.collection_operations) {
                    self.expect_kind(&loc, id, "operation", d);
                }
                for id in &r.resources {
                    self.expect_kind(&loc, id, "resource", d);
                }
                for id in r.identifiers.values().chain(r.properties.values()) {
                    self.exists(&loc, id, d);
                }
            }
            _ => {}
        }
        self.traits(&shape.id, shape, None, &shape.traits, d);
        for member in &shape.members {
            let mid = shape.id.with_member(&member.name);
            let mloc = mid.to_string();
            if self.is_inherited(&mid) {
                // Checked on the mixin; only the traits added here are new.
                if let Some(target) = self.model.shape(&member.target) {
                    self.traits(&mid, shape, Some((member, target)), &member.traits, d);
                }
                continue;
            }
            let Some(target) = self.exists(&mloc, &member.target, d) else { continue };
            let unit = member.target == ShapeId::prelude("Unit");
            match &shape.kind {
                Kind::Enum | Kind::IntEnum if !unit => d.error(self.file, &mloc, "enum members must target smithy.api#Unit"),
                Kind::Enum | Kind::IntEnum => {}
                _ if !target.kind.is_data() => d.error(
                    self.file,
                    &mloc,
                    format!("member targets `{}`, {}; members must target data shapes", target.id, target.kind.a()),
                ),
                Kind::Union => {}
                _ if unit => d.error(self.file, &mloc, "only union members may target smithy.api#Unit"),
                _ => {}
            }
            self.traits(&mid, shape, Some((member, target)), &member.traits, d);
        }
    }

    fn is_inherited(&self, member: &ShapeId) -> bool {
        self.inherited.members.contains(member)
    }

    /// The shape `id` names, or an error at `loc` when there is none (or it is a mixin).
    fn exists<'m>(&'m self, loc: &str, id: &ShapeId, d: &mut Diagnostics) -> Option<&'m Shape> {
        match self.model.shape(id) {
            None => {
                d.error(self.file, loc, format!("target `{id}` does not exist"));
                None
            }
            Some(s) if s.traits.has("mixin") => {
                d.error(self.file, loc, format!("target `{id}` is a mixin; mixins can only be used in `mixins`"));
                None
            }
            Some(s) => Some(s),
        }
    }

    fn expect_kind(&self, loc: &str, id: &ShapeId, kind: &str, d: &mut Diagnostics) {
        if let Some(t) = self.exists(loc, id, d)
            && t.kind.name() != kind
        {
            d.error(self.file, loc, format!("`{id}` must be {}, found {}", super::article(kind), t.kind.a()));
        }
    }

    fn errors_list(&self, loc: &str, errors: &[ShapeId], d: &mut Diagnostics) {
        for id in errors {
            if let Some(t) = self.exists(loc, id, d)
                && (t.kind != Kind::Structure || t.traits.error().is_none())
            {
                d.error(self.file, loc, format!("error `{id}` must be a structure with @error"));
            }
        }
    }

    fn expect_members(&self, shape: &Shape, names: &[&str], d: &mut Diagnostics) {
        for name in names {
            if shape.member(name).is_none() {
                d.error(self.file, shape.id.to_string(), format!("{} has no `{name}`", shape.kind.name()));
            }
        }
    }

    fn enum_values(&self, shape: &Shape, d: &mut Diagnostics) {
        let loc = shape.id.to_string();
        if shape.members.is_empty() && !self.mixin {
            d.error(self.file, &loc, "an enum must have at least one member");
        }
        let mut seen = BTreeMap::<String, &Member>::new();
        for m in &shape.members {
            let mid = shape.id.with_member(&m.name);
            let inherited = self.is_inherited(&mid);
            let value = match m.traits.api("enumValue") {
                None => m.name.clone(),
                Some(Node::String(v)) if !v.is_empty() => v.clone(),
                Some(other) => {
                    if !self.is_inherited_trait(&mid, "enumValue") {
                        match other {
                            Node::String(_) => d.error(self.file, mid.to_string(), "enum value must not be empty"),
                            _ => d.error(self.file, mid.to_string(), format!("enum value must be a string, found {}", other.kind())),
                        }
                    }
                    continue;
                }
            };
            if let Some(prev) = seen.insert(value.clone(), m) {
                // Two members copied from one mixin were already reported there.
                if !(inherited && self.is_inherited(&shape.id.with_member(&prev.name))) {
                    d.error(self.file, mid.to_string(), format!("duplicate enum value {value:?} (also used by `{}`)", prev.name));
                }
            }
        }
    }

    fn int_enum_values(&self, shape: &Shape, d: &mut Diagnostics) {
        let loc = shape.id.to_string();
        if shape.members.is_empty() && !self.mixin {
            d.error(self.file, &loc, "an intEnum must have at least one member");
        }
        let mut seen = BTreeMap::<i64, &Member>::new();
        for m in &shape.members {
            let mid = shape.id.with_member(&m.name);
            let report = !self.is_inherited_trait(&mid, "enumValue") && !self.is_inherited(&mid);
            match m.traits.api("enumValue").and_then(Node::as_number).and_then(|n| n.as_i64()) {
                Some(v) if i32::try_from(v).is_ok() => {
                    if let Some(prev) = seen.insert(v, m)
                        && !(self.is_inherited(&mid) && self.is_inherited(&shape.id.with_member(&prev.name)))
                    {
                        d.error(self.file, mid.to_string(), format!("duplicate intEnum value {v} (also used by `{}`)", prev.name));
                    }
                }
                Some(v) if report => d.error(self.file, mid.to_string(), format!("intEnum value {v} does not fit a 32-bit integer")),
                None if report => d.error(self.file, mid.to_string(), "intEnum member needs an integer @enumValue"),
                _ => {}
            }
        }
    }

    fn is_inherited_trait(&self, at: &ShapeId, name: &str) -> bool {
        self.inherited.traits.contains(&(at.clone(), ShapeId::prelude(name)))
    }

    /// Checks trait ids, value forms and where each trait may be applied. `at` is the shape or
    /// member id the traits belong to.
    fn traits(&self, at: &ShapeId, shape: &Shape, member: Option<(&Member, &Shape)>, traits: &super::Traits, d: &mut Diagnostics) {
        let loc = &at.to_string();
        // The shape the trait effectively applies to: the target for members.
        let subject = member.map(|(_, t)| t).unwrap_or(shape);
        let kind = &subject.kind;
        for (id, value) in &traits.0 {
            if self.inherited.traits.contains(&(at.clone(), id.clone())) {
                continue;
            }
            if !prelude::is_known_trait(id) && !self.defined_traits.contains(id) {
                d.warning(self.file, loc, format!("unknown trait `{id}` kept but not interpreted"));
                continue;
            }
            if id.namespace != "smithy.api" {
                continue;
            }
            let name = id.name.as_str();
            // The value against the trait's definition in the prelude; a value of the wrong form is
            // not looked at further.
            if let Some(definition) = prelude_traits::definition(name) {
                let mut malformed = false;
                for p in prelude_traits::check(value, definition) {
                    let text = format!("@{name}{} {}", p.path, p.message);
                    if p.unknown_property {
                        d.warning(self.file, loc, format!("{text}; ignored"));
                    } else {
                        malformed = true;
                        d.error(self.file, loc, text);
                    }
                }
                if malformed {
                    continue;
                }
            }
            let bad_target = |d: &mut Diagnostics, allowed: &str| {
                d.error(self.file, loc, format!("@{name} cannot be applied to {} (allowed: {allowed})", kind.a()))
            };
            match name {
                "length" => {
                    if !matches!(kind, Kind::String | Kind::Enum | Kind::Blob | Kind::List | Kind::Map) {
                        bad_target(d, "string, blob, list, map");
                    }
                    self.bounds(loc, name, value, true, d);
                }
                "range" => {
                    if !kind.is_number() {
                        bad_target(d, "number shapes");
                    } else {
                        self.range_fits(loc, kind, value, d);
                    }
                    self.bounds(loc, name, value, false, d);
                }
                // Whether the pattern compiles is for the plan to decide (with `codegen.toml`): a
                // model loads, and diffs, without a regex engine.
                "pattern" if !kind.is_string_like() => bad_target(d, "string"),
                "default" => self.default_value(loc, member.is_some(), subject, value, d),
                "uniqueItems" if *kind != Kind::List => bad_target(d, "list"),
                "sparse" if !matches!(kind, Kind::List | Kind::Map) => bad_target(d, "list, map"),
                "jsonName" if member.is_none() || !matches!(shape.kind, Kind::Structure | Kind::Union) => {
                    d.error(self.file, loc, "@jsonName can only be applied to structure and union members")
                }
                "required" | "clientOptional" | "httpLabel" | "httpQuery" | "httpHeader" | "httpPayload" | "idempotencyToken"
                | "httpPrefixHeaders" | "httpQueryParams" | "httpResponseCode"
                    if member.is_none() || !matches!(shape.kind, Kind::Structure) =>
                {
                    d.error(self.file, loc, format!("@{name} can only be applied to structure members"))
                }
                "timestampFormat" if *kind != Kind::Timestamp => bad_target(d, "timestamp"),
                "http" if !matches!(shape.kind, Kind::Operation(_)) => bad_target(d, "operation"),
                _ => {}
            }
        }
    }

    /// `@default`: the value must be one the target type can hold (`null` only on members).
    fn default_value(&self, loc: &str, on_member: bool, subject: &Shape, value: &Node, d: &mut Diagnostics) {
        let kind = &subject.kind;
        let ok = match (kind, value) {
            (_, Node::Null) => on_member,
            (Kind::Document, _) => true,
            (Kind::Boolean, Node::Bool(_)) => true,
            (Kind::String | Kind::Blob, Node::String(_)) => true,
            (Kind::Timestamp, Node::String(_) | Node::Number(_)) => true,
            (Kind::Float | Kind::Double | Kind::BigDecimal, Node::Number(_)) => true,
            (Kind::BigInteger, Node::Number(n)) => n.is_i64() || n.is_u64(),
            (Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::IntEnum, Node::Number(n)) => {
                let (lo, hi) = integer_limits(kind).unwrap_or((i64::MIN, i64::MAX));
                n.as_i64().is_some_and(|v| v >= lo && v <= hi)
            }
            (Kind::List, Node::Array(a)) => a.is_empty(),
            (Kind::Map, Node::Object(o)) => o.0.is_empty(),
            (Kind::Enum, Node::String(s)) => {
                let known = subject.members.iter().any(|m| m.traits.api_str("enumValue").unwrap_or(&m.name) == s);
                if !known {
                    d.error(self.file, loc, format!("@default {s:?} is not a value of the enum `{}`", subject.id));
                    return;
                }
                true
            }
            _ => false,
        };
        if !ok {
            let expected = match kind {
                _ if matches!(value, Node::Null) => "a value (null is only allowed on members)",
                Kind::Boolean => "a boolean",
                Kind::String | Kind::Blob | Kind::Enum => "a string",
                Kind::Timestamp => "a number or a string",
                Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::IntEnum | Kind::BigInteger => "an integer that fits the type",
                Kind::Float | Kind::Double | Kind::BigDecimal => "a number",
                Kind::List => "an empty array",
                Kind::Map => "an empty object",
                _ => {
                    d.error(self.file, loc, format!("@default cannot be applied to {}", kind.a()));
                    return;
                }
            };
            d.error(self.file, loc, format!("@default for {} must be {expected}, found {}", kind.a(), value_text(value)));
        }
    }

    /// `@length` and `@range` beyond their definition (which `prelude_traits` checked).
    fn bounds(&self, loc: &str, name: &str, value: &Node, integral: bool, d: &mut Diagnostics) {
        let Some(obj) = value.as_object() else { return };
        let mut nums = Vec::new();
        for key in ["min", "max"] {
            let n = obj.get(key).and_then(Node::as_number);
            if let Some(n) = n
                && integral
                && n.as_u64().is_none()
            {
                d.error(self.file, loc, format!("@{name} {key} must be a non-negative integer, found {n}"));
            }
            nums.push(n.map(|n| n.as_f64().unwrap_or(f64::NAN)));
        }
        if obj.get("min").is_none() && obj.get("max").is_none() {
            d.error(self.file, loc, format!("@{name} needs at least one of `min` and `max`"));
        }
        if let (Some(lo), Some(hi)) = (nums[0], nums[1])
            && lo > hi
        {
            d.error(self.file, loc, format!("@{name} min ({lo}) is greater than max ({hi})"));
        }
    }

    fn range_fits(&self, loc: &str, kind: &Kind, value: &Node, d: &mut Diagnostics) {
        let Some(obj) = value.as_object() else { return };
        for key in ["min", "max"] {
            let Some(n) = obj.get(key).and_then(Node::as_number) else { continue };
            if kind.is_integral() {
                if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() != 0.0) {
                    d.error(self.file, loc, format!("@range {key} {n} is not an integer, but the shape is {}", kind.a()));
                    continue;
                }
                if let Some((lo, hi)) = integer_limits(kind) {
                    let fits = match (n.as_i64(), n.as_u64()) {
                        (Some(v), _) => v >= lo && v <= hi,
                        (None, Some(_)) => false,
                        (None, None) => n.as_f64().is_some_and(|f| f >= lo as f64 && f <= hi as f64),
                    };
                    if !fits {
                        d.error(self.file, loc, format!("@range {key} {n} does not fit {}", kind.a()));
                    }
                }
            } else if *kind == Kind::Float && n.as_f64().is_some_and(|f| f.abs() > f32::MAX as f64) {
                d.error(self.file, loc, format!("@range {key} {n} does not fit a float"));
            }
        }
    }
}

/// A short rendering of a value for messages: literals as written, containers by kind.
fn value_text(value: &Node) -> String {
    match value {
        Node::Null => "null".into(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) => n.to_string(),
        Node::String(s) if s.chars().count() <= 40 => format!("{s:?}"),
        other => other.kind().to_string(),
    }
}

fn integer_limits(kind: &Kind) -> Option<(i64, i64)> {
    match kind {
        Kind::Byte => Some((i8::MIN.into(), i8::MAX.into())),
        Kind::Short => Some((i16::MIN.into(), i16::MAX.into())),
        Kind::Integer | Kind::IntEnum => Some((i32::MIN.into(), i32::MAX.into())),
        Kind::Long => Some((i64::MIN, i64::MAX)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Diagnostics;

    /// The errors (and warnings) of a one-file model whose shapes are given as JSON members.
    fn check(shapes: &str) -> Vec<String> {
        let mut diags = Diagnostics::default();
        let json = format!(r#"{{"smithy": "2.0", "shapes": {{ {shapes} }} }}"#);
        let file = crate::load::load_bytes("model.json", json.as_bytes(), &mut diags).expect("a JSON object");
        super::super::resolve(&[file], &mut diags);
        diags.sorted().items.iter().map(|d| format!("{}: {}", d.location, d.message)).collect()
    }

    #[test]
    fn recursion_through_a_structure_is_fine() {
        let errors = check(
            r#""a#Node": {"type": "structure", "members": {"children": {"target": "a#Nodes"}, "next": {"target": "a#Node"}}},
               "a#Nodes": {"type": "list", "member": {"target": "a#Node"}}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn each_list_loop_is_reported_once() {
        let errors = check(
            r#""a#A": {"type": "list", "member": {"target": "a#B"}},
               "a#B": {"type": "list", "member": {"target": "a#A"}},
               "a#C": {"type": "list", "member": {"target": "a#C"}},
               "a#D": {"type": "list", "member": {"target": "a#A"}}"#,
        );
        assert_eq!(
            errors,
            [
                "a#A: recursive list must pass through a structure or union: `a#A` → `a#B` → `a#A`",
                "a#C: recursive list must pass through a structure or union: `a#C` → `a#C`",
            ]
        );
    }

    #[test]
    fn optional_or_defaulted_members_end_a_required_loop() {
        let errors = check(
            r#""a#A": {"type": "structure", "members": {"b": {"target": "a#B", "traits": {"smithy.api#required": {}}}}},
               "a#B": {"type": "structure", "members": {"a": {"target": "a#A"}}}"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn default_values_must_fit_the_target() {
        let errors = check(
            r#""a#Color": {"type": "enum", "members": {"RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}}}},
               "a#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
               "a#Small": {"type": "byte", "traits": {"smithy.api#default": 1}},
               "a#S": {"type": "structure", "members": {
                 "ok1": {"target": "smithy.api#Boolean", "traits": {"smithy.api#default": false}},
                 "ok2": {"target": "a#Color", "traits": {"smithy.api#default": "red"}},
                 "ok3": {"target": "a#Names", "traits": {"smithy.api#default": []}},
                 "ok4": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#default": 0}},
                 "ok5": {"target": "smithy.api#Document", "traits": {"smithy.api#default": {"any": [1]}}},
                 "ok6": {"target": "smithy.api#PrimitiveInteger", "traits": {"smithy.api#default": null}},
                 "bad1": {"target": "a#Color", "traits": {"smithy.api#default": "blue"}},
                 "bad2": {"target": "a#Names", "traits": {"smithy.api#default": ["x"]}},
                 "bad3": {"target": "a#Small", "traits": {"smithy.api#default": 300}},
                 "bad4": {"target": "smithy.api#Double", "traits": {"smithy.api#default": "1.5"}},
                 "bad5": {"target": "a#Other", "traits": {"smithy.api#default": {}}}
               }},
               "a#Other": {"type": "structure", "members": {}}"#,
        );
        assert_eq!(
            errors,
            [
                "a#S$bad1: @default \"blue\" is not a value of the enum `a#Color`",
                "a#S$bad2: @default for a list must be an empty array, found an array",
                "a#S$bad3: @default for a byte must be an integer that fits the type, found 300",
                "a#S$bad4: @default for a double must be a number, found \"1.5\"",
                "a#S$bad5: @default cannot be applied to a structure",
            ]
        );
    }

    #[test]
    fn http_trait_details() {
        let errors = check(
            r#""a#Op": {"type": "operation", "input": {"target": "a#In"},
                 "traits": {"smithy.api#http": {"method": "GET", "uri": "/x/{id}/{id}/pre{fix}", "code": 42}}},
               "a#In": {"type": "structure", "members": {
                 "id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}},
                 "extra": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}
               }}"#,
        );
        assert_eq!(
            errors,
            [
                "a#In$extra: @httpLabel member `extra` does not appear in the @http uri of `a#Op`",
                "a#Op: @http code must be an integer from 100 to 999, found 42",
                "a#Op: @http uri \"/x/{id}/{id}/pre{fix}\" uses the label `{id}` twice",
                "a#Op: @http uri segment \"pre{fix}\" must be a whole `{label}`",
            ]
        );
    }

    #[test]
    fn traits_inherited_from_a_mixin_are_checked_there_only() {
        let errors = check(
            r#""a#Base": {"type": "string", "traits": {"smithy.api#mixin": {}, "smithy.api#length": {"min": 5, "max": 1}, "x.y#unknown": {}}},
               "a#One": {"type": "string", "mixins": [{"target": "a#Base"}]},
               "a#Two": {"type": "string", "mixins": [{"target": "a#Base"}], "traits": {"smithy.api#length": {"min": 3, "max": 2}}}"#,
        );
        assert_eq!(
            errors,
            [
                "a#Base: @length min (5) is greater than max (1)",
                "a#Two: @length min (3) is greater than max (2)",
                "a#Base: unknown trait `x.y#unknown` kept but not interpreted",
            ]
        );
    }
}
