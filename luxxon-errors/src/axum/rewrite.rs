//! Every error response becomes an envelope carrying the request id.
//!
//! The table of what a response that is not an envelope answers is on the module page
//! ([`crate::axum`]); keep the two in step.

use ::axum::body::{Body, HttpBody};
use ::axum::http::response::Parts;
use ::axum::http::{HeaderMap, HeaderName, Method, StatusCode, header};
use ::axum::response::Response;

use super::RequestId;
use super::codes::{self, INTERNAL_SERVER_ERROR, INVALID_INPUT, NOT_FOUND};
use super::observe::{Cause, CauseKind};
use crate::REQUEST_ID_HEADER;
use crate::{CatalogCode, ErrorEnvelope};

/// The largest error body read, to find an envelope in it or a `detail` for one.
/// Rejections' texts are a line; a larger or streamed body is not read.
const READ_LIMIT: u64 = 16 * 1024;

/// Where the request id goes on a response.
pub(super) struct Stamp<'a> {
    pub(super) request_id: &'a RequestId,
    pub(super) header: &'a HeaderName,
}

/// The response the client gets for `response`, the answer to a `method` request:
/// every envelope gets the request id, every other error response the table assigns
/// becomes one, and every response gets the request id header.
pub(super) async fn finish<C: CatalogCode>(
    response: Response,
    method: &Method,
    stamp: &Stamp<'_>,
) -> Response {
    let (mut parts, body) = response.into_parts();
    let mut response = if let Some(envelope) = parts.extensions.remove::<ErrorEnvelope<C>>() {
        render(parts, envelope, stamp)
    } else if parts.status.is_client_error() || parts.status.is_server_error() {
        rewrite::<C>(parts, body, method, stamp).await
    } else {
        Response::from_parts(parts, body)
    };
    if let Some(value) = stamp.request_id.header_value() {
        response.headers_mut().insert(stamp.header.clone(), value);
    }
    response
}

/// The response for an error that is not marked as an envelope: the envelope its body
/// holds, if it is one; else the one the table assigns to its status; else the response
/// as it is.
async fn rewrite<C: CatalogCode>(
    mut parts: Parts,
    body: Body,
    method: &Method,
    stamp: &Stamp<'_>,
) -> Response {
    let kind = BodyKind::of(&parts.headers);
    let name = code_name(parts.status);
    // Only a client error's text is shown: it describes the client's own request,
    // whereas a server error's may describe the server.
    let shows_text = kind == BodyKind::Text && name.is_some() && parts.status.is_client_error();
    // A server error's text is read for the log only.
    let logs_text = kind == BodyKind::Text && parts.status.is_server_error();
    let wanted = kind == BodyKind::Json || shows_text || logs_text;
    let fits = body
        .size_hint()
        .upper()
        .is_some_and(|size| size <= READ_LIMIT);
    if !(wanted && fits) {
        return match name {
            Some(name) => {
                let envelope = table_envelope::<C>(name, &parts, method, None);
                render(parts, envelope, stamp)
            }
            None => Response::from_parts(parts, body),
        };
    }
    // Within the limit by the size hint; `usize::MAX` only spares a second check.
    let Ok(bytes) = ::axum::body::to_bytes(body, usize::MAX).await else {
        // The body failed while being read: the response can only be replaced, and a
        // failure of the server's is what it has become.
        let envelope: ErrorEnvelope<C> = match name {
            Some(name) => codes::envelope_named(name, parts.status),
            None => {
                parts.status = StatusCode::INTERNAL_SERVER_ERROR;
                codes::internal_error()
            }
        };
        return render(parts, envelope, stamp);
    };
    if kind == BodyKind::Json
        && let Ok(envelope) = ErrorEnvelope::<C>::from_json(&bytes)
    {
        return render(parts, envelope, stamp);
    }
    let Some(name) = name else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if logs_text
        && let Ok(text) = std::str::from_utf8(&bytes)
        && !text.trim().is_empty()
    {
        let cause = Cause::text(CauseKind::ResponseText, text.trim());
        parts.extensions.insert(cause);
    }
    let text = shows_text
        .then(|| std::str::from_utf8(&bytes).ok())
        .flatten()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    let envelope = table_envelope::<C>(name, &parts, method, text);
    render(parts, envelope, stamp)
}

/// The envelope the table gives a response: the code `name`, the response's status, and
/// as `detail` the response's `text`, or for a 405 the method refused.
fn table_envelope<C: CatalogCode>(
    name: &str,
    parts: &Parts,
    method: &Method,
    text: Option<&str>,
) -> ErrorEnvelope<C> {
    let envelope = codes::envelope_named(name, parts.status);
    let detail = match text {
        Some(text) => Some(text.to_owned()),
        None if parts.status == StatusCode::METHOD_NOT_ALLOWED => Some(method_detail(method)),
        None => None,
    };
    match detail {
        Some(detail) => envelope.with_detail(detail),
        None => envelope,
    }
}

/// The code a response that is not an envelope answers with, by its status; `None` for
/// statuses whose responses are left as they are.
fn code_name(status: StatusCode) -> Option<&'static str> {
    match status.as_u16() {
        404 => Some(NOT_FOUND),
        // The request itself is unusable: axum answers 400 (bad path, query, JSON
        // syntax), 405, 413, 415 (JSON without its content type) and 422 (JSON of the
        // wrong shape); 411, 414 and 431 say the same of a request's framing.
        400 | 405 | 411 | 413 | 414 | 415 | 422 | 431 => Some(INVALID_INPUT),
        500..=599 => Some(INTERNAL_SERVER_ERROR),
        _ => None,
    }
}

/// `detail` for a 405 without a text. The methods allowed are not known here: axum adds
/// its `allow` header outside the route's layers, after this has run.
fn method_detail(method: &Method) -> String {
    format!("method {method} is not allowed here; the allow header lists those that are")
}

/// The response that answers with `envelope`, keeping the status and headers of the
/// response it replaces (e.g. `allow`, `retry-after`, `www-authenticate`).
fn render<C: CatalogCode>(
    mut parts: Parts,
    envelope: ErrorEnvelope<C>,
    stamp: &Stamp<'_>,
) -> Response {
    let envelope = envelope.with_request_id(stamp.request_id.as_str());
    parts.headers.remove(header::CONTENT_LENGTH);
    envelope.write_headers(&mut parts.headers);
    if stamp.header != REQUEST_ID_HEADER {
        // `write_headers` wrote the standard header; the configured one replaces it.
        parts.headers.remove(REQUEST_ID_HEADER);
    }
    let body = Body::from(envelope.to_json_body());
    parts.extensions.insert(envelope);
    Response::from_parts(parts, body)
}

/// What an error body is, by its `content-type`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    /// JSON: perhaps an envelope the application serialized itself.
    Json,
    /// Plain text, or no content type (axum's rejections are `text/plain`).
    Text,
    /// Anything else (HTML, binary): never shown as a `detail`.
    Other,
}

impl BodyKind {
    fn of(headers: &HeaderMap) -> BodyKind {
        let Some(value) = headers.get(header::CONTENT_TYPE) else {
            return BodyKind::Text;
        };
        let essence = value
            .to_str()
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim();
        if essence.eq_ignore_ascii_case("application/json")
            || essence.to_ascii_lowercase().ends_with("+json")
        {
            BodyKind::Json
        } else if essence.eq_ignore_ascii_case("text/plain") {
            BodyKind::Text
        } else {
            BodyKind::Other
        }
    }
}
