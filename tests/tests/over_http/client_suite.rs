//! What a client sees, as a client would write it: reqwest, `error_for_status`, a
//! `match` on the code, and `RetryPolicy`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use luxxon_errors::reqwest::{ClientError, error_for_status};
use luxxon_errors::retry::{RetryPolicy, Timer};
use luxxon_errors::{ErrorCode, HttpErrorKind, REQUEST_ID_HEADER, Timestamp};

/// Which server the suite talks to, for the little they do differently.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Server {
    /// The axum test server: its io-error route shows `?` on any error.
    Axum,
    /// `luxxon-errors serve`.
    Mock,
}

/// A timer whose sleeps are recorded, not slept; its clock moves by them.
pub struct RecordingTimer {
    start: Instant,
    slept: Mutex<Vec<Duration>>,
}

impl RecordingTimer {
    pub fn new() -> Self {
        RecordingTimer {
            start: Instant::now(),
            slept: Mutex::new(Vec::new()),
        }
    }

    pub fn slept(&self) -> Vec<Duration> {
        self.slept.lock().unwrap().clone()
    }
}

impl Timer for RecordingTimer {
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send {
        self.slept.lock().unwrap().push(duration);
        std::future::ready(())
    }

    fn now(&self) -> Instant {
        self.start + self.slept.lock().unwrap().iter().sum::<Duration>()
    }
}

async fn get(client: &reqwest::Client, url: &str) -> Result<reqwest::Response, ClientError> {
    error_for_status(client.get(url).send().await?).await
}

/// The HTTP error of a request that must fail.
async fn failure(client: &reqwest::Client, url: &str) -> luxxon_errors::HttpError {
    match get(client, url).await {
        Ok(response) => panic!("{url} answered {}", response.status()),
        Err(ClientError::Http(error)) => error,
        Err(other) => panic!("{url}: {other}"),
    }
}

pub async fn run(base: &str, server: Server) {
    let client = reqwest::Client::new();
    every_code_decodes_exactly(&client, base).await;
    an_unknown_code_keeps_its_status_and_text(&client, base).await;
    responses_that_are_not_envelopes_are_classified_by_status(&client, base).await;
    request_ids_are_echoed(&client, base).await;
    the_retry_helper_retries_what_the_rule_allows(&client, base).await;
    if server == Server::Axum {
        unexpected_errors_do_not_leak(&client, base).await;
    }
}

async fn every_code_decodes_exactly(client: &reqwest::Client, base: &str) {
    assert_eq!(ErrorCode::ALL.len(), 26);
    for code in ErrorCode::ALL {
        let error = failure(client, &format!("{base}/errors/{code}")).await;
        let status = code.status().unwrap();
        assert_eq!(error.status(), status, "{code}");
        let envelope = error
            .envelope()
            .unwrap_or_else(|| panic!("{code}: {error}"));
        assert_eq!(&envelope.code, code);
        assert_eq!(envelope.status_code, status);
        assert_eq!(envelope.message, code.message().unwrap(), "{code}");
        assert_eq!(envelope.detail, None, "{code}");
        let age = luxxon_errors::time::OffsetDateTime::now_utc()
            - envelope.timestamp.to_offset_date_time();
        assert!(
            age.whole_seconds().abs() < 60,
            "{code}: {}",
            envelope.timestamp
        );
        Timestamp::parse(envelope.timestamp.as_str()).unwrap();
        let request_id = error
            .request_id()
            .unwrap_or_else(|| panic!("{code}: no request id"));
        assert_eq!(envelope.request_id(), Some(request_id));
        assert_eq!(error.is_retryable(), code.is_retryable(), "{code}");
        // What a client writes, as on the Errors page: the default arm included.
        let handled = match error.code() {
            Some(ErrorCode::NoCoverage) => "widen the request or wait",
            Some(ErrorCode::InsufficientCredit) => "top up",
            Some(ErrorCode::InvalidState) => "re-read the session",
            _ if error.is_retryable() => "retry with backoff",
            _ => "generic",
        };
        assert!(!handled.is_empty());
    }
}

async fn an_unknown_code_keeps_its_status_and_text(client: &reqwest::Client, base: &str) {
    let error = failure(client, &format!("{base}/errors/RATE_LIMITED?status=429")).await;
    assert_eq!(error.status(), 429);
    let code = error.code().expect("an envelope");
    assert!(!code.is_known());
    assert_eq!(*code, "RATE_LIMITED");
    assert!(error.is_retryable(), "429 is retryable by status");

    let teapot = failure(client, &format!("{base}/errors/BREWING?status=418")).await;
    assert!(!teapot.is_retryable());

    let missing = failure(client, &format!("{base}/errors/BREWING")).await;
    assert_eq!(missing.code(), Some(&ErrorCode::InvalidInput));
    assert_eq!(missing.status(), 400);
}

async fn responses_that_are_not_envelopes_are_classified_by_status(
    client: &reqwest::Client,
    base: &str,
) {
    let proxy = failure(client, &format!("{base}/scenarios/html-502")).await;
    assert_eq!(proxy.status(), 502);
    assert!(proxy.is_retryable());
    match proxy.kind() {
        HttpErrorKind::NotAnEnvelope {
            content_type,
            error,
            ..
        } => {
            assert!(
                content_type
                    .as_deref()
                    .is_some_and(|kind| kind.starts_with("text/html"))
            );
            assert!(error.body_text().contains("502 Bad Gateway"));
        }
        other => panic!("{other:?}"),
    }
    let empty = failure(client, &format!("{base}/scenarios/empty-503")).await;
    assert_eq!(empty.status(), 503);
    assert!(empty.is_retryable());
    assert!(empty.envelope().is_none());

    let route = failure(client, &format!("{base}/no/such/route")).await;
    assert_eq!(route.code(), Some(&ErrorCode::NotFound));
}

async fn request_ids_are_echoed(client: &reqwest::Client, base: &str) {
    let response = client
        .get(format!("{base}/errors/CONFLICT"))
        .header(REQUEST_ID_HEADER, "req-from-the-client-42")
        .send()
        .await
        .unwrap();
    let ClientError::Http(error) = error_for_status::<ErrorCode>(response).await.unwrap_err()
    else {
        panic!("an HTTP error");
    };
    assert_eq!(error.request_id(), Some("req-from-the-client-42"));
    assert_eq!(
        error.envelope().unwrap().request_id(),
        Some("req-from-the-client-42")
    );
}

async fn the_retry_helper_retries_what_the_rule_allows(client: &reqwest::Client, base: &str) {
    let policy = RetryPolicy::new()
        .max_attempts(5)
        .initial_delay(Duration::from_millis(10))
        .seed(7);

    // Fails twice with UNAVAILABLE (retryable), then succeeds: the third try wins.
    let timer = RecordingTimer::new();
    let attempts = Mutex::new(0);
    let url = format!("{base}/scenarios/fail-then-succeed?times=2&code=UNAVAILABLE&key=third-try");
    let response = policy
        .run(&timer, |_| {
            *attempts.lock().unwrap() += 1;
            get(client, &url)
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(response.status(), 200);
    assert_eq!(*attempts.lock().unwrap(), 3);
    assert_eq!(timer.slept().len(), 2);

    // A Retry-After of 3 s: each wait is at least that long.
    let timer = RecordingTimer::new();
    let url = format!(
        "{base}/scenarios/fail-then-succeed?times=1&code=UNAVAILABLE&key=retry-after&retry_after=3"
    );
    policy.run(&timer, |_| get(client, &url)).await.unwrap();
    assert_eq!(timer.slept().len(), 1);
    assert!(
        timer.slept()[0] >= Duration::from_secs(3),
        "{:?}",
        timer.slept()
    );

    // NOT_AUTHORIZED is not retryable: one attempt, no wait.
    let timer = RecordingTimer::new();
    let attempts = Mutex::new(0);
    let url =
        format!("{base}/scenarios/fail-then-succeed?times=5&code=NOT_AUTHORIZED&key=forbidden");
    let error = policy
        .run(&timer, |_| {
            *attempts.lock().unwrap() += 1;
            get(client, &url)
        })
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::NotAuthorized));
    assert_eq!(*attempts.lock().unwrap(), 1);
    assert!(timer.slept().is_empty());
}

async fn unexpected_errors_do_not_leak(client: &reqwest::Client, base: &str) {
    let error = failure(client, &format!("{base}/scenarios/io-error")).await;
    assert_eq!(error.status(), 500);
    let envelope = error.envelope().unwrap();
    assert_eq!(envelope.code, ErrorCode::InternalServerError);
    assert!(!envelope.message.contains("secret"), "{}", envelope.message);
    assert!(
        !envelope.message.contains("No such file"),
        "{}",
        envelope.message
    );
}
