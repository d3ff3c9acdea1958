//! What `LuxxonError::from_json` gives for each kind of bad or odd body: the kind, the
//! member at fault, what was expected and found, where, and what it keeps.

mod support;

use luxxon_errors::{DecodeError, DecodeErrorKind, ErrorCode, LuxxonError};
use serde_json::{Value, json};
use support::PAGE_EXAMPLE_COMPACT as VALID;

fn decode_err(body: &[u8]) -> DecodeError {
    match LuxxonError::from_json(body) {
        Ok(error) => panic!("{:?} decoded to {error:?}", String::from_utf8_lossy(body)),
        Err(error) => error,
    }
}

/// `VALID` with the member `name` set to the JSON text `value`, members kept in order.
fn with_member(name: &str, value: &str) -> String {
    let members = [
        ("statusCode", "403"),
        ("code", r#""NOT_AUTHORIZED""#),
        ("message", r#""Not authorized for this operation""#),
        ("detail", r#""session:viewDenied""#),
        ("timestamp", r#""2026-05-13T08:30:00Z""#),
    ];
    assert!(members.iter().any(|(member, _)| *member == name));
    let members: Vec<String> = members
        .iter()
        .map(|(member, text)| {
            let text = if *member == name { value } else { text };
            format!("\"{member}\":{text}")
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

#[test]
fn an_html_page_is_not_json_and_keeps_the_page() {
    let page = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n</html>\r\n";
    let error = decode_err(page);
    assert_eq!(error.kind(), DecodeErrorKind::NotJson);
    assert_eq!((error.line(), error.column()), (1, 1));
    assert_eq!(error.member(), None);
    assert_eq!(error.json(), None);
    assert_eq!(error.body(), page);
    assert_eq!(error.body_text(), String::from_utf8_lossy(page));
    assert_eq!(
        error.to_string(),
        format!(
            "the body is not JSON: expected value (line 1, column 1, {} bytes)",
            page.len()
        )
    );
    assert_eq!(error.into_body(), page);
}

#[test]
fn an_empty_or_blank_body_is_empty_not_truncated() {
    for body in [
        &b""[..],
        b" ",
        b"\r\n\t \n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF\n",
    ] {
        let error = decode_err(body);
        assert_eq!(error.kind(), DecodeErrorKind::Empty, "{body:?}");
        assert_eq!(error.body(), body);
        assert!(
            error.to_string().starts_with("the body is empty: "),
            "{error}"
        );
    }
}

#[test]
fn every_proper_prefix_of_an_envelope_is_truncated_or_empty() {
    for end in 0..VALID.len() {
        let prefix = &VALID.as_bytes()[..end];
        let error = decode_err(prefix);
        let expected = if end == 0 {
            DecodeErrorKind::Empty
        } else {
            DecodeErrorKind::Truncated
        };
        assert_eq!(
            error.kind(),
            expected,
            "{:?}",
            String::from_utf8_lossy(prefix)
        );
        assert_eq!(error.body(), prefix);
        assert_eq!(error.member(), None);
    }
}

#[test]
fn a_json_value_that_is_not_an_object_is_not_an_envelope() {
    for (body, found) in [
        ("null", "null"),
        ("[]", "sequence"),
        ("[1,2]", "sequence"),
        (r#""Bad Gateway""#, r#"string "Bad Gateway""#),
        ("502", "integer `502`"),
        ("-1.5", "floating point `-1.5`"),
        ("true", "boolean `true`"),
    ] {
        let error = decode_err(body.as_bytes());
        assert_eq!(error.kind(), DecodeErrorKind::NotAnEnvelope, "{body}");
        assert_eq!(error.member(), None, "{body}");
        assert_eq!(error.json(), Some(&serde_json::from_str(body).unwrap()));
        assert!(
            error.message().starts_with(&format!(
                "invalid type: {found}, expected a Luxxon error envelope"
            )),
            "{body}: {}",
            error.message()
        );
    }
}

#[test]
fn a_member_of_the_wrong_type_or_value_is_named_with_what_was_expected_and_found() {
    for (member, value, message) in [
        ("code", "403", "expected a string, found the integer 403"),
        ("code", "null", "expected a string, found null"),
        (
            "code",
            r#"["NOT_FOUND"]"#,
            "expected a string, found an array of 1 item",
        ),
        (
            "statusCode",
            r#""403""#,
            r#"expected an integer from 0 to 65535, found the string "403""#,
        ),
        (
            "statusCode",
            "403.0",
            "expected an integer from 0 to 65535, found the number 403.0",
        ),
        (
            "statusCode",
            "4.03e2",
            "expected an integer from 0 to 65535, found the number 403.0",
        ),
        (
            "statusCode",
            "-403",
            "expected an integer from 0 to 65535, found the integer -403",
        ),
        (
            "statusCode",
            "65536",
            "expected an integer from 0 to 65535, found the integer 65536",
        ),
        (
            "statusCode",
            "18446744073709551616",
            "expected an integer from 0 to 65535, found the number 1.8446744073709552e+19",
        ),
        (
            "statusCode",
            "true",
            "expected an integer from 0 to 65535, found the boolean true",
        ),
        (
            "message",
            r#"{"en":"x","fr":"y"}"#,
            "expected a string, found an object of 2 members",
        ),
        (
            "message",
            "[]",
            "expected a string, found an array of 0 items",
        ),
        (
            "detail",
            "42",
            "expected a string or null, found the integer 42",
        ),
        (
            "detail",
            r#"{"field":"lat"}"#,
            "expected a string or null, found an object of 1 member",
        ),
        (
            "timestamp",
            "1778661000000",
            "expected an RFC 3339 date-time string, found the integer 1778661000000",
        ),
        (
            "timestamp",
            r#""yesterday""#,
            r#"expected an RFC 3339 date-time string, found the string "yesterday" ("#,
        ),
        (
            "timestamp",
            r#""2026-02-30T08:30:00Z""#,
            r#"expected an RFC 3339 date-time string, found the string "2026-02-30T08:30:00Z" ("#,
        ),
    ] {
        let body = with_member(member, value);
        let error = decode_err(body.as_bytes());
        assert_eq!(error.kind(), DecodeErrorKind::NotAnEnvelope, "{body}");
        assert_eq!(error.member(), Some(member), "{body}");
        let expected = format!("invalid member `{member}`: {message}");
        // A timestamp's reason comes from the date-time parser: only its presence is ours.
        if message.ends_with('(') {
            assert!(
                error.message().starts_with(&expected),
                "{}",
                error.message()
            );
            assert!(error.message().ends_with(')'), "{}", error.message());
        } else {
            assert_eq!(error.message(), expected, "{body}");
        }
        let json = error.json().expect("the body is JSON");
        assert_eq!(json[member], serde_json::from_str::<Value>(value).unwrap());
        let intact = if member == "detail" { "code" } else { "detail" };
        let expected: Value = serde_json::from_str(VALID).unwrap();
        assert_eq!(json[intact], expected[intact]);
    }
}

#[test]
fn the_position_points_at_the_member_at_fault() {
    let body = "{\n  \"statusCode\": 403,\n  \"code\": 403,\n  \"message\": \"x\"\n}";
    let error = decode_err(body.as_bytes());
    assert_eq!(error.member(), Some("code"));
    // The last byte of the wrong value: `  "code": 403,`.
    assert_eq!((error.line(), error.column()), (3, 13));

    let missing = "{\n  \"statusCode\": 403\n}";
    let error = decode_err(missing.as_bytes());
    assert_eq!(error.member(), Some("code"));
    assert_eq!((error.line(), error.column()), (3, 1));

    let twice = r#"{"code":"A","code":"B"}"#;
    let error = decode_err(twice.as_bytes());
    assert_eq!((error.line(), error.column()), (1, 18));
}

#[test]
fn a_missing_member_is_named() {
    for member in ["statusCode", "code", "message", "timestamp"] {
        let mut envelope: serde_json::Map<String, Value> = serde_json::from_str(VALID).unwrap();
        envelope.remove(member);
        let body = serde_json::to_vec(&envelope).unwrap();
        let error = decode_err(&body);
        assert_eq!(error.kind(), DecodeErrorKind::NotAnEnvelope);
        assert_eq!(error.member(), Some(member));
        assert_eq!(error.message(), format!("missing member `{member}`"));
    }
    let empty_object = decode_err(b"{}");
    assert_eq!(empty_object.member(), Some("statusCode"));
    assert_eq!(empty_object.json(), Some(&json!({})));
}

#[test]
fn a_member_sent_twice_is_refused_and_named() {
    let envelope: Value = serde_json::from_str(VALID).unwrap();
    for member in ["statusCode", "code", "message", "detail", "timestamp"] {
        let first = format!("{{\"{member}\":{},", envelope[member]);
        let body = VALID.replacen('{', &first, 1);
        let error = decode_err(body.as_bytes());
        assert_eq!(error.kind(), DecodeErrorKind::NotAnEnvelope, "{body}");
        assert_eq!(error.member(), Some(member), "{body}");
        assert_eq!(error.message(), format!("duplicate member `{member}`"));
    }
    // The second `detail` is well-typed: what is refused is the repetition itself.
    let body = VALID.replacen('{', r#"{"detail":"first","#, 1);
    let error = decode_err(body.as_bytes());
    assert_eq!(error.message(), "duplicate member `detail`");
    // The parsed value keeps the last; the body keeps both.
    assert_eq!(error.json().unwrap()["detail"], "session:viewDenied");
    assert!(error.body_text().contains(r#""detail":"first""#));

    let extras = VALID.replacen(
        '}',
        r#","requestId":"a","retryAfter":1,"requestId":"b"}"#,
        1,
    );
    let error = decode_err(extras.as_bytes());
    assert_eq!(error.member(), Some("requestId"));
    assert_eq!(error.message(), "duplicate member `requestId`");
}

#[test]
fn duplicates_among_many_extra_members_are_found() {
    let mut body = VALID.trim_end_matches('}').to_owned();
    for index in 0..5_000 {
        body.push_str(&format!(",\"m{index}\":{index}"));
    }
    let distinct = format!("{body}}}");
    let decoded = LuxxonError::from_json(distinct.as_bytes()).expect("distinct members decode");
    assert_eq!(decoded.extra.len(), 5_000);
    assert_eq!(decoded.extra.get("m4999"), Some(&json!(4999)));

    let repeated = format!("{body},\"m1234\":0}}");
    let error = decode_err(repeated.as_bytes());
    assert_eq!(error.member(), Some("m1234"));
}

#[test]
fn a_wrong_member_followed_by_garbage_is_not_json() {
    // The decoder refuses `statusCode` before it reaches the garbage; the kind still
    // describes the whole body.
    let error = decode_err(br#"{"statusCode":"502", <html>"#);
    assert_eq!(error.kind(), DecodeErrorKind::NotJson);
    assert_eq!(error.member(), None);
    assert_eq!(error.json(), None);
    let error = decode_err(br#"{"statusCode":"502","code":"#);
    assert_eq!(error.kind(), DecodeErrorKind::Truncated);
}

#[test]
fn a_huge_detail_decodes_and_a_huge_broken_body_is_kept_whole() {
    let detail = "x".repeat(8 << 20);
    let body = with_member("detail", &serde_json::to_string(&detail).unwrap());
    let error =
        LuxxonError::from_json(body.as_bytes()).expect("a huge detail is still an envelope");
    assert_eq!(error.detail.as_deref().map(str::len), Some(8 << 20));
    assert_eq!(serde_json::to_string(&error).unwrap().len(), body.len());

    let truncated = &body.as_bytes()[..body.len() / 2];
    let error = decode_err(truncated);
    assert_eq!(error.kind(), DecodeErrorKind::Truncated);
    assert_eq!(error.body(), truncated);
    // `{:?}` stays loggable.
    let debug = format!("{error:?}");
    assert!(debug.len() < 2_000, "{} bytes of Debug", debug.len());
    assert!(
        debug.contains(&format!("({} bytes in all)", truncated.len())),
        "{debug}"
    );

    let wrong = with_member("message", &serde_json::to_string(&[&detail]).unwrap());
    let error = decode_err(wrong.as_bytes());
    assert_eq!(error.member(), Some("message"));
    assert!(error.message().len() < 200, "{}", error.message());

    let long_code = with_member(
        "code",
        &format!("{{\"text\":{}}}", serde_json::to_string(&detail).unwrap()),
    );
    assert!(decode_err(long_code.as_bytes()).message().len() < 200);
    let long_timestamp = with_member("timestamp", &serde_json::to_string(&detail).unwrap());
    let message = decode_err(long_timestamp.as_bytes()).message().to_owned();
    assert!(message.len() < 300, "{message}");
    assert!(
        message.contains(&format!("({} bytes)", 8 << 20)),
        "{message}"
    );
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    // Test threads have a small stack (2 MiB unless RUST_MIN_STACK says otherwise): a
    // decoder that recursed without a limit would overflow it here and abort the run.
    for depth in [200, 100_000] {
        for (open, close) in [("[", "]"), (r#"{"a":"#, "}")] {
            let nested = format!("{}{}", open.repeat(depth), close.repeat(depth));
            let in_extra = VALID.replacen('}', &format!(",\"trace\":{nested}}}"), 1);
            for body in [nested, in_extra] {
                let error = decode_err(body.as_bytes());
                assert_eq!(error.kind(), DecodeErrorKind::NotJson, "depth {depth}");
                assert_eq!(error.message(), "recursion limit exceeded");
                assert_eq!(error.body(), body.as_bytes());
            }
        }
    }
    // Nesting within the limit is kept.
    let nested = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let body = VALID.replacen('}', &format!(",\"trace\":{nested}}}"), 1);
    let error = LuxxonError::from_json(body.as_bytes()).expect("100 levels decode");
    assert_eq!(serde_json::to_string(&error).unwrap(), body);
}

#[test]
fn invalid_utf8_and_lone_surrogates_are_not_json() {
    let latin1 = b"{\"statusCode\":400,\"code\":\"INVALID_INPUT\",\"message\":\"caf\xE9\",\"timestamp\":\"2026-05-13T08:30:00Z\"}";
    let surrogate = br#"{"statusCode":400,"code":"INVALID_INPUT","message":"\udc00","timestamp":"2026-05-13T08:30:00Z"}"#;
    for body in [&latin1[..], surrogate] {
        let error = decode_err(body);
        assert_eq!(error.kind(), DecodeErrorKind::NotJson, "{error}");
        assert_eq!(error.body(), body);
    }
    assert!(decode_err(latin1).body_text().contains("caf\u{FFFD}"));
}

#[test]
fn a_byte_order_mark_is_skipped_and_positions_count_it() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(VALID.as_bytes());
    let error = LuxxonError::from_json(&body).expect("a leading BOM is allowed");
    assert_eq!(error.code, ErrorCode::NotAuthorized);
    assert_eq!(serde_json::to_string(&error).unwrap(), VALID);

    let without = decode_err(br#"{"statusCode":"403"}"#);
    let mut with = b"\xEF\xBB\xBF".to_vec();
    with.extend_from_slice(without.body());
    let with = decode_err(&with);
    assert_eq!(with.column(), without.column() + 3);
    assert_eq!(with.member(), Some("statusCode"));
    assert_eq!(with.json(), without.json());
    assert_eq!(with.body().len(), without.body().len() + 3);

    // Only one, and only at the start.
    let mut twice = b"\xEF\xBB\xBF\xEF\xBB\xBF".to_vec();
    twice.extend_from_slice(VALID.as_bytes());
    assert_eq!(decode_err(&twice).kind(), DecodeErrorKind::NotJson);
    let trailing = format!("{VALID}\u{FEFF}");
    assert_eq!(
        decode_err(trailing.as_bytes()).kind(),
        DecodeErrorKind::NotJson
    );
}

#[test]
fn anything_after_the_envelope_but_whitespace_is_refused() {
    assert!(LuxxonError::from_json(format!(" \r\n{VALID}\r\n\t ").as_bytes()).is_ok());
    for tail in ["x", "<html></html>", "{}", ",", "\0", "]"] {
        let body = format!("{VALID}{tail}");
        let error = decode_err(body.as_bytes());
        assert_eq!(error.kind(), DecodeErrorKind::NotJson, "{tail:?}");
        assert_eq!(error.message(), "trailing characters", "{tail:?}");
        assert_eq!((error.line(), error.column()), (1, VALID.len() + 1));
    }
}

#[test]
fn a_status_that_disagrees_with_the_catalog_decodes_and_says_so() {
    let body = with_member("statusCode", "500");
    let error = LuxxonError::from_json(body.as_bytes()).unwrap();
    assert_eq!(error.code, ErrorCode::NotAuthorized);
    assert_eq!(error.status_code, 500);
    assert_eq!(error.catalog_status(), Some(403));
    assert_eq!(error.status_matches_catalog(), Some(false));
    assert_eq!(serde_json::to_string(&error).unwrap(), body);

    let agreeing = LuxxonError::from_json(VALID.as_bytes()).unwrap();
    assert_eq!(agreeing.status_matches_catalog(), Some(true));
}

#[test]
fn odd_statuses_decode_as_sent() {
    for status in [0_u16, 1, 99, 200, 299, 600, 999, 65_535] {
        let body = with_member("statusCode", &status.to_string());
        let error = LuxxonError::from_json(body.as_bytes()).unwrap();
        assert_eq!(error.status_code, status);
        assert_eq!(error.status_matches_catalog(), Some(false));
        assert_eq!(serde_json::to_string(&error).unwrap(), body);
    }
    let unknown = with_member("code", r#""TEAPOT""#).replace("403", "418");
    let error = LuxxonError::from_json(unknown.as_bytes()).unwrap();
    assert_eq!(error.status_code, 418);
    assert_eq!(error.status_matches_catalog(), None);
    assert_eq!(error.catalog_status(), None);
}

#[test]
fn a_missing_detail_and_extra_members_are_tolerated() {
    let body = r#"{"requestId":"req_1","statusCode":404,"code":"NOT_FOUND","message":"Not found","timestamp":"2026-05-13T08:30:00Z","retryAfter":null}"#;
    let error = LuxxonError::from_json(body.as_bytes()).unwrap();
    assert_eq!(error.detail, None);
    assert_eq!(error.extra.get("requestId"), Some(&json!("req_1")));
    assert_eq!(error.extra.get("retryAfter"), Some(&Value::Null));
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"statusCode":404,"code":"NOT_FOUND","message":"Not found","timestamp":"2026-05-13T08:30:00Z","requestId":"req_1","retryAfter":null}"#
    );
}

#[test]
fn from_json_vec_gives_the_same_result_without_a_copy() {
    for body in [
        VALID.as_bytes(),
        b"<html>",
        b"",
        br#"{"code":1}"#,
        b"{\"statusCode\":4",
    ] {
        assert_eq!(
            LuxxonError::from_json_vec(body.to_vec()),
            LuxxonError::from_json(body)
        );
    }
}

#[test]
fn the_generic_deserialize_names_the_member_too() {
    let body = with_member("code", "403");
    let error = serde_json::from_str::<LuxxonError>(&body).unwrap_err();
    assert!(error.is_data());
    assert!(
        error
            .to_string()
            .starts_with("invalid member `code`: expected a string, found the integer 403"),
        "{error}"
    );
    let decoded: LuxxonError = serde_json::from_str(VALID).unwrap();
    assert_eq!(Ok(decoded), LuxxonError::from_json(VALID.as_bytes()));
}

#[test]
fn a_decode_error_can_cross_threads_and_be_boxed() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<DecodeError>();
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(decode_err(b"<html>"));
    assert!(boxed.to_string().starts_with("the body is not JSON"));
    let salvage = decode_err(br#"{"statusCode":403,"code":403,"message":"Forbidden"}"#);
    assert_eq!(salvage.clone().into_json(), salvage.json().cloned());
    assert_eq!(salvage.into_json().unwrap()["message"], "Forbidden");
}
