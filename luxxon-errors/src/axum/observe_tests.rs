//! What is reported of each error answered: the `tracing` event (caught by a subscriber
//! that records events), the observer's calls, and the error-set violations.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::error::Error;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use ::axum::Router;
use ::axum::body::Body;
use ::axum::extract::Path;
use ::axum::http::{Request, StatusCode};
use ::axum::response::{IntoResponse, Response};
use ::axum::routing::get;
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

use super::ErrorAnswered;
use super::observe::TARGET;
use crate::{ApiError, ErrorCode, ErrorHandling, LuxxonError, error_set};

/// One event, as recorded.
#[derive(Clone, Debug)]
struct Recorded {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

impl Recorded {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// The events of one test.
#[derive(Clone, Default)]
struct Events {
    events: Arc<Mutex<Vec<Recorded>>>,
}

impl Events {
    /// The events of the answers: those of `TARGET`.
    fn answered(&self) -> Vec<Recorded> {
        let events = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        events
            .iter()
            .filter(|event| event.target == TARGET)
            .cloned()
            .collect()
    }

    fn clear(&self) {
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Events {
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let recorded = Recorded {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        };
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(recorded);
    }
}

/// An error with a source, as a database driver's would be.
#[derive(Debug)]
struct QueryFailed(std::io::Error);

impl fmt::Display for QueryFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the session query failed")
    }
}

impl Error for QueryFailed {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.0)
    }
}

async fn query() -> Result<String, ApiError> {
    Err(QueryFailed(std::io::Error::other(
        "connection reset by 10.0.0.7",
    )))?
}

async fn denied() -> Result<String, LuxxonError> {
    Err(LuxxonError::from_code(ErrorCode::NotAuthorized))
}

async fn busy() -> Result<String, LuxxonError> {
    Err(LuxxonError::from_code(ErrorCode::Unavailable))
}

async fn item(Path(id): Path<u32>) -> String {
    format!("item {id}")
}

async fn boom() -> String {
    panic!("secret panic text");
}

async fn upstream() -> impl IntoResponse {
    (StatusCode::BAD_GATEWAY, "upstream at 10.0.0.7 refused")
}

async fn limited() -> impl IntoResponse {
    (StatusCode::TOO_MANY_REQUESTS, "slow down")
}

fn routes() -> Router {
    Router::new()
        .route("/query", get(query))
        .route("/denied", get(denied))
        .route("/busy", get(busy))
        .route("/items/{id}", get(item))
        .route("/boom", get(boom))
        .route("/upstream", get(upstream))
        .route("/limited", get(limited))
        .route("/ok", get(|| async { "ok" }))
}

thread_local! {
    /// Where the events of this thread go while a test collects them.
    static COLLECTING: RefCell<Option<Events>> = const { RefCell::new(None) };
}

/// The process's subscriber in these tests: it hands each event to the collector of the
/// thread that emits it. One global subscriber rather than one per test (`with_default`):
/// a callsite first hit by another test while no subscriber is scoped can keep the
/// interest "never" that `tracing` computed then, and drop a later test's events.
struct PerThread;

impl Subscriber for PerThread {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let collector = COLLECTING.with(|collecting| collecting.borrow().clone());
        if let Some(events) = collector {
            events.event(event);
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Runs `send` on a runtime of this thread, collecting its events in `events`.
fn with_events<T>(events: &Events, send: impl std::future::Future<Output = T>) -> T {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let _ = tracing::subscriber::set_global_default(PerThread);
    });
    // What a callsite registered while the subscriber was being installed decided.
    tracing::callsite::rebuild_interest_cache();
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() else {
        panic!("no runtime");
    };
    COLLECTING.with(|collecting| *collecting.borrow_mut() = Some(events.clone()));
    let output = runtime.block_on(send);
    COLLECTING.with(|collecting| *collecting.borrow_mut() = None);
    output
}

async fn get_with_id(app: &Router, uri: &str, request_id: &str) -> Response {
    let request = Request::get(uri)
        .header("x-request-id", request_id)
        .body(Body::empty())
        .unwrap_or_default();
    match app.clone().oneshot(request).await {
        Ok(response) => response,
        Err(infallible) => match infallible {},
    }
}

/// The single answer event of a request to `uri`.
fn answered(app: &Router, uri: &str) -> Recorded {
    let events = Events::default();
    let response = with_events(&events, get_with_id(app, uri, "req-42"));
    let answered = events.answered();
    assert_eq!(
        answered.len(),
        1,
        "{uri}: one event per error: {answered:#?}"
    );
    assert_eq!(
        answered[0].field("status"),
        Some(response.status().as_str()),
        "{uri}"
    );
    answered[0].clone()
}

#[test]
fn a_server_error_is_logged_at_error_level_with_its_cause_chain() {
    let app = ErrorHandling::new().apply(routes());
    let event = answered(&app, "/query");
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.field("code"), Some("INTERNAL_SERVER_ERROR"));
    assert_eq!(event.field("family"), Some("infrastructure"));
    assert_eq!(event.field("status"), Some("500"));
    assert_eq!(event.field("request_id"), Some("req-42"));
    // As the catalog says of the code.
    let retryable = crate::CatalogCode::is_retryable(&ErrorCode::InternalServerError);
    assert_eq!(
        event.field("retryable"),
        Some(retryable.to_string().as_str())
    );
    assert_eq!(event.field("method"), Some("GET"));
    assert_eq!(event.field("route"), Some("/query"));
    assert_eq!(
        event.field("error"),
        Some("the session query failed: connection reset by 10.0.0.7")
    );
}

#[test]
fn a_client_error_is_logged_at_info_level_without_a_cause() {
    let app = ErrorHandling::new().apply(routes());
    let event = answered(&app, "/denied");
    assert_eq!(event.level, Level::INFO);
    assert_eq!(event.field("code"), Some("NOT_AUTHORIZED"));
    assert_eq!(event.field("family"), Some("auth"));
    assert_eq!(event.field("status"), Some("403"));
    assert_eq!(event.field("request_id"), Some("req-42"));
    assert_eq!(event.field("retryable"), Some("false"));
    assert_eq!(event.field("error"), None);
}

#[test]
fn rejections_panics_unmatched_routes_and_other_layers_are_reported_once() {
    let app = ErrorHandling::new().apply(routes());

    let rejection = answered(&app, "/items/abc");
    assert_eq!(rejection.level, Level::INFO);
    assert_eq!(rejection.field("code"), Some("INVALID_INPUT"));
    assert_eq!(rejection.field("route"), Some("/items/{id}"));

    let panic = answered(&app, "/boom");
    assert_eq!(panic.level, Level::ERROR);
    assert_eq!(panic.field("code"), Some("INTERNAL_SERVER_ERROR"));
    assert_eq!(
        panic.field("error"),
        Some("a handler panicked: secret panic text")
    );

    let unmatched = answered(&app, "/nowhere");
    assert_eq!(unmatched.level, Level::INFO);
    assert_eq!(unmatched.field("code"), Some("NOT_FOUND"));
    assert_eq!(unmatched.field("route"), None);

    let upstream = answered(&app, "/upstream");
    assert_eq!(upstream.level, Level::ERROR);
    assert_eq!(upstream.field("status"), Some("502"));
    assert_eq!(
        upstream.field("error"),
        Some("the response's text: upstream at 10.0.0.7 refused")
    );

    let retryable = answered(&app, "/busy");
    assert_eq!(retryable.level, Level::ERROR);
    assert_eq!(retryable.field("retryable"), Some("true"));

    // A 429 left as it is: no code, retryable by its status.
    let limited = answered(&app, "/limited");
    assert_eq!(limited.level, Level::INFO);
    assert_eq!(limited.field("code"), None);
    assert_eq!(limited.field("retryable"), Some("true"));
}

#[test]
fn a_success_is_not_reported() {
    let app = ErrorHandling::new().apply(routes());
    let events = Events::default();
    let response = with_events(&events, get_with_id(&app, "/ok", "req-1"));
    assert_eq!(response.status(), StatusCode::OK);
    assert!(events.answered().is_empty(), "{:#?}", events.answered());
}

#[test]
fn without_error_handling_an_answer_reports_itself() {
    let app = routes();
    let events = Events::default();
    let response = with_events(&events, get_with_id(&app, "/query", "req-1"));
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let answered = events.answered();
    assert_eq!(answered.len(), 1, "{answered:#?}");
    assert_eq!(answered[0].level, Level::ERROR);
    assert_eq!(answered[0].field("code"), Some("INTERNAL_SERVER_ERROR"));
    assert_eq!(
        answered[0].field("error"),
        Some("the session query failed: connection reset by 10.0.0.7")
    );
    // No `ErrorHandling`, so no request id and no route to tell.
    assert_eq!(answered[0].field("request_id"), None);

    events.clear();
    with_events(&events, get_with_id(&app, "/denied", "req-1"));
    let answered = events.answered();
    assert_eq!(answered.len(), 1, "{answered:#?}");
    assert_eq!(answered[0].level, Level::INFO);
    assert_eq!(answered[0].field("code"), Some("NOT_AUTHORIZED"));
}

#[test]
fn the_observer_sees_each_error_once() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let app = ErrorHandling::new()
        .observe(move |answered: &ErrorAnswered| {
            let entry = (
                answered.status().as_u16(),
                answered.code_label(),
                answered.family(),
                answered.route().map(str::to_owned),
                answered.request_id().map(str::to_owned),
                answered.cause().map(ToString::to_string),
            );
            record
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(entry);
        })
        .apply(routes().route(
            "/new",
            get(|| async { Err::<(), _>(LuxxonError::from_code(ErrorCode::parse("BRAND_NEW"))) }),
        ));
    let events = Events::default();
    for uri in ["/ok", "/query", "/denied", "/nowhere", "/new", "/limited"] {
        with_events(&events, get_with_id(&app, uri, "req-7"));
    }
    let seen = seen.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let id = Some("req-7".to_owned());
    assert_eq!(
        seen,
        [
            (
                500,
                "INTERNAL_SERVER_ERROR",
                Some("infrastructure"),
                Some("/query".to_owned()),
                id.clone(),
                Some("the session query failed".to_owned())
            ),
            (
                403,
                "NOT_AUTHORIZED",
                Some("auth"),
                Some("/denied".to_owned()),
                id.clone(),
                None
            ),
            (404, "NOT_FOUND", Some("not_found"), None, id.clone(), None),
            (
                500,
                "unknown",
                None,
                Some("/new".to_owned()),
                id.clone(),
                None
            ),
            (429, "unknown", None, Some("/limited".to_owned()), id, None),
        ]
    );
}

error_set!(ItemErrors = NotFound, InvalidInput);

async fn lookup(Path(id): Path<u32>) -> Result<String, ApiError> {
    match id {
        1 => Ok("item 1".to_owned()),
        2 => Err(LuxxonError::from_code(ErrorCode::NotFound).into()),
        _ => Err(LuxxonError::from_code(ErrorCode::Conflict).into()),
    }
}

#[test]
fn answers_outside_the_error_set_are_recorded_in_debug_builds() {
    let handling = ErrorHandling::new();
    let violations = handling.error_set_violations();
    let app = handling
        .apply(Router::new().route("/items/{id}", get(lookup).route_layer(ItemErrors::layer())));
    let events = Events::default();
    // In the set: a success, a code of the set, a rejection (INVALID_INPUT once rewritten).
    for uri in ["/items/1", "/items/2", "/items/abc"] {
        with_events(&events, get_with_id(&app, uri, "req-1"));
    }
    assert!(violations.is_empty(), "{violations}");

    // A 405 is not the operation's answer: `route_layer` leaves the method fallback out.
    let request = Request::delete("/items/1")
        .body(Body::empty())
        .unwrap_or_default();
    let response = with_events(&events, async { app.clone().oneshot(request).await });
    assert_eq!(
        response.map(|r| r.status()).ok(),
        Some(StatusCode::METHOD_NOT_ALLOWED)
    );
    assert!(violations.is_empty(), "{violations}");

    events.clear();
    let response = with_events(&events, get_with_id(&app, "/items/3", "req-9"));
    assert_eq!(
        response.status(),
        StatusCode::CONFLICT,
        "answered all the same"
    );
    if cfg!(debug_assertions) {
        let recorded = violations.to_vec();
        assert_eq!(recorded.len(), 1, "{violations}");
        assert_eq!(recorded[0].route(), Some("/items/{id}"));
        assert_eq!(recorded[0].code(), Some("CONFLICT"));
        assert_eq!(recorded[0].set(), "ItemErrors");
        assert_eq!(
            violations.to_string(),
            "GET /items/{id} answered 409 CONFLICT, which is not in its error set \
             ItemErrors (NOT_FOUND, INVALID_INPUT)\n"
        );
        let logged: Vec<Recorded> = events
            .answered()
            .into_iter()
            .filter(|event| event.field("violation").is_some())
            .collect();
        assert_eq!(logged.len(), 1, "{logged:#?}");
        assert_eq!(logged[0].level, Level::ERROR);
        assert_eq!(logged[0].field("request_id"), Some("req-9"));
        assert_eq!(violations.take().len(), 1);
        assert!(violations.is_empty());
    } else {
        assert!(violations.is_empty(), "release builds check nothing");
    }
}
