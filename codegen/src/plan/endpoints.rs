//! The endpoint resolver of a crate: the service's checked rule set, the Rust fields of its
//! parameters, what each operation binds from its input, the partition table, and the rule set's
//! own test cases (with the inputs of the cases that go through an operation).

use super::{TypeKind, TypePlan};
use crate::diag::Diagnostics;
use crate::load::json::Node;
use crate::model::{Kind, Model, ShapeId};
use crate::rules::partitions::Table;
use crate::rules::tests::TestCase;
use crate::rules::{ParamType, ParamValue, RuleSet};
use crate::transform::ServiceView;
use std::collections::BTreeMap;

pub struct EndpointPlan {
    pub rules: RuleSet,
    /// The partition table, when the rules call `aws.partition`.
    pub partitions: Option<Table>,
    /// Operations that bind parameters from their input, by operation name.
    pub bindings: BTreeMap<String, Binding>,
    pub tests: Vec<TestPlan>,
}

/// What one operation sets in the parameters before resolving.
pub struct Binding {
    /// The binding function in the crate's `endpoint` module (the operation's snake-case name).
    pub function: String,
    /// The input type, in `crate::types`.
    pub input: String,
    /// `staticContextParams`: parameter field → value.
    pub statics: Vec<(String, ParamValue)>,
    /// `contextParam` members and `operationContextParams` paths: parameter field → where the
    /// value comes from.
    pub context: Vec<(String, ParamType, Vec<Step>, Leaf)>,
}

/// One step from the input towards a bound value.
#[derive(Clone, Debug)]
pub enum Step {
    /// A field (an `Option` when `optional`).
    Field { ident: String, optional: bool },
    /// `[*]` on a list: every element.
    Each,
    /// `keys(...)` of a map: its keys, sorted.
    Keys,
}

/// What the path ends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaf {
    String,
    Enum,
    Bool,
    StringList,
}

pub struct TestPlan {
    /// The test function's name (contains `endpoint`).
    pub name: String,
    pub case: TestCase,
    /// The cases run through an operation: binding function, config values and the input.
    pub through: Vec<(String, BTreeMap<String, ParamValue>, Lit)>,
    /// Operation inputs that cannot be run here, with why (said in the test's docs).
    pub not_run: Vec<String>,
}

/// A value of a model type, written as Rust in a test.
#[derive(Clone, Debug)]
pub enum Lit {
    Str(String),
    Bool(bool),
    Int(i64),
    Float(f64),
    Enum(String, String),
    Struct { ty: String, fields: Vec<(String, Lit)>, fallible: bool },
    Union { ty: String, variant: String, value: Option<Box<Lit>> },
    List(Vec<Lit>),
    Map(Vec<(Lit, Lit)>),
}

/// Plans the resolver of the service, or `None` when it has no rule set (or a rule set with
/// errors, reported in `diags`).
pub fn plan(
    view: &ServiceView,
    types: &BTreeMap<String, TypePlan>,
    partitions_dir: Option<&std::path::Path>,
    diags: &mut Diagnostics,
) -> Option<EndpointPlan> {
    let model = &view.model;
    let service = model.expect(&view.service);
    let node = service.traits.get("smithy.rules#endpointRuleSet")?;
    let location = service.id.to_string();
    let rules = crate::rules::parse(node, &service.file, &location, diags)?;
    let partitions = if rules.uses_partitions { Some(Table::load(partitions_dir, diags)?) } else { None };
    let by_id: BTreeMap<&ShapeId, &TypePlan> = types.values().map(|t| (&t.id, t)).collect();
    let mut bindings = BTreeMap::new();
    for op_id in &view.operations {
        if let Some(b) = binding(model, &rules, op_id, &by_id, diags) {
            bindings.insert(op_id.name.clone(), b);
        }
    }
    let cases = match service.traits.get("smithy.rules#endpointTests") {
        Some(t) => crate::rules::tests::parse(t, &rules, &service.file, &location, diags),
        None => Vec::new(),
    };
    let ops: BTreeMap<&str, &ShapeId> = view.operations.iter().map(|o| (o.name.as_str(), o)).collect();
    let tests = cases
        .into_iter()
        .enumerate()
        .map(|(i, case)| {
            let mut through = Vec::new();
            let mut not_run = Vec::new();
            for input in &case.operation_inputs {
                let Some(op) = ops.get(input.operation.as_str()) else {
                    not_run.push(format!("`{}` is not generated in this crate", input.operation));
                    continue;
                };
                let Some(b) = bindings.get(&input.operation) else {
                    // The operation binds nothing: its parameters are the config's, checked above.
                    continue;
                };
                let input_id =
                    &model.expect(op).operation().map(|o| o.input.clone()).unwrap_or_else(|| ShapeId::parse("smithy.api#Unit").unwrap());
                let params = input.operation_params.clone().unwrap_or(Node::Object(Default::default()));
                match literal(model, &by_id, input_id, &params) {
                    Ok(lit) => through.push((b.function.clone(), input.config_params.clone(), lit)),
                    Err(why) => {
                        diags.warning(
                            &service.file,
                            format!("{location} (endpoint test testCases[{i}])"),
                            format!("operation input not run: {why}"),
                        );
                        not_run.push(why);
                    }
                }
            }
            let name = test_name(i, &case.documentation);
            TestPlan { name, case, through, not_run }
        })
        .collect();
    Some(EndpointPlan { rules, partitions, bindings, tests })
}

/// `endpoint_007_for_region_us_east_1_with_fips_enabled`.
fn test_name(i: usize, doc: &str) -> String {
    let mut name = format!("endpoint_{:03}", i + 1);
    for w in doc.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).take(10) {
        name.push('_');
        name.push_str(&w.to_ascii_lowercase());
    }
    name
}

fn binding(
    model: &Model,
    rules: &RuleSet,
    op_id: &ShapeId,
    types: &BTreeMap<&ShapeId, &TypePlan>,
    diags: &mut Diagnostics,
) -> Option<Binding> {
    let op = model.expect(op_id);
    let input_id = op.operation()?.input.clone();
    let input = types.get(&input_id)?;
    let TypeKind::Struct(_) = &input.kind else { return None };
    let here = op_id.to_string();
    let error = |diags: &mut Diagnostics, m: String| diags.error(&op.file, here.clone(), format!("endpoint rules: {m}"));
    let field_of = |name: &str| rules.params.get(name).map(|p| (rules.param_vars[name].clone(), p.ty));
    let mut statics = Vec::new();
    for (name, v) in op.traits.get("smithy.rules#staticContextParams").and_then(Node::as_object).map(|o| o.0.as_slice()).unwrap_or_default()
    {
        let Some((field, ty)) = field_of(name) else {
            error(diags, format!("staticContextParams names `{name}`, which is not a parameter"));
            continue;
        };
        match v.get("value").and_then(|v| crate::rules::param_value(ty, v)) {
            Some(v) => statics.push((field, v)),
            None => error(diags, format!("staticContextParams `{name}` has no value of type {ty:?}")),
        }
    }
    let mut context = Vec::new();
    let input_shape = model.expect(&input_id);
    for m in &input_shape.members {
        let Some(name) = m.traits.get("smithy.rules#contextParam").and_then(|c| c.get("name")).and_then(Node::as_str) else { continue };
        let Some((field, ty)) = field_of(name) else {
            error(diags, format!("contextParam on `{}` names `{name}`, which is not a parameter", m.name));
            continue;
        };
        match path(model, types, input, &[m.name.as_str()], ty) {
            Ok((steps, leaf)) => context.push((field, ty, steps, leaf)),
            Err(e) => error(diags, format!("contextParam on `{}`: {e}", m.name)),
        }
    }
    for (name, v) in
        op.traits.get("smithy.rules#operationContextParams").and_then(Node::as_object).map(|o| o.0.as_slice()).unwrap_or_default()
    {
        let Some((field, ty)) = field_of(name) else {
            error(diags, format!("operationContextParams names `{name}`, which is not a parameter"));
            continue;
        };
        let p = v.get("path").and_then(Node::as_str).unwrap_or_default();
        match jmespath_steps(p).ok_or_else(|| format!("path `{p}` is not one the generator supports (a.b, a[*].b, keys(a))")).and_then(
            |parts| {
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                path(model, types, input, &parts, ty)
            },
        ) {
            Ok((steps, leaf)) => context.push((field, ty, steps, leaf)),
            Err(e) => error(diags, format!("operationContextParams `{name}`: {e}")),
        }
    }
    if statics.is_empty() && context.is_empty() {
        return None;
    }
    Some(Binding { function: crate::naming::module_name(&op_id.name), input: input.name.clone(), statics, context })
}

/// `a.b[*].c` → `["a", "b", "[*]", "c"]`; `keys(a.b)` → `["a", "b", "keys()"]`.
fn jmespath_steps(p: &str) -> Option<Vec<String>> {
    let (inner, keys) = match p.strip_prefix("keys(").and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (inner, true),
        None => (p, false),
    };
    let mut out = Vec::new();
    for part in inner.split('.') {
        let (name, each) = match part.strip_suffix("[*]") {
            Some(n) => (n, true),
            None => (part, false),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        out.push(name.to_string());
        if each {
            out.push("[*]".into());
        }
    }
    if keys {
        out.push("keys()".into());
    }
    Some(out)
}

/// Resolves member names (and `[*]`, `keys()`) from the input structure to typed steps.
fn path(
    model: &Model,
    types: &BTreeMap<&ShapeId, &TypePlan>,
    input: &TypePlan,
    parts: &[&str],
    param: ParamType,
) -> Result<(Vec<Step>, Leaf), String> {
    let mut steps = Vec::new();
    let mut shape_id = input.id.clone();
    let mut projected = false;
    for part in parts {
        let shape = model.shape(&shape_id).ok_or_else(|| format!("`{shape_id}` is not in the model"))?;
        match (*part, &shape.kind) {
            ("[*]", Kind::List) => {
                steps.push(Step::Each);
                projected = true;
                shape_id = shape.members[0].target.clone();
            }
            ("keys()", Kind::Map) => {
                steps.push(Step::Keys);
                projected = true;
                shape_id = shape.members[0].target.clone();
            }
            (name, Kind::Structure) => {
                let tp = types.get(&shape_id).ok_or_else(|| format!("`{shape_id}` has no Rust type here"))?;
                let TypeKind::Struct(s) = &tp.kind else { return Err(format!("`{shape_id}` is not a structure")) };
                let f = s.fields.iter().find(|f| f.member == name).ok_or_else(|| format!("`{shape_id}` has no member `{name}`"))?;
                steps.push(Step::Field { ident: f.ident.clone(), optional: f.optional });
                let member = shape.members.iter().find(|m| m.name == name).ok_or_else(|| format!("no member `{name}`"))?;
                shape_id = member.target.clone();
            }
            (name, _) => return Err(format!("`{name}` cannot be applied to `{shape_id}`")),
        }
    }
    let shape = model.shape(&shape_id).ok_or_else(|| format!("`{shape_id}` is not in the model"))?;
    let leaf = match &shape.kind {
        Kind::String => Leaf::String,
        Kind::Enum => Leaf::Enum,
        Kind::Boolean => Leaf::Bool,
        Kind::List if model.shape(&shape.members[0].target).is_some_and(|s| s.kind == Kind::String) => Leaf::StringList,
        other => return Err(format!("the value is a {other:?}, not a string, boolean or list of strings")),
    };
    let fits = match param {
        ParamType::String => !projected && matches!(leaf, Leaf::String | Leaf::Enum),
        ParamType::Boolean => !projected && leaf == Leaf::Bool,
        ParamType::StringArray => (projected && matches!(leaf, Leaf::String | Leaf::Enum)) || (!projected && leaf == Leaf::StringList),
    };
    if !fits {
        return Err(format!("the value does not fit a {param:?} parameter"));
    }
    Ok((steps, leaf))
}

/// The Rust value of `node` as a value of shape `target` (a test's operation input).
fn literal(model: &Model, types: &BTreeMap<&ShapeId, &TypePlan>, target: &ShapeId, node: &Node) -> Result<Lit, String> {
    let shape = model.shape(target).ok_or_else(|| format!("`{target}` is not in the model"))?;
    let wrong = || format!("{} is not a value of `{target}`", node.kind());
    Ok(match (&shape.kind, node) {
        (Kind::String, Node::String(s)) => Lit::Str(s.clone()),
        (Kind::Boolean, Node::Bool(b)) => Lit::Bool(*b),
        (Kind::Byte | Kind::Short | Kind::Integer | Kind::Long, Node::Number(n)) => Lit::Int(n.as_i64().ok_or_else(wrong)?),
        (Kind::Float | Kind::Double, Node::Number(n)) => Lit::Float(n.as_f64().ok_or_else(wrong)?),
        (Kind::Enum, Node::String(s)) => Lit::Enum(types.get(target).ok_or_else(wrong)?.name.clone(), s.clone()),
        (Kind::List, Node::Array(items)) => {
            Lit::List(items.iter().map(|i| literal(model, types, &shape.members[0].target, i)).collect::<Result<_, _>>()?)
        }
        (Kind::Map, Node::Object(o)) => Lit::Map(
            o.iter()
                .map(|(k, v)| {
                    Ok((
                        literal(model, types, &shape.members[0].target, &Node::String(k.clone()))?,
                        literal(model, types, &shape.members[1].target, v)?,
                    ))
                })
                .collect::<Result<_, String>>()?,
        ),
        (Kind::Structure, Node::Object(o)) => {
            let tp = types.get(target).ok_or_else(wrong)?;
            let TypeKind::Struct(s) = &tp.kind else { return Err(wrong()) };
            let mut fields = Vec::new();
            for (k, v) in o.iter() {
                let f = s.fields.iter().find(|f| &f.member == k).ok_or_else(|| format!("`{target}` has no member `{k}`"))?;
                let m = shape.members.iter().find(|m| &m.name == k).ok_or_else(wrong)?;
                fields.push((f.setter.clone(), literal(model, types, &m.target, v)?));
            }
            Lit::Struct { ty: tp.name.clone(), fields, fallible: s.fields.iter().any(|f| f.required) }
        }
        (Kind::Union, Node::Object(o)) if o.0.len() == 1 => {
            let tp = types.get(target).ok_or_else(wrong)?;
            let TypeKind::Union(vs) = &tp.kind else { return Err(wrong()) };
            let (k, v) = &o.0[0];
            let variant = vs.iter().find(|x| &x.member == k).ok_or_else(|| format!("`{target}` has no member `{k}`"))?;
            let m = shape.members.iter().find(|m| &m.name == k).ok_or_else(wrong)?;
            let value = match variant.ty {
                None => None,
                Some(_) => Some(Box::new(literal(model, types, &m.target, v)?)),
            };
            Lit::Union { ty: tp.name.clone(), variant: variant.ident.clone(), value }
        }
        (Kind::Timestamp | Kind::Blob | Kind::Document | Kind::BigInteger | Kind::BigDecimal | Kind::IntEnum, _) => {
            return Err(format!("a value of `{target}` ({:?}) cannot be written in a test yet", shape.kind));
        }
        _ => return Err(wrong()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_names_carry_the_case_number_and_its_words() {
        assert_eq!(test_name(6, "For region us-east-1 with FIPS enabled"), "endpoint_007_for_region_us_east_1_with_fips_enabled");
        assert_eq!(test_name(0, ""), "endpoint_001");
    }

    #[test]
    fn jmespath_paths_the_models_use() {
        assert_eq!(jmespath_steps("keys(RequestItems)").unwrap(), ["RequestItems", "keys()"]);
        assert_eq!(jmespath_steps("TransactItems[*].Get.TableName").unwrap(), ["TransactItems", "[*]", "Get", "TableName"]);
        assert_eq!(jmespath_steps("A.B").unwrap(), ["A", "B"]);
        assert!(jmespath_steps("A[0]").is_none());
        assert!(jmespath_steps("A || B").is_none());
    }
}
