//! An error type for handlers, so that `?` works on any error.

use std::error::Error;
use std::sync::Arc;

use ::axum::response::{IntoResponse, Response};

use super::codes;
use super::observe::{self, Cause};
use crate::{CatalogCode, ErrorCode, ErrorEnvelope};

/// What a handler returns so that `?` works on any error: an envelope of the catalog
/// `C` keeps its code; any other error answers `INTERNAL_SERVER_ERROR`, without saying
/// what went wrong.
///
/// Name it through your catalog: `catalog!` emits `ApiError` beside `ErrorCode`
/// (`luxxon_errors::ApiError` for this crate's catalog, `my_errors::ApiError` for yours),
/// so handlers read the same for every catalog.
///
/// ```
/// use luxxon_errors::{ApiError, ErrorCode, LuxxonError};
///
/// async fn profile() -> Result<String, ApiError> {
///     // Any error: the client gets 500 INTERNAL_SERVER_ERROR with the catalog's generic
///     // message; the error itself is logged and kept in `ApiError::source`.
///     let text = std::fs::read_to_string("/etc/profile.json")?;
///     if text.is_empty() {
///         // An envelope keeps its code and everything else.
///         return Err(LuxxonError::from(ErrorCode::NotFound).with_detail("profile").into());
///     }
///     Ok(text)
/// }
/// # let _: axum::routing::MethodRouter = axum::routing::get(profile);
/// ```
///
/// An envelope converts only into the `ApiError` of its own catalog: one of another
/// catalog would otherwise have become a 500 that hides its code, so it does not compile.
/// [`ErrorEnvelope`] is not a [`std::error::Error`] for that reason (as `anyhow::Error`
/// is not), which is what keeps it out of the conversion from every other error.
///
/// ```compile_fail,E0277
/// mod other {
///     luxxon_errors::catalog!("src/axum/test_catalog.yaml");
/// }
///
/// async fn handler() -> Result<String, luxxon_errors::ApiError> {
///     // An envelope of another catalog: no conversion into this catalog's `ApiError`.
///     Err(other::LuxxonError::from_code(other::ErrorCode::parse("RATE_LIMITED")).into())
/// }
/// ```
///
/// A code does not convert on its own (`Err(ErrorCode::NotFound.into())` does not
/// compile for an `ApiError`): `From<E>` is implemented for every error type, and Rust
/// cannot rule out that a catalog's code type is one. Go through the envelope:
/// `Err(LuxxonError::from(ErrorCode::NotFound).into())`, or return
/// `Result<T, LuxxonError>` from handlers that only answer codes, where
/// `Err(ErrorCode::NotFound.into())` works.
///
/// ```compile_fail,E0277
/// # use luxxon_errors::{ApiError, ErrorCode};
/// async fn handler() -> Result<String, ApiError> {
///     Err(ErrorCode::NotFound.into()) // no `From<ErrorCode>`: go through `LuxxonError::from`
/// }
/// ```
///
/// `ApiError` does not implement [`std::error::Error`] itself (as `anyhow::Error` does
/// not), which is what lets it convert from every type that does. For errors that are
/// not `std::error::Error`s (an `anyhow::Error`, a `Box<dyn Error>`), use
/// [`ApiError::from_boxed`].
///
/// Answering, it logs the error it wraps, with its sources, in the `tracing` event of the
/// answer (see the [module page](crate::axum#what-is-logged)): the event
/// [`ErrorHandling`](crate::axum::ErrorHandling) emits with the request id when it is
/// installed, else one of its own.
#[derive(Debug)]
pub struct ApiError<C = ErrorCode> {
    envelope: ErrorEnvelope<C>,
    source: Option<Box<dyn Error + Send + Sync>>,
}

impl<C: CatalogCode> ApiError<C> {
    /// An `ApiError` for any boxed error: `INTERNAL_SERVER_ERROR`, keeping the error as
    /// its [`source`](ApiError::source).
    ///
    /// ```
    /// use luxxon_errors::{ApiError, ErrorCode};
    ///
    /// let error = ApiError::from_boxed("the cache is corrupt".into());
    /// assert_eq!(error.envelope().code, ErrorCode::InternalServerError);
    /// assert!(!error.envelope().message.contains("cache"));
    /// assert_eq!(error.source().map(|source| source.to_string()).as_deref(), Some("the cache is corrupt"));
    /// ```
    pub fn from_boxed(error: Box<dyn Error + Send + Sync>) -> ApiError<C> {
        ApiError {
            envelope: codes::internal_error(),
            source: Some(error),
        }
    }

    /// The envelope the client gets.
    pub fn envelope(&self) -> &ErrorEnvelope<C> {
        &self.envelope
    }

    /// The envelope the client gets, to answer with or change.
    pub fn into_envelope(self) -> ErrorEnvelope<C> {
        self.envelope
    }

    /// The error that made this an `INTERNAL_SERVER_ERROR`; `None` when an envelope was
    /// converted.
    pub fn source(&self) -> Option<&(dyn Error + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

impl<C: CatalogCode, E: Error + Send + Sync + 'static> From<E> for ApiError<C> {
    /// [`ApiError::from_boxed`]: `INTERNAL_SERVER_ERROR`, keeping the error as the source.
    fn from(error: E) -> ApiError<C> {
        ApiError::from_boxed(Box::new(error))
    }
}

impl<C: CatalogCode> From<ErrorEnvelope<C>> for ApiError<C> {
    /// The envelope as it is: its code, status, message and every other member.
    fn from(envelope: ErrorEnvelope<C>) -> ApiError<C> {
        ApiError {
            envelope,
            source: None,
        }
    }
}

impl<C: CatalogCode> IntoResponse for ApiError<C> {
    /// The envelope's response. The source error, if any, is logged with it, once: by
    /// [`ErrorHandling`](crate::axum::ErrorHandling) when it is installed, else here.
    fn into_response(self) -> Response {
        let cause = self.source.map(|source| Cause(Arc::from(source)));
        observe::answer(self.envelope, cause)
    }
}
