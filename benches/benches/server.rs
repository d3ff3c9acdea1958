//! What `ErrorHandling` costs a real server: four axum servers on 127.0.0.1, each driven
//! over one keep-alive connection by a minimal HTTP/1.1 client, in interleaved rounds so
//! that every ratio compares measurements of the same moments of one run.
//!
//! - the success path: a bare router against the same router wrapped in `ErrorHandling`
//!   (target: within 3% of the bare router's throughput);
//! - an error answer: `ErrorHandling` answering an envelope against a hand-written
//!   `(StatusCode, Json(body))` on a bare router (target: at most 1.2× its time);
//! - for reference, a no-op `axum::middleware::from_fn` on the bare router.
//!
//! No `tracing` subscriber is installed, as in a server that does not log; the events
//! are still built up to the subscriber check. Bounded: `ROUNDS` rounds of `BATCH`
//! requests per server (300,000 requests by default), and it stops early after
//! `TIME_CAP`. `LUXXON_BENCH_ROUNDS` and `LUXXON_BENCH_BATCH` override the counts.
//!
//! `docs/performance.md` (## Serving errors) has the numbers and how they were taken.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use luxxon_errors::{ErrorCode, ErrorHandling, LuxxonError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ROUNDS: usize = 30;
const BATCH: usize = 2_000;
const TIME_CAP: Duration = Duration::from_secs(90);

/// The body one would write by hand for an error.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct HandWritten {
    status_code: u16,
    code: &'static str,
    message: &'static str,
}

async fn ok() -> &'static str {
    "ok"
}

async fn hand_written_error() -> impl IntoResponse {
    let body = HandWritten {
        status_code: 404,
        code: "SESSION_NOT_FOUND",
        message: "The given sessionId doesn't exist (or was hard-deleted).",
    };
    (StatusCode::NOT_FOUND, axum::Json(body))
}

/// A middleware that does nothing: what axum's `from_fn`, which `ErrorHandling` is built
/// on, costs by itself.
async fn noop(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    next.run(request).await
}

async fn envelope_error() -> Result<&'static str, LuxxonError> {
    Err(LuxxonError::from_code(ErrorCode::SessionNotFound))
}

/// One server under test.
struct Case {
    name: &'static str,
    path: &'static str,
    status: u16,
    router: Router,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "success, bare router",
            path: "/ok",
            status: 200,
            router: Router::new().route("/ok", get(ok)),
        },
        Case {
            name: "success, ErrorHandling",
            path: "/ok",
            status: 200,
            router: ErrorHandling::new().apply(Router::new().route("/ok", get(ok))),
        },
        Case {
            name: "success, a no-op axum middleware",
            path: "/ok",
            status: 200,
            router: Router::new()
                .route("/ok", get(ok))
                .layer(axum::middleware::from_fn(noop)),
        },
        Case {
            name: "error, hand-written (StatusCode, Json)",
            path: "/error",
            status: 404,
            router: Router::new().route("/error", get(hand_written_error)),
        },
        Case {
            name: "error, ErrorHandling envelope",
            path: "/error",
            status: 404,
            router: ErrorHandling::new().apply(Router::new().route("/error", get(envelope_error))),
        },
    ]
}

/// A keep-alive HTTP/1.1 connection that sends one request and reads one response with
/// a `content-length` at a time: as little client work as possible around the server's.
struct Connection {
    stream: TcpStream,
    request: Vec<u8>,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(address: SocketAddr, path: &str) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        let request = format!("GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n").into_bytes();
        Ok(Connection {
            stream,
            request,
            buffer: Vec::with_capacity(4096),
        })
    }

    /// Sends the request and returns the response's status.
    async fn send(&mut self) -> std::io::Result<u16> {
        self.stream.write_all(&self.request).await?;
        loop {
            if let Some((status, length)) = parse(&self.buffer)? {
                self.buffer.drain(..length);
                return Ok(status);
            }
            let mut chunk = [0; 4096];
            let read = self.stream.read(&mut chunk).await?;
            if read == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        }
    }
}

/// The status and whole length of the response at the start of `buffer`, once it is all
/// there.
fn parse(buffer: &[u8]) -> std::io::Result<Option<(u16, usize)>> {
    let Some(head_end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = std::str::from_utf8(&buffer[..head_end]).map_err(std::io::Error::other)?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|status| status.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let length: usize = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .ok_or_else(|| std::io::Error::other("no content-length"))?;
    let total = head_end + 4 + length;
    Ok((buffer.len() >= total).then_some((status, total)))
}

fn count(variable: &str, default: usize) -> usize {
    std::env::var(variable)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        len if len % 2 == 1 => values[len / 2],
        len => (values[len / 2 - 1] + values[len / 2]) / 2.0,
    }
}

async fn run(addresses: Vec<SocketAddr>) -> std::io::Result<()> {
    let rounds = count("LUXXON_BENCH_ROUNDS", ROUNDS);
    let batch = count("LUXXON_BENCH_BATCH", BATCH);
    let cases = cases();
    let mut connections = Vec::new();
    for (case, address) in cases.iter().zip(addresses) {
        connections.push(Connection::open(address, case.path).await?);
    }

    // Warm-up: one round, not counted; and each server answers what it should.
    for (case, connection) in cases.iter().zip(&mut connections) {
        for _ in 0..batch.min(500) {
            let status = connection.send().await?;
            if status != case.status {
                return Err(std::io::Error::other(format!(
                    "{}: answered {status}, not {}",
                    case.name, case.status
                )));
            }
        }
    }

    // Nanoseconds per request, one sample per round and case.
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    let started = Instant::now();
    for round in 0..rounds {
        if started.elapsed() > TIME_CAP {
            eprintln!("time cap reached after {round} rounds");
            break;
        }
        // Each round starts with another case, so that none is always first.
        for offset in 0..cases.len() {
            let index = (round + offset) % cases.len();
            let connection = &mut connections[index];
            let start = Instant::now();
            for _ in 0..batch {
                connection.send().await?;
            }
            let nanos = start.elapsed().as_nanos() as f64 / batch as f64;
            samples[index].push(nanos);
        }
    }

    let medians: Vec<f64> = samples.iter_mut().map(|s| median(s)).collect();
    let requests: usize = samples.iter().map(Vec::len).sum::<usize>() * batch;
    println!(
        "{requests} requests in {:.1} s, {} rounds of {batch} per case; median time per request:",
        started.elapsed().as_secs_f64(),
        samples[0].len()
    );
    for (case, median) in cases.iter().zip(&medians) {
        println!(
            "  {:<42} {:>7.1} µs  ({:>6.0} requests/s)",
            case.name,
            median / 1000.0,
            1e9 / median
        );
    }
    // Per-round ratios too: each compares two batches of the same round.
    let ratios = |a: usize, b: usize| {
        let mut per_round: Vec<f64> = samples[a]
            .iter()
            .zip(&samples[b])
            .map(|(a, b)| a / b)
            .collect();
        median(&mut per_round)
    };
    println!(
        "success path: ErrorHandling throughput = {:.3} × the bare router's (median of per-round ratios {:.3}; target ≥ 0.97)",
        medians[0] / medians[1],
        1.0 / ratios(1, 0)
    );
    println!(
        "for reference: a no-op `middleware::from_fn` on the bare router = {:.3} × its throughput",
        medians[0] / medians[2]
    );
    println!(
        "error answer: ErrorHandling time = {:.3} × the hand-written (StatusCode, Json) (median of per-round ratios {:.3}; target ≤ 1.2)",
        medians[4] / medians[3],
        ratios(4, 3)
    );
    Ok(())
}

fn main() -> std::io::Result<()> {
    // The servers on one thread, the client on another: every case is placed the same
    // way, so no case gains or loses from where the scheduler put its task.
    let (addresses, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async move {
            let mut bound = Vec::new();
            for case in cases() {
                let Ok(listener) = TcpListener::bind("127.0.0.1:0").await else {
                    return;
                };
                let Ok(address) = listener.local_addr() else {
                    return;
                };
                tokio::spawn(async move { axum::serve(listener, case.router).await });
                bound.push(address);
            }
            if addresses.send(bound).is_ok() {
                // Serve until the process ends.
                std::future::pending::<()>().await;
            }
        });
    });
    let addresses = receive
        .recv()
        .map_err(|_| std::io::Error::other("the servers did not start"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(addresses))
}
