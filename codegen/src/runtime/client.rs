//! The generic client: validate, build, sign, send with retries and timeouts, parse.

use super::config::Config;
use super::operation::{Operation, SdkError};
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

/// Why the attempts ended without a response to keep.
enum Failure {
    Credentials(String),
    Timeout(::std::time::Duration),
    Dispatch(super::transport::TransportError),
}

/// Runs one operation call: optional validation, request building, then attempts (signing,
/// sending under the timeout) with jittered backoff between retryable failures, then parsing.
///
/// Only the thin [`Call`] future is generic over the operation; the attempt loop is compiled once
/// per crate (a crate has hundreds of operations, and an `async fn` per operation is a lot of code).
pub fn invoke<O: Operation>(config: &Config, input: O::Input) -> Call<'_, O> {
    let state = match prepare::<O>(config, &input) {
        Ok(request) => CallState::Sending(::std::boxed::Box::pin(attempts(config, request))),
        Err(e) => CallState::Failed(Some(e)),
    };
    Call { state }
}

fn prepare<O: Operation>(config: &Config, input: &O::Input) -> Result<::http::Request<Vec<u8>>, SdkError<O::Error>> {
    if config.validate_requests {
        O::validate(input).map_err(SdkError::InvalidInput)?;
    }
    let mut request = O::build_request(input, &config.endpoint).map_err(SdkError::Construction)?;
    O::finish_request(&mut request, config.compression);
    Ok(request)
}

/// The future of one operation call (see [`invoke`]): resolves to the output or the error.
#[must_use = "a call does nothing unless awaited"]
pub struct Call<'a, O: Operation> {
    state: CallState<'a, O>,
}

enum CallState<'a, O: Operation> {
    Sending(super::operation::BoxFuture<'a, Result<::http::Response<::bytes::Bytes>, Failure>>),
    Failed(Option<SdkError<O::Error>>),
}

// Nothing is pinned in place: the attempts future lives in its own box.
impl<O: Operation> ::std::marker::Unpin for Call<'_, O> {}

impl<O: Operation> ::std::future::Future for Call<'_, O> {
    type Output = Result<O::Output, SdkError<O::Error>>;

    fn poll(self: ::std::pin::Pin<&mut Self>, cx: &mut ::std::task::Context<'_>) -> ::std::task::Poll<Self::Output> {
        use ::std::task::Poll;
        match &mut self.get_mut().state {
            CallState::Sending(attempts) => match attempts.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(Ok(response)) => Poll::Ready(O::parse_response(response).map_err(SdkError::Service)),
                Poll::Ready(Err(Failure::Credentials(e))) => Poll::Ready(Err(SdkError::Credentials(e))),
                Poll::Ready(Err(Failure::Timeout(d))) => Poll::Ready(Err(SdkError::Timeout(d))),
                Poll::Ready(Err(Failure::Dispatch(e))) => Poll::Ready(Err(SdkError::Dispatch(e))),
            },
            CallState::Failed(error) => Poll::Ready(Err(error.take().expect("a call is not polled after it completed"))),
        }
    }
}

impl<O: Operation> ::std::fmt::Debug for Call<'_, O> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Call").field("operation", &O::NAME).finish_non_exhaustive()
    }
}

/// Whether a response is a failure worth another attempt: throttling (429 or a throttling error
/// code, read as the error parser reads it) or a server error.
fn retryable(response: &::http::Response<::bytes::Bytes>) -> bool {
    let status = response.status().as_u16();
    if status == 429 || status >= 500 {
        return true;
    }
    !response.status().is_success()
        && super::response::ErrorMeta::read(response).code().is_some_and(|c| THROTTLING_CODES.contains(&c))
}

/// The attempt loop: the last response (success, or a failure not retried), or why there is none.
async fn attempts(config: &Config, request: ::http::Request<Vec<u8>>) -> Result<::http::Response<::bytes::Bytes>, Failure> {
    let credentials = config.credentials.as_ref().ok_or_else(|| {
        Failure::Credentials("no credentials: set them, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a credentials file".into())
    })?;
    let max = config.retry.max_attempts().max(1);
    let mut attempt = 1;
    loop {
        let mut req = request.clone();
        sign(&mut req, credentials, &config.region, config.signing_name, ::std::time::SystemTime::now()).map_err(Failure::Credentials)?;
        let sent = config.transport.send(req);
        let outcome = match config.timeout {
            Some(t) => super::transport::race(sent, config.sleep.sleep(t)).await,
            None => Some(sent.await),
        };
        let failure = match outcome {
            Some(Ok(response)) => {
                if attempt >= max || !retryable(&response) {
                    return Ok(response);
                }
                None
            }
            Some(Err(e)) => Some(Failure::Dispatch(e)),
            None => Some(Failure::Timeout(config.timeout.unwrap_or_default())),
        };
        if attempt >= max {
            if let Some(failure) = failure {
                return Err(failure);
            }
        }
        config.sleep.sleep(config.retry.backoff(attempt)).await;
        attempt += 1;
    }
}
