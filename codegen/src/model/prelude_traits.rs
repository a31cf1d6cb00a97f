//! The shapes of the Smithy 2.0 prelude's traits (`smithy.api#...`), as the specification defines
//! them, and a check of a trait value against its shape.
//!
//! Every value form follows from the trait's definition: an annotation trait is a structure
//! without members (its value is `{}`), `@resourceIdentifier` is a string, `@httpError` an
//! integer, `@tags` a list of strings, `@paginated` a structure of strings. What the definition
//! cannot say (where a trait may be applied, `min <= max`, a pattern that compiles) is checked in
//! `validate`.

use crate::load::json::Node;

/// The shape of a trait's value.
#[derive(Debug)]
pub enum Value {
    /// A structure without members: the value is `{}`.
    Annotation,
    String,
    /// A string with a `@length(min: 1)`.
    NonEmptyString,
    /// An enum: a string, one of these values.
    OneOf(&'static [&'static str]),
    Boolean,
    /// An `integer` (32 bits).
    Integer,
    /// A `long`.
    Long,
    /// A `bigDecimal`: any number.
    Number,
    /// A `document`: anything.
    Document,
    List(&'static Value),
    /// A map with string keys.
    Map(&'static Value),
    Structure(&'static [Field]),
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub value: Value,
    pub required: bool,
}

const fn opt(name: &'static str, value: Value) -> Field {
    Field { name, value, required: false }
}

const fn req(name: &'static str, value: Value) -> Field {
    Field { name, value, required: true }
}

const STRINGS: Value = Value::List(&Value::String);
const NON_EMPTY_STRINGS: Value = Value::List(&Value::NonEmptyString);

const EXAMPLE: Value = Value::Structure(&[
    req("title", Value::String),
    opt("documentation", Value::String),
    opt("input", Value::Document),
    opt("output", Value::Document),
    opt("error", Value::Structure(&[opt("shapeId", Value::String), opt("content", Value::Document)])),
    opt("allowConstraintErrors", Value::Boolean),
]);

const ENUM_DEFINITION: Value = Value::Structure(&[
    req("value", Value::NonEmptyString),
    opt("name", Value::String),
    opt("documentation", Value::String),
    opt("tags", NON_EMPTY_STRINGS),
    opt("deprecated", Value::Boolean),
]);

const REFERENCE: Value = Value::Structure(&[
    req("resource", Value::NonEmptyString),
    opt("ids", Value::Map(&Value::NonEmptyString)),
    opt("service", Value::NonEmptyString),
    opt("rel", Value::NonEmptyString),
]);

const TRAIT_VALIDATOR: Value = Value::Structure(&[
    req("selector", Value::String),
    opt("message", Value::String),
    opt("severity", Value::OneOf(&["ERROR", "DANGER", "WARNING", "NOTE"])),
]);

const ANNOTATIONS: &[&str] = &[
    "addedDefault",
    "box",
    "clientOptional",
    "enumDefault",
    "eventHeader",
    "eventPayload",
    "hostLabel",
    "httpBasicAuth",
    "httpBearerAuth",
    "httpChecksumRequired",
    "httpDigestAuth",
    "httpLabel",
    "httpPayload",
    "httpQueryParams",
    "httpResponseCode",
    "idempotencyToken",
    "idempotent",
    "input",
    "internal",
    "nestedProperties",
    "noReplace",
    "notProperty",
    "optionalAuth",
    "output",
    "private",
    "readonly",
    "required",
    "requiresLength",
    "sensitive",
    "sparse",
    "streaming",
    "uniqueItems",
    "unitType",
    "unstable",
    "xmlAttribute",
    "xmlFlattened",
];

/// The value shape of the prelude trait `smithy.api#<name>`, or `None` for a name the prelude
/// does not define.
pub fn definition(name: &str) -> Option<&'static Value> {
    if ANNOTATIONS.contains(&name) {
        return Some(&Value::Annotation);
    }
    Some(match name {
        "documentation" | "since" | "title" | "mediaType" | "jsonName" | "pattern" | "xmlName" => &Value::String,
        "resourceIdentifier" | "httpQuery" | "httpHeader" => &Value::NonEmptyString,
        // The prefix may be empty: `@httpPrefixHeaders("")` binds every header.
        "httpPrefixHeaders" => &Value::String,
        "error" => &Value::OneOf(&["client", "server"]),
        "timestampFormat" => &Value::OneOf(&["date-time", "epoch-seconds", "http-date"]),
        "httpError" => &Value::Integer,
        "default" | "enumValue" => &Value::Document,
        "tags" | "suppress" => &STRINGS,
        "auth" => &STRINGS,
        "examples" => &Value::List(&EXAMPLE),
        "enum" => &Value::List(&ENUM_DEFINITION),
        "references" => &Value::List(&REFERENCE),
        "externalDocumentation" => &Value::Map(&Value::NonEmptyString),
        "traitValidators" => &Value::Map(&TRAIT_VALIDATOR),
        "trait" => {
            const {
                &Value::Structure(&[
                    opt("selector", Value::String),
                    opt("structurallyExclusive", Value::OneOf(&["member", "target"])),
                    opt("conflicts", NON_EMPTY_STRINGS),
                    opt("breakingChanges", Value::List(&Value::Document)),
                ])
            }
        }
        "deprecated" => const { &Value::Structure(&[opt("message", Value::String), opt("since", Value::String)]) },
        "protocolDefinition" => const { &Value::Structure(&[opt("traits", STRINGS), opt("noInlineDocumentSupport", Value::Boolean)]) },
        "authDefinition" => const { &Value::Structure(&[opt("traits", STRINGS)]) },
        "httpApiKeyAuth" => {
            const {
                &Value::Structure(&[
                    req("name", Value::NonEmptyString),
                    req("in", Value::OneOf(&["header", "query"])),
                    opt("scheme", Value::NonEmptyString),
                ])
            }
        }
        "retryable" => const { &Value::Structure(&[opt("throttling", Value::Boolean)]) },
        "xmlNamespace" => const { &Value::Structure(&[req("uri", Value::NonEmptyString), opt("prefix", Value::NonEmptyString)]) },
        "length" => const { &Value::Structure(&[opt("min", Value::Long), opt("max", Value::Long)]) },
        "range" => const { &Value::Structure(&[opt("min", Value::Number), opt("max", Value::Number)]) },
        "property" => const { &Value::Structure(&[opt("name", Value::String)]) },
        "recommended" => const { &Value::Structure(&[opt("reason", Value::String)]) },
        "paginated" => {
            const {
                &Value::Structure(&[
                    opt("inputToken", Value::NonEmptyString),
                    opt("outputToken", Value::NonEmptyString),
                    opt("items", Value::NonEmptyString),
                    opt("pageSize", Value::NonEmptyString),
                ])
            }
        }
        "http" => {
            const { &Value::Structure(&[req("method", Value::NonEmptyString), req("uri", Value::NonEmptyString), opt("code", Value::Integer)]) }
        }
        "cors" => {
            const {
                &Value::Structure(&[
                    opt("origin", Value::NonEmptyString),
                    opt("maxAge", Value::Integer),
                    opt("additionalAllowedHeaders", NON_EMPTY_STRINGS),
                    opt("additionalExposedHeaders", NON_EMPTY_STRINGS),
                ])
            }
        }
        "idRef" => {
            const {
                &Value::Structure(&[
                    opt("selector", Value::String),
                    opt("failWhenMissing", Value::Boolean),
                    opt("errorMessage", Value::String),
                ])
            }
        }
        "endpoint" => const { &Value::Structure(&[req("hostPrefix", Value::NonEmptyString)]) },
        "mixin" => const { &Value::Structure(&[opt("localTraits", STRINGS)]) },
        "requestCompression" => const { &Value::Structure(&[req("encodings", STRINGS)]) },
        _ => return None,
    })
}

/// One problem with a trait value: the JSON path inside the value (`""` for the value itself,
/// `.items`, `[2].title`) and what is wrong.
#[derive(Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// An unknown property: reported as a warning, the value is still usable.
    pub unknown_property: bool,
}

/// Checks `value` against `shape`; every problem is returned.
pub fn check(value: &Node, shape: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    check_at(value, shape, &mut String::new(), &mut out);
    out
}

fn check_at(value: &Node, shape: &Value, path: &mut String, out: &mut Vec<Problem>) {
    let mut bad = |message: String| out.push(Problem { path: path.clone(), message, unknown_property: false });
    match (shape, value) {
        (Value::Document, _) => {}
        (Value::String, Node::String(_)) | (Value::Boolean, Node::Bool(_)) => {}
        (Value::NonEmptyString, Node::String(s)) => {
            if s.is_empty() {
                bad("must not be empty".into());
            }
        }
        (Value::OneOf(allowed), Node::String(s)) => {
            if !allowed.contains(&s.as_str()) {
                bad(format!("must be one of {}, found {s:?}", quoted(allowed)));
            }
        }
        (Value::Integer | Value::Long, Node::Number(n)) => {
            let fits = match shape {
                Value::Integer => n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
                _ => n.as_i64().is_some(),
            };
            if !fits {
                let what = if matches!(shape, Value::Integer) { "a 32-bit integer" } else { "a 64-bit integer" };
                bad(format!("must be {what}, found {n}"));
            }
        }
        (Value::Number, Node::Number(_)) => {}
        (Value::Annotation, Node::Object(o)) => {
            for key in o.keys() {
                out.push(Problem {
                    path: path.clone(),
                    message: format!("has an unknown property `{key}` (the trait takes no properties)"),
                    unknown_property: true,
                });
            }
        }
        (Value::List(item), Node::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_at(v, item, path, out);
                path.truncate(len);
            }
        }
        (Value::Map(item), Node::Object(o)) => {
            for (k, v) in o.iter() {
                let len = path.len();
                path.push_str(&format!(".{k}"));
                check_at(v, item, path, out);
                path.truncate(len);
            }
        }
        (Value::Structure(fields), Node::Object(o)) => {
            for f in fields.iter().filter(|f| f.required && o.get(f.name).is_none()) {
                out.push(Problem {
                    path: path.clone(),
                    message: format!("is missing the required property `{}`", f.name),
                    unknown_property: false,
                });
            }
            for (k, v) in o.iter() {
                let len = path.len();
                path.push_str(&format!(".{k}"));
                match fields.iter().find(|f| f.name == k) {
                    Some(f) => check_at(v, &f.value, path, out),
                    None => out.push(Problem {
                        path: path.clone(),
                        message: format!("is not a property of the trait (known: {})", names(fields)),
                        unknown_property: true,
                    }),
                }
                path.truncate(len);
            }
        }
        (_, other) => bad(format!("must be {}, found {}", expected(shape), other.kind())),
    }
}

fn expected(shape: &Value) -> &'static str {
    match shape {
        Value::Annotation => "an object (`{}`)",
        Value::String | Value::NonEmptyString | Value::OneOf(_) => "a string",
        Value::Boolean => "a boolean",
        Value::Integer | Value::Long => "an integer",
        Value::Number => "a number",
        Value::Document => "any value",
        Value::List(_) => "an array",
        Value::Map(_) | Value::Structure(_) => "an object",
    }
}

fn quoted(values: &[&str]) -> String {
    values.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ")
}

fn names(fields: &[Field]) -> String {
    if fields.is_empty() {
        return "none".into();
    }
    fields.iter().map(|f| format!("`{}`", f.name)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::{Problem, check, definition};
    use crate::load::json::Node;

    fn node(json: &str) -> Node {
        crate::load::json::parse(json.as_bytes()).expect("test JSON")
    }

    /// The problems of `@name(value)`, as `path: message`.
    fn problems(name: &str, value: &str) -> Vec<String> {
        let shape = definition(name).unwrap_or_else(|| panic!("@{name} is a prelude trait"));
        check(&node(value), shape).into_iter().map(|Problem { path, message, .. }| format!("{path}: {message}")).collect()
    }

    #[test]
    fn annotation_traits_take_an_empty_object() {
        assert!(problems("required", "{}").is_empty());
        assert!(problems("sensitive", "{}").is_empty());
        assert_eq!(problems("required", "true"), [": must be an object (`{}`), found a boolean"]);
        assert_eq!(problems("idempotent", r#"{"x": 1}"#), [": has an unknown property `x` (the trait takes no properties)"]);
    }

    #[test]
    fn string_traits_take_a_string() {
        // The case that failed 18 official models: @resourceIdentifier is a string trait.
        assert!(problems("resourceIdentifier", r#""billEstimateId""#).is_empty());
        assert_eq!(problems("resourceIdentifier", "{}"), [": must be a string, found an object"]);
        assert_eq!(problems("resourceIdentifier", r#""""#), [": must not be empty"]);
        assert!(problems("documentation", r#""text""#).is_empty());
        assert!(problems("httpPrefixHeaders", r#""""#).is_empty());
        assert_eq!(problems("timestampFormat", r#""iso""#), [r#": must be one of "date-time", "epoch-seconds", "http-date", found "iso""#]);
    }

    #[test]
    fn number_traits_take_a_number_that_fits() {
        assert!(problems("httpError", "404").is_empty());
        assert_eq!(problems("httpError", r#""404""#), [": must be an integer, found a string"]);
        assert_eq!(problems("httpError", "4.5"), [": must be a 32-bit integer, found 4.5"]);
        assert_eq!(problems("httpError", "3000000000"), [": must be a 32-bit integer, found 3000000000"]);
        assert!(problems("range", r#"{"min": -1.5, "max": 1e3}"#).is_empty());
        assert_eq!(problems("length", r#"{"min": "1"}"#), [".min: must be an integer, found a string"]);
    }

    #[test]
    fn list_traits_check_each_item() {
        assert!(problems("tags", r#"["a", "b"]"#).is_empty());
        assert_eq!(problems("tags", r#"["a", 2]"#), ["[1]: must be a string, found a number"]);
        assert_eq!(problems("tags", r#""a""#), [": must be an array, found a string"]);
        assert_eq!(problems("examples", r#"[{"title": "t"}, {"input": {}}]"#), ["[1]: is missing the required property `title`"]);
        assert_eq!(problems("enum", r#"[{"value": "A", "name": 1}]"#), ["[0].name: must be a string, found a number"]);
    }

    #[test]
    fn structure_traits_check_properties() {
        assert!(problems("http", r#"{"method": "GET", "uri": "/a", "code": 200}"#).is_empty());
        assert_eq!(problems("http", r#"{"method": "GET"}"#), [": is missing the required property `uri`"]);
        assert_eq!(problems("http", r#"{"method": "GET", "uri": "/", "code": "200"}"#), [".code: must be an integer, found a string"]);
        assert_eq!(
            problems("paginated", r#"{"items": "Things", "limit": "MaxResults"}"#),
            [".limit: is not a property of the trait (known: `inputToken`, `outputToken`, `items`, `pageSize`)"]
        );
        assert_eq!(problems("retryable", r#"{"throttling": "yes"}"#), [".throttling: must be a boolean, found a string"]);
        assert_eq!(problems("externalDocumentation", r#"{"Guide": ""}"#), [".Guide: must not be empty"]);
        assert!(problems("default", "null").is_empty());
    }

    #[test]
    fn unknown_names_have_no_definition() {
        assert!(definition("noSuchTrait").is_none());
    }
}
