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
//! Both the hash and the comparison read the input as a few 8-byte words (see
//! [`words`]), as many as the longest name needs: a fixed number of loads, which the
//! optimizer unrolls, and no call to `memcmp`. Every instruction counts: a `match` whose
//! branches are predicted runs in a few nanoseconds, so the hash is one multiplication
//! of the words xor-ed together (each rotated by its own amount), and the tables are
//! powers of two, indexed by a shift.
//!
//! The scheme is "hash and displace" (as in PTHash): the top bits of the hash pick a
//! bucket, the bucket's pilot perturbs the hash, and the result picks a slot. The
//! generator assigns the pilots bucket by bucket, fullest bucket first, trying pilot 0,
//! 1, 2… until the bucket's names land in free slots. Expected work is linear in the
//! number of names; the search is deterministic (fixed seeds, fixed order) and bounded
//! (a budget of tries per seed, a few seeds). When it gives up, or a name is too long
//! for the word-wise comparison, [`PerfectHash::find`] says so and the emitter falls back
//! to a `match`.
//!
//! [`words`], [`mix`] and [`PerfectHash::candidate`] run here, at generation time, to
//! place the names; [`PerfectHash::helpers`] emits the same computation for run time.
//! They must agree: the tests below check the placement, and `tests/tests/error_code.rs`
//! looks up every code of the repository's catalog through the generated code.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, quote};

/// The multiplier that mixes a pilot into the hash: the odd 64-bit constant nearest
/// 2⁶⁴/φ, whose bits look random, as in Fibonacci hashing.
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// How many names a bucket holds on average. Bigger buckets mean a smaller pilot table
/// but longer searches for the first, fullest buckets.
const NAMES_PER_BUCKET: usize = 4;

/// The seeds tried in turn (digits of π, made odd: a seed is a multiplier); a search that
/// fails with all of them falls back to `match`.
const SEEDS: [u64; 4] = [
    0x243f_6a88_85a3_08d3,
    0x1319_8a2e_0370_7345,
    0xa409_3822_299f_31d1,
    0x082e_fa98_ec4e_6c89,
];

/// The longest name a perfect hash serves, in 8-byte words: the generated code reads
/// this many words of every input, unrolled. Longer names fall back to a `match`.
const MAX_WORDS: usize = 16;

/// The little-endian number of up to 8 `bytes`.
fn little_endian(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .rev()
        .fold(0, |word, &byte| (word << 8) | u64::from(byte))
}

/// `bytes` as `count` words, as the generated `words` reads them.
///
/// From 8 bytes on, word `k` is the 8 bytes at `8 k`, or the last 8 bytes for the words
/// past the end; shorter, the first word packs the first and last 4 bytes (from 4
/// bytes), or the first, middle and last byte, and the others are 0. So for inputs of one
/// length of at most `8 count` bytes, the words determine the bytes: equal words, equal
/// strings.
fn words(bytes: &[u8], count: usize) -> Vec<u64> {
    let len = bytes.len();
    let mut words = vec![0; count];
    if len >= 8 {
        for (k, word) in words.iter_mut().enumerate() {
            let at = (8 * k).min(len - 8);
            *word = little_endian(&bytes[at..at + 8]);
        }
    } else if len >= 4 {
        words[0] = (little_endian(&bytes[len - 4..]) << 32) | little_endian(&bytes[..4]);
    } else if len > 0 {
        words[0] = (u64::from(bytes[len - 1]) << 16)
            | (u64::from(bytes[len / 2]) << 8)
            | u64::from(bytes[0]);
    }
    words
}

/// How far word `k` is rotated before the words are xor-ed together: amounts that are
/// not multiples of 8, so equal bytes in different words don't cancel out.
const fn rotation(k: usize) -> u32 {
    (k as u32 * 23) % 64
}

/// The input of length `len` read as `words`, folded into one word: the words xor-ed
/// together, each rotated by its own amount, and the length. The seed then multiplies it
/// into the hash.
fn mix(words: &[u64], len: usize) -> u64 {
    words
        .iter()
        .enumerate()
        .fold(len as u64, |mixed, (k, word)| {
            mixed ^ word.rotate_left(rotation(k))
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
    seed: u64,
    /// How many 8-byte words the hash and the comparison read: enough for the longest
    /// name.
    words: usize,
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
    /// or a name of more than `8 MAX_WORDS` bytes, or (never seen, but not excluded) when
    /// every seed runs out of budget.
    pub(crate) fn find(names: &[&str]) -> Option<PerfectHash> {
        let longest = names.iter().map(|name| name.len()).max()?;
        if longest > 8 * MAX_WORDS || u32::try_from(names.len()).is_err() {
            return None;
        }
        let words = longest.div_ceil(8).max(1);
        let mixed: Vec<u64> = names
            .iter()
            .map(|name| mix(&self::words(name.as_bytes(), words), name.len()))
            .collect();
        // Two names that mix alike hash alike under every seed: so do equal names, and
        // (never seen, but not excluded) names whose rotated words cancel out.
        let mut sorted = mixed.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
            return None;
        }
        Self::direct(&mixed, words).or_else(|| {
            SEEDS
                .iter()
                .find_map(|&seed| Self::displaced(&mixed, words, seed))
        })
    }

    /// A perfect hash without pilots, for a few names: the top bits of the hash pick the
    /// slot directly, in a table of 4 to 8 slots a name, for the first of up to
    /// `DIRECT_SEEDS` seeds that gives every name a slot of its own. It saves a load and
    /// a multiplication per lookup, which is much of the lookup for a short list.
    fn direct(mixed: &[u64], words: usize) -> Option<PerfectHash> {
        /// The names a direct hash is tried for: beyond, it needs ever sparser tables.
        const DIRECT_NAMES: usize = 64;
        /// The seeds tried: enough that 64 names find one in 256 slots (one seed in a
        /// few thousand works); each failing seed costs a few dozen names' hashes.
        const DIRECT_SEEDS: u64 = 1 << 14;
        if mixed.len() > DIRECT_NAMES {
            return None;
        }
        let slot_bits = (4 * mixed.len()).next_power_of_two().ilog2().max(1);
        let mut taken: Vec<Option<u32>> = vec![None; 1 << slot_bits];
        (0..DIRECT_SEEDS).find_map(|index| {
            // Odd multipliers, spread out: products of odd numbers are odd.
            let seed = MULTIPLIER.wrapping_mul(2 * index + 1);
            taken.fill(None);
            for (position, mixed) in mixed.iter().enumerate() {
                let slot = &mut taken[(mixed.wrapping_mul(seed) >> (64 - slot_bits)) as usize];
                if slot.is_some() {
                    return None;
                }
                *slot = Some(u32::try_from(position).ok()?);
            }
            Some(PerfectHash {
                seed,
                words,
                pilots: Vec::new(),
                bucket_bits: 0,
                slots: taken.iter().map(|slot| slot.unwrap_or_default()).collect(),
                slot_bits,
            })
        })
    }

    /// A perfect hash with a pilot per bucket (see the module's documentation), for any
    /// number of names.
    fn displaced(mixed: &[u64], words: usize, seed: u64) -> Option<PerfectHash> {
        let count = mixed.len();
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
        let hashes: Vec<u64> = mixed.iter().map(|mixed| mixed.wrapping_mul(seed)).collect();
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); 1 << bucket_bits];
        for (position, &hash) in hashes.iter().enumerate() {
            buckets[(hash >> (64 - bucket_bits)) as usize].push(position);
        }
        // Fullest buckets first, while most slots are free; ties in bucket order (the
        // sort is stable), so the result depends on nothing but the names.
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&bucket| std::cmp::Reverse(buckets[bucket].len()));

        // Each try costs a few operations per name of the bucket. The budget stops a
        // hopeless seed early: two names of one bucket with equal hashes never fit
        // (their slots are equal whatever the pilot).
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
            seed,
            words,
            pilots,
            bucket_bits,
            slots: taken.into_iter().map(Option::unwrap_or_default).collect(),
            slot_bits,
        })
    }

    /// The position of the only name that `bytes` can be, as the generated `candidate`
    /// computes it: the caller then compares the two.
    #[cfg(test)]
    pub(crate) fn candidate(&self, bytes: &[u8]) -> usize {
        let hash = mix(&words(bytes, self.words), bytes.len()).wrapping_mul(self.seed);
        let slot = if self.pilots.is_empty() {
            (hash >> (64 - self.slot_bits)) as usize
        } else {
            let pilot = self.pilots[(hash >> (64 - self.bucket_bits)) as usize];
            slot_of(hash, u64::from(pilot), self.slot_bits)
        };
        self.slots[slot] as usize
    }

    /// The private function `find` of the generated lookup, and the functions it calls:
    /// [`words`] with the length in front (the key), and [`Self::candidate`], with this
    /// hash's seed and tables as constants, and `KEYS`, the key of each name.
    fn helpers(&self, names: &[&str]) -> TokenStream {
        let word_count = self.words;
        let key_len = word_count + 1;
        let byte_count = 8 * word_count;
        let seed = Literal::u64_suffixed(self.seed);
        let slot_type = match self.slots.iter().max() {
            Some(&max) if max <= 0xff => quote!(u8),
            Some(&max) if max <= 0xffff => quote!(u16),
            _ => quote!(u32),
        };
        let slots = self.slots.iter().map(|&slot| Literal::u32_unsuffixed(slot));
        let slot_count = self.slots.len();
        let slot_shift = 64 - self.slot_bits;
        let (slot, slot_doc) = if self.pilots.is_empty() {
            (
                quote!((hash >> #slot_shift) as usize),
                "The top bits of the hash pick the slot.",
            )
        } else {
            // The narrowest integer type that holds the pilots.
            let pilot_type = if self.pilots.iter().all(|&pilot| pilot <= 0xff) {
                quote!(u8)
            } else {
                quote!(u16)
            };
            let pilots = self
                .pilots
                .iter()
                .map(|&pilot| Literal::u16_unsuffixed(pilot));
            let pilot_count = self.pilots.len();
            let bucket_shift = 64 - self.bucket_bits;
            let multiplier = Literal::u64_suffixed(MULTIPLIER);
            (
                quote! {{
                    const PILOTS: [#pilot_type; #pilot_count] = [#(#pilots),*];
                    let pilot = PILOTS[(hash >> #bucket_shift) as usize] as u64;
                    ((hash ^ pilot).wrapping_mul(#multiplier) >> #slot_shift) as usize
                }},
                "The top bits of the hash pick a bucket, whose pilot from `PILOTS` moves the\n hash to a slot.",
            )
        };
        // The length is mixed in unrotated, like the first word.
        let rotations = std::iter::once(0).chain((0..word_count).map(rotation));
        let name_count = names.len();
        let keys = names.iter().map(|name| {
            let len = Literal::usize_unsuffixed(name.len());
            // Hexadecimal shows the bytes, last first (the words are little-endian).
            let words = words(name.as_bytes(), word_count).into_iter().map(|word| {
                format!("{word:#018x}")
                    .parse::<TokenStream>()
                    .unwrap_or_else(|_| Literal::u64_unsuffixed(word).into_token_stream())
            });
            quote!([#len, #(#words),*])
        });
        let key_doc = format!(
            " The key of an input: its length, then the input as {word_count} little-endian\n words. For inputs of one length of at most {byte_count} bytes the words determine the\n bytes: from 8 bytes on, the word at each multiple of 8 (the last 8 bytes past the\n end), else in the first word the first and last 4 bytes, or the first, middle and\n last byte."
        );
        let find_doc = format!(
            " The position of the name that `bytes` is, if any.\n\n A perfect hash of the names, which the generator searched for: each name has a\n slot of its own in `SLOTS`, holding its position, so hashing the input and reading\n its slot finds the one candidate without a branch on the input's value: nothing to\n mispredict on mixed traffic, where a `match` on the string branches on its length,\n then on one name after another. {slot_doc} An empty slot holds 0,\n whose key differs. Then the input's key is compared with the candidate's, in `KEYS`."
        );
        quote! {
            #[doc = #find_doc]
            #[inline]
            fn find(bytes: &[u8]) -> ::core::option::Option<usize> {
                const SEED: u64 = #seed;
                const ROTATIONS: [u32; #key_len] = [#(#rotations),*];
                const SLOTS: [#slot_type; #slot_count] = [#(#slots),*];
                const KEYS: [[u64; #key_len]; #name_count] = [#(#keys),*];
                let key = Self::key(bytes);
                // The key's words xor-ed together, each rotated by its own amount, and
                // multiplied: one multiplication for the whole input.
                let mut mixed = 0;
                for (word, rotation) in key.iter().zip(ROTATIONS) {
                    mixed ^= word.rotate_left(rotation);
                }
                let hash = mixed.wrapping_mul(SEED);
                let position = SLOTS[#slot] as usize;
                // The differences of the words or-ed together: comparing the arrays
                // would spill them to memory.
                let difference = KEYS[position]
                    .iter()
                    .zip(key)
                    .fold(0, |difference, (known, word)| difference | (known ^ word));
                if difference == 0 {
                    ::core::option::Option::Some(position)
                } else {
                    ::core::option::Option::None
                }
            }

            #[doc = #key_doc]
            #[inline]
            fn key(bytes: &[u8]) -> [u64; #key_len] {
                fn little_endian<const N: usize>(bytes: &[u8], at: usize) -> u64 {
                    let mut word = [0; 8];
                    word[..N].copy_from_slice(&bytes[at..at + N]);
                    u64::from_le_bytes(word)
                }
                let len = bytes.len();
                let mut key = [0; #key_len];
                key[0] = len as u64;
                if len >= 8 {
                    for (k, word) in key[1..].iter_mut().enumerate() {
                        *word = little_endian::<8>(bytes, (8 * k).min(len - 8));
                    }
                } else if len >= 4 {
                    key[1] = (little_endian::<4>(bytes, len - 4) << 32) | little_endian::<4>(bytes, 0);
                } else if len > 0 {
                    key[1] = ((bytes[len - 1] as u64) << 16) | ((bytes[len / 2] as u64) << 8) | bytes[0] as u64;
                }
                key
            }
        }
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
}

/// A lookup by name as emitted: the body of the public lookup function, and the private
/// functions it calls (to go in the same `impl`).
pub(crate) struct Emitted {
    pub body: TokenStream,
    pub helpers: TokenStream,
}

impl ByName<'_> {
    /// The lookup: with a perfect hash of the names when the search finds one, else (no
    /// names, or a search that gave up) a `match` on the string.
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
        let search = perfect.helpers(&self.names);
        let body = quote! {
            match #type_name::find(#input.as_bytes()) {
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
