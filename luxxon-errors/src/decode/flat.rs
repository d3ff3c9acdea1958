//! The fast path of decoding: the usual body, read without serde's generic machinery.

use serde_json::value::RawValue;

use crate::envelope::extra::checked_copy;
use crate::envelope::members::OwnMember;
use crate::json::{is_whitespace, string_length};
use crate::{CatalogCode, ErrorEnvelope, ExtraFields, Timestamp};

/// Decodes a body of the shape servers send, without serde's generic machinery: an
/// object whose members each come once, with names and strings without escapes, a
/// `statusCode` written as a plain integer, and a valid timestamp. Extra members are
/// left to serde_json (their text, as in the serde decoder). `None` for any other body,
/// which the serde decoder then reads: every refusal and its message comes from that one
/// decoder, and this one only has to give the envelope it would give, for the bodies it
/// takes. (`wire_fuzz` and `decode_equivalence` compare the two on every body they
/// make.)
///
/// Why: it reads the page's example in half the time the serde decoder takes, which is
/// what makes decoding cost less than a derived struct of `String`s, and it allocates only
/// the envelope's own strings.
pub(super) fn decode_flat<C: CatalogCode>(body: &[u8]) -> Option<ErrorEnvelope<C>> {
    // Valid UTF-8 throughout, so that any slice between two ASCII bytes is a `str`.
    let text = std::str::from_utf8(body).ok()?;
    let mut reader = FlatReader { text, at: 0 };
    let mut status_code = None;
    let mut code = None;
    let mut message = None;
    let mut detail = None;
    let mut timestamp = None;
    let mut extra = ExtraFields::default();
    reader.eat(b'{')?;
    loop {
        let name = reader.name()?;
        reader.eat(b':')?;
        match name {
            Name::Own(OwnMember::StatusCode) => once(&mut status_code, reader.status_code()?)?,
            Name::Own(OwnMember::Code) => once(&mut code, reader.string()?)?,
            Name::Own(OwnMember::Message) => once(&mut message, reader.string()?)?,
            Name::Own(OwnMember::Detail) => once(&mut detail, reader.string_or_null()?)?,
            Name::Own(OwnMember::Timestamp) => once(&mut timestamp, reader.string()?)?,
            Name::Other(name) => {
                let text = checked_copy(reader.raw_value()?).ok()?;
                extra.push_decoded(name.to_owned(), text);
            }
        }
        if reader.eat(b'}').is_some() {
            break;
        }
        reader.eat(b',')?;
    }
    reader.skip_whitespace();
    if reader.at != text.len() || extra.first_duplicate().is_some() {
        return None;
    }
    // The timestamp before the other own members: it is the one that can still refuse
    // the body, and their strings are allocated only once the body is known to be taken.
    let timestamp = Timestamp::parse(timestamp?).ok()?;
    Some(ErrorEnvelope::decoded(
        status_code?,
        C::parse(code?),
        message?.to_owned(),
        detail.map(|detail: Option<&str>| detail.map(str::to_owned)),
        timestamp,
        extra,
    ))
}

/// A member name as [`decode_flat`] reads it.
enum Name<'a> {
    Own(OwnMember),
    Other(&'a str),
}

/// Sets `slot`, unless it is set already (a member sent twice).
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

/// [`decode_flat`]'s reader: each method reads one token after any whitespace, or gives
/// `None`, leaving the body to the serde decoder.
struct FlatReader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> FlatReader<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    fn skip_whitespace(&mut self) {
        self.at += self
            .rest()
            .iter()
            .take_while(|byte| is_whitespace(**byte))
            .count();
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        // Compact bodies have no whitespace: look for the byte before skipping any.
        if self.rest().first() != Some(&byte) {
            self.skip_whitespace();
        }
        (self.rest().first() == Some(&byte)).then(|| self.at += 1)
    }

    /// A member name, as a string without escapes; an own member's is recognised
    /// without looking for its end.
    fn name(&mut self) -> Option<Name<'a>> {
        self.eat(b'"')?;
        let rest = self.rest();
        let own = OwnMember::ALL.into_iter().find(|member| {
            let name = member.name().as_bytes();
            rest.starts_with(name) && rest.get(name.len()) == Some(&b'"')
        });
        match own {
            Some(member) => {
                self.at += member.name().len() + 1;
                Some(Name::Own(member))
            }
            None => self.string_rest().map(Name::Other),
        }
    }

    /// A string without escapes or control characters (which JSON refuses unescaped).
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        self.string_rest()
    }

    /// The rest of a string whose opening quote was read.
    fn string_rest(&mut self) -> Option<&'a str> {
        let start = self.at;
        let length = string_length(self.rest())?;
        self.at += length + 1;
        self.text.get(start..start + length)
    }

    /// Any JSON value, as its text: serde_json reads it (checking its syntax only, as
    /// for the serde decoder's extra members), and says where it ends.
    fn raw_value(&mut self) -> Option<&'a RawValue> {
        let mut values = serde_json::Deserializer::from_slice(self.rest()).into_iter::<&RawValue>();
        let value = values.next()?.ok()?;
        self.at += values.byte_offset();
        Some(value)
    }

    /// `detail`: a string, or `null`.
    fn string_or_null(&mut self) -> Option<Option<&'a str>> {
        self.skip_whitespace();
        if self.rest().starts_with(b"null") {
            self.at += 4;
            return Some(None);
        }
        self.string().map(Some)
    }

    /// An integer from 0 to 65535 written as JSON writes integers: no sign, no leading
    /// zero, no fraction or exponent.
    fn status_code(&mut self) -> Option<u16> {
        self.skip_whitespace();
        let digits = self
            .rest()
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        let after = self.rest().get(digits).copied();
        let leading_zero = digits > 1 && self.rest().first() == Some(&b'0');
        if digits == 0 || digits > 5 || leading_zero || matches!(after, Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let number = self.text.get(self.at..self.at + digits)?.parse().ok()?;
        self.at += digits;
        Some(number)
    }
}
