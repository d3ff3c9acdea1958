//! The error envelope the Luxxon API answers with.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;

use crate::ErrorCode;
use crate::extra::ExtraFields;
use crate::timestamp::Timestamp;

/// The status a server answers with for a code this build doesn't know.
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
/// Branch on [`code`](LuxxonError::code). `message` is human-readable English; `detail`
/// is operation-specific context for diagnostics, not a user-facing string.
///
/// Decoding keeps everything it received: members other than the five above go to
/// [`extra`](LuxxonError::extra), unknown codes to [`ErrorCode::Unknown`], the timestamp's
/// spelling to [`Timestamp`], and a `"detail": null` stays `null`. So a decoded envelope
/// encodes back to the same members with the same values, own members first.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct LuxxonError {
    /// The HTTP status, as sent (it may differ from the catalog's; see
    /// [`LuxxonError::status_matches_catalog`]).
    pub status_code: u16,
    /// The machine-readable code to branch on.
    pub code: ErrorCode,
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
}

impl LuxxonError {
    /// An error with `code` and `message`, the catalog's status for the code (500 for a
    /// code this build doesn't know) and the current time.
    ///
    /// ```
    /// use luxxon_errors::{ErrorCode, LuxxonError};
    ///
    /// let error = LuxxonError::new(ErrorCode::NotAuthorized, "Not authorized for this operation")
    ///     .with_detail("session:viewDenied");
    /// assert_eq!(error.status_code, 403);
    /// ```
    pub fn new(code: ErrorCode, message: impl Into<String>) -> LuxxonError {
        LuxxonError {
            status_code: code.status().unwrap_or(UNKNOWN_CODE_STATUS),
            code,
            message: message.into(),
            detail: None,
            timestamp: Timestamp::now(),
            extra: ExtraFields::default(),
            detail_was_null: false,
        }
    }

    /// Sets `detail`.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> LuxxonError {
        self.detail = Some(detail.into());
        self.detail_was_null = false;
        self
    }

    /// Sets `timestamp`.
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: Timestamp) -> LuxxonError {
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

    /// Whether the request may be retried as is, with backoff: the catalog's answer for a
    /// known code; for a code this build doesn't know, whether the status is 502, 503 or
    /// 504 (the gateway and unavailability statuses).
    pub fn is_retryable(&self) -> bool {
        if self.code.is_known() {
            self.code.is_retryable()
        } else {
            matches!(self.status_code, 502..=504)
        }
    }
}

impl From<ErrorCode> for LuxxonError {
    /// An error whose message is the catalog's meaning of the code (the code itself for a
    /// code this build doesn't know).
    fn from(code: ErrorCode) -> Self {
        let message = code
            .meaning()
            .map_or_else(|| code.as_str().to_owned(), str::to_owned);
        LuxxonError::new(code, message)
    }
}

impl fmt::Display for LuxxonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.status_code, self.message)?;
        if let Some(detail) = &self.detail {
            write!(f, " [{detail}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for LuxxonError {}

impl serde::Serialize for LuxxonError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let detail_present = self.detail.is_some() || self.detail_was_null;
        let len = 4 + usize::from(detail_present) + self.extra.len();
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry("statusCode", &self.status_code)?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", &self.message)?;
        if detail_present {
            map.serialize_entry("detail", &self.detail)?;
        }
        map.serialize_entry("timestamp", &self.timestamp)?;
        for (name, value) in self.extra.iter() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> serde::Deserialize<'de> for LuxxonError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor)
    }
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = LuxxonError;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(
            "a Luxxon error envelope (an object with statusCode, code, message and timestamp)",
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LuxxonError, A::Error> {
        let mut status_code: Option<u16> = None;
        let mut code: Option<ErrorCode> = None;
        let mut message: Option<String> = None;
        let mut detail: Option<Option<String>> = None;
        let mut timestamp: Option<Timestamp> = None;
        let mut extra = ExtraFields::default();
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::StatusCode => set(&mut status_code, "statusCode", map.next_value()?)?,
                Field::Code => set(&mut code, "code", map.next_value()?)?,
                Field::Message => set(&mut message, "message", map.next_value()?)?,
                Field::Detail => set(&mut detail, "detail", map.next_value()?)?,
                Field::Timestamp => set(&mut timestamp, "timestamp", map.next_value()?)?,
                Field::Other(name) => {
                    if extra.contains(&name) {
                        return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                    let value = map.next_value()?;
                    extra.push_decoded(name, value);
                }
            }
        }
        Ok(LuxxonError {
            status_code: status_code.ok_or_else(|| de::Error::missing_field("statusCode"))?,
            code: code.ok_or_else(|| de::Error::missing_field("code"))?,
            message: message.ok_or_else(|| de::Error::missing_field("message"))?,
            detail_was_null: matches!(detail, Some(None)),
            detail: detail.flatten(),
            timestamp: timestamp.ok_or_else(|| de::Error::missing_field("timestamp"))?,
            extra,
        })
    }
}

fn set<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// A member name; only names other than the envelope's own are allocated.
enum Field {
    StatusCode,
    Code,
    Message,
    Detail,
    Timestamp,
    Other(String),
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;

        impl Visitor<'_> for FieldVisitor {
            type Value = Field;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a member name")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                Ok(match name {
                    "statusCode" => Field::StatusCode,
                    "code" => Field::Code,
                    "message" => Field::Message,
                    "detail" => Field::Detail,
                    "timestamp" => Field::Timestamp,
                    other => Field::Other(other.to_owned()),
                })
            }

            fn visit_string<E: de::Error>(self, name: String) -> Result<Field, E> {
                match self.visit_str::<E>(&name)? {
                    Field::Other(_) => Ok(Field::Other(name)),
                    own => Ok(own),
                }
            }
        }

        deserializer.deserialize_identifier(FieldVisitor)
    }
}
