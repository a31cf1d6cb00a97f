//! Client configuration: region, credentials (explicit, environment or shared credentials file),
//! endpoint, retries, timeout, request validation, transport.

use super::transport::{Sleep, Transport};
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::sync::Arc;
use ::std::time::Duration;

/// AWS credentials. `Debug` shows the access key id only.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their parts.
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>, session_token: Option<String>) -> Self {
        Credentials { access_key_id: access_key_id.into(), secret_access_key: secret_access_key.into(), session_token }
    }
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`.
    pub fn from_env() -> Option<Self> {
        let var = |k: &str| ::std::env::var(k).ok().filter(|v| !v.is_empty());
        Some(Credentials::new(var("AWS_ACCESS_KEY_ID")?, var("AWS_SECRET_ACCESS_KEY")?, var("AWS_SESSION_TOKEN")))
    }
    /// A profile of the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
    /// `~/.aws/credentials`); the profile is `profile`, else `AWS_PROFILE`, else `default`.
    pub fn from_profile(profile: Option<&str>) -> Option<Self> {
        let path = match ::std::env::var_os("AWS_SHARED_CREDENTIALS_FILE") {
            Some(p) => ::std::path::PathBuf::from(p),
            None => {
                let home = ::std::env::var_os("HOME").or_else(|| ::std::env::var_os("USERPROFILE"))?;
                ::std::path::PathBuf::from(home).join(".aws").join("credentials")
            }
        };
        let text = ::std::fs::read_to_string(path).ok()?;
        let env_profile = ::std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
        let name = profile.map(str::to_string).or(env_profile).unwrap_or_else(|| "default".into());
        Self::from_ini(&text, &name)
    }
    /// The named profile of a credentials file's text (INI: `[name]`, `key = value`, `#`/`;` comments).
    pub fn from_ini(text: &str, profile: &str) -> Option<Self> {
        let (mut section, mut ak, mut sk, mut token) = (String::new(), None, None, None);
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim();
                section = name.strip_prefix("profile ").unwrap_or(name).trim().to_string();
                continue;
            }
            if section != profile {
                continue;
            }
            if let Some((k, v)) = line.split_once('=') {
                let v = v.trim().to_string();
                match k.trim().to_ascii_lowercase().as_str() {
                    "aws_access_key_id" => ak = Some(v),
                    "aws_secret_access_key" => sk = Some(v),
                    "aws_session_token" => token = Some(v),
                    _ => {}
                }
            }
        }
        Some(Credentials::new(ak?, sk?, token))
    }
    /// The environment, then the shared credentials file.
    pub fn from_default_chain() -> Option<Self> {
        Self::from_env().or_else(|| Self::from_profile(None))
    }
    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }
    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }
    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl ::std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &super::REDACTED)
            .field("session_token", &self.session_token.as_ref().map(|_| super::REDACTED))
            .finish()
    }
}

/// Retries of throttling errors (429, `ThrottlingException`, `TooManyRequestsException`, ...),
/// 5xx responses, timeouts and transport errors, with full-jitter exponential backoff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    base_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig { max_attempts: 3, base_backoff: Duration::from_millis(100), max_backoff: Duration::from_secs(20) }
    }
}

impl RetryConfig {
    /// No retries: one attempt.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..Default::default() }
    }
    /// Attempts in total, first one included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }
    /// The backoff before the first retry (doubled for each further retry, then jittered).
    pub fn with_base_backoff(mut self, backoff: Duration) -> Self {
        self.base_backoff = backoff;
        self
    }
    /// The longest backoff.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }
    /// Attempts in total.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }
    /// The wait before retry number `retry` (1-based): uniformly random up to base × 2^(retry-1).
    pub fn backoff(&self, retry: u32) -> Duration {
        let cap = self.base_backoff.saturating_mul(1u32 << retry.saturating_sub(1).min(20)).min(self.max_backoff);
        cap.mul_f64(::fastrand::f64())
    }
}

/// Service-wide facts the generated client passes to the configuration.
#[derive(Clone, Copy, Debug)]
pub struct ServiceInfo {
    /// `aws.api#service` endpoint prefix.
    pub endpoint_prefix: &'static str,
    /// SigV4 signing name.
    pub signing_name: &'static str,
}

/// The configuration could not be completed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(String);

impl ::std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "invalid client configuration: {}", self.0)
    }
}

impl ::std::error::Error for ConfigError {}

/// A complete client configuration. `Debug` never shows secrets.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: String,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) endpoint: String,
    pub(crate) signing_name: &'static str,
    pub(crate) retry: RetryConfig,
    pub(crate) timeout: Option<Duration>,
    pub(crate) validate_requests: bool,
    pub(crate) compression: super::http::RequestCompression,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) sleep: Arc<dyn Sleep>,
}

impl Config {
    /// A builder; see [`ConfigBuilder`].
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }
    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.region
    }
    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }
    /// The credentials, if any were found.
    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }
    /// The retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }
    /// The timeout of one attempt.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }
    /// Whether inputs are validated before sending.
    pub fn validate_requests(&self) -> bool {
        self.validate_requests
    }
    /// Request compression settings (operations with `@requestCompression`).
    pub fn request_compression(&self) -> super::http::RequestCompression {
        self.compression
    }
}

impl ::std::fmt::Debug for Config {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("validate_requests", &self.validate_requests)
            .field("compression", &self.compression)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Config`]. Unset parts come from the environment: region from `AWS_REGION` or
/// `AWS_DEFAULT_REGION`, credentials from [`Credentials::from_default_chain`].
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<Credentials>,
    profile: Option<String>,
    endpoint: Option<String>,
    retry: RetryConfig,
    timeout: Option<Duration>,
    validate_requests: bool,
    disable_request_compression: Option<bool>,
    request_min_compression_size_bytes: Option<u32>,
    transport: Option<Arc<dyn Transport>>,
    sleep: Option<Arc<dyn Sleep>>,
}

impl ::std::fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("profile", &self.profile)
            .field("endpoint", &self.endpoint)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("validate_requests", &self.validate_requests)
            .field("disable_request_compression", &self.disable_request_compression)
            .field("request_min_compression_size_bytes", &self.request_min_compression_size_bytes)
            .finish_non_exhaustive()
    }
}

impl ConfigBuilder {
    /// The region (signing, and the default endpoint).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
    /// Explicit credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }
    /// Reads credentials from this profile of the shared credentials file (not the environment).
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }
    /// Sends requests here instead of `https://{endpointPrefix}.{region}.amazonaws.com`.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }
    /// Retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }
    /// Attempts in total (shorthand for [`RetryConfig::with_max_attempts`]).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry = self.retry.with_max_attempts(attempts);
        self
    }
    /// Timeout of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// Validate inputs against the model's constraints before sending (off by default); a
    /// violation fails the call with `SdkError::InvalidInput` and nothing is sent.
    pub fn validate_requests(mut self, on: bool) -> Self {
        self.validate_requests = on;
        self
    }
    /// Turns off gzip compression of request bodies (operations with `@requestCompression`; on
    /// by default, or as `AWS_DISABLE_REQUEST_COMPRESSION` says).
    pub fn disable_request_compression(mut self, disabled: bool) -> Self {
        self.disable_request_compression = Some(disabled);
        self
    }
    /// Bodies smaller than this are not compressed (default 10,240 bytes, or
    /// `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES`; at most 10,485,760).
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.request_min_compression_size_bytes = Some(bytes);
        self
    }
    /// The transport (the default is reqwest, with the `reqwest` feature).
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }
    /// How to wait between retries (the default uses Tokio's timer in a Tokio runtime).
    pub fn sleep(mut self, sleep: impl Sleep) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// The configuration. Fails without a region, or without a transport when the `reqwest`
    /// feature is off. Missing credentials are not an error here: calls fail until they are set.
    pub fn build(self) -> Result<Config, ConfigError> {
        self.build_for(crate::client::SERVICE)
    }

    fn build_for(self, service: ServiceInfo) -> Result<Config, ConfigError> {
        let env = |k: &str| ::std::env::var(k).ok().filter(|v| !v.is_empty());
        let region = self.region.or_else(|| env("AWS_REGION")).or_else(|| env("AWS_DEFAULT_REGION"));
        let region = region.ok_or_else(|| ConfigError("no region: set one, or AWS_REGION".into()))?;
        let credentials = match (self.credentials, &self.profile) {
            (Some(c), _) => Some(c),
            (None, Some(p)) => Credentials::from_profile(Some(p)),
            (None, None) => Credentials::from_default_chain(),
        };
        let compression = compression(self.disable_request_compression, self.request_min_compression_size_bytes, env)?;
        let endpoint = self.endpoint.unwrap_or_else(|| format!("https://{}.{region}.amazonaws.com", service.endpoint_prefix));
        let transport: Arc<dyn Transport> = match self.transport {
            Some(t) => t,
            None => default_transport()?,
        };
        Ok(Config {
            region,
            credentials,
            endpoint,
            signing_name: service.signing_name,
            retry: self.retry,
            timeout: self.timeout,
            validate_requests: self.validate_requests,
            compression,
            transport,
            sleep: self.sleep.unwrap_or_else(super::transport::default_sleep),
        })
    }
}

/// Request compression from the builder, else from the environment variables the AWS SDKs read.
fn compression(
    disabled: Option<bool>,
    min_size: Option<u32>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<super::http::RequestCompression, ConfigError> {
    let defaults = super::http::RequestCompression::default();
    let disabled = match (disabled, env("AWS_DISABLE_REQUEST_COMPRESSION")) {
        (Some(d), _) => d,
        (None, None) => defaults.disabled,
        (None, Some(v)) => match v.trim().to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => return Err(ConfigError(format!("AWS_DISABLE_REQUEST_COMPRESSION is {v:?}; it must be true or false"))),
        },
    };
    let min_size = match (min_size, env("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES")) {
        (Some(n), _) => n as usize,
        (None, None) => defaults.min_size_bytes,
        (None, Some(v)) => v.trim().parse::<usize>().map_err(|_| {
            ConfigError(format!("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES is {v:?}; it must be a number of bytes"))
        })?,
    };
    if min_size > 10_485_760 {
        return Err(ConfigError(format!("the minimum request compression size is {min_size} bytes; it must be at most 10485760")));
    }
    Ok(super::http::RequestCompression { disabled, min_size_bytes: min_size })
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Result<Arc<dyn Transport>, ConfigError> {
    super::transport::ReqwestTransport::new().map(|t| Arc::new(t) as Arc<dyn Transport>).map_err(|e| ConfigError(e.to_string()))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Result<Arc<dyn Transport>, ConfigError> {
    Err(ConfigError("no transport: set one, or enable the `reqwest` feature".into()))
}
