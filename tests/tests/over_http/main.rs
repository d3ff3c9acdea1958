//! Servers and clients over real HTTP on 127.0.0.1: an axum server built with the
//! crate's `axum` integration, and the same client suite run against it and against
//! the CLI's mock server (`luxxon-errors serve`). The client decodes every code exactly
//! (status, code, message, detail, timestamp, request id), classifies a proxy's HTML 502
//! and an empty 503, and the retry helper succeeds on the third try, honours
//! `Retry-After`, and gives up at once on a code that is not retryable. Error bodies too
//! large to hold (endless, or a gigabyte) are read up to a limit, cut and still
//! classified (`bounded_bodies`).

mod bounded_bodies;
mod client_suite;
mod huge_server;
mod mock_server;
#[path = "../support/mod.rs"]
mod support;
mod test_server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_suite_passes_against_an_axum_server() {
    let server = test_server::start().await;
    client_suite::run(&server.base_url, client_suite::Server::Axum).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_suite_passes_against_the_mock_server() {
    let server = mock_server::start();
    client_suite::run(&server.base_url, client_suite::Server::Mock).await;
}
