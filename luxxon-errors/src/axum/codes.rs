//! The codes the integration answers with on its own, by name, so that any catalog
//! works: a catalog that lacks one still gets an envelope with that name and the status
//! the integration chose.

use ::axum::http::StatusCode;

use crate::{CatalogCode, ErrorEnvelope};

/// A request for something that does not exist: an unmatched route.
pub(super) const NOT_FOUND: &str = "NOT_FOUND";

/// A request the server cannot use as sent: a bad body, path or query, a method the
/// route does not serve, a body too large.
pub(super) const INVALID_INPUT: &str = "INVALID_INPUT";

/// A failure on the server's side: a panic, an error a handler did not classify.
pub(super) const INTERNAL_SERVER_ERROR: &str = "INTERNAL_SERVER_ERROR";

/// An envelope with the code named `name`, the catalog's plain-text meaning of it as its
/// message (the name, when the catalog lacks the code), and `status`.
pub(super) fn envelope_named<C: CatalogCode>(name: &str, status: StatusCode) -> ErrorEnvelope<C> {
    ErrorEnvelope::from_code(C::parse(name)).with_status(status.as_u16())
}

/// The answer to a failure the client cannot be told about.
pub(super) fn internal_error<C: CatalogCode>() -> ErrorEnvelope<C> {
    envelope_named(INTERNAL_SERVER_ERROR, StatusCode::INTERNAL_SERVER_ERROR)
}
