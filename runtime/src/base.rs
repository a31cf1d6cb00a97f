//! Runtime support shared by the generated types: unknown enum and union values, builder errors,
//! reading JSON, timestamps, blobs and redaction. Vendored into every generated crate so the crate stands alone.

/// Text printed by `Debug` in place of `@sensitive` values.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A value received for an enum that this version of the crate does not know.
///
/// It keeps the exact string so it can be sent back unchanged; build one with `From<&str>` on the enum.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownVariantValue(pub(crate) ::std::string::String);

impl UnknownVariantValue {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A union member this version of the crate does not know: its name and raw JSON value, kept so
/// that it is written back unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownMember {
    pub(crate) name: ::std::string::String,
    pub(crate) value: ::serde_json::Value,
}

impl UnknownMember {
    /// Makes an unknown member, e.g. to send a member added to the service after this crate was generated.
    pub fn new(name: impl Into<::std::string::String>, value: ::serde_json::Value) -> Self {
        Self { name: name.into(), value }
    }
    /// The member name as received.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The member value as received.
    pub fn value(&self) -> &::serde_json::Value {
        &self.value
    }
}

/// `build()` was called on a builder with required members unset. Lists every missing member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    missing: ::std::vec::Vec<&'static str>,
}

impl BuildError {
    /// `fields` pairs each required member with whether it was set.
    #[allow(dead_code)] // Only crates with required members call it.
    pub(crate) fn new(shape: &'static str, fields: &[(&'static str, bool)]) -> Self {
        let missing = fields.iter().filter(|(_, set)| !set).map(|(n, _)| *n).collect();
        BuildError { shape, missing }
    }
    /// The shape whose builder failed.
    pub fn shape(&self) -> &'static str {
        self.shape
    }
    /// Names (as modelled) of the required members that were not set.
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
    }
}

impl ::std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "cannot build {}: missing required member(s) {}", self.shape, self.missing.join(", "))
    }
}

impl ::std::error::Error for BuildError {}
#[cfg(test)]
mod tests {
    use super::*;
    use ::serde_json::json;

    #[test]
    fn build_error_lists_every_missing_member_in_order() {
        let error = BuildError::new("Point", &[("x", true), ("y", false), ("z", false)]);
        assert_eq!(error.shape(), "Point");
        assert_eq!(error.missing(), ["y", "z"]);
        assert_eq!(error.to_string(), "cannot build Point: missing required member(s) y, z");
    }

    #[test]
    fn build_error_with_one_missing_member() {
        let error = BuildError::new("Shape", &[("Name", false), ("Size", true)]);
        assert_eq!(error.missing(), ["Name"]);
        assert_eq!(error.to_string(), "cannot build Shape: missing required member(s) Name");
        let boxed: Box<dyn ::std::error::Error> = Box::new(error.clone());
        assert!(boxed.source().is_none());
        assert_eq!(boxed.to_string(), error.to_string());
        assert_ne!(error, BuildError::new("Shape", &[("Name", false), ("Size", false)]));
    }

    #[test]
    fn unknown_member_keeps_its_name_and_raw_value() {
        let member = UnknownMember::new("futureMember", json!({"a": [1, "two", null], "b": 1.5}));
        assert_eq!(member.name(), "futureMember");
        assert_eq!(member.value(), &json!({"b": 1.5, "a": [1, "two", null]}));
        assert_eq!(member.value()["a"][1], "two");
        assert_eq!(member.clone(), member);
        assert_ne!(member, UnknownMember::new("futureMember", json!(null)));
        assert_ne!(member, UnknownMember::new(String::from("other"), member.value().clone()));
    }

    #[test]
    fn unknown_variant_value_keeps_the_exact_text() {
        let value = UnknownVariantValue("NEW_value ü".to_string());
        assert_eq!(value.as_str(), "NEW_value ü");
        assert_ne!(value, UnknownVariantValue("new_value ü".to_string()));
        let mut values = [UnknownVariantValue("b".to_string()), UnknownVariantValue("a".to_string())];
        values.sort();
        assert_eq!(values.iter().map(UnknownVariantValue::as_str).collect::<Vec<_>>(), ["a", "b"]);
        let set: ::std::collections::HashSet<_> = [value.clone(), value.clone()].into_iter().collect();
        assert_eq!(set.len(), 1);
    }
}
