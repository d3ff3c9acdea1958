//! The catalog's errors as a server answers them: `GET /errors/{CODE}`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::RETRY_AFTER;
use axum::response::{IntoResponse, Response};
use luxxon_errors::{ErrorCode, LuxxonError};
use luxxon_errors_codegen::{Catalog, Code, MAX_CODE_LEN};

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
    if let Some(code) = catalog.code(name) {
        return Ok(catalog_answer(code));
    }
    if !looks_like_a_code(name) {
        return Err(Refusal(format!(
            "`{}` is not a code: codes are A-Z, 0-9 and _, at most {MAX_CODE_LEN} characters",
            excerpt(name)
        )));
    }
    let status = match status.map(str::parse::<u16>) {
        Some(Ok(status)) if STATUSES.contains(&status) => status,
        Some(_) => {
            return Err(Refusal(format!(
                "`status` must be an HTTP status from {} to {}",
                STATUSES.start(),
                STATUSES.end()
            )));
        }
        None => {
            return Err(Refusal(format!(
                "`{name}` is not in the catalog: add `?status=NNN` to answer with it anyway"
            )));
        }
    };
    Ok(LuxxonError::from_code(ErrorCode::parse(name))
        .with_status(status)
        .into_response())
}

/// What the catalog says of `code`: its status, its meaning as the message, and for a
/// retryable code with a delay, `Retry-After`. The loaded catalog decides, not the
/// runtime's: the catalog served may be any catalog file.
fn catalog_answer(code: &Code) -> Response {
    let envelope =
        LuxxonError::new(ErrorCode::parse(code.name()), code.message()).with_status(code.status());
    let mut response = envelope.into_response();
    if let Some(seconds) = code.retry_after().filter(|_| code.is_retryable()) {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A request that cannot be answered as asked, and why: it answers 400 `INVALID_INPUT`
/// with the reason as its detail.
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
