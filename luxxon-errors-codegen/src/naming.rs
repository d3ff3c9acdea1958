//! The naming rules: what a code or family id may look like, and the Rust identifiers
//! generated from them.

use heck::ToUpperCamelCase;
#[cfg(feature = "artifacts")]
use heck::{ToShoutySnakeCase, ToSnakeCase};

/// The variant of the generated `ErrorCode` enum that holds codes a build doesn't know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The longest code accepted (as in Google AIP-193).
pub const MAX_CODE_LEN: usize = 63;

/// The longest family id accepted, like a code.
pub const MAX_FAMILY_ID_LEN: usize = 63;

/// How many characters of a text a message echoes: enough to recognise it, bounded so
/// that a message stays loggable whatever the catalog holds.
const SHOWN_CHARS: usize = 64;

/// `text` as a message echoes it: whole when short, else its start, an ellipsis and its
/// length.
///
/// Control characters are escaped (`\u{1b}`): a message is printed on terminals, where
/// an escape sequence from a catalog must not act.
pub(crate) fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    let cut = text.char_indices().nth(SHOWN_CHARS).map(|(cut, _)| cut);
    let head = &text[..cut.unwrap_or(text.len())];
    if cut.is_none() && !head.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(head.len());
    for c in head.chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    if cut.is_some() {
        out.push_str(&format!("… ({} bytes)", text.len()));
    }
    std::borrow::Cow::Owned(out)
}

/// A list of names for advice: all of them when few, else the first ones and a count.
pub(crate) fn some_of(names: &[&str]) -> String {
    const LISTED: usize = 12;
    let listed: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|name| shown(name).into_owned())
        .collect();
    match names.len().checked_sub(LISTED) {
        Some(more) if more > 0 => format!("{}, and {more} more", listed.join(", ")),
        _ => listed.join(", "),
    }
}

/// The longest `retry_after` accepted, in seconds (a day).
pub const MAX_RETRY_AFTER_SECONDS: u32 = 86_400;

/// The statuses a code may answer with: HTTP's client and server error statuses.
pub(crate) const ERROR_STATUSES: std::ops::RangeInclusive<u16> = 400..=599;

/// Why `code` is not a SCREAMING_SNAKE_CASE ASCII code, if it isn't.
pub(crate) fn code_problem(code: &str) -> Option<String> {
    if code.len() > MAX_CODE_LEN {
        return Some(format!(
            "code `{}` is {} characters long, over the limit of {MAX_CODE_LEN}",
            shown(code),
            code.len()
        ));
    }
    if is_screaming_snake(code) {
        return None;
    }
    // A character that looks like a letter (Cyrillic `А`, a zero-width space) is invisible
    // in the message unless it is named.
    if let Some((index, c)) = code.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
        return Some(format!(
            "code `{}` has {} as its character {}: codes use only A-Z, 0-9 and `_`",
            shown(code),
            describe_char(c),
            index + 1
        ));
    }
    Some(format!(
        "code `{}` is not SCREAMING_SNAKE_CASE: use A-Z and 0-9 in words joined by single underscores, starting with a letter",
        shown(code)
    ))
}

/// A character as a message names it: its code point, and itself when it is visible.
fn describe_char(c: char) -> String {
    if is_invisible(c) || c.is_whitespace() {
        format!("the invisible U+{:04X}", u32::from(c))
    } else {
        format!("`{c}` (U+{:04X})", u32::from(c))
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
    let code_in_ascii = in_ascii(code);
    let suggestion = words(&code_in_ascii, str::to_ascii_uppercase).join("_");
    (suggestion != code && code_problem(&suggestion).is_none()).then_some(suggestion)
}

/// `text` with invisible characters removed and Cyrillic and Greek capitals that look
/// like Latin ones replaced by those: what the writer most likely meant.
fn in_ascii(text: &str) -> String {
    const LOOKALIKES: &[(char, char)] = &[
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('Х', 'X'),
        ('Ѕ', 'S'),
        ('І', 'I'),
        ('Ј', 'J'),
        ('Α', 'A'),
        ('Β', 'B'),
        ('Ε', 'E'),
        ('Ζ', 'Z'),
        ('Η', 'H'),
        ('Ι', 'I'),
        ('Κ', 'K'),
        ('Μ', 'M'),
        ('Ν', 'N'),
        ('Ο', 'O'),
        ('Ρ', 'P'),
        ('Τ', 'T'),
        ('Υ', 'Y'),
        ('Χ', 'X'),
    ];
    text.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| {
            LOOKALIKES
                .iter()
                .find(|(lookalike, _)| *lookalike == c)
                .map_or(c, |(_, latin)| *latin)
        })
        .collect()
}

/// Characters that take no room when shown.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
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
    if id.len() > MAX_FAMILY_ID_LEN {
        return Some(format!(
            "family id `{}` is {} characters long, over the limit of {MAX_FAMILY_ID_LEN}",
            shown(id),
            id.len()
        ));
    }
    let snake = id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    (!snake).then(|| {
        format!(
            "family id `{}` is not snake_case: use a-z and 0-9 in words joined by single underscores, starting with a letter",
            shown(id)
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
            "`{}` is not an UpperCamelCase Rust identifier (A-Z, a-z, 0-9, starting with a capital letter)",
            shown(name)
        ));
    }
    if let Some((_, why)) = RESERVED_VARIANTS
        .iter()
        .find(|(reserved, _)| *reserved == name)
    {
        return Some((*why).to_owned());
    }
    if is_error_code && name == UNKNOWN_VARIANT {
        return Some(format!(
            "`{UNKNOWN_VARIANT}` is the variant that holds codes a build doesn't know"
        ));
    }
    None
}

/// The well-formed names no variant of a generated enum can take, and why.
const RESERVED_VARIANTS: [(&str, &str); 2] = [
    // The only Rust keyword that starts with a capital letter.
    ("Self", "`Self` is a Rust keyword and cannot name a variant"),
    // The generated enums' only associated item that is not snake_case.
    (
        "ALL",
        "the generated enum already has an item named `ALL`, the list of every variant",
    ),
];

/// The names [`variant_problem`] refuses although they are well formed: for an error
/// code's variant (`is_error_code`), or a family's.
#[cfg(feature = "artifacts")]
pub(crate) fn reserved_variants(is_error_code: bool) -> Vec<&'static str> {
    let mut reserved: Vec<&str> = RESERVED_VARIANTS.iter().map(|(name, _)| *name).collect();
    if is_error_code {
        reserved.push(UNKNOWN_VARIANT);
    }
    reserved
}

/// The well-formed codes whose variant would be a reserved name: each needs a
/// `rust_name`.
#[cfg(feature = "artifacts")]
pub(crate) fn codes_needing_a_rust_name() -> Vec<String> {
    reserved_variants(true)
        .into_iter()
        .map(|variant| variant.to_shouty_snake_case())
        .filter(|code| {
            code_problem(code).is_none()
                && reserved_variants(true).contains(&variant_name(code).as_str())
        })
        .collect()
}

/// The well-formed family ids whose variant would be a reserved name: none can be used.
#[cfg(feature = "artifacts")]
pub(crate) fn unusable_family_ids() -> Vec<String> {
    reserved_variants(false)
        .into_iter()
        .map(|variant| variant.to_snake_case())
        .filter(|id| {
            family_id_problem(id).is_none()
                && reserved_variants(false).contains(&variant_name(id).as_str())
        })
        .collect()
}

/// What [`code_problem`] accepts under [`MAX_CODE_LEN`], as a regular expression (for the
/// catalog's JSON Schema).
#[cfg(feature = "artifacts")]
pub(crate) const CODE_PATTERN: &str = "^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$";

/// What [`family_id_problem`] accepts under [`MAX_FAMILY_ID_LEN`], as a regular
/// expression.
#[cfg(feature = "artifacts")]
pub(crate) const FAMILY_ID_PATTERN: &str = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";

/// The well-formed variant names of [`variant_problem`], as a regular expression.
#[cfg(feature = "artifacts")]
pub(crate) const VARIANT_PATTERN: &str = "^[A-Z][A-Za-z0-9]*$";

/// The longest npm package name npm publishes.
const MAX_NPM_NAME_LEN: usize = 214;

/// Why `name` cannot be an npm package's name, if it can't: npm's rules for a new
/// package (lowercase, URL-safe, at most 214 characters, an optional `@scope/`).
pub(crate) fn npm_name_problem(name: &str) -> Option<&'static str> {
    if name.len() > MAX_NPM_NAME_LEN {
        return Some("is longer than 214 characters");
    }
    let part_problem = |part: &str| -> Option<&'static str> {
        if part.is_empty() {
            return Some("has an empty part");
        }
        if part.starts_with(['.', '_']) {
            return Some("has a part that starts with `.` or `_`");
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c);
        (!part.chars().all(allowed))
            .then_some("may hold only lowercase letters, digits, `-`, `.`, `_` and `~`")
    };
    match name.strip_prefix('@') {
        Some(scoped) => match scoped.split_once('/') {
            Some((scope, package)) => part_problem(scope).or_else(|| part_problem(package)),
            None => Some("names a scope without a package (`@scope/name`)"),
        },
        None => part_problem(name),
    }
}

/// Whether `version` is a semantic version (2.0.0): `MAJOR.MINOR.PATCH`, then optionally
/// `-PRERELEASE` and `+BUILD`.
pub(crate) fn is_semver(version: &str) -> bool {
    let (version, build) = version.split_once('+').unwrap_or((version, "x"));
    let (core, pre) = version.split_once('-').unwrap_or((version, "x"));
    let identifiers = |text: &str| {
        text.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
    };
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers.iter().all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0'))
        })
        && identifiers(pre)
        && identifiers(build)
}

/// The closest of `candidates` to `input`, if it is close enough to be a likely typo,
/// or the one `input` abbreviates (`retry` for `retryable`).
///
/// Comparing costs the product of the two lengths; `budget` bounds that work across one
/// check, so that a catalog with thousands of misspelt references is still checked in
/// bounded time (once it is spent, no typo is suggested).
pub(crate) fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut SuggestionBudget,
) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let typo = candidates
        .iter()
        // The distance is at least the difference in length: a candidate that much
        // longer or shorter is not a typo, and is not worth the quadratic comparison.
        .filter(|candidate| input.len().abs_diff(candidate.len()) <= allowed_edits(candidate))
        .filter(|candidate| budget.spend(input.len().saturating_mul(candidate.len())))
        .map(|candidate| (edit_distance(input, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= allowed_edits(candidate))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    typo.or_else(|| {
        let mut abbreviated: Vec<(usize, &str)> = candidates
            .iter()
            .filter(|candidate| input.chars().count() >= 3 && candidate.starts_with(input))
            // For a prefix, the edit distance is the number of characters left out.
            .map(|candidate| (candidate.len() - input.len(), *candidate))
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

/// How much comparing "did you mean" may do in one check, in cells of the edit-distance
/// table (about a second of work in a debug build).
#[derive(Debug)]
pub(crate) struct SuggestionBudget {
    cells_left: usize,
}

impl SuggestionBudget {
    /// The budget of one check.
    pub(crate) const fn new() -> Self {
        SuggestionBudget {
            cells_left: 10_000_000,
        }
    }

    /// Takes `cells` from the budget; `false` (taking nothing) when too few are left.
    fn spend(&mut self, cells: usize) -> bool {
        match self.cells_left.checked_sub(cells) {
            Some(left) => {
                self.cells_left = left;
                true
            }
            None => false,
        }
    }
}

/// How many edits a typo of `candidate` may have.
fn allowed_edits(candidate: &str) -> usize {
    candidate.len().max(3) / 3
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

    #[cfg(feature = "artifacts")]
    #[test]
    fn the_reserved_names_are_the_ones_refused() {
        assert_eq!(codes_needing_a_rust_name(), ["SELF", "UNKNOWN"]);
        assert_eq!(unusable_family_ids(), ["self"]);
        for code in codes_needing_a_rust_name() {
            assert!(
                variant_problem(&variant_name(&code), true).is_some(),
                "{code}"
            );
        }
        for id in unusable_family_ids() {
            assert!(variant_problem(&variant_name(&id), false).is_some(), "{id}");
        }
        for name in reserved_variants(true) {
            assert!(variant_problem(name, true).is_some(), "{name}");
        }
        assert!(variant_problem(UNKNOWN_VARIANT, false).is_none());
    }

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
    fn lookalike_and_invisible_characters_are_named() {
        assert_eq!(
            code_problem("NOT_F\u{200B}OUND").unwrap(),
            "code `NOT_F\u{200B}OUND` has the invisible U+200B as its character 6: codes use only A-Z, 0-9 and `_`"
        );
        assert_eq!(
            code_problem("N\u{41E}T").unwrap(),
            "code `N\u{41E}T` has `\u{41E}` (U+041E) as its character 2: codes use only A-Z, 0-9 and `_`"
        );
        assert_eq!(
            suggest_code("N\u{41E}T_F\u{200B}OUND").as_deref(),
            Some("NOT_FOUND")
        );
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

    fn did_you_mean_fresh<'a>(
        input: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        did_you_mean(input, candidates, &mut SuggestionBudget::new())
    }

    #[test]
    fn a_spent_budget_suggests_nothing() {
        let mut budget = SuggestionBudget { cells_left: 40 };
        assert_eq!(
            did_you_mean("stauts", ["status"], &mut budget),
            Some("status")
        );
        assert_eq!(did_you_mean("stauts", ["status"], &mut budget), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean_fresh("stauts", ["status", "code"]),
            Some("status")
        );
        assert_eq!(did_you_mean_fresh("zzz", ["status", "code"]), None);
        assert_eq!(did_you_mean_fresh("auht", ["auth", "domain"]), Some("auth"));
        assert_eq!(
            did_you_mean_fresh("retry", ["code", "retryable"]),
            Some("retryable")
        );
        assert_eq!(did_you_mean_fresh("re", ["code", "retryable"]), None);
        assert_eq!(
            did_you_mean_fresh("retry", ["retry_after", "retryable"]),
            Some("retryable")
        );
        assert_eq!(did_you_mean_fresh("fam", ["family_a", "family_b"]), None);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }
}
