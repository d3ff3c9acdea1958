//! The error envelope the Luxxon API answers with.

pub(crate) mod extra;
pub(crate) mod members;
pub(crate) mod request_id;
pub(crate) mod timestamp;

use std::fmt;

use serde::ser::SerializeMap;

use self::extra::ExtraFields;
use self::members::OwnMember;
use self::timestamp::Timestamp;
use crate::{CatalogCode, ErrorCode};

/// The status a server answers with for a code this build doesn't know, unless it says
/// which ([`ErrorEnvelope::with_status`]).
const UNKNOWN_CODE_STATUS: u16 = 500;

/// An error as the Luxxon API sends it:
///
/// ```json
/// {
///   "statusCode": 403,
///   "code": "NOT_AUTHORIZED",
///   "message": "Not authorized for this operation",
///   "detail": "session:viewDenied",
///   "timestamp": "2026-05-13T08:30:00Z"
/// }
/// ```
///
/// Branch on [`code`](ErrorEnvelope::code). `message` is human-readable English; `detail`
/// is operation-specific context for diagnostics, not a user-facing string.
///
/// `detail` may be absent; members other than the five above (e.g. a `requestId` a
/// gateway adds) go to [`extra`](ErrorEnvelope::extra).
///
/// # What decoding keeps
///
/// [`ErrorEnvelope::from_json`] never panics and never drops a value in silence: it either
/// gives an envelope holding every member received, or a [`DecodeError`](crate::DecodeError)
/// holding the body. An envelope it gives encodes back (with `serde_json`) to a body that
/// decodes to an equal envelope and encodes back to the same bytes, and that has:
///
/// - the same members, no more and no fewer: the five own members first, in the order
///   `statusCode`, `code`, `message`, `detail`, `timestamp`; then the others in the order
///   received;
/// - `statusCode` as received, even when it is not the catalog's status for the code
///   ([`ErrorEnvelope::status_matches_catalog`]) or not an HTTP status (0, 999): any integer
///   from 0 to 65535;
/// - `code` as received, known or not ([`ErrorCode::Unknown`] keeps the text);
/// - `message` and `detail` as received; a `detail` absent stays absent, and
///   `"detail": null` stays `null`;
/// - `timestamp` as received, character for character: [`Timestamp`] keeps the text it
///   parsed (`T` or `t`, `Z`, `z` or `+00:00`, the digits of the fraction);
/// - other members as the JSON text received, less the whitespace between its tokens
///   ([`ExtraFields`]): numbers as written (`1.0e3`, `2.50`, `-0`,
///   `18446744073709551616`), strings with their escapes (`"\u0041"`), nested objects
///   with their members in the order received, a name sent twice included.
///   [`ExtraFields::get`] decodes that text to a [`serde_json::Value`] when asked (floats
///   to the nearest `f64`, integers from −2⁶³ to 2⁶⁴−1 exactly, the last value of a name
///   sent twice); [`ExtraFields::get_raw`] gives the text.
///
/// What it does not keep is the spelling of the rest of the body:
///
/// - whitespace and line breaks (the encoder writes compact JSON, or `serde_json`'s
///   pretty layout, in which an extra member is still its compact text), and a leading
///   byte order mark;
/// - escapes in the strings of the own members (`"\u0041"` is written `"A"`).
///
/// A member sent twice at the top level is refused: the body is not an envelope.
///
/// A body that is not an envelope gives a [`DecodeError`](crate::DecodeError) holding the
/// bytes as received, and, when they are JSON, the parsed value and the member at fault.
///
/// # Any catalog
///
/// The envelope is generic over the catalog's code type ([`CatalogCode`]); `LuxxonError`
/// is this crate's catalog's envelope, `ErrorEnvelope<ErrorCode>`, and `catalog!` emits
/// the same alias for yours.
///
/// # Not a `std::error::Error`
///
/// An envelope is what a server answers and a client receives, and it implements
/// `Display`, but not [`std::error::Error`]: the `axum` integration's `ApiError` converts
/// from every `Error` into a generic 500, and an envelope must instead keep its code,
/// which only the envelope of the handler's own catalog can. A client propagates
/// [`HttpError`](crate::client::HttpError), which is an `Error` and holds the envelope.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ErrorEnvelope<C = ErrorCode> {
    /// The HTTP status, as sent (it may differ from the catalog's; see
    /// [`ErrorEnvelope::status_matches_catalog`]).
    pub status_code: u16,
    /// The machine-readable code to branch on.
    pub code: C,
    /// Human-readable, English-only text.
    pub message: String,
    /// Operation-specific context for diagnostics; `None` when absent or `null`.
    pub detail: Option<String>,
    /// When the error happened.
    pub timestamp: Timestamp,
    /// Members this build doesn't know, in the order received.
    pub extra: ExtraFields,
    /// Whether `detail` was received as an explicit `null`, so it encodes back as one.
    detail_was_null: bool,
    /// The delay the server chose ([`ErrorEnvelope::with_retry_after`]); a header of the
    /// response, not a member of the body, so it is neither encoded nor decoded.
    retry_after_hint: Option<std::time::Duration>,
}

impl<C: CatalogCode> ErrorEnvelope<C> {
    /// An error with `code` and `message`, the catalog's status for the code (500 for a
    /// code this build doesn't know; see [`ErrorEnvelope::with_status`]) and the current
    /// time.
    ///
    /// ```
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::new(ErrorCode::NotAuthorized, "Not authorized for this operation")
    ///     .with_detail("session:viewDenied");
    /// assert_eq!(error.status_code, 403);
    /// ```
    pub fn new(code: C, message: impl Into<String>) -> ErrorEnvelope<C> {
        ErrorEnvelope {
            status_code: code.status().unwrap_or(UNKNOWN_CODE_STATUS),
            code,
            message: message.into(),
            detail: None,
            timestamp: Timestamp::now(),
            extra: ExtraFields::default(),
            detail_was_null: false,
            retry_after_hint: None,
        }
    }

    /// An error whose message is the catalog's meaning of the code, as plain text (the
    /// code itself for a code this build doesn't know).
    ///
    /// ```
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::from_code(ErrorCode::InvalidInput);
    /// assert_eq!(error.message, "Body / query failed validation. detail says which field.");
    /// ```
    pub fn from_code(code: C) -> ErrorEnvelope<C> {
        let message = code
            .message()
            .map_or_else(|| code.as_str().to_owned(), str::to_owned);
        ErrorEnvelope::new(code, message)
    }

    /// Sets `statusCode`: for a code this build doesn't know, which has no status in the
    /// catalog, or to answer with another status than the catalog's.
    ///
    /// ```
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::new(ErrorCode::parse("RATE_LIMITED"), "Slow down").with_status(429);
    /// assert_eq!(error.status_code, 429);
    /// assert!(error.is_retryable());
    /// ```
    #[must_use]
    pub fn with_status(mut self, status: u16) -> ErrorEnvelope<C> {
        self.status_code = status;
        self
    }

    /// Sets `detail`.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> ErrorEnvelope<C> {
        self.detail = Some(detail.into());
        self.detail_was_null = false;
        self
    }

    /// Sets `timestamp`.
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: Timestamp) -> ErrorEnvelope<C> {
        self.timestamp = timestamp;
        self
    }

    /// The catalog's status for the code; `None` for a code this build doesn't know.
    pub fn catalog_status(&self) -> Option<u16> {
        self.code.status()
    }

    /// Whether `statusCode` is the catalog's status for the code; `None` for a code this
    /// build doesn't know. A mismatch means a proxy or an older server rewrote it: trust
    /// the code.
    pub fn status_matches_catalog(&self) -> Option<bool> {
        self.catalog_status()
            .map(|status| status == self.status_code)
    }

    /// Whether the request may be retried as is, with backoff, by [the rule](crate::retry):
    /// the catalog's answer for a known code; for a code this build doesn't know, what
    /// the status says (408, 425, 429, 502, 503, 504).
    pub fn is_retryable(&self) -> bool {
        crate::retry::is_retryable(Some(&self.code), self.status_code)
    }

    /// Sets how long the client should wait before retrying, in place of the catalog's
    /// delay: a server that knows when it will be back says so.
    ///
    /// The delay travels in the response's `Retry-After` header (with the `http`
    /// feature), not in the body: the JSON is the same with or without it, and decoding
    /// never sets it (nor does equality compare it). Like the catalog's, it only counts
    /// when the error is retryable: on an error that is not, [`ErrorEnvelope::retry_after`]
    /// stays `None` and no header is sent.
    ///
    /// ```
    /// use std::time::Duration;
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::from_code(ErrorCode::Unavailable);
    /// let told = error.clone().with_retry_after(Duration::from_secs(5));
    /// assert_eq!(told.retry_after(), Some(Duration::from_secs(5)));
    /// assert_eq!(serde_json::to_string(&told)?, serde_json::to_string(&error)?);
    ///
    /// let not_retryable = LuxxonError::from_code(ErrorCode::NotFound).with_retry_after(Duration::from_secs(5));
    /// assert_eq!(not_retryable.retry_after(), None);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn with_retry_after(mut self, delay: std::time::Duration) -> ErrorEnvelope<C> {
        self.retry_after_hint = Some(delay);
        self
    }

    /// How long to wait before retrying: the delay set with
    /// [`ErrorEnvelope::with_retry_after`], else the catalog's; `None` when the request
    /// is not retryable.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.is_retryable()
            .then(|| self.retry_after_hint.or_else(|| self.code.retry_after()))
            .flatten()
    }
}

/// Two envelopes are equal when their bodies are: the delay set with
/// [`ErrorEnvelope::with_retry_after`] is not part of the body, so an envelope equals the
/// one its body decodes to.
impl<C: PartialEq> PartialEq for ErrorEnvelope<C> {
    fn eq(&self, other: &ErrorEnvelope<C>) -> bool {
        // Destructured so that a new field has to be placed on one side or the other.
        let ErrorEnvelope {
            status_code,
            code,
            message,
            detail,
            timestamp,
            extra,
            detail_was_null,
            retry_after_hint: _,
        } = self;
        *status_code == other.status_code
            && *code == other.code
            && *message == other.message
            && *detail == other.detail
            && *timestamp == other.timestamp
            && *extra == other.extra
            && *detail_was_null == other.detail_was_null
    }
}

impl<C: CatalogCode> From<C> for ErrorEnvelope<C> {
    /// [`ErrorEnvelope::from_code`].
    fn from(code: C) -> Self {
        ErrorEnvelope::from_code(code)
    }
}

impl<C: CatalogCode> fmt::Display for ErrorEnvelope<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status_code, self.message)?;
        if let Some(detail) = &self.detail {
            write!(f, " [{detail}]")?;
        }
        Ok(())
    }
}

impl<C: CatalogCode> serde::Serialize for ErrorEnvelope<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let detail_present = self.detail.is_some() || self.detail_was_null;
        let len = OwnMember::REQUIRED_COUNT + usize::from(detail_present) + self.extra.len();
        let mut map = serializer.serialize_map(Some(len))?;
        for member in OwnMember::ALL {
            let name = member.name();
            match member {
                OwnMember::StatusCode => map.serialize_entry(name, &self.status_code)?,
                OwnMember::Code => map.serialize_entry(name, &self.code)?,
                OwnMember::Message => map.serialize_entry(name, &self.message)?,
                OwnMember::Detail if detail_present => map.serialize_entry(name, &self.detail)?,
                OwnMember::Detail => {}
                OwnMember::Timestamp => map.serialize_entry(name, &self.timestamp)?,
            }
        }
        // Each as the text it was received or inserted as: no number goes through an f64.
        for (name, text) in self.extra.texts() {
            map.serialize_entry(name, text)?;
        }
        map.end()
    }
}

impl<C> ErrorEnvelope<C> {
    /// An envelope as decoded: `detail` is `None` when the member was absent and
    /// `Some(None)` when it was `null`, which encoding writes back.
    pub(crate) fn decoded(
        status_code: u16,
        code: C,
        message: String,
        detail: Option<Option<String>>,
        timestamp: Timestamp,
        extra: ExtraFields,
    ) -> ErrorEnvelope<C> {
        ErrorEnvelope {
            status_code,
            code,
            message,
            detail_was_null: matches!(detail, Some(None)),
            detail: detail.flatten(),
            timestamp,
            extra,
            retry_after_hint: None,
        }
    }
}
