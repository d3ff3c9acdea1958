//! What real networks do to a client: a connection reset before the answer, a body cut
//! short, a body that stalls, a head that trickles in, a proxy's page instead of the
//! server's. `GET /scenarios/fault?kind=KIND[&ms=N]`, and script steps with `"fault"`.
//!
//! hyper writes an answer whole, so the faults that damage the bytes themselves are
//! carried out by the connection (see [`Wire`]): the handler answers as usual and marks
//! the response with a [`WireFault`], which the connection's socket applies as it writes.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use axum::extract::Query;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tokio::io::AsyncWrite;
use tokio::net::TcpStream;
use tokio::time::Sleep;

use super::envelopes::Refusal;
use super::scenarios::{self, number};

/// The longest pause `ms` may ask for.
pub const MAX_FAULT_MS: u64 = 30_000;

/// The body of the answers whose bytes are damaged: long enough that a cut shows.
const BODY: &str =
    r#"{"ok":true,"items":["one","two","three","four","five","six","seven","eight"]}"#;

/// The transport faults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The connection is reset (TCP RST) before any byte of the answer.
    Reset,
    /// The head promises a `content-length` the body never reaches: the connection
    /// closes halfway through it.
    Truncated,
    /// Half of the body, then nothing for `ms` milliseconds, then the connection closes.
    Stall,
    /// The status line and headers arrive one byte every `ms` milliseconds.
    SlowHeaders,
    /// A proxy's HTML 502 page, as `/scenarios/html-502`.
    Html502,
}

impl Kind {
    /// The names `kind` accepts.
    const NAMES: &str = "reset, truncated, stall, slow-headers or html-502";

    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "reset" => Kind::Reset,
            "truncated" => Kind::Truncated,
            "stall" => Kind::Stall,
            "slow-headers" => Kind::SlowHeaders,
            "html-502" => Kind::Html502,
            _ => return None,
        })
    }

    /// The pause `ms` stands for when not given.
    pub fn default_ms(self) -> u64 {
        match self {
            Kind::Stall => 10_000,
            Kind::SlowHeaders => 20,
            Kind::Reset | Kind::Truncated | Kind::Html502 => 0,
        }
    }
}

/// `GET /scenarios/fault?kind=KIND[&ms=N]`.
pub async fn fault(Query(query): Query<HashMap<String, String>>) -> Result<Response, Refusal> {
    let name = query.get("kind").map_or("", String::as_str);
    let kind =
        Kind::parse(name).ok_or_else(|| Refusal(format!("`kind` must be {}", Kind::NAMES)))?;
    let ms = if query.contains_key("ms") {
        number(&query, "ms", MAX_FAULT_MS)?
    } else {
        kind.default_ms()
    };
    Ok(answer(kind, ms))
}

/// The answer that carries out `kind`, pausing `ms` milliseconds where it pauses.
pub fn answer(kind: Kind, ms: u64) -> Response {
    let pause = Duration::from_millis(ms.min(MAX_FAULT_MS));
    let wire = match kind {
        Kind::Html502 => return scenarios::html_502_page(),
        Kind::Reset => WireFault::Reset,
        Kind::Truncated => WireFault::Cut {
            keep: BODY.len() / 2,
        },
        Kind::Stall => WireFault::Stall {
            keep: BODY.len() / 2,
            pause,
        },
        Kind::SlowHeaders => WireFault::SlowHead { per_byte: pause },
    };
    let mut response = (StatusCode::OK, [(CONTENT_TYPE, "application/json")], BODY).into_response();
    response.extensions_mut().insert(wire);
    response.extensions_mut().insert(Kind::from(wire));
    response
}

impl From<WireFault> for Kind {
    fn from(wire: WireFault) -> Kind {
        match wire {
            WireFault::Reset => Kind::Reset,
            WireFault::Cut { .. } => Kind::Truncated,
            WireFault::Stall { .. } => Kind::Stall,
            WireFault::SlowHead { .. } => Kind::SlowHeaders,
        }
    }
}

/// What the connection does to the bytes of an answer so marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireFault {
    /// No byte is written: the socket is closed with `SO_LINGER` 0, which sends a reset.
    Reset,
    /// The head and `keep` bytes of the body, then the connection closes.
    Cut { keep: usize },
    /// The head and `keep` bytes of the body, then a `pause`, then the connection closes.
    Stall { keep: usize, pause: Duration },
    /// The head one byte at a time, `per_byte` apart; the body as usual.
    SlowHead { per_byte: Duration },
}

/// Where a connection's service leaves the fault of the answer it is about to write.
pub type FaultSlot = Arc<Mutex<Option<WireFault>>>;

/// A connection's socket, applying the [`WireFault`] left in its slot to the answer
/// written next.
#[derive(Debug)]
pub struct Wire {
    slot: FaultSlot,
    active: Option<Active>,
}

/// A fault being applied, and how far the answer has got.
#[derive(Debug)]
struct Active {
    fault: WireFault,
    /// How many bytes of the head's closing `\r\n\r\n` were just written.
    head_end: u8,
    /// Whether the head has been written whole.
    in_body: bool,
    /// Body bytes written so far.
    body: usize,
    pause: Option<Pin<Box<Sleep>>>,
    /// A stall's pause has been waited out: the connection closes.
    stalled: bool,
}

impl Wire {
    /// No fault yet; the service leaves them in `slot`.
    pub fn new(slot: FaultSlot) -> Wire {
        Wire { slot, active: None }
    }

    /// Whether a fault applies to what is written now.
    pub fn is_active(&mut self) -> bool {
        if self.active.is_none() {
            let fault = self
                .slot
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            self.active = fault.map(|fault| Active {
                fault,
                head_end: 0,
                in_body: false,
                body: 0,
                pause: None,
                stalled: false,
            });
        }
        self.active.is_some()
    }

    /// Writes (part of) `buf` to `stream` as the active fault allows.
    pub fn poll_write(
        &mut self,
        stream: &mut TcpStream,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let Some(active) = self.active.as_mut() else {
            return Pin::new(stream).poll_write(cx, buf);
        };
        if let Some(pause) = active.pause.as_mut() {
            ready!(pause.as_mut().poll(cx));
            active.pause = None;
        }
        let allowed = match active.fault {
            WireFault::Reset => {
                // Dropping the socket now resets it rather than closing it.
                let _ = stream.set_zero_linger();
                return Poll::Ready(Err(io::ErrorKind::ConnectionReset.into()));
            }
            WireFault::SlowHead { .. } if active.in_body => {
                self.active = None;
                return Pin::new(stream).poll_write(cx, buf);
            }
            WireFault::SlowHead { .. } => 1,
            WireFault::Cut { keep } | WireFault::Stall { keep, .. } if active.in_body => {
                let left = keep.saturating_sub(active.body);
                if left == 0 {
                    if let WireFault::Stall { pause, .. } = active.fault
                        && !active.stalled
                    {
                        active.stalled = true;
                        let mut sleep = Box::pin(tokio::time::sleep(pause));
                        // Registers the wake-up; the pause has not passed yet.
                        if sleep.as_mut().poll(cx).is_pending() {
                            active.pause = Some(sleep);
                            return Poll::Pending;
                        }
                    }
                    return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
                }
                left
            }
            WireFault::Cut { .. } | WireFault::Stall { .. } => active.head_left(buf),
        };
        let chunk = &buf[..buf.len().min(allowed)];
        let written = ready!(Pin::new(stream).poll_write(cx, chunk))?;
        active.wrote(&chunk[..written]);
        if let WireFault::SlowHead { per_byte } = active.fault
            && !active.in_body
        {
            active.pause = Some(Box::pin(tokio::time::sleep(per_byte)));
        }
        Poll::Ready(Ok(written))
    }
}

impl Active {
    /// How many bytes of `buf` are still head, its last `\r\n\r\n` included.
    fn head_left(&self, buf: &[u8]) -> usize {
        let mut matched = self.head_end;
        for (index, &byte) in buf.iter().enumerate() {
            matched = next_match(matched, byte);
            if matched == 4 {
                return index + 1;
            }
        }
        buf.len()
    }

    fn wrote(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            if self.in_body {
                self.body += 1;
            } else {
                self.head_end = next_match(self.head_end, byte);
                self.in_body = self.head_end == 4;
            }
        }
    }
}

/// How much of `\r\n\r\n` is matched after `byte`, `matched` bytes of it before.
fn next_match(matched: u8, byte: u8) -> u8 {
    match (matched, byte) {
        (0 | 2, b'\r') => matched + 1,
        (1 | 3, b'\n') => matched + 1,
        (_, b'\r') => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_ends_at_its_blank_line() {
        let active = Active {
            fault: WireFault::Cut { keep: 1 },
            head_end: 0,
            in_body: false,
            body: 0,
            pause: None,
            stalled: false,
        };
        let bytes = b"HTTP/1.1 200 OK\r\na: b\r\n\r\nbody";
        assert_eq!(active.head_left(bytes), bytes.len() - 4);
        assert_eq!(active.head_left(b"HTTP/1.1 200 OK\r\n"), 17);
        assert_eq!(Kind::parse("slow-headers"), Some(Kind::SlowHeaders));
        assert_eq!(Kind::parse("nope"), None);
    }
}
