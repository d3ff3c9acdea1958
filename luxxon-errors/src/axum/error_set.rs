//! Holding an operation to its error set: in debug builds, every answer of a route with
//! a code outside the set it declares is recorded; in release builds, nothing runs.

use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, PoisonError};

use ::axum::http::{Method, StatusCode};

use crate::ErrorSet;

/// The layer [`error_set!`](crate::error_set)'s `SET::layer()` returns: put it on the
/// operation's route, inside [`ErrorHandling`](super::ErrorHandling).
///
/// In debug builds (and so in tests), `ErrorHandling` then records every error the route
/// answers whose code is not in the set `S` (after rewriting: a rejection counts as the
/// `INVALID_INPUT` it becomes), in [`ErrorSetViolations`], and logs it at the error level.
/// A panic's 500 is not checked: it is a bug of its own, logged as one. In release builds
/// the layer returns the route's service unchanged, so it costs nothing, and nothing is
/// ever checked or panics.
///
/// Use [`route_layer`](::axum::routing::MethodRouter::route_layer), so that the 405 the
/// route answers for a method it does not serve is not held to the set; with several
/// methods on one path, layer each handler (`axum::handler::Handler::layer`).
///
/// ```
/// use axum::{Router, routing::get};
/// use luxxon_errors::{ErrorCode, ErrorHandling, LuxxonError, error_set};
///
/// error_set!(SessionErrors = SessionNotFound, NotAuthorized);
///
/// async fn session() -> Result<String, LuxxonError> {
///     Err(LuxxonError::from_code(ErrorCode::SessionNotFound))
/// }
///
/// let app: Router = ErrorHandling::new().apply(
///     Router::new().route("/sessions/{id}", get(session).route_layer(SessionErrors::layer())),
/// );
/// ```
pub struct ErrorSetLayer<S> {
    set: PhantomData<fn() -> S>,
}

impl<S: ErrorSet> ErrorSetLayer<S> {
    /// The layer for the set `S`.
    pub fn new() -> ErrorSetLayer<S> {
        ErrorSetLayer { set: PhantomData }
    }
}

impl<S: ErrorSet> Default for ErrorSetLayer<S> {
    fn default() -> ErrorSetLayer<S> {
        ErrorSetLayer::new()
    }
}

// By hand: derived impls would require them of the set's marker type.
impl<S> Clone for ErrorSetLayer<S> {
    fn clone(&self) -> ErrorSetLayer<S> {
        *self
    }
}

impl<S> Copy for ErrorSetLayer<S> {}

impl<S> fmt::Debug for ErrorSetLayer<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ErrorSetLayer")
            .field(&std::any::type_name::<S>())
            .finish()
    }
}

#[cfg(not(debug_assertions))]
impl<S: ErrorSet, I> tower_layer::Layer<I> for ErrorSetLayer<S> {
    type Service = I;

    fn layer(&self, inner: I) -> I {
        inner
    }
}

#[cfg(debug_assertions)]
impl<S: ErrorSet, I> tower_layer::Layer<I> for ErrorSetLayer<S> {
    type Service = checked::Checked<S, I>;

    fn layer(&self, inner: I) -> checked::Checked<S, I> {
        checked::Checked::new(inner)
    }
}

/// The set an answer is held to, on the response for `ErrorHandling` to check after it
/// rewrote the response.
#[cfg(debug_assertions)]
#[derive(Clone, Copy)]
pub(super) struct SetTag {
    name: &'static str,
    contains: fn(&str) -> bool,
    codes: fn() -> Vec<&'static str>,
}

#[cfg(debug_assertions)]
impl SetTag {
    fn of<S: ErrorSet>() -> SetTag {
        use crate::CatalogCode;
        SetTag {
            name: S::NAME,
            contains: |name| S::CODES.iter().any(|code| code.as_str() == name),
            codes: || S::CODES.iter().map(CatalogCode::as_str).collect(),
        }
    }
}

#[cfg(debug_assertions)]
mod checked {
    use std::future::Future;
    use std::marker::PhantomData;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use ::axum::extract::Request;
    use ::axum::response::Response;

    use super::SetTag;
    use crate::ErrorSet;

    /// The route's service, tagging its responses with the set (debug builds only).
    pub struct Checked<S, I> {
        inner: I,
        set: PhantomData<fn() -> S>,
    }

    impl<S, I> Checked<S, I> {
        pub(super) fn new(inner: I) -> Checked<S, I> {
            Checked {
                inner,
                set: PhantomData,
            }
        }
    }

    impl<S, I: Clone> Clone for Checked<S, I> {
        fn clone(&self) -> Checked<S, I> {
            Checked::new(self.inner.clone())
        }
    }

    impl<S, I> tower_service::Service<Request> for Checked<S, I>
    where
        S: ErrorSet,
        I: tower_service::Service<Request, Response = Response>,
        I::Future: Send + 'static,
    {
        type Response = Response;
        type Error = I::Error;
        // Boxed: debug builds only, where a pin projection by hand is not worth `unsafe`.
        type Future = Pin<Box<dyn Future<Output = Result<Response, I::Error>> + Send>>;

        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), I::Error>> {
            self.inner.poll_ready(cx)
        }

        fn call(&mut self, request: Request) -> Self::Future {
            let future = self.inner.call(request);
            Box::pin(async move {
                let mut response = future.await?;
                response.extensions_mut().insert(SetTag::of::<S>());
                Ok(response)
            })
        }
    }
}

/// The answers that broke their operation's error set, as
/// [`ErrorHandling`](super::ErrorHandling) recorded them in debug builds; always empty
/// in release builds.
///
/// A test takes the handle from the `ErrorHandling` it applies, drives the router, and
/// asserts that it stayed empty; the failure lists each route and code:
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// use axum::{Router, body::Body, http::Request, routing::get};
/// use luxxon_errors::{ErrorCode, ErrorHandling, LuxxonError, error_set};
/// use tower::ServiceExt;
///
/// error_set!(SessionErrors = SessionNotFound, NotAuthorized);
///
/// async fn session() -> Result<String, LuxxonError> {
///     Err(LuxxonError::from_code(ErrorCode::Conflict)) // not in `SessionErrors`
/// }
///
/// let handling = ErrorHandling::new();
/// let violations = handling.error_set_violations();
/// let app: Router = handling.apply(
///     Router::new().route("/sessions/{id}", get(session).route_layer(SessionErrors::layer())),
/// );
/// let request = Request::get("/sessions/s_1").body(Body::empty()).unwrap();
/// let _ = app.oneshot(request).await;
///
/// if cfg!(debug_assertions) {
///     assert_eq!(
///         violations.to_string(),
///         "GET /sessions/{id} answered 409 CONFLICT, which is not in its error set \
///          SessionErrors (SESSION_NOT_FOUND, NOT_AUTHORIZED)\n",
///     );
/// }
/// // What a test asserts: here it would fail, listing the violation.
/// // assert!(violations.is_empty(), "{violations}");
/// # });
/// ```
#[derive(Clone, Default)]
pub struct ErrorSetViolations(Arc<Mutex<Recorded>>);

#[derive(Default)]
struct Recorded {
    kept: Vec<Violation>,
    /// Violations past [`KEPT`], counted only: a long-running debug server answering
    /// the same wrong code does not grow without bound.
    more: usize,
}

/// How many violations a handle keeps.
const KEPT: usize = 256;

impl ErrorSetViolations {
    /// Whether no answer broke its set.
    pub fn is_empty(&self) -> bool {
        let recorded = self.lock();
        recorded.kept.is_empty() && recorded.more == 0
    }

    /// The violations recorded, oldest first (at most the first 256).
    pub fn to_vec(&self) -> Vec<Violation> {
        self.lock().kept.clone()
    }

    /// The violations recorded, emptying the handle.
    pub fn take(&self) -> Vec<Violation> {
        let mut recorded = self.lock();
        recorded.more = 0;
        std::mem::take(&mut recorded.kept)
    }

    #[cfg_attr(not(debug_assertions), allow(dead_code))]
    pub(super) fn record(&self, violation: Violation) {
        let mut recorded = self.lock();
        if recorded.kept.len() < KEPT {
            recorded.kept.push(violation);
        } else {
            recorded.more = recorded.more.saturating_add(1);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Recorded> {
        // A panic while holding the lock cannot leave the list half-written.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Display for ErrorSetViolations {
    /// One violation a line, then how many more were not kept.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let recorded = self.lock();
        for violation in &recorded.kept {
            writeln!(f, "{violation}")?;
        }
        if recorded.more > 0 {
            writeln!(f, "and {} more", recorded.more)?;
        }
        Ok(())
    }
}

impl fmt::Debug for ErrorSetViolations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.lock().kept.iter()).finish()
    }
}

/// One answer whose code is not in its operation's error set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    method: Method,
    route: Option<String>,
    status: StatusCode,
    code: Option<String>,
    set: &'static str,
    allowed: Vec<&'static str>,
}

impl Violation {
    /// The request's method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The route, as declared (`/sessions/{id}`).
    pub fn route(&self) -> Option<&str> {
        self.route.as_deref()
    }

    /// The status answered.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code answered; `None` for an error response that is not an envelope.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The name of the set the route declared.
    pub fn set(&self) -> &'static str {
        self.set
    }

    /// The codes of that set.
    pub fn allowed(&self) -> &[&'static str] {
        &self.allowed
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let route = self.route.as_deref().unwrap_or("(no route)");
        let status = self.status.as_u16();
        match &self.code {
            Some(code) => write!(f, "{} {route} answered {status} {code}", self.method)?,
            None => write!(
                f,
                "{} {route} answered a {status} that is not an envelope",
                self.method
            )?,
        }
        write!(
            f,
            ", which is not in its error set {} ({})",
            self.set,
            self.allowed.join(", ")
        )
    }
}

/// Records, and logs, an answer with a code outside the set its route declared.
#[cfg(debug_assertions)]
pub(super) fn check<C: crate::CatalogCode>(
    violations: &ErrorSetViolations,
    tag: &SetTag,
    answered: &super::ErrorAnswered<'_, C>,
) {
    let code = answered.code().map(crate::CatalogCode::as_str);
    if code.is_some_and(|code| (tag.contains)(code)) {
        return;
    }
    let violation = Violation {
        method: answered.method().cloned().unwrap_or(Method::GET),
        route: answered.route().map(str::to_owned),
        status: answered.status(),
        code: code.map(str::to_owned),
        set: tag.name,
        allowed: (tag.codes)(),
    };
    tracing::error!(
        target: super::observe::TARGET,
        violation = %violation,
        request_id = answered.request_id(),
        "an operation answered outside its error set"
    );
    violations.record(violation);
}
