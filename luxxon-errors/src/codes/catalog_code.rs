//! What the runtime needs of a catalog's code type, so that the envelope, the decoder
//! and the HTTP integrations work with any catalog.

use std::fmt;
use std::hash::Hash;
use std::time::Duration;

use super::Lifecycle;

/// The code type of an error catalog: the `ErrorCode` enum that
/// [`catalog!`](crate::catalog) generates implements it, for this crate's catalog and for
/// yours.
///
/// [`ErrorEnvelope`](crate::ErrorEnvelope) is generic over it, so a team with its own
/// catalog gets the whole runtime for its own codes: `catalog!("errors.yaml")` emits
/// `ErrorCode`, `Family` and `LuxxonError` (its envelope), and
/// `LuxxonError::new(ErrorCode::RateLimited, "...")` fills in that catalog's status.
///
/// Implement it by hand only for a code type that does not come from a catalog file.
/// Every method answers for codes the build doesn't know too: `parse` keeps them, and
/// the facts are `None` or `false` for them.
pub trait CatalogCode:
    Clone
    + fmt::Debug
    + fmt::Display
    + Eq
    + Hash
    + Send
    + Sync
    + serde::Serialize
    + serde::de::DeserializeOwned
    + 'static
{
    /// Every code of the catalog, in catalog order.
    const ALL: &'static [Self];

    /// The code with this wire name: the known code, or one that keeps the text.
    fn parse(code: &str) -> Self;

    /// As [`CatalogCode::parse`], reusing the string's allocation for an unknown code.
    fn from_string(code: String) -> Self;

    /// The wire name, e.g. `"NOT_FOUND"`; for an unknown code, the text received.
    fn as_str(&self) -> &str;

    /// Whether the code is in the catalog.
    fn is_known(&self) -> bool;

    /// The HTTP status the catalog gives the code; `None` for an unknown code.
    fn status(&self) -> Option<u16>;

    /// Whether the catalog marks the code retryable; `false` for an unknown code. For a
    /// response, ask [`ErrorEnvelope::is_retryable`](crate::ErrorEnvelope::is_retryable),
    /// which also knows what the status of an unknown code says (see [`crate::retry`]).
    fn is_retryable(&self) -> bool;

    /// How long to wait before retrying, where the catalog says (`retry_after`).
    fn retry_after(&self) -> Option<Duration>;

    /// What the code means, in Markdown as on the docs page; `None` for an unknown code.
    fn meaning(&self) -> Option<&'static str>;

    /// The meaning as plain text: the `message` of an envelope made from the code alone.
    fn message(&self) -> Option<&'static str>;

    /// Whether the code is active, legacy or reserved; `None` for an unknown code.
    fn lifecycle(&self) -> Option<Lifecycle>;

    /// The id of the code's family (e.g. `"not_found"`), for logs and metrics; `None`
    /// for an unknown code, and for a code type implemented by hand that does not say.
    ///
    /// ```
    /// use luxxon_errors::{CatalogCode, ErrorCode};
    ///
    /// assert_eq!(ErrorCode::SessionNotFound.family_id(), Some("not_found"));
    /// assert_eq!(ErrorCode::parse("BRAND_NEW").family_id(), None);
    /// ```
    fn family_id(&self) -> Option<&'static str> {
        None
    }

    /// The catalog's status for the code as an [`http::StatusCode`](::http::StatusCode);
    /// `None` for an unknown code.
    ///
    /// ```
    /// use luxxon_errors::{CatalogCode, ErrorCode};
    ///
    /// assert_eq!(ErrorCode::NotFound.http_status(), Some(http::StatusCode::NOT_FOUND));
    /// assert_eq!(ErrorCode::parse("BRAND_NEW").http_status(), None);
    /// ```
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    fn http_status(&self) -> Option<::http::StatusCode> {
        crate::http::code_status(self)
    }
}
