//! Trait values keyed by absolute trait id, with typed accessors for the traits the generator uses.

use super::ShapeId;
use crate::load::json::Node;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Traits(pub BTreeMap<ShapeId, Node>);

/// `length` / `range` bounds. Range bounds stay JSON numbers so `i64::MAX` keeps its exact value.
#[derive(Clone, Debug, PartialEq)]
pub struct Bounds {
    pub min: Option<serde_json::Number>,
    pub max: Option<serde_json::Number>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

fn api(name: &str) -> ShapeId {
    ShapeId::prelude(name)
}

impl Traits {
    pub fn get(&self, id: &str) -> Option<&Node> {
        let id = ShapeId::parse(id).expect("trait ids in the generator are absolute");
        self.0.get(&id)
    }

    pub fn api(&self, name: &str) -> Option<&Node> {
        self.0.get(&api(name))
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(&api(name))
    }

    pub fn insert(&mut self, id: ShapeId, value: Node) {
        self.0.insert(id, value);
    }

    pub fn documentation(&self) -> Option<&str> {
        self.api("documentation").and_then(Node::as_str)
    }

    pub fn api_str(&self, name: &str) -> Option<&str> {
        self.api(name).and_then(Node::as_str)
    }

    /// `@default`: `Some(Node::Null)` for an explicit `@default(null)`.
    pub fn default_value(&self) -> Option<&Node> {
        self.api("default")
    }

    pub fn bounds(&self, name: &str) -> Option<Bounds> {
        let obj = self.api(name)?.as_object()?;
        Some(Bounds { min: obj.get("min").and_then(Node::as_number).cloned(), max: obj.get("max").and_then(Node::as_number).cloned() })
    }

    pub fn length(&self) -> Option<Bounds> {
        self.bounds("length")
    }

    pub fn range(&self) -> Option<Bounds> {
        self.bounds("range")
    }

    pub fn pattern(&self) -> Option<&str> {
        self.api_str("pattern")
    }

    pub fn http(&self) -> Option<Http> {
        let obj = self.api("http")?.as_object()?;
        Some(Http {
            method: obj.get("method")?.as_str()?.to_string(),
            uri: obj.get("uri")?.as_str()?.to_string(),
            code: obj.get("code").and_then(Node::as_number).and_then(|n| n.as_u64()).unwrap_or(200) as u16,
        })
    }

    pub fn paginated(&self) -> Option<Paginated> {
        let obj = self.api("paginated")?.as_object()?;
        let s = |k: &str| obj.get(k).and_then(Node::as_str).map(str::to_string);
        Some(Paginated { input_token: s("inputToken"), output_token: s("outputToken"), items: s("items"), page_size: s("pageSize") })
    }

    /// The `@timestampFormat` value, if any.
    pub fn timestamp_format(&self) -> Option<&str> {
        self.api_str("timestampFormat")
    }

    pub fn json_name(&self) -> Option<&str> {
        self.api_str("jsonName")
    }

    /// `@error("client" | "server")`.
    pub fn error(&self) -> Option<&str> {
        self.api_str("error")
    }
}
