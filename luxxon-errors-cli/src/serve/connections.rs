//! Connections: at most so many at once, and none kept by a client that stalls or
//! forgets it, so that no client can keep the mock from answering the others.
//!
//! hyper's own header timeout is not used: it starts again whenever a connection
//! becomes idle, so it would also be the idle timeout, and a keep-alive connection could
//! not be kept longer than a request's headers may take. Each connection's task watches
//! its connection instead, with two deadlines:
//!
//! - while a request's headers are arriving (from the connection's opening, or from the
//!   first byte after the previous answer): the header timeout;
//! - between an answer and the next request's first byte: the idle timeout.
//!
//! A request being handled has no deadline: `/scenarios/slow` bounds its own wait.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;

use super::transport::{FaultSlot, Wire, WireFault};

/// How long requests still running when a stop is asked for may take to finish.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// The pause after a failed `accept`: when it fails for want of file descriptors,
/// accepting again at once would fail again, in a busy loop.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// How long connections may take and how many are served at once.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How long a request's headers may take to arrive.
    pub header_timeout: Duration,
    /// How long a connection may sit between an answer and the next request.
    pub idle_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: u32,
}

/// What every connection's task is told.
struct Shared {
    limits: Limits,
    /// `true` while a connection waits for a free place: connections between requests
    /// close to make room for it.
    full: watch::Sender<bool>,
    /// `true` once a stop is asked for: connections close after their current request.
    stopping: watch::Sender<bool>,
}

/// Serves `app` on the connections `listener` accepts until `stop` completes; then lets
/// the requests still running finish, for [`STOP_GRACE`] at most.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let shared = Arc::new(Shared {
        limits,
        full: watch::Sender::new(false),
        stopping: watch::Sender::new(false),
    });
    let places = Arc::new(Semaphore::new(
        usize::try_from(limits.max_connections).unwrap_or(Semaphore::MAX_PERMITS),
    ));
    tokio::select! {
        () = stop => {}
        () = accept(&listener, &app, &shared, &places) => {}
    }
    drop(listener);
    shared.stopping.send_replace(true);
    // Every connection gives its place back when it closes.
    let _ = tokio::time::timeout(STOP_GRACE, places.acquire_many(limits.max_connections)).await;
}

/// Accepts connections and serves each on a task of its own, while there is a place for
/// it. Beyond [`Limits::max_connections`], a connection waits, accepted, for a place (the
/// next ones wait in the listen queue), and connections between requests are asked to
/// close to make one.
async fn accept(
    listener: &TcpListener,
    app: &Router,
    shared: &Arc<Shared>,
    places: &Arc<Semaphore>,
) {
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(_) => {
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let place = match Arc::clone(places).try_acquire_owned() {
            Ok(place) => place,
            Err(_) => {
                shared.full.send_replace(true);
                let place = Arc::clone(places).acquire_owned().await;
                shared.full.send_replace(false);
                match place {
                    Ok(place) => place,
                    // The semaphore is never closed.
                    Err(_) => return,
                }
            }
        };
        tokio::spawn(connection(
            stream,
            peer,
            app.clone(),
            Arc::clone(shared),
            place,
        ));
    }
}

/// Serves one connection until it ends, misses a deadline, or is asked to close.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    shared: Arc<Shared>,
    _place: OwnedSemaphorePermit,
) {
    // Answers are small and written at once: waiting to fill a packet only adds latency.
    let _ = stream.set_nodelay(true);
    let clock = Arc::new(Clock::new());
    let faults = FaultSlot::default();
    let io = TokioIo::new(Watched {
        stream,
        clock: Arc::clone(&clock),
        wire: Wire::new(Arc::clone(&faults)),
    });
    let app = TowerToHyperService::new(app);
    let handled = Arc::clone(&clock);
    let service = service_fn(move |mut request: hyper::Request<Incoming>| {
        let handling = handled.handling();
        request.extensions_mut().insert(Peer(peer));
        let answer = app.call(request);
        let faults = Arc::clone(&faults);
        async move {
            let answer = answer.await;
            if let Ok(response) = &answer
                && let Some(fault) = response.extensions().get::<WireFault>()
            {
                // Set before hyper writes a byte of the answer, which the socket damages.
                *faults.lock().unwrap_or_else(PoisonError::into_inner) = Some(*fault);
            }
            drop(handling);
            answer
        }
    });
    let mut conn = pin!(
        http1::Builder::new()
            .header_read_timeout(None)
            .serve_connection(io, service)
    );
    let mut full = shared.full.subscribe();
    let mut stopping = shared.stopping.subscribe();
    let mut closing = false;
    loop {
        let state = clock.state();
        // Only a connection between requests makes room: one whose request is arriving
        // would lose it, and the header timeout bounds how long that may take.
        let asked_to_close =
            *stopping.borrow_and_update() || (*full.borrow_and_update() && state.is_idle());
        if asked_to_close && !closing {
            // hyper closes an idle connection at once, and a busy one after its answer.
            conn.as_mut().graceful_shutdown();
            closing = true;
        }
        let deadline = state.deadline(&shared.limits);
        if deadline.is_some_and(|deadline| deadline <= Instant::now()) {
            // Dropping the connection closes it; no request is being handled.
            return;
        }
        tokio::select! {
            biased;
            _ = conn.as_mut() => return,
            () = clock.changed.notified() => {}
            () = sleep_until(deadline) => {}
            // The senders live in `shared`, as long as this task: `changed` never fails.
            _ = full.changed(), if !closing => {}
            _ = stopping.changed(), if !closing => {}
        }
    }
}

/// Completes at `deadline`, or never.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// Where a connection is between requests, and since when.
#[derive(Clone, Copy, Debug)]
enum State {
    /// A request's headers are awaited or arriving, since the connection opened or the
    /// first byte after the previous answer came.
    Receiving(Instant),
    /// This many requests are being handled.
    Handling(usize),
    /// The last answer was given then, and nothing has come since.
    Idle(Instant),
}

impl State {
    fn is_idle(self) -> bool {
        matches!(self, State::Idle(_))
    }

    /// When the connection is closed if nothing changes.
    fn deadline(self, limits: &Limits) -> Option<Instant> {
        match self {
            State::Receiving(since) => Some(since + limits.header_timeout),
            State::Handling(_) => None,
            State::Idle(since) => Some(since + limits.idle_timeout),
        }
    }
}

/// A connection's [`State`], kept by its reads and its service, and watched by its task.
struct Clock {
    state: Mutex<State>,
    /// Told of every change, which may bring a deadline nearer.
    changed: Notify,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            state: Mutex::new(State::Receiving(Instant::now())),
            changed: Notify::new(),
        }
    }

    fn state(&self) -> State {
        *self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn update(&self, next: impl FnOnce(State) -> Option<State>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(next) = next(*state) {
            *state = next;
            self.changed.notify_one();
        }
    }

    /// Bytes came: after an answer, they start the next request's headers.
    fn received(&self) {
        self.update(|state| match state {
            State::Idle(_) => Some(State::Receiving(Instant::now())),
            State::Receiving(_) | State::Handling(_) => None,
        });
    }

    /// A request's headers have come and it is being handled, until the guard is dropped.
    fn handling(self: &Arc<Clock>) -> Handling {
        self.update(|state| match state {
            State::Handling(requests) => Some(State::Handling(requests.saturating_add(1))),
            State::Receiving(_) | State::Idle(_) => Some(State::Handling(1)),
        });
        Handling(Arc::clone(self))
    }
}

/// A request being handled; dropped when its answer is ready, or when the connection
/// goes away.
struct Handling(Arc<Clock>);

impl Drop for Handling {
    fn drop(&mut self) {
        self.0.update(|state| match state {
            State::Handling(requests) if requests > 1 => Some(State::Handling(requests - 1)),
            State::Handling(_) => Some(State::Idle(Instant::now())),
            State::Receiving(_) | State::Idle(_) => None,
        });
    }
}

/// The address a request came from, in its extensions.
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

/// A connection's socket, telling its [`Clock`] when bytes come, and damaging the
/// answers marked with a transport fault.
struct Watched {
    stream: TcpStream,
    clock: Arc<Clock>,
    wire: Wire,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let read = Pin::new(&mut this.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.clock.received();
        }
        read
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.wire.is_active() {
            return this.wire.poll_write(&mut this.stream, cx, buf);
        }
        Pin::new(&mut this.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.wire.is_active() {
            // One slice at a time: the fault counts the bytes it lets through.
            let first = bufs
                .iter()
                .find(|buf| !buf.is_empty())
                .map_or(&[][..], |buf| &buf[..]);
            return this.wire.poll_write(&mut this.stream, cx, first);
        }
        Pin::new(&mut this.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
