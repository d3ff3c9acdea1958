//! An envelope is a response.

use ::axum::response::{IntoResponse, Response};

use crate::{CatalogCode, ErrorEnvelope};

impl<C: CatalogCode> IntoResponse for ErrorEnvelope<C> {
    /// The response [`ErrorEnvelope::to_http_response`] describes: its status, JSON body,
    /// `content-type`, `retry-after` and `x-request-id`.
    ///
    /// The response also carries the envelope in its extensions
    /// (`response.extensions().get::<ErrorEnvelope<C>>()`), so that a layer can read the
    /// code without parsing the body; [`ErrorHandling`](crate::axum::ErrorHandling)
    /// recognises an envelope by it.
    ///
    /// Outside `ErrorHandling`, the answer is logged here (see the
    /// [module page](crate::axum#what-is-logged)); inside, `ErrorHandling` logs it.
    ///
    /// ```
    /// use axum::response::IntoResponse;
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// async fn handler() -> Result<String, LuxxonError> {
    ///     Err(LuxxonError::from_code(ErrorCode::NotAuthorized).with_detail("scope:write"))
    /// }
    /// # let _: axum::routing::MethodRouter = axum::routing::get(handler);
    ///
    /// let response = LuxxonError::from_code(ErrorCode::NotAuthorized).into_response();
    /// assert_eq!(response.status(), 403);
    /// assert_eq!(response.extensions().get::<LuxxonError>().map(|error| &error.code), Some(&ErrorCode::NotAuthorized));
    /// ```
    fn into_response(self) -> Response {
        super::observe::answer(self, None)
    }
}
