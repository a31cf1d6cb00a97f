//! Request compression for operations with `@requestCompression` (gzip).

use super::http::RequestCompression;

/// Compresses the body with gzip when compression is on and the body is at least the minimum
/// size, adding `gzip` to `Content-Encoding` (after any encoding the input set) and updating
/// `Content-Length`.
pub fn gzip(request: &mut ::http::Request<::std::vec::Vec<u8>>, settings: RequestCompression) {
    if settings.disabled || request.body().len() < settings.min_size_bytes {
        return;
    }
    let mut encoder = ::flate2::write::GzEncoder::new(::std::vec::Vec::new(), ::flate2::Compression::default());
    // Writing into a `Vec` cannot fail.
    let compressed = ::std::io::Write::write_all(&mut encoder, request.body()).and_then(|()| encoder.finish());
    let ::std::result::Result::Ok(compressed) = compressed else { return };
    let encoding = match request.headers().get(::http::header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
        ::std::option::Option::Some(given) if !given.trim().is_empty() => format!("{given}, gzip"),
        _ => "gzip".to_string(),
    };
    let headers = request.headers_mut();
    if let ::std::result::Result::Ok(value) = ::http::HeaderValue::from_str(&encoding) {
        headers.insert(::http::header::CONTENT_ENCODING, value);
    }
    headers.insert(::http::header::CONTENT_LENGTH, ::http::HeaderValue::from(compressed.len()));
    *request.body_mut() = compressed;
}
