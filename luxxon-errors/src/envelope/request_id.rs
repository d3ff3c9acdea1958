//! The request id: the one value a client quotes so that the server's logs find its
//! request.
//!
//! A server writes it in two places, and a client reads it from either:
//!
//! - the response header `x-request-id` ([`REQUEST_ID_HEADER`]), on every response,
//!   success or error;
//! - the envelope member `requestId` ([`REQUEST_ID_MEMBER`]), a string, on every error,
//!   so that it survives being logged or forwarded without its headers.

use crate::{CatalogCode, ErrorEnvelope};

/// The response header that carries the request id: `x-request-id`.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The envelope member that carries the request id: `requestId`, a string.
pub const REQUEST_ID_MEMBER: &str = "requestId";

impl<C: CatalogCode> ErrorEnvelope<C> {
    /// Sets the request id: the `requestId` member of the envelope, and the
    /// `x-request-id` header of its response (with the `http` feature).
    ///
    /// ```
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::from_code(ErrorCode::NotFound).with_request_id("req_42");
    /// assert_eq!(error.request_id(), Some("req_42"));
    /// assert!(serde_json::to_string(&error)?.ends_with(r#","requestId":"req_42"}"#));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> ErrorEnvelope<C> {
        // Cannot fail: only the envelope's own member names are refused.
        let _previous = self.extra.insert(REQUEST_ID_MEMBER, request_id.into()).ok();
        self
    }

    /// The request id: the `requestId` member, when it is a string.
    ///
    /// ```
    /// use luxxon_errors::LuxxonError;
    ///
    /// let body = br#"{"statusCode":500,"code":"INTERNAL_SERVER_ERROR","message":"Unexpected",
    ///                "timestamp":"2026-05-13T08:30:00Z","requestId":"4f1c9e"}"#;
    /// assert_eq!(LuxxonError::from_json(body)?.request_id(), Some("4f1c9e"));
    /// # Ok::<(), luxxon_errors::DecodeError>(())
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.extra.get(REQUEST_ID_MEMBER)?.as_str()
    }
}

#[cfg(test)]
mod tests {
    use crate::{ErrorCode, LuxxonError};

    #[test]
    fn setting_it_again_replaces_it() {
        let error = LuxxonError::from_code(ErrorCode::NotFound)
            .with_request_id("first")
            .with_request_id("second");
        assert_eq!(error.request_id(), Some("second"));
        assert_eq!(error.extra.len(), 1);
    }

    #[test]
    fn a_request_id_that_is_not_a_string_is_none() {
        let body = br#"{"statusCode":404,"code":"NOT_FOUND","message":"m",
                        "timestamp":"2026-05-13T08:30:00Z","requestId":42}"#;
        let error = LuxxonError::from_json(body).map_err(|e| e.to_string());
        assert_eq!(error.map(|error| error.request_id().is_none()), Ok(true));
    }
}
