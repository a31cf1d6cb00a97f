//! Floats in JSON: numbers, and the strings `NaN`, `Infinity` and `-Infinity` for the values JSON
//! numbers cannot hold (restJson1): generated code writes through [`Ser`]; reading is
//! [`super::json::Reader::f64`], which accepts the same strings.

/// A float field: `f32`, `f64`, or an `Option`, `Box`, list or map of them.
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
        if self.is_finite() {
            s.serialize_f32(*self)
        } else {
            write_f64(f64::from(*self), s)
        }
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

impl<T: Float> Float for ::std::boxed::Box<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        (**self).write(s)
    }
}

impl<T: Float> Float for ::std::vec::Vec<T> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeSeq as _;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for v in self {
            seq.serialize_element(&Ser(v))?;
        }
        seq.end()
    }
}

impl<K: ::serde::Serialize, V: Float, H> Float for ::std::collections::HashMap<K, V, H> {
    fn write<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        use ::serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, &Ser(v))?;
        }
        map.end()
    }
}

/// Borrows a float field to serialize it (`NaN` and infinities as strings).
pub struct Ser<'a, T>(pub &'a T);

impl<T: Float> ::serde::Serialize for Ser<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

#[cfg(test)]
mod tests {
    use super::super::json::from_str;
    use super::*;

    fn written<T: Float>(v: T) -> String {
        ::serde_json::to_string(&Ser(&v)).unwrap()
    }

    #[test]
    fn values_json_numbers_cannot_hold_are_written_as_strings() {
        assert_eq!(written(f64::NAN), r#""NaN""#);
        assert_eq!(written(f64::INFINITY), r#""Infinity""#);
        assert_eq!(written(f64::NEG_INFINITY), r#""-Infinity""#);
        assert_eq!(written(-f64::NAN), r#""NaN""#);
        assert_eq!(written(f32::NAN), r#""NaN""#);
        assert_eq!(written(f32::INFINITY), r#""Infinity""#);
        assert_eq!(written(f32::NEG_INFINITY), r#""-Infinity""#);
    }

    #[test]
    fn finite_values_are_written_as_numbers() {
        assert_eq!(written(1.5f64), "1.5");
        assert_eq!(written(-0.0f64), "-0.0");
        assert_eq!(written(1e-300f64), "1e-300");
        assert_eq!(written(f64::MAX), "1.7976931348623157e+308");
        // An f32 is written as the shortest text that reads back as that f32, not as its f64 widening.
        assert_eq!(written(0.1f32), "0.1");
        assert_eq!(written(f32::MAX), "3.4028235e+38");
    }

    #[test]
    fn options_write_null_or_the_value() {
        assert_eq!(written(None::<f64>), "null");
        assert_eq!(written(Some(2.0f64)), "2.0");
        assert_eq!(written(Some(f64::NAN)), r#""NaN""#);
        assert_eq!(written(Some(f32::NEG_INFINITY)), r#""-Infinity""#);
        assert_eq!(written(Some(None::<f32>)), "null");
    }

    #[test]
    fn list_elements_and_map_values_are_written_the_same_way() {
        assert_eq!(written(vec![1.5f64, f64::NAN, f64::NEG_INFINITY]), r#"[1.5,"NaN","-Infinity"]"#);
        assert_eq!(written(vec![Box::new(f32::INFINITY)]), r#"["Infinity"]"#);
        let map = ::std::collections::HashMap::from([("k", f64::INFINITY)]);
        assert_eq!(written(map), r#"{"k":"Infinity"}"#);
        let nested = vec![::std::collections::HashMap::from([("k", vec![f64::NAN])])];
        assert_eq!(written(nested), r#"[{"k":["NaN"]}]"#);
    }

    #[test]
    fn written_values_read_back_the_same() {
        for v in [0.0, -0.0, 1.5, -2.25e-10, 1e-300, f64::MIN_POSITIVE, f64::MAX, f64::MIN, f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            let back: f64 = from_str(&written(v)).unwrap();
            assert!(back.to_bits() == v.to_bits() || (v.is_nan() && back.is_nan()), "{v}: {back}");
        }
        for v in [0.1f32, -3.5, f32::MIN_POSITIVE, f32::MAX, f32::INFINITY, f32::NEG_INFINITY, f32::NAN] {
            let back: f32 = from_str(&written(v)).unwrap();
            assert!(back.to_bits() == v.to_bits() || (v.is_nan() && back.is_nan()), "{v}: {back}");
        }
        let back: Option<f64> = from_str(&written(None::<f64>)).unwrap();
        assert_eq!(back, None);
    }

    #[test]
    fn other_strings_are_not_floats() {
        for text in [r#""nan""#, r#""inf""#, r#""+Infinity""#, r#""1.5""#, r#""""#] {
            let error = from_str::<f64>(text).unwrap_err();
            assert!(error.message().starts_with("invalid value: string "), "{text}: {error}");
        }
    }
}
