//! Plan: the one place where Rust names, types, nullability and derives are decided.
//! Emitters only turn a plan into tokens.

mod checks;
pub mod cli;
pub mod defaults;
pub mod endpoints;
pub mod operations;
pub mod protocol;
#[cfg(test)]
mod tests;

pub use checks::{Checks, PatternPlan};
pub use defaults::DefaultValue;
pub use operations::{Binding, Body, ClientPlan, ErrorRef, Location, OperationPlan, Pagination, Rpc, UriPart, Value};
pub use protocol::Protocol;

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::json::Node;
use crate::model::{Kind, Member, Model, Shape, ShapeId};
use crate::naming;
use crate::transform::ServiceView;
use std::collections::BTreeMap;

pub struct CratePlan {
    pub crate_name: String,
    pub service: ShapeId,
    pub title: String,
    pub docs: Vec<String>,
    pub version: String,
    /// Types keyed by module name (the file under `src/types/`).
    pub types: BTreeMap<String, TypePlan>,
    /// The parts of the runtime the crate gets (and with them its dependencies).
    pub runtime: RuntimeParts,
    /// Distinct patterns of the crate's checks, compiled once per process by the generated code.
    pub patterns: Vec<PatternPlan>,
    /// Model files the crate was generated from (file names only).
    pub sources: Vec<String>,
    /// The client, for services with a protocol the generator speaks (restJson1, awsJson1_0, awsJson1_1).
    pub client: Option<ClientPlan>,
    /// The command-line tool's tables (feature `cli`), with the client.
    pub cli: Option<cli::CliPlan>,
    /// The endpoint resolver compiled from the service's rule set, if it has one.
    pub endpoints: Option<endpoints::EndpointPlan>,
    /// The types carry JSON wire code (`Serialize`, `FromJson`): a JSON protocol, or none at all.
    pub json: bool,
    /// What the crate leaves out of the service, one sentence each, for the crate docs.
    pub limits: Vec<String>,
}

/// Which optional parts of the runtime a crate needs. The JSON reader and the shared types are
/// always there; emit vendors the modules named here and the dependencies they use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuntimeParts {
    /// Some type has a timestamp (`rt::ts`, `aws-smithy-types`).
    pub timestamps: bool,
    /// Some structure has a float field (read and written through `rt::float`).
    pub floats: bool,
    /// Some type has a blob (`rt::Blob`, `base64`).
    pub blobs: bool,
    /// Some type validates, or the crate has a client (`rt::validate`).
    pub validation: bool,
    /// The client runtime: config, HTTP, operations, paginators, stub, transport.
    pub client: bool,
    /// Some operation gzips its request (`@requestCompression`; `rt::compress`, `flate2`).
    pub compression: bool,
    /// Some operation sends `Content-MD5` (`@httpChecksumRequired`; `rt::checksum`, `md-5`).
    pub checksums: bool,
    /// The service has endpoint rules (`rt::endpoint`; `regress` for partition lookups).
    pub endpoints: bool,
}

pub struct TypePlan {
    pub id: ShapeId,
    pub name: String,
    pub module: String,
    pub docs: Vec<String>,
    pub sensitive: bool,
    /// `Debug` is written out with `@sensitive` values redacted (the type or a member is sensitive)
    /// instead of derived.
    pub redact: bool,
    /// The builder's type name (structures).
    pub builder: Option<String>,
    /// The type has constraint checks somewhere below it, so it gets `validate()`.
    pub validates: bool,
    /// The crate's own client reads it (reached from an operation output or error), so its JSON
    /// reader is compiled with the crate; otherwise only where a user calls it.
    pub read_by_client: bool,
    /// The crate's own client sends it (reached from an operation input), so its validator is
    /// compiled with the crate; otherwise only where a user calls it.
    pub written_by_client: bool,
    pub kind: TypeKind,
}

pub enum TypeKind {
    Struct(StructPlan),
    Union(Vec<VariantPlan>),
    Enum(Vec<EnumVariant>),
    IntEnum(Vec<IntEnumVariant>),
}

pub struct StructPlan {
    pub fields: Vec<FieldPlan>,
    pub error: Option<ErrorPlan>,
}

pub struct ErrorPlan {
    pub code: String,
    pub fault: String,
    /// The field holding the message (`message`, `Message`, `errorMessage`), if any.
    pub message_field: Option<(String, bool)>,
}

pub struct FieldPlan {
    pub member: String,
    pub wire: String,
    pub ident: String,
    pub docs: Vec<String>,
    pub ty: Ty,
    pub optional: bool,
    pub boxed: bool,
    /// Required with no default: `build()` fails when unset.
    pub required: bool,
    /// `@default` value applied by the builder and by deserialization when absent.
    pub default: Option<DefaultValue>,
    /// The function returning the default (`default_<field>`), for non-optional fields with one.
    pub default_fn: Option<String>,
    /// The builder's `Option` setter and getter (`set_<field>`, `get_<field>`); the plain setter
    /// and the accessor are named `ident`.
    pub setter: String,
    pub getter: String,
    pub sensitive: bool,
    pub timestamp: Option<&'static str>,
    pub checks: Checks,
    /// `@required` but an `Option`: unset is a validation error.
    pub required_check: bool,
}

pub struct VariantPlan {
    pub member: String,
    pub wire: String,
    pub ident: String,
    /// The snake-case member name, and the `is_<member>` and `as_<member>` methods of the union.
    pub method: String,
    pub is_method: String,
    pub as_method: String,
    pub docs: Vec<String>,
    /// `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<Ty>,
    pub boxed: bool,
    pub sensitive: bool,
    pub timestamp: Option<&'static str>,
    pub checks: Checks,
}

pub struct EnumVariant {
    pub member: String,
    pub ident: String,
    pub value: String,
    pub docs: Vec<String>,
}

pub struct IntEnumVariant {
    pub member: String,
    pub ident: String,
    pub value: i32,
    pub docs: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    BigInteger,
    BigDecimal,
    Timestamp,
    Blob,
    Document,
    Named(String),
    List(Box<Ty>, bool),
    Map(Box<Ty>, Box<Ty>, bool),
}

impl Ty {
    pub fn has_timestamp(&self) -> bool {
        match self {
            Ty::Timestamp => true,
            Ty::List(t, _) => t.has_timestamp(),
            Ty::Map(_, v, _) => v.has_timestamp(),
            _ => false,
        }
    }
    /// Whether a float is inside (through lists and map values): JSON writes those through
    /// `rt::float`, as numbers cannot hold `NaN` and the infinities.
    pub fn has_float(&self) -> bool {
        match self {
            Ty::F32 | Ty::F64 => true,
            Ty::List(t, _) => t.has_float(),
            Ty::Map(_, v, _) => v.has_float(),
            _ => false,
        }
    }
    /// Calls `f` with every named type inside (map keys included: they may be enums).
    fn named(&self, f: &mut dyn FnMut(&str)) {
        match self {
            Ty::Named(n) => f(n),
            Ty::List(t, _) => t.named(f),
            Ty::Map(k, v, _) => {
                k.named(f);
                v.named(f);
            }
            _ => {}
        }
    }
    fn has_blob(&self) -> bool {
        match self {
            Ty::Blob => true,
            Ty::List(t, _) => t.has_blob(),
            Ty::Map(_, v, _) => v.has_blob(),
            _ => false,
        }
    }
}

/// Plans the crate of one service. Naming collisions are errors in `diags`.
pub fn plan(view: &ServiceView, sources: Vec<String>, config: &Config, diags: &mut Diagnostics) -> CratePlan {
    let model = &view.model;
    let service = model.expect(&view.service);
    let aws = service.traits.get("aws.api#service");
    let sdk_id = aws.and_then(|a| a.get("sdkId")).and_then(Node::as_str).unwrap_or(&service.id.name).to_string();
    let renames = service.service().map(|s| s.rename.clone()).unwrap_or_default();
    let checks = checks::CheckPlanner::new(model, &view.closure, config, diags);
    let protocol = Protocol::of(service);
    let json_names = protocol.uses_json_name();
    let mut planner = Planner { model, view, renames, names: BTreeMap::new(), diags, checks, json_names };
    let mut types = BTreeMap::new();
    let mut modules: BTreeMap<String, ShapeId> = BTreeMap::new();
    for id in &view.closure {
        let shape = model.expect(id);
        if !matches!(shape.kind, Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum) {
            continue;
        }
        let Some(tp) = planner.type_plan(shape) else { continue };
        if let Some(other) = modules.insert(tp.module.clone(), id.clone()) {
            planner.diags.error(
                &shape.file,
                id.to_string(),
                format!("shapes `{other}` and `{id}` both map to the Rust module `{}`", tp.module),
            );
            continue;
        }
        types.insert(tp.module.clone(), tp);
    }
    let uses_timestamps = types.values().any(|t| t.tys().any(Ty::has_timestamp));
    let uses_blobs = types.values().any(|t| t.tys().any(Ty::has_blob));
    let uses_floats = types.values().any(|t| t.tys().any(Ty::has_float));
    let title = service.traits.api_str("title").unwrap_or(&sdk_id).to_string();
    let mut client = operations::plan_client(view, protocol, &types, config, planner.diags);
    if let Some(c) = &mut client {
        // The AWS SDKs' service-specific endpoint variable: sdkId words upper-cased, joined by `_`.
        let words: Vec<String> = sdk_id.split([' ', '-']).filter(|w| !w.is_empty()).map(str::to_ascii_uppercase).collect();
        c.endpoint_env = format!("AWS_ENDPOINT_URL_{}", words.join("_"));
    }
    let endpoints = endpoints::plan(view, &types, config.partitions_dir.as_deref(), planner.diags);
    if let (Some(c), Some(ep)) = (&mut client, &endpoints) {
        for op in &mut c.operations {
            op.endpoint_binding = ep.bindings.get(&op.id.name).map(|b| b.function.clone());
        }
    }
    if let Some(client) = &client {
        let outputs = client.operations.iter().flat_map(|o| std::iter::once(&o.output).chain(o.errors.iter().map(|e| &e.type_name)));
        let read = reached(&types, outputs);
        let written = reached(&types, client.operations.iter().map(|o| &o.input));
        for tp in types.values_mut() {
            tp.read_by_client = read.contains(&tp.name);
            tp.written_by_client = written.contains(&tp.name);
        }
    }
    let cli = client.as_ref().map(|c| cli::plan(model, &view.service, c, &types, config));
    let (patterns, pattern_names) = planner.checks.into_patterns();
    for tp in types.values_mut() {
        match &mut tp.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| f.checks.name_patterns(&pattern_names)),
            TypeKind::Union(v) => v.iter_mut().for_each(|v| v.checks.name_patterns(&pattern_names)),
            _ => {}
        }
    }
    let operations = || client.iter().flat_map(|c| &c.operations);
    let runtime = RuntimeParts {
        timestamps: uses_timestamps,
        floats: uses_floats,
        blobs: uses_blobs,
        validation: types.values().any(|t| t.validates) || client.is_some(),
        client: client.is_some(),
        compression: operations().any(|o| o.gzip),
        checksums: operations().any(|o| o.checksum_required),
        // The client's endpoint types live there too.
        endpoints: endpoints.is_some() || client.is_some(),
    };
    let mut limits = Vec::new();
    if protocol.types_only() {
        let text = format!(
            "No client: the service's protocol, {}, is not supported yet. This crate has the service's types and validators only, without wire code.",
            protocol.name()
        );
        planner.diags.warning(&service.file, service.id.to_string(), text.clone());
        limits.push(text);
    }
    if let Some(c) = &client {
        limits.extend(c.left_out.iter().cloned());
    }
    CratePlan {
        json: !protocol.types_only(),
        limits,
        crate_name: naming::crate_name(&sdk_id),
        service: view.service.clone(),
        docs: crate::docs::to_rustdoc(service.traits.documentation().unwrap_or_default()),
        title,
        version: service.service().map(|s| s.version.clone()).unwrap_or_default(),
        types,
        runtime,
        patterns,
        sources,
        client,
        cli,
        endpoints,
    }
}

/// The Rust type of a value of shape `target`, `named` naming the structures, unions and enums;
/// `None` for a shape that is not data (or not in the model).
pub fn value_ty(model: &Model, target: &ShapeId, named: &mut dyn FnMut(&Shape) -> String) -> Option<Ty> {
    let shape = model.shape(target)?;
    let member = |i: usize| shape.members.get(i).map(|m| &m.target);
    Some(match shape.kind {
        Kind::Blob => Ty::Blob,
        Kind::Boolean => Ty::Bool,
        Kind::String => Ty::String,
        Kind::Byte => Ty::I8,
        Kind::Short => Ty::I16,
        Kind::Integer => Ty::I32,
        Kind::Long => Ty::I64,
        Kind::Float => Ty::F32,
        Kind::Double => Ty::F64,
        Kind::BigInteger => Ty::BigInteger,
        Kind::BigDecimal => Ty::BigDecimal,
        Kind::Timestamp => Ty::Timestamp,
        Kind::Document => Ty::Document,
        Kind::Enum | Kind::IntEnum | Kind::Structure | Kind::Union => Ty::Named(named(shape)),
        Kind::List => Ty::List(Box::new(value_ty(model, member(0)?, named)?), shape.traits.has("sparse")),
        Kind::Map => Ty::Map(
            Box::new(value_ty(model, member(0)?, named)?),
            Box::new(value_ty(model, member(1)?, named)?),
            shape.traits.has("sparse"),
        ),
        Kind::Service(_) | Kind::Operation(_) | Kind::Resource(_) => return None,
    })
}

/// Names of the types reachable from `roots` (type names) through fields and variants.
fn reached<'a>(types: &BTreeMap<String, TypePlan>, roots: impl Iterator<Item = &'a String>) -> std::collections::BTreeSet<String> {
    let by_name: BTreeMap<&str, &TypePlan> = types.values().map(|t| (t.name.as_str(), t)).collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut stack: Vec<String> = roots.cloned().collect();
    while let Some(name) = stack.pop() {
        let Some(tp) = by_name.get(name.as_str()) else { continue };
        if !seen.insert(name) {
            continue;
        }
        for ty in tp.tys() {
            ty.named(&mut |n| stack.push(n.to_string()));
        }
    }
    seen
}

impl TypePlan {
    fn tys(&self) -> Box<dyn Iterator<Item = &Ty> + '_> {
        match &self.kind {
            TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty)),
            TypeKind::Union(v) => Box::new(v.iter().filter_map(|v| v.ty.as_ref())),
            _ => Box::new(std::iter::empty()),
        }
    }
}

struct Planner<'a> {
    model: &'a Model,
    view: &'a ServiceView,
    renames: BTreeMap<ShapeId, String>,
    /// Rust type name → shape, to catch two shapes with one name.
    names: BTreeMap<String, ShapeId>,
    diags: &'a mut Diagnostics,
    checks: checks::CheckPlanner<'a>,
    /// Members travel under their `@jsonName` (restJson1; the awsJson protocols ignore it).
    json_names: bool,
}

impl Planner<'_> {
    /// The Rust type name of a shape, with the renames applied and recorded in `notes`.
    fn type_name(&self, shape: &Shape) -> (String, Option<String>) {
        let model_name = self.renames.get(&shape.id).cloned().unwrap_or_else(|| shape.id.name.clone());
        let name = naming::type_name(&model_name);
        if naming::RESERVED_TYPE_NAMES.contains(&name.as_str()) {
            let renamed = format!("{name}Shape");
            let note = format!("Renamed from `{name}` (the model's name), which the generated crate uses for its own items.");
            return (renamed, Some(note));
        }
        let escaped = name != heck::ToUpperCamelCase::to_upper_camel_case(model_name.as_str());
        let note = escaped.then(|| format!("Renamed from `{model_name}`, which is not usable as a Rust type name."));
        (name, note)
    }

    fn type_plan(&mut self, shape: &Shape) -> Option<TypePlan> {
        let (name, note) = self.type_name(shape);
        if let Some(other) = self.names.insert(name.clone(), shape.id.clone()) {
            self.diags.error(
                &shape.file,
                shape.id.to_string(),
                format!("shapes `{other}` and `{}` both map to the Rust type name `{name}`", shape.id),
            );
            return None;
        }
        let mut docs = docs_or(shape.traits.documentation(), || format!("The `{}` shape of the model.", shape.id.name));
        if let Some(note) = note {
            docs.push(String::new());
            docs.push(note);
        }
        let kind = match shape.kind {
            Kind::Structure => TypeKind::Struct(self.struct_plan(shape, &name)),
            Kind::Union => TypeKind::Union(self.union_plan(shape)),
            Kind::Enum => TypeKind::Enum(self.enum_plan(shape)),
            Kind::IntEnum => TypeKind::IntEnum(self.int_enum_plan(shape)),
            _ => return None,
        };
        let sensitive = shape.traits.has("sensitive");
        let redact = sensitive
            || match &kind {
                TypeKind::Struct(s) => s.fields.iter().any(|f| f.sensitive),
                TypeKind::Union(v) => v.iter().any(|v| v.sensitive),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => false,
            };
        let builder = matches!(kind, TypeKind::Struct(_)).then(|| format!("{name}Builder"));
        Some(TypePlan {
            id: shape.id.clone(),
            module: naming::module_name(&name),
            name,
            docs,
            sensitive,
            redact,
            builder,
            validates: self.checks.validates(&shape.id),
            read_by_client: false,
            written_by_client: false,
            kind,
        })
    }

    fn ty(&mut self, target: &ShapeId) -> Ty {
        let model = self.model;
        value_ty(model, target, &mut |shape| self.type_name(shape).0).expect("validated: members target data")
    }

    /// The timestamp format of a member's value (member trait, then target, then list/map members).
    fn timestamp_format(&self, member: &Member) -> Option<&'static str> {
        let target = self.model.expect(&member.target);
        let direct = member.traits.timestamp_format().or(target.traits.timestamp_format());
        let format = match (&target.kind, direct) {
            (Kind::Timestamp, f) => f.unwrap_or("epoch-seconds"),
            (Kind::List, _) => return self.timestamp_format(&target.members[0]),
            (Kind::Map, _) => return self.timestamp_format(&target.members[1]),
            _ => return None,
        };
        Some(match format {
            "date-time" => "date-time",
            "http-date" => "http-date",
            _ => "epoch-seconds",
        })
    }

    /// Whether `Debug` must hide a member's value: its target is `@sensitive`, or holds sensitive
    /// values (a list or map of them, at any depth).
    fn sensitive(&self, member: &Member) -> bool {
        let target = self.model.expect(&member.target);
        member.traits.has("sensitive")
            || target.traits.has("sensitive")
            || (matches!(target.kind, Kind::List | Kind::Map) && target.members.iter().any(|m| self.sensitive(m)))
    }

    fn struct_plan(&mut self, shape: &Shape, type_name: &str) -> StructPlan {
        let is_input = shape.traits.has("input");
        let mut fields = Vec::new();
        let mut idents = BTreeMap::new();
        // Plain field names, to spot members named like another member's builder methods.
        let plain: Vec<String> = shape.members.iter().map(|m| naming::field_name(&m.name)).collect();
        for m in &shape.members {
            let target = self.model.expect(&m.target);
            let default = m.traits.default_value().or(target.traits.default_value()).filter(|d| !matches!(d, Node::Null)).cloned();
            // A member-level `@default(null)` removes the target's default.
            let default = if matches!(m.traits.default_value(), Some(Node::Null)) { None } else { default };
            let has_required = m.traits.has("required");
            let optional = is_input || m.traits.has("clientOptional") || !(has_required || default.is_some());
            let mut ident = naming::field_name(&m.name);
            let checks = self.checks.member(&shape.id, m, self.diags);
            let mut docs = docs_or(m.traits.documentation(), || format!("The `{}` member.", m.name));
            if let Some(c) = constraint_summary(m, target, self.checks.pattern_note(&shape.id, m)) {
                docs.push(String::new());
                docs.push(c);
            }
            if naming::RESERVED_FIELD_NAMES.contains(&ident.as_str()) {
                docs.push(String::new());
                docs.push(format!("Renamed from `{ident}`, which the builder API uses for its own method."));
                ident = format!("{ident}_value");
            } else if let Some(other) =
                ["set_", "get_"].iter().filter_map(|p| ident.strip_prefix(p)).find(|rest| plain.iter().any(|o| naming::bare(o) == *rest))
            {
                docs.push(String::new());
                docs.push(format!("Renamed from `{ident}`, which the builder uses for its methods of the `{other}` member."));
                ident = format!("{ident}_value");
            }
            if let Some(prev) = idents.insert(ident.clone(), m.name.clone()) {
                self.diags.error(
                    &shape.file,
                    shape.id.with_member(&m.name).to_string(),
                    format!("members `{prev}` and `{}` both map to the Rust field `{ident}`", m.name),
                );
                continue;
            }
            let ty = self.ty(&m.target);
            let required = has_required && default.is_none();
            let default = if optional && is_input { None } else { default };
            let default = default.map(|node| {
                defaults::typed(&ty, &node).unwrap_or_else(|e| {
                    // As the AWS SDKs do with a default they cannot read: the type's zero value.
                    let at = shape.id.with_member(&m.name).to_string();
                    self.diags.warning(&shape.file, at, format!("@default of `{type_name}` read as the zero value: {e}"));
                    DefaultValue::Empty
                })
            });
            let bare = naming::bare(&ident).to_string();
            fields.push(FieldPlan {
                wire: m.traits.json_name().filter(|_| self.json_names).unwrap_or(&m.name).to_string(),
                member: m.name.clone(),
                default_fn: (!optional && default.is_some()).then(|| format!("default_{bare}")),
                setter: format!("set_{bare}"),
                getter: format!("get_{bare}"),
                ident,
                docs,
                ty,
                optional,
                boxed: self.view.boxed.contains(&shape.id.with_member(&m.name)),
                required,
                default,
                sensitive: self.sensitive(m),
                timestamp: self.timestamp_format(m),
                checks,
                required_check: self.checks.required_check(shape, m),
            });
        }
        let error = shape.traits.error().map(|fault| ErrorPlan {
            code: shape.id.name.clone(),
            fault: fault.to_string(),
            message_field: fields
                .iter()
                // A sensitive message stays out of `Display`, as it stays out of `Debug`.
                .find(|f| {
                    matches!(f.member.as_str(), "message" | "Message" | "errorMessage" | "ErrorMessage")
                        && f.ty == Ty::String
                        && !f.sensitive
                })
                .map(|f| (f.ident.clone(), f.optional)),
        });
        // Member order follows names, not the JSON's key order, so output is the same however the file is ordered.
        fields.sort_by(|a, b| a.member.cmp(&b.member));
        StructPlan { fields, error }
    }

    fn union_plan(&mut self, shape: &Shape) -> Vec<VariantPlan> {
        let mut out = Vec::new();
        let mut idents = BTreeMap::new();
        for m in &shape.members {
            let mut ident = naming::type_name(&m.name);
            let mut docs = docs_or(m.traits.documentation(), || format!("The `{}` member.", m.name));
            if ident == "Unknown" {
                ident = "UnknownValue".into();
                docs.push(String::new());
                docs.push(format!("Renamed from `{}`: `Unknown` holds members this crate does not know.", m.name));
            }
            if let Some(prev) = idents.insert(ident.clone(), m.name.clone()) {
                self.diags.error(
                    &shape.file,
                    shape.id.with_member(&m.name).to_string(),
                    format!("members `{prev}` and `{}` both map to the Rust variant `{ident}`", m.name),
                );
                continue;
            }
            let unit = m.target == ShapeId::prelude("Unit");
            let method = naming::bare(&naming::field_name(&ident)).to_string();
            out.push(VariantPlan {
                wire: m.traits.json_name().filter(|_| self.json_names).unwrap_or(&m.name).to_string(),
                member: m.name.clone(),
                is_method: format!("is_{method}"),
                as_method: format!("as_{method}"),
                method,
                ident,
                docs,
                ty: if unit { None } else { Some(self.ty(&m.target)) },
                boxed: self.view.boxed.contains(&shape.id.with_member(&m.name)),
                sensitive: self.sensitive(m),
                timestamp: self.timestamp_format(m),
                checks: self.checks.member(&shape.id, m, self.diags),
            });
        }
        out.sort_by(|a, b| a.member.cmp(&b.member));
        out
    }

    fn variant_ident(
        &mut self,
        shape: &Shape,
        m: &Member,
        idents: &mut BTreeMap<String, String>,
        docs: &mut Vec<String>,
    ) -> Option<String> {
        let mut ident = naming::type_name(&m.name);
        if ident == "Unknown" {
            ident = "UnknownValue".into();
            docs.push(String::new());
            docs.push(format!("Renamed from `{}`: `Unknown` holds values this crate does not know.", m.name));
        }
        if let Some(prev) = idents.insert(ident.clone(), m.name.clone()) {
            self.diags.error(
                &shape.file,
                shape.id.with_member(&m.name).to_string(),
                format!("members `{prev}` and `{}` both map to the Rust variant `{ident}`", m.name),
            );
            return None;
        }
        Some(ident)
    }

    fn enum_plan(&mut self, shape: &Shape) -> Vec<EnumVariant> {
        let mut out = Vec::new();
        let mut idents = BTreeMap::new();
        for m in sorted(&shape.members) {
            let value = m.traits.api_str("enumValue").unwrap_or(&m.name).to_string();
            let mut docs = docs_or(m.traits.documentation(), || format!("The value `{value}`."));
            let Some(ident) = self.variant_ident(shape, m, &mut idents, &mut docs) else { continue };
            out.push(EnumVariant { member: m.name.clone(), ident, value, docs });
        }
        out
    }

    fn int_enum_plan(&mut self, shape: &Shape) -> Vec<IntEnumVariant> {
        let mut out = Vec::new();
        let mut idents = BTreeMap::new();
        for m in sorted(&shape.members) {
            let value = m.traits.api("enumValue").and_then(Node::as_number).and_then(|n| n.as_i64()).unwrap_or_default() as i32;
            let mut docs = docs_or(m.traits.documentation(), || format!("The value `{value}`."));
            let Some(ident) = self.variant_ident(shape, m, &mut idents, &mut docs) else { continue };
            out.push(IntEnumVariant { member: m.name.clone(), ident, value, docs });
        }
        out
    }
}

fn docs_or(doc: Option<&str>, fallback: impl FnOnce() -> String) -> Vec<String> {
    let lines = doc.map(crate::docs::to_rustdoc).unwrap_or_default();
    if lines.is_empty() { vec![fallback()] } else { lines }
}

fn sorted(members: &[Member]) -> Vec<&Member> {
    let mut v: Vec<&Member> = members.iter().collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// A one-line summary of the member's effective constraints (member traits supersede the target's),
/// so a reader sees them where the field is documented.
/// The member's constraints for its docs; `pattern_note` says why its pattern is not checked.
fn constraint_summary(m: &Member, target: &Shape, pattern_note: Option<&str>) -> Option<String> {
    let pick = |name: &str| m.traits.api(name).or(target.traits.api(name));
    let mut parts = Vec::new();
    for (name, label) in [("length", "length"), ("range", "range")] {
        if let Some(obj) = pick(name).and_then(Node::as_object) {
            let bound = |k: &str| obj.get(k).and_then(Node::as_number).map(|n| n.to_string());
            parts.push(match (bound("min"), bound("max")) {
                (Some(lo), Some(hi)) => format!("{label} {lo}..={hi}"),
                (Some(lo), None) => format!("{label} at least {lo}"),
                (None, Some(hi)) => format!("{label} at most {hi}"),
                (None, None) => continue,
            });
        }
    }
    if let Some(p) = pick("pattern").and_then(Node::as_str).map(crate::docs::visible) {
        let p = p.as_str();
        // Backticks inside the pattern would end the code span; use a longer fence then.
        let fence = if p.contains('`') { "`` " } else { "`" };
        let close = if p.contains('`') { " ``" } else { "`" };
        let note = pattern_note.map(|n| format!(" ({n})")).unwrap_or_default();
        parts.push(format!("pattern {fence}{p}{close}{note}"));
    }
    if pick("uniqueItems").is_some() {
        parts.push("unique items".to_string());
    }
    if parts.is_empty() { None } else { Some(format!("Constraints: {}.", parts.join("; "))) }
}
