//! The default transport (feature `default-https-client`): hyper's pooling client over rustls
//! with the `ring` provider and the Mozilla root certificates (webpki-roots), HTTP/1.1 and HTTP/2
//! (negotiated by ALPN), on Tokio. Chosen for build time: no aws-lc (a C and assembly build), no
//! reqwest layers the client does not use (redirects, cookies, proxies, decompression).
#![cfg(feature = "default-https-client")]

use super::transport::{BoxFuture, Bytes, Transport, TransportError, TransportErrorKind};
use ::std::option::Option::{self, Some};
use ::std::result::Result::{self, Err, Ok};
use ::std::time::Duration;

type Connector = ::hyper_rustls::HttpsConnector<::hyper_util::client::legacy::connect::HttpConnector>;

/// The default transport. Cheap to clone (the connection pool is shared). Responses larger than
/// the body limit are errors.
#[derive(Clone, Debug)]
pub struct HttpsTransport {
    client: ::hyper_util::client::legacy::Client<Connector, ::http_body_util::Full<Bytes>>,
    max_body_bytes: usize,
}

impl HttpsTransport {
    /// Responses are limited to 64 MiB by default.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 64 << 20;

    /// A transport with its own connection pool.
    pub fn new() -> Result<Self, TransportError> {
        Self::with_connect_timeout(None)
    }

    /// A transport that gives up connecting (TCP and TLS handshake) after `timeout`.
    pub fn with_connect_timeout(timeout: Option<Duration>) -> Result<Self, TransportError> {
        let other = |m: &str, e: ::rustls::Error| TransportError::with_source(m, e).with_kind(TransportErrorKind::Other);
        let roots = ::rustls::RootCertStore { roots: ::webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        // rustls 0.23.48 deprecates its ring provider (no post-quantum key exchange); the only other
        // provider is aws-lc-rs, whose C build is what the default transport left behind for build
        // time. TLS 1.2 and 1.3 with certificate verification are unchanged.
        #[allow(deprecated)]
        let provider = ::rustls::crypto::ring::default_provider();
        let tls = ::rustls::ClientConfig::builder_with_provider(::std::sync::Arc::new(provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| other("cannot set up TLS", e))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut http = ::hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(timeout);
        let https =
            ::hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(tls).https_or_http().enable_all_versions().wrap_connector(http);
        let client = ::hyper_util::client::legacy::Client::builder(::hyper_util::rt::TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .build(https);
        Ok(HttpsTransport { client, max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES })
    }

    /// Sets the largest response body accepted.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }
}

/// The kind of a failed exchange, for retries.
fn kind(e: &::hyper_util::client::legacy::Error) -> TransportErrorKind {
    if e.is_connect() {
        // A connect timeout is reported as a connect error whose cause says it timed out.
        let mut source = ::std::error::Error::source(e);
        while let Some(s) = source {
            if s.downcast_ref::<::std::io::Error>().is_some_and(|io| io.kind() == ::std::io::ErrorKind::TimedOut) {
                return TransportErrorKind::Timeout;
            }
            source = s.source();
        }
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    }
}

impl Transport for HttpsTransport {
    fn send(&self, request: ::http::Request<::std::vec::Vec<u8>>) -> BoxFuture<'_, Result<::http::Response<Bytes>, TransportError>> {
        use ::http_body_util::BodyExt as _;
        ::std::boxed::Box::pin(async move {
            let request = request.map(|b| ::http_body_util::Full::new(Bytes::from(b)));
            let response = self.client.request(request).await.map_err(|e| {
                let kind = kind(&e);
                TransportError::with_source("request failed", e).with_kind(kind)
            })?;
            let (parts, body) = response.into_parts();
            let limit = self.max_body_bytes;
            let body = match ::http_body_util::Limited::new(body, limit).collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(e) if e.is::<::http_body_util::LengthLimitError>() => {
                    let message = ::std::format!("the response body exceeds {limit} bytes");
                    return Err(TransportError::new(message).with_kind(TransportErrorKind::Other));
                }
                Err(e) => return Err(TransportError::new(::std::format!("reading the response failed: {e}"))),
            };
            Ok(::http::Response::from_parts(parts, body))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<T>(f: impl ::std::future::Future<Output = T>) -> T {
        ::tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
    }

    /// A one-shot HTTP/1.1 server on 127.0.0.1 answering every connection with `response`.
    fn serve(response: &'static [u8]) -> ::std::net::SocketAddr {
        use ::std::io::{Read, Write};
        let listener = ::std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        ::std::thread::spawn(move || {
            for stream in listener.incoming().take(4) {
                let mut stream = stream.unwrap();
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                let _ = stream.write_all(response);
            }
        });
        addr
    }

    #[test]
    fn a_request_gets_the_response_with_its_body() {
        let addr = serve(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\nx-amzn-requestid: r-1\r\n\r\nhello");
        let t = HttpsTransport::new().unwrap();
        let req = ::http::Request::builder().uri(format!("http://{addr}/x")).body(b"{}".to_vec()).unwrap();
        let res = run(t.send(req)).unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["x-amzn-requestid"], "r-1");
        assert_eq!(&res.body()[..], b"hello");
    }

    #[test]
    fn a_body_over_the_limit_is_an_error_not_retried() {
        let addr = serve(b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n0123456789");
        let t = HttpsTransport::new().unwrap().max_body_bytes(4);
        let req = ::http::Request::builder().uri(format!("http://{addr}/")).body(Vec::new()).unwrap();
        let err = run(t.send(req)).unwrap_err();
        assert_eq!(err.to_string(), "the response body exceeds 4 bytes");
        assert!(!err.is_retryable());
    }

    #[test]
    fn a_refused_connection_is_a_connect_error() {
        let port = ::std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let t = HttpsTransport::new().unwrap();
        let req = ::http::Request::builder().uri(format!("http://127.0.0.1:{port}/")).body(Vec::new()).unwrap();
        let err = run(t.send(req)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
        assert!(err.is_retryable());
    }

    #[test]
    fn tls_verifies_certificates() {
        // A plain-HTTP server spoken to as HTTPS: the handshake fails, nothing is accepted.
        let addr = serve(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
        let t = HttpsTransport::new().unwrap();
        let req = ::http::Request::builder().uri(format!("https://{addr}/")).body(Vec::new()).unwrap();
        assert!(run(t.send(req)).is_err());
    }
}
