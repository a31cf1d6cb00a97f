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
