//! Seeded faults consistent with the catalog: `GET /scenarios/chaos` answers, at a given
//! rate, one of the catalog's retryable codes (with its `Retry-After`), after a latency
//! drawn from a given distribution. Each client key draws from its own stream of the
//! seed, so two runs with one seed give each key the same answers in the same order,
//! however the keys' requests interleave.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::HeaderValue;
use axum::response::Response;
use luxxon_errors_codegen::Catalog;

use super::Mock;
use super::envelopes::{self, Refusal, excerpt};
use super::lru::Lru;
use super::scenarios::{self, MAX_KEY_LEN, number};

/// The longest latency drawn: longer draws are cut to it.
pub const MAX_LATENCY_MS: u64 = 30_000;

/// What `/scenarios/chaos` does when the request does not say.
#[derive(Clone, Debug)]
pub struct Defaults {
    /// The seed of every key's stream.
    pub seed: u64,
    /// The share of answers that are errors, from 0 to 1.
    pub error_rate: f64,
    /// How long each answer waits.
    pub latency: Latency,
}

/// A latency distribution, in milliseconds: `fixed:MS`, `uniform:MIN-MAX` or `exp:MEAN`
/// (exponential, with that mean); every draw is at most [`MAX_LATENCY_MS`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Latency {
    /// Always this long.
    Fixed(u64),
    /// Anywhere from the first to the second, both included.
    Uniform(u64, u64),
    /// Exponential with this mean: mostly short, now and then long, as real latency.
    Exponential(u64),
}

impl FromStr for Latency {
    type Err = String;

    fn from_str(text: &str) -> Result<Latency, String> {
        let explain = || {
            format!(
                "`{}` is not a latency: use fixed:MS, uniform:MIN-MAX or exp:MEAN (milliseconds, at most {MAX_LATENCY_MS})",
                excerpt(text)
            )
        };
        let ms = |text: &str| {
            text.parse::<u64>()
                .ok()
                .filter(|ms| *ms <= MAX_LATENCY_MS)
                .ok_or_else(explain)
        };
        let (kind, value) = text.split_once(':').ok_or_else(explain)?;
        match kind {
            "fixed" => Ok(Latency::Fixed(ms(value)?)),
            "exp" => Ok(Latency::Exponential(ms(value)?)),
            "uniform" => {
                let (low, high) = value.split_once('-').ok_or_else(explain)?;
                let (low, high) = (ms(low)?, ms(high)?);
                if low > high {
                    return Err(explain());
                }
                Ok(Latency::Uniform(low, high))
            }
            _ => Err(explain()),
        }
    }
}

impl fmt::Display for Latency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Latency::Fixed(ms) => write!(f, "fixed:{ms}"),
            Latency::Uniform(low, high) => write!(f, "uniform:{low}-{high}"),
            Latency::Exponential(mean) => write!(f, "exp:{mean}"),
        }
    }
}

impl Latency {
    /// The latency for the uniform draw `unit` (from 0 to 1, 1 excluded).
    fn draw(self, unit: f64) -> Duration {
        let ms = match self {
            Latency::Fixed(ms) => ms,
            Latency::Uniform(low, high) => {
                // At most 30,000 values: exact in an f64.
                let span = (high - low + 1) as f64;
                low + (unit * span) as u64
            }
            Latency::Exponential(mean) => (-(mean as f64) * (1.0 - unit).ln()).round() as u64,
        };
        Duration::from_millis(ms.min(MAX_LATENCY_MS))
    }
}

/// SplitMix64: small, fast and the same on every platform, which is all a seed needs.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// The stream of `seed` for `key`: each key has its own.
    pub fn for_key(seed: u64, key: &str) -> SplitMix64 {
        // FNV-1a: a fixed hash, unlike std's, which is keyed per process.
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        SplitMix64(seed ^ hash)
    }

    /// The next number of the stream.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to 1, 1 excluded, from the 53 bits an f64 holds exactly.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }
}

/// Each key's stream, and how many answers it has drawn.
#[derive(Debug)]
pub struct Streams {
    keys: Lru<(SplitMix64, u64)>,
}

impl Streams {
    /// No stream yet, remembering `capacity` keys at most: a key forgotten starts its
    /// stream again.
    pub fn new(capacity: usize) -> Streams {
        Streams {
            keys: Lru::new(capacity),
        }
    }

    /// Forgets every stream.
    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// The next draw of `key`'s stream of `seed`: three numbers, and its index.
    fn draw(&mut self, seed: u64, key: &str) -> ([f64; 3], u64) {
        // The seed is part of the stream's name: asking another seed starts another.
        let name = format!("{seed}\u{0}{key}");
        let (stream, drawn) = self
            .keys
            .entry(&name, || (SplitMix64::for_key(seed, key), 0));
        let draw = [stream.unit(), stream.unit(), stream.unit()];
        let index = *drawn;
        *drawn += 1;
        (draw, index)
    }
}

/// `GET /scenarios/chaos[?rate=P][&latency=DIST][&seed=S][&codes=A,B][&key=K]`: after a
/// drawn latency, one of the catalog's retryable codes at rate `P` (or one of `codes`),
/// else `200 {"ok":true}`. The answer's `x-mock-draw` header is its index in the key's
/// stream.
pub async fn chaos(
    State(mock): State<Arc<Mock>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, Refusal> {
    let defaults = &mock.chaos;
    let seed = match query.get("seed") {
        Some(_) => number(&query, "seed", u64::MAX)?,
        None => defaults.seed,
    };
    let rate = match query.get("rate") {
        Some(rate) => rate
            .parse::<f64>()
            .ok()
            .filter(|rate| (0.0..=1.0).contains(rate))
            .ok_or_else(|| Refusal("`rate` must be a number from 0 to 1".to_owned()))?,
        None => defaults.error_rate,
    };
    let latency = match query.get("latency") {
        Some(latency) => latency.parse::<Latency>().map_err(Refusal)?,
        None => defaults.latency,
    };
    let codes = match query.get("codes") {
        Some(codes) => codes.split(',').map(str::to_owned).collect(),
        None => retryable_codes(&mock.catalog),
    };
    let key = query.get("key").map_or("", String::as_str);
    if key.len() > MAX_KEY_LEN {
        return Err(Refusal(format!(
            "`key` is longer than {MAX_KEY_LEN} bytes: `{}`",
            excerpt(key)
        )));
    }
    if rate > 0.0 && codes.is_empty() {
        return Err(Refusal(
            "the catalog has no retryable code to answer: name some with `codes=A,B`".to_owned(),
        ));
    }
    let ([wait, fails, pick], index) = mock
        .streams
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .draw(seed, key);
    tokio::time::sleep(latency.draw(wait)).await;
    let mut response = if fails < rate {
        // Below the number of codes, which fits in a usize.
        let chosen = ((pick * codes.len() as f64) as usize).min(codes.len() - 1);
        envelopes::answer(&mock.catalog, &codes[chosen], None)?
    } else {
        scenarios::ok()
    };
    response
        .headers_mut()
        .insert("x-mock-draw", HeaderValue::from(index));
    Ok(response)
}

/// The catalog's retryable codes, in its order.
fn retryable_codes(catalog: &Catalog) -> Vec<String> {
    catalog
        .codes()
        .iter()
        .filter(|code| code.is_retryable())
        .map(|code| code.name().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latencies_parse_and_draw_within_their_bounds() {
        assert_eq!("fixed:5".parse(), Ok(Latency::Fixed(5)));
        assert_eq!("uniform:1-9".parse(), Ok(Latency::Uniform(1, 9)));
        assert_eq!("exp:50".parse(), Ok(Latency::Exponential(50)));
        for bad in [
            "",
            "fixed",
            "fixed:x",
            "uniform:9-1",
            "exp:30001",
            "normal:5",
        ] {
            assert!(bad.parse::<Latency>().is_err(), "{bad}");
        }
        assert_eq!(Latency::Uniform(1, 9).draw(0.0), Duration::from_millis(1));
        assert_eq!(
            Latency::Uniform(1, 9).draw(0.999_999),
            Duration::from_millis(9)
        );
        assert_eq!(
            Latency::Exponential(30_000).draw(0.999_999_999),
            Duration::from_millis(MAX_LATENCY_MS)
        );
    }

    #[test]
    fn one_seed_and_key_give_one_stream() {
        let mut a = Streams::new(4);
        let mut b = Streams::new(4);
        let first: Vec<_> = (0..5).map(|_| a.draw(7, "k")).collect();
        let second: Vec<_> = (0..5).map(|_| b.draw(7, "k")).collect();
        assert_eq!(first, second);
        assert_ne!(a.draw(7, "other").0, first[0].0);
        assert_ne!(a.draw(8, "k").0, first[0].0);
    }
}
