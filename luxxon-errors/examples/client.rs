//! A client that branches on the code, as the Errors page's TypeScript example does, and
//! retries what the catalog says is safe to retry.
//!
//! ```text
//! cargo run -p luxxon-errors --features axum --example server &
//! cargo run -p luxxon-errors --features reqwest,tokio --example client [BASE_URL]
//! ```

use luxxon_errors::ErrorCode;
use luxxon_errors::reqwest::{ClientError, error_for_status};
use luxxon_errors::retry::{RetryPolicy, TokioTimer};

async fn get_session(client: &reqwest::Client, url: &str) -> Result<String, ClientError> {
    let response = error_for_status(client.get(url).send().await?).await?;
    Ok(response.text().await?)
}

#[tokio::main]
async fn main() {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:3000".to_owned());
    let client = reqwest::Client::new();
    let policy = RetryPolicy::new();
    for id in ["s_1", "nope", "s_busy"] {
        let url = format!("{base}/sessions/{id}");
        // Retries only what the rule allows (here, UNAVAILABLE), honouring Retry-After.
        let result = policy
            .run(TokioTimer, |_attempt| get_session(&client, &url))
            .await;
        match result {
            Ok(body) => println!("{id}: {body}"),
            Err(error) => match error.code() {
                Some(ErrorCode::SessionNotFound) => println!("{id}: no such session"),
                Some(ErrorCode::NoCoverage) => println!("{id}: no operator in range"),
                Some(ErrorCode::InsufficientCredit) => println!("{id}: top up via the console"),
                Some(ErrorCode::InvalidState) => println!("{id}: the session moved on"),
                // Unknown code, not an envelope, a transport error, or retries spent: log
                // and surface a generic error (the API may add codes at any time).
                _ => println!("{id}: luxxon: {error}"),
            },
        }
    }
}
