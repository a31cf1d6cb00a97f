//! Absolute Smithy shape ids: `namespace#Name` and member ids `namespace#Name$member`.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    pub namespace: String,
    pub name: String,
    pub member: Option<String>,
}

impl ShapeId {
    /// Parses an absolute shape id. Relative ids and bad identifiers are errors.
    pub fn parse(s: &str) -> Result<ShapeId, String> {
        let Some((ns, rest)) = s.split_once('#') else {
            return Err(format!("shape id {s:?} is not absolute (expected `namespace#Name`)"));
        };
        if ns.is_empty() || !ns.split('.').all(is_identifier) {
            return Err(format!("shape id {s:?} has an invalid namespace"));
        }
        let (name, member) = match rest.split_once('$') {
            Some((n, m)) => (n, Some(m)),
            None => (rest, None),
        };
        if !is_identifier(name) {
            return Err(format!("shape id {s:?} has an invalid shape name"));
        }
        if let Some(m) = member
            && !is_identifier(m)
        {
            return Err(format!("shape id {s:?} has an invalid member name"));
        }
        Ok(ShapeId { namespace: ns.to_string(), name: name.to_string(), member: member.map(str::to_string) })
    }

    pub fn new(namespace: &str, name: &str) -> ShapeId {
        ShapeId { namespace: namespace.to_string(), name: name.to_string(), member: None }
    }

    pub fn prelude(name: &str) -> ShapeId {
        ShapeId::new("smithy.api", name)
    }

    pub fn with_member(&self, member: &str) -> ShapeId {
        ShapeId { namespace: self.namespace.clone(), name: self.name.clone(), member: Some(member.to_string()) }
    }

    pub fn root(&self) -> ShapeId {
        ShapeId { namespace: self.namespace.clone(), name: self.name.clone(), member: None }
    }

    pub fn is_prelude(&self) -> bool {
        self.namespace == "smithy.api"
    }

    /// Lower-cased form used to detect ids that collide ignoring case.
    pub fn folded(&self) -> String {
        self.to_string().to_ascii_lowercase()
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(m) = &self.member {
            write!(f, "${m}")?;
        }
        Ok(())
    }
}

/// Smithy `identifier`: `[A-Za-z_][A-Za-z0-9_]*` with at least one letter or digit after leading `_`s.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => chars.all(|c| c.is_ascii_alphanumeric() || c == '_'),
        Some('_') => {
            let rest = s.trim_start_matches('_');
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_absolute_and_member_ids() {
        let id = ShapeId::parse("com.amazonaws.connect#Unit").unwrap();
        assert_eq!(id.to_string(), "com.amazonaws.connect#Unit");
        let m = ShapeId::parse("a.b#C$d").unwrap();
        assert_eq!(m.member.as_deref(), Some("d"));
        assert_eq!(m.root().to_string(), "a.b#C");
    }

    #[test]
    fn rejects_relative_and_bad_ids() {
        assert!(ShapeId::parse("String").unwrap_err().contains("not absolute"));
        assert!(ShapeId::parse("a..b#C").is_err());
        assert!(ShapeId::parse("a#1C").is_err());
        assert!(ShapeId::parse("a#C$").is_err());
    }
}
