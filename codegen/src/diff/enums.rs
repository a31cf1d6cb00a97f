//! Enum and intEnum members: values added, removed, renamed (same value, new name), changed (same
//! name, new value), and inserted or reordered (which smithy-diff does not report for enum shapes).

use super::finding::{Draft, Event, RustImpact, RustLevel, Severity, Wire, WireLevel};
use super::{Ctx, rust, traits};
use crate::model::{Member, Shape};

pub fn compare(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    let generated = ctx.generated_in(true, &new.id) || ctx.generated_in(false, &old.id);
    let owner = ctx.new_rust.type_path(&new.id);
    let sides = ctx.sides(&new.id);
    let added: Vec<&Member> = new.members.iter().filter(|m| old.member(&m.name).is_none()).collect();
    let removed: Vec<&Member> = old.members.iter().filter(|m| new.member(&m.name).is_none()).collect();
    let mut renamed_to: Vec<&str> = Vec::new();
    let rust_if = |level, change: String| if generated { RustImpact::new(level, &owner, change) } else { RustImpact::none("") };

    for o in &removed {
        let value = rust::enum_value(o);
        if let Some(n) = added.iter().find(|n| rust::enum_value(n) == value && !renamed_to.contains(&n.name.as_str())) {
            renamed_to.push(&n.name);
            let id = new.id.with_member(&n.name);
            let (a, b) = (ctx.old_rust.variant(&old.id, &o.name), ctx.new_rust.variant(&new.id, &n.name));
            let rust = if a == b {
                rust_if(RustLevel::None, format!("variant `{b}` keeps its name"))
            } else {
                rust_if(RustLevel::Breaking, format!("variant `{a}` renamed to `{b}`"))
            };
            let message = format!("`{}` member `{}` renamed to `{}` (value {value:?} unchanged)", new.id.name, o.name, n.name);
            let phrase = format!("renames member `{}` to `{}`", o.name, n.name);
            let smithy = Some(Event::new("RemovedShape", Severity::Error));
            ctx.push(
                Draft::extra("RenamedEnumMember", Severity::Error, smithy, &id, message, phrase),
                Wire::new(WireLevel::None, "the value on the wire is unchanged"),
                rust,
            );
            continue;
        }
        let id = old.id.with_member(&o.name);
        let wire = if sides.request {
            Wire::new(WireLevel::Breaking, format!("requests with {value:?} are rejected"))
        } else {
            Wire::new(WireLevel::Compatible, format!("{value:?} is no longer sent"))
        };
        let rust = rust_if(RustLevel::Breaking, format!("loses variant `{}`", ctx.old_rust.variant(&old.id, &o.name)));
        let message = format!("`{}` loses value {value:?} (member `{}`)", new.id.name, o.name);
        ctx.push(Draft::smithy("RemovedShape", Severity::Error, &id, message, format!("loses value {value:?}")), wire, rust);
    }
    for n in &added {
        if renamed_to.contains(&n.name.as_str()) {
            continue;
        }
        let value = rust::enum_value(n);
        let id = new.id.with_member(&n.name);
        let wire = Wire::new(WireLevel::Compatible, "a new value may be sent; older clients keep it as `Unknown`");
        let rust = rust_if(RustLevel::Additive, format!("gains variant `{}`", ctx.new_rust.variant(&new.id, &n.name)));
        let message = format!("`{}` gains value {value:?} (member `{}`)", new.id.name, n.name);
        ctx.push(Draft::smithy("AddedShape", Severity::Note, &id, message, format!("gains value {value:?}")), wire, rust);
    }
    order(ctx, old, new, generated);
    for n in &new.members {
        let Some(o) = old.member(&n.name) else { continue };
        let id = new.id.with_member(&n.name);
        let (a, b) = (rust::enum_value(o), rust::enum_value(n));
        if a != b {
            let message = format!("`{}` member `{}` changes value from {a:?} to {b:?}", new.id.name, n.name);
            let phrase = format!("member `{}` changes value from {a:?} to {b:?}", n.name);
            ctx.push(
                Draft::smithy("ModifiedTrait.Update.smithy.api#enumValue", Severity::Error, &id, message, phrase),
                Wire::new(WireLevel::Breaking, "the member is sent and read as a different value"),
                rust_if(RustLevel::None, format!("variant `{}` maps to a different value", ctx.new_rust.variant(&new.id, &n.name))),
            );
        }
        traits::compare(ctx, &id, &o.traits, &n.traits);
    }
}

/// Our ChangedEnumMemberOrder: kept members change their relative order, or a new member is inserted
/// before existing ones (ordinals shift in languages that number enum members).
fn order(ctx: &mut Ctx, old: &Shape, new: &Shape, generated: bool) {
    let kept_old: Vec<&str> = old.members.iter().map(|m| m.name.as_str()).filter(|n| new.member(n).is_some()).collect();
    let kept_new: Vec<&str> = new.members.iter().map(|m| m.name.as_str()).filter(|n| old.member(n).is_some()).collect();
    let last_kept = new.members.iter().rposition(|m| old.member(&m.name).is_some());
    let inserted: Vec<&str> = match last_kept {
        Some(last) => new.members[..last].iter().filter(|m| old.member(&m.name).is_none()).map(|m| m.name.as_str()).collect(),
        None => Vec::new(),
    };
    let (what, phrase) = if kept_old != kept_new {
        ("reordered", "members reordered".to_string())
    } else if !inserted.is_empty() {
        let names = inserted.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        ("inserted", format!("inserts {names} before existing members"))
    } else {
        return;
    };
    let message = format!("`{}` {phrase}", new.id.name);
    let rust = if generated { RustImpact::none("variants are ordered by name") } else { RustImpact::none("") };
    ctx.push(
        Draft::extra(
            format!("ChangedEnumMemberOrder.{}", if what == "reordered" { "Reordered" } else { "Inserted" }),
            Severity::Danger,
            None,
            &new.id,
            message,
            phrase,
        ),
        Wire::new(WireLevel::None, "enum members are sent by value, not position"),
        rust,
    );
}
