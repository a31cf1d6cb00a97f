//! Structure and union members (added, removed, reordered, retargeted) and the members of lists and
//! maps.

use super::finding::{Draft, RustImpact, RustLevel, Severity, Wire, WireLevel};
use super::{Ctx, constraints, nullability, traits};
use crate::model::{Kind, Member, Model, Shape, ShapeId};

pub fn compare(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    let union = new.kind == Kind::Union;
    for m in &new.members {
        if old.member(&m.name).is_none() {
            added(ctx, new, m, union);
        }
    }
    for m in &old.members {
        if new.member(&m.name).is_none() {
            removed(ctx, old, m, union);
        }
    }
    if is_unordered(&old.members, &new.members) {
        let what = if union { "union" } else { "structure" };
        let message = format!("members of {what} `{}` were reordered or inserted before existing members", new.id.name);
        ctx.push(
            Draft::smithy("ChangedMemberOrder", Severity::Danger, &new.id, message, "members reordered or inserted before existing ones"),
            Wire::new(WireLevel::None, "JSON members are matched by name"),
            RustImpact::none(if union { "variants are ordered by name" } else { "fields are ordered by name" }),
        );
    }
    for n in &new.members {
        let Some(o) = old.member(&n.name) else { continue };
        both(ctx, old, new, o, n);
    }
}

/// Lists and maps: `member`, `key` and `value`.
pub fn collection(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    for n in &new.members {
        let Some(o) = old.member(&n.name) else { continue };
        both(ctx, old, new, o, n);
    }
}

/// smithy-diff's rule: old members must stay a prefix of the new ones, in order (removals aside).
fn is_unordered(old: &[Member], new: &[Member]) -> bool {
    old.iter().zip(new).any(|(a, b)| a.name != b.name) && {
        // Removed members are reported elsewhere; compare only the members kept.
        let kept: Vec<&str> = old.iter().map(|m| m.name.as_str()).filter(|n| new.iter().any(|m| m.name == *n)).collect();
        kept.iter().zip(new).any(|(a, b)| *a != b.name)
    }
}

/// A member the model keeps whose field or setter the planner names differently now (another
/// member took the name, or its builder methods'): code using the old name no longer compiles.
fn renamed_field(ctx: &mut Ctx, old_shape: &Shape, new_shape: &Shape, n: &Member) {
    let (Some(a), Some(b)) = (ctx.old_rust.field(&old_shape.id, &n.name), ctx.new_rust.field(&new_shape.id, &n.name)) else { return };
    if (&a.ident, &a.setter) == (&b.ident, &b.setter) || !ctx.generated_in(true, &new_shape.id) {
        return;
    }
    let owner = ctx.new_rust.type_path(&new_shape.id);
    let change = format!("field `{}` renamed to `{}`, setter `{}` to `{}`", a.ident, b.ident, a.setter, b.setter);
    let id = new_shape.id.with_member(&n.name);
    let message = format!("the Rust names of `{}` member `{}` change", new_shape.id.name, n.name);
    ctx.push(
        Draft::extra("RenamedRustField", Severity::Warning, None, &id, message, "Rust field renamed"),
        Wire::new(WireLevel::None, "the JSON key is unchanged"),
        RustImpact::new(RustLevel::Breaking, owner, change),
    );
}

fn both(ctx: &mut Ctx, old_shape: &Shape, new_shape: &Shape, o: &Member, n: &Member) {
    let id = new_shape.id.with_member(&n.name);
    if new_shape.kind == Kind::Structure {
        renamed_field(ctx, old_shape, new_shape, n);
    }
    if o.target != n.target {
        changed_target(ctx, new_shape, &id, o, n);
    }
    if new_shape.kind == Kind::Structure {
        nullability::member(ctx, old_shape, new_shape, o, n);
    }
    constraints::member(ctx, &id, o, n);
    traits::compare(ctx, &id, &o.traits, &n.traits);
}

fn added(ctx: &mut Ctx, shape: &Shape, m: &Member, union: bool) {
    let id = shape.id.with_member(&m.name);
    let owner = ctx.new_rust.type_path(&shape.id);
    let generated = ctx.generated_in(true, &shape.id);
    let sides = ctx.sides(&shape.id);
    if union {
        let rust = if generated {
            RustImpact::new(RustLevel::Additive, &owner, format!("gains variant `{}`", ctx.new_rust.variant(&shape.id, &m.name)))
        } else {
            RustImpact::none("")
        };
        let wire = Wire::new(WireLevel::Compatible, "a new member may be sent; older clients keep it as `Unknown`");
        let message = format!("union `{}` gains member `{}`", shape.id.name, m.name);
        ctx.push(Draft::smithy("AddedShape", Severity::Note, &id, message, format!("gains union member `{}`", m.name)), wire, rust);
        return;
    }
    let field = ctx.new_rust.field(&shape.id, &m.name);
    let required = m.traits.has("required") && !m.traits.has("default") && !m.traits.has("clientOptional");
    let (event, severity, kind) =
        if required { ("AddedRequiredMember", Severity::Error, "required member") } else { ("AddedShape", Severity::Note, "member") };
    let rust = match field.filter(|_| generated) {
        None => RustImpact::none(""),
        Some(field) if field.builder_required => {
            RustImpact::new(RustLevel::Breaking, format!("{owner}Builder::build"), format!("now requires `{}`", field.ident))
        }
        Some(field) => RustImpact::new(RustLevel::Additive, &owner, format!("gains field `{}: {}`", field.ident, field.ty)),
    };
    let wire = if required && sides.request {
        Wire::new(WireLevel::Breaking, "requests without the new member are rejected")
    } else {
        Wire::new(WireLevel::Compatible, "messages may carry the new member")
    };
    let message = format!("structure `{}` gains {kind} `{}`", shape.id.name, m.name);
    ctx.push(Draft::smithy(event, severity, &id, message, format!("gains {kind} `{}`", m.name)), wire, rust);
}

fn removed(ctx: &mut Ctx, shape: &Shape, m: &Member, union: bool) {
    let id = shape.id.with_member(&m.name);
    let owner = ctx.new_rust.type_path(&shape.id);
    let what = if union { "union member" } else { "member" };
    let rust = if !ctx.generated_in(true, &shape.id) {
        RustImpact::none("")
    } else if union {
        RustImpact::new(RustLevel::Breaking, &owner, format!("loses variant `{}`", ctx.old_rust.variant(&shape.id, &m.name)))
    } else {
        RustImpact::new(RustLevel::Breaking, &owner, format!("loses field `{}`", ctx.old_rust.field_ident(&shape.id, &m.name)))
    };
    let wire = if ctx.sides(&shape.id).request {
        Wire::new(WireLevel::Breaking, "requests using the member are rejected or ignored")
    } else {
        Wire::new(WireLevel::Compatible, "the member is no longer sent")
    };
    let message = format!("`{}` loses {what} `{}`", shape.id.name, m.name);
    ctx.push(Draft::smithy("RemovedShape", Severity::Error, &id, message, format!("loses {what} `{}`", m.name)), wire, rust);
}

/// smithy-diff's ChangedMemberTarget severity: ERROR when the type changes or the target is a named
/// aggregate or enum; otherwise WARNING, or the worst found re-diffing list and map members.
fn target_severity(old: &Model, new: &Model, o: &ShapeId, n: &ShapeId, depth: usize) -> Severity {
    let (Some(a), Some(b)) = (old.shape(o), new.shape(n)) else { return Severity::Error };
    if a.kind != b.kind
        || matches!(b.kind, Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum)
        || a.traits.has("enum")
        || b.traits.has("enum")
    {
        return Severity::Error;
    }
    let mut worst = Severity::Warning;
    if depth < 8 && matches!(b.kind, Kind::List | Kind::Map) {
        for (x, y) in a.members.iter().zip(&b.members) {
            if x.target != y.target {
                worst = worst.max(target_severity(old, new, &x.target, &y.target, depth + 1));
            }
        }
    }
    worst
}

fn changed_target(ctx: &mut Ctx, shape: &Shape, id: &ShapeId, o: &Member, n: &Member) {
    let severity = target_severity(ctx.old, ctx.new, &o.target, &n.target, 0);
    let (a, b) = (ctx.old_rust.value_type(ctx.old, &o.target), ctx.new_rust.value_type(ctx.new, &n.target));
    let owner = ctx.new_rust.type_path(&shape.id);
    let rust = if a == b {
        RustImpact::none(format!("still `{b}`"))
    } else {
        let item = match shape.kind {
            Kind::Structure => format!("{owner}::{}", ctx.new_rust.field_ident(&shape.id, &n.name)),
            Kind::Union => format!("{owner}::{}", ctx.new_rust.variant(&shape.id, &n.name)),
            _ => format!("fields of type `{}`", ctx.old_rust.value_type(ctx.old, &shape.id)),
        };
        RustImpact::new(RustLevel::Breaking, item, format!("changes type from `{a}` to `{b}`"))
    };
    let kinds_differ = ctx.old.shape(&o.target).map(|s| s.kind.name()) != ctx.new.shape(&n.target).map(|s| s.kind.name());
    let wire = if kinds_differ {
        Wire::new(WireLevel::Breaking, "the member's JSON type changes")
    } else {
        Wire::new(WireLevel::None, "same JSON type")
    };
    let phrase = format!("member `{}` targets `{}` instead of `{}`", n.name, n.target.name, o.target.name);
    let message = format!("`{}${}` now targets `{}` (was `{}`)", shape.id.name, n.name, n.target, o.target);
    ctx.push(Draft::smithy("ChangedMemberTarget", severity, id, message, phrase), wire, rust);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(names: &[&str]) -> Vec<Member> {
        names.iter().map(|n| Member { name: n.to_string(), target: ShapeId::prelude("String"), traits: Default::default() }).collect()
    }

    #[test]
    fn order_changes_only_when_kept_members_move() {
        assert!(!is_unordered(&members(&["A", "B"]), &members(&["A", "B", "C"])), "appending is fine");
        assert!(is_unordered(&members(&["A", "B"]), &members(&["A", "C", "B"])), "inserting is not");
        assert!(is_unordered(&members(&["A", "B"]), &members(&["B", "A"])));
        assert!(!is_unordered(&members(&["A", "B", "C"]), &members(&["A", "C"])), "removals are reported elsewhere");
    }

    fn model(members: &str) -> Model {
        crate::diff::test_model(&format!(
            r#"{{"smithy":"2.0","shapes":{{
            "a#S":{{"type":"service","version":"1","operations":[{{"target":"a#Op"}}]}},
            "a#Op":{{"type":"operation","output":{{"target":"a#Out"}}}},
            "a#Out":{{"type":"structure","members":{{{members}}}}}
            }}}}"#
        ))
    }

    /// Adding `Name` makes the planner rename the field of the existing member `SetName` (its name
    /// is now `Name`'s setter): the diff's Rust impact says so, with the renamed setter.
    #[test]
    fn a_renamed_setter_is_a_breaking_rust_change() {
        let old = model(r#""SetName":{"target":"smithy.api#String"}"#);
        let new = model(r#""SetName":{"target":"smithy.api#String"},"Name":{"target":"smithy.api#String"}"#);
        let report = crate::diff::compare(&old, &new);
        let renamed = report.findings.iter().find(|f| f.id == "RenamedRustField").expect("a RenamedRustField finding");
        assert_eq!(renamed.shape, "a#Out$SetName");
        assert_eq!(renamed.rust.level, RustLevel::Breaking);
        assert_eq!(renamed.rust.item, "types::Out");
        assert_eq!(renamed.rust.change, "field `set_name` renamed to `set_name_value`, setter `set_set_name` to `set_set_name_value`");
        let added = report.findings.iter().find(|f| f.shape == "a#Out$Name").expect("the added member");
        assert_eq!(added.rust.change, "gains field `name: Option<String>`");
    }
}
