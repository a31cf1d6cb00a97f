//! The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`) as the AWS SDKs
//! read them: where they are, how they parse and merge, which profile is selected, and the region
//! and credentials a profile gives. This is the default credential chain's second step, after the
//! environment.
//!
//! Only the credential sources that need no AWS service are here: static keys and
//! `credential_process`. A profile that assumes a role, uses IAM Identity Center (SSO) or a web
//! identity token gets an error that says so: `Config::from_sdk_config` (feature `sdk-config`)
//! brings aws-config's full chain for those.

use ::aws_credential_types::Credentials;
use ::std::collections::BTreeMap;
use ::std::option::Option::{self, None, Some};
use ::std::path::PathBuf;
use ::std::result::Result::{self, Err, Ok};
use ::std::string::{String, ToString};
use ::std::time::SystemTime;
use ::std::vec::Vec;

/// The whitespace of the file format: spaces and tabs (not every Unicode space).
const WHITESPACE: [char; 2] = [' ', '\t'];

/// Where the shared files are (they need not exist).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileLocations {
    /// The config file: `AWS_CONFIG_FILE`, else `~/.aws/config`.
    pub config: PathBuf,
    /// The credentials file: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
    pub credentials: PathBuf,
}

/// The locations of the shared files as the AWS SDKs find them (`env` looks a variable up):
/// `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` when set (a leading `~` is the home
/// directory), else `.aws/config` and `.aws/credentials` in the home directory. The home is
/// `HOME`, then on Windows `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`. `None`: a path needs the
/// home directory and none is known.
pub fn locations(env: &dyn Fn(&str) -> Option<String>, windows: bool) -> Option<FileLocations> {
    let var = |k: &str| env(k).filter(|v| !v.trim().is_empty());
    let home = var("HOME").or_else(|| match windows {
        true => var("USERPROFILE").or_else(|| Some(format!("{}{}", var("HOMEDRIVE")?, var("HOMEPATH")?))),
        false => None,
    });
    let path = |variable: &str, file: &str| match var(variable) {
        Some(path) => expand_home(&path, home.as_deref(), windows),
        None => Some(join(home.as_deref()?, &[".aws", file], windows)),
    };
    Some(FileLocations { config: path("AWS_CONFIG_FILE", "config")?, credentials: path("AWS_SHARED_CREDENTIALS_FILE", "credentials")? })
}

/// `path` with a leading `~` (alone, or before a separator) replaced by the home directory.
fn expand_home(path: &str, home: Option<&str>, windows: bool) -> Option<PathBuf> {
    if path == "~" {
        return home.map(PathBuf::from);
    }
    match path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\").filter(|_| windows)) {
        Some(rest) => Some(join(home?, &[rest], windows)),
        None => Some(PathBuf::from(path)),
    }
}

/// Joins with the separator of the platform the locations are for (not the one compiled for, so
/// that either can be computed anywhere).
fn join(home: &str, parts: &[&str], windows: bool) -> PathBuf {
    let sep = if windows { '\\' } else { '/' };
    let mut path = home.trim_end_matches(['/', sep]).to_string();
    for part in parts {
        path.push(sep);
        path.push_str(part);
    }
    PathBuf::from(path)
}

/// The profile to use: `explicit`, else `AWS_PROFILE`, else `default` (blank values count as unset).
pub fn selected_profile(env: &dyn Fn(&str) -> Option<String>, explicit: Option<&str>) -> String {
    let explicit = explicit.map(str::trim).filter(|p| !p.is_empty()).map(str::to_string);
    let from_env = || env("AWS_PROFILE").map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
    explicit.or_else(from_env).unwrap_or_else(|| "default".to_string())
}

/// A profile, or an `[sso-session]` section: a name and its properties. Property names are
/// case-insensitive (kept in lower case); profile names are not. `Debug` redacts secret values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Profile {
    name: String,
    properties: BTreeMap<String, String>,
}

impl Profile {
    /// The profile's (or session's) name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// A property's value (the name in any case). A property with sub-properties has them as its
    /// value, one `name = value` per line after an empty first line.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties.get(&key.to_ascii_lowercase()).map(String::as_str)
    }
    /// Every property, name (lower case) and value, sorted by name.
    pub fn properties(&self) -> impl Iterator<Item = (&str, &str)> {
        self.properties.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
    /// The sub-properties of `key` (e.g. `s3 =` followed by indented `name = value` lines), names
    /// in lower case; the last of a repeated name wins and invalid names are left out.
    pub fn sub_properties(&self, key: &str) -> BTreeMap<String, &str> {
        let lines = self.get(key).into_iter().flat_map(|v| v.lines());
        let pairs = lines.filter_map(|line| line.split_once('=')).map(|(k, v)| (k.trim_matches(WHITESPACE), v.trim_matches(WHITESPACE)));
        pairs.filter(|(k, _)| valid_name(k)).map(|(k, v)| (k.to_ascii_lowercase(), v)).collect()
    }
    /// One sub-property of `key` (both names in any case).
    pub fn sub_property(&self, key: &str, sub_key: &str) -> Option<&str> {
        self.sub_properties(key).remove(&sub_key.to_ascii_lowercase())
    }
}

/// Values `Debug` never shows.
fn is_secret(key: &str) -> bool {
    key.contains("secret") || key == "aws_session_token" || key == "aws_security_token"
}

impl ::std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let shown = self.properties.iter().map(|(k, v)| (k, if is_secret(k) { super::REDACTED } else { v.as_str() }));
        f.debug_struct("Profile").field("name", &self.name).field("properties", &shown.collect::<BTreeMap<_, _>>()).finish()
    }
}

/// The profiles and sso-sessions of the config and credentials files, merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    sso_sessions: BTreeMap<String, Profile>,
}

impl ProfileSet {
    /// Parses the two files' text (`None`: no such file) and merges them: `[profile name]`,
    /// `[default]` and `[sso-session name]` sections of the config file, `[name]` sections of the
    /// credentials file, whose properties win over the config file's. Invalid profile and property
    /// names are ignored; a syntax error fails with the file and line.
    pub fn parse(config: Option<&str>, credentials: Option<&str>) -> Result<ProfileSet, ProfileError> {
        Self::parse_files(config, "the config file", credentials, "the credentials file")
    }

    /// [`Self::parse`] with the names errors give the files.
    fn parse_files(
        config: Option<&str>,
        config_name: &str,
        credentials: Option<&str>,
        credentials_name: &str,
    ) -> Result<Self, ProfileError> {
        let config = parse_sections(config.unwrap_or_default(), config_name)?;
        let credentials = parse_sections(credentials.unwrap_or_default(), credentials_name)?;
        let mut set = ProfileSet::default();
        // `[profile default]` is the config file's way; a `[default]` beside one is ignored.
        let prefixed_default = config.iter().any(|s| prefixed(s.header, "profile") == Some("default"));
        for section in &config {
            if section.header == "default" {
                if !prefixed_default {
                    merge(&mut set.profiles, "default", &section.properties);
                }
            } else if let Some(name) = prefixed(section.header, "profile") {
                merge(&mut set.profiles, name, &section.properties);
            } else if let Some(name) = prefixed(section.header, "sso-session") {
                merge(&mut set.sso_sessions, name, &section.properties);
            }
        }
        for section in &credentials {
            merge(&mut set.profiles, section.header, &section.properties);
        }
        Ok(set)
    }

    /// A profile by name (case-sensitive).
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }
    /// Every profile, sorted by name.
    pub fn profiles(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.values()
    }
    /// An `[sso-session name]` section of the config file.
    pub fn sso_session(&self, name: &str) -> Option<&Profile> {
        self.sso_sessions.get(name)
    }
    /// Every sso-session, sorted by name.
    pub fn sso_sessions(&self) -> impl Iterator<Item = &Profile> {
        self.sso_sessions.values()
    }
    /// Whether there are neither profiles nor sso-sessions.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty() && self.sso_sessions.is_empty()
    }
}

/// A section as written: the text inside its brackets, trimmed, and its properties in order
/// (names as written, values with their continuation lines).
struct RawSection<'a> {
    header: &'a str,
    properties: Vec<(&'a str, String)>,
}

/// The sections of one file. Syntax is checked everywhere, names only later (an invalid name
/// drops its section or property, a syntax error fails the whole file, as in the AWS SDKs).
fn parse_sections<'a>(text: &'a str, file: &str) -> Result<Vec<RawSection<'a>>, ProfileError> {
    let mut sections: Vec<RawSection<'a>> = Vec::new();
    // The last property, if continuation lines may follow it: whether they are sub-properties
    // (its value was empty on its own line).
    let mut open: Option<bool> = None;
    // Editors on Windows may start the file with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.lines().enumerate() {
        let error = |message: &'static str| ProfileError::Parse { file: file.to_string(), line: index + 1, message };
        let trimmed = line.trim_matches(WHITESPACE);
        // Indented comment lines are comments too (as the AWS CLI reads them), not continuations.
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if line.starts_with('[') {
            let header = strip_comment(line, false);
            let inner = header.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
            let inner = inner.ok_or_else(|| error("Profile definition must end with ']'"))?;
            sections.push(RawSection { header: inner.trim_matches(WHITESPACE), properties: Vec::new() });
            open = None;
            continue;
        }
        let Some(section) = sections.last_mut() else {
            return Err(error("Expected a profile definition before this line"));
        };
        if line.starts_with(WHITESPACE) {
            let (Some(sub_properties), Some((_, value))) = (open, section.properties.last_mut()) else {
                return Err(error("Expected a property definition, found continuation"));
            };
            if sub_properties {
                let (name, _) = trimmed.split_once('=').ok_or_else(|| error("Expected an '=' sign defining a sub-property"))?;
                if name.trim_matches(WHITESPACE).is_empty() {
                    return Err(error("Sub-property did not have a name"));
                }
            }
            value.push('\n');
            value.push_str(trimmed);
            continue;
        }
        let (name, value) = strip_comment(line, true).split_once('=').ok_or_else(|| error("Expected an '=' sign defining a property"))?;
        let (name, value) = (name.trim_matches(WHITESPACE), value.trim_matches(WHITESPACE));
        if name.is_empty() {
            return Err(error("Property did not have a name"));
        }
        section.properties.push((name, value.to_string()));
        open = Some(value.is_empty());
    }
    Ok(sections)
}

/// `line` up to its comment, trimmed. In a property line a `#` or `;` starts a comment only after
/// whitespace (`value;x` is a value); after a section header it always does.
fn strip_comment(line: &str, needs_whitespace: bool) -> &str {
    let mut after_whitespace = false;
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        if (c == '#' || c == ';') && (after_whitespace || !needs_whitespace) {
            end = i;
            break;
        }
        after_whitespace = WHITESPACE.contains(&c);
    }
    line.get(..end).unwrap_or(line).trim_matches(WHITESPACE)
}

/// The name of a `[prefix name]` header (`prefix`, whitespace, name).
fn prefixed<'a>(header: &'a str, prefix: &str) -> Option<&'a str> {
    header.strip_prefix(prefix).filter(|rest| rest.starts_with(WHITESPACE)).map(|rest| rest.trim_matches(WHITESPACE))
}

/// Profile and property names: letters, digits and `- / . % @ _ : +`.
fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || "-/.%@_:+".contains(c))
}

/// Adds a section's valid properties to the profile (or session) `name`, later ones winning.
fn merge(into: &mut BTreeMap<String, Profile>, name: &str, properties: &[(&str, String)]) {
    if !valid_name(name) {
        return;
    }
    let profile = into.entry(name.to_string()).or_insert_with(|| Profile { name: name.to_string(), properties: BTreeMap::new() });
    for (key, value) in properties.iter().filter(|(key, _)| valid_name(key)) {
        profile.properties.insert(key.to_ascii_lowercase(), value.clone());
    }
}

/// Reads and parses the shared files at [`locations`]. A missing file is an empty one (and so are
/// both when no home directory is known); one that cannot be read, or does not parse, is an error
/// naming its path.
pub fn load(env: &dyn Fn(&str) -> Option<String>, windows: bool) -> Result<ProfileSet, ProfileError> {
    let Some(files) = locations(env, windows) else {
        return Ok(ProfileSet::default());
    };
    let config = read(&files.config)?;
    let credentials = read(&files.credentials)?;
    let (config_name, credentials_name) = (files.config.display().to_string(), files.credentials.display().to_string());
    ProfileSet::parse_files(config.as_deref(), &config_name, credentials.as_deref(), &credentials_name)
}

/// A file's text; `None` when there is no such file.
fn read(path: &::std::path::Path) -> Result<Option<String>, ProfileError> {
    match ::std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == ::std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ProfileError::Read { path: path.to_path_buf(), message: e.to_string() }),
    }
}

/// The profile's `region`, if it exists and sets one.
pub fn region(set: &ProfileSet, profile: &str) -> Option<String> {
    set.profile(profile)?.get("region").filter(|r| !r.is_empty()).map(str::to_string)
}

/// Settings whose credentials need an AWS service call, and what that is (checked first, in the
/// order aws-config checks them, so a profile never gives other credentials here than there).
const NEEDS_AWS_CONFIG: [(&str, &str); 6] = [
    ("role_arn", "assuming a role (STS)"),
    ("source_profile", "assuming a role (STS)"),
    ("credential_source", "assuming a role (STS)"),
    ("web_identity_token_file", "a web identity token (STS)"),
    ("sso_session", "IAM Identity Center (SSO)"),
    ("sso_start_url", "IAM Identity Center (SSO)"),
];

/// The credentials of `profile`: from its `credential_process` (run now, blocking, through `sh -c`
/// or on Windows `cmd /C`), else its `aws_access_key_id`, `aws_secret_access_key` and optional
/// `aws_session_token` (and `aws_account_id`). A profile that assumes a role, uses SSO or a web
/// identity token is an error saying aws-config is needed (`Config::from_sdk_config`).
pub fn credentials(set: &ProfileSet, profile: &str) -> Result<Credentials, ProfileError> {
    let p = set.profile(profile).ok_or_else(|| ProfileError::NoProfile { profile: profile.to_string() })?;
    let value = |key: &str| p.get(key).filter(|v| !v.is_empty());
    if let Some((setting, provider)) = NEEDS_AWS_CONFIG.into_iter().find(|(setting, _)| value(setting).is_some()) {
        return Err(ProfileError::Unsupported { profile: profile.to_string(), setting, provider });
    }
    if let Some(command) = value("credential_process") {
        return process_credentials(profile, command);
    }
    let incomplete = |message: &str| ProfileError::Incomplete { profile: profile.to_string(), message: message.to_string() };
    match (value("aws_access_key_id"), value("aws_secret_access_key")) {
        (Some(id), Some(secret)) => Ok(build(id, secret, value("aws_session_token"), None, value("aws_account_id"), "ProfileFile")),
        (Some(_), None) => Err(incomplete("has aws_access_key_id but no aws_secret_access_key")),
        (None, Some(_)) => Err(incomplete("has aws_secret_access_key but no aws_access_key_id")),
        (None, None) => Err(incomplete("has no credentials: no aws_access_key_id and aws_secret_access_key, nor credential_process")),
    }
}

/// Credentials with what the profile or process gave.
fn build(
    id: &str,
    secret: &str,
    token: Option<&str>,
    expiry: Option<SystemTime>,
    account: Option<&str>,
    provider: &'static str,
) -> Credentials {
    let mut builder = Credentials::builder().access_key_id(id).secret_access_key(secret).provider_name(provider);
    builder.set_session_token(token.map(str::to_string));
    builder.set_expiry(expiry);
    builder.set_account_id(account.map(::aws_credential_types::attributes::AccountId::from));
    builder.build()
}

/// Runs a `credential_process` and reads its output, version 1 of the format:
/// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?, "AccountId"?}`.
fn process_credentials(profile: &str, command: &str) -> Result<Credentials, ProfileError> {
    let fail = |message: String| ProfileError::Process { profile: profile.to_string(), message };
    // No stdin: a process waiting for input would hang the client. The command is never quoted
    // in errors: it may carry a secret of its own.
    let output = shell(command).stdin(::std::process::Stdio::null()).output().map_err(|e| fail(format!("it could not be started: {e}")))?;
    let json: Result<::serde_json::Value, _> = ::serde_json::from_slice(&output.stdout);
    let field = |key: &str| json.as_ref().ok().and_then(|j| j.get(key)).and_then(::serde_json::Value::as_str).filter(|v| !v.is_empty());
    if !output.status.success() {
        let mut stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
        // A failing process may still have printed keys, or echoed them on stderr.
        for secret in [field("SecretAccessKey"), field("SessionToken")].into_iter().flatten() {
            stderr = stderr.replace(secret, super::REDACTED);
        }
        if let Some((cut, _)) = stderr.char_indices().nth(2000) {
            stderr.truncate(cut);
            stderr.push_str("...");
        }
        let stderr = if stderr.is_empty() { String::new() } else { format!(": {stderr}") };
        return Err(fail(format!("it failed ({}){stderr}", output.status)));
    }
    // Only the position of a syntax error: serde_json's message could quote the output.
    let json = json.as_ref().map_err(|e| fail(format!("its output is not JSON (line {}, column {})", e.line(), e.column())))?;
    match json.get("Version") {
        Some(v) if v.as_u64() == Some(1) => {}
        Some(v) => return Err(fail(format!("its output has Version {v}; only 1 is known"))),
        None => return Err(fail("its output has no Version".to_string())),
    }
    let required = |key: &str| field(key).ok_or_else(|| fail(format!("its output has no {key}")));
    let (id, secret) = (required("AccessKeyId")?, required("SecretAccessKey")?);
    let expiry = match json.get("Expiration") {
        None | Some(::serde_json::Value::Null) => None,
        Some(v) => Some(v.as_str().and_then(parse_time).ok_or_else(|| fail(format!("its Expiration {v} is not an RFC 3339 date-time")))?),
    };
    Ok(build(id, secret, field("SessionToken"), expiry, field("AccountId"), "CredentialProcess"))
}

/// An RFC 3339 date-time (`Z` or an offset) as a system time.
fn parse_time(text: &str) -> Option<SystemTime> {
    use ::aws_smithy_types::date_time::{DateTime, Format};
    let parsed = DateTime::from_str(text, Format::DateTime).or_else(|_| DateTime::from_str(text, Format::DateTimeWithOffset)).ok()?;
    SystemTime::try_from(parsed).ok()
}

/// The command run by the platform's shell, as the AWS SDKs run it.
#[cfg(not(windows))]
fn shell(command: &str) -> ::std::process::Command {
    let mut shell = ::std::process::Command::new("sh");
    shell.arg("-c").arg(command);
    shell
}

/// The command run by the platform's shell, as the AWS SDKs run it.
#[cfg(windows)]
fn shell(command: &str) -> ::std::process::Command {
    use ::std::os::windows::process::CommandExt;
    let mut shell = ::std::process::Command::new("cmd.exe");
    // As written: cmd does its own parsing, which Rust's argument quoting would disturb.
    shell.arg("/C").raw_arg(command);
    shell
}

/// The shared files, or a profile's credentials, could not be used. Neither `Debug` nor
/// `Display` ever shows a secret (nor the `credential_process` command or its output).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProfileError {
    /// A file exists but could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A file is not in the shared config file format.
    Parse {
        /// The file's path, or `the config file` / `the credentials file`.
        file: String,
        /// The line (from 1).
        line: usize,
        /// What is wrong.
        message: &'static str,
    },
    /// The profile is in neither file.
    NoProfile {
        /// The profile.
        profile: String,
    },
    /// The profile has no credentials, or only half of its keys.
    Incomplete {
        /// The profile.
        profile: String,
        /// What is missing.
        message: String,
    },
    /// The profile's `credential_process` failed or printed something unusable.
    Process {
        /// The profile.
        profile: String,
        /// What went wrong (with the process's standard error if it failed).
        message: String,
    },
    /// The profile's credentials need an AWS service (STS or SSO), which needs aws-config.
    Unsupported {
        /// The profile.
        profile: String,
        /// The setting that asks for it (`role_arn`, `sso_session`, ...).
        setting: &'static str,
        /// What it asks for.
        provider: &'static str,
    },
}

impl ::std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            ProfileError::Read { path, message } => write!(f, "cannot read {}: {message}", path.display()),
            ProfileError::Parse { file, line, message } => write!(f, "error in {file} at line {line}: {message}"),
            ProfileError::NoProfile { profile } => {
                write!(f, "profile `{profile}` is in neither the shared config file nor the shared credentials file")
            }
            ProfileError::Incomplete { profile, message } => write!(f, "profile `{profile}` {message}"),
            ProfileError::Process { profile, message } => write!(f, "the credential_process of profile `{profile}`: {message}"),
            ProfileError::Unsupported { profile, setting, provider } => write!(
                f,
                "profile `{profile}` gets its credentials by {provider} (`{setting}`), which needs aws-config: \
                 `Config::from_sdk_config` (feature `sdk-config`) brings the full AWS SDK credential chain"
            ),
        }
    }
}

impl ::std::error::Error for ProfileError {}

#[cfg(test)]
mod tests {
    use super::*;
    use ::serde_json::Value;

    /// A test data file of the AWS SDK for Rust; `None` (skip) when absent outside CI.
    fn test_data(file: &str) -> Option<Value> {
        let dir = ::std::env::var("SHARED_MODELS_DIR")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models").to_string());
        let path = PathBuf::from(dir).join("aws-sdk-test-data").join(file);
        match ::std::fs::read_to_string(&path) {
            Ok(text) => Some(::serde_json::from_str(&text).unwrap()),
            Err(_) => {
                let ci = ::std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
                assert!(!ci, "{} not found: CI must have ../shared beside the checkout", path.display());
                eprintln!("SKIPPED: {} not found (set SHARED_MODELS_DIR)", path.display());
                None
            }
        }
    }

    type Sections = BTreeMap<String, BTreeMap<String, String>>;

    fn expected_sections(v: Option<&Value>) -> Sections {
        let sections = v.and_then(Value::as_object).into_iter().flatten();
        let props = |p: &Value| p.as_object().into_iter().flatten().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
        sections.map(|(name, p)| (name.clone(), props(p))).collect()
    }

    fn got_sections<'a>(profiles: impl Iterator<Item = &'a Profile>) -> Sections {
        profiles.map(|p| (p.name().to_string(), p.properties().map(|(k, v)| (k.to_string(), v.to_string())).collect())).collect()
    }

    #[test]
    fn profile_parser_conformance() {
        let Some(data) = test_data("profile-parser-tests.json") else { return };
        let cases = data["tests"].as_array().unwrap();
        let mut failures = Vec::new();
        for case in cases {
            let name = case["name"].as_str().unwrap();
            let input = &case["input"];
            let got = ProfileSet::parse(input["configFile"].as_str(), input["credentialsFile"].as_str());
            let output = &case["output"];
            if let Some(wanted) = output["errorContaining"].as_str() {
                match &got {
                    Err(e) if e.to_string().contains(wanted) => {}
                    _ => failures.push(format!("{name}\n  expected: an error containing {wanted:?}\n  got: {got:?}")),
                }
                continue;
            }
            let expected = output.get("config").unwrap_or(output);
            let (profiles, sessions) = (expected_sections(expected.get("profiles")), expected_sections(expected.get("sso_sessions")));
            match &got {
                Ok(set) if got_sections(set.profiles()) == profiles && got_sections(set.sso_sessions()) == sessions => {}
                Ok(set) => failures.push(format!(
                    "{name}\n  expected: {profiles:?} sso-sessions {sessions:?}\n  got: {:?} sso-sessions {:?}",
                    got_sections(set.profiles()),
                    got_sections(set.sso_sessions())
                )),
                Err(e) => failures.push(format!("{name}\n  expected: {profiles:?} sso-sessions {sessions:?}\n  got: {e}")),
            }
        }
        assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
        assert_eq!(cases.len(), 65);
    }

    #[test]
    fn file_location_conformance() {
        let Some(data) = test_data("file-location-tests.json") else { return };
        let cases = data["tests"].as_array().unwrap();
        let mut failures = Vec::new();
        for case in cases {
            let name = case["name"].as_str().unwrap();
            let vars = case["environment"].as_object().unwrap();
            let env = |k: &str| vars.get(k).and_then(Value::as_str).map(str::to_string);
            let windows = case["platform"].as_str() == Some("windows");
            let got = locations(&env, windows);
            let (config, credentials) = (case["configLocation"].as_str().unwrap(), case["credentialsLocation"].as_str().unwrap());
            let expected = FileLocations { config: PathBuf::from(config), credentials: PathBuf::from(credentials) };
            if got.as_ref() != Some(&expected) {
                failures.push(format!("{name}\n  expected: {expected:?}\n  got: {got:?}"));
            }
            if let Some(profile) = case["profile"].as_str() {
                let got = selected_profile(&env, None);
                if got != profile {
                    failures.push(format!("{name}\n  expected profile: {profile}\n  got: {got}"));
                }
            }
        }
        assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
        assert_eq!(cases.len(), 9);
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn locations_expand_the_home_and_need_one() {
        let env = |k: &str| match k {
            "HOME" => Some("/home/u/".to_string()),
            "AWS_CONFIG_FILE" => Some("~/conf/aws".to_string()),
            "AWS_SHARED_CREDENTIALS_FILE" => Some("~".to_string()),
            _ => None,
        };
        let got = locations(&env, false).unwrap();
        assert_eq!(got, FileLocations { config: PathBuf::from("/home/u/conf/aws"), credentials: PathBuf::from("/home/u/") });
        let windows = |k: &str| match k {
            "USERPROFILE" => Some("C:\\Users\\u".to_string()),
            "AWS_CONFIG_FILE" => Some("~\\aws\\config".to_string()),
            "HOME" => Some("  ".to_string()),
            _ => None,
        };
        let got = locations(&windows, true).unwrap();
        assert_eq!(got.config, PathBuf::from("C:\\Users\\u\\aws\\config"));
        assert_eq!(got.credentials, PathBuf::from("C:\\Users\\u\\.aws\\credentials"));
        // No home: USERPROFILE counts on Windows only, and explicit paths without `~` need none.
        assert_eq!(locations(&no_env, false), None);
        assert_eq!(locations(&|k: &str| (k == "USERPROFILE").then(|| "/u".to_string()), false), None);
        let explicit = |k: &str| k.starts_with("AWS_").then(|| format!("/etc/{k}"));
        assert_eq!(locations(&explicit, false).unwrap().credentials, PathBuf::from("/etc/AWS_SHARED_CREDENTIALS_FILE"));
    }

    #[test]
    fn the_selected_profile() {
        let env = |k: &str| (k == "AWS_PROFILE").then(|| " work ".to_string());
        assert_eq!(selected_profile(&env, Some("mine")), "mine");
        assert_eq!(selected_profile(&env, Some(" ")), "work");
        assert_eq!(selected_profile(&env, None), "work");
        assert_eq!(selected_profile(&no_env, None), "default");
    }

    #[test]
    fn properties_are_case_insensitive_and_sub_properties_are_read() {
        let config = "\u{feff}[profile dev]\nRegion = eu-west-1\n  # a note, not a continuation\ns3 =\n  Addressing_Style = path\n  in valid = x\n  max_concurrent_requests=20\n  addressing_style = virtual\n";
        let set = ProfileSet::parse(Some(config), None).unwrap();
        let dev = set.profile("dev").unwrap();
        assert_eq!(dev.name(), "dev");
        assert_eq!(dev.get("REGION"), Some("eu-west-1"));
        assert_eq!(region(&set, "dev").as_deref(), Some("eu-west-1"));
        assert_eq!(region(&set, "Dev"), None);
        assert_eq!(dev.sub_property("S3", "ADDRESSING_STYLE"), Some("virtual"));
        assert_eq!(dev.sub_property("s3", "max_concurrent_requests"), Some("20"));
        assert_eq!(dev.sub_property("s3", "in valid"), None);
        assert_eq!(dev.sub_property("region", "x"), None);
        assert_eq!(dev.sub_properties("s3").len(), 2);
        assert!(!set.is_empty());
        assert!(ProfileSet::parse(None, None).unwrap().is_empty());
    }

    #[test]
    fn sso_sessions_are_read() {
        let config =
            "[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start";
        let set = ProfileSet::parse(Some(config), None).unwrap();
        assert_eq!(set.sso_session("corp").unwrap().get("sso_region"), Some("us-east-1"));
        assert_eq!(set.sso_sessions().count(), 1);
        assert!(set.profile("corp").is_none());
    }

    #[test]
    fn parse_errors_name_the_file_and_line() {
        let err = ProfileSet::parse(Some("[default]\nregion = x\n"), Some("[default]\n\nregion : x")).unwrap_err();
        assert_eq!(
            err,
            ProfileError::Parse { file: "the credentials file".into(), line: 3, message: "Expected an '=' sign defining a property" }
        );
        assert_eq!(err.to_string(), "error in the credentials file at line 3: Expected an '=' sign defining a property");
        // Syntax counts even in sections that are ignored.
        assert!(ProfileSet::parse(Some("[ignored]\nnot a property"), None).is_err());
    }

    const KEYS: &str = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = SECRETDEFAULT\naws_session_token = TOKENDEFAULT\naws_account_id = 123456789012\n";

    #[test]
    fn static_credentials() {
        let set = ProfileSet::parse(None, Some(KEYS)).unwrap();
        let creds = credentials(&set, "default").unwrap();
        assert_eq!(creds.access_key_id(), "AKIDDEFAULT");
        assert_eq!(creds.secret_access_key(), "SECRETDEFAULT");
        assert_eq!(creds.session_token(), Some("TOKENDEFAULT"));
        assert_eq!(creds.expiry(), None);
        assert_eq!(creds.account_id().map(|a| a.as_str()), Some("123456789012"));
        let debug = format!("{creds:?}");
        assert!(debug.contains("ProfileFile") && !debug.contains("SECRETDEFAULT"), "{debug}");
        // Without a token, and with the names in another case.
        let set =
            ProfileSet::parse(Some("[profile p]\nAWS_ACCESS_KEY_ID = A\nAws_Secret_Access_Key = S\naws_session_token =\n"), None).unwrap();
        let creds = credentials(&set, "p").unwrap();
        assert_eq!((creds.access_key_id(), creds.secret_access_key(), creds.session_token()), ("A", "S", None));
    }

    #[test]
    fn half_a_key_pair_is_an_error_naming_the_profile_and_the_missing_key() {
        let set =
            ProfileSet::parse(None, Some("[a]\naws_access_key_id = AKID\n[b]\naws_secret_access_key = SECRET\n[c]\nregion = x")).unwrap();
        let err = credentials(&set, "a").unwrap_err();
        assert_eq!(err.to_string(), "profile `a` has aws_access_key_id but no aws_secret_access_key");
        assert_eq!(credentials(&set, "b").unwrap_err().to_string(), "profile `b` has aws_secret_access_key but no aws_access_key_id");
        assert!(credentials(&set, "c").unwrap_err().to_string().starts_with("profile `c` has no credentials"));
        let err = credentials(&set, "nope").unwrap_err();
        assert_eq!(err, ProfileError::NoProfile { profile: "nope".into() });
        assert!(err.to_string().contains("`nope`"));
    }

    #[test]
    fn the_credentials_file_wins_over_the_config_file() {
        let config = "[profile dev]\naws_access_key_id = CONFIGKEY\naws_secret_access_key = CONFIGSECRET\nregion = ap-south-1\n";
        let set =
            ProfileSet::parse(Some(config), Some("[dev]\naws_access_key_id = CREDKEY\naws_secret_access_key = CREDSECRET\n")).unwrap();
        let creds = credentials(&set, "dev").unwrap();
        assert_eq!((creds.access_key_id(), creds.secret_access_key()), ("CREDKEY", "CREDSECRET"));
        assert_eq!(region(&set, "dev").as_deref(), Some("ap-south-1"));
    }

    #[test]
    fn profiles_that_need_aws_config_say_so() {
        let config = "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = default\n\
                      [profile sso]\nsso_session = corp\n[profile web]\nweb_identity_token_file = /t\n";
        let set = ProfileSet::parse(Some(config), Some(KEYS)).unwrap();
        for (profile, setting) in [("role", "role_arn"), ("sso", "sso_session"), ("web", "web_identity_token_file")] {
            let err = credentials(&set, profile).unwrap_err();
            let text = err.to_string();
            assert!(text.contains(&format!("`{profile}`")) && text.contains(setting), "{text}");
            assert!(text.contains("sdk-config") && text.contains("Config::from_sdk_config") && text.contains("aws-config"), "{text}");
        }
        // Static keys beside a role do not hide it.
        let set = ProfileSet::parse(None, Some(&format!("{KEYS}role_arn = arn:aws:iam::1:role/R\n"))).unwrap();
        assert!(matches!(credentials(&set, "default"), Err(ProfileError::Unsupported { setting: "role_arn", .. })));
    }

    #[test]
    fn load_reads_the_files_and_names_them_in_errors() {
        let dir = ::std::env::temp_dir().join(format!("profile-load-{}-{:?}", ::std::process::id(), SystemTime::now()));
        ::std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join("config");
        ::std::fs::write(&config, "[default]\nregion = eu-north-1\n").unwrap();
        let vars = |config: PathBuf, credentials: PathBuf| {
            move |k: &str| match k {
                "AWS_CONFIG_FILE" => Some(config.display().to_string()),
                "AWS_SHARED_CREDENTIALS_FILE" => Some(credentials.display().to_string()),
                _ => None,
            }
        };
        // A missing credentials file is an empty one.
        let set = load(&vars(config.clone(), dir.join("absent")), false).unwrap();
        assert_eq!(region(&set, "default").as_deref(), Some("eu-north-1"));
        // A directory cannot be read.
        let err = load(&vars(config.clone(), dir.clone()), false).unwrap_err();
        assert!(matches!(&err, ProfileError::Read { path, .. } if *path == dir), "{err:?}");
        assert!(err.to_string().contains(&dir.display().to_string()));
        ::std::fs::write(&config, "[default\n").unwrap();
        let err = load(&vars(config.clone(), dir.join("absent")), false).unwrap_err();
        assert_eq!(err.to_string(), format!("error in {} at line 1: Profile definition must end with ']'", config.display()));
        assert!(load(&no_env, false).unwrap().is_empty());
        ::std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A `credential_process` profile running `script` from a fresh temporary file.
    #[cfg(unix)]
    fn with_script(script: &str, test: impl FnOnce(Result<Credentials, ProfileError>)) {
        use ::std::os::unix::fs::PermissionsExt;
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos();
        let path = ::std::env::temp_dir().join(format!("profile-process-{}-{nanos}.sh", ::std::process::id()));
        ::std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
        ::std::fs::set_permissions(&path, ::std::fs::Permissions::from_mode(0o700)).unwrap();
        let config = format!("[profile proc]\ncredential_process = '{}' --flag\n", path.display());
        let set = ProfileSet::parse(Some(&config), None).unwrap();
        let result = credentials(&set, "proc");
        ::std::fs::remove_file(&path).unwrap();
        test(result);
    }

    #[cfg(unix)]
    #[test]
    fn credential_process_output_becomes_credentials() {
        let json = r#"{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "PROCSECRET", "SessionToken": "PROCTOKEN", "Expiration": "2030-01-02T03:04:05Z"}"#;
        with_script(&format!("test \"$1\" = --flag || exit 9\necho '{json}'"), |result| {
            let creds = result.unwrap();
            assert_eq!(
                (creds.access_key_id(), creds.secret_access_key(), creds.session_token()),
                ("AKIDPROC", "PROCSECRET", Some("PROCTOKEN"))
            );
            assert_eq!(creds.expiry(), Some(SystemTime::UNIX_EPOCH + ::std::time::Duration::from_secs(1_893_553_445)));
            assert!(format!("{creds:?}").contains("CredentialProcess"));
        });
        // An offset, no session token, an account id.
        let json = r#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "2030-01-02T04:04:05+01:00", "AccountId": "111122223333"}"#;
        with_script(&format!("echo '{json}'"), |result| {
            let creds = result.unwrap();
            assert_eq!(creds.session_token(), None);
            assert_eq!(creds.expiry(), Some(SystemTime::UNIX_EPOCH + ::std::time::Duration::from_secs(1_893_553_445)));
            assert_eq!(creds.account_id().map(|a| a.as_str()), Some("111122223333"));
        });
        with_script(r#"echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S"}'"#, |result| {
            assert_eq!(result.unwrap().expiry(), None)
        });
    }

    #[cfg(unix)]
    #[test]
    fn credential_process_failures_name_the_problem_but_no_secret() {
        let json = r#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "PROCSECRET", "SessionToken": "PROCTOKEN"}"#;
        let cases = [
            (
                format!("echo '{json}'\necho ' token expired: run login ' >&2\nexit 3"),
                "it failed (exit status: 3): token expired: run login",
            ),
            (format!("echo '{json}'\necho \"leaked PROCSECRET\" >&2\nexit 1"), "leaked *** Sensitive Data Redacted ***"),
            ("exit 1".to_string(), "it failed (exit status: 1)"),
            ("echo 'SessionToken PROCTOKEN'".to_string(), "its output is not JSON (line 1, column 1)"),
            (
                r#"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "PROCSECRET"}'"#.to_string(),
                "its output has Version 2; only 1 is known",
            ),
            (r#"echo '{"AccessKeyId": "A", "SecretAccessKey": "PROCSECRET"}'"#.to_string(), "its output has no Version"),
            (r#"echo '{"Version": 1, "AccessKeyId": "A"}'"#.to_string(), "its output has no SecretAccessKey"),
            (r#"echo '{"Version": 1, "SecretAccessKey": "PROCSECRET"}'"#.to_string(), "its output has no AccessKeyId"),
            (
                r#"echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "PROCSECRET", "Expiration": "tomorrow"}'"#.to_string(),
                "its Expiration \"tomorrow\" is not an RFC 3339 date-time",
            ),
        ];
        for (script, wanted) in cases {
            with_script(&script, |result| {
                let err = result.unwrap_err();
                for text in [err.to_string(), format!("{err:?}"), format!("{err:#?}")] {
                    assert!(!text.contains("PROCSECRET") && !text.contains("PROCTOKEN"), "{text}");
                    assert!(text.contains("`proc`") || text.contains("\"proc\""), "{text}");
                }
                assert!(err.to_string().contains(wanted), "{err} does not contain {wanted}");
                assert!(err.to_string().starts_with("the credential_process of profile `proc`: "), "{err}");
            });
        }
    }

    #[test]
    fn no_error_or_debug_output_shows_a_secret() {
        let config = "[profile half]\naws_secret_access_key = SECRETHALF\naws_session_token = TOKENHALF\n\
                      [profile role]\nrole_arn = arn\naws_access_key_id = A\naws_secret_access_key = SECRETROLE\n\
                      [profile bad]\naws_access_key_id = A\naws_session_token = TOKENBAD\n";
        let set = ProfileSet::parse(Some(config), Some(KEYS)).unwrap();
        let mut errors: Vec<ProfileError> = ["half", "role", "bad", "absent"].iter().map(|p| credentials(&set, p).unwrap_err()).collect();
        errors.push(ProfileSet::parse(Some("[default]\naws_secret_access_key SECRETPARSE"), None).unwrap_err());
        errors.push(ProfileSet::parse(Some("[default]\naws_secret_access_key =\n SECRETSUB"), None).unwrap_err());
        errors.push(ProfileSet::parse(Some("aws_secret_access_key = SECRETTOP"), None).unwrap_err());
        let secrets = ["SECRET", "TOKEN"];
        for err in &errors {
            for text in [err.to_string(), format!("{err:?}")] {
                assert!(secrets.iter().all(|s| !text.contains(s)), "{text}");
            }
        }
        // The parsed set's Debug redacts its secret values too.
        let debug = format!("{set:?}");
        assert!(secrets.iter().all(|s| !debug.contains(s)), "{debug}");
        assert!(debug.contains("AKIDDEFAULT") && debug.contains(super::super::REDACTED), "{debug}");
    }
}
