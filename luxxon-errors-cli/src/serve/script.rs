//! Scripted sequences: what a route answers in turn, per client key, as a test needs it.
//!
//! ```json
//! {"routes": {"/orders": [{"code": "RATE_LIMITED", "times": 2}, {"status": 200, "body": {"ok": true}}]}}
//! ```
//!
//! Loaded with `--script FILE` and replaced with `PUT /_mock/script`. Each client key
//! goes through each route's steps in order, each step `times` times; the last step then
//! answers every further request.

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use luxxon_errors_codegen::Catalog;
use serde::{Deserialize, Serialize};

use super::envelopes::excerpt;
use super::lru::Lru;
use super::transport::{self, Kind};
use super::{Mock, client_key};

/// The largest script, in bytes, read from a file or a request.
pub const MAX_SCRIPT_BYTES: usize = 64 * 1024;
/// The most routes a script names.
pub const MAX_ROUTES: usize = 100;
/// The most steps of one route.
pub const MAX_STEPS: usize = 100;
/// The longest route path.
pub const MAX_PATH_LEN: usize = 256;
/// The longest `delay_ms` of a step.
pub const MAX_DELAY_MS: u64 = 30_000;
/// The paths the mock's own routes live under, which a script cannot take.
const RESERVED: [&str; 3] = ["/_mock/", "/errors/", "/scenarios/"];

/// A script: each route's steps.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// The steps of each route path (no query), whatever the method.
    pub routes: BTreeMap<String, Vec<Step>>,
}

/// One answer of a route, given `times` times in a row.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// A code: its answer as `/errors/{CODE}` gives it (`status` for a code outside the
    /// catalog).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Without `code`: the status of a plain answer with `body`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Without `code`: the JSON body (default: `{"ok":true}` for a status under 400,
    /// none otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// `Retry-After` in seconds, instead of the catalog's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
    /// How long to wait before answering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// A transport fault instead of an answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Kind>,
    /// How many requests in a row this step answers (at least 1).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

impl Script {
    /// Reads and checks a script; the error says what is wrong, for people.
    pub fn parse(bytes: &[u8], catalog: &Catalog) -> Result<Script, String> {
        if bytes.len() > MAX_SCRIPT_BYTES {
            return Err(format!(
                "the script is larger than {MAX_SCRIPT_BYTES} bytes"
            ));
        }
        let script: Script = serde_json::from_slice(bytes)
            .map_err(|error| format!("the script is not valid: {error}"))?;
        if script.routes.len() > MAX_ROUTES {
            return Err(format!("the script names more than {MAX_ROUTES} routes"));
        }
        for (path, steps) in &script.routes {
            let at = || format!("route `{}`", excerpt(path));
            if !path.starts_with('/') || path.len() > MAX_PATH_LEN || path.contains('?') {
                return Err(format!(
                    "{}: a route is a path starting with `/`, without a query, at most {MAX_PATH_LEN} bytes",
                    at()
                ));
            }
            if RESERVED.iter().any(|reserved| path.starts_with(reserved)) {
                return Err(format!(
                    "{}: paths under {} are the mock's own",
                    at(),
                    RESERVED.join(", ")
                ));
            }
            if steps.is_empty() || steps.len() > MAX_STEPS {
                return Err(format!("{}: a route has 1 to {MAX_STEPS} steps", at()));
            }
            for (index, step) in steps.iter().enumerate() {
                step.check(catalog)
                    .map_err(|problem| format!("{}, step {}: {problem}", at(), index + 1))?;
            }
        }
        Ok(script)
    }
}

impl Step {
    fn check(&self, catalog: &Catalog) -> Result<(), String> {
        if self.times == 0 {
            return Err("`times` is at least 1".to_owned());
        }
        if self.delay_ms.is_some_and(|ms| ms > MAX_DELAY_MS) {
            return Err(format!("`delay_ms` is at most {MAX_DELAY_MS}"));
        }
        if let Some(status) = self.status
            && !(100..=599).contains(&status)
        {
            return Err("`status` is an HTTP status from 100 to 599".to_owned());
        }
        if self.fault.is_some()
            && (self.code.is_some() || self.status.is_some() || self.body.is_some())
        {
            return Err("a `fault` step has no `code`, `status` or `body`".to_owned());
        }
        if let Some(code) = &self.code {
            if self.body.is_some() {
                return Err(
                    "a `code` step answers the code's envelope: it has no `body`".to_owned(),
                );
            }
            if catalog.code(code).is_none() && self.status.is_none() {
                return Err(format!(
                    "`{}` is not in the catalog: give its `status` too",
                    excerpt(code)
                ));
            }
        }
        Ok(())
    }
}

/// Where each client key is in each route's steps.
#[derive(Debug)]
pub struct Progress {
    /// Keyed by client key and route.
    places: Lru<Place>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Place {
    step: usize,
    used: u32,
}

impl Progress {
    /// Nobody has started, and at most `capacity` (key, route) pairs are remembered: a
    /// pair forgotten starts again.
    pub fn new(capacity: usize) -> Progress {
        Progress {
            places: Lru::new(capacity),
        }
    }

    /// Everybody starts again.
    pub fn clear(&mut self) {
        self.places.clear();
    }

    /// The step that answers `key`'s next request to a route of `steps` (not empty).
    fn next(&mut self, key: &str, path: &str, steps: &[Step]) -> usize {
        let place = self
            .places
            .entry(&format!("{key}\u{0}{path}"), Place::default);
        let last = steps.len().saturating_sub(1);
        let step = place.step.min(last);
        place.used = place.used.saturating_add(1);
        if step < last && place.used >= steps[step].times {
            *place = Place {
                step: step + 1,
                used: 0,
            };
        }
        step
    }
}

/// Answers the requests to a scripted route by the script; passes the others on.
pub async fn intercept(
    State(mock): State<Arc<Mock>>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let step = {
        let script = Arc::clone(&mock.script.lock().unwrap_or_else(PoisonError::into_inner));
        let Some(steps) = script.routes.get(&path) else {
            return next.run(request).await;
        };
        let key = client_key(&request);
        let index = mock
            .progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .next(&key, &path, steps);
        steps[index].clone()
    };
    if let Some(ms) = step.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if let Some(kind) = step.fault {
        return transport::answer(kind, kind.default_ms());
    }
    let mut response = match &step.code {
        // The code's own route answers it, so that it is answered exactly as there
        // (request id, the catalog's status and `Retry-After`).
        Some(code) => {
            let status = step
                .status
                .map(|status| format!("?status={status}"))
                .unwrap_or_default();
            match Uri::try_from(format!("/errors/{code}{status}")) {
                Ok(uri) => {
                    *request.uri_mut() = uri;
                    next.run(request).await
                }
                Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
        None => plain(&step),
    };
    if let Some(seconds) = step.retry_after {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A step without a code: its status and JSON body.
fn plain(step: &Step) -> Response {
    let status = StatusCode::from_u16(step.status.unwrap_or(200)).unwrap_or(StatusCode::OK);
    let body = match &step.body {
        Some(body) => body.to_string(),
        None if status.as_u16() < 400 => r#"{"ok":true}"#.to_owned(),
        None => return status.into_response(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::parse(
            "families:\n  - id: f\n    title: F\n    retryable: true\ncodes:\n  - code: RATE_LIMITED\n    status: 429\n    family: f\n    meaning: Slow down.\n",
            "test.yaml",
        )
        .expect("the catalog is valid")
    }

    #[test]
    fn steps_are_followed_in_turn_then_the_last_repeats() {
        let script = Script::parse(
            br#"{"routes":{"/o":[{"code":"RATE_LIMITED","times":2},{"status":201},{"status":200}]}}"#,
            &catalog(),
        )
        .expect("the script is valid");
        let steps = &script.routes["/o"];
        let mut progress = Progress::new(4);
        let order: Vec<_> = (0..5).map(|_| progress.next("k", "/o", steps)).collect();
        assert_eq!(order, [0, 0, 1, 2, 2]);
        assert_eq!(progress.next("other", "/o", steps), 0);
    }

    #[test]
    fn bad_scripts_say_what_is_wrong() {
        for (script, says) in [
            (r#"{"routes":{"o":[{}]}}"#, "starting with `/`"),
            (r#"{"routes":{"/errors/X":[{}]}}"#, "the mock's own"),
            (r#"{"routes":{"/o":[]}}"#, "1 to 100 steps"),
            (
                r#"{"routes":{"/o":[{"code":"NOPE"}]}}"#,
                "not in the catalog",
            ),
            (r#"{"routes":{"/o":[{"times":0}]}}"#, "at least 1"),
            (
                r#"{"routes":{"/o":[{"fault":"reset","status":200}]}}"#,
                "a `fault` step",
            ),
            (r#"{"routes":{"/o":[{"fault":"melt"}]}}"#, "not valid"),
            (r#"{"route":{}}"#, "not valid"),
        ] {
            let error = Script::parse(script.as_bytes(), &catalog()).unwrap_err();
            assert!(error.contains(says), "{script}: {error}");
        }
    }
}
