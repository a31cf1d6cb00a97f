//! Sending requests: the `Transport` trait (the default, hyper with rustls, is
//! [`super::https::HttpsTransport`] behind the `default-https-client` feature), and sleeping
//! between retries and polls.

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
/// Implemented by `HttpsTransport` (feature `default-https-client`) and by any
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
    kind: TransportErrorKind,
    source: Option<::std::boxed::Box<dyn ::std::error::Error + Send + Sync>>,
}

/// What went wrong, as far as retrying goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake): nothing reached the service.
    Connect,
    /// Connecting or the exchange took too long.
    Timeout,
    /// The connection failed during the exchange (reset, closed early).
    Io,
    /// Anything a retry cannot fix (a request the transport refuses, a body over the limit).
    Other,
}

impl TransportError {
    /// An I/O failure during the exchange (retried, as the AWS SDKs retry them).
    pub fn new(message: impl Into<String>) -> Self {
        TransportError { message: message.into(), kind: TransportErrorKind::Io, source: None }
    }
    /// An I/O failure caused by another error.
    pub fn with_source(message: impl Into<String>, source: impl ::std::error::Error + Send + Sync + 'static) -> Self {
        TransportError { message: message.into(), kind: TransportErrorKind::Io, source: Some(::std::boxed::Box::new(source)) }
    }
    /// Sets the kind.
    pub fn with_kind(mut self, kind: TransportErrorKind) -> Self {
        self.kind = kind;
        self
    }
    /// The kind.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
    /// Whether another attempt may succeed (connect, timeout and I/O failures).
    pub fn is_retryable(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Other)
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
#[cfg(feature = "default-https-client")]
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioSleep;

#[cfg(feature = "default-https-client")]
impl Sleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        if ::tokio::runtime::Handle::try_current().is_ok() {
            ::std::boxed::Box::pin(::tokio::time::sleep(duration))
        } else {
            ThreadSleep.sleep(duration)
        }
    }
}

/// The default sleep: `TokioSleep` with the `default-https-client` feature, else [`ThreadSleep`].
pub fn default_sleep() -> Arc<dyn Sleep> {
    #[cfg(feature = "default-https-client")]
    {
        Arc::new(TokioSleep)
    }
    #[cfg(not(feature = "default-https-client"))]
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
