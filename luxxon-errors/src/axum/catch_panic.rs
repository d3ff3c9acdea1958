//! A panic in a handler becomes a value, so that the client still gets an envelope.

use std::any::Any;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that resolves to `Err` with the panic's payload when polling `F` panics.
///
/// `F` is boxed so that polling it needs no pin projection (this crate forbids `unsafe`).
pub(super) struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> CatchUnwind<F> {
    pub(super) fn new(future: F) -> CatchUnwind<F> {
        CatchUnwind(Box::pin(future))
    }
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = self.0.as_mut();
        // Asserting unwind safety is what every server does here: the panicking future is
        // dropped, and state it shared (a poisoned `Mutex`) is the application's to handle.
        // Polled as inside `ErrorHandling`: what the router renders leaves its report to
        // the middleware, which adds the request id and route.
        let polled =
            super::observe::inside(|| panic::catch_unwind(AssertUnwindSafe(|| future.poll(cx))));
        match polled {
            Ok(poll) => poll.map(Ok),
            Err(payload) => Poll::Ready(Err(payload)),
        }
    }
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
