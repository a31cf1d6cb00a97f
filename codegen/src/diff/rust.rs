//! The generated crate's Rust surface of a model, taken from the planner itself: the diff runs
//! `transform` and `plan` on each side and reads names, field types and nullability off the plans,
//! so it can never disagree with what `regen` generates.

use crate::config::Config;
use crate::load::json::Node;
use crate::model::{Kind, Member, Model, ShapeId};
use crate::naming;
use crate::plan::{DefaultValue, Ty, TypeKind};
use std::collections::BTreeMap;

/// Shapes that become a type under `<crate>::types::`.
pub fn is_type(kind: &Kind) -> bool {
    matches!(kind, Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum)
}

/// A structure field as the crate exposes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub ident: String,
    /// The builder's `Option` setter (`set_<field>`).
    pub setter: String,
    /// The field's type: `Option<T>` when optional.
    pub ty: String,
    pub optional: bool,
    /// `build()` fails when unset (required with no default).
    pub builder_required: bool,
    pub default: Option<DefaultValue>,
}

/// One planned type: its name and, by member name, its fields or variants.
#[derive(Clone, Debug, Default)]
struct TypeView {
    name: String,
    fields: BTreeMap<String, Field>,
    variants: BTreeMap<String, String>,
}

/// The planned types of every service of a model, by shape id.
#[derive(Clone, Debug, Default)]
pub struct RustView {
    types: BTreeMap<ShapeId, TypeView>,
}

impl RustView {
    /// Plans every service of the model (default settings; the plan's diagnostics are the
    /// generator's business, not the diff's).
    pub fn of(model: &Model) -> RustView {
        let mut types = BTreeMap::new();
        let config = Config::default();
        for service in model.services() {
            let mut diags = crate::diag::Diagnostics::default();
            let view = crate::transform::service_view(model, &service.id, None, &mut diags);
            let plan = crate::plan::plan(&view, Vec::new(), &config, &mut diags);
            for tp in plan.types.values() {
                let mut t = TypeView { name: tp.name.clone(), ..Default::default() };
                match &tp.kind {
                    TypeKind::Struct(s) => {
                        for f in &s.fields {
                            let value = spell(&f.ty);
                            let field = Field {
                                ident: f.ident.clone(),
                                setter: f.setter.clone(),
                                ty: if f.optional { format!("Option<{value}>") } else { value },
                                optional: f.optional,
                                builder_required: f.required,
                                default: f.default.clone(),
                            };
                            t.fields.insert(f.member.clone(), field);
                        }
                    }
                    TypeKind::Union(vs) => t.variants.extend(vs.iter().map(|v| (v.member.clone(), v.ident.clone()))),
                    TypeKind::Enum(vs) => t.variants.extend(vs.iter().map(|v| (v.member.clone(), v.ident.clone()))),
                    TypeKind::IntEnum(vs) => t.variants.extend(vs.iter().map(|v| (v.member.clone(), v.ident.clone()))),
                }
                types.entry(tp.id.clone()).or_insert(t);
            }
        }
        RustView { types }
    }

    /// The Rust type name of a shape; for a shape no service generates, its name in `UpperCamelCase`.
    pub fn type_name(&self, id: &ShapeId) -> String {
        let root = id.root();
        self.types.get(&root).map(|t| t.name.clone()).unwrap_or_else(|| naming::type_name(&root.name))
    }

    /// `types::Contact`.
    pub fn type_path(&self, id: &ShapeId) -> String {
        format!("types::{}", self.type_name(id))
    }

    /// A structure member's field, if a service generates the structure.
    pub fn field(&self, shape: &ShapeId, member: &str) -> Option<&Field> {
        self.types.get(shape)?.fields.get(member)
    }

    /// A structure member's field name (the member's name in `snake_case` when not generated).
    pub fn field_ident(&self, shape: &ShapeId, member: &str) -> String {
        self.field(shape, member).map(|f| f.ident.clone()).unwrap_or_else(|| naming::field_name(member))
    }

    /// A union or enum member's variant name.
    pub fn variant(&self, shape: &ShapeId, member: &str) -> String {
        self.types.get(shape).and_then(|t| t.variants.get(member)).cloned().unwrap_or_else(|| naming::type_name(member))
    }

    /// Whether the structure's `build()` returns a `Result` (some field is builder-required).
    pub fn build_is_fallible(&self, shape: &ShapeId) -> bool {
        self.types.get(shape).is_some_and(|t| t.fields.values().any(|f| f.builder_required))
    }

    /// The Rust type of a value of shape `target` (`Vec<types::Segment>`), as the generated code
    /// spells it (without `Option`), by the planner's own mapping of shapes to types.
    pub fn value_type(&self, model: &Model, target: &ShapeId) -> String {
        match crate::plan::value_ty(model, target, &mut |shape| self.type_name(&shape.id)) {
            Some(ty) => spell(&ty),
            None => match model.shape(target) {
                Some(shape) => format!("<{}>", shape.kind.name()),
                None => format!("<unresolved {target}>"),
            },
        }
    }
}

/// A planned type as the report writes it: short paths, no `::std::`.
fn spell(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Bool => "bool".into(),
        Ty::I8 => "i8".into(),
        Ty::I16 => "i16".into(),
        Ty::I32 => "i32".into(),
        Ty::I64 => "i64".into(),
        Ty::F32 => "f32".into(),
        Ty::F64 => "f64".into(),
        Ty::BigInteger | Ty::BigDecimal => "serde_json::Number".into(),
        Ty::Timestamp => "DateTime".into(),
        Ty::Blob => "Blob".into(),
        Ty::Document => "serde_json::Value".into(),
        Ty::Named(n) => format!("types::{n}"),
        Ty::List(t, true) => format!("Vec<Option<{}>>", spell(t)),
        Ty::List(t, false) => format!("Vec<{}>", spell(t)),
        Ty::Map(k, v, true) => format!("HashMap<{}, Option<{}>>", spell(k), spell(v)),
        Ty::Map(k, v, false) => format!("HashMap<{}, {}>", spell(k), spell(v)),
    }
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
    use crate::diff::test_model;

    fn model(members: &str, input: bool) -> Model {
        // An operation's input has `@input` semantics in the generated crate, so `input` makes it one.
        let (traits, io) = if input { (r#""traits":{"smithy.api#input":{}},"#, "input") } else { ("", "output") };
        test_model(&format!(
            r#"{{"smithy":"2.0","shapes":{{
            "a#S":{{"type":"service","version":"1","operations":[{{"target":"a#Op"}}]}},
            "a#Op":{{"type":"operation","{io}":{{"target":"a#Params"}}}},
            "a#Params":{{"type":"structure",{traits}"members":{{{members}}}}},
            "a#Client":{{"type":"structure","members":{{}}}},
            "a#Mode":{{"type":"enum","members":{{"UNKNOWN":{{"target":"smithy.api#Unit"}},"FAST_LANE":{{"target":"smithy.api#Unit"}}}}}}
            }}}}"#
        ))
    }

    #[test]
    fn fields_are_the_planner_fields() {
        let m = model(
            r#""Name":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}},
               "Count":{"target":"smithy.api#PrimitiveInteger"},
               "Sentiment":{"target":"smithy.api#String","traits":{"smithy.api#required":{},"smithy.api#clientOptional":{}}}"#,
            false,
        );
        let view = RustView::of(&m);
        let s = ShapeId::new("a", "Params");
        let f = view.field(&s, "Name").unwrap();
        assert_eq!((f.ty.as_str(), f.optional, f.builder_required), ("String", false, true));
        let f = view.field(&s, "Count").unwrap();
        assert_eq!((f.ty.as_str(), f.optional), ("i32", false), "prelude primitives carry a default");
        let f = view.field(&s, "Sentiment").unwrap();
        assert_eq!((f.ty.as_str(), f.builder_required), ("Option<String>", true));
        assert!(view.build_is_fallible(&s));
        let input = RustView::of(&model(r#""Name":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}"#, true));
        assert_eq!(input.field(&s, "Name").unwrap().ty, "Option<String>", "input members are optional");
    }

    #[test]
    fn names_come_from_the_plan_with_its_collision_rules() {
        let m = model(
            r#""Type":{"target":"smithy.api#String"},"Build":{"target":"smithy.api#String"},
               "Name":{"target":"smithy.api#String"},"SetName":{"target":"smithy.api#String"},
               "Mode":{"target":"a#Mode"},"Client":{"target":"a#Client"}"#,
            false,
        );
        let view = RustView::of(&m);
        let s = ShapeId::new("a", "Params");
        assert_eq!(view.field_ident(&s, "Type"), "r#type");
        assert_eq!(view.field_ident(&s, "Build"), "build_value");
        // `set_name` is the setter of `Name`, so the member `SetName` is renamed, setter and all.
        assert_eq!(view.field_ident(&s, "SetName"), "set_name_value");
        assert_eq!(view.field(&s, "SetName").unwrap().setter, "set_set_name_value");
        assert_eq!(view.variant(&ShapeId::new("a", "Mode"), "FAST_LANE"), "FastLane");
        assert_eq!(view.variant(&ShapeId::new("a", "Mode"), "UNKNOWN"), "UnknownValue");
        assert_eq!(view.type_name(&ShapeId::new("a", "Client")), "ClientShape");
        assert_eq!(view.value_type(&m, &ShapeId::prelude("Timestamp")), "DateTime");
        assert_eq!(view.field(&s, "Mode").unwrap().ty, "Option<types::Mode>");
    }
}
