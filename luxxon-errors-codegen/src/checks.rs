//! The rules that span entries: uniqueness, references between codes and families, and
//! the shape every family's docs table needs.

use std::collections::HashMap;

use crate::diagnostic::{Collector, Position};
use crate::naming;
use crate::schema::Entries;

pub(crate) fn run(entries: &Entries, errors: &mut Collector) {
    if entries.families.is_empty() && !entries.skipped_families {
        errors
            .error(entries.families_position, "`families` is empty")
            .help("define at least one family for the codes to belong to");
    }
    unique_families(entries, errors);
    unique_codes(entries, errors);
    family_references(entries, errors);
    table_shapes(entries, errors);
    example_code(entries, errors);
}

fn unique_families(entries: &Entries, errors: &mut Collector) {
    let mut ids: HashMap<&str, Position> = HashMap::new();
    let mut variants: HashMap<&str, (&str, Position)> = HashMap::new();
    for family in &entries.families {
        if let Some(first) = ids.get(family.id.as_str()) {
            errors
                .error(
                    family.position,
                    format!(
                        "duplicate family `{}` (first defined at {first})",
                        family.id
                    ),
                )
                .help("each family is defined once; merge the two entries");
            continue;
        }
        ids.insert(&family.id, family.position);
        if let Some((other, first)) = variants.get(family.variant.as_str()) {
            errors
                .error(family.position, format!(
                    "families `{other}` (at {first}) and `{}` would both be the Rust variant `Family::{}`",
                    family.id, family.variant
                ))
                .help("rename one of the two family ids");
            continue;
        }
        variants.insert(&family.variant, (&family.id, family.position));
    }
}

fn unique_codes(entries: &Entries, errors: &mut Collector) {
    let mut names: HashMap<&str, Position> = HashMap::new();
    let mut variants: HashMap<&str, (&str, Position)> = HashMap::new();
    for entry in &entries.codes {
        let code = &entry.code;
        if let Some(first) = names.get(code.code.as_str()) {
            errors
                .error(
                    code.position,
                    format!("duplicate code `{}` (first defined at {first})", code.code),
                )
                .help("a code is defined once; remove this entry or give it another name");
            continue;
        }
        names.insert(&code.code, code.position);
        if let Some((other, first)) = variants.get(code.variant.as_str()) {
            errors
                .error(code.position, format!(
                    "codes `{other}` (at {first}) and `{}` would both be the Rust variant `ErrorCode::{}`",
                    code.code, code.variant
                ))
                .help("add `rust_name: <UpperCamelCase name>` to one of them to choose another variant name");
            continue;
        }
        variants.insert(&code.variant, (&code.code, code.position));
    }
}

fn family_references(entries: &Entries, errors: &mut Collector) {
    let ids: Vec<&str> = entries
        .families
        .iter()
        .map(|family| family.id.as_str())
        .collect();
    for entry in &entries.codes {
        let family = entry.code.family.as_str();
        if ids.contains(&family) {
            continue;
        }
        let error = errors.error(
            entry.family_position,
            format!(
                "code `{}` names the family `{family}`, which is not defined",
                entry.code.code
            ),
        );
        match naming::did_you_mean(family, ids.iter().copied()) {
            Some(suggestion) => error.help(format!("did you mean `{suggestion}`?")),
            None => error.help(format!(
                "define it under `families:`, or use one of: {}",
                ids.join(", ")
            )),
        };
    }
    for family in &entries.families {
        let used = entries
            .codes
            .iter()
            .any(|entry| entry.code.family == family.id);
        // Codes whose own entry failed to read may have named it: say nothing then.
        if !used && !entries.skipped_codes {
            errors
                .error(
                    family.position,
                    format!("family `{}` has no codes", family.id),
                )
                .help("add a code with this family, or remove the family");
        }
    }
}

/// A family's docs table has a "What to do" column for all of its codes or for none.
fn table_shapes(entries: &Entries, errors: &mut Collector) {
    for family in &entries.families {
        let codes: Vec<_> = entries
            .codes
            .iter()
            .filter(|entry| entry.code.family == family.id)
            .collect();
        let Some(with_remedy) = codes.iter().find(|entry| entry.code.remedy.is_some()) else {
            continue;
        };
        for entry in codes.iter().filter(|entry| entry.code.remedy.is_none()) {
            errors
                .error(entry.code.position, format!(
                    "code `{}` has no `remedy`, but its family `{}` documents one for its codes (e.g. `{}`)",
                    entry.code.code, family.id, with_remedy.code.code
                ))
                .help("add `remedy: <what the caller should do>`: the family's table has a \"What to do\" column");
        }
    }
}

fn example_code(entries: &Entries, errors: &mut Collector) {
    let Some((page, position)) = &entries.page else {
        return;
    };
    let code = &page.envelope.example.code;
    if !entries.codes.iter().any(|entry| &entry.code.code == code) && !entries.skipped_codes {
        errors
            .error(
                *position,
                format!("the page's example envelope uses the code `{code}`, which is not defined"),
            )
            .help("use one of the catalog's codes in `page.envelope.example.code`");
    }
}
