//! Semantic checks on the resolved model. Every problem is reported; nothing stops at the first.

use super::{prelude, Kind, Member, Model, Shape, ShapeId};
use crate::diag::Diagnostics;
use crate::load::json::Node;
use std::collections::{BTreeMap, BTreeSet};

pub fn validate(model: &Model, diags: &mut Diagnostics) {
    let defined_traits: BTreeSet<&ShapeId> =
        model.shapes.values().filter(|s| s.traits.has("trait")).map(|s| &s.id).collect();
    for shape in model.shapes.values().filter(|s| s.file != prelude::FILE) {
        let ctx = Ctx { model, file: &shape.file, defined_traits: &defined_traits };
        ctx.shape(shape, diags);
    }
}

struct Ctx<'a> {
    model: &'a Model,
    file: &'a str,
    defined_traits: &'a BTreeSet<&'a ShapeId>,
}

impl Ctx<'_> {
    fn shape(&self, shape: &Shape, d: &mut Diagnostics) {
        let loc = shape.id.to_string();
        match &shape.kind {
            Kind::List => self.expect_members(shape, &["member"], d),
            Kind::Map => {
                self.expect_members(shape, &["key", "value"], d);
                if let Some(key) = shape.member("key") {
                    if let Some(t) = self.model.shape(&key.target) {
                        if !t.kind.is_string_like() {
                            d.error(self.file, format!("{loc}$key"), format!("map key must target a string shape, but `{}` is a {}", t.id, t.kind.name()));
                        }
                    }
                }
            }
            Kind::Enum => self.enum_values(shape, d),
            Kind::IntEnum => self.int_enum_values(shape, d),
            Kind::Union if shape.members.is_empty() => d.error(self.file, &loc, "a union must have at least one member"),
            Kind::Operation(op) => {
                for (what, id) in [("input", &op.input), ("output", &op.output)] {
                    if let Some(t) = self.exists(&loc, id, d) {
                        if t.kind != Kind::Structure {
                            d.error(self.file, &loc, format!("operation {what} `{id}` must be a structure, found a {}", t.kind.name()));
                        }
                    }
                }
                self.errors_list(&loc, &op.errors, d);
                self.http(shape, d);
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
        self.traits(&loc, shape, None, &shape.traits, d);
        for member in &shape.members {
            let mloc = format!("{loc}${}", member.name);
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
                    format!("member targets `{}`, a {}; members must target data shapes", target.id, target.kind.name()),
                ),
                Kind::Union => {}
                _ if unit => d.error(self.file, &mloc, "only union members may target smithy.api#Unit"),
                _ => {}
            }
            self.traits(&mloc, shape, Some((member, target)), &member.traits, d);
        }
    }

    fn exists<'m>(&'m self, loc: &str, id: &ShapeId, d: &mut Diagnostics) -> Option<&'m Shape> {
        let s = self.model.shape(id);
        if s.is_none() {
            d.error(self.file, loc, format!("target `{id}` does not exist"));
        }
        s
    }

    fn expect_kind(&self, loc: &str, id: &ShapeId, kind: &str, d: &mut Diagnostics) {
        if let Some(t) = self.exists(loc, id, d) {
            if t.kind.name() != kind {
                d.error(self.file, loc, format!("`{id}` must be a {kind}, found a {}", t.kind.name()));
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
                d.error(self.file, shape.id.to_string(), format!("missing `{name}` member definition"));
            }
        }
    }

    fn enum_values(&self, shape: &Shape, d: &mut Diagnostics) {
        let loc = shape.id.to_string();
        if shape.members.is_empty() {
            d.error(self.file, &loc, "an enum must have at least one member");
        }
        let mut seen = BTreeMap::<String, &str>::new();
        for m in &shape.members {
            let mloc = format!("{loc}${}", m.name);
            let value = match m.traits.api("enumValue") {
                None => m.name.clone(),
                Some(Node::String(v)) if v.is_empty() => {
                    d.error(self.file, &mloc, "enum value must not be empty");
                    continue;
                }
                Some(Node::String(v)) => v.clone(),
                Some(other) => {
                    d.error(self.file, &mloc, format!("enum value must be a string, found {}", other.kind()));
                    continue;
                }
            };
            if let Some(prev) = seen.insert(value.clone(), &m.name) {
                d.error(self.file, &mloc, format!("duplicate enum value {value:?} (also used by `{prev}`)"));
            }
        }
    }

    fn int_enum_values(&self, shape: &Shape, d: &mut Diagnostics) {
        let loc = shape.id.to_string();
        if shape.members.is_empty() {
            d.error(self.file, &loc, "an intEnum must have at least one member");
        }
        let mut seen = BTreeMap::<i64, &str>::new();
        for m in &shape.members {
            let mloc = format!("{loc}${}", m.name);
            match m.traits.api("enumValue").and_then(Node::as_number).and_then(|n| n.as_i64()) {
                Some(v) if i32::try_from(v).is_ok() => {
                    if let Some(prev) = seen.insert(v, &m.name) {
                        d.error(self.file, &mloc, format!("duplicate intEnum value {v} (also used by `{prev}`)"));
                    }
                }
                Some(v) => d.error(self.file, &mloc, format!("intEnum value {v} does not fit a 32-bit integer")),
                None => d.error(self.file, &mloc, "intEnum member needs an integer @enumValue"),
            }
        }
    }

    /// Checks trait ids, value forms and where each constraint trait may be applied.
    fn traits(
        &self,
        loc: &str,
        shape: &Shape,
        member: Option<(&Member, &Shape)>,
        traits: &super::Traits,
        d: &mut Diagnostics,
    ) {
        // The kind the trait effectively applies to: the target's kind for members.
        let kind = member.map(|(_, t)| &t.kind).unwrap_or(&shape.kind);
        for (id, value) in &traits.0 {
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
                d.error(self.file, loc, format!("@{name} cannot be applied to a {} (allowed: {allowed})", kind.name()))
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
                        None => d.error(self.file, loc, "@pattern must be a string"),
                    }
                }
                "uniqueItems" if *kind != Kind::List => bad_target(d, "list"),
                "sparse" if !matches!(kind, Kind::List | Kind::Map) => bad_target(d, "list, map"),
                "jsonName" if member.is_none() || !matches!(shape.kind, Kind::Structure | Kind::Union) => {
                    d.error(self.file, loc, "@jsonName can only be applied to structure and union members")
                }
                "required" | "clientOptional" | "httpLabel" | "httpQuery" | "httpHeader" | "httpPayload"
                | "idempotencyToken" | "httpPrefixHeaders" | "httpQueryParams"
                | "httpResponseCode"
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

    fn bounds(&self, loc: &str, name: &str, value: &Node, integral: bool, d: &mut Diagnostics) {
        let Some(obj) = value.as_object() else {
            d.error(self.file, loc, format!("@{name} must be an object with `min` and/or `max`, found {}", value.kind()));
            return;
        };
        let mut nums = Vec::new();
        for key in ["min", "max"] {
            match obj.get(key) {
                None => nums.push(None),
                Some(Node::Number(n)) => {
                    let v = n.as_f64().unwrap_or(f64::NAN);
                    if integral && (n.as_u64().is_none()) {
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
        if nums.iter().all(Option::is_none) && obj.get("min").is_none() && obj.get("max").is_none() {
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
        let limits: Option<(i64, i64)> = match kind {
            Kind::Byte => Some((i8::MIN.into(), i8::MAX.into())),
            Kind::Short => Some((i16::MIN.into(), i16::MAX.into())),
            Kind::Integer | Kind::IntEnum => Some((i32::MIN.into(), i32::MAX.into())),
            Kind::Long => Some((i64::MIN, i64::MAX)),
            _ => None,
        };
        for key in ["min", "max"] {
            let Some(n) = obj.get(key).and_then(Node::as_number) else { continue };
            if kind.is_integral() {
                if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() != 0.0) {
                    d.error(self.file, loc, format!("@range {key} {n} is not an integer, but the shape is a {}", kind.name()));
                    continue;
                }
                if let Some((lo, hi)) = limits {
                    let fits = match (n.as_i64(), n.as_u64()) {
                        (Some(v), _) => v >= lo && v <= hi,
                        (None, Some(_)) => false,
                        (None, None) => n.as_f64().is_some_and(|f| f >= lo as f64 && f <= hi as f64),
                    };
                    if !fits {
                        d.error(self.file, loc, format!("@range {key} {n} does not fit a {}", kind.name()));
                    }
                }
            } else if *kind == Kind::Float {
                if n.as_f64().is_some_and(|f| f.abs() > f32::MAX as f64) {
                    d.error(self.file, loc, format!("@range {key} {n} does not fit a float"));
                }
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
                Some(_) => d.error(self.file, &loc, format!("@http uri label `{{{label}}}` names input member `{label}`, which lacks @httpLabel")),
                None => d.error(self.file, &loc, format!("@http uri label `{{{label}}}` has no matching @httpLabel input member")),
            }
        }
        for m in members.iter().filter(|m| m.traits.has("httpLabel")) {
            if !labels.contains(&m.name) {
                d.error(self.file, format!("{}${}", input.map(|s| s.id.to_string()).unwrap_or_default(), m.name), format!("@httpLabel member `{}` does not appear in the @http uri of `{loc}`", m.name));
            }
        }
        let _ = method;
    }
}
