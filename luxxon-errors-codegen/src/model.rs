//! The checked catalog: what `errors.yaml` says, after every rule has passed.

use crate::diagnostic::Position;

/// A checked error catalog.
///
/// Built by [`Catalog::load`] or [`Catalog::parse`]; every rule in the README's
/// "The catalog" section holds for a value of this type, so emitters need no checks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Catalog {
    /// The file's path as the user wrote it; it names the file in messages and headers.
    pub path: String,
    /// The prose of the docs page, when the catalog has one.
    pub page: Option<Page>,
    /// The families, in file order (the order of the docs page).
    pub families: Vec<Family>,
    /// The codes, in file order.
    pub codes: Vec<Code>,
}

impl Catalog {
    /// The family with the given id.
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|family| family.id == id)
    }

    /// The code with the given name (e.g. `NOT_FOUND`).
    pub fn code(&self, name: &str) -> Option<&Code> {
        self.codes.iter().find(|code| code.code == name)
    }

    /// The codes of `family`, in file order.
    pub fn codes_of<'a>(&'a self, family: &'a Family) -> impl Iterator<Item = &'a Code> + 'a {
        self.codes
            .iter()
            .filter(move |code| code.family == family.id)
    }
}

/// A family of codes: one table on the docs page, one variant of the `Family` enum.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Family {
    /// The id codes refer to, in snake_case (e.g. `not_found`).
    pub id: String,
    /// The Rust variant name (e.g. `NotFound`).
    pub variant: String,
    /// The heading of the family's table (e.g. `Not-found`).
    pub title: String,
    /// Prose shown under the heading, in Markdown.
    pub description: Option<String>,
    /// Whether the family's codes are safe to retry, unless a code says otherwise.
    pub retryable: bool,
    /// Where the family is defined.
    pub position: Position,
}

/// Whether a code is in use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lifecycle {
    /// Emitted by the API today.
    #[default]
    Active,
    /// Kept for old clients; no new endpoint emits it.
    Legacy,
    /// Defined so that clients can handle it, not emitted yet.
    Reserved,
}

impl Lifecycle {
    /// The spelling used in the catalog (`active`, `legacy`, `reserved`).
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Active => "active",
            Lifecycle::Legacy => "legacy",
            Lifecycle::Reserved => "reserved",
        }
    }
}

/// One error code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Code {
    /// The wire name, SCREAMING_SNAKE_CASE (e.g. `NOT_AUTHORIZED`).
    pub code: String,
    /// The Rust variant name (e.g. `NotAuthorized`).
    pub variant: String,
    /// The HTTP status the API answers with.
    pub status: u16,
    /// The id of the code's family.
    pub family: String,
    /// What the code means, in Markdown (one line: it is a table cell).
    pub meaning: String,
    /// What the caller should do, in Markdown (one line), when the family documents it.
    pub remedy: Option<String>,
    /// Whether the code is in use.
    pub lifecycle: Lifecycle,
    /// Whether a client may retry the request as is.
    pub retryable: bool,
    /// Where the code is defined.
    pub position: Position,
}

/// The docs page's prose: everything on it that is not a code table.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Page {
    /// The page title (e.g. `Errors`).
    pub title: String,
    /// The one-line summary under the title.
    pub summary: String,
    /// The envelope section.
    pub envelope: EnvelopeSection,
    /// The "how to handle them" section, before the tables.
    pub handling: Section,
    /// The versioning section, after the tables.
    pub versioning: Section,
}

/// The envelope section of the docs page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvelopeSection {
    /// The sentence before the example.
    pub lead: String,
    /// The example envelope; its status comes from its code's entry.
    pub example: ExampleEnvelope,
    /// The Markdown after the example.
    pub notes: String,
}

/// The example envelope shown on the docs page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExampleEnvelope {
    /// A code of the catalog.
    pub code: String,
    /// The example `message`.
    pub message: String,
    /// The example `detail`.
    pub detail: String,
    /// The example `timestamp`, RFC 3339.
    pub timestamp: String,
}

/// A section of the docs page: a heading and Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Section {
    /// The `##` heading.
    pub heading: String,
    /// The Markdown body.
    pub body: String,
}
