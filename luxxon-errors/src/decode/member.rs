//! Reading one of the envelope's own members straight into its type, keeping what was
//! found instead when it has another type, so that an error can say what was received.
//!
//! Reading every member as a `serde_json::Value` first would give the same messages, but
//! costs an allocation per member (a known code would no longer be free); this reader
//! builds a `Value` only on the error path.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::CatalogCode;
use crate::{InvalidTimestamp, Timestamp};

/// A member as read: a value of the expected type, or what was found instead.
pub(crate) enum Read<T> {
    Expected(T),
    Found(Value),
}

/// The types an own member may have; each says which JSON values it accepts.
pub(crate) trait Expected: Sized {
    /// The value for a JSON string, if a string is accepted.
    fn from_str(_text: &str) -> Option<Self> {
        None
    }

    /// The value for an owned JSON string, reusing its allocation where it can.
    fn from_string(text: String) -> Result<Self, String> {
        Self::from_str(&text).ok_or(text)
    }

    /// The value for a non-negative JSON integer, if it is accepted.
    fn from_u64(_number: u64) -> Option<Self> {
        None
    }

    /// The value for JSON `null`, if it is accepted.
    fn from_null() -> Option<Self> {
        None
    }
}

impl Expected for u16 {
    fn from_u64(number: u64) -> Option<Self> {
        u16::try_from(number).ok()
    }
}

impl<C: CatalogCode> Expected for C {
    fn from_str(text: &str) -> Option<Self> {
        Some(C::parse(text))
    }

    fn from_string(text: String) -> Result<Self, String> {
        Ok(C::from_string(text))
    }
}

impl Expected for String {
    fn from_str(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }

    fn from_string(text: String) -> Result<Self, String> {
        Ok(text)
    }
}

/// `detail`: a string, or `null`.
impl Expected for Option<String> {
    fn from_str(text: &str) -> Option<Self> {
        Some(Some(text.to_owned()))
    }

    fn from_string(text: String) -> Result<Self, String> {
        Ok(Some(text))
    }

    fn from_null() -> Option<Self> {
        Some(None)
    }
}

/// `timestamp`: any string is read; whether it is RFC 3339 is the caller's to report.
impl Expected for Result<Timestamp, InvalidTimestamp> {
    fn from_str(text: &str) -> Option<Self> {
        Some(Timestamp::parse(text))
    }

    fn from_string(text: String) -> Result<Self, String> {
        Ok(Timestamp::parse_string(text))
    }
}

/// Reads a member as `T`; see the module documentation.
pub(crate) struct ReadAs<T>(PhantomData<fn() -> T>);

impl<T> ReadAs<T> {
    pub(crate) fn new() -> Self {
        ReadAs(PhantomData)
    }
}

impl<'de, T: Expected> DeserializeSeed<'de> for ReadAs<T> {
    type Value = Read<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Expected> Visitor<'de> for ReadAs<T> {
    type Value = Read<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Read<T>, E> {
        Ok(Read::Found(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Read<T>, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Ok(Read::Found(Value::from(value))),
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Read<T>, E> {
        Ok(T::from_u64(value).map_or_else(|| Read::Found(Value::from(value)), Read::Expected))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Read<T>, E> {
        match i64::try_from(value) {
            Ok(value) => self.visit_i64(value),
            // Held as the nearest number, as serde_json's own `Value` does.
            Err(_) => Ok(Read::Found(Value::from(value as f64))),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Read<T>, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Ok(Read::Found(Value::from(value as f64))),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Read<T>, E> {
        Ok(Read::Found(Value::from(value)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Read<T>, E> {
        Ok(T::from_str(text).map_or_else(
            || Read::Found(Value::String(text.to_owned())),
            Read::Expected,
        ))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Read<T>, E> {
        Ok(T::from_string(text)
            .map_or_else(|text| Read::Found(Value::String(text)), Read::Expected))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Read<T>, E> {
        Ok(T::from_null().map_or(Read::Found(Value::Null), Read::Expected))
    }

    fn visit_none<E: de::Error>(self) -> Result<Read<T>, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Read<T>, A::Error> {
        serde::Deserialize::deserialize(SeqAccessDeserializer::new(items)).map(Read::Found)
    }

    fn visit_map<A: MapAccess<'de>>(self, members: A) -> Result<Read<T>, A::Error> {
        serde::Deserialize::deserialize(MapAccessDeserializer::new(members)).map(Read::Found)
    }
}
