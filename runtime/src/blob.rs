//! Blobs: bytes, base64-encoded in JSON.

/// Bytes, base64-encoded in JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Blob(pub ::std::vec::Vec<u8>);

impl Blob {
    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl<T: Into<::std::vec::Vec<u8>>> From<T> for Blob {
    fn from(v: T) -> Self {
        Blob(v.into())
    }
}

impl ::serde::Serialize for Blob {
    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
        use ::base64::Engine as _;
        s.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl super::json::FromJson for Blob {
    fn read_json(r: &mut super::json::Reader<'_>) -> ::std::result::Result<Self, super::json::Error> {
        use ::base64::Engine as _;
        let decoded = ::base64::engine::general_purpose::STANDARD.decode(r.str()?.as_bytes()).map_err(|e| e.to_string());
        decoded.map(Blob).map_err(|e| r.error(format_args!("invalid base64: {e}")))
    }
}
#[cfg(test)]
mod tests {
    use super::super::json::from_str;
    use super::*;

    #[test]
    fn written_as_padded_standard_base64() {
        let written = |bytes: &[u8]| ::serde_json::to_string(&Blob::from(bytes)).unwrap();
        assert_eq!(written(b""), r#""""#);
        assert_eq!(written(b"h"), r#""aA==""#);
        assert_eq!(written(b"he"), r#""aGU=""#);
        assert_eq!(written(b"hello"), r#""aGVsbG8=""#);
        // The standard alphabet's `+` and `/`, not the URL-safe `-` and `_`.
        assert_eq!(written(&[0xfb, 0xff]), r#""+/8=""#);
    }

    #[test]
    fn every_byte_and_length_round_trips() {
        let all: Vec<u8> = (0..=255).collect();
        for n in [0, 1, 2, 3, 4, 5, 254, 255, 256] {
            let blob = Blob::from(&all[..n]);
            let text = ::serde_json::to_string(&blob).unwrap();
            assert_eq!(from_str::<Blob>(&text), Ok(blob), "{n} bytes");
        }
        assert_eq!(from_str::<Blob>(r#""aGVsbG8=""#).unwrap().as_bytes(), b"hello");
        // Escapes are decoded before the base64.
        assert_eq!(from_str::<Blob>(r#""aGVs\u0062G8=""#).unwrap().as_bytes(), b"hello");
    }

    #[test]
    fn bad_base64_is_refused() {
        for text in [r#""abc""#, r#""a""#, r#""aGVsbG8""#, r#""-_8=""#, r#""aGVs bG8=""#, r#""aGVsbG8==""#, r#""****""#] {
            let error = from_str::<Blob>(text).unwrap_err();
            assert!(error.message().starts_with("invalid base64: "), "{text}: {error}");
            // Located just after the string.
            assert_eq!(error.offset(), text.len(), "{text}");
        }
    }

    #[test]
    fn only_strings_are_blobs() {
        assert_eq!(from_str::<Blob>("[104, 105]").unwrap_err().to_string(), "invalid type: an array, expected a string at line 1 column 1");
        assert_eq!(from_str::<Blob>("null").unwrap_err().to_string(), "invalid type: null, expected a string at line 1 column 1");
        assert_eq!(from_str::<Option<Blob>>("null"), Ok(None));
    }

    #[test]
    fn built_from_bytes_and_strings() {
        assert_eq!(Blob::from(vec![1, 2, 3]).as_bytes(), [1, 2, 3]);
        assert_eq!(Blob::from("hi").as_bytes(), b"hi");
        assert_eq!(Blob::from(String::from("hi")), Blob(b"hi".to_vec()));
        assert_eq!(Blob::default().as_bytes(), b"");
        assert!(Blob::from("a") < Blob::from("b"));
    }
}
