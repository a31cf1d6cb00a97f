//! Floats in JSON: numbers, and the strings `NaN`, `Infinity` and `-Infinity` for the values JSON
//! numbers cannot hold (restJson1): generated code writes through [`Ser`] and reads through [`De`].

/// A float field: `f32`, `f64`, or an `Option` of one.
pub trait Float: Sized {
    /// Writes the value.
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error>;
    /// Reads the value straight from the deserializer.
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error>;
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

fn read_f64<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<f64, D::Error> {
    struct V;
    impl ::serde::de::Visitor<'_> for V {
        type Value = f64;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a float (a number, or \"NaN\", \"Infinity\" or \"-Infinity\")")
        }
        fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::std::result::Result<f64, E> {
            Ok(v)
        }
        fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::std::result::Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::std::result::Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<f64, E> {
            match v {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                _ => Err(E::invalid_value(::serde::de::Unexpected::Str(v), &self)),
            }
        }
    }
    d.deserialize_any(V)
}

impl Float for f64 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        write_f64(*self, s)
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        read_f64(d)
    }
}

impl Float for f32 {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        if self.is_finite() { s.serialize_f32(*self) } else { write_f64(f64::from(*self), s) }
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        read_f64(d).map(|f| f as f32)
    }
}

impl<T: Float> Float for ::std::option::Option<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write(s),
            None => s.serialize_none(),
        }
    }
    fn read<'de, D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        <::std::option::Option<De<T>> as ::serde::Deserialize>::deserialize(d).map(|v| v.map(|v| v.0))
    }
}

/// Borrows a float field to serialize it (`NaN` and infinities as strings).
pub struct Ser<'a, T>(pub &'a T);

impl<T: Float> ::serde::Serialize for Ser<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

/// A float read through [`Float`].
pub struct De<T>(pub T);

impl<'de, T: Float> ::serde::Deserialize<'de> for De<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
        T::read(d).map(De)
    }
}
