//! The rules that span entries: uniqueness, references between codes and families, and
//! the shape every family's docs table needs.
//!
//! The rules run on every entry whose relevant fields could be read, even when other
//! fields of it are wrong, so that one pass reports everything. A rule that needs all
//! entries (e.g. "this family has no codes") stays silent when some could not be read:
//! its verdict would be a guess.

use std::collections::{HashMap, HashSet};

use super::entries::{CodeEntry, Entries, FamilyEntry, Located};
use crate::diagnostic::{Collector, Position};
use crate::naming;

pub(crate) fn run(entries: &Entries, errors: &mut Collector) {
    let families = entries.families.as_deref().unwrap_or_default();
    let codes = entries.codes.as_deref().unwrap_or_default();
    unique_families(families, errors);
    unique_codes(codes, errors);
    family_references(entries, errors);
    table_shapes(families, codes, errors);
    retry_delays(families, codes, errors);
    example_code(entries, errors);
}

fn unique_families(families: &[FamilyEntry], errors: &mut Collector) {
    let mut ids: HashMap<&str, Position> = HashMap::new();
    let mut variants: HashMap<&str, (&str, Position)> = HashMap::new();
    for family in families {
        let Some(Located {
            value: id,
            position,
        }) = &family.id
        else {
            continue;
        };
        if let Some(first) = ids.get(id.as_str()) {
            errors
                .error(
                    *position,
                    format!("duplicate family `{id}` (first defined at {first})"),
                )
                .help("each family is defined once; merge the two entries");
            continue;
        }
        ids.insert(id, *position);
        let Some(variant) = &family.variant else {
            continue;
        };
        if let Some((other, first)) = variants.get(variant.as_str()) {
            errors
                .error(*position, format!(
                    "families `{other}` (at {first}) and `{id}` would both be the Rust variant `Family::{variant}`"
                ))
                .help("rename one of the two family ids");
            continue;
        }
        variants.insert(variant, (id, *position));
    }
}

fn unique_codes(codes: &[CodeEntry], errors: &mut Collector) {
    let mut names: HashMap<&str, Position> = HashMap::new();
    let mut variants: HashMap<&str, (&str, Position)> = HashMap::new();
    for entry in codes {
        let Some(Located {
            value: code,
            position,
        }) = &entry.name
        else {
            continue;
        };
        if let Some(first) = names.get(code.as_str()) {
            errors
                .error(
                    *position,
                    format!("duplicate code `{code}` (first defined at {first})"),
                )
                .help("a code is defined once; remove this entry or give it another name");
            continue;
        }
        names.insert(code, *position);
        let Some(variant) = &entry.variant else {
            continue;
        };
        if let Some((other, first)) = variants.get(variant.as_str()) {
            errors
                .error(*position, format!(
                    "codes `{other}` (at {first}) and `{code}` would both be the Rust variant `ErrorCode::{variant}`"
                ))
                .help("add `rust_name: <UpperCamelCase name>` to one of them to choose another variant name");
            continue;
        }
        variants.insert(variant, (code, *position));
    }
}

fn family_references(entries: &Entries, errors: &mut Collector) {
    let (Some(families), Some(codes)) = (&entries.families, &entries.codes) else {
        return;
    };
    let mut ids: Vec<&str> = families
        .iter()
        .filter_map(|family| family.id.as_ref())
        .map(|id| id.value.as_str())
        .collect();
    // A family whose id could not be read may be the one a code names.
    let all_ids_read = ids.len() == families.len();
    let mut defined = HashSet::new();
    ids.retain(|id| defined.insert(*id));
    if all_ids_read {
        for entry in codes {
            let Some(Located {
                value: family,
                position,
            }) = &entry.family
            else {
                continue;
            };
            if defined.contains(family.as_str()) {
                continue;
            }
            let code = entry.name.as_ref().map_or_else(
                || "this code".to_owned(),
                |code| format!("code `{}`", code.value),
            );
            let suggestion = errors.did_you_mean(family, ids.iter().copied());
            let error = errors.error(
                *position,
                format!(
                    "{code} names the family `{}`, which is not defined",
                    naming::shown(family)
                ),
            );
            match suggestion {
                Some(suggestion) => error.help(format!("did you mean `{suggestion}`?")),
                None => error.help(format!(
                    "define it under `families:`, or use one of: {}",
                    naming::some_of(&ids)
                )),
            };
        }
    }
    // A code whose family could not be read may be the one that uses a family.
    if codes.iter().any(|entry| entry.family.is_none()) {
        return;
    }
    let used: HashSet<&str> = codes
        .iter()
        .filter_map(|entry| entry.family.as_ref())
        .map(|family| family.value.as_str())
        .collect();
    for Located {
        value: id,
        position,
    } in families.iter().filter_map(|family| family.id.as_ref())
    {
        if !used.contains(id.as_str()) {
            errors
                .error(*position, format!("family `{id}` has no codes"))
                .help("add a code with this family, or remove the family");
        }
    }
}

/// A family's docs table has a "What to do" column for all of its codes or for none.
fn table_shapes(families: &[FamilyEntry], codes: &[CodeEntry], errors: &mut Collector) {
    let mut members_of: HashMap<&str, Vec<(&str, Position, bool)>> = HashMap::new();
    for entry in codes {
        if let (Some(family), Some(code)) = (&entry.family, &entry.name) {
            members_of.entry(family.value.as_str()).or_default().push((
                code.value.as_str(),
                code.position,
                entry.has_remedy,
            ));
        }
    }
    let mut seen = HashSet::new();
    for id in families.iter().filter_map(|family| family.id.as_ref()) {
        let id = &id.value;
        if !seen.insert(id.as_str()) {
            continue;
        }
        let members = members_of.remove(id.as_str()).unwrap_or_default();
        let Some((with_remedy, _, _)) = members.iter().find(|(_, _, has_remedy)| *has_remedy)
        else {
            continue;
        };
        for (code, position, _) in members.iter().filter(|(_, _, has_remedy)| !has_remedy) {
            errors
                .error(*position, format!(
                    "code `{code}` has no `remedy`, but its family `{id}` documents one for its codes (e.g. `{with_remedy}`)"
                ))
                .help("add `remedy: <what the caller should do>`: the family's table has a \"What to do\" column");
        }
    }
}

/// A code's own `retry_after` needs the code to be retryable, by its own `retryable` or
/// its family's.
fn retry_delays(families: &[FamilyEntry], codes: &[CodeEntry], errors: &mut Collector) {
    let retryable_families: HashMap<&str, bool> = families
        .iter()
        .filter_map(|family| {
            Some((
                family.id.as_ref()?.value.as_str(),
                family.fields.as_ref()?.retryable,
            ))
        })
        .collect();
    for entry in codes {
        let Some(fields) = &entry.fields else {
            continue;
        };
        let Some(delay) = &fields.retry_after else {
            continue;
        };
        let family_retryable = || {
            retryable_families
                .get(entry.family.as_ref()?.value.as_str())
                .copied()
        };
        // When the family could not be read, its retryability is not known: no verdict.
        let Some(retryable) = fields.retryable.or_else(family_retryable) else {
            continue;
        };
        if !retryable {
            let code = entry.name.as_ref().map_or_else(
                || "this code".to_owned(),
                |name| format!("code `{}`", name.value),
            );
            errors
                .error(
                    delay.position,
                    format!("`retry_after` on {code}, which is not retryable"),
                )
                .help("add `retryable: true` to the code, or remove `retry_after`");
        }
    }
}

fn example_code(entries: &Entries, errors: &mut Collector) {
    let (Some(page), Some(codes)) = (&entries.page, &entries.codes) else {
        return;
    };
    let code = &page.value.example.code;
    let names: Vec<&str> = codes
        .iter()
        .filter_map(|entry| entry.name.as_ref())
        .map(|name| name.value.as_str())
        .collect();
    // A code whose name could not be read may be the example's.
    if names.len() == codes.len() && !names.contains(&code.as_str()) {
        errors
            .error(
                page.position,
                format!(
                    "the page's example envelope uses the code `{}`, which is not defined",
                    naming::shown(code)
                ),
            )
            .help("use one of the catalog's codes in `page.envelope.example.code`");
    }
}

#[cfg(test)]
mod tests {
    use crate::Catalog;

    fn problems(yaml: &str) -> Vec<String> {
        Catalog::parse(yaml, "e.yaml")
            .unwrap_err()
            .iter()
            .map(|problem| format!("{}: {}", problem.position, problem.message))
            .collect()
    }

    #[test]
    fn entries_with_a_wrong_field_still_take_part_in_the_checks_across_entries() {
        let found = problems(
            "families:\n  - id: auth\n    title: Auth\n  - id: auth\n    title:\ncodes:\n  - code: A\n    status: 401\n    family: auth\n    meaning: x\n  - code: A\n    status: 200\n    family: ath\n    meaning: x\n",
        );
        assert_eq!(
            found,
            [
                "4:9: duplicate family `auth` (first defined at 2:9)",
                "5:10: `title` has no value",
                "11:11: duplicate code `A` (first defined at 7:11)",
                "12:13: status 200 is not an error status",
                "13:13: code `A` names the family `ath`, which is not defined",
            ]
        );
    }

    #[test]
    fn checks_that_need_every_entry_stay_silent_when_one_is_unreadable() {
        // The second family's id is unreadable: it may be the `billing` the code names,
        // and `auth` may be used by the code whose family is unreadable.
        let found = problems(
            "families:\n  - id: auth\n    title: Auth\n  - id: Billing\n    title: Billing\ncodes:\n  - code: A\n    status: 401\n    family: billing\n    meaning: x\n  - code: B\n    status: 401\n    family: [auth]\n    meaning: x\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("4:9: family id `Billing` is not snake_case"));
        assert!(found[1].starts_with("13:13: `family` must be a string"));
    }
}
