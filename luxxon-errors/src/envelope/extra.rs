//! Envelope members this build doesn't know, kept in the order received, each as the JSON
//! text it was received as.
//!
//! Keeping the text rather than a [`Value`] is what makes them lossless without
//! `serde_json`'s `float_roundtrip` feature (which this crate would otherwise turn on
//! for every crate of the application, slowing their float parsing): the text is written
//! back as it came, so no number goes through an `f64`. A member is decoded to a
//! [`Value`] only when it is read ([`ExtraFields::get`]), once.

use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};

use super::members::OwnMember;
use crate::json::{compact, is_whitespace};

/// Members of an envelope other than its five own (e.g. a `requestId` a gateway adds),
/// in the order they were received; encoding writes them back after the own members.
///
/// Each member is held as its JSON text: as received for a decoded envelope (less the
/// whitespace between tokens), as `serde_json` writes the value for one set with
/// [`ExtraFields::insert`]. Encoding writes that text back, so a number keeps its
/// spelling (`1.0e3`, `2.50`, `18446744073709551616`), as do the escapes in strings and
/// the order and repetitions of members in objects. [`ExtraFields::get`] decodes the
/// text to a [`Value`] the first time it is asked, and keeps it; [`ExtraFields::get_raw`]
/// gives the text itself, to deserialize into a type of your own.
///
/// Equality compares the names and the texts, in order (as [`Timestamp`](crate::Timestamp)'s
/// compares its text): two envelopes are equal when they encode to the same bytes.
///
/// The text is `serde_json`'s [`RawValue`], so an envelope with extra members encodes
/// and decodes with `serde_json` (its serializer, its deserializer, or a `Value`), as
/// everything in this crate does: another serde format would see `RawValue`'s internal
/// representation, and could not decode one.
#[derive(Clone, Default, PartialEq)]
pub struct ExtraFields {
    fields: Vec<Member>,
}

/// One member: its name, its text, and its value once decoded.
#[derive(Clone)]
struct Member {
    name: String,
    text: Box<RawValue>,
    value: OnceLock<Value>,
}

impl Member {
    fn value(&self) -> &Value {
        self.value.get_or_init(|| decode_text(self.text.get()))
    }

    fn into_value(self) -> Value {
        let Member { text, value, .. } = self;
        value
            .into_inner()
            .unwrap_or_else(|| decode_text(text.get()))
    }
}

/// The decoded value is a cache of the text: only the text counts.
impl PartialEq for Member {
    fn eq(&self, other: &Member) -> bool {
        self.name == other.name && self.text.get() == other.text.get()
    }
}

impl fmt::Debug for ExtraFields {
    /// The members as JSON text: `ExtraFields {"requestId": "req_1", "load": 0.50}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ExtraFields ")?;
        f.debug_map()
            .entries(
                self.fields
                    .iter()
                    .map(|member| (&member.name, Text(member.text.get()))),
            )
            .finish()
    }
}

/// JSON text, shown as it is (not as a quoted Rust string).
struct Text<'a>(&'a str);

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The name given to [`ExtraFields::insert`] is one of the envelope's own members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReservedFieldName(pub String);

impl fmt::Display for ReservedFieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is a member of the envelope itself, not an extra field",
            self.0
        )
    }
}

impl std::error::Error for ReservedFieldName {}

impl ExtraFields {
    /// The value of the member `name`, if present; decoded from its text on the first
    /// call (numbers as `serde_json` reads them, floats correctly rounded to the nearest
    /// `f64`), then kept.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.find(name).map(Member::value)
    }

    /// The JSON text of the member `name`, if present: as received (less whitespace
    /// between tokens), or as `serde_json` wrote the value given to
    /// [`ExtraFields::insert`]. It is what encoding writes.
    ///
    /// ```
    /// use luxxon_errors::LuxxonError;
    ///
    /// let error = LuxxonError::from_json(br#"{"statusCode":503,"code":"QUEUE_ERROR","message":"down",
    ///     "timestamp":"2026-05-13T08:30:00Z","retryAfter":2.50}"#)?;
    /// let raw = error.extra.get_raw("retryAfter").expect("sent");
    /// assert_eq!(raw.get(), "2.50");
    /// let seconds: f32 = serde_json::from_str(raw.get()).expect("a number");
    /// assert_eq!(seconds, 2.5);
    /// # Ok::<(), luxxon_errors::DecodeError>(())
    /// ```
    pub fn get_raw(&self, name: &str) -> Option<&RawValue> {
        self.find(name).map(|member| &*member.text)
    }

    /// Sets the member `name`, returning its previous value.
    ///
    /// # Errors
    /// When `name` is one of the envelope's own members (`statusCode`, `code`,
    /// `message`, `detail`, `timestamp`): set those on the envelope.
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        value: impl Into<Value>,
    ) -> Result<Option<Value>, ReservedFieldName> {
        let name = name.into();
        if OwnMember::from_name(&name).is_some() {
            return Err(ReservedFieldName(name));
        }
        let value = value.into();
        let member = Member {
            text: text_of(&value),
            value: OnceLock::from(value),
            name,
        };
        match self
            .fields
            .iter_mut()
            .find(|field| field.name == member.name)
        {
            Some(slot) => Ok(Some(std::mem::replace(slot, member).into_value())),
            None => {
                self.fields.push(member);
                Ok(None)
            }
        }
    }

    /// Removes the member `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let index = self.fields.iter().position(|field| field.name == name)?;
        Some(self.fields.remove(index).into_value())
    }

    /// The members, in order, each decoded as [`ExtraFields::get`] does.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.fields
            .iter()
            .map(|member| (member.name.as_str(), member.value()))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    fn find(&self, name: &str) -> Option<&Member> {
        self.fields.iter().find(|member| member.name == name)
    }

    /// The members as encoding writes them: names and texts, in order.
    pub(crate) fn texts(&self) -> impl ExactSizeIterator<Item = (&str, &RawValue)> {
        self.fields
            .iter()
            .map(|member| (member.name.as_str(), &*member.text))
    }

    /// Adds a decoded member; the decoder checks for duplicates once all are in
    /// ([`ExtraFields::first_duplicate`]).
    pub(crate) fn push_decoded(&mut self, name: String, text: Box<RawValue>) {
        self.fields.push(Member {
            name,
            text,
            value: OnceLock::new(),
        });
    }

    /// A name that appears more than once, if any.
    ///
    /// Checked once after decoding rather than on every push, so that a hostile body with
    /// many thousands of members costs `n log n`, not `n²`.
    pub(crate) fn first_duplicate(&self) -> Option<&str> {
        // Pairwise is cheaper than sorting for the few members real envelopes carry.
        const PAIRWISE_LIMIT: usize = 16;
        if self.fields.len() <= PAIRWISE_LIMIT {
            return self.fields.iter().enumerate().find_map(|(index, member)| {
                self.fields
                    .iter()
                    .skip(index + 1)
                    .any(|other| other.name == member.name)
                    .then_some(member.name.as_str())
            });
        }
        let mut names: Vec<&str> = self
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        names.sort_unstable();
        names.windows(2).find_map(|pair| match pair {
            [first, second] if first == second => Some(*first),
            _ => None,
        })
    }
}

/// The text `serde_json` writes for `value`.
fn text_of(value: &Value) -> Box<RawValue> {
    // serde_json fails to write only a map key that is not a string or an I/O error,
    // neither of which a `Value` written to memory can have: the `null` is never taken.
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// How many levels of arrays and objects an extra member may nest: serde_json's limit
/// of 128 for the body, less the envelope's own object and one more for the level at
/// which serde_json refuses. The same bodies are refused as when the member was decoded
/// as a `Value` in place, which `DecodeError` relies on.
const MAX_EXTRA_DEPTH: usize = 126;

/// Checks that the text of an extra member, as captured by serde_json's `RawValue`
/// (which checks only its syntax), is JSON that serde_json decodes to a `Value`; then
/// drops the whitespace between its tokens, so that the text fits the compact encoding
/// it is written back into.
pub(crate) fn checked_text(text: Box<RawValue>) -> Result<Box<RawValue>, serde_json::Error> {
    Ok(compacted(&text)?.unwrap_or(text))
}

/// [`checked_text`] of a text borrowed from the body.
pub(crate) fn checked_copy(text: &RawValue) -> Result<Box<RawValue>, serde_json::Error> {
    Ok(compacted(text)?.unwrap_or_else(|| text.to_owned()))
}

/// Checks `text` (see [`checked_text`]); gives it without its whitespace, or `None` when
/// it has none to drop.
fn compacted(text: &RawValue) -> Result<Option<Box<RawValue>>, serde_json::Error> {
    let found = scan(text.get());
    if found.may_be_refused {
        check(text)?;
    }
    if !found.whitespace {
        return Ok(None);
    }
    // Valid JSON less its insignificant whitespace is valid JSON; were it not, the text
    // as received would be kept.
    Ok(compact(text.get()).and_then(|compact| RawValue::from_string(compact).ok()))
}

/// What one look at a text that passed serde_json's syntax check finds.
struct Scan {
    /// Whitespace between tokens.
    whitespace: bool,
    /// Something serde_json's `Value` may refuse although its syntax check let it
    /// through; there are three such things: a `\u` escape of a lone surrogate (which
    /// needs a backslash), a number beyond the range of `f64` (an exponent, or over 300
    /// digits), and nesting deeper than [`MAX_EXTRA_DEPTH`] (two bytes a level). Any
    /// text without these reads as a `Value`, so most members need no second reading.
    may_be_refused: bool,
}

fn scan(json: &str) -> Scan {
    let mut found = Scan {
        whitespace: false,
        may_be_refused: json.len() > 2 * MAX_EXTRA_DEPTH,
    };
    let mut in_string = false;
    let mut escaped = false;
    let mut after_digit = false;
    for byte in json.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => {
                    escaped = true;
                    found.may_be_refused = true;
                }
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            // An exponent follows a digit; the `e` of `true` and `false` does not.
            b'e' | b'E' if after_digit => found.may_be_refused = true,
            _ if is_whitespace(byte) => found.whitespace = true,
            _ => {}
        }
        after_digit = byte.is_ascii_digit();
    }
    found
}

/// Reads `text` as serde_json's `Value` would, keeping nothing: see [`Scan`].
fn check(text: &RawValue) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text.get());
    CheckValue {
        depth: MAX_EXTRA_DEPTH,
    }
    .deserialize(&mut deserializer)
}

/// The first thing that stops serde_json from reading `body` as a `Value`, with its
/// position; `None` when `body` is JSON. Reads as `Value` does, building nothing.
pub(crate) fn first_json_error(body: &[u8]) -> Option<serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    CheckValue { depth: usize::MAX }
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end())
        .err()
}

/// Reads a JSON value as `Value` would, keeping nothing.
#[derive(Clone, Copy)]
struct CheckValue {
    /// How many more levels of arrays and objects may open.
    depth: usize,
}

impl CheckValue {
    fn deeper<E: de::Error>(self) -> Result<CheckValue, E> {
        match self.depth.checked_sub(1) {
            Some(depth) => Ok(CheckValue { depth }),
            None => Err(E::custom("recursion limit exceeded")),
        }
    }
}

impl<'de> DeserializeSeed<'de> for CheckValue {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CheckValue {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        let inner = self.deeper()?;
        while items.next_element_seed(inner)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<(), A::Error> {
        let inner = self.deeper()?;
        while members.next_key_seed(inner)?.is_some() {
            members.next_value_seed(inner)?;
        }
        Ok(())
    }
}

/// The `Value` of a member's text, which the decoder checked ([`checked_text`]) or
/// serde_json wrote.
///
/// Read here rather than with `serde_json::from_str` for the numbers: serde_json reads a
/// float exactly only with its `float_roundtrip` feature, which this crate leaves to the
/// application; `str::parse::<f64>` is always correctly rounded. Everything else is as
/// serde_json reads it: integers as `u64` or `i64` when they fit (`-0` as a float), a
/// member named twice in an object keeps its last value.
fn decode_text(text: &str) -> Value {
    let mut reader = TextReader { text, at: 0 };
    match reader.value() {
        Some(value) if reader.at == text.len() => value,
        // Unreachable for a checked text; serde_json's reading is the next best.
        _ => serde_json::from_str(text).unwrap_or(Value::Null),
    }
}

/// A reader of JSON text known to be valid and within [`MAX_EXTRA_DEPTH`], so that its
/// recursion is bounded; `None` for anything else.
struct TextReader<'a> {
    text: &'a str,
    at: usize,
}

impl TextReader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(is_whitespace) {
            self.at += 1;
        }
    }

    /// Consumes `byte` after any whitespace.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn value(&mut self) -> Option<Value> {
        self.skip_whitespace();
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(Value::String),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            _ => self.number(),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Option<Value> {
        let rest = self.text.get(self.at..)?;
        rest.starts_with(word).then(|| {
            self.at += word.len();
            value
        })
    }

    fn object(&mut self) -> Option<Value> {
        self.at += 1;
        let mut members = Map::new();
        if self.eat(b'}') {
            return Some(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            let name = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            let value = self.value()?;
            members.insert(name, value);
            if self.eat(b'}') {
                return Some(Value::Object(members));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    fn array(&mut self) -> Option<Value> {
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat(b']') {
                return Some(Value::Array(items));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        if bytes.get(start) != Some(&b'"') {
            return None;
        }
        let mut at = start + 1;
        let mut escapes = false;
        loop {
            match bytes.get(at)? {
                b'"' => break,
                b'\\' => {
                    escapes = true;
                    at += 2;
                }
                _ => at += 1,
            }
        }
        self.at = at + 1;
        if escapes {
            serde_json::from_str(self.text.get(start..=at)?).ok()
        } else {
            self.text.get(start + 1..at).map(str::to_owned)
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|byte| matches!(byte, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
        {
            self.at += 1;
        }
        let token = self.text.get(start..self.at)?;
        number(token).map(Value::Number)
    }
}

/// A JSON number token as serde_json's `Value` holds it, floats correctly rounded.
fn number(token: &str) -> Option<Number> {
    let is_integer = !token.contains(['.', 'e', 'E']);
    if is_integer {
        match token.strip_prefix('-') {
            None => {
                if let Ok(positive) = token.parse::<u64>() {
                    return Some(Number::from(positive));
                }
            }
            // serde_json holds `-0` as the float, as JavaScript does.
            Some(digits) if digits.bytes().all(|digit| digit == b'0') => {
                return Number::from_f64(-0.0);
            }
            Some(_) => {
                if let Ok(negative) = token.parse::<i64>() {
                    return Some(Number::from(negative));
                }
            }
        }
    }
    // A fraction, an exponent, or an integer beyond 64 bits. A number that only rounds to
    // infinity here was let through by serde_json's own reading (which allows it exactly
    // when it reads it as finite): then its reading it is.
    let parsed = token.parse::<f64>().ok().and_then(Number::from_f64);
    parsed.or_else(|| serde_json::from_str(token).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn whitespace_between_tokens_is_dropped_and_strings_are_kept() {
        for (text, compact) in [
            ("1", "1"),
            (r#""a b\" \\""#, r#""a b\" \\""#),
            ("[ 1 ,\n\t2 ]", "[1,2]"),
            (
                "{ \"a b\" : [ \"c d\", { } ] ,\r\n \"e\":null }",
                r#"{"a b":["c d",{}],"e":null}"#,
            ),
        ] {
            assert_eq!(checked_text(raw(text)).unwrap().get(), compact, "{text}");
            assert_eq!(checked_copy(&raw(text)).unwrap().get(), compact, "{text}");
        }
    }

    #[test]
    fn the_reader_agrees_with_serde_json_but_for_float_rounding() {
        for text in [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "-0.0",
            "-1",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1.5e3",
            "2.50",
            "1E-7",
            r#""caf\u00e9 \ud83d\ude00 \"q\" \\ \/""#,
            r#"{"b":1,"a":[2,{"c":"d"}],"b":3}"#,
            "[ ]",
            "{ }",
            r#"[1, "x" , {"y" :[true]}]"#,
        ] {
            let expected: Value = serde_json::from_str(text).unwrap();
            assert_eq!(decode_text(text), expected, "{text}");
        }
    }

    #[test]
    fn floats_are_correctly_rounded() {
        for text in [
            "0.30000000000000004",
            "2.2250738585072014e-308",
            "5e-324",
            "1.7976931348623157e308",
            "9007199254740993.0",
            "3.141592653589793238462643383279",
            "123456789012345678901234567890",
        ] {
            let expected: f64 = text.parse().unwrap();
            assert_eq!(decode_text(text).as_f64(), Some(expected), "{text}");
        }
    }

    #[test]
    fn the_check_refuses_what_value_refuses() {
        for (text, refused) in [
            ("1e400", true),
            ("-1e400", true),
            (r#""\ud800""#, true),
            (r#"["\udc00x"]"#, true),
            (r#""\ud83d\ude00""#, false),
            ("1e308", false),
        ] {
            assert_eq!(checked_text(raw(text)).is_err(), refused, "{text}");
            assert_eq!(
                serde_json::from_str::<Value>(text).is_err(),
                refused,
                "{text}"
            );
        }
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(checked_text(raw(&nested(MAX_EXTRA_DEPTH))).is_ok());
        assert!(checked_text(raw(&nested(MAX_EXTRA_DEPTH + 1))).is_err());
    }

    #[test]
    fn what_the_scan_lets_through_reads_as_a_value() {
        for (text, may_be_refused) in [
            ("true", false),
            ("[false,null,0,-1,2.5,\"e\",\"E1\"]", false),
            (r#"{"exponent":"1e400"}"#, false),
            ("1e400", true),
            ("1.5E-3", true),
            (r#""\ud800""#, true),
            (r#""\n""#, true),
        ] {
            let found = scan(text);
            assert_eq!(found.may_be_refused, may_be_refused, "{text}");
            if !may_be_refused {
                assert!(serde_json::from_str::<Value>(text).is_ok(), "{text}");
            }
        }
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(!scan(&nested(MAX_EXTRA_DEPTH)).may_be_refused);
        assert!(scan(&nested(MAX_EXTRA_DEPTH + 1)).may_be_refused);
        assert!(scan("[1, 2]").whitespace);
        assert!(!scan(r#"["a b"]"#).whitespace);
    }

    #[test]
    fn debug_shows_the_text() {
        let mut extra = ExtraFields::default();
        extra.push_decoded("load".to_owned(), raw("0.50"));
        extra.insert("requestId", "req_1").unwrap();
        assert_eq!(
            format!("{extra:?}"),
            r#"ExtraFields {"load": 0.50, "requestId": "req_1"}"#
        );
    }
}
