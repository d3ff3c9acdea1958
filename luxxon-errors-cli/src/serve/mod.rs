//! `serve`: a mock server of a catalog for client authors. Every code answers as a real
//! server would (envelope, status, `Retry-After`, request id), and scenarios reproduce
//! what a retry loop must survive: failures before success, slowness, and the bodies a
//! proxy sends instead of an envelope.
//!
//! It runs on one thread: a mock serves one developer's client, not a load test.

mod connections;
mod envelopes;
mod faults;
mod lru;
mod report;
mod scenarios;
mod script;
mod transport;

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};
use luxxon_errors::ErrorHandling;
use luxxon_errors_codegen::Catalog;
use tokio::net::TcpListener;

use self::connections::{Limits, Peer};
use self::envelopes::Refusal;
use self::faults::{Defaults, Streams};
use self::report::{Report, Rules};
use self::scenarios::Failures;
use self::script::{Progress, Script};

pub use self::faults::Latency;

use crate::args::ServeArgs;
use crate::console::Console;
use crate::problems;
use crate::project::shown;

/// Serves the catalog of `args` until Ctrl-C or SIGTERM; `false` when it could not.
pub fn run(args: &ServeArgs, console: &mut Console) -> io::Result<bool> {
    let name = shown(&args.catalog);
    let catalog = match Catalog::load_named(&args.catalog, &name) {
        Ok(catalog) => catalog,
        Err(problems) => {
            problems::print(&problems, console)?;
            return Ok(false);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            console.error(format_args!("could not start the server: {error}"))?;
            return Ok(false);
        }
    };
    let script = match &args.script {
        Some(path) => match read_script(path, &catalog) {
            Ok(script) => script,
            Err(problem) => {
                console.error(format_args!(
                    "could not load the script {}: {problem}",
                    shown(path)
                ))?;
                return Ok(false);
            }
        },
        None => Script::default(),
    };
    let mock = Arc::new(Mock {
        catalog,
        failures: Mutex::new(Failures::new(scenarios::MAX_KEYS)),
        script: Mutex::new(Arc::new(script)),
        progress: Mutex::new(Progress::new(MAX_SCRIPT_PLACES)),
        streams: Mutex::new(Streams::new(scenarios::MAX_KEYS)),
        report: Mutex::new(Report::new(Rules {
            retry_window: Duration::from_millis(args.retry_window),
            min_backoff: Duration::from_millis(args.min_backoff),
        })),
        chaos: Defaults {
            seed: args.seed,
            error_rate: args.error_rate,
            latency: args.latency,
        },
    });
    runtime.block_on(serve(mock, args, console))
}

/// How many (client key, route) pairs a script's progress remembers.
const MAX_SCRIPT_PLACES: usize = 10_000;

/// The script in the file `path`, read up to its size limit.
fn read_script(path: &std::path::Path, catalog: &Catalog) -> Result<Script, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|error| error.to_string())?;
    let mut bytes = Vec::new();
    // One byte more than allowed tells a file too large from one just large enough.
    file.take(script::MAX_SCRIPT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| error.to_string())?;
    Script::parse(&bytes, catalog)
}

async fn serve(mock: Arc<Mock>, args: &ServeArgs, console: &mut Console) -> io::Result<bool> {
    let addr = args.addr;
    // Before the address is printed: whoever reads it may stop the server at once.
    let stop = match StopSignals::install() {
        Ok(stop) => stop,
        Err(error) => {
            console.error(format_args!("could not handle Ctrl-C and SIGTERM: {error}"))?;
            return Ok(false);
        }
    };
    let (listener, bound) = match listen(addr).await {
        Ok(listening) => listening,
        Err(error) => {
            console.error(format_args!("could not listen on {addr}: {error}"))?;
            return Ok(false);
        }
    };
    // The first line is for the program that started the server: where to connect.
    console.line(format_args!("listening on http://{bound}"))?;
    console.flush()?;
    if !bound.ip().is_loopback() {
        console.warning(format_args!(
            "{bound} is not a loopback address: anyone who can reach it can use this mock server"
        ))?;
    }
    let limits = Limits {
        header_timeout: Duration::from_secs(args.header_timeout),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_connections: args.max_connections,
    };
    connections::serve(listener, app(Arc::clone(&mock)), limits, stop.wait()).await;
    let report = mock.report_now();
    for line in report.summary() {
        console.note(line)?;
    }
    Ok(true)
}

/// A listener on `addr`, and the address it got (the port, when `addr`'s is 0).
async fn listen(addr: SocketAddr) -> io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    Ok((listener, bound))
}

/// The routes: the catalog's envelopes and the API-like scenarios behind the runtime's
/// error handling (request ids, envelopes for unmatched routes and panics), and the
/// proxy's answers outside it, since a proxy's pages are not envelopes. The envelopes
/// the mock makes of its own accord are then restated from the served catalog.
fn app(mock: Arc<Mock>) -> Router {
    let api = Router::new()
        .route("/errors/{code}", get(envelopes::error))
        .route(
            "/scenarios/fail-then-succeed",
            get(scenarios::fail_then_succeed),
        )
        .route("/scenarios/slow", get(scenarios::slow))
        .route("/scenarios/chaos", get(faults::chaos))
        .route("/_mock/report", get(report::serve_report))
        .route("/_mock/reset", post(reset))
        .route("/_mock/script", get(get_script).put(put_script))
        .with_state(Arc::clone(&mock));
    let proxy = Router::new()
        .route("/scenarios/html-502", get(scenarios::html_502))
        .route("/scenarios/empty-503", get(scenarios::empty_503))
        .route("/scenarios/fault", get(transport::fault));
    let routes =
        proxy
            .merge(ErrorHandling::new().apply(api))
            .layer(middleware::from_fn_with_state(
                Arc::clone(&mock),
                envelopes::own_answers,
            ));
    // Around the whole router, not its routes: a script answers a code by routing the
    // request to `/errors/{CODE}`, and the report sees each request as the client sent
    // it (the error handling adds a request id to those that have none).
    Router::new()
        .fallback_service(routes)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&mock),
            script::intercept,
        ))
        .layer(middleware::from_fn_with_state(mock, report::record))
}

/// `POST /_mock/reset`: every client starts again (script progress, fail-then-succeed
/// counts, seeded streams) and the report is emptied; the script stays.
async fn reset(State(mock): State<Arc<Mock>>) -> Response {
    lock(&mock.failures).clear();
    lock(&mock.progress).clear();
    lock(&mock.streams).clear();
    lock(&mock.report).clear();
    scenarios::ok()
}

/// `GET /_mock/script`: the script in force.
async fn get_script(State(mock): State<Arc<Mock>>) -> Response {
    let script = Arc::clone(&lock(&mock.script));
    report::json(&*script)
}

/// `PUT /_mock/script`: replaces the script, and every client starts it from the top.
async fn put_script(State(mock): State<Arc<Mock>>, body: Body) -> Result<Response, Refusal> {
    let bytes = axum::body::to_bytes(body, script::MAX_SCRIPT_BYTES)
        .await
        .map_err(|_| {
            Refusal(format!(
                "the script is larger than {} bytes",
                script::MAX_SCRIPT_BYTES
            ))
        })?;
    let script = Script::parse(&bytes, &mock.catalog).map_err(Refusal)?;
    *lock(&mock.script) = Arc::new(script);
    lock(&mock.progress).clear();
    Ok(scenarios::ok())
}

/// A lock of the mock's state: a handler that panicked mid-update left state that is
/// still usable, at worst one request's update short.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The longest client key kept; longer ones are cut.
const MAX_CLIENT_KEY_LEN: usize = 128;

/// Who sent `request`, for the report and per-client state: the `x-mock-client` header,
/// else the `key` query parameter, else the peer's IP address.
fn client_key(request: &Request) -> String {
    let key = if let Some(key) = request
        .headers()
        .get("x-mock-client")
        .and_then(|value| value.to_str().ok())
    {
        key.to_owned()
    } else if let Some(key) =
        Query::<std::collections::HashMap<String, String>>::try_from_uri(request.uri())
            .ok()
            .and_then(|Query(mut query)| query.remove("key"))
    {
        key
    } else if let Some(Peer(peer)) = request.extensions().get::<Peer>() {
        peer.ip().to_string()
    } else {
        String::new()
    };
    let mut end = key.len().min(MAX_CLIENT_KEY_LEN);
    while !key.is_char_boundary(end) {
        end -= 1;
    }
    key[..end].to_owned()
}

impl Mock {
    /// The report as of now.
    fn report_now(&self) -> report::Document {
        lock(&self.report).document(tokio::time::Instant::now())
    }
}

/// What the handlers share.
struct Mock {
    /// The catalog served.
    catalog: Catalog,
    /// `fail-then-succeed`: how many times each client key has failed so far.
    failures: Mutex<Failures>,
    /// The script in force, replaced whole by `PUT /_mock/script`.
    script: Mutex<Arc<Script>>,
    /// Where each client key is in each scripted route.
    progress: Mutex<Progress>,
    /// `/scenarios/chaos`: each client key's stream of draws.
    streams: Mutex<Streams>,
    /// What each client did after each error.
    report: Mutex<Report>,
    /// `/scenarios/chaos`'s seed, rate and latency when a request does not say.
    chaos: Defaults,
}

/// Ctrl-C (SIGINT) and SIGTERM (what `kill` and service managers send), handled from
/// the moment they are installed.
#[cfg(unix)]
struct StopSignals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl StopSignals {
    fn install() -> io::Result<StopSignals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(StopSignals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

/// Ctrl-C.
#[cfg(not(unix))]
struct StopSignals;

#[cfg(not(unix))]
impl StopSignals {
    fn install() -> io::Result<StopSignals> {
        Ok(StopSignals)
    }

    async fn wait(self) {
        // Without a handler there is nothing to wait for but the process's end.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
