//! The reqwest integration: `error_for_status` is reqwest's
//! `Response::error_for_status`, with the error response decoded.
//!
//! ```no_run
//! use luxxon_errors::{ClientError, ErrorCode};
//! use luxxon_errors::reqwest::error_for_status;
//!
//! async fn end_session(client: &reqwest::Client, id: &str) -> Result<String, ClientError> {
//!     let url = format!("http://localhost:8080/sessions/{id}/end");
//!     let response = error_for_status(client.post(url).send().await?).await?;
//!     Ok(response.text().await?)
//! }
//!
//! async fn run(client: &reqwest::Client) {
//!     match end_session(client, "s_42").await {
//!         Ok(_) => {}
//!         Err(error) => match error.code() {
//!             Some(ErrorCode::InvalidState) => { /* already ended: read it again */ }
//!             Some(ErrorCode::SessionNotFound) => { /* gone: forget it */ }
//!             _ if error.is_retryable() => { /* back off (see `retry::RetryPolicy`) */ }
//!             // Unknown code, not an envelope, or a transport error: log, surface as generic.
//!             _ => eprintln!("luxxon: {error}"),
//!         },
//!     }
//! }
//! ```

use std::fmt;
use std::time::Duration;

use crate::client::HttpError;
use crate::retry::{RetryAfter, Retryable};
use crate::{CatalogCode, DEFAULT_BODY_LIMIT, ErrorCode};

/// Passes a success (or redirect) response through, and turns an error status (4xx or
/// 5xx) into [`ClientError::Http`], reading the body to decode it (see [`HttpError`]).
/// Like reqwest's `Response::error_for_status`, but the error says what the server did.
///
/// It reads at most [`DEFAULT_BODY_LIMIT`] bytes of an error body (64 KiB), whatever
/// `Content-Length` says, and stops there: a longer body, even an endless one, is
/// [cut](HttpError::body_truncated) and the connection dropped, and the response is
/// still classified by its status and headers. [`error_for_status_with_limit`] sets
/// another limit.
///
/// The code type is inferred from where the error goes (e.g. a function returning
/// `Result<_, ClientError>`, which means this crate's [`ErrorCode`]).
///
/// # Errors
/// [`ClientError::Http`] for an error status; [`ClientError::Transport`] when its body
/// could not be read.
pub async fn error_for_status<C: CatalogCode>(
    response: ::reqwest::Response,
) -> Result<::reqwest::Response, ClientError<C>> {
    error_for_status_with_limit(response, DEFAULT_BODY_LIMIT).await
}

/// [`error_for_status`], reading at most `limit` bytes of an error body instead of
/// [`DEFAULT_BODY_LIMIT`]; see [`HttpError::with_body_limit`] for what a longer body
/// gives.
///
/// ```no_run
/// use luxxon_errors::reqwest::{ClientError, error_for_status_with_limit};
///
/// async fn report(client: &reqwest::Client) -> Result<reqwest::Response, ClientError> {
///     let response = client.get("http://localhost:8080/reports/r_1").send().await?;
///     // This endpoint's errors carry a long `detail`: keep up to 1 MiB of them.
///     error_for_status_with_limit(response, 1024 * 1024).await
/// }
/// ```
///
/// # Errors
/// As [`error_for_status`].
pub async fn error_for_status_with_limit<C: CatalogCode>(
    mut response: ::reqwest::Response,
    limit: usize,
) -> Result<::reqwest::Response, ClientError<C>> {
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return Ok(response);
    }
    let headers = std::mem::take(response.headers_mut());
    let (body, cut) = read_at_most(&mut response, limit).await?;
    Err(ClientError::Http(HttpError::classify(
        status.as_u16(),
        &headers,
        body,
        cut,
    )))
}

/// The body's first `limit` bytes, and whether more followed. Chunk by chunk, since
/// `Content-Length` may be absent or lie; the rest is never read (dropping the response
/// closes the connection).
async fn read_at_most(
    response: &mut ::reqwest::Response,
    limit: usize,
) -> Result<(Vec<u8>, bool), ::reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = limit - body.len();
        if chunk.len() > room {
            body.extend_from_slice(chunk.get(..room).unwrap_or_default());
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}

/// A request made with reqwest that failed: it never got a response, or the response
/// is an error.
///
/// Both arms display and chain (`source`) as the error they hold.
#[derive(Debug)]
pub enum ClientError<C = ErrorCode> {
    /// reqwest failed: the request could not be built or sent, no response came in
    /// time, or its body could not be read or decoded.
    Transport(::reqwest::Error),
    /// The server (or a proxy in front of it) answered with an error status. It holds
    /// at most the body limit of the read (see [`error_for_status`]).
    Http(HttpError<C>),
}

impl<C: CatalogCode> ClientError<C> {
    /// Whether the request may be retried as is, with backoff: a timeout or a failure
    /// to connect (the request did not get through, or got no answer in time); for an
    /// error response, [`HttpError::is_retryable`]. Any other transport error is not:
    /// the server may have acted on the request.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Transport(error) => error.is_timeout() || error.is_connect(),
            ClientError::Http(error) => error.is_retryable(),
        }
    }

    /// The response's `Retry-After` header, when there was a response with one.
    pub fn retry_after(&self) -> Option<&RetryAfter> {
        match self {
            ClientError::Transport(_) => None,
            ClientError::Http(error) => error.retry_after(),
        }
    }

    /// The HTTP status, when there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Transport(error) => error.status().map(|status| status.as_u16()),
            ClientError::Http(error) => Some(error.status()),
        }
    }

    /// The envelope's code, when the response carried an envelope.
    pub fn code(&self) -> Option<&C> {
        match self {
            ClientError::Transport(_) => None,
            ClientError::Http(error) => error.code(),
        }
    }
}

impl<C> From<::reqwest::Error> for ClientError<C> {
    fn from(error: ::reqwest::Error) -> ClientError<C> {
        ClientError::Transport(error)
    }
}

impl<C> From<HttpError<C>> for ClientError<C> {
    fn from(error: HttpError<C>) -> ClientError<C> {
        ClientError::Http(error)
    }
}

impl<C: CatalogCode> fmt::Display for ClientError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Transport(error) => fmt::Display::fmt(error, f),
            ClientError::Http(error) => fmt::Display::fmt(error, f),
        }
    }
}

impl<C: CatalogCode> std::error::Error for ClientError<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(error) => error.source(),
            ClientError::Http(error) => error.source(),
        }
    }
}

impl<C: CatalogCode> Retryable for ClientError<C> {
    /// [`ClientError::is_retryable`].
    fn is_retryable(&self) -> bool {
        ClientError::is_retryable(self)
    }

    /// For an error response, as [`HttpError`]'s; none for a transport error.
    fn retry_delay(&self) -> Option<Duration> {
        match self {
            ClientError::Transport(_) => None,
            ClientError::Http(error) => Retryable::retry_delay(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;
    use crate::{DecodeErrorKind, HttpErrorKind};

    fn response(status: u16, headers: &[(&str, &str)], body: &'static str) -> ::reqwest::Response {
        let mut builder = http::Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        ::reqwest::Response::from(builder.body(body).expect("a valid response"))
    }

    /// What `error_for_status` gives for a response that is expected to be an error.
    async fn http_error(response: ::reqwest::Response) -> HttpError {
        match error_for_status(response).await {
            Err(ClientError::Http(error)) => error,
            Err(ClientError::Transport(error)) => panic!("transport: {error}"),
            Ok(response) => panic!("passed through: {}", response.status()),
        }
    }

    #[tokio::test]
    async fn success_and_redirects_pass_through_untouched() {
        for status in [200, 204, 304] {
            let passed: Result<_, ClientError> =
                error_for_status(response(status, &[("x-request-id", "r")], "body")).await;
            let passed = passed.expect("not an error status");
            assert_eq!(passed.status().as_u16(), status);
            assert_eq!(passed.headers()["x-request-id"], "r");
            assert_eq!(passed.text().await.expect("the body"), "body");
        }
    }

    #[tokio::test]
    async fn an_envelope_is_decoded_with_its_headers() {
        let body = r#"{"statusCode":409,"code":"INVALID_STATE","message":"Session ended","timestamp":"2026-05-13T08:30:00Z","requestId":"req_1"}"#;
        let error = http_error(response(409, &[("content-type", "application/json")], body)).await;
        assert_eq!(error.code(), Some(&ErrorCode::InvalidState));
        assert_eq!(error.request_id(), Some("req_1"));
        assert!(!error.is_retryable());
    }

    #[tokio::test]
    async fn a_proxy_page_is_kept_and_retryable_by_status() {
        let page = "<html>502 Bad Gateway</html>";
        let headers = [
            ("content-type", "text/html"),
            ("retry-after", "4"),
            ("x-request-id", "edge-1"),
        ];
        let error = ClientError::Http(http_error(response(502, &headers, page)).await);
        assert!(error.is_retryable());
        assert_eq!(error.status(), Some(502));
        assert_eq!(error.code(), None);
        assert_eq!(
            error.retry_after(),
            Some(&RetryAfter::Delay(Duration::from_secs(4)))
        );
        assert_eq!(Retryable::retry_delay(&error), Some(Duration::from_secs(4)));
        let ClientError::Http(http) = &error else {
            panic!("an HTTP error")
        };
        match http.kind() {
            HttpErrorKind::NotAnEnvelope { error, .. } => {
                assert_eq!(error.kind(), DecodeErrorKind::NotJson);
                assert_eq!(error.body(), page.as_bytes());
            }
            HttpErrorKind::Envelope(envelope) => panic!("decoded {envelope:?}"),
        }
        assert_eq!(
            error.to_string(),
            "HTTP 502: the body is not JSON (text/html) (request id edge-1)"
        );
        assert!(std::error::Error::source(&error).is_some());
    }

    #[tokio::test]
    async fn an_error_body_over_the_limit_is_cut_and_classified() {
        let page = "<html>503 Service Unavailable</html>";
        let headers = [
            ("content-type", "text/html"),
            ("retry-after", "9"),
            ("x-request-id", "edge-3"),
        ];
        let result: Result<_, ClientError> =
            error_for_status_with_limit(response(503, &headers, page), 10).await;
        let Err(ClientError::Http(error)) = result else {
            panic!("an HTTP error: {result:?}")
        };
        assert!(error.body_truncated());
        match error.kind() {
            HttpErrorKind::NotAnEnvelope { error, .. } => {
                assert_eq!(error.kind(), DecodeErrorKind::TooLarge);
                assert_eq!(error.body(), b"<html>503 ");
            }
            HttpErrorKind::Envelope(envelope) => panic!("decoded {envelope:?}"),
        }
        assert!(error.is_retryable());
        assert_eq!(error.request_id(), Some("edge-3"));
        assert_eq!(Retryable::retry_delay(&error), Some(Duration::from_secs(9)));

        // The same body, at exactly the limit: whole.
        let result: Result<_, ClientError> =
            error_for_status_with_limit(response(503, &headers, page), page.len()).await;
        let Err(ClientError::Http(error)) = result else {
            panic!("an HTTP error: {result:?}")
        };
        assert!(!error.body_truncated());
    }

    #[tokio::test]
    async fn the_default_limit_applies() {
        let body: &'static str = Box::leak(" ".repeat(DEFAULT_BODY_LIMIT + 1).into_boxed_str());
        let error = http_error(response(502, &[], body)).await;
        assert!(error.body_truncated());
        let cut = &body[..DEFAULT_BODY_LIMIT];
        let error = http_error(response(502, &[], cut)).await;
        assert!(!error.body_truncated());
    }

    #[tokio::test]
    async fn an_unknown_code_on_a_418_is_not_retryable() {
        let body = r#"{"statusCode":418,"code":"TEAPOT","message":"no","timestamp":"2026-05-13T08:30:00Z"}"#;
        let error = ClientError::Http(http_error(response(418, &[], body)).await);
        assert_eq!(error.code().map(CatalogCode::as_str), Some("TEAPOT"));
        assert!(!error.is_retryable());
    }

    #[tokio::test]
    async fn a_refused_connection_is_a_retryable_transport_error() {
        // Bound then dropped: nothing listens on the port any more.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let sent = ::reqwest::Client::new()
            .get(format!("http://127.0.0.1:{port}/"))
            .send()
            .await;
        let error: ClientError = ClientError::from(sent.expect_err("connection refused"));
        assert!(matches!(error, ClientError::Transport(_)));
        assert!(error.is_retryable());
        assert_eq!(error.status(), None);
        assert_eq!(error.retry_after(), None);
        assert_eq!(Retryable::retry_delay(&error), None);
    }

    #[tokio::test]
    async fn a_request_that_cannot_be_built_is_not_retryable() {
        let sent = ::reqwest::Client::new().get("not a url").send().await;
        let error: ClientError = sent.expect_err("a builder error").into();
        assert!(!error.is_retryable());
    }

    #[tokio::test]
    async fn an_error_body_cut_short_is_a_transport_error() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let address = listener.local_addr().expect("an address");
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().expect("a connection");
            let mut request = [0; 1024];
            let _ = stream.read(&mut request).expect("the request");
            // Promises 100 bytes, sends 9, hangs up.
            stream
                .write_all(
                    b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 100\r\n\r\n{\"status\"",
                )
                .expect("the response");
        });
        let response = ::reqwest::Client::new()
            .get(format!("http://{address}/"))
            .send()
            .await
            .expect("the head of the response");
        server.join().expect("the server thread");
        let result: Result<_, ClientError> = error_for_status(response).await;
        let Err(ClientError::Transport(error)) = result else {
            panic!("a transport error: {result:?}")
        };
        assert!(error.is_body() || error.is_decode(), "{error:?}");
        assert!(!ClientError::<ErrorCode>::Transport(error).is_retryable());
    }
}
