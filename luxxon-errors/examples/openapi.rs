//! An API whose OpenAPI document lists, for each operation, the errors it answers: one
//! `error_set!` next to each handler, named in its `#[utoipa::path]`, and held to it in
//! debug builds by a layer on its route.
//!
//! ```text
//! cargo run -p luxxon-errors --example openapi --features axum,utoipa            # prints the OpenAPI 3.1 document (JSON)
//! cargo run -p luxxon-errors --example openapi --features axum,utoipa -- serve   # serves the API on 127.0.0.1:3000
//! ```

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query};
use axum::routing::{get, post};
use luxxon_errors::{ErrorCode, ErrorHandling, LuxxonError, error_set};
use utoipa::OpenApi;

error_set! {
    /// What `GET /sessions/{id}` answers besides the session.
    pub SessionErrors = SessionNotFound, NotYourSession, NotAuthenticated
}

error_set! {
    /// What `POST /sessions/{id}/stop` answers besides the stopped session.
    pub StopErrors = SessionNotFound, NotYourSession, InvalidState, Conflict
}

error_set! {
    /// What `GET /coverage` answers besides the operators in range.
    pub CoverageErrors = InvalidInput, OutsideCoverage, NoCoverage, Unavailable
}

/// The state of a session.
#[utoipa::path(
    get,
    path = "/sessions/{id}",
    params(("id" = String, Path, description = "The session's id")),
    responses(
        (status = 200, description = "The session's state", body = String, content_type = "text/plain"),
        SessionErrors,
    )
)]
pub async fn session(Path(id): Path<String>) -> Result<String, LuxxonError> {
    match id.as_str() {
        "s_1" => Ok("LIVE".to_owned()),
        "s_other" => Err(LuxxonError::from_code(ErrorCode::NotYourSession)),
        _ => {
            Err(LuxxonError::from_code(ErrorCode::SessionNotFound)
                .with_detail(format!("session:{id}")))
        }
    }
}

/// Stops a session.
#[utoipa::path(
    post,
    path = "/sessions/{id}/stop",
    params(("id" = String, Path, description = "The session's id")),
    responses(
        (status = 200, description = "The session, stopped", body = String, content_type = "text/plain"),
        StopErrors,
    )
)]
pub async fn stop(Path(id): Path<String>) -> Result<String, LuxxonError> {
    match id.as_str() {
        "s_1" => Ok("STOPPED".to_owned()),
        "s_done" => {
            Err(LuxxonError::from_code(ErrorCode::InvalidState)
                .with_detail("session:s_done is ENDED"))
        }
        "s_other" => Err(LuxxonError::from_code(ErrorCode::NotYourSession)),
        _ => {
            Err(LuxxonError::from_code(ErrorCode::SessionNotFound)
                .with_detail(format!("session:{id}")))
        }
    }
}

/// The operators in range of a point.
#[utoipa::path(
    get,
    path = "/coverage",
    params(
        ("lat" = f64, Query, description = "Latitude, in degrees"),
        ("lon" = f64, Query, description = "Longitude, in degrees"),
    ),
    responses(
        (status = 200, description = "How many operators are in range", body = String, content_type = "text/plain"),
        CoverageErrors,
    )
)]
pub async fn coverage(Query(point): Query<HashMap<String, f64>>) -> Result<String, LuxxonError> {
    let (Some(lat), Some(lon)) = (point.get("lat"), point.get("lon")) else {
        return Err(
            LuxxonError::from_code(ErrorCode::InvalidInput).with_detail("lat and lon are required")
        );
    };
    if lat.abs() > 60.0 {
        return Err(
            LuxxonError::from_code(ErrorCode::OutsideCoverage).with_detail(format!("{lat},{lon}"))
        );
    }
    if *lat == 0.0 && *lon == 0.0 {
        return Err(LuxxonError::from_code(ErrorCode::NoCoverage));
    }
    Ok("3 operators in range".to_owned())
}

/// The API's OpenAPI document: the envelope's schema is listed once, and every error
/// response refers to it.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Luxxon sessions (example)",
        version = "1.0.0",
        description = "Sessions and coverage: each operation lists the errors it may answer."
    ),
    paths(session, stop, coverage),
    components(schemas(LuxxonError))
)]
pub struct Api;

/// The API: each route carries its error set's layer, which in debug builds has
/// `ErrorHandling` record any answer outside the set (`ErrorHandling::error_set_violations`).
pub fn app(handling: ErrorHandling) -> Router {
    handling.apply(
        Router::new()
            .route(
                "/sessions/{id}",
                get(session).route_layer(SessionErrors::layer()),
            )
            .route(
                "/sessions/{id}/stop",
                post(stop).route_layer(StopErrors::layer()),
            )
            .route(
                "/coverage",
                get(coverage).route_layer(CoverageErrors::layer()),
            ),
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().nth(1).as_deref() == Some("serve") {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
        eprintln!("serving on http://{}", listener.local_addr()?);
        axum::serve(listener, app(ErrorHandling::new())).await?;
        return Ok(());
    }
    println!("{}", Api::openapi().to_pretty_json()?);
    Ok(())
}
