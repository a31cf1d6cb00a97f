//! The planner on small models: names and their collisions, nullability, defaults, redaction.

use super::*;
use crate::diag::Diagnostics;

/// Plans the one service of a JSON AST model; the plan and the diagnostics.
fn plan_of(shapes: &str) -> (CratePlan, Diagnostics) {
    let json = format!(r#"{{"smithy":"2.0","shapes":{{{shapes}}}}}"#);
    let mut diags = Diagnostics::default();
    let file = crate::load::load_bytes("t.json", json.as_bytes(), &mut diags).expect("parses");
    let model = crate::model::resolve(&[file], &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.items);
    let service = model.services().next().expect("a service").id.clone();
    let view = crate::transform::service_view(&model, &service, None, &mut diags);
    let plan = plan(&view, vec!["t.json".into()], &Config::default(), &mut diags);
    (plan, diags.sorted())
}

const SERVICE: &str = r#""a#S":{"type":"service","version":"1","operations":[{"target":"a#Op"}],
    "traits":{"aws.protocols#restJson1":{}}},
    "a#Op":{"type":"operation","input":{"target":"a#In"},"output":{"target":"a#Out"},
    "traits":{"smithy.api#http":{"method":"POST","uri":"/"}}}"#;

fn with(shapes: &str) -> String {
    format!("{SERVICE},{shapes}")
}

fn ty<'p>(plan: &'p CratePlan, name: &str) -> &'p TypePlan {
    plan.types.values().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
}

fn fields<'p>(plan: &'p CratePlan, name: &str) -> &'p [FieldPlan] {
    match &ty(plan, name).kind {
        TypeKind::Struct(s) => &s.fields,
        _ => panic!("{name} is not a structure"),
    }
}

fn field<'p>(plan: &'p CratePlan, name: &str, member: &str) -> &'p FieldPlan {
    fields(plan, name).iter().find(|f| f.member == member).unwrap_or_else(|| panic!("no {name}${member}"))
}

const EMPTY_IN: &str = r#""a#In":{"type":"structure","members":{}}"#;

#[test]
fn field_names_avoid_keywords_and_the_builder_api() {
    let (plan, _) = plan_of(&with(&format!(
        r#"{EMPTY_IN},"a#Out":{{"type":"structure","members":{{
            "Type":{{"target":"smithy.api#String"}},"Build":{{"target":"smithy.api#String"}},
            "Name":{{"target":"smithy.api#String"}},"SetName":{{"target":"smithy.api#String"}},"GetName":{{"target":"smithy.api#String"}}}}}}"#
    )));
    let f = |m| field(&plan, "Out", m);
    assert_eq!(f("Type").ident, "r#type");
    assert_eq!(f("Type").setter, "set_type", "setters are spelled from the bare name");
    assert_eq!(f("Build").ident, "build_value");
    assert_eq!(f("Name").ident, "name");
    assert_eq!((f("Name").setter.as_str(), f("Name").getter.as_str()), ("set_name", "get_name"));
    assert_eq!(f("SetName").ident, "set_name_value", "`set_name` is the setter of `Name`");
    assert_eq!(f("SetName").setter, "set_set_name_value");
    assert_eq!(f("GetName").ident, "get_name_value");
    assert!(f("SetName").docs.iter().any(|d| d.contains("Renamed from `set_name`")));
}

#[test]
fn type_names_avoid_the_crate_items_and_collisions_are_errors() {
    let (plan, _) = plan_of(&with(&format!(
        r#"{EMPTY_IN},"a#Out":{{"type":"structure","members":{{"C":{{"target":"a#Client"}}}}}},
           "a#Client":{{"type":"structure","members":{{}}}}"#
    )));
    let client = ty(&plan, "ClientShape");
    assert_eq!(client.builder.as_deref(), Some("ClientShapeBuilder"));
    assert!(client.docs.iter().any(|d| d.contains("Renamed from `Client`")));

    let json = format!(
        r#"{{"smithy":"2.0","shapes":{{{},{EMPTY_IN},"a#Out":{{"type":"structure","members":{{"A":{{"target":"a#Thing"}},"B":{{"target":"b#Thing"}}}}}},
           "a#Thing":{{"type":"structure","members":{{}}}},"b#Thing":{{"type":"structure","members":{{}}}}}}}}"#,
        SERVICE
    );
    let mut diags = Diagnostics::default();
    let file = crate::load::load_bytes("t.json", json.as_bytes(), &mut diags).expect("parses");
    let model = crate::model::resolve(&[file], &mut diags);
    let view = crate::transform::service_view(&model, &ShapeId::new("a", "S"), None, &mut diags);
    let _ = super::plan(&view, Vec::new(), &Config::default(), &mut diags);
    let errors: Vec<String> = diags.errors().map(|d| d.message.clone()).collect();
    assert!(errors.iter().any(|e| e.contains("both map to the Rust type name `Thing`")), "{errors:?}");
}

#[test]
fn union_methods_and_the_unknown_variant() {
    let (plan, _) = plan_of(&with(&format!(
        r#"{EMPTY_IN},"a#Out":{{"type":"structure","members":{{"U":{{"target":"a#U"}}}}}},
           "a#U":{{"type":"union","members":{{"Unknown":{{"target":"smithy.api#String"}},"TextValue":{{"target":"smithy.api#String"}}}}}}"#
    )));
    let TypeKind::Union(variants) = &ty(&plan, "U").kind else { panic!("a union") };
    let text = variants.iter().find(|v| v.member == "TextValue").unwrap();
    assert_eq!((text.ident.as_str(), text.is_method.as_str(), text.as_method.as_str()), ("TextValue", "is_text_value", "as_text_value"));
    let unknown = variants.iter().find(|v| v.member == "Unknown").unwrap();
    assert_eq!(unknown.ident, "UnknownValue", "`Unknown` is the variant for members the crate does not know");
    assert_eq!(unknown.is_method, "is_unknown_value");
}

#[test]
fn nullability_follows_input_required_client_optional_and_defaults() {
    let (plan, _) = plan_of(&with(
        r#""a#In":{"type":"structure","members":{"Id":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}}}},
           "a#Out":{"type":"structure","members":{
             "Id":{"target":"smithy.api#String","traits":{"smithy.api#required":{}}},
             "Maybe":{"target":"smithy.api#String"},
             "Soft":{"target":"smithy.api#String","traits":{"smithy.api#required":{},"smithy.api#clientOptional":{}}},
             "Count":{"target":"smithy.api#Integer","traits":{"smithy.api#default":3}},
             "Flag":{"target":"smithy.api#PrimitiveBoolean"}}}"#,
    ));
    let input = field(&plan, "In", "Id");
    assert!(input.optional && input.required_check, "an operation input's members are optional and checked by validate()");
    let f = |m| field(&plan, "Out", m);
    assert!(!f("Id").optional && f("Id").required, "required: not optional, build() fails without it");
    assert!(f("Maybe").optional && !f("Maybe").required);
    assert!(f("Soft").optional, "@clientOptional keeps it optional");
    assert!(!f("Count").optional && !f("Count").required);
    assert_eq!(f("Count").default, Some(DefaultValue::Int(3)));
    assert_eq!(f("Count").default_fn.as_deref(), Some("default_count"));
    assert_eq!(f("Flag").default, Some(DefaultValue::Bool(false)), "prelude primitives default to zero");
    assert_eq!(f("Maybe").default_fn, None);
}

#[test]
fn redaction_is_decided_per_type() {
    let (plan, _) = plan_of(&with(&format!(
        r#"{EMPTY_IN},"a#Out":{{"type":"structure","members":{{"S":{{"target":"a#Secret"}},"P":{{"target":"a#Plain"}}}}}},
           "a#Secret":{{"type":"string","traits":{{"smithy.api#sensitive":{{}}}}}},
           "a#Plain":{{"type":"structure","members":{{"X":{{"target":"smithy.api#String"}}}}}}"#
    )));
    assert!(ty(&plan, "Out").redact, "a sensitive member makes Debug redacting");
    assert!(!ty(&plan, "Plain").redact, "Debug is derived otherwise");
}

#[test]
fn client_and_paginator_methods_avoid_the_client_api() {
    let (plan, _) = plan_of(
        r#""a#S":{"type":"service","version":"1","operations":[{"target":"a#New"},{"target":"a#ListThings"}],
              "traits":{"aws.protocols#restJson1":{}}},
           "a#New":{"type":"operation","input":{"target":"a#NewIn"},"output":{"target":"a#NewOut"},
              "traits":{"smithy.api#http":{"method":"POST","uri":"/new"}}},
           "a#NewIn":{"type":"structure","members":{}},"a#NewOut":{"type":"structure","members":{}},
           "a#ListThings":{"type":"operation","input":{"target":"a#LIn"},"output":{"target":"a#LOut"},
              "traits":{"smithy.api#http":{"method":"GET","uri":"/things"},
                        "smithy.api#paginated":{"inputToken":"NextToken","outputToken":"NextToken","items":"Things"}}},
           "a#LIn":{"type":"structure","members":{"NextToken":{"target":"smithy.api#String","traits":{"smithy.api#httpQuery":"t"}}}},
           "a#LOut":{"type":"structure","members":{"NextToken":{"target":"smithy.api#String"},"Things":{"target":"a#Names"}}},
           "a#Names":{"type":"list","member":{"target":"smithy.api#String"}}"#,
    );
    let client = plan.client.as_ref().expect("a restJson1 client");
    let method = |op: &str| client.operations.iter().find(|o| o.id.name == op).unwrap();
    assert_eq!(method("New").method, "new_op", "`new` is the client's constructor");
    assert_eq!(method("ListThings").method, "list_things");
    assert_eq!(method("ListThings").pagination.as_ref().unwrap().method, "list_things_paginator");
    assert!(plan.runtime.client && plan.runtime.validation && !plan.runtime.compression);
}
