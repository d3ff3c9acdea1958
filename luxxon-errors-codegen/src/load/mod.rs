//! Loading a catalog: the file's bytes, then YAML, then the schema entry by entry, then
//! the rules across entries, then the checked model.
//!
//! Each step reports every problem it finds to one [`Collector`], so a file with many
//! problems shows all of them in one run.

mod assemble;
mod checks;
mod entries;
mod keys;
mod prose;
mod rfc3339;
mod schema;
mod source;
mod yaml;

use std::path::Path;

use crate::diagnostic::{Collector, Diagnostics};
use crate::model::Catalog;

pub use source::MAX_CATALOG_BYTES;
pub use yaml::{MAX_ALIASES, MAX_ANCHORED_VALUES, MAX_DEPTH, MAX_NODES};

/// Reads the catalog file at `path` and checks it; `name` names it in messages.
pub(crate) fn file(path: &Path, name: &str) -> Result<Catalog, Diagnostics> {
    let text = source::read(path, name)?;
    text_named(&text, name)
}

/// Checks catalog text: read → check → assemble.
pub(crate) fn text_named(text: &str, name: &str) -> Result<Catalog, Diagnostics> {
    source::check_text(text, name)?;
    let root = yaml::parse(text, name)?;
    let mut errors = Collector::new(name);
    let entries = schema::read(&root, text, &mut errors);
    checks::run(&entries, &mut errors);
    errors.finish_with(|| assemble::catalog(name, entries))
}
