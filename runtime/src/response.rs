//! restJson1 responses: which error a response carries, and reading an output (or error) from the
//! JSON body merged with the values bound to headers, the status code and the payload.

use super::http::TsFormat;
use ::serde_json::{Map, Value};
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::vec::Vec;

/// An error response no modelled error matches (or one whose body does not read), or a success
/// response whose body does not read. Keeps what the service sent. Boxed inside, so that every
/// operation's error stays small (a `Result` is as large as its error).
#[derive(Clone, PartialEq)]
pub struct Unhandled(::std::boxed::Box<Details>);

#[derive(Clone, PartialEq)]
struct Details {
    status: u16,
    code: Option<String>,
    message: Option<String>,
    body: ::bytes::Bytes,
    problem: Option<String>,
    request_id: Option<String>,
}

impl Unhandled {
    /// An unhandled error with its status, code, message and raw body.
    pub fn new(status: u16, code: Option<String>, message: Option<String>, body: impl Into<::bytes::Bytes>) -> Self {
        Unhandled(::std::boxed::Box::new(Details { status, code, message, body: body.into(), problem: None, request_id: None }))
    }
    /// Records the request id the service gave the response.
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.0.request_id = request_id;
        self
    }
    /// The request id the service gave the response (`x-amzn-RequestId` or `x-amz-request-id`).
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }
    /// A success response whose body could not be read into the output.
    pub fn unreadable(status: u16, body: impl Into<::bytes::Bytes>, problem: String) -> Self {
        Self::new(status, None, None, body).with_problem(problem)
    }
    /// Adds why the response could not be read.
    pub fn with_problem(mut self, problem: impl Into<String>) -> Self {
        self.0.problem = Some(problem.into());
        self
    }
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.0.status
    }
    /// The error code, sanitised (`ns#Code:extra` → `Code`), if the response named one.
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }
    /// The error message, if the body had one.
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
    /// The raw response body.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }
    /// Why the response could not be read into a modelled value, if that is what happened.
    pub fn problem(&self) -> Option<&str> {
        self.0.problem.as_deref()
    }
}

impl ::std::fmt::Debug for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let d = &self.0;
        f.debug_struct("Unhandled")
            .field("status", &d.status)
            .field("code", &d.code)
            .field("message", &d.message)
            .field("body_len", &d.body.len())
            .field("problem", &d.problem)
            .field("request_id", &d.request_id)
            .finish()
    }
}

impl ::std::fmt::Display for Unhandled {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let d = &self.0;
        write!(f, "unhandled error (HTTP {}", d.status)?;
        if let Some(c) = &d.code {
            write!(f, ", code {c}")?;
        }
        f.write_str(")")?;
        if let Some(m) = &d.message {
            write!(f, ": {m}")?;
        }
        if let Some(p) = &d.problem {
            write!(f, " ({p})")?;
        }
        if let Some(id) = &d.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl ::std::error::Error for Unhandled {}

/// `aws.protocoltests#Foo:http://...` → `Foo`: the text before the first `:`, then after the first `#`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let before = raw.split(':').next().unwrap_or(raw);
    let code = before.split_once('#').map(|(_, c)| c).unwrap_or(before);
    code.trim()
}

/// What an error response says about itself: code (header `X-Amzn-ErrorType`, else body `__type`,
/// else body `code`) and message.
pub struct ErrorMeta {
    status: u16,
    code: Option<String>,
    /// `x-amzn-query-error: Code;Sender` of an `@awsQueryCompatible` service: the code an
    /// unhandled error reports (matching still uses `code`).
    query_code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
}

impl ErrorMeta {
    /// Reads the code and message of an error response; a body that is not JSON has neither.
    pub fn read(response: &::http::Response<::bytes::Bytes>) -> Self {
        let body: Option<Map<String, Value>> = ::serde_json::from_slice(response.body()).ok();
        let field = |names: &[&str]| -> Option<String> {
            let map = body.as_ref()?;
            names.iter().find_map(|n| map.get(*n).and_then(Value::as_str)).map(str::to_string)
        };
        let header = response.headers().get("x-amzn-errortype").and_then(|v| v.to_str().ok()).map(str::to_string);
        let code = header.or_else(|| field(&["__type"])).or_else(|| field(&["code"]));
        let code = code.map(|c| sanitize_error_code(&c).to_string()).filter(|c| !c.is_empty());
        let message = field(&["message", "Message", "errorMessage", "ErrorMessage"]);
        let request_id = ResponseMeta::read(response).request_id().map(str::to_string);
        let query_code = response
            .headers()
            .get("x-amzn-query-error")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        ErrorMeta { status: response.status().as_u16(), code, query_code, message, request_id }
    }
    /// The sanitised error code.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The message, from whichever of `message`, `Message`, `errorMessage` the body used.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// The unhandled error for this response.
    pub fn unhandled(&self, body: &::bytes::Bytes) -> Unhandled {
        let code = self.query_code.clone().or_else(|| self.code.clone());
        Unhandled::new(self.status, code, self.message.clone(), body.clone()).with_request_id(self.request_id.clone())
    }
}

/// What every response says about itself beyond its operation's output or error: its status and
/// the ids AWS support asks for. Cheap: it keeps the header values, which share the response's
/// memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    status: u16,
    request_id: Option<::http::HeaderValue>,
    extended_request_id: Option<::http::HeaderValue>,
}

impl ResponseMeta {
    /// The status and the ids of `response`: `x-amzn-RequestId` (or `x-amz-request-id`, or
    /// `x-amzn-request-id`) and `x-amz-id-2`.
    pub fn read<B>(response: &::http::Response<B>) -> Self {
        let headers = response.headers();
        let request_id = ["x-amzn-requestid", "x-amz-request-id", "x-amzn-request-id"].iter().find_map(|h| headers.get(*h)).cloned();
        ResponseMeta { status: response.status().as_u16(), request_id, extended_request_id: headers.get("x-amz-id-2").cloned() }
    }
    /// No response (the stub's answers).
    pub fn none() -> Self {
        ResponseMeta::default()
    }
    /// The HTTP status code (0 without a response).
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The request id the service gave the response.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_ref().and_then(|v| v.to_str().ok())
    }
    /// The extended request id (`x-amz-id-2`), where the service sends one.
    pub fn extended_request_id(&self) -> Option<&str> {
        self.extended_request_id.as_ref().and_then(|v| v.to_str().ok())
    }
}

/// An output or error without bound members: the JSON body (empty means `{}`).
pub fn json<T: super::json::FromJson>(body: &[u8]) -> Result<T, String> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    super::json::from_slice(body).map_err(|e| format!("the response body does not read: {e}"))
}

/// How a bound value is written in a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string or enum.
    Str,
    /// A string with `@mediaType`: base64 in the header.
    MediaStr,
    /// An integer or intEnum.
    Int,
    /// A float: a number, `NaN`, `Infinity` or `-Infinity`.
    Float,
    /// `true` or `false`.
    Bool,
    /// A timestamp in the header's format, read into the field's JSON format.
    Timestamp(TsFormat, TsFormat),
    /// A blob: base64, kept as is.
    Blob,
}

fn convert(raw: &str, kind: Kind) -> Result<Value, String> {
    let raw = raw.trim();
    let bad = || format!("{raw:?} is not a valid {kind:?} header value");
    Ok(match kind {
        Kind::Str | Kind::Blob => Value::String(raw.to_string()),
        Kind::MediaStr => {
            let bytes = ::aws_smithy_types::base64::decode(raw).map_err(|_| bad())?;
            Value::String(String::from_utf8(bytes).map_err(|_| bad())?)
        }
        Kind::Int => Value::Number(raw.parse::<i64>().map_err(|_| bad())?.into()),
        Kind::Float => match raw {
            "NaN" | "Infinity" | "-Infinity" => Value::String(raw.to_string()),
            _ => ::serde_json::Number::from_f64(raw.parse::<f64>().map_err(|_| bad())?).map(Value::Number).ok_or_else(bad)?,
        },
        Kind::Bool => match raw {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad()),
        },
        Kind::Timestamp(wire, field) => {
            use ::aws_smithy_types::date_time::Format;
            let f = match wire {
                TsFormat::DateTime => Format::DateTimeWithOffset,
                TsFormat::HttpDate => Format::HttpDate,
                TsFormat::EpochSeconds => Format::EpochSeconds,
            };
            let t = ::aws_smithy_types::DateTime::from_str(raw, f).map_err(|_| bad())?;
            match field {
                TsFormat::EpochSeconds if t.subsec_nanos() == 0 => Value::Number(t.secs().into()),
                TsFormat::EpochSeconds => ::serde_json::Number::from_f64(t.as_secs_f64()).map(Value::Number).ok_or_else(bad)?,
                TsFormat::DateTime => Value::String(t.fmt(Format::DateTime).map_err(|_| bad())?),
                TsFormat::HttpDate => Value::String(t.fmt(Format::HttpDate).map_err(|_| bad())?),
            }
        }
    })
}

/// Splits a header list: commas separate items, double-quoted items may hold commas and escaped
/// quotes. HTTP dates hold a comma each, so they pair up.
fn split_list(raw: &str, kind: Kind) -> Vec<String> {
    if let Kind::Timestamp(TsFormat::HttpDate, _) = kind {
        let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
        return parts.chunks(2).map(|c| c.join(", ")).collect();
    }
    let mut items = Vec::new();
    let mut chars = raw.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => item.extend(chars.next()),
                    '"' => break,
                    c => item.push(c),
                }
            }
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
            items.push(item);
        } else {
            let mut ended = true;
            for c in chars.by_ref() {
                if c == ',' {
                    ended = false;
                    break;
                }
                item.push(c);
            }
            items.push(item.trim().to_string());
            if ended {
                break;
            }
            continue;
        }
        if chars.peek().is_none() {
            break;
        }
    }
    items
}

/// Reads an output or error with bound members: the body's JSON object (less keys of bound
/// members) with the bound values merged in under their JSON keys, then deserialized.
pub struct Reader<'a> {
    headers: &'a ::http::HeaderMap,
    map: Map<String, Value>,
}

impl<'a> Reader<'a> {
    /// Starts from the body (when the shape has body members) or from nothing.
    pub fn new(response: &'a ::http::Response<::bytes::Bytes>, body: bool, bound: &[&str]) -> Result<Self, String> {
        let mut map = Map::new();
        if body && !response.body().iter().all(u8::is_ascii_whitespace) {
            map = ::serde_json::from_slice(response.body()).map_err(|e| format!("the response body does not read: {e}"))?;
            for key in bound {
                map.remove(*key);
            }
        }
        Ok(Reader { headers: response.headers(), map })
    }

    fn header_text(&self, name: &str) -> Result<Option<String>, String> {
        let mut values = Vec::new();
        for v in self.headers.get_all(name) {
            values.push(v.to_str().map_err(|_| format!("header {name} is not text"))?);
        }
        Ok(if values.is_empty() { None } else { Some(values.join(", ")) })
    }

    /// An `@httpHeader` value.
    pub fn header(&mut self, key: &str, name: &str, kind: Kind) -> Result<(), String> {
        if let Some(raw) = self.header_text(name)? {
            self.map.insert(key.to_string(), convert(&raw, kind)?);
        }
        Ok(())
    }

    /// An `@httpHeader` list.
    pub fn header_list(&mut self, key: &str, name: &str, kind: Kind) -> Result<(), String> {
        if let Some(raw) = self.header_text(name)? {
            let items = if raw.trim().is_empty() { Vec::new() } else { split_list(&raw, kind) };
            let values = items.iter().map(|i| convert(i, kind)).collect::<Result<Vec<_>, _>>()?;
            self.map.insert(key.to_string(), Value::Array(values));
        }
        Ok(())
    }

    /// `@httpPrefixHeaders`: every header starting with the prefix, keyed by the rest of its name.
    pub fn prefix_headers(&mut self, key: &str, prefix: &str, kind: Kind, list: bool) -> Result<(), String> {
        let prefix = prefix.to_ascii_lowercase();
        let mut entries = Map::new();
        let names: Vec<String> = self.headers.keys().map(|k| k.as_str().to_string()).filter(|k| k.starts_with(&prefix)).collect();
        for name in names {
            let Some(raw) = self.header_text(&name)? else { continue };
            let value = if list {
                Value::Array(split_list(&raw, kind).iter().map(|i| convert(i, kind)).collect::<Result<Vec<_>, _>>()?)
            } else {
                convert(&raw, kind)?
            };
            entries.insert(name[prefix.len()..].to_string(), value);
        }
        self.map.insert(key.to_string(), Value::Object(entries));
        Ok(())
    }

    /// `@httpResponseCode`.
    pub fn status(&mut self, key: &str, status: u16) {
        self.map.insert(key.to_string(), Value::Number(status.into()));
    }

    /// A blob `@httpPayload` (kept base64, as the field reads it); an empty body leaves it unset.
    pub fn blob_payload(&mut self, key: &str, body: &[u8]) {
        if !body.is_empty() {
            self.map.insert(key.to_string(), Value::String(::aws_smithy_types::base64::encode(body)));
        }
    }

    /// A string `@httpPayload`; an empty body leaves it unset.
    pub fn text_payload(&mut self, key: &str, body: &[u8]) -> Result<(), String> {
        if !body.is_empty() {
            let text = ::std::str::from_utf8(body).map_err(|_| "the payload is not UTF-8".to_string())?;
            self.map.insert(key.to_string(), Value::String(text.to_string()));
        }
        Ok(())
    }

    /// A structure, union or document `@httpPayload`; an empty body leaves it unset.
    pub fn json_payload(&mut self, key: &str, body: &[u8]) -> Result<(), String> {
        if !body.iter().all(u8::is_ascii_whitespace) {
            let v: Value = ::serde_json::from_slice(body).map_err(|e| format!("the payload does not read: {e}"))?;
            self.map.insert(key.to_string(), v);
        }
        Ok(())
    }

    /// The value, read from the merged JSON.
    pub fn finish<T: super::json::FromJson>(self) -> Result<T, String> {
        let text = Value::Object(self.map).to_string();
        super::json::from_str(&text).map_err(|e| format!("the response does not read: {e}"))
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use ::serde_json::json;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> ::http::Response<::bytes::Bytes> {
        let mut builder = ::http::Response::builder().status(status);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(::bytes::Bytes::from(body.to_string())).unwrap()
    }

    #[test]
    fn error_codes_lose_namespace_and_uri_suffix() {
        assert_eq!(sanitize_error_code("FooError"), "FooError");
        assert_eq!(sanitize_error_code("aws.protocoltests.restjson#FooError"), "FooError");
        assert_eq!(sanitize_error_code("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"), "FooError");
        assert_eq!(
            sanitize_error_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            "FooError"
        );
        assert_eq!(sanitize_error_code(" FooError "), "FooError");
        assert_eq!(sanitize_error_code("ns#"), "");
    }

    #[test]
    fn the_error_type_header_wins_over_the_body() {
        let r = response(
            400,
            &[("X-Amzn-ErrorType", "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/")],
            r#"{"__type": "aws.protocoltests.restjson#BarError", "code": "BazError", "message": "Hi"}"#,
        );
        let meta = ErrorMeta::read(&r);
        assert_eq!(meta.code(), Some("FooError"));
        assert_eq!(meta.message(), Some("Hi"));
    }

    #[test]
    fn body_type_then_code_fields() {
        let type_and_code = response(400, &[], r#"{"__type": "aws.protocoltests.restjson#BarError:http://x/", "code": "BazError"}"#);
        assert_eq!(ErrorMeta::read(&type_and_code).code(), Some("BarError"));
        let code_only = response(404, &[], r#"{"code": "ns#BazError", "Message": "capital"}"#);
        let meta = ErrorMeta::read(&code_only);
        assert_eq!(meta.code(), Some("BazError"));
        assert_eq!(meta.message(), Some("capital"));
        let error_message = response(404, &[], r#"{"errorMessage": "third"}"#);
        assert_eq!(ErrorMeta::read(&error_message).message(), Some("third"));
        assert_eq!(ErrorMeta::read(&error_message).code(), None);
        let error_message = response(404, &[], r#"{"ErrorMessage": "fourth", "message": "first"}"#);
        assert_eq!(ErrorMeta::read(&error_message).message(), Some("first"));
        // A code that sanitises to nothing is no code; a non-string field is ignored.
        let empty = response(400, &[], r#"{"__type": "ns#", "code": 42, "message": 7}"#);
        assert_eq!(ErrorMeta::read(&empty).code(), None);
        assert_eq!(ErrorMeta::read(&empty).message(), None);
    }

    #[test]
    fn a_query_compatible_error_reports_its_query_code() {
        let r = response(
            400,
            &[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
            r#"{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "gone"}"#,
        );
        let meta = ErrorMeta::read(&r);
        assert_eq!(meta.code(), Some("QueueDoesNotExist"), "the shape name still matches the modelled error");
        let u = meta.unhandled(r.body());
        assert_eq!(u.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
        let plain = response(400, &[], r#"{"__type": "ns#Other"}"#);
        assert_eq!(ErrorMeta::read(&plain).unhandled(plain.body()).code(), Some("Other"));
    }

    #[test]
    fn a_body_that_is_not_json_has_no_code_or_message() {
        let r = response(502, &[], "<html>Bad Gateway</html>");
        let meta = ErrorMeta::read(&r);
        assert_eq!(meta.code(), None);
        assert_eq!(meta.message(), None);
        let unhandled = meta.unhandled(r.body());
        assert_eq!(unhandled.status(), 502);
        assert_eq!(unhandled.body(), b"<html>Bad Gateway</html>");
        assert_eq!(unhandled.to_string(), "unhandled error (HTTP 502)");
        // A header code still counts with such a body.
        let r = response(500, &[("x-amzn-errortype", "InternalFailure")], "oops");
        assert_eq!(ErrorMeta::read(&r).code(), Some("InternalFailure"));
    }

    #[test]
    fn unhandled_carries_status_code_message_and_body() {
        let r = response(418, &[], r#"{"__type": "ns#Teapot", "message": "short and stout"}"#);
        let unhandled = ErrorMeta::read(&r).unhandled(r.body());
        assert_eq!(unhandled.status(), 418);
        assert_eq!(unhandled.code(), Some("Teapot"));
        assert_eq!(unhandled.message(), Some("short and stout"));
        assert_eq!(unhandled.body(), r.body().as_ref());
        assert_eq!(unhandled.problem(), None);
        assert_eq!(unhandled.to_string(), "unhandled error (HTTP 418, code Teapot): short and stout");
        let debug = format!("{unhandled:?}");
        assert!(debug.contains(&format!("body_len: {}", r.body().len())), "{debug}");
        assert!(!debug.contains("__type"), "the body is not printed: {debug}");

        let unreadable = Unhandled::unreadable(200, "{", "the response body does not read".into());
        assert_eq!(unreadable.status(), 200);
        assert_eq!(unreadable.code(), None);
        assert_eq!(unreadable.problem(), Some("the response body does not read"));
        assert_eq!(unreadable.to_string(), "unhandled error (HTTP 200) (the response body does not read)");
    }

    #[test]
    fn json_reads_an_empty_body_as_an_empty_object() {
        assert_eq!(json::<Value>(b"").unwrap(), json!({}));
        assert_eq!(json::<Value>(b" \n\t").unwrap(), json!({}));
        assert_eq!(json::<Value>(br#"{"a": [1]}"#).unwrap(), json!({"a": [1]}));
        let err = json::<Value>(b"{nope").unwrap_err();
        assert!(err.starts_with("the response body does not read: "), "{err}");
    }

    #[test]
    fn scalar_headers_merge_into_the_body() {
        let r = response(
            201,
            &[
                ("X-Str", " text "),
                ("X-Media", "dHJ1ZQ=="),
                ("X-Int", "-12"),
                ("X-Float", "1.5"),
                ("X-Nan", "NaN"),
                ("X-Bool", "false"),
                ("X-Blob", "AAE="),
                ("X-Date", "Mon, 16 Dec 2019 23:48:18 GMT"),
                ("X-Rfc", "2019-12-16T23:48:18.5+01:00"),
            ],
            r#"{"Body": 1, "Str": "from the body, bound elsewhere"}"#,
        );
        let mut reader = Reader::new(&r, true, &["Str"]).unwrap();
        reader.header("Str", "x-str", Kind::Str).unwrap();
        reader.header("Media", "x-media", Kind::MediaStr).unwrap();
        reader.header("Int", "x-int", Kind::Int).unwrap();
        reader.header("Float", "x-float", Kind::Float).unwrap();
        reader.header("Nan", "x-nan", Kind::Float).unwrap();
        reader.header("Bool", "x-bool", Kind::Bool).unwrap();
        reader.header("Blob", "x-blob", Kind::Blob).unwrap();
        reader.header("Date", "x-date", Kind::Timestamp(TsFormat::HttpDate, TsFormat::EpochSeconds)).unwrap();
        reader.header("Rfc", "x-rfc", Kind::Timestamp(TsFormat::DateTime, TsFormat::DateTime)).unwrap();
        reader.header("RfcSecs", "x-rfc", Kind::Timestamp(TsFormat::DateTime, TsFormat::EpochSeconds)).unwrap();
        reader.header("Missing", "x-missing", Kind::Int).unwrap();
        reader.status("Status", r.status().as_u16());
        let value: Value = reader.finish().unwrap();
        assert_eq!(
            value,
            json!({
                "Body": 1,
                "Str": "text",
                "Media": "true",
                "Int": -12,
                "Float": 1.5,
                "Nan": "NaN",
                "Bool": false,
                "Blob": "AAE=",
                "Date": 1576540098,
                "Rfc": "2019-12-16T22:48:18.5Z",
                "RfcSecs": 1576536498.5,
                "Status": 201,
            })
        );
    }

    #[test]
    fn bad_header_values_are_errors() {
        let r = response(200, &[("X-Int", "12x"), ("X-Bool", "TRUE"), ("X-Media", "not base64!"), ("X-Date", "yesterday")], "");
        let mut reader = Reader::new(&r, true, &[]).unwrap();
        assert_eq!(reader.header("Int", "x-int", Kind::Int).unwrap_err(), "\"12x\" is not a valid Int header value");
        assert_eq!(reader.header("Bool", "x-bool", Kind::Bool).unwrap_err(), "\"TRUE\" is not a valid Bool header value");
        assert!(reader.header("Media", "x-media", Kind::MediaStr).is_err());
        assert!(reader.header("Date", "x-date", Kind::Timestamp(TsFormat::HttpDate, TsFormat::DateTime)).is_err());
        let bad_body = response(200, &[], "[1, 2]");
        assert!(Reader::new(&bad_body, true, &[]).is_err());
        // Without body members the body is not read at all.
        assert!(Reader::new(&bad_body, false, &[]).is_ok());
    }

    #[test]
    fn header_lists_split_on_commas_outside_quotes() {
        let r = ::http::Response::builder()
            .header("X-List", r#"a, "b,c", "say \"hi\"",d"#)
            .header("X-List", "e")
            .header("X-Ints", "1, 2,3")
            .header("X-Dates", "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT")
            .header("X-Empty", "  ")
            .body(::bytes::Bytes::new())
            .unwrap();
        let mut reader = Reader::new(&r, false, &[]).unwrap();
        reader.header_list("List", "x-list", Kind::Str).unwrap();
        reader.header_list("Ints", "x-ints", Kind::Int).unwrap();
        reader.header_list("Dates", "x-dates", Kind::Timestamp(TsFormat::HttpDate, TsFormat::EpochSeconds)).unwrap();
        reader.header_list("Empty", "x-empty", Kind::Str).unwrap();
        reader.header_list("Missing", "x-missing", Kind::Str).unwrap();
        let value: Value = reader.finish().unwrap();
        assert_eq!(
            value,
            json!({
                "List": ["a", "b,c", "say \"hi\"", "d", "e"],
                "Ints": [1, 2, 3],
                "Dates": [1576540098, 1576626498],
                "Empty": [],
            })
        );
    }

    #[test]
    fn prefix_headers_are_keyed_by_the_rest_of_the_name() {
        let r = ::http::Response::builder()
            .header("X-Meta-Owner", "me")
            .header("x-meta-Tags", "a, b")
            .header("X-Other", "no")
            .body(::bytes::Bytes::new())
            .unwrap();
        let mut reader = Reader::new(&r, false, &[]).unwrap();
        reader.prefix_headers("Meta", "X-Meta-", Kind::Str, false).unwrap();
        reader.prefix_headers("Lists", "X-Meta-", Kind::Str, true).unwrap();
        reader.prefix_headers("None", "X-Absent-", Kind::Str, false).unwrap();
        let value: Value = reader.finish().unwrap();
        assert_eq!(
            value,
            json!({
                "Meta": {"owner": "me", "tags": "a, b"},
                "Lists": {"owner": ["me"], "tags": ["a", "b"]},
                "None": {},
            })
        );
    }

    #[test]
    fn payloads_blob_text_and_json() {
        let r = response(200, &[], "");
        let mut reader = Reader::new(&r, false, &[]).unwrap();
        reader.blob_payload("Blob", b"\x00\x01\x02");
        reader.blob_payload("NoBlob", b"");
        reader.text_payload("Text", "héllo".as_bytes()).unwrap();
        reader.text_payload("NoText", b"").unwrap();
        reader.json_payload("Doc", br#"{"nested": [true]}"#).unwrap();
        reader.json_payload("NoDoc", b"  ").unwrap();
        assert_eq!(reader.text_payload("Bad", b"\xff").unwrap_err(), "the payload is not UTF-8");
        assert!(reader.json_payload("BadDoc", b"{").unwrap_err().starts_with("the payload does not read: "));
        let value: Value = reader.finish().unwrap();
        assert_eq!(value, json!({"Blob": "AAEC", "Text": "héllo", "Doc": {"nested": [true]}}));
    }

    #[test]
    fn finish_reports_values_of_the_wrong_type() {
        let r = response(200, &[("X-Int", "5")], "");
        let mut reader = Reader::new(&r, false, &[]).unwrap();
        reader.header("Int", "x-int", Kind::Int).unwrap();
        let err = reader.finish::<::std::collections::HashMap<String, String>>().unwrap_err();
        assert!(err.starts_with("the response does not read: "), "{err}");
    }
}
