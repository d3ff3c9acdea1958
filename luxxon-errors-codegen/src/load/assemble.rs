//! Building the checked [`Catalog`] from the entries, once every check has passed, and
//! computing the values that depend on more than one entry.

use std::collections::HashMap;

use super::entries::{CodeEntry, Entries, FamilyEntry, Located, PageEntry};
use crate::model::{Catalog, Code, EnvelopeSection, ExampleEnvelope, Family, NpmPackage, Page};

/// The catalog the entries describe, or `None` when an entry is incomplete.
///
/// An entry is incomplete only where a problem was reported, so the pipeline calls this
/// only when nothing was; `None` then is never seen by users.
pub(crate) fn catalog(path: &str, entries: Entries) -> Option<Catalog> {
    let mut families = entries
        .families?
        .into_iter()
        .map(family)
        .collect::<Option<Vec<Family>>>()?;
    let family_positions: HashMap<String, usize> = families
        .iter()
        .enumerate()
        .map(|(position, family)| (family.id.clone(), position))
        .collect();
    let codes = entries
        .codes?
        .into_iter()
        .map(|entry| code(entry, &families, &family_positions))
        .collect::<Option<Vec<Code>>>()?;
    for (position, code) in codes.iter().enumerate() {
        families[code.family_index].code_positions.push(position);
    }
    let code_positions = codes
        .iter()
        .enumerate()
        .map(|(position, code)| (code.name.clone(), position))
        .collect();
    let page = match entries.page {
        Some(page) => Some(self::page(page, &codes)?),
        None => None,
    };
    let npm = NpmPackage {
        name: entries
            .npm
            .name
            .unwrap_or_else(|| NpmPackage::DEFAULT_NAME.to_owned()),
        version: entries
            .npm
            .version
            .unwrap_or_else(|| NpmPackage::DEFAULT_VERSION.to_owned()),
    };
    Some(Catalog {
        path: path.to_owned(),
        page,
        npm,
        families,
        codes,
        code_positions,
        family_positions,
    })
}

fn family(entry: FamilyEntry) -> Option<Family> {
    let Located {
        value: id,
        position,
    } = entry.id?;
    let fields = entry.fields?;
    Some(Family {
        id,
        variant: entry.variant?,
        title: fields.title,
        description: fields.description,
        retryable: fields.retryable,
        retry_after: fields.retry_after,
        position,
        code_positions: Vec::new(),
    })
}

fn code(
    entry: CodeEntry,
    families: &[Family],
    family_positions: &HashMap<String, usize>,
) -> Option<Code> {
    let Located {
        value: name,
        position,
    } = entry.name?;
    let family_id = entry.family?.value;
    let fields = entry.fields?;
    let family_index = *family_positions.get(&family_id)?;
    let family = &families[family_index];
    let retryable = fields.retryable.unwrap_or(family.retryable);
    let retry_after = match fields.retry_after {
        Some(own) => Some(own.value),
        None if retryable => family.retry_after,
        None => None,
    };
    Some(Code {
        name,
        variant: entry.variant?,
        status: fields.status,
        family_id,
        family_index,
        meaning: fields.meaning,
        remedy: fields.remedy,
        lifecycle: fields.lifecycle,
        retryable,
        retry_after,
        position,
    })
}

fn page(page: Located<PageEntry>, codes: &[Code]) -> Option<Page> {
    let page = page.value;
    let example = page.example;
    let status = codes.iter().find(|code| code.name == example.code)?.status;
    Some(Page {
        title: page.title,
        summary: page.summary,
        envelope: EnvelopeSection {
            lead: page.lead,
            example: ExampleEnvelope {
                code: example.code,
                status,
                message: example.message,
                detail: example.detail,
                timestamp: example.timestamp,
            },
            notes: page.notes,
        },
        handling: page.handling,
        versioning: page.versioning,
    })
}
