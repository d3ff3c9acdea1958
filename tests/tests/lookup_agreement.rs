//! The runtime's lookup (`luxxon_errors::generated::lookup`) against the generator's
//! placement (`luxxon_errors_codegen::LookupTables`), on name lists of every shape.
//!
//! The generator places each name in the slot its hash leads to; at run time the
//! runtime's function hashes the input and reads that slot. The two crates compute keys
//! and hashes each on its own (the runtime depends on the generator, so neither can call
//! the other's), and a difference would lose names silently: a code that parses as
//! unknown. Here both run on the same names: the runtime must find every name at its
//! position, the very slot the generator chose, and nothing else.

use std::collections::HashMap;

use luxxon_errors::generated::lookup::{self, Buckets, PerfectHash};
use luxxon_errors_codegen::LookupTables;
use proptest::prelude::*;

/// The runtime's lookup for `tables`, with keys of `KEY_LEN` words.
fn runtime_lookup<const KEY_LEN: usize>(
    tables: &LookupTables,
    names: &[&str],
) -> PerfectHash<KEY_LEN, u32, u16> {
    // The runtime's tables are constants of the generated code, hence `'static`.
    let keys: Vec<[u64; KEY_LEN]> = names
        .iter()
        .map(|name| lookup::key(name.as_bytes()))
        .collect();
    PerfectHash {
        hash_keys: tables.hash_keys.clone().leak(),
        buckets: (!tables.pilots.is_empty()).then(|| Buckets {
            pilots: tables.pilots.clone().leak(),
            shift: tables.bucket_shift,
        }),
        slots: tables.slots.clone().leak(),
        slot_shift: tables.slot_shift,
        keys: keys.leak(),
    }
}

/// Checks that the runtime agrees with the generator on `names`: the same key for
/// every name and input, every name found at its position (the slot the generator
/// chose) and every input as a map of the names finds it.
fn agree<const KEY_LEN: usize>(
    tables: &LookupTables,
    names: &[&str],
    inputs: &[String],
) -> Result<(), TestCaseError> {
    let runtime = runtime_lookup::<KEY_LEN>(tables, names);
    let map: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(position, &name)| (name, position))
        .collect();
    for (position, name) in names.iter().enumerate() {
        prop_assert_eq!(
            &lookup::key::<KEY_LEN>(name.as_bytes())[..],
            &tables.key(name.as_bytes())[..]
        );
        prop_assert_eq!(tables.candidate(name.as_bytes()), position, "{}", name);
        prop_assert_eq!(
            runtime.position(name.as_bytes()),
            Some(position),
            "{}",
            name
        );
    }
    for input in inputs {
        let bytes = input.as_bytes();
        prop_assert_eq!(&lookup::key::<KEY_LEN>(bytes)[..], &tables.key(bytes)[..]);
        let expected = map.get(input.as_str()).copied();
        prop_assert_eq!(runtime.position(bytes), expected, "{:?}", input);
    }
    Ok(())
}

/// [`agree`] for the key length the generator chose: generated code names it as a
/// constant, here it is matched to one.
fn agree_on(names: &[&str], inputs: &[String]) -> Result<(), TestCaseError> {
    let tables = LookupTables::of(names).expect("a perfect hash");
    match tables.key_len {
        4 => agree::<4>(&tables, names, inputs),
        6 => agree::<6>(&tables, names, inputs),
        8 => agree::<8>(&tables, names, inputs),
        10 => agree::<10>(&tables, names, inputs),
        other => panic!("names of at most 63 bytes have keys of at most 10 words, not {other}"),
    }
}

/// Code-like names of up to 63 bytes (the longest a catalog allows), many enough for
/// both kinds of hash (direct up to 64 names, with pilots beyond); and names built to
/// look alike, differing only in the middle, which only the middle words tell apart.
fn names() -> impl Strategy<Value = Vec<String>> {
    let free = prop::collection::hash_set("[A-Z][A-Z0-9_]{0,62}", 1..200);
    let alike = prop::collection::hash_set("[A-Z]{1,3}", 1..200).prop_map(|middles| {
        middles
            .into_iter()
            .map(|middle| format!("ACCOUNT_{middle:_>3}_{middle:_>3}_PAYMENT_EXPIRED"))
            .collect()
    });
    prop_oneof![free, alike].prop_map(|names| names.into_iter().collect())
}

/// Texts near the names (one byte changed, one fewer or more, another case) and others.
fn inputs(names: &[String], others: Vec<String>) -> Vec<String> {
    let mut inputs = others;
    for name in names.iter().take(20) {
        inputs.push(name.to_ascii_lowercase());
        inputs.push(format!("{name}_"));
        inputs.push(name[..name.len() - 1].to_owned());
        for at in 0..name.len() {
            let mut bytes = name.as_bytes().to_vec();
            bytes[at] = if bytes[at] == b'Z' { b'A' } else { b'Z' };
            inputs.extend(String::from_utf8(bytes));
        }
    }
    inputs
}

proptest! {
    #[test]
    fn the_runtime_finds_every_name_where_the_generator_placed_it(
        names in names(),
        others in prop::collection::vec("\\PC{0,80}", 0..30),
    ) {
        let inputs = inputs(&names, others);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        agree_on(&names, &inputs)?;
    }

    #[test]
    fn keys_agree_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..=80)) {
        let tables = LookupTables::of(&["A"]).expect("a perfect hash");
        prop_assert_eq!(tables.key_len, 4);
        prop_assert_eq!(&lookup::key::<4>(&bytes)[..], &tables.key(&bytes)[..]);
    }
}

#[test]
fn short_names_and_both_kinds_of_hash() {
    let many: Vec<String> = (0..300).map(|index| format!("CODE_{index}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let tables = LookupTables::of(&many).expect("a perfect hash");
    assert!(!tables.pilots.is_empty(), "300 names get pilots");
    let few = [
        "", "A", "AB", "ABC", "ABCD", "ABCDEFG", "ABCDEFGH", "E_", "D__",
    ];
    assert!(
        LookupTables::of(&few)
            .expect("a perfect hash")
            .pilots
            .is_empty()
    );
    let inputs = ["", "\0", "a", "ABCDEFGHI", "é", "\u{1F600}"].map(String::from);
    for names in [&many[..], &few[..]] {
        agree_on(names, &inputs).unwrap();
    }
}

#[test]
fn the_catalogs_own_names_agree() {
    let codes: Vec<&str> = luxxon_errors::ErrorCode::ALL
        .iter()
        .map(luxxon_errors::ErrorCode::as_str)
        .collect();
    let families: Vec<&str> = luxxon_errors::Family::ALL
        .iter()
        .map(|family| family.id())
        .collect();
    for names in [codes, families] {
        agree_on(&names, &[]).unwrap();
    }
}
