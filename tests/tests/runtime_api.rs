//! The runtime crate's supporting types: `Timestamp`, `ExtraFields`, `UnknownCode` and
//! the parts of `DecodeError` the wire tests don't reach.

use std::str::FromStr;

use luxxon_errors::time::{OffsetDateTime, UtcOffset};
use luxxon_errors::{ErrorCode, ExtraFields, LuxxonError, ReservedFieldName, Timestamp};
use serde_json::json;

#[test]
fn timestamps_parse_and_keep_their_text() {
    let text = "2026-05-13T10:30:00.500+02:00";
    let timestamp = Timestamp::parse(text).unwrap();
    assert_eq!(timestamp.as_str(), text);
    assert_eq!(timestamp.to_string(), text);
    assert_eq!(format!("{timestamp:?}"), format!("Timestamp({text:?})"));
    let instant = timestamp.to_offset_date_time();
    assert_eq!(instant.offset(), UtcOffset::from_hms(2, 0, 0).unwrap());
    assert_eq!(instant.unix_timestamp(), 1_778_661_000);
    assert_eq!(Timestamp::from_str(text), Ok(timestamp.clone()));
    assert_eq!(
        serde_json::to_string(&timestamp).unwrap(),
        format!("\"{text}\"")
    );
    let decoded: Timestamp = serde_json::from_str(&format!("\"{text}\"")).unwrap();
    assert_eq!(decoded, timestamp);
}

#[test]
fn invalid_timestamps_are_refused_with_their_text() {
    for text in ["yesterday", "2026-05-13", "2026-13-13T08:30:00Z", ""] {
        let invalid = Timestamp::parse(text).unwrap_err();
        assert_eq!(invalid.text(), text);
        assert!(
            invalid.to_string().contains("is not an RFC 3339 timestamp"),
            "{invalid}"
        );
        assert!(serde_json::from_str::<Timestamp>(&format!("\"{text}\"")).is_err());
    }
    assert!(serde_json::from_str::<Timestamp>("1778661000").is_err());
}

#[test]
fn timestamps_from_an_instant_and_now() {
    let instant = OffsetDateTime::from_unix_timestamp(1_778_661_000).unwrap();
    assert_eq!(Timestamp::from(instant).as_str(), "2026-05-13T08:30:00Z");
    let now = Timestamp::now();
    let parsed = Timestamp::parse(now.as_str()).expect("now() writes RFC 3339");
    assert_eq!(parsed.to_offset_date_time(), now.to_offset_date_time());
    assert_eq!(
        now.to_offset_date_time().nanosecond() % 1_000_000,
        0,
        "whole milliseconds"
    );
    assert!(now.as_str().ends_with('Z'), "UTC: {now}");
}

#[test]
fn extra_fields_insert_get_remove() {
    let mut extra = ExtraFields::default();
    assert!(extra.is_empty());
    assert_eq!(extra.insert("requestId", "req_1"), Ok(None));
    assert_eq!(extra.insert("retryAfter", 2), Ok(None));
    assert_eq!(extra.insert("requestId", "req_2"), Ok(Some(json!("req_1"))));
    assert_eq!(extra.len(), 2);
    assert_eq!(extra.get("requestId"), Some(&json!("req_2")));
    let names: Vec<&str> = extra.iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        ["requestId", "retryAfter"],
        "insertion order is kept"
    );
    assert_eq!(extra.remove("retryAfter"), Some(json!(2)));
    assert_eq!(extra.remove("retryAfter"), None);
    assert_eq!(extra.get("retryAfter"), None);
    assert_eq!(extra.len(), 1);
}

#[test]
fn extra_fields_refuse_the_envelope_s_own_names() {
    let mut extra = ExtraFields::default();
    for own in ["statusCode", "code", "message", "detail", "timestamp"] {
        let refused = extra.insert(own, "x").unwrap_err();
        assert_eq!(refused, ReservedFieldName(own.to_owned()));
        assert!(
            refused
                .to_string()
                .contains("member of the envelope itself")
        );
    }
    assert!(extra.is_empty());
}

#[test]
fn extra_fields_are_encoded_after_the_own_members() {
    let mut error = LuxxonError::new(ErrorCode::Conflict, "Sequence went backwards")
        .with_timestamp(Timestamp::parse("2026-05-13T08:30:00Z").unwrap());
    error.extra.insert("requestId", "req_9").unwrap();
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"statusCode":409,"code":"CONFLICT","message":"Sequence went backwards","timestamp":"2026-05-13T08:30:00Z","requestId":"req_9"}"#
    );
}

#[test]
fn unknown_codes_display_their_text() {
    match ErrorCode::parse("BRAND_NEW") {
        ErrorCode::Unknown(unknown) => {
            assert_eq!(unknown.to_string(), "BRAND_NEW");
            assert_eq!(format!("{unknown:?}"), "\"BRAND_NEW\"");
        }
        known => panic!("{known:?} is known"),
    }
}

#[test]
fn a_decode_error_gives_back_its_parsed_json() {
    let error = LuxxonError::from_json(br#"{"statusCode":"403","code":"NOT_FOUND"}"#).unwrap_err();
    assert_eq!(error.member(), Some("statusCode"));
    assert_eq!(
        error.into_json(),
        Some(json!({"statusCode": "403", "code": "NOT_FOUND"}))
    );
    let not_json = LuxxonError::from_json(b"oops").unwrap_err();
    assert_eq!(not_json.json(), None);
    assert_eq!(not_json.into_json(), None);
}
