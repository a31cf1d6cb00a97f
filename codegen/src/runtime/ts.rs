//! Timestamps in the three Smithy formats, for any field type built from `DateTime`, `Option`, `Vec`
//! and `HashMap`: generated code writes through [`With`] and reads through [`De`].

pub use ::aws_smithy_types::DateTime;
use ::std::marker::PhantomData;

/// A Smithy timestamp format.
pub trait Format {
    /// Writes a timestamp.
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads a timestamp straight from the deserializer.
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<DateTime, D::Error>;
}

/// `epoch-seconds`: a JSON number of seconds, possibly fractional (the restJson1 body default).
pub enum EpochSeconds {}
/// `date-time`: an RFC 3339 string; offsets are accepted on input.
pub enum DateTimeFormat {}
/// `http-date`: an IMF-fixdate string.
pub enum HttpDate {}

impl Format for EpochSeconds {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        if t.subsec_nanos() == 0 { s.serialize_i64(t.secs()) } else { s.serialize_f64(t.as_secs_f64()) }
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<DateTime, D::Error> {
        struct V;
        impl ::serde::de::Visitor<'_> for V {
            type Value = DateTime;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("epoch seconds as a number")
            }
            fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<DateTime, E> {
                Ok(DateTime::from_secs(v))
            }
            fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<DateTime, E> {
                i64::try_from(v).map(DateTime::from_secs).map_err(|_| E::custom("epoch seconds out of range"))
            }
            fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<DateTime, E> {
                if v.is_finite() { Ok(DateTime::from_secs_f64(v)) } else { Err(E::custom("invalid epoch seconds")) }
            }
        }
        d.deserialize_any(V)
    }
}

struct TextVisitor(::aws_smithy_types::date_time::Format);

impl ::serde::de::Visitor<'_> for TextVisitor {
    type Value = DateTime;
    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("a timestamp string")
    }
    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<DateTime, E> {
        DateTime::from_str(v, self.0).map_err(E::custom)
    }
}

fn write_str<S: ::serde::Serializer>(t: &DateTime, s: S, f: ::aws_smithy_types::date_time::Format) -> ::std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.fmt(f).map_err(::serde::ser::Error::custom)?)
}

impl Format for DateTimeFormat {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_str(t, s, ::aws_smithy_types::date_time::Format::DateTime)
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<DateTime, D::Error> {
        d.deserialize_str(TextVisitor(::aws_smithy_types::date_time::Format::DateTimeWithOffset))
    }
}

impl Format for HttpDate {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_str(t, s, ::aws_smithy_types::date_time::Format::HttpDate)
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<DateTime, D::Error> {
        d.deserialize_str(TextVisitor(::aws_smithy_types::date_time::Format::HttpDate))
    }
}

/// A value that contains timestamps somewhere inside (a `DateTime`, or an `Option`, `Vec` or
/// `HashMap` of such values).
pub trait Codec<F: Format>: Sized {
    /// Writes the value with timestamps in format `F`.
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads the value with timestamps in format `F`.
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error>;
}

impl<F: Format> Codec<F> for DateTime {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        F::write(self, s)
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        F::read(d)
    }
}

impl<F: Format, T: Codec<F>> Codec<F> for ::std::option::Option<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write(s),
            None => s.serialize_none(),
        }
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        <::std::option::Option<De<T, F>> as ::serde::Deserialize>::deserialize(d).map(|v| v.map(|v| v.0))
    }
}

impl<F: Format, T: Codec<F>> Codec<F> for ::std::vec::Vec<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(With::<T, F>::new))
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V<T, F>(PhantomData<(T, F)>);
        impl<'de, F: Format, T: Codec<F>> ::serde::de::Visitor<'de> for V<T, F> {
            type Value = ::std::vec::Vec<T>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> ::std::result::Result<Self::Value, A::Error> {
                let mut items = ::std::vec::Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element::<De<T, F>>()? {
                    items.push(item.0);
                }
                Ok(items)
            }
        }
        d.deserialize_seq(V::<T, F>(PhantomData))
    }
}

impl<F: Format, K, T> Codec<F> for ::std::collections::HashMap<K, T>
where
    K: ::serde::Serialize + ::std::convert::From<::std::string::String> + ::std::cmp::Eq + ::std::hash::Hash,
    T: Codec<F>,
{
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_map(self.iter().map(|(k, v)| (k, With::<T, F>::new(v))))
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        struct V<K, T, F>(PhantomData<(K, T, F)>);
        impl<'de, F: Format, K, T> ::serde::de::Visitor<'de> for V<K, T, F>
        where
            K: ::std::convert::From<::std::string::String> + ::std::cmp::Eq + ::std::hash::Hash,
            T: Codec<F>,
        {
            type Value = ::std::collections::HashMap<K, T>;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                let mut entries = ::std::collections::HashMap::new();
                while let Some((k, v)) = map.next_entry::<::std::string::String, De<T, F>>()? {
                    entries.insert(K::from(k), v.0);
                }
                Ok(entries)
            }
        }
        d.deserialize_map(V::<K, T, F>(PhantomData))
    }
}

/// Borrows a value to serialize it with timestamps in format `F`.
pub struct With<'a, T, F>(&'a T, PhantomData<F>);

impl<'a, T, F> With<'a, T, F> {
    /// Wraps a value.
    pub fn new(v: &'a T) -> Self {
        With(v, PhantomData)
    }
}

impl<T: Codec<F>, F: Format> ::serde::Serialize for With<'_, T, F> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

/// A value read with timestamps in format `F`.
pub struct De<T, F>(pub T, PhantomData<F>);

impl<'de, T: Codec<F>, F: Format> ::serde::Deserialize<'de> for De<T, F> {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        T::read(d).map(|v| De(v, PhantomData))
    }
}
