//! The envelope's `timestamp`: typed, and kept as received.

use std::fmt;
use std::str::FromStr;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// An RFC 3339 timestamp, as the envelope's `timestamp` carries it.
///
/// It keeps the text it was parsed from next to the parsed instant, so a decoded
/// envelope encodes back byte for byte (`t` or `T`, `Z` or `+00:00`, trailing zeros of
/// fractional seconds: RFC 3339 allows several spellings of one instant). Equality
/// compares the text; compare [`Timestamp::to_offset_date_time`] to compare instants.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: Box<str>,
    instant: OffsetDateTime,
}

/// Why a text is not an RFC 3339 timestamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTimestamp {
    text: String,
    reason: String,
}

impl InvalidTimestamp {
    /// The text that was refused.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Why, without the text.
    pub(crate) fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidTimestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an RFC 3339 timestamp: {}",
            self.text, self.reason
        )
    }
}

impl std::error::Error for InvalidTimestamp {}

impl Timestamp {
    /// The current time in UTC, to the millisecond (e.g. `2026-05-13T08:30:00.125Z`).
    pub fn now() -> Timestamp {
        let now = OffsetDateTime::now_utc();
        let millis = now.nanosecond() / 1_000_000 * 1_000_000;
        // Any value below 1e9 is a valid nanosecond, so `replace_nanosecond` cannot fail.
        Timestamp::from(now.replace_nanosecond(millis).unwrap_or(now))
    }

    /// Parses an RFC 3339 timestamp, keeping its text.
    ///
    /// # Errors
    /// When `text` is not RFC 3339 (`2026-05-13T08:30:00Z`, `2026-05-13T10:30:00.5+02:00`).
    pub fn parse(text: &str) -> Result<Timestamp, InvalidTimestamp> {
        OffsetDateTime::parse(text, &Rfc3339)
            .map(|instant| Timestamp {
                text: text.into(),
                instant,
            })
            .map_err(|error| InvalidTimestamp {
                text: text.to_owned(),
                reason: error.to_string(),
            })
    }

    /// [`Timestamp::parse`], keeping the allocation of `text` (a decoded member's).
    pub(crate) fn parse_string(text: String) -> Result<Timestamp, InvalidTimestamp> {
        match OffsetDateTime::parse(&text, &Rfc3339) {
            Ok(instant) => Ok(Timestamp {
                text: text.into_boxed_str(),
                instant,
            }),
            Err(error) => Err(InvalidTimestamp {
                text,
                reason: error.to_string(),
            }),
        }
    }

    /// The timestamp as received (or as formatted, for one made here).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant, with the offset it was written with.
    pub fn to_offset_date_time(&self) -> OffsetDateTime {
        self.instant
    }
}

impl From<OffsetDateTime> for Timestamp {
    /// The instant, written in RFC 3339 with its offset; an offset with seconds, which
    /// RFC 3339 cannot write, is written as the same instant in UTC.
    fn from(instant: OffsetDateTime) -> Self {
        let instant = if instant.offset().seconds_past_minute() == 0 {
            instant
        } else {
            instant.to_offset(time::UtcOffset::UTC)
        };
        let text = instant
            .format(&Rfc3339)
            // Only years outside 0..=9999 cannot be written in RFC 3339; keep such an
            // instant readable rather than fail.
            .unwrap_or_else(|_| instant.to_string());
        Timestamp {
            text: text.into(),
            instant,
        }
    }
}

impl FromStr for Timestamp {
    type Err = InvalidTimestamp;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(text)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", self.text)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;

        impl serde::de::Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("an RFC 3339 timestamp string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
                Timestamp::parse(text).map_err(E::custom)
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Timestamp, E> {
                Timestamp::parse_string(text).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(TimestampVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_with_seconds_is_written_as_the_same_instant_in_utc() {
        let offset = time::UtcOffset::from_hms(1, 0, 30).unwrap();
        let instant = OffsetDateTime::from_unix_timestamp(1_778_661_000)
            .unwrap()
            .to_offset(offset);
        let timestamp = Timestamp::from(instant);
        let parsed = Timestamp::parse(timestamp.as_str()).expect("its own parser reads it");
        assert_eq!(parsed.to_offset_date_time(), instant);
        assert!(timestamp.as_str().ends_with('Z'), "{timestamp}");
        // Whole-minute offsets keep theirs.
        let plus_two = instant.to_offset(time::UtcOffset::from_hms(2, 0, 0).unwrap());
        assert!(Timestamp::from(plus_two).as_str().ends_with("+02:00"));
    }
}
