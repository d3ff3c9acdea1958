//! One report per error answered: a `tracing` event, and the observer an application
//! plugs into [`ErrorHandling`](super::ErrorHandling) (e.g. a counter per code).
//!
//! Inside [`ErrorHandling`](super::ErrorHandling), the middleware reports every error
//! response once, after it became an envelope and got its request id; the envelopes and
//! [`ApiError`](super::ApiError)s rendered inside it leave their cause on the response
//! for it. Outside it, they report themselves.

use std::cell::Cell;
use std::error::Error;
use std::fmt;
use std::sync::Arc;

use ::axum::body::Body;
use ::axum::http::{Method, StatusCode};
use ::axum::response::Response;

use crate::{CatalogCode, ErrorCode, ErrorEnvelope};

/// The `tracing` target of the events: `RUST_LOG=luxxon_errors::answered=warn` keeps the
/// server errors and drops the client errors.
pub(super) const TARGET: &str = "luxxon_errors::answered";

/// The label of the codes a catalog does not list, and of error responses that are not
/// envelopes: one label for all of them keeps a metric's cardinality that of the catalog.
pub const UNKNOWN_CODE_LABEL: &str = "unknown";

thread_local! {
    /// How many `ErrorHandling` middlewares are polling their router on this thread: a
    /// response rendered while one is leaves its report to it.
    static INSIDE: Cell<u32> = const { Cell::new(0) };
}

/// Runs `poll` as inside `ErrorHandling`: the responses it renders are reported by the
/// middleware rather than by themselves.
pub(super) fn inside<R>(poll: impl FnOnce() -> R) -> R {
    INSIDE.with(|inside| inside.set(inside.get().saturating_add(1)));
    let result = poll();
    INSIDE.with(|inside| inside.set(inside.get().saturating_sub(1)));
    result
}

fn is_inside() -> bool {
    INSIDE.with(|inside| inside.get() > 0)
}

/// What made a server error, carried on the response from where it happened to where it
/// is reported: the body never shows it.
#[derive(Clone)]
pub(super) struct Cause(pub(super) Arc<dyn Error + Send + Sync>);

impl Cause {
    pub(super) fn text(kind: CauseKind, text: impl Into<String>) -> Cause {
        Cause(Arc::new(TextCause {
            kind,
            text: text.into(),
        }))
    }
}

/// Where a cause known only as text came from.
#[derive(Clone, Copy, Debug)]
pub(super) enum CauseKind {
    /// A handler panicked with this message.
    Panic,
    /// A server error response that was not an envelope had this text.
    ResponseText,
}

#[derive(Debug)]
struct TextCause {
    kind: CauseKind,
    text: String,
}

impl fmt::Display for TextCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            CauseKind::Panic => write!(f, "a handler panicked: {}", self.text),
            CauseKind::ResponseText => write!(f, "the response's text: {}", self.text),
        }
    }
}

impl Error for TextCause {}

/// The response that answers with `envelope`, reported here unless `ErrorHandling` is
/// polling (then `cause` rides along on the response for it).
pub(super) fn answer<C: CatalogCode>(envelope: ErrorEnvelope<C>, cause: Option<Cause>) -> Response {
    if is_inside() {
        let mut response = unreported(envelope);
        if let Some(cause) = cause {
            response.extensions_mut().insert(cause);
        }
        return response;
    }
    let answered = ErrorAnswered {
        status: StatusCode::from_u16(envelope.status_code)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        envelope: Some(&envelope),
        request_id: envelope.request_id(),
        method: None,
        route: None,
        cause: cause.as_ref(),
    };
    emit(&answered);
    unreported(envelope)
}

/// The response that answers with `envelope`, carrying it in its extensions, without
/// reporting it.
pub(super) fn unreported<C: CatalogCode>(envelope: ErrorEnvelope<C>) -> Response {
    let mut response = envelope.to_http_response().map(Body::from);
    response.extensions_mut().insert(envelope);
    response
}

/// An error response a router answered, as reported to an [`ErrorObserver`] (and in the
/// `tracing` event): its status, the envelope, the request id, the route, and for a
/// server error what caused it.
pub struct ErrorAnswered<'a, C = ErrorCode> {
    pub(super) status: StatusCode,
    pub(super) envelope: Option<&'a ErrorEnvelope<C>>,
    pub(super) request_id: Option<&'a str>,
    pub(super) method: Option<&'a Method>,
    pub(super) route: Option<&'a str>,
    pub(super) cause: Option<&'a Cause>,
}

impl<'a, C: CatalogCode> ErrorAnswered<'a, C> {
    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The envelope answered; `None` for an error response that
    /// [`ErrorHandling`](super::ErrorHandling) leaves as it is (a 401 or a 429 of another
    /// layer, see the [module page](crate::axum)).
    pub fn envelope(&self) -> Option<&'a ErrorEnvelope<C>> {
        self.envelope
    }

    /// The code answered; `None` when the response is not an envelope.
    pub fn code(&self) -> Option<&'a C> {
        self.envelope.map(|envelope| &envelope.code)
    }

    /// The id of the code's family (e.g. `"not_found"`); `None` for a code the catalog
    /// does not list, or a response that is not an envelope.
    pub fn family(&self) -> Option<&'static str> {
        self.code().and_then(CatalogCode::family_id)
    }

    /// Whether the client may retry, by [the rule](crate::retry): the catalog's answer
    /// for a known code, else the status's.
    pub fn is_retryable(&self) -> bool {
        match self.envelope {
            Some(envelope) => envelope.is_retryable(),
            None => crate::retry::is_retryable_status(self.status.as_u16()),
        }
    }

    /// The request id, as in the envelope's `requestId`.
    pub fn request_id(&self) -> Option<&'a str> {
        self.request_id
    }

    /// The request's method; `None` for an envelope answered outside
    /// [`ErrorHandling`](super::ErrorHandling).
    pub fn method(&self) -> Option<&'a Method> {
        self.method
    }

    /// The route that answered, as declared (`/sessions/{id}`, not the path requested);
    /// `None` when no route matched, or outside [`ErrorHandling`](super::ErrorHandling).
    pub fn route(&self) -> Option<&'a str> {
        self.route
    }

    /// What made the error, which the body does not show: the error an
    /// [`ApiError`](super::ApiError) wraps, a panic's message, a server error's text.
    /// Walk [`Error::source`] for its causes.
    pub fn cause(&self) -> Option<&'a (dyn Error + Send + Sync + 'static)> {
        self.cause.map(|cause| &*cause.0)
    }

    /// A label for the code of bounded cardinality: the catalog's name of the code, or
    /// [`UNKNOWN_CODE_LABEL`] for a code the catalog does not list and for a response that
    /// is not an envelope. `'static`, so a metrics library need not copy it.
    pub fn code_label(&self) -> &'static str {
        self.code()
            .filter(|code| code.is_known())
            .and_then(|code| C::ALL.iter().find(|known| known == &code))
            .map_or(UNKNOWN_CODE_LABEL, CatalogCode::as_str)
    }
}

impl<C: CatalogCode> fmt::Debug for ErrorAnswered<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorAnswered")
            .field("status", &self.status)
            .field("code", &self.code().map(CatalogCode::as_str))
            .field("request_id", &self.request_id)
            .field("method", &self.method)
            .field("route", &self.route)
            .field(
                "cause",
                &self.cause().map(|cause| CauseChain(cause).to_string()),
            )
            .finish()
    }
}

/// What an application plugs into [`ErrorHandling`](super::ErrorHandling) to see every
/// error its router answers, e.g. to count them per code: set it with
/// [`ErrorHandling::observe`](super::ErrorHandling::observe). It runs on the request's
/// task after the response is ready, so it should be quick (increment a counter, not
/// write a file).
///
/// A closure taking `&ErrorAnswered<C>` is one:
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicU64, Ordering};
///
/// use axum::Router;
/// use luxxon_errors::ErrorHandling;
/// use luxxon_errors::axum::ErrorAnswered;
///
/// let server_errors = Arc::new(AtomicU64::new(0));
/// let counter = Arc::clone(&server_errors);
/// let app: Router = ErrorHandling::new()
///     .observe(move |answered: &ErrorAnswered| {
///         if answered.status().is_server_error() {
///             counter.fetch_add(1, Ordering::Relaxed);
///         }
///     })
///     .apply(Router::new());
/// ```
pub trait ErrorObserver<C = ErrorCode>: Send + Sync + 'static {
    /// Called once for every error response the router answers.
    fn on_error(&self, answered: &ErrorAnswered<'_, C>);
}

impl<C, F> ErrorObserver<C> for F
where
    F: Fn(&ErrorAnswered<'_, C>) + Send + Sync + 'static,
{
    fn on_error(&self, answered: &ErrorAnswered<'_, C>) {
        self(answered);
    }
}

/// An error and its sources, `: `-separated, as one line of a log.
pub(super) struct CauseChain<'a>(pub(super) &'a (dyn Error + 'static));

impl fmt::Display for CauseChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        // Bounded: a cyclic chain would otherwise never end.
        let mut depth = 0;
        while let Some(error) = source {
            depth += 1;
            if depth > 32 {
                return f.write_str(": …");
            }
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

/// The `tracing` event for an error answered: at the error level for a server error,
/// with its cause chain; at the info level for a client error.
pub(super) fn emit<C: CatalogCode>(answered: &ErrorAnswered<'_, C>) {
    let status = answered.status.as_u16();
    let code = answered.code().map(CatalogCode::as_str);
    let family = answered.family();
    let request_id = answered.request_id;
    let retryable = answered.is_retryable();
    let method = answered.method.map(Method::as_str);
    let route = answered.route;
    if answered.status.is_server_error() {
        let cause = answered.cause().map(|cause| {
            let cause: &(dyn Error + 'static) = cause;
            tracing::field::display(CauseChain(cause))
        });
        tracing::error!(
            target: TARGET,
            status,
            code,
            family,
            request_id,
            retryable,
            method,
            route,
            error = cause,
            "answered a server error"
        );
    } else {
        tracing::info!(
            target: TARGET,
            status,
            code,
            family,
            request_id,
            retryable,
            method,
            route,
            "answered a client error"
        );
    }
}
