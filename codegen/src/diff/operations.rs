//! Services and operations: operations added and removed, service errors and renames, and an
//! operation's input, output and errors. HTTP and pagination traits go through the trait rules.

use super::Ctx;
use super::finding::{Draft, RustImpact, RustLevel, Severity, Wire, WireLevel};
use super::reach::operations_of;
use crate::model::{Kind, Model, Shape, ShapeId};
use std::collections::BTreeSet;

pub fn service(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    let (old_ops, new_ops): (BTreeSet<ShapeId>, BTreeSet<ShapeId>) =
        (operations_of(ctx.old, old).into_iter().collect(), operations_of(ctx.new, new).into_iter().collect());
    let svc = &new.id.name;
    for op in new_ops.difference(&old_ops) {
        let is_new = ctx.old.shape(op).is_none();
        let (id, what) = if is_new {
            ("AddedShape".to_string(), "new operation")
        } else {
            (format!("AddedOperationBinding.ToService.{svc}"), "operation now bound to the service")
        };
        let http = ctx.new.shape(op).and_then(|s| s.traits.http()).map(|h| format!(" (`{} {}`)", h.method, h.uri)).unwrap_or_default();
        let types = io_types(ctx, ctx.new, op, true);
        let rust = if types.is_empty() {
            RustImpact::none("")
        } else {
            RustImpact::new(RustLevel::Additive, types.join(", "), "new input and output types")
        };
        let message = format!("{what} `{}`{http} in service `{svc}`", op.name);
        ctx.push(
            Draft::smithy(id, Severity::Note, op, message, format!("{what}{http}")),
            Wire::new(WireLevel::Compatible, "a new operation"),
            rust,
        );
    }
    for op in old_ops.difference(&new_ops) {
        let gone = ctx.new.shape(op).is_none();
        let id = if gone { "RemovedShape".to_string() } else { format!("RemovedOperationBinding.FromService.{svc}") };
        let types = io_types(ctx, ctx.old, op, false);
        let rust = if types.is_empty() { RustImpact::none("") } else { RustImpact::new(RustLevel::Breaking, types.join(", "), "removed") };
        let message = format!("operation `{}` removed from service `{svc}`", op.name);
        ctx.push(
            Draft::smithy(id, Severity::Error, op, message, "operation removed"),
            Wire::new(WireLevel::Breaking, "calls to the operation fail"),
            rust,
        );
    }
    let (old_svc, new_svc) = (old.service().cloned().unwrap_or_default(), new.service().cloned().unwrap_or_default());
    for e in new_svc.errors.iter().filter(|e| !old_svc.errors.contains(e)) {
        let message = format!("service `{svc}` may return error `{}` from every operation", e.name);
        let d = Draft::smithy(
            format!("AddedServiceError.{}", e.name),
            Severity::Warning,
            &new.id,
            message,
            format!("may return error `{}`", e.name),
        );
        ctx.push(d, Wire::new(WireLevel::Compatible, "a new error may be returned"), RustImpact::none("operations have no error enums"));
    }
    for e in old_svc.errors.iter().filter(|e| !new_svc.errors.contains(e)) {
        let message = format!("service `{svc}` no longer declares error `{}`", e.name);
        let d = Draft::smithy(
            format!("RemovedServiceError.{}", e.name),
            Severity::Warning,
            &new.id,
            message,
            format!("no longer returns error `{}`", e.name),
        );
        ctx.push(
            d,
            Wire::new(WireLevel::Compatible, "the error is no longer returned"),
            RustImpact::none("operations have no error enums"),
        );
    }
    let renamed: BTreeSet<&ShapeId> = old_svc.rename.keys().chain(new_svc.rename.keys()).collect();
    for shape in renamed {
        let (a, b) = (old_svc.rename.get(shape), new_svc.rename.get(shape));
        if a == b {
            continue;
        }
        let (from, to) = (a.cloned().unwrap_or_else(|| shape.name.clone()), b.cloned().unwrap_or_else(|| shape.name.clone()));
        let message = format!("service `{svc}` renames `{shape}` from `{from}` to `{to}`");
        let rust = RustImpact::new(
            RustLevel::Breaking,
            format!("types::{}", crate::naming::type_name(&from)),
            format!("renamed to `types::{}`", crate::naming::type_name(&to)),
        );
        let d = Draft::smithy(
            format!("ServiceRename.{}", shape.name),
            Severity::Error,
            &new.id,
            message,
            format!("renames `{from}` to `{to}`"),
        );
        ctx.push(d, Wire::new(WireLevel::None, "renames do not change the wire"), rust);
    }
}

/// The generated input and output types of an operation that exist only on this side.
fn io_types(ctx: &Ctx, model: &Model, op: &ShapeId, new: bool) -> Vec<String> {
    let Some(o) = model.shape(op).and_then(Shape::operation) else { return Vec::new() };
    [&o.input, &o.output]
        .into_iter()
        .filter(|id| **id != ShapeId::prelude("Unit") && ctx.generated_in(new, id) && !ctx.generated_in(!new, id))
        .map(|id| if new { ctx.new_rust.type_path(id) } else { ctx.old_rust.type_path(id) })
        .collect()
}

pub fn operation(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    let (Some(o), Some(n)) = (old.operation(), new.operation()) else { return };
    let name = &new.id.name;
    for (what, a, b) in [("Input", &o.input, &n.input), ("Output", &o.output, &n.output)] {
        if a == b {
            continue;
        }
        let side = if what == "Input" { "request" } else { "response" };
        let message = format!("operation `{name}` {} changes from `{}` to `{}`", what.to_lowercase(), a.name, b.name);
        let rust = RustImpact::new(
            RustLevel::Breaking,
            format!("{side} type of `{name}`"),
            format!("changes from `{}` to `{}`", ctx.old_rust.value_type(ctx.old, a), ctx.new_rust.value_type(ctx.new, b)),
        );
        let d = Draft::smithy(
            format!("ChangedOperation{what}"),
            Severity::Error,
            &new.id,
            message,
            format!("{side} structure changes from `{}` to `{}`", a.name, b.name),
        );
        ctx.push(d, Wire::new(WireLevel::Breaking, format!("the {side} body changes shape")), rust);
    }
    for e in n.errors.iter().filter(|e| !o.errors.contains(e)) {
        let message = format!("operation `{name}` may return error `{}`", e.name);
        let d = Draft::smithy(
            format!("AddedOperationError.{}", e.name),
            Severity::Warning,
            &new.id,
            message,
            format!("may return error `{}`", e.name),
        );
        ctx.push(d, Wire::new(WireLevel::Compatible, "a new error may be returned"), RustImpact::none("operations have no error enums"));
    }
    for e in o.errors.iter().filter(|e| !n.errors.contains(e)) {
        let message = format!("operation `{name}` no longer declares error `{}`", e.name);
        let d = Draft::smithy(
            format!("RemovedOperationError.{}", e.name),
            Severity::Warning,
            &new.id,
            message,
            format!("no longer returns error `{}`", e.name),
        );
        ctx.push(
            d,
            Wire::new(WireLevel::Compatible, "the error is no longer returned"),
            RustImpact::none("operations have no error enums"),
        );
    }
}

/// smithy-diff's ChangedResourceIdentifiers: a resource's identifiers change.
pub fn resource(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    let (Kind::Resource(o), Kind::Resource(n)) = (&old.kind, &new.kind) else { return };
    if o.identifiers == n.identifiers {
        return;
    }
    let show = |ids: &std::collections::BTreeMap<String, ShapeId>| {
        ids.iter().map(|(k, v)| format!("{k}: {}", v.name)).collect::<Vec<_>>().join(", ")
    };
    let phrase = format!("identifiers change from {{{}}} to {{{}}}", show(&o.identifiers), show(&n.identifiers));
    let message = format!("resource `{}` {phrase}", new.id.name);
    ctx.push(
        Draft::smithy("ChangedResourceIdentifiers", Severity::Error, &new.id, message, phrase),
        Wire::new(WireLevel::Breaking, "the resource's operations are addressed differently"),
        RustImpact::none("resources have no Rust item"),
    );
}

#[cfg(test)]
mod tests {
    use crate::diff::{RustLevel, Severity, compare, test_model};

    fn model(rename: &str) -> crate::model::Model {
        test_model(&format!(
            r#"{{"smithy":"2.0","shapes":{{
            "a#S":{{"type":"service","version":"1","operations":[{{"target":"a#Op"}}]{rename}}},
            "a#Op":{{"type":"operation","output":{{"target":"a#Out"}}}},
            "a#Out":{{"type":"structure","members":{{"Item":{{"target":"b#Item"}}}}}},
            "b#Item":{{"type":"structure","members":{{}}}}}}}}"#
        ))
    }

    #[test]
    fn service_renames_are_breaking_for_the_renamed_type() {
        let (plain, renamed) = (model(""), model(r#","rename":{"b#Item":"Thing"}"#));
        let r = compare(&plain, &renamed);
        let got: Vec<_> =
            r.findings.iter().map(|f| (f.id.as_str(), f.severity, f.rust.level, f.rust.item.as_str(), f.rust.change.as_str())).collect();
        assert_eq!(got, [("ServiceRename.Item", Severity::Error, RustLevel::Breaking, "types::Item", "renamed to `types::Thing`")]);
        assert!(r.findings[0].uses.is_empty(), "a service-level change reaches no single operation");
    }

    #[test]
    fn resource_identifier_changes_are_errors() {
        let resource = |id: &str| {
            test_model(&format!(
                r#"{{"smithy":"2.0","shapes":{{
                "a#S":{{"type":"service","version":"1","resources":[{{"target":"a#R"}}]}},
                "a#R":{{"type":"resource","identifiers":{{"{id}":{{"target":"smithy.api#String"}}}}}}}}}}"#
            ))
        };
        let r = compare(&resource("ThingId"), &resource("ThingArn"));
        let got: Vec<_> = r.findings.iter().map(|f| (f.id.as_str(), f.severity, f.phrase.as_str())).collect();
        assert_eq!(
            got,
            [("ChangedResourceIdentifiers", Severity::Error, "identifiers change from {ThingId: String} to {ThingArn: String}")]
        );
    }
}
