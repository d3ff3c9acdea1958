//! One call that makes every error a router answers an envelope with a request id.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use ::axum::Router;
use ::axum::extract::{MatchedPath, Request, State};
use ::axum::http::HeaderName;
use ::axum::middleware::{self, Next};
use ::axum::response::Response;
use tracing::Instrument;

use super::RequestId;
use super::catch_panic::{catch_unwind, panic_message};
use super::codes;
#[cfg(debug_assertions)]
use super::error_set;
use super::error_set::ErrorSetViolations;
use super::observe::{self, Cause, CauseKind, ErrorAnswered, ErrorObserver};
use super::rewrite::{self, Stamp};
use crate::REQUEST_ID_HEADER;
use crate::{CatalogCode, ErrorCode, ErrorEnvelope};

/// Error handling for a whole router: every error it answers is an envelope of the
/// catalog `C`, and every response carries the request id.
///
/// Name it through your catalog: `catalog!` emits `ErrorHandling` beside `ErrorCode`
/// (`luxxon_errors::ErrorHandling` for this crate's catalog, `my_errors::ErrorHandling`
/// for yours), so `ErrorHandling::new()` needs no annotation.
///
/// ```
/// use axum::{Router, routing::get};
/// use luxxon_errors::ErrorHandling;
///
/// let app: Router = ErrorHandling::new().apply(
///     Router::new().route("/health", get(|| async { "ok" })),
/// );
/// ```
///
/// What it answers for unmatched routes, rejections and panics, and where the request id
/// goes, is on the [module page](crate::axum).
pub struct ErrorHandling<C = ErrorCode> {
    request_id_header: HeaderName,
    observer: Option<Arc<dyn ErrorObserver<C>>>,
    violations: ErrorSetViolations,
    catalog: PhantomData<fn() -> C>,
}

impl<C: CatalogCode> ErrorHandling<C> {
    /// Error handling with the catalog whose code type is `C`, reading and writing the
    /// request id in `x-request-id`.
    ///
    /// ```
    /// use axum::Router;
    ///
    /// mod my_errors {
    ///     luxxon_errors::catalog!("src/axum/test_catalog.yaml");
    /// }
    ///
    /// let app: Router = my_errors::ErrorHandling::new().apply(Router::new());
    /// ```
    pub fn new() -> ErrorHandling<C> {
        ErrorHandling {
            request_id_header: HeaderName::from_static(REQUEST_ID_HEADER),
            observer: None,
            violations: ErrorSetViolations::default(),
            catalog: PhantomData,
        }
    }

    /// The header the request id is read from on requests and written to on responses,
    /// in place of `x-request-id` (e.g. the one a load balancer sets). The envelope's
    /// `requestId` member is the same either way.
    ///
    /// ```
    /// use axum::{Router, http::HeaderName};
    /// use luxxon_errors::ErrorHandling;
    ///
    /// let app: Router = ErrorHandling::new()
    ///     .request_id_header(HeaderName::from_static("x-correlation-id"))
    ///     .apply(Router::new());
    /// ```
    #[must_use]
    pub fn request_id_header(mut self, header: HeaderName) -> ErrorHandling<C> {
        self.request_id_header = header;
        self
    }

    /// `router`, with its routes, fallback and method-not-allowed answers wrapped.
    ///
    /// Call it last: layers added to the router afterwards run outside it, and their own
    /// error responses are not rewritten.
    pub fn apply<S>(self, router: Router<S>) -> Router<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        // One `Arc`: the middleware clones its state for every request.
        router.layer(middleware::from_fn_with_state(
            Arc::new(self),
            handle_errors::<C>,
        ))
    }

    /// Calls `observer` once for every error response the router answers, after it
    /// became an envelope: e.g. to count the errors per code (with the `metrics`
    /// feature, `MetricsObserver` does). One observer; a later
    /// call replaces it. Without one, nothing is called.
    ///
    /// ```
    /// use axum::Router;
    /// use luxxon_errors::ErrorHandling;
    /// use luxxon_errors::axum::ErrorAnswered;
    ///
    /// let app: Router = ErrorHandling::new()
    ///     .observe(|answered: &ErrorAnswered| {
    ///         if answered.status().is_server_error() {
    ///             eprintln!("{} answered {}", answered.route().unwrap_or("?"), answered.code_label());
    ///         }
    ///     })
    ///     .apply(Router::new());
    /// ```
    #[must_use]
    pub fn observe(mut self, observer: impl ErrorObserver<C>) -> ErrorHandling<C> {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// The answers, recorded in debug builds, whose code is not in the error set their
    /// route declared with [`error_set!`](crate::error_set)'s `SET::layer()`: a test
    /// asserts it stays empty. Take it before [`ErrorHandling::apply`]; every clone is
    /// the same record. Always empty in release builds, where nothing is checked.
    pub fn error_set_violations(&self) -> ErrorSetViolations {
        self.violations.clone()
    }
}

impl<C: CatalogCode> Default for ErrorHandling<C> {
    /// [`ErrorHandling::new`].
    fn default() -> ErrorHandling<C> {
        ErrorHandling::new()
    }
}

// By hand: derived impls would require `C: Clone` and `C: Debug` of the marker.
impl<C> Clone for ErrorHandling<C> {
    fn clone(&self) -> ErrorHandling<C> {
        ErrorHandling {
            request_id_header: self.request_id_header.clone(),
            observer: self.observer.clone(),
            violations: self.violations.clone(),
            catalog: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ErrorHandling<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorHandling")
            .field("catalog", &std::any::type_name::<C>())
            .field("request_id_header", &self.request_id_header)
            .field("observer", &self.observer.is_some())
            .finish_non_exhaustive()
    }
}

/// The middleware: assigns the request id, runs the router's handler catching a panic,
/// makes the response's error an envelope, and reports it.
async fn handle_errors<C: CatalogCode>(
    State(handling): State<Arc<ErrorHandling<C>>>,
    mut request: Request,
    next: Next,
) -> Response {
    let header = &handling.request_id_header;
    let request_id = match request
        .headers()
        .get(header)
        .and_then(RequestId::from_header)
    {
        Some(request_id) => request_id,
        None => {
            // Handlers that read the header see the id the response will carry.
            let request_id = RequestId::generate();
            if let Some(value) = request_id.header_value() {
                request.headers_mut().insert(header.clone(), value);
            }
            request_id
        }
    };
    request.extensions_mut().insert(request_id.clone());
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().cloned();
    // At the error level so that it is enabled wherever errors are logged: whatever the
    // handler logs carries the request id.
    let span = tracing::error_span!("request", request_id = request_id.as_str());
    let response = match catch_unwind(next.run(request).instrument(span)).await {
        Ok(response) => response,
        Err(payload) => {
            let mut response = observe::unreported(codes::internal_error::<C>());
            let cause = Cause::text(CauseKind::Panic, panic_message(&*payload));
            response.extensions_mut().insert(cause);
            response
        }
    };
    let stamp = Stamp {
        request_id: &request_id,
        header,
    };
    let mut response = rewrite::finish::<C>(response, &method, &stamp).await;
    if response.status().is_client_error() || response.status().is_server_error() {
        let cause = response.extensions_mut().remove::<Cause>();
        #[cfg(debug_assertions)]
        let tag = response.extensions_mut().remove::<error_set::SetTag>();
        let answered = ErrorAnswered {
            status: response.status(),
            envelope: response.extensions().get::<ErrorEnvelope<C>>(),
            request_id: Some(request_id.as_str()),
            method: Some(&method),
            route: route.as_ref().map(MatchedPath::as_str),
            cause: cause.as_ref(),
        };
        observe::emit(&answered);
        if let Some(observer) = &handling.observer {
            observer.on_error(&answered);
        }
        #[cfg(debug_assertions)]
        if let Some(tag) = &tag {
            error_set::check(&handling.violations, tag, &answered);
        }
    }
    response
}
