//! Client configuration: region, credentials (a provider behind a cache; by default the
//! environment, then the shared config and credentials files), endpoint, retries, timeouts, app
//! name, request validation, transport, clock.

use super::credentials::CredentialsCache;
use super::transport::{Clock, Sleep, Transport};
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::sync::Arc;
use ::std::time::Duration;

/// Where credentials come from: any provider of the AWS SDKs (aws-config's chain, ECS, IMDS, ...).
pub use ::aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
/// AWS credentials (the type the AWS SDKs use: `Credentials::from_keys(id, secret, token)`).
pub use ::aws_credential_types::Credentials;

/// Retry settings (the AWS SDKs' standard and adaptive modes; see [`super::retry`]).
pub use super::retry::{RetryConfig, RetryMode};

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
    /// The service in the user agent (`api/<name>/<version>`).
    pub api_name: &'static str,
    /// The generated crate's version, in the user agent.
    pub api_version: &'static str,
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
    /// `None`: requests are sent unsigned.
    pub(crate) credentials: Option<CredentialsCache>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dual_stack: Option<bool>,
    pub(crate) retry: RetryConfig,
    pub(crate) timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) app_name: Option<String>,
    pub(crate) validate_requests: bool,
    pub(crate) compression: super::http::RequestCompression,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) sleep: Arc<dyn Sleep>,
    pub(crate) clock: Arc<dyn Clock>,
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
    /// The credentials cache in front of the provider (`None`: requests are sent unsigned).
    pub fn credentials(&self) -> Option<&CredentialsCache> {
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
    /// The timeout of a whole call, across its retries.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation_timeout
    }
    /// The timeout of opening a connection (given to the default transport).
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }
    /// The application's name in the user agent (`app/<name>`).
    pub fn app_name(&self) -> Option<&str> {
        self.app_name.as_deref()
    }
    /// Where the time comes from (signing, credential expiry).
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
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
            .field("operation_timeout", &self.operation_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("app_name", &self.app_name)
            .field("validate_requests", &self.validate_requests)
            .field("compression", &self.compression)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Config`]. Unset parts come from the environment and the shared files as the AWS
/// SDKs read them: region from `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile's `region`;
/// credentials from [`super::provider::DefaultChain`] (environment, then profile).
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<SharedCredentialsProvider>,
    no_credentials: bool,
    profile: Option<String>,
    endpoint: Option<String>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    retry: RetryConfig,
    timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    app_name: Option<String>,
    validate_requests: bool,
    disable_request_compression: Option<bool>,
    request_min_compression_size_bytes: Option<u32>,
    transport: Option<Arc<dyn Transport>>,
    sleep: Option<Arc<dyn Sleep>>,
    clock: Option<Arc<dyn Clock>>,
}

impl ::std::fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("no_credentials", &self.no_credentials)
            .field("profile", &self.profile)
            .field("endpoint", &self.endpoint)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("app_name", &self.app_name)
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
    /// Fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }
    /// Credentials from a provider (aws-config's default chain, its ECS or IMDS providers, your
    /// own): the client caches them and loads them again before they expire.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(SharedCredentialsProvider::new(provider));
        self.no_credentials = false;
        self
    }
    /// Sends requests unsigned (for services or endpoints that take anonymous requests).
    pub fn no_credentials(mut self) -> Self {
        self.credentials = None;
        self.no_credentials = true;
        self
    }
    /// The profile of the shared config and credentials files to read the region and
    /// credentials from (unset: `AWS_PROFILE`, else `default`). A profile named here is used even
    /// when the environment holds keys, as the AWS CLI's `--profile` is.
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
    /// Timeout of a whole call, across its retries and the waits between them.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }
    /// Timeout of opening a connection (the default transport; a transport you set has its own).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }
    /// Names your application in the user agent (`app/<name>`): letters, digits and
    /// ``!#$%&'*+-.^_`|~``, at most 50 characters. Unset: `AWS_SDK_UA_APP_ID`.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }
    /// Where the time comes from (signing, credential expiry): the system clock by default.
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Some(Arc::new(clock));
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
    /// The transport (the default is [`super::https::HttpsTransport`], feature `default-https-client`).
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }
    /// How to wait between retries (the default uses Tokio's timer in a Tokio runtime).
    pub fn sleep(mut self, sleep: impl Sleep) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    /// The configuration. Fails without a region, with a bad app name, or without a transport
    /// when the `default-https-client` feature is off. Credentials are not loaded here: the first call loads
    /// them, and fails with the provider's error if there are none.
    pub fn build(self) -> Result<Config, ConfigError> {
        self.build_with_env(super::provider::process_env())
    }

    fn build_with_env(self, vars: super::provider::Env) -> Result<Config, ConfigError> {
        let env = |k: &str| vars(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let region = match self.region {
            Some(r) => Some(r),
            None => super::provider::default_region(&vars, self.profile.as_deref()),
        };
        let region = region.ok_or_else(|| ConfigError("no region: set one, or AWS_REGION, or `region` in the profile".into()))?;
        let clock = self.clock.unwrap_or_else(|| Arc::new(super::transport::SystemClock));
        let provider = match (self.credentials, self.no_credentials) {
            (Some(p), _) => Some(p),
            (None, true) => None,
            (None, false) => Some(SharedCredentialsProvider::new(super::provider::DefaultChain::with_env(self.profile, vars.clone()))),
        };
        let credentials = provider.map(|p| CredentialsCache::new(p, Arc::clone(&clock)));
        let app_name = match self.app_name.or_else(|| env("AWS_SDK_UA_APP_ID")) {
            Some(name) => Some(checked_app_name(name)?),
            None => None,
        };
        let compression = compression(self.disable_request_compression, self.request_min_compression_size_bytes, env)?;
        let transport: Arc<dyn Transport> = match self.transport {
            Some(t) => t,
            None => default_transport(self.connect_timeout)?,
        };
        Ok(Config {
            region,
            credentials,
            endpoint_url: self.endpoint,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            retry: self.retry,
            timeout: self.timeout,
            operation_timeout: self.operation_timeout,
            connect_timeout: self.connect_timeout,
            app_name,
            validate_requests: self.validate_requests,
            compression,
            transport,
            sleep: self.sleep.unwrap_or_else(super::transport::default_sleep),
            clock,
        })
    }
}

/// An app name as the AWS SDKs accept it: the characters of an HTTP token, at most 50.
fn checked_app_name(name: String) -> Result<String, ConfigError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || name.len() > 50 || !name.chars().all(allowed) {
        return Err(ConfigError(format!("the app name {name:?} must be 1 to 50 letters, digits or !#$%&'*+-.^_`|~ characters")));
    }
    Ok(name)
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

#[cfg(feature = "default-https-client")]
fn default_transport(connect_timeout: Option<Duration>) -> Result<Arc<dyn Transport>, ConfigError> {
    super::https::HttpsTransport::with_connect_timeout(connect_timeout)
        .map(|t| Arc::new(t) as Arc<dyn Transport>)
        .map_err(|e| ConfigError(e.to_string()))
}

#[cfg(not(feature = "default-https-client"))]
fn default_transport(_connect_timeout: Option<Duration>) -> Result<Arc<dyn Transport>, ConfigError> {
    Err(ConfigError("no transport: set one, or enable the `default-https-client` feature".into()))
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
            .credentials(Credentials::from_keys("AKID", "SUPERSECRETKEY", Some("SESSIONTOKEN".into())))
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
        let creds = ready(config.credentials().unwrap().get()).unwrap();
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

    /// Polls a future that is ready at once.
    fn ready<F: ::std::future::Future>(future: F) -> F::Output {
        let mut future = ::std::pin::pin!(future);
        match future.as_mut().poll(&mut ::std::task::Context::from_waker(::std::task::Waker::noop())) {
            ::std::task::Poll::Ready(v) => v,
            ::std::task::Poll::Pending => panic!("not ready"),
        }
    }

    fn vars(pairs: &[(&str, &str)]) -> super::super::provider::Env {
        let map: ::std::collections::BTreeMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Arc::new(move |k: &str| map.get(k).cloned())
    }

    fn bare() -> ConfigBuilder {
        Config::builder().disable_request_compression(true).request_min_compression_size_bytes(1).transport(no_transport)
    }

    #[test]
    fn region_and_credentials_come_from_the_environment_then_the_profile() {
        let dir = ::std::env::temp_dir().join(format!("rt-config-chain-{}", ::std::process::id()));
        ::std::fs::create_dir_all(&dir).unwrap();
        let config_file = dir.join("config");
        ::std::fs::write(&config_file, "[profile ops]\nregion = ca-central-1\naws_access_key_id = OPSKEY\naws_secret_access_key = ops\n")
            .unwrap();
        let file = config_file.display().to_string();
        let missing = dir.join("none").display().to_string();
        let files = [("AWS_CONFIG_FILE", file.as_str()), ("AWS_SHARED_CREDENTIALS_FILE", missing.as_str())];

        let err = bare().build_with_env(vars(&files)).unwrap_err();
        assert_eq!(err.to_string(), "invalid client configuration: no region: set one, or AWS_REGION, or `region` in the profile");

        let from_profile = bare().profile("ops").build_with_env(vars(&files)).unwrap();
        assert_eq!(from_profile.region(), "ca-central-1");
        assert_eq!(ready(from_profile.credentials().unwrap().get()).unwrap().access_key_id(), "OPSKEY");

        let mut with_env = files.to_vec();
        with_env.extend([
            ("AWS_PROFILE", "ops"),
            ("AWS_REGION", "sa-east-1"),
            ("AWS_ACCESS_KEY_ID", "ENVKEY"),
            ("AWS_SECRET_ACCESS_KEY", "e"),
        ]);
        let config = bare().build_with_env(vars(&with_env)).unwrap();
        assert_eq!(config.region(), "sa-east-1");
        assert_eq!(ready(config.credentials().unwrap().get()).unwrap().access_key_id(), "ENVKEY");
        // Set in the builder: neither is read.
        let explicit =
            bare().region("us-west-1").credentials(Credentials::from_keys("MINE", "m", None)).build_with_env(vars(&with_env)).unwrap();
        assert_eq!(explicit.region(), "us-west-1");
        assert_eq!(ready(explicit.credentials().unwrap().get()).unwrap().access_key_id(), "MINE");
        // Nothing anywhere: the configuration builds, the call fails with where it looked.
        let none = bare().region("us-west-1").build_with_env(vars(&files)).unwrap();
        let err = ready(none.credentials().unwrap().get()).unwrap_err();
        assert!(err.to_string().contains("AWS_ACCESS_KEY_ID"), "{err}");
        assert!(bare().region("us-west-1").no_credentials().build().unwrap().credentials().is_none());
    }

    #[test]
    fn app_names_are_checked() {
        let ok = bare().region("us-west-1").app_name("call-center_v2.1").build().unwrap();
        assert_eq!(ok.app_name(), Some("call-center_v2.1"));
        for bad in ["", "has space", "ünïcode", &"x".repeat(51)] {
            let err = bare().region("us-west-1").app_name(bad).build().unwrap_err();
            assert!(err.to_string().contains("app name"), "{bad}: {err}");
        }
        let from_env = bare().region("us-west-1").build_with_env(vars(&[("AWS_SDK_UA_APP_ID", "from-env")])).unwrap();
        assert_eq!(from_env.app_name(), Some("from-env"));
    }

    #[test]
    fn debug_never_prints_secrets() {
        let builder = explicit().endpoint_url("http://localhost:9000");
        let config = builder.clone().build().unwrap();
        let _ = ready(config.credentials().unwrap().get());
        for text in [format!("{config:?}"), format!("{builder:?}"), format!("{:?}", config.credentials().unwrap()), format!("{config:#?}")]
        {
            assert!(!text.contains("SUPERSECRETKEY"), "{text}");
            assert!(!text.contains("SESSIONTOKEN"), "{text}");
        }
        let text = format!("{config:?}");
        assert!(text.contains("eu-west-3") && text.contains("localhost:9000"), "{text}");
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
    fn attempts_are_at_least_one() {
        assert_eq!(RetryConfig::default().max_attempts(), 3);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(RetryConfig::default().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryConfig::default().with_max_attempts(7).max_attempts(), 7);
        assert_eq!(explicit().max_attempts(0).build().unwrap().retry().max_attempts(), 1);
    }
}
