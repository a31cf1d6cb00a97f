//! A credentials cache in front of any `aws-credential-types` provider: hands out the cached
//! credentials, loads them again before they expire, lets concurrent callers share one load and
//! turns a failed load into a [`CredentialsCacheError`].
//!
//! It works under any executor: no timers, no spawned tasks. The load is a future kept in the cache
//! and polled by whichever waiting caller gets to it, so it survives the cancellation of any one
//! caller; it is dropped when the last caller waiting on it is.

use super::transport::{BoxFuture, Clock};
use ::aws_credential_types::provider::error::CredentialsError;
use ::aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use ::aws_credential_types::Credentials;
use ::std::boxed::Box;
use ::std::future::Future;
use ::std::option::Option::{self, None, Some};
use ::std::pin::Pin;
use ::std::result::Result::{self, Err, Ok};
use ::std::sync::{Arc, Mutex, MutexGuard};
use ::std::task::{Context, Poll, Waker};
use ::std::time::{Duration, SystemTime};
use ::std::vec::Vec;

/// What a load gives: the provider's credentials or the cache's error.
type Outcome = Result<Credentials, CredentialsCacheError>;

/// Caches the credentials of a provider. Cheap to clone: clones share the cache.
#[derive(Clone)]
pub struct CredentialsCache {
    inner: Arc<Inner>,
}

struct Inner {
    provider: SharedCredentialsProvider,
    clock: Arc<dyn Clock>,
    settings: Settings,
    state: Mutex<State>,
}

#[derive(Clone, Copy)]
struct Settings {
    buffer: Duration,
    default_lifetime: Duration,
    provider_name: &'static str,
}

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    /// The load under way, if any.
    load: Option<Load>,
    /// The outcome of the last load that finished, for the callers that waited on it (a failure is
    /// not cached, yet every waiter gets it).
    last: Option<(u64, Outcome)>,
    /// Ids of loads and of waiting callers.
    next_id: u64,
}

impl State {
    fn next_id(&mut self) -> u64 {
        self.next_id = self.next_id.wrapping_add(1);
        self.next_id
    }
}

struct Cached {
    credentials: Credentials,
    /// When to load again; `None`: never (a default lifetime too large to add to the time).
    refresh_at: Option<SystemTime>,
}

impl Cached {
    fn is_fresh(&self, now: SystemTime) -> bool {
        self.refresh_at.is_none_or(|t| now < t)
    }
}

struct Load {
    id: u64,
    /// The provider's future; `None` while a caller is polling it outside the lock.
    future: Option<BoxFuture<'static, ::aws_credential_types::provider::Result>>,
    waiters: Arc<Waiters>,
}

/// The callers waiting on a load, by id. It is also the waker given to the provider's future: it
/// wakes them all, so whichever is polled first drives the load, and a caller that is kept but no
/// longer polled stalls no one.
#[derive(Default)]
struct Waiters(Mutex<Vec<(u64, Waker)>>);

impl Waiters {
    fn lock(&self) -> MutexGuard<'_, Vec<(u64, Waker)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn register(&self, caller: u64, waker: &Waker) {
        let mut waiters = self.lock();
        match waiters.iter_mut().find(|(id, _)| *id == caller) {
            Some((_, w)) => w.clone_from(waker),
            None => waiters.push((caller, waker.clone())),
        }
    }
    /// Removes a caller; returns how many are left.
    fn remove(&self, caller: u64) -> usize {
        let mut waiters = self.lock();
        waiters.retain(|(id, _)| *id != caller);
        waiters.len()
    }
    fn wake_all(&self) {
        // Woken outside the lock: an executor may poll the task from inside `wake`.
        let wakers: Vec<Waker> = self.lock().iter().map(|(_, w)| w.clone()).collect();
        wakers.into_iter().for_each(Waker::wake);
    }
}

impl ::std::task::Wake for Waiters {
    fn wake(self: Arc<Self>) {
        self.wake_all();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.wake_all();
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Ends a load whose future panicked: its waiters start over.
    fn abandon(&self, load: u64) {
        let mut state = self.lock();
        let abandoned = if state.load.as_ref().is_some_and(|l| l.id == load) { state.load.take() } else { None };
        drop(state);
        if let Some(l) = abandoned {
            l.waiters.wake_all();
        }
    }

    /// Checks and caches what the provider returned.
    fn settle(&self, state: &mut State, result: ::aws_credential_types::provider::Result) -> Outcome {
        let name = self.settings.provider_name;
        let credentials = result.map_err(|e| CredentialsCacheError::provider(name, e))?;
        let now = self.clock.now();
        let refresh_at = match credentials.expiry() {
            // The AWS SDKs refuse these too: signing with them can only fail.
            Some(expiry) if expiry <= now => return Err(CredentialsCacheError::expired(name, expiry, now)),
            Some(expiry) => Some(refresh_time(expiry, now, self.settings.buffer)),
            None => now.checked_add(self.settings.default_lifetime),
        };
        state.cached = Some(Cached { credentials: credentials.clone(), refresh_at });
        Ok(credentials)
    }
}

/// `buffer`, plus up to 10% of it at random (so that many clients started together do not load at
/// the same instant), before `expiry`; but no earlier than halfway to `expiry`, or credentials that
/// live shorter than the buffer would be loaded again on every call.
fn refresh_time(expiry: SystemTime, now: SystemTime, buffer: Duration) -> SystemTime {
    let left = expiry.duration_since(now).unwrap_or_default();
    let jitter = (buffer / 10).mul_f64(::fastrand::f64());
    let lead = buffer.saturating_add(jitter).min(left / 2);
    expiry.checked_sub(lead).unwrap_or(now)
}

impl CredentialsCache {
    /// Credentials are loaded again this long before they expire by default.
    pub const DEFAULT_BUFFER: Duration = Duration::from_secs(5 * 60);
    /// Credentials without an expiry are kept this long by default.
    pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(15 * 60);

    /// A cache in front of `provider`, which reads the time from `clock`.
    pub fn new(provider: SharedCredentialsProvider, clock: Arc<dyn Clock>) -> Self {
        let settings =
            Settings { buffer: Self::DEFAULT_BUFFER, default_lifetime: Self::DEFAULT_LIFETIME, provider_name: "the credentials provider" };
        Self::with_settings(provider, clock, settings)
    }

    fn with_settings(provider: SharedCredentialsProvider, clock: Arc<dyn Clock>, settings: Settings) -> Self {
        CredentialsCache { inner: Arc::new(Inner { provider, clock, settings, state: Mutex::default() }) }
    }

    fn configure(mut self, f: impl FnOnce(&mut Settings)) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            f(&mut inner.settings);
            return self;
        }
        // Already cloned: the clones keep their settings, this one becomes a cache of its own.
        let mut settings = self.inner.settings;
        f(&mut settings);
        Self::with_settings(self.inner.provider.clone(), Arc::clone(&self.inner.clock), settings)
    }

    /// Loads credentials again once `expiry - buffer` (less up to 10% of `buffer` at random) has
    /// passed; default 5 minutes. Set it before cloning the cache.
    pub fn buffer(self, buffer: Duration) -> Self {
        self.configure(|s| s.buffer = buffer)
    }

    /// How long credentials without an expiry are kept before they are loaded again; default 15
    /// minutes. Set it before cloning the cache.
    pub fn default_lifetime(self, lifetime: Duration) -> Self {
        self.configure(|s| s.default_lifetime = lifetime)
    }

    /// The provider's name in error messages, e.g. `"the ECS container endpoint"`; default
    /// `"the credentials provider"`. Set it before cloning the cache.
    pub fn provider_name(self, name: &'static str) -> Self {
        self.configure(|s| s.provider_name = name)
    }

    /// The provider behind the cache.
    pub fn provider(&self) -> &SharedCredentialsProvider {
        &self.inner.provider
    }

    /// The cached credentials, else loads them; callers that arrive during a load share it.
    ///
    /// Cached credentials that are not due for a refresh are returned on the first poll.
    pub fn get(&self) -> GetCredentials<'_> {
        GetCredentials { inner: &self.inner, wait: None }
    }

    /// Forgets the cached credentials, so the next [`get`](Self::get) loads them: call it when the
    /// service rejected them.
    pub fn invalidate(&self) {
        let dropped = self.inner.lock().cached.take();
        drop(dropped);
    }
}

impl ::std::fmt::Debug for CredentialsCache {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        // Never the credentials: only whether some are cached, and until when.
        let (cached, expiry, refresh_at, loading) = {
            let state = self.inner.lock();
            let cached = state.cached.as_ref();
            (cached.is_some(), cached.and_then(|c| c.credentials.expiry()), cached.and_then(|c| c.refresh_at), state.load.is_some())
        };
        let settings = &self.inner.settings;
        f.debug_struct("CredentialsCache")
            .field("provider", &settings.provider_name)
            .field("cached", &cached)
            .field("expiry", &Time(expiry))
            .field("refresh_at", &Time(refresh_at))
            .field("loading", &loading)
            .field("buffer", &settings.buffer)
            .field("default_lifetime", &settings.default_lifetime)
            .finish()
    }
}

/// Prints a time as RFC 3339.
struct Time(Option<SystemTime>);

impl ::std::fmt::Debug for Time {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self.0 {
            Some(t) => write!(f, "{}", ::aws_smithy_types::DateTime::from(t)),
            None => f.write_str("None"),
        }
    }
}

/// The future of [`CredentialsCache::get`].
///
/// Dropping it is safe at any time: the load goes on for the other callers waiting on it, or is
/// dropped when none is left, and the next call starts a new one.
#[must_use = "futures do nothing unless polled"]
pub struct GetCredentials<'a> {
    inner: &'a Inner,
    wait: Option<Wait>,
}

/// The load a caller waits on.
struct Wait {
    caller: u64,
    load: u64,
    waiters: Arc<Waiters>,
}

/// Abandons the load if polling its future unwinds, so its waiters start over.
struct Driving<'a> {
    inner: &'a Inner,
    load: u64,
    armed: bool,
}

impl Drop for Driving<'_> {
    fn drop(&mut self) {
        if self.armed {
            self.inner.abandon(self.load);
        }
    }
}

impl Future for GetCredentials<'_> {
    type Output = Result<Credentials, CredentialsCacheError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let inner = this.inner;
        let mut state = inner.lock();
        if let Some(load) = this.wait.as_ref().map(|w| w.load) {
            if state.load.as_ref().is_none_or(|l| l.id != load) {
                // The load ended: take its outcome. If a later load replaced it, or it was
                // abandoned, start over below.
                this.wait = None;
                if let Some((_, outcome)) = state.last.as_ref().filter(|(id, _)| *id == load) {
                    return Poll::Ready(outcome.clone());
                }
            }
        }
        let (caller, load_id, waiters) = match &this.wait {
            Some(w) => (w.caller, w.load, Arc::clone(&w.waiters)),
            None => {
                if let Some(cached) = state.cached.as_ref().filter(|c| c.is_fresh(inner.clock.now())) {
                    return Poll::Ready(Ok(cached.credentials.clone()));
                }
                let caller = state.next_id();
                let load = match state.load.as_ref() {
                    Some(l) => (l.id, Arc::clone(&l.waiters)),
                    None => {
                        let id = state.next_id();
                        let provider = inner.provider.clone();
                        // Only a future: the provider runs when it is polled, outside the lock.
                        let future: BoxFuture<'static, _> = Box::pin(async move { provider.provide_credentials().await });
                        let waiters = Arc::<Waiters>::default();
                        state.load = Some(Load { id, future: Some(future), waiters: Arc::clone(&waiters) });
                        (id, waiters)
                    }
                };
                this.wait = Some(Wait { caller, load: load.0, waiters: Arc::clone(&load.1) });
                (caller, load.0, load.1)
            }
        };
        // Registered under the state lock, so `Drop` sees every caller that joined.
        waiters.register(caller, cx.waker());
        let Some(mut future) = state.load.as_mut().and_then(|l| l.future.take()) else {
            // Another caller is polling it: its waker wakes us all.
            return Poll::Pending;
        };
        drop(state);

        let waker = Waker::from(Arc::clone(&waiters));
        let mut driving = Driving { inner, load: load_id, armed: true };
        let polled = future.as_mut().poll(&mut Context::from_waker(&waker));
        driving.armed = false;

        let mut state = inner.lock();
        match polled {
            Poll::Pending => {
                // The load is still ours to put back: it ends only through its future, and not
                // while this caller is registered.
                if let Some(l) = state.load.as_mut().filter(|l| l.id == load_id) {
                    l.future = Some(future);
                }
                Poll::Pending
            }
            Poll::Ready(result) => {
                let outcome = inner.settle(&mut state, result);
                state.last = Some((load_id, outcome.clone()));
                let ended = if state.load.as_ref().is_some_and(|l| l.id == load_id) { state.load.take() } else { None };
                this.wait = None;
                drop(state);
                drop(future);
                if let Some(l) = ended {
                    l.waiters.remove(caller);
                    l.waiters.wake_all();
                }
                Poll::Ready(outcome)
            }
        }
    }
}

impl Drop for GetCredentials<'_> {
    fn drop(&mut self) {
        let Some(wait) = self.wait.take() else { return };
        let mut state = self.inner.lock();
        let left = wait.waiters.remove(wait.caller);
        let cancelled = match state.load.as_ref() {
            // The last caller waiting on the load: nobody wants it now, drop it (a hung provider
            // is not kept); the next call starts a new one.
            Some(l) if l.id == wait.load && left == 0 => state.load.take(),
            _ => None,
        };
        drop(state);
        if left > 0 {
            // The last wake of the provider's future may have been ours: let the others poll it.
            wait.waiters.wake_all();
        }
        drop(cancelled);
    }
}

/// The credentials could not be loaded. `Display` never shows credentials.
#[derive(Clone, Debug)]
pub struct CredentialsCacheError {
    provider: &'static str,
    kind: ErrorKind,
}

#[derive(Clone, Debug)]
enum ErrorKind {
    /// Shared: every caller that waited on the load gets it.
    Provider(Arc<CredentialsError>),
    Expired {
        expiry: SystemTime,
        now: SystemTime,
    },
}

impl CredentialsCacheError {
    /// The provider named `provider` failed.
    pub fn provider(provider: &'static str, source: CredentialsError) -> Self {
        CredentialsCacheError { provider, kind: ErrorKind::Provider(Arc::new(source)) }
    }
    /// The provider named `provider` returned credentials that expired at `expiry`, at `now`.
    pub fn expired(provider: &'static str, expiry: SystemTime, now: SystemTime) -> Self {
        CredentialsCacheError { provider, kind: ErrorKind::Expired { expiry, now } }
    }
    /// The provider's name, as set by [`CredentialsCache::provider_name`].
    pub fn provider_name(&self) -> &'static str {
        self.provider
    }
    /// The provider's error, if it failed.
    pub fn provider_error(&self) -> Option<&CredentialsError> {
        match &self.kind {
            ErrorKind::Provider(e) => Some(e),
            ErrorKind::Expired { .. } => None,
        }
    }
    /// Whether the provider returned credentials that had already expired.
    pub fn is_expired(&self) -> bool {
        matches!(self.kind, ErrorKind::Expired { .. })
    }
}

impl ::std::fmt::Display for CredentialsCacheError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match &self.kind {
            ErrorKind::Provider(e) => {
                write!(f, "could not load credentials from {}: {e}", self.provider)?;
                // `CredentialsError` only says what kind of failure: the cause is in its sources.
                let mut source = ::std::error::Error::source(&**e);
                for _ in 0..4 {
                    let Some(s) = source else { break };
                    write!(f, ": {s}")?;
                    source = s.source();
                }
                Ok(())
            }
            ErrorKind::Expired { expiry, now } => write!(
                f,
                "the credentials from {} expired at {} (it is now {})",
                self.provider,
                ::aws_smithy_types::DateTime::from(*expiry),
                ::aws_smithy_types::DateTime::from(*now)
            ),
        }
    }
}

impl ::std::error::Error for CredentialsCacheError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Provider(e) => Some(&**e),
            ErrorKind::Expired { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::transport::Clock;
    use super::*;
    use ::aws_credential_types::provider::future::ProvideCredentials as ProvideCredentialsFuture;
    use ::std::string::ToString;
    use ::std::sync::atomic::{AtomicUsize, Ordering};

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn start() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    #[derive(Debug)]
    struct FakeClock(Mutex<SystemTime>);

    impl FakeClock {
        fn new() -> Arc<Self> {
            Arc::new(FakeClock(Mutex::new(start())))
        }
        fn advance(&self, d: Duration) {
            *self.0.lock().unwrap() += d;
        }
    }

    impl Clock for FakeClock {
        fn now(&self) -> SystemTime {
            *self.0.lock().unwrap()
        }
    }

    /// Opened once; the futures waiting on it complete.
    #[derive(Debug, Default)]
    struct Gate(Mutex<(bool, Vec<Waker>)>);

    impl Gate {
        fn open(&self) {
            let wakers = {
                let mut g = self.0.lock().unwrap();
                g.0 = true;
                ::std::mem::take(&mut g.1)
            };
            wakers.into_iter().for_each(Waker::wake);
        }
        async fn wait(&self) {
            ::std::future::poll_fn(|cx| {
                let mut g = self.0.lock().unwrap();
                if g.0 {
                    return Poll::Ready(());
                }
                g.1.push(cx.waker().clone());
                Poll::Pending
            })
            .await
        }
    }

    /// How each call of the test provider behaves.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Behavior {
        /// Credentials that live this long (`None`: no expiry).
        Live(Option<Duration>),
        /// Credentials that expired a second ago.
        Expired,
        Fail,
        Panic,
    }

    /// Counts its calls; the access key id of call `n` is `AKID<n>`. Calls listed in `script` behave
    /// as listed, the others as `default`; calls wait on `gate` if there is one.
    #[derive(Debug)]
    struct Provider {
        clock: Arc<FakeClock>,
        calls: AtomicUsize,
        script: Vec<Behavior>,
        default: Behavior,
        gate: Option<Arc<Gate>>,
    }

    impl Provider {
        fn new(clock: &Arc<FakeClock>, default: Behavior) -> Self {
            Provider { clock: Arc::clone(clock), calls: AtomicUsize::new(0), script: Vec::new(), default, gate: None }
        }
        fn calls(&self) -> usize {
            self.calls.load(Ordering::SeqCst)
        }
        async fn load(&self, n: usize, behavior: Behavior) -> ::aws_credential_types::provider::Result {
            if let Some(gate) = &self.gate {
                gate.wait().await;
            }
            let now = self.clock.now();
            let expiry = match behavior {
                Behavior::Live(life) => life.map(|l| now + l),
                Behavior::Expired => Some(now - Duration::from_secs(1)),
                Behavior::Fail => {
                    let cause = ::std::io::Error::new(::std::io::ErrorKind::ConnectionRefused, "connection refused");
                    return Err(CredentialsError::provider_error(cause));
                }
                Behavior::Panic => panic!("the provider panicked"),
            };
            Ok(Credentials::new(format!("AKID{n}"), SECRET, Some("TOKEN".into()), expiry, "test"))
        }
    }

    impl ProvideCredentials for Provider {
        fn provide_credentials<'a>(&'a self) -> ProvideCredentialsFuture<'a>
        where
            Self: 'a,
        {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            let behavior = self.script.get(n - 1).copied().unwrap_or(self.default);
            ProvideCredentialsFuture::new(self.load(n, behavior))
        }
    }

    fn cache(clock: &Arc<FakeClock>, provider: Provider) -> (CredentialsCache, Arc<Provider>) {
        let provider = Arc::new(provider);
        let shared = SharedCredentialsProvider::from(Arc::clone(&provider) as Arc<dyn ProvideCredentials>);
        (CredentialsCache::new(shared, Arc::clone(clock) as Arc<dyn Clock>), provider)
    }

    async fn key(cache: &CredentialsCache) -> String {
        cache.get().await.unwrap().access_key_id().to_string()
    }

    fn waiting(cache: &CredentialsCache) -> usize {
        cache.inner.lock().load.as_ref().map_or(0, |l| l.waiters.lock().len())
    }

    fn poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
        Pin::new(future).poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn the_cache_and_its_future_are_send_and_sync() {
        fn send_sync<T: Send + Sync>() {}
        fn send<T: Send>(_: &T) {}
        send_sync::<CredentialsCache>();
        send_sync::<CredentialsCacheError>();
        let clock = FakeClock::new();
        let (cache, _) = cache(&clock, Provider::new(&clock, Behavior::Live(None)));
        send(&cache.get());
    }

    #[tokio::test]
    async fn cached_until_the_buffer_then_refreshed() {
        let clock = FakeClock::new();
        let (cache, provider) = cache(&clock, Provider::new(&clock, Behavior::Live(Some(Duration::from_secs(3600)))));
        assert_eq!(key(&cache).await, "AKID1");
        assert_eq!(key(&cache).await, "AKID1");
        // 5 minutes of buffer and at most 30 s of jitter: still fresh 54 minutes in.
        clock.advance(Duration::from_secs(54 * 60));
        assert_eq!(key(&cache).await, "AKID1");
        assert_eq!(provider.calls(), 1);
        // Inside the buffer, not yet expired: refreshed.
        clock.advance(Duration::from_secs(60));
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn the_buffer_can_be_set() {
        let clock = FakeClock::new();
        let (cache, provider) = cache(&clock, Provider::new(&clock, Behavior::Live(Some(Duration::from_secs(3600)))));
        let cache = cache.buffer(Duration::from_secs(60));
        assert_eq!(key(&cache).await, "AKID1");
        clock.advance(Duration::from_secs(3600 - 70));
        assert_eq!(key(&cache).await, "AKID1");
        clock.advance(Duration::from_secs(11));
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn credentials_shorter_lived_than_the_buffer_are_kept_half_their_life() {
        let clock = FakeClock::new();
        let (cache, provider) = cache(&clock, Provider::new(&clock, Behavior::Live(Some(Duration::from_secs(60)))));
        assert_eq!(key(&cache).await, "AKID1");
        clock.advance(Duration::from_secs(29));
        assert_eq!(key(&cache).await, "AKID1");
        clock.advance(Duration::from_secs(1));
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn credentials_without_expiry_are_kept_for_the_default_lifetime() {
        let clock = FakeClock::new();
        let (cache, provider) = cache(&clock, Provider::new(&clock, Behavior::Live(None)));
        assert_eq!(key(&cache).await, "AKID1");
        clock.advance(Duration::from_secs(15 * 60 - 1));
        assert_eq!(key(&cache).await, "AKID1");
        clock.advance(Duration::from_secs(1));
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);

        let other = cache.clone().default_lifetime(Duration::from_secs(60));
        assert_eq!(key(&other).await, "AKID3", "a clone that changes settings is a new cache");
        assert_eq!(key(&cache).await, "AKID2", "the original keeps its cache");
        clock.advance(Duration::from_secs(60));
        assert_eq!(key(&other).await, "AKID4");
    }

    #[tokio::test]
    async fn the_fast_path_is_ready_on_the_first_poll() {
        let clock = FakeClock::new();
        let (cache, _) = cache(&clock, Provider::new(&clock, Behavior::Live(None)));
        key(&cache).await;
        let mut get = cache.get();
        assert!(matches!(poll_once(&mut get), Poll::Ready(Ok(c)) if c.access_key_id() == "AKID1"));
    }

    #[tokio::test]
    async fn concurrent_callers_share_one_load() {
        let clock = FakeClock::new();
        let gate = Arc::new(Gate::default());
        let mut provider = Provider::new(&clock, Behavior::Live(Some(Duration::from_secs(3600))));
        provider.gate = Some(Arc::clone(&gate));
        let (cache, provider) = cache(&clock, provider);
        let clone = cache.clone();
        let opener = async {
            while waiting(&cache) < 10 {
                ::tokio::task::yield_now().await;
            }
            assert_eq!(provider.calls(), 1);
            gate.open();
        };
        let c = &clone;
        let keys =
            ::tokio::join!(key(c), key(c), key(c), key(c), key(c), key(&cache), key(&cache), key(&cache), key(&cache), key(&cache), opener);
        let keys = [keys.0, keys.1, keys.2, keys.3, keys.4, keys.5, keys.6, keys.7, keys.8, keys.9];
        assert!(keys.iter().all(|k| k == "AKID1"), "{keys:?}");
        assert_eq!(provider.calls(), 1);
        assert_eq!(waiting(&cache), 0);
    }

    #[tokio::test]
    async fn waiters_get_the_loaders_error() {
        let clock = FakeClock::new();
        let gate = Arc::new(Gate::default());
        let mut provider = Provider::new(&clock, Behavior::Fail);
        provider.gate = Some(Arc::clone(&gate));
        let (cache, provider) = cache(&clock, provider);
        let opener = async {
            while waiting(&cache) < 3 {
                ::tokio::task::yield_now().await;
            }
            gate.open();
        };
        let (a, b, c, ()) = ::tokio::join!(cache.get(), cache.get(), cache.get(), opener);
        for r in [a, b, c] {
            assert!(r.unwrap_err().to_string().contains("connection refused"));
        }
        assert_eq!(provider.calls(), 1);
    }

    #[tokio::test]
    async fn a_failed_load_is_an_error_and_is_tried_again() {
        let clock = FakeClock::new();
        let mut provider = Provider::new(&clock, Behavior::Live(None));
        provider.script = vec![Behavior::Fail];
        let (cache, provider) = cache(&clock, provider);
        let cache = cache.provider_name("the ECS container endpoint");
        let err = cache.get().await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "could not load credentials from the ECS container endpoint: an error occurred while loading credentials: connection refused"
        );
        assert!(!err.is_expired());
        assert_eq!(err.provider_name(), "the ECS container endpoint");
        assert!(matches!(err.provider_error(), Some(CredentialsError::ProviderError(_))));
        let source = ::std::error::Error::source(&err).unwrap();
        assert!(source.downcast_ref::<CredentialsError>().is_some());
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn already_expired_credentials_are_an_error() {
        let clock = FakeClock::new();
        let mut provider = Provider::new(&clock, Behavior::Live(None));
        provider.script = vec![Behavior::Expired];
        let (cache, provider) = cache(&clock, provider);
        let err = cache.get().await.unwrap_err();
        assert!(err.is_expired());
        assert!(err.provider_error().is_none());
        assert_eq!(
            err.to_string(),
            "the credentials from the credentials provider expired at 2023-11-14T22:13:19Z (it is now 2023-11-14T22:13:20Z)"
        );
        assert!(!err.to_string().contains(SECRET) && !format!("{err:?}").contains(SECRET));
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn a_cancelled_load_with_nobody_waiting_starts_over() {
        let clock = FakeClock::new();
        let gate = Arc::new(Gate::default());
        let mut provider = Provider::new(&clock, Behavior::Live(None));
        provider.gate = Some(Arc::clone(&gate));
        let (cache, provider) = cache(&clock, provider);
        let mut get = cache.get();
        assert!(poll_once(&mut get).is_pending());
        assert_eq!(provider.calls(), 1);
        drop(get);
        assert!(cache.inner.lock().load.is_none(), "the abandoned load is dropped");
        gate.open();
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn a_cancelled_loader_hands_the_load_to_a_waiter() {
        let clock = FakeClock::new();
        let gate = Arc::new(Gate::default());
        let mut provider = Provider::new(&clock, Behavior::Live(None));
        provider.gate = Some(Arc::clone(&gate));
        let (cache, provider) = cache(&clock, provider);
        let mut loader = cache.get();
        assert!(poll_once(&mut loader).is_pending());
        let waiter = cache.get();
        let opener = async {
            while waiting(&cache) < 2 {
                ::tokio::task::yield_now().await;
            }
            drop(loader);
            gate.open();
        };
        let (got, ()) = ::tokio::join!(waiter, opener);
        assert_eq!(got.unwrap().access_key_id(), "AKID1");
        assert_eq!(provider.calls(), 1);
    }

    #[tokio::test]
    async fn a_panicking_provider_does_not_wedge_the_cache() {
        let clock = FakeClock::new();
        let mut provider = Provider::new(&clock, Behavior::Live(None));
        provider.script = vec![Behavior::Panic];
        let (cache, provider) = cache(&clock, provider);
        let mut get = cache.get();
        let caught = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| poll_once(&mut get).is_ready()));
        assert!(caught.is_err());
        drop(get);
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn invalidate_forces_a_reload() {
        let clock = FakeClock::new();
        let (cache, provider) = cache(&clock, Provider::new(&clock, Behavior::Live(Some(Duration::from_secs(3600)))));
        assert_eq!(key(&cache).await, "AKID1");
        cache.clone().invalidate();
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(key(&cache).await, "AKID2");
        assert_eq!(provider.calls(), 2);
    }

    #[tokio::test]
    async fn debug_shows_no_secret() {
        let clock = FakeClock::new();
        let (cache, _) = cache(&clock, Provider::new(&clock, Behavior::Live(Some(Duration::from_secs(3600)))));
        key(&cache).await;
        let debug = format!("{cache:?}");
        assert!(!debug.contains(SECRET) && !debug.contains("TOKEN") && !debug.contains("AKID"), "{debug}");
        assert!(debug.contains("cached: true") && debug.contains("expiry: 2023-11-14T23:13:20Z"), "{debug}");
    }
}
