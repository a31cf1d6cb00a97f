//! The generic client: validate, build, sign, send with retries and timeouts, parse.

use super::config::{Config, ServiceInfo};
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

/// A configuration bound to its service: what the generated `Client` holds. The endpoint is
/// decided here, once per client, from the service's facts and the configuration.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    config: Config,
    endpoint: String,
    signing_name: &'static str,
}

impl ClientConfig {
    /// Binds `config` to the service `service` describes.
    pub fn new(config: Config, service: ServiceInfo) -> Self {
        let endpoint = match &config.endpoint_url {
            Some(url) => url.clone(),
            None => format!("https://{}.{}.amazonaws.com", service.endpoint_prefix, config.region),
        };
        ClientConfig { config, endpoint, signing_name: service.signing_name }
    }
    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }
    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }
    /// The name requests are signed for (SigV4's service name).
    pub fn signing_name(&self) -> &'static str {
        self.signing_name
    }
}

/// Runs one operation call: optional validation, request building, then attempts (signing,
/// sending under the timeout) with jittered backoff between retryable failures, then parsing.
///
/// Only the thin [`Call`] future is generic over the operation; the attempt loop is compiled once
/// per crate (a crate has hundreds of operations, and an `async fn` per operation is a lot of code).
pub fn invoke<O: Operation>(client: &ClientConfig, input: O::Input) -> Call<'_, O> {
    let state = match prepare::<O>(client, &input) {
        Ok(request) => CallState::Sending(::std::boxed::Box::pin(attempts(client, request))),
        Err(e) => CallState::Failed(Some(e)),
    };
    Call { state }
}

fn prepare<O: Operation>(client: &ClientConfig, input: &O::Input) -> Result<::http::Request<Vec<u8>>, SdkError<O::Error>> {
    if client.config.validate_requests {
        O::validate(input).map_err(SdkError::InvalidInput)?;
    }
    let mut request = O::build_request(input, &client.endpoint).map_err(SdkError::Construction)?;
    O::finish_request(&mut request, client.config.compression);
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
    !response.status().is_success() && super::response::ErrorMeta::read(response).code().is_some_and(|c| THROTTLING_CODES.contains(&c))
}

/// The attempt loop: the last response (success, or a failure not retried), or why there is none.
async fn attempts(client: &ClientConfig, request: ::http::Request<Vec<u8>>) -> Result<::http::Response<::bytes::Bytes>, Failure> {
    let config = &client.config;
    let credentials = config.credentials.as_ref().ok_or_else(|| {
        Failure::Credentials("no credentials: set them, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or a credentials file".into())
    })?;
    let max = config.retry.max_attempts().max(1);
    let mut attempt = 1;
    loop {
        let mut req = request.clone();
        sign(&mut req, credentials, &config.region, client.signing_name, ::std::time::SystemTime::now()).map_err(Failure::Credentials)?;
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
#[cfg(test)]
mod tests {
    use super::super::config::{Credentials, RetryConfig};
    use super::super::http::RequestWriter;
    use super::super::operation::{BoxFuture, ServiceError};
    use super::super::response::{ErrorMeta, Unhandled};
    use super::super::transport::{Sleep, Transport, TransportError};
    use super::super::validate::{self, Path, Validate, ValidationError, Violation};
    use super::*;
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    #[derive(Clone, Debug)]
    struct EchoInput {
        name: Option<String>,
    }

    impl Validate for EchoInput {
        fn validate_into<'a>(&'a self, path: &mut Path<'a>, out: &mut Vec<Violation>) {
            let mark = path.push("Name");
            if let Some(n) = &self.name {
                validate::length_str(path, n, None, Some(5), out);
            }
            path.pop(mark);
        }
    }

    #[derive(Debug, PartialEq)]
    struct EchoError {
        status: u16,
        code: Option<String>,
        message: Option<String>,
    }

    impl std::fmt::Display for EchoError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "echo error {} {:?}", self.status, self.code)
        }
    }

    impl std::error::Error for EchoError {}

    impl ServiceError for EchoError {
        fn code(&self) -> Option<&str> {
            self.code.as_deref()
        }
        fn message(&self) -> Option<&str> {
            self.message.as_deref()
        }
    }

    /// `POST /echo/{Name}` with a JSON body; the output is the response body as text.
    struct Echo;

    impl Operation for Echo {
        type Input = EchoInput;
        type Output = String;
        type Error = EchoError;
        const NAME: &'static str = "Echo";
        fn build_request(input: &EchoInput, endpoint: &str) -> Result<::http::Request<Vec<u8>>, super::super::http::BuildRequestError> {
            let mut w = RequestWriter::new("POST", endpoint);
            w.path("/echo/");
            w.label("Name", input.name.as_deref(), false)?;
            w.json_body(&::serde_json::json!({"Name": input.name, "Extra": 1}), &["Name"])?;
            w.finish()
        }
        fn parse_response(response: ::http::Response<::bytes::Bytes>) -> Result<String, EchoError> {
            if response.status().is_success() {
                return Ok(String::from_utf8(response.body().to_vec()).unwrap());
            }
            Err(Self::unhandled(ErrorMeta::read(&response).unhandled(response.body())))
        }
        fn validate(input: &EchoInput) -> Result<(), ValidationError> {
            validate::run(input)
        }
        fn invalid_input(message: String) -> EchoError {
            EchoError { status: 400, code: Some("ValidationException".into()), message: Some(message) }
        }
        fn unhandled(error: Unhandled) -> EchoError {
            EchoError { status: error.status(), code: error.code().map(String::from), message: error.message().map(String::from) }
        }
    }

    type Answer = Result<::http::Response<Vec<u8>>, TransportError>;
    type Seen = Arc<Mutex<Vec<::http::Request<Vec<u8>>>>>;

    fn reply(status: u16, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut builder = ::http::Response::builder().status(status);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        Ok(builder.body(body.as_bytes().to_vec()).unwrap())
    }

    /// A transport that records each request and answers from a script (then transport errors).
    fn scripted(answers: Vec<Answer>) -> (impl Transport, Seen) {
        let seen: Seen = Arc::default();
        let answers = Mutex::new(VecDeque::from(answers));
        let record = Arc::clone(&seen);
        let transport = move |request: ::http::Request<Vec<u8>>| {
            record.lock().unwrap().push(request);
            let next = answers.lock().unwrap().pop_front().unwrap_or_else(|| Err(TransportError::new("the script is over")));
            std::future::ready(next)
        };
        (transport, seen)
    }

    /// A sleep that returns at once and records what it was asked to wait.
    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<Duration>>>);

    impl Recorder {
        fn waits(&self) -> Vec<Duration> {
            self.0.lock().unwrap().clone()
        }
    }

    impl Sleep for Recorder {
        fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
            self.0.lock().unwrap().push(duration);
            Box::pin(std::future::ready(()))
        }
    }

    const SERVICE: ServiceInfo = ServiceInfo { endpoint_prefix: "echo", signing_name: "echosvc" };

    fn credentials() -> Credentials {
        Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)
    }

    /// Everything set explicitly, so nothing comes from the environment.
    fn builder(transport: impl Transport, sleep: &Recorder) -> super::super::config::ConfigBuilder {
        Config::builder()
            .region("us-west-2")
            .credentials(credentials())
            .disable_request_compression(true)
            .request_min_compression_size_bytes(10_240)
            .retry(RetryConfig::default().with_base_backoff(Duration::from_millis(100)).with_max_backoff(Duration::from_secs(20)))
            .transport(transport)
            .sleep(sleep.clone())
    }

    fn input(name: &str) -> EchoInput {
        EchoInput { name: Some(name.into()) }
    }

    fn run<T>(future: impl ::std::future::Future<Output = T>) -> T {
        ::tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
    }

    #[test]
    fn retryable_statuses_and_throttling_codes() {
        let yes = |status: u16, headers: &[(&str, &str)], body: &str| {
            let r = reply(status, headers, body).unwrap().map(::bytes::Bytes::from);
            retryable(&r)
        };
        for status in [429, 500, 502, 503, 504, 599] {
            assert!(yes(status, &[], ""), "{status}");
        }
        for status in [200, 204, 301, 400, 403, 404, 409, 413] {
            assert!(!yes(status, &[], ""), "{status}");
        }
        assert!(yes(400, &[("x-amzn-errortype", "ThrottlingException")], ""));
        assert!(yes(400, &[("x-amzn-errortype", "SlowDown:http://internal/")], ""));
        assert!(yes(400, &[], r#"{"__type": "com.amazonaws#TooManyRequestsException"}"#));
        assert!(yes(403, &[], r#"{"code": "RequestLimitExceeded"}"#));
        assert!(yes(400, &[], r#"{"__type": "LimitExceededException"}"#));
        assert!(!yes(400, &[("x-amzn-errortype", "ValidationException")], ""));
        assert!(!yes(400, &[], r#"{"__type": "ns#ThrottlingExceptionX"}"#));
        // A success is never retried, whatever it says.
        assert!(!yes(200, &[("x-amzn-errortype", "ThrottlingException")], ""));
    }

    #[test]
    fn the_default_endpoint_and_the_override() {
        let sleep = Recorder::default();
        let (transport, _) = scripted(Vec::new());
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert_eq!(client.endpoint(), "https://echo.us-west-2.amazonaws.com");
        assert_eq!(client.signing_name(), "echosvc");
        assert_eq!(client.config().region(), "us-west-2");
        let (transport, _) = scripted(Vec::new());
        let config = builder(transport, &sleep).endpoint_url("http://localhost:4566").build().unwrap();
        let client = ClientConfig::new(config, SERVICE);
        assert_eq!(client.endpoint(), "http://localhost:4566");
        assert_eq!(client.signing_name(), "echosvc");
    }

    #[test]
    fn a_call_sends_a_signed_request_and_parses_the_response() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(200, &[], "hello back")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        let call = invoke::<Echo>(&client, input("a b"));
        assert!(format!("{call:?}").contains("Echo"));
        assert_eq!(run(call).unwrap(), "hello back");
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let request = &seen[0];
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri().to_string(), "https://echo.us-west-2.amazonaws.com/echo/a%20b");
        assert_eq!(request.body(), br#"{"Extra":1}"#);
        let auth = request.headers()["authorization"].to_str().unwrap();
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "{auth}");
        assert!(auth.contains("/us-west-2/echosvc/aws4_request"), "{auth}");
        assert!(auth.contains("SignedHeaders=content-length;content-type;host;x-amz-date"), "{auth}");
        assert!(!auth.contains("wJalrXUtnFEMI"), "{auth}");
        assert!(request.headers().contains_key("x-amz-date"));
        assert!(!request.headers().contains_key("x-amz-security-token"));
        assert!(sleep.waits().is_empty());
    }

    #[test]
    fn an_endpoint_override_receives_the_request_and_session_tokens_are_sent() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(200, &[], "")]);
        let config = builder(transport, &sleep)
            .endpoint_url("http://localhost:4566/base")
            .credentials(Credentials::new("ASIATEMP", "secret", Some("the-token".into())))
            .build()
            .unwrap();
        let client = ClientConfig::new(config, SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("x"))).unwrap(), "");
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].uri().to_string(), "http://localhost:4566/base/echo/x");
        assert_eq!(seen[0].headers()["x-amz-security-token"], "the-token");
        let auth = seen[0].headers()["authorization"].to_str().unwrap();
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=ASIATEMP/"), "{auth}");
        assert!(auth.contains("/us-west-2/echosvc/aws4_request"), "{auth}");
    }

    #[test]
    fn signing_matches_the_sigv4_test_suite() {
        // `get-vanilla` of the AWS SigV4 test suite.
        let mut request = ::http::Request::builder().method("GET").uri("https://example.amazonaws.com/").body(Vec::new()).unwrap();
        let time = std::time::UNIX_EPOCH + Duration::from_secs(1_440_938_160); // 2015-08-30T12:36:00Z
        sign(&mut request, &credentials(), "us-east-1", "service", time).unwrap();
        assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
        assert_eq!(
            request.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn a_header_that_is_not_text_cannot_be_signed() {
        let mut request = ::http::Request::builder().uri("https://example.amazonaws.com/").body(Vec::new()).unwrap();
        request.headers_mut().insert("x-bin", ::http::HeaderValue::from_bytes(b"\xff").unwrap());
        let err = sign(&mut request, &credentials(), "us-east-1", "service", std::time::SystemTime::now()).unwrap_err();
        assert_eq!(err, "header x-bin is not text and cannot be signed");
    }

    #[test]
    fn server_errors_are_retried_until_success_with_growing_capped_backoff() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(503, &[], ""), reply(500, &[], ""), reply(429, &[], ""), reply(200, &[], "ok")]);
        let retry = RetryConfig::default()
            .with_max_attempts(5)
            .with_base_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(250));
        let client = ClientConfig::new(builder(transport, &sleep).retry(retry).build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("a"))).unwrap(), "ok");
        assert_eq!(seen.lock().unwrap().len(), 4);
        let waits = sleep.waits();
        assert_eq!(waits.len(), 3, "{waits:?}");
        let caps = [100, 200, 250].map(Duration::from_millis);
        for (wait, cap) in waits.iter().zip(caps) {
            assert!(*wait <= cap, "{waits:?}");
        }
        // Every attempt is signed afresh from the same request.
        for request in seen.lock().unwrap().iter() {
            assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
        }
    }

    #[test]
    fn the_attempt_limit_is_honoured_and_the_last_error_returned() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![
            reply(500, &[], r#"{"__type": "ns#InternalFailure", "message": "first"}"#),
            reply(503, &[], r#"{"__type": "ns#ServiceUnavailable", "message": "second"}"#),
            reply(200, &[], "never reached"),
        ]);
        let client = ClientConfig::new(builder(transport, &sleep).max_attempts(2).build().unwrap(), SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        let SdkError::Service(e) = err else { panic!("{err:?}") };
        assert_eq!(e, EchoError { status: 503, code: Some("ServiceUnavailable".into()), message: Some("second".into()) });
        assert_eq!(seen.lock().unwrap().len(), 2);
        assert_eq!(sleep.waits().len(), 1);
    }

    #[test]
    fn client_errors_are_not_retried_but_throttling_is() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(400, &[("x-amzn-errortype", "ValidationException")], r#"{"message": "no"}"#)]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        assert_eq!(err.code(), Some("ValidationException"));
        assert_eq!(seen.lock().unwrap().len(), 1);
        assert!(sleep.waits().is_empty());

        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(400, &[("x-amzn-errortype", "ThrottlingException")], ""), reply(200, &[], "done")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("a"))).unwrap(), "done");
        assert_eq!(seen.lock().unwrap().len(), 2);
        assert_eq!(sleep.waits().len(), 1);
    }

    #[test]
    fn disabled_retries_make_one_attempt() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(500, &[], ""), reply(200, &[], "")]);
        let client = ClientConfig::new(builder(transport, &sleep).retry(RetryConfig::disabled()).build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("a"))).unwrap_err().code(), None);
        assert_eq!(seen.lock().unwrap().len(), 1);
        assert!(sleep.waits().is_empty());
    }

    #[test]
    fn transport_errors_are_retried_then_reported() {
        let sleep = Recorder::default();
        let (transport, seen) =
            scripted(vec![Err(TransportError::new("reset")), Err(TransportError::new("refused")), Err(TransportError::new("dns"))]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        let SdkError::Dispatch(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.to_string(), "dns");
        assert_eq!(err.to_string(), "the request could not be sent: dns");
        assert_eq!(seen.lock().unwrap().len(), 3);
        assert_eq!(sleep.waits().len(), 2);

        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![Err(TransportError::new("reset")), reply(200, &[], "recovered")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("a"))).unwrap(), "recovered");
        assert_eq!(seen.lock().unwrap().len(), 2);
    }

    #[test]
    fn attempts_that_time_out_are_retried_then_reported() {
        let sleep = Recorder::default();
        let sent = Arc::new(Mutex::new(0));
        let count = Arc::clone(&sent);
        let transport = move |_: ::http::Request<Vec<u8>>| {
            *count.lock().unwrap() += 1;
            std::future::pending::<Result<::http::Response<Vec<u8>>, TransportError>>()
        };
        let timeout = Duration::from_secs(7);
        let client = ClientConfig::new(builder(transport, &sleep).timeout(timeout).max_attempts(2).build().unwrap(), SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        assert!(matches!(err, SdkError::Timeout(d) if d == timeout), "{err:?}");
        assert_eq!(*sent.lock().unwrap(), 2);
        let waits = sleep.waits();
        assert_eq!(waits.len(), 3, "{waits:?}");
        assert_eq!(waits[0], timeout);
        assert!(waits[1] <= Duration::from_millis(100), "{waits:?}");
        assert_eq!(waits[2], timeout);
    }

    #[test]
    fn nothing_is_sent_without_credentials_or_with_a_bad_input() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(200, &[], "")]);
        let mut config = builder(transport, &sleep).validate_requests(true).build().unwrap();
        config.credentials = None;
        let client = ClientConfig::new(config, SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        assert!(matches!(&err, SdkError::Credentials(m) if m.starts_with("no credentials")), "{err:?}");

        let (transport, seen_valid) = scripted(vec![reply(200, &[], "")]);
        let client = ClientConfig::new(builder(transport, &sleep).validate_requests(true).build().unwrap(), SERVICE);
        let err = run(invoke::<Echo>(&client, input("too long"))).unwrap_err();
        let SdkError::InvalidInput(violations) = &err else { panic!("{err:?}") };
        assert_eq!(violations.violations()[0].path, "/Name");
        let err = run(invoke::<Echo>(&client, EchoInput { name: None })).unwrap_err();
        let SdkError::Construction(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.member_name(), Some("Name"));
        assert!(seen.lock().unwrap().is_empty());
        assert!(seen_valid.lock().unwrap().is_empty());
        assert!(sleep.waits().is_empty());

        // Validation is off by default: the same input is sent.
        let (transport, seen) = scripted(vec![reply(200, &[], "sent")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("too long"))).unwrap(), "sent");
        assert_eq!(seen.lock().unwrap().len(), 1);
    }
}
