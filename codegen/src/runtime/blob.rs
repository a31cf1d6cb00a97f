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
