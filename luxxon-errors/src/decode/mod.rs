//! Decoding an envelope from the bytes of a response body, whatever they are.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

mod flat;
mod member;
mod visitor;

use self::flat::decode_flat;
use self::visitor::EnvelopeVisitor;
use crate::envelope::extra::first_json_error;
use crate::json::{is_whitespace, without_byte_order_mark};
use crate::{CatalogCode, ErrorEnvelope};

/// How much of the body `{:?}` shows; [`DecodeError::body`] has all of it.
const DEBUG_BODY_LIMIT: usize = 1024;

/// Why a response body is not a Luxxon error envelope. It keeps the body, so the caller
/// can log what was received, and says what was wrong and where:
///
/// - [`kind`](DecodeError::kind): not JSON, empty, truncated, JSON but not an envelope,
///   or (from an [`HttpError`](crate::HttpError)) too large to keep whole;
/// - [`message`](DecodeError::message), [`line`](DecodeError::line) and
///   [`column`](DecodeError::column): what stopped decoding, and where;
/// - [`member`](DecodeError::member): for a body that is an object, the member at fault
///   (missing, sent twice, or of the wrong type or value);
/// - [`body`](DecodeError::body): the bytes as received, and
///   [`json`](DecodeError::json): the body parsed, when it is JSON, to salvage from.
///
/// ```
/// use luxxon_errors::{DecodeErrorKind, LuxxonError};
///
/// let body = br#"{"statusCode":403,"code":403,"message":"Forbidden","timestamp":"2026-05-13T08:30:00Z"}"#;
/// let error = LuxxonError::from_json(body).unwrap_err();
/// assert_eq!(error.kind(), DecodeErrorKind::NotAnEnvelope);
/// assert_eq!(error.member(), Some("code"));
/// assert_eq!(error.message(), "invalid member `code`: expected a string, found the integer 403");
/// assert_eq!(error.json().and_then(|json| json["message"].as_str()), Some("Forbidden"));
/// assert_eq!(error.body(), body);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    message: String,
    member: Option<String>,
    line: usize,
    column: usize,
    body: Vec<u8>,
    /// Boxed: most callers only log the body, and the error stays small to return.
    json: Option<Box<Value>>,
}

/// What kind of body failed to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is not JSON (e.g. an HTML error page from a proxy, invalid UTF-8, or
    /// characters after the JSON value), or is JSON this decoder does not read: a number
    /// beyond the range of `f64`, or arrays and objects nested more than 128 deep (the
    /// limit keeps decoding from exhausting the stack).
    NotJson,
    /// The body is empty, or only whitespace.
    Empty,
    /// The body ends in the middle of a JSON value (a truncated response).
    Truncated,
    /// The body is JSON, but not an envelope: not an object, or an object with a member
    /// missing, sent twice, or of the wrong type or value (such as a timestamp that is not
    /// RFC 3339); [`DecodeError::member`] names it, and [`DecodeError::json`] holds the
    /// body parsed.
    NotAnEnvelope,
    /// The body is longer than the most an [`HttpError`](crate::HttpError) keeps (see
    /// [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT)): only that much was kept
    /// ([`DecodeError::body`]), and was not decoded, since what came after could make
    /// the whole anything. Only an `HttpError` gives this kind; decoding bytes in hand
    /// ([`ErrorEnvelope::from_json`]) never does.
    TooLarge,
}

impl DecodeError {
    /// What kind of body it was.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// What is wrong, without the position; for a member at fault, what was expected and
    /// what was found (e.g. ``invalid member `statusCode`: expected an integer from 0 to
    /// 65535, found the string "403"``).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The member at fault, for a [`DecodeErrorKind::NotAnEnvelope`] body that is an
    /// object: one of the envelope's own members when it is missing, sent twice, or of the
    /// wrong type or value; an extra member when it is sent twice. `None` otherwise.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The 1-based line in the body where decoding stopped (0 when unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column, in bytes, where decoding stopped (0 when unknown): the first
    /// byte that is not JSON, or the end of a truncated body; for a member at fault, the
    /// last byte of its value (wrong type or value), of its name (an own member sent
    /// twice), or of the object (a member missing, an extra member sent twice).
    pub fn column(&self) -> usize {
        self.column
    }

    /// The body as received; for [`DecodeErrorKind::TooLarge`], the part of it kept.
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

    /// The body parsed as JSON: what a caller can salvage from (e.g. a `message` next to
    /// a numeric `code`). `Some` exactly when the kind is
    /// [`DecodeErrorKind::NotAnEnvelope`].
    ///
    /// Two things of the body do not survive in it: a member sent twice appears once,
    /// with its last value; and the members of objects are in name order (unless
    /// serde_json's `preserve_order` feature is on). [`DecodeError::body`] has everything.
    pub fn json(&self) -> Option<&Value> {
        self.json.as_deref()
    }

    /// Takes the parsed body back; see [`DecodeError::json`].
    pub fn into_json(self) -> Option<Value> {
        self.json.map(|json| *json)
    }

    /// The first `prefix.len()` bytes of a body that went on: [`DecodeErrorKind::TooLarge`].
    pub(crate) fn too_large(prefix: Vec<u8>) -> Self {
        DecodeError {
            kind: DecodeErrorKind::TooLarge,
            message: format!(
                "over the limit of {} bytes, which were kept; the rest was dropped",
                prefix.len()
            ),
            member: None,
            line: 0,
            column: 0,
            body: prefix,
            json: None,
        }
    }

    fn new(error: serde_json::Error, faulty_member: Option<String>, body: Vec<u8>) -> Self {
        let text = without_byte_order_mark(&body);
        // The envelope decoder stops at the first member it refuses, before it has read
        // the rest; only a body that is JSON throughout is "JSON, but not an envelope".
        // A body that is not JSON is described by the first thing wrong in it, as a
        // `Value` reads it: the decoder only skims extra members (it keeps their text),
        // so what it tripped on may come after that.
        let (error, faulty_member, json) = if error.is_data() {
            match serde_json::from_slice::<Value>(text) {
                Ok(json) => (error, faulty_member, Some(Box::new(json))),
                Err(not_json) => (not_json, None, None),
            }
        } else {
            (first_json_error(text).unwrap_or(error), None, None)
        };
        let kind = match error.classify() {
            serde_json::error::Category::Eof if text.iter().all(|&byte| is_whitespace(byte)) => {
                DecodeErrorKind::Empty
            }
            serde_json::error::Category::Eof => DecodeErrorKind::Truncated,
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                DecodeErrorKind::NotJson
            }
            serde_json::error::Category::Data => DecodeErrorKind::NotAnEnvelope,
        };
        // Only an error of the envelope itself is about a member; the decoder may have
        // been reading one when the body turned out not to be JSON.
        let member = faulty_member.filter(|_| kind == DecodeErrorKind::NotAnEnvelope);
        let message = error.to_string();
        // serde_json appends " at line L column C"; the position has its own fields.
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let message = bounded(message.strip_suffix(&suffix).unwrap_or(&message));
        let skipped = body.len() - text.len();
        let column = if error.line() == 1 {
            error.column() + skipped
        } else {
            error.column()
        };
        DecodeError {
            kind,
            message,
            member,
            line: error.line(),
            column,
            body,
            json,
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::NotJson => "the body is not JSON",
            DecodeErrorKind::Empty => "the body is empty",
            DecodeErrorKind::Truncated => "the body is truncated",
            DecodeErrorKind::NotAnEnvelope => "the body is not a Luxxon error envelope",
            // Nothing was decoded, so there is no position to give.
            DecodeErrorKind::TooLarge => {
                return write!(f, "the body is too large: {}", self.message);
            }
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
        let shown = self.body.get(..DEBUG_BODY_LIMIT).unwrap_or(&self.body);
        let mut body = String::from_utf8_lossy(shown).into_owned();
        if shown.len() < self.body.len() {
            body.push_str(&format!("… ({} bytes in all)", self.body.len()));
        }
        f.debug_struct("DecodeError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("member", &self.member.as_deref().map(bounded))
            .field("line", &self.line)
            .field("column", &self.column)
            .field("body", &body)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

/// The most characters of a message that echoes the body: what serde_json says may
/// quote a whole string member, and a message must stay loggable whatever was sent.
const MAX_MESSAGE_CHARS: usize = 256;

/// `text` whole when short; otherwise its start and its end, around a note of how much
/// was cut, so that both what was found and what was expected stay readable.
fn bounded(text: &str) -> String {
    const HEAD: usize = 120;
    const TAIL: usize = 120;
    let count = text.chars().count();
    if count <= MAX_MESSAGE_CHARS {
        return text.to_owned();
    }
    let head_end = text
        .char_indices()
        .nth(HEAD)
        .map_or(text.len(), |(at, _)| at);
    let tail_start = text
        .char_indices()
        .nth(count - TAIL)
        .map_or(text.len(), |(at, _)| at);
    format!(
        "{}… [{} bytes cut] …{}",
        &text[..head_end],
        tail_start - head_end,
        &text[tail_start..]
    )
}

/// Decodes the envelope with serde, naming the member at fault on failure.
fn decode<C: CatalogCode>(
    body: &[u8],
) -> Result<ErrorEnvelope<C>, (serde_json::Error, Option<String>)> {
    let body = without_byte_order_mark(body);
    let mut faulty_member = None;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let decoded = serde::Deserializer::deserialize_map(
        &mut deserializer,
        EnvelopeVisitor::<C> {
            faulty_member: Some(&mut faulty_member),
            code: std::marker::PhantomData,
        },
    )
    // As `serde_json::from_slice`: only whitespace may follow the value.
    .and_then(|error| deserializer.end().map(|()| error));
    decoded.map_err(|error| (error, faulty_member))
}

impl<C: CatalogCode> ErrorEnvelope<C> {
    /// Decodes an envelope from a response body. Never panics: any body that is not an
    /// envelope gives a [`DecodeError`] holding it. A leading UTF-8 byte order mark is
    /// skipped. See [What decoding keeps](ErrorEnvelope#what-decoding-keeps).
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
    /// It allocates the envelope's own strings (`message`, `detail`, the timestamp's
    /// text), the text of a code this build doesn't know, and a name and a text for each
    /// extra member (and the list of them): nothing else, for a body of the usual shape.
    ///
    /// # Errors
    /// When the body is not JSON, is empty or truncated, or is not an envelope; see
    /// [`DecodeErrorKind`].
    pub fn from_json(body: &[u8]) -> Result<ErrorEnvelope<C>, DecodeError> {
        match decode_flat(without_byte_order_mark(body)) {
            Some(envelope) => Ok(envelope),
            None => decode(body)
                .map_err(|(error, member)| DecodeError::new(error, member, body.to_vec())),
        }
    }

    /// [`ErrorEnvelope::from_json`], taking the body by value so that a failure keeps it
    /// without a copy.
    ///
    /// # Errors
    /// As [`ErrorEnvelope::from_json`].
    pub fn from_json_vec(body: Vec<u8>) -> Result<ErrorEnvelope<C>, DecodeError> {
        if let Some(envelope) = decode_flat(without_byte_order_mark(&body)) {
            return Ok(envelope);
        }
        match decode(&body) {
            Ok(error) => Ok(error),
            Err((error, member)) => Err(DecodeError::new(error, member, body)),
        }
    }
}

#[cfg(test)]
mod bounded_tests {
    use crate::LuxxonError;

    #[test]
    fn a_huge_body_gives_small_messages() {
        let string = format!("\"{}\"", "x".repeat(10 * 1024 * 1024));
        let error = LuxxonError::from_json(string.as_bytes()).unwrap_err();
        assert!(
            error.message().len() < 400,
            "{} bytes",
            error.message().len()
        );
        assert!(
            error.message().starts_with("invalid type: string \"xxx"),
            "{}",
            error.message()
        );
        assert!(error.message().ends_with("expected a Luxxon error envelope (an object with statusCode, code, message and timestamp)"), "{}", error.message());
        assert!(error.to_string().len() < 500);
        assert!(format!("{error:?}").len() < 2_000);
        assert_eq!(error.body().len(), string.len(), "the body is kept whole");

        let name = "n".repeat(1024 * 1024);
        let body = format!("{{\"{name}\":1,\"{name}\":2}}");
        let error = LuxxonError::from_json(body.as_bytes()).unwrap_err();
        assert!(error.message().len() < 400);
        assert!(format!("{error:?}").len() < 4_000);
        assert_eq!(
            error.member().map(str::len),
            Some(name.len()),
            "the member is kept whole"
        );
    }
}
