//! The `Content-MD5` header of operations with `@httpChecksumRequired`.

use ::base64::Engine as _;
use ::md5::Digest as _;

/// Sets `Content-MD5` to the base64 MD5 digest of the body as sent (after any compression).
pub fn content_md5(request: &mut ::http::Request<::std::vec::Vec<u8>>) {
    let digest = ::md5::Md5::digest(request.body());
    let text = ::base64::engine::general_purpose::STANDARD.encode(digest);
    if let ::std::result::Result::Ok(value) = ::http::HeaderValue::from_str(&text) {
        request.headers_mut().insert("content-md5", value);
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: &[u8]) -> ::http::Request<Vec<u8>> {
        ::http::Request::builder().method("PUT").uri("https://example.com/").body(body.to_vec()).unwrap()
    }

    #[test]
    fn content_md5_of_known_inputs() {
        let mut r = request(b"hello world");
        content_md5(&mut r);
        assert_eq!(r.headers()["content-md5"], "XrY7u+Ae7tCTyyK7j1rNww==");
        let mut empty = request(b"");
        content_md5(&mut empty);
        assert_eq!(empty.headers()["content-md5"], "1B2M2Y8AsgTpgAmY7PhCfg==");
        // The body is left as it is.
        assert_eq!(r.body(), b"hello world");
    }

    #[test]
    fn content_md5_replaces_a_stale_value_and_follows_compression() {
        let mut r = request(&vec![b'z'; 20_000]);
        r.headers_mut().insert("Content-MD5", ::http::HeaderValue::from_static("stale"));
        super::super::compress::gzip(&mut r, super::super::http::RequestCompression::default());
        content_md5(&mut r);
        let values: Vec<_> = r.headers().get_all("content-md5").iter().collect();
        assert_eq!(values.len(), 1);
        let expected = ::base64::engine::general_purpose::STANDARD.encode(::md5::Md5::digest(r.body()));
        assert_eq!(values[0], expected.as_str());
        assert_ne!(values[0], "stale");
    }
}
