//! Loading a catalog: the file's bytes, then YAML, then the schema entry by entry, then
//! the rules across entries, then the checked model.
//!
//! Each step reports every problem it finds to one [`Collector`], so a file with many
//! problems shows all of them in one run.

mod assemble;
mod checks;
mod entries;
pub(crate) mod keys;
mod prose;
mod rfc3339;
mod schema;
mod source;
mod yaml;

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostic::{Collector, Diagnostics, ReadableNames};
use crate::model::Catalog;

pub use source::MAX_CATALOG_BYTES;
pub use yaml::{MAX_ALIASES, MAX_ANCHORED_VALUES, MAX_DEPTH, MAX_NODES};

/// Reads the catalog file at `path` and checks it; `name` names it in messages.
pub(crate) fn file(path: &Path, name: &str) -> Result<Catalog, Diagnostics> {
    let text = source::read(path, name)?;
    text_named(&text, name)
}

/// Checks catalog text: read → check → assemble. The problems keep the lines they point
/// at, and the names that could still be read.
pub(crate) fn text_named(text: &str, name: &str) -> Result<Catalog, Diagnostics> {
    source::check_text(text, name)
        .map_err(|problem| Diagnostics::from(problem).with_source(text))?;
    let root =
        yaml::parse(text, name).map_err(|problem| Diagnostics::from(problem).with_source(text))?;
    let mut errors = Collector::new(name);
    let entries = schema::read(&root, text, &mut errors);
    checks::run(&entries, &mut errors);
    // Only a catalog with problems needs stand-ins: every build of a good one skips this.
    let readable = errors.has_errors().then(|| readable_names(&entries));
    errors
        .finish_with(|| assemble::catalog(name, entries))
        .map_err(|mut problems| {
            problems.readable = readable.unwrap_or_default();
            problems.with_source(text)
        })
}

/// The codes and families whose names could be read, each name and variant once.
fn readable_names(entries: &entries::Entries) -> ReadableNames {
    let mut readable = ReadableNames::default();
    let mut seen = HashSet::new();
    for family in entries.families.iter().flatten() {
        if let (Some(id), Some(variant)) = (&family.id, &family.variant)
            && seen.insert(("family id", id.value.as_str()))
            && seen.insert(("family variant", variant.as_str()))
        {
            readable.families.push((id.value.clone(), variant.clone()));
        }
    }
    for code in entries.codes.iter().flatten() {
        if let (Some(name), Some(variant)) = (&code.name, &code.variant)
            && seen.insert(("code", name.value.as_str()))
            && seen.insert(("code variant", variant.as_str()))
        {
            readable.codes.push((name.value.clone(), variant.clone()));
        }
    }
    readable
}
