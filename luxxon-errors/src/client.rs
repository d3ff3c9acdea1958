//! An HTTP error response, classified: an envelope (with a code this build knows or
//! not), or a body that is not one.

use std::fmt;
use std::time::Duration;

use crate::retry::{RetryAfter, Retryable};
use crate::{
    CatalogCode, DecodeError, DecodeErrorKind, ErrorCode, ErrorEnvelope, REQUEST_ID_HEADER,
    REQUEST_ID_MEMBER,
};

const CONTENT_TYPE_HEADER: &str = "content-type";
const RETRY_AFTER_HEADER: &str = "retry-after";

/// The most bytes of an error response's body an [`HttpError`] keeps, unless told
/// otherwise ([`HttpError::with_body_limit`], and with the `reqwest` feature
/// `reqwest::error_for_status_with_limit`): 64 KiB.
///
/// An envelope takes a few hundred bytes, and the error pages of proxies and load
/// balancers a few KiB, so every body worth reading is kept whole, with room to spare;
/// while a client with a thousand failed requests in flight holds at most 64 MiB of
/// bodies, whatever the servers send (a 1 GiB or endless 503 included).
///
/// A longer body is cut to the limit, is not decoded, and is classified as
/// [not an envelope](HttpErrorKind::NotAnEnvelope) of kind
/// [`DecodeErrorKind::TooLarge`] ([`HttpError::body_truncated`]); the status and the
/// headers still classify the response.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// An HTTP error response, whatever its body: the status, what the headers say
/// (`Retry-After`, `x-request-id`) and the body, decoded as an
/// [envelope](HttpErrorKind::Envelope) or kept as received when it is
/// [not one](HttpErrorKind::NotAnEnvelope) (an HTML page from a proxy, an empty 503).
///
/// Build it from the parts of a response with [`HttpError::new`] (any HTTP library), or
/// with the `http` feature from an `http::Response` (`HttpError::from_response`); with
/// the `reqwest` feature, `luxxon_errors::reqwest::error_for_status` gives it for a
/// `reqwest::Response`. Classifying never fails and never panics.
///
/// It keeps at most [`DEFAULT_BODY_LIMIT`] bytes of the body (or the limit given to
/// [`HttpError::with_body_limit`]): a longer body is cut and flagged
/// ([`HttpError::body_truncated`]), so a huge or endless error body costs no more than
/// the limit, however the error was built.
///
/// Branch on [`code`](HttpError::code), and keep a generic arm: the API may add codes at
/// any time, and not every error response comes from the API.
///
/// ```
/// use luxxon_errors::{ErrorCode, HttpError, LuxxonHttpError};
///
/// fn advice(error: &HttpError) -> &'static str {
///     match error.code() {
///         Some(ErrorCode::NoCoverage) => "no operator in range: try a wider zone, or wait and retry",
///         Some(ErrorCode::InsufficientCredit) => "pool balance too low: top up via the console",
///         Some(ErrorCode::InvalidState) => "the session moved on: read it again",
///         _ if error.is_retryable() => "try again in a moment",
///         _ => {
///             // An unknown code, or not an envelope: log it and surface a generic error.
///             eprintln!("luxxon: {error} (request {:?})", error.request_id());
///             "something went wrong"
///         }
///     }
/// }
///
/// let error = LuxxonHttpError::new(
///     400,
///     [("Content-Type", "application/json"), ("X-Request-Id", "req_7f3a")],
///     r#"{"statusCode":400,"code":"INSUFFICIENT_CREDIT","message":"Pool balance too low",
///         "timestamp":"2026-05-13T08:30:00Z"}"#,
/// );
/// assert_eq!(advice(&error), "pool balance too low: top up via the console");
/// assert_eq!(error.request_id(), Some("req_7f3a"));
///
/// let proxy = LuxxonHttpError::new(502, [("content-type", "text/html")], "<html>Bad Gateway</html>");
/// assert_eq!(advice(&proxy), "try again in a moment");
/// ```
///
/// # Retrying
///
/// [`HttpError::is_retryable`] applies [the rule](crate::retry) with the status of the
/// response, never the envelope's `statusCode` (when they differ, say behind a gateway
/// that rewrote the status, the response is what the client got): the catalog decides
/// for a code this build knows; for an unknown code and for a body that is not an
/// envelope, the status does (408, 425, 429, 502, 503 and 504 are retryable). [`RetryPolicy`](crate::retry::RetryPolicy) retries on it, waiting at
/// least as long as `Retry-After` says.
///
/// # Other catalogs
///
/// The code type defaults to this crate's [`ErrorCode`]: in a type, `HttpError` means
/// `HttpError<ErrorCode>`. To build one, [`LuxxonHttpError`] names that type, as
/// [`LuxxonError`](crate::LuxxonError) names the envelope, so that
/// `LuxxonHttpError::new(...)` needs no annotation. With a catalog of your own (see
/// [`catalog!`](crate::catalog)), write `HttpError<my_api::ErrorCode>`, or an alias of
/// your own.
#[derive(Clone, PartialEq)]
pub struct HttpError<C = ErrorCode>(Box<Response<C>>);

/// An [`HttpError`] of this crate's catalog: `LuxxonHttpError::new(...)` builds one
/// without naming the code type.
pub type LuxxonHttpError = HttpError<ErrorCode>;

/// What an [`HttpError`]'s body turned out to be.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum HttpErrorKind<C = ErrorCode> {
    /// An error envelope, with a code this build knows or not
    /// ([`CatalogCode::is_known`]).
    Envelope(ErrorEnvelope<C>),
    /// A body that is not an envelope: an HTML page from a proxy or load balancer, an
    /// empty body, truncated JSON, JSON of another shape, or a body over the limit
    /// ([`DecodeErrorKind::TooLarge`]), whatever it would have been.
    #[non_exhaustive]
    NotAnEnvelope {
        /// The `Content-Type` header, if any (invalid UTF-8 replaced by U+FFFD).
        content_type: Option<String>,
        /// Why the body is not an envelope; it keeps the body as received, up to the
        /// limit ([`DecodeError::body`]).
        error: DecodeError,
    },
}

/// Boxed in [`HttpError`] so that a `Result` carrying one stays small.
#[derive(Clone, Debug, PartialEq)]
struct Response<C> {
    status: u16,
    retry_after: Option<RetryAfter>,
    request_id_header: Option<String>,
    kind: HttpErrorKind<C>,
}

impl<C: CatalogCode> HttpError<C> {
    /// Classifies an error response from its status, its headers and its body.
    ///
    /// `headers` is any list of name and value pairs (e.g. `[("retry-after", "5")]`,
    /// or a header map's iterator); names are matched ignoring ASCII case, and the
    /// first of a repeated header is used. Only `Content-Type`, `Retry-After` and
    /// `x-request-id` are read. A `Retry-After` that does not parse is ignored.
    ///
    /// The body is decoded whatever the `Content-Type` says: servers and proxies label
    /// JSON inconsistently, and whether it is an envelope is for the body to tell. A body
    /// longer than [`DEFAULT_BODY_LIMIT`] is cut to it and not decoded (see
    /// [`HttpError::with_body_limit`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// use luxxon_errors::LuxxonHttpError;
    /// use luxxon_errors::retry::RetryAfter;
    ///
    /// let error = LuxxonHttpError::new(503, [("Retry-After", "7")], "");
    /// assert!(error.envelope().is_none());
    /// assert!(error.is_retryable());
    /// assert_eq!(error.retry_after(), Some(&RetryAfter::Delay(Duration::from_secs(7))));
    /// ```
    pub fn new<N, V>(
        status: u16,
        headers: impl IntoIterator<Item = (N, V)>,
        body: impl Into<Vec<u8>>,
    ) -> HttpError<C>
    where
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        HttpError::with_body_limit(status, headers, body, DEFAULT_BODY_LIMIT)
    }

    /// [`HttpError::new`], keeping at most `limit` bytes of the body instead of
    /// [`DEFAULT_BODY_LIMIT`]. A longer body is cut to `limit` bytes and classified as
    /// not an envelope, of kind [`DecodeErrorKind::TooLarge`]: what came after the cut
    /// could have made it anything, so even a prefix that reads as an envelope is not
    /// taken for one. The status and the headers classify it as any other body that is
    /// not an envelope (see [Retrying](HttpError#retrying)).
    ///
    /// This bounds what the error keeps, not what was read before: with a client of your
    /// own, read at most `limit + 1` bytes of the body and pass them all, so that a body
    /// that went on is flagged.
    ///
    /// ```
    /// use luxxon_errors::{DecodeErrorKind, LuxxonHttpError};
    ///
    /// let page = format!("<html>{}</html>", "x".repeat(100));
    /// let error = LuxxonHttpError::with_body_limit(503, [("x-request-id", "edge-1")], page, 16);
    /// assert!(error.body_truncated());
    /// assert!(error.is_retryable());
    /// assert_eq!(error.request_id(), Some("edge-1"));
    /// let luxxon_errors::HttpErrorKind::NotAnEnvelope { error: cut, .. } = error.kind() else {
    ///     unreachable!()
    /// };
    /// assert_eq!(cut.kind(), DecodeErrorKind::TooLarge);
    /// assert_eq!(cut.body(), b"<html>xxxxxxxxxx");
    /// ```
    pub fn with_body_limit<N, V>(
        status: u16,
        headers: impl IntoIterator<Item = (N, V)>,
        body: impl Into<Vec<u8>>,
        limit: usize,
    ) -> HttpError<C>
    where
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut body = body.into();
        let cut = body.len() > limit;
        if cut {
            body.truncate(limit);
            // Truncating alone would keep the whole allocation alive in the error.
            body.shrink_to_fit();
        }
        HttpError::classify(status, headers, body, cut)
    }

    /// Classifies a response whose body is `body`, or only starts with it when `cut`.
    pub(crate) fn classify<N, V>(
        status: u16,
        headers: impl IntoIterator<Item = (N, V)>,
        body: Vec<u8>,
        cut: bool,
    ) -> HttpError<C>
    where
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut content_type = None;
        let mut retry_after = None;
        let mut request_id_header = None;
        for (name, value) in headers {
            let (name, value) = (name.as_ref(), value.as_ref());
            if name.eq_ignore_ascii_case(CONTENT_TYPE_HEADER) {
                content_type.get_or_insert_with(|| lossy_text(value));
            } else if name.eq_ignore_ascii_case(RETRY_AFTER_HEADER) {
                retry_after.get_or_insert_with(|| RetryAfter::parse(value).ok());
            } else if name.eq_ignore_ascii_case(REQUEST_ID_HEADER) {
                request_id_header.get_or_insert_with(|| lossy_text(value));
            }
        }
        let decoded = if cut {
            Err(DecodeError::too_large(body))
        } else {
            ErrorEnvelope::from_json_vec(body)
        };
        let kind = match decoded {
            Ok(envelope) => HttpErrorKind::Envelope(envelope),
            Err(error) => HttpErrorKind::NotAnEnvelope {
                content_type,
                error,
            },
        };
        HttpError(Box::new(Response {
            status,
            retry_after: retry_after.flatten(),
            request_id_header: request_id_header.filter(|id: &String| !id.is_empty()),
            kind,
        }))
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// What the body is: an envelope, or not.
    pub fn kind(&self) -> &HttpErrorKind<C> {
        &self.0.kind
    }

    /// Takes what the body is.
    pub fn into_kind(self) -> HttpErrorKind<C> {
        self.0.kind
    }

    /// The envelope, when the body is one.
    pub fn envelope(&self) -> Option<&ErrorEnvelope<C>> {
        match &self.0.kind {
            HttpErrorKind::Envelope(envelope) => Some(envelope),
            HttpErrorKind::NotAnEnvelope { .. } => None,
        }
    }

    /// The envelope's code, known or not; `None` when the body is not an envelope.
    pub fn code(&self) -> Option<&C> {
        self.envelope().map(|envelope| &envelope.code)
    }

    /// Whether the body was longer than the limit, and cut to it: then the kind is
    /// [not an envelope](HttpErrorKind::NotAnEnvelope) of kind
    /// [`DecodeErrorKind::TooLarge`], holding the part kept.
    pub fn body_truncated(&self) -> bool {
        matches!(
            &self.0.kind,
            HttpErrorKind::NotAnEnvelope { error, .. } if error.kind() == DecodeErrorKind::TooLarge
        )
    }

    /// The `Retry-After` header, when present and valid.
    pub fn retry_after(&self) -> Option<&RetryAfter> {
        self.0.retry_after.as_ref()
    }

    /// The request id, to quote to support: the envelope's
    /// [`requestId`](crate::REQUEST_ID_MEMBER) member (a string), else the
    /// [`x-request-id`](crate::REQUEST_ID_HEADER) header.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id()
    }

    /// Whether the request may be retried as is, with backoff: [the rule](crate::retry),
    /// with the status of the response (see [Retrying](HttpError#retrying)).
    pub fn is_retryable(&self) -> bool {
        crate::retry::is_retryable(self.code(), self.0.status)
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<C: CatalogCode> HttpError<C> {
    /// [`HttpError::new`] from the `http` crate's status and headers; it keeps at most
    /// [`DEFAULT_BODY_LIMIT`] bytes of the body. For another limit, pass the header map
    /// to [`HttpError::with_body_limit`] (`&HeaderMap` is a list of pairs it takes).
    pub fn from_http(
        status: ::http::StatusCode,
        headers: &::http::HeaderMap,
        body: impl Into<Vec<u8>>,
    ) -> HttpError<C> {
        let wanted = [CONTENT_TYPE_HEADER, RETRY_AFTER_HEADER, REQUEST_ID_HEADER];
        let present = wanted
            .into_iter()
            .filter_map(|name| Some((name, headers.get(name)?.as_bytes())));
        HttpError::new(status.as_u16(), present, body)
    }

    /// [`HttpError::new`] from an `http::Response` whose body has been read (e.g. a
    /// `Vec<u8>`, a `String` or `bytes::Bytes`); it keeps at most
    /// [`DEFAULT_BODY_LIMIT`] bytes of the body.
    ///
    /// ```
    /// use luxxon_errors::{ErrorCode, LuxxonHttpError};
    ///
    /// let response = http::Response::builder()
    ///     .status(409)
    ///     .header("x-request-id", "req_1")
    ///     .body(r#"{"statusCode":409,"code":"INVALID_STATE","message":"Session ended",
    ///              "timestamp":"2026-05-13T08:30:00Z"}"#)?;
    /// let error = LuxxonHttpError::from_response(response);
    /// assert_eq!(error.code(), Some(&ErrorCode::InvalidState));
    /// assert_eq!(error.request_id(), Some("req_1"));
    /// # Ok::<(), http::Error>(())
    /// ```
    pub fn from_response<B: Into<Vec<u8>>>(response: ::http::Response<B>) -> HttpError<C> {
        let (parts, body) = response.into_parts();
        HttpError::from_http(parts.status, &parts.headers, body)
    }
}

impl<C> Response<C> {
    /// As [`ErrorEnvelope::request_id`], which needs a [`CatalogCode`] that `Debug` does
    /// not.
    fn request_id(&self) -> Option<&str> {
        let member = match &self.kind {
            HttpErrorKind::Envelope(envelope) => envelope.extra.get(REQUEST_ID_MEMBER),
            HttpErrorKind::NotAnEnvelope { .. } => None,
        };
        member
            .and_then(serde_json::Value::as_str)
            .or(self.request_id_header.as_deref())
    }
}

fn lossy_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl<C: fmt::Debug> fmt::Debug for HttpError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpError")
            .field("status", &self.0.status)
            .field("retry_after", &self.0.retry_after)
            .field("request_id", &self.0.request_id())
            .field("kind", &self.0.kind)
            .finish()
    }
}

impl<C: CatalogCode> fmt::Display for HttpError<C> {
    /// `HTTP 400 INSUFFICIENT_CREDIT: Pool balance too low [pool:ws_42] (request id
    /// req_7f3a)`, or for a body that is not an envelope `HTTP 502: the body is not a
    /// Luxxon error envelope (text/html)`; the [`DecodeError`] is the
    /// [source](std::error::Error::source).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.0.status)?;
        match &self.0.kind {
            HttpErrorKind::Envelope(envelope) => {
                write!(f, " {}: {}", envelope.code, envelope.message)?;
                if let Some(detail) = &envelope.detail {
                    write!(f, " [{detail}]")?;
                }
            }
            HttpErrorKind::NotAnEnvelope {
                content_type,
                error,
            } => {
                match error.kind() {
                    DecodeErrorKind::Empty => f.write_str(": the body is empty")?,
                    DecodeErrorKind::NotJson => f.write_str(": the body is not JSON")?,
                    DecodeErrorKind::Truncated => f.write_str(": the body is truncated JSON")?,
                    DecodeErrorKind::NotAnEnvelope => {
                        f.write_str(": the body is not a Luxxon error envelope")?;
                    }
                    DecodeErrorKind::TooLarge => write!(
                        f,
                        ": the body is over {} bytes, cut there",
                        error.body().len()
                    )?,
                }
                if let Some(content_type) = content_type {
                    write!(f, " ({content_type})")?;
                }
            }
        }
        if let Some(request_id) = self.0.request_id() {
            write!(f, " (request id {request_id})")?;
        }
        Ok(())
    }
}

impl<C: CatalogCode> std::error::Error for HttpError<C> {
    /// The [`DecodeError`] of a body that is not an envelope (an envelope's contents are
    /// in the message itself).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            HttpErrorKind::Envelope(_) => None,
            HttpErrorKind::NotAnEnvelope { error, .. } => Some(error),
        }
    }
}

impl<C: CatalogCode> Retryable for HttpError<C> {
    /// [`HttpError::is_retryable`].
    fn is_retryable(&self) -> bool {
        HttpError::is_retryable(self)
    }

    /// The `Retry-After` header, from now by the system clock; without one, the
    /// catalog's wait for the code, if any.
    fn retry_delay(&self) -> Option<Duration> {
        match self.retry_after() {
            Some(retry_after) => Some(retry_after.delay()),
            None => self.code().and_then(CatalogCode::retry_after),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;

    const NO_HEADERS: [(&str, &str); 0] = [];

    fn envelope_body(status: u16, code: &str, extra: &str) -> String {
        format!(
            r#"{{"statusCode":{status},"code":"{code}","message":"m","timestamp":"2026-05-13T08:30:00Z"{extra}}}"#
        )
    }

    fn not_an_envelope(error: &HttpError) -> (Option<&str>, &DecodeError) {
        match error.kind() {
            HttpErrorKind::NotAnEnvelope {
                content_type,
                error,
            } => (content_type.as_deref(), error),
            HttpErrorKind::Envelope(envelope) => panic!("decoded {envelope:?}"),
        }
    }

    #[test]
    fn an_envelope_with_a_known_code() {
        let error = LuxxonHttpError::new(
            503,
            [("content-type", "application/json")],
            envelope_body(503, "NO_COVERAGE", ""),
        );
        assert_eq!(error.status(), 503);
        assert_eq!(error.code(), Some(&ErrorCode::NoCoverage));
        assert_eq!(
            error.envelope().map(|envelope| envelope.message.as_str()),
            Some("m")
        );
        // The catalog says NO_COVERAGE is not retryable, whatever its 503 says.
        assert!(!ErrorCode::NoCoverage.is_retryable());
        assert!(!error.is_retryable());
        assert!(error.source().is_none());
        assert_eq!(error.to_string(), "HTTP 503 NO_COVERAGE: m");
    }

    #[test]
    fn a_known_retryable_code_is_retried_whatever_the_status() {
        let error = LuxxonHttpError::new(500, NO_HEADERS, envelope_body(500, "QUEUE_ERROR", ""));
        assert!(error.is_retryable());
    }

    #[test]
    fn an_unknown_code_is_retryable_by_the_status_of_the_response() {
        let body = envelope_body(400, "SLOW_DOWN", "");
        let error = LuxxonHttpError::new(429, NO_HEADERS, body.clone());
        assert_eq!(error.code().map(CatalogCode::is_known), Some(false));
        assert_eq!(error.code().map(CatalogCode::as_str), Some("SLOW_DOWN"));
        // The envelope says 400, the response 429: the response decides.
        assert!(error.is_retryable());

        let teapot = LuxxonHttpError::new(418, NO_HEADERS, envelope_body(503, "BREWING", ""));
        assert!(!teapot.is_retryable());
    }

    #[test]
    fn an_html_page_from_a_proxy_is_kept() {
        let page = "<html><head><title>502 Bad Gateway</title></head></html>";
        let error = LuxxonHttpError::new(
            502,
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Server", "nginx"),
            ],
            page,
        );
        let (content_type, decode_error) = not_an_envelope(&error);
        assert_eq!(content_type, Some("text/html; charset=utf-8"));
        assert_eq!(decode_error.kind(), DecodeErrorKind::NotJson);
        assert_eq!(decode_error.body(), page.as_bytes());
        assert_eq!(error.code(), None);
        assert!(error.is_retryable());
        assert_eq!(
            error.to_string(),
            "HTTP 502: the body is not JSON (text/html; charset=utf-8)"
        );
        let source = error.source().expect("the decode error");
        assert_eq!(source.to_string(), decode_error.to_string());
    }

    #[test]
    fn an_empty_503_is_retryable() {
        let error = LuxxonHttpError::new(503, NO_HEADERS, Vec::new());
        let (content_type, decode_error) = not_an_envelope(&error);
        assert_eq!(content_type, None);
        assert_eq!(decode_error.kind(), DecodeErrorKind::Empty);
        assert!(error.is_retryable());
        assert_eq!(error.to_string(), "HTTP 503: the body is empty");
    }

    #[test]
    fn json_that_is_not_an_envelope() {
        let body = r#"{"error":"forbidden"}"#;
        let error = LuxxonHttpError::new(403, [("content-type", "application/json")], body);
        let (_, decode_error) = not_an_envelope(&error);
        assert_eq!(decode_error.kind(), DecodeErrorKind::NotAnEnvelope);
        assert_eq!(
            decode_error.json().and_then(|json| json["error"].as_str()),
            Some("forbidden")
        );
        assert!(!error.is_retryable());
        assert!(
            error
                .to_string()
                .starts_with("HTTP 403: the body is not a Luxxon error envelope")
        );
    }

    #[test]
    fn the_request_id_member_wins_over_the_header() {
        let body = envelope_body(404, "NOT_FOUND", r#","requestId":"from-body""#);
        let error = LuxxonHttpError::new(404, [("X-Request-ID", "from-header")], body);
        assert_eq!(error.request_id(), Some("from-body"));
        assert_eq!(
            error.to_string(),
            "HTTP 404 NOT_FOUND: m (request id from-body)"
        );
    }

    #[test]
    fn the_request_id_header_is_the_fallback() {
        let headers = [("x-request-id", "req-1"), ("x-request-id", "req-2")];
        let error = LuxxonHttpError::new(502, headers, "<html/>");
        assert_eq!(error.request_id(), Some("req-1"));

        // A `requestId` that is not a string is not an id.
        let body = envelope_body(404, "NOT_FOUND", r#","requestId":42"#);
        let error = LuxxonHttpError::new(404, [("x-request-id", "req-3")], body);
        assert_eq!(error.request_id(), Some("req-3"));

        let none = LuxxonHttpError::new(404, [("x-request-id", "")], "");
        assert_eq!(none.request_id(), None);
    }

    #[test]
    fn retry_after_is_read_in_both_forms_and_ignored_when_invalid() {
        let seconds = LuxxonHttpError::new(429, [("RETRY-AFTER", "12")], "");
        assert_eq!(
            seconds.retry_after(),
            Some(&RetryAfter::Delay(Duration::from_secs(12)))
        );
        assert_eq!(
            Retryable::retry_delay(&seconds),
            Some(Duration::from_secs(12))
        );

        let date =
            LuxxonHttpError::new(503, [("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")], "");
        assert!(matches!(date.retry_after(), Some(RetryAfter::Date(_))));
        // Long past: no wait.
        assert_eq!(Retryable::retry_delay(&date), Some(Duration::ZERO));

        let garbage = LuxxonHttpError::new(503, [("retry-after", "soon")], "");
        assert_eq!(garbage.retry_after(), None);
        assert_eq!(Retryable::retry_delay(&garbage), None);
    }

    #[test]
    fn debug_shows_what_was_read() {
        let error = LuxxonHttpError::new(503, [("x-request-id", "r")], "");
        let debug = format!("{error:?}");
        assert!(
            debug
                .starts_with("HttpError { status: 503, retry_after: None, request_id: Some(\"r\")"),
            "{debug}"
        );
    }

    #[test]
    fn a_body_over_the_limit_is_cut_and_classified_by_status_and_headers() {
        let page = format!("<html>{}</html>", "x".repeat(100));
        let headers = [
            ("content-type", "text/html"),
            ("retry-after", "5"),
            ("x-request-id", "edge-2"),
        ];
        let error = LuxxonHttpError::with_body_limit(503, headers, page.clone(), 10);
        assert!(error.body_truncated());
        let (content_type, decode_error) = not_an_envelope(&error);
        assert_eq!(content_type, Some("text/html"));
        assert_eq!(decode_error.kind(), DecodeErrorKind::TooLarge);
        assert_eq!(decode_error.body(), &page.as_bytes()[..10]);
        assert_eq!(decode_error.json(), None);
        assert_eq!(
            decode_error.to_string(),
            "the body is too large: over the limit of 10 bytes, which were kept; the rest was dropped"
        );
        assert!(error.is_retryable());
        assert_eq!(
            error.retry_after(),
            Some(&RetryAfter::Delay(Duration::from_secs(5)))
        );
        assert_eq!(error.request_id(), Some("edge-2"));
        assert_eq!(
            error.to_string(),
            "HTTP 503: the body is over 10 bytes, cut there (text/html) (request id edge-2)"
        );
        assert!(error.source().is_some());
    }

    #[test]
    fn an_envelope_over_the_limit_is_not_taken_for_one() {
        // QUEUE_ERROR is retryable by the catalog, a 500 is not by its status: cut, the
        // envelope is unknown, so the status decides.
        let envelope = envelope_body(500, "QUEUE_ERROR", "");
        let whole = LuxxonHttpError::with_body_limit(500, NO_HEADERS, envelope.clone(), 1 << 20);
        assert!(whole.is_retryable());
        let cut = LuxxonHttpError::with_body_limit(500, NO_HEADERS, envelope.clone(), 20);
        assert!(cut.body_truncated());
        assert_eq!(cut.code(), None);
        assert!(!cut.is_retryable());

        // What is kept reads as a whole envelope, but the body went on: it might have
        // gone on with anything.
        let padded = format!("{envelope}{}", " ".repeat(100));
        let error = LuxxonHttpError::with_body_limit(500, NO_HEADERS, padded, envelope.len());
        assert!(error.body_truncated());
        assert_eq!(error.envelope(), None);
        assert_eq!(not_an_envelope(&error).1.body(), envelope.as_bytes());
    }

    #[test]
    fn a_body_of_exactly_the_limit_is_whole() {
        let envelope = envelope_body(409, "INVALID_STATE", "");
        let error =
            LuxxonHttpError::with_body_limit(409, NO_HEADERS, envelope.clone(), envelope.len());
        assert!(!error.body_truncated());
        assert_eq!(error.code(), Some(&ErrorCode::InvalidState));

        let one_short =
            LuxxonHttpError::with_body_limit(409, NO_HEADERS, envelope.clone(), envelope.len() - 1);
        assert!(one_short.body_truncated());
        assert_eq!(
            not_an_envelope(&one_short).1.body(),
            &envelope.as_bytes()[..envelope.len() - 1]
        );

        let nothing = LuxxonHttpError::with_body_limit(503, NO_HEADERS, "", 0);
        assert!(!nothing.body_truncated());
        assert_eq!(not_an_envelope(&nothing).1.kind(), DecodeErrorKind::Empty);
        let something = LuxxonHttpError::with_body_limit(503, NO_HEADERS, "x", 0);
        assert!(something.body_truncated());
        assert!(not_an_envelope(&something).1.body().is_empty());
        assert!(something.is_retryable());
    }

    #[test]
    fn new_keeps_at_most_the_default_limit() {
        let at_limit = LuxxonHttpError::new(502, NO_HEADERS, vec![b' '; DEFAULT_BODY_LIMIT]);
        assert!(!at_limit.body_truncated());
        assert_eq!(not_an_envelope(&at_limit).1.kind(), DecodeErrorKind::Empty);

        let over = LuxxonHttpError::new(502, NO_HEADERS, vec![b'<'; 4 * DEFAULT_BODY_LIMIT]);
        assert!(over.body_truncated());
        assert_eq!(not_an_envelope(&over).1.body().len(), DEFAULT_BODY_LIMIT);
        assert!(over.is_retryable());
        let debug = format!("{over:?}");
        assert!(debug.len() < 4 * 1024, "{} bytes", debug.len());
    }

    #[test]
    fn an_error_stays_small_to_return() {
        assert_eq!(
            std::mem::size_of::<HttpError>(),
            std::mem::size_of::<usize>()
        );
    }

    #[cfg(feature = "http")]
    #[test]
    fn from_http_reads_the_same_headers() {
        let response = http::Response::builder()
            .status(http::StatusCode::TOO_MANY_REQUESTS)
            .header("Retry-After", "3")
            .header("X-Request-Id", "req_9")
            .header("Content-Type", "text/plain")
            .body(b"slow down".to_vec())
            .expect("a valid response");
        let error = LuxxonHttpError::from_response(response);
        assert_eq!(error.status(), 429);
        assert_eq!(
            error.retry_after(),
            Some(&RetryAfter::Delay(Duration::from_secs(3)))
        );
        assert_eq!(error.request_id(), Some("req_9"));
        assert_eq!(not_an_envelope(&error).0, Some("text/plain"));
        assert!(error.is_retryable());
    }

    #[cfg(feature = "http")]
    #[test]
    fn from_response_keeps_at_most_the_default_limit() {
        let response = http::Response::builder()
            .status(http::StatusCode::SERVICE_UNAVAILABLE)
            .header("x-request-id", "req_10")
            .body(vec![b'x'; DEFAULT_BODY_LIMIT + 1])
            .expect("a valid response");
        let error = LuxxonHttpError::from_response(response);
        assert!(error.body_truncated());
        assert_eq!(not_an_envelope(&error).1.body().len(), DEFAULT_BODY_LIMIT);
        assert_eq!(error.request_id(), Some("req_10"));
        assert!(error.is_retryable());

        // A header map is a list of pairs, for a limit of one's own.
        let mut headers = http::HeaderMap::new();
        headers.insert("retry-after", http::HeaderValue::from_static("2"));
        let error = LuxxonHttpError::with_body_limit(429, &headers, "slow down", 4);
        assert!(error.body_truncated());
        assert_eq!(
            error.retry_after(),
            Some(&RetryAfter::Delay(Duration::from_secs(2)))
        );
    }
}
