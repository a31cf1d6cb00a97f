//! restJson1 requests: the URI with labels and query, headers, and the body, assembled by each
//! operation's `build_request`.

use ::percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use ::std::string::String;
use ::std::vec::Vec;

/// Everything but the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// Greedy labels keep their `/`.
const GREEDY: &AsciiSet = &UNRESERVED.remove(b'/');

/// An input that cannot be turned into a request: a missing or empty label, a value that cannot
/// travel in a header, a bad endpoint, or a body that does not serialize.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildRequestError {
    member: ::std::option::Option<&'static str>,
    message: String,
}

impl BuildRequestError {
    /// An error about the request as a whole.
    pub fn new(message: impl Into<String>) -> Self {
        BuildRequestError { member: None, message: message.into() }
    }
    /// An error about one input member.
    pub fn member(member: &'static str, message: impl Into<String>) -> Self {
        BuildRequestError { member: Some(member), message: message.into() }
    }
    /// The input member at fault, as modelled, if the error is about one.
    pub fn member_name(&self) -> ::std::option::Option<&'static str> {
        self.member
    }
    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for BuildRequestError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.member {
            Some(m) => write!(f, "cannot build the request: member `{m}` {}", self.message),
            None => write!(f, "cannot build the request: {}", self.message),
        }
    }
}

impl ::std::error::Error for BuildRequestError {}

/// Percent-encodes a label or query value (RFC 3986 unreserved characters kept).
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Percent-encodes a greedy label, keeping `/`.
pub fn encode_greedy(value: &str) -> String {
    utf8_percent_encode(value, GREEDY).to_string()
}

/// A header list item, quoted when it holds a comma or a double quote.
pub fn quote_header_item(value: &str) -> ::std::borrow::Cow<'_, str> {
    if value.contains(',') || value.contains('"') {
        ::std::borrow::Cow::Owned(format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")))
    } else {
        ::std::borrow::Cow::Borrowed(value)
    }
}

/// A float as restJson1 writes it outside JSON: `NaN`, `Infinity`, `-Infinity` or the number.
pub fn float<T: Into<f64> + ::std::fmt::Display + Copy>(value: T) -> String {
    let f: f64 = value.into();
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        value.to_string()
    }
}

/// The Smithy timestamp formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TsFormat {
    /// RFC 3339 (`2019-12-16T23:48:18Z`).
    DateTime,
    /// IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`).
    HttpDate,
    /// Seconds since the epoch (`1576540098`, `1576540098.5`).
    EpochSeconds,
}

/// Formats a timestamp for a label, query value or header. A date outside the years 1-9999 (which
/// the text formats cannot write) falls back to epoch seconds.
pub fn timestamp(value: &::aws_smithy_types::DateTime, format: TsFormat) -> String {
    use ::aws_smithy_types::date_time::Format;
    let f = match format {
        TsFormat::DateTime => Format::DateTime,
        TsFormat::HttpDate => Format::HttpDate,
        TsFormat::EpochSeconds => Format::EpochSeconds,
    };
    value.fmt(f).unwrap_or_else(|_| value.secs().to_string())
}

/// Builds one request, piece by piece, in the order of the operation's bindings.
pub struct RequestWriter {
    method: &'static str,
    uri: String,
    query: String,
    query_keys: Vec<String>,
    headers: ::http::HeaderMap,
    body: Vec<u8>,
    content_type: ::std::option::Option<&'static str>,
    send_length: bool,
}

impl RequestWriter {
    /// Starts a request to `endpoint` (scheme, host, optional base path).
    pub fn new(method: &'static str, endpoint: &str) -> Self {
        RequestWriter {
            method,
            uri: endpoint.trim_end_matches('/').to_string(),
            query: String::new(),
            query_keys: Vec::new(),
            headers: ::http::HeaderMap::new(),
            body: Vec::new(),
            content_type: None,
            send_length: false,
        }
    }

    /// Prepends the `@endpoint` host prefix (already expanded) to the endpoint's host.
    pub fn host_prefix(&mut self, prefix: &str) -> Result<(), BuildRequestError> {
        let valid = prefix.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !valid || prefix.starts_with(['.', '-']) {
            return Err(BuildRequestError::new(format!("invalid host prefix {prefix:?}")));
        }
        let at = self.uri.find("://").map(|i| i + 3).unwrap_or(0);
        self.uri.insert_str(at, prefix);
        Ok(())
    }

    /// The URI so far (used to expand a host prefix).
    pub fn uri_text(&self) -> &str {
        &self.uri
    }

    /// Appends literal path text from the `@http` URI.
    pub fn path(&mut self, literal: &str) {
        self.uri.push_str(literal);
    }

    /// Appends a label value; unset and empty values are errors naming the member.
    pub fn label(&mut self, member: &'static str, value: ::std::option::Option<&str>, greedy: bool) -> Result<(), BuildRequestError> {
        let value = value.ok_or_else(|| BuildRequestError::member(member, "is an `@httpLabel` and must be set"))?;
        if value.is_empty() {
            return Err(BuildRequestError::member(member, "is an `@httpLabel` and must not be empty"));
        }
        if greedy {
            let trimmed = value.trim_start_matches('/');
            if trimmed.is_empty() {
                return Err(BuildRequestError::member(member, "is a greedy `@httpLabel` and must not be empty"));
            }
            self.uri.push_str(&encode_greedy(trimmed));
        } else {
            self.uri.push_str(&encode(value));
        }
        Ok(())
    }

    fn push_query(&mut self, key: &str, value: ::std::option::Option<&str>) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        self.query.push_str(&encode(key));
        if let Some(v) = value {
            self.query.push('=');
            self.query.push_str(&encode(v));
        }
    }

    /// A literal query parameter of the `@http` URI (already encoded as written in the model).
    pub fn literal_query(&mut self, key: &str, value: ::std::option::Option<&str>) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        self.query.push_str(key);
        if let Some(v) = value {
            self.query.push('=');
            self.query.push_str(v);
        }
    }

    /// An `@httpQuery` value; a list repeats the key.
    pub fn query(&mut self, key: &'static str, values: impl IntoIterator<Item = String>) {
        self.query_keys.push(key.to_string());
        for v in values {
            self.push_query(key, Some(&v));
        }
    }

    /// `@httpQueryParams` entries; keys already set by an `@httpQuery` member are left out.
    pub fn query_params(&mut self, entries: impl IntoIterator<Item = (String, Vec<String>)>) {
        let mut entries: Vec<(String, Vec<String>)> = entries.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, values) in entries {
            if self.query_keys.contains(&k) {
                continue;
            }
            for v in values {
                self.push_query(&k, Some(&v));
            }
        }
    }

    fn insert_header(&mut self, name: &str, value: &str) -> Result<(), BuildRequestError> {
        let name =
            ::http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| BuildRequestError::new(format!("invalid header name {name:?}")))?;
        let value = ::http::HeaderValue::from_bytes(value.trim_matches([' ', '\t']).as_bytes())
            .map_err(|_| BuildRequestError::new(format!("the value of header {name} cannot travel in a header")))?;
        self.headers.insert(name, value);
        Ok(())
    }

    /// An `@httpHeader` value.
    pub fn header(&mut self, name: &'static str, value: &str) -> Result<(), BuildRequestError> {
        self.insert_header(name, value)
    }

    /// An `@httpHeader` list: items joined with `, `, quoted when `quote` is set and needed.
    pub fn header_list(
        &mut self,
        name: &'static str,
        items: impl IntoIterator<Item = String>,
        quote: bool,
    ) -> Result<(), BuildRequestError> {
        let items: Vec<String> = items.into_iter().map(|i| if quote { quote_header_item(&i).into_owned() } else { i }).collect();
        self.insert_header(name, &items.join(", "))
    }

    /// `@httpPrefixHeaders` entries; a header already set by an `@httpHeader` member wins.
    pub fn prefix_headers<'a>(
        &mut self,
        prefix: &str,
        entries: impl IntoIterator<Item = (&'a String, String)>,
    ) -> Result<(), BuildRequestError> {
        for (k, v) in entries {
            let name = format!("{prefix}{k}");
            if self.headers.contains_key(name.to_ascii_lowercase().as_str()) {
                continue;
            }
            self.insert_header(&name, &v)?;
        }
        Ok(())
    }

    /// The JSON body: the input serialized, less the members bound elsewhere (by JSON key).
    pub fn json_body<T: ::serde::Serialize>(&mut self, input: &T, bound: &[&str]) -> Result<(), BuildRequestError> {
        // Always through `serde_json::Value`: each type's `Serialize` is then compiled for one
        // serializer only (writing bytes straight from the input would need a second copy). The
        // generic part is just that call.
        match ::serde_json::to_value(input) {
            Ok(value) => self.json_value(value, bound),
            Err(e) => Err(BuildRequestError::new(format!("the body does not serialize: {e}"))),
        }
    }

    fn json_value(&mut self, mut value: ::serde_json::Value, bound: &[&str]) -> Result<(), BuildRequestError> {
        let ser = |e: ::serde_json::Error| BuildRequestError::new(format!("the body does not serialize: {e}"));
        if let ::serde_json::Value::Object(map) = &mut value {
            for key in bound {
                map.remove(*key);
            }
        }
        self.body = ::serde_json::to_vec(&value).map_err(ser)?;
        self.content_type = Some("application/json");
        self.send_length = true;
        Ok(())
    }

    /// A JSON `@httpPayload` (structure, union or document); `None` sends `{}` for a structure
    /// and nothing for a union or document.
    pub fn json_payload<T: ::serde::Serialize>(
        &mut self,
        value: ::std::option::Option<&T>,
        empty_object: bool,
    ) -> Result<(), BuildRequestError> {
        match value {
            // Through `serde_json::Value` like `json_body`, with nothing left out.
            Some(v) => match ::serde_json::to_value(v) {
                Ok(value) => return self.json_value(value, &[]),
                Err(e) => return Err(BuildRequestError::new(format!("the payload does not serialize: {e}"))),
            },
            None if empty_object => self.body = b"{}".to_vec(),
            None => return Ok(()),
        }
        self.content_type = Some("application/json");
        self.send_length = true;
        Ok(())
    }

    /// A blob or string `@httpPayload`, sent as is with its media type.
    pub fn raw_payload(&mut self, bytes: ::std::option::Option<&[u8]>, content_type: &'static str) {
        if let Some(b) = bytes {
            self.body = b.to_vec();
            self.content_type = Some(content_type);
            self.send_length = true;
        }
    }

    /// The finished request. `Content-Type` is set only when there is a body, unless a member
    /// already set it.
    pub fn finish(mut self) -> Result<::http::Request<Vec<u8>>, BuildRequestError> {
        if let Some(ct) = self.content_type {
            if !self.headers.contains_key(::http::header::CONTENT_TYPE) {
                self.headers.insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(ct));
            }
        }
        if self.send_length || !self.body.is_empty() {
            self.headers.insert(::http::header::CONTENT_LENGTH, ::http::HeaderValue::from(self.body.len()));
        }
        let uri = format!("{}{}", self.uri, self.query);
        let mut request = ::http::Request::builder()
            .method(self.method)
            .uri(&uri)
            .body(self.body)
            .map_err(|e| BuildRequestError::new(format!("invalid request URI {uri:?}: {e}")))?;
        *request.headers_mut() = self.headers;
        Ok(request)
    }
}

/// Request compression settings (operations with `@requestCompression`): on by default, for
/// bodies of at least 10,240 bytes, as in the AWS SDKs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestCompression {
    /// No compression at all.
    pub disabled: bool,
    /// Bodies smaller than this are sent as they are.
    pub min_size_bytes: usize,
}

impl ::std::default::Default for RequestCompression {
    fn default() -> Self {
        RequestCompression { disabled: false, min_size_bytes: 10_240 }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn header<'a>(request: &'a ::http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
        request.headers().get(name).map(|v| v.to_str().unwrap())
    }

    #[test]
    fn encoding_keeps_only_unreserved_characters() {
        assert_eq!(encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(encode("a b/c?d=e&f+g%h"), "a%20b%2Fc%3Fd%3De%26f%2Bg%25h");
        assert_eq!(encode("é😀"), "%C3%A9%F0%9F%98%80");
        assert_eq!(encode_greedy("a b/c/d?"), "a%20b/c/d%3F");
    }

    #[test]
    fn labels_are_encoded_and_greedy_labels_keep_slashes() {
        let mut w = RequestWriter::new("GET", "https://example.com/");
        w.path("/buckets/");
        w.label("Bucket", Some("my bucket/1"), false).unwrap();
        w.path("/keys/");
        w.label("Key", Some("//photos/2024/a b.jpg"), true).unwrap();
        let request = w.finish().unwrap();
        assert_eq!(request.method(), "GET");
        assert_eq!(request.uri().to_string(), "https://example.com/buckets/my%20bucket%2F1/keys/photos/2024/a%20b.jpg");
        assert!(request.body().is_empty());
        assert!(request.headers().is_empty(), "{:?}", request.headers());
    }

    #[test]
    fn missing_and_empty_labels_name_the_member() {
        let mut w = RequestWriter::new("GET", "https://example.com");
        let unset = w.label("Bucket", None, false).unwrap_err();
        assert_eq!(unset.member_name(), Some("Bucket"));
        assert_eq!(unset.message(), "is an `@httpLabel` and must be set");
        assert_eq!(unset.to_string(), "cannot build the request: member `Bucket` is an `@httpLabel` and must be set");
        let empty = w.label("Bucket", Some(""), false).unwrap_err();
        assert_eq!(empty.message(), "is an `@httpLabel` and must not be empty");
        let slashes = w.label("Key", Some("///"), true).unwrap_err();
        assert_eq!(slashes.member_name(), Some("Key"));
        assert_eq!(slashes.message(), "is a greedy `@httpLabel` and must not be empty");
        // Nothing was appended by the failed labels.
        assert_eq!(w.uri_text(), "https://example.com");
        assert_eq!(BuildRequestError::new("bad").to_string(), "cannot build the request: bad");
        assert_eq!(BuildRequestError::new("bad").member_name(), None);
    }

    #[test]
    fn query_lists_repeat_the_key_and_query_params_are_sorted_without_bound_keys() {
        let mut w = RequestWriter::new("GET", "https://example.com");
        w.path("/things");
        w.literal_query("list-type", Some("2"));
        w.literal_query("flag", None);
        w.query("tag key", ["a b".to_string(), "c&d".to_string()]);
        w.query("Empty", Vec::new());
        w.query_params(HashMap::from([
            ("zeta".to_string(), vec!["1".to_string()]),
            ("tag key".to_string(), vec!["ignored".to_string()]),
            ("alpha".to_string(), vec!["x".to_string(), "y".to_string()]),
            ("Empty".to_string(), vec!["ignored too".to_string()]),
            ("mid/dle".to_string(), vec![String::new()]),
        ]));
        let request = w.finish().unwrap();
        assert_eq!(
            request.uri().to_string(),
            "https://example.com/things?list-type=2&flag&tag%20key=a%20b&tag%20key=c%26d&alpha=x&alpha=y&mid%2Fdle=&zeta=1"
        );
    }

    #[test]
    fn headers_are_trimmed_and_lists_are_joined_and_quoted() {
        let mut w = RequestWriter::new("PUT", "https://example.com");
        w.header("X-Name", "  padded\t").unwrap();
        w.header_list("X-List", ["a".to_string(), "b,c".to_string(), "say \"hi\"".to_string()], true).unwrap();
        w.header_list("X-Raw", ["a".to_string(), "b,c".to_string()], false).unwrap();
        w.header_list("X-Ints", [1, 2, 3].map(|i: i32| i.to_string()), false).unwrap();
        let request = w.finish().unwrap();
        assert_eq!(header(&request, "x-name"), Some("padded"));
        assert_eq!(header(&request, "x-list"), Some(r#"a, "b,c", "say \"hi\"""#));
        assert_eq!(header(&request, "x-raw"), Some("a, b,c"));
        assert_eq!(header(&request, "x-ints"), Some("1, 2, 3"));
        assert_eq!(quote_header_item("back\\slash"), "back\\slash");
        assert_eq!(quote_header_item("a\\\"b"), "\"a\\\\\\\"b\"");
    }

    #[test]
    fn timestamp_headers_and_values_in_each_format() {
        let t = ::aws_smithy_types::DateTime::from_secs(1576540098);
        assert_eq!(timestamp(&t, TsFormat::DateTime), "2019-12-16T23:48:18Z");
        assert_eq!(timestamp(&t, TsFormat::HttpDate), "Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(timestamp(&t, TsFormat::EpochSeconds), "1576540098");
        let half = ::aws_smithy_types::DateTime::from_secs_and_nanos(1576540098, 500_000_000);
        assert_eq!(timestamp(&half, TsFormat::EpochSeconds), "1576540098.5");
        assert_eq!(timestamp(&half, TsFormat::DateTime), "2019-12-16T23:48:18.5Z");
        // Year 10000 cannot be written as text: epoch seconds instead.
        let far = ::aws_smithy_types::DateTime::from_secs(253_402_300_800);
        assert_eq!(timestamp(&far, TsFormat::DateTime), "253402300800");

        let mut w = RequestWriter::new("GET", "https://example.com");
        w.header("X-When", &timestamp(&t, TsFormat::HttpDate)).unwrap();
        let later = ::aws_smithy_types::DateTime::from_secs(1576540099);
        w.header_list("X-Dates", [&t, &later].map(|d| timestamp(d, TsFormat::HttpDate)), false).unwrap();
        let request = w.finish().unwrap();
        assert_eq!(header(&request, "x-when"), Some("Mon, 16 Dec 2019 23:48:18 GMT"));
        assert_eq!(header(&request, "x-dates"), Some("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT"));
    }

    #[test]
    fn header_values_that_cannot_travel_are_errors() {
        let mut w = RequestWriter::new("GET", "https://example.com");
        let err = w.header("X-Bad", "line\nbreak").unwrap_err();
        assert_eq!(err.message(), "the value of header x-bad cannot travel in a header");
        let err = w.prefix_headers("X-Meta-", [(&"bad name".to_string(), "v".to_string())]).unwrap_err();
        assert_eq!(err.message(), "invalid header name \"X-Meta-bad name\"");
    }

    #[test]
    fn prefix_headers_do_not_override_bound_headers() {
        let mut w = RequestWriter::new("GET", "https://example.com");
        w.header("X-Meta-Owner", "bound").unwrap();
        let (owner, color) = ("Owner".to_string(), "color".to_string());
        w.prefix_headers("X-Meta-", [(&owner, "from map".to_string()), (&color, "blue".to_string())]).unwrap();
        let request = w.finish().unwrap();
        assert_eq!(header(&request, "x-meta-owner"), Some("bound"));
        assert_eq!(header(&request, "x-meta-color"), Some("blue"));
        assert_eq!(request.headers().len(), 2);
    }

    #[test]
    fn host_prefix_goes_before_the_host() {
        let mut w = RequestWriter::new("POST", "https://service.us-east-1.amazonaws.com/base/");
        w.host_prefix("data-foo.").unwrap();
        assert_eq!(w.uri_text(), "https://data-foo.service.us-east-1.amazonaws.com/base");
        w.path("/op");
        assert_eq!(w.finish().unwrap().uri().to_string(), "https://data-foo.service.us-east-1.amazonaws.com/base/op");

        let mut no_scheme = RequestWriter::new("GET", "localhost:8080");
        no_scheme.host_prefix("a.").unwrap();
        assert_eq!(no_scheme.uri_text(), "a.localhost:8080");

        let mut w = RequestWriter::new("GET", "https://example.com");
        for bad in ["bad/", ".foo", "-foo", "a b.", "é."] {
            let err = w.host_prefix(bad).unwrap_err();
            assert_eq!(err.message(), format!("invalid host prefix {bad:?}"));
        }
        assert_eq!(w.uri_text(), "https://example.com");
    }

    #[test]
    fn json_body_leaves_out_bound_members_and_sets_content_type_and_length() {
        let mut w = RequestWriter::new("POST", "https://example.com");
        w.path("/items/");
        w.label("Id", Some("7"), false).unwrap();
        let input = ::serde_json::json!({"Id": "7", "Name": "n", "Token": "t", "Count": 2});
        w.json_body(&input, &["Id", "Token"]).unwrap();
        let request = w.finish().unwrap();
        let body: ::serde_json::Value = ::serde_json::from_slice(request.body()).unwrap();
        assert_eq!(body, ::serde_json::json!({"Name": "n", "Count": 2}));
        assert_eq!(header(&request, "content-type"), Some("application/json"));
        assert_eq!(header(&request, "content-length"), Some(request.body().len().to_string().as_str()));
    }

    #[test]
    fn a_content_type_member_wins_over_the_default() {
        let mut w = RequestWriter::new("POST", "https://example.com");
        w.header("Content-Type", "application/x-amz-json-1.1").unwrap();
        w.json_body(&::serde_json::json!({}), &[]).unwrap();
        let request = w.finish().unwrap();
        assert_eq!(header(&request, "content-type"), Some("application/x-amz-json-1.1"));
        assert_eq!(request.body(), b"{}");
        assert_eq!(header(&request, "content-length"), Some("2"));
    }

    #[test]
    fn payloads_raw_json_and_absent() {
        let mut raw = RequestWriter::new("PUT", "https://example.com");
        raw.raw_payload(Some(b"\x00\x01binary"), "application/octet-stream");
        let request = raw.finish().unwrap();
        assert_eq!(request.body(), b"\x00\x01binary");
        assert_eq!(header(&request, "content-type"), Some("application/octet-stream"));
        assert_eq!(header(&request, "content-length"), Some("8"));

        let mut none = RequestWriter::new("PUT", "https://example.com");
        none.raw_payload(None, "text/plain");
        let request = none.finish().unwrap();
        assert!(request.body().is_empty());
        assert_eq!(header(&request, "content-type"), None);
        assert_eq!(header(&request, "content-length"), None);

        let mut empty_struct = RequestWriter::new("PUT", "https://example.com");
        empty_struct.json_payload::<::serde_json::Value>(None, true).unwrap();
        let request = empty_struct.finish().unwrap();
        assert_eq!(request.body(), b"{}");
        assert_eq!(header(&request, "content-type"), Some("application/json"));

        let mut no_union = RequestWriter::new("PUT", "https://example.com");
        no_union.json_payload::<::serde_json::Value>(None, false).unwrap();
        let request = no_union.finish().unwrap();
        assert!(request.body().is_empty());
        assert_eq!(header(&request, "content-type"), None);

        let mut some = RequestWriter::new("PUT", "https://example.com");
        // A payload keeps every member, even ones named like bound members.
        some.json_payload(Some(&::serde_json::json!({"Id": 1})), false).unwrap();
        assert_eq!(some.finish().unwrap().body(), br#"{"Id":1}"#);

        // An empty raw payload is still sent, with its length.
        let mut zero = RequestWriter::new("PUT", "https://example.com");
        zero.raw_payload(Some(b""), "text/plain");
        let request = zero.finish().unwrap();
        assert_eq!(header(&request, "content-length"), Some("0"));
        assert_eq!(header(&request, "content-type"), Some("text/plain"));
    }

    #[test]
    fn bodies_that_do_not_serialize_and_bad_uris_are_errors() {
        let mut w = RequestWriter::new("POST", "https://example.com");
        let map = std::collections::BTreeMap::from([((1, 2), "tuple keys are not JSON")]);
        let err = w.json_body(&map, &[]).unwrap_err();
        assert!(err.message().starts_with("the body does not serialize: "), "{err}");
        let err = w.json_payload(Some(&map), false).unwrap_err();
        assert!(err.message().starts_with("the payload does not serialize: "), "{err}");

        let err = RequestWriter::new("GET", "https://exa mple.com").finish().unwrap_err();
        assert!(err.message().starts_with("invalid request URI \"https://exa mple.com\""), "{err}");
    }

    #[test]
    fn floats_outside_json() {
        assert_eq!(float(f64::NAN), "NaN");
        assert_eq!(float(f64::INFINITY), "Infinity");
        assert_eq!(float(f32::NEG_INFINITY), "-Infinity");
        assert_eq!(float(1.5f32), "1.5");
        assert_eq!(float(0.1f32), "0.1");
        assert_eq!(float(-2.0f64), "-2");
    }

    #[test]
    fn compression_defaults() {
        assert_eq!(RequestCompression::default(), RequestCompression { disabled: false, min_size_bytes: 10_240 });
    }
}
