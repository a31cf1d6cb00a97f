//! The attempts of one call: the headers every attempt carries (user agent, invocation id,
//! attempt number), credentials from the cache, SigV4 signing at the clock-skew-corrected time,
//! the attempt timeout, and the retry decisions of [`super::retry`].

use super::client::{ClientConfig, Signing};
use super::retry::{Decision, Outcome, RetryKind};
use super::transport::TransportError;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::string::String;
use ::std::sync::atomic::{AtomicI64, Ordering};
use ::std::time::{Duration, SystemTime};
use ::std::vec::Vec;

/// Error codes that say the request's time is too far from the service's.
pub const SKEW_CODES: &[&str] =
    &["RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure", "RequestInTheFuture"];

/// Error codes that say the credentials expired: the cache forgets them.
const EXPIRED_CODES: &[&str] = &["ExpiredToken", "ExpiredTokenException", "RequestExpired"];

/// Why the attempts ended without a response to keep.
pub enum Failure {
    /// No credentials.
    Credentials(super::credentials::CredentialsCacheError),
    /// Signing failed.
    Signing(String),
    /// An attempt, or the call, timed out.
    Timeout(Duration),
    /// The transport failed.
    Dispatch(TransportError),
}

/// What the client keeps across calls besides its configuration: the retry quota, the learned
/// clock skew and the user agent.
#[derive(Clone, Debug)]
pub struct Shared {
    /// The retry settings and quota.
    pub retries: super::retry::Retries,
    /// Service time minus local time, in milliseconds.
    skew_ms: ::std::sync::Arc<AtomicI64>,
    user_agent: ::http::HeaderValue,
    x_amz_user_agent: ::http::HeaderValue,
}

impl Shared {
    /// The state of a new client.
    pub fn new(config: &super::config::Config, service: &super::config::ServiceInfo) -> Self {
        let (user_agent, x_amz_user_agent) = user_agent(service, config.app_name());
        Shared {
            retries: super::retry::Retries::new(config.retry().clone()),
            skew_ms: ::std::sync::Arc::new(AtomicI64::new(0)),
            user_agent: header(user_agent),
            x_amz_user_agent: header(x_amz_user_agent),
        }
    }
    /// The clock skew learned from the service: add it to the local time to get the service's.
    pub fn skew(&self) -> Duration {
        Duration::from_millis(self.skew_ms.load(Ordering::Relaxed).unsigned_abs())
    }
    fn corrected(&self, now: SystemTime) -> SystemTime {
        let ms = self.skew_ms.load(Ordering::Relaxed);
        let d = Duration::from_millis(ms.unsigned_abs());
        let t = if ms >= 0 { now.checked_add(d) } else { now.checked_sub(d) };
        t.unwrap_or(now)
    }
    /// Learns the skew from a response's `Date` header; whether it changed by more than a minute
    /// (less is within what SigV4 accepts, so a retry would not help).
    fn learn_skew(&self, response: &::http::Response<::bytes::Bytes>, now: SystemTime) -> bool {
        let Some(date) = response.headers().get("date").and_then(|v| v.to_str().ok()) else { return false };
        let Ok(server) = ::aws_smithy_types::DateTime::from_str(date, ::aws_smithy_types::date_time::Format::HttpDate) else {
            return false;
        };
        let server_ms = server.to_millis().unwrap_or_default();
        let local_ms = ::aws_smithy_types::DateTime::from(now).to_millis().unwrap_or_default();
        let skew = server_ms.saturating_sub(local_ms);
        let old = self.skew_ms.swap(skew, Ordering::Relaxed);
        skew.abs_diff(old) > 60_000
    }
}

fn header(value: String) -> ::http::HeaderValue {
    // Built from checked parts (the app name is checked by the config), so always valid.
    ::http::HeaderValue::try_from(value).unwrap_or_else(|_| ::http::HeaderValue::from_static("smithy-rs-lite"))
}

/// `user-agent` and `x-amz-user-agent` in the AWS SDKs' format.
fn user_agent(service: &super::config::ServiceInfo, app: Option<&str>) -> (String, String) {
    let os = match ::std::env::consts::OS {
        "linux" => "linux",
        "macos" => "macos",
        "windows" => "windows",
        "ios" => "ios",
        "android" => "android",
        _ => "other",
    };
    let sdk = concat!("smithy-rs-lite/", "0.1.0");
    let short = format!("{sdk} os/{os} lang/rust");
    let mut long = format!("{sdk} ua/2.1 api/{}/{} os/{os} lang/rust", service.api_name, service.api_version);
    if let Some(app) = app {
        long.push_str(" app/");
        long.push_str(app);
    }
    (short, long)
}

/// Signs a request with SigV4 (`aws-sigv4`), adding `Authorization`, `X-Amz-Date` and, for
/// temporary credentials, `X-Amz-Security-Token`.
pub fn sign(
    request: &mut ::http::Request<Vec<u8>>,
    credentials: &::aws_credential_types::Credentials,
    signing: &Signing,
    time: SystemTime,
) -> Result<(), String> {
    use ::aws_sigv4::http_request::{PercentEncodingMode, SignableBody, SignableRequest, SigningSettings};
    let identity: ::aws_smithy_runtime_api::client::identity::Identity = credentials.clone().into();
    let mut settings = SigningSettings::default();
    if !signing.double_encode {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
    }
    let params = ::aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(&signing.region)
        .name(&signing.name)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let mut headers = Vec::with_capacity(request.headers().len());
    for (k, v) in request.headers() {
        headers.push((k.as_str(), v.to_str().map_err(|_| format!("header {k} is not text and cannot be signed"))?));
    }
    let uri = request.uri().to_string();
    let signable = SignableRequest::new(request.method().as_str(), uri, headers.into_iter(), SignableBody::Bytes(request.body()))
        .map_err(|e| e.to_string())?;
    let (instructions, _) = ::aws_sigv4::http_request::sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

/// What went wrong with a response, for the retry classifier; `None` for a success.
fn classify_response(
    shared: &Shared,
    config: &super::config::Config,
    response: &::http::Response<::bytes::Bytes>,
    retryable_errors: &[(&str, bool)],
) -> Option<RetryKind> {
    let status = response.status().as_u16();
    if response.status().is_success() {
        return None;
    }
    let meta = super::response::ErrorMeta::read(response);
    let code = meta.code();
    if code.is_some_and(|c| EXPIRED_CODES.contains(&c)) {
        if let Some(cache) = &config.credentials {
            cache.invalidate();
        }
    }
    if code.is_some_and(|c| SKEW_CODES.contains(&c)) && shared.learn_skew(response, config.clock.now()) {
        // The next attempt is signed at the corrected time.
        return Some(RetryKind::Transient);
    }
    let modelled = code.and_then(|c| retryable_errors.iter().find(|(m, _)| *m == c)).map(|(_, throttling)| *throttling);
    super::retry::classify(&Outcome::Response { status, code, modelled })
}

/// The attempt loop: the last response (success, or a failure not retried), or why there is none.
pub async fn attempts(
    client: &ClientConfig,
    request: ::http::Request<Vec<u8>>,
    signing: ::std::borrow::Cow<'_, Signing>,
    retryable_errors: &'static [(&'static str, bool)],
) -> Result<::http::Response<::bytes::Bytes>, Failure> {
    let config = client.config();
    let shared = client.shared();
    let mut call = shared.retries.start();
    let max = config.retry().max_attempts();
    let invocation = header(super::operation::uuid_v4());
    loop {
        let wait = call.before_attempt(config.clock.now());
        if !wait.is_zero() {
            config.sleep.sleep(wait).await;
        }
        let mut req = request.clone();
        let headers = req.headers_mut();
        headers.insert(::http::header::USER_AGENT, shared.user_agent.clone());
        headers.insert("x-amz-user-agent", shared.x_amz_user_agent.clone());
        headers.insert("amz-sdk-invocation-id", invocation.clone());
        headers.insert("amz-sdk-request", header(format!("attempt={}; max={max}", call.attempt())));
        if let Some(cache) = &config.credentials {
            let credentials = cache.get().await.map_err(Failure::Credentials)?;
            sign(&mut req, &credentials, &signing, shared.corrected(config.clock.now())).map_err(Failure::Signing)?;
        }
        let sent = config.transport.send(req);
        let outcome = match config.timeout {
            Some(t) => super::transport::race(sent, config.sleep.sleep(t)).await,
            None => Some(sent.await),
        };
        let (kind, result) = match outcome {
            Some(Ok(response)) => {
                let kind = classify_response(shared, config, &response, retryable_errors);
                if kind.is_none() && !response.status().is_success() {
                    call.failed(config.clock.now());
                    return Ok(response);
                }
                (kind, Ok(response))
            }
            Some(Err(e)) => {
                let retryable = e.is_retryable();
                let kind = match e.kind() {
                    super::transport::TransportErrorKind::Timeout => Outcome::Timeout,
                    _ => Outcome::Transport { retryable },
                };
                let kind = super::retry::classify(&kind);
                if kind.is_none() {
                    call.failed(config.clock.now());
                    return Err(Failure::Dispatch(e));
                }
                (kind, Err(Failure::Dispatch(e)))
            }
            None => (Some(RetryKind::Timeout), Err(Failure::Timeout(config.timeout.unwrap_or_default()))),
        };
        match call.after_attempt(kind, config.clock.now(), ::fastrand::f64()) {
            Decision::Retry(backoff) => config.sleep.sleep(backoff).await,
            Decision::Done | Decision::AttemptsExhausted | Decision::QuotaExhausted => return result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_agent_names_the_service_its_version_the_os_and_the_app() {
        let service = super::super::config::ServiceInfo {
            endpoint_prefix: "echo",
            signing_name: "echo",
            endpoint_env: "AWS_ENDPOINT_URL_ECHO",
            resolve: None,
            api_name: "echoservice",
            api_version: "1.2.3",
        };
        let (short, long) = user_agent(&service, Some("my-app"));
        let os = if cfg!(target_os = "linux") { "linux" } else { ::std::env::consts::OS };
        assert_eq!(short, format!("smithy-rs-lite/0.1.0 os/{os} lang/rust"));
        assert_eq!(long, format!("smithy-rs-lite/0.1.0 ua/2.1 api/echoservice/1.2.3 os/{os} lang/rust app/my-app"));
        assert!(!user_agent(&service, None).1.contains("app/"));
    }
}
