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
#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn request(body: &[u8], encoding: Option<&str>) -> ::http::Request<Vec<u8>> {
        let mut builder = ::http::Request::builder().method("POST").uri("https://example.com/").header("content-length", body.len());
        if let Some(e) = encoding {
            builder = builder.header("content-encoding", e);
        }
        builder.body(body.to_vec()).unwrap()
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        ::flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    fn body(len: usize) -> Vec<u8> {
        (0..len).map(|i| b"abcdefgh"[i % 8]).collect()
    }

    fn settings(min_size_bytes: usize) -> RequestCompression {
        RequestCompression { disabled: false, min_size_bytes }
    }

    #[test]
    fn large_bodies_are_gzipped_and_round_trip() {
        let original = body(20_000);
        let mut r = request(&original, None);
        gzip(&mut r, RequestCompression::default());
        assert_eq!(r.headers()["content-encoding"], "gzip");
        assert!(r.body().len() < original.len());
        assert_eq!(r.headers()["content-length"], r.body().len().to_string().as_str());
        assert_eq!(&r.body()[..2], [0x1f, 0x8b], "gzip magic");
        assert_eq!(gunzip(r.body()), original);
    }

    #[test]
    fn the_minimum_size_is_inclusive() {
        let mut below = request(&body(99), None);
        gzip(&mut below, settings(100));
        assert_eq!(below.body(), &body(99));
        assert!(!below.headers().contains_key("content-encoding"));
        assert_eq!(below.headers()["content-length"], "99");

        let mut at = request(&body(100), None);
        gzip(&mut at, settings(100));
        assert_eq!(at.headers()["content-encoding"], "gzip");
        assert_eq!(gunzip(at.body()), body(100));

        // The default minimum is 10,240 bytes.
        let mut small = request(&body(10_239), None);
        gzip(&mut small, RequestCompression::default());
        assert_eq!(small.body().len(), 10_239);
        let mut enough = request(&body(10_240), None);
        gzip(&mut enough, RequestCompression::default());
        assert_eq!(gunzip(enough.body()).len(), 10_240);
    }

    #[test]
    fn disabled_compression_leaves_the_request_alone() {
        let original = body(50_000);
        let mut r = request(&original, None);
        gzip(&mut r, RequestCompression { disabled: true, min_size_bytes: 0 });
        assert_eq!(r.body(), &original);
        assert!(!r.headers().contains_key("content-encoding"));
        assert_eq!(r.headers()["content-length"], "50000");
    }

    #[test]
    fn gzip_is_added_after_the_encoding_the_input_set() {
        let mut r = request(b"{\"a\":1}", Some("custom"));
        gzip(&mut r, settings(0));
        assert_eq!(r.headers()["content-encoding"], "custom, gzip");
        assert_eq!(gunzip(r.body()), b"{\"a\":1}");
        let mut blank = request(b"x", Some(" "));
        gzip(&mut blank, settings(0));
        assert_eq!(blank.headers()["content-encoding"], "gzip");
        assert_eq!(blank.headers().get_all("content-encoding").iter().count(), 1);
    }
}
