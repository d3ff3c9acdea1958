//! One call that makes every error a router answers an envelope with a request id.

use std::fmt;
use std::marker::PhantomData;

use ::axum::Router;
use ::axum::extract::{Request, State};
use ::axum::http::HeaderName;
use ::axum::middleware::{self, Next};
use ::axum::response::{IntoResponse, Response};
use tracing::Instrument;

use super::RequestId;
use super::catch_panic::{CatchUnwind, panic_message};
use super::codes;
use super::rewrite::{self, Stamp};
use crate::REQUEST_ID_HEADER;
use crate::{CatalogCode, ErrorCode};

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
        router.layer(middleware::from_fn_with_state(self, handle_errors::<C>))
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
            catalog: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ErrorHandling<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorHandling")
            .field("catalog", &std::any::type_name::<C>())
            .field("request_id_header", &self.request_id_header)
            .finish()
    }
}

/// The middleware: assigns the request id, runs the router's handler catching a panic,
/// and makes the response's error an envelope.
async fn handle_errors<C: CatalogCode>(
    State(handling): State<ErrorHandling<C>>,
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
    // At the error level so that it is enabled wherever errors are logged: whatever the
    // handler logs (and `ApiError` logs) carries the request id.
    let span = tracing::error_span!("request", request_id = request_id.as_str());
    let response = match CatchUnwind::new(next.run(request).instrument(span)).await {
        Ok(response) => response,
        Err(payload) => {
            tracing::error!(
                request_id = request_id.as_str(),
                panic = panic_message(&*payload),
                "a handler panicked; answering 500 INTERNAL_SERVER_ERROR"
            );
            codes::internal_error::<C>().into_response()
        }
    };
    let stamp = Stamp {
        request_id: &request_id,
        header,
    };
    rewrite::finish::<C>(response, &method, &stamp).await
}
