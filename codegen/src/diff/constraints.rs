//! `@length`, `@range`, `@pattern` and `@uniqueItems`. smithy-diff compares a trait only where both
//! models have it, and never combines a member's constraint with its target's; here the effective
//! constraint (the member's trait, else the target's) decides whether values are narrowed.

use super::finding::{Draft, Event, RustImpact, Severity, Wire, WireLevel};
use super::{Ctx, traits};
use crate::load::json::Node;
use crate::model::{Member, Shape, ShapeId, Traits};

const CONSTRAINTS: &[&str] = &["length", "range", "pattern", "uniqueItems"];

/// Constraints on a root shape (its own traits are its effective constraints).
pub fn root(ctx: &mut Ctx, old: &Shape, new: &Shape) {
    for t in CONSTRAINTS {
        let (a, b) = (old.traits.api(t), new.traits.api(t));
        check(ctx, &new.id, t, (a, b), (a, b), false);
    }
}

/// Constraints on a member: its own traits, and the effective ones including the target's.
pub fn member(ctx: &mut Ctx, id: &ShapeId, o: &Member, n: &Member) {
    let (old_target, new_target) = (ctx.old.shape(&o.target).map(|s| &s.traits), ctx.new.shape(&n.target).map(|s| &s.traits));
    let retargeted = o.target != n.target;
    for t in CONSTRAINTS {
        let own = (o.traits.api(t), n.traits.api(t));
        let eff = (effective(&o.traits, old_target, t), effective(&n.traits, new_target, t));
        check(ctx, id, t, own, eff, retargeted);
    }
}

fn effective<'a>(member: &'a Traits, target: Option<&'a Traits>, t: &str) -> Option<&'a Node> {
    member.api(t).or_else(|| target.and_then(|tr| tr.api(t)))
}

type Pair<'a> = (Option<&'a Node>, Option<&'a Node>);

fn check(ctx: &mut Ctx, id: &ShapeId, t: &str, own: Pair, eff: Pair, retargeted: bool) {
    let own_changed = own.0 != own.1;
    let eff_changed = eff.0 != eff.1;
    if !own_changed && (!eff_changed || !retargeted) {
        // An effective change through an unchanged target is reported on the target.
        return;
    }
    let narrows = narrows(t, eff.0, eff.1);
    let smithy = if own_changed { smithy_event(t, own.0, own.1) } else { None };
    let name = short(id);
    let what = describe(t, eff.0, eff.1);
    let effective_note = if own_changed && own != eff { " (effective, member and target combined)" } else { "" };
    let phrase = format!("{what}{effective_note}");
    let message = format!("`{name}` {phrase}");
    let sides = ctx.sides(id);
    let wire = match narrows {
        Some(true) if sides.request => Wire::new(WireLevel::Breaking, "requests that were valid may be rejected"),
        Some(true) => Wire::new(WireLevel::None, "responses only get narrower"),
        Some(false) if sides.response => Wire::new(WireLevel::Compatible, "responses may carry values outside the old bounds"),
        Some(false) => Wire::new(WireLevel::Compatible, "more requests are accepted"),
        None => Wire::new(WireLevel::Compatible, "accepted values change (a changed pattern may or may not be narrower)"),
    };
    let rust = RustImpact::none(match narrows {
        Some(true) => "`validate()` rejects values it accepted; field docs change",
        Some(false) => "`validate()` accepts more values; field docs change",
        None => "`validate()` checks a different pattern; field docs change",
    });
    let draft = match (smithy, narrows) {
        // smithy-diff rates it ERROR already, or nothing narrows: its event stands.
        (Some(e), n) if n != Some(true) || e.severity == Severity::Error => Draft::smithy(e.id, e.severity, id, message, phrase),
        // A narrowing smithy-diff under-rates or cannot see.
        (smithy, Some(true)) => {
            let extra = if eff.0.is_none() { "AddedConstraint" } else { "ChangedEffectiveConstraint" };
            Draft::extra(format!("{extra}.{t}"), Severity::Error, smithy, id, message, phrase)
        }
        // smithy-diff is silent: a removed pattern, or a constraint changed by retargeting.
        (_, n) => {
            let extra = if own_changed { "RemovedConstraint" } else { "ChangedEffectiveConstraint" };
            let severity = if n.is_none() { Severity::Warning } else { Severity::Note };
            Draft::extra(format!("{extra}.{t}"), severity, None, id, message, phrase)
        }
    };
    ctx.push(draft, wire, rust);
}

/// What smithy-diff reports for a change of the trait itself.
fn smithy_event(t: &str, old: Option<&Node>, new: Option<&Node>) -> Option<Event> {
    let tbc = |c: &str, sev| Some(Event::new(format!("TraitBreakingChange.{c}.smithy.api#{t}"), sev));
    let modified = |c: &str, sev| Some(Event::new(format!("ModifiedTrait.{c}.smithy.api#{t}"), sev));
    match (t, old, new) {
        ("length" | "range", Some(_), Some(_)) => {
            if narrows(t, old, new) == Some(true) {
                let id = if t == "length" { "ChangedLengthTrait" } else { "ChangedRangeTrait" };
                Some(Event::new(id, Severity::Error))
            } else {
                modified("Update", Severity::Note)
            }
        }
        ("length" | "range", None, Some(_)) => modified("Add", Severity::Note),
        ("length" | "range", Some(_), None) => modified("Remove", Severity::Warning),
        ("pattern", None, Some(_)) => tbc("Add", Severity::Warning),
        ("pattern", Some(_), Some(_)) => tbc("Update", Severity::Note),
        ("uniqueItems", None, Some(_)) => tbc("Add", Severity::Warning),
        ("uniqueItems", Some(_), None) => tbc("Remove", Severity::Warning),
        _ => None,
    }
}

/// A bound as a comparable number: integers exactly, others as f64.
#[derive(PartialEq, PartialOrd, Clone, Copy, Debug)]
enum Num {
    Int(i128),
    Float(f64),
}

fn num(n: &serde_json::Number) -> Num {
    if let Some(i) = n.as_i64() {
        Num::Int(i as i128)
    } else if let Some(u) = n.as_u64() {
        Num::Int(u as i128)
    } else {
        Num::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn cmp(a: Num, b: Num) -> std::cmp::Ordering {
    let f = |n: Num| match n {
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
    };
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x.cmp(&y),
        _ => f(a).partial_cmp(&f(b)).unwrap_or(std::cmp::Ordering::Equal),
    }
}

fn bound(node: Option<&Node>, key: &str) -> Option<Num> {
    node.and_then(|n| n.get(key)).and_then(Node::as_number).map(num)
}

/// Whether going from `old` to `new` rejects values that were valid; `None` when it cannot be told.
pub fn narrows(t: &str, old: Option<&Node>, new: Option<&Node>) -> Option<bool> {
    use std::cmp::Ordering::*;
    match t {
        "length" | "range" => {
            // A missing length min counts as 0; a missing bound otherwise is unbounded.
            let min = |n| if t == "length" { bound(n, "min").or(n.map(|_| Num::Int(0))) } else { bound(n, "min") };
            let min_narrows = match (min(old), min(new)) {
                (_, None) => false,
                (None, Some(b)) => !(t == "length" && b == Num::Int(0)),
                (Some(a), Some(b)) => cmp(b, a) == Greater,
            };
            let max_narrows = match (bound(old, "max"), bound(new, "max")) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(a), Some(b)) => cmp(b, a) == Less,
            };
            Some(min_narrows || max_narrows)
        }
        "pattern" => match (old, new) {
            (None, Some(_)) => Some(true),
            (Some(_), None) => Some(false),
            (a, b) if a == b => Some(false),
            _ => None,
        },
        _ => Some(old.is_none() && new.is_some()),
    }
}

fn show_bounds(n: &Node) -> String {
    let b = |k: &str| n.get(k).and_then(Node::as_number).map(|x| x.to_string());
    match (b("min"), b("max")) {
        (Some(lo), Some(hi)) => format!("{lo}..={hi}"),
        (Some(lo), None) => format!("at least {lo}"),
        (None, Some(hi)) => format!("at most {hi}"),
        (None, None) => "unbounded".into(),
    }
}

/// `length max raised from 10 to 50`, `gains @pattern "^a"`, `range 1..=5 → 0..=5`.
fn describe(t: &str, old: Option<&Node>, new: Option<&Node>) -> String {
    match (old, new) {
        (None, Some(_)) if t == "uniqueItems" => "gains `@uniqueItems`".into(),
        (Some(_), None) if t == "uniqueItems" => "loses `@uniqueItems`".into(),
        (None, Some(n)) if t == "pattern" => format!("gains `@pattern` {}", traits::show(n)),
        (None, Some(n)) => format!("gains `@{t}` {}", show_bounds(n)),
        (Some(o), None) if t == "pattern" => format!("loses `@pattern` {}", traits::show(o)),
        (Some(o), None) => format!("loses `@{t}` {}", show_bounds(o)),
        (Some(o), Some(n)) if t == "pattern" => format!("`@pattern` changes from {} to {}", traits::show(o), traits::show(n)),
        (Some(o), Some(n)) => {
            let mut parts = Vec::new();
            for key in ["min", "max"] {
                let (a, b) = (o.get(key).and_then(Node::as_number), n.get(key).and_then(Node::as_number));
                match (a, b) {
                    (Some(a), Some(b)) if a != b => {
                        let dir = if cmp(num(b), num(a)) == std::cmp::Ordering::Greater { "raised" } else { "lowered" };
                        parts.push(format!("{t} {key} {dir} from {a} to {b}"));
                    }
                    (None, Some(b)) => parts.push(format!("{t} gains {key} {b}")),
                    (Some(a), None) => parts.push(format!("{t} loses {key} {a}")),
                    _ => {}
                }
            }
            parts.join(", ")
        }
        (None, None) => String::new(),
    }
}

fn short(id: &ShapeId) -> String {
    match &id.member {
        Some(m) => format!("{}${m}", id.name),
        None => id.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(min: Option<i64>, max: Option<i64>) -> Node {
        let mut o = Vec::new();
        if let Some(m) = min {
            o.push(("min".to_string(), Node::Number(m.into())));
        }
        if let Some(m) = max {
            o.push(("max".to_string(), Node::Number(m.into())));
        }
        Node::Object(crate::load::json::Object(o))
    }

    #[test]
    fn narrowing_follows_smithy_diff_bounds() {
        let (a, b) = (bounds(Some(1), Some(10)), bounds(Some(1), Some(50)));
        assert_eq!(narrows("length", Some(&a), Some(&b)), Some(false));
        assert_eq!(narrows("length", Some(&b), Some(&a)), Some(true));
        assert_eq!(narrows("length", None, Some(&bounds(Some(0), None))), Some(false), "min 0 is the default");
        assert_eq!(narrows("range", None, Some(&bounds(Some(0), None))), Some(true));
        assert_eq!(narrows("range", Some(&bounds(None, Some(i64::MAX))), Some(&bounds(None, Some(i64::MAX - 1)))), Some(true));
        assert_eq!(narrows("pattern", Some(&Node::String("a".into())), Some(&Node::String("b".into()))), None);
        assert_eq!(narrows("uniqueItems", None, Some(&Node::Object(Default::default()))), Some(true));
    }

    #[test]
    fn descriptions_name_the_bound_that_moved() {
        let (a, b) = (bounds(Some(1), Some(10)), bounds(Some(1), Some(50)));
        assert_eq!(describe("length", Some(&a), Some(&b)), "length max raised from 10 to 50");
        assert_eq!(describe("range", None, Some(&b)), "gains `@range` 1..=50");
        assert_eq!(smithy_event("length", Some(&b), Some(&a)).unwrap().id, "ChangedLengthTrait");
        assert_eq!(smithy_event("length", Some(&a), Some(&b)).unwrap().id, "ModifiedTrait.Update.smithy.api#length");
    }
}
