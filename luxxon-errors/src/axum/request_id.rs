//! The id of one request: taken from the client's header when it sent a usable one,
//! made up otherwise.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use ::axum::http::HeaderValue;

/// The longest request id taken from a client: enough for a UUID, a W3C `traceparent` or
/// a load balancer's trace id, short enough to keep logs and bodies small.
const MAX_LEN: usize = 128;

/// The id of the request being handled, as
/// [`ErrorHandling`](crate::axum::ErrorHandling) assigned it: the one the client sent in
/// the request id header, or a new one (32 hex digits, 128 bits) when it sent none or one
/// that is not 1 to 128 bytes of visible ASCII (`!` to `~`: no space or tab, which a
/// header value may hold but which would split the id in logs).
///
/// Handlers read it from the request's extensions, e.g. to log it or pass it downstream:
///
/// ```
/// use axum::Extension;
/// use luxxon_errors::axum::RequestId;
///
/// async fn handler(Extension(request_id): Extension<RequestId>) -> String {
///     format!("handling {request_id}")
/// }
/// # let _: axum::routing::MethodRouter = axum::routing::get(handler);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
// A header value: the id is one already, so answering with it copies nothing, and a
// clone shares its bytes.
pub struct RequestId(HeaderValue);

impl RequestId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        // Never empty: every id is visible ASCII, which `to_str` accepts.
        self.0.to_str().unwrap_or_default()
    }

    /// The id a client sent, if it is usable.
    pub(super) fn from_header(value: &HeaderValue) -> Option<RequestId> {
        let bytes = value.as_bytes();
        let usable = (1..=MAX_LEN).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_graphic);
        usable.then(|| RequestId(value.clone()))
    }

    /// A new id: 128 bits as 32 hex digits.
    ///
    /// The bits are SipHash, keyed once per process from the OS's randomness (std's
    /// `RandomState`), of a counter: unique within a process, and unpredictable without the
    /// keys. An id is a handle for logs, not a secret.
    pub(super) fn generate() -> RequestId {
        static KEYS: OnceLock<RandomState> = OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let keys = KEYS.get_or_init(RandomState::new);
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let half = |lane: u64| {
            let mut hasher = keys.build_hasher();
            hasher.write_u64(count);
            hasher.write_u64(lane);
            hasher.finish()
        };
        let mut hex = [0; 32];
        for (digits, half) in hex.chunks_exact_mut(16).zip([half(0), half(1)]) {
            for (index, digit) in digits.iter_mut().enumerate() {
                let nibble = (half >> (60 - 4 * index)) & 0xf;
                *digit = b"0123456789abcdef"[nibble as usize];
            }
        }
        // Hex digits are a valid header value; the fallback is never taken.
        RequestId(HeaderValue::from_bytes(&hex).unwrap_or_else(|_| HeaderValue::from_static("0")))
    }

    /// The id as a header value.
    pub(super) fn header_value(&self) -> Option<HeaderValue> {
        Some(self.0.clone())
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for RequestId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use ::axum::http::HeaderValue;

    use super::RequestId;

    #[test]
    fn generated_ids_are_32_hex_digits_and_distinct() {
        let ids: HashSet<RequestId> = (0..1000).map(|_| RequestId::generate()).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert_eq!(id.as_str().len(), 32);
            assert!(id.as_str().bytes().all(|byte| byte.is_ascii_hexdigit()));
            assert!(id.header_value().is_some());
        }
    }

    #[test]
    fn a_client_id_is_taken_when_usable() {
        let from = |bytes: &[u8]| {
            HeaderValue::from_bytes(bytes)
                .ok()
                .and_then(|value| RequestId::from_header(&value))
                .map(|id| id.to_string())
        };
        assert_eq!(from(b"req-42").as_deref(), Some("req-42"));
        assert_eq!(from(&[b'a'; 128]).map(|id| id.len()), Some(128));
        assert_eq!(from(&[b'a'; 129]), None);
        assert_eq!(from(b""), None);
        assert_eq!(from("caf\u{e9}".as_bytes()), None);
    }
}
