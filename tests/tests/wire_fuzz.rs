//! Generated bodies through `LuxxonError::from_json`: over 100 000 per run, of four
//! families (random bytes, JSON-like token soup, mutated envelopes, generated envelopes).
//!
//! For every body: decoding does not panic, agrees with `from_json_vec` and with the
//! generic `Deserialize` impl; a decoded envelope holds the body's JSON value, and
//! re-encodes to a body that decodes to an equal envelope and re-encodes to the same
//! bytes; a failure keeps the body, and its kind says truly whether the body is JSON.
//!
//! The seed changes every run. A failure prints the smallest body found; to replay a
//! run, set `PROPTEST_RNG_SEED` to the seed it prints.

use luxxon_errors::{DecodeErrorKind, ErrorCode, LuxxonError};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

const RANDOM_BYTES_CASES: u32 = 20_000;
const TOKEN_SOUP_CASES: u32 = 20_000;
const MUTATED_ENVELOPE_CASES: u32 = 35_000;
const GENERATED_ENVELOPE_CASES: u32 = 25_000;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";
const OWN_MEMBERS: [&str; 5] = ["statusCode", "code", "message", "detail", "timestamp"];

/// Runs `cases` inputs of `strategy` through `check`, and fails unless all of them ran.
fn run<S: Strategy>(cases: u32, strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        // Failures are reported with the seed to replay them; no file is written.
        failure_persistence: None,
        ..Config::default()
    };
    let ran = std::cell::Cell::new(0_u32);
    let result = TestRunner::new(config).run(&strategy, |input| {
        ran.set(ran.get() + 1);
        check(input)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    assert!(ran.get() >= cases, "{} of {cases} cases ran", ran.get());
}

/// What holds for any body whatever.
fn check_any_body(body: &[u8]) -> Result<(), TestCaseError> {
    let decoded = LuxxonError::from_json(body);
    prop_assert_eq!(&LuxxonError::from_json_vec(body.to_vec()), &decoded);
    let text = body.strip_prefix(BYTE_ORDER_MARK).unwrap_or(body);
    let generic = serde_json::from_slice::<LuxxonError>(text).ok();
    let as_json = serde_json::from_slice::<Value>(text).ok();
    match decoded {
        Ok(error) => {
            prop_assert_eq!(generic.as_ref(), Some(&error));
            let json =
                serde_json::to_value(&error).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(Some(&json), as_json.as_ref(), "a member or value was lost");
            let encoded =
                serde_json::to_vec(&error).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let again = LuxxonError::from_json(&encoded);
            prop_assert_eq!(again.as_ref(), Ok(&error));
            if let Ok(again) = again {
                prop_assert_eq!(serde_json::to_vec(&again).ok(), Some(encoded));
            }
            prop_assert_eq!(
                error.status_matches_catalog(),
                error
                    .code
                    .status()
                    .map(|status| status == error.status_code)
            );
        }
        Err(error) => {
            prop_assert!(generic.is_none(), "the generic impl decoded it");
            prop_assert_eq!(error.body(), body);
            prop_assert_eq!(error.json(), as_json.as_ref());
            prop_assert_eq!(
                error.kind() == DecodeErrorKind::NotAnEnvelope,
                as_json.is_some(),
                "kind {:?} for a body that is{} JSON",
                error.kind(),
                if as_json.is_some() { "" } else { " not" }
            );
            if error.member().is_some() {
                prop_assert_eq!(error.kind(), DecodeErrorKind::NotAnEnvelope);
            }
            if error.kind() == DecodeErrorKind::Empty {
                prop_assert!(text.iter().all(|byte| b" \t\r\n".contains(byte)));
            }
            prop_assert!(error.line() >= 1);
            prop_assert!(error.column() <= body.len());
            prop_assert!(!error.message().is_empty());
            prop_assert!(!error.to_string().is_empty());
        }
    }
    Ok(())
}

#[test]
fn random_bytes() {
    run(
        RANDOM_BYTES_CASES,
        proptest::collection::vec(any::<u8>(), 0..200),
        |body| check_any_body(&body),
    );
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\n",
    "\"",
    "\\",
    "\"statusCode\"",
    "\"code\"",
    "\"message\"",
    "\"detail\"",
    "\"timestamp\"",
    "\"requestId\"",
    "403",
    "0",
    "-1",
    "65536",
    "403.0",
    "1e400",
    "-0",
    "18446744073709551616",
    "null",
    "true",
    "false",
    "nul",
    "\"NOT_FOUND\"",
    "\"BRAND_NEW\"",
    "\"\"",
    "\"2026-05-13T08:30:00Z\"",
    "\"2026-05-13t08:30:00z\"",
    "\"\\u00e9\"",
    "\"\\ud800\"",
    "\"\\ud83d\\ude00\"",
    "\u{FEFF}",
    "\u{e9}",
    "<html>",
    "\t",
];

#[test]
fn json_like_token_soup() {
    let token = proptest::sample::select(TOKENS);
    let raw_byte = any::<u8>().prop_map(|byte| vec![byte]);
    let piece = prop_oneof![9 => token.prop_map(|token| token.as_bytes().to_vec()), 1 => raw_byte];
    let body =
        (any::<bool>(), proptest::collection::vec(piece, 0..40)).prop_map(|(bom, pieces)| {
            let mut body = if bom {
                BYTE_ORDER_MARK.to_vec()
            } else {
                Vec::new()
            };
            body.extend(pieces.concat());
            body
        });
    run(TOKEN_SOUP_CASES, body, |body| check_any_body(&body));
}

/// Valid envelopes, as (member, JSON text) lists, that mutations start from.
fn seed_envelopes() -> Vec<Vec<(String, String)>> {
    let seeds: [&[(&str, &str)]; 4] = [
        &[
            ("statusCode", "403"),
            ("code", r#""NOT_AUTHORIZED""#),
            ("message", r#""Not authorized for this operation""#),
            ("detail", r#""session:viewDenied""#),
            ("timestamp", r#""2026-05-13T08:30:00Z""#),
        ],
        &[
            ("requestId", r#""req_01HX""#),
            ("statusCode", "503"),
            ("code", r#""NEW_OUTAGE_CODE""#),
            ("message", r#""Something is down""#),
            ("timestamp", r#""2026-05-13T10:30:00.500+02:00""#),
            ("retryAfter", "2"),
            ("trace", r#"{"span":"a1","hops":[1,2.5,null]}"#),
        ],
        &[
            ("statusCode", "500"),
            ("code", r#""NOT_FOUND""#),
            ("message", r#""caf\u00e9 \ud83d\ude00""#),
            ("detail", "null"),
            ("timestamp", r#""2026-05-13t08:30:00z""#),
        ],
        &[
            ("statusCode", "0"),
            ("code", r#""""#),
            ("message", r#""""#),
            ("timestamp", r#""2026-06-30T23:59:60Z""#),
            ("big", "18446744073709551615"),
        ],
    ];
    seeds
        .iter()
        .map(|seed| {
            seed.iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect()
        })
        .collect()
}

const VALUE_POOL: &[&str] = &[
    "403",
    "\"403\"",
    "403.0",
    "-1",
    "70000",
    "0",
    "999",
    "null",
    "true",
    "[]",
    "{}",
    r#"[1,{"a":null}]"#,
    r#""NOT_FOUND""#,
    r#""BRAND_NEW""#,
    r#""""#,
    r#""2026-05-13t08:30:00z""#,
    r#""2026-05-13T10:30:00.500+02:00""#,
    r#""yesterday""#,
    "1e400",
    "18446744073709551616",
    r#""\u00e9\ud83d\ude00""#,
    r#""\ud800""#,
    "1.0e3",
    r#"{"b":1,"a":2,"b":3}"#,
];

#[derive(Clone, Debug)]
enum MemberEdit {
    Remove(usize),
    Duplicate(usize),
    ReplaceValue(usize, &'static str),
    Add(&'static str, &'static str),
    Swap(usize, usize),
}

#[derive(Clone, Debug)]
enum ByteEdit {
    Flip(usize, u8),
    Truncate(usize),
    Delete(usize, usize),
    Repeat(usize, usize),
    Insert(usize, &'static str),
}

fn member_edit() -> impl Strategy<Value = MemberEdit> {
    let name = proptest::sample::select(
        &[
            "statusCode",
            "code",
            "message",
            "detail",
            "timestamp",
            "requestId",
            "x",
        ][..],
    );
    prop_oneof![
        any::<usize>().prop_map(MemberEdit::Remove),
        any::<usize>().prop_map(MemberEdit::Duplicate),
        (any::<usize>(), proptest::sample::select(VALUE_POOL))
            .prop_map(|(at, value)| MemberEdit::ReplaceValue(at, value)),
        (name, proptest::sample::select(VALUE_POOL))
            .prop_map(|(name, value)| MemberEdit::Add(name, value)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| MemberEdit::Swap(a, b)),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| ByteEdit::Flip(at, byte)),
        any::<usize>().prop_map(ByteEdit::Truncate),
        (any::<usize>(), 1_usize..8).prop_map(|(at, length)| ByteEdit::Delete(at, length)),
        (any::<usize>(), 1_usize..8).prop_map(|(at, length)| ByteEdit::Repeat(at, length)),
        (any::<usize>(), proptest::sample::select(TOKENS))
            .prop_map(|(at, token)| ByteEdit::Insert(at, token)),
    ]
}

fn apply_member_edit(members: &mut Vec<(String, String)>, edit: &MemberEdit) {
    let count = members.len();
    match *edit {
        MemberEdit::Remove(at) if count > 0 => {
            members.remove(at % count);
        }
        MemberEdit::Duplicate(at) if count > 0 => {
            let member = members[at % count].clone();
            members.insert(at % count, member);
        }
        MemberEdit::ReplaceValue(at, value) if count > 0 => {
            members[at % count].1 = value.to_owned()
        }
        MemberEdit::Add(name, value) => members.push((name.to_owned(), value.to_owned())),
        MemberEdit::Swap(a, b) if count > 0 => members.swap(a % count, b % count),
        _ => {}
    }
}

fn apply_byte_edit(body: &mut Vec<u8>, edit: &ByteEdit) {
    let length = body.len();
    match *edit {
        ByteEdit::Flip(at, byte) if length > 0 => body[at % length] = byte,
        ByteEdit::Truncate(at) => body.truncate(at % (length + 1)),
        ByteEdit::Delete(at, count) if length > 0 => {
            let start = at % length;
            body.drain(start..(start + count).min(length));
        }
        ByteEdit::Repeat(at, count) if length > 0 => {
            let start = at % length;
            let piece = body[start..(start + count).min(length)].to_vec();
            body.splice(start..start, piece);
        }
        ByteEdit::Insert(at, token) => {
            let at = at % (length + 1);
            body.splice(at..at, token.bytes());
        }
        _ => {}
    }
}

fn render(members: &[(String, String)], pretty: bool) -> Vec<u8> {
    let members: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("{}:{value}", Value::from(name.as_str())))
        .collect();
    if pretty {
        format!("{{\n  {}\n}}\n", members.join(",\n  ")).into_bytes()
    } else {
        format!("{{{}}}", members.join(",")).into_bytes()
    }
}

#[test]
fn mutated_envelopes() {
    let seeds = seed_envelopes();
    let strategy = (
        0..seeds.len(),
        any::<bool>(),
        proptest::collection::vec(member_edit(), 0..3),
        proptest::collection::vec(byte_edit(), 0..3),
    );
    run(
        MUTATED_ENVELOPE_CASES,
        strategy,
        |(seed, pretty, member_edits, byte_edits)| {
            let mut members = seeds[seed].clone();
            for edit in &member_edits {
                apply_member_edit(&mut members, edit);
            }
            let mut body = render(&members, pretty);
            for edit in &byte_edits {
                apply_byte_edit(&mut body, edit);
            }
            check_any_body(&body)
        },
    );
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("JSON has no NaN or infinity", |number| {
            serde_json::Number::from_f64(number).map(Value::Number)
        }),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z]{0,3}", inner, 0..4)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// An RFC 3339 timestamp in one of its many spellings.
fn timestamp_text() -> impl Strategy<Value = String> {
    (
        (0_u32..=9999, 1_u32..=12, 1_u32..=28),
        (0_u32..=23, 0_u32..=59, 0_u32..=59),
        proptest::option::of("[0-9]{1,12}"),
        proptest::sample::select(&["T", "t", " "][..]),
        prop_oneof![
            proptest::sample::select(&["Z", "z"][..]).prop_map(str::to_owned),
            (proptest::sample::select(&["+", "-"][..]), 0_u32..=23, 0_u32..=59)
                .prop_map(|(sign, hours, minutes)| format!("{sign}{hours:02}:{minutes:02}")),
        ],
    )
        .prop_map(|((year, month, day), (hour, minute, second), fraction, separator, offset)| {
            let fraction = fraction.map_or(String::new(), |digits| format!(".{digits}"));
            format!("{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}:{second:02}{fraction}{offset}")
        })
}

fn code_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(ErrorCode::ALL).prop_map(|code| code.as_str().to_owned()),
        "[A-Z_]{0,24}",
        ".{0,12}",
    ]
}

#[derive(Clone, Debug)]
struct GeneratedEnvelope {
    status_code: u16,
    code: String,
    message: String,
    /// Absent, `null`, or a string.
    detail: Option<Option<String>>,
    timestamp: String,
    extra: Vec<(String, Value)>,
    /// Where the own members go among the extra ones, in received order.
    order_seed: u64,
    pretty: bool,
}

impl GeneratedEnvelope {
    fn own_members(&self) -> Vec<(String, Value)> {
        let mut members = vec![
            ("statusCode".to_owned(), Value::from(self.status_code)),
            ("code".to_owned(), Value::from(self.code.as_str())),
            ("message".to_owned(), Value::from(self.message.as_str())),
        ];
        if let Some(detail) = &self.detail {
            members.push((
                "detail".to_owned(),
                detail.clone().map_or(Value::Null, Value::from),
            ));
        }
        members.push(("timestamp".to_owned(), Value::from(self.timestamp.as_str())));
        members
    }

    /// The members as sent: own and extra shuffled together, extras keeping their order.
    fn body(&self) -> Vec<u8> {
        let mut own = self.own_members();
        let mut extra = self.extra.clone();
        let mut received = Vec::new();
        let mut bits = self.order_seed;
        while !own.is_empty() || !extra.is_empty() {
            let take_own = extra.is_empty() || (!own.is_empty() && bits & 1 == 1);
            bits = bits.rotate_right(1) ^ 0x9E37_79B9_7F4A_7C15;
            let source = if take_own { &mut own } else { &mut extra };
            let at = if take_own {
                (bits as usize) % source.len()
            } else {
                0
            };
            received.push(source.remove(at));
        }
        let members: Vec<(String, String)> = received
            .into_iter()
            .map(|(name, value)| (name, value.to_string()))
            .collect();
        render(&members, self.pretty)
    }

    /// What encoding a decoded envelope must write: own members first, then the extras.
    fn canonical(&self) -> String {
        let members: Vec<String> = self
            .own_members()
            .into_iter()
            .chain(self.extra.iter().cloned())
            .map(|(name, value)| format!("{}:{value}", Value::from(name)))
            .collect();
        format!("{{{}}}", members.join(","))
    }
}

fn generated_envelope() -> impl Strategy<Value = GeneratedEnvelope> {
    let extra =
        proptest::collection::vec(("[a-zA-Z_]{1,10}", json_value()), 0..4).prop_map(|members| {
            let mut unique: Vec<(String, Value)> = Vec::new();
            for (name, value) in members {
                if !OWN_MEMBERS.contains(&name.as_str())
                    && unique.iter().all(|(seen, _)| *seen != name)
                {
                    unique.push((name, value));
                }
            }
            unique
        });
    (
        any::<u16>(),
        code_text(),
        ".{0,24}",
        proptest::option::of(proptest::option::of(".{0,16}")),
        timestamp_text(),
        extra,
        any::<u64>(),
        any::<bool>(),
    )
        .prop_map(
            |(status_code, code, message, detail, timestamp, extra, order_seed, pretty)| {
                GeneratedEnvelope {
                    status_code,
                    code,
                    message,
                    detail,
                    timestamp,
                    extra,
                    order_seed,
                    pretty,
                }
            },
        )
}

#[test]
fn generated_envelopes_decode_and_encode_back_canonically() {
    run(
        GENERATED_ENVELOPE_CASES,
        generated_envelope(),
        |generated| {
            let body = generated.body();
            let error = LuxxonError::from_json(&body)
                .map_err(|error| TestCaseError::fail(format!("{error}: {}", error.body_text())))?;
            prop_assert_eq!(error.status_code, generated.status_code);
            prop_assert_eq!(error.code.as_str(), generated.code.as_str());
            prop_assert_eq!(
                error.code.is_known(),
                ErrorCode::known(&generated.code).is_some()
            );
            prop_assert_eq!(&error.message, &generated.message);
            prop_assert_eq!(&error.detail, &generated.detail.clone().flatten());
            prop_assert_eq!(error.timestamp.as_str(), generated.timestamp.as_str());
            let extra: Vec<(String, Value)> = error
                .extra
                .iter()
                .map(|(name, value)| (name.to_owned(), value.clone()))
                .collect();
            prop_assert_eq!(&extra, &generated.extra);
            prop_assert_eq!(
                serde_json::to_string(&error).ok(),
                Some(generated.canonical())
            );
            check_any_body(&body)
        },
    );
}

#[test]
fn the_runs_add_up_to_at_least_100_000_bodies() {
    let total =
        RANDOM_BYTES_CASES + TOKEN_SOUP_CASES + MUTATED_ENVELOPE_CASES + GENERATED_ENVELOPE_CASES;
    assert!(total >= 100_000, "{total}");
}
