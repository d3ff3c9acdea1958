//! Lookups by name, `ErrorCode::known` and `Family::from_id`: a perfect hash of the
//! catalog's names, found by the generator.
//!
//! A `match` on a string compiles to a jump on the length, then string comparisons one
//! after the other: which branches run depends on which name arrives, so on mixed
//! traffic they mispredict. The generator knows every name in advance, so it can do
//! better: it searches a hash function under which every name has a slot of its own.
//! The generated lookup then hashes the input, reads the one name that can match from
//! its slot, and compares once. No branch depends on which name it is.
//!
//! Both the hash and the comparison read the input as its key (see [`key`]): a few
//! 8-byte words, as many as the longest name needs, a fixed number of loads that the
//! optimizer unrolls, and no call to `memcmp`. Every instruction counts: a `match` whose
//! branches are predicted runs in a few nanoseconds. So the hash takes one
//! multiplication per two words (see [`hash`]), and only as many pairs as it takes to
//! tell the names apart (for most catalogs one: the first and last 8 bytes); the tables
//! are powers of two, indexed by a shift.
//!
//! For a few names (up to 64), the top bits of the hash pick the slot directly: the
//! generator tries seeds until every name has a slot of its own, in a table of 4 to 8
//! slots a name. Beyond, the chance that a seed does drops fast, and the scheme is "hash
//! and displace" (as in PTHash): the top bits of the hash pick a bucket, the bucket's
//! pilot perturbs the hash, and the result picks a slot. The generator assigns the
//! pilots bucket by bucket, fullest bucket first, trying pilot 0, 1, 2… until the
//! bucket's names land in free slots. Expected work is linear in the number of names
//! (10,000 take milliseconds); the search is deterministic (fixed seeds, fixed order) and
//! bounded (a budget of tries per seed, a few seeds). When it gives up, or a name is too
//! long for the word-wise comparison (longer than any name a checked catalog has),
//! [`PerfectHash::find`] says so and the emitter falls back to a `match`.
//!
//! [`key`], [`hash`] and [`PerfectHash::candidate`] run here, at generation time, to
//! place the names; the runtime's `generated::lookup` spells the same computation once
//! for run time, and [`PerfectHash::helpers`] emits only the tables it reads. The two
//! crates cannot share the code (the runtime depends on the generator, through the
//! proc-macro), so they must agree: the tests below check the placement,
//! `tests/tests/lookup_agreement.rs` runs the runtime's lookup on this module's tables
//! ([`LookupTables`]) for generated name lists, and `tests/tests/error_code.rs` looks up
//! the codes of two catalogs, one of each kind, through the generated code.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, quote};

/// The multiplier that mixes a pilot into the hash: the odd 64-bit constant nearest
/// 2⁶⁴/φ, whose bits look random, as in Fibonacci hashing.
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// How many names a bucket holds on average. Bigger buckets mean a smaller pilot table
/// but longer searches for the first, fullest buckets.
const NAMES_PER_BUCKET: usize = 4;

/// The names a direct hash is tried for: beyond, it needs ever sparser tables.
const DIRECT_NAMES: usize = 64;

/// The seeds a direct hash tries: enough that 64 names find one with 256 slots (about
/// one seed in three thousand does); each seed that fails costs a few dozen hashes.
const DIRECT_SEEDS: u64 = 1 << 14;

/// The seeds a hash with pilots tries, after the direct ones; a search that fails with
/// all of them falls back to `match`.
const DISPLACED_SEEDS: std::ops::Range<u64> = DIRECT_SEEDS..DIRECT_SEEDS + 4;

/// The longest name a perfect hash serves: the generated code reads this many bytes of
/// an input at most, unrolled. Longer names (no checked catalog has one: names have at
/// most 63 bytes) fall back to a `match`.
const MAX_NAME_LEN: usize = 128;

/// The little-endian number of up to 8 `bytes`.
fn little_endian(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(0, |word, &byte| (word << 8) | u64::from(byte))
}

/// The length of the keys of names of at most `longest` bytes: the first and last 8
/// bytes, the length, then as many words as the middle needs (8 bytes each), and one
/// more if that makes an odd number, so that the words pair up.
fn key_len(longest: usize) -> usize {
    (3 + longest.saturating_sub(16).div_ceil(8)).next_multiple_of(2)
}

/// The key of `bytes`, `key_len` words, as the generated `lookup_key` computes it.
///
/// From 8 bytes on: the first 8 bytes, the last 8, the length, and the words of the
/// middle, the 8 bytes at 8, 16, 24… or the last 8 for the words past the end. Shorter:
/// the first word packs the first and last 4 bytes (from 4 bytes), or the first, middle
/// and last byte; the length third, the rest 0. So for inputs of at most
/// `8 (key_len - 1)` bytes, the key determines the bytes: equal keys, equal strings.
fn key(bytes: &[u8], key_len: usize) -> Vec<u64> {
    let len = bytes.len();
    let mut key = vec![0; key_len];
    key[2] = len as u64;
    if len >= 8 {
        key[0] = little_endian(&bytes[..8]);
        key[1] = little_endian(&bytes[len - 8..]);
        for (k, word) in key[3..].iter_mut().enumerate() {
            let at = (8 + 8 * k).min(len - 8);
            *word = little_endian(&bytes[at..at + 8]);
        }
    } else if len >= 4 {
        key[0] = (little_endian(&bytes[len - 4..]) << 32) | little_endian(&bytes[..4]);
    } else if len > 0 {
        key[0] = (u64::from(bytes[len - 1]) << 16)
            | (u64::from(bytes[len / 2]) << 8)
            | u64::from(bytes[0]);
    }
    key
}

/// `count` keys for [`hash`] drawn from `seed` (by SplitMix64).
fn hash_keys(seed: u64, count: usize) -> Vec<u64> {
    let mut state = seed.wrapping_mul(MULTIPLIER);
    (0..count)
        .map(|_| {
            state = state.wrapping_add(MULTIPLIER);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        })
        .collect()
}

/// The hash of the first words of `key`, as many as `hash_keys`, an even number: for
/// each pair of words, each xor-ed with its hash key, their 128-bit product with the high
/// half folded onto the low, summed.
///
/// One multiplication mixes every bit of two words into every bit of the result (as in
/// foldhash), and the multiplications don't wait on each other. A 64-bit product would
/// not do: a difference in the top byte of a word would reach only the top byte of the
/// hash, and names that differ there would collide under every seed.
fn hash(key: &[u64], hash_keys: &[u64]) -> u64 {
    key.chunks_exact(2)
        .zip(hash_keys.chunks_exact(2))
        .fold(0, |hash: u64, (pair, keys)| {
            let product = u128::from(pair[0] ^ keys[0]) * u128::from(pair[1] ^ keys[1]);
            hash.wrapping_add((product as u64) ^ ((product >> 64) as u64))
        })
}

/// The slot of a name whose hash is `hash` in a bucket of pilot `pilot`.
const fn slot_of(hash: u64, pilot: u64, slot_bits: u32) -> usize {
    ((hash ^ pilot).wrapping_mul(MULTIPLIER) >> (64 - slot_bits)) as usize
}

/// A perfect hash of a list of names: each name's hash leads to a slot of its own, which
/// holds the name's position in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PerfectHash {
    /// The length of a key (see [`key`]): enough for the longest name.
    key_len: usize,
    /// The keys of [`hash`], one per key word hashed.
    hash_keys: Vec<u64>,
    /// One per bucket, `2^bucket_bits` of them; none for a direct hash.
    pilots: Vec<u16>,
    bucket_bits: u32,
    /// The position of the name in each slot; `2^slot_bits` of them. A slot no name took
    /// holds 0: only the first name compares equal to it, and that name hashes to a slot
    /// of its own.
    slots: Vec<u32>,
    slot_bits: u32,
}

impl PerfectHash {
    /// A perfect hash of `names`, or `None`: for an empty list, a list with a name twice
    /// or a name of more than `MAX_NAME_LEN` bytes, or (never seen, but not excluded)
    /// when every seed runs out of budget.
    pub(crate) fn find(names: &[&str]) -> Option<PerfectHash> {
        let longest = names.iter().map(|name| name.len()).max()?;
        if longest > MAX_NAME_LEN || u32::try_from(names.len()).is_err() {
            return None;
        }
        let mut sorted = names.to_vec();
        sorted.sort_unstable();
        if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
            return None;
        }
        let key_len = key_len(longest);
        let keys: Vec<Vec<u64>> = names
            .iter()
            .map(|name| key(name.as_bytes(), key_len))
            .collect();
        // Hash as few words as tell the names apart: the first pair (the first and last
        // 8 bytes) does unless two names of one length share both. Distinct names have
        // distinct whole keys, so the search ends.
        let hashed = (2..=key_len)
            .step_by(2)
            .find(|&hashed| {
                let mut prefixes: Vec<&[u64]> = keys.iter().map(|key| &key[..hashed]).collect();
                prefixes.sort_unstable();
                prefixes.windows(2).all(|pair| pair[0] != pair[1])
            })
            .unwrap_or(key_len);
        let direct = if names.len() <= DIRECT_NAMES {
            0..DIRECT_SEEDS
        } else {
            0..0
        };
        direct
            .into_iter()
            .find_map(|seed| Self::direct(&keys, hash_keys(seed, hashed)))
            .or_else(|| {
                DISPLACED_SEEDS
                    .into_iter()
                    .find_map(|seed| Self::displaced(&keys, hash_keys(seed, hashed)))
            })
    }

    /// A perfect hash without pilots, for a few names, if these `hash_keys` give one: the
    /// top bits of the hash pick the slot directly, in a table of 4 to 8 slots a name. It
    /// saves a load and a multiplication per lookup, which is much of the lookup for a
    /// short list.
    fn direct(keys: &[Vec<u64>], hash_keys: Vec<u64>) -> Option<PerfectHash> {
        let slot_bits = (4 * keys.len()).next_power_of_two().ilog2().max(1);
        let mut taken: Vec<Option<u32>> = vec![None; 1 << slot_bits];
        for (position, key) in keys.iter().enumerate() {
            let slot = &mut taken[(hash(key, &hash_keys) >> (64 - slot_bits)) as usize];
            if slot.is_some() {
                return None;
            }
            *slot = Some(u32::try_from(position).ok()?);
        }
        Some(PerfectHash {
            key_len: keys[0].len(),
            hash_keys,
            pilots: Vec::new(),
            bucket_bits: 0,
            slots: taken.into_iter().map(Option::unwrap_or_default).collect(),
            slot_bits,
        })
    }

    /// A perfect hash with a pilot per bucket (see the module's documentation), for any
    /// number of names, if these `hash_keys` give one.
    fn displaced(keys: &[Vec<u64>], hash_keys: Vec<u64>) -> Option<PerfectHash> {
        let count = keys.len();
        // At least 2 buckets and 2 slots: the generated shifts are by less than 64.
        let bucket_bits = count
            .div_ceil(NAMES_PER_BUCKET)
            .next_power_of_two()
            .max(2)
            .ilog2();
        // A load between 2/5 and 4/5: enough free slots that the last buckets find a
        // place quickly.
        let slot_bits = (count + count.div_ceil(4))
            .next_power_of_two()
            .max(2)
            .ilog2();
        let hashes: Vec<u64> = keys.iter().map(|key| hash(key, &hash_keys)).collect();
        // Two names of equal hashes share a bucket and, whatever its pilot, a slot: these
        // hash keys can't separate them.
        let mut sorted = hashes.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
            return None;
        }
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); 1 << bucket_bits];
        for (position, &hash) in hashes.iter().enumerate() {
            buckets[(hash >> (64 - bucket_bits)) as usize].push(position);
        }
        // Fullest buckets first, while most slots are free; ties in bucket order (the
        // sort is stable), so the result depends on nothing but the names.
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&bucket| std::cmp::Reverse(buckets[bucket].len()));

        // Each try costs a few operations per name of the bucket; the budget bounds the
        // work on a seed that goes badly.
        let mut budget = 1_000_000 + 100 * count;
        let mut pilots = vec![0_u16; buckets.len()];
        let mut taken: Vec<Option<u32>> = vec![None; 1 << slot_bits];
        let mut wanted = Vec::new();
        for bucket in order {
            let members = &buckets[bucket];
            if members.is_empty() {
                break;
            }
            let pilot = (0..=u16::MAX).find(|&pilot| {
                if budget < members.len() {
                    return false;
                }
                budget -= members.len();
                wanted.clear();
                members.iter().all(|&position| {
                    let slot = slot_of(hashes[position], u64::from(pilot), slot_bits);
                    let free = taken[slot].is_none() && !wanted.contains(&slot);
                    wanted.push(slot);
                    free
                })
            })?;
            pilots[bucket] = pilot;
            for (&position, &slot) in members.iter().zip(&wanted) {
                taken[slot] = Some(u32::try_from(position).ok()?);
            }
        }
        Some(PerfectHash {
            key_len: keys[0].len(),
            hash_keys,
            pilots,
            bucket_bits,
            slots: taken.into_iter().map(Option::unwrap_or_default).collect(),
            slot_bits,
        })
    }

    /// The position of the only name that `bytes` can be, as the runtime's lookup
    /// computes it before comparing keys.
    pub(crate) fn candidate(&self, bytes: &[u8]) -> usize {
        let hash = hash(&key(bytes, self.key_len), &self.hash_keys);
        let slot = if self.pilots.is_empty() {
            (hash >> (64 - self.slot_bits)) as usize
        } else {
            let pilot = self.pilots[(hash >> (64 - self.bucket_bits)) as usize];
            slot_of(hash, u64::from(pilot), self.slot_bits)
        };
        self.slots[slot] as usize
    }

    /// The private function `position_of` of the generated lookup, for the enum whose
    /// variants have these `names`: this hash's keys and tables as a constant of the
    /// runtime's `lookup::PerfectHash`, whose `position` computes [`Self::candidate`]
    /// and compares the keys. The algorithm lives in the runtime, spelled once.
    fn helpers(&self, support: &TokenStream, names: &[&str]) -> TokenStream {
        let key_len = Literal::usize_unsuffixed(self.key_len);
        let hash_keys = self.hash_keys.iter().map(|&key| {
            // Hexadecimal: random bits, not a quantity.
            format!("{key:#018x}")
                .parse::<TokenStream>()
                .unwrap_or_else(|_| Literal::u64_unsuffixed(key).into_token_stream())
        });
        let slot_type = narrowest(self.slots.iter().copied().max().unwrap_or_default());
        let slots = self.slots.iter().map(|&slot| Literal::u32_unsuffixed(slot));
        let slot_shift = Literal::u32_unsuffixed(64 - self.slot_bits);
        let pilot_type = narrowest(
            self.pilots
                .iter()
                .copied()
                .max()
                .map(u32::from)
                .unwrap_or_default(),
        );
        let (buckets, slot_doc) = if self.pilots.is_empty() {
            (
                quote!(::core::option::Option::None),
                " The top bits of the hash pick the slot.",
            )
        } else {
            let pilots = self
                .pilots
                .iter()
                .map(|&pilot| Literal::u16_unsuffixed(pilot));
            let bucket_shift = Literal::u32_unsuffixed(64 - self.bucket_bits);
            (
                quote! {
                    ::core::option::Option::Some(#support::lookup::Buckets {
                        pilots: &[#(#pilots),*],
                        shift: #bucket_shift,
                    })
                },
                " The top bits of the hash pick a bucket, whose pilot moves the hash to a\n slot.",
            )
        };
        let names = names
            .iter()
            .map(|name| Literal::byte_string(name.as_bytes()));
        let position_doc = format!(
            " The position of the name that `bytes` is, if any.\n\
             \n \
             A perfect hash of the names, which the generator searched for: each name has a\n \
             slot of its own in `slots`, which holds its position, so the input's slot holds\n \
             the only name it can be, found without a branch on the input's value.\n\
             {slot_doc}\n \
             The algorithm is the runtime's (`lookup::PerfectHash::position`), the same for\n \
             every catalog: this function holds the tables. A key is {key_len} words (see\n \
             `lookup::key`), of which the first {} are hashed.",
            self.hash_keys.len()
        );
        let position_doc = position_doc.split('\n');
        quote! {
            #(#[doc = #position_doc])*
            #[inline]
            fn position_of(bytes: &[u8]) -> ::core::option::Option<usize> {
                const LOOKUP: #support::lookup::PerfectHash<#key_len, #slot_type, #pilot_type> =
                    #support::lookup::PerfectHash {
                        hash_keys: &[#(#hash_keys),*],
                        buckets: #buckets,
                        slots: &[#(#slots),*],
                        slot_shift: #slot_shift,
                        keys: &[#(#support::lookup::key(#names)),*],
                    };
                LOOKUP.position(bytes)
            }
        }
    }
}

/// A perfect hash's tables as generated code holds them, with the generator's own
/// computation of keys and slots: for the tests that hold the runtime's lookup to the
/// generator's placement, across the two crates. Not an API.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupTables {
    /// The length of a key, in words.
    pub key_len: usize,
    /// The keys of the hash.
    pub hash_keys: Vec<u64>,
    /// The pilot of each bucket; empty for a direct hash.
    pub pilots: Vec<u16>,
    /// The shift that leaves a hash's bucket (unused for a direct hash).
    pub bucket_shift: u32,
    /// The position of the name in each slot.
    pub slots: Vec<u32>,
    /// The shift that leaves a hash's slot.
    pub slot_shift: u32,
    perfect: PerfectHash,
}

impl LookupTables {
    /// The tables of the perfect hash of `names` the generator would emit, or `None`
    /// where it would fall back to a `match`.
    pub fn of(names: &[&str]) -> Option<LookupTables> {
        let perfect = PerfectHash::find(names)?;
        Some(LookupTables {
            key_len: perfect.key_len,
            hash_keys: perfect.hash_keys.clone(),
            pilots: perfect.pilots.clone(),
            bucket_shift: 64 - perfect.bucket_bits,
            slots: perfect.slots.clone(),
            slot_shift: 64 - perfect.slot_bits,
            perfect,
        })
    }

    /// The key of `bytes`, as the generator computes it.
    pub fn key(&self, bytes: &[u8]) -> Vec<u64> {
        key(bytes, self.key_len)
    }

    /// The position of the only name that `bytes` can be, as the generator computes it.
    pub fn candidate(&self, bytes: &[u8]) -> usize {
        self.perfect.candidate(bytes)
    }
}

/// The narrowest unsigned integer type that holds `max`.
fn narrowest(max: u32) -> TokenStream {
    if max <= 0xff {
        quote!(u8)
    } else if max <= 0xffff {
        quote!(u16)
    } else {
        quote!(u32)
    }
}

/// What a lookup by name is emitted from: an enum's variants in order, with their names.
pub(crate) struct ByName<'a> {
    /// The enum.
    pub type_name: &'a Ident,
    /// The variants, in the order of `names`.
    pub variants: Vec<&'a Ident>,
    /// The name of each variant.
    pub names: Vec<&'a str>,
    /// The lookup's parameter, a `&str`.
    pub input: Ident,
    /// The path of the runtime's support items, `<runtime crate>::generated`.
    pub support: &'a TokenStream,
}

/// A lookup by name as emitted: the body of the public lookup function, and the private
/// functions it calls (to go in the same `impl`).
pub(crate) struct Emitted {
    pub body: TokenStream,
    pub helpers: TokenStream,
}

impl ByName<'_> {
    /// The lookup: with a perfect hash of the names when the search finds one, else (no
    /// names, a name too long, or a search that gave up) a `match` on the string.
    pub(crate) fn emit(&self) -> Emitted {
        let Some(perfect) = PerfectHash::find(&self.names) else {
            return self.fallback();
        };
        let ByName {
            type_name,
            variants,
            input,
            ..
        } = self;
        let positions = 0..variants.len();
        let search = perfect.helpers(self.support, &self.names);
        let body = quote! {
            match #type_name::position_of(#input.as_bytes()) {
                ::core::option::Option::Some(position) => #type_name::from_position(position),
                ::core::option::Option::None => ::core::option::Option::None,
            }
        };
        let helpers = quote! {
            /// The variant at `position` in catalog order, if any.
            #[inline]
            const fn from_position(position: usize) -> ::core::option::Option<#type_name> {
                match position {
                    #(#positions => ::core::option::Option::Some(#type_name::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }

            #search
        };
        Emitted { body, helpers }
    }

    fn fallback(&self) -> Emitted {
        let ByName {
            type_name,
            variants,
            names,
            input,
            ..
        } = self;
        let body = quote! {
            match #input {
                #(#names => ::core::option::Option::Some(#type_name::#variants),)*
                _ => ::core::option::Option::None,
            }
        };
        Emitted {
            body,
            helpers: TokenStream::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use proptest::prelude::*;

    use super::*;

    impl PerfectHash {
        /// What the generated `position_of` computes: the candidate, then the comparison
        /// of its key with the input's.
        fn find_in(&self, names: &[&str], bytes: &[u8]) -> Option<usize> {
            let position = self.candidate(bytes);
            (key(names[position].as_bytes(), self.key_len) == key(bytes, self.key_len))
                .then_some(position)
        }
    }

    /// Texts a lookup must tell apart from `name`: one byte changed, one fewer or more,
    /// another case, a non-ASCII byte, a NUL.
    fn near_misses(name: &str) -> Vec<String> {
        let mut misses = vec![
            name.to_ascii_lowercase(),
            format!("{name}S"),
            format!("{name}\0"),
            format!("_{name}"),
            format!("{name}é"),
            name.repeat(3),
        ];
        for end in 0..name.len() {
            misses.extend(name.get(..end).map(str::to_owned));
        }
        for at in 0..name.len() {
            let mut bytes = name.as_bytes().to_vec();
            bytes[at] = if bytes[at] == b'Z' { b'A' } else { b'Z' };
            misses.extend(String::from_utf8(bytes));
        }
        misses
    }

    /// Checks that the perfect hash of `names` finds each name at its position and
    /// nothing else, for `inputs` and every name's near misses, like a `HashMap`.
    fn agrees_with_a_map(names: &[&str], inputs: &[String]) -> Result<(), TestCaseError> {
        let perfect = PerfectHash::find(names).expect("a perfect hash");
        let map: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(at, &name)| (name, at))
            .collect();
        for (position, name) in names.iter().enumerate() {
            prop_assert_eq!(
                perfect.find_in(names, name.as_bytes()),
                Some(position),
                "{}",
                name
            );
        }
        let misses = names.iter().flat_map(|name| near_misses(name));
        for input in inputs.iter().cloned().chain(misses) {
            let expected = map.get(input.as_str()).copied();
            prop_assert_eq!(
                perfect.find_in(names, input.as_bytes()),
                expected,
                "{:?}",
                input
            );
        }
        Ok(())
    }

    /// Code-like names, and names built to look alike: one length, the same first and last
    /// 8 bytes, a difference only in the middle.
    fn names() -> impl Strategy<Value = Vec<String>> {
        let free = prop::collection::hash_set("[A-Z][A-Z0-9_]{0,62}", 1..150);
        let alike = prop::collection::hash_set("[A-Z]{1,3}", 1..150).prop_map(|middles| {
            middles
                .into_iter()
                .map(|middle| format!("PAYMENT_{middle:_>3}_EXPIRED_ERROR"))
                .collect::<HashSet<_>>()
        });
        prop_oneof![free, alike].prop_map(|names| names.into_iter().collect())
    }

    proptest! {
        #[test]
        fn the_perfect_hash_agrees_with_a_map(
            names in names(),
            inputs in prop::collection::vec("\\PC{0,70}", 0..50),
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            agrees_with_a_map(&names, &inputs)?;
        }

        #[test]
        fn equal_keys_mean_equal_strings(
            a in prop::collection::vec(any::<u8>(), 0..=64),
            b in prop::collection::vec(any::<u8>(), 0..=64),
            flip in any::<prop::sample::Index>(),
        ) {
            // Random pairs are rarely equal: compare each with a one-byte change as well.
            let mut c = a.clone();
            if !c.is_empty() {
                let at = flip.index(c.len());
                c[at] ^= 1;
            }
            for (x, y) in [(&a, &b), (&a, &c), (&a, &a)] {
                let same_key = key(x, key_len(64)) == key(y, key_len(64));
                prop_assert_eq!(same_key, x == y, "{:?} {:?}", x, y);
            }
        }
    }

    #[test]
    fn short_names_and_one_name() {
        for names in [
            vec!["A"],
            vec![""],
            vec![
                "",
                "A",
                "AB",
                "ABC",
                "ABCD",
                "ABCDEFG",
                "ABCDEFGH",
                "ABCDEFGHI",
            ],
            vec!["AB", "BA", "AAB", "ABA", "BAA"],
            // Alike but for the length: xor-ing the length into the words made these
            // two hash alike under every seed.
            vec!["E_", "D__"],
        ] {
            let inputs = ["", "\0", "A", "a", "ABCDEFGHIJ", "é", "\u{1F600}"].map(String::from);
            agrees_with_a_map(&names, &inputs).unwrap();
        }
    }

    #[test]
    fn ten_thousand_codes_get_a_perfect_hash_with_pilots_quickly() {
        // Many alike: one entity, one problem, in every combination.
        let names: Vec<String> = (0..10_000)
            .map(|index| {
                format!(
                    "ENTITY_{}_{}",
                    index / 100,
                    ["NOT_FOUND", "CONFLICT", "EXPIRED", "DENIED"][index % 4]
                )
            })
            .enumerate()
            .map(|(index, name)| format!("{name}_{}", index % 25))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let start = std::time::Instant::now();
        let perfect = PerfectHash::find(&names).expect("a perfect hash");
        let took = start.elapsed();
        assert!(
            !perfect.pilots.is_empty(),
            "too many names for a direct hash"
        );
        // Generous for a debug build on a busy machine; it takes milliseconds.
        assert!(took.as_secs() < 10, "{took:?}");
        assert_eq!(perfect.slots.len(), 16_384);
        for (position, name) in names.iter().enumerate() {
            assert_eq!(
                perfect.find_in(&names, name.as_bytes()),
                Some(position),
                "{name}"
            );
        }
        assert_eq!(perfect.find_in(&names, b"ENTITY_100_NOT_FOUND_0"), None);
        assert_eq!(PerfectHash::find(&names), Some(perfect), "deterministic");
    }

    #[test]
    fn a_few_codes_get_a_direct_hash() {
        let names = ["NOT_FOUND", "CONFLICT", "INVALID_INPUT", "UNAVAILABLE"];
        let perfect = PerfectHash::find(&names).expect("a perfect hash");
        assert!(perfect.pilots.is_empty());
        assert_eq!(perfect.slots.len(), 16);
        // The first and last 8 bytes, the length, and a 0 to pair it with.
        assert_eq!(perfect.key_len, 4);
        assert_eq!(
            perfect.hash_keys.len(),
            2,
            "the first and last 8 bytes tell them apart"
        );
    }

    #[test]
    fn what_has_no_perfect_hash_falls_back_to_a_match() {
        assert_eq!(PerfectHash::find(&[]), None);
        assert_eq!(PerfectHash::find(&["A", "B", "A"]), None);
        let long = "A".repeat(MAX_NAME_LEN + 1);
        assert_eq!(PerfectHash::find(&["A", &long]), None);
        let type_name = Ident::new("Code", proc_macro2::Span::call_site());
        let emitted = ByName {
            type_name: &type_name,
            variants: vec![],
            names: vec![],
            input: Ident::new("code", proc_macro2::Span::call_site()),
            support: &quote!(::luxxon_errors::generated),
        }
        .emit();
        assert!(emitted.helpers.is_empty());
        assert!(
            emitted.body.to_string().starts_with("match code"),
            "{}",
            emitted.body
        );
    }

    #[test]
    fn the_emitted_lookup_parses() {
        let type_name = Ident::new("Code", proc_macro2::Span::call_site());
        for count in [1, 26, 100] {
            let names: Vec<String> = (0..count).map(|index| format!("CODE_{index}")).collect();
            let variants: Vec<Ident> = (0..count)
                .map(|index| Ident::new(&format!("Code{index}"), proc_macro2::Span::call_site()))
                .collect();
            let emitted = ByName {
                type_name: &type_name,
                variants: variants.iter().collect(),
                names: names.iter().map(String::as_str).collect(),
                input: Ident::new("code", proc_macro2::Span::call_site()),
                support: &quote!(::luxxon_errors::generated),
            }
            .emit();
            let helpers = &emitted.helpers;
            let item = quote!(impl Code { #helpers });
            syn::parse2::<syn::ItemImpl>(item).expect("the helpers parse");
            syn::parse2::<syn::Expr>(emitted.body).expect("the body parses");
        }
    }
}
