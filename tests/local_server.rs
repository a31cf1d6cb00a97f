//! A real HTTP/1.1 server on 127.0.0.1 for the client tests (hyper over a Tokio TCP listener).
//!
//! It records every request it receives and answers each with what the test's handler returns.
//! It runs on a runtime of its own, so a test may block (wait for a child process, say) while it
//! serves, and it stops when dropped.

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// Answers request number `index` (0-based, in arrival order).
pub type Handler = dyn Fn(&http::Request<Vec<u8>>, usize) -> http::Response<Vec<u8>> + Send + Sync;

/// The running server. Dropping it stops it.
pub struct LocalServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
    runtime: Option<tokio::runtime::Runtime>,
}

/// A response with a status, headers and a body.
pub fn reply(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut b = http::Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(body.as_bytes().to_vec()).expect("a valid response")
}

/// A 200 response with a JSON body.
pub fn ok_json(body: &str) -> http::Response<Vec<u8>> {
    reply(200, &[("content-type", "application/json")], body)
}

fn copy(req: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut out = http::Request::new(req.body().clone());
    *out.method_mut() = req.method().clone();
    *out.uri_mut() = req.uri().clone();
    *out.version_mut() = req.version();
    *out.headers_mut() = req.headers().clone();
    out
}

impl LocalServer {
    /// Starts a server answering with `handler`.
    pub fn start(handler: impl Fn(&http::Request<Vec<u8>>, usize) -> http::Response<Vec<u8>> + Send + Sync + 'static) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a Tokio runtime for the local server");
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let handler: Arc<Handler> = Arc::new(handler);
        let requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>> = Arc::default();
        let recorded = Arc::clone(&requests);
        runtime.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("a Tokio listener");
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let (handler, recorded) = (Arc::clone(&handler), Arc::clone(&recorded));
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req: http::Request<Incoming>| {
                        let (handler, recorded) = (Arc::clone(&handler), Arc::clone(&recorded));
                        async move {
                            let (parts, body) = req.into_parts();
                            let body = body.collect().await?.to_bytes().to_vec();
                            let req = http::Request::from_parts(parts, body);
                            let index = {
                                let mut all = recorded.lock().unwrap();
                                all.push(copy(&req));
                                all.len() - 1
                            };
                            let response = handler(&req, index);
                            Ok::<_, hyper::Error>(response.map(|b| Full::new(Bytes::from(b))))
                        }
                    });
                    let io = hyper_util::rt::TokioIo::new(stream);
                    let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, service).await;
                });
            }
        });
        LocalServer { addr, requests, runtime: Some(runtime) }
    }

    /// Starts a server answering the requests in order with `script`; past its end every request
    /// gets a 500 whose body says so.
    pub fn scripted(script: Vec<http::Response<Vec<u8>>>) -> Self {
        let script: Vec<Mutex<Option<http::Response<Vec<u8>>>>> = script.into_iter().map(|r| Mutex::new(Some(r))).collect();
        Self::start(move |_, i| {
            script.get(i).and_then(|r| r.lock().unwrap().take()).unwrap_or_else(|| reply(500, &[], "local server: script exhausted"))
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`, the `Host` a client sends.
    pub fn authority(&self) -> String {
        self.addr.to_string()
    }

    /// The requests received so far, in order.
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.requests.lock().unwrap().iter().map(copy).collect()
    }

    /// How many requests arrived.
    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}
