//! `Config::from_sdk_config` (feature `sdk-config`): a configuration from the AWS SDKs' shared
//! `aws_types::SdkConfig`, so `aws_config::load_defaults(..)` brings the whole AWS credential chain
//! (SSO, assume-role, web identity, ECS, IMDS), the region and the shared settings.
#![cfg(feature = "sdk-config")]

use super::config::{Config, ConfigBuilder, RetryConfig, RetryMode};
use ::std::option::Option::Some;

/// The AWS SDKs' time source as a [`super::transport::Clock`].
struct TimeSource(::aws_types::sdk_config::SharedTimeSource);

impl super::transport::Clock for TimeSource {
    fn now(&self) -> ::std::time::SystemTime {
        self.0.now()
    }
}

impl Config {
    /// A builder with what `sdk` holds: region, credentials provider, endpoint URL, FIPS and
    /// dual-stack, retry mode and attempts and backoff, connect / attempt / operation timeouts,
    /// app name, request compression settings and the time source. Anything set on the builder
    /// afterwards wins; what `sdk` leaves unset is read from the environment as usual.
    pub fn from_sdk_config(sdk: &::aws_types::SdkConfig) -> ConfigBuilder {
        let mut b = Config::builder();
        if let Some(region) = sdk.region() {
            b = b.region(region.as_ref());
        }
        if let Some(provider) = sdk.credentials_provider() {
            b = b.credentials_provider(provider);
        }
        if let Some(url) = sdk.endpoint_url() {
            b = b.endpoint_url(url);
        }
        if let Some(on) = sdk.use_fips() {
            b = b.use_fips(on);
        }
        if let Some(on) = sdk.use_dual_stack() {
            b = b.use_dual_stack(on);
        }
        if let Some(r) = sdk.retry_config() {
            let mode = match r.mode() {
                ::aws_smithy_types::retry::RetryMode::Adaptive => RetryMode::Adaptive,
                _ => RetryMode::Standard,
            };
            let attempts = if r.has_retry() { r.max_attempts() } else { 1 };
            b = b.retry(
                RetryConfig::standard()
                    .with_mode(mode)
                    .with_max_attempts(attempts)
                    .with_initial_backoff(r.initial_backoff())
                    .with_max_backoff(r.max_backoff()),
            );
        }
        if let Some(t) = sdk.timeout_config() {
            if let Some(d) = t.connect_timeout() {
                b = b.connect_timeout(d);
            }
            if let Some(d) = t.operation_attempt_timeout() {
                b = b.timeout(d);
            }
            if let Some(d) = t.operation_timeout() {
                b = b.operation_timeout(d);
            }
        }
        if let Some(app) = sdk.app_name() {
            b = b.app_name(app.as_ref());
        }
        if let Some(off) = sdk.disable_request_compression() {
            b = b.disable_request_compression(off);
        }
        if let Some(n) = sdk.request_min_compression_size_bytes() {
            b = b.request_min_compression_size_bytes(n);
        }
        if let Some(time) = sdk.time_source() {
            b = b.clock(TimeSource(time));
        }
        b
    }
}
