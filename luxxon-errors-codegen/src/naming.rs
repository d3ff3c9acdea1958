//! The naming rules: what a code or family id may look like, and the Rust identifiers
//! generated from them.

use heck::ToUpperCamelCase;

/// The variant of the generated `ErrorCode` enum that holds codes a build doesn't know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The longest code accepted (as in Google AIP-193).
pub const MAX_CODE_LEN: usize = 63;

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
    if is_error_code && name == UNKNOWN_VARIANT {
        return Some(format!(
            "`{UNKNOWN_VARIANT}` is the variant that holds codes a build doesn't know"
        ));
    }
    None
}

/// The closest of `candidates` to `input`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(input, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len().max(3) / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
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
    fn variants() {
        assert_eq!(variant_name("NOT_AUTHORIZED"), "NotAuthorized");
        assert_eq!(variant_name("not_found"), "NotFound");
        assert_eq!(variant_name("NOT_FOUND_2"), variant_name("NOT_FOUND2"));
        assert!(variant_problem("Self", true).is_some());
        assert!(variant_problem("Unknown", true).is_some());
        assert!(variant_problem("Unknown", false).is_none());
        assert!(variant_problem("Super", true).is_none());
        assert!(variant_problem("notCamel", true).is_some());
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("stauts", ["status", "code"]), Some("status"));
        assert_eq!(did_you_mean("zzz", ["status", "code"]), None);
    }
}
