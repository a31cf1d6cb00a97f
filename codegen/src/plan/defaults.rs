//! `@default` values, interpreted once for the field's Rust type: emit only spells the result.

use super::Ty;
use crate::load::json::Node;
use base64::Engine as _;

/// A member's `@default`, as a value of its Rust type.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    /// An enum's value, built with `From<&str>`.
    EnumValue(String),
    /// An intEnum's value, built with `From<i32>`.
    IntEnumValue(i64),
    /// A blob's bytes (the model writes them in base64).
    Blob(Vec<u8>),
    /// A timestamp, in seconds since the epoch.
    EpochSeconds(i64),
    /// A document, as JSON text.
    Document(String),
    /// `Default::default()`: the empty list or map a model writes as `[]` or `{}`.
    Empty,
}

/// The default `node` as a value of type `ty`, or why it cannot be one.
pub fn typed(ty: &Ty, node: &Node) -> Result<DefaultValue, String> {
    Ok(match (ty, node) {
        (Ty::Bool, Node::Bool(b)) => DefaultValue::Bool(*b),
        (Ty::I8 | Ty::I16 | Ty::I32 | Ty::I64, Node::Number(n)) => {
            DefaultValue::Int(n.as_i64().ok_or_else(|| format!("`{n}` is not an integer"))?)
        }
        (Ty::F32 | Ty::F64, Node::Number(n)) => DefaultValue::Float(n.as_f64().ok_or_else(|| format!("`{n}` is not a number"))?),
        (Ty::String, Node::String(s)) => DefaultValue::String(s.clone()),
        (Ty::Named(_), Node::String(s)) => DefaultValue::EnumValue(s.clone()),
        (Ty::Named(_), Node::Number(n)) => DefaultValue::IntEnumValue(n.as_i64().ok_or_else(|| format!("`{n}` is not an integer"))?),
        (Ty::Blob, Node::String(s)) => {
            DefaultValue::Blob(base64::engine::general_purpose::STANDARD.decode(s).map_err(|e| format!("`{s}` is not base64: {e}"))?)
        }
        (Ty::Timestamp, Node::Number(n)) => DefaultValue::EpochSeconds(n.as_i64().ok_or_else(|| format!("`{n}` is not whole seconds"))?),
        (Ty::Document, v) => DefaultValue::Document(v.to_json().to_string()),
        (Ty::List(..) | Ty::Map(..), Node::Array(a)) if a.is_empty() => DefaultValue::Empty,
        (Ty::List(..) | Ty::Map(..), Node::Object(o)) if o.0.is_empty() => DefaultValue::Empty,
        (ty, node) => return Err(format!("a {} default does not fit the Rust type {ty:?}", node.kind())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(json: &str) -> Node {
        crate::load::json::parse(json.as_bytes()).expect("test JSON")
    }

    #[test]
    fn scalars_take_the_type_of_the_field() {
        assert_eq!(typed(&Ty::Bool, &node("true")), Ok(DefaultValue::Bool(true)));
        assert_eq!(typed(&Ty::I32, &node("-7")), Ok(DefaultValue::Int(-7)));
        assert_eq!(typed(&Ty::F64, &node("1.5")), Ok(DefaultValue::Float(1.5)));
        assert_eq!(typed(&Ty::String, &node("\"x\"")), Ok(DefaultValue::String("x".into())));
        assert_eq!(typed(&Ty::Named("Mode".into()), &node("\"FAST\"")), Ok(DefaultValue::EnumValue("FAST".into())));
        assert_eq!(typed(&Ty::Named("Level".into()), &node("2")), Ok(DefaultValue::IntEnumValue(2)));
        assert_eq!(typed(&Ty::Timestamp, &node("1700000000")), Ok(DefaultValue::EpochSeconds(1_700_000_000)));
    }

    #[test]
    fn blobs_are_decoded_from_base64_and_bad_base64_is_an_error() {
        assert_eq!(typed(&Ty::Blob, &node("\"aGk=\"")), Ok(DefaultValue::Blob(b"hi".to_vec())));
        let err = typed(&Ty::Blob, &node("\"not base64!\"")).unwrap_err();
        assert!(err.contains("is not base64"), "{err}");
    }

    #[test]
    fn empty_collections_and_documents() {
        let list = Ty::List(Box::new(Ty::String), false);
        assert_eq!(typed(&list, &node("[]")), Ok(DefaultValue::Empty));
        let map = Ty::Map(Box::new(Ty::String), Box::new(Ty::I32), false);
        assert_eq!(typed(&map, &node("{}")), Ok(DefaultValue::Empty));
        assert_eq!(typed(&Ty::Document, &node("{\"a\":[1]}")), Ok(DefaultValue::Document("{\"a\":[1]}".into())));
    }

    #[test]
    fn a_default_of_the_wrong_kind_is_an_error() {
        assert!(typed(&Ty::I32, &node("\"7\"")).unwrap_err().contains("does not fit"));
        assert!(typed(&Ty::I64, &node("1.5")).unwrap_err().contains("not an integer"));
        assert!(typed(&Ty::List(Box::new(Ty::String), false), &node("[\"a\"]")).is_err());
    }
}
