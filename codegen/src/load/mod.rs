//! Load: read Smithy JSON AST files into a raw mirror of the document, checking its JSON shape.
//!
//! Nothing is resolved here; ids are still strings. Every structural problem is collected with the
//! file and the JSON path.

pub mod json;

use crate::diag::Diagnostics;
use json::{Node, Object};
use std::path::Path;

/// One model file as written.
#[derive(Clone, Debug, Default)]
pub struct RawFile {
    pub path: String,
    pub metadata: Vec<(String, Node)>,
    pub shapes: Vec<RawShape>,
}

#[derive(Clone, Debug)]
pub struct RawShape {
    /// The key in `shapes`, as written.
    pub id: String,
    pub type_name: String,
    pub traits: Vec<(String, Node)>,
    /// structure/union/enum/intEnum members, or list `member`, or map `key` + `value`, in source order.
    pub members: Vec<RawMember>,
    pub mixins: Vec<String>,
    /// The whole shape object, for service/operation/resource properties.
    pub body: Object,
}

#[derive(Clone, Debug)]
pub struct RawMember {
    pub name: String,
    pub target: String,
    pub traits: Vec<(String, Node)>,
}

/// Shape types of Smithy 2.0 (plus `apply`, which only carries traits).
pub const SHAPE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "map",
    "structure",
    "union",
    "service",
    "operation",
    "resource",
    "apply",
];

/// JSON pointer of a shape inside a file.
pub fn shape_path(id: &str) -> String {
    format!("/shapes/{}", id.replace('~', "~0").replace('/', "~1"))
}

/// Reads and checks one file. Returns `None` when it is not usable at all (unreadable, not JSON).
pub fn load_file(path: &Path, diags: &mut Diagnostics) -> Option<RawFile> {
    let file = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(&file, "", format!("cannot read file: {e}"));
            return None;
        }
    };
    load_bytes(&file, &bytes, diags)
}

/// Checks one document given as bytes; `file` names it in diagnostics.
pub fn load_bytes(file: &str, bytes: &[u8], diags: &mut Diagnostics) -> Option<RawFile> {
    let node = match json::parse(bytes) {
        Ok(n) => n,
        Err(e) => {
            diags.error(file, e.location(), e.message);
            return None;
        }
    };
    let Node::Object(doc) = node else {
        diags.error(file, "/", format!("a model document must be a JSON object, found {}", node.kind()));
        return None;
    };
    let mut out = RawFile { path: file.to_string(), ..Default::default() };
    match doc.get("smithy") {
        None => diags.error(file, "/smithy", "missing `smithy` version (expected \"2.0\")"),
        Some(Node::String(v)) if v == "2" || v == "2.0" => {}
        Some(Node::String(v)) => diags.error(file, "/smithy", format!("unsupported Smithy version {v:?} (this generator reads \"2.0\")")),
        Some(other) => diags.error(file, "/smithy", format!("`smithy` must be a string, found {}", other.kind())),
    }
    for key in doc.keys() {
        if !matches!(key, "smithy" | "metadata" | "shapes") {
            diags.warning(file, format!("/{key}"), format!("unknown top-level property `{key}` ignored"));
        }
    }
    match doc.get("metadata") {
        None => {}
        Some(Node::Object(m)) => out.metadata = m.0.clone(),
        Some(other) => diags.error(file, "/metadata", format!("`metadata` must be an object, found {}", other.kind())),
    }
    match doc.get("shapes") {
        None => {}
        Some(Node::Object(shapes)) => {
            for (id, node) in shapes.iter() {
                if let Some(shape) = load_shape(file, id, node, diags) {
                    out.shapes.push(shape);
                }
            }
        }
        Some(other) => diags.error(file, "/shapes", format!("`shapes` must be an object, found {}", other.kind())),
    }
    Some(out)
}

/// The properties a shape of this type may have besides `type`, `traits` and `mixins`.
fn shape_properties(type_name: &str) -> &'static [&'static str] {
    match type_name {
        "list" => &["member"],
        "map" => &["key", "value"],
        "structure" | "union" | "enum" | "intEnum" => &["members"],
        "service" => &["version", "operations", "resources", "errors", "rename"],
        "operation" => &["input", "output", "errors"],
        "resource" => &[
            "identifiers",
            "properties",
            "create",
            "put",
            "read",
            "update",
            "delete",
            "list",
            "operations",
            "collectionOperations",
            "resources",
        ],
        _ => &[],
    }
}

fn load_shape(file: &str, id: &str, node: &Node, diags: &mut Diagnostics) -> Option<RawShape> {
    let Node::Object(obj) = node else {
        diags.error(file, id, format!("shape definition must be an object, found {}", node.kind()));
        return None;
    };
    let type_name = match obj.get("type") {
        Some(Node::String(t)) => t.clone(),
        Some(other) => {
            diags.error(file, id, format!("`type` must be a string, found {}", other.kind()));
            return None;
        }
        None => {
            diags.error(file, id, "shape has no `type`");
            return None;
        }
    };
    if type_name == "set" {
        diags.error(file, id, "shape type `set` was removed in Smithy 2.0; use a list with @uniqueItems");
        return None;
    }
    if !SHAPE_TYPES.contains(&type_name.as_str()) {
        diags.error(file, id, format!("unknown shape type `{type_name}`"));
        return None;
    }
    let allowed = shape_properties(&type_name);
    for key in obj.keys() {
        let common = matches!(key, "type" | "traits") || (key == "mixins" && type_name != "apply");
        if !common && !allowed.contains(&key) {
            diags.error(file, id, format!("unknown property `{key}` in a {type_name} shape"));
        }
    }
    let traits = load_traits(file, id, obj.get("traits"), diags);
    let mut mixins = Vec::new();
    match obj.get("mixins") {
        None => {}
        Some(Node::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item.get("target").and_then(Node::as_str) {
                    Some(t) if item.as_object().is_some_and(|o| o.keys().all(|k| k == "target")) => mixins.push(t.to_string()),
                    _ => diags.error(file, id, format!("mixins[{i}] must be an object with only a string `target`")),
                }
            }
        }
        Some(other) => diags.error(file, id, format!("`mixins` must be an array, found {}", other.kind())),
    }
    let mut members = Vec::new();
    match type_name.as_str() {
        "list" => {
            if let Some(m) = load_member(file, id, "member", obj.get("member"), !mixins.is_empty(), diags) {
                members.push(m);
            }
        }
        "map" => {
            for key in ["key", "value"] {
                if let Some(m) = load_member(file, id, key, obj.get(key), !mixins.is_empty(), diags) {
                    members.push(m);
                }
            }
        }
        "structure" | "union" | "enum" | "intEnum" => match obj.get("members") {
            None => {}
            Some(Node::Object(ms)) => {
                for (name, m) in ms.iter() {
                    if let Some(m) = load_member(file, id, name, Some(m), false, diags) {
                        members.push(m);
                    }
                }
            }
            Some(other) => diags.error(file, id, format!("`members` must be an object, found {}", other.kind())),
        },
        _ => {}
    }
    Some(RawShape { id: id.to_string(), type_name, traits, members, mixins, body: obj.clone() })
}

fn load_member(file: &str, shape: &str, name: &str, node: Option<&Node>, may_inherit: bool, diags: &mut Diagnostics) -> Option<RawMember> {
    let location = format!("{shape}${name}");
    let Some(node) = node else {
        if !may_inherit {
            diags.error(file, shape, format!("{} has no `{name}`", if name == "member" { "list" } else { "map" }));
        }
        return None;
    };
    let Node::Object(obj) = node else {
        diags.error(file, location, format!("member definition must be an object, found {}", node.kind()));
        return None;
    };
    let target = match obj.get("target") {
        Some(Node::String(t)) => t.clone(),
        Some(other) => {
            diags.error(file, location, format!("`target` must be a string, found {}", other.kind()));
            return None;
        }
        None => {
            diags.error(file, location, "member has no `target`");
            return None;
        }
    };
    for key in obj.keys() {
        if !matches!(key, "target" | "traits") {
            diags.error(file, &location, format!("unknown property `{key}` in a member"));
        }
    }
    let traits = load_traits(file, &location, obj.get("traits"), diags);
    Some(RawMember { name: name.to_string(), target, traits })
}

fn load_traits(file: &str, location: &str, node: Option<&Node>, diags: &mut Diagnostics) -> Vec<(String, Node)> {
    match node {
        None => Vec::new(),
        Some(Node::Object(t)) => t.0.clone(),
        Some(other) => {
            diags.error(file, location, format!("`traits` must be an object, found {}", other.kind()));
            Vec::new()
        }
    }
}
