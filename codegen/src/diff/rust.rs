//! The generated crate's view of a model, computed the way the planner does it (`plan.rs` keeps its
//! helpers private): which shapes become types, their names, field types and nullability.

use crate::load::json::Node;
use crate::model::{Kind, Member, Model, Shape, ShapeId};
use crate::naming;

/// Shapes that become a type under `<crate>::types::`.
pub fn is_type(kind: &Kind) -> bool {
    matches!(kind, Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum)
}

/// The Rust type name of a shape, with service renames and reserved names applied.
pub fn type_name(model: &Model, id: &ShapeId) -> String {
    let root = id.root();
    let model_name = model
        .services()
        .filter_map(|s| s.service().and_then(|svc| svc.rename.get(&root)))
        .next()
        .cloned()
        .unwrap_or_else(|| root.name.clone());
    let name = naming::type_name(&model_name);
    if naming::RESERVED_TYPE_NAMES.contains(&name.as_str()) { format!("{name}Shape") } else { name }
}

/// `types::Contact`.
pub fn type_path(model: &Model, id: &ShapeId) -> String {
    format!("types::{}", type_name(model, id))
}

/// The field name of a structure member.
pub fn field_ident(member: &str) -> String {
    let ident = naming::field_name(member);
    if naming::RESERVED_FIELD_NAMES.contains(&ident.as_str()) { format!("{ident}_value") } else { ident }
}

/// The variant name of a union or enum member.
pub fn variant_ident(member: &str) -> String {
    let ident = naming::type_name(member);
    if ident == "Unknown" { "UnknownValue".into() } else { ident }
}

/// The Rust type of a member's value (`Vec<types::Segment>`), as the generated code spells it.
pub fn value_type(model: &Model, target: &ShapeId) -> String {
    value_type_depth(model, target, 0)
}

fn value_type_depth(model: &Model, target: &ShapeId, depth: usize) -> String {
    let Some(shape) = model.shape(target) else { return format!("<unresolved {target}>") };
    if depth > 16 {
        return "…".into();
    }
    let member = |i: usize| shape.members.get(i).map(|m| value_type_depth(model, &m.target, depth + 1)).unwrap_or_default();
    let sparse = shape.traits.has("sparse");
    match shape.kind {
        Kind::Blob => "Blob".into(),
        Kind::Boolean => "bool".into(),
        Kind::String => "String".into(),
        Kind::Byte => "i8".into(),
        Kind::Short => "i16".into(),
        Kind::Integer => "i32".into(),
        Kind::Long => "i64".into(),
        Kind::Float => "f32".into(),
        Kind::Double => "f64".into(),
        Kind::BigInteger | Kind::BigDecimal => "serde_json::Number".into(),
        Kind::Timestamp => "DateTime".into(),
        Kind::Document => "serde_json::Value".into(),
        Kind::Enum | Kind::IntEnum | Kind::Structure | Kind::Union => type_path(model, target),
        Kind::List if sparse => format!("Vec<Option<{}>>", member(0)),
        Kind::List => format!("Vec<{}>", member(0)),
        Kind::Map if sparse => format!("HashMap<{}, Option<{}>>", member(0), member(1)),
        Kind::Map => format!("HashMap<{}, {}>", member(0), member(1)),
        Kind::Service(_) | Kind::Operation(_) | Kind::Resource(_) => format!("<{}>", shape.kind.name()),
    }
}

/// A structure field as the crate exposes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub ident: String,
    /// The field's type: `Option<T>` when optional.
    pub ty: String,
    pub optional: bool,
    /// `build()` fails when unset (required with no default).
    pub builder_required: bool,
    pub default: Option<Node>,
}

/// The planner's nullability rules: input members, `@clientOptional` members and members with neither
/// `@required` nor a default are `Option`.
pub fn field(model: &Model, container: &Shape, member: &Member) -> Field {
    let is_input = container.traits.has("input");
    let target = model.shape(&member.target);
    let target_default = target.and_then(|t| t.traits.default_value());
    let default = match member.traits.default_value() {
        Some(Node::Null) => None,
        Some(d) => Some(d.clone()),
        None => target_default.filter(|d| !matches!(d, Node::Null)).cloned(),
    };
    let required = member.traits.has("required");
    let optional = is_input || member.traits.has("clientOptional") || !(required || default.is_some());
    let value = value_type(model, &member.target);
    Field {
        ident: field_ident(&member.name),
        ty: if optional { format!("Option<{value}>") } else { value },
        optional,
        builder_required: required && default.is_none(),
        default,
    }
}

/// Whether the structure's `build()` returns a `Result` (some field is builder-required).
pub fn build_is_fallible(model: &Model, shape: &Shape) -> bool {
    shape.members.iter().any(|m| field(model, shape, m).builder_required)
}

/// The enum value of an enum or intEnum member (its name when there is no `@enumValue`).
pub fn enum_value(member: &Member) -> String {
    match member.traits.api("enumValue") {
        Some(Node::String(s)) => s.clone(),
        Some(Node::Number(n)) => n.to_string(),
        _ => member.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Traits;

    fn member(name: &str, target: &str, traits: &[&str]) -> Member {
        let mut t = Traits::default();
        for name in traits {
            t.insert(ShapeId::prelude(name), Node::Object(Default::default()));
        }
        Member { name: name.into(), target: ShapeId::parse(target).unwrap(), traits: t }
    }

    fn model() -> Model {
        let mut model = Model::default();
        for s in crate::model::prelude::shapes() {
            model.shapes.insert(s.id.clone(), s);
        }
        model
    }

    fn structure(input: bool, members: Vec<Member>) -> Shape {
        let mut traits = Traits::default();
        if input {
            traits.insert(ShapeId::prelude("input"), Node::Object(Default::default()));
        }
        Shape { id: ShapeId::new("a", "S"), kind: Kind::Structure, traits, members, file: String::new() }
    }

    #[test]
    fn fields_follow_the_planner_nullability() {
        let m = model();
        let req = member("Name", "smithy.api#String", &["required"]);
        let f = field(&m, &structure(false, vec![req.clone()]), &req);
        assert_eq!((f.ty.as_str(), f.optional, f.builder_required), ("String", false, true));
        let f = field(&m, &structure(true, vec![req.clone()]), &req);
        assert_eq!((f.ty.as_str(), f.optional, f.builder_required), ("Option<String>", true, true));
        let opt = member("Count", "smithy.api#PrimitiveInteger", &[]);
        let f = field(&m, &structure(false, vec![opt.clone()]), &opt);
        assert_eq!((f.ty.as_str(), f.optional), ("i32", false), "prelude primitives carry a default");
        let co = member("Sentiment", "smithy.api#String", &["required", "clientOptional"]);
        let f = field(&m, &structure(false, vec![co.clone()]), &co);
        assert_eq!((f.ty.as_str(), f.builder_required), ("Option<String>", true));
    }

    #[test]
    fn names_follow_the_naming_rules() {
        assert_eq!(field_ident("Type"), "r#type");
        assert_eq!(field_ident("Build"), "build_value");
        assert_eq!(variant_ident("POST_CONTACT_SUMMARY"), "PostContactSummary");
        assert_eq!(variant_ident("UNKNOWN"), "UnknownValue");
        let m = model();
        assert_eq!(type_name(&m, &ShapeId::new("a", "Client")), "ClientShape");
        assert_eq!(value_type(&m, &ShapeId::prelude("Timestamp")), "DateTime");
    }
}
