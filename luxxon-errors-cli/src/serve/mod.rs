//! `serve`: a mock server of a catalog for client authors. Every code answers as a real
//! server would (envelope, status, `Retry-After`, request id), and scenarios reproduce
//! what a retry loop must survive: failures before success, slowness, and the bodies a
//! proxy sends instead of an envelope.
//!
//! It runs on one thread: a mock serves one developer's client, not a load test.

mod connections;
mod envelopes;
mod scenarios;

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::middleware;
use axum::routing::get;
use luxxon_errors::ErrorHandling;
use luxxon_errors_codegen::Catalog;
use tokio::net::TcpListener;

use self::connections::Limits;
use self::scenarios::Failures;

use crate::args::ServeArgs;
use crate::console::Console;
use crate::problems;
use crate::project::shown;
use crate::snippet::Sources;

/// Serves the catalog of `args` until Ctrl-C or SIGTERM; `false` when it could not.
pub fn run(args: &ServeArgs, console: &mut Console) -> io::Result<bool> {
    let name = shown(&args.catalog);
    let catalog = match Catalog::load_named(&args.catalog, &name) {
        Ok(catalog) => catalog,
        Err(problems) => {
            let mut sources = Sources::default();
            sources.add(name, &args.catalog);
            problems::print(&problems, &sources, console)?;
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
    runtime.block_on(serve(catalog, args, console))
}

async fn serve(catalog: Catalog, args: &ServeArgs, console: &mut Console) -> io::Result<bool> {
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
    connections::serve(listener, app(catalog), limits, stop.wait()).await;
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
fn app(catalog: Catalog) -> Router {
    let mock = Arc::new(Mock {
        catalog,
        failures: Mutex::new(Failures::new(scenarios::MAX_KEYS)),
    });
    let api = Router::new()
        .route("/errors/{code}", get(envelopes::error))
        .route(
            "/scenarios/fail-then-succeed",
            get(scenarios::fail_then_succeed),
        )
        .route("/scenarios/slow", get(scenarios::slow))
        .with_state(Arc::clone(&mock));
    let proxy = Router::new()
        .route("/scenarios/html-502", get(scenarios::html_502))
        .route("/scenarios/empty-503", get(scenarios::empty_503));
    proxy
        .merge(ErrorHandling::new().apply(api))
        .layer(middleware::from_fn_with_state(mock, envelopes::own_answers))
}

/// What the handlers share.
struct Mock {
    /// The catalog served.
    catalog: Catalog,
    /// `fail-then-succeed`: how many times each client key has failed so far.
    failures: Mutex<Failures>,
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
