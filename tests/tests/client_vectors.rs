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
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/bodies")
            .join(file);
        return std::fs::read(path).expect("a body of the corpus");
    }
    let parts = case["bodyParts"].as_array().expect("a body in some form");
    parts
        .iter()
        .flat_map(|part| {
            let text = part[0].as_str().expect("a text");
            let times = part[1].as_u64().expect("a count");
            text.repeat(usize::try_from(times).expect("a count that fits"))
                .into_bytes()
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
            wrong.push(format!(
                "{}:\n  expected {want}\n  got      {got}",
                case["name"]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
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

/// Bodies near the envelope: every prefix of a few, and random edits of them with the
/// tokens that change what a body is.
fn generated_bodies() -> Vec<Vec<u8>> {
    let seeds: Vec<Vec<u8>> = [
        r#"{"statusCode":403,"code":"NOT_AUTHORIZED","message":"Not authorized for this operation","detail":"session:viewDenied","timestamp":"2026-05-13T08:30:00Z"}"#,
        "{\n  \"statusCode\": 503,\n  \"code\": \"UNAVAILABLE\",\n  \"message\": \"caf\u{e9} \\u00e9 \\ud83d\\ude00\",\n  \"detail\": null,\n  \"timestamp\": \"2016-12-31T23:59:60.5Z\",\n  \"requestId\": \"r\",\n  \"x\": [1.5e3, -0, {\"a\": true}]\n}",
        r#"{"timestamp":"2026-05-13 08:30:00+02:00","code":"","message":"a\"b","statusCode":0,"requestId":"a","requestId":"b"}"#,
    ]
    .iter()
    .map(|seed| seed.as_bytes().to_vec())
    .collect();
    let mut bodies: Vec<Vec<u8>> = Vec::new();
    for seed in &seeds {
        for end in 0..=seed.len() {
            bodies.push(seed[..end].to_vec());
        }
    }
    const TOKENS: &[&[u8]] = &[
        b"{",
        b"}",
        b"[",
        b"]",
        b"\"",
        b":",
        b",",
        b"\\",
        b"\\u",
        b"d800",
        b"dc00",
        b"1e400",
        b"-0",
        b"0",
        b".5",
        b"e9",
        b" ",
        b"\n",
        b"null",
        b"tru",
        b"\"statusCode\":",
        b"\"code\":",
        b"\"x\":",
        b"\xef\xbb\xbf",
        b"\xc3",
        b"\xff",
        b"\x00",
        b"60Z",
        b"+25:00",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % u64::try_from(below).expect("fits")).expect("fits")
    };
    for round in 0..6000 {
        let mut body = seeds[round % seeds.len()].clone();
        for _ in 0..=next(3) {
            let at = next(body.len() + 1);
            let cut = next(3).min(body.len() - at);
            let token = TOKENS[next(TOKENS.len())];
            body.splice(at..at + cut, token.iter().copied());
        }
        bodies.push(body);
    }
    bodies
}

/// What the Rust decoder makes of a body, as `tests/node/classify.mjs` writes it.
fn rust_classification(body: &[u8]) -> Value {
    match luxxon_errors::LuxxonError::from_json(body) {
        Ok(envelope) => serde_json::json!([null, null, envelope.code.as_str()]),
        Err(error) => serde_json::json!([kind_name(error.kind()), error.member()]),
    }
}

#[test]
fn the_npm_package_decodes_thousands_of_bodies_as_the_rust_crate_does() {
    let node_runs = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !node_runs {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must compare the two decoders: install node"
        );
        eprintln!("skipping the comparison with the npm package's decoder: no node here");
        return;
    }
    let bodies = generated_bodies();
    let hex: Vec<String> = bodies
        .iter()
        .map(|body| body.iter().map(|byte| format!("{byte:02x}")).collect())
        .collect();
    let mut child = std::process::Command::new("node")
        .arg(support::workspace_root().join("tests/node/classify.mjs"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(serde_json::to_string(&hex).expect("JSON").as_bytes())
            .expect("written");
    }
    let output = child.wait_with_output().expect("node ends");
    assert!(output.status.success(), "classify.mjs failed");
    let node: Vec<Value> = serde_json::from_slice(&output.stdout).expect("JSON from node");
    assert_eq!(node.len(), bodies.len());
    let mut wrong = Vec::new();
    for (body, from_node) in bodies.iter().zip(&node) {
        let mut from_node = from_node.clone();
        let from_rust = rust_classification(body);
        // Rust gives [kind, member] for a failure, JavaScript [kind, member, null].
        if from_rust.as_array().is_some_and(|items| items.len() == 2) {
            from_node.as_array_mut().map(Vec::pop);
        }
        if from_rust != from_node {
            wrong.push(format!(
                "{:?}: Rust {from_rust}, npm {from_node}",
                String::from_utf8_lossy(body)
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} bodies differ:\n{}",
        wrong.len(),
        bodies.len(),
        wrong
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
