//! Operations: what the client of a restJson1 or awsJson service needs to know about each
//! operation — its Rust names, the HTTP binding of every input and output member (restJson1) or its
//! `X-Amz-Target` (awsJson), its errors and its pagination.

use super::protocol::Protocol;
use super::{FieldPlan, Ty, TypeKind, TypePlan};
use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::json::Node;
use crate::model::{Kind, Member, Model, Shape, ShapeId};
use crate::naming;
use crate::transform::ServiceView;
use std::collections::{BTreeMap, BTreeSet};

/// The client side of a service: present when its protocol is restJson1, awsJson1_0 or awsJson1_1.
pub struct ClientPlan {
    pub protocol: Protocol,
    /// SigV4 signing name (`aws.auth#sigv4` `name`), falling back to the endpoint prefix.
    pub signing_name: String,
    /// `aws.api#service` `endpointPrefix` (the default endpoint is `https://{prefix}.{region}.amazonaws.com`).
    pub endpoint_prefix: String,
    /// The environment variable of a service-specific endpoint URL (`AWS_ENDPOINT_URL_CONNECT`).
    pub endpoint_env: String,
    /// The service in the user agent (`api/<name>/<version>`): the sdkId lowercased, without spaces.
    pub ua_name: String,
    /// The trait with one method per operation, implemented by the client and the stub (`ConnectApi`).
    pub api_trait: String,
    pub operations: Vec<OperationPlan>,
    /// Operations the client leaves out, each with the reason (for the crate docs).
    pub left_out: Vec<String>,
}

pub struct OperationPlan {
    pub id: ShapeId,
    /// The function of `crate::endpoint::bind` setting what the operation binds from its input
    /// into the endpoint parameters, when it binds something.
    pub endpoint_binding: Option<String>,
    /// Module under `src/operation/` and the client method name.
    pub module: String,
    pub method: String,
    /// The marker type implementing the runtime's `Operation` trait (the operation's name).
    pub marker: String,
    pub docs: Vec<String>,
    pub input: String,
    pub output: String,
    pub http_method: String,
    /// The path of the `@http` URI, split into literals and labels.
    pub path: Vec<UriPart>,
    /// Literal query parameters of the `@http` URI (`?x=1&y`).
    pub uri_query: Vec<(String, Option<String>)>,
    pub code: u16,
    /// `@endpoint` host prefix, with `{label}` parts referring to `@hostLabel` members.
    pub host_prefix: Option<Vec<UriPart>>,
    pub request: Vec<Binding>,
    pub request_body: Body,
    pub response: Vec<Binding>,
    pub response_body: Body,
    pub errors: Vec<ErrorRef>,
    pub pagination: Option<Pagination>,
    /// The input type has `validate()`.
    pub validates: bool,
    /// Index in `errors` of the error the service answers invalid input with.
    pub validation_error: Option<usize>,
    /// An idempotency token member (field ident) filled with a UUID when unset.
    pub idempotency_token: Option<String>,
    /// `@requestCompression` lists gzip (the only encoding the runtime knows).
    pub gzip: bool,
    /// `@httpChecksumRequired`: a `Content-MD5` header.
    pub checksum_required: bool,
    /// awsJson: the request's target and content type (`POST /`, the whole input as the body).
    pub rpc: Option<Rpc>,
}

/// What an awsJson request carries besides its JSON body.
pub struct Rpc {
    /// `X-Amz-Target`: `<service shape name>.<operation name>`.
    pub target: String,
    pub content_type: &'static str,
    /// `@awsQueryCompatible`: the request says so with `x-amzn-query-mode: true`.
    pub query_mode: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum UriPart {
    Literal(String),
    /// A label: the member's field ident, its member name, whether it is greedy, and its value kind.
    Label {
        field: String,
        member: String,
        greedy: bool,
        value: Value,
        optional: bool,
    },
}

/// Where a member travels.
#[derive(Clone, Debug, PartialEq)]
pub enum Location {
    Label,
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
}

/// One bound member.
#[derive(Clone, Debug)]
pub struct Binding {
    pub member: String,
    pub field: String,
    /// The member's JSON key (its `jsonName` or name), used to merge response values.
    pub wire: String,
    pub location: Location,
    pub value: Value,
    pub optional: bool,
    /// The field's Rust type, as planned for the structure.
    pub ty: Ty,
    /// The timestamp format the field's serde codec uses (for merging into the output).
    pub field_timestamp: Option<&'static str>,
}

/// The kind of value a bound member holds, with what its wire form needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String {
        media_type: bool,
    },
    Enum,
    IntEnum,
    Bool,
    Integer,
    Float,
    /// A timestamp with the format of its location (`date-time`, `http-date`, `epoch-seconds`).
    Timestamp(&'static str),
    Blob {
        media_type: Option<String>,
    },
    /// Structure (`object`), union or document: JSON.
    Json {
        object: bool,
    },
    List(Box<Value>),
    /// Map of string to a value (prefix headers, query params).
    Map(Box<Value>),
}

/// How the remaining members travel in the body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// No body members.
    None,
    /// A JSON object of the listed members (wire names of the members that are *not* in the body
    /// are in `bound`, so a serialized value can drop them).
    Json { bound: Vec<String>, all_bound_optional: bool },
    /// `@httpPayload` member (its field ident is in the matching binding).
    Payload,
}

pub struct ErrorRef {
    pub variant: String,
    pub type_name: String,
    /// The error structure's module under `types`, for its reader function.
    pub module: String,
    pub code: String,
    pub status: u16,
    /// The message field (ident, optional) if any.
    pub message_field: Option<(String, bool)>,
    /// Members bound to headers, the status code or the payload, and the body.
    pub bindings: Vec<Binding>,
    pub body: Body,
    /// How to build this error from a message: `Some(true)` when `build()` is fallible
    /// (the message is its only required member), `Some(false)` infallible, `None` when impossible.
    pub from_message: Option<bool>,
    /// `@retryable`: `Some(throttling)`.
    pub retryable: Option<bool>,
    /// `@awsQueryError` code of an `@awsQueryCompatible` service: what `code()` reports.
    pub query_code: Option<String>,
}

/// `@paginated`, with service defaults merged and members resolved to fields.
pub struct Pagination {
    /// The client's paginator method (`<method>_paginator`).
    pub method: String,
    pub input_token: String,
    pub output_token: String,
    pub output_token_optional: bool,
    /// The token's type: a string, or a map.
    pub token_ty: Ty,
    pub page_size: Option<String>,
    /// Items member: field ident, element type, whether the field is an `Option`.
    pub items: Option<(String, Ty, bool)>,
    /// The list the follow mode watches for new entries (the items, else the output's only list).
    pub follow_items: Option<(String, bool)>,
    /// The paginator's doc paragraph on follow mode, for the operations `codegen.toml` lists in `follow`.
    pub follow_doc: Option<String>,
}

/// Client method names the generated `Client` uses itself.
const RESERVED_METHODS: &[&str] = &["new", "config", "from_env", "with_transport", "builder"];

pub fn plan_client(
    view: &ServiceView,
    protocol: Protocol,
    types: &BTreeMap<String, TypePlan>,
    config: &Config,
    diags: &mut Diagnostics,
) -> Option<ClientPlan> {
    let model = &view.model;
    let service = model.expect(&view.service);
    if !protocol.has_client() {
        return None;
    }
    let query_compatible = protocol.is_aws_json() && service.traits.get("aws.protocols#awsQueryCompatible").is_some();
    let by_id: BTreeMap<&ShapeId, &TypePlan> = types.values().map(|t| (&t.id, t)).collect();
    let aws = service.traits.get("aws.api#service");
    let sdk_id = aws.and_then(|a| a.get("sdkId")).and_then(Node::as_str).unwrap_or(&service.id.name).to_string();
    let endpoint_prefix =
        aws.and_then(|a| a.get("endpointPrefix")).and_then(Node::as_str).map(str::to_string).unwrap_or_else(|| naming::crate_name(&sdk_id));
    let signing_name = service
        .traits
        .get("aws.auth#sigv4")
        .and_then(|s| s.get("name"))
        .and_then(Node::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| endpoint_prefix.clone());
    let service_errors = service.service().map(|s| s.errors.clone()).unwrap_or_default();
    let service_paginated = service.traits.paginated();
    let follow: BTreeSet<&str> = config.follow(&view.service).collect();
    for name in &follow {
        if !view.operations.iter().any(|o| o.name == *name && model.expect(o).traits.paginated().is_some()) {
            diags.error(
                crate::config::FILE_NAME,
                format!("services.\"{}\".follow", view.service),
                format!("`{name}` is not a paginated operation of the service"),
            );
        }
    }
    let validation_errors = config.validation_errors(&view.service);
    let mut operations = Vec::new();
    let mut left_out = Vec::new();
    let mut methods: BTreeMap<String, ShapeId> = BTreeMap::new();
    for op_id in &view.operations {
        let shape = model.expect(op_id);
        let Some(op) = shape.operation() else { continue };
        // awsJson has one binding for every operation: `POST /`, everything in the body.
        let http = if protocol.is_aws_json() {
            crate::model::traits::Http { method: "POST".into(), uri: "/".into(), code: 200 }
        } else {
            let Some(http) = shape.traits.http() else {
                diags.warning(&shape.file, op_id.to_string(), "operation has no `@http` trait; the client leaves it out");
                continue;
            };
            http
        };
        let (Some(input), Some(output)) = (by_id.get(&op.input), by_id.get(&op.output)) else { continue };
        let (TypeKind::Struct(in_plan), TypeKind::Struct(out_plan)) = (&input.kind, &output.kind) else { continue };
        let in_shape = model.expect(&op.input);
        let out_shape = model.expect(&op.output);
        // An event stream (a member targeting a `@streaming` union) is not one JSON body.
        let streams = |s: &Shape| {
            s.members.iter().any(|m| model.shape(&m.target).is_some_and(|t| t.kind == Kind::Union && t.traits.has("streaming")))
        };
        if streams(in_shape) || streams(out_shape) {
            let why = "it uses an event stream, which the client does not support yet";
            diags.warning(&shape.file, op_id.to_string(), format!("the client leaves the operation out: {why}"));
            left_out.push(format!("`{}` is not in the client: {why}.", op_id.name));
            continue;
        }
        let mut method = naming::module_name(&naming::type_name(&op_id.name));
        if RESERVED_METHODS.contains(&method.as_str()) || method.ends_with("_paginator") {
            method.push_str("_op");
        }
        if let Some(other) = methods.insert(method.clone(), op_id.clone()) {
            diags.error(
                &shape.file,
                op_id.to_string(),
                format!("operations `{other}` and `{op_id}` both map to the client method `{method}`"),
            );
            continue;
        }
        let request = bindings(protocol, model, in_shape, &in_plan.fields, true);
        let response = bindings(protocol, model, out_shape, &out_plan.fields, false);
        let (path, uri_query) = split_uri(&http.uri, &request);
        let host_prefix = shape
            .traits
            .api("endpoint")
            .and_then(|e| e.get("hostPrefix"))
            .and_then(Node::as_str)
            .map(|p| host_prefix(p, in_shape, &in_plan.fields, model));
        let mut errors = Vec::new();
        let mut error_ids: Vec<ShapeId> = op.errors.clone();
        error_ids.extend(service_errors.iter().cloned());
        error_ids.sort();
        error_ids.dedup();
        for e in &error_ids {
            if let Some(r) = error_ref(protocol, query_compatible, model, e, &by_id) {
                errors.push(r);
            }
        }
        let mut pagination = shape
            .traits
            .paginated()
            .map(|p| merge_paginated(p, service_paginated.as_ref()))
            .and_then(|p| pagination(&p, &in_plan.fields, &out_plan.fields, &method));
        if let Some(p) = pagination.as_mut().filter(|_| follow.contains(op_id.name.as_str())) {
            p.follow_doc = p.follow_items.as_ref().map(|(list, _)| {
                format!(
                    "A present `{}` with no new {} means more may come later: use `.follow(interval)` to keep polling until the token is absent.",
                    naming::type_name(&p.output_token),
                    list.replace('_', " ")
                )
            });
        }
        let validation_error =
            validation_errors.iter().find_map(|name| errors.iter().position(|e| e.code == *name && e.from_message.is_some()));
        let idempotency_token = in_shape
            .members
            .iter()
            .find(|m| m.traits.has("idempotencyToken") && model.expect(&m.target).kind == Kind::String)
            .and_then(|m| in_plan.fields.iter().find(|f| f.member == m.name))
            .map(|f| f.ident.clone());
        let gzip = shape
            .traits
            .api("requestCompression")
            .and_then(|t| t.get("encodings"))
            .and_then(Node::as_array)
            .is_some_and(|e| e.iter().any(|e| e.as_str().is_some_and(|e| e.eq_ignore_ascii_case("gzip"))));
        operations.push(OperationPlan {
            endpoint_binding: None,
            id: op_id.clone(),
            module: method.clone(),
            method,
            marker: naming::type_name(&op_id.name),
            docs: docs(shape),
            input: input.name.clone(),
            output: output.name.clone(),
            http_method: http.method.to_ascii_uppercase(),
            path,
            uri_query,
            code: http.code,
            host_prefix,
            // awsJson always sends a JSON object, `{}` for an empty input.
            request_body: if protocol.is_aws_json() {
                Body::Json { bound: Vec::new(), all_bound_optional: true }
            } else {
                body(&request, &in_plan.fields)
            },
            request,
            response_body: body(&response, &out_plan.fields),
            response,
            errors,
            pagination,
            validates: input.validates,
            validation_error,
            idempotency_token,
            gzip,
            checksum_required: shape.traits.has("httpChecksumRequired"),
            rpc: protocol.is_aws_json().then(|| Rpc {
                target: format!("{}.{}", view.service.name, op_id.name),
                content_type: protocol.content_type(),
                query_mode: query_compatible,
            }),
        });
    }
    let api_trait = format!("{}Api", naming::type_name(&sdk_id));
    let ua_name = sdk_id.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    Some(ClientPlan { protocol, signing_name, endpoint_prefix, endpoint_env: String::new(), ua_name, api_trait, operations, left_out })
}

fn docs(shape: &Shape) -> Vec<String> {
    let lines = shape.traits.documentation().map(crate::docs::to_rustdoc).unwrap_or_default();
    if lines.is_empty() { vec![format!("Calls the `{}` operation.", shape.id.name)] } else { lines }
}

/// The kind of a member's value at a location, with the location's default timestamp format.
fn value(model: &Model, member: &Member, ts_default: &'static str) -> Value {
    let target = model.expect(&member.target);
    let format = || -> &'static str {
        match member.traits.timestamp_format().or(target.traits.timestamp_format()) {
            Some("date-time") => "date-time",
            Some("http-date") => "http-date",
            Some("epoch-seconds") => "epoch-seconds",
            _ => ts_default,
        }
    };
    match &target.kind {
        Kind::String => Value::String { media_type: target.traits.has("mediaType") },
        Kind::Enum => Value::Enum,
        Kind::IntEnum => Value::IntEnum,
        Kind::Boolean => Value::Bool,
        Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::BigInteger => Value::Integer,
        Kind::Float | Kind::Double | Kind::BigDecimal => Value::Float,
        Kind::Timestamp => Value::Timestamp(format()),
        Kind::Blob => Value::Blob { media_type: target.traits.api_str("mediaType").map(str::to_string) },
        Kind::Structure => Value::Json { object: true },
        Kind::Document | Kind::Union => Value::Json { object: false },
        Kind::List => Value::List(Box::new(value(model, &target.members[0], ts_default))),
        Kind::Map => Value::Map(Box::new(value(model, &target.members[1], ts_default))),
        _ => Value::Json { object: false },
    }
}

fn bindings(protocol: Protocol, model: &Model, shape: &Shape, fields: &[FieldPlan], input: bool) -> Vec<Binding> {
    let mut out = Vec::new();
    // awsJson ignores the HTTP binding traits: every member is in the body.
    if protocol.is_aws_json() {
        return out;
    }
    for m in &shape.members {
        let Some(field) = fields.iter().find(|f| f.member == m.name) else { continue };
        let t = &m.traits;
        let (location, ts) = if t.has("httpLabel") && input {
            (Location::Label, "date-time")
        } else if let (Some(q), true) = (t.api_str("httpQuery"), input) {
            (Location::Query(q.to_string()), "date-time")
        } else if t.has("httpQueryParams") && input {
            (Location::QueryParams, "date-time")
        } else if let Some(h) = t.api_str("httpHeader") {
            (Location::Header(h.to_string()), "http-date")
        } else if let Some(p) = t.api_str("httpPrefixHeaders") {
            (Location::PrefixHeaders(p.to_string()), "http-date")
        } else if t.has("httpPayload") {
            (Location::Payload, "epoch-seconds")
        } else if t.has("httpResponseCode") && !input {
            (Location::ResponseCode, "epoch-seconds")
        } else {
            continue;
        };
        out.push(Binding {
            member: m.name.clone(),
            field: field.ident.clone(),
            wire: field.wire.clone(),
            location,
            value: value(model, m, ts),
            optional: field.optional,
            ty: field.ty.clone(),
            field_timestamp: field.timestamp,
        });
    }
    // Member names, not the JSON's key order, decide the order, so output is the same however the file is ordered.
    out.sort_by(|a, b| a.member.cmp(&b.member));
    out
}

fn body(bound: &[Binding], fields: &[FieldPlan]) -> Body {
    if bound.iter().any(|b| b.location == Location::Payload) {
        return Body::Payload;
    }
    if fields.len() == bound.len() {
        return Body::None;
    }
    Body::Json { bound: bound.iter().map(|b| b.wire.clone()).collect(), all_bound_optional: bound.iter().all(|b| b.optional) }
}

/// Splits `/a/{B}/c/{D+}?x=1&y` into path parts and literal query parameters.
fn split_uri(uri: &str, request: &[Binding]) -> (Vec<UriPart>, Vec<(String, Option<String>)>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let query = query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| match q.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (q.to_string(), None),
        })
        .collect();
    (template(path, request), query)
}

/// Literal and `{label}` parts of a URI path or host prefix.
fn template(text: &str, bound: &[Binding]) -> Vec<UriPart> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            parts.push(UriPart::Literal(rest[..start].to_string()));
        }
        let Some(end) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + end];
        let (name, greedy) = match name.strip_suffix('+') {
            Some(n) => (n, true),
            None => (name, false),
        };
        match bound.iter().find(|b| b.member == name) {
            Some(b) => parts.push(UriPart::Label {
                field: b.field.clone(),
                member: b.member.clone(),
                greedy,
                value: b.value.clone(),
                optional: b.optional,
            }),
            None => parts.push(UriPart::Literal(rest[start..start + end + 1].to_string())),
        }
        rest = &rest[start + end + 1..];
    }
    if !rest.is_empty() {
        parts.push(UriPart::Literal(rest.to_string()));
    }
    parts
}

fn host_prefix(prefix: &str, input: &Shape, fields: &[FieldPlan], model: &Model) -> Vec<UriPart> {
    let labels: Vec<Binding> = input
        .members
        .iter()
        .filter(|m| m.traits.has("hostLabel"))
        .filter_map(|m| {
            let f = fields.iter().find(|f| f.member == m.name)?;
            Some(Binding {
                member: m.name.clone(),
                field: f.ident.clone(),
                wire: f.wire.clone(),
                location: Location::Label,
                value: value(model, m, "date-time"),
                optional: f.optional,
                ty: f.ty.clone(),
                field_timestamp: f.timestamp,
            })
        })
        .collect();
    template(prefix, &labels)
}

fn error_ref(
    protocol: Protocol,
    query_compatible: bool,
    model: &Model,
    id: &ShapeId,
    by_id: &BTreeMap<&ShapeId, &TypePlan>,
) -> Option<ErrorRef> {
    let tp = by_id.get(id)?;
    let TypeKind::Struct(s) = &tp.kind else { return None };
    let e = s.error.as_ref()?;
    let shape = model.expect(id);
    let status = shape
        .traits
        .api("httpError")
        .and_then(Node::as_number)
        .and_then(|n| n.as_u64())
        .map(|n| n as u16)
        .unwrap_or(if e.fault == "server" { 500 } else { 400 });
    let bound = bindings(protocol, model, shape, &s.fields, false);
    let required: Vec<&FieldPlan> = s.fields.iter().filter(|f| f.required).collect();
    let from_message = match (&e.message_field, required.as_slice()) {
        (Some(_), []) => Some(false),
        (Some((m, _)), [only]) if &only.ident == m => Some(true),
        _ => None,
    };
    Some(ErrorRef {
        variant: tp.name.clone(),
        type_name: tp.name.clone(),
        module: tp.module.clone(),
        code: e.code.clone(),
        status,
        message_field: e.message_field.clone(),
        body: body(&bound, &s.fields),
        bindings: bound,
        from_message,
        retryable: shape
            .traits
            .api("retryable")
            .map(|n| n.as_object().and_then(|o| o.get("throttling")).is_some_and(|t| matches!(t, Node::Bool(true)))),
        query_code: query_compatible
            .then(|| shape.traits.get("aws.protocols#awsQueryError").and_then(|q| q.get("code")).and_then(Node::as_str))
            .flatten()
            .map(str::to_string),
    })
}

pub(super) fn merge_paginated(
    op: crate::model::traits::Paginated,
    service: Option<&crate::model::traits::Paginated>,
) -> crate::model::traits::Paginated {
    let mut p = op;
    if let Some(s) = service {
        p.input_token = p.input_token.or(s.input_token.clone());
        p.output_token = p.output_token.or(s.output_token.clone());
        p.items = p.items.or(s.items.clone());
        p.page_size = p.page_size.or(s.page_size.clone());
    }
    p
}

fn pagination(p: &crate::model::traits::Paginated, input: &[FieldPlan], output: &[FieldPlan], method: &str) -> Option<Pagination> {
    fn field<'a>(fields: &'a [FieldPlan], path: &Option<String>) -> Option<&'a FieldPlan> {
        let name = path.as_deref().filter(|n| !n.contains('.'))?;
        fields.iter().find(|f| f.member == name)
    }
    let input_token = field(input, &p.input_token)?;
    let output_token = field(output, &p.output_token)?;
    // A string token, or a map of values (DynamoDB's `ExclusiveStartKey` / `LastEvaluatedKey`).
    if input_token.ty != output_token.ty || !matches!(input_token.ty, Ty::String | Ty::Map(..)) {
        return None;
    }
    let items = field(output, &p.items).and_then(|f| match &f.ty {
        Ty::List(inner, false) => Some((f.ident.clone(), (**inner).clone(), f.optional)),
        _ => None,
    });
    let lists: Vec<&FieldPlan> = output.iter().filter(|f| matches!(f.ty, Ty::List(..))).collect();
    let follow_items = match (&items, lists.as_slice()) {
        (Some((f, _, o)), _) => Some((f.clone(), *o)),
        (None, [only]) => Some((only.ident.clone(), only.optional)),
        _ => None,
    };
    Some(Pagination {
        method: format!("{method}_paginator"),
        input_token: input_token.ident.clone(),
        output_token: output_token.ident.clone(),
        output_token_optional: output_token.optional,
        token_ty: input_token.ty.clone(),
        page_size: field(input, &p.page_size).map(|f| f.ident.clone()),
        items,
        follow_items,
        follow_doc: None,
    })
}
