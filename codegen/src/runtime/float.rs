//! Floats in JSON: numbers, and the strings `NaN`, `Infinity` and `-Infinity` for the values JSON
//! numbers cannot hold (restJson1), through `serialize_with`/`deserialize_with`.

/// A float field: `f32`, `f64`, or an `Option` of one.
pub trait Float: Sized {
    /// Writes the value.
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads the value from JSON.
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E>;
}

fn write_f64<S: ::serde::Serializer>(v: f64, s: S) -> ::std::result::Result<S::Ok, S::Error> {
    if v.is_nan() {
        s.serialize_str("NaN")
    } else if v.is_infinite() {
        s.serialize_str(if v > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        s.serialize_f64(v)
    }
}

fn read_f64<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<f64, E> {
    match &v {
        ::serde_json::Value::Number(n) => n.as_f64().ok_or_else(|| E::custom("invalid number")),
        ::serde_json::Value::String(s) if s == "NaN" => Ok(f64::NAN),
        ::serde_json::Value::String(s) if s == "Infinity" => Ok(f64::INFINITY),
        ::serde_json::Value::String(s) if s == "-Infinity" => Ok(f64::NEG_INFINITY),
        other => Err(E::custom(format_args!("expected a float, found {other}"))),
    }
}

impl Float for f64 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_f64(*self, s)
    }
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E> {
        read_f64(v)
    }
}

impl Float for f32 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        if self.is_finite() { s.serialize_f32(*self) } else { write_f64(f64::from(*self), s) }
    }
    fn read<E: ::serde::de::Error>(v: ::serde_json::Value) -> ::std::result::Result<Self, E> {
        read_f64(v).map(|f| f as f32)
    }
}

impl<T: Float> Float for ::std::option::Option<T> {
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

/// `serialize_with` entry point.
pub fn ser<T: Float, S: ::serde::Serializer>(v: &T, s: S) -> ::std::result::Result<S::Ok, S::Error> {
    v.write(s)
}

/// `deserialize_with` entry point.
pub fn de<'de, T: Float, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<T, D::Error> {
    let v = <::serde_json::Value as ::serde::Deserialize>::deserialize(d)?;
    T::read::<D::Error>(v)
}
