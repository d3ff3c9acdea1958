//! Every error the Luxxon API can emit, generated from one `errors.yaml`.
//!
//! - [`ErrorCode`]: one variant per code, with its HTTP status, family, meaning, what
//!   to do, retryability and lifecycle; codes this build doesn't know parse to
//!   [`ErrorCode::Unknown`] and keep their text.
//! - [`Family`]: the five families of codes.
//! - [`LuxxonError`]: the JSON envelope, for servers to answer with and clients to
//!   decode ([`ErrorEnvelope::from_json`] never panics, whatever the body).
//! - [`HttpError`]: any HTTP error response, classified for a client: an envelope, or a
//!   body that is not one (kept as received, up to [`DEFAULT_BODY_LIMIT`]), with its
//!   `Retry-After` and request id;
//!   with the `reqwest` feature, `reqwest::error_for_status` gives it for a response.
//! - [`retry`]: the one rule for what may be retried, the `Retry-After` header, and a
//!   [`RetryPolicy`](retry::RetryPolicy) with backoff for any async client.
//! - [`error_set!`]: the codes one operation may answer, declared next to its handler:
//!   its OpenAPI responses with `utoipa`, and a check of what it answers in debug builds
//!   with `axum`.
//!
//! Both enums print (`Display`) their machine-readable name, the one that parses back
//! and that logs and metrics can be grouped by: a code its wire name (`NOT_FOUND`, as
//! [`ErrorCode::as_str`]), a family its id (`not_found`, as [`Family::id`]). For people,
//! show [`ErrorCode::message`] and [`Family::title`].
//!
//! Server side:
//!
//! ```
//! use luxxon_errors::{ErrorCode, LuxxonError};
//!
//! let error = LuxxonError::new(ErrorCode::InsufficientCredit, "Pool balance too low")
//!     .with_detail("pool:ws_42");
//! let body = serde_json::to_string(&error)?;
//! assert!(body.starts_with(r#"{"statusCode":400,"code":"INSUFFICIENT_CREDIT","#));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! Client side:
//!
//! ```
//! use luxxon_errors::{ErrorCode, LuxxonError};
//!
//! let body = br#"{"statusCode":503,"code":"NO_COVERAGE","message":"No operator in range",
//!                "timestamp":"2026-05-13T08:30:00Z"}"#;
//! match LuxxonError::from_json(body) {
//!     Ok(error) => match error.code {
//!         ErrorCode::NoCoverage => { /* try a wider zone, or wait and retry */ }
//!         ErrorCode::InsufficientCredit => { /* top up via the console */ }
//!         ref other if error.is_retryable() => { /* back off and retry */ let _ = other; }
//!         _ => { /* unknown or unhandled: log and show a generic error */ }
//!     },
//!     Err(not_an_envelope) => eprintln!("unexpected body: {}", not_an_envelope.body_text()),
//! }
//! ```
//!
//! # Features
//!
//! None is on by default: the default build links no HTTP stack. Each integration is
//! built against one major version of its crate; your application must use the same one,
//! or cargo links two copies and their types do not mix ("multiple different versions of
//! crate `reqwest`").
//!
//! | Feature | Needs | What it adds |
//! | --- | --- | --- |
//! | `http` | `http` 1 | `http::StatusCode` for codes and envelopes, and an envelope as an `http::Response` (status, `content-type`, `Retry-After`, `x-request-id`) |
//! | `axum` (implies `http`) | `axum` 0.8 | the `axum` module: `IntoResponse` for envelopes, `ApiError` so that `?` works on any error, and `ErrorHandling`, which makes every error a router answers an envelope (unmatched routes, rejections, panics) carrying a request id |
//! | `reqwest` (implies `http`) | `reqwest` 0.13 (not 0.12) | the `reqwest` module: `error_for_status` turns a `reqwest::Response` into a typed `ClientError` |
//! | `tokio` | `tokio` 1 | `retry::TokioTimer`, to run a `RetryPolicy` on Tokio |
//! | `metrics` (implies `axum`) | `metrics` 0.24 | `axum::MetricsObserver`: a counter per code answered (`luxxon_errors_answered_total`), through the `metrics` facade |
//! | `utoipa` | `utoipa` 5 | `ToSchema` for the envelope and the code, in the shape of the generated JSON Schema; `utoipa::IntoResponses` for every [`error_set!`], for `#[utoipa::path(responses(...))]` |
//! | `schemars` | `schemars` 1 | `JsonSchema` for the envelope and the code, likewise |
//!
//! # Logs
//!
//! The `axum` integration logs every error a server answers with
//! [`tracing`](https://docs.rs/tracing), one event each with its code, family, status,
//! request id and retryability: server errors at the error level, with what the client
//! is not told (the error behind a 500 and its causes, a panic's message, a server
//! error's text), client errors at the info level. Without a subscriber they are
//! dropped. One line in `main` shows them on stderr, with
//! [`tracing-subscriber`](https://docs.rs/tracing-subscriber):
//!
//! ```text
//! tracing_subscriber::fmt::init();
//! ```
//!
//! The fields and how to filter them are on the `axum` module's page.
//!
//! # Any catalog
//!
//! Everything here works for the code type of any catalog ([`CatalogCode`]):
//! `catalog!("errors.yaml")` in your crate emits your `ErrorCode`, `Family` and
//! `LuxxonError` (= `ErrorEnvelope<ErrorCode>`), and beside them the catalog-bound names
//! of the integrations: `HttpError`, and with their features `ApiError`, `ErrorHandling`
//! and `ClientError`. The names at this crate's root are the same names for this crate's
//! catalog, so code written against them reads the same for yours, with only the `use`
//! changed. The generic forms are in [`client`], and with their features in the `axum`
//! and `reqwest` modules.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The code `catalog!` emits names this crate `::luxxon_errors`, here as everywhere.
extern crate self as luxxon_errors;

pub mod client;
mod codes;
mod decode;
mod envelope;
mod error_set;
#[cfg(feature = "http")]
mod http;
mod json;
pub mod retry;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
#[cfg(any(feature = "utoipa", feature = "schemars"))]
mod schema;

// Versioned support for generated code (see its module docs); not an API for hand-written
// code, so it stays out of the docs, as thiserror's `__private` does.
#[doc(hidden)]
pub mod generated;

pub use client::{DEFAULT_BODY_LIMIT, HttpErrorKind, LuxxonHttpError};
pub use codes::{CatalogCode, Lifecycle, UnknownCode};
pub use decode::{DecodeError, DecodeErrorKind};
pub use envelope::ErrorEnvelope;
pub use error_set::ErrorSet;
// What `error_set!`'s expansion names; not an API for hand-written code.
pub use envelope::extra::{ExtraFields, ReservedFieldName};
pub use envelope::request_id::{REQUEST_ID_HEADER, REQUEST_ID_MEMBER};
pub use envelope::timestamp::{InvalidTimestamp, Timestamp};
#[doc(hidden)]
pub use error_set::support as __error_set;
pub use luxxon_errors_macros::catalog;

/// The date-time crate [`Timestamp`] is built on.
pub use time;

catalog!("errors.yaml");
