//! Which constraint checks each value gets: the effective `@length`, `@range`, `@pattern`,
//! `@uniqueItems`, enum membership and `@required`, minus the checks the config turns off.
//!
//! Member-level constraint traits supersede the same trait on the target (the Smithy spec's rule, as
//! smithy-rs implements it): a member's `@length` replaces the target's `@length`, while a target
//! `@pattern` still applies next to a member `@length`.

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::load::json::Node;
use crate::model::{Kind, Member, Model, Shape, ShapeId};
use std::collections::{BTreeMap, BTreeSet};

/// Checks on one value (a member, a list element, a map key or value).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checks {
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub range: Option<(Option<serde_json::Number>, Option<serde_json::Number>)>,
    /// While planning, the pattern's text; once the crate is planned, the name of its static in
    /// `CratePlan::patterns` (see [`CheckPlanner::into_patterns`]).
    pub pattern: Option<String>,
    pub unique: bool,
    /// The model's values for the violation message, e.g. `[abc, def, jkl]`.
    pub enum_values: Option<String>,
    /// The enum is an intEnum.
    pub int_enum: bool,
    /// The value is a structure or union with checks of its own.
    pub nested: bool,
    pub element: Option<Box<Checks>>,
    pub key: Option<Box<Checks>>,
    pub value: Option<Box<Checks>>,
}

impl Checks {
    pub fn is_empty(&self) -> bool {
        *self == Checks::default()
    }
}

/// A pattern as the generated code compiles it.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternPlan {
    /// The static's name: the shape (or `ShapeMember`) that declares the pattern, so adding a
    /// pattern elsewhere does not rename the others.
    pub name: String,
    /// As written in the model (used in messages).
    pub model: String,
    pub compiled: crate::pattern::Compiled,
}

pub struct CheckPlanner<'a> {
    model: &'a Model,
    config: &'a Config,
    validating: BTreeSet<ShapeId>,
    /// Pattern text → (smallest declaring owner name, compiled form).
    patterns: BTreeMap<String, (String, crate::pattern::Compiled)>,
    /// Pattern text → why it cannot be compiled (each pattern is compiled once).
    failed: BTreeMap<String, String>,
}

impl<'a> CheckPlanner<'a> {
    /// Works out which structures and unions of the closure have checks anywhere below them.
    pub fn new(model: &'a Model, closure: &BTreeSet<ShapeId>, config: &'a Config, diags: &mut Diagnostics) -> Self {
        let mut planner = CheckPlanner { model, config, validating: BTreeSet::new(), patterns: BTreeMap::new(), failed: BTreeMap::new() };
        let aggregates: Vec<&Shape> =
            closure.iter().filter_map(|id| model.shape(id)).filter(|s| matches!(s.kind, Kind::Structure | Kind::Union)).collect();
        // Fixed point: a shape validates if a member has a check, directly or through a nested shape.
        loop {
            let mut changed = false;
            for shape in &aggregates {
                if planner.validating.contains(&shape.id) {
                    continue;
                }
                let has = shape.members.iter().any(|m| planner.required_check(shape, m) || !planner.member(&shape.id, m, diags).is_empty());
                if has {
                    planner.validating.insert(shape.id.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        planner
    }

    pub fn validates(&self, id: &ShapeId) -> bool {
        self.validating.contains(id)
    }

    fn skipped(&self, sources: &[&ShapeId], check: &str) -> bool {
        sources.iter().any(|id| self.config.skips(id, check))
    }

    /// `@required` checked at validation time: only where the field can be unset, i.e. the member
    /// is an `Option` because its structure is an `@input` or it is `@clientOptional`.
    pub fn required_check(&self, shape: &Shape, m: &Member) -> bool {
        shape.kind == Kind::Structure
            && m.traits.has("required")
            && (shape.traits.has("input") || m.traits.has("clientOptional"))
            && !self.skipped(&[&shape.id.with_member(&m.name)], "required")
    }

    /// Checks for the value of member `m` of shape `owner`.
    pub fn member(&mut self, owner: &ShapeId, m: &Member, diags: &mut Diagnostics) -> Checks {
        let member_id = owner.with_member(&m.name);
        let target = self.model.expect(&m.target);
        let sources = [&member_id, &target.id];
        let effective = |name: &str| m.traits.api(name).or(target.traits.api(name));
        let mut checks = Checks::default();
        if !self.skipped(&sources, "length")
            && let Some(obj) = effective("length").and_then(Node::as_object)
        {
            let b = |k: &str| obj.get(k).and_then(Node::as_number).and_then(serde_json::Number::as_u64);
            checks.length = Some((b("min"), b("max")));
        }
        if !self.skipped(&sources, "range")
            && let Some(obj) = effective("range").and_then(Node::as_object)
        {
            let b = |k: &str| obj.get(k).and_then(Node::as_number).cloned();
            checks.range = Some((b("min"), b("max")));
        }
        if target.kind.is_string_like()
            && !self.skipped(&sources, "pattern")
            && let Some(p) = effective("pattern").and_then(Node::as_str)
        {
            let owner = if m.traits.api("pattern").is_some() { format!("{}{}", owner.name, m.name) } else { target.id.name.clone() };
            checks.pattern = self.pattern(p, &owner, &member_id, diags);
        }
        if target.kind == Kind::List && effective("uniqueItems").is_some() && !self.skipped(&sources, "uniqueItems") {
            checks.unique = true;
        }
        if matches!(target.kind, Kind::Enum | Kind::IntEnum) && !self.skipped(&sources, "enum") {
            // Values marked `@internal` are accepted but left out of the message, as the tests expect.
            let values: Vec<String> = target
                .members
                .iter()
                .filter(|em| !em.traits.has("internal"))
                .map(|em| match em.traits.api("enumValue") {
                    Some(Node::String(s)) => s.clone(),
                    Some(Node::Number(n)) => n.to_string(),
                    _ => em.name.clone(),
                })
                .collect();
            // Sorted, so the message does not depend on the order of members in the JSON file.
            let mut values = values;
            values.sort();
            checks.enum_values = Some(format!("[{}]", values.join(", ")));
            checks.int_enum = target.kind == Kind::IntEnum;
        }
        match target.kind {
            Kind::Structure | Kind::Union => checks.nested = self.validating.contains(&target.id),
            Kind::List => {
                let element = self.member(&target.id, &target.members[0], diags);
                checks.element = (!element.is_empty()).then(|| Box::new(element));
            }
            Kind::Map => {
                let key = self.member(&target.id, &target.members[0], diags);
                let value = self.member(&target.id, &target.members[1], diags);
                checks.key = (!key.is_empty()).then(|| Box::new(key));
                checks.value = (!value.is_empty()).then(|| Box::new(value));
            }
            _ => {}
        }
        checks
    }

    fn pattern(&mut self, p: &str, owner: &str, at: &ShapeId, diags: &mut Diagnostics) -> Option<String> {
        if let Some((first, _)) = self.patterns.get_mut(p) {
            // The smallest owner names the static, whatever order the members are visited in.
            if owner < first.as_str() {
                *first = owner.to_string();
            }
            return Some(p.to_string());
        }
        let error = match self.failed.get(p) {
            Some(e) => e.clone(),
            None => match crate::pattern::compile(p) {
                Ok(compiled) => {
                    self.patterns.insert(p.to_string(), (owner.to_string(), compiled));
                    return Some(p.to_string());
                }
                Err(e) => {
                    self.failed.insert(p.to_string(), e.clone());
                    e
                }
            },
        };
        let file = self.model.shape(&at.root()).map(|s| s.file.clone()).unwrap_or_default();
        let message = format!("@pattern {p:?} is not an ECMA-262 regular expression ({error}); the check is left out");
        if self.config.error_on_invalid_patterns() {
            diags.error(&file, at.to_string(), message)
        } else {
            diags.warning(&file, at.to_string(), message)
        }
        None
    }

    /// Why the pattern of member `m` of `owner` is not checked, if it is not: for its docs.
    pub fn pattern_note(&self, owner: &ShapeId, m: &Member) -> Option<&'static str> {
        let member_id = owner.with_member(&m.name);
        let target = self.model.expect(&m.target);
        let p = m.traits.api("pattern").or(target.traits.api("pattern")).and_then(Node::as_str)?;
        if self.skipped(&[&member_id, &target.id], "pattern") {
            Some("not checked: left out in codegen.toml")
        } else if self.failed.contains_key(p) {
            Some("not checked: not an ECMA-262 regular expression")
        } else {
            None
        }
    }

    /// The crate's patterns ordered by name, and the map from pattern text to static name. Each static
    /// is named after the shape (or `ShapeMember`) declaring it, so adding a pattern elsewhere does not
    /// rename the others.
    pub fn into_patterns(self) -> (Vec<PatternPlan>, BTreeMap<String, String>) {
        let mut by_owner: Vec<(String, String, crate::pattern::Compiled)> =
            self.patterns.into_iter().map(|(text, (owner, compiled))| (owner, text, compiled)).collect();
        by_owner.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let mut list: Vec<PatternPlan> = Vec::new();
        let mut names = BTreeMap::new();
        for (owner, text, compiled) in by_owner {
            let base = heck::ToShoutySnakeCase::to_shouty_snake_case(owner.as_str());
            let mut name = base.clone();
            let mut n = 2;
            while list.iter().any(|x| x.name == name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            names.insert(text.clone(), name.clone());
            list.push(PatternPlan { name, model: text, compiled });
        }
        list.sort_by(|a, b| a.name.cmp(&b.name));
        (list, names)
    }
}

impl Checks {
    /// Replaces pattern texts with the names of their statics.
    pub fn name_patterns(&mut self, names: &BTreeMap<String, String>) {
        if let Some(p) = &mut self.pattern
            && let Some(name) = names.get(p.as_str())
        {
            *p = name.clone();
        }
        for inner in [&mut self.element, &mut self.key, &mut self.value].into_iter().flatten() {
            inner.name_patterns(names);
        }
    }
}
