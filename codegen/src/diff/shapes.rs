//! Shapes matched by id: added, removed, changed in type, documentation-only; everything else is
//! handed to the evaluator that owns the shape's kind.

use super::finding::{Direction, Draft, RustImpact, RustLevel, Severity, Wire, WireLevel};
use super::{Ctx, constraints, enums, members, operations, traits};
use crate::model::{Kind, Shape};

pub fn compare(ctx: &mut Ctx) {
    let (old, new) = (ctx.old, ctx.new);
    for (id, n) in &new.shapes {
        if id.is_prelude() {
            continue;
        }
        match old.shape(id) {
            None => added(ctx, n),
            Some(o) => changed(ctx, o, n),
        }
    }
    for (id, o) in &old.shapes {
        if !id.is_prelude() && new.shape(id).is_none() {
            removed(ctx, o);
        }
    }
}

/// Same kind, traits and members (targets and traits), ignoring the source file.
fn identical(a: &Shape, b: &Shape) -> bool {
    a.kind == b.kind
        && a.traits == b.traits
        && a.members.len() == b.members.len()
        && a.members.iter().zip(&b.members).all(|(x, y)| x.name == y.name && x.target == y.target && x.traits == y.traits)
}

fn same_ignoring_docs(a: &Shape, b: &Shape) -> bool {
    a.kind == b.kind
        && traits::same_ignoring_docs(&a.traits, &b.traits)
        && a.members.len() == b.members.len()
        && a.members
            .iter()
            .zip(&b.members)
            .all(|(x, y)| x.name == y.name && x.target == y.target && traits::same_ignoring_docs(&x.traits, &y.traits))
}

fn kind_label(kind: &Kind) -> &'static str {
    kind.name()
}

fn is_bound_operation(ctx: &Ctx, shape: &Shape, new: bool) -> bool {
    let reach = if new { &ctx.new_reach } else { &ctx.old_reach };
    matches!(shape.kind, Kind::Operation(_)) && reach.uses(&shape.id).iter().any(|u| u.direction == Direction::Operation)
}

fn added(ctx: &mut Ctx, shape: &Shape) {
    if is_bound_operation(ctx, shape, true) {
        return; // reported by the service evaluator as a new operation
    }
    let kind = kind_label(&shape.kind);
    let name = &shape.id.name;
    let used = ctx.new_reach.operation_count(&shape.id);
    let rust = if ctx.generated_in(true, &shape.id) {
        RustImpact::new(RustLevel::Additive, ctx.new_rust.type_path(&shape.id), "new type")
    } else {
        RustImpact::none("")
    };
    let wire = if used > 0 {
        Wire::new(WireLevel::Compatible, "new shape on the wire")
    } else {
        Wire::new(WireLevel::None, "not used by any operation")
    };
    ctx.push(
        Draft::smithy("AddedShape", Severity::Note, &shape.id, format!("Added {kind} `{name}`"), format!("new {kind} `{name}`")),
        wire,
        rust,
    );
}

fn removed(ctx: &mut Ctx, shape: &Shape) {
    if shape.traits.has("private") || is_bound_operation(ctx, shape, false) {
        return;
    }
    let kind = kind_label(&shape.kind);
    let name = &shape.id.name;
    let scalar = shape.kind.is_data() && !shape.kind.is_aggregate() && !matches!(shape.kind, Kind::Enum | Kind::IntEnum);
    let (id, severity) = if scalar { ("RemovedShape.ScalarShape", Severity::Warning) } else { ("RemovedShape", Severity::Error) };
    let rust = if ctx.generated_in(false, &shape.id) {
        RustImpact::new(RustLevel::Breaking, ctx.old_rust.type_path(&shape.id), "removed")
    } else {
        RustImpact::none("")
    };
    let used = ctx.old_reach.operation_count(&shape.id) > 0;
    let wire =
        if used { Wire::new(WireLevel::Breaking, "the shape is no longer sent or accepted") } else { Wire::new(WireLevel::None, "") };
    ctx.push(Draft::smithy(id, severity, &shape.id, format!("Removed {kind} `{name}`"), format!("removed {kind} `{name}`")), wire, rust);
}

fn changed(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    if identical(old, new) {
        return;
    }
    if same_ignoring_docs(old, new) {
        ctx.doc_only.push(new.id.to_string());
        return;
    }
    if std::mem::discriminant(&old.kind) != std::mem::discriminant(&new.kind) {
        changed_type(ctx, old, new);
        return;
    }
    match &new.kind {
        Kind::Service(_) => operations::service(ctx, old, new),
        Kind::Operation(_) => operations::operation(ctx, old, new),
        Kind::Resource(_) => operations::resource(ctx, old, new),
        Kind::Structure | Kind::Union => members::compare(ctx, old, new),
        Kind::Enum | Kind::IntEnum => enums::compare(ctx, old, new),
        Kind::List | Kind::Map => members::collection(ctx, old, new),
        _ => {}
    }
    constraints::root(ctx, old, new);
    traits::compare(ctx, &new.id, &old.traits, &new.traits);
}

fn changed_type(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    // smithy-diff accepts a string with `@enum` becoming an enum shape.
    if old.kind == Kind::String && new.kind == Kind::Enum && old.traits.has("enum") {
        return;
    }
    let (from, to) = (kind_label(&old.kind), kind_label(&new.kind));
    let name = &new.id.name;
    let generated = ctx.generated_in(false, &old.id) || ctx.generated_in(true, &new.id);
    let used = ctx.old_reach.operation_count(&old.id) + ctx.new_reach.operation_count(&new.id) > 0;
    let rust = if generated || used {
        let (a, b) = (ctx.old_rust.value_type(ctx.old, &old.id), ctx.new_rust.value_type(ctx.new, &new.id));
        RustImpact::new(RustLevel::Breaking, format!("fields of type `{a}`"), format!("become `{b}`"))
    } else {
        RustImpact::none("")
    };
    let wire = Wire::new(if used { WireLevel::Breaking } else { WireLevel::None }, format!("values change from {from} to {to}"));
    let message = format!("`{name}` changed from {from} to {to}");
    ctx.push(Draft::smithy("ChangedShapeType", Severity::Error, &new.id, message, format!("changes from {from} to {to}")), wire, rust);
}
