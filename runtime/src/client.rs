//! The generic client: validate, build, sign, send with retries and timeouts, parse.

use super::config::{BuiltIns, Config, ServiceInfo};
use super::endpoint::{Endpoint, ResolveError};
use super::operation::{Operation, SdkError};
use ::std::option::Option::{None, Some};
use ::std::string::String;
use ::std::vec::Vec;

pub use super::attempt::sign;
use super::attempt::{Failure, Shared};

/// A configuration bound to its service: what the generated `Client` holds. The endpoint is
/// resolved here, once per client, from the service's rules and the configuration (operations
/// that bind endpoint parameters from their input resolve again per call).
#[derive(Clone, Debug)]
pub struct ClientConfig {
    config: Config,
    service: ServiceInfo,
    built_ins: BuiltIns,
    endpoint: Result<Resolved, ResolveError>,
    shared: Shared,
}

/// An endpoint with what signing for it takes.
#[derive(Clone, Debug)]
struct Resolved {
    endpoint: Endpoint,
    signing: Signing,
}

/// Who requests are signed for (SigV4's service name and region) and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signing {
    /// The signing name.
    pub name: String,
    /// The signing region.
    pub region: String,
    /// Whether the path is percent-encoded a second time when signed (the SigV4 default).
    pub double_encode: bool,
}

impl ClientConfig {
    /// Binds `config` to the service `service` describes; unset settings come from the
    /// process environment (see [`BuiltIns::from_config`]).
    pub fn new(config: Config, service: ServiceInfo) -> Self {
        Self::with_env(config, service, &|k| ::std::env::var(k).ok())
    }
    /// As [`ClientConfig::new`], reading the environment through `env`.
    pub fn with_env(config: Config, service: ServiceInfo, env: &dyn Fn(&str) -> Option<String>) -> Self {
        let built_ins = BuiltIns::from_config(&config, service.endpoint_env, env);
        let endpoint = match service.resolve {
            Some(resolve) => resolve(&built_ins),
            None => Ok(Endpoint::new(match &built_ins.endpoint_url {
                Some(url) => url.clone(),
                None => format!("https://{}.{}.amazonaws.com", service.endpoint_prefix, config.region),
            })),
        };
        let endpoint = endpoint.and_then(|e| resolved(e, &service, &config.region));
        let shared = Shared::new(&config, &service);
        ClientConfig { config, service, built_ins, endpoint, shared }
    }
    /// What calls share besides the configuration: retry quota, clock skew, user agent.
    pub(crate) fn shared(&self) -> &Shared {
        &self.shared
    }
    /// Tokens left in the retry quota (see [`super::retry::Retries`]).
    pub fn retry_quota(&self) -> u32 {
        self.shared.retries.quota()
    }
    /// The clock skew learned from the service's answers to skew errors.
    pub fn clock_skew(&self) -> ::std::time::Duration {
        self.shared.skew()
    }
    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }
    /// What the configuration gives the endpoint rules.
    pub fn built_ins(&self) -> &BuiltIns {
        &self.built_ins
    }
    /// The endpoint requests go to, or why there is none (every call then fails with
    /// [`SdkError::Endpoint`] before anything is sent).
    pub fn endpoint(&self) -> Result<&Endpoint, &ResolveError> {
        self.endpoint.as_ref().map(|r| &r.endpoint)
    }
    /// Who requests to [`ClientConfig::endpoint`] are signed for.
    pub fn signing(&self) -> Result<&Signing, &ResolveError> {
        self.endpoint.as_ref().map(|r| &r.signing)
    }
}

/// An endpoint with its signing: the first auth scheme the client speaks (`sigv4`), else the
/// service's signing name and the configured region.
fn resolved(endpoint: Endpoint, service: &ServiceInfo, region: &str) -> Result<Resolved, ResolveError> {
    let schemes = endpoint.auth_schemes();
    let signing = match schemes.iter().find(|s| s.name == "sigv4") {
        Some(s) => Signing {
            name: s.signing_name.unwrap_or(service.signing_name).to_string(),
            region: s.signing_region.unwrap_or(region).to_string(),
            double_encode: !s.disable_double_encoding,
        },
        None if schemes.is_empty() => Signing { name: service.signing_name.to_string(), region: region.to_string(), double_encode: true },
        None => {
            let names: Vec<&str> = schemes.iter().map(|s| s.name).collect();
            return Err(ResolveError::new(format!(
                "the endpoint {} accepts only the auth schemes {names:?}; this client signs with sigv4",
                endpoint.url()
            )));
        }
    };
    drop(schemes);
    Ok(Resolved { endpoint, signing })
}

/// Runs one operation call: optional validation, endpoint, request building, then attempts
/// (signing, sending under the attempt timeout, retries as [`super::retry`] decides), all under
/// the operation timeout, then parsing.
///
/// Only the thin [`Call`] future is generic over the operation; the attempt loop is compiled once
/// per crate (a crate has hundreds of operations, and an `async fn` per operation is a lot of code).
pub fn invoke<O: Operation>(client: &ClientConfig, input: O::Input) -> Call<'_, O> {
    let state = match prepare::<O>(client, &input) {
        Ok((request, signing)) => CallState::Sending(sending(client, request, signing, O::RETRYABLE_ERRORS)),
        Err(e) => CallState::Failed(Some(e)),
    };
    Call { state }
}

/// The attempts under the operation timeout. Not generic, so that its futures are compiled once
/// per crate rather than once per operation.
fn sending<'a>(
    client: &'a ClientConfig,
    request: ::http::Request<Vec<u8>>,
    signing: ::std::borrow::Cow<'a, Signing>,
    retryable_errors: &'static [(&'static str, bool)],
) -> super::operation::BoxFuture<'a, Result<::http::Response<::bytes::Bytes>, Failure>> {
    let attempts = super::attempt::attempts(client, request, signing, retryable_errors);
    match client.config.operation_timeout {
        Some(limit) => ::std::boxed::Box::pin(async move {
            super::transport::race(attempts, client.config.sleep.sleep(limit)).await.unwrap_or(Err(Failure::Timeout(limit)))
        }),
        None => ::std::boxed::Box::pin(attempts),
    }
}

/// A built request and who it is signed for.
/// (Borrowed from the client unless the operation resolved its own endpoint.)
type Prepared<'a> = (::http::Request<Vec<u8>>, ::std::borrow::Cow<'a, Signing>);

fn prepare<'a, O: Operation>(client: &'a ClientConfig, input: &O::Input) -> Result<Prepared<'a>, SdkError<O::Error>> {
    if client.config.validate_requests {
        O::validate(input).map_err(SdkError::InvalidInput)?;
    }
    match O::endpoint(input, &client.built_ins) {
        Some(endpoint) => {
            let own = endpoint.and_then(|e| resolved(e, &client.service, &client.config.region)).map_err(SdkError::Endpoint)?;
            let request = build::<O>(client, input, &own.endpoint)?;
            Ok((request, ::std::borrow::Cow::Owned(own.signing)))
        }
        None => {
            let shared = client.endpoint.as_ref().map_err(|e| SdkError::Endpoint(e.clone()))?;
            Ok((build::<O>(client, input, &shared.endpoint)?, ::std::borrow::Cow::Borrowed(&shared.signing)))
        }
    }
}

/// The request to `endpoint`, with the endpoint's headers and what the operation's traits add.
fn build<O: Operation>(
    client: &ClientConfig,
    input: &O::Input,
    endpoint: &Endpoint,
) -> Result<::http::Request<Vec<u8>>, SdkError<O::Error>> {
    let mut request = O::build_request(input, endpoint.url()).map_err(SdkError::Construction)?;
    for (name, values) in endpoint.headers() {
        for value in values {
            let bad = |e: &dyn ::std::fmt::Display| SdkError::Endpoint(ResolveError::new(format!("endpoint header {name:?}: {e}")));
            let name = ::http::HeaderName::try_from(name.as_str()).map_err(|e| bad(&e))?;
            let value = ::http::HeaderValue::try_from(value.as_str()).map_err(|e| bad(&e))?;
            request.headers_mut().append(name, value);
        }
    }
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
                Poll::Ready(Ok(response)) => {
                    let meta = super::response::ResponseMeta::read(&response);
                    Poll::Ready(O::parse_response(response).map_err(|e| SdkError::Service(e, meta)))
                }
                Poll::Ready(Err(Failure::Credentials(e))) => Poll::Ready(Err(SdkError::Credentials(e))),
                Poll::Ready(Err(Failure::Signing(e))) => Poll::Ready(Err(SdkError::Signing(e))),
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

    /// `Echo`, binding an endpoint parameter from its input: the name picks the host.
    struct BoundEcho;

    impl Operation for BoundEcho {
        type Input = EchoInput;
        type Output = String;
        type Error = EchoError;
        const NAME: &'static str = "BoundEcho";
        const RETRYABLE_ERRORS: &'static [(&'static str, bool)] = &[("Busy", false)];
        fn build_request(input: &EchoInput, endpoint: &str) -> Result<::http::Request<Vec<u8>>, super::super::http::BuildRequestError> {
            Echo::build_request(input, endpoint)
        }
        fn parse_response(response: ::http::Response<::bytes::Bytes>) -> Result<String, EchoError> {
            Echo::parse_response(response)
        }
        fn validate(input: &EchoInput) -> Result<(), ValidationError> {
            Echo::validate(input)
        }
        fn invalid_input(message: String) -> EchoError {
            Echo::invalid_input(message)
        }
        fn unhandled(error: Unhandled) -> EchoError {
            Echo::unhandled(error)
        }
        fn endpoint(input: &EchoInput, built_ins: &BuiltIns) -> Option<Result<Endpoint, ResolveError>> {
            let region = built_ins.region.as_deref().unwrap_or_default();
            Some(match input.name.as_deref() {
                Some("bad") => Err(ResolveError::new("Invalid ARN: bad")),
                Some(name) => Ok(Endpoint::new(format!("https://{name}.echo.{region}.amazonaws.com"))),
                None => Err(ResolveError::new("no name")),
            })
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

    const SERVICE: ServiceInfo = ServiceInfo {
        endpoint_prefix: "echo",
        signing_name: "echosvc",
        endpoint_env: "AWS_ENDPOINT_URL_ECHO",
        resolve: None,
        api_name: "echo",
        api_version: "0.0.1",
    };

    /// A service with rules shaped like the AWS ones: a custom endpoint with FIPS is refused, FIPS
    /// has its own host, and the endpoint names the signing name and region and adds a header.
    const RULED: ServiceInfo = ServiceInfo { resolve: Some(rules), ..SERVICE };

    fn rules(b: &BuiltIns) -> Result<Endpoint, ResolveError> {
        use super::super::endpoint::Document;
        if let Some(url) = &b.endpoint_url {
            if b.use_fips {
                return Err(ResolveError::new("Invalid Configuration: FIPS and custom endpoint are not supported"));
            }
            return Ok(Endpoint::new(url.clone()));
        }
        let region = b.region.as_deref().ok_or_else(|| ResolveError::new("Invalid Configuration: Missing Region"))?;
        let host = if b.use_fips { "echo-fips" } else { "echo" };
        let scheme =
            Document::object([("name", "sigv4".into()), ("signingName", "echo-signing".into()), ("signingRegion", "us-east-1".into())]);
        Ok(Endpoint::new(format!("https://{host}.{region}.amazonaws.com"))
            .header("x-echo-route", "blue")
            .property("authSchemes", Document::Array(vec![scheme])))
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn credentials() -> Credentials {
        Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)
    }

    /// Everything set explicitly, so nothing comes from the environment.
    fn builder(transport: impl Transport, sleep: &Recorder) -> super::super::config::ConfigBuilder {
        Config::builder()
            .region("us-west-2")
            .credentials(credentials())
            .disable_request_compression(true)
            .request_min_compression_size_bytes(10_240)
            .retry(RetryConfig::default().with_initial_backoff(Duration::from_millis(100)).with_max_backoff(Duration::from_secs(20)))
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
    fn every_attempt_says_which_it_is_of_how_many_and_of_which_call() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(503, &[], ""), reply(200, &[], "a"), reply(200, &[], "b")]);
        let client = ClientConfig::new(builder(transport, &sleep).app_name("tests").build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("a"))).unwrap(), "a");
        assert_eq!(run(invoke::<Echo>(&client, input("b"))).unwrap(), "b");
        let seen = seen.lock().unwrap();
        let header = |i: usize, name: &str| seen[i].headers()[name].to_str().unwrap().to_string();
        assert_eq!(header(0, "amz-sdk-request"), "attempt=1; max=3");
        assert_eq!(header(1, "amz-sdk-request"), "attempt=2; max=3");
        assert_eq!(header(2, "amz-sdk-request"), "attempt=1; max=3");
        let id = header(0, "amz-sdk-invocation-id");
        assert_eq!(id.len(), 36, "a UUID: {id}");
        assert_eq!(header(1, "amz-sdk-invocation-id"), id, "one id per call");
        assert_ne!(header(2, "amz-sdk-invocation-id"), id, "a new call, a new id");
        assert!(header(0, "x-amz-user-agent").contains(" api/echo/0.0.1 ") && header(0, "x-amz-user-agent").ends_with(" app/tests"));
        assert!(header(0, "user-agent").starts_with("smithy-rs-lite/"));
        // The attempt headers are signed with the rest.
        assert!(header(1, "authorization").contains("amz-sdk-request"), "{}", header(1, "authorization"));
    }

    #[test]
    fn not_implemented_is_not_retried_and_modelled_retryable_errors_are() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(501, &[], ""), reply(200, &[], "")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert!(run(invoke::<Echo>(&client, input("a"))).is_err());
        assert_eq!(seen.lock().unwrap().len(), 1);
        // A 400 with a code only the operation's model calls retryable.
        let (transport, seen) = scripted(vec![reply(400, &[("x-amzn-errortype", "Busy")], ""), reply(200, &[], "ok")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert!(run(invoke::<Echo>(&client, input("a"))).is_err(), "Echo does not model Busy as retryable");
        let (transport, seen2) = scripted(vec![reply(400, &[("x-amzn-errortype", "Busy")], ""), reply(200, &[], "ok")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<BoundEcho>(&client, input("a"))).unwrap(), "ok");
        assert_eq!((seen.lock().unwrap().len(), seen2.lock().unwrap().len()), (1, 2));
    }

    #[test]
    fn a_skew_error_teaches_the_offset_and_the_retry_is_signed_at_the_service_time() {
        let sleep = Recorder::default();
        // The service's clock is 20 minutes ahead of ours.
        let service_time = ::aws_smithy_types::DateTime::from(::std::time::SystemTime::now() + Duration::from_secs(1200));
        let date = service_time.fmt(::aws_smithy_types::date_time::Format::HttpDate).unwrap();
        let skewed = || reply(403, &[("x-amzn-errortype", "InvalidSignatureException"), ("date", date.as_str())], "{}");
        let (transport, seen) = scripted(vec![skewed(), reply(200, &[], "ok"), skewed(), reply(200, &[], "ok")]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        assert_eq!(run(invoke::<Echo>(&client, input("a"))).unwrap(), "ok");
        let skew = client.clock_skew();
        assert!(skew > Duration::from_secs(1190) && skew < Duration::from_secs(1210), "{skew:?}");
        let seen = seen.lock().unwrap();
        let stamp = |i: usize| seen[i].headers()["x-amz-date"].to_str().unwrap().to_string();
        let parse = |t: &str| {
            ::aws_smithy_types::DateTime::from_str(
                &format!("{}-{}-{}T{}:{}:{}Z", &t[0..4], &t[4..6], &t[6..8], &t[9..11], &t[11..13], &t[13..15]),
                ::aws_smithy_types::date_time::Format::DateTime,
            )
            .unwrap()
            .secs()
        };
        let ahead = parse(&stamp(1)) - parse(&stamp(0));
        assert!((1190..=1210).contains(&ahead), "the retry is signed {ahead} s later");
        // The same skew error again is not retried: the offset is already known, a retry would not help.
        drop(seen);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        assert_eq!(err.code(), Some("InvalidSignatureException"));
    }

    #[test]
    fn errors_carry_the_request_id_and_say_it() {
        let sleep = Recorder::default();
        let (transport, _) = scripted(vec![reply(
            404,
            &[("x-amzn-errortype", "ResourceNotFoundException"), ("x-amzn-requestid", "b3f1c2d4-req")],
            r#"{"message": "no such thing"}"#,
        )]);
        let client = ClientConfig::new(builder(transport, &sleep).build().unwrap(), SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        assert_eq!(err.request_id(), Some("b3f1c2d4-req"));
        assert_eq!(err.code(), Some("ResourceNotFoundException"));
        assert_eq!(err.message(), Some("no such thing"));
        assert_eq!(err.response_meta().unwrap().status(), 404);
        let text = err.to_string();
        assert!(text.contains("ResourceNotFoundException") && text.contains("b3f1c2d4-req"), "{text}");
    }

    #[test]
    fn the_operation_timeout_bounds_the_whole_call() {
        let sleep = Recorder::default();
        let transport = |_: ::http::Request<Vec<u8>>| std::future::pending::<Result<::http::Response<Vec<u8>>, TransportError>>();
        let limit = Duration::from_secs(30);
        let client = ClientConfig::new(builder(transport, &sleep).operation_timeout(limit).build().unwrap(), SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        assert!(matches!(err, SdkError::Timeout(d) if d == limit), "{err:?}");
    }

    #[test]
    fn the_default_endpoint_and_the_override() {
        let sleep = Recorder::default();
        let (transport, _) = scripted(Vec::new());
        let client = ClientConfig::with_env(builder(transport, &sleep).build().unwrap(), SERVICE, &no_env);
        assert_eq!(client.endpoint().unwrap().url(), "https://echo.us-west-2.amazonaws.com");
        assert_eq!(client.signing().unwrap(), &Signing { name: "echosvc".into(), region: "us-west-2".into(), double_encode: true });
        assert_eq!(client.config().region(), "us-west-2");
        let (transport, _) = scripted(Vec::new());
        let config = builder(transport, &sleep).endpoint_url("http://localhost:4566").build().unwrap();
        let client = ClientConfig::with_env(config, SERVICE, &no_env);
        assert_eq!(client.endpoint().unwrap().url(), "http://localhost:4566");
        assert_eq!(client.signing().unwrap().name, "echosvc");
    }

    #[test]
    fn the_rules_endpoint_is_signed_as_its_auth_scheme_says_and_gets_its_headers() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(200, &[], "ok")]);
        let client = ClientConfig::with_env(builder(transport, &sleep).use_fips(true).build().unwrap(), RULED, &no_env);
        assert!(client.built_ins().use_fips);
        assert_eq!(run(invoke::<Echo>(&client, input("x"))).unwrap(), "ok");
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].uri().to_string(), "https://echo-fips.us-west-2.amazonaws.com/echo/x");
        assert_eq!(seen[0].headers()["x-echo-route"], "blue");
        let auth = seen[0].headers()["authorization"].to_str().unwrap();
        assert!(auth.contains("/us-east-1/echo-signing/aws4_request"), "{auth}");
    }

    #[test]
    fn a_refused_configuration_fails_every_call_with_the_rules_message_before_sending() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(200, &[], "ok")]);
        let config = builder(transport, &sleep).use_fips(true).endpoint_url("http://127.0.0.1:1").build().unwrap();
        let client = ClientConfig::with_env(config, RULED, &no_env);
        assert_eq!(client.endpoint().unwrap_err().message(), "Invalid Configuration: FIPS and custom endpoint are not supported");
        let error = run(invoke::<Echo>(&client, input("x"))).unwrap_err();
        assert!(
            matches!(&error, SdkError::Endpoint(e) if e.message() == "Invalid Configuration: FIPS and custom endpoint are not supported")
        );
        assert_eq!(error.to_string(), "endpoint resolution failed: Invalid Configuration: FIPS and custom endpoint are not supported");
        assert!(seen.lock().unwrap().is_empty());
    }

    #[test]
    fn endpoint_settings_come_from_the_environment_as_the_aws_sdks_read_it() {
        let sleep = Recorder::default();
        let config = |f: fn(super::super::config::ConfigBuilder) -> super::super::config::ConfigBuilder| {
            let (transport, _) = scripted(Vec::new());
            f(builder(transport, &sleep)).build().unwrap()
        };
        let env =
            |vars: &'static [(&'static str, &'static str)]| move |k: &str| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string());
        let both = env(&[("AWS_ENDPOINT_URL", "http://all:1"), ("AWS_ENDPOINT_URL_ECHO", "http://echo:2")]);
        assert_eq!(ClientConfig::with_env(config(|b| b), RULED, &both).endpoint().unwrap().url(), "http://echo:2");
        let all = env(&[("AWS_ENDPOINT_URL", "http://all:1")]);
        assert_eq!(ClientConfig::with_env(config(|b| b), RULED, &all).endpoint().unwrap().url(), "http://all:1");
        let explicit = config(|b| b.endpoint_url("http://mine:3"));
        assert_eq!(ClientConfig::with_env(explicit, RULED, &both).endpoint().unwrap().url(), "http://mine:3");
        let ignored = env(&[("AWS_ENDPOINT_URL", "http://all:1"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")]);
        assert_eq!(
            ClientConfig::with_env(config(|b| b), RULED, &ignored).endpoint().unwrap().url(),
            "https://echo.us-west-2.amazonaws.com"
        );
        let fips = env(&[("AWS_USE_FIPS_ENDPOINT", "true"), ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE")]);
        let client = ClientConfig::with_env(config(|b| b), RULED, &fips);
        assert_eq!(client.endpoint().unwrap().url(), "https://echo-fips.us-west-2.amazonaws.com");
        assert!(client.built_ins().use_dual_stack);
        // An explicit setting wins over the variable.
        let client = ClientConfig::with_env(config(|b| b.use_fips(false)), RULED, &fips);
        assert_eq!(client.endpoint().unwrap().url(), "https://echo.us-west-2.amazonaws.com");
        // FIPS from the environment with a configured endpoint: refused as the rules say.
        let client = ClientConfig::with_env(config(|b| b.endpoint_url("http://mine:3")), RULED, &fips);
        assert!(client.endpoint().is_err());
    }

    #[test]
    fn an_operation_binding_endpoint_parameters_resolves_per_call() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(200, &[], "one"), reply(200, &[], "two")]);
        let client = ClientConfig::with_env(builder(transport, &sleep).build().unwrap(), RULED, &no_env);
        assert_eq!(run(invoke::<BoundEcho>(&client, input("abc"))).unwrap(), "one");
        assert_eq!(run(invoke::<BoundEcho>(&client, input("xyz"))).unwrap(), "two");
        let error = run(invoke::<BoundEcho>(&client, input("bad"))).unwrap_err();
        assert!(matches!(&error, SdkError::Endpoint(e) if e.message() == "Invalid ARN: bad"), "{error:?}");
        let seen = seen.lock().unwrap();
        let hosts: Vec<_> = seen.iter().map(|r| r.uri().host().unwrap().to_string()).collect();
        assert_eq!(hosts, ["abc.echo.us-west-2.amazonaws.com", "xyz.echo.us-west-2.amazonaws.com"]);
        // No auth schemes: the service's signing name and the configured region.
        let auth = seen[0].headers()["authorization"].to_str().unwrap();
        assert!(auth.contains("/us-west-2/echosvc/aws4_request"), "{auth}");
    }

    #[test]
    fn an_endpoint_with_only_auth_schemes_the_client_does_not_speak_is_an_error() {
        use super::super::endpoint::Document;
        let scheme = Document::object([("name", "sigv4a".into()), ("signingName", "s3".into())]);
        let endpoint = Endpoint::new("https://x.example").property("authSchemes", Document::Array(vec![scheme]));
        let error = resolved(endpoint, &SERVICE, "us-east-1").unwrap_err();
        assert!(error.message().contains("[\"sigv4a\"]"), "{error}");
        let single = Document::object([("name", "sigv4".into()), ("disableDoubleEncoding", true.into())]);
        let endpoint = Endpoint::new("https://x.example").property("authSchemes", Document::Array(vec![single]));
        let signing = resolved(endpoint, &SERVICE, "eu-west-1").unwrap().signing;
        assert_eq!(signing, Signing { name: "echosvc".into(), region: "eu-west-1".into(), double_encode: false });
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
        assert!(
            auth.contains(
                "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-user-agent"
            ),
            "{auth}"
        );
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
            .credentials(Credentials::from_keys("ASIATEMP", "secret", Some("the-token".into())))
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
        sign(&mut request, &credentials(), &Signing { name: "service".into(), region: "us-east-1".into(), double_encode: true }, time)
            .unwrap();
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
        let err = sign(
            &mut request,
            &credentials(),
            &Signing { name: "service".into(), region: "us-east-1".into(), double_encode: true },
            std::time::SystemTime::now(),
        )
        .unwrap_err();
        assert_eq!(err, "header x-bin is not text and cannot be signed");
    }

    #[test]
    fn server_errors_are_retried_until_success_with_growing_capped_backoff() {
        let sleep = Recorder::default();
        let (transport, seen) = scripted(vec![reply(503, &[], ""), reply(500, &[], ""), reply(429, &[], ""), reply(200, &[], "ok")]);
        let retry = RetryConfig::default()
            .with_max_attempts(5)
            .with_initial_backoff(Duration::from_millis(100))
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
        let SdkError::Service(e, _) = err else { panic!("{err:?}") };
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
        let unavailable = super::super::provider::Unavailable("no credentials in this test");
        let config = builder(transport, &sleep).validate_requests(true).credentials_provider(unavailable).build().unwrap();
        let client = ClientConfig::new(config, SERVICE);
        let err = run(invoke::<Echo>(&client, input("a"))).unwrap_err();
        assert!(matches!(&err, SdkError::Credentials(_)), "{err:?}");
        assert!(err.to_string().contains("no credentials in this test"), "{err}");

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
