//! Suppression file: named findings a reviewer has accepted. JSON:
//!
//! ```json
//! { "suppressions": [
//!     { "id": "ChangedMemberOrder", "shape": "com.amazonaws.connect#Contact", "reason": "JSON ignores order" },
//!     { "id": "ModifiedTrait.*", "reason": "trait churn is reviewed separately" } ] }
//! ```
//!
//! `id` is an event id, or a prefix ending in `*`. `shape` (optional) is a shape or member id, or a
//! prefix ending in `*`; a shape id also matches its members. `reason` is required. A suppressed
//! finding is still reported, in its own section, and does not count as breaking.

use super::finding::Finding;
use serde_json::Value;
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    pub id: String,
    pub shape: Option<String>,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suppressions(pub Vec<Suppression>);

fn matches(pattern: &str, value: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => value.starts_with(prefix),
        None => pattern == value,
    }
}

impl Suppression {
    pub fn matches(&self, f: &Finding) -> bool {
        if !matches(&self.id, &f.id) {
            return false;
        }
        match &self.shape {
            None => true,
            Some(s) => matches(s, &f.shape) || f.shape.strip_prefix(s.as_str()).is_some_and(|rest| rest.starts_with('$')),
        }
    }

    fn label(&self) -> String {
        match &self.shape {
            Some(s) => format!("{} on {s}", self.id),
            None => self.id.clone(),
        }
    }
}

impl Suppressions {
    /// Parses the file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Suppressions, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("{file}: not valid JSON: {e}"))?;
        let list = value
            .get("suppressions")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{file}: expected an object with a `suppressions` array"))?;
        let mut out = Vec::new();
        for (i, entry) in list.iter().enumerate() {
            let at = format!("{file}: suppressions[{i}]");
            let obj = entry.as_object().ok_or_else(|| format!("{at}: expected an object"))?;
            for key in obj.keys() {
                if !matches!(key.as_str(), "id" | "shape" | "reason") {
                    return Err(format!("{at}: unknown key `{key}` (expected id, shape, reason)"));
                }
            }
            let text = |k: &str| -> Result<Option<String>, String> {
                match obj.get(k) {
                    None => Ok(None),
                    Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.clone())),
                    Some(_) => Err(format!("{at}: `{k}` must be a non-empty string")),
                }
            };
            let id = text("id")?.ok_or_else(|| format!("{at}: missing `id`"))?;
            let reason = text("reason")?.ok_or_else(|| format!("{at}: missing `reason` (say why the change is accepted)"))?;
            out.push(Suppression { id, shape: text("shape")?, reason });
        }
        Ok(Suppressions(out))
    }

    pub fn load(path: &Path) -> Result<Suppressions, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read suppression file {}: {e}", path.display()))?;
        Suppressions::parse(&path.display().to_string(), &text)
    }

    /// Marks matching findings as suppressed; returns the suppressions that matched nothing.
    pub fn apply(&self, findings: &mut [Finding]) -> Vec<String> {
        let mut used = vec![false; self.0.len()];
        for f in findings.iter_mut() {
            if let Some((i, s)) = self.0.iter().enumerate().find(|(_, s)| s.matches(f)) {
                f.suppressed = Some(s.reason.clone());
                used[i] = true;
            }
        }
        self.0.iter().zip(used).filter(|(_, u)| !u).map(|(s, _)| s.label()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::finding::{Draft, RustImpact, Severity, Wire, WireLevel};

    fn finding(id: &str, shape: &str) -> Finding {
        Draft::smithy(id, Severity::Danger, shape, "", "").finish(Wire::new(WireLevel::None, ""), RustImpact::none(""))
    }

    #[test]
    fn ids_and_shapes_match_exactly_by_prefix_or_by_container() {
        let s = Suppressions::parse(
            "s.json",
            r#"{"suppressions":[{"id":"ChangedMemberOrder","shape":"a#Contact","reason":"JSON"},{"id":"ModifiedTrait.*","reason":"later"},{"id":"Nope","reason":"x"}]}"#,
        )
        .unwrap();
        let mut fs = vec![
            finding("ChangedMemberOrder", "a#Contact"),
            finding("ChangedMemberOrder", "a#Contact$X"),
            finding("ChangedMemberOrder", "a#ContactB"),
            finding("ModifiedTrait.Add.smithy.api#sensitive", "a#B"),
        ];
        let unused = s.apply(&mut fs);
        let got: Vec<bool> = fs.iter().map(|f| f.suppressed.is_some()).collect();
        assert_eq!(got, vec![true, true, false, true]);
        assert_eq!(unused, vec!["Nope".to_string()]);
    }

    #[test]
    fn bad_files_name_the_file_and_the_entry() {
        assert!(Suppressions::parse("s.json", "[").unwrap_err().starts_with("s.json: not valid JSON"));
        assert!(Suppressions::parse("s.json", "{}").unwrap_err().contains("`suppressions` array"));
        let e = Suppressions::parse("s.json", r#"{"suppressions":[{"id":"X"}]}"#).unwrap_err();
        assert_eq!(e, "s.json: suppressions[0]: missing `reason` (say why the change is accepted)");
        let e = Suppressions::parse("s.json", r#"{"suppressions":[{"id":"X","reason":"r","why":1}]}"#).unwrap_err();
        assert!(e.contains("unknown key `why`"), "{e}");
    }
}
