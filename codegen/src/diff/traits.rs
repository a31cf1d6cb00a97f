//! Trait changes no dedicated evaluator owns: smithy-diff's `TraitBreakingChange` rules from the
//! prelude's `breakingChanges`, and `ModifiedTrait` for the rest. Documentation traits are never
//! findings; they only make a shape "documentation-only changed".

use super::Ctx;
use super::finding::{Draft, RustImpact, Severity, Wire, WireLevel};
use crate::load::json::Node;
use crate::model::{ShapeId, Traits};

/// Traits that only document: changes to them are collapsed into one count.
pub const DOC_TRAITS: &[&str] = &["documentation", "examples", "externalDocumentation"];

/// Traits whose changes dedicated evaluators report (nullability, constraints, enum values), or that
/// smithy-diff ignores (`box`).
const DEDICATED: &[&str] =
    &["required", "clientOptional", "default", "addedDefault", "length", "range", "pattern", "uniqueItems", "enumValue", "box"];

/// `breakingChanges: [{change: "any"}]` in the prelude.
const ANY_CHANGE: &[&str] = &[
    "jsonName",
    "httpQuery",
    "httpQueryParams",
    "httpHeader",
    "httpPrefixHeaders",
    "httpError",
    "httpResponseCode",
    "timestampFormat",
    "streaming",
    "error",
    "endpoint",
    "hostLabel",
    "xmlAttribute",
    "xmlFlattened",
    "xmlName",
    "xmlNamespace",
];

/// `breakingChanges: [{change: "presence"}]` in the prelude (adding or removing breaks).
const PRESENCE: &[&str] = &["httpLabel", "httpPayload", "sparse", "input", "output", "enum"];

/// Traits that move a member between the URI, query string, headers and body.
const HTTP_BINDINGS: &[&str] =
    &["httpLabel", "httpQuery", "httpQueryParams", "httpHeader", "httpPrefixHeaders", "httpPayload", "httpResponseCode"];

pub fn is_doc(id: &ShapeId) -> bool {
    id.is_prelude() && DOC_TRAITS.contains(&id.name.as_str())
}

pub fn is_dedicated(id: &ShapeId) -> bool {
    id.is_prelude() && DEDICATED.contains(&id.name.as_str())
}

/// The traits without documentation, for "did anything but docs change" comparisons.
pub fn without_docs(t: &Traits) -> impl Iterator<Item = (&ShapeId, &Node)> {
    t.0.iter().filter(|(k, _)| !is_doc(k))
}

pub fn same_ignoring_docs(a: &Traits, b: &Traits) -> bool {
    without_docs(a).eq(without_docs(b))
}

/// `@length` for prelude traits, `@aws.api#service` otherwise.
pub fn trait_label(id: &ShapeId) -> String {
    if id.is_prelude() { format!("@{}", id.name) } else { format!("@{id}") }
}

/// A short rendering of a trait value for messages.
pub fn show(node: &Node) -> String {
    let text = match node {
        Node::String(s) => format!("{s:?}"),
        other => other.to_json().to_string(),
    };
    if text.chars().count() > 80 { format!("{}…", text.chars().take(79).collect::<String>()) } else { text }
}

#[derive(Clone, Copy, PartialEq)]
enum Change {
    Add,
    Remove,
    Update,
}

impl Change {
    fn name(self) -> &'static str {
        match self {
            Change::Add => "Add",
            Change::Remove => "Remove",
            Change::Update => "Update",
        }
    }
}

/// The smithy-diff event for a trait change, from the prelude's rules.
fn event(ctx: &Ctx, trait_id: &ShapeId, change: Change, old: Option<&Node>, new: Option<&Node>) -> Option<(String, Severity)> {
    let name = trait_id.name.as_str();
    let tbc = |sev| Some((format!("TraitBreakingChange.{}.{trait_id}", change.name()), sev));
    if trait_id.is_prelude() {
        if ANY_CHANGE.contains(&name) {
            return tbc(Severity::Error);
        }
        if PRESENCE.contains(&name) {
            return if change == Change::Update { None } else { tbc(Severity::Error) };
        }
        if name == "http" && change == Change::Update {
            let key_changed = |k: &str| old.and_then(|o| o.get(k)) != new.and_then(|n| n.get(k));
            // `code` defaults to 200; an explicit 200 is the same binding.
            let code = |n: Option<&Node>| n.and_then(|n| n.get("code")).and_then(Node::as_number).and_then(|c| c.as_u64()).unwrap_or(200);
            if key_changed("method") || key_changed("uri") || code(old) != code(new) {
                return tbc(Severity::Error);
            }
        }
    }
    let defined = trait_id.is_prelude() || ctx.new.shape(trait_id).is_some() || ctx.old.shape(trait_id).is_some();
    // An undefined trait counts as `diff.warning.const`.
    let severity = if !defined || change == Change::Remove { Severity::Warning } else { Severity::Note };
    Some((format!("ModifiedTrait.{}.{trait_id}", change.name()), severity))
}

/// Reports every changed trait that is neither documentation nor owned by a dedicated evaluator.
pub fn compare(ctx: &mut Ctx, shape: &ShapeId, old: &Traits, new: &Traits) {
    let ids: std::collections::BTreeSet<&ShapeId> = old.0.keys().chain(new.0.keys()).collect();
    for id in ids {
        if is_doc(id) || is_dedicated(id) {
            continue;
        }
        let (o, n) = (old.0.get(id), new.0.get(id));
        let change = match (o, n) {
            (None, Some(_)) => Change::Add,
            (Some(_), None) => Change::Remove,
            (Some(a), Some(b)) if a != b => Change::Update,
            _ => continue,
        };
        let Some((event_id, severity)) = event(ctx, id, change, o, n) else { continue };
        let label = trait_label(id);
        let phrase = match change {
            Change::Add => match n.expect("added") {
                Node::Object(o) if o.0.is_empty() => format!("adds `{label}`"),
                v => format!("adds `{label}` ({})", show(v)),
            },
            Change::Remove => format!("removes `{label}`"),
            Change::Update => format!("changes `{label}` from {} to {}", show(o.expect("old")), show(n.expect("new"))),
        };
        let message = format!("`{}` {phrase}", short(shape));
        let (wire, rust) = impact(ctx, shape, id, change);
        ctx.push(Draft::smithy(event_id, severity, shape, message, phrase), wire, rust);
    }
}

fn short(id: &ShapeId) -> String {
    match &id.member {
        Some(m) => format!("{}${m}", id.name),
        None => id.name.clone(),
    }
}

fn impact(ctx: &Ctx, shape: &ShapeId, trait_id: &ShapeId, change: Change) -> (Wire, RustImpact) {
    let name = if trait_id.is_prelude() { trait_id.name.as_str() } else { "" };
    let field = shape.member.as_deref().map(|m| ctx.new_rust.field_ident(&shape.root(), m)).unwrap_or_default();
    let owner = ctx.new_rust.type_path(shape);
    match name {
        "jsonName" => (
            Wire::new(WireLevel::Breaking, "the member's JSON key changes"),
            RustImpact::none(format!("serde name of `{owner}::{field}` changes")),
        ),
        "timestampFormat" => (
            Wire::new(WireLevel::Breaking, "timestamps are written in a different format"),
            RustImpact::none("serde format of the timestamp changes"),
        ),
        n if HTTP_BINDINGS.contains(&n) => (
            Wire::new(WireLevel::Breaking, "the member moves between the URI, query string, headers and body"),
            RustImpact::none("the crate generates no client, so HTTP bindings have no Rust item"),
        ),
        "http" | "endpoint" | "hostLabel" | "streaming" => (
            Wire::new(WireLevel::Breaking, "requests go to a different method, path or status code"),
            RustImpact::none("the crate generates no client"),
        ),
        "error" | "httpError" => (
            Wire::new(WireLevel::Breaking, "the error's fault or status code changes"),
            RustImpact::none(format!("`{owner}::FAULT` may change")),
        ),
        "sensitive" => (
            Wire::new(WireLevel::None, "values are the same; only logging changes"),
            RustImpact::none(match change {
                Change::Remove => "`Debug` no longer redacts the value",
                _ => "`Debug` redacts the value",
            }),
        ),
        "sparse" => (
            Wire::new(WireLevel::Breaking, "null entries become (in)valid"),
            RustImpact::new(
                super::finding::RustLevel::Breaking,
                format!("types using `{}`", shape.name),
                "element type gains or loses `Option`",
            ),
        ),
        _ => (Wire::new(WireLevel::None, ""), RustImpact::none("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_traits_are_recognised() {
        assert!(is_doc(&ShapeId::prelude("documentation")));
        assert!(is_doc(&ShapeId::prelude("examples")));
        assert!(!is_doc(&ShapeId::prelude("sensitive")));
        assert!(!is_doc(&ShapeId::new("aws.api", "documentation")));
    }

    #[test]
    fn labels_and_values_are_short() {
        assert_eq!(trait_label(&ShapeId::prelude("length")), "@length");
        assert_eq!(trait_label(&ShapeId::new("aws.api", "service")), "@aws.api#service");
        assert_eq!(show(&Node::String("x".into())), "\"x\"");
        assert!(show(&Node::String("y".repeat(200))).ends_with('…'));
    }
}
