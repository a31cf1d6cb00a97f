//! Floats in JSON: numbers, and the strings `NaN`, `Infinity` and `-Infinity` for the values JSON
//! numbers cannot hold (restJson1): generated code writes through [`Ser`]; reading is
//! [`super::json::Reader::f64`], which accepts the same strings.

/// A float field: `f32`, `f64`, or an `Option` of one.
pub trait Float {
    /// Writes the value.
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
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

impl Float for f64 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_f64(*self, s)
    }
}

impl Float for f32 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        if self.is_finite() { s.serialize_f32(*self) } else { write_f64(f64::from(*self), s) }
    }
}

impl<T: Float> Float for ::std::option::Option<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write(s),
            None => s.serialize_none(),
        }
    }
}

/// Borrows a float field to serialize it (`NaN` and infinities as strings).
pub struct Ser<'a, T>(pub &'a T);

impl<T: Float> ::serde::Serialize for Ser<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}
