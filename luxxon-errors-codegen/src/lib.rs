//! The codegen core of [luxxon-errors](https://docs.rs/luxxon-errors): reading and
//! checking a catalog, and every emitter.
//!
//! One implementation serves every way of using a catalog: the `catalog!` proc-macro,
//! build scripts and the CLI all call [`Catalog::load`] and the emitters here, so they
//! accept the same files, report the same problems and produce the same output.
//!
//! The crate is laid out as its pipeline: `load` (file → YAML → schema → checks → the
//! checked [`Catalog`]), `emit` (one module per output format), `artifacts` (which
//! generated files exist, writing them, the freshness check, the [`Builder`]), and
//! `compat` (the append-only comparison of two catalogs).
//!
//! The default `artifacts` feature adds the outputs beyond Rust: [`docs_page`],
//! [`typescript_module`], [`json_schema`] and [`openapi_components`], the catalog format's
//! own schema for editors ([`catalog_schema`]), writing and freshness-checking the
//! generated files, and the build-script [`Builder`]. The proc-macro turns it off.
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
//! assert_eq!(catalog.codes()[0].variant(), "NotAuthenticated");
//!
//! let problems = Catalog::parse("codes: []\nfamilies: []\n", "errors.yaml").unwrap_err();
//! assert_eq!(problems.iter().next().unwrap().to_string(), "errors.yaml:1:8: `codes` is empty\n  help: a catalog needs at least one code");
//! # Ok::<(), luxxon_errors_codegen::Diagnostics>(())
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "artifacts")]
mod artifacts;
mod compat;
mod diagnostic;
mod emit;
mod file;
mod load;
mod model;
mod naming;
mod plain_text;
mod snippet;

use std::path::Path;

#[cfg(feature = "artifacts")]
#[cfg_attr(docsrs, doc(cfg(feature = "artifacts")))]
pub use artifacts::{
    ArtifactError, ArtifactKind, BuildError, Builder, DEFAULT_REGENERATE_COMMAND, Freshness,
    Shipped, ShippedCheck, StaleArtifact, WriteOutcome, Written,
};
pub use compat::{Change, ShippedCode, ShippedCodes};
pub use diagnostic::{Diagnostic, Diagnostics, Position};
#[cfg(feature = "artifacts")]
#[cfg_attr(docsrs, doc(cfg(feature = "artifacts")))]
pub use emit::catalog_schema::schema as catalog_schema;
#[cfg(feature = "artifacts")]
#[cfg_attr(docsrs, doc(cfg(feature = "artifacts")))]
pub use emit::docs::{example_envelope, page as docs_page};
#[cfg(feature = "artifacts")]
#[cfg_attr(docsrs, doc(cfg(feature = "artifacts")))]
pub use emit::json_schema::{openapi_components, schema as json_schema};
// For the tests that hold the runtime's lookup to the generator's tables; not an API.
#[doc(hidden)]
pub use emit::lookup::LookupTables;
pub use emit::rust::{RustOptions, generate as rust_items, stand_ins as rust_stand_ins};
#[cfg(feature = "artifacts")]
#[cfg_attr(docsrs, doc(cfg(feature = "artifacts")))]
pub use emit::typescript::module as typescript_module;
pub use load::{MAX_ALIASES, MAX_ANCHORED_VALUES, MAX_CATALOG_BYTES, MAX_DEPTH, MAX_NODES};
pub use model::{
    Catalog, Code, EnvelopeSection, ExampleEnvelope, Family, Lifecycle, NpmName, NpmPackage, Page,
    Section,
};
pub use naming::{MAX_CODE_LEN, MAX_FAMILY_ID_LEN, MAX_RETRY_AFTER_SECONDS, UNKNOWN_VARIANT};
pub use snippet::{Snippet, SnippetPart, reorders};

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
        load::file(path, name)
    }

    /// Checks catalog text; `name` names the file in messages.
    ///
    /// # Errors
    /// Every problem in the text, sorted by position.
    pub fn parse(text: &str, name: &str) -> Result<Catalog, Diagnostics> {
        load::text_named(text, name)
    }
}
