//! The `http` crate's types for codes and envelopes: the status to answer with, and the
//! whole response.

use ::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use ::http::{Response, StatusCode};

use crate::REQUEST_ID_HEADER;
use crate::{CatalogCode, ErrorEnvelope};

/// The statuses an error answers with: the client and server errors. The catalog refuses
/// any other status for a code.
const ERROR_STATUSES: std::ops::RangeInclusive<u16> = 400..=599;

/// The body written in the one case serde_json could refuse an envelope, which the
/// envelope's members rule out (see [`ErrorEnvelope::to_json_body`]).
const UNENCODABLE_BODY: &str = r#"{"statusCode":500,"code":"INTERNAL_SERVER_ERROR","message":"The error could not be encoded.","timestamp":"1970-01-01T00:00:00Z"}"#;

/// `status` as an `http` error status; `None` when it is not one (outside 400–599).
pub(crate) fn error_status(status: u16) -> Option<StatusCode> {
    if ERROR_STATUSES.contains(&status) {
        StatusCode::from_u16(status).ok()
    } else {
        None
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<C: CatalogCode> ErrorEnvelope<C> {
    /// The status to answer with: `statusCode` when it is an HTTP error status (400 to
    /// 599), else 500 Internal Server Error.
    ///
    /// `statusCode` is a plain integer that a caller ([`ErrorEnvelope::with_status`]) or
    /// a received body may set to anything from 0 to 65535; an error must still answer
    /// with an error status, so 0, 1000, and also 200 or 302 (which would tell clients
    /// and proxies that the request succeeded or moved), answer 500. The envelope itself
    /// is not changed: its body keeps the `statusCode` it has.
    ///
    /// ```
    /// use http::StatusCode;
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::from_code(ErrorCode::NotAuthorized);
    /// assert_eq!(error.http_status(), StatusCode::FORBIDDEN);
    /// assert_eq!(error.clone().with_status(429).http_status(), StatusCode::TOO_MANY_REQUESTS);
    /// assert_eq!(error.clone().with_status(0).http_status(), StatusCode::INTERNAL_SERVER_ERROR);
    /// assert_eq!(error.with_status(1000).http_status(), StatusCode::INTERNAL_SERVER_ERROR);
    /// ```
    pub fn http_status(&self) -> StatusCode {
        error_status(self.status_code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The response that answers with this error:
    ///
    /// - the status [`ErrorEnvelope::http_status`];
    /// - `content-type: application/json`, and the envelope as a compact JSON body;
    /// - `retry-after: <seconds>` when the error is retryable and a delay is known
    ///   ([`ErrorEnvelope::retry_after`]: the one set with
    ///   [`ErrorEnvelope::with_retry_after`], else the catalog's), rounded up to whole
    ///   seconds so that a client never comes back early;
    /// - `x-request-id` when the envelope has a `requestId` member
    ///   ([`ErrorEnvelope::with_request_id`]) that can be a header value (one with a
    ///   line break or another control character stays in the body only).
    ///
    /// The body is a `String`: JSON is UTF-8 text, a `String` is an `http_body::Body`
    /// that hyper, tower and axum serve as it is, and tests read it without decoding.
    /// Use [`Response::map`] for another body type (`response.map(Bytes::from)`).
    ///
    /// ```
    /// use std::time::Duration;
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::from_code(ErrorCode::Unavailable)
    ///     .with_retry_after(Duration::from_millis(2500))
    ///     .with_request_id("req_42");
    /// let response = error.to_http_response();
    /// assert_eq!(response.status(), 503);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// assert_eq!(response.headers()["retry-after"], "3");
    /// assert_eq!(response.headers()["x-request-id"], "req_42");
    /// assert_eq!(LuxxonError::from_json(response.body().as_bytes()), Ok(error));
    /// ```
    pub fn to_http_response(&self) -> Response<String> {
        let mut response = Response::new(self.to_json_body());
        *response.status_mut() = self.http_status();
        self.write_headers(response.headers_mut());
        response
    }

    /// The envelope as compact JSON.
    pub(crate) fn to_json_body(&self) -> String {
        // serde_json refuses only non-string map keys, non-finite floats and errors raised
        // by `Serialize` impls; the envelope has string keys, `Value`s (which hold finite
        // numbers only) and infallible members, so this stays a fallback.
        serde_json::to_string(self).unwrap_or_else(|_| UNENCODABLE_BODY.to_owned())
    }

    /// Writes the headers the envelope implies: `content-type`, `retry-after` (unless the
    /// response already has one) and `x-request-id`.
    pub(crate) fn write_headers(&self, headers: &mut HeaderMap) {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(delay) = self.retry_after() {
            let seconds = delay
                .as_secs()
                .saturating_add(u64::from(delay.subsec_nanos() > 0));
            headers
                .entry(header::RETRY_AFTER)
                .or_insert_with(|| HeaderValue::from(seconds));
        }
        if let Some(value) = self
            .request_id()
            .and_then(|id| HeaderValue::from_str(id).ok())
        {
            headers.insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
        }
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<C: CatalogCode> From<ErrorEnvelope<C>> for Response<String> {
    /// [`ErrorEnvelope::to_http_response`].
    fn from(error: ErrorEnvelope<C>) -> Self {
        error.to_http_response()
    }
}

/// The status of a code, as an `http::StatusCode`.
pub(crate) fn code_status<C: CatalogCode>(code: &C) -> Option<StatusCode> {
    code.status().and_then(error_status)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use ::http::StatusCode;

    use crate::{CatalogCode, ErrorCode, LuxxonError};

    #[test]
    fn every_catalog_status_is_an_error_status() {
        for code in ErrorCode::ALL {
            let status = code.http_status().map(|status| status.as_u16());
            assert_eq!(status, code.status(), "{code}");
            assert_eq!(
                LuxxonError::from_code(code.clone()).http_status().as_u16(),
                code.status().unwrap_or_default()
            );
        }
        assert_eq!(ErrorCode::parse("BRAND_NEW").http_status(), None);
    }

    #[test]
    fn statuses_that_are_not_errors_answer_500() {
        for status in [0, 1, 99, 100, 200, 204, 302, 399, 600, 999, 1000, u16::MAX] {
            let error = LuxxonError::from_code(ErrorCode::NotFound).with_status(status);
            assert_eq!(
                error.http_status(),
                StatusCode::INTERNAL_SERVER_ERROR,
                "{status}"
            );
            let response = error.to_http_response();
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            let decoded = LuxxonError::from_json(response.body().as_bytes());
            assert_eq!(decoded.map(|error| error.status_code), Ok(status));
        }
        for status in [400, 418, 499, 500, 599] {
            let error = LuxxonError::from_code(ErrorCode::NotFound).with_status(status);
            assert_eq!(error.http_status().as_u16(), status);
        }
    }

    #[test]
    fn a_response_without_extras_has_only_its_content_type() {
        let error = LuxxonError::from_code(ErrorCode::NotAuthorized).with_detail("scope:x");
        let response = error.to_http_response();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(response.headers().len(), 1);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(
            response.body(),
            &serde_json::to_string(&error).unwrap_or_default()
        );
    }

    #[test]
    fn retry_after_is_sent_for_retryable_errors_only_in_whole_seconds() {
        let seconds = |error: LuxxonError| {
            error
                .to_http_response()
                .headers()
                .get("retry-after")
                .map(|value| value.to_str().unwrap_or_default().to_owned())
        };
        let unavailable = || LuxxonError::from_code(ErrorCode::Unavailable);
        assert_eq!(seconds(unavailable()), None, "the catalog gives no delay");
        for (delay, expected) in [
            (Duration::ZERO, "0"),
            (Duration::from_nanos(1), "1"),
            (Duration::from_secs(7), "7"),
            (Duration::from_millis(7001), "8"),
            (Duration::MAX, "18446744073709551615"),
        ] {
            let sent = seconds(unavailable().with_retry_after(delay));
            assert_eq!(sent.as_deref(), Some(expected), "{delay:?}");
        }
        let not_retryable =
            LuxxonError::from_code(ErrorCode::NotFound).with_retry_after(Duration::from_secs(7));
        assert_eq!(seconds(not_retryable), None);
        let unknown_429 = LuxxonError::from_code(ErrorCode::parse("RATE_LIMITED"))
            .with_status(429)
            .with_retry_after(Duration::from_secs(2));
        assert_eq!(seconds(unknown_429).as_deref(), Some("2"));
    }

    #[test]
    fn a_request_id_that_cannot_be_a_header_stays_in_the_body() {
        let error = LuxxonError::from_code(ErrorCode::NotFound).with_request_id("a\r\nb: c");
        let response = error.to_http_response();
        assert!(response.headers().get("x-request-id").is_none());
        let decoded = LuxxonError::from_json(response.body().as_bytes());
        assert_eq!(
            decoded.as_ref().map(|error| error.request_id()),
            Ok(Some("a\r\nb: c"))
        );
    }

    #[test]
    fn into_response_is_to_http_response() {
        let error = LuxxonError::from_code(ErrorCode::Conflict).with_request_id("r");
        let expected = error.to_http_response();
        let response = ::http::Response::<String>::from(error);
        assert_eq!(response.status(), expected.status());
        assert_eq!(response.headers(), expected.headers());
        assert_eq!(response.body(), expected.body());
    }
}
