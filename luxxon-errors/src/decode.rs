//! Decoding an envelope from the bytes of a response body, whatever they are.

use std::borrow::Cow;
use std::fmt;

use crate::LuxxonError;

/// Why a response body is not a Luxxon error envelope; it keeps the body, so the caller
/// can log what was received.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    message: String,
    line: usize,
    column: usize,
    body: Vec<u8>,
}

/// What kind of body failed to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is not JSON (e.g. an HTML error page from a proxy).
    NotJson,
    /// The body ends in the middle of a JSON value (a truncated response).
    Truncated,
    /// The body is JSON, but not an envelope: not an object, a member missing, of the
    /// wrong type, duplicated, or a timestamp that is not RFC 3339.
    NotAnEnvelope,
}

impl DecodeError {
    /// What kind of body it was.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The 1-based line in the body where decoding stopped (0 when unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column in the body where decoding stopped (0 when unknown).
    pub fn column(&self) -> usize {
        self.column
    }

    /// The body as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as text, with invalid UTF-8 replaced by U+FFFD (for logs).
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// Takes the body back.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    fn new(error: &serde_json::Error, body: Vec<u8>) -> DecodeError {
        let kind = match error.classify() {
            serde_json::error::Category::Eof => DecodeErrorKind::Truncated,
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                DecodeErrorKind::NotJson
            }
            serde_json::error::Category::Data => DecodeErrorKind::NotAnEnvelope,
        };
        let message = error.to_string();
        // serde_json appends " at line L column C"; the position has its own fields.
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
        DecodeError {
            kind,
            message,
            line: error.line(),
            column: error.column(),
            body,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::NotJson => "the body is not JSON",
            DecodeErrorKind::Truncated => "the body is truncated",
            DecodeErrorKind::NotAnEnvelope => "the body is not a Luxxon error envelope",
        };
        write!(
            f,
            "{what}: {} (line {}, column {}, {} bytes)",
            self.message,
            self.line,
            self.column,
            self.body.len()
        )
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("line", &self.line)
            .field("column", &self.column)
            .field("body", &self.body_text())
            .finish()
    }
}

impl std::error::Error for DecodeError {}

impl LuxxonError {
    /// Decodes an envelope from a response body. Never panics: any body that is not an
    /// envelope gives a [`DecodeError`] holding it.
    ///
    /// ```
    /// use luxxon_errors::{DecodeErrorKind, ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::from_json(br#"{"statusCode":404,"code":"SESSION_NOT_FOUND",
    ///     "message":"No such session","timestamp":"2026-05-13T08:30:00Z"}"#)?;
    /// assert_eq!(error.code, ErrorCode::SessionNotFound);
    ///
    /// let proxy_page = LuxxonError::from_json(b"<html>502 Bad Gateway</html>").unwrap_err();
    /// assert_eq!(proxy_page.kind(), DecodeErrorKind::NotJson);
    /// assert_eq!(proxy_page.body(), b"<html>502 Bad Gateway</html>");
    /// # Ok::<(), luxxon_errors::DecodeError>(())
    /// ```
    ///
    /// # Errors
    /// When the body is not JSON, is truncated, or is not an envelope.
    pub fn from_json(body: &[u8]) -> Result<LuxxonError, DecodeError> {
        serde_json::from_slice(body).map_err(|error| DecodeError::new(&error, body.to_vec()))
    }

    /// [`LuxxonError::from_json`], taking the body by value so that a failure keeps it
    /// without a copy.
    ///
    /// # Errors
    /// As [`LuxxonError::from_json`].
    pub fn from_json_vec(body: Vec<u8>) -> Result<LuxxonError, DecodeError> {
        match serde_json::from_slice(&body) {
            Ok(error) => Ok(error),
            Err(error) => Err(DecodeError::new(&error, body)),
        }
    }
}
