//! The cases both clients are held to (`tests/fixtures/client-vectors.json`): each error
//! response, classified by `HttpError`, gives what the file expects. The npm package's
//! tests (`tests/node/vectors.test.mjs`) read the same file, so a change to the rule, the
//! decoder or `Retry-After` in one language fails the other's tests until both agree.

mod support;

use std::path::PathBuf;

use luxxon_errors::time::OffsetDateTime;
use luxxon_errors::time::format_description::well_known::Rfc3339;
use luxxon_errors::{CatalogCode, DecodeErrorKind, HttpErrorKind, LuxxonHttpError};
use serde_json::Value;

/// One case's body, from whichever form the file gives it in.
fn body(case: &Value) -> Vec<u8> {
    if let Some(text) = case["body"].as_str() {
        return text.as_bytes().to_vec();
    }
    if let Some(encoded) = case["bodyBase64"].as_str() {
        return base64(encoded);
    }
    if let Some(file) = case["bodyFile"].as_str() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/bodies").join(file);
        return std::fs::read(path).expect("a body of the corpus");
    }
    let parts = case["bodyParts"].as_array().expect("a body in some form");
    parts
        .iter()
        .flat_map(|part| {
            let text = part[0].as_str().expect("a text");
            let times = part[1].as_u64().expect("a count");
            text.repeat(usize::try_from(times).expect("a count that fits")).into_bytes()
        })
        .collect()
}

fn base64(encoded: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0_u32;
    let mut count = 0;
    let mut out = Vec::new();
    for byte in encoded.bytes().filter(|&byte| byte != b'=') {
        let value = ALPHABET
            .iter()
            .position(|&letter| letter == byte)
            .expect("base64");
        bits = (bits << 6) | u32::try_from(value).expect("six bits");
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push(u8::try_from((bits >> count) & 0xff).expect("a byte"));
        }
    }
    out
}

fn kind_name(kind: DecodeErrorKind) -> &'static str {
    match kind {
        DecodeErrorKind::Empty => "Empty",
        DecodeErrorKind::NotJson => "NotJson",
        DecodeErrorKind::Truncated => "Truncated",
        DecodeErrorKind::NotAnEnvelope => "NotAnEnvelope",
        DecodeErrorKind::TooLarge => "TooLarge",
        other => panic!("a kind the vectors do not name: {other:?}"),
    }
}

/// What the Rust crate makes of a case, in the file's terms.
fn outcome(case: &Value, now: OffsetDateTime) -> Value {
    let status = u16::try_from(case["status"].as_u64().expect("a status")).expect("a status");
    let headers: Vec<(String, String)> = case["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|pair| {
            let text = |index: usize| pair[index].as_str().expect("a header").to_owned();
            (text(0), text(1))
        })
        .collect();
    let error = LuxxonHttpError::new(status, headers, body(case));
    let (kind, member) = match error.kind() {
        HttpErrorKind::Envelope(_) => (Value::Null, Value::Null),
        HttpErrorKind::NotAnEnvelope { error, .. } => (
            kind_name(error.kind()).into(),
            error.member().map_or(Value::Null, Value::from),
        ),
        other => panic!("a kind the vectors do not name: {other:?}"),
    };
    let retry_after = error.retry_after().map_or(Value::Null, |retry_after| {
        // As a double, as JSON (and JavaScript) hold the number.
        (retry_after.delay_from(now).as_millis() as f64).into()
    });
    serde_json::json!({
        "kind": kind,
        "member": member,
        "code": error.code().map(CatalogCode::as_str),
        "retryable": error.is_retryable(),
        "retryAfterMs": retry_after,
        "requestId": error.request_id(),
    })
}

/// The expectation, with its number as a double (as [`outcome`] gives it).
fn expected(case: &Value) -> Value {
    let mut expect = case["expect"].clone();
    if let Some(millis) = expect["retryAfterMs"].as_f64() {
        expect["retryAfterMs"] = millis.into();
    }
    expect
}

#[test]
fn the_rust_client_gives_what_every_vector_expects() {
    let vectors: Value =
        serde_json::from_str(&support::read("tests/fixtures/client-vectors.json")).expect("JSON");
    let now = OffsetDateTime::parse(vectors["now"].as_str().expect("now"), &Rfc3339)
        .expect("an RFC 3339 time");
    let cases = vectors["cases"].as_array().expect("cases");
    assert!(cases.len() >= 150, "the vectors shrank to {}", cases.len());
    let mut wrong = Vec::new();
    for case in cases {
        let (got, want) = (outcome(case, now), expected(case));
        if got != want {
            wrong.push(format!("{}:\n  expected {want}\n  got      {got}", case["name"]));
        }
    }
    assert!(wrong.is_empty(), "{} of {}:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn case_names_are_unique() {
    let vectors: Value =
        serde_json::from_str(&support::read("tests/fixtures/client-vectors.json")).expect("JSON");
    let mut names: Vec<&str> = vectors["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|case| case["name"].as_str().expect("a name"))
        .collect();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "two cases share a name");
}
