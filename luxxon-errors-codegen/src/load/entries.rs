//! What the schema reader found in the file, entry by entry, before the checks that span
//! entries and before the model is assembled.
//!
//! An entry keeps the parts that other entries refer to (a code's name, its family) even
//! when another of its fields is wrong, so that the checks across entries still run on
//! it and one pass reports every problem.

use crate::diagnostic::Position;
use crate::model::{Lifecycle, Section};

/// A value and where it is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) position: Position,
}

/// Everything read from the file.
pub(crate) struct Entries {
    /// The docs page's prose, when the file has a valid `page`.
    pub(crate) page: Option<Located<PageEntry>>,
    /// The family entries; `None` when `families` is missing or not a list.
    pub(crate) families: Option<Vec<FamilyEntry>>,
    /// The code entries; `None` when `codes` is missing or not a list.
    pub(crate) codes: Option<Vec<CodeEntry>>,
    /// The npm package's name and version, each when given and valid.
    pub(crate) npm: NpmEntry,
}

/// The `npm` section as read: what it leaves out takes the default.
#[derive(Default)]
pub(crate) struct NpmEntry {
    pub(crate) name: Option<String>,
    pub(crate) version: Option<String>,
}

/// A family entry as read.
pub(crate) struct FamilyEntry {
    /// The id, when it is a valid snake_case id.
    pub(crate) id: Option<Located<String>>,
    /// The Rust variant, when the id makes a valid one.
    pub(crate) variant: Option<String>,
    /// The other fields, when every one of them is valid.
    pub(crate) fields: Option<FamilyFields>,
}

/// A family's fields besides its id.
pub(crate) struct FamilyFields {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) retryable: bool,
    /// How long clients should wait before retrying the family's codes, in seconds.
    pub(crate) retry_after: Option<u32>,
}

/// A code entry as read.
#[derive(Default)]
pub(crate) struct CodeEntry {
    /// The wire name, when it is a valid code.
    pub(crate) name: Option<Located<String>>,
    /// The Rust variant, when the code (or its `rust_name`) makes a valid one.
    pub(crate) variant: Option<String>,
    /// The family id the entry names, when it is a string.
    pub(crate) family: Option<Located<String>>,
    /// Whether the entry has a `remedy` key.
    pub(crate) has_remedy: bool,
    /// The other fields, when every one of them is valid.
    pub(crate) fields: Option<CodeFields>,
}

/// A code's fields besides its name, variant and family.
pub(crate) struct CodeFields {
    pub(crate) status: u16,
    pub(crate) meaning: String,
    pub(crate) remedy: Option<String>,
    pub(crate) lifecycle: Lifecycle,
    /// The code's own `retryable`, which overrides its family's.
    pub(crate) retryable: Option<bool>,
    /// The code's own `retry_after`, which overrides its family's.
    pub(crate) retry_after: Option<Located<u32>>,
}

/// The `page` section as read.
pub(crate) struct PageEntry {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) lead: String,
    pub(crate) example: ExampleEntry,
    pub(crate) notes: String,
    pub(crate) handling: Section,
    pub(crate) versioning: Section,
}

/// The example envelope as read: its status comes from its code's entry.
pub(crate) struct ExampleEntry {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) detail: String,
    pub(crate) timestamp: String,
}
