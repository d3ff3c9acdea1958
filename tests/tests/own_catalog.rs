//! A crate with its own catalog gets the whole runtime: `catalog!` on its file gives its
//! own `ErrorCode`, `Family` and `LuxxonError`, whose constructor, decoder and retry rule
//! all answer by that catalog, not by the built-in one.

mod own {
    luxxon_errors::catalog!("fixtures/own-catalog.yaml");
}

use std::time::Duration;

use luxxon_errors::CatalogCode;
use own::{ErrorCode, Family, LuxxonError};

#[test]
fn new_fills_in_the_own_catalogs_status() {
    let error = LuxxonError::new(ErrorCode::RateLimited, "Slow down");
    assert_eq!(error.status_code, 429);
    assert_eq!(error.code, ErrorCode::RateLimited);
    assert_eq!(error.catalog_status(), Some(429));
    assert_eq!(error.status_matches_catalog(), Some(true));
}

#[test]
fn retryability_and_the_delay_come_from_the_own_catalog() {
    let limited = LuxxonError::from_code(ErrorCode::RateLimited);
    assert!(ErrorCode::RateLimited.is_retryable());
    assert!(limited.is_retryable());
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(ErrorCode::RateLimited.family(), Some(Family::Limits));

    // Same status, but the catalog says no: the catalog decides for a known code.
    let quota = LuxxonError::from_code(ErrorCode::QuotaExceeded);
    assert_eq!(quota.status_code, 429);
    assert!(!quota.is_retryable());
    assert_eq!(quota.retry_after(), None);

    // The built-in catalog has no such code: there it is unknown, and 429 decides.
    let builtin = luxxon_errors::LuxxonError::new(
        luxxon_errors::ErrorCode::parse("RATE_LIMITED"),
        "Slow down",
    );
    assert!(!builtin.code.is_known());
    assert_eq!(builtin.status_code, 500);
}

#[test]
fn decoding_gives_the_own_code() {
    let body = br#"{"statusCode":429,"code":"RATE_LIMITED","message":"Slow down","timestamp":"2026-05-13T08:30:00Z"}"#;
    let error = LuxxonError::from_json(body).unwrap();
    assert_eq!(error.code, ErrorCode::RateLimited);
    assert!(error.is_retryable());
    // A code of the built-in catalog is unknown to this one, and keeps its text.
    let other = br#"{"statusCode":403,"code":"NOT_AUTHORIZED","message":"No","timestamp":"2026-05-13T08:30:00Z"}"#;
    let error = LuxxonError::from_json(other).unwrap();
    assert!(!error.code.is_known());
    assert_eq!(error.code, "NOT_AUTHORIZED");
    assert!(!error.is_retryable());
}

#[test]
fn the_message_from_a_code_is_plain_text() {
    assert_eq!(
        LuxxonError::from_code(ErrorCode::RateLimited).message,
        "Too many requests from this apiKey."
    );
    assert_eq!(
        LuxxonError::from(ErrorCode::NotFound).message,
        "No such thing."
    );
    assert_eq!(ErrorCode::NotFound.meaning(), Some("No such **thing**."));
}

/// Generic code over any catalog sees the own catalog through `CatalogCode`.
fn describe<C: CatalogCode>(code: &C) -> String {
    format!(
        "{} {:?} {} {:?}",
        code.as_str(),
        code.status(),
        code.is_retryable(),
        code.retry_after()
    )
}

#[test]
fn generic_code_reads_the_own_catalog() {
    assert_eq!(
        describe(&ErrorCode::RateLimited),
        "RATE_LIMITED Some(429) true Some(2s)"
    );
    assert_eq!(<ErrorCode as CatalogCode>::ALL.len(), 3);
    assert_eq!(describe(&ErrorCode::parse("NEW")), "NEW None false None");
}

/// The catalog-bound names: the README's server and client code, written against `own`,
/// with no turbofish or type annotation.
mod catalog_bound_names {
    use axum::Router;
    use axum::routing::get;
    use luxxon_errors::reqwest::error_for_status;

    use super::own::{ApiError, ClientError, ErrorCode, ErrorHandling, HttpError, LuxxonError};

    async fn limited() -> Result<String, ApiError> {
        Err(LuxxonError::from_code(ErrorCode::RateLimited).into())
    }

    async fn fetch(client: &reqwest::Client, url: &str) -> Result<String, ClientError> {
        let response = error_for_status(client.get(url).send().await?).await?;
        Ok(response.text().await?)
    }

    #[test]
    fn http_error_is_this_catalogs() {
        let error = HttpError::new(
            429,
            [("content-type", "application/json")],
            r#"{"statusCode":429,"code":"RATE_LIMITED","message":"Slow down","timestamp":"2026-05-13T08:30:00Z"}"#,
        );
        assert_eq!(error.code(), Some(&ErrorCode::RateLimited));
        assert!(error.is_retryable());
    }

    #[tokio::test]
    async fn a_server_and_a_client_answer_by_this_catalog() {
        let app: Router = ErrorHandling::new().apply(Router::new().route("/limited", get(limited)));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let client = reqwest::Client::new();
        let error = fetch(&client, &format!("http://{address}/limited"))
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(429));
        assert_eq!(error.code(), Some(&ErrorCode::RateLimited));
        assert!(
            error.is_retryable(),
            "the own catalog says RATE_LIMITED is retryable"
        );
        // The server's own answers come from this catalog too: an unmatched route answers
        // its NOT_FOUND.
        let unmatched = fetch(&client, &format!("http://{address}/nowhere"))
            .await
            .unwrap_err();
        assert_eq!(unmatched.status(), Some(404));
        assert_eq!(unmatched.code(), Some(&ErrorCode::NotFound));
        server.abort();
    }
}
