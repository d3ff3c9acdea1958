//! An axum server answering the routes of `luxxon-errors serve`, written the way a
//! service would use the crate: handlers return `Result<_, ApiError>` and
//! `ErrorHandling` answers everything else as envelopes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use luxxon_errors::{ApiError, ErrorHandling};
use luxxon_errors::{CatalogCode, ErrorCode, LuxxonError};

pub struct TestServer {
    pub base_url: String,
}

#[derive(Clone, Default)]
struct Failures(Arc<Mutex<HashMap<String, u32>>>);

/// Starts the server on an ephemeral port of 127.0.0.1.
pub async fn start() -> TestServer {
    let api = Router::new()
        .route("/errors/{code}", get(error_of))
        .route("/scenarios/fail-then-succeed", get(fail_then_succeed))
        .route("/scenarios/io-error", get(io_error))
        .with_state(Failures::default());
    // What a proxy in front of the service answers: outside the service's error
    // handling, which would (rightly) turn a bare 5xx of the service into an envelope.
    // Routes added after `apply` are outside its layer.
    let router = ErrorHandling::new()
        .apply(api)
        .route("/scenarios/html-502", get(html_502))
        .route("/scenarios/empty-503", get(empty_503));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    TestServer {
        base_url: format!("http://{address}"),
    }
}

/// `GET /errors/{CODE}`: the envelope of the code; a code this build doesn't know needs
/// `?status=`.
async fn error_of(
    Path(code): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<(), ApiError> {
    let code = ErrorCode::parse(&code);
    let mut error = LuxxonError::from_code(code.clone());
    if !code.is_known() {
        let Some(status) = query.get("status").and_then(|status| status.parse().ok()) else {
            return Err(LuxxonError::from_code(ErrorCode::InvalidInput)
                .with_detail("a code this server doesn't know needs ?status=NNN")
                .into());
        };
        error = error.with_status(status);
    }
    Err(error.into())
}

/// `GET /scenarios/fail-then-succeed?times=N&code=CODE&key=K&retry_after=S`.
async fn fail_then_succeed(
    State(failures): State<Failures>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let times: u32 = query.get("times").and_then(|n| n.parse().ok()).unwrap_or(2);
    let key = query.get("key").cloned().unwrap_or_default();
    let failed = {
        let mut counts = failures.0.lock().unwrap();
        let count = counts.entry(key).or_default();
        *count += 1;
        *count <= times
    };
    if !failed {
        return Ok(Json(serde_json::json!({ "ok": true })));
    }
    let code = ErrorCode::parse(query.get("code").map_or("UNAVAILABLE", String::as_str));
    let mut error = LuxxonError::from_code(code);
    if let Some(seconds) = query.get("retry_after").and_then(|s| s.parse().ok()) {
        error = error.with_retry_after(Duration::from_secs(seconds));
    }
    Err(error.into())
}

async fn html_502() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html")],
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    )
        .into_response()
}

async fn empty_503() -> StatusCode {
    StatusCode::SERVICE_UNAVAILABLE
}

/// An unexpected error with `?`: the client sees INTERNAL_SERVER_ERROR, not its text.
async fn io_error() -> Result<(), ApiError> {
    std::fs::read("/no/such/secret/file")?;
    Ok(())
}

#[allow(dead_code)]
fn assert_catalog_code<C: CatalogCode>() {}
