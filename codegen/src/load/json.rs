//! Strict JSON reading: an order-preserving value type that rejects duplicate keys.
//!
//! serde_json supplies the tokenizer, line/column positions and its recursion limit (128), so very
//! deep nesting is an error rather than a stack overflow.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON value whose objects keep their key order (member order matters in Smithy).
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Object),
}

/// An object in source order; keys are unique (enforced while parsing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object(pub Vec<(String, Node)>);

impl Object {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

impl Node {
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Node::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match self {
            Node::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&serde_json::Number> {
        match self {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// Converts to a serde_json value (objects become sorted maps).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Node::Null => serde_json::Value::Null,
            Node::Bool(b) => serde_json::Value::Bool(*b),
            Node::Number(n) => serde_json::Value::Number(n.clone()),
            Node::String(s) => serde_json::Value::String(s.clone()),
            Node::Array(a) => serde_json::Value::Array(a.iter().map(Node::to_json).collect()),
            Node::Object(o) => serde_json::Value::Object(o.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
        }
    }
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        At { parent: None, step: Step::Root }.deserialize(d)
    }
}

/// Where a value sits in the document, as a chain of steps built only on the stack; it is turned
/// into a JSON pointer only when an error needs one.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl At<'_> {
    /// The JSON pointer (RFC 6901) of this value; `/` for the document itself.
    fn pointer(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(a) = at {
            match a.step {
                Step::Root => {}
                Step::Key(k) => steps.push(k.replace('~', "~0").replace('/', "~1")),
                Step::Index(i) => steps.push(i.to_string()),
            }
            at = a.parent;
        }
        if steps.is_empty() {
            return "/".to_string();
        }
        steps.iter().rev().map(|s| format!("/{s}")).collect()
    }
}

impl<'de> DeserializeSeed<'de> for At<'_> {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor { at: &self })
    }
}

struct NodeVisitor<'b, 'a> {
    at: &'b At<'a>,
}

impl<'de> Visitor<'de> for NodeVisitor<'_, '_> {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        serde_json::Number::from_f64(v).map(Node::Number).ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::String(v))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(At { parent: Some(self.at), step: Step::Index(items.len()) })? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(String, Node)> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!("duplicate key {key:?} in the object at {}", self.at.pointer())));
            }
            let value = map.next_value_seed(At { parent: Some(self.at), step: Step::Key(&key) })?;
            entries.push((key, value));
        }
        Ok(Node::Object(Object(entries)))
    }
}

/// Why a document could not be read, and where (1-based line and column; 0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ParseError {
    /// `line L, column C`, the diagnostic location of the error.
    pub fn location(&self) -> String {
        if self.line == 0 { String::new() } else { format!("line {}, column {}", self.line, self.column) }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 { f.write_str(&self.message) } else { write!(f, "{}: {}", self.location(), self.message) }
    }
}

/// Parses bytes as strict JSON: UTF-8, no duplicate keys, nesting at most 128 deep.
pub fn parse(bytes: &[u8]) -> Result<Node, ParseError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_col(&bytes[..e.valid_up_to()]);
            return Err(ParseError { line, column, message: "invalid UTF-8".to_string() });
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let node = <Node as de::Deserialize>::deserialize(&mut de).and_then(|n| de.end().map(|()| n));
    node.map_err(|e| {
        // serde_json appends " at line L column C" to its messages; the position is reported apart.
        let text = e.to_string();
        let text = match text.rfind(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        let message = match e.classify() {
            serde_json::error::Category::Data => text,
            _ if text == "recursion limit exceeded" => {
                "invalid JSON: recursion limit exceeded (values nest more than 128 deep)".to_string()
            }
            _ => format!("invalid JSON: {text}"),
        };
        ParseError { line: e.line(), column: e.column(), message }
    })
}

fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let last = prefix.iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
    let col = String::from_utf8_lossy(&prefix[last..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order() {
        let n = parse(br#"{"b":1,"a":{"z":null,"y":[true]}}"#).unwrap();
        let keys: Vec<_> = n.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["b", "a"]);
    }

    #[test]
    fn rejects_duplicate_keys_with_position() {
        let err = parse(b"{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert_eq!(err.message, "duplicate key \"a\" in the object at /");
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn reports_invalid_utf8_position() {
        let err = parse(b"{\n \"a\": \"\xff\"}").unwrap_err();
        assert_eq!(err.to_string(), "line 2, column 8: invalid UTF-8");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse(deep.as_bytes()).unwrap_err();
        assert!(err.message.contains("recursion limit"), "{err}");
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = parse(b"{\"a\": 1,}").unwrap_err();
        assert_eq!(err.to_string(), "line 1, column 9: invalid JSON: trailing comma");
    }

    #[test]
    fn duplicate_keys_name_the_json_pointer_of_their_object() {
        let err = parse(br#"{"shapes": {"a/b~c": {"x": [0, {"k": 1, "k": 2}]}}}"#).unwrap_err();
        assert_eq!(err.message, "duplicate key \"k\" in the object at /shapes/a~1b~0c/x/1");
    }

    #[test]
    fn trailing_content_is_an_error() {
        let err = parse(b"{} {}").unwrap_err();
        assert_eq!(err.to_string(), "line 1, column 4: invalid JSON: trailing characters");
    }

    #[test]
    fn big_integers_stay_exact() {
        let n = parse(b"9223372036854775807").unwrap();
        assert_eq!(n.as_number().unwrap().as_i64(), Some(i64::MAX));
    }
}
