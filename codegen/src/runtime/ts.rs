//! Timestamps in the three Smithy formats, applied through `serialize_with`/`deserialize_with` to
//! any field type built from `DateTime`, `Option`, `Vec` and `HashMap`.

pub use ::aws_smithy_types::DateTime;
use ::std::marker::PhantomData;

/// A Smithy timestamp format.
pub trait Format {
    /// Writes a timestamp.
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads a timestamp from a JSON value.
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<DateTime, E>;
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
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<DateTime, E> {
        match v {
            ::serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Ok(DateTime::from_secs(i)),
                None => n.as_f64().map(DateTime::from_secs_f64).ok_or_else(|| E::custom("invalid epoch seconds")),
            },
            other => Err(E::custom(format_args!("expected epoch seconds as a number, found {other}"))),
        }
    }
}

fn read_str<E: ::serde::de::Error>(v: ::serde_json::Value, f: ::aws_smithy_types::date_time::Format) -> ::std::result::Result<DateTime, E> {
    match v {
        ::serde_json::Value::String(s) => DateTime::from_str(&s, f).map_err(E::custom),
        other => Err(E::custom(format_args!("expected a timestamp string, found {other}"))),
    }
}

fn write_str<S: ::serde::Serializer>(t: &DateTime, s: S, f: ::aws_smithy_types::date_time::Format) -> ::std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.fmt(f).map_err(::serde::ser::Error::custom)?)
}

impl Format for DateTimeFormat {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_str(t, s, ::aws_smithy_types::date_time::Format::DateTime)
    }
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<DateTime, E> {
        read_str(v, ::aws_smithy_types::date_time::Format::DateTimeWithOffset)
    }
}

impl Format for HttpDate {
    fn write<S: ::serde::Serializer>(t: &DateTime, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_str(t, s, ::aws_smithy_types::date_time::Format::HttpDate)
    }
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<DateTime, E> {
        read_str(v, ::aws_smithy_types::date_time::Format::HttpDate)
    }
}

/// A value that contains timestamps somewhere inside (a `DateTime`, or an `Option`, `Vec` or
/// `HashMap` of such values).
pub trait Codec<F: Format>: Sized {
    /// Writes the value with timestamps in format `F`.
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads the value from JSON with timestamps in format `F`.
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E>;
}

impl<F: Format> Codec<F> for DateTime {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        F::write(self, s)
    }
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E> {
        F::read(v)
    }
}

impl<F: Format, T: Codec<F>> Codec<F> for ::std::option::Option<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write(s),
            None => s.serialize_none(),
        }
    }
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E> {
        if v.is_null() { Ok(None) } else { T::read(v).map(Some) }
    }
}

impl<F: Format, T: Codec<F>> Codec<F> for ::std::vec::Vec<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(With::<T, F>::new))
    }
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E> {
        match v {
            ::serde_json::Value::Array(items) => items.into_iter().map(T::read).collect(),
            other => Err(E::custom(format_args!("expected an array, found {other}"))),
        }
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
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E> {
        match v {
            ::serde_json::Value::Object(entries) => {
                entries.into_iter().map(|(k, v)| Ok((K::from(k), T::read(v)?))).collect()
            }
            other => Err(E::custom(format_args!("expected an object, found {other}"))),
        }
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

/// `serialize_with` entry point.
pub fn ser<T: Codec<F>, F: Format, S: ::serde::Serializer>(v: &T, s: S) -> ::std::result::Result<S::Ok, S::Error> {
    v.write(s)
}

/// `deserialize_with` entry point.
pub fn de<'de, T: Codec<F>, F: Format, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<T, D::Error> {
    let v = <::serde_json::Value as ::serde::Deserialize>::deserialize(d)?;
    T::read::<D::Error>(v)
}
