//! Server-side SigV4 check: recompute the signature of a received request with `aws-sigv4` from
//! what arrived on the wire (method, path and query, the headers the client listed as signed,
//! body, `X-Amz-Date`) and the credentials the test gave the client, and compare.

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use std::time::SystemTime;

/// The credentials the client was given.
pub struct Keys<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub session_token: Option<&'a str>,
}

fn header<'r>(req: &'r http::Request<Vec<u8>>, name: &str) -> Result<&'r str, String> {
    let value = req.headers().get(name).ok_or_else(|| format!("no {name} header"))?;
    value.to_str().map_err(|_| format!("{name} is not text"))
}

/// `X-Amz-Date` (`20240102T030405Z`) as a time.
pub fn parse_amz_date(text: &str) -> Result<SystemTime, String> {
    let ok = text.len() == 16
        && text.as_bytes()[8] == b'T'
        && text.ends_with('Z')
        && text[..8].bytes().chain(text[9..15].bytes()).all(|b| b.is_ascii_digit());
    if !ok {
        return Err(format!("X-Amz-Date {text:?} is not YYYYMMDDTHHMMSSZ"));
    }
    let rfc3339 = format!("{}-{}-{}T{}:{}:{}Z", &text[..4], &text[4..6], &text[6..8], &text[9..11], &text[11..13], &text[13..15]);
    let t = aws_smithy_types::DateTime::from_str(&rfc3339, aws_smithy_types::date_time::Format::DateTime)
        .map_err(|e| format!("X-Amz-Date {text:?}: {e}"))?;
    SystemTime::try_from(t).map_err(|e| e.to_string())
}

/// The `SignedHeaders` list of an `Authorization` header.
pub fn signed_headers(authorization: &str) -> Vec<String> {
    authorization
        .split([',', ' '])
        .find_map(|part| part.strip_prefix("SignedHeaders="))
        .map(|list| list.split(';').map(str::to_string).collect())
        .unwrap_or_default()
}

/// The `Authorization` header a correct SigV4 signer produces for this request as received.
pub fn expected_authorization(req: &http::Request<Vec<u8>>, keys: &Keys<'_>, region: &str, service: &str) -> Result<String, String> {
    let received = header(req, "authorization")?;
    let signed = signed_headers(received);
    for name in &signed {
        if req.headers().get(name.as_str()).is_none() {
            return Err(format!("signed header {name} did not arrive"));
        }
    }
    let time = parse_amz_date(header(req, "x-amz-date")?)?;
    let host = header(req, "host")?;
    let path = req.uri().path_and_query().map_or("/", |p| p.as_str());
    let uri = format!("http://{host}{path}");
    // x-amz-date and x-amz-security-token are added back by the signer from the time and identity.
    let headers: Vec<(&str, &str)> = req
        .headers()
        .iter()
        .filter(|(k, _)| signed.iter().any(|s| s == k.as_str()))
        .filter(|(k, _)| !matches!(k.as_str(), "x-amz-date" | "x-amz-security-token" | "authorization"))
        .map(|(k, v)| Ok((k.as_str(), v.to_str().map_err(|_| format!("{k} is not text"))?)))
        .collect::<Result<_, String>>()?;
    let identity: aws_smithy_runtime_api::client::identity::Identity = aws_credential_types::Credentials::new(
        keys.access_key_id,
        keys.secret_access_key,
        keys.session_token.map(String::from),
        None,
        "sigv4-check",
    )
    .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let signable = SignableRequest::new(req.method().as_str(), uri, headers.into_iter(), SignableBody::Bytes(req.body()))
        .map_err(|e| e.to_string())?;
    let (instructions, _) = sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
    instructions
        .headers()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.to_string())
        .ok_or_else(|| "the signer produced no Authorization header".to_string())
}

/// Checks the request's SigV4 signature; the error says what differs.
pub fn verify(req: &http::Request<Vec<u8>>, keys: &Keys<'_>, region: &str, service: &str) -> Result<(), String> {
    let want = expected_authorization(req, keys, region, service)?;
    let got = header(req, "authorization")?;
    if got == want { Ok(()) } else { Err(format!("signature mismatch:\n  got  {got}\n  want {want}")) }
}
