//! The codegen core of [luxxon-errors](https://docs.rs/luxxon-errors): the catalog model,
//! its validation, and every emitter.
//!
//! One implementation serves every way of using a catalog: the `catalog!` proc-macro,
//! build scripts and the CLI all call [`Catalog::load`] and the emitters here, so they
//! accept the same files, report the same problems and produce the same output.
//!
//! The default `artifacts` feature adds the generated files beyond Rust: the docs page
//! (`docs`), the TypeScript types (`typescript`), the JSON Schema and OpenAPI fragment
//! (`json_schema`), writing and freshness-checking them (`artifacts`), and the
//! build-script `Builder`. The proc-macro turns it off.
//!
//! Hostile files are refused quickly, with a message naming the limit: a catalog is at
//! most [`MAX_CATALOG_BYTES`] bytes, nests at most [`MAX_DEPTH`] levels, holds at most
//! [`MAX_NODES`] values, uses at most [`MAX_ALIASES`] aliases, and its anchors hold at
//! most [`MAX_ANCHORED_VALUES`] values.
//!
//! ```
//! use luxxon_errors_codegen::Catalog;
//!
//! let catalog = Catalog::parse(
//!     "families:\n  - id: auth\n    title: Auth\n\
//!      codes:\n  - code: NOT_AUTHENTICATED\n    status: 401\n    family: auth\n    meaning: Missing credential.\n",
//!     "errors.yaml",
//! )?;
//! assert_eq!(catalog.codes[0].variant, "NotAuthenticated");
//!
//! let problems = Catalog::parse("codes: []\nfamilies: []\n", "errors.yaml").unwrap_err();
//! assert_eq!(problems.iter().next().unwrap().to_string(), "errors.yaml:1:8: `codes` is empty\n  help: a catalog needs at least one code");
//! # Ok::<(), luxxon_errors_codegen::Diagnostics>(())
//! ```

#[cfg(feature = "artifacts")]
pub mod artifacts;
#[cfg(feature = "artifacts")]
mod builder;
mod checks;
pub mod compat;
mod diagnostic;
#[cfg(feature = "artifacts")]
mod diff;
#[cfg(feature = "artifacts")]
pub mod docs;
#[cfg(feature = "artifacts")]
mod json;
#[cfg(feature = "artifacts")]
pub mod json_schema;
pub mod markdown;
mod model;
mod naming;
pub mod rust;
mod schema;
mod source;
#[cfg(feature = "artifacts")]
pub mod typescript;
mod yaml;

use std::path::Path;

#[cfg(feature = "artifacts")]
pub use builder::{BuildError, Builder, StaleArtifact, Written};
pub use diagnostic::{Diagnostic, Diagnostics, Position};
pub use model::{
    Catalog, Code, EnvelopeSection, ExampleEnvelope, Family, Lifecycle, Page, Section,
};
pub use naming::{MAX_CODE_LEN, UNKNOWN_VARIANT};
pub use source::MAX_CATALOG_BYTES;
pub use yaml::{MAX_ALIASES, MAX_ANCHORED_VALUES, MAX_DEPTH, MAX_NODES};

impl Catalog {
    /// Reads and checks the catalog file at `path`, naming it by `path` in messages.
    ///
    /// # Errors
    /// Every problem in the file (see [`Diagnostics`]), or the one reason it could not be
    /// read (missing, a directory, over [`MAX_CATALOG_BYTES`], not UTF-8).
    pub fn load(path: impl AsRef<Path>) -> Result<Catalog, Diagnostics> {
        let path = path.as_ref();
        Catalog::load_named(path, &path.display().to_string())
    }

    /// Reads and checks the catalog file at `path`, naming it `name` in messages
    /// (e.g. the path as the user wrote it, where `path` is resolved).
    ///
    /// # Errors
    /// As [`Catalog::load`].
    pub fn load_named(path: &Path, name: &str) -> Result<Catalog, Diagnostics> {
        let text = source::read(path, name)?;
        Catalog::parse(&text, name)
    }

    /// Checks catalog text; `name` names the file in messages.
    ///
    /// # Errors
    /// Every problem in the text, sorted by position.
    pub fn parse(text: &str, name: &str) -> Result<Catalog, Diagnostics> {
        source::check_text(text, name)?;
        let root = yaml::parse(text, name)?;
        let mut errors = diagnostic::Collector::new(name);
        let entries = schema::read(&root, &mut errors);
        let catalog = schema::assemble(entries, &mut errors);
        errors.finish(catalog)
    }
}
