//! Realistic bad and odd response bodies (`tests/fixtures/bodies/`), each decoded and
//! checked against the outcome `expected.txt` declares for it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use luxxon_errors::{DecodeErrorKind, LuxxonError};
use serde_json::Value;

const MANIFEST: &str = "expected.txt";

/// What a body must decode to.
#[derive(Debug, PartialEq)]
enum Outcome {
    Decodes,
    Fails(DecodeErrorKind, Option<String>),
}

fn bodies_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/bodies")
}

fn manifest() -> BTreeMap<String, Outcome> {
    let text = std::fs::read_to_string(bodies_dir().join(MANIFEST)).expect("the manifest");
    let mut outcomes = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let (file, outcome, member) = match words.as_slice() {
            [file, outcome] => (*file, *outcome, None),
            [file, outcome, member] => (*file, *outcome, Some((*member).to_owned())),
            _ => panic!("`{line}`: expected `file outcome [member]`"),
        };
        let outcome = match outcome {
            "ok" => Outcome::Decodes,
            "not-json" => Outcome::Fails(DecodeErrorKind::NotJson, member),
            "empty" => Outcome::Fails(DecodeErrorKind::Empty, member),
            "truncated" => Outcome::Fails(DecodeErrorKind::Truncated, member),
            "not-an-envelope" => Outcome::Fails(DecodeErrorKind::NotAnEnvelope, member),
            other => panic!("`{line}`: unknown outcome `{other}`"),
        };
        assert!(
            outcomes.insert(file.to_owned(), outcome).is_none(),
            "`{file}` is listed twice"
        );
    }
    outcomes
}

/// The bodies of the folder, by file name; dot files (`.gitattributes`) are not bodies.
fn bodies() -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(bodies_dir())
        .expect("the bodies folder")
        .map(|entry| {
            let entry = entry.expect("a folder entry");
            let name = entry.file_name().into_string().expect("a UTF-8 file name");
            (name, entry.path())
        })
        .filter(|(name, _)| name != MANIFEST && !name.starts_with('.'))
        .map(|(name, path)| (name, std::fs::read(path).expect("a body")))
        .collect()
}

fn without_byte_order_mark(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

#[test]
fn every_body_has_an_expected_outcome_and_every_outcome_a_body() {
    let manifest = manifest();
    let bodies = bodies();
    let unlisted: Vec<&String> = bodies
        .keys()
        .filter(|name| !manifest.contains_key(*name))
        .collect();
    assert!(
        unlisted.is_empty(),
        "bodies with no line in {MANIFEST}: {unlisted:?}"
    );
    let missing: Vec<&String> = manifest
        .keys()
        .filter(|name| !bodies.contains_key(*name))
        .collect();
    assert!(
        missing.is_empty(),
        "lines of {MANIFEST} with no body: {missing:?}"
    );
    assert!(
        bodies.len() >= 50,
        "the corpus shrank to {} bodies",
        bodies.len()
    );
}

#[test]
fn every_body_decodes_to_its_expected_outcome() {
    let manifest = manifest();
    let mut wrong = Vec::new();
    for (name, body) in bodies() {
        let Some(expected) = manifest.get(&name) else {
            continue;
        };
        let actual = match LuxxonError::from_json(&body) {
            Ok(_) => Outcome::Decodes,
            Err(error) => Outcome::Fails(error.kind(), error.member().map(str::to_owned)),
        };
        if actual != *expected {
            wrong.push(format!("{name}: expected {expected:?}, got {actual:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A failure keeps the body whole, and the parsed JSON exactly when the body is JSON.
#[test]
fn every_failure_keeps_the_body_as_received() {
    for (name, body) in bodies() {
        let Err(error) = LuxxonError::from_json(&body) else {
            continue;
        };
        assert_eq!(error.body(), body.as_slice(), "{name}");
        let parsed: Option<Value> = serde_json::from_slice(without_byte_order_mark(&body)).ok();
        assert_eq!(error.json(), parsed.as_ref(), "{name}");
        assert_eq!(
            parsed.is_some(),
            error.kind() == DecodeErrorKind::NotAnEnvelope,
            "{name}: {error}"
        );
        assert!(error.line() >= 1, "{name}: {error}");
        assert!(!error.message().is_empty(), "{name}");
        assert_eq!(
            LuxxonError::from_json_vec(body.clone()),
            Err(error),
            "{name}"
        );
    }
}

/// A decoded body encodes back to the same JSON value (every member, every value), and
/// that encoding is a fixed point.
#[test]
fn every_decoded_body_encodes_back_to_the_same_json() {
    for (name, body) in bodies() {
        let Ok(error) = LuxxonError::from_json(&body) else {
            continue;
        };
        let received: Value =
            serde_json::from_slice(without_byte_order_mark(&body)).expect("a decoded body is JSON");
        assert_eq!(serde_json::to_value(&error).unwrap(), received, "{name}");
        let encoded = serde_json::to_vec(&error).unwrap();
        let again = LuxxonError::from_json(&encoded).expect("an encoded envelope decodes");
        assert_eq!(again, error, "{name}");
        assert_eq!(serde_json::to_vec(&again).unwrap(), encoded, "{name}");
    }
}
