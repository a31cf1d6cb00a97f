//! Nullability of structure members: `@required`, `@clientOptional`, `@default`, `@addedDefault` and
//! the container's `@input`. smithy-diff's `ChangedNullability.*` and `ChangedDefault` rules, plus
//! `ChangedRequired.*` where smithy-diff says nothing but the wire or the builder changes.

use super::finding::{Draft, Event, RustImpact, RustLevel, Severity, Wire, WireLevel};
use super::{Ctx, traits};
use crate::load::json::Node;
use crate::model::{Kind, Member, Shape};

const NULLABILITY: &[&str] = &["required", "clientOptional", "default", "addedDefault"];

pub fn member(ctx: &mut Ctx, old_shape: &Shape, new_shape: &Shape, o: &Member, n: &Member) {
    let (oi, ni) = (old_shape.traits.has("input"), new_shape.traits.has("input"));
    let member_changed = NULLABILITY.iter().any(|t| o.traits.api(t) != n.traits.api(t));
    // `@input` matters for members it makes nullable (or no longer nullable).
    let input_changed = oi != ni && nullable(ctx.old, old_shape, o) != nullable(ctx.new, new_shape, n);
    if !member_changed && !input_changed {
        return;
    }
    let id = new_shape.id.with_member(&n.name);
    let added = |t: &str| !o.traits.has(t) && n.traits.has(t);
    let removed = |t: &str| o.traits.has(t) && !n.traits.has(t);
    let target_is_aggregate = ctx.new.shape(&n.target).is_some_and(|t| matches!(t.kind, Kind::Structure | Kind::Union));
    let sides = ctx.sides(&new_shape.id);

    let mut events: Vec<Event> = Vec::new();
    let ev = |name: &str, sev| Event::new(format!("ChangedNullability.{name}"), sev);
    if oi && !ni && input_changed {
        events.push(ev("RemovedInputTrait", Severity::Error));
    } else if !oi && ni && input_changed {
        events.push(ev("AddedInputTrait", Severity::Danger));
    } else if !ni {
        if added("clientOptional") && o.traits.has("required") && n.traits.has("required") {
            events.push(ev("AddedClientOptionalTrait", Severity::Error));
        }
        if removed("clientOptional") && n.traits.has("required") {
            events.push(ev("RemovedClientOptionalTrait", Severity::Error));
        }
        if added("required") && !n.traits.has("clientOptional") {
            events.push(if target_is_aggregate {
                ev("AddedRequiredTrait.StructureOrUnion", Severity::Warning)
            } else {
                ev("AddedRequiredTrait", Severity::Error)
            });
        }
        let (od, nd) = (o.traits.default_value(), n.traits.default_value());
        if od.is_none() && nd.is_some_and(|d| *d != Node::Null) && !removed("required") {
            events.push(ev("AddedDefaultTrait", Severity::Error));
        }
        if removed("required") && nd.is_none() && !o.traits.has("clientOptional") {
            events.push(if target_is_aggregate {
                ev("RemovedRequiredTrait.StructureOrUnion", Severity::Warning)
            } else {
                ev("RemovedRequiredTrait", Severity::Error)
            });
        }
        if od != Some(&Node::Null) && nd == Some(&Node::Null) {
            events.push(ev("AddedNullDefault", Severity::Error));
        }
        if od == Some(&Node::Null) && nd != Some(&Node::Null) {
            events.push(ev("RemovedNullDefault", Severity::Error));
        }
    }
    let covered = |t: &str| events.iter().any(|e| e.id.contains(t));
    // `@clientOptional` changes the nullability rules do not cover: ModifiedTrait (add NOTE, remove WARNING).
    if (added("clientOptional") || removed("clientOptional")) && !covered("ClientOptional") {
        let change = if added("clientOptional") { ("Add", Severity::Note) } else { ("Remove", Severity::Warning) };
        events.push(Event::new(format!("ModifiedTrait.{}.smithy.api#clientOptional", change.0), change.1));
    }

    let mut changes: Vec<String> = Vec::new();
    for t in NULLABILITY {
        let (a, b) = (o.traits.api(t), n.traits.api(t));
        match (a, b) {
            (None, Some(v)) if *t == "default" => changes.push(format!("gains `@default({})`", traits::show(v))),
            (None, Some(_)) => changes.push(format!("gains `@{t}`")),
            (Some(_), None) => changes.push(format!("loses `@{t}`")),
            (Some(x), Some(y)) if x != y => changes.push(format!("`@{t}` changes from {} to {}", traits::show(x), traits::show(y))),
            _ => {}
        }
    }
    if input_changed {
        changes.push(if ni { "its structure gains `@input`".into() } else { "its structure loses `@input`".into() });
    }
    let phrase = format!("member `{}` {}", n.name, changes.join(", "));
    let message = format!("`{}${}` {}", new_shape.id.name, n.name, changes.join(", "));
    let rust = rust_impact(ctx, old_shape, new_shape, o, n);
    let wire = wire(o, n, sides.request, sides.response);

    let primary = events.iter().max_by_key(|e| e.severity).cloned();
    let draft = match primary {
        Some(e) => Draft::smithy(e.id, e.severity, &id, message, phrase),
        None if added("required") => Draft::extra("ChangedRequired.Added", Severity::Danger, None, &id, message, phrase),
        None if removed("required") => Draft::extra("ChangedRequired.Removed", Severity::Warning, None, &id, message, phrase),
        None => return default_only(ctx, o, n, &id, message, phrase, wire, rust),
    };
    ctx.push(draft, wire, rust);
    if o.traits.default_value() != n.traits.default_value() && o.traits.default_value().is_some() && n.traits.default_value().is_some() {
        let (m, p) = (format!("default of `{}${}` changes", new_shape.id.name, n.name), format!("member `{}` changes its default", n.name));
        default_only(
            ctx,
            o,
            n,
            &id,
            m,
            p,
            Wire::new(WireLevel::Breaking, "an absent member means a different value"),
            RustImpact::none(""),
        );
    }
}

/// smithy-diff's ChangedDefault for a member whose default changes.
#[allow(clippy::too_many_arguments)]
fn default_only(
    ctx: &mut Ctx,
    o: &Member,
    n: &Member,
    id: &crate::model::ShapeId,
    message: String,
    phrase: String,
    wire: Wire,
    rust: RustImpact,
) {
    let (od, nd) = (o.traits.default_value(), n.traits.default_value());
    if od == nd {
        return;
    }
    let zero = |d: Option<&Node>| match d {
        Some(Node::Bool(false)) => true,
        Some(Node::Number(x)) => x.as_f64() == Some(0.0),
        Some(Node::String(s)) => s.is_empty(),
        Some(Node::Array(a)) => a.is_empty(),
        Some(Node::Object(o)) => o.0.is_empty(),
        _ => false,
    };
    let severity = match (od, nd) {
        (Some(_), None) => Severity::Error,
        (None, Some(_)) if !n.traits.has("addedDefault") => Severity::Error,
        _ if zero(od) != zero(nd) => Severity::Error,
        _ => Severity::Danger,
    };
    ctx.push(Draft::smithy("ChangedDefault", severity, id, message, phrase), wire, rust);
}

fn wire(o: &Member, n: &Member, request: bool, response: bool) -> Wire {
    let req_added = !o.traits.has("required") && n.traits.has("required");
    let req_removed = o.traits.has("required") && !n.traits.has("required");
    if o.traits.default_value() != n.traits.default_value() {
        return Wire::new(WireLevel::Breaking, "an absent member now means a different value");
    }
    if req_added && request {
        return Wire::new(WireLevel::Breaking, "requests without the member are rejected");
    }
    if req_removed && response && !o.traits.has("clientOptional") {
        return Wire::new(WireLevel::Breaking, "responses may omit a member that was always sent");
    }
    if req_removed {
        return Wire::new(WireLevel::Compatible, "the member may be omitted");
    }
    if req_added {
        return Wire::new(WireLevel::Compatible, "responses always carry the member");
    }
    Wire::new(WireLevel::None, "")
}

/// Smithy's nullability of a member (what smithy-diff reasons about, whatever a generator makes of
/// it): members of `@input` structures and `@clientOptional` members are nullable, and so is any
/// member with neither `@required` nor a default.
fn nullable(model: &crate::model::Model, shape: &Shape, m: &Member) -> bool {
    let target_default = model.shape(&m.target).and_then(|t| t.traits.default_value()).filter(|d| !matches!(d, Node::Null));
    let default = match m.traits.default_value() {
        Some(Node::Null) => false,
        Some(_) => true,
        None => target_default.is_some(),
    };
    shape.traits.has("input") || m.traits.has("clientOptional") || !(m.traits.has("required") || default)
}

fn rust_impact(ctx: &Ctx, old_shape: &Shape, new_shape: &Shape, o: &Member, n: &Member) -> RustImpact {
    if !ctx.generated_in(true, &new_shape.id) {
        return RustImpact::none("");
    }
    let owner = ctx.new_rust.type_path(&new_shape.id);
    let (Some(fo), Some(fnew)) = (ctx.old_rust.field(&old_shape.id, &o.name), ctx.new_rust.field(&new_shape.id, &n.name)) else {
        return RustImpact::none("");
    };
    if fo.ty != fnew.ty {
        return RustImpact::new(
            RustLevel::Breaking,
            format!("{owner}::{}", fnew.ident),
            format!("changes type from `{}` to `{}`", fo.ty, fnew.ty),
        );
    }
    let builder = format!("{owner}Builder::build");
    if !fo.builder_required && fnew.builder_required {
        return RustImpact::new(RustLevel::Breaking, builder, format!("now requires `{}`", fnew.ident));
    }
    if fo.builder_required && !fnew.builder_required {
        if ctx.old_rust.build_is_fallible(&old_shape.id) && !ctx.new_rust.build_is_fallible(&new_shape.id) {
            return RustImpact::new(RustLevel::Breaking, builder, "no longer returns `Result`");
        }
        return RustImpact::new(RustLevel::None, builder, format!("no longer requires `{}`", fnew.ident));
    }
    if fo.default != fnew.default {
        return RustImpact::new(RustLevel::None, format!("{owner}::{}", fnew.ident), "default value changes");
    }
    RustImpact::none(format!("`{owner}::{}` keeps its type", fnew.ident))
}

#[cfg(test)]
mod tests {
    use crate::diff::{Severity, compare, test_model};

    fn model(input_trait: bool, default: &str) -> crate::model::Model {
        let input = if input_trait { r#""traits":{"smithy.api#input":{}},"# } else { "" };
        test_model(&format!(
            r#"{{"smithy":"2.0","shapes":{{
            "a#S":{{"type":"service","version":"1","operations":[{{"target":"a#Op"}}]}},
            "a#Op":{{"type":"operation","input":{{"target":"a#Params"}}}},
            "a#Params":{{"type":"structure",{input}"members":{{
                "Id":{{"target":"smithy.api#String","traits":{{"smithy.api#required":{{}}}}}},
                "Size":{{"target":"smithy.api#PrimitiveInteger"{default}}}}}}}}}}}"#
        ))
    }

    fn events(old: &crate::model::Model, new: &crate::model::Model) -> Vec<(String, String, Severity)> {
        compare(old, new).findings.into_iter().map(|f| (f.short_shape().to_string(), f.id, f.severity)).collect()
    }

    #[test]
    fn input_trait_changes_report_members_that_were_non_null() {
        let (plain, input) = (model(false, ""), model(true, ""));
        assert_eq!(
            events(&plain, &input),
            [
                ("Params".to_string(), "TraitBreakingChange.Add.smithy.api#input".to_string(), Severity::Error),
                ("Params$Id".to_string(), "ChangedNullability.AddedInputTrait".to_string(), Severity::Danger),
                ("Params$Size".to_string(), "ChangedNullability.AddedInputTrait".to_string(), Severity::Danger),
            ]
        );
        let removed = events(&input, &plain);
        assert_eq!(removed[1], ("Params$Id".to_string(), "ChangedNullability.RemovedInputTrait".to_string(), Severity::Error));
    }

    #[test]
    fn null_defaults_are_nullability_changes() {
        let (plain, null) = (model(false, ""), model(false, r#","traits":{"smithy.api#default":null}"#));
        assert_eq!(
            events(&plain, &null),
            [("Params$Size".to_string(), "ChangedNullability.AddedNullDefault".to_string(), Severity::Error)]
        );
        assert_eq!(
            events(&null, &plain),
            [("Params$Size".to_string(), "ChangedNullability.RemovedNullDefault".to_string(), Severity::Error)]
        );
    }
}
