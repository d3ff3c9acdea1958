//! Whether a failed request may be retried: one rule, the same wherever it is asked.
//!
//! - A response carrying a code of the catalog: the catalog decides
//!   ([`CatalogCode::is_retryable`]): the codes of a retryable family (the
//!   infrastructure errors) unless a code says otherwise.
//! - A code this build doesn't know, and a response that is not an envelope at all (an
//!   HTML 502 from a proxy, an empty 503): the HTTP status decides, by
//!   [`is_retryable_status`]: 408, 425, 429, 502, 503 and 504 are retryable, nothing
//!   else is.
//!
//! Retry with backoff, and wait at least as long as a `Retry-After` header says.

use crate::CatalogCode;

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
