//! A service that answers every error in the Luxxon envelope.
//!
//! ```text
//! cargo run -p luxxon-errors --features axum --example server     # listens on 127.0.0.1:3000
//! curl -i localhost:3000/sessions/nope     # 404 SESSION_NOT_FOUND, with x-request-id
//! curl -i localhost:3000/sessions/s_busy   # 503 UNAVAILABLE, Retry-After: 2
//! curl -i -X POST localhost:3000/sessions -H 'content-type: application/json' -d '{'
//! curl -i localhost:3000/no/such/route     # 404 NOT_FOUND
//! ```
//!
//! Set `PORT` to listen elsewhere; `PORT=0` picks a free port.

use std::time::Duration;

use axum::extract::Path;
use axum::routing::{get, post};
use axum::{Json, Router};
use luxxon_errors::{ApiError, ErrorHandling};
use luxxon_errors::{ErrorCode, LuxxonError};
use serde_json::{Value, json};

/// `GET /sessions/{id}`: a live session, a busy one, or none.
async fn session(Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    match id.as_str() {
        "s_1" => Ok(Json(json!({ "id": id, "state": "LIVE" }))),
        "s_busy" => Err(LuxxonError::from_code(ErrorCode::Unavailable)
            .with_retry_after(Duration::from_secs(2))
            .into()),
        _ => Err(
            LuxxonError::new(ErrorCode::SessionNotFound, "No such session")
                .with_detail(format!("session:{id}"))
                .into(),
        ),
    }
}

/// `POST /sessions`: a JSON body with `maxDurationSeconds`; axum's own rejections (not
/// JSON, wrong content type) come back as `INVALID_INPUT` envelopes too.
async fn create(Json(request): Json<Value>) -> Result<Json<Value>, ApiError> {
    let Some(seconds) = request.get("maxDurationSeconds").and_then(Value::as_u64) else {
        return Err(
            LuxxonError::new(ErrorCode::InvalidInput, "maxDurationSeconds is required")
                .with_detail("maxDurationSeconds")
                .into(),
        );
    };
    if seconds > 3600 {
        return Err(LuxxonError::from_code(ErrorCode::InsufficientCredit).into());
    }
    Ok(Json(json!({ "id": "s_2", "state": "ASSIGNED" })))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let routes = Router::new()
        .route("/sessions", post(create))
        .route("/sessions/{id}", get(session));
    // Unmatched routes, rejections and panics answer as envelopes, each with a request id.
    let app = ErrorHandling::new().apply(routes);

    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
