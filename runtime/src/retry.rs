//! The AWS SDKs' standard retry mode and its adaptive variant: the settings ([`RetryConfig`]), the
//! standard classifier ([`classify`]), the per-client retry quota and client-side rate limiter
//! ([`Retries`]) and the per-call bookkeeping that turns each attempt's outcome into a
//! [`Decision`] ([`CallRetries`]).
//!
//! Nothing here sleeps or reads a clock: the caller passes the current time and the jitter in and
//! waits for the durations it gets back, so the whole policy runs under any executor and is tested
//! with plain values.

use ::std::default::Default;
use ::std::option::Option::{self, None, Some};
use ::std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use ::std::time::{Duration, SystemTime};

/// Standard or adaptive (standard plus client-side rate limiting).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryMode {
    /// Exponential backoff with full jitter, bounded by the retry quota.
    Standard,
    /// Standard, plus a client-side rate limiter that can delay any attempt after throttling.
    Adaptive,
}

/// Retry settings. Default: standard, 3 attempts, initial backoff 1 s, max backoff 20 s.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryConfig {
    mode: RetryMode,
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            mode: RetryMode::Standard,
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// Standard mode with the default settings.
    pub fn standard() -> Self {
        Self::default()
    }

    /// Adaptive mode with the default settings.
    pub fn adaptive() -> Self {
        Self::default().with_mode(RetryMode::Adaptive)
    }

    /// No retries: one attempt.
    pub fn disabled() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Attempts in total, the first included (0 is taken as 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff bound of the first retry, doubled for each further one.
    pub fn with_initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// The largest backoff bound.
    pub fn with_max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// The retry mode.
    pub fn with_mode(mut self, mode: RetryMode) -> Self {
        self.mode = mode;
        self
    }

    /// The retry mode.
    pub fn mode(&self) -> RetryMode {
        self.mode
    }

    /// Attempts in total, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff bound of the first retry.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The largest backoff bound.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The upper bound of the backoff before retry number `retry` (1-based): min(initial * 2^(retry-1), max).
    pub fn max_delay(&self, retry: u32) -> Duration {
        let exp = retry.saturating_sub(1);
        // Past 2^31 any sane initial backoff is over the max; checked_mul catches the rest.
        let grown = if exp < 32 { self.initial_backoff.checked_mul(1u32 << exp) } else { None };
        match grown {
            Some(d) => d.min(self.max_backoff),
            None => self.max_backoff,
        }
    }
}

/// What kind of retryable failure an attempt ended in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The service asked the client to slow down.
    Throttling,
    /// A passing server or network failure.
    Transient,
    /// The attempt or the connection timed out (a retry costs more quota).
    Timeout,
}

/// The outcome of one attempt, as the classifier sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// A response. `code` is the error code already read from the response (None for success or when absent).
    /// `modelled` is Some(throttling) when the code is a modelled error with the Smithy `@retryable` trait.
    Response {
        /// The HTTP status.
        status: u16,
        /// The error code, if any.
        code: Option<&'a str>,
        /// `Some(throttling)` for a modelled `@retryable` error.
        modelled: Option<bool>,
    },
    /// The attempt timed out (attempt timeout) or the connection timed out.
    Timeout,
    /// The transport failed; `retryable` is the transport's own verdict (connect failures, resets: true).
    Transport {
        /// Whether sending again may help.
        retryable: bool,
    },
}

/// Error codes the SDKs treat as throttling, whatever the status.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the SDKs treat as transient, whatever the status.
pub const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// The standard classifier: None = not retryable (success, 4xx, 501, ...).
pub fn classify(outcome: &Outcome<'_>) -> Option<RetryKind> {
    match *outcome {
        Outcome::Timeout => Some(RetryKind::Timeout),
        Outcome::Transport { retryable } => retryable.then_some(RetryKind::Transient),
        Outcome::Response { status, code, modelled } => {
            if (200..400).contains(&status) {
                return None;
            }
            // The model's own `@retryable` trait is the most specific word there is.
            if let Some(throttling) = modelled {
                return Some(if throttling { RetryKind::Throttling } else { RetryKind::Transient });
            }
            let code = code.unwrap_or("");
            if THROTTLING_CODES.contains(&code) || status == 429 {
                Some(RetryKind::Throttling)
            } else if TRANSIENT_CODES.contains(&code) || matches!(status, 500 | 502 | 503 | 504) {
                Some(RetryKind::Transient)
            } else {
                None
            }
        }
    }
}

/// Shared per-client retry state (quota, rate limiter); clones share it.
#[derive(Clone, Debug)]
pub struct Retries {
    config: RetryConfig,
    shared: Arc<Mutex<Shared>>,
}

#[derive(Debug)]
struct Shared {
    quota: u32,
    limiter: RateLimiter,
}

impl Retries {
    /// The size (and starting content) of the retry quota.
    pub const QUOTA_CAPACITY: u32 = 500;
    /// Tokens one retry takes.
    pub const RETRY_COST: u32 = 5;
    /// Tokens one retry after a timeout takes.
    pub const TIMEOUT_RETRY_COST: u32 = 10;
    /// Tokens a call that succeeds on its first attempt gives the quota.
    pub const NO_RETRY_INCREMENT: u32 = 1;

    /// New state with a full quota.
    pub fn new(config: RetryConfig) -> Self {
        let shared = Shared { quota: Self::QUOTA_CAPACITY, limiter: RateLimiter::default() };
        Retries { config, shared: Arc::new(Mutex::new(shared)) }
    }

    /// The settings.
    pub fn config(&self) -> &RetryConfig {
        &self.config
    }

    /// Tokens left in the retry quota.
    pub fn quota(&self) -> u32 {
        self.lock().quota
    }

    /// Per call: starts the bookkeeping of one operation call.
    pub fn start(&self) -> CallRetries {
        CallRetries { retries: self.clone(), attempt: 1, held: None, finished: false }
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // The state stays consistent across a panic (plain number updates), so poisoning is ignored.
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The retry bookkeeping of one call (attempt number, tokens it holds).
#[derive(Debug)]
pub struct CallRetries {
    retries: Retries,
    attempt: u32,
    /// What the last retry took from the quota, given back if the call then succeeds.
    held: Option<u32>,
    /// A final decision was made: later reports change nothing (no double refund).
    finished: bool,
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Keep this outcome (success, not retryable).
    Done,
    /// Retry after this backoff (attempt() now returns the next number).
    Retry(Duration),
    /// Retryable but the max attempts are used up.
    AttemptsExhausted,
    /// Retryable but the retry quota is empty: fail fast.
    QuotaExhausted,
}

impl CallRetries {
    /// 1-based number of the attempt about to be made / just made.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Adaptive mode: how long to wait before sending the next attempt (client-side rate limit), given the current time. Zero in standard mode.
    pub fn before_attempt(&mut self, now: SystemTime) -> Duration {
        if self.retries.config.mode != RetryMode::Adaptive {
            return Duration::ZERO;
        }
        self.retries.lock().limiter.acquire(now)
    }

    /// After an attempt: `kind` is what `classify` said (None: the attempt succeeded or failed for good).
    /// `now` feeds the adaptive rate limiter. `rand` in [0,1) is the jitter (pass `fastrand::f64()` in real use; tests pass fixed values).
    pub fn after_attempt(&mut self, kind: Option<RetryKind>, now: SystemTime, rand: f64) -> Decision {
        let config = &self.retries.config;
        let mut shared = self.retries.lock();
        if config.mode == RetryMode::Adaptive {
            shared.limiter.update(kind == Some(RetryKind::Throttling), now);
        }
        if self.finished {
            return Decision::Done;
        }
        let Some(kind) = kind else {
            // The SDKs' standard mode (botocore `RetryQuotaChecker.release_retry_quota`, aws-c-io's
            // standard strategy): a call that ends well gives back what its last retry took, or
            // NO_RETRY_INCREMENT if it needed none, never beyond capacity. A call that fails for
            // good reports it with [`CallRetries::failed`] instead, which gives nothing back.
            let back = self.held.take().unwrap_or(Retries::NO_RETRY_INCREMENT);
            shared.quota = shared.quota.saturating_add(back).min(Retries::QUOTA_CAPACITY);
            self.finished = true;
            return Decision::Done;
        };
        // Attempts first, then the quota, as the SDKs do: a call out of attempts takes no tokens.
        if self.attempt >= config.max_attempts {
            self.finished = true;
            return Decision::AttemptsExhausted;
        }
        let cost = if kind == RetryKind::Timeout { Retries::TIMEOUT_RETRY_COST } else { Retries::RETRY_COST };
        if shared.quota < cost {
            self.finished = true;
            return Decision::QuotaExhausted;
        }
        shared.quota -= cost;
        self.held = Some(cost);
        // Full jitter; `rand` is clamped so a bad value cannot panic `mul_f64` or exceed the bound.
        let rand = if rand.is_finite() { rand.clamp(0.0, 1.0) } else { 0.0 };
        let backoff = config.max_delay(self.attempt).mul_f64(rand);
        self.attempt += 1;
        Decision::Retry(backoff)
    }
}

impl CallRetries {
    /// After an attempt that failed in a way no retry fixes (a 400, a 501): the call ends and,
    /// as in the SDKs, the quota gets nothing back.
    pub fn failed(&mut self, now: SystemTime) -> Decision {
        let mut shared = self.retries.lock();
        if self.retries.config.mode == RetryMode::Adaptive {
            shared.limiter.update(false, now);
        }
        self.finished = true;
        Decision::Done
    }
}

/// The adaptive mode's client-side rate limiter, after the SDKs' `ClientRateLimiter`: a token
/// bucket whose fill rate follows CUBIC (cut to BETA of the measured send rate on throttling,
/// growing back along a cubic curve otherwise). It only delays once a throttle was seen.
/// Times are seconds since the first `now` it was given.
#[derive(Debug, Default)]
struct RateLimiter {
    origin: Option<SystemTime>,
    enabled: bool,
    fill_rate: f64,
    max_capacity: f64,
    /// May go below zero: tokens handed out ahead of time to callers told to wait for them.
    capacity: f64,
    last_refill: Option<f64>,
    measured_rate: f64,
    rate_bucket: f64,
    request_count: f64,
    last_max_rate: f64,
    last_throttle: f64,
    time_window: f64,
}

impl RateLimiter {
    const MIN_FILL_RATE: f64 = 0.5;
    const MIN_CAPACITY: f64 = 1.0;
    const SMOOTH: f64 = 0.8;
    const BETA: f64 = 0.7;
    const SCALE: f64 = 0.4;

    fn secs(&mut self, now: SystemTime) -> f64 {
        let origin = *self.origin.get_or_insert(now);
        // A clock stepping back before the origin counts as the origin.
        now.duration_since(origin).map_or(0.0, |d| d.as_secs_f64())
    }

    /// Takes one token; returns how long the caller must wait for it.
    fn acquire(&mut self, now: SystemTime) -> Duration {
        if !self.enabled {
            return Duration::ZERO;
        }
        let t = self.secs(now);
        self.refill(t);
        let wait = if self.capacity < 1.0 { (1.0 - self.capacity) / self.fill_rate } else { 0.0 };
        self.capacity -= 1.0;
        Duration::try_from_secs_f64(wait).unwrap_or(Duration::MAX)
    }

    fn refill(&mut self, t: f64) {
        if let Some(last) = self.last_refill {
            let added = (t - last).max(0.0) * self.fill_rate;
            self.capacity = (self.capacity + added).min(self.max_capacity);
        }
        self.last_refill = Some(self.last_refill.map_or(t, |last| last.max(t)));
    }

    /// Feeds the outcome of one attempt.
    fn update(&mut self, throttled: bool, now: SystemTime) {
        let t = self.secs(now);
        self.measure(t);
        let rate = if throttled {
            let rate = if self.enabled { self.measured_rate.min(self.fill_rate) } else { self.measured_rate };
            self.last_max_rate = rate;
            self.set_time_window();
            self.last_throttle = t;
            self.enabled = true;
            rate * Self::BETA
        } else {
            self.set_time_window();
            Self::SCALE * (t - self.last_throttle - self.time_window).powi(3) + self.last_max_rate
        };
        // Never more than twice what the client actually manages to send.
        let rate = rate.min(2.0 * self.measured_rate);
        self.refill(t);
        self.fill_rate = rate.max(Self::MIN_FILL_RATE);
        self.max_capacity = rate.max(Self::MIN_CAPACITY);
        self.capacity = self.capacity.min(self.max_capacity);
    }

    /// The smoothed send rate, measured over half-second buckets.
    fn measure(&mut self, t: f64) {
        let bucket = (t * 2.0).floor() / 2.0;
        self.request_count += 1.0;
        if bucket > self.rate_bucket {
            let current = self.request_count / (bucket - self.rate_bucket);
            self.measured_rate = current * Self::SMOOTH + self.measured_rate * (1.0 - Self::SMOOTH);
            self.request_count = 0.0;
            self.rate_bucket = bucket;
        }
    }

    /// How long after a throttle the cubic curve gets back to the rate it was cut from.
    fn set_time_window(&mut self) {
        self.time_window = (self.last_max_rate * (1.0 - Self::BETA) / Self::SCALE).cbrt();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: f64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs_f64(1_700_000_000.0 + secs)
    }

    fn response(status: u16, code: Option<&str>) -> Option<RetryKind> {
        classify(&Outcome::Response { status, code, modelled: None })
    }

    #[test]
    fn classifier_table() {
        for code in THROTTLING_CODES {
            assert_eq!(response(400, Some(code)), Some(RetryKind::Throttling), "{code}");
        }
        for code in TRANSIENT_CODES {
            assert_eq!(response(400, Some(code)), Some(RetryKind::Transient), "{code}");
        }
        for status in [500, 502, 503, 504] {
            assert_eq!(response(status, None), Some(RetryKind::Transient), "{status}");
        }
        for status in [200, 204, 304, 400, 403, 404, 501, 505] {
            assert_eq!(response(status, None), None, "{status}");
        }
        assert_eq!(response(400, Some("ValidationException")), None);
        assert_eq!(response(200, Some("ThrottlingException")), None);
        assert_eq!(response(429, None), Some(RetryKind::Throttling));
        assert_eq!(response(503, Some("SlowDown")), Some(RetryKind::Throttling));
        let modelled = |throttling| classify(&Outcome::Response { status: 400, code: Some("Busy"), modelled: Some(throttling) });
        assert_eq!(modelled(true), Some(RetryKind::Throttling));
        assert_eq!(modelled(false), Some(RetryKind::Transient));
        assert_eq!(classify(&Outcome::Timeout), Some(RetryKind::Timeout));
        assert_eq!(classify(&Outcome::Transport { retryable: true }), Some(RetryKind::Transient));
        assert_eq!(classify(&Outcome::Transport { retryable: false }), None);
    }

    #[test]
    fn config_defaults_and_builders() {
        let c = RetryConfig::default();
        assert_eq!(c, RetryConfig::standard());
        assert_eq!((c.mode(), c.max_attempts()), (RetryMode::Standard, 3));
        assert_eq!((c.initial_backoff(), c.max_backoff()), (Duration::from_secs(1), Duration::from_secs(20)));
        assert_eq!(RetryConfig::adaptive().mode(), RetryMode::Adaptive);
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(c.clone().with_max_attempts(0).max_attempts(), 1);
        let c = c.with_initial_backoff(Duration::from_millis(50)).with_max_backoff(Duration::from_secs(2));
        assert_eq!(c.max_delay(1), Duration::from_millis(50));
        assert_eq!(c.max_delay(3), Duration::from_millis(200));
        assert_eq!(c.max_delay(10), Duration::from_secs(2));
    }

    #[test]
    fn backoff_bounds() {
        let c = RetryConfig::default();
        for n in 1..=40u32 {
            let cap = Duration::from_secs(1u64 << (n - 1).min(20)).min(Duration::from_secs(20));
            assert_eq!(c.max_delay(n), cap);
            let retries = Retries::new(c.clone().with_max_attempts(n + 1));
            let mut call = retries.start();
            call.attempt = n;
            assert_eq!(call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.0), Decision::Retry(Duration::ZERO));
            let mut call = retries.start();
            call.attempt = n;
            let Decision::Retry(d) = call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.999_999) else { panic!() };
            assert!(d <= cap && d > cap.mul_f64(0.99), "{n}: {d:?}");
        }
        assert_eq!(c.max_delay(0), Duration::from_secs(1));
        assert_eq!(c.max_delay(u32::MAX), Duration::from_secs(20));
        let huge = c.with_initial_backoff(Duration::MAX).with_max_backoff(Duration::MAX);
        assert_eq!(huge.max_delay(u32::MAX), Duration::MAX);
        assert_eq!(huge.max_delay(5), Duration::MAX);
    }

    #[test]
    fn quota_runs_out_after_100_retries() {
        let retries = Retries::new(RetryConfig::default());
        for i in 0..100 {
            let mut call = retries.start();
            assert!(matches!(call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.5), Decision::Retry(_)), "{i}");
        }
        assert_eq!(retries.quota(), 0);
        let mut call = retries.start();
        assert_eq!(call.after_attempt(Some(RetryKind::Throttling), at(0.0), 0.5), Decision::QuotaExhausted);
        assert_eq!(call.attempt(), 1);
        assert_eq!(retries.quota(), 0);
    }

    #[test]
    fn a_call_that_fails_for_good_gives_nothing_back() {
        let retries = Retries::new(RetryConfig::default());
        let mut call = retries.start();
        assert!(matches!(call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.5), Decision::Retry(_)));
        assert_eq!(call.failed(at(0.0)), Decision::Done);
        assert_eq!(retries.quota(), 495);
        assert_eq!(retries.start().failed(at(0.0)), Decision::Done);
        assert_eq!(retries.quota(), 495);
    }

    #[test]
    fn timeout_costs_ten_and_success_refunds_the_last_retry() {
        let retries = Retries::new(RetryConfig::default());
        let mut call = retries.start();
        assert!(matches!(call.after_attempt(Some(RetryKind::Timeout), at(0.0), 0.5), Decision::Retry(_)));
        assert_eq!(retries.quota(), 490);
        assert_eq!(call.attempt(), 2);
        assert!(matches!(call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.5), Decision::Retry(_)));
        assert_eq!(retries.quota(), 485);
        assert_eq!(call.after_attempt(None, at(0.0), 0.5), Decision::Done);
        assert_eq!(retries.quota(), 490);
        // Reporting again after the end changes nothing.
        assert_eq!(call.after_attempt(None, at(0.0), 0.5), Decision::Done);
        assert_eq!(retries.quota(), 490);
        for _ in 0..20 {
            assert_eq!(retries.start().after_attempt(None, at(0.0), 0.5), Decision::Done);
        }
        assert_eq!(retries.quota(), Retries::QUOTA_CAPACITY);
    }

    #[test]
    fn attempts_exhausted() {
        let retries = Retries::new(RetryConfig::default());
        let mut call = retries.start();
        assert!(matches!(call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.5), Decision::Retry(_)));
        assert!(matches!(call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.5), Decision::Retry(_)));
        assert_eq!(call.attempt(), 3);
        assert_eq!(call.after_attempt(Some(RetryKind::Transient), at(0.0), 0.5), Decision::AttemptsExhausted);
        // The failed call keeps what its retries took.
        assert_eq!(retries.quota(), 490);

        let disabled = Retries::new(RetryConfig::disabled());
        let mut call = disabled.start();
        assert_eq!(call.after_attempt(Some(RetryKind::Throttling), at(0.0), 0.5), Decision::AttemptsExhausted);
        assert_eq!(disabled.quota(), Retries::QUOTA_CAPACITY);
    }

    #[test]
    fn retries_is_send_sync_and_clones_share() {
        fn check<T: Send + Sync + 'static>() {}
        check::<Retries>();
        check::<CallRetries>();
        let a = Retries::new(RetryConfig::default());
        let b = a.clone();
        let _ = a.start().after_attempt(Some(RetryKind::Transient), at(0.0), 0.0);
        assert_eq!(b.quota(), 495);
    }

    #[test]
    fn standard_mode_never_waits() {
        let retries = Retries::new(RetryConfig::standard());
        let mut call = retries.start();
        for _ in 0..10 {
            let _ = call.after_attempt(Some(RetryKind::Throttling), at(0.0), 0.0);
            assert_eq!(call.before_attempt(at(0.0)), Duration::ZERO);
        }
    }

    #[test]
    fn adaptive_waits_after_throttling_and_recovers() {
        let retries = Retries::new(RetryConfig::adaptive());
        let rate = |r: &Retries| r.lock().limiter.fill_rate;
        // 10 requests a second for 5 s, all fine: never a wait.
        let mut t = 0.0;
        while t < 5.0 {
            assert_eq!(retries.start().before_attempt(at(t)), Duration::ZERO);
            let _ = retries.start().after_attempt(None, at(t), 0.0);
            t += 0.1;
        }
        // Throttled: the limiter switches on and each throttle cuts the rate further; once the
        // bucket's tokens are spent, the waits grow.
        let mut waits = ::std::vec::Vec::new();
        let mut rates = ::std::vec::Vec::new();
        for _ in 0..20 {
            let mut call = retries.start();
            let wait = call.before_attempt(at(t));
            t += wait.as_secs_f64();
            let _ = call.after_attempt(Some(RetryKind::Throttling), at(t), 0.0);
            waits.push(wait);
            rates.push(rate(&retries));
        }
        assert!(rates.windows(2).all(|w| w[1] <= w[0]), "{rates:?}");
        // (Float noise of a few ns aside; the rate bottoms out at 0.5/s, a 2 s wait.)
        assert!(waits.windows(2).all(|w| w[1] + Duration::from_micros(1) >= w[0]), "{waits:?}");
        assert!(waits[0] == Duration::ZERO && waits[19] > waits[7] && waits[7] > Duration::ZERO, "{waits:?}");
        assert!(waits[19].abs_diff(Duration::from_secs(2)) < Duration::from_millis(1), "{waits:?}");
        let low = rate(&retries);
        // Successes, honouring the waits: the rate climbs back past where it started.
        let mut last_wait = Duration::MAX;
        for _ in 0..600 {
            let mut call = retries.start();
            last_wait = call.before_attempt(at(t));
            t += last_wait.as_secs_f64().max(0.02);
            let _ = call.after_attempt(None, at(t), 0.0);
        }
        assert!(rate(&retries) > 10.0 && rate(&retries) > low * 5.0, "{} from {low}", rate(&retries));
        assert!(last_wait < Duration::from_millis(100), "{last_wait:?}");
    }
}
