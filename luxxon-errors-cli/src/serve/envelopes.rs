//! The catalog's errors as a server answers them: `GET /errors/{CODE}`, and the envelopes
//! the mock answers of its own accord.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_LENGTH, RETRY_AFTER};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use luxxon_errors::{ErrorCode, LuxxonError};
use luxxon_errors_codegen::{Catalog, MAX_CODE_LEN};

use super::Mock;

/// The statuses `?status=` may ask for.
const STATUSES: std::ops::RangeInclusive<u16> = 100..=599;

/// `GET /errors/{CODE}[?status=NNN]`.
pub async fn error(
    State(mock): State<Arc<Mock>>,
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    answer(
        &mock.catalog,
        &code,
        query.get("status").map(String::as_str),
    )
}

/// The answer for the code named `name`: the catalog's envelope, status and headers, or
/// for a code the catalog lacks, an envelope with the `status` asked for; refused when
/// neither can be given.
pub fn answer(catalog: &Catalog, name: &str, status: Option<&str>) -> Result<Response, Refusal> {
    let status = match catalog.code(name) {
        Some(code) => code.status(),
        None => status_asked(name, status)?,
    };
    let mut response = Served::new(catalog, name, status).into_response();
    response.extensions_mut().insert(Requested);
    Ok(response)
}

/// The status `status` asks for a code outside the catalog; refused when `name` is not a
/// code or `status` is not a status.
fn status_asked(name: &str, status: Option<&str>) -> Result<u16, Refusal> {
    if !looks_like_a_code(name) {
        return Err(Refusal(format!(
            "`{}` is not a code: codes are A-Z, 0-9 and _, at most {MAX_CODE_LEN} characters",
            excerpt(name)
        )));
    }
    match status.map(str::parse::<u16>) {
        Some(Ok(status)) if STATUSES.contains(&status) => Ok(status),
        Some(_) => Err(Refusal(format!(
            "`status` must be an HTTP status from {} to {}",
            STATUSES.start(),
            STATUSES.end()
        ))),
        None => Err(Refusal(format!(
            "`{name}` is not in the catalog: add `?status=NNN` to answer with it anyway"
        ))),
    }
}

/// Marks an envelope the client asked for by its code, which [`own_answers`] leaves as
/// it is.
#[derive(Clone, Copy)]
struct Requested;

/// The envelopes the mock answers of its own accord (an unknown route, a refused
/// request, a method a route does not serve, a failure of its own) as the served catalog
/// has them. The runtime's error handling and [`Refusal`] name the code, but fill in its
/// status and message from the catalog the binary was built with.
pub async fn own_answers(State(mock): State<Arc<Mock>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.extensions().get::<Requested>().is_some() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Some(own) = parts.extensions.remove::<LuxxonError>() else {
        return Response::from_parts(parts, body);
    };
    let mut restated = Served::new(&mock.catalog, own.code.as_str(), own.status_code);
    if let Some(detail) = own.detail.as_deref() {
        restated.envelope = restated.envelope.with_detail(detail);
    }
    if let Some(request_id) = own.request_id() {
        restated.envelope = restated.envelope.with_request_id(request_id);
    }
    let (fresh, body) = restated.into_response().into_parts();
    // The other headers stay, e.g. the `allow` of a 405 and the request id.
    parts.status = fresh.status;
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.remove(RETRY_AFTER);
    parts.headers.extend(fresh.headers);
    parts.extensions.extend(fresh.extensions);
    Response::from_parts(parts, body)
}

/// Marks an envelope with its code, for the report.
#[derive(Clone, Debug)]
pub struct Answered(pub String);

/// An envelope of the served catalog and its `Retry-After`.
struct Served {
    envelope: LuxxonError,
    retry_after: Option<u32>,
}

impl Served {
    /// What the catalog says of the code `name`: its status, its meaning as the message,
    /// and for a retryable code with a delay, `Retry-After`. For a code the catalog
    /// lacks: `status`, and the name as the message, as the runtime gives a code its
    /// catalog doesn't have. The served catalog decides, not the runtime's: it may be
    /// any catalog file, and lack codes the runtime's has.
    fn new(catalog: &Catalog, name: &str, status: u16) -> Served {
        let code = ErrorCode::parse(name);
        match catalog.code(name) {
            Some(known) => Served {
                envelope: LuxxonError::new(code, known.message()).with_status(known.status()),
                retry_after: known.retry_after().filter(|_| known.is_retryable()),
            },
            None => Served {
                envelope: LuxxonError::new(code, name).with_status(status),
                retry_after: None,
            },
        }
    }

    fn into_response(self) -> Response {
        let code = self.envelope.code.as_str().to_owned();
        let mut response = self.envelope.into_response();
        response.extensions_mut().insert(Answered(code));
        // The runtime adds the delay its own catalog gives the code, if any.
        let headers = response.headers_mut();
        headers.remove(RETRY_AFTER);
        if let Some(seconds) = self.retry_after {
            headers.insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A request that cannot be answered as asked, and why: it answers `INVALID_INPUT` with
/// the reason as its detail, with the served catalog's status and message (400 and the
/// code's name when it lacks the code).
pub struct Refusal(pub String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        LuxxonError::from_code(ErrorCode::parse("INVALID_INPUT"))
            .with_status(400)
            .with_detail(self.0)
            .into_response()
    }
}

/// Whether `name` has the shape of a code (SCREAMING_SNAKE_CASE ASCII).
fn looks_like_a_code(name: &str) -> bool {
    name.len() <= MAX_CODE_LEN
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// At most the first 64 characters of what a client sent, for echoing it.
pub fn excerpt(text: &str) -> String {
    const SHOWN: usize = 64;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_shape() {
        assert!(looks_like_a_code("RATE_LIMITED"));
        assert!(looks_like_a_code("E2"));
        assert!(!looks_like_a_code("rate_limited"));
        assert!(!looks_like_a_code("_X"));
        assert!(!looks_like_a_code(""));
        assert!(!looks_like_a_code(&"X".repeat(MAX_CODE_LEN + 1)));
    }

    #[test]
    fn long_input_is_cut_when_echoed() {
        assert_eq!(excerpt("short"), "short");
        assert_eq!(excerpt(&"é".repeat(100)).chars().count(), 65);
    }
}
