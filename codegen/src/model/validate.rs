//! Semantic checks on the resolved model. Every problem is reported; nothing stops at the first.
//!
//! Mixin shapes are checked like any other shape (so an unused mixin is checked too); what a shape
//! inherits from a mixin unchanged is not checked again there, so each problem is reported once,
//! where it is written.
//!
//! The later stages rely on what passes here: every target exists and is not a mixin, members
//! target data shapes, lists have `member`, maps have `key` then `value`, and list/map recursion
//! passes through a structure or union.

use super::resolve::Inherited;
use super::{prelude, Kind, Member, Model, Shape, ShapeId};
use crate::diag::Diagnostics;
use crate::load::json::Node;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub(super) fn validate(model: &Model, inherited: &Inherited, diags: &mut Diagnostics) {
    let defined_traits: BTreeSet<&ShapeId> =
        model.shapes.values().filter(|s| s.traits.has("trait")).map(|s| &s.id).collect();
    for shape in model.shapes.values().filter(|s| s.file != prelude::FILE) {
        let ctx = Ctx {
            model,
            file: &shape.file,
            defined_traits: &defined_traits,
            inherited,
            mixin: shape.traits.has("mixin"),
        };
        ctx.shape(shape, diags);
    }
    recursion(model, diags);
    nesting(model, diags);
}

/// How deep lists and maps may nest directly (`list<map<string, list<...>>>`), counting the
/// outermost. Generated Rust types nest as deep; real models stay far below this.
pub const MAX_NESTING: usize = 32;

/// Lists and maps nested more than [`MAX_NESTING`] deep, reported at the shape where the limit is
/// first exceeded. Iterative, so a model made of a very long chain cannot exhaust the stack.
fn nesting(model: &Model, d: &mut Diagnostics) {
    let collection = |s: &&Shape| matches!(s.kind, Kind::List | Kind::Map);
    let children = |s: &Shape| -> Vec<&Shape> {
        s.members.iter().filter_map(|m| model.shape(&m.target)).filter(collection).collect()
    };
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
                if let Some(key) = shape.member("key").filter(|m| !self.is_inherited(&shape.id.with_member(&m.name))) {
                    if let Some(t) = self.model.shape(&key.target) {
                        if !t.kind.is_string_like() {
                            d.error(
                                self.file,
                                format!("{loc}$key"),
                                format!("map key must target a string shape, but `{}` is {}", t.id, t.kind.a()),
                            );
                        }
                    }
                }
            }
            Kind::Enum => self.enum_values(shape, d),
            Kind::IntEnum => self.int_enum_values(shape, d),
            Kind::Union if shape.members.is_empty() && !self.mixin => {
                d.error(self.file, &loc, "a union must have at least one member")
            }
            Kind::Operation(op) => {
                for (what, id) in [("input", &op.input), ("output", &op.output)] {
                    if let Some(t) = self.exists(&loc, id, d) {
                        if t.kind != Kind::Structure {
                            d.error(self.file, &loc, format!("operation {what} `{id}` must be a structure, found {}", t.kind.a()));
                        }
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
                Kind::Enum | Kind::IntEnum => {
                    if !unit {
                        d.error(self.file, &mloc, "enum members must target smithy.api#Unit");
                    }
                }
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
        if let Some(t) = self.exists(loc, id, d) {
            if t.kind.name() != kind {
                d.error(self.file, loc, format!("`{id}` must be {}, found {}", super::article(kind), t.kind.a()));
            }
        }
    }

    fn errors_list(&self, loc: &str, errors: &[ShapeId], d: &mut Diagnostics) {
        for id in errors {
            if let Some(t) = self.exists(loc, id, d) {
                if t.kind != Kind::Structure || t.traits.error().is_none() {
                    d.error(self.file, loc, format!("error `{id}` must be a structure with @error"));
                }
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
                    if let Some(prev) = seen.insert(v, m) {
                        if !(self.is_inherited(&mid) && self.is_inherited(&shape.id.with_member(&prev.name))) {
                            d.error(self.file, mid.to_string(), format!("duplicate intEnum value {v} (also used by `{}`)", prev.name));
                        }
                    }
                }
                Some(v) if report => {
                    d.error(self.file, mid.to_string(), format!("intEnum value {v} does not fit a 32-bit integer"))
                }
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
    fn traits(
        &self,
        at: &ShapeId,
        shape: &Shape,
        member: Option<(&Member, &Shape)>,
        traits: &super::Traits,
        d: &mut Diagnostics,
    ) {
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
            if prelude::ANNOTATION_TRAITS.contains(&name) && !matches!(value, Node::Object(_)) {
                d.error(self.file, loc, format!("@{name} must be an object (`{{}}`), found {}", value.kind()));
                continue;
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
                "pattern" => {
                    if !kind.is_string_like() {
                        bad_target(d, "string");
                    }
                    match value.as_str() {
                        Some(p) => {
                            if let Err(e) = crate::pattern::compile(p) {
                                d.error(self.file, loc, format!("@pattern {p:?} is not a valid ECMA-262 regular expression: {e}"));
                            }
                        }
                        None => d.error(self.file, loc, format!("@pattern must be a string, found {}", value.kind())),
                    }
                }
                "default" => self.default_value(loc, member.is_some(), subject, value, d),
                "uniqueItems" if *kind != Kind::List => bad_target(d, "list"),
                "sparse" if !matches!(kind, Kind::List | Kind::Map) => bad_target(d, "list, map"),
                "jsonName" if member.is_none() || !matches!(shape.kind, Kind::Structure | Kind::Union) => {
                    d.error(self.file, loc, "@jsonName can only be applied to structure and union members")
                }
                "required" | "clientOptional" | "httpLabel" | "httpQuery" | "httpHeader" | "httpPayload"
                | "idempotencyToken" | "httpPrefixHeaders" | "httpQueryParams" | "httpResponseCode"
                    if member.is_none() || !matches!(shape.kind, Kind::Structure) =>
                {
                    d.error(self.file, loc, format!("@{name} can only be applied to structure members"))
                }
                "error" if !matches!(value.as_str(), Some("client" | "server")) => {
                    d.error(self.file, loc, "@error must be \"client\" or \"server\"")
                }
                "documentation" | "jsonName" | "httpQuery" | "httpHeader" | "timestampFormat" | "title"
                    if value.as_str().is_none() =>
                {
                    d.error(self.file, loc, format!("@{name} must be a string, found {}", value.kind()))
                }
                "timestampFormat" => {
                    if !matches!(value.as_str(), Some("date-time" | "epoch-seconds" | "http-date")) {
                        d.error(self.file, loc, "@timestampFormat must be date-time, epoch-seconds or http-date");
                    }
                    if *kind != Kind::Timestamp {
                        bad_target(d, "timestamp");
                    }
                }
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
                Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::IntEnum | Kind::BigInteger => {
                    "an integer that fits the type"
                }
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

    fn bounds(&self, loc: &str, name: &str, value: &Node, integral: bool, d: &mut Diagnostics) {
        let Some(obj) = value.as_object() else {
            d.error(self.file, loc, format!("@{name} must be an object with `min` and/or `max`, found {}", value.kind()));
            return;
        };
        for key in obj.keys().filter(|k| !matches!(*k, "min" | "max")) {
            d.error(self.file, loc, format!("@{name} has an unknown property `{key}` (expected `min` and/or `max`)"));
        }
        let mut nums = Vec::new();
        for key in ["min", "max"] {
            match obj.get(key) {
                None => nums.push(None),
                Some(Node::Number(n)) => {
                    let v = n.as_f64().unwrap_or(f64::NAN);
                    if integral && n.as_u64().is_none() {
                        d.error(self.file, loc, format!("@{name} {key} must be a non-negative integer, found {n}"));
                    }
                    nums.push(Some(v));
                }
                Some(other) => {
                    d.error(self.file, loc, format!("@{name} {key} must be a number, found {}", other.kind()));
                    nums.push(None);
                }
            }
        }
        if obj.get("min").is_none() && obj.get("max").is_none() {
            d.error(self.file, loc, format!("@{name} needs at least one of `min` and `max`"));
        }
        if let (Some(lo), Some(hi)) = (nums[0], nums[1]) {
            if lo > hi {
                d.error(self.file, loc, format!("@{name} min ({lo}) is greater than max ({hi})"));
            }
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

    /// `@http`: URI starts with `/`, every label has an `@httpLabel` input member, at most one greedy label.
    fn http(&self, op_shape: &Shape, d: &mut Diagnostics) {
        let loc = op_shape.id.to_string();
        let Some(value) = op_shape.traits.api("http") else { return };
        let (Some(method), Some(uri)) =
            (value.get("method").and_then(Node::as_str), value.get("uri").and_then(Node::as_str))
        else {
            d.error(self.file, &loc, "@http needs string `method` and `uri`");
            return;
        };
        if method.is_empty() {
            d.error(self.file, &loc, "@http method must not be empty");
        }
        if let Some(code) = value.get("code") {
            if !code.as_number().and_then(|n| n.as_u64()).is_some_and(|c| (100..=999).contains(&c)) {
                d.error(self.file, &loc, format!("@http code must be an integer from 100 to 999, found {}", value_text(code)));
            }
        }
        if !uri.starts_with('/') {
            d.error(self.file, &loc, format!("@http uri {uri:?} must start with `/`"));
        }
        let path = uri.split('?').next().unwrap_or_default();
        let mut labels = Vec::new();
        let mut greedy = 0;
        for segment in path.split('/') {
            if let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                let name = match inner.strip_suffix('+') {
                    Some(n) => {
                        greedy += 1;
                        n
                    }
                    None => inner,
                };
                if labels.iter().any(|l| l == name) {
                    d.error(self.file, &loc, format!("@http uri {uri:?} uses the label `{{{name}}}` twice"));
                }
                labels.push(name.to_string());
            } else if segment.contains('{') || segment.contains('}') {
                d.error(self.file, &loc, format!("@http uri segment {segment:?} must be a whole `{{label}}`"));
            }
        }
        if greedy > 1 {
            d.error(self.file, &loc, format!("@http uri {uri:?} has {greedy} greedy labels; at most one is allowed"));
        }
        let input = op_shape.operation().and_then(|op| self.model.shape(&op.input));
        let members: Vec<&Member> = input.map(|s| s.members.iter().collect()).unwrap_or_default();
        for label in &labels {
            match members.iter().find(|m| &m.name == label) {
                Some(m) if m.traits.has("httpLabel") => {}
                Some(_) => d.error(
                    self.file,
                    &loc,
                    format!("@http uri label `{{{label}}}` names input member `{label}`, which lacks @httpLabel"),
                ),
                None => d.error(self.file, &loc, format!("@http uri label `{{{label}}}` has no matching @httpLabel input member")),
            }
        }
        if let Some(input) = input {
            for m in members.iter().filter(|m| m.traits.has("httpLabel")) {
                if !labels.contains(&m.name) {
                    d.error(
                        &input.file,
                        input.id.with_member(&m.name).to_string(),
                        format!("@httpLabel member `{}` does not appear in the @http uri of `{loc}`", m.name),
                    );
                }
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

/// Recursion the generated types could not express:
/// - a list or map that contains itself without a structure or union in between (an infinitely
///   nested type);
/// - structures that require each other in a loop (no value could ever be built).
///
/// Each loop is reported once, at its first shape id. Linear in the model size (Tarjan's strongly
/// connected components, without recursion so long chains cannot exhaust the stack).
fn recursion(model: &Model, d: &mut Diagnostics) {
    let user = || model.shapes.values().filter(|s| s.file != prelude::FILE && !s.traits.has("mixin"));
    // list/map → the list/map shapes its member, key or value targets.
    let collection = |s: &Shape| matches!(s.kind, Kind::List | Kind::Map);
    let collection_edges = |s: &Shape| -> Vec<(String, ShapeId)> {
        s.members
            .iter()
            .filter(|m| model.shape(&m.target).is_some_and(collection))
            .map(|m| (s.id.to_string(), m.target.clone()))
            .collect()
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
    let succ: Vec<Vec<usize>> = nodes
        .iter()
        .map(|s| edges(s).iter().filter_map(|(_, to)| index_of.get(to).copied()).collect())
        .collect();
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
            r#""a#Base": {"type": "string", "traits": {"smithy.api#mixin": {}, "smithy.api#pattern": "(", "x.y#unknown": {}}},
               "a#One": {"type": "string", "mixins": [{"target": "a#Base"}]},
               "a#Two": {"type": "string", "mixins": [{"target": "a#Base"}], "traits": {"smithy.api#pattern": ")"}}"#,
        );
        assert_eq!(
            errors,
            [
                "a#Base: @pattern \"(\" is not a valid ECMA-262 regular expression: Unbalanced parenthesis",
                "a#Two: @pattern \")\" is not a valid ECMA-262 regular expression: Unbalanced parenthesis",
                "a#Base: unknown trait `x.y#unknown` kept but not interpreted",
            ]
        );
    }
}
