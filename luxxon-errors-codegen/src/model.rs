//! The checked catalog: what `errors.yaml` says, after every rule has passed.
//!
//! Only `load` builds these values, so a value of any type here has passed every
//! check: emitters read it without re-checking, and users read it through accessors.
//! Values derived from several entries (a code's retryability, its family, the example
//! envelope's status) are computed once, when the catalog is assembled.

use std::collections::HashMap;

use crate::diagnostic::Position;

/// A checked error catalog.
///
/// Built by [`Catalog::load`] or [`Catalog::parse`]; every rule in the README's
/// "The catalog" section holds for a value of this type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    pub(crate) path: String,
    pub(crate) page: Option<Page>,
    pub(crate) npm: NpmPackage,
    pub(crate) families: Vec<Family>,
    pub(crate) codes: Vec<Code>,
    /// Where each code is in `codes`, by name; lookups stay constant-time in a large
    /// catalog (the append-only comparison looks up every code of the other catalog).
    pub(crate) code_positions: HashMap<String, usize>,
    /// Where each family is in `families`, by id.
    pub(crate) family_positions: HashMap<String, usize>,
}

impl Catalog {
    /// The file's path as the user wrote it; it names the file in messages and headers.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The file's name without its folder (e.g. `errors.yaml`): what generated files
    /// name, so that they do not depend on where they were generated.
    pub fn file_name(&self) -> &str {
        self.path
            .rsplit(['/', '\\'])
            .next()
            .filter(|name| !name.is_empty())
            .unwrap_or(&self.path)
    }

    /// The prose of the docs page, when the catalog has one.
    pub fn page(&self) -> Option<&Page> {
        self.page.as_ref()
    }

    /// The npm package generated for TypeScript clients: its name and version.
    pub fn npm(&self) -> &NpmPackage {
        &self.npm
    }

    /// The families, in file order (the order of the docs page). Never empty.
    pub fn families(&self) -> &[Family] {
        &self.families
    }

    /// The codes, in file order. Never empty.
    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    /// The family with the given id.
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.family_positions
            .get(id)
            .map(|&position| &self.families[position])
    }

    /// The code with the given wire name (e.g. `NOT_FOUND`).
    pub fn code(&self, name: &str) -> Option<&Code> {
        self.code_positions
            .get(name)
            .map(|&position| &self.codes[position])
    }

    /// The family `code` belongs to.
    pub fn family_of(&self, code: &Code) -> &Family {
        &self.families[code.family_index]
    }

    /// The codes of `family`, in file order.
    pub fn codes_of<'a>(&'a self, family: &'a Family) -> impl Iterator<Item = &'a Code> + 'a {
        family
            .code_positions
            .iter()
            .map(move |&position| &self.codes[position])
    }
}

/// A family of codes: one table on the docs page, one variant of the `Family` enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    pub(crate) id: String,
    pub(crate) variant: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) retryable: bool,
    pub(crate) retry_after: Option<u32>,
    pub(crate) position: Position,
    /// Where the family's codes are in [`Catalog::codes`], in file order.
    pub(crate) code_positions: Vec<usize>,
}

impl Family {
    /// The id codes refer to, in snake_case (e.g. `not_found`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The Rust variant name (e.g. `NotFound`).
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// The heading of the family's table (e.g. `Not-found`).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Prose shown under the heading, in Markdown.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Whether the family's codes are safe to retry, unless a code says otherwise.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// How long clients should wait before retrying the family's retryable codes, in
    /// seconds, unless a code says otherwise.
    pub fn retry_after(&self) -> Option<u32> {
        self.retry_after
    }

    /// Where the family is defined.
    pub fn position(&self) -> Position {
        self.position
    }
}

/// Whether a code is in use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
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
    /// Every lifecycle, in the order the catalog's documentation lists them.
    pub const ALL: [Lifecycle; 3] = [Lifecycle::Active, Lifecycle::Legacy, Lifecycle::Reserved];

    /// The spelling used in the catalog (`active`, `legacy`, `reserved`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Active => "active",
            Lifecycle::Legacy => "legacy",
            Lifecycle::Reserved => "reserved",
        }
    }

    /// The lifecycle the catalog spells `text`, if any.
    pub(crate) fn from_catalog(text: &str) -> Option<Lifecycle> {
        Lifecycle::ALL
            .into_iter()
            .find(|lifecycle| lifecycle.as_str() == text)
    }

    /// The name of the runtime crate's `Lifecycle` variant.
    pub(crate) const fn rust_variant(self) -> &'static str {
        match self {
            Lifecycle::Active => "Active",
            Lifecycle::Legacy => "Legacy",
            Lifecycle::Reserved => "Reserved",
        }
    }
}

/// One error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub(crate) name: String,
    pub(crate) variant: String,
    pub(crate) status: u16,
    pub(crate) family_id: String,
    /// The family's index in [`Catalog::families`]: it is always there.
    pub(crate) family_index: usize,
    pub(crate) meaning: String,
    pub(crate) remedy: Option<String>,
    pub(crate) lifecycle: Lifecycle,
    pub(crate) retryable: bool,
    pub(crate) retry_after: Option<u32>,
    pub(crate) position: Position,
}

impl Code {
    /// The wire name, SCREAMING_SNAKE_CASE (e.g. `NOT_AUTHORIZED`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The Rust variant name (e.g. `NotAuthorized`).
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// The HTTP status the API answers with.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The id of the code's family (see [`Catalog::family_of`] for the family itself).
    pub fn family_id(&self) -> &str {
        &self.family_id
    }

    /// What the code means, in Markdown (one line: it is a table cell).
    pub fn meaning(&self) -> &str {
        &self.meaning
    }

    /// The meaning as plain text (code spans without backticks, no emphasis marks or
    /// link targets): the `message` of an envelope made from the code alone.
    pub fn message(&self) -> String {
        crate::plain_text::plain_text(&self.meaning)
    }

    /// What the caller should do, in Markdown (one line), when the family documents it.
    pub fn remedy(&self) -> Option<&str> {
        self.remedy.as_deref()
    }

    /// Whether the code is in use.
    pub fn lifecycle(&self) -> Lifecycle {
        self.lifecycle
    }

    /// Whether a client may retry the request as is: the code's own `retryable`, or else
    /// its family's.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// How long clients should wait before retrying, in seconds: the code's own
    /// `retry_after`, or else its family's; `None` for a code that is not retryable.
    pub fn retry_after(&self) -> Option<u32> {
        self.retry_after
    }

    /// Where the code is defined.
    pub fn position(&self) -> Position {
        self.position
    }
}

/// The docs page's prose: everything on it that is not a code table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) envelope: EnvelopeSection,
    pub(crate) handling: Section,
    pub(crate) versioning: Section,
}

impl Page {
    /// The page title (e.g. `Errors`).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The one-line summary under the title.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// The envelope section.
    pub fn envelope(&self) -> &EnvelopeSection {
        &self.envelope
    }

    /// The "how to handle them" section, before the tables.
    pub fn handling(&self) -> &Section {
        &self.handling
    }

    /// The versioning section, after the tables.
    pub fn versioning(&self) -> &Section {
        &self.versioning
    }
}

/// The envelope section of the docs page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvelopeSection {
    pub(crate) lead: String,
    pub(crate) example: ExampleEnvelope,
    pub(crate) notes: String,
}

impl EnvelopeSection {
    /// The sentence before the example.
    pub fn lead(&self) -> &str {
        &self.lead
    }

    /// The example envelope.
    pub fn example(&self) -> &ExampleEnvelope {
        &self.example
    }

    /// The Markdown after the example.
    pub fn notes(&self) -> &str {
        &self.notes
    }
}

/// The example envelope shown on the docs page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleEnvelope {
    pub(crate) code: String,
    pub(crate) status: u16,
    pub(crate) message: String,
    pub(crate) detail: String,
    pub(crate) timestamp: String,
}

impl ExampleEnvelope {
    /// A code of the catalog.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The status of the example's code, from its entry.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The example `message`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The example `detail`.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The example `timestamp`, RFC 3339.
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }
}

/// A section of the docs page: a heading and Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub(crate) heading: String,
    pub(crate) body: String,
}

impl Section {
    /// The `##` heading.
    pub fn heading(&self) -> &str {
        &self.heading
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// The name of an npm package, checked as npm checks a new package's: lowercase,
/// URL-safe, at most 214 characters, with an optional `@scope/`. For
/// `Builder::npm_name`, which names the package in place of the catalog's `npm.name`.
///
/// ```
/// use luxxon_errors_codegen::NpmName;
///
/// assert_eq!(NpmName::new("@acme/errors").map(|name| name.to_string()), Ok("@acme/errors".to_owned()));
/// assert!("@Acme/Errors".parse::<NpmName>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NpmName(String);

impl NpmName {
    /// `name`, when npm would accept it for a new package.
    ///
    /// # Errors
    /// What is wrong with it (e.g. `` `@Acme/Errors` may hold only lowercase letters,
    /// digits, `-`, `.`, `_` and `~` ``).
    pub fn new(name: impl Into<String>) -> Result<NpmName, String> {
        let name = name.into();
        match crate::naming::npm_name_problem(&name) {
            None => Ok(NpmName(name)),
            Some(problem) => Err(format!("`{}` {problem}", crate::naming::shown(&name))),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for NpmName {
    type Err = String;

    fn from_str(name: &str) -> Result<NpmName, String> {
        NpmName::new(name)
    }
}

impl std::fmt::Display for NpmName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The npm package generated from a catalog (`generated/npm/`): the catalog's `npm`
/// section, or the defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NpmPackage {
    pub(crate) name: String,
    pub(crate) version: String,
}

impl NpmPackage {
    /// The name when the catalog gives none.
    pub const DEFAULT_NAME: &'static str = "@luxxon/errors";
    /// The version when the catalog gives none.
    pub const DEFAULT_VERSION: &'static str = "0.1.0";

    /// The package's name, e.g. `@luxxon/errors`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The same package under another name.
    #[cfg(feature = "artifacts")]
    pub(crate) fn renamed(&self, name: &NpmName) -> NpmPackage {
        NpmPackage {
            name: name.as_str().to_owned(),
            version: self.version.clone(),
        }
    }

    /// The package's version, a semantic version.
    pub fn version(&self) -> &str {
        &self.version
    }
}
