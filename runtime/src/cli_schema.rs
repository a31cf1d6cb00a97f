//! The command-line tool's view of a service: its operations and the shapes they reach, as static
//! tables the generator writes (`src/cli.rs` of a crate with the `cli` feature). Values move in the
//! AWS CLI's form (member names as keys, timestamps as ISO 8601, blobs as base64) and are turned
//! into the form the crate's types read and write (wire names, the member's timestamp format) here,
//! so the generated part is data plus one generic call per operation.

use super::client::ClientConfig;
use super::transport::BoxFuture;
use ::serde_json::{Map, Number, Value};
use ::std::format;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::{String, ToString};
use ::std::vec::Vec;

/// A service as the tool sees it.
pub struct Service {
    /// The tool's name (the crate's name), e.g. `connect-contact-lens`.
    pub name: &'static str,
    /// The service's title.
    pub title: &'static str,
    /// The service's documentation (Markdown).
    pub doc: &'static str,
    /// The service's facts for the client.
    pub info: super::config::ServiceInfo,
    /// Every named shape an operation reaches; `Ty::Named` indexes this.
    pub types: &'static [Type],
    /// The operations, by CLI name.
    pub operations: &'static [Op],
}

/// One operation.
pub struct Op {
    /// The model's name (`ListRealtimeContactAnalysisSegmentsV2`).
    pub name: &'static str,
    /// The documentation (Markdown).
    pub doc: &'static str,
    /// The input structure (an index into `Service::types`).
    pub input: usize,
    /// The output structure (an index into `Service::types`).
    pub output: usize,
    /// `@paginated`, with member names.
    pub paging: Option<Paging>,
    /// The paginator has a follow mode (`codegen.toml`): a live token means more may come. The
    /// list watched for new items (a path of member names).
    pub follow: Option<&'static str>,
    /// Parses the input (wire form), validates it and, given a client, calls the operation and
    /// returns its output (wire form).
    pub call: Call,
}

/// The generic call of one operation: see [`call`].
pub type Call = for<'a> fn(Option<&'a ClientConfig>, Value) -> BoxFuture<'a, Result<Value, Failure>>;

/// The `@paginated` trait's members (paths of member names, `.`-separated).
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    /// The input member the next page's token goes into.
    pub input_token: &'static str,
    /// The output member with the next page's token.
    pub output_token: &'static str,
    /// The output list the pages add up, if the model names one.
    pub items: Option<&'static str>,
    /// The input member limiting a page's size.
    pub page_size: Option<&'static str>,
}

/// A named shape.
pub struct Type {
    /// The shape's name in the model.
    pub name: &'static str,
    /// What it is, with its members or values.
    pub kind: Kind,
}

/// What a named shape is.
pub enum Kind {
    /// A structure and its members.
    Structure(&'static [Member]),
    /// A union and its members (exactly one is set).
    Union(&'static [Member]),
    /// A string enum and its values.
    Enum(&'static [&'static str]),
    /// An integer enum and its values.
    IntEnum(&'static [i64]),
}

/// A member of a structure or union.
pub struct Member {
    /// The model's member name, the key in the AWS CLI's form.
    pub name: &'static str,
    /// The key in the crate's JSON form.
    pub wire: &'static str,
    /// The value's type.
    pub ty: Ty,
    /// `@required`.
    pub required: bool,
    /// The documentation (Markdown).
    pub doc: &'static str,
}

/// A member's value type.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    /// A string (or a shape the CLI takes as one).
    String,
    /// A boolean: `--flag` / `--no-flag`.
    Boolean,
    /// byte, short, integer, long.
    Integer,
    /// float, double.
    Float,
    /// bigInteger, bigDecimal.
    BigNumber,
    /// A timestamp, and how the crate's JSON form writes it.
    Timestamp(TsFormat),
    /// Bytes: base64 or `fileb://path` on the command line.
    Blob,
    /// Any JSON.
    Document,
    /// A union member targeting `smithy.api#Unit`.
    Unit,
    /// A structure, union or enum (an index into `Service::types`).
    Named(usize),
    /// The element and the element shape's name (the AWS CLI's output skeleton shows it).
    List(&'static Ty, &'static str),
    /// A map's key and value.
    Map(&'static Ty, &'static Ty),
}

/// How the crate's JSON form writes a timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TsFormat {
    /// Seconds since 1970 as a number.
    EpochSeconds,
    /// RFC 3339 (`date-time`).
    DateTime,
    /// RFC 7231 (`http-date`).
    HttpDate,
}

/// Why a command failed, with the AWS CLI's exit code for it.
#[derive(Debug)]
pub enum Failure {
    /// A bad argument or input that fails validation (exit 252). The message names the option or
    /// the JSON path.
    Input(String),
    /// The input breaks the model's constraints (exit 252): each violation's JSON pointer (wire
    /// names) and message.
    Invalid(Vec<(String, String)>),
    /// The service answered with an error (exit 254).
    Service {
        /// The error's code (its shape name).
        code: String,
        /// The service's message.
        message: String,
        /// The request id, for AWS support.
        request_id: Option<String>,
    },
    /// Anything else: no connection, no credentials, a bad configuration (exit 255).
    Other(String),
    /// Ctrl-C (exit 130).
    Interrupted,
}

impl Failure {
    /// The exit code the AWS CLI uses for this kind of failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) | Failure::Invalid(_) => 252,
            Failure::Service { .. } => 254,
            Failure::Other(_) => 255,
            Failure::Interrupted => 130,
        }
    }
}

/// Parses `input` (wire form) into the operation's input, validates it, and with a client calls
/// the operation. Without a client (`--validate-only`) the answer is `null`.
pub fn call<O>(client: Option<&ClientConfig>, input: Value) -> BoxFuture<'_, Result<Value, Failure>>
where
    O: super::operation::Operation,
    O::Input: super::json::FromJson,
    O::Output: ::serde::Serialize,
{
    ::std::boxed::Box::pin(async move {
        let input: O::Input = super::json::from_value(input).map_err(|e| Failure::Input(format!("invalid input: {e}")))?;
        O::validate(&input).map_err(invalid)?;
        let Some(client) = client else { return Ok(Value::Null) };
        match super::client::invoke::<O>(client, input).await {
            Ok(output) => ::serde_json::to_value(&output).map_err(|e| Failure::Other(format!("cannot write the output: {e}"))),
            Err(super::operation::SdkError::Service(e, meta)) => {
                use super::operation::ServiceError as _;
                let request_id = meta.request_id().map(String::from);
                // A response that does not read is no error of the service's: say what is wrong with it.
                if let Some(problem) = e.unhandled().and_then(|u| u.problem()) {
                    let id = request_id.map(|id| format!(" (request id {id})")).unwrap_or_default();
                    return Err(Failure::Other(format!(
                        "The response (HTTP {}) does not read as the model describes it: {}{id}",
                        meta.status(),
                        problem.trim_start_matches("the response body does not read: ")
                    )));
                }
                Err(Failure::Service {
                    // Without a code, the status stands for it, as in the AWS CLI.
                    code: e.code().map_or_else(|| meta.status().to_string(), String::from),
                    message: e.message().unwrap_or_default().to_string(),
                    request_id,
                })
            }
            Err(super::operation::SdkError::InvalidInput(e)) => Err(invalid(e)),
            Err(e) => Err(Failure::Other(with_causes(&e))),
        }
    })
}

/// An error and its causes, each once: `the request could not be sent: request failed: client
/// error (Connect): tcp connect error: Connection refused (os error 111)`.
pub fn with_causes(e: &dyn ::std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

fn invalid(e: super::validate::ValidationError) -> Failure {
    Failure::Invalid(e.violations().iter().map(|v| (v.path.clone(), v.message.clone())).collect())
}

impl Service {
    /// The operation named `cli` (its CLI name).
    pub fn operation(&self, cli: &str) -> Option<&Op> {
        self.operations.iter().find(|o| super::cli_args::cli_name(o.name) == cli)
    }

    /// The members of a structure or union type.
    pub fn members(&self, index: usize) -> &'static [Member] {
        match self.types[index].kind {
            Kind::Structure(m) | Kind::Union(m) => m,
            _ => &[],
        }
    }

    /// A value in the AWS CLI's form turned into the crate's form; `path` names the value in errors.
    pub fn to_wire(&self, ty: Ty, value: Value, path: &str) -> Result<Value, String> {
        let mismatch = |what: &str, v: &Value| Err(format!("invalid type for parameter {path}: expected {what}, got {v}"));
        match ty {
            Ty::Named(i) => match &self.types[i].kind {
                Kind::Structure(members) | Kind::Union(members) => {
                    let Value::Object(object) = value else { return mismatch("an object", &value) };
                    let union = matches!(self.types[i].kind, Kind::Union(_));
                    if union && object.len() != 1 {
                        let names: Vec<&str> = members.iter().map(|m| m.name).collect();
                        return Err(format!("invalid value for parameter {path}: set exactly one of {}", names.join(", ")));
                    }
                    let mut out = Map::new();
                    for (key, v) in object {
                        let Some(m) = members.iter().find(|m| m.name == key) else {
                            let names: Vec<&str> = members.iter().map(|m| m.name).collect();
                            let at = if path.is_empty() { String::from("input") } else { path.to_string() };
                            return Err(format!("unknown parameter in {at}: \"{key}\", must be one of: {}", names.join(", ")));
                        };
                        if v.is_null() && !union {
                            continue;
                        }
                        let inner = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                        out.insert(m.wire.to_string(), self.to_wire(m.ty, v, &inner)?);
                    }
                    Ok(Value::Object(out))
                }
                Kind::Enum(_) => match value {
                    Value::String(_) => Ok(value),
                    other => mismatch("a string", &other),
                },
                Kind::IntEnum(_) => match value {
                    Value::Number(n) if n.is_i64() => Ok(Value::Number(n)),
                    other => mismatch("an integer", &other),
                },
            },
            Ty::String => match value {
                Value::String(_) => Ok(value),
                other => mismatch("a string", &other),
            },
            Ty::Boolean => match value {
                Value::Bool(_) => Ok(value),
                other => mismatch("a boolean", &other),
            },
            Ty::Integer => match value {
                Value::Number(n) if n.is_i64() || n.is_u64() => Ok(Value::Number(n)),
                other => mismatch("an integer", &other),
            },
            Ty::Float => match value {
                Value::Number(_) => Ok(value),
                Value::String(s) if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => Ok(Value::String(s)),
                other => mismatch("a number", &other),
            },
            Ty::BigNumber => match value {
                Value::Number(_) => Ok(value),
                other => mismatch("a number", &other),
            },
            Ty::Timestamp(format) => {
                let t = parse_timestamp(&value).ok_or_else(|| {
                    format!(
                        "invalid timestamp for parameter {path}: {value} (expected ISO 8601, e.g. 2024-05-01T12:00:00Z, or epoch seconds)"
                    )
                })?;
                Ok(write_timestamp(&t, format))
            }
            Ty::Blob => match value {
                Value::String(s) => match ::aws_smithy_types::base64::decode(&s) {
                    Ok(_) => Ok(Value::String(s)),
                    Err(e) => Err(format!("invalid base64 for parameter {path}: {e}")),
                },
                other => mismatch("a base64 string", &other),
            },
            Ty::Document => Ok(value),
            Ty::Unit => match value {
                Value::Object(o) if o.is_empty() => Ok(Value::Object(o)),
                other => mismatch("{}", &other),
            },
            Ty::List(element, _) => {
                let Value::Array(items) = value else { return mismatch("a list", &value) };
                let items = items.into_iter().enumerate().map(|(i, v)| self.to_wire(*element, v, &format!("{path}[{i}]")));
                Ok(Value::Array(items.collect::<Result<_, _>>()?))
            }
            Ty::Map(_, v) => {
                let Value::Object(object) = value else { return mismatch("a map (JSON object)", &value) };
                let mut out = Map::new();
                for (key, item) in object {
                    let inner = format!("{path}.{key}");
                    out.insert(key, if item.is_null() { Value::Null } else { self.to_wire(*v, item, &inner)? });
                }
                Ok(Value::Object(out))
            }
        }
    }

    /// A value in the crate's form turned into the AWS CLI's form. What the model does not name
    /// (an unknown union member) is kept as the service sent it.
    pub fn from_wire(&self, ty: Ty, value: Value) -> Value {
        match (ty, value) {
            (Ty::Named(i), Value::Object(object)) => {
                let members = self.members(i);
                let mut out = Map::new();
                for (key, v) in object {
                    match members.iter().find(|m| m.wire == key) {
                        Some(m) => out.insert(m.name.to_string(), self.from_wire(m.ty, v)),
                        None => out.insert(key, v),
                    };
                }
                Value::Object(out)
            }
            (Ty::Timestamp(format), v) => match read_timestamp(&v, format) {
                Some(t) => Value::String(iso8601(&t)),
                None => v,
            },
            (Ty::List(element, _), Value::Array(items)) => Value::Array(items.into_iter().map(|v| self.from_wire(*element, v)).collect()),
            (Ty::Map(_, element), Value::Object(object)) => {
                Value::Object(object.into_iter().map(|(k, v)| (k, self.from_wire(*element, v))).collect())
            }
            (_, v) => v,
        }
    }

    /// `--generate-cli-skeleton input` (`names: false`) or `output` (`names: true`: strings show
    /// their member's name), as the AWS CLI generates them: every member once, a list with one
    /// element, a map with the key `KeyName`, a structure met again inside itself as `{}`.
    pub fn skeleton(&self, index: usize, names: bool) -> Value {
        let mut stack = Vec::new();
        self.skeleton_of(Ty::Named(index), "", names, &mut stack)
    }

    fn skeleton_of(&self, ty: Ty, name: &str, names: bool, stack: &mut Vec<usize>) -> Value {
        match ty {
            Ty::Named(i) => match &self.types[i].kind {
                Kind::Structure(members) | Kind::Union(members) => {
                    if stack.contains(&i) {
                        return Value::Object(Map::new());
                    }
                    stack.push(i);
                    let object = members.iter().map(|m| (m.name.to_string(), self.skeleton_of(m.ty, m.name, names, stack))).collect();
                    stack.pop();
                    Value::Object(object)
                }
                Kind::Enum(values) if !names => Value::String(values.first().copied().unwrap_or_default().to_string()),
                Kind::Enum(_) => Value::String(name.to_string()),
                Kind::IntEnum(_) => Value::Number(0.into()),
            },
            Ty::String if names => Value::String(name.to_string()),
            Ty::String => Value::String(String::new()),
            Ty::Boolean => Value::Bool(true),
            Ty::Integer | Ty::BigNumber => Value::Number(0.into()),
            Ty::Float => Value::Number(Number::from_f64(0.0).expect("finite")),
            Ty::Timestamp(_) => Value::String(String::from("1970-01-01T00:00:00")),
            Ty::Blob => Value::Null,
            Ty::Document | Ty::Unit => Value::Object(Map::new()),
            Ty::List(element, element_name) => {
                let name = if names { element_name } else { "" };
                Value::Array(::std::vec![self.skeleton_of(*element, name, names, stack)])
            }
            Ty::Map(_, v) => {
                let mut object = Map::new();
                object.insert(String::from("KeyName"), self.skeleton_of(*v, "", names, stack));
                Value::Object(object)
            }
        }
    }
}

impl Service {
    /// The print order of a value of type `ty`: a structure's or union's keys as its members in the
    /// model (what the model does not name after them, sorted), anything else sorted.
    pub fn key_order(&'static self, ty: Ty) -> KeyOrder {
        KeyOrder { service: self, ty: Some(ty) }
    }
}

/// See [`Service::key_order`].
pub struct KeyOrder {
    service: &'static Service,
    /// `None` where the model says nothing (documents, unknown members).
    ty: Option<Ty>,
}

impl super::cli_output::KeyOrder for KeyOrder {
    fn keys<'v>(&self, map: &'v Map<String, Value>) -> Vec<&'v str> {
        let members = match self.ty {
            Some(Ty::Named(i)) => self.service.members(i),
            _ => &[],
        };
        let mut keys: Vec<&str> = members.iter().filter_map(|m| map.get_key_value(m.name).map(|(k, _)| k.as_str())).collect();
        keys.extend(map.keys().map(String::as_str).filter(|k| !members.iter().any(|m| m.name == *k)));
        keys
    }
    fn field(&self, key: &str) -> ::std::boxed::Box<dyn super::cli_output::KeyOrder + '_> {
        let ty = match self.ty {
            Some(Ty::Named(i)) => self.service.members(i).iter().find(|m| m.name == key).map(|m| m.ty),
            Some(Ty::Map(_, v)) => Some(*v),
            _ => None,
        };
        ::std::boxed::Box::new(KeyOrder { service: self.service, ty })
    }
    fn element(&self) -> ::std::boxed::Box<dyn super::cli_output::KeyOrder + '_> {
        let ty = match self.ty {
            Some(Ty::List(e, _)) => Some(*e),
            _ => None,
        };
        ::std::boxed::Box::new(KeyOrder { service: self.service, ty })
    }
}

/// A timestamp as the AWS CLI accepts one: epoch seconds (a number or a numeric string), or ISO
/// 8601 (`2024-05-01T12:00:00Z`, with an offset, without a zone meaning UTC, or a date alone).
pub fn parse_timestamp(value: &Value) -> Option<super::ts::DateTime> {
    use ::aws_smithy_types::date_time::Format;
    use ::aws_smithy_types::DateTime;
    let text = match value {
        Value::Number(n) => return n.as_f64().filter(|f| f.is_finite()).map(DateTime::from_secs_f64),
        Value::String(s) => s.trim(),
        _ => return None,
    };
    if let Ok(secs) = text.parse::<f64>() {
        return secs.is_finite().then(|| DateTime::from_secs_f64(secs));
    }
    let text = text.replace(' ', "T");
    let zoned = text.ends_with(['Z', 'z']) || text.get(10..).is_some_and(|t| t.contains(['+', '-']));
    let full = match text.len() {
        10 => format!("{text}T00:00:00Z"),
        _ if !zoned => format!("{text}Z"),
        _ => text,
    };
    DateTime::from_str(&full, Format::DateTimeWithOffset).ok()
}

fn write_timestamp(t: &super::ts::DateTime, format: TsFormat) -> Value {
    use ::aws_smithy_types::date_time::Format;
    match format {
        TsFormat::EpochSeconds if t.subsec_nanos() == 0 => Value::Number(t.secs().into()),
        TsFormat::EpochSeconds => Number::from_f64(t.as_secs_f64()).map_or(Value::Null, Value::Number),
        TsFormat::DateTime => Value::String(t.fmt(Format::DateTime).unwrap_or_default()),
        TsFormat::HttpDate => Value::String(t.fmt(Format::HttpDate).unwrap_or_default()),
    }
}

fn read_timestamp(value: &Value, format: TsFormat) -> Option<super::ts::DateTime> {
    use ::aws_smithy_types::date_time::Format;
    use ::aws_smithy_types::DateTime;
    match (format, value) {
        (TsFormat::EpochSeconds, Value::Number(n)) => n.as_f64().map(DateTime::from_secs_f64),
        (TsFormat::DateTime, Value::String(s)) => DateTime::from_str(s, Format::DateTimeWithOffset).ok(),
        (TsFormat::HttpDate, Value::String(s)) => DateTime::from_str(s, Format::HttpDate).ok(),
        _ => None,
    }
}

/// ISO 8601 as the AWS CLI prints timestamps (Python's `isoformat()` of a UTC time:
/// `2024-05-01T12:00:00+00:00`, microseconds only when there are some).
pub fn iso8601(t: &super::ts::DateTime) -> String {
    use ::aws_smithy_types::date_time::Format;
    let whole = super::ts::DateTime::from_secs(t.secs());
    let text = whole.fmt(Format::DateTime).unwrap_or_default();
    let base = text.trim_end_matches('Z');
    match t.subsec_nanos() / 1000 {
        0 => format!("{base}+00:00"),
        micros => format!("{base}.{micros:06}+00:00"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::serde_json::json;

    static MEMBERS: &[Member] = &[
        Member { name: "InstanceId", wire: "instanceId", ty: Ty::String, required: true, doc: "" },
        Member { name: "Created", wire: "created", ty: Ty::Timestamp(TsFormat::EpochSeconds), required: false, doc: "" },
        Member { name: "Tags", wire: "tags", ty: Ty::Map(&Ty::String, &Ty::String), required: false, doc: "" },
        Member { name: "Keys", wire: "keys", ty: Ty::List(&Ty::String, "TagKey"), required: false, doc: "" },
        Member { name: "Child", wire: "child", ty: Ty::Named(0), required: false, doc: "" },
        Member { name: "Status", wire: "status", ty: Ty::Named(1), required: false, doc: "" },
        Member { name: "Max", wire: "max", ty: Ty::Integer, required: false, doc: "" },
    ];
    static TYPES: &[Type] = &[
        Type { name: "Thing", kind: Kind::Structure(MEMBERS) },
        Type { name: "Status", kind: Kind::Enum(&["ACTIVE", "FAILED"]) },
        Type { name: "Choice", kind: Kind::Union(&[Member { name: "A", wire: "a", ty: Ty::String, required: false, doc: "" }]) },
    ];
    static SERVICE: Service = Service {
        name: "svc",
        title: "Svc",
        doc: "",
        info: super::super::config::ServiceInfo {
            endpoint_prefix: "svc",
            signing_name: "svc",
            endpoint_env: "AWS_ENDPOINT_URL_SVC",
            resolve: None,
            api_name: "svc",
            api_version: "0",
        },
        types: TYPES,
        operations: &[],
    };

    #[test]
    fn member_names_become_wire_names_and_back() {
        let cli = json!({"InstanceId": "i-1", "Created": "2024-05-01T12:00:00Z", "Tags": {"k": "v"}, "Child": {"Max": 3}});
        let wire = SERVICE.to_wire(Ty::Named(0), cli, "").unwrap();
        assert_eq!(wire, json!({"instanceId": "i-1", "created": 1714564800, "tags": {"k": "v"}, "child": {"max": 3}}));
        let back = SERVICE.from_wire(Ty::Named(0), wire);
        assert_eq!(back, json!({"InstanceId": "i-1", "Created": "2024-05-01T12:00:00+00:00", "Tags": {"k": "v"}, "Child": {"Max": 3}}));
    }

    #[test]
    fn errors_name_the_parameter_path() {
        let err = SERVICE.to_wire(Ty::Named(0), json!({"Child": {"Max": "x"}}), "").unwrap_err();
        assert_eq!(err, "invalid type for parameter Child.Max: expected an integer, got \"x\"");
        let err = SERVICE.to_wire(Ty::Named(0), json!({"Nope": 1}), "").unwrap_err();
        assert!(err.starts_with("unknown parameter in input: \"Nope\", must be one of: InstanceId, Created"), "{err}");
        let err = SERVICE.to_wire(Ty::Named(0), json!({"Keys": ["a", 2]}), "").unwrap_err();
        assert!(err.contains("Keys[1]"), "{err}");
        let err = SERVICE.to_wire(Ty::Named(2), json!({}), "Choice").unwrap_err();
        assert_eq!(err, "invalid value for parameter Choice: set exactly one of A");
    }

    #[test]
    fn timestamps_in_every_accepted_form() {
        let t = |v: Value| parse_timestamp(&v).map(|t| t.as_secs_f64());
        assert_eq!(t(json!(1714564800)), Some(1714564800.0));
        assert_eq!(t(json!("1714564800.5")), Some(1714564800.5));
        assert_eq!(t(json!("2024-05-01")), Some(1714521600.0));
        assert_eq!(t(json!("2024-05-01T12:00:00")), Some(1714564800.0));
        assert_eq!(t(json!("2024-05-01T14:00:00+02:00")), Some(1714564800.0));
        assert_eq!(t(json!("yesterday")), None);
        let at = ::aws_smithy_types::DateTime::from_secs_and_nanos(1714564800, 250_000_000);
        assert_eq!(iso8601(&at), "2024-05-01T12:00:00.250000+00:00");
    }

    #[test]
    fn errors_say_their_causes_once() {
        #[derive(Debug)]
        struct E(&'static str, Option<::std::boxed::Box<E>>);
        impl ::std::fmt::Display for E {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.0)
            }
        }
        impl ::std::error::Error for E {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                self.1.as_deref().map(|e| e as &(dyn ::std::error::Error + 'static))
            }
        }
        let refused = E("Connection refused (os error 111)", None);
        let e = E(
            "could not be sent: request failed",
            Some(::std::boxed::Box::new(E("request failed", Some(::std::boxed::Box::new(refused))))),
        );
        assert_eq!(with_causes(&e), "could not be sent: request failed: Connection refused (os error 111)");
    }

    #[test]
    fn structures_print_their_members_in_model_order() {
        let value = json!({"Tags": {"b": "1", "a": "2"}, "Max": 3, "InstanceId": "i-1", "Child": {"Status": "ACTIVE", "Created": "x"},
                           "Unmodelled": true});
        let text = super::super::cli_output::json_in(&value, &SERVICE.key_order(Ty::Named(0)));
        let keys: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix('"')?.split('"').next()).collect();
        assert_eq!(keys, ["InstanceId", "Tags", "a", "b", "Child", "Created", "Status", "Max", "Unmodelled"]);
    }

    #[test]
    fn skeletons_as_the_aws_cli_makes_them() {
        let input = SERVICE.skeleton(0, false);
        assert_eq!(
            input,
            json!({"InstanceId": "", "Created": "1970-01-01T00:00:00", "Tags": {"KeyName": ""}, "Keys": [""],
                   "Child": {}, "Status": "ACTIVE", "Max": 0})
        );
        let output = SERVICE.skeleton(0, true);
        assert_eq!(output["InstanceId"], json!("InstanceId"));
        assert_eq!(output["Keys"], json!(["TagKey"]));
        assert_eq!(output["Tags"], json!({"KeyName": ""}));
        assert_eq!(output["Status"], json!("Status"));
    }
}
