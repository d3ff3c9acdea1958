//! Decode → encode keeps what the rustdoc of `LuxxonError` ("What decoding keeps") says it
//! keeps, and changes only what it says it changes.

mod support;

use luxxon_errors::{ErrorCode, LuxxonError};
use serde_json::{Value, json};
use support::page_example;

fn round_trip(body: &str) -> String {
    let error = LuxxonError::from_json(body.as_bytes()).unwrap_or_else(|error| panic!("{error}"));
    serde_json::to_string(&error).unwrap()
}

#[test]
fn the_page_example_encodes_back_to_the_same_text() {
    let example = page_example();
    assert!(
        example.starts_with("{\n  \"statusCode\": 403,"),
        "{example}"
    );
    let error = LuxxonError::from_json(example.as_bytes()).unwrap();
    assert_eq!(error.code, ErrorCode::NotAuthorized);
    assert_eq!(error.status_matches_catalog(), Some(true));
    assert_eq!(serde_json::to_string_pretty(&error).unwrap(), example);
}

#[test]
fn an_unknown_code_unknown_members_and_odd_timestamps_survive_byte_for_byte() {
    for timestamp in [
        "2026-05-13t08:30:00z",
        "2026-05-13T10:30:00.500+02:00",
        "2026-05-13T08:30:00.000000001Z",
        "2026-05-13T08:30:00.123456789123Z",
        "2026-05-13T08:30:00-00:00",
        "2026-05-13T03:00:00-05:30",
        "2026-05-13 08:30:00Z",
        "2026-06-30T23:59:60Z",
    ] {
        let body = format!(
            r#"{{"statusCode":429,"code":"RATE_LIMITED_V2","message":"Slow down","detail":"key:k_9","timestamp":"{timestamp}","requestId":"req_01HX","retryAfter":2,"limits":{{"burst":10,"window":[1,"s"]}},"deprecated":false,"hint":null,"quota":-7}}"#
        );
        assert_eq!(round_trip(&body), body);
        let error = LuxxonError::from_json(body.as_bytes()).unwrap();
        assert_eq!(error.code, "RATE_LIMITED_V2");
        assert!(!error.code.is_known());
        assert_eq!(error.timestamp.as_str(), timestamp);
        let names: Vec<&str> = error.extra.iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            [
                "requestId",
                "retryAfter",
                "limits",
                "deprecated",
                "hint",
                "quota"
            ]
        );
    }
}

#[test]
fn spellings_of_one_instant_stay_distinct() {
    let instants: Vec<_> = [
        "2026-05-13T08:30:00Z",
        "2026-05-13t08:30:00z",
        "2026-05-13T08:30:00+00:00",
        "2026-05-13T10:30:00+02:00",
        "2026-05-13T08:30:00.000Z",
    ]
    .into_iter()
    .map(|timestamp| {
        let body = format!(
            r#"{{"statusCode":404,"code":"NOT_FOUND","message":"x","timestamp":"{timestamp}"}}"#
        );
        assert_eq!(round_trip(&body), body);
        LuxxonError::from_json(body.as_bytes()).unwrap().timestamp
    })
    .collect();
    for timestamp in &instants {
        assert_eq!(
            timestamp.to_offset_date_time(),
            instants[0].to_offset_date_time()
        );
    }
    assert_ne!(instants[0], instants[1], "equality compares the text");
}

#[test]
fn detail_absent_null_and_empty_each_stay_as_they_were() {
    for detail in [None, Some("null"), Some(r#""""#), Some(r#""x""#)] {
        let member = detail.map_or(String::new(), |value| format!(r#","detail":{value}"#));
        let body = format!(
            r#"{{"statusCode":500,"code":"INTERNAL_SERVER_ERROR","message":"Unexpected"{member},"timestamp":"2026-05-13T08:30:00Z"}}"#
        );
        assert_eq!(round_trip(&body), body);
    }
    // Set by hand, `None` is absent.
    let mut error = LuxxonError::from_json(
        br#"{"statusCode":500,"code":"INTERNAL_SERVER_ERROR","message":"x","detail":null,"timestamp":"2026-05-13T08:30:00Z"}"#,
    )
    .unwrap();
    assert_eq!(error.detail, None);
    error = error.with_detail("now set");
    assert!(
        serde_json::to_string(&error)
            .unwrap()
            .contains(r#""detail":"now set""#)
    );
}

#[test]
fn own_members_are_written_in_canonical_order_and_extras_in_received_order() {
    let body = r#"{"z":1,"timestamp":"2026-05-13T08:30:00Z","a":2,"detail":"d","message":"m","code":"CONFLICT","statusCode":409,"m":3}"#;
    assert_eq!(
        round_trip(body),
        r#"{"statusCode":409,"code":"CONFLICT","message":"m","detail":"d","timestamp":"2026-05-13T08:30:00Z","z":1,"a":2,"m":3}"#
    );
}

/// An envelope with the extra member `n` spelled `number`.
fn with_number(number: &str) -> String {
    format!(
        r#"{{"statusCode":500,"code":"X","message":"m","timestamp":"2026-05-13T08:30:00Z","n":{number}}}"#
    )
}

#[test]
fn integers_in_extra_members_are_exact_over_the_whole_64_bit_range() {
    for number in [
        "0",
        "-1",
        "9007199254740993",
        "-9223372036854775808",
        "18446744073709551615",
    ] {
        let body = with_number(number);
        assert_eq!(round_trip(&body), body);
    }
}

/// The limits the rustdoc lists: if one of these starts to hold the spelling, the
/// documentation must change with it.
#[test]
fn the_spelling_of_the_body_is_not_kept() {
    let cases = [
        // Whitespace, and escapes in the own members.
        (
            "{ \"statusCode\" : 400 ,\n\t\"code\":\"INVALID_\\u0049NPUT\",\"message\":\"caf\\u00e9 \\/\",\"timestamp\":\"2026-05-13T08:30:00Z\" }",
            r#"{"statusCode":400,"code":"INVALID_INPUT","message":"café /","timestamp":"2026-05-13T08:30:00Z"}"#,
        ),
        // Whitespace between the tokens of an extra member (not in its strings).
        (
            "{\"statusCode\":500,\"code\":\"X\",\"message\":\"m\",\"timestamp\":\"2026-05-13T08:30:00Z\",\"trace\": {\r\n  \"a b\" : [ 1 ,\t\"c d\" ]\n}\n}",
            r#"{"statusCode":500,"code":"X","message":"m","timestamp":"2026-05-13T08:30:00Z","trace":{"a b":[1,"c d"]}}"#,
        ),
    ];
    for (body, encoded) in cases {
        assert_eq!(round_trip(body), encoded);
        assert_eq!(
            round_trip(encoded),
            encoded,
            "the re-spelled body is a fixed point"
        );
    }
}

/// An extra member is written back as the text received: numbers as spelled (no `f64`
/// in between), escapes, and the order and repetitions of members in nested objects.
/// Reading it gives the `Value` serde_json reads from that text.
#[test]
fn extra_members_keep_their_text() {
    let body = r#"{"statusCode":500,"code":"X","message":"m","timestamp":"2026-05-13T08:30:00Z","a":1.0e3,"b":2.50,"c":18446744073709551616,"d":-0,"e":1E-7,"f":"\u0041\/","trace":{"b":1,"a":2,"b":3}}"#;
    assert_eq!(round_trip(body), body);
    let error = LuxxonError::from_json(body.as_bytes()).unwrap();
    for (name, value) in [
        ("a", json!(1000.0)),
        ("b", json!(2.5)),
        ("c", json!(18446744073709551616.0)),
        ("d", json!(-0.0)),
        ("e", json!(1e-7)),
        ("f", json!("A/")),
        ("trace", json!({"a": 2, "b": 3})),
    ] {
        assert_eq!(error.extra.get(name), Some(&value), "{name}");
    }
    assert_eq!(error.extra.get_raw("a").map(|raw| raw.get()), Some("1.0e3"));
    // Equality compares the text, as for the timestamp: another spelling is another body.
    let respelled = body.replace("1.0e3", "1000.0");
    assert_ne!(LuxxonError::from_json(respelled.as_bytes()).unwrap(), error);
}

#[test]
fn every_float_decodes_back_to_the_same_f64_after_encoding() {
    for number in [
        "0.1",
        "0.30000000000000004",
        "2.2250738585072014e-308",
        "2.225073858507201e-308",
        "5e-324",
        "1.7976931348623157e308",
        "9007199254740993.0",
        "0.000001000000000000000055511151231257827",
        "123456789012345678901234567890",
        "3.141592653589793238462643383279",
    ] {
        let body = with_number(number);
        let first = LuxxonError::from_json(body.as_bytes()).unwrap();
        let expected: f64 = number.parse().unwrap();
        assert_eq!(
            first.extra.get("n").and_then(Value::as_f64),
            Some(expected),
            "{number}"
        );
        let encoded = serde_json::to_vec(&first).unwrap();
        let second = LuxxonError::from_json(&encoded).unwrap();
        assert_eq!(second, first, "{number}");
    }
}

#[test]
fn an_envelope_built_here_round_trips() {
    let mut error = LuxxonError::new(ErrorCode::InsufficientCredit, "Pool balance too low")
        .with_detail("pool:ws_42");
    error.extra.insert("requestId", "req_7").unwrap();
    error
        .extra
        .insert("retryAfter", json!({"seconds": 30}))
        .unwrap();
    let encoded = serde_json::to_string(&error).unwrap();
    assert_eq!(LuxxonError::from_json(encoded.as_bytes()), Ok(error));
}
