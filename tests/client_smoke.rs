//! The generated client end to end over an in-memory transport: SigV4 headers, error mapping by
//! code, retries, paginators with follow mode, and the validating stub.

use connect::client::{ConnectApi, Credentials, RetryConfig, SdkError, ThreadSleep};
use connect::operation::{describe_instance, list_instances, list_realtime_contact_analysis_segments_v2 as segments_v2};
use connect::types;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One scripted answer: status, headers, body.
type Answer = (u16, Vec<(&'static str, &'static str)>, &'static str);
type Script = Arc<Mutex<Vec<Answer>>>;
type Seen = Arc<Mutex<Vec<http::Request<Vec<u8>>>>>;

/// A client whose transport answers from `script` in order and records the requests.
fn client(script: Vec<Answer>) -> (connect::Client, Seen) {
    let script: Script = Arc::new(Mutex::new(script.into_iter().rev().collect()));
    let seen: Seen = Arc::default();
    let seen2 = seen.clone();
    let transport = move |req: http::Request<Vec<u8>>| {
        seen2.lock().unwrap().push(req);
        let next = script.lock().unwrap().pop();
        async move {
            let (status, headers, body) = next.ok_or_else(|| connect::client::TransportError::new("script exhausted"))?;
            let mut b = http::Response::builder().status(status);
            for (k, v) in headers {
                b = b.header(k, v);
            }
            Ok(b.body(body.as_bytes().to_vec()).unwrap())
        }
    };
    let config = connect::Config::builder()
        .region("us-west-2")
        .credentials(Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Some("TOKEN".into())))
        .endpoint_url("http://127.0.0.1:1")
        .retry(RetryConfig::default().with_max_attempts(3).with_initial_backoff(Duration::from_millis(1)))
        .transport(transport)
        .sleep(ThreadSleep)
        .build()
        .unwrap();
    (connect::Client::new(config), seen)
}

#[tokio::test]
async fn signs_sends_and_maps_errors_by_code() {
    let (c, seen) = client(vec![
        (500, vec![], "{}"),
        (429, vec![("x-amzn-errortype", "ThrottlingException")], r#"{"Message":"slow down"}"#),
        (200, vec![], r#"{"Instance":{"Id":"i-1","InstanceAlias":"demo"}}"#),
        (404, vec![("x-amzn-errortype", "ResourceNotFoundException:http://x")], r#"{"Message":"no such instance"}"#),
    ]);
    let input = describe_instance::Input::builder().instance_id("i-1").build().unwrap();
    let out = c.describe_instance(input.clone()).await.unwrap();
    assert_eq!(out.instance.unwrap().instance_alias.as_deref(), Some("demo"));
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 3, "two retries then success");
        let r = &seen[2];
        assert_eq!(r.method(), "GET");
        assert_eq!(r.uri().to_string(), "http://127.0.0.1:1/instance/i-1");
        let auth = r.headers()["authorization"].to_str().unwrap();
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "{auth}");
        assert!(auth.contains("/us-west-2/connect/aws4_request"), "{auth}");
        assert_eq!(r.headers()["x-amz-security-token"], "TOKEN");
        assert!(r.headers().get("content-type").is_none(), "GET without a body has no Content-Type");
    }
    let err = c.describe_instance(input).await.unwrap_err();
    match err {
        SdkError::Service(describe_instance::Error::ResourceNotFoundException(e), _) => {
            assert_eq!(e.message.as_deref(), Some("no such instance"))
        }
        other => panic!("{other:?}"),
    }
    let missing = c.describe_instance(describe_instance::Input::builder().instance_id("").build().unwrap()).await.unwrap_err();
    assert!(matches!(missing, SdkError::Construction(_)), "{missing:?}");
    assert!(!format!("{:?}", c).contains("wJalrXUtnFEMI"), "Debug leaks the secret");
}

#[tokio::test]
async fn paginators_stop_on_absent_or_repeated_tokens_and_follow_keeps_polling() {
    let (c, _) = client(vec![
        (200, vec![], r#"{"InstanceSummaryList":[{"Id":"a"}],"NextToken":"t1"}"#),
        (200, vec![], r#"{"InstanceSummaryList":[{"Id":"b"},{"Id":"c"}],"NextToken":"t2"}"#),
        (200, vec![], r#"{"InstanceSummaryList":[{"Id":"d"}]}"#),
    ]);
    let items = c.list_instances_paginator(list_instances::Input::builder().build()).items().all().await.unwrap();
    let ids: Vec<_> = items.iter().map(|i| i.id.clone().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"]);

    let page = |token: &'static str, n: usize| -> &'static str {
        match (token, n) {
            ("t", 0) => r#"{"Channel":"CHAT","Status":"IN_PROGRESS","Segments":[],"NextToken":"t"}"#,
            ("t", 1) => {
                r#"{"Channel":"CHAT","Status":"IN_PROGRESS","Segments":[{"Transcript":{"Id":"1","ParticipantId":"p","ParticipantRole":"CUSTOMER","Content":"hi","Time":{"AbsoluteTime":"2023-11-14T22:13:20Z"}}}],"NextToken":"t"}"#
            }
            _ => r#"{"Channel":"CHAT","Status":"COMPLETED","Segments":[]}"#,
        }
    };
    let script = [("t", 1), ("t", 0), ("t", 1), ("t", 0), ("t", 0), ("", 0)];
    let (c, seen) = client(script.iter().map(|(t, n)| (200, vec![], page(t, *n))).collect());
    let input = segments_v2::Input::builder()
        .instance_id("i")
        .contact_id("c")
        .output_type(types::RealTimeContactAnalysisOutputType::Raw)
        .segment_types(vec![types::RealTimeContactAnalysisSegmentType::Transcript])
        .build()
        .unwrap();
    let mut p = c.list_realtime_contact_analysis_segments_v2_paginator(input.clone());
    p.next().await.unwrap().unwrap();
    p.next().await.unwrap().unwrap();
    assert!(p.next().await.is_none(), "without follow a repeated token ends paging");
    let mut p = c.list_realtime_contact_analysis_segments_v2_paginator(input).follow(Duration::from_millis(1)).sleep(ThreadSleep);
    let mut pages = 0;
    while let Some(page) = p.next().await {
        page.unwrap();
        pages += 1;
    }
    assert_eq!(pages, 4, "follow polls while the token is present");
    assert_eq!(seen.lock().unwrap().len(), 6);
}

#[tokio::test]
async fn stub_validates_queues_and_records() {
    let stub = connect::stub::Stub::new();
    stub.push_output::<list_instances::ListInstances>(types::ListInstancesResponse::builder().next_token("x").build());
    let api: &dyn ConnectApi = &stub;
    let bad = list_instances::Input::builder().max_results(1000).build();
    match api.list_instances(bad).await.unwrap_err() {
        SdkError::Service(list_instances::Error::InvalidRequestException(e), _) => {
            assert!(e.message.as_deref().unwrap().contains("/MaxResults"), "{e:?}")
        }
        other => panic!("{other:?}"),
    }
    let ok = api.list_instances(list_instances::Input::builder().max_results(10).build()).await.unwrap();
    assert_eq!(ok.next_token.as_deref(), Some("x"));
    assert_eq!(stub.operations(), ["ListInstances", "ListInstances"]);
    assert_eq!(stub.inputs::<list_instances::ListInstances>()[1].max_results, Some(10));
}

/// A config builder with a transport that is never called.
fn offline_builder() -> connect::client::ConfigBuilder {
    connect::Config::builder().region("us-west-2").endpoint_url("http://127.0.0.1:1").transport(|_req: http::Request<Vec<u8>>| async {
        Err::<http::Response<Vec<u8>>, _>(connect::client::TransportError::new("unused"))
    })
}

#[test]
fn request_compression_settings_default_on_and_bounded() {
    use connect::rt::http::RequestCompression;
    if std::env::var_os("AWS_DISABLE_REQUEST_COMPRESSION").is_some() || std::env::var_os("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES").is_some()
    {
        panic!("unset AWS_DISABLE_REQUEST_COMPRESSION and AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES to run this test");
    }
    let default = offline_builder().build().unwrap();
    assert_eq!(default.request_compression(), RequestCompression { disabled: false, min_size_bytes: 10_240 });
    let set = offline_builder().disable_request_compression(true).request_min_compression_size_bytes(0).build().unwrap();
    assert_eq!(set.request_compression(), RequestCompression { disabled: true, min_size_bytes: 0 });
    let err = offline_builder().request_min_compression_size_bytes(10_485_761).build().unwrap_err();
    assert!(err.to_string().contains("size is 10485761 bytes; it must be at most 10485760"), "{err}");
}

#[test]
fn request_compression_settings_come_from_the_environment() {
    use connect::rt::http::RequestCompression;
    const NAME: &str = "request_compression_settings_come_from_the_environment";
    // The environment is process-wide: the checks run in child processes of this test binary.
    match std::env::var("COMPRESSION_ENV_CHILD").as_deref() {
        Ok("good") => {
            let config = offline_builder().build().unwrap();
            assert_eq!(config.request_compression(), RequestCompression { disabled: true, min_size_bytes: 100 });
            // What the builder is told wins over the environment.
            let config = offline_builder().disable_request_compression(false).request_min_compression_size_bytes(7).build().unwrap();
            assert_eq!(config.request_compression(), RequestCompression { disabled: false, min_size_bytes: 7 });
            return;
        }
        Ok("bad") => {
            let err = offline_builder().build().unwrap_err().to_string();
            assert!(err.contains("AWS_DISABLE_REQUEST_COMPRESSION is \"yes\"; it must be true or false"), "{err}");
            return;
        }
        _ => {}
    }
    let child = |mode: &str, vars: &[(&str, &str)]| {
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command.args(["--exact", NAME, "--test-threads=1"]).env("COMPRESSION_ENV_CHILD", mode);
        command.env_remove("AWS_DISABLE_REQUEST_COMPRESSION").env_remove("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES");
        for (k, v) in vars {
            command.env(k, v);
        }
        let out = command.output().unwrap();
        assert!(out.status.success(), "child {mode}: {}", String::from_utf8_lossy(&out.stdout));
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"), "the child ran no test");
    };
    child("good", &[("AWS_DISABLE_REQUEST_COMPRESSION", "TRUE"), ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "100")]);
    child("bad", &[("AWS_DISABLE_REQUEST_COMPRESSION", "yes")]);
}

/// A client for `region` whose transport records requests and answers 200 `{}`; `f` adds settings.
fn recording(region: &str, f: impl FnOnce(connect::client::ConfigBuilder) -> connect::client::ConfigBuilder) -> (connect::Client, Seen) {
    let seen: Seen = Arc::default();
    let seen2 = seen.clone();
    let transport = move |req: http::Request<Vec<u8>>| {
        seen2.lock().unwrap().push(req);
        async move { Ok::<_, connect::client::TransportError>(http::Response::builder().status(200).body(b"{}".to_vec()).unwrap()) }
    };
    let builder = connect::Config::builder()
        .region(region)
        .credentials(Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .use_fips(false)
        .use_dual_stack(false)
        .transport(transport)
        .sleep(ThreadSleep);
    (connect::Client::new(f(builder).build().unwrap()), seen)
}

fn list_instances_input() -> list_instances::Input {
    list_instances::Input::builder().build()
}

/// The endpoint comes from the model's rules: China's own DNS suffix, signed for the region.
#[tokio::test]
async fn the_rules_send_china_to_its_own_dns_suffix_and_sign_for_the_region() {
    let (c, seen) = recording("cn-north-1", |b| b);
    c.list_instances(list_instances_input()).await.unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].uri().to_string(), "https://connect.cn-north-1.amazonaws.com.cn/instance");
    let auth = seen[0].headers()["authorization"].to_str().unwrap();
    assert!(auth.contains("/cn-north-1/connect/aws4_request"), "{auth}");
}

#[tokio::test]
async fn fips_in_us_east_1_goes_to_the_fips_host() {
    let (c, seen) = recording("us-east-1", |b| b.use_fips(true));
    assert_eq!(c.endpoint().unwrap().url(), "https://connect-fips.us-east-1.amazonaws.com");
    c.list_instances(list_instances_input()).await.unwrap();
    assert_eq!(seen.lock().unwrap()[0].uri().host(), Some("connect-fips.us-east-1.amazonaws.com"));
    let (c, seen) = recording("us-east-1", |b| b.use_dual_stack(true));
    c.list_instances(list_instances_input()).await.unwrap();
    assert_eq!(seen.lock().unwrap()[0].uri().host(), Some("connect.us-east-1.api.aws"));
}

/// FIPS with a custom endpoint fails with the rule's message, and nothing is sent.
#[tokio::test]
async fn fips_with_an_endpoint_url_fails_with_the_rules_message_before_sending() {
    let (c, seen) = recording("us-east-1", |b| b.use_fips(true).endpoint_url("http://127.0.0.1:1"));
    let err = c.list_instances(list_instances_input()).await.unwrap_err();
    match &err {
        SdkError::Endpoint(e) => assert_eq!(e.message(), "Invalid Configuration: FIPS and custom endpoint are not supported"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.to_string(), "endpoint resolution failed: Invalid Configuration: FIPS and custom endpoint are not supported");
    assert!(seen.lock().unwrap().is_empty());
}

/// `InstanceAlias` is `@sensitive` with a pattern it breaks: the violation says where and which
/// rule, and the value appears in no `Debug` or `Display` of the error, from the client or the stub.
#[tokio::test]
async fn a_sensitive_value_that_fails_validation_is_never_printed() {
    use connect::operation::create_instance;
    const SECRET: &str = "TopSecretAlias7";
    let input = || {
        create_instance::Input::builder()
            .identity_management_type(types::DirectoryType::ConnectManaged)
            .inbound_calls_enabled(true)
            .outbound_calls_enabled(false)
            .instance_alias(format!("d-{SECRET}"))
            .build()
            .unwrap()
    };
    let config = offline_builder().validate_requests(true).build().unwrap();
    let err = connect::Client::new(config).create_instance(input()).await.unwrap_err();
    let SdkError::InvalidInput(violations) = &err else { panic!("not a validation error: {err}") };
    let shown = [format!("{err:?}"), format!("{err:#?}"), err.to_string(), format!("{violations:?}"), violations.to_string()];
    assert!(shown[2].contains("/InstanceAlias"), "the error names the member: {}", shown[2]);
    for text in &shown {
        assert!(!text.contains(SECRET), "the sensitive value is printed: {text}");
    }
    let stub = connect::stub::Stub::new();
    let err = stub.create_instance(input()).await.unwrap_err();
    for text in [format!("{err:?}"), err.to_string()] {
        assert!(text.contains("InstanceAlias"), "{text}");
        assert!(!text.contains(SECRET), "the stub prints the sensitive value: {text}");
    }
}

use connect::client::{BoxFuture, Sleep, TransportErrorKind};

/// A `Sleep` that records every wait the client asks for and returns at once.
#[derive(Clone, Default)]
struct FakeSleep(Arc<Mutex<Vec<Duration>>>);

impl Sleep for FakeSleep {
    fn sleep(&self, d: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(d);
        Box::pin(std::future::ready(()))
    }
}

impl FakeSleep {
    fn take(&self) -> Vec<Duration> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

type Reply = Result<http::Response<Vec<u8>>, connect::client::TransportError>;

fn reply(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut b = http::Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    Ok(b.body(body.as_bytes().to_vec()).unwrap())
}

/// A client with `retry` and a recording fake sleep whose transport answers request number `n`
/// (0-based, over the client's life) with `respond(n)`; `f` adds settings.
fn fake_client(
    retry: RetryConfig,
    respond: impl Fn(usize) -> Reply + Send + Sync + 'static,
    f: impl FnOnce(connect::client::ConfigBuilder) -> connect::client::ConfigBuilder,
) -> (connect::Client, Seen, FakeSleep) {
    let seen: Seen = Arc::default();
    let seen2 = seen.clone();
    let transport = move |req: http::Request<Vec<u8>>| {
        let n = {
            let mut seen = seen2.lock().unwrap();
            seen.push(req);
            seen.len() - 1
        };
        std::future::ready(respond(n))
    };
    let sleep = FakeSleep::default();
    let builder = connect::Config::builder()
        .region("us-west-2")
        .credentials(Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .endpoint_url("http://127.0.0.1:1")
        .retry(retry)
        .transport(transport)
        .sleep(sleep.clone());
    (connect::Client::new(f(builder).build().unwrap()), seen, sleep)
}

fn retries(max: u32) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(max)
        .with_initial_backoff(Duration::from_millis(100))
        .with_max_backoff(Duration::from_millis(250))
}

fn header<'a>(r: &'a http::Request<Vec<u8>>, name: &str) -> &'a str {
    r.headers().get(name).unwrap_or_else(|| panic!("no {name} header")).to_str().unwrap()
}

/// Full jitter under min(initial * 2^(n-1), max): every wait within its bound, and the waits spread.
#[tokio::test]
async fn retry_backoff_is_jittered_under_the_exponential_bound() {
    let bounds = [100u64, 200, 250, 250].map(Duration::from_millis);
    let mut by_retry: [Vec<Duration>; 4] = Default::default();
    for _ in 0..100 {
        // A new client per call, so the retry quota never runs out.
        let (c, seen, sleep) = fake_client(retries(5), |n| reply(if n < 4 { 503 } else { 200 }, &[], "{}"), |b| b);
        c.list_instances(list_instances_input()).await.unwrap();
        assert_eq!(seen.lock().unwrap().len(), 5);
        let waits = sleep.take();
        assert_eq!(waits.len(), 4, "one wait per retry: {waits:?}");
        for (i, w) in waits.into_iter().enumerate() {
            assert!(w <= bounds[i], "retry {}: waited {w:?}, bound {:?}", i + 1, bounds[i]);
            by_retry[i].push(w);
        }
    }
    for (i, waits) in by_retry.iter().enumerate() {
        assert!(waits.iter().any(|w| *w != waits[0]), "retry {}: the waits are all {:?}", i + 1, waits[0]);
        assert!(waits.iter().any(|w| *w > bounds[i] / 2), "retry {}: no wait above half of {:?}", i + 1, bounds[i]);
    }
    // The bound doubles: waits past the previous retry's bound show up.
    assert!(by_retry[1].iter().any(|w| *w > bounds[0]), "retry 2 never waited over 100 ms");
    assert!(by_retry[2].iter().chain(&by_retry[3]).any(|w| *w > bounds[1]), "retries 3-4 never waited over 200 ms");
}

/// 500 tokens, 5 per retry: 50 calls of 3 attempts empty the quota, then calls fail fast;
/// a call that succeeds at once gives 1 token back.
#[tokio::test]
async fn the_retry_quota_runs_out_and_calls_then_fail_fast() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let failing = Arc::new(AtomicBool::new(true));
    let failing2 = failing.clone();
    let (c, seen, sleep) =
        fake_client(retries(3), move |_| reply(if failing2.load(Ordering::SeqCst) { 500 } else { 200 }, &[], "{}"), |b| b);
    let call = async |expected_requests: usize, expected_waits: usize| {
        let before = seen.lock().unwrap().len();
        let result = c.list_instances(list_instances_input()).await;
        let requests = seen.lock().unwrap().len() - before;
        assert_eq!((requests, sleep.take().len()), (expected_requests, expected_waits), "{result:?}");
        result
    };
    for i in 0..50 {
        let err = call(3, 2).await.map(|_| i).unwrap_err();
        assert_eq!(err.response_meta().map(|m| m.status()), Some(500));
    }
    // 100 retries took the 500 tokens: no more retries.
    assert_eq!(c.retry_quota(), 0);
    for _ in 0..3 {
        call(1, 0).await.unwrap_err();
    }
    failing.store(false, Ordering::SeqCst);
    for _ in 0..5 {
        call(1, 0).await.unwrap();
    }
    failing.store(true, Ordering::SeqCst);
    assert_eq!(c.retry_quota(), 5, "each success without a retry gives one token back");
    call(2, 1).await.unwrap_err(); // 5 tokens: one retry
    call(1, 0).await.unwrap_err();
    assert_eq!(c.retry_quota(), 0);
    assert_eq!(seen.lock().unwrap().len(), 150 + 3 + 5 + 2 + 1);
}

#[tokio::test]
async fn every_attempt_carries_the_invocation_id_attempt_number_and_user_agent() {
    let answers = [500, 500, 200, 503, 200];
    let (c, seen, _) = fake_client(retries(3), move |n| reply(answers[n], &[], "{}"), |b| b);
    c.list_instances(list_instances_input()).await.unwrap();
    c.list_instances(list_instances_input()).await.unwrap();
    let seen = std::mem::take(&mut *seen.lock().unwrap());
    assert_eq!(seen.len(), 5);
    let ids: Vec<&str> = seen.iter().map(|r| header(r, "amz-sdk-invocation-id")).collect();
    for id in &ids {
        let chars: Vec<char> = id.chars().collect();
        assert_eq!(chars.len(), 36, "{id}");
        for (i, ch) in chars.iter().enumerate() {
            if [8, 13, 18, 23].contains(&i) {
                assert_eq!(*ch, '-', "{id}");
            } else {
                assert!(ch.is_ascii_hexdigit() && !ch.is_ascii_uppercase(), "{id}");
            }
        }
        assert_eq!(chars[14], '4', "version 4: {id}");
        assert!("89ab".contains(chars[19]), "RFC 4122 variant: {id}");
    }
    assert!(ids[0] == ids[1] && ids[1] == ids[2], "one id per call: {ids:?}");
    assert_eq!(ids[3], ids[4], "one id per call: {ids:?}");
    assert_ne!(ids[0], ids[3], "a new id per call");
    let attempts: Vec<&str> = seen.iter().map(|r| header(r, "amz-sdk-request")).collect();
    assert_eq!(attempts, ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3", "attempt=1; max=3", "attempt=2; max=3"]);
    for r in seen.iter() {
        assert!(header(r, "user-agent").contains("lang/rust"), "{}", header(r, "user-agent"));
        let ua = header(r, "x-amz-user-agent");
        for part in ["api/connect/", "os/", "lang/rust"] {
            assert!(ua.contains(part), "{part} missing: {ua}");
        }
        assert!(!ua.contains("app/"), "{ua}");
    }
    let (c, seen, _) = fake_client(retries(3), |_| reply(200, &[], "{}"), |b| b.app_name("call-center_v2"));
    c.list_instances(list_instances_input()).await.unwrap();
    let ua = header(&seen.lock().unwrap()[0], "x-amz-user-agent").to_string();
    assert!(ua.contains(" app/call-center_v2"), "{ua}");
}

#[tokio::test]
async fn server_errors_are_retried_but_not_501() {
    for status in [500, 501, 502, 503, 504] {
        let (c, seen, _) = fake_client(retries(2), move |_| reply(status, &[], "{}"), |b| b);
        let err = c.list_instances(list_instances_input()).await.unwrap_err();
        assert_eq!(err.response_meta().map(|m| m.status()), Some(status), "{err}");
        assert_eq!(seen.lock().unwrap().len(), if status == 501 { 1 } else { 2 }, "HTTP {status}");
    }
}

#[tokio::test]
async fn throttling_codes_on_a_400_are_retried() {
    use connect::rt::retry::THROTTLING_CODES;
    for code in [
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "SlowDown",
        "BandwidthLimitExceeded",
        "PriorRequestNotComplete",
        "ThrottlingException",
        "TooManyRequestsException",
    ] {
        assert!(THROTTLING_CODES.contains(&code), "{code} is not a throttling code");
    }
    for code in THROTTLING_CODES.iter().copied().chain(["NotAThrottle"]) {
        let (c, seen, sleep) = fake_client(
            retries(3),
            move |n| if n == 0 { reply(400, &[("x-amzn-errortype", code)], r#"{"Message":"slow"}"#) } else { reply(200, &[], "{}") },
            |b| b,
        );
        let result = c.list_instances(list_instances_input()).await;
        if code == "NotAThrottle" {
            assert_eq!(result.unwrap_err().code(), Some(code));
            assert_eq!(seen.lock().unwrap().len(), 1, "a 400 with another code is not retried");
        } else {
            result.unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!((seen.lock().unwrap().len(), sleep.take().len()), (2, 1), "{code}");
        }
    }
}

#[tokio::test]
async fn transport_errors_are_retried_unless_their_kind_is_other() {
    for kind in [TransportErrorKind::Connect, TransportErrorKind::Io, TransportErrorKind::Timeout, TransportErrorKind::Other] {
        let (c, seen, _) = fake_client(
            retries(3),
            move |n| {
                if n == 0 { Err(connect::client::TransportError::new("connection refused").with_kind(kind)) } else { reply(200, &[], "{}") }
            },
            |b| b,
        );
        let result = c.list_instances(list_instances_input()).await;
        if kind == TransportErrorKind::Other {
            match result.unwrap_err() {
                SdkError::Dispatch(e) => assert_eq!(e.kind(), TransportErrorKind::Other),
                other => panic!("{other:?}"),
            }
            assert_eq!(seen.lock().unwrap().len(), 1, "Other is not retried");
        } else {
            result.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            assert_eq!(seen.lock().unwrap().len(), 2, "{kind:?} is retried");
        }
    }
}

#[tokio::test]
async fn service_errors_carry_and_print_the_request_id() {
    let answers = [
        (404, "ResourceNotFoundException", r#"{"Message":"no such instance"}"#, "req-111"),
        (400, "MysteryFailure", r#"{"message":"something odd"}"#, "req-222"),
    ];
    let (c, _, _) = fake_client(
        retries(1),
        move |n| {
            let (status, code, body, id) = answers[n];
            reply(status, &[("x-amzn-errortype", code), ("x-amzn-requestid", id)], body)
        },
        |b| b,
    );
    let input = describe_instance::Input::builder().instance_id("i-1").build().unwrap();
    let err = c.describe_instance(input.clone()).await.unwrap_err();
    assert!(matches!(err, SdkError::Service(describe_instance::Error::ResourceNotFoundException(_), _)), "{err:?}");
    assert_eq!(err.request_id(), Some("req-111"));
    let text = err.to_string();
    for part in ["ResourceNotFoundException", "no such instance", "req-111"] {
        assert!(text.contains(part), "{part} missing: {text}");
    }
    let err = c.describe_instance(input).await.unwrap_err();
    let SdkError::Service(describe_instance::Error::Unhandled(u), _) = &err else { panic!("not unhandled: {err:?}") };
    assert_eq!((u.request_id(), u.code(), u.message()), (Some("req-222"), Some("MysteryFailure"), Some("something odd")));
    assert_eq!(err.request_id(), Some("req-222"));
    let text = err.to_string();
    for part in ["MysteryFailure", "something odd", "req-222"] {
        assert!(text.contains(part), "{part} missing: {text}");
    }
    assert_eq!(text.matches("req-222").count(), 1, "the id is printed once: {text}");
}
