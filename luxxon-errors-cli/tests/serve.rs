//! `luxxon-errors serve` as a process: started, asked over HTTP/1.1 on 127.0.0.1 with a
//! plain `TcpStream`, and stopped with SIGINT or SIGTERM.

#![cfg(all(feature = "serve", unix))]

mod common;

use std::fs;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::{DEADLINE, scratch_dir, workspace_root};
use luxxon_errors::{DecodeErrorKind, ErrorCode, LuxxonError};

/// A catalog with codes the runtime doesn't know: the server answers from the catalog
/// it loaded.
const CATALOG: &str = "\
families:
  - id: limits
    title: Limits
    retryable: true
    retry_after: 7
  - id: domain
    title: Domain
codes:
  - code: RATE_LIMITED
    status: 429
    family: limits
    meaning: Too many requests for **this** workspace.
  - code: NOT_FOUND
    status: 404
    family: domain
    meaning: The `id` is unknown.
";

/// A catalog whose codes for the server's own answers differ from the built-in ones.
const OWN_ANSWERS: &str = "\
families:
  - id: domain
    title: Domain
  - id: server
    title: Server
    retryable: true
    retry_after: 3
codes:
  - code: NOT_FOUND
    status: 410
    family: domain
    meaning: Nothing **lives** here.
  - code: INVALID_INPUT
    status: 422
    family: domain
    meaning: The request is not usable.
  - code: INTERNAL_SERVER_ERROR
    status: 503
    family: server
    meaning: The mock failed.
";

/// A running server, killed if a test fails before stopping it.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
}

impl Server {
    fn start(dir: &Path, catalog: &str) -> Server {
        Server::start_with(dir, catalog, &[])
    }

    /// Starts the server with `options` after `--catalog`.
    fn start_with(dir: &Path, catalog: &str, options: &[&str]) -> Server {
        let args: Vec<&str> = ["serve", "--catalog", catalog]
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
        let line = match receiver.recv_timeout(DEADLINE) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("the server printed no address within {DEADLINE:?}");
            }
        };
        let addr = line
            .strip_prefix("listening on http://")
            .and_then(|rest| rest.strip_suffix('\n'))
            .unwrap_or_else(|| panic!("first line: {line:?}"))
            .to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "{addr}");
        Server { child, addr }
    }

    fn get(&self, path: &str) -> Reply {
        self.get_with(path, "")
    }

    /// GETs `path`, with `headers` (each line ending in `\r\n`).
    fn get_with(&self, path: &str, headers: &str) -> Reply {
        self.request("GET", path, headers)
    }

    /// Sends `method path` with `headers` (each line ending in `\r\n`) on a connection of
    /// its own.
    fn request(&self, method: &str, path: &str, headers: &str) -> Reply {
        let mut stream = self.connect();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n{headers}\r\n",
            self.addr
        )
        .unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("a whole response");
        Reply::parse(&bytes)
    }

    /// A new connection, whose reads give up after [`DEADLINE`].
    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.addr).expect("the server accepts");
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        stream
    }

    /// A connection kept alive after one answer to `GET path`.
    fn idle_connection(&self, path: &str) -> TcpStream {
        let mut stream = self.connect();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        read_reply(&mut BufReader::new(&stream));
        stream
    }

    /// A connection that sent the beginning of a request's headers, and no more.
    fn stalled_connection(&self) -> TcpStream {
        let mut stream = self.connect();
        write!(
            stream,
            "GET /errors/NOT_FOUND HTTP/1.1\r\nHost: {}\r\n",
            self.addr
        )
        .unwrap();
        stream
    }

    /// GETs each of `paths` in turn on one keep-alive connection, the requests all sent
    /// at once; the statuses of the answers.
    fn pipeline(&self, paths: &[String]) -> Vec<u16> {
        let stream = self.connect();
        let mut requests = Vec::new();
        for path in paths {
            write!(
                requests,
                "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n",
                self.addr
            )
            .unwrap();
        }
        let mut writer = stream.try_clone().unwrap();
        // Written while the answers are read, so that neither side's buffers fill up.
        let sender = thread::spawn(move || writer.write_all(&requests));
        let mut reader = BufReader::new(&stream);
        let statuses = paths
            .iter()
            .map(|_| read_reply(&mut reader).status)
            .collect();
        sender.join().unwrap().expect("the requests are sent");
        statuses
    }

    /// Sends `signal` and waits for the process to end; its exit code.
    fn stop(mut self, signal: &str) -> Option<i32> {
        let sent = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(started.elapsed() < DEADLINE, "the server did not stop");
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    /// Names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Reads one answer from a keep-alive connection, its body by its `content-length`.
fn read_reply(reader: &mut impl BufRead) -> Reply {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let read = reader.read_until(b'\n', &mut head).expect("an answer");
        assert!(read > 0, "the connection closed mid-answer: {head:?}");
    }
    let mut reply = Reply::parse(&head);
    let length = reply
        .header("content-length")
        .expect("a content-length")
        .parse()
        .unwrap();
    reply.body = vec![0; length];
    reader.read_exact(&mut reply.body).expect("the body");
    reply
}

/// Waits until the server closes `stream`, writing `trickle` (when not empty) every
/// 200 ms meanwhile; fails when it sends anything or keeps the connection past
/// [`DEADLINE`]. How long it took.
fn closed(stream: &mut TcpStream, trickle: &[u8]) -> Duration {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    loop {
        assert!(started.elapsed() < DEADLINE, "the connection is still open");
        if !trickle.is_empty() {
            // Fails once the server has closed the connection: the read says so.
            let _ = stream.write_all(trickle);
        }
        let mut byte = [0];
        match stream.read(&mut byte) {
            Ok(0) => return started.elapsed(),
            Ok(_) => panic!("the server answered a connection it should have closed"),
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            // Reset: closed with the trickle unread.
            Err(_) => return started.elapsed(),
        }
    }
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let split = bytes
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .expect("a head");
        let head = std::str::from_utf8(&bytes[..split]).expect("an ASCII head");
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap()[9..12].parse().unwrap();
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap();
                (name.to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        Reply {
            status,
            headers,
            body: bytes[split + 4..].to_vec(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value.as_str())
    }

    fn envelope(&self) -> LuxxonError {
        LuxxonError::from_json(&self.body).expect("the body is an envelope")
    }
}

fn scratch_catalog(name: &str) -> common::Scratch {
    scratch_with(name, CATALOG)
}

fn scratch_with(name: &str, catalog: &str) -> common::Scratch {
    let dir = scratch_dir(name);
    fs::write(dir.join("errors.yaml"), catalog).unwrap();
    dir
}

#[test]
fn every_code_answers_as_the_catalog_says() {
    let server = Server::start(&workspace_root(), "errors.yaml");
    for code in ErrorCode::ALL {
        let reply = server.get(&format!("/errors/{code}"));
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let envelope = reply.envelope();
        assert_eq!(&envelope.code, code);
        assert_eq!(Some(reply.status), code.status(), "{code}");
        assert_eq!(envelope.status_code, reply.status);
        assert_eq!(Some(envelope.message.as_str()), code.message(), "{code}");
        let request_id = reply.header("x-request-id").expect("a request id");
        assert_eq!(envelope.request_id(), Some(request_id));
    }
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn a_loaded_catalog_decides_status_message_and_retry_after() {
    let dir = scratch_catalog("serve-catalog");
    let server = Server::start(&dir, "errors.yaml");

    let limited = server.get("/errors/RATE_LIMITED");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("7"));
    let envelope = limited.envelope();
    assert!(envelope.code == "RATE_LIMITED", "{envelope:?}");
    assert_eq!(envelope.message, "Too many requests for this workspace.");

    let missing = server.get_with("/errors/NOT_FOUND", "x-request-id: req-42\r\n");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("retry-after"), None);
    assert_eq!(missing.header("x-request-id"), Some("req-42"));
    let envelope = missing.envelope();
    assert_eq!(envelope.message, "The id is unknown.");
    assert_eq!(envelope.request_id(), Some("req-42"));
    assert_eq!(server.stop("-TERM"), Some(0));
}

#[test]
fn a_code_outside_the_catalog_needs_a_status() {
    let dir = scratch_catalog("serve-unknown");
    let server = Server::start(&dir, "errors.yaml");
    let teapot = server.get("/errors/BRAND_NEW?status=418");
    assert_eq!(teapot.status, 418);
    let envelope = teapot.envelope();
    assert!(envelope.code == "BRAND_NEW", "{envelope:?}");
    assert_eq!(envelope.status_code, 418);
    let not_an_error = server.get("/errors/BRAND_NEW?status=200");
    assert_eq!(
        not_an_error.status, 500,
        "an error always answers an error status"
    );
    assert_eq!(not_an_error.envelope().status_code, 200);

    for (path, says) in [
        ("/errors/BRAND_NEW", "?status=NNN"),
        ("/errors/BRAND_NEW?status=600", "from 100 to 599"),
        ("/errors/BRAND_NEW?status=abc", "from 100 to 599"),
        ("/errors/brand-new?status=418", "is not a code"),
    ] {
        let refused = server.get(path);
        assert_eq!(refused.status, 400, "{path}");
        let envelope = refused.envelope();
        assert!(envelope.code == "INVALID_INPUT", "{path}: {envelope:?}");
        let detail = envelope.detail.unwrap_or_default();
        assert!(detail.contains(says), "{path}: {detail}");
    }
    let nowhere = server.get("/nowhere");
    assert_eq!(nowhere.status, 404);
    assert!(nowhere.envelope().code == "NOT_FOUND");

    // The catalog served lacks these codes: the built-in catalog's messages don't apply.
    let unavailable = server.get("/errors/UNAVAILABLE?status=503").envelope();
    assert_eq!(unavailable.message, "UNAVAILABLE");
    let refused = server.get("/errors/BRAND_NEW");
    assert_eq!(refused.status, 400);
    assert_eq!(refused.envelope().message, "INVALID_INPUT");
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn the_servers_own_answers_come_from_the_served_catalog() {
    let dir = scratch_with("serve-own", OWN_ANSWERS);
    let server = Server::start(&dir, "errors.yaml");

    let nowhere = server.get_with("/nowhere", "x-request-id: req-7\r\n");
    assert_eq!(nowhere.status, 410);
    assert_eq!(nowhere.header("x-request-id"), Some("req-7"));
    let envelope = nowhere.envelope();
    assert!(envelope.code == "NOT_FOUND", "{envelope:?}");
    assert_eq!(envelope.status_code, 410);
    assert_eq!(envelope.message, "Nothing lives here.");
    assert_eq!(envelope.request_id(), Some("req-7"));

    for (method, path, says) in [
        ("GET", "/errors/brand-new", "is not a code"),
        ("GET", "/errors/BRAND_NEW?status=abc", "from 100 to 599"),
        ("GET", "/scenarios/fail-then-succeed?times=1", "`code`"),
        ("GET", "/errors/%FF", "UTF-8"),
        ("DELETE", "/errors/NOT_FOUND", "method DELETE"),
    ] {
        let refused = server.request(method, path, "");
        assert_eq!(refused.status, 422, "{path}");
        assert_eq!(refused.header("content-type"), Some("application/json"));
        let envelope = refused.envelope();
        assert!(envelope.code == "INVALID_INPUT", "{path}: {envelope:?}");
        assert_eq!(envelope.status_code, 422);
        assert_eq!(envelope.message, "The request is not usable.");
        let detail = envelope.detail.unwrap_or_default();
        assert!(detail.contains(says), "{path}: {detail}");
        assert!(refused.header("x-request-id").is_some());
    }
    let not_allowed = server.request("POST", "/errors/NOT_FOUND", "content-length: 0\r\n");
    assert_eq!(not_allowed.header("allow"), Some("GET,HEAD"));

    // The codes a client asks for are the catalog's as they are.
    let asked = server.get("/errors/INTERNAL_SERVER_ERROR");
    assert_eq!(asked.status, 503);
    assert_eq!(asked.header("retry-after"), Some("3"));
    assert_eq!(asked.envelope().message, "The mock failed.");
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn fail_then_succeed_counts_per_client_key() {
    let dir = scratch_catalog("serve-retry");
    let server = Server::start(&dir, "errors.yaml");
    let path =
        |key: &str| format!("/scenarios/fail-then-succeed?times=2&code=RATE_LIMITED&key={key}");
    let statuses = |key: &str, count: usize| -> Vec<u16> {
        (0..count).map(|_| server.get(&path(key)).status).collect()
    };
    assert_eq!(statuses("a", 1), [429]);
    assert_eq!(statuses("b", 3), [429, 429, 200], "keys count apart");
    let failure = server.get(&path("a"));
    assert_eq!(failure.header("retry-after"), Some("7"));
    assert!(failure.envelope().code == "RATE_LIMITED");
    let success = server.get(&path("a"));
    assert_eq!(success.status, 200);
    assert_eq!(success.header("content-type"), Some("application/json"));
    assert_eq!(success.body, br#"{"ok":true}"#);
    assert_eq!(
        statuses("a", 3),
        [429, 429, 200],
        "after a success it starts again"
    );

    let missing = server.get("/scenarios/fail-then-succeed?times=1");
    assert_eq!(missing.status, 400);
    assert!(
        missing
            .envelope()
            .detail
            .unwrap_or_default()
            .contains("`code`")
    );
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn a_full_key_map_forgets_one_key_and_other_sequences_go_on() {
    // The bound the README gives.
    const MAX_KEYS: usize = 10_000;
    let dir = scratch_catalog("serve-keys");
    let server = Server::start(&dir, "errors.yaml");
    let path = |key: &str, times: u32| {
        format!("/scenarios/fail-then-succeed?times={times}&code=RATE_LIMITED&key={key}")
    };
    let others = |range: std::ops::Range<usize>| range.map(move |n| path(&format!("k{n}"), 1));
    // `a` is half-way through its sequence when the map fills up, and is used again
    // before more new keys come than the map holds.
    let paths: Vec<String> = std::iter::once(path("a", 2))
        .chain(others(0..MAX_KEYS - 1))
        .chain(std::iter::once(path("a", 2)))
        .chain(others(MAX_KEYS - 1..MAX_KEYS + MAX_KEYS / 2))
        .chain(std::iter::once(path("a", 2)))
        .chain(std::iter::once(path("k0", 1)))
        .chain(std::iter::once(path(&format!("k{}", MAX_KEYS - 2), 1)))
        .collect();
    let statuses = server.pipeline(&paths);
    let [.., a, first, last] = statuses[..] else {
        unreachable!()
    };
    assert_eq!(a, 200, "a's sequence went on");
    assert_eq!(first, 429, "the least recently used keys start again");
    assert_eq!(last, 200, "the others go on");
    assert!(
        statuses[..statuses.len() - 3]
            .iter()
            .all(|&status| status == 429)
    );
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn a_request_head_that_stalls_or_trickles_is_cut_off() {
    let server = Server::start_with(&workspace_root(), "errors.yaml", &["--header-timeout", "1"]);
    let mut stalled = server.stalled_connection();
    let mut trickling = server.stalled_connection();
    let mut silent = server.connect();
    for (what, stream, trickle) in [
        ("stalled", &mut stalled, &b""[..]),
        ("trickling", &mut trickling, &b"x-slow: 1\r\n"[..]),
        ("silent", &mut silent, &b""[..]),
    ] {
        let took = closed(stream, trickle);
        assert!(took < Duration::from_secs(10), "{what}: {took:?}");
    }
    // A request being handled has no deadline.
    let slow = server.get("/scenarios/slow?ms=2500");
    assert_eq!(slow.status, 200);
    assert_eq!(server.get("/errors/NOT_FOUND").status, 404);
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn an_idle_connection_is_closed_after_the_idle_timeout() {
    let server = Server::start_with(
        &workspace_root(),
        "errors.yaml",
        &["--idle-timeout", "1", "--header-timeout", "60"],
    );
    let mut stream = server.idle_connection("/errors/NOT_FOUND");
    // Kept alive: a second request on it is answered.
    write!(
        stream,
        "GET /errors/CONFLICT HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    assert_eq!(read_reply(&mut BufReader::new(&stream)).status, 409);
    closed(&mut stream, b"");
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn idle_and_stalled_connections_do_not_keep_a_new_request_waiting() {
    const PLACES: usize = 20;
    let server = Server::start_with(
        &workspace_root(),
        "errors.yaml",
        &[
            "--max-connections",
            &PLACES.to_string(),
            "--header-timeout",
            "60",
            "--idle-timeout",
            "60",
        ],
    );
    let mut idle: Vec<_> = (0..PLACES / 2)
        .map(|_| server.idle_connection("/errors/NOT_FOUND"))
        .collect();
    let _stalled: Vec<_> = (0..PLACES / 2)
        .map(|_| server.stalled_connection())
        .collect();
    // Every place is taken, and no timeout is near: the idle connections make room.
    let started = Instant::now();
    assert_eq!(server.get("/errors/NOT_FOUND").status, 404);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    for stream in &mut idle {
        closed(stream, b"");
    }

    // With every remaining place busy, a connection waits for one to be free.
    let addr = server.addr.clone();
    let busy: Vec<_> = (0..PLACES / 2)
        .map(|_| {
            let addr = addr.clone();
            thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).unwrap();
                stream.set_read_timeout(Some(DEADLINE)).unwrap();
                write!(
                    stream,
                    "GET /scenarios/slow?ms=1000 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut bytes = Vec::new();
                stream.read_to_end(&mut bytes).unwrap();
                Reply::parse(&bytes).status
            })
        })
        .collect();
    thread::sleep(Duration::from_millis(200));
    assert_eq!(server.get("/errors/NOT_FOUND").status, 404);
    for answer in busy {
        assert_eq!(answer.join().unwrap(), 200);
    }
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn proxies_bodies_and_slowness_are_reproduced() {
    let dir = scratch_catalog("serve-proxy");
    let server = Server::start(&dir, "errors.yaml");

    let html = server.get("/scenarios/html-502");
    assert_eq!(html.status, 502);
    assert_eq!(
        html.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let not_an_envelope = LuxxonError::from_json(&html.body).unwrap_err();
    assert_eq!(not_an_envelope.kind(), DecodeErrorKind::NotJson);
    assert!(not_an_envelope.body_text().contains("502 Bad Gateway"));

    let empty = server.get("/scenarios/empty-503");
    assert_eq!(empty.status, 503);
    assert!(empty.body.is_empty());
    assert_eq!(
        LuxxonError::from_json(&empty.body).unwrap_err().kind(),
        DecodeErrorKind::Empty
    );

    let started = Instant::now();
    let slow = server.get("/scenarios/slow?ms=300");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(slow.status, 200);
    assert_eq!(slow.body, br#"{"ok":true}"#);
    let too_slow = server.get("/scenarios/slow?ms=30001");
    assert_eq!(too_slow.status, 400);
    assert_eq!(server.stop("-INT"), Some(0));
}

#[test]
fn a_catalog_with_problems_or_a_taken_address_is_a_failure() {
    let dir = scratch_dir("serve-broken");
    fs::write(dir.join("errors.yaml"), "codes: []\nfamilies: []\n").unwrap();
    let broken = common::run(&dir, &["serve"]);
    assert_eq!(broken.code(), Some(1));
    assert!(
        broken
            .stderr
            .contains("error: errors.yaml:1:8: `codes` is empty"),
        "{}",
        broken.stderr
    );
    assert!(broken.stdout.is_empty());

    let server = Server::start(&workspace_root(), "errors.yaml");
    let taken = common::run(&workspace_root(), &["serve", "--addr", &server.addr]);
    assert_eq!(taken.code(), Some(1));
    assert!(
        taken.stderr.contains("could not listen on"),
        "{}",
        taken.stderr
    );
    assert_eq!(server.stop("-INT"), Some(0));

    let unparsable = common::run(&workspace_root(), &["serve", "--addr", "localhost"]);
    assert_eq!(unparsable.code(), Some(2));
}

#[test]
fn a_request_in_flight_does_not_hold_up_a_stop_for_long() {
    let server = Server::start(&workspace_root(), "errors.yaml");
    let addr = server.addr.clone();
    let slow = thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).unwrap();
        let _ = write!(
            stream,
            "GET /scenarios/slow?ms=30000 HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        );
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
    });
    thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    assert_eq!(server.stop("-INT"), Some(0));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    slow.join().unwrap();
}
