//! A counter per code answered, through the `metrics` facade.

use ::axum::http::StatusCode;

use super::observe::{ErrorAnswered, ErrorObserver, UNKNOWN_CODE_LABEL};
use crate::CatalogCode;

/// An [`ErrorObserver`] that counts every error a router answers with the
/// [`metrics`](https://docs.rs/metrics) facade: the counter
/// [`MetricsObserver::COUNTER`] (`luxxon_errors_answered_total`), labelled `code`,
/// `family` and `status`. Whichever exporter the application installs (Prometheus,
/// StatsD, …) publishes it; without one the increments are dropped.
///
/// The labels are bounded by the catalog: `code` is one of the catalog's codes, or
/// `unknown` ([`UNKNOWN_CODE_LABEL`]) for a code the catalog does not list and for an
/// error response that is not an envelope; `family` is a family id or `unknown`;
/// `status` the three digits. A client cannot make new series by sending new text.
///
/// ```
/// use axum::Router;
/// use luxxon_errors::ErrorHandling;
/// use luxxon_errors::axum::MetricsObserver;
///
/// let app: Router = ErrorHandling::new().observe(MetricsObserver::new()).apply(Router::new());
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "metrics")))]
#[derive(Clone, Copy, Debug, Default)]
pub struct MetricsObserver {
    _private: (),
}

impl MetricsObserver {
    /// The counter's name.
    pub const COUNTER: &'static str = "luxxon_errors_answered_total";

    /// The observer.
    pub fn new() -> MetricsObserver {
        MetricsObserver { _private: () }
    }
}

impl<C: CatalogCode> ErrorObserver<C> for MetricsObserver {
    fn on_error(&self, answered: &ErrorAnswered<'_, C>) {
        let code = answered.code_label();
        let family = match code {
            UNKNOWN_CODE_LABEL => UNKNOWN_CODE_LABEL,
            _ => answered.family().unwrap_or(UNKNOWN_CODE_LABEL),
        };
        metrics::counter!(
            MetricsObserver::COUNTER,
            "code" => code,
            "family" => family,
            "status" => status_label(answered.status()),
        )
        .increment(1);
    }
}

/// The digits of every status from 100 to 599, three apiece: a label borrowed from here
/// costs no allocation per increment.
static STATUS_DIGITS: [u8; 1500] = {
    let mut digits = [0; 1500];
    let mut index = 0;
    while index < 500 {
        let status = 100 + index;
        digits[index * 3] = b'0' + (status / 100) as u8;
        digits[index * 3 + 1] = b'0' + (status / 10 % 10) as u8;
        digits[index * 3 + 2] = b'0' + (status % 10) as u8;
        index += 1;
    }
    digits
};

/// `status` as three digits.
fn status_label(status: StatusCode) -> &'static str {
    let start = usize::from(status.as_u16()).saturating_sub(100) * 3;
    STATUS_DIGITS
        .get(start..start + 3)
        .and_then(|digits| std::str::from_utf8(digits).ok())
        .unwrap_or("unknown")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex, PoisonError};

    use ::axum::Router;
    use ::axum::body::Body;
    use ::axum::http::{Request, StatusCode};
    use ::axum::routing::get;
    use metrics::{
        Counter, CounterFn, Gauge, Histogram, Key, KeyName, Metadata, Recorder, SharedString, Unit,
    };
    use tower::ServiceExt;

    use super::{MetricsObserver, status_label};
    use crate::{ErrorCode, ErrorHandling, LuxxonError};

    /// A recorder keeping each counter by its name and sorted labels.
    #[derive(Default)]
    struct Counters(Mutex<BTreeMap<String, Arc<Count>>>);

    #[derive(Default)]
    struct Count(AtomicU64);

    impl CounterFn for Count {
        fn increment(&self, value: u64) {
            self.0.fetch_add(value, Ordering::Relaxed);
        }

        fn absolute(&self, value: u64) {
            self.0.fetch_max(value, Ordering::Relaxed);
        }
    }

    impl Counters {
        fn get(&self) -> BTreeMap<String, u64> {
            let counters = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            counters
                .iter()
                .map(|(key, count)| (key.clone(), count.0.load(Ordering::Relaxed)))
                .collect()
        }
    }

    impl Recorder for Counters {
        fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

        fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
            let mut labels: Vec<String> = key
                .labels()
                .map(|label| format!("{}={}", label.key(), label.value()))
                .collect();
            labels.sort();
            let name = format!("{}{{{}}}", key.name(), labels.join(","));
            let mut counters = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            Counter::from_arc(Arc::clone(counters.entry(name).or_default()))
        }

        fn register_gauge(&self, _: &Key, _: &Metadata<'_>) -> Gauge {
            Gauge::noop()
        }

        fn register_histogram(&self, _: &Key, _: &Metadata<'_>) -> Histogram {
            Histogram::noop()
        }
    }

    #[test]
    fn status_labels_are_three_digits() {
        assert_eq!(status_label(StatusCode::CONTINUE), "100");
        assert_eq!(status_label(StatusCode::NOT_FOUND), "404");
        assert_eq!(
            status_label(StatusCode::from_u16(599).unwrap_or_default()),
            "599"
        );
    }

    #[test]
    fn one_increment_per_error_labelled_by_code() {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() else {
            panic!("no runtime");
        };
        let app: Router = ErrorHandling::new().observe(MetricsObserver::new()).apply(
            Router::new()
                .route("/ok", get(|| async { "ok" }))
                .route(
                    "/denied",
                    get(|| async {
                        Err::<(), _>(LuxxonError::from_code(ErrorCode::NotAuthorized))
                    }),
                )
                .route(
                    "/new",
                    get(|| async {
                        Err::<(), _>(LuxxonError::from_code(ErrorCode::parse("BRAND_NEW")))
                    }),
                ),
        );
        let counters = Counters::default();
        for path in ["/ok", "/denied", "/denied", "/missing", "/new"] {
            let request = Request::get(path).body(Body::empty()).unwrap_or_default();
            let response = app.clone().oneshot(request);
            // The local recorder holds for what runs on this thread: the whole request.
            let _ = metrics::with_local_recorder(&counters, || runtime.block_on(response));
        }
        let expected: BTreeMap<String, u64> = [
            ("code=NOT_AUTHORIZED,family=auth,status=403", 2),
            ("code=NOT_FOUND,family=not_found,status=404", 1),
            ("code=unknown,family=unknown,status=500", 1),
        ]
        .into_iter()
        .map(|(labels, count)| (format!("{}{{{labels}}}", MetricsObserver::COUNTER), count))
        .collect();
        assert_eq!(counters.get(), expected);
    }
}
