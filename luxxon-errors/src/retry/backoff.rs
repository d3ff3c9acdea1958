//! Retrying with exponential backoff and jitter, within caps on attempts and time.

use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use super::{Retryable, Timer};

/// How a [`RetryPolicy`] spreads its waits, so that clients that failed together do not
/// all retry at the same instant.
///
/// The backoff before retry `n` (1 for the first retry) is `initial_delay × 2ⁿ⁻¹`,
/// capped at `max_delay`; the jitter picks the wait from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Jitter {
    /// Anywhere from zero to the backoff: spreads retries the most ("full jitter").
    #[default]
    Full,
    /// Half the backoff plus anywhere up to the other half: never less than half
    /// ("equal jitter").
    Equal,
    /// Exactly the backoff.
    None,
}

/// When and how often to retry a failed operation: exponential backoff with jitter,
/// capped in attempts and in total time, honouring what the error says (whether it may
/// be retried, and how long to wait at least, e.g. a `Retry-After` header).
///
/// The defaults: 4 attempts in all, 100 ms before the first retry, doubling up to 10 s,
/// full jitter, and no retry waited for that would end more than 30 s after the first
/// attempt began (an attempt itself is never cut short: see
/// [`RetryPolicy::max_elapsed_time`]).
///
/// ```
/// use std::time::Duration;
/// use luxxon_errors::retry::{Jitter, RetryPolicy};
///
/// let policy = RetryPolicy::new()
///     .max_attempts(6)
///     .initial_delay(Duration::from_millis(200))
///     .max_delay(Duration::from_secs(5))
///     .max_elapsed_time(Duration::from_secs(60))
///     .jitter(Jitter::Equal);
/// # let _ = policy;
/// ```
///
/// [`RetryPolicy::run`] drives any async operation whose error is [`Retryable`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_delay: Duration,
    max_delay: Duration,
    max_elapsed_time: Duration,
    jitter: Jitter,
    seed: Option<u64>,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(10),
            max_elapsed_time: Duration::from_secs(30),
            jitter: Jitter::Full,
            seed: None,
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`RetryPolicy`]).
    pub fn new() -> RetryPolicy {
        RetryPolicy::default()
    }

    /// How many attempts in all, the first included (default 4); 0 counts as 1.
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> RetryPolicy {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry, doubled for each retry after it (default
    /// 100 ms).
    #[must_use]
    pub fn initial_delay(mut self, delay: Duration) -> RetryPolicy {
        self.initial_delay = delay;
        self
    }

    /// The largest backoff (default 10 s). A longer wait the error asks for (e.g. a
    /// `Retry-After`) is still honoured.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> RetryPolicy {
        self.max_delay = delay;
        self
    }

    /// The time from the start of the first attempt past which no retry may be waited
    /// for (default 30 s): when the next wait would end later, the policy gives up and
    /// returns the last error, rather than wait for a retry it would have to cut short.
    ///
    /// The cap is checked before each wait; it does not cut an attempt short. An attempt
    /// that starts before the cap runs to its end, so a whole run lasts at most the cap
    /// plus one attempt. To bound that too, give each attempt a timeout of its own
    /// (reqwest's `ClientBuilder::timeout`, or `tokio::time::timeout` around it).
    #[must_use]
    pub fn max_elapsed_time(mut self, time: Duration) -> RetryPolicy {
        self.max_elapsed_time = time;
        self
    }

    /// How waits are spread (default [`Jitter::Full`]).
    #[must_use]
    pub fn jitter(mut self, jitter: Jitter) -> RetryPolicy {
        self.jitter = jitter;
        self
    }

    /// Seeds the jitter, so that every run draws the same waits (for tests). By default
    /// each run draws a fresh seed.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> RetryPolicy {
        self.seed = Some(seed);
        self
    }

    /// Runs `operation` until it succeeds, retrying while the error
    /// [is retryable](Retryable::is_retryable), the attempts last and the time cap
    /// allows, waiting on `timer` between attempts. The operation is given the attempt
    /// number: 1, then 2, and so on. Each wait is the jittered backoff, or what the
    /// error [asks for](Retryable::retry_delay) when that is longer.
    ///
    /// Only retry operations that are safe to repeat (idempotent, or made so with an
    /// idempotency key): a retryable error says the server may be ready again, not that
    /// the failed attempt had no effect.
    ///
    /// It holds one error at a time: each is dropped before the next attempt begins.
    /// With [`HttpError`](crate::HttpError)s, which keep at most a
    /// [limit](crate::DEFAULT_BODY_LIMIT) of their bodies, retrying a server that
    /// answers huge bodies costs one limit's worth, however many attempts.
    ///
    /// ```no_run
    /// # #[cfg(feature = "reqwest")]
    /// # async fn example() -> Result<(), luxxon_errors::reqwest::ClientError> {
    /// use luxxon_errors::reqwest::error_for_status;
    /// use luxxon_errors::retry::{RetryPolicy, TokioTimer};
    ///
    /// let client = reqwest::Client::new();
    /// let client = &client;
    /// let response = RetryPolicy::new()
    ///     .run(TokioTimer, |_attempt| async move {
    ///         error_for_status(client.get("http://localhost:8080/sessions/s_42").send().await?)
    ///             .await
    ///     })
    ///     .await?;
    /// # let _ = response;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// The last error: the first one that is not retryable, or the one after which the
    /// attempts or the time ran out.
    pub async fn run<T, E, F, Fut>(&self, timer: impl Timer, mut operation: F) -> Result<T, E>
    where
        E: Retryable,
        F: FnMut(u32) -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let start = timer.now();
        let mut random = SplitMix64(self.seed.unwrap_or_else(fresh_seed));
        let mut attempt = 1;
        loop {
            let error = match operation(attempt).await {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            if !error.is_retryable() || attempt >= self.max_attempts {
                return Err(error);
            }
            let backoff = self.backoff(attempt, &mut random);
            let wait = error
                .retry_delay()
                .map_or(backoff, |asked| asked.max(backoff));
            let elapsed = timer.now().saturating_duration_since(start);
            if elapsed.saturating_add(wait) > self.max_elapsed_time {
                return Err(error);
            }
            timer.sleep(wait).await;
            attempt += 1;
        }
    }

    /// The jittered wait before retry `retry` (1 for the first).
    fn backoff(&self, retry: u32, random: &mut SplitMix64) -> Duration {
        let exponential = 1_u32
            .checked_shl(retry.saturating_sub(1))
            .and_then(|factor| self.initial_delay.checked_mul(factor))
            .unwrap_or(Duration::MAX);
        let backoff = exponential.min(self.max_delay);
        match self.jitter {
            Jitter::Full => random.up_to(backoff),
            Jitter::Equal => backoff / 2 + random.up_to(backoff - backoff / 2),
            Jitter::None => backoff,
        }
    }
}

/// A seed that differs from run to run: `RandomState` is keyed randomly per process and
/// anew for each instance, which is all the jitter needs (no `rand` dependency).
fn fresh_seed() -> u64 {
    RandomState::new().build_hasher().finish()
}

/// SplitMix64: a tiny, fast PRNG that is plenty for spreading retries (not for secrets).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A duration from zero to `max`, both included, to the nanosecond. Spans beyond
    /// `u64::MAX` nanoseconds (584 years) are drawn from that much.
    fn up_to(&mut self, max: Duration) -> Duration {
        let span = u128::from(u64::try_from(max.as_nanos()).unwrap_or(u64::MAX));
        // Scaling by a multiply and shift rather than `%` keeps the draw unbiased enough
        // and cannot overflow: (2⁶⁴ − 1) × 2⁶⁴ < 2¹²⁸.
        let nanos = (u128::from(self.next_u64()) * (span + 1)) >> 64;
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Instant;

    use super::*;

    /// Records the waits; sleeping (and each attempt's `work`) moves its clock on.
    struct FakeTimer {
        start: Instant,
        elapsed: Mutex<Duration>,
        waits: Mutex<Vec<Duration>>,
    }

    impl FakeTimer {
        fn new() -> FakeTimer {
            FakeTimer {
                start: Instant::now(),
                elapsed: Mutex::new(Duration::ZERO),
                waits: Mutex::new(Vec::new()),
            }
        }

        fn advance(&self, duration: Duration) {
            *self.elapsed.lock().expect("not poisoned") += duration;
        }

        fn waits(&self) -> Vec<Duration> {
            self.waits.lock().expect("not poisoned").clone()
        }
    }

    impl Timer for FakeTimer {
        fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
            self.waits.lock().expect("not poisoned").push(duration);
            self.advance(duration);
            std::future::ready(())
        }

        fn now(&self) -> Instant {
            self.start + *self.elapsed.lock().expect("not poisoned")
        }
    }

    /// An error that says what the test wants it to, and which attempt gave it.
    #[derive(Debug, PartialEq)]
    struct Failure {
        attempt: u32,
        retryable: bool,
        retry_delay: Option<Duration>,
    }

    impl Failure {
        fn retryable(attempt: u32) -> Failure {
            Failure {
                attempt,
                retryable: true,
                retry_delay: None,
            }
        }
    }

    impl Retryable for Failure {
        fn is_retryable(&self) -> bool {
            self.retryable
        }

        fn retry_delay(&self) -> Option<Duration> {
            self.retry_delay
        }
    }

    fn millis(values: &[u64]) -> Vec<Duration> {
        values.iter().copied().map(Duration::from_millis).collect()
    }

    #[tokio::test]
    async fn succeeds_on_the_third_attempt() {
        let timer = FakeTimer::new();
        let mut attempts = Vec::new();
        let result = RetryPolicy::new()
            .jitter(Jitter::None)
            .run(&timer, |attempt| {
                attempts.push(attempt);
                async move {
                    match attempt {
                        3 => Ok("done"),
                        _ => Err(Failure::retryable(attempt)),
                    }
                }
            })
            .await;
        assert_eq!(result, Ok("done"));
        assert_eq!(attempts, [1, 2, 3]);
        assert_eq!(timer.waits(), millis(&[100, 200]));
    }

    #[tokio::test]
    async fn a_first_success_does_not_wait() {
        let timer = FakeTimer::new();
        let result: Result<u8, Failure> = RetryPolicy::new().run(&timer, |_| async { Ok(7) }).await;
        assert_eq!(result, Ok(7));
        assert!(timer.waits().is_empty());
    }

    #[tokio::test]
    async fn waits_at_least_what_the_error_asks() {
        let timer = FakeTimer::new();
        let result = RetryPolicy::new()
            .run(&timer, |attempt| async move {
                match attempt {
                    1 => Err(Failure {
                        retry_delay: Some(Duration::from_secs(5)),
                        ..Failure::retryable(attempt)
                    }),
                    _ => Ok(attempt),
                }
            })
            .await;
        assert_eq!(result, Ok(2));
        // The backoff (at most 100 ms) is shorter, so the error's 5 s wins.
        assert_eq!(timer.waits(), [Duration::from_secs(5)]);
    }

    #[tokio::test]
    async fn honours_the_retry_after_header_of_an_http_error() {
        let timer = FakeTimer::new();
        let result = RetryPolicy::new()
            .run(&timer, |attempt| async move {
                match attempt {
                    1 => Err(crate::LuxxonHttpError::new(429, [("Retry-After", "3")], "")),
                    _ => Ok(attempt),
                }
            })
            .await;
        assert_eq!(result.ok(), Some(2));
        assert_eq!(timer.waits(), [Duration::from_secs(3)]);

        let not_found = FakeTimer::new();
        let body = r#"{"statusCode":404,"code":"NOT_FOUND","message":"m","timestamp":"2026-05-13T08:30:00Z"}"#;
        let result: Result<(), _> = RetryPolicy::new()
            .run(&not_found, |_| async {
                Err(crate::LuxxonHttpError::new(
                    404,
                    [("Retry-After", "3")],
                    body,
                ))
            })
            .await;
        assert_eq!(result.map_err(|error| error.status()), Err(404));
        assert!(not_found.waits().is_empty());
    }

    #[tokio::test]
    async fn a_backoff_longer_than_the_asked_wait_wins() {
        let timer = FakeTimer::new();
        let _ = RetryPolicy::new()
            .max_attempts(2)
            .initial_delay(Duration::from_secs(2))
            .jitter(Jitter::None)
            .run(&timer, |attempt| async move {
                Err::<(), _>(Failure {
                    retry_delay: Some(Duration::from_secs(1)),
                    ..Failure::retryable(attempt)
                })
            })
            .await;
        assert_eq!(timer.waits(), [Duration::from_secs(2)]);
    }

    #[tokio::test]
    async fn gives_up_at_once_on_an_error_that_is_not_retryable() {
        let timer = FakeTimer::new();
        let mut calls = 0;
        let result: Result<(), _> = RetryPolicy::new()
            .run(&timer, |attempt| {
                calls += 1;
                async move {
                    Err(Failure {
                        retryable: false,
                        // Not retryable wins over a Retry-After.
                        retry_delay: Some(Duration::from_secs(1)),
                        attempt,
                    })
                }
            })
            .await;
        assert_eq!(result.map_err(|error| error.attempt), Err(1));
        assert_eq!(calls, 1);
        assert!(timer.waits().is_empty());
    }

    #[tokio::test]
    async fn stops_at_the_attempt_cap_with_the_last_error() {
        let timer = FakeTimer::new();
        let result: Result<(), _> = RetryPolicy::new()
            .run(
                &timer,
                |attempt| async move { Err(Failure::retryable(attempt)) },
            )
            .await;
        assert_eq!(result, Err(Failure::retryable(4)));
        assert_eq!(timer.waits().len(), 3);

        let once = FakeTimer::new();
        let result: Result<(), _> = RetryPolicy::new()
            .max_attempts(0)
            .run(
                &once,
                |attempt| async move { Err(Failure::retryable(attempt)) },
            )
            .await;
        assert_eq!(result, Err(Failure::retryable(1)));
        assert!(once.waits().is_empty());
    }

    #[tokio::test]
    async fn gives_up_when_the_asked_wait_would_pass_the_time_cap() {
        let timer = FakeTimer::new();
        let result: Result<(), _> = RetryPolicy::new()
            .run(&timer, |attempt| async move {
                Err(Failure {
                    retry_delay: Some(Duration::from_secs(31)),
                    ..Failure::retryable(attempt)
                })
            })
            .await;
        assert_eq!(result.map_err(|error| error.attempt), Err(1));
        assert!(timer.waits().is_empty());
    }

    #[tokio::test]
    async fn counts_the_time_attempts_take_against_the_time_cap() {
        let timer = FakeTimer::new();
        let result: Result<(), _> = RetryPolicy::new()
            .max_attempts(100)
            .jitter(Jitter::None)
            .max_elapsed_time(Duration::from_secs(30))
            .run(&timer, |attempt| {
                // Each attempt takes 10 s: 1 starts at 0, 2 at 10.1, 3 at 20.3; after 3
                // fails at 30.3 s, no wait fits.
                timer.advance(Duration::from_secs(10));
                async move { Err(Failure::retryable(attempt)) }
            })
            .await;
        assert_eq!(result.map_err(|error| error.attempt), Err(3));
        assert_eq!(timer.waits(), millis(&[100, 200]));
        // As documented: the last attempt is not cut short, so the run ends past the cap,
        // by at most one attempt.
        let total = timer.now() - timer.start;
        assert!(total > Duration::from_secs(30), "{total:?}");
        assert!(
            total <= Duration::from_secs(30) + Duration::from_secs(10),
            "{total:?}"
        );
    }

    #[tokio::test]
    async fn waits_double_up_to_the_max_delay() {
        let timer = FakeTimer::new();
        let _: Result<(), _> = RetryPolicy::new()
            .max_attempts(8)
            .max_delay(Duration::from_secs(1))
            .jitter(Jitter::None)
            .run(
                &timer,
                |attempt| async move { Err(Failure::retryable(attempt)) },
            )
            .await;
        assert_eq!(
            timer.waits(),
            millis(&[100, 200, 400, 800, 1000, 1000, 1000])
        );
    }

    #[test]
    fn full_jitter_stays_within_the_backoff() {
        let policy = RetryPolicy::new().max_delay(Duration::from_secs(1));
        let mut random = SplitMix64(1);
        for retry in 1..=40 {
            let cap =
                Duration::from_millis(100 * (1 << (retry - 1).min(10))).min(Duration::from_secs(1));
            for _ in 0..100 {
                assert!(policy.backoff(retry, &mut random) <= cap);
            }
        }
    }

    #[test]
    fn equal_jitter_waits_at_least_half_the_backoff() {
        let policy = RetryPolicy::new().jitter(Jitter::Equal);
        let mut random = SplitMix64(2);
        for _ in 0..1000 {
            let wait = policy.backoff(3, &mut random);
            assert!(wait >= Duration::from_millis(200) && wait <= Duration::from_millis(400));
        }
    }

    #[test]
    fn full_jitter_spreads_waits_over_the_whole_range() {
        let policy = RetryPolicy::new();
        let mut random = SplitMix64(3);
        let waits: Vec<Duration> = (0..1000).map(|_| policy.backoff(1, &mut random)).collect();
        let low = waits
            .iter()
            .filter(|wait| **wait < Duration::from_millis(25))
            .count();
        let high = waits
            .iter()
            .filter(|wait| **wait > Duration::from_millis(75))
            .count();
        // About 250 each; a PRNG stuck low or high would fail.
        assert!((150..350).contains(&low), "{low}");
        assert!((150..350).contains(&high), "{high}");
    }

    #[tokio::test]
    async fn a_seed_makes_the_waits_repeatable() {
        async fn waits(policy: &RetryPolicy) -> Vec<Duration> {
            let timer = FakeTimer::new();
            let _: Result<(), _> = policy
                .run(
                    &timer,
                    |attempt| async move { Err(Failure::retryable(attempt)) },
                )
                .await;
            timer.waits()
        }
        let seeded = RetryPolicy::new().seed(42);
        assert_eq!(waits(&seeded).await, waits(&seeded).await);
        assert_ne!(
            waits(&seeded).await,
            waits(&RetryPolicy::new().seed(43)).await
        );
    }

    #[test]
    fn huge_settings_saturate_rather_than_overflow() {
        let policy = RetryPolicy::new()
            .initial_delay(Duration::MAX)
            .max_delay(Duration::MAX);
        let mut random = SplitMix64(4);
        assert_eq!(
            policy
                .clone()
                .jitter(Jitter::None)
                .backoff(u32::MAX, &mut random),
            Duration::MAX
        );
        assert!(policy.backoff(u32::MAX, &mut random) <= Duration::from_nanos(u64::MAX));
        let equal = policy.jitter(Jitter::Equal).backoff(2, &mut random);
        assert!(equal >= Duration::MAX / 2);
    }
}
