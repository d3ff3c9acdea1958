//! A report of what each client did after each error, by the catalog's retry rule:
//! whether it retried what may not be retried, sooner than `Retry-After`, without
//! backoff, gave up on a retryable error after one try, or sent no request id.
//!
//! A request to the same method and path by the same client key within the retry
//! window of an error (after its `Retry-After`, if any) is a retry of it; a later one
//! starts a new operation.

use std::sync::{Arc, PoisonError};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use luxxon_errors::retry::is_retryable_status;
use luxxon_errors_codegen::Catalog;
use serde::Serialize;
use tokio::time::Instant;

use super::envelopes::Answered;
use super::lru::Lru;
use super::transport::Kind;
use super::{Mock, client_key};

/// The most client keys reported on: past that, a new key makes the one used least
/// recently be forgotten (and counted in `forgotten_clients`).
pub const MAX_CLIENTS: usize = 10_000;
/// The most routes followed per client key: past that, the one used least recently is
/// forgotten.
pub const MAX_ROUTES_PER_CLIENT: usize = 16;
/// The most distinct problems (rule, route, code) kept per client key; more are counted
/// in `problems_dropped`.
pub const MAX_PROBLEMS_PER_CLIENT: usize = 32;

/// The most problems listed when the server stops; the rest are counted.
pub const MAX_SUMMARY_LINES: usize = 20;

/// When a request counts as a retry, and a retry as immediate.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    /// How long after an error (and its `Retry-After`) a request to the same route is a
    /// retry of it.
    pub retry_window: Duration,
    /// A retry sooner than this after an error without `Retry-After` is immediate; two in
    /// a row are a retry without backoff.
    pub min_backoff: Duration,
}

/// What the clients did, per client key.
#[derive(Debug)]
pub struct Report {
    rules: Rules,
    clients: Lru<Client>,
}

#[derive(Debug)]
struct Client {
    requests: u64,
    errors: u64,
    retries: u64,
    routes: Lru<Route>,
    problems: Vec<Problem>,
    problems_dropped: u64,
}

/// One route of one client: the error it was last answered, if it was one.
#[derive(Debug, Default)]
struct Route {
    failure: Option<Failure>,
    /// Errors answered in a row, the last one included.
    failures: u32,
    /// Immediate retries in a row.
    immediate: u32,
}

#[derive(Clone, Debug)]
struct Failure {
    at: Instant,
    code: Option<String>,
    status: u16,
    fault: Option<Kind>,
    retryable: bool,
    retry_after: Option<u32>,
}

impl Failure {
    /// Until when a request to the route is a retry of this error.
    fn retry_deadline(&self, rules: &Rules) -> Instant {
        self.at + Duration::from_secs(self.retry_after.map_or(0, u64::from)) + rules.retry_window
    }

    fn what(&self) -> String {
        match (&self.code, self.fault) {
            (_, Some(kind)) => format!("transport fault `{}`", kind_name(kind)),
            (Some(code), None) => format!("{code} ({})", self.status),
            (None, None) => format!("a {} without a code", self.status),
        }
    }
}

fn kind_name(kind: Kind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What a client did wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Rule {
    RetriedNonRetryable,
    RetriedBeforeRetryAfter,
    RetriedWithoutBackoff,
    GaveUpAfterOneTry,
    NoRequestId,
}

#[derive(Clone, Debug, Serialize)]
struct Problem {
    rule: Rule,
    /// `METHOD /path`.
    route: String,
    code: Option<String>,
    status: Option<u16>,
    count: u64,
    /// The first time it happened, in words.
    first: String,
}

impl Client {
    fn new() -> Client {
        Client {
            requests: 0,
            errors: 0,
            retries: 0,
            routes: Lru::new(MAX_ROUTES_PER_CLIENT),
            problems: Vec::new(),
            problems_dropped: 0,
        }
    }

    fn problem(
        &mut self,
        rule: Rule,
        route: &str,
        failure: Option<&Failure>,
        first: impl FnOnce() -> String,
    ) {
        let code = failure.and_then(|failure| failure.code.clone());
        let status = failure.map(|failure| failure.status);
        if let Some(known) = self
            .problems
            .iter_mut()
            .find(|known| known.rule == rule && known.route == route && known.code == code)
        {
            known.count = known.count.saturating_add(1);
            return;
        }
        if self.problems.len() >= MAX_PROBLEMS_PER_CLIENT {
            self.problems_dropped = self.problems_dropped.saturating_add(1);
            return;
        }
        self.problems.push(Problem {
            rule,
            route: route.to_owned(),
            code,
            status,
            count: 1,
            first: first(),
        });
    }
}

fn gave_up_words(failure: &Failure) -> String {
    format!("no retry after {}, which may be retried", failure.what())
}

impl Report {
    /// An empty report judged by `rules`.
    pub fn new(rules: Rules) -> Report {
        Report {
            rules,
            clients: Lru::new(MAX_CLIENTS),
        }
    }

    /// Forgets every client.
    pub fn clear(&mut self) {
        self.clients.clear();
    }

    /// `key` sent a request to `route` at `now`.
    fn arrived(&mut self, key: &str, route: &str, now: Instant, request_id: bool) {
        let rules = self.rules;
        let client = self.clients.entry(key, Client::new);
        client.requests = client.requests.saturating_add(1);
        if !request_id {
            client.problem(Rule::NoRequestId, route, None, || {
                "a request without an `x-request-id` header".to_owned()
            });
        }
        let state = client.routes.entry(route, Route::default);
        let Some(failure) = state.failure.take() else {
            return;
        };
        let waited = now.saturating_duration_since(failure.at);
        if now > failure.retry_deadline(&rules) {
            // A new operation: the last one ended on this error.
            let gave_up = failure.retryable && state.failures == 1;
            state.failures = 0;
            state.immediate = 0;
            if gave_up {
                client.problem(Rule::GaveUpAfterOneTry, route, Some(&failure), || {
                    gave_up_words(&failure)
                });
            }
            return;
        }
        client.retries = client.retries.saturating_add(1);
        let ms = waited.as_millis();
        if !failure.retryable {
            state.immediate = 0;
            client.problem(Rule::RetriedNonRetryable, route, Some(&failure), || {
                format!(
                    "retried {} after {ms} ms; the catalog's rule says not to retry it",
                    failure.what()
                )
            });
        } else if let Some(seconds) = failure.retry_after
            && waited < Duration::from_secs(u64::from(seconds))
        {
            state.immediate = 0;
            client.problem(Rule::RetriedBeforeRetryAfter, route, Some(&failure), || {
                format!(
                    "retried {} after {ms} ms; `Retry-After` asked for {seconds} s",
                    failure.what()
                )
            });
        } else if failure.retry_after.is_none() && waited < rules.min_backoff {
            state.immediate += 1;
            if state.immediate >= 2 {
                client.problem(Rule::RetriedWithoutBackoff, route, Some(&failure), || {
                    format!(
                        "retried {} twice in a row within {} ms of the error",
                        failure.what(),
                        rules.min_backoff.as_millis()
                    )
                });
            }
        } else {
            state.immediate = 0;
        }
    }

    /// `key`'s request to `route` was answered with `failure`, or a success.
    fn answered(&mut self, key: &str, route: &str, failure: Option<Failure>) {
        let client = self.clients.entry(key, Client::new);
        if failure.is_some() {
            client.errors = client.errors.saturating_add(1);
        }
        let state = client.routes.entry(route, Route::default);
        match failure {
            Some(failure) => {
                state.failures = state.failures.saturating_add(1);
                state.failure = Some(failure);
            }
            None => {
                state.failures = 0;
                state.immediate = 0;
                state.failure = None;
            }
        }
    }

    /// The report as of `now`, as served by `GET /_mock/report`.
    pub fn document(&self, now: Instant) -> Document {
        let rules = self.rules;
        let mut clients = Vec::new();
        for (key, client) in self.clients.iter() {
            let mut problems = client.problems.clone();
            let mut extra = Client::new();
            for (route, failure) in client_gave_up(client, &rules, now) {
                extra.problem(Rule::GaveUpAfterOneTry, &route, Some(&failure), || {
                    gave_up_words(&failure)
                });
            }
            problems.extend(extra.problems);
            clients.push(ClientReport {
                key: key.to_owned(),
                clean: problems.is_empty(),
                requests: client.requests,
                errors: client.errors,
                retries: client.retries,
                problems,
                problems_dropped: client.problems_dropped,
            });
        }
        clients.sort_by(|a, b| a.key.cmp(&b.key));
        Document {
            clean: clients.iter().all(|client| client.clean),
            retry_window_ms: rules.retry_window.as_millis(),
            min_backoff_ms: rules.min_backoff.as_millis(),
            forgotten_clients: self.clients.forgotten(),
            clients,
        }
    }
}

/// The errors `client` gave up on after one try, as of `now`.
fn client_gave_up(client: &Client, rules: &Rules, now: Instant) -> Vec<(String, Failure)> {
    let mut given_up = Vec::new();
    for (route, state) in client.routes.iter() {
        if let Some(failure) = &state.failure
            && failure.retryable
            && state.failures == 1
            && failure.retry_deadline(rules) < now
        {
            given_up.push((route.to_owned(), failure.clone()));
        }
    }
    given_up
}

/// The report served as JSON.
#[derive(Debug, Serialize)]
pub struct Document {
    clean: bool,
    retry_window_ms: u128,
    min_backoff_ms: u128,
    forgotten_clients: u64,
    clients: Vec<ClientReport>,
}

#[derive(Debug, Serialize)]
struct ClientReport {
    key: String,
    clean: bool,
    requests: u64,
    errors: u64,
    retries: u64,
    problems: Vec<Problem>,
    problems_dropped: u64,
}

impl Document {
    /// A few lines for people, printed when the server stops.
    pub fn summary(&self) -> Vec<String> {
        let troubled = self.clients.iter().filter(|client| !client.clean).count();
        let mut lines = vec![format!(
            "report: {} client key(s), {troubled} with problems",
            self.clients.len()
        )];
        let all = self
            .clients
            .iter()
            .filter(|client| !client.clean)
            .flat_map(|client| client.problems.iter().map(move |problem| (client, problem)));
        let total = all.clone().count();
        for (client, problem) in all.take(MAX_SUMMARY_LINES) {
            let rule = serde_json::to_value(problem.rule)
                .ok()
                .and_then(|value| value.as_str().map(str::to_owned))
                .unwrap_or_default();
            lines.push(format!(
                "client `{}`: {rule} ×{} on {}: {}",
                client.key, problem.count, problem.route, problem.first
            ));
        }
        if total > MAX_SUMMARY_LINES {
            lines.push(format!(
                "… and {} more problems: the whole report is at GET /_mock/report",
                total - MAX_SUMMARY_LINES
            ));
        }
        lines
    }
}

/// Records every request but the mock's own (`/_mock/…`) and its answer.
pub async fn record(State(mock): State<Arc<Mock>>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/_mock/") {
        return next.run(request).await;
    }
    let key = client_key(&request);
    let route = format!("{} {}", request.method(), request.uri().path());
    let request_id = request.headers().contains_key("x-request-id");
    mock.report()
        .arrived(&key, &route, Instant::now(), request_id);
    let response = next.run(request).await;
    let failure = failure_of(&mock.catalog, &response);
    mock.report().answered(&key, &route, failure);
    response
}

/// The failure `response` is to a client, by the catalog's rule; `None` for a success.
fn failure_of(catalog: &Catalog, response: &Response) -> Option<Failure> {
    let status = response.status().as_u16();
    let fault = response.extensions().get::<Kind>().copied();
    if fault.is_none() && status < 400 {
        return None;
    }
    let code = response
        .extensions()
        .get::<Answered>()
        .map(|answered| answered.0.clone());
    let retryable = match (fault, code.as_deref().and_then(|code| catalog.code(code))) {
        // A network failure may be retried: the request may not have arrived.
        (Some(_), _) => true,
        (None, Some(known)) => known.is_retryable(),
        (None, None) => is_retryable_status(status),
    };
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u32>().ok());
    Some(Failure {
        at: Instant::now(),
        code,
        status,
        fault,
        retryable,
        retry_after,
    })
}

/// `value` as a JSON answer.
pub fn json(value: &impl Serialize) -> Response {
    match serde_json::to_string(value) {
        Ok(text) => ([(CONTENT_TYPE, "application/json")], text).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /_mock/report`.
pub async fn serve_report(State(mock): State<Arc<Mock>>) -> Response {
    let document = mock.report().document(Instant::now());
    json(&document)
}

impl Mock {
    fn report(&self) -> std::sync::MutexGuard<'_, Report> {
        self.report.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
