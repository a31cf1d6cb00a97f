//! Temporary credentials that expire in the middle of a Connect follow session
//! (`ListRealtimeContactAnalysisSegmentsV2` polled in follow mode against a local server), from
//! three real sources on 127.0.0.1:
//!
//! - aws-config's ECS container provider (`AWS_CONTAINER_CREDENTIALS_FULL_URI`), run in a child
//!   process of this binary: aws-config reads that variable only from the process environment
//!   (`ProviderConfig::with_env` is not public), and tests must not change their own;
//! - aws-config's IMDSv2 provider, with its client pointed at a loopback metadata server;
//! - a `credential_process` profile read by the client's own `DefaultChain`, with an injected env.
//!
//! Each source hands out credentials that live about three seconds. The session keeps polling
//! until a poll arrives after the first credentials expired; the service server then checks that
//! every request was signed (valid SigV4 for the matching secret, matching session token) with
//! credentials that had not yet expired, first with fetch 1 and later with fetch 2 or after.
//! A failing `credential_process` fails the call with `SdkError::Credentials` and sends nothing.
//! And `Config::from_sdk_config` carries an aws-config `SdkConfig`'s settings into the client.

use aws_smithy_types::date_time::{DateTime, Format};
use aws_smithy_types::error::display::DisplayErrorContext;
use connect::client::{ConnectApi, ProvideCredentials};
use connect::rt::provider::{DefaultChain, Env};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use workspace_tests::local_server::{LocalServer, ok_json, reply};
use workspace_tests::sigv4_check::{self, Keys};

const REGION: &str = "us-east-1";
/// How long issued credentials live, rounded down to a whole second (Expiration has no fraction):
/// the client's cache loads them again halfway, one to one and a half seconds in.
const LIFETIME: Duration = Duration::from_secs(3);
/// The follow interval: the service answers every poll but the first and last with nothing new.
const INTERVAL: Duration = Duration::from_millis(150);
/// The session ends at the first poll this long after the first credentials expired.
const PAST_EXPIRY: Duration = Duration::from_millis(300);
/// Polls after which the service ends the session whatever happened (so it always stops).
const MAX_POLLS: usize = 100;
/// Where the ECS test tells its child process the service is.
const SERVICE_URL_VAR: &str = "CREDENTIALS_TEST_SERVICE_URL";
const ECS_AUTH: &str = "ecs-authorization-token";
const IMDS_TOKEN: &str = "imds-session-token";
const IMDS_ROLE: &str = "connect-agent-role";

/// The expiry times of the credentials a source issued so far (fetch `n` at index `n - 1`).
type Expiries = Arc<dyn Fn() -> Vec<SystemTime> + Send + Sync>;

/// The credentials handed out by a server the test runs.
#[derive(Clone, Default)]
struct Issued(Arc<Mutex<Vec<SystemTime>>>);

impl Issued {
    /// Issues the next credentials: their number and RFC 3339 expiration.
    fn issue(&self) -> (usize, String) {
        let (at, text) = expiry_from_now();
        let mut all = self.0.lock().unwrap();
        all.push(at);
        (all.len(), text)
    }
    fn expiries(&self) -> Expiries {
        let all = Arc::clone(&self.0);
        Arc::new(move || all.lock().unwrap().clone())
    }
}

/// `now + LIFETIME` rounded down to a second, as a time and as RFC 3339.
fn expiry_from_now() -> (SystemTime, String) {
    let secs = (SystemTime::now() + LIFETIME).duration_since(UNIX_EPOCH).unwrap().as_secs();
    let text = DateTime::from_secs(secs as i64).fmt(Format::DateTime).unwrap();
    (UNIX_EPOCH + Duration::from_secs(secs), text)
}

/// A credentials document of fetch `n`, with `Token` named as the source names it.
fn credentials_json(prefix: &str, n: usize, token_field: &str, expiration: &str, extra: &[(&str, &str)]) -> String {
    let mut doc = json!({
        "AccessKeyId": format!("{prefix}{n}"), "SecretAccessKey": format!("secret{n}"), "Expiration": expiration,
    });
    doc[token_field] = json!(format!("token{n}"));
    for (k, v) in extra {
        doc[*k] = json!(v);
    }
    doc.to_string()
}

fn v2_input() -> connect::operation::list_realtime_contact_analysis_segments_v2::Input {
    use connect::types::{RealTimeContactAnalysisOutputType, RealTimeContactAnalysisSegmentType};
    connect::operation::list_realtime_contact_analysis_segments_v2::Input::builder()
        .instance_id("inst-1")
        .contact_id("contact-1")
        .output_type(RealTimeContactAnalysisOutputType::Raw)
        .segment_types(vec![RealTimeContactAnalysisSegmentType::Transcript])
        .build()
        .unwrap()
}

fn v2_transcript(id: &str, content: &str) -> Value {
    json!({"Transcript": {
        "Id": id, "ParticipantId": "p-1", "ParticipantRole": "CUSTOMER", "DisplayName": "Jane",
        "Content": content, "Sentiment": "NEUTRAL", "Time": {"AbsoluteTime": "2024-05-01T10:00:03Z"},
    }})
}

fn v2_page(segments: Vec<Value>, next_token: Option<&str>, status: &str) -> String {
    let mut page = json!({ "Channel": "CHAT", "Status": status, "Segments": segments });
    if let Some(t) = next_token {
        page["NextToken"] = json!(t);
    }
    page.to_string()
}

/// The Connect service: segment 1 first, then nothing new (same token) until a poll arrives
/// `PAST_EXPIRY` after the first credentials expired, which gets segment 2 and no token.
struct Service {
    server: LocalServer,
    arrivals: Arc<Mutex<Vec<SystemTime>>>,
}

impl Service {
    fn start(expiries: Expiries) -> Self {
        let arrivals: Arc<Mutex<Vec<SystemTime>>> = Arc::default();
        let seen = Arc::clone(&arrivals);
        let server = LocalServer::start(move |_, i| {
            let now = SystemTime::now();
            seen.lock().unwrap().push(now);
            let past = expiries().first().is_some_and(|e| now > *e + PAST_EXPIRY);
            match i {
                0 => ok_json(&v2_page(vec![v2_transcript("1", "Hi")], Some("A"), "IN_PROGRESS")),
                _ if past || i + 1 >= MAX_POLLS => ok_json(&v2_page(vec![v2_transcript("2", "Bye")], None, "COMPLETED")),
                _ => ok_json(&v2_page(vec![], Some("A"), "IN_PROGRESS")),
            }
        });
        Service { server, arrivals }
    }

    /// Checks every request against the credentials issued (`<prefix><n>`, `secret<n>`,
    /// `token<n>`, expiring at `expiries[n - 1]`): see the module comment.
    fn check_signatures(&self, prefix: &str, expiries: &[SystemTime]) {
        let requests = self.server.requests();
        let arrivals = self.arrivals.lock().unwrap().clone();
        assert_eq!(requests.len(), arrivals.len());
        let mut used = Vec::new();
        for (i, (req, at)) in requests.iter().zip(&arrivals).enumerate() {
            let auth =
                req.headers().get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("request {i} is not signed"));
            let akid = auth.split("Credential=").nth(1).and_then(|s| s.split('/').next()).unwrap_or_else(|| panic!("{auth}"));
            let n: usize = akid.strip_prefix(prefix).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("request {i} signed by {akid}"));
            assert!((1..=expiries.len()).contains(&n), "request {i} signed by {akid}, but {} were issued", expiries.len());
            let (secret, token) = (format!("secret{n}"), format!("token{n}"));
            let sent_token = req.headers().get("x-amz-security-token").and_then(|v| v.to_str().ok());
            assert_eq!(sent_token, Some(token.as_str()), "request {i}, signed by {akid}");
            let keys = Keys { access_key_id: akid, secret_access_key: &secret, session_token: Some(&token) };
            sigv4_check::verify(req, &keys, REGION, "connect").unwrap_or_else(|e| panic!("request {i}: {e}"));
            let expiry = expiries[n - 1];
            assert!(*at < expiry, "request {i} arrived at {} signed by {akid}, expired at {}", DateTime::from(*at), DateTime::from(expiry));
            used.push(n);
        }
        assert_eq!(used.first(), Some(&1), "the first request is signed by the first credentials: {used:?}");
        assert!(used.windows(2).all(|w| w[0] <= w[1]), "signers go back to older credentials: {used:?}");
        assert!(used.contains(&2), "no request signed by {prefix}2: {used:?}");
        let last = *arrivals.last().unwrap();
        assert!(last > expiries[0], "the session ended before the first credentials expired");
    }
}

/// Follows the segments at `url` with credentials from `provider`: the segment ids and the polls.
async fn follow_session(url: &str, provider: impl ProvideCredentials + 'static) -> Result<(Vec<String>, usize), String> {
    let config = connect::Config::builder()
        .region(REGION)
        .endpoint_url(url)
        .credentials_provider(provider)
        .timeout(Duration::from_secs(5))
        .max_attempts(1)
        .build()
        .unwrap();
    let client = connect::Client::new(config);
    let mut pages = client.list_realtime_contact_analysis_segments_v2_paginator(v2_input()).follow(INTERVAL);
    let (mut ids, mut polls) = (Vec::new(), 0);
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| format!("poll {polls}: {}", DisplayErrorContext(&e)))?;
        polls += 1;
        for s in &page.segments {
            match s {
                connect::types::RealtimeContactAnalysisSegment::Transcript(t) => ids.push(t.id.clone()),
                other => return Err(format!("unexpected segment {other:?}")),
            }
        }
    }
    Ok((ids, polls))
}

#[test]
fn ecs_container_credentials_are_loaded_again_before_they_expire() {
    let issued = Issued::default();
    let creds = {
        let issued = issued.clone();
        LocalServer::start(move |req, _| {
            if req.method() != "GET" || req.uri().path() != "/creds" {
                return reply(404, &[], "no such credentials");
            }
            let (n, expiration) = issued.issue();
            ok_json(&credentials_json("AKID", n, "Token", &expiration, &[("RoleArn", "arn:aws:iam::123456789012:role/ecs")]))
        })
    };
    let service = Service::start(issued.expiries());
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "ecs_session_in_a_child_process", "--ignored", "--nocapture", "--test-threads=1"])
        .env_clear()
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", format!("{}/creds", creds.url()))
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", ECS_AUTH)
        .env(SERVICE_URL_VAR, service.server.url())
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    // "1 passed": the child really ran the session (a misspelt filter runs nothing and passes).
    assert!(output.status.success() && stdout.contains(" 1 passed"), "the child's session failed:\n{stdout}\n{stderr}");
    // Printed after libtest's "test ... " on the same line.
    let polls = stdout.split("polls: ").nth(1).and_then(|s| s.split_whitespace().next()).and_then(|n| n.parse::<usize>().ok());
    let polls = polls.unwrap_or_else(|| panic!("the child printed no poll count:\n{stdout}"));
    assert_eq!(polls, service.server.count(), "one request per poll");

    let fetches = creds.requests();
    assert!(fetches.len() >= 2, "the credentials were fetched {} time(s)", fetches.len());
    for f in &fetches {
        assert_eq!((f.method().as_str(), f.uri().path()), ("GET", "/creds"));
        assert_eq!(f.headers().get("authorization").and_then(|v| v.to_str().ok()), Some(ECS_AUTH));
    }
    service.check_signatures("AKID", &(issued.expiries())());
}

/// The ECS session itself, run by the test above in a process whose environment names the
/// container credentials endpoint.
#[tokio::test]
#[ignore = "run by ecs_container_credentials_are_loaded_again_before_they_expire in a child process"]
async fn ecs_session_in_a_child_process() {
    let Ok(url) = std::env::var(SERVICE_URL_VAR) else {
        eprintln!("skipped: {SERVICE_URL_VAR} is not set (the ECS test sets it for its child process)");
        return;
    };
    let provider = aws_config::ecs::EcsCredentialsProvider::builder().build();
    let (ids, polls) = follow_session(&url, provider).await.unwrap();
    assert_eq!(ids, ["1", "2"]);
    println!("polls: {polls}");
}

/// The metadata server: IMDSv2 tokens, the instance's role, and its credentials.
fn imds_answer(req: &http::Request<Vec<u8>>, issued: &Issued) -> http::Response<Vec<u8>> {
    const CREDENTIALS: &str = "/latest/meta-data/iam/security-credentials/";
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    let path = req.uri().path();
    if req.method() == "PUT" && path == "/latest/api/token" {
        return match header("x-aws-ec2-metadata-token-ttl-seconds") {
            Some(ttl) if ttl.parse::<u64>().is_ok() => reply(200, &[("x-aws-ec2-metadata-token-ttl-seconds", ttl)], IMDS_TOKEN),
            _ => reply(400, &[], "missing or bad x-aws-ec2-metadata-token-ttl-seconds"),
        };
    }
    if req.method() != "GET" {
        return reply(405, &[], "");
    }
    if header("x-aws-ec2-metadata-token") != Some(IMDS_TOKEN) {
        return reply(401, &[], "");
    }
    match path.strip_prefix(CREDENTIALS) {
        Some("") => reply(200, &[], IMDS_ROLE),
        Some(role) if role == IMDS_ROLE => {
            let (n, expiration) = issued.issue();
            let extra = [("Code", "Success"), ("Type", "AWS-HMAC"), ("LastUpdated", "2024-05-01T10:00:00Z")];
            reply(200, &[], &credentials_json("IMDS", n, "Token", &expiration, &extra))
        }
        _ => reply(404, &[], ""),
    }
}

#[tokio::test]
async fn imds_credentials_are_loaded_again_before_they_expire() {
    use aws_config::imds::credentials::ImdsCredentialsProvider;
    use aws_config::provider_config::ProviderConfig;
    let issued = Issued::default();
    let imds = {
        let issued = issued.clone();
        LocalServer::start(move |req, _| imds_answer(req, &issued))
    };
    // The default provider configuration: the endpoint is set here, so of the environment only
    // AWS_EC2_METADATA_DISABLED is read. aws-config keeps short IMDS expirations as they are (it
    // extends only credentials that have already expired), so the client's cache loads them again.
    let config = ProviderConfig::default();
    let client = aws_config::imds::Client::builder().endpoint(imds.url()).unwrap().configure(&config).build();
    let provider = ImdsCredentialsProvider::builder().configure(&config).imds_client(client).build();
    let service = Service::start(issued.expiries());
    let (ids, polls) = follow_session(&service.server.url(), provider).await.unwrap();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(polls, service.server.count(), "one request per poll");

    let requests = imds.requests();
    let role_path = format!("/latest/meta-data/iam/security-credentials/{IMDS_ROLE}");
    let count = |method: &str, path: &str| requests.iter().filter(|r| r.method() == method && r.uri().path() == path).count();
    assert_eq!(count("PUT", "/latest/api/token"), 1, "the session token is kept for its TTL");
    let fetches = count("GET", &role_path);
    assert!(fetches >= 2, "the credentials were fetched {fetches} time(s)");
    assert_eq!(count("GET", "/latest/meta-data/iam/security-credentials/"), fetches, "the role is looked up before each fetch");
    assert_eq!(
        requests.len(),
        1 + 2 * fetches,
        "nothing else was asked (nor refused): {:?}",
        requests.iter().map(|r| r.uri()).collect::<Vec<_>>()
    );
    service.check_signatures("IMDS", &(issued.expiries())());
}

/// A fresh directory for one test's shared files, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("credentials-test-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
    /// Writes `config` holding `profile` whose `credential_process` runs `script` (written
    /// here), and returns the variables that point the chain at it (no credentials file).
    fn process_profile(&self, profile: &str, script: &str) -> Env {
        let script_path = self.path(&format!("{profile}.sh"));
        std::fs::write(&script_path, script).unwrap();
        let config = format!("[profile {profile}]\ncredential_process = sh '{}'\n", script_path.display());
        std::fs::write(self.path("config"), config).unwrap();
        let vars = [
            ("AWS_CONFIG_FILE", self.path("config").display().to_string()),
            ("AWS_SHARED_CREDENTIALS_FILE", self.path("no-credentials").display().to_string()),
        ];
        Arc::new(move |k: &str| vars.iter().find(|(name, _)| *name == k).map(|(_, v)| v.clone()))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Expiry times (Unix seconds, one a line) in `path`.
fn read_expiries(path: &Path) -> Vec<SystemTime> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().map(|l| UNIX_EPOCH + Duration::from_secs(l.trim().parse().expect("Unix seconds"))).collect()
}

#[tokio::test]
async fn credential_process_runs_again_before_its_credentials_expire() {
    let dir = TempDir::new("process");
    let (count, log) = (dir.path("count"), dir.path("issued"));
    let script = format!(
        r#"n=$(( $(cat '{count}' 2>/dev/null || echo 0) + 1 ))
echo "$n" > '{count}'
exp=$(( $(date +%s) + {lifetime} ))
echo "$exp" >> '{log}'
printf '{{"Version":1,"AccessKeyId":"PROC%s","SecretAccessKey":"secret%s","SessionToken":"token%s","Expiration":"%s"}}\n' \
  "$n" "$n" "$n" "$(date -u -d "@$exp" +%Y-%m-%dT%H:%M:%SZ)"
"#,
        count = count.display(),
        log = log.display(),
        lifetime = LIFETIME.as_secs(),
    );
    let env = dir.process_profile("proc", &script);
    let expiries: Expiries = Arc::new(move || read_expiries(&log));
    let service = Service::start(Arc::clone(&expiries));
    let chain = DefaultChain::with_env(Some("proc".into()), env);
    let (ids, polls) = follow_session(&service.server.url(), chain).await.unwrap();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(polls, service.server.count(), "one request per poll");

    let runs: usize = std::fs::read_to_string(&count).unwrap().trim().parse().unwrap();
    assert!(runs >= 2, "the credential_process ran {runs} time(s)");
    let expiries = expiries();
    assert_eq!(expiries.len(), runs);
    service.check_signatures("PROC", &expiries);
}

#[tokio::test]
async fn a_failing_credential_process_fails_the_call_and_sends_nothing() {
    let dir = TempDir::new("failing");
    let env = dir.process_profile("broken", "echo 'the token broker is down' >&2\nexit 3\n");
    let server = LocalServer::scripted(vec![]);
    let config = connect::Config::builder()
        .region(REGION)
        .endpoint_url(server.url())
        .credentials_provider(DefaultChain::with_env(Some("broken".into()), env))
        .build()
        .unwrap();
    let client = connect::Client::new(config);
    let err = client.list_realtime_contact_analysis_segments_v2(v2_input()).await.unwrap_err();
    assert!(matches!(err, connect::client::SdkError::Credentials(_)), "{err:?}");
    let text = err.to_string();
    for part in ["credential_process of profile `broken`", "exit status: 3", "the token broker is down"] {
        assert!(text.contains(part), "{part:?} is not in: {text}");
    }
    assert!(!text.contains("broken.sh"), "the command is not shown: {text}");
    assert_eq!(server.count(), 0, "nothing was sent");
}

/// `Config::from_sdk_config` takes what aws-config's `SdkConfig` holds: region, credentials
/// provider, endpoint URL, retry and timeout settings, app name; the call is signed with the
/// provider's key and names the app.
#[tokio::test]
async fn a_config_from_the_aws_sdks_sdk_config() {
    use aws_config::retry::RetryConfig;
    use aws_config::timeout::TimeoutConfig;
    let server = LocalServer::start(|_, _| ok_json(&v2_page(vec![], None, "COMPLETED")));
    let provider = aws_credential_types::Credentials::new("SDKAKID", "sdk-secret", None, None, "test");
    let sdk = aws_config::SdkConfig::builder()
        .region(aws_config::Region::new("eu-central-1"))
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(provider))
        .endpoint_url(server.url())
        .retry_config(RetryConfig::standard().with_max_attempts(5).with_initial_backoff(Duration::from_millis(7)))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2))
                .operation_attempt_timeout(Duration::from_secs(3))
                .operation_timeout(Duration::from_secs(9))
                .build(),
        )
        .app_name(aws_config::AppName::new("from-sdk").unwrap())
        .use_fips(false)
        .build();
    let config = connect::Config::from_sdk_config(&sdk).build().unwrap();
    assert_eq!(config.region(), "eu-central-1");
    assert_eq!(config.retry().max_attempts(), 5);
    assert_eq!(config.retry().initial_backoff(), Duration::from_millis(7));
    assert_eq!(
        (config.connect_timeout(), config.timeout(), config.operation_timeout()),
        (Some(Duration::from_secs(2)), Some(Duration::from_secs(3)), Some(Duration::from_secs(9)))
    );
    assert_eq!(config.app_name(), Some("from-sdk"));
    assert_eq!(config.use_fips(), Some(false));
    let client = connect::Client::new(config);
    client.list_realtime_contact_analysis_segments_v2(v2_input()).await.unwrap();
    let req = &server.requests()[0];
    let auth = req.headers()["authorization"].to_str().unwrap();
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=SDKAKID/") && auth.contains("/eu-central-1/connect/"), "{auth}");
    assert!(req.headers()["x-amz-user-agent"].to_str().unwrap().ends_with(" app/from-sdk"));
}
