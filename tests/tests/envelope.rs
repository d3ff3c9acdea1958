//! The envelope: the page's example, constructors, and what decoding tolerates.

mod support;

use luxxon_errors::{ErrorCode, LuxxonError, Timestamp};
use support::{PAGE_EXAMPLE_COMPACT, page_example};

/// `json` without the whitespace between its tokens.
fn on_one_line(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_compact_example_is_the_page_example_on_one_line() {
    assert_eq!(on_one_line(page_example()), PAGE_EXAMPLE_COMPACT);
    assert!(
        PAGE_EXAMPLE_COMPACT.contains("Not authorized for this operation"),
        "spaces inside strings stay"
    );
}

#[test]
fn the_page_example_decodes_and_encodes_back_to_the_same_json() {
    let example = page_example();
    let error = LuxxonError::from_json(example.as_bytes()).unwrap();
    assert_eq!(error.status_code, 403);
    assert_eq!(error.code, ErrorCode::NotAuthorized);
    assert_eq!(error.message, "Not authorized for this operation");
    assert_eq!(error.detail.as_deref(), Some("session:viewDenied"));
    assert_eq!(error.timestamp.as_str(), "2026-05-13T08:30:00Z");
    assert_eq!(
        error.timestamp.to_offset_date_time().unix_timestamp(),
        1_778_661_000
    );
    assert_eq!(serde_json::to_string_pretty(&error).unwrap(), example);
}

#[test]
fn a_server_builds_an_error_in_one_line() {
    let error = LuxxonError::new(ErrorCode::InsufficientScope, "Key lacks sessions:write");
    assert_eq!(error.status_code, 403);
    assert_eq!(error.code, ErrorCode::InsufficientScope);
    assert_eq!(error.detail, None);
    assert!(error.extra.is_empty());
    let age =
        luxxon_errors::time::OffsetDateTime::now_utc() - error.timestamp.to_offset_date_time();
    assert!(age.whole_seconds().abs() < 60, "the timestamp is now");
    assert!(
        error.timestamp.as_str().ends_with('Z'),
        "{}",
        error.timestamp
    );

    let json: serde_json::Value = serde_json::to_value(
        LuxxonError::new(ErrorCode::SessionNotFound, "No such session").with_detail("session:s_1"),
    )
    .unwrap();
    assert_eq!(json["statusCode"], 404);
    assert_eq!(json["code"], "SESSION_NOT_FOUND");
    assert_eq!(json["detail"], "session:s_1");
}

#[test]
fn an_error_from_a_code_uses_the_catalog_meaning() {
    let error = LuxxonError::from(ErrorCode::QueueError);
    assert_eq!(error.status_code, 503);
    assert_eq!(error.message, "Background job queue unavailable.");
    let unknown = LuxxonError::from(ErrorCode::parse("NEW_CODE"));
    assert_eq!(unknown.status_code, 500);
    assert_eq!(unknown.message, "NEW_CODE");
}

#[test]
fn with_timestamp_sets_it() {
    let at = Timestamp::parse("2026-05-13T08:30:00Z").unwrap();
    let error = LuxxonError::new(ErrorCode::Conflict, "x").with_timestamp(at.clone());
    assert_eq!(error.timestamp, at);
}

#[test]
fn display() {
    let error = LuxxonError::new(
        ErrorCode::NotAuthorized,
        "Not authorized for this operation",
    )
    .with_detail("session:viewDenied");
    assert_eq!(
        error.to_string(),
        "NOT_AUTHORIZED (403): Not authorized for this operation [session:viewDenied]"
    );
}

#[test]
fn decoding_tolerates_a_missing_detail_and_extra_members() {
    let body = br#"{"statusCode":409,"code":"INVALID_STATE","message":"Session moved on",
        "timestamp":"2026-05-13T08:30:00Z","requestId":"req_123","retryAfter":2}"#;
    let error = LuxxonError::from_json(body).unwrap();
    assert_eq!(error.detail, None);
    assert_eq!(
        error.extra.get("requestId"),
        Some(&serde_json::json!("req_123"))
    );
    assert_eq!(error.extra.get("retryAfter"), Some(&serde_json::json!(2)));
    let names: Vec<&str> = error.extra.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["requestId", "retryAfter"]);
    let encoded = serde_json::to_string(&error).unwrap();
    assert_eq!(
        encoded,
        r#"{"statusCode":409,"code":"INVALID_STATE","message":"Session moved on","timestamp":"2026-05-13T08:30:00Z","requestId":"req_123","retryAfter":2}"#
    );
}

#[test]
fn retryability_follows_the_catalog_then_the_status() {
    let known = LuxxonError::new(ErrorCode::DatabaseError, "db");
    assert!(known.is_retryable());
    assert!(!LuxxonError::new(ErrorCode::InvalidInput, "bad").is_retryable());
    let mut unknown = LuxxonError::new(ErrorCode::parse("NEW_OUTAGE"), "x");
    unknown.status_code = 503;
    assert!(unknown.is_retryable());
    unknown.status_code = 400;
    assert!(!unknown.is_retryable());
}

#[test]
fn status_agreement_with_the_catalog() {
    let mut error = LuxxonError::new(ErrorCode::NotFound, "gone");
    assert_eq!(error.catalog_status(), Some(404));
    assert_eq!(error.status_matches_catalog(), Some(true));
    error.status_code = 500;
    assert_eq!(error.status_matches_catalog(), Some(false));
    let unknown = LuxxonError::new(ErrorCode::parse("NEW_CODE"), "x");
    assert_eq!(unknown.status_matches_catalog(), None);
}
