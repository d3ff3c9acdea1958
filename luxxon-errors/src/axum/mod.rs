//! The axum integration: envelopes as responses, `?` on any error, and one call that
//! makes every error a router answers an envelope.
//!
//! - [`ErrorEnvelope`](crate::ErrorEnvelope) implements
//!   [`IntoResponse`](::axum::response::IntoResponse): handlers return
//!   `Result<T, LuxxonError>`.
//! - [`ApiError`] is what handlers return so that `?` works on any error.
//! - [`ErrorHandling`] wraps a router: unmatched routes, axum's rejections and panics
//!   answer envelopes too, and every response carries a request id. Every error it
//!   answers is logged ([below](#what-is-logged)) and, with [`ErrorHandling::observe`],
//!   reported to an [`ErrorObserver`] (a counter per code: `MetricsObserver` with the
//!   `metrics` feature).
//! - [`error_set!`](crate::error_set) declares the codes an operation may answer: its
//!   OpenAPI responses (with `utoipa`), and a check in debug builds ([`ErrorSetLayer`]).
//!
//! ```
//! use axum::{Router, routing::get};
//! use luxxon_errors::{ApiError, ErrorHandling};
//! use luxxon_errors::{ErrorCode, LuxxonError};
//!
//! async fn session(axum::extract::Path(id): axum::extract::Path<u64>) -> Result<String, LuxxonError> {
//!     match id {
//!         42 => Ok("live".to_owned()),
//!         _ => Err(LuxxonError::from_code(ErrorCode::SessionNotFound).with_detail(format!("session:{id}"))),
//!     }
//! }
//!
//! async fn report() -> Result<String, ApiError> {
//!     Ok(std::fs::read_to_string("/var/report.txt")?)
//! }
//!
//! let app: Router = ErrorHandling::new().apply(
//!     Router::new()
//!         .route("/sessions/{id}", get(session))
//!         .route("/report", get(report)),
//! );
//! ```
//!
//! # What a router answers
//!
//! With [`ErrorHandling`] installed, every error response is an envelope. An envelope a
//! handler returned is left as it is, apart from the request id. Any other error
//! response is rewritten by its status, which it keeps, so that what HTTP says with it
//! still holds (405 with its `allow` header, 413, 415, 422), while the code says what
//! went wrong:
//!
//! | What happened | Status | `code` | `detail` |
//! | --- | --- | --- | --- |
//! | No route matches the path | 404 | `NOT_FOUND` | — |
//! | A path parameter or query string that does not parse (`Path`, `Query`) | 400 | `INVALID_INPUT` | axum's text, e.g. ``Invalid URL: Cannot parse `abc` to a `u32` `` |
//! | A JSON body that is not JSON (`Json`) | 400 | `INVALID_INPUT` | axum's text |
//! | A JSON body of the wrong shape (`Json`) | 422 | `INVALID_INPUT` | axum's text, e.g. ``Failed to deserialize the JSON body into the target type: missing field `name` …`` |
//! | A JSON body without `content-type: application/json` (`Json`) | 415 | `INVALID_INPUT` | axum's text |
//! | A method the route does not serve | 405, with `allow` | `INVALID_INPUT` | e.g. `method DELETE is not allowed here; the allow header lists those that are` |
//! | A body over the limit (`DefaultBodyLimit`) | 413 | `INVALID_INPUT` | axum's text |
//! | 411, 414 or 431 from another layer | its own | `INVALID_INPUT` | the response's text |
//! | A panic in a handler, an extractor or a layer inside | 500 | `INTERNAL_SERVER_ERROR` | — |
//! | An error a handler returned through [`ApiError`] that is not an envelope | 500 | `INTERNAL_SERVER_ERROR` | — |
//! | Any other 5xx response (e.g. axum's for a missing `Extension`) | its own | `INTERNAL_SERVER_ERROR` | — |
//! | Any other 4xx response (401, 403, 408, 409, 429, …) | its own | left as it is | — |
//!
//! 405 and 413 answer `INVALID_INPUT`: the request is what is wrong, and the catalog has
//! no code of its own for a method or a size. Other 4xx statuses are left alone because
//! they come from the application or a layer with a meaning of their own (an auth layer's
//! 401 with `www-authenticate`, a rate limiter's 429 with `retry-after`) that a code
//! guessed from the status alone would misname; answer them with envelopes yourself.
//!
//! `message` is the catalog's plain-text meaning of the code. `detail` shows the
//! response's text only for client errors, whose text describes the client's own
//! request, and only when it is plain text of at most 16 KiB; a server error's text,
//! a handler's error and a panic's message may describe the server, so the client never
//! sees them: they are [logged](#what-is-logged) instead. A response whose body is an envelope serialized by the application
//! itself (`content-type: application/json`) keeps its code, like one returned as an
//! [`ErrorEnvelope`](crate::ErrorEnvelope).
//!
//! The codes are named, not taken from the catalog: a catalog without `NOT_FOUND`,
//! `INVALID_INPUT` or `INTERNAL_SERVER_ERROR` still answers with that name (a code this
//! build doesn't know) and the status above.
//!
//! Panics are caught only when the binary unwinds on panic (the default; not with
//! `panic = "abort"`).
//!
//! # The request id
//!
//! Every request gets an id: the one in its `x-request-id` header (or the header set with
//! [`ErrorHandling::request_id_header`]) when it is 1 to 128 visible ASCII characters,
//! else 32 new hex digits. On the wire it goes:
//!
//! - in the `x-request-id` response header (or the configured one), on every response,
//!   success or error;
//! - in the `requestId` member of every error envelope, a string
//!   ([`ErrorEnvelope::request_id`](crate::ErrorEnvelope::request_id)), replacing any
//!   the handler set.
//!
//! Inside the server it is in the request's `x-request-id` header (a generated one is
//! written there), in its extensions as a [`RequestId`], and in the field `request_id`
//! of a `request` tracing span around the handler.
//!
//! # What is logged
//!
//! One [`tracing`](https://docs.rs/tracing) event for every error response the router
//! answers (an envelope a handler returned, an [`ApiError`], a rejection, a panic, an
//! unmatched route, another layer's error), with the target `luxxon_errors::answered`
//! and the fields:
//!
//! | Field | Value |
//! | --- | --- |
//! | `status` | the status answered, e.g. `404` |
//! | `code` | the envelope's code, e.g. `SESSION_NOT_FOUND`; absent for a response left as it is |
//! | `family` | the code's family, e.g. `not_found`; absent for a code the catalog does not list |
//! | `request_id` | the request id, as in the envelope's `requestId` |
//! | `retryable` | whether the client may retry, by [the rule](crate::retry) |
//! | `method`, `route` | the request's method and the route that answered, as declared (`/sessions/{id}`) |
//! | `error` | server errors only: what the body hides, with its causes, `: `-separated — the error an [`ApiError`] wraps and its [`source`](std::error::Error::source)s, a panic's message, a server error's text |
//!
//! Server errors (5xx) are logged at the `ERROR` level, for they are the server's to fix;
//! client errors (4xx) at `INFO`, for they describe the client's request and a busy API
//! answers many. One line in `main`, with
//! [`tracing-subscriber`](https://docs.rs/tracing-subscriber), shows them all on stderr
//! (with its default features, from `INFO` up):
//!
//! ```text
//! tracing_subscriber::fmt::init();
//! ```
//!
//! With its `env-filter` feature, the same line reads `RUST_LOG` instead, which shows only
//! `ERROR` when unset: `RUST_LOG=info` shows the client errors too, and
//! `RUST_LOG=info,luxxon_errors::answered=error` keeps only the server errors of these. Each event is emitted once, by [`ErrorHandling`] after it rewrote the
//! response (so it has the request id and the route); without `ErrorHandling`, an
//! envelope or an [`ApiError`] answered from a handler emits its own, without route or
//! request id. In debug builds, an answer outside its route's error set adds an
//! `ERROR` event with a `violation` field ([`ErrorSetViolations`]).
//!
//! # Counting errors
//!
//! [`ErrorHandling::observe`] calls an [`ErrorObserver`] once for every error answered
//! with an [`ErrorAnswered`]; without one, nothing is called. With the `metrics` feature,
//! `MetricsObserver` counts them with the [`metrics`](https://docs.rs/metrics) facade in
//! `luxxon_errors_answered_total`, labelled `code`, `family` and `status`: the catalog's
//! codes plus `unknown`, so a client cannot add series.

mod api_error;
mod catch_panic;
mod codes;
mod error_handling;
mod error_set;
mod into_response;
#[cfg(feature = "metrics")]
mod metrics;
mod observe;
#[cfg(test)]
mod observe_tests;
mod request_id;
mod rewrite;
#[cfg(test)]
mod tests;

pub use api_error::ApiError;
pub use error_handling::ErrorHandling;
pub use error_set::{ErrorSetLayer, ErrorSetViolations, Violation};
#[cfg(feature = "metrics")]
#[cfg_attr(docsrs, doc(cfg(feature = "metrics")))]
pub use metrics::MetricsObserver;
pub use observe::{ErrorAnswered, ErrorObserver, UNKNOWN_CODE_LABEL};
pub use request_id::RequestId;
