//! Sending requests: the `Transport` trait (the default, reqwest with rustls, sits behind the
//! `reqwest` feature), and sleeping between retries and polls.

/// A boxed future, so the API trait and the transport stay object-safe (`dyn Api`, `dyn Transport`).
pub type BoxFuture<'a, T> = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = T> + Send + 'a>>;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::sync::Arc;
use ::std::task::Poll;
use ::std::time::Duration;
use ::std::vec::Vec;

/// Response bodies are shared bytes: what a transport read is parsed where it lies, not copied.
pub use ::bytes::Bytes;

/// Sends one HTTP request and returns the whole response.
///
/// Implemented by [`ReqwestTransport`] (feature `reqwest`) and by any
/// `Fn(http::Request<Vec<u8>>) -> impl Future<Output = Result<http::Response<B>, TransportError>>`
/// where `B` is [`Bytes`], `Vec<u8>` or anything else `Into<Bytes>`, which makes an in-memory
/// transport a closure.
pub trait Transport: Send + Sync + 'static {
    /// Sends the request.
    fn send(&self, request: ::http::Request<Vec<u8>>) -> BoxFuture<'_, Result<::http::Response<Bytes>, TransportError>>;
}

impl<F, Fut, B> Transport for F
where
    F: Fn(::http::Request<Vec<u8>>) -> Fut + Send + Sync + 'static,
    Fut: ::std::future::Future<Output = Result<::http::Response<B>, TransportError>> + Send + 'static,
    B: Into<Bytes> + 'static,
{
    fn send(&self, request: ::http::Request<Vec<u8>>) -> BoxFuture<'_, Result<::http::Response<Bytes>, TransportError>> {
        let sent = self(request);
        ::std::boxed::Box::pin(async move { sent.await.map(|r| r.map(Into::into)) })
    }
}

/// The transport could not complete the exchange.
#[derive(Debug)]
pub struct TransportError {
    message: String,
    source: Option<::std::boxed::Box<dyn ::std::error::Error + Send + Sync>>,
}

impl TransportError {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        TransportError { message: message.into(), source: None }
    }
    /// An error caused by another.
    pub fn with_source(message: impl Into<String>, source: impl ::std::error::Error + Send + Sync + 'static) -> Self {
        TransportError { message: message.into(), source: Some(::std::boxed::Box::new(source)) }
    }
}

impl ::std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn ::std::error::Error + 'static))
    }
}

/// Waits. Used between retries, for timeouts and by the paginators' follow mode.
pub trait Sleep: Send + Sync + 'static {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Sleeps on a helper thread and wakes the task: works under any executor.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadSleep;

impl Sleep for ThreadSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        if duration.is_zero() {
            return ::std::boxed::Box::pin(::std::future::ready(()));
        }
        let shared: Arc<::std::sync::Mutex<(bool, Option<::std::task::Waker>)>> = Arc::default();
        let mut started = false;
        ::std::boxed::Box::pin(::std::future::poll_fn(move |cx| {
            let mut state = shared.lock().unwrap_or_else(|e| e.into_inner());
            if state.0 {
                return Poll::Ready(());
            }
            state.1 = Some(cx.waker().clone());
            if !started {
                started = true;
                let shared = Arc::clone(&shared);
                ::std::thread::spawn(move || {
                    ::std::thread::sleep(duration);
                    let mut state = shared.lock().unwrap_or_else(|e| e.into_inner());
                    state.0 = true;
                    if let Some(w) = state.1.take() {
                        w.wake();
                    }
                });
            }
            Poll::Pending
        }))
    }
}

/// Tokio's timer inside a Tokio runtime, else [`ThreadSleep`].
#[cfg(feature = "reqwest")]
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioSleep;

#[cfg(feature = "reqwest")]
impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        if ::tokio::runtime::Handle::try_current().is_ok() {
            ::std::boxed::Box::pin(::tokio::time::sleep(duration))
        } else {
            ThreadSleep.sleep(duration)
        }
    }
}

/// The default sleep: [`TokioSleep`] with the `reqwest` feature, else [`ThreadSleep`].
pub fn default_sleep() -> Arc<dyn Sleep> {
    #[cfg(feature = "reqwest")]
    {
        Arc::new(TokioSleep)
    }
    #[cfg(not(feature = "reqwest"))]
    {
        Arc::new(ThreadSleep)
    }
}

/// The time now: a trait so tests (retries, credential expiry, clock skew) run on a fake clock.
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> ::std::time::SystemTime;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> ::std::time::SystemTime {
        ::std::time::SystemTime::now()
    }
}

/// Runs `work` unless `timer` completes first (then `None`).
pub async fn race<T>(work: impl ::std::future::Future<Output = T>, timer: BoxFuture<'static, ()>) -> Option<T> {
    let mut work = ::std::pin::pin!(work);
    let mut timer = timer;
    ::std::future::poll_fn(move |cx| {
        if let Poll::Ready(v) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

/// The default transport: reqwest with rustls. Responses larger than the body limit are errors.
#[cfg(feature = "reqwest")]
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    client: ::reqwest::Client,
    max_body_bytes: usize,
}

#[cfg(feature = "reqwest")]
impl ReqwestTransport {
    /// Responses are limited to 64 MiB by default.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 64 << 20;

    /// A transport with a new reqwest client.
    pub fn new() -> Result<Self, TransportError> {
        let client = ::reqwest::Client::builder().build().map_err(|e| TransportError::with_source("cannot create the HTTP client", e))?;
        Ok(Self::from_client(client))
    }
    /// A transport around a reqwest client you configured.
    pub fn from_client(client: ::reqwest::Client) -> Self {
        ReqwestTransport { client, max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES }
    }
    /// Sets the largest response body accepted.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }
}

#[cfg(feature = "reqwest")]
impl Transport for ReqwestTransport {
    fn send(&self, request: ::http::Request<Vec<u8>>) -> BoxFuture<'_, Result<::http::Response<Bytes>, TransportError>> {
        ::std::boxed::Box::pin(async move {
            let request = ::reqwest::Request::try_from(request.map(::reqwest::Body::from))
                .map_err(|e| TransportError::with_source("invalid request", e))?;
            let mut response = self.client.execute(request).await.map_err(|e| TransportError::with_source("request failed", e))?;
            let mut builder = ::http::Response::builder().status(response.status());
            if let Some(headers) = builder.headers_mut() {
                *headers = ::std::mem::take(response.headers_mut());
            }
            // A body that arrives in one chunk is kept as it came; more are joined.
            let mut chunks: Vec<Bytes> = Vec::new();
            let mut len = 0;
            while let Some(chunk) = response.chunk().await.map_err(|e| TransportError::with_source("reading the response failed", e))? {
                len += chunk.len();
                if len > self.max_body_bytes {
                    return Err(TransportError::new(format!("the response body exceeds {} bytes", self.max_body_bytes)));
                }
                chunks.push(chunk);
            }
            let body = match chunks.len() {
                0 => Bytes::new(),
                1 => chunks.swap_remove(0),
                _ => Bytes::from(chunks.concat()),
            };
            builder.body(body).map_err(|e| TransportError::with_source("invalid response", e))
        })
    }
}
