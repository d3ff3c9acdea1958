//! Error bodies too large to hold, over real HTTP: a 503 whose body never ends (chunked,
//! or until the close), and one with a `Content-Length` of 1 GiB. The client reads at
//! most the limit and hangs up, keeps that much, says it cut it, and still classifies
//! the response by its status and headers; the retry helper does the same on every
//! attempt.

use std::sync::Mutex;
use std::time::Duration;

use luxxon_errors::reqwest::{ClientError, error_for_status, error_for_status_with_limit};
use luxxon_errors::retry::{RetryAfter, RetryPolicy};
use luxxon_errors::{DEFAULT_BODY_LIMIT, DecodeErrorKind, ErrorCode, HttpError, HttpErrorKind};

use crate::client_suite::RecordingTimer;
use crate::huge_server::{self, ENDLESS_CAP, ENVELOPE_HEAD, GIGABYTE, PAGE};

fn http_error(result: Result<reqwest::Response, ClientError>) -> HttpError {
    match result {
        Err(ClientError::Http(error)) => error,
        Err(ClientError::Transport(error)) => panic!("transport: {error}"),
        Ok(response) => panic!("passed through: {}", response.status()),
    }
}

/// The part of the body kept, asserting it was cut.
fn kept(error: &HttpError) -> &[u8] {
    assert!(error.body_truncated(), "{error}");
    match error.kind() {
        HttpErrorKind::NotAnEnvelope { error, .. } => {
            assert_eq!(error.kind(), DecodeErrorKind::TooLarge);
            error.body()
        }
        other => panic!("{other:?}"),
    }
}

/// What the status and the headers say, whatever the body.
fn assert_classified_by_status_and_headers(error: &HttpError) {
    assert_eq!(error.status(), 503);
    assert_eq!(error.code(), None);
    assert!(error.is_retryable(), "503 is retryable by status");
    assert_eq!(
        error.retry_after(),
        Some(&RetryAfter::Delay(Duration::from_secs(7)))
    );
    assert_eq!(error.request_id(), Some("edge-huge"));
}

/// Whether `body` is made of `PAGE`s, the last maybe cut.
fn is_pages(body: &[u8]) -> bool {
    body.chunks(PAGE.len()).all(|piece| PAGE.starts_with(piece))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_error_body_is_cut_at_the_default_limit() {
    let mut server = huge_server::start().await;
    let client = reqwest::Client::new();
    for path in ["/endless-chunked", "/endless-until-close"] {
        let response = client
            .get(format!("{}{path}", server.base_url))
            .send()
            .await
            .unwrap();
        let error = http_error(error_for_status(response).await);
        assert_classified_by_status_and_headers(&error);
        let body = kept(&error);
        assert_eq!(body.len(), DEFAULT_BODY_LIMIT, "{path}");
        assert!(is_pages(body), "{path}");
        assert_eq!(
            error.to_string(),
            format!(
                "HTTP 503: the body is over {DEFAULT_BODY_LIMIT} bytes, cut there (text/html) \
                 (request id edge-huge)"
            )
        );

        let served = server.next_served().await;
        assert_eq!(served.path, path);
        assert!(
            served.hung_up && served.written < ENDLESS_CAP,
            "the client read on: {served:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gigabyte_envelope_is_cut_and_not_taken_for_one() {
    let mut server = huge_server::start().await;
    let client = reqwest::Client::new();
    let url = format!("{}/gigabyte-envelope", server.base_url);

    // Whole, the body would be NO_COVERAGE, which the catalog says is not retryable. Cut,
    // it is no envelope: the 503 decides, and the request id is the header's.
    assert!(!ErrorCode::NoCoverage.is_retryable());
    let error = http_error(error_for_status(client.get(&url).send().await.unwrap()).await);
    assert_classified_by_status_and_headers(&error);
    let body = kept(&error);
    assert_eq!(body.len(), DEFAULT_BODY_LIMIT);
    assert!(body.starts_with(ENVELOPE_HEAD.as_bytes()));
    match error.kind() {
        HttpErrorKind::NotAnEnvelope { content_type, .. } => {
            assert_eq!(content_type.as_deref(), Some("application/json"));
        }
        other => panic!("{other:?}"),
    }
    let served = server.next_served().await;
    assert!(
        served.hung_up && served.written < GIGABYTE,
        "the client read on: {served:?}"
    );

    // A limit of one's own: exactly that much is kept.
    let limit = 1024 * 1024;
    let response = client.get(&url).send().await.unwrap();
    let error = http_error(error_for_status_with_limit(response, limit).await);
    assert_classified_by_status_and_headers(&error);
    let body = kept(&error);
    assert_eq!(body.len(), limit);
    assert!(body.starts_with(ENVELOPE_HEAD.as_bytes()));
    assert!(body[ENVELOPE_HEAD.len()..].iter().all(|&byte| byte == b'x'));
    let served = server.next_served().await;
    assert!(
        served.hung_up && served.written < GIGABYTE,
        "the client read on: {served:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_retry_helper_retries_an_endless_503_one_cut_body_at_a_time() {
    let mut server = huge_server::start().await;
    let client = reqwest::Client::new();
    let url = format!("{}/endless-chunked", server.base_url);
    let timer = RecordingTimer::new();
    let attempts = Mutex::new(0);
    let error = RetryPolicy::new()
        .max_attempts(3)
        .max_elapsed_time(Duration::from_secs(60))
        .seed(3)
        .run(&timer, |_| {
            *attempts.lock().unwrap() += 1;
            let request = client.get(&url);
            async move { error_for_status(request.send().await?).await }
        })
        .await
        .unwrap_err();
    assert_eq!(*attempts.lock().unwrap(), 3);
    assert!(error.is_retryable());
    assert_eq!(error.status(), Some(503));
    let slept = timer.slept();
    assert_eq!(slept.len(), 2);
    assert!(
        slept.iter().all(|wait| *wait >= Duration::from_secs(7)),
        "Retry-After is honoured: {slept:?}"
    );
    let ClientError::Http(error) = error else {
        panic!("an HTTP error: {error}")
    };
    assert_classified_by_status_and_headers(&error);
    assert_eq!(kept(&error).len(), DEFAULT_BODY_LIMIT);
    for _ in 0..3 {
        let served = server.next_served().await;
        assert!(
            served.hung_up && served.written < ENDLESS_CAP,
            "an attempt read on: {served:?}"
        );
    }
}
