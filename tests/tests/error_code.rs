//! The generated `ErrorCode` and `Family` API.

use std::collections::HashSet;
use std::str::FromStr;

use luxxon_errors::{ErrorCode, Family, Lifecycle};

#[test]
fn variants_are_named_after_their_codes() {
    assert_eq!(ErrorCode::NotAuthorized.as_str(), "NOT_AUTHORIZED");
    assert_eq!(
        ErrorCode::InternalServerError.as_str(),
        "INTERNAL_SERVER_ERROR"
    );
    assert_eq!(ErrorCode::AuthzError.as_str(), "AUTHZ_ERROR");
}

#[test]
fn parsing_a_known_code_gives_its_variant() {
    for code in ErrorCode::ALL {
        assert_eq!(ErrorCode::parse(code.as_str()), *code);
        assert_eq!(ErrorCode::known(code.as_str()).as_ref(), Some(code));
        assert_eq!(ErrorCode::from(code.as_str().to_owned()), *code);
        assert_eq!(ErrorCode::from_str(code.as_str()), Ok(code.clone()));
        let printed = code.to_string();
        assert_eq!(
            ErrorCode::parse(&printed),
            *code,
            "Display writes the wire name"
        );
        assert!(code.is_known());
    }
}

#[test]
fn parsing_never_loses_the_input() {
    for text in [
        "NEW_CODE",
        "not_found",
        "",
        " NOT_FOUND",
        "ÜNICODE",
        "NOT_FOUND\0",
    ] {
        let code = ErrorCode::parse(text);
        assert!(!code.is_known(), "{text:?}");
        assert_eq!(code.as_str(), text);
        assert_eq!(code.to_string(), text);
        assert_eq!(ErrorCode::from(text.to_owned()).as_str(), text);
        assert_eq!(ErrorCode::known(text), None);
        match &code {
            ErrorCode::Unknown(unknown) => assert_eq!(unknown.as_str(), text),
            other => panic!("{other:?} is not unknown"),
        }
    }
}

#[test]
fn unknown_codes_have_no_catalog_facts() {
    let code = ErrorCode::parse("NEW_CODE");
    assert_eq!(code.status(), None);
    assert_eq!(code.family(), None);
    assert_eq!(code.meaning(), None);
    assert_eq!(code.remedy(), None);
    assert_eq!(code.lifecycle(), None);
    assert!(!code.is_retryable());
    assert!(!code.is_legacy());
    assert!(!code.is_reserved());
}

#[test]
fn codes_compare_with_strings() {
    assert!(ErrorCode::NotFound == "NOT_FOUND");
    assert!(ErrorCode::NotFound == *"NOT_FOUND");
    assert!(ErrorCode::parse("NEW_CODE") == "NEW_CODE");
    assert!(ErrorCode::NotFound != "NEW_CODE");
    assert_eq!(AsRef::<str>::as_ref(&ErrorCode::Conflict), "CONFLICT");
}

#[test]
fn all_lists_every_code_once() {
    assert_eq!(ErrorCode::ALL.len(), 26);
    let unique: HashSet<&ErrorCode> = ErrorCode::ALL.iter().collect();
    assert_eq!(unique.len(), 26);
    let by_family: usize = Family::ALL.iter().map(|family| family.codes().len()).sum();
    assert_eq!(by_family, 26);
    for family in Family::ALL {
        for code in family.codes() {
            assert_eq!(code.family(), Some(*family));
        }
    }
}

#[test]
fn catalog_facts_of_known_codes() {
    assert_eq!(ErrorCode::NotAuthenticated.status(), Some(401));
    assert_eq!(ErrorCode::NotAuthenticated.family(), Some(Family::Auth));
    assert_eq!(
        ErrorCode::NotAuthenticated.meaning(),
        Some("Missing / expired credential.")
    );
    assert_eq!(
        ErrorCode::NotAuthenticated.remedy(),
        Some("Re-mint an API key or re-do the SIWE login.")
    );
    assert_eq!(
        ErrorCode::NotAuthenticated.lifecycle(),
        Some(Lifecycle::Active)
    );
    assert!(!ErrorCode::NotAuthenticated.is_retryable());
    assert_eq!(
        ErrorCode::SessionNotFound.remedy(),
        None,
        "not-found codes document no remedy"
    );
    assert_eq!(
        ErrorCode::AccountNotFound.lifecycle(),
        Some(Lifecycle::Legacy)
    );
    assert_eq!(
        ErrorCode::PaymentError.lifecycle(),
        Some(Lifecycle::Reserved)
    );
    assert!(ErrorCode::DatabaseError.is_retryable());
    assert!(
        ErrorCode::Unavailable.is_retryable(),
        "the page says: Retry shortly."
    );
    assert!(!ErrorCode::NoCoverage.is_retryable());
}

#[test]
fn families() {
    assert_eq!(Family::ALL.len(), 5);
    assert_eq!(Family::NotFound.id(), "not_found");
    assert_eq!(Family::NotFound.title(), "Not-found");
    // `Display` prints the machine-readable name, as `ErrorCode`'s does; the title is
    // for people.
    assert_eq!(Family::NotFound.to_string(), "not_found");
    assert_eq!(Family::NotFound.description(), None);
    assert_eq!(Family::from_id("not_found"), Some(Family::NotFound));
    assert_eq!(Family::from_id("Not-found"), None);
    for family in Family::ALL {
        assert_eq!(Family::from_id(family.id()), Some(*family));
        assert_eq!(Family::from_id(&family.to_string()), Some(*family));
        assert!(!family.codes().is_empty());
    }
    assert_eq!(Family::Auth.codes()[0], ErrorCode::NotAuthenticated);
}

#[test]
fn lifecycle_spellings() {
    assert_eq!(Lifecycle::Active.as_str(), "active");
    assert_eq!(Lifecycle::Legacy.to_string(), "legacy");
    assert_eq!(Lifecycle::Reserved.as_str(), "reserved");
}

#[test]
fn serde_uses_the_plain_string() {
    assert_eq!(
        serde_json::to_string(&ErrorCode::NotOperator).unwrap(),
        r#""NOT_OPERATOR""#
    );
    let code: ErrorCode = serde_json::from_str(r#""NOT_OPERATOR""#).unwrap();
    assert_eq!(code, ErrorCode::NotOperator);
}

#[test]
fn unknown_codes_round_trip_through_serde() {
    for json in [
        r#""BRAND_NEW_CODE""#,
        r#""with \"escapes\" \u00e9""#,
        r#""""#,
    ] {
        let code: ErrorCode = serde_json::from_str(json).unwrap();
        assert!(!code.is_known());
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            json.replace("\\u00e9", "é")
        );
    }
    let code: ErrorCode = serde_json::from_str(r#""BRAND_NEW_CODE""#).unwrap();
    assert_eq!(format!("{code:?}"), r#"Unknown("BRAND_NEW_CODE")"#);
}

#[test]
fn non_string_codes_are_refused() {
    assert!(serde_json::from_str::<ErrorCode>("403").is_err());
    assert!(serde_json::from_str::<ErrorCode>("null").is_err());
}

/// The generated lookups (`ErrorCode::known`, `parse`, `Family::from_id`) against the
/// catalog's own list, on every code, thousands of near misses and random text. The
/// generator replaced the `match` on the string with a perfect hash; these tests hold
/// the compiled result to what the `match` did.
mod lookup {
    use std::collections::HashMap;

    use luxxon_errors::{ErrorCode, Family};
    use proptest::prelude::*;

    /// A second catalog, of 300 codes: its lookup is a perfect hash with pilots, where
    /// the 26 codes of errors.yaml get one without.
    mod many {
        luxxon_errors::catalog!("fixtures/many-codes.yaml");
    }

    /// Texts one small edit away from `code`: every prefix, every byte replaced by each
    /// of a few others (letters, `_`, a digit, NUL, a lower-case letter), a byte more at
    /// either end, every case flipped, a non-ASCII character, the code twice.
    fn near_misses(code: &str) -> Vec<String> {
        let mut misses = vec![
            code.to_ascii_lowercase(),
            format!("{code}{code}"),
            format!("{code}é"),
            format!("é{code}"),
            format!(" {code}"),
        ];
        for end in 0..code.len() {
            misses.push(code[..end].to_owned());
            misses.push(code[end + 1..].to_owned());
        }
        for at in 0..code.len() {
            for byte in [b'A', b'Z', b'_', b'0', b'\0', b'a'] {
                let mut bytes = code.as_bytes().to_vec();
                bytes[at] = byte;
                misses.push(String::from_utf8(bytes).unwrap());
            }
            let mut flipped = code.as_bytes().to_vec();
            flipped[at] ^= 0x20;
            misses.extend(String::from_utf8(flipped));
        }
        for byte in ['A', 'S', '_', '\0'] {
            misses.push(format!("{code}{byte}"));
            misses.push(format!("{byte}{code}"));
        }
        misses
    }

    /// Texts no catalog has: empty, whitespace, non-ASCII, huge.
    fn strangers() -> Vec<String> {
        let mut strangers: Vec<String> = ["", " ", "\0", "é", "\u{1F600}", "NOT_FOUND\u{301}"]
            .map(String::from)
            .to_vec();
        strangers.push("A".repeat(1 << 20));
        strangers.push("NOT_FOUND".repeat(10_000));
        strangers.push("é".repeat(40));
        strangers
    }

    #[test]
    fn every_code_is_found_and_every_near_miss_is_unknown_keeping_its_text() {
        let known: HashMap<&str, &ErrorCode> = ErrorCode::ALL
            .iter()
            .map(|code| (code.as_str(), code))
            .collect();
        let mut unknown = 0;
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::known(code.as_str()).as_ref(), Some(code));
            for text in near_misses(code.as_str()).into_iter().chain(strangers()) {
                let parsed = ErrorCode::parse(&text);
                assert_eq!(
                    ErrorCode::known(&text).as_ref(),
                    known.get(text.as_str()).copied(),
                    "{text:?}"
                );
                if !known.contains_key(text.as_str()) {
                    unknown += 1;
                    assert!(!parsed.is_known(), "{text:?}");
                    assert_eq!(parsed.as_str(), text);
                    assert_eq!(ErrorCode::from(text.clone()).as_str(), text);
                }
            }
        }
        assert!(unknown > 3_000, "{unknown}");
    }

    #[test]
    fn every_family_is_found_by_its_id_and_no_near_miss_is() {
        let ids: HashMap<&str, Family> = Family::ALL
            .iter()
            .map(|family| (family.id(), *family))
            .collect();
        for family in Family::ALL {
            assert_eq!(Family::from_id(family.id()), Some(*family));
            for text in near_misses(family.id()).into_iter().chain(strangers()) {
                assert_eq!(
                    Family::from_id(&text),
                    ids.get(text.as_str()).copied(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_catalog_of_300_codes_finds_each_and_nothing_else() {
        let known: HashMap<&str, &many::ErrorCode> = many::ErrorCode::ALL
            .iter()
            .map(|code| (code.as_str(), code))
            .collect();
        assert_eq!(known.len(), 300);
        for code in many::ErrorCode::ALL {
            assert_eq!(many::ErrorCode::known(code.as_str()).as_ref(), Some(code));
            for text in near_misses(code.as_str()) {
                assert_eq!(
                    many::ErrorCode::known(&text).as_ref(),
                    known.get(text.as_str()).copied(),
                    "{text:?}"
                );
            }
        }
        for family in many::Family::ALL {
            assert_eq!(many::Family::from_id(family.id()), Some(*family));
        }
    }

    proptest! {
        #[test]
        fn random_text_is_known_exactly_when_the_catalog_has_it(
            text in prop_oneof![
                "\\PC{0,40}",
                "[A-Z_]{0,30}",
                prop::sample::select(ErrorCode::ALL).prop_flat_map(|code| {
                    let name = code.as_str().to_owned();
                    (0..=name.len(), "[A-Z_a-z]{0,2}").prop_map(move |(end, tail)| format!("{}{tail}", &name[..end]))
                }),
            ],
        ) {
            let expected = ErrorCode::ALL.iter().find(|code| code.as_str() == text);
            let known = ErrorCode::known(&text);
            prop_assert_eq!(known.as_ref(), expected);
            let parsed = ErrorCode::parse(&text);
            prop_assert_eq!(parsed.as_str(), text.as_str());
        }
    }
}
