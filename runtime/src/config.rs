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

/// Service-wide facts: the generated client passes them to [`super::client::ClientConfig::new`].
#[derive(Clone, Copy, Debug)]
pub struct ServiceInfo {
    /// `aws.api#service` endpoint prefix.
    pub endpoint_prefix: &'static str,
    /// SigV4 signing name, unless the resolved endpoint's auth schemes name another.
    pub signing_name: &'static str,
    /// The service's own endpoint URL variable (`AWS_ENDPOINT_URL_<SERVICE>`).
    pub endpoint_env: &'static str,
    /// The endpoint resolver compiled from the service's rule set; without one, requests go to
    /// `https://{endpoint_prefix}.{region}.amazonaws.com` or the configured endpoint URL.
    pub resolve: Option<Resolver>,
}

/// An endpoint resolver: the service's rules applied to a configuration's built-ins.
pub type Resolver = fn(&BuiltIns) -> Result<super::endpoint::Endpoint, super::endpoint::ResolveError>;

/// What a configuration gives the endpoint rules (their built-in parameters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuiltIns {
    /// `AWS::Region`.
    pub region: Option<String>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: the endpoint URL set in the configuration or the environment.
    pub endpoint_url: Option<String>,
    /// `AWS::Auth::AccountId`.
    pub account_id: Option<String>,
    /// `AWS::Auth::AccountIdEndpointMode`.
    pub account_id_endpoint_mode: Option<String>,
}

impl BuiltIns {
    /// The built-ins of `config` for the service whose endpoint variable is `endpoint_env`, with
    /// unset values from the environment as the AWS SDKs read it (`env` looks a variable up):
    /// `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` (both ignored when
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true), `AWS_USE_FIPS_ENDPOINT`,
    /// `AWS_USE_DUALSTACK_ENDPOINT`, `AWS_ACCOUNT_ID_ENDPOINT_MODE`.
    pub fn from_config(config: &Config, endpoint_env: &str, env: &dyn Fn(&str) -> Option<String>) -> BuiltIns {
        let env = |k: &str| env(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let flag = |k: &str| env(k).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let endpoint_url = match &config.endpoint_url {
            Some(url) => Some(url.clone()),
            None if flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") => None,
            None => env(endpoint_env).or_else(|| env("AWS_ENDPOINT_URL")),
        };
        BuiltIns {
            region: Some(config.region.clone()),
            use_fips: config.use_fips.unwrap_or_else(|| flag("AWS_USE_FIPS_ENDPOINT")),
            use_dual_stack: config.use_dual_stack.unwrap_or_else(|| flag("AWS_USE_DUALSTACK_ENDPOINT")),
            endpoint_url,
            account_id: None,
            account_id_endpoint_mode: env("AWS_ACCOUNT_ID_ENDPOINT_MODE"),
        }
    }
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
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dual_stack: Option<bool>,
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
    /// The endpoint URL set in place of the service's own, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }
    /// Whether FIPS endpoints were asked for (`None`: as `AWS_USE_FIPS_ENDPOINT` says).
    pub fn use_fips(&self) -> Option<bool> {
        self.use_fips
    }
    /// Whether dual-stack endpoints were asked for (`None`: as `AWS_USE_DUALSTACK_ENDPOINT` says).
    pub fn use_dual_stack(&self) -> Option<bool> {
        self.use_dual_stack
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
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
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
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
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
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
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
    /// Sends requests here instead of the endpoint the service's rules give (unset: the
    /// `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL` variable, if any). The rules still
    /// decide: some refuse a custom endpoint together with FIPS.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }
    /// Use the FIPS endpoint (unset: `AWS_USE_FIPS_ENDPOINT`).
    pub fn use_fips(mut self, on: bool) -> Self {
        self.use_fips = Some(on);
        self
    }
    /// Use the dual-stack (IPv4 and IPv6) endpoint (unset: `AWS_USE_DUALSTACK_ENDPOINT`).
    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.use_dual_stack = Some(on);
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
        let env = |k: &str| ::std::env::var(k).ok().filter(|v| !v.is_empty());
        let region = self.region.or_else(|| env("AWS_REGION")).or_else(|| env("AWS_DEFAULT_REGION"));
        let region = region.ok_or_else(|| ConfigError("no region: set one, or AWS_REGION".into()))?;
        let credentials = match (self.credentials, &self.profile) {
            (Some(c), _) => Some(c),
            (None, Some(p)) => Credentials::from_profile(Some(p)),
            (None, None) => Credentials::from_default_chain(),
        };
        let compression = compression(self.disable_request_compression, self.request_min_compression_size_bytes, env)?;
        let transport: Arc<dyn Transport> = match self.transport {
            Some(t) => t,
            None => default_transport()?,
        };
        Ok(Config {
            region,
            credentials,
            endpoint_url: self.endpoint,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
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
        (None, Some(v)) => v
            .trim()
            .parse::<usize>()
            .map_err(|_| ConfigError(format!("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES is {v:?}; it must be a number of bytes")))?,
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
#[cfg(test)]
mod tests {
    use super::super::transport::{BoxFuture, TransportError};
    use super::*;

    fn no_transport(_: ::http::Request<Vec<u8>>) -> ::std::future::Ready<Result<::http::Response<Vec<u8>>, TransportError>> {
        ::std::future::ready(Err(TransportError::new("not in tests")))
    }

    struct NoSleep;

    impl Sleep for NoSleep {
        fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> {
            Box::pin(::std::future::ready(()))
        }
    }

    /// A builder with everything the environment could otherwise supply set explicitly.
    fn explicit() -> ConfigBuilder {
        Config::builder()
            .region("eu-west-3")
            .credentials(Credentials::new("AKID", "SUPERSECRETKEY", Some("SESSIONTOKEN".into())))
            .disable_request_compression(false)
            .request_min_compression_size_bytes(10_240)
            .transport(no_transport)
            .sleep(NoSleep)
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn explicit_settings_are_kept() {
        let config = explicit()
            .endpoint_url("http://localhost:9000")
            .timeout(Duration::from_secs(3))
            .validate_requests(true)
            .max_attempts(5)
            .disable_request_compression(true)
            .request_min_compression_size_bytes(0)
            .build()
            .unwrap();
        assert_eq!(config.region(), "eu-west-3");
        assert_eq!(config.endpoint_url(), Some("http://localhost:9000"));
        assert_eq!(config.timeout(), Some(Duration::from_secs(3)));
        assert!(config.validate_requests());
        assert_eq!(config.retry().max_attempts(), 5);
        assert_eq!(config.request_compression(), super::super::http::RequestCompression { disabled: true, min_size_bytes: 0 });
        let creds = config.credentials().unwrap();
        assert_eq!(creds.access_key_id(), "AKID");
        assert_eq!(creds.secret_access_key(), "SUPERSECRETKEY");
        assert_eq!(creds.session_token(), Some("SESSIONTOKEN"));

        let defaults = explicit().build().unwrap();
        assert_eq!(defaults.endpoint_url(), None);
        assert_eq!(defaults.timeout(), None);
        assert!(!defaults.validate_requests());
        assert_eq!(defaults.retry(), &RetryConfig::default());
        assert_eq!(defaults.request_compression(), super::super::http::RequestCompression::default());
    }

    #[test]
    fn a_missing_region_is_an_error_unless_the_environment_has_one() {
        let builder = Config::builder()
            .credentials(Credentials::new("AKID", "SECRET", None))
            .disable_request_compression(true)
            .request_min_compression_size_bytes(1)
            .transport(no_transport);
        // Only read the environment (never set it): the region may come from there.
        let env = |k: &str| ::std::env::var(k).ok().filter(|v| !v.is_empty());
        match env("AWS_REGION").or_else(|| env("AWS_DEFAULT_REGION")) {
            Some(region) => assert_eq!(builder.build().unwrap().region(), region),
            None => {
                let err = builder.build().unwrap_err();
                assert_eq!(err, ConfigError("no region: set one, or AWS_REGION".into()));
                assert_eq!(err.to_string(), "invalid client configuration: no region: set one, or AWS_REGION");
            }
        }
    }

    #[test]
    fn debug_never_prints_secrets() {
        let builder = explicit().endpoint_url("http://localhost:9000");
        let config = builder.clone().build().unwrap();
        for text in [format!("{config:?}"), format!("{builder:?}"), format!("{:?}", config.credentials().unwrap()), format!("{config:#?}")]
        {
            assert!(!text.contains("SUPERSECRETKEY"), "{text}");
            assert!(!text.contains("SESSIONTOKEN"), "{text}");
            assert!(text.contains("AKID"), "{text}");
            assert!(text.contains(super::super::REDACTED), "{text}");
        }
        let text = format!("{config:?}");
        assert!(text.contains("eu-west-3") && text.contains("localhost:9000"), "{text}");
        // Without a session token there is nothing to redact for it.
        let plain = format!("{:?}", Credentials::new("AKID", "SUPERSECRETKEY", None));
        assert_eq!(
            plain,
            format!("Credentials {{ access_key_id: \"AKID\", secret_access_key: {:?}, session_token: None }}", super::super::REDACTED)
        );
    }

    #[test]
    fn compression_settings_from_the_builder_win_over_the_environment() {
        let env = |k: &str| match k {
            "AWS_DISABLE_REQUEST_COMPRESSION" => Some("true".to_string()),
            "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES" => Some("5".to_string()),
            _ => None,
        };
        let c = compression(Some(false), Some(100), env).unwrap();
        assert_eq!(c, super::super::http::RequestCompression { disabled: false, min_size_bytes: 100 });
        let c = compression(None, None, env).unwrap();
        assert_eq!(c, super::super::http::RequestCompression { disabled: true, min_size_bytes: 5 });
        assert_eq!(compression(None, None, no_env).unwrap(), super::super::http::RequestCompression::default());
        let spaced = |_: &str| Some(" FALSE ".to_string());
        assert!(!compression(None, Some(1), spaced).unwrap().disabled);
    }

    #[test]
    fn compression_settings_are_bounded_and_checked() {
        assert_eq!(compression(None, Some(10_485_760), no_env).unwrap().min_size_bytes, 10_485_760);
        assert_eq!(compression(None, Some(0), no_env).unwrap().min_size_bytes, 0);
        let err = compression(None, Some(10_485_761), no_env).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid client configuration: the minimum request compression size is 10485761 bytes; it must be at most 10485760"
        );
        let from_env = |k: &str| (k == "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES").then(|| "10485761".to_string());
        assert!(compression(None, None, from_env).is_err());
        let not_a_number = |k: &str| (k == "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES").then(|| "ten".to_string());
        assert_eq!(
            compression(None, None, not_a_number).unwrap_err().0,
            "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES is \"ten\"; it must be a number of bytes"
        );
        let not_a_bool = |k: &str| (k == "AWS_DISABLE_REQUEST_COMPRESSION").then(|| "yes".to_string());
        assert_eq!(
            compression(None, None, not_a_bool).unwrap_err().0,
            "AWS_DISABLE_REQUEST_COMPRESSION is \"yes\"; it must be true or false"
        );
        // The builder's value means the variable is not even read.
        assert!(compression(Some(true), None, not_a_bool).unwrap().disabled);
        // Through the builder too.
        assert!(explicit().request_min_compression_size_bytes(20_000_000).build().is_err());
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let retry = RetryConfig::default().with_base_backoff(Duration::from_millis(100)).with_max_backoff(Duration::from_secs(1));
        for (n, cap) in [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (9, 1000), (40, 1000), (u32::MAX, 1000)] {
            let cap = Duration::from_millis(cap);
            let waits: Vec<Duration> = (0..300).map(|_| retry.backoff(n)).collect();
            assert!(waits.iter().all(|w| *w <= cap), "retry {n}: {waits:?}");
            // Jittered: spread over the range, not all the same (each miss is a 1 in 2^300 chance).
            assert!(waits.iter().any(|w| *w > cap / 2), "retry {n}");
            assert!(waits.iter().any(|w| *w < cap / 2), "retry {n}");
        }
        // The default caps at 20 s.
        assert!((0..100).all(|_| RetryConfig::default().backoff(30) <= Duration::from_secs(20)));
        // No base, no wait.
        assert_eq!(RetryConfig::default().with_base_backoff(Duration::ZERO).backoff(3), Duration::ZERO);
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryConfig::default().max_attempts(), 3);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(RetryConfig::default().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryConfig::default().with_max_attempts(7).max_attempts(), 7);
        assert_eq!(explicit().max_attempts(0).build().unwrap().retry().max_attempts(), 1);
    }

    #[test]
    fn credentials_file_profiles() {
        let text = "\
# comment
[default]
aws_access_key_id = DEFAULTKEY
aws_secret_access_key = defaultsecret

; another comment
[profile work]
AWS_ACCESS_KEY_ID=WORKKEY
aws_secret_access_key = work=secret
aws_session_token = worktoken
[incomplete]
aws_access_key_id = ONLYKEY
";
        assert_eq!(Credentials::from_ini(text, "default"), Some(Credentials::new("DEFAULTKEY", "defaultsecret", None)));
        assert_eq!(Credentials::from_ini(text, "work"), Some(Credentials::new("WORKKEY", "work=secret", Some("worktoken".into()))));
        assert_eq!(Credentials::from_ini(text, "incomplete"), None);
        assert_eq!(Credentials::from_ini(text, "absent"), None);
        assert_eq!(Credentials::from_ini("", "default"), None);
    }
}
