//! `luxxon-errors serve` as a test partner, driven as a process by a real HTTP client
//! (reqwest): scripts, seeded faults, transport faults and the report of what a client
//! did.

#![cfg(all(feature = "serve", unix))]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::{DEADLINE, scratch_dir};
use luxxon_errors::reqwest::{ClientError, error_for_status};
use luxxon_errors::retry::{Jitter, RetryPolicy, TokioTimer};
use serde_json::Value;

/// Codes of each kind: retryable with a `Retry-After`, retryable without, and not.
const CATALOG: &str = "\
families:
  - id: limits
    title: Limits
    retryable: true
    retry_after: 1
  - id: infrastructure
    title: Infrastructure
    retryable: true
  - id: auth
    title: Auth
codes:
  - code: RATE_LIMITED
    status: 429
    family: limits
    meaning: Too many requests.
  - code: UNAVAILABLE
    status: 503
    family: infrastructure
    meaning: Try again.
  - code: NOT_AUTHORIZED
    status: 403
    family: auth
    meaning: No permission.
  - code: NOT_FOUND
    status: 404
    family: auth
    meaning: Nothing here.
  - code: INVALID_INPUT
    status: 400
    family: auth
    meaning: Bad request.
";

const SCRIPT: &str = r#"{"routes": {
  "/orders": [{"code": "RATE_LIMITED", "times": 2}, {"status": 201, "body": {"id": 7}}, {"status": 200}],
  "/busy": [{"code": "UNAVAILABLE", "times": 2}, {"status": 200}],
  "/flaky": [{"code": "UNAVAILABLE", "retry_after": 0}, {"status": 200}],
  "/down": [{"status": 503, "times": 5}, {"status": 200}]
}}"#;

/// A running server, killed if a test fails before stopping it.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(dir: &Path, options: &[&str]) -> Server {
        std::fs::write(dir.join("errors.yaml"), CATALOG).unwrap();
        std::fs::write(dir.join("script.json"), SCRIPT).unwrap();
        let args: Vec<&str> = ["serve", "--script", "script.json"]
            .into_iter()
            .chain(options.iter().copied())
            .collect();
        let mut child = common::command(dir, &args)
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, receiver) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let Ok(line) = receiver.recv_timeout(DEADLINE) else {
            let _ = child.kill();
            panic!("the server printed no address within {DEADLINE:?}");
        };
        let addr = line
            .strip_prefix("listening on ")
            .map(str::trim_end)
            .unwrap_or_else(|| panic!("first line: {line:?}"));
        Server {
            base: addr.to_owned(),
            child,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server with SIGINT; what it wrote on stderr.
    fn stop(mut self) -> String {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let started = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(started.elapsed() < DEADLINE, "the server did not stop");
            thread::sleep(Duration::from_millis(10));
        }
        let mut stderr = String::new();
        let _ = std::io::Read::read_to_string(&mut self.child.stderr.take().unwrap(), &mut stderr);
        stderr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn block_on<T>(future: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// A client that names itself `key` and sends a fresh request id with every request.
struct Client {
    http: reqwest::Client,
    key: &'static str,
    ids: AtomicU64,
}

impl Client {
    fn new(key: &'static str) -> Client {
        Client {
            http: reqwest::Client::new(),
            key,
            ids: AtomicU64::new(0),
        }
    }

    async fn get(&self, url: &str) -> reqwest::Response {
        let id = self.ids.fetch_add(1, Ordering::Relaxed);
        self.http
            .get(url)
            .header("x-mock-client", self.key)
            .header("x-request-id", format!("{}-{id}", self.key))
            .send()
            .await
            .expect("an answer")
    }
}

/// `(status, code, Retry-After)` of an answer.
async fn summary(response: reqwest::Response) -> (u16, Option<String>, Option<String>) {
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response.bytes().await.unwrap_or_default();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let code = body["code"].as_str().map(str::to_owned);
    (status, code, retry_after)
}

async fn report(http: &reqwest::Client, server: &Server) -> Value {
    let body = http
        .get(server.url("/_mock/report"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// The problems the report lists for `key`: `(rule, code)` pairs.
fn problems(report: &Value, key: &str) -> Vec<(String, Option<String>)> {
    let client = report["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|client| client["key"] == key)
        .unwrap_or_else(|| panic!("no client `{key}` in {report}"));
    client["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|problem| {
            (
                problem["rule"].as_str().unwrap().to_owned(),
                problem["code"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn a_scripts_sequence_is_followed_exactly_per_client_key() {
    let dir = scratch_dir("partner-script");
    let server = Server::start(&dir, &[]);
    block_on(async {
        let alice = Client::new("alice");
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(summary(alice.get(&server.url("/orders")).await).await);
        }
        let limited = (429, Some("RATE_LIMITED".to_owned()), Some("1".to_owned()));
        assert_eq!(
            seen,
            [
                limited.clone(),
                limited.clone(),
                (201, None, None),
                (200, None, None),
                (200, None, None)
            ]
        );
        let bob = Client::new("bob");
        assert_eq!(
            summary(bob.get(&server.url("/orders")).await).await,
            limited
        );

        // A script set by a request replaces the file's, and everyone starts it anew.
        let http = reqwest::Client::new();
        let put = http
            .put(server.url("/_mock/script"))
            .body(r#"{"routes":{"/orders":[{"code":"NOT_AUTHORIZED"},{"status":204}]}}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(put.status(), 200);
        assert_eq!(alice.get(&server.url("/orders")).await.status(), 403);
        assert_eq!(alice.get(&server.url("/orders")).await.status(), 204);
        let refused = http
            .put(server.url("/_mock/script"))
            .body(r#"{"routes":{"/orders":[{"code":"NO_SUCH_CODE"}]}}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), 400);
        let body: Value = serde_json::from_slice(&refused.bytes().await.unwrap()).unwrap();
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .contains("not in the catalog"),
            "{body}"
        );
        let too_big = http
            .put(server.url("/_mock/script"))
            .body(vec![b' '; 64 * 1024 + 1])
            .send()
            .await
            .unwrap();
        assert_eq!(too_big.status(), 400);
    });
    server.stop();
}

#[test]
fn one_seed_gives_the_same_answers_twice() {
    let dir = scratch_dir("partner-seed");
    let run = || {
        let server = Server::start(
            &dir,
            &[
                "--seed",
                "42",
                "--error-rate",
                "0.5",
                "--latency",
                "uniform:0-3",
            ],
        );
        let answers = block_on(async {
            let client = Client::new("seeded");
            let mut answers = Vec::new();
            for _ in 0..40 {
                answers
                    .push(summary(client.get(&server.url("/scenarios/chaos?key=k")).await).await);
            }
            answers
        });
        server.stop();
        answers
    };
    let first = run();
    assert_eq!(first, run());
    let errors: Vec<_> = first.iter().filter(|answer| answer.0 != 200).collect();
    assert!(errors.len() > 5 && errors.len() < 35, "{first:?}");
    for (status, code, retry_after) in errors {
        match code.as_deref() {
            Some("RATE_LIMITED") => assert_eq!((*status, retry_after.as_deref()), (429, Some("1"))),
            Some("UNAVAILABLE") => assert_eq!((*status, retry_after.as_deref()), (503, None)),
            other => panic!("not a retryable code of the catalog: {other:?}"),
        }
    }
}

/// Whether `error` or one of its sources is an I/O error of `kind`.
fn caused_by(error: &(dyn std::error::Error + 'static), kind: std::io::ErrorKind) -> bool {
    let mut source = Some(error);
    while let Some(error) = source {
        if error
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == kind)
        {
            return true;
        }
        source = error.source();
    }
    false
}

#[test]
fn each_transport_fault_is_the_failure_it_imitates() {
    let dir = scratch_dir("partner-transport");
    let server = Server::start(&dir, &[]);
    block_on(async {
        let http = reqwest::Client::new();
        let fault = |kind: &str| server.url(&format!("/scenarios/fault?kind={kind}"));

        let reset = http.get(fault("reset")).send().await.unwrap_err();
        assert!(
            caused_by(&reset, std::io::ErrorKind::ConnectionReset),
            "{reset:?}"
        );

        let truncated = http.get(fault("truncated")).send().await.unwrap();
        assert_eq!(truncated.status(), 200);
        let cut = truncated.bytes().await.unwrap_err();
        assert!(cut.is_body() || cut.is_decode(), "{cut:?}");

        let impatient = reqwest::Client::builder()
            .timeout(Duration::from_millis(300))
            .build()
            .unwrap();
        let stalled = impatient.get(fault("stall&ms=5000")).send().await.unwrap();
        assert_eq!(stalled.status(), 200);
        let stall = stalled.bytes().await.unwrap_err();
        assert!(stall.is_timeout(), "{stall:?}");

        let started = Instant::now();
        let slow = impatient
            .get(fault("slow-headers&ms=50"))
            .send()
            .await
            .unwrap_err();
        assert!(
            slow.is_timeout() && started.elapsed() < Duration::from_secs(2),
            "{slow:?}"
        );
        // A patient client gets the whole answer, head byte by byte.
        let patient = http.get(fault("slow-headers&ms=1")).send().await.unwrap();
        assert_eq!(patient.status(), 200);
        assert!(patient.text().await.unwrap().starts_with(r#"{"ok":true"#));

        let proxy = http.get(fault("html-502")).send().await.unwrap();
        assert!(
            proxy.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let error: ClientError = error_for_status(proxy).await.unwrap_err();
        assert_eq!((error.status(), error.code().is_none()), (Some(502), true));
        assert!(error.is_retryable());

        // The connection after a fault is served as usual.
        assert_eq!(
            http.get(server.url("/errors/NOT_FOUND"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
    });
    server.stop();
}

#[test]
fn a_misbehaving_client_is_flagged_and_a_well_behaved_one_is_clean() {
    let dir = scratch_dir("partner-report");
    let server = Server::start(&dir, &["--retry-window", "300"]);
    let report = block_on(async {
        // Retries what may not be retried, ignores Retry-After, retries at once, gives up
        // on a retryable error after one try and sends no request id.
        let http = reqwest::Client::new();
        let bad = |path: &str| {
            http.get(server.url(path))
                .header("x-mock-client", "careless")
                .send()
        };
        for _ in 0..3 {
            assert_eq!(bad("/errors/NOT_AUTHORIZED").await.unwrap().status(), 403);
        }
        for _ in 0..3 {
            bad("/orders").await.unwrap();
        }
        for _ in 0..4 {
            bad("/down").await.unwrap();
        }
        assert_eq!(bad("/flaky").await.unwrap().status(), 503);

        // The runtime's own policy: retries what the rule allows, with backoff, waiting
        // as long as Retry-After asks.
        let good = Client::new("careful");
        let policy = RetryPolicy::new()
            .max_attempts(4)
            .initial_delay(Duration::from_millis(40))
            .jitter(Jitter::Equal);
        for path in [
            "/orders",
            "/busy",
            "/flaky",
            "/down",
            "/errors/NOT_AUTHORIZED",
        ] {
            let url = server.url(path);
            let _ = policy
                .run(TokioTimer, |_| async {
                    error_for_status::<luxxon_errors::ErrorCode>(good.get(&url).await).await
                })
                .await;
        }
        // Past the retry window: the careless client's one try at /flaky is given up.
        tokio::time::sleep(Duration::from_millis(400)).await;
        report(&http, &server).await
    });
    let careless = problems(&report, "careless");
    for expected in [
        ("retried_non_retryable", Some("NOT_AUTHORIZED")),
        ("retried_before_retry_after", Some("RATE_LIMITED")),
        ("retried_without_backoff", None),
        ("gave_up_after_one_try", Some("UNAVAILABLE")),
        ("no_request_id", None),
    ] {
        let expected = (expected.0.to_owned(), expected.1.map(str::to_owned));
        assert!(
            careless.contains(&expected),
            "{expected:?} not in {careless:?}"
        );
    }
    assert_eq!(problems(&report, "careful"), [], "{report}");
    let careful = report["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|client| client["key"] == "careful")
        .unwrap();
    // 2 retries of /orders, 2 of /busy, 1 of /flaky, 3 of /down.
    assert_eq!(careful["retries"], 8, "{report}");
    assert_eq!(report["clean"], false);
    let stderr = server.stop();
    assert!(
        stderr.contains("report: 2 client key(s), 1 with problems"),
        "{stderr}"
    );
    assert!(
        stderr.contains("client `careless`: retried_non_retryable"),
        "{stderr}"
    );
}
