//! Runtime support shared by the generated types: unknown enum and union values, builder errors,
//! timestamps, blobs and redaction. Vendored into every generated crate so the crate stands alone.

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

/// Reads a string enum without allocating for a known value (the value is matched where it lies).
#[allow(dead_code)] // Only crates with string enums call it.
pub(crate) fn read_enum<'de, T, D>(d: D) -> ::std::result::Result<T, D::Error>
where
    T: for<'a> ::std::convert::From<&'a str> + ::std::convert::From<::std::string::String>,
    D: ::serde::Deserializer<'de>,
{
    struct V<T>(::std::marker::PhantomData<T>);
    impl<T> ::serde::de::Visitor<'_> for V<T>
    where
        T: for<'a> ::std::convert::From<&'a str> + ::std::convert::From<::std::string::String>,
    {
        type Value = T;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E: ::serde::de::Error>(self, v: ::std::string::String) -> ::std::result::Result<T, E> {
            Ok(T::from(v))
        }
    }
    d.deserialize_str(V(::std::marker::PhantomData))
}

/// Implemented by every generated union so that one generic visitor reads them all: members are
/// deserialized straight from the JSON object, with no intermediate `serde_json::Value` (only an
/// unknown member's value is kept as one).
#[allow(dead_code)] // Only crates with unions use it.
pub(crate) trait Union: Sized {
    /// The union's shape name, for error messages.
    const NAME: &'static str;
    /// Reads the value of member `key` into `slot` (written in place: unions can be large).
    fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
        key: &str,
        map: &mut A,
        slot: &mut ::std::option::Option<Self>,
    ) -> ::std::result::Result<Member, A::Error>;
    /// Wraps a member this crate does not know.
    fn unknown(member: UnknownMember) -> Self;
}

/// What [`Union::read_member`] found.
#[allow(dead_code)] // Only crates with unions use it.
pub(crate) enum Member {
    /// A known member with a value, now in the slot.
    Set,
    /// A known member set to `null`: unset, ignored.
    Null,
    /// Not a member this crate knows; its value is still to be read.
    Unknown,
}

/// Puts a member's value (if not `null`) into the slot.
#[allow(dead_code)] // Only crates with unions use it.
#[inline]
pub(crate) fn put<T>(slot: &mut ::std::option::Option<T>, value: ::std::option::Option<T>) -> Member {
    match value {
        Some(value) => {
            *slot = Some(value);
            Member::Set
        }
        None => Member::Null,
    }
}

/// Reads a union: a JSON object with exactly one non-null member. `__type` is ignored, as restJson1
/// requires.
#[allow(dead_code)] // Only crates with unions call it.
pub(crate) fn read_union<'de, T: Union, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<T, D::Error> {
    d.deserialize_map(UnionVisitor::<T>(::std::marker::PhantomData))
}

struct UnionVisitor<T>(::std::marker::PhantomData<T>);

impl<'de, T: Union> ::serde::de::Visitor<'de> for UnionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "union {}: an object with one member set", T::NAME)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<T, A::Error> {
        use ::serde::de::Error as _;
        let mut slot: Option<T> = None;
        let mut first: Option<Key<'de>> = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let name = key.0.as_ref();
            if name == "__type" {
                map.next_value::<::serde::de::IgnoredAny>()?;
                continue;
            }
            if let Some(first) = &first {
                // A second member: an error unless its value is null.
                let mut second = None;
                let set = match T::read_member(name, &mut map, &mut second)? {
                    Member::Set => true,
                    Member::Null => false,
                    Member::Unknown => !map.next_value::<::serde_json::Value>()?.is_null(),
                };
                if set {
                    return Err(A::Error::custom(format_args!(
                        "union {} has more than one member set ({}, {name})",
                        T::NAME,
                        first.0
                    )));
                }
                continue;
            }
            let set = match T::read_member(name, &mut map, &mut slot)? {
                Member::Set => true,
                Member::Null => false,
                Member::Unknown => match map.next_value::<::serde_json::Value>()? {
                    ::serde_json::Value::Null => false,
                    value => {
                        slot = Some(T::unknown(UnknownMember::new(name, value)));
                        true
                    }
                },
            };
            if set {
                first = Some(key);
            }
        }
        slot.ok_or_else(|| A::Error::custom(format_args!("union {} has no member set", T::NAME)))
    }
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(::std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The key.
    #[allow(dead_code)] // Only crates with structures call it.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> ::serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> ::std::result::Result<Key<'de>, E> {
                Ok(Key(::std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> ::std::result::Result<Key<'de>, E> {
                Ok(Key(::std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: ::std::string::String) -> ::std::result::Result<Key<'de>, E> {
                Ok(Key(::std::borrow::Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}
