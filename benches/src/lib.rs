//! Criterion benchmarks of luxxon-errors; run them with `cargo bench -p luxxon-errors-benches`.
//!
//! This library holds what the benchmarks share: the input streams. They are built
//! deterministically (a fixed xorshift seed), so every run and every machine measures
//! the same inputs.

/// `len` codes cycling through `codes` in order: a stream whose every branch a predictor
/// learns after one lap, the best case for a `match` that compares strings one by one.
#[must_use]
pub fn cycle<'a>(codes: &[&'a str], len: usize) -> Vec<&'a str> {
    codes.iter().copied().cycle().take(len).collect()
}

/// Near misses of `codes`, five of each, none of them a code: the texts that defeat
/// shortcuts. The same length with one byte changed, one byte more or less, lower case,
/// a prefix ahead.
#[must_use]
pub fn near_misses(codes: &[&str]) -> Vec<String> {
    let mut random = Xorshift(0x9e37_79b9_7f4a_7c15);
    let mut misses = Vec::with_capacity(codes.len() * 5);
    for code in codes {
        for edit in 0..5 {
            let miss = near_miss(code, edit, &mut random);
            if !codes.contains(&miss.as_str()) && !misses.contains(&miss) {
                misses.push(miss);
            }
        }
    }
    misses
}

/// `len` texts drawn at random: nine in ten are one of `codes`, one in ten one of
/// `misses`, which a lookup must tell apart from every code.
///
/// The stream is long (the benchmarks use 2¹⁶) so that no branch predictor learns it:
/// replayed every iteration, a stream of a thousand codes is learned by the history-based
/// predictors of current CPUs, which turns a random stream into a predictable one. The
/// texts are borrowed from the two small sets, which stay in cache: what varies is which
/// text comes next, not where it is.
#[must_use]
pub fn mixed<'a>(codes: &[&'a str], misses: &'a [String], len: usize) -> Vec<&'a str> {
    let mut random = Xorshift(0x2545_f491_4f6c_dd1d);
    (0..len)
        .map(|_| {
            if misses.is_empty() || random.below(10) != 0 {
                codes[random.below(codes.len())]
            } else {
                misses[random.below(misses.len())].as_str()
            }
        })
        .collect()
}

/// A string one small edit away from `code`.
fn near_miss(code: &str, edit: usize, random: &mut Xorshift) -> String {
    let mut bytes = code.as_bytes().to_vec();
    match edit {
        // Same length, one byte changed to another that codes use.
        0 => {
            let at = random.below(bytes.len());
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ_";
            let other = alphabet
                .iter()
                .position(|&byte| byte == bytes[at])
                .unwrap_or(0)
                + 1
                + random.below(alphabet.len() - 1);
            bytes[at] = alphabet[other % alphabet.len()];
        }
        // One byte fewer.
        1 => {
            bytes.pop();
        }
        // One byte more.
        2 => bytes.push(b'S'),
        // Lower case: same length, every letter differs.
        3 => bytes.make_ascii_lowercase(),
        // A code of tomorrow's catalog.
        _ => {
            bytes.splice(0..0, *b"NEW_");
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// A xorshift generator: enough for shuffling benchmark inputs, and the same everywhere.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        // The bound is at most a few dozen: the modulo's bias does not matter here.
        usize::try_from(self.0 % bound as u64).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: &[&str] = &["NOT_FOUND", "CONFLICT", "INVALID_INPUT"];

    #[test]
    fn the_cycle_repeats_the_codes_in_order() {
        assert_eq!(
            cycle(CODES, 7),
            [
                "NOT_FOUND",
                "CONFLICT",
                "INVALID_INPUT",
                "NOT_FOUND",
                "CONFLICT",
                "INVALID_INPUT",
                "NOT_FOUND"
            ]
        );
    }

    #[test]
    fn near_misses_are_not_codes() {
        let misses = near_misses(CODES);
        assert!(misses.len() >= 10, "{misses:?}");
        for miss in &misses {
            assert!(!CODES.contains(&miss.as_str()), "{miss}");
        }
        assert!(misses.contains(&"not_found".to_owned()));
        assert!(misses.contains(&"NOT_FOUN".to_owned()));
    }

    #[test]
    fn one_in_ten_of_the_mixed_stream_is_a_near_miss() {
        let misses = near_misses(CODES);
        let stream = mixed(CODES, &misses, 10_000);
        let unknown = stream.iter().filter(|code| !CODES.contains(code)).count();
        assert!((800..1200).contains(&unknown), "{unknown}");
        assert_eq!(stream, mixed(CODES, &misses, 10_000), "deterministic");
    }
}
