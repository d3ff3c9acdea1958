//! A panic in a handler becomes a value, so that the client still gets an envelope.

use std::any::Any;
use std::future::{Future, poll_fn};
use std::panic::{self, AssertUnwindSafe};
use std::pin::pin;
use std::task::Poll;

/// `future`'s output, or `Err` with the panic's payload when polling it panics.
///
/// The future is pinned on the caller's stack (`pin!`), not boxed: this runs for every
/// request.
pub(super) async fn catch_unwind<F: Future>(future: F) -> Result<F::Output, Box<dyn Any + Send>> {
    let mut future = pin!(future);
    poll_fn(|cx| {
        // Polled as inside `ErrorHandling`: what the router renders leaves its report to
        // the middleware, which adds the request id and route.
        let polled = super::observe::inside(|| {
            // Asserting unwind safety is what every server does here: the panicking
            // future is dropped, and state it shared (a poisoned `Mutex`) is the
            // application's to handle.
            panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx)))
        });
        match polled {
            Ok(poll) => poll.map(Ok),
            Err(payload) => Poll::Ready(Err(payload)),
        }
    })
    .await
}

/// The text a panic was raised with, for the server's log (never for the client).
pub(super) fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&'static str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "a panic with a payload that is not text"
    }
}
