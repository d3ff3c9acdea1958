//! Where a retry waits: sleeping, and the clock its time cap is measured on.

use std::future::Future;
use std::time::{Duration, Instant};

/// How a [`RetryPolicy`](super::RetryPolicy) waits between attempts, and reads the time
/// for its cap on the total time.
///
/// Implement it for your async runtime (a few lines), or use `TokioTimer` with the
/// `tokio` feature. A timer for tests implements both methods, so that sleeping moves
/// its clock on and no test waits for real:
///
/// ```
/// use std::sync::Mutex;
/// use std::time::{Duration, Instant};
/// use luxxon_errors::retry::Timer;
///
/// struct FakeTimer {
///     start: Instant,
///     slept: Mutex<Vec<Duration>>,
/// }
///
/// impl Timer for FakeTimer {
///     fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
///         self.slept.lock().unwrap().push(duration);
///         std::future::ready(())
///     }
///
///     fn now(&self) -> Instant {
///         self.start + self.slept.lock().unwrap().iter().sum::<Duration>()
///     }
/// }
/// ```
pub trait Timer {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;

    /// The current instant. The default reads the system's monotonic clock; a timer
    /// whose sleeps are not real (a test's, or a runtime with paused time) overrides it.
    fn now(&self) -> Instant {
        Instant::now()
    }
}

impl<T: Timer + ?Sized> Timer for &T {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        (**self).sleep(duration)
    }

    fn now(&self) -> Instant {
        (**self).now()
    }
}

/// Tokio's timer: [`tokio::time::sleep`], and Tokio's clock, so that a test with paused
/// time (`#[tokio::test(start_paused = true)]`) measures the total time in paused time
/// too. Needs a runtime with the time driver enabled.
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokioTimer;

#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
impl Timer for TokioTimer {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        tokio::time::sleep(duration)
    }

    fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std()
    }
}

#[cfg(all(test, feature = "tokio"))]
mod tests {
    use super::*;
    use crate::retry::{Jitter, RetryPolicy, Retryable};

    struct Busy;

    impl Retryable for Busy {
        fn is_retryable(&self) -> bool {
            true
        }

        fn retry_delay(&self) -> Option<Duration> {
            None
        }
    }

    #[tokio::test]
    async fn tokio_drives_a_policy() {
        // Zero waits: Tokio's timer is exercised without a test that sleeps.
        let policy = RetryPolicy::new()
            .initial_delay(Duration::ZERO)
            .jitter(Jitter::None);
        let result = policy
            .run(TokioTimer, |attempt| async move {
                if attempt < 3 { Err(Busy) } else { Ok(attempt) }
            })
            .await;
        assert!(matches!(result, Ok(3)));
        assert!(TokioTimer.now() <= Instant::now());
    }
}
