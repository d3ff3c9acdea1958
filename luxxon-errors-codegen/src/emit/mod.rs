//! The emitters: one module per output format, each a function of a checked
//! [`Catalog`](crate::Catalog).
//!
//! Emitters only read the model; they never check it, since a `Catalog` is checked by
//! construction. What several formats say alike lives once: the envelope's members in
//! `envelope`, the Markdown tables and notes in `markdown`, the JSON document model in
//! `json`.

#[cfg(feature = "artifacts")]
pub(crate) mod catalog_schema;
#[cfg(feature = "artifacts")]
pub(crate) mod comment;
#[cfg(feature = "artifacts")]
pub(crate) mod docs;
#[cfg(feature = "artifacts")]
pub(crate) mod envelope;
#[cfg(feature = "artifacts")]
pub(crate) mod json;
#[cfg(feature = "artifacts")]
pub(crate) mod json_schema;
pub(crate) mod lookup;
pub(crate) mod markdown;
#[cfg(feature = "artifacts")]
pub(crate) mod npm;
pub(crate) mod rust;
pub(crate) mod rustdoc;
#[cfg(feature = "artifacts")]
pub(crate) mod typescript;
