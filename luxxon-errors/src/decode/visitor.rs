//! The serde path of decoding: `ErrorEnvelope`'s `Deserialize`, which reads any
//! envelope and names the member at fault when it cannot.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde_json::Value;

use super::member::{Expected, Read, ReadAs};
use crate::envelope::extra::checked_text;
use crate::envelope::members::OwnMember;
use crate::{CatalogCode, ErrorEnvelope, ExtraFields, InvalidTimestamp, Timestamp};

impl<'de, C: CatalogCode> serde::Deserialize<'de> for ErrorEnvelope<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor::<C> {
            faulty_member: None,
            code: PhantomData,
        })
    }
}

/// Decodes an envelope; with `faulty_member` set, it also names the member an error is
/// about (missing, duplicated or invalid), for [`crate::DecodeError::member`].
pub(crate) struct EnvelopeVisitor<'a, C> {
    pub(crate) faulty_member: Option<&'a mut Option<String>>,
    pub(crate) code: PhantomData<fn() -> C>,
}

impl<C: CatalogCode> EnvelopeVisitor<'_, C> {
    fn fault<E: de::Error>(&mut self, member: &str, message: fmt::Arguments<'_>) -> E {
        if let Some(slot) = self.faulty_member.as_deref_mut() {
            *slot = Some(member.to_owned());
        }
        E::custom(message)
    }

    fn invalid<E: de::Error>(&mut self, member: &str, expected: &str, found: &Value) -> E {
        self.fault(
            member,
            format_args!(
                "invalid member `{member}`: expected {expected}, found {}",
                Found(found)
            ),
        )
    }

    fn duplicate<T, E: de::Error>(&mut self, slot: &Option<T>, member: OwnMember) -> Result<(), E> {
        let name = member.name();
        match slot {
            Some(_) => Err(self.fault(name, format_args!("duplicate member `{name}`"))),
            None => Ok(()),
        }
    }

    /// Reads the value of the own member `member` as a `T`, refusing a value of another
    /// type with what was found.
    fn read_member<'de, A: MapAccess<'de>, T: Expected>(
        &mut self,
        map: &mut A,
        member: OwnMember,
    ) -> Result<T, A::Error> {
        match map.next_value_seed(ReadAs::new())? {
            Read::Expected(value) => Ok(value),
            Read::Found(found) => Err(self.invalid(member.name(), member.expected(), &found)),
        }
    }

    /// Reads the own member `member` into `slot`, refusing a second one.
    fn read_once<'de, A: MapAccess<'de>, T: Expected>(
        &mut self,
        map: &mut A,
        slot: &mut Option<T>,
        member: OwnMember,
    ) -> Result<(), A::Error> {
        self.duplicate(slot, member)?;
        *slot = Some(self.read_member(map, member)?);
        Ok(())
    }

    fn required<T, E: de::Error>(&mut self, slot: Option<T>, member: OwnMember) -> Result<T, E> {
        let name = member.name();
        slot.ok_or_else(|| self.fault(name, format_args!("missing member `{name}`")))
    }
}

impl<'de, C: CatalogCode> Visitor<'de> for EnvelopeVisitor<'_, C> {
    type Value = ErrorEnvelope<C>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // "an object with statusCode, code, message and timestamp"
        formatter.write_str("a Luxxon error envelope (an object with ")?;
        let required = OwnMember::required_names();
        for (index, name) in required.iter().enumerate() {
            if index > 0 {
                let last = index + 1 == required.len();
                formatter.write_str(if last { " and " } else { ", " })?;
            }
            formatter.write_str(name)?;
        }
        formatter.write_str(")")
    }

    // Own members are read straight into their types; a member of another type is kept
    // as the JSON value it was, so that an error can say what was found and not only
    // what was expected.
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<ErrorEnvelope<C>, A::Error> {
        let mut status_code: Option<u16> = None;
        let mut code: Option<C> = None;
        let mut message: Option<String> = None;
        let mut detail: Option<Option<String>> = None;
        let mut timestamp: Option<Timestamp> = None;
        let mut extra = ExtraFields::default();
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Own(member @ OwnMember::StatusCode) => {
                    self.read_once(&mut map, &mut status_code, member)?;
                }
                Field::Own(member @ OwnMember::Code) => {
                    self.read_once(&mut map, &mut code, member)?;
                }
                Field::Own(member @ OwnMember::Message) => {
                    self.read_once(&mut map, &mut message, member)?;
                }
                Field::Own(member @ OwnMember::Detail) => {
                    self.read_once(&mut map, &mut detail, member)?;
                }
                Field::Own(member @ OwnMember::Timestamp) => {
                    self.duplicate(&timestamp, member)?;
                    let read: Result<Timestamp, InvalidTimestamp> =
                        self.read_member(&mut map, member)?;
                    match read {
                        Ok(parsed) => timestamp = Some(parsed),
                        Err(invalid) => {
                            let found = Value::String(invalid.text().to_owned());
                            let (name, expected) = (member.name(), member.expected());
                            return Err(self.fault(
                                name,
                                format_args!(
                                    "invalid member `{name}`: expected {expected}, found {} ({})",
                                    Found(&found),
                                    invalid.reason()
                                ),
                            ));
                        }
                    }
                }
                Field::Other(name) => {
                    // Kept as text, checked to be JSON that a `Value` would hold; a
                    // refusal here is of a body that is not JSON, which `DecodeError`
                    // then reports from the body itself.
                    let text = map.next_value()?;
                    match checked_text(text) {
                        Ok(text) => extra.push_decoded(name, text),
                        Err(not_json) => {
                            return Err(self.fault(
                                &name,
                                format_args!("invalid member `{name}`: {not_json}"),
                            ));
                        }
                    }
                }
            }
        }
        if let Some(name) = extra.first_duplicate() {
            return Err(self.fault(name, format_args!("duplicate member `{name}`")));
        }
        Ok(ErrorEnvelope::decoded(
            self.required(status_code, OwnMember::StatusCode)?,
            self.required(code, OwnMember::Code)?,
            self.required(message, OwnMember::Message)?,
            detail,
            self.required(timestamp, OwnMember::Timestamp)?,
            extra,
        ))
    }
}

/// A received value as an error message describes it; long strings are cut, since a
/// message must stay loggable whatever was sent.
struct Found<'a>(&'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN_CHARS: usize = 64;
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(value) => write!(f, "the boolean {value}"),
            Value::Number(number) if number.is_f64() => write!(f, "the number {number}"),
            Value::Number(number) => write!(f, "the integer {number}"),
            Value::String(text) => match text.char_indices().nth(SHOWN_CHARS) {
                Some((cut, _)) => write!(
                    f,
                    "the string {:?}… ({} bytes)",
                    text.get(..cut).unwrap_or_default(),
                    text.len()
                ),
                None => write!(f, "the string {text:?}"),
            },
            Value::Array(items) => match items.len() {
                1 => f.write_str("an array of 1 item"),
                count => write!(f, "an array of {count} items"),
            },
            Value::Object(members) => match members.len() {
                1 => f.write_str("an object of 1 member"),
                count => write!(f, "an object of {count} members"),
            },
        }
    }
}

/// A member name; only names other than the envelope's own are allocated.
enum Field {
    Own(OwnMember),
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
                Ok(match OwnMember::from_name(name) {
                    Some(member) => Field::Own(member),
                    None => Field::Other(name.to_owned()),
                })
            }

            fn visit_string<E: de::Error>(self, name: String) -> Result<Field, E> {
                Ok(match OwnMember::from_name(&name) {
                    Some(member) => Field::Own(member),
                    None => Field::Other(name),
                })
            }
        }

        deserializer.deserialize_identifier(FieldVisitor)
    }
}

#[cfg(test)]
mod tests {
    use crate::LuxxonError;

    #[test]
    fn expecting_names_the_required_members() {
        let error = serde_json::from_str::<LuxxonError>("[]")
            .map(|_| ())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: sequence, expected a Luxxon error envelope \
             (an object with statusCode, code, message and timestamp) at line 1 column 0"
        );
    }

    #[test]
    fn own_member_messages() {
        let message = |body: &str| {
            LuxxonError::from_json(body.as_bytes())
                .map(|_| ())
                .unwrap_err()
                .message()
                .to_owned()
        };
        assert_eq!(
            message(r#"{"statusCode":400,"code":"X","message":"m"}"#),
            "missing member `timestamp`"
        );
        assert_eq!(
            message(r#"{"code":"X","code":"Y"}"#),
            "duplicate member `code`"
        );
        assert_eq!(
            message(r#"{"statusCode":"400"}"#),
            "invalid member `statusCode`: expected an integer from 0 to 65535, found the string \"400\""
        );
        assert_eq!(
            message(r#"{"timestamp":"yesterday"}"#)
                .split(" (")
                .next()
                .unwrap_or_default(),
            "invalid member `timestamp`: expected an RFC 3339 date-time string, found the string \"yesterday\""
        );
    }
}
