//! The lookup by name of generated enums (`ErrorCode::known`, `Family::from_id`): a
//! perfect hash whose tables the generator chose for the catalog's names, and whose
//! algorithm is spelled here once for every catalog.
//!
//! The generator searched a hash under which every name has a slot of its own; the
//! lookup hashes the input, reads from its slot the one name it can be, and compares
//! once, so no branch depends on which name arrives: nothing to mispredict on mixed
//! traffic, where a `match` on the string branches on its length, then on one name after
//! another. The generated code holds the tables only (a [`PerfectHash`] constant, its
//! keys written with [`key`]); [`PerfectHash::position`] is always inlined and generic
//! over the key's length, so each lookup compiles to straight-line code over constants,
//! as if written out for its enum.
//!
//! The generator (`luxxon-errors-codegen`, `emit/lookup.rs`) computes the same keys and
//! hashes to place the names: the two must agree, which `tests/tests/lookup_agreement.rs`
//! checks on generated name lists of every shape.

/// The multiplier that mixes a pilot into the hash: the odd 64-bit constant nearest
/// 2⁶⁴/φ, as in Fibonacci hashing. The generator uses the same.
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The key of an input: `KEY_LEN` words that, for inputs of at most `8 (KEY_LEN - 1)`
/// bytes, determine the bytes, so that equal keys mean equal inputs.
///
/// From 8 bytes on: the first 8 bytes, the last 8, the length, then the 8 bytes at 8, 16,
/// 24…, or the last 8 for words past the end. Shorter: the first word holds the first and
/// last 4 bytes (from 4 bytes), or the first, middle and last byte; the third the length;
/// the rest 0. Every read is of a fixed size, so the optimizer unrolls it and no call to
/// `memcmp` is needed to compare.
///
/// A `const fn`, so that generated code writes its table of keys with the names
/// (`key(b"NOT_FOUND")`), computed at compile time. `KEY_LEN` is even (the hash takes
/// words in pairs) and at least 4.
// `always`: see `PerfectHash::position`.
#[inline(always)]
pub const fn key<const KEY_LEN: usize>(bytes: &[u8]) -> [u64; KEY_LEN] {
    const {
        ::core::assert!(
            KEY_LEN >= 4 && KEY_LEN.is_multiple_of(2),
            "a lookup key has an even number of words, at least 4"
        );
    }
    let len = bytes.len();
    let mut key = [0; KEY_LEN];
    key[2] = len as u64;
    if len >= 8 {
        key[0] = word(bytes, 0);
        key[1] = word(bytes, len - 8);
        let mut k = 3;
        while k < KEY_LEN {
            let at = 8 * (k - 2);
            key[k] = word(bytes, if at < len - 8 { at } else { len - 8 });
            k += 1;
        }
    } else if len >= 4 {
        key[0] = (half(bytes, len - 4) << 32) | half(bytes, 0);
    } else if len > 0 {
        key[0] = ((bytes[len - 1] as u64) << 16) | ((bytes[len / 2] as u64) << 8) | bytes[0] as u64;
    }
    key
}

/// The little-endian word of the 8 bytes at `at`, or 0 where there are fewer.
#[inline]
const fn word(bytes: &[u8], at: usize) -> u64 {
    match bytes.split_at(at).1.first_chunk::<8>() {
        Some(word) => u64::from_le_bytes(*word),
        None => 0,
    }
}

/// The little-endian number of the 4 bytes at `at`, or 0 where there are fewer.
#[inline]
const fn half(bytes: &[u8], at: usize) -> u64 {
    match bytes.split_at(at).1.first_chunk::<4>() {
        Some(half) => u32::from_le_bytes(*half) as u64,
        None => 0,
    }
}

/// A perfect hash of an enum's names, as the generator chose it: the tables only.
///
/// `KEY_LEN` is the length of a [`key`], enough for the longest name; `S` and `P` are the
/// narrowest unsigned types that hold the slots' positions and the pilots.
#[derive(Clone, Copy, Debug)]
pub struct PerfectHash<const KEY_LEN: usize, S: 'static, P: 'static> {
    /// The keys of the hash, one per key word hashed: the first words of the key, an
    /// even number of them, as many as tell the names apart.
    pub hash_keys: &'static [u64],
    /// For many names, the buckets that move a hash to its slot; `None` when the top
    /// bits of the hash pick the slot directly.
    pub buckets: Option<Buckets<P>>,
    /// The position of the name in each slot; a slot no name took holds 0, whose key
    /// differs from the input's.
    pub slots: &'static [S],
    /// `64 - log2(slots.len())`: the shift that leaves the top bits of a hash.
    pub slot_shift: u32,
    /// The key of each name, in the enum's order.
    pub keys: &'static [[u64; KEY_LEN]],
}

/// The buckets of a perfect hash with pilots ("hash and displace", as in PTHash): the
/// top bits of the hash pick a bucket, whose pilot moves the hash to a slot.
#[derive(Clone, Copy, Debug)]
pub struct Buckets<P: 'static> {
    /// One per bucket.
    pub pilots: &'static [P],
    /// `64 - log2(pilots.len())`.
    pub shift: u32,
}

impl<const KEY_LEN: usize, S: Copy + Into<u64>, P: Copy + Into<u64>> PerfectHash<KEY_LEN, S, P> {
    /// The position of the name that `bytes` is, if any.
    ///
    /// The hash multiplies the key's first words in pairs, each xor-ed with its hash key,
    /// and sums the 128-bit products folded to 64 bits: one multiplication mixes every
    /// bit of two words into every bit of the result, and the multiplications don't wait
    /// on each other. The keys are then compared by or-ing the differences of their
    /// words, which keeps them in registers.
    // `always`, where a hint would do for code written per enum: the enums of a catalog
    // share an instantiation (same key length and slot types), which LLVM then keeps as
    // one function called from each, reading the tables through a pointer. Inlined, each
    // lookup is straight-line code over its own constants, as when it was emitted whole.
    #[inline(always)]
    pub fn position(&self, bytes: &[u8]) -> Option<usize> {
        let key = key::<KEY_LEN>(bytes);
        let mut hash = 0_u64;
        for (pair, keys) in key.chunks_exact(2).zip(self.hash_keys.chunks_exact(2)) {
            let product = u128::from(pair[0] ^ keys[0]) * u128::from(pair[1] ^ keys[1]);
            hash = hash.wrapping_add((product as u64) ^ ((product >> 64) as u64));
        }
        let slot = match self.buckets {
            None => (hash >> self.slot_shift) as usize,
            Some(buckets) => {
                let pilot: u64 = buckets.pilots[(hash >> buckets.shift) as usize].into();
                ((hash ^ pilot).wrapping_mul(MULTIPLIER) >> self.slot_shift) as usize
            }
        };
        // Positions are below the number of names, which a `usize` holds.
        let position = self.slots[slot].into() as usize;
        let difference = self.keys[position]
            .iter()
            .zip(key)
            .fold(0, |difference, (known, word)| difference | (known ^ word));
        if difference == 0 {
            Some(position)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_the_ends_the_length_and_the_middle() {
        assert_eq!(key::<4>(b""), [0; 4]);
        assert_eq!(key::<4>(b"A"), [0x41_41_41, 0, 1, 0]);
        assert_eq!(key::<4>(b"ABCD"), [0x4443_4241_4443_4241, 0, 4, 0]);
        let name = b"COVERAGE_AREA_NOT_FOUND";
        let word = |at: usize| u64::from_le_bytes(name[at..at + 8].try_into().unwrap());
        assert_eq!(key::<4>(name), [word(0), word(15), 23, word(8)]);
        assert_eq!(
            key::<6>(name),
            [word(0), word(15), 23, word(8), word(15), word(15)]
        );
    }

    #[test]
    fn an_empty_slot_finds_nothing() {
        const KEYS: [[u64; 4]; 1] = [key(b"ONLY")];
        let lookup: PerfectHash<4, u8, u8> = PerfectHash {
            hash_keys: &[1, 2],
            buckets: None,
            slots: &[0, 0, 0, 0],
            slot_shift: 62,
            keys: &KEYS,
        };
        assert_eq!(lookup.position(b"ONLY"), Some(0));
        assert_eq!(lookup.position(b"ONLZ"), None);
        assert_eq!(lookup.position(b""), None);
    }
}
