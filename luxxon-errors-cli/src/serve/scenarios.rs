//! What a client's retry loop must survive, on demand: failures before a success,
//! slowness, and the bodies proxies send instead of an envelope.

use std::collections::HashMap;
use std::sync::Arc;
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
const MAX_KEY_LEN: usize = 128;
/// How many client keys are remembered; past that, every counter starts again.
const MAX_KEYS: usize = 10_000;

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
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if failures.len() >= MAX_KEYS && !failures.contains_key(key) {
            failures.clear();
        }
        let failed = failures.entry(key.to_owned()).or_insert(0);
        if u64::from(*failed) < times {
            *failed += 1;
            true
        } else {
            failures.remove(key);
            false
        }
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
fn ok() -> Response {
    ([(CONTENT_TYPE, "application/json")], r#"{"ok":true}"#).into_response()
}

/// The query parameter `name`, a whole number from 0 to `max`.
fn number(query: &HashMap<String, String>, name: &str, max: u64) -> Result<u64, Refusal> {
    let explain = || Refusal(format!("`{name}` must be a whole number from 0 to {max}"));
    let value = query.get(name).ok_or_else(explain)?;
    match value.parse::<u64>() {
        Ok(number) if number <= max => Ok(number),
        _ => Err(explain()),
    }
}
