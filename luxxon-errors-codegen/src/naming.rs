//! The naming rules: what a code or family id may look like, and the Rust identifiers
//! generated from them.

use heck::ToUpperCamelCase;

/// The variant of the generated `ErrorCode` enum that holds codes a build doesn't know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The longest code accepted (as in Google AIP-193).
pub const MAX_CODE_LEN: usize = 63;

/// The longest `retry_after` accepted, in seconds (a day).
pub const MAX_RETRY_AFTER_SECONDS: u32 = 86_400;

/// Why `code` is not a SCREAMING_SNAKE_CASE ASCII code, if it isn't.
pub(crate) fn code_problem(code: &str) -> Option<String> {
    if code.len() > MAX_CODE_LEN {
        return Some(format!(
            "code `{}` is {} characters long, over the limit of {MAX_CODE_LEN}",
            code,
            code.len()
        ));
    }
    if is_screaming_snake(code) {
        None
    } else {
        Some(format!(
            "code `{code}` is not SCREAMING_SNAKE_CASE: use A-Z and 0-9 in words joined by single underscores, starting with a letter"
        ))
    }
}

/// The snake_case spelling of a family id written in another case (`Bad_Id`), when
/// there is one.
pub(crate) fn suggest_family_id(id: &str) -> Option<String> {
    let suggestion = words(id, str::to_ascii_lowercase).join("_");
    (suggestion != id && family_id_problem(&suggestion).is_none()).then_some(suggestion)
}

/// The SCREAMING_SNAKE_CASE spelling of a code written in another case or with stray
/// separators (`not-found`, `NOT__FOUND`), when there is one.
pub(crate) fn suggest_code(code: &str) -> Option<String> {
    let suggestion = words(code, str::to_ascii_uppercase).join("_");
    (suggestion != code && code_problem(&suggestion).is_none()).then_some(suggestion)
}

/// The words of `text`, split at any separator people use in names, each respelled.
fn words(text: &str, respell: fn(&str) -> String) -> Vec<String> {
    text.split(['_', '-', ' ', '.'])
        .filter(|word| !word.is_empty())
        .map(respell)
        .collect()
}

fn is_screaming_snake(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

/// Why `id` is not a snake_case family id, if it isn't.
pub(crate) fn family_id_problem(id: &str) -> Option<String> {
    let snake = id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    (!snake).then(|| {
        format!(
            "family id `{id}` is not snake_case: use a-z and 0-9 in words joined by single underscores, starting with a letter"
        )
    })
}

/// The Rust variant name for a code or family id: its UpperCamelCase.
pub(crate) fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Why `name` cannot be used as a variant of a generated enum, if it can't.
pub(crate) fn variant_problem(name: &str, is_error_code: bool) -> Option<String> {
    let mut chars = name.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric());
    if !well_formed {
        return Some(format!(
            "`{name}` is not an UpperCamelCase Rust identifier (A-Z, a-z, 0-9, starting with a capital letter)"
        ));
    }
    // `Self` is the only Rust keyword that starts with a capital letter.
    if name == "Self" {
        return Some("`Self` is a Rust keyword and cannot name a variant".to_owned());
    }
    // The generated enums' only associated item that is not snake_case.
    if name == "ALL" {
        return Some(
            "the generated enum already has an item named `ALL`, the list of every variant"
                .to_owned(),
        );
    }
    if is_error_code && name == UNKNOWN_VARIANT {
        return Some(format!(
            "`{UNKNOWN_VARIANT}` is the variant that holds codes a build doesn't know"
        ));
    }
    None
}

/// The closest of `candidates` to `input`, if it is close enough to be a likely typo,
/// or the one `input` abbreviates (`retry` for `retryable`).
pub(crate) fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let typo = candidates
        .iter()
        .map(|candidate| (edit_distance(input, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len().max(3) / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    typo.or_else(|| {
        let mut abbreviated: Vec<(usize, &str)> = candidates
            .iter()
            .filter(|candidate| input.chars().count() >= 3 && candidate.starts_with(input))
            .map(|candidate| (edit_distance(input, candidate), *candidate))
            .collect();
        abbreviated.sort_unstable();
        // An abbreviation says which was meant when one candidate is closest:
        // `retry` is `retryable` rather than `retry_after`, `fam` neither `family_a` nor
        // `family_b`.
        match abbreviated.as_slice() {
            [(_, only)] => Some(*only),
            [(closest, candidate), (next, _), ..] if closest < next => Some(*candidate),
            _ => None,
        }
    })
}

/// The edit distance between `a` and `b`, counting a swap of two neighbouring
/// characters (the commonest typo, `auht`) as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the distance table: two rows back, the previous one, the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screaming_snake_codes() {
        for good in ["NOT_FOUND", "A", "E2E_FAILED", "NOT_FOUND_2"] {
            assert_eq!(code_problem(good), None, "{good}");
        }
        for bad in [
            "not_found",
            "NOT__FOUND",
            "_NOT",
            "NOT_",
            "2FA",
            "NOT-FOUND",
            "ÉCHEC",
            "",
        ] {
            assert!(code_problem(bad).is_some(), "{bad}");
        }
        assert!(code_problem(&"A".repeat(64)).is_some());
        assert!(code_problem(&"A".repeat(63)).is_none());
    }

    #[test]
    fn code_suggestions() {
        assert_eq!(suggest_code("NOT__FOUND").as_deref(), Some("NOT_FOUND"));
        assert_eq!(suggest_code("not-found").as_deref(), Some("NOT_FOUND"));
        assert_eq!(suggest_code("_NOT_").as_deref(), Some("NOT"));
        assert_eq!(suggest_code("ÉCHEC"), None);
        assert_eq!(suggest_code("2FA"), None);
        assert_eq!(suggest_code("NOT_FOUND"), None);
        assert_eq!(suggest_family_id("Bad_Id").as_deref(), Some("bad_id"));
        assert_eq!(suggest_family_id("not-found").as_deref(), Some("not_found"));
        assert_eq!(suggest_family_id("auth"), None);
    }

    #[test]
    fn variants() {
        assert_eq!(variant_name("NOT_AUTHORIZED"), "NotAuthorized");
        assert_eq!(variant_name("not_found"), "NotFound");
        assert_eq!(variant_name("NOT_FOUND_2"), variant_name("NOT_FOUND2"));
        assert!(variant_problem("Self", true).is_some());
        assert!(variant_problem("Unknown", true).is_some());
        assert!(variant_problem("Unknown", false).is_none());
        assert!(variant_problem("Super", true).is_none());
        assert!(variant_problem("Type", true).is_none());
        assert!(variant_problem("ALL", true).is_some());
        assert!(variant_problem("ALL", false).is_some());
        assert!(variant_problem("Err", true).is_none());
        assert!(variant_problem("", true).is_some());
        assert!(variant_problem("Nöt", true).is_some());
        assert!(variant_problem("notCamel", true).is_some());
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("stauts", ["status", "code"]), Some("status"));
        assert_eq!(did_you_mean("zzz", ["status", "code"]), None);
        assert_eq!(did_you_mean("auht", ["auth", "domain"]), Some("auth"));
        assert_eq!(
            did_you_mean("retry", ["code", "retryable"]),
            Some("retryable")
        );
        assert_eq!(did_you_mean("re", ["code", "retryable"]), None);
        assert_eq!(
            did_you_mean("retry", ["retry_after", "retryable"]),
            Some("retryable")
        );
        assert_eq!(did_you_mean("fam", ["family_a", "family_b"]), None);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
