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
