//! What a client's retry loop must survive, on demand: failures before a success,
//! slowness, and the bodies proxies send instead of an envelope.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use super::Mock;
use super::envelopes::{self, Refusal, excerpt};

/// The longest wait `/scenarios/slow` accepts.
const MAX_SLOW_MS: u64 = 30_000;
/// The longest client key `fail-then-succeed` remembers.
pub const MAX_KEY_LEN: usize = 128;
/// How many client keys are remembered: past that, a new key makes the one used least
/// recently start again.
pub const MAX_KEYS: usize = 10_000;

/// The page nginx sends when the server behind it is down.
const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

type Params = Query<HashMap<String, String>>;

/// `GET /scenarios/fail-then-succeed?times=N&code=CODE[&status=NNN][&key=K][&retry_after=S]`: the
/// error `CODE` (as `/errors/CODE` answers it) `N` times, then `200 {"ok":true}`, for
/// each client key (`key`, default empty); after the success, the key's count starts
/// again, so that every run of a retry loop sees the same.
pub async fn fail_then_succeed(
    State(mock): State<Arc<Mock>>,
    Query(query): Params,
) -> Result<Response, Refusal> {
    let times = number(&query, "times", u64::from(u32::MAX))?;
    let code = query.get("code").ok_or_else(|| {
        Refusal(
            "`code` is missing: the code to fail with, e.g. `?times=2&code=UNAVAILABLE`".to_owned(),
        )
    })?;
    let status = query.get("status").map(String::as_str);
    let mut failure = envelopes::answer(&mock.catalog, code, status)?;
    // `retry_after=S` answers with `Retry-After: S`, whatever the catalog says: for a
    // client to check that it waits as long as the server asks.
    if query.contains_key("retry_after") {
        let seconds = number(&query, "retry_after", 86_400)?;
        failure.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(seconds),
        );
    }
    let key = query.get("key").map_or("", String::as_str);
    if key.len() > MAX_KEY_LEN {
        return Err(Refusal(format!(
            "`key` is longer than {MAX_KEY_LEN} bytes: `{}`",
            excerpt(key)
        )));
    }
    Ok(if mock.fails_again(key, times) {
        failure
    } else {
        ok()
    })
}

impl Mock {
    /// Whether the client `key` has failed fewer than `times` times since its last
    /// success, counting this request.
    fn fails_again(&self, key: &str, times: u64) -> bool {
        // A handler that panicked mid-update left a count, which is still a count.
        self.failures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .fails_again(key, times)
    }
}

/// `fail-then-succeed`'s counts: how many times each client key has failed since its
/// last success, for the keys used most recently. Bounded so that clients that make up a
/// key per run cannot grow it without end; forgetting only the key used least recently
/// leaves the sequences other clients are in the middle of alone.
#[derive(Debug)]
pub struct Failures {
    /// The most keys remembered.
    capacity: usize,
    /// Each key's failures since its last success, and when it was last used.
    counts: HashMap<String, Count>,
    /// The keys by when they were last used, least recently first.
    by_use: BTreeMap<u64, String>,
    /// The requests counted so far, which orders uses.
    uses: u64,
}

#[derive(Debug)]
struct Count {
    failed: u32,
    used: u64,
}

impl Failures {
    /// Forgets every count.
    pub fn clear(&mut self) {
        self.counts.clear();
        self.by_use.clear();
    }

    /// No counts, remembering `capacity` keys at most (at least one).
    pub fn new(capacity: usize) -> Failures {
        Failures {
            capacity: capacity.max(1),
            counts: HashMap::new(),
            by_use: BTreeMap::new(),
            uses: 0,
        }
    }

    /// Whether `key` has failed fewer than `times` times since its last success,
    /// counting this request; a success forgets the key.
    fn fails_again(&mut self, key: &str, times: u64) -> bool {
        let failed = self.counts.get(key).map_or(0, |count| count.failed);
        if u64::from(failed) >= times {
            if let Some(count) = self.counts.remove(key) {
                self.by_use.remove(&count.used);
            }
            return false;
        }
        // Below `times`, which is at most `u32::MAX`: it never saturates.
        let failed = failed.saturating_add(1);
        let used = self.uses;
        self.uses += 1;
        match self.counts.get_mut(key) {
            Some(count) => {
                self.by_use.remove(&count.used);
                *count = Count { failed, used };
            }
            None => {
                if self.counts.len() >= self.capacity
                    && let Some((_, least_recent)) = self.by_use.pop_first()
                {
                    self.counts.remove(&least_recent);
                }
                self.counts.insert(key.to_owned(), Count { failed, used });
            }
        }
        self.by_use.insert(used, key.to_owned());
        true
    }
}

/// `GET /scenarios/slow?ms=N`: `200 {"ok":true}` after `N` milliseconds.
pub async fn slow(Query(query): Params) -> Result<Response, Refusal> {
    let ms = number(&query, "ms", MAX_SLOW_MS)?;
    tokio::time::sleep(Duration::from_millis(ms)).await;
    Ok(ok())
}

/// `GET /scenarios/html-502`: what a proxy answers when the server behind it is down.
pub async fn html_502() -> Response {
    html_502_page()
}

/// The page nginx sends when the server behind it is down, with its status.
pub fn html_502_page() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(CONTENT_TYPE, "text/html; charset=utf-8")],
        HTML_502,
    )
        .into_response()
}

/// `GET /scenarios/empty-503`: a 503 with no body, as a load balancer sends.
pub async fn empty_503() -> Response {
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// `200 {"ok":true}`.
pub fn ok() -> Response {
    ([(CONTENT_TYPE, "application/json")], r#"{"ok":true}"#).into_response()
}

/// The query parameter `name`, a whole number from 0 to `max`.
pub fn number(query: &HashMap<String, String>, name: &str, max: u64) -> Result<u64, Refusal> {
    let explain = || Refusal(format!("`{name}` must be a whole number from 0 to {max}"));
    let value = query.get(name).ok_or_else(explain)?;
    match value.parse::<u64>() {
        Ok(number) if number <= max => Ok(number),
        _ => Err(explain()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many times in a row `key` fails with `times`, then succeeds, counting from now.
    fn run(failures: &mut Failures, key: &str, times: u64) -> usize {
        let mut failed = 0;
        while failures.fails_again(key, times) {
            failed += 1;
        }
        failed
    }

    #[test]
    fn each_key_fails_its_times_then_succeeds_and_starts_again() {
        let mut failures = Failures::new(8);
        assert!(failures.fails_again("a", 2));
        assert_eq!(run(&mut failures, "b", 3), 3);
        assert_eq!(run(&mut failures, "a", 2), 1);
        assert_eq!(run(&mut failures, "a", 2), 2);
        assert_eq!(run(&mut failures, "z", 0), 0);
        assert!(failures.counts.is_empty() && failures.by_use.is_empty());
    }

    #[test]
    fn a_full_map_forgets_the_key_used_least_recently_only() {
        let mut failures = Failures::new(3);
        for key in ["a", "b", "c"] {
            assert!(failures.fails_again(key, 3));
        }
        // `a` is used again: `b` is now the least recent.
        assert!(failures.fails_again("a", 3));
        assert!(failures.fails_again("d", 3));
        assert_eq!(failures.counts.len(), 3);
        assert!(!failures.counts.contains_key("b"));
        assert_eq!(run(&mut failures, "a", 3), 1, "a's sequence goes on");
        assert_eq!(run(&mut failures, "c", 3), 2, "so does c's");
        assert_eq!(run(&mut failures, "b", 3), 3, "b starts again");
        assert_eq!(failures.counts.len(), failures.by_use.len());
    }

    #[test]
    fn a_success_on_a_full_map_forgets_no_one() {
        let mut failures = Failures::new(2);
        assert!(failures.fails_again("a", 1));
        assert!(failures.fails_again("b", 1));
        assert!(!failures.fails_again("c", 0));
        assert_eq!(failures.counts.len(), 2);
    }
}
