//! moto's one deviation from the Connect model that the lifecycle meets: it sends `CreatedTime`
//! (`DescribeInstance`, `ListInstances`) as an ISO 8601 string (`2026-01-02T03:04:05.123456+00:00`),
//! where the model's timestamp, like AWS, is epoch seconds (restJson1's default). A strict client,
//! ours or the AWS SDK for Rust, rejects such a response.
//!
//! This transport wraps the default transport and rewrites those strings (and nothing
//! else) into epoch seconds before the client reads the response, counting how many it rewrote.
//! Everything else is moto's response as sent.

use connect::client::{BoxFuture, Bytes, HttpsTransport, Transport, TransportError};
use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The reqwest transport with `CreatedTime` strings rewritten to epoch seconds.
pub struct EpochCreatedTime {
    inner: HttpsTransport,
    rewritten: Arc<AtomicUsize>,
}

impl EpochCreatedTime {
    /// The transport, and a counter of the values it rewrites.
    pub fn new() -> (Self, Arc<AtomicUsize>) {
        let rewritten = Arc::new(AtomicUsize::new(0));
        let inner = HttpsTransport::new().expect("the default transport");
        (EpochCreatedTime { inner, rewritten: Arc::clone(&rewritten) }, rewritten)
    }
}

fn rewrite(value: &mut Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, v)| match v {
                Value::String(text) if key == "CreatedTime" => {
                    use aws_smithy_types::date_time::{DateTime, Format};
                    let t = DateTime::from_str(text, Format::DateTimeWithOffset)
                        .unwrap_or_else(|e| panic!("moto sent CreatedTime {text:?}, not a date-time: {e}"));
                    *v = serde_json::Number::from_f64(t.as_secs_f64()).map(Value::Number).expect("a finite time");
                    1
                }
                other => rewrite(other),
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(rewrite).sum(),
        _ => 0,
    }
}

impl Transport for EpochCreatedTime {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let response = self.inner.send(request).await?;
            let (parts, body) = response.into_parts();
            let body = match serde_json::from_slice::<Value>(&body) {
                Ok(mut json) if parts.status.is_success() => match rewrite(&mut json) {
                    0 => body,
                    n => {
                        self.rewritten.fetch_add(n, Ordering::Relaxed);
                        serde_json::to_vec(&json).expect("JSON").into()
                    }
                },
                _ => body,
            };
            Ok(http::Response::from_parts(parts, body))
        })
    }
}
