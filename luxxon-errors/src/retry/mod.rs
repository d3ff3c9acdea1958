//! Whether a failed request may be retried: one rule, the same wherever it is asked.
//!
//! - A response carrying a code of the catalog: the catalog decides
//!   ([`CatalogCode::is_retryable`]): the codes of a retryable family (the
//!   infrastructure errors) unless a code says otherwise.
//! - A code this build doesn't know, and a response that is not an envelope at all (an
//!   HTML 502 from a proxy, an empty 503, a body too large to keep whole): the HTTP
//!   status decides, by
//!   [`is_retryable_status`]: 408, 425, 429, 502, 503 and 504 are retryable, nothing
//!   else is.
//!
//! Retry with backoff, and wait at least as long as a `Retry-After` header says:
//!
//! - [`RetryAfter`] parses the header, in both of its forms;
//! - [`Retryable`] is what an error tells a retry loop: whether to retry, and how long to
//!   wait at least; envelopes, [`HttpError`](crate::HttpError) and, with the `reqwest`
//!   feature, `ClientError` implement it;
//! - [`RetryPolicy`] retries any async operation with exponential backoff and jitter,
//!   waiting on a [`Timer`] (`TokioTimer` with the `tokio` feature).

use std::time::Duration;

use crate::{CatalogCode, ErrorEnvelope};

mod after;
mod backoff;
mod timer;

pub use after::{InvalidRetryAfter, RetryAfter};
pub use backoff::{Jitter, RetryPolicy};
pub use timer::Timer;
#[cfg(feature = "tokio")]
#[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
pub use timer::TokioTimer;

/// The statuses that say "try again later" whatever the body: 408 Request Timeout,
/// 425 Too Early, 429 Too Many Requests, 502 Bad Gateway, 503 Service Unavailable and
/// 504 Gateway Timeout.
pub const RETRYABLE_STATUSES: [u16; 6] = [408, 425, 429, 502, 503, 504];

/// Whether a response with this status and no code this build knows may be retried.
pub fn is_retryable_status(status: u16) -> bool {
    RETRYABLE_STATUSES.contains(&status)
}

/// The rule: the catalog for a known code, the status otherwise.
pub(crate) fn is_retryable<C: CatalogCode>(code: Option<&C>, status: u16) -> bool {
    match code {
        Some(code) if code.is_known() => code.is_retryable(),
        _ => is_retryable_status(status),
    }
}

/// What a failed attempt tells a retry loop such as [`RetryPolicy::run`].
///
/// Implemented for [`ErrorEnvelope`], [`HttpError`](crate::HttpError) and, with the
/// `reqwest` feature, `luxxon_errors::reqwest::ClientError`; implement it for
/// your own error type to retry with the same policy.
pub trait Retryable {
    /// Whether the operation may be tried again as is.
    fn is_retryable(&self) -> bool;

    /// The least time to wait before trying again, when the error says (e.g. a
    /// `Retry-After` header); a retry loop waits at least this long. Only asked of an
    /// error that is retryable.
    fn retry_delay(&self) -> Option<Duration>;
}

impl<C: CatalogCode> Retryable for ErrorEnvelope<C> {
    /// [`ErrorEnvelope::is_retryable`]: by the rule, with the envelope's `statusCode`.
    fn is_retryable(&self) -> bool {
        ErrorEnvelope::is_retryable(self)
    }

    /// [`ErrorEnvelope::retry_after`]: the catalog's wait for the code.
    fn retry_delay(&self) -> Option<Duration> {
        ErrorEnvelope::retry_after(self)
    }
}
