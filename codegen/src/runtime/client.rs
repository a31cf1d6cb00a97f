//! The generic client: validate, build, sign, send with retries and timeouts, parse.

use super::config::Config;
use super::operation::{Operation, SdkError, ServiceError};
use ::std::option::Option::{None, Some};
use ::std::string::String;
use ::std::vec::Vec;

/// Error codes retried as throttling, whatever their status.
const THROTTLING_CODES: &[&str] = &[
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "LimitExceededException",
];

/// Signs a request with SigV4 (`aws-sigv4`), adding `Authorization`, `X-Amz-Date` and, for
/// temporary credentials, `X-Amz-Security-Token`.
pub fn sign(
    request: &mut ::http::Request<Vec<u8>>,
    credentials: &super::config::Credentials,
    region: &str,
    signing_name: &str,
    time: ::std::time::SystemTime,
) -> Result<(), String> {
    use ::aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
    let identity: ::aws_smithy_runtime_api::client::identity::Identity = ::aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(String::from),
        None,
        "client-config",
    )
    .into();
    let params = ::aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(SigningSettings::default())
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

/// Whether a failed response is worth another attempt.
fn retryable_response<E: ServiceError>(status: u16, error: &E) -> bool {
    status == 429 || status >= 500 || error.code().is_some_and(|c| THROTTLING_CODES.contains(&c))
}

/// Runs one operation call: optional validation, request building, then attempts (signing,
/// sending under the timeout, parsing) with jittered backoff between retryable failures.
pub async fn invoke<O: Operation>(config: &Config, input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
    if config.validate_requests {
        O::validate(&input).map_err(SdkError::InvalidInput)?;
    }
    let request = O::build_request(&input, &config.endpoint).map_err(SdkError::Construction)?;
    let credentials = config
        .credentials
        .as_ref()
        .ok_or_else(|| SdkError::Credentials("no credentials: set them, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a credentials file".into()))?;
    let max = config.retry.max_attempts().max(1);
    let mut attempt = 1;
    loop {
        let mut req = request.clone();
        sign(&mut req, credentials, &config.region, config.signing_name, ::std::time::SystemTime::now()).map_err(SdkError::Credentials)?;
        let sent = config.transport.send(req);
        let outcome = match config.timeout {
            Some(t) => super::transport::race(sent, config.sleep.sleep(t)).await,
            None => Some(sent.await),
        };
        let error = match outcome {
            Some(Ok(response)) => {
                let status = response.status().as_u16();
                match O::parse_response(response) {
                    Ok(out) => return Ok(out),
                    Err(e) if attempt < max && retryable_response(status, &e) => SdkError::Service(e),
                    Err(e) => return Err(SdkError::Service(e)),
                }
            }
            Some(Err(e)) => SdkError::Dispatch(e),
            None => SdkError::Timeout(config.timeout.unwrap_or_default()),
        };
        if attempt >= max {
            return Err(error);
        }
        config.sleep.sleep(config.retry.backoff(attempt)).await;
        attempt += 1;
    }
}
