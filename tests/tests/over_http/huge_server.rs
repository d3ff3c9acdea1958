//! A server whose error bodies never end, or end after a gigabyte: written by hand on a
//! socket, so that the body is made as it is sent (nothing of it is held) and the framing
//! is whatever the test needs, a `Content-Length` included. It reports how much of each
//! body it wrote before the client hung up.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// Past this, the server stops an endless body (and hangs up without ending it): a client
/// that reads it all gets a transport error instead of the test running forever.
pub const ENDLESS_CAP: u64 = 256 * 1024 * 1024;

/// The length of the `/gigabyte-envelope` body.
pub const GIGABYTE: u64 = 1024 * 1024 * 1024;

/// What `/gigabyte-envelope` begins with: an envelope of a code the catalog says is not
/// retryable, whose `detail` runs on for a gigabyte (and is then closed, so that the
/// whole body is an envelope).
pub const ENVELOPE_HEAD: &str = r#"{"statusCode":503,"code":"NO_COVERAGE","message":"No operator in range","timestamp":"2026-05-13T08:30:00Z","requestId":"req_body","detail":""#;
const ENVELOPE_TAIL: &str = r#""}"#;

/// What an endless body repeats.
pub const PAGE: &[u8] = b"<html><body>503 Service Unavailable</body></html>\n";

/// How one answer went.
#[derive(Debug)]
pub struct Served {
    pub path: String,
    /// The bytes of the body written, framing excluded.
    pub written: u64,
    /// Whether the client hung up before the body ended (or the cap was reached).
    pub hung_up: bool,
}

pub struct HugeServer {
    pub base_url: String,
    served: mpsc::UnboundedReceiver<Served>,
}

impl HugeServer {
    /// How the next answer went, once its connection is over.
    pub async fn next_served(&mut self) -> Served {
        self.served.recv().await.expect("the server runs")
    }
}

/// Starts the server on an ephemeral port of 127.0.0.1. Routes (any method):
///
/// - `/endless-chunked`: 503, `text/html`, chunked, never ends;
/// - `/endless-until-close`: the same with no length and no chunks (ends at the close);
/// - `/gigabyte-envelope`: 503, `application/json`, `Content-Length` of 1 GiB, the body
///   an envelope with a 1 GiB `detail`.
///
/// Every answer carries `retry-after: 7` and `x-request-id: edge-huge`.
pub async fn start() -> HugeServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (sender, served) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let sender = sender.clone();
            tokio::spawn(async move {
                if let Some(served) = answer(stream).await {
                    let _ = sender.send(served);
                }
            });
        }
    });
    HugeServer {
        base_url: format!("http://{address}"),
        served,
    }
}

async fn answer(mut stream: TcpStream) -> Option<Served> {
    let path = read_path(&mut stream).await?;
    let head = |framing: &str, content_type: &str| {
        format!(
            "HTTP/1.1 503 Service Unavailable\r\ncontent-type: {content_type}\r\n\
             retry-after: 7\r\nx-request-id: edge-huge\r\n{framing}\r\n"
        )
    };
    let (written, hung_up) = match path.as_str() {
        "/endless-chunked" => {
            let head = head("transfer-encoding: chunked\r\n", "text/html");
            endless(&mut stream, &head, true).await
        }
        "/endless-until-close" => {
            let head = head("connection: close\r\n", "text/html");
            endless(&mut stream, &head, false).await
        }
        "/gigabyte-envelope" => {
            let head = head(
                &format!("content-length: {GIGABYTE}\r\n"),
                "application/json",
            );
            gigabyte_envelope(&mut stream, &head).await
        }
        _ => {
            let _ = stream
                .write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n")
                .await;
            (0, false)
        }
    };
    Some(Served {
        path,
        written,
        hung_up,
    })
}

/// The path of the request, once its head is in (a GET, with no body).
async fn read_path(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buffer = [0; 1024];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let line = head.split(|&byte| byte == b'\r').next()?;
    let path = std::str::from_utf8(line).ok()?.split(' ').nth(1)?;
    Some(path.to_owned())
}

/// Writes `PAGE` again and again until the client hangs up or `ENDLESS_CAP`.
async fn endless(stream: &mut TcpStream, head: &str, chunked: bool) -> (u64, bool) {
    if stream.write_all(head.as_bytes()).await.is_err() {
        return (0, true);
    }
    let piece = PAGE.repeat(16 * 1024 / PAGE.len());
    let framed = if chunked {
        let mut framed = format!("{:x}\r\n", piece.len()).into_bytes();
        framed.extend_from_slice(&piece);
        framed.extend_from_slice(b"\r\n");
        framed
    } else {
        piece.clone()
    };
    let mut written = 0;
    while written < ENDLESS_CAP {
        if stream.write_all(&framed).await.is_err() {
            return (written, true);
        }
        written += piece.len() as u64;
    }
    (written, false)
}

/// Writes the 1 GiB envelope, made as it goes, until the client hangs up or it ends.
async fn gigabyte_envelope(stream: &mut TcpStream, head: &str) -> (u64, bool) {
    let mut start = head.as_bytes().to_vec();
    start.extend_from_slice(ENVELOPE_HEAD.as_bytes());
    if stream.write_all(&start).await.is_err() {
        return (0, true);
    }
    let mut written = ENVELOPE_HEAD.len() as u64;
    let filler = vec![b'x'; 64 * 1024];
    let detail_end = GIGABYTE - ENVELOPE_TAIL.len() as u64;
    while written < detail_end {
        let size = filler.len().min((detail_end - written) as usize);
        if stream.write_all(&filler[..size]).await.is_err() {
            return (written, true);
        }
        written += size as u64;
    }
    if stream.write_all(ENVELOPE_TAIL.as_bytes()).await.is_err() {
        return (written, true);
    }
    (GIGABYTE, false)
}
