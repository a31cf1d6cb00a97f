//! The built-in default chain of credentials and region, as the AWS SDKs order it for the sources
//! that need no AWS service: the environment (`AWS_ACCESS_KEY_ID`, `AWS_REGION`, ...), then the
//! selected profile of the shared config and credentials files ([`super::profile`]).
//!
//! Credentials are looked up again on every load, so a `credential_process` runs again when its
//! credentials are about to expire and edited files are seen (the cache in front,
//! [`super::credentials::CredentialsCache`], decides when to load).

use super::profile::{self, ProfileError};
use ::aws_credential_types::provider::error::CredentialsError;
use ::aws_credential_types::provider::{self as provide, ProvideCredentials};
use ::aws_credential_types::Credentials;
use ::std::boxed::Box;
use ::std::option::Option::{self, None, Some};
use ::std::result::Result::{Err, Ok};
use ::std::string::{String, ToString};
use ::std::sync::Arc;

/// Looks a variable up (the process environment, or a test's map).
pub type Env = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The process environment.
pub fn process_env() -> Env {
    Arc::new(|k: &str| ::std::env::var(k).ok())
}

fn var(env: &Env, key: &str) -> Option<String> {
    env(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional
/// `AWS_SESSION_TOKEN`; `None` unless both keys are set.
pub fn env_credentials(env: &Env) -> Option<Credentials> {
    let id = var(env, "AWS_ACCESS_KEY_ID")?;
    let secret = var(env, "AWS_SECRET_ACCESS_KEY")?;
    Some(Credentials::new(id, secret, var(env, "AWS_SESSION_TOKEN"), None, "Environment"))
}

/// The region: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the selected profile's `region`
/// (a profile file that does not parse gives no region here; loading credentials reports it).
pub fn default_region(env: &Env, profile_name: Option<&str>) -> Option<String> {
    if let Some(region) = var(env, "AWS_REGION").or_else(|| var(env, "AWS_DEFAULT_REGION")) {
        return Some(region);
    }
    let lookup = |k: &str| env(k);
    let set = profile::load(&lookup, cfg!(windows)).ok()?;
    profile::region(&set, &profile::selected_profile(&lookup, profile_name))
}

/// The default credentials chain. With a profile named in the configuration only that profile is
/// read (as the AWS CLI's `--profile` does); otherwise the environment first, then the profile
/// `AWS_PROFILE` names, else `default`.
#[derive(Clone)]
pub struct DefaultChain {
    profile: Option<String>,
    env: Env,
}

impl DefaultChain {
    /// The chain over the process environment; `profile` as [`DefaultChain`] says.
    pub fn new(profile: Option<String>) -> Self {
        Self::with_env(profile, process_env())
    }
    /// The chain over the variables `env` gives.
    pub fn with_env(profile: Option<String>, env: Env) -> Self {
        DefaultChain { profile, env }
    }
    /// Loads credentials now (reading files, running a `credential_process`).
    pub fn load(&self) -> provide::Result {
        if self.profile.is_none() {
            if let Some(credentials) = env_credentials(&self.env) {
                return Ok(credentials);
            }
        }
        let env = &self.env;
        let lookup = |k: &str| env(k);
        let set = profile::load(&lookup, cfg!(windows)).map_err(CredentialsError::invalid_configuration)?;
        let name = profile::selected_profile(&lookup, self.profile.as_deref());
        profile::credentials(&set, &name).map_err(|e| self.error(e))
    }

    fn error(&self, e: ProfileError) -> CredentialsError {
        match e {
            // Nothing configured anywhere: the one error that lets a chain move on.
            ProfileError::NoProfile { .. } if self.profile.is_none() => CredentialsError::not_loaded(NoCredentials(e)),
            ProfileError::Process { .. } => CredentialsError::provider_error(e),
            other => CredentialsError::invalid_configuration(other),
        }
    }
}

/// Nothing in the environment or in the shared files.
#[derive(Debug)]
struct NoCredentials(ProfileError);

impl ::std::fmt::Display for NoCredentials {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, and {}", self.0)
    }
}

impl ::std::error::Error for NoCredentials {}

impl ::std::fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("DefaultChain").field("profile", &self.profile).finish_non_exhaustive()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials<'a>(&'a self) -> provide::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        provide::future::ProvideCredentials::ready(self.load())
    }
}

/// A provider that never has credentials, with the reason: what a configuration without any
/// hands the cache, so that every call fails with that reason.
#[derive(Debug)]
pub struct Unavailable(pub &'static str);

impl ProvideCredentials for Unavailable {
    fn provide_credentials<'a>(&'a self) -> provide::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        let reason: Box<dyn ::std::error::Error + Send + Sync> = self.0.into();
        provide::future::ProvideCredentials::ready(Err(CredentialsError::not_loaded(reason)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::collections::BTreeMap;
    use ::std::future::Future;
    use ::std::path::PathBuf;

    fn dir(name: &str) -> PathBuf {
        let d = ::std::env::temp_dir().join(format!("rt-provider-{name}-{}", ::std::process::id()));
        ::std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn env(vars: &[(&str, &str)]) -> Env {
        let map: BTreeMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Arc::new(move |k: &str| map.get(k).cloned())
    }

    /// Variables pointing both files into `d` (which may not hold them).
    fn files(d: &::std::path::Path, more: &[(&str, &str)]) -> Env {
        let config = d.join("config").display().to_string();
        let credentials = d.join("credentials").display().to_string();
        let mut vars: Vec<(&str, &str)> = vec![("AWS_CONFIG_FILE", &config), ("AWS_SHARED_CREDENTIALS_FILE", &credentials)];
        vars.extend_from_slice(more);
        env(&vars)
    }

    #[test]
    fn the_environment_comes_first() {
        let d = dir("env-first");
        ::std::fs::write(d.join("credentials"), "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = s\n").unwrap();
        let chain = DefaultChain::with_env(
            None,
            files(&d, &[("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_SESSION_TOKEN", "tok")]),
        );
        let c = chain.load().unwrap();
        assert_eq!((c.access_key_id(), c.session_token()), ("ENVKEY", Some("tok")));
        // A profile named in the configuration is read even when the environment has keys.
        let named = DefaultChain::with_env(
            Some("default".into()),
            files(&d, &[("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "secret")]),
        );
        assert_eq!(named.load().unwrap().access_key_id(), "FILEKEY");
        // Half the keys in the environment: the files are used.
        let half = DefaultChain::with_env(None, files(&d, &[("AWS_ACCESS_KEY_ID", "ENVKEY")]));
        assert_eq!(half.load().unwrap().access_key_id(), "FILEKEY");
    }

    #[test]
    fn profiles_of_both_files_and_aws_profile() {
        let d = dir("both-files");
        ::std::fs::write(d.join("config"), "[profile work]\nregion = eu-west-1\naws_access_key_id = CONFIGKEY\n").unwrap();
        ::std::fs::write(d.join("credentials"), "[work]\naws_secret_access_key = worksecret\n").unwrap();
        let chain = DefaultChain::with_env(None, files(&d, &[("AWS_PROFILE", "work")]));
        let c = chain.load().unwrap();
        assert_eq!((c.access_key_id(), c.secret_access_key()), ("CONFIGKEY", "worksecret"));
        assert_eq!(default_region(&files(&d, &[("AWS_PROFILE", "work")]), None).as_deref(), Some("eu-west-1"));
        assert_eq!(default_region(&files(&d, &[]), Some("work")).as_deref(), Some("eu-west-1"));
        assert_eq!(default_region(&files(&d, &[("AWS_REGION", "ap-south-1")]), Some("work")).as_deref(), Some("ap-south-1"));
        assert_eq!(default_region(&files(&d, &[("AWS_DEFAULT_REGION", "us-east-2")]), Some("work")).as_deref(), Some("us-east-2"));
        assert_eq!(default_region(&files(&d, &[]), None), None);
    }

    #[test]
    fn nothing_anywhere_is_not_loaded_and_says_where_it_looked() {
        let d = dir("nothing");
        let err = DefaultChain::with_env(None, files(&d, &[])).load().unwrap_err();
        assert!(matches!(err, CredentialsError::CredentialsNotLoaded(_)), "{err:?}");
        let text = ::aws_smithy_types::error::display::DisplayErrorContext(&err).to_string();
        assert!(text.contains("AWS_ACCESS_KEY_ID"), "{text}");
        assert!(text.contains("default"), "{text}");
        // A named profile that is missing is a configuration error.
        let err = DefaultChain::with_env(Some("absent".into()), files(&d, &[])).load().unwrap_err();
        assert!(matches!(err, CredentialsError::InvalidConfiguration(_)), "{err:?}");
    }

    #[test]
    fn a_profile_file_that_does_not_parse_is_a_configuration_error() {
        let d = dir("bad-file");
        ::std::fs::write(d.join("config"), "[default\nregion = x\n").unwrap();
        let err = DefaultChain::with_env(None, files(&d, &[])).load().unwrap_err();
        assert!(matches!(err, CredentialsError::InvalidConfiguration(_)), "{err:?}");
    }

    #[test]
    fn unavailable_says_why() {
        let p = Unavailable("credentials are turned off");
        let mut future = ::std::boxed::Box::pin(p.provide_credentials());
        let polled = future.as_mut().poll(&mut ::std::task::Context::from_waker(::std::task::Waker::noop()));
        let ::std::task::Poll::Ready(Err(err)) = polled else { panic!("not ready with an error") };
        let text = ::aws_smithy_types::error::display::DisplayErrorContext(&err).to_string();
        assert!(text.contains("credentials are turned off"), "{text}");
    }
}
