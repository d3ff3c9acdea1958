//! The keys each object of the catalog may have: one enum per object, each key spelled
//! once and described once. The reader asks for keys by variant, and the same table says
//! which keys exist when a file has one that doesn't; the catalog's JSON Schema takes its
//! properties and their descriptions (an editor's hover text) from here too.

use crate::model::Lifecycle;

/// The keys of one kind of object in the catalog.
pub(crate) trait Keys: Copy + 'static {
    /// Every key, in the order the README documents them.
    const ALL: &'static [Self];

    /// The key as written in the catalog.
    fn name(self) -> &'static str;

    /// The lines of the key's doc comment, as rustdoc gives them (each with its leading
    /// space).
    #[cfg(feature = "artifacts")]
    fn doc_lines(self) -> &'static [&'static str];

    /// Advice for a key of another object written here, when there is better advice
    /// than "did you mean": e.g. `legacy: true` on a code, or `rust_name` on a family.
    fn misplaced_key_help(key: &str, what: &str) -> Option<String>;

    /// The names of every key, for "expected one of" advice.
    fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|key| key.name())
    }

    /// What the key holds, for people writing a catalog: its doc comment as one paragraph.
    #[cfg(feature = "artifacts")]
    fn description(self) -> String {
        self.doc_lines()
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Declares an enum of keys and its [`Keys`] table. Each key's doc comment is its
/// description: the rustdoc of the variant and the catalog schema's hover text alike.
macro_rules! keys {
    (
        $(#[$doc:meta])* $name:ident, $help:expr, {
            $($(#[doc = $line:literal])* $variant:ident = $key:literal,)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $name {
            $($(#[doc = $line])* $variant,)*
        }

        // A key without a description would show an editor nothing: refuse to compile.
        const _: () = {
            $(assert!(
                !<[&str]>::is_empty(&[$($line),*]),
                concat!("the catalog key `", $key, "` has no description: write it as the variant's doc comment")
            );)*
        };

        impl Keys for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)*];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }

            #[cfg(feature = "artifacts")]
            fn doc_lines(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$($line),*],)*
                }
            }

            fn misplaced_key_help(key: &str, what: &str) -> Option<String> {
                $help(key, what)
            }
        }
    };
}

keys!(
    /// The top level of the catalog.
    RootKey, lifecycle_not_on_a_code, {
        /// Optional: the docs page's prose in named slots (`title`, `summary`, `envelope`,
        /// `handling`, `versioning`). Without it, the page is the title "Errors" and the
        /// families' tables.
        Page = "page",
        /// The families, in page order: each is a heading of the docs page over a table
        /// of its codes, and every code names one.
        Families = "families",
        /// The codes, in page order. Codes are append-only: once shipped, a code keeps
        /// its name, status and meaning; retire one with `lifecycle: legacy`.
        Codes = "codes",
        /// Optional: the npm package generated for TypeScript clients (`name`, `version`).
        Npm = "npm",
    }
);

keys!(
    /// `npm`: the npm package generated for TypeScript clients.
    NpmKey, lifecycle_not_on_a_code, {
        /// The package's name, as npm publishes it (lowercase, URL-safe, an optional
        /// `@scope/`); default `@luxxon/errors`. The CLI's `--npm-name` overrides it.
        Name = "name",
        /// The package's semantic version; default `0.1.0`.
        Version = "version",
    }
);

keys!(
    /// `page`: the docs page's prose.
    PageKey, lifecycle_not_on_a_code, {
        /// The docs page's title, on one line.
        Title = "title",
        /// The Markdown under the page's title.
        Summary = "summary",
        /// The section on the error envelope: `lead`, `example`, `notes`.
        Envelope = "envelope",
        /// The section on handling errors: `heading`, `body`.
        Handling = "handling",
        /// The section on versioning and new codes: `heading`, `body`.
        Versioning = "versioning",
    }
);

keys!(
    /// `page.envelope`.
    EnvelopeKey, lifecycle_not_on_a_code, {
        /// The Markdown before the example envelope.
        Lead = "lead",
        /// The envelope shown on the page; its `statusCode` is the status of its code.
        Example = "example",
        /// The Markdown after the example envelope.
        Notes = "notes",
    }
);

keys!(
    /// `page.envelope.example`.
    ExampleKey, lifecycle_not_on_a_code, {
        /// The example's `code`: one of this catalog's codes.
        Code = "code",
        /// The example's `message`, the human-readable text.
        Message = "message",
        /// The example's `detail`, the operation-specific context.
        Detail = "detail",
        /// The example's `timestamp`: an RFC 3339 date-time, as the API sends it (quote
        /// it, so that no YAML reader takes it for a date).
        Timestamp = "timestamp",
    }
);

keys!(
    /// `page.handling` and `page.versioning`.
    SectionKey, lifecycle_not_on_a_code, {
        /// The section's heading, on one line.
        Heading = "heading",
        /// The section's Markdown.
        Body = "body",
    }
);

keys!(
    /// An entry of `families`.
    FamilyKey, code_keys_on_a_family, {
        /// The family's id: snake_case ASCII. Codes name it in `family`, and it becomes
        /// the `Family` variant (its UpperCamelCase).
        Id = "id",
        /// The family's heading on the docs page, on one line.
        Title = "title",
        /// Optional Markdown prose under the family's heading.
        Description = "description",
        /// Whether the family's codes are safe to retry with backoff (default `false`); a
        /// code's own `retryable` overrides it.
        Retryable = "retryable",
        /// Optional: the seconds clients should wait before retrying the family's
        /// retryable codes, sent as `Retry-After` and said on the docs page. Only on a
        /// retryable family.
        RetryAfter = "retry_after",
    }
);

keys!(
    /// An entry of `codes`.
    CodeKey, lifecycle_written_as_key, {
        /// The code as the API sends it: SCREAMING_SNAKE_CASE ASCII. It becomes the
        /// `ErrorCode` variant, by UpperCamelCase.
        Code = "code",
        /// The HTTP status the API answers with, 4xx or 5xx, written in decimal digits
        /// (YAML also reads `0x193`, `0o623` or `0403` as numbers; the catalog refuses
        /// them, since people and other YAML tools read it too).
        Status = "status",
        /// The id of the family the code belongs to.
        Family = "family",
        /// What the code means: one line of Markdown, a cell of the family's table.
        Meaning = "meaning",
        /// Optional: what to do about it, on one line. All codes of a family have one or
        /// none, since it is a column of the family's table.
        Remedy = "remedy",
        /// Optional: `active` (the default), `legacy` (no longer emitted, kept for old
        /// clients) or `reserved` (not emitted yet).
        Lifecycle = "lifecycle",
        /// Optional: whether the code is safe to retry with backoff, overriding its
        /// family's `retryable`.
        Retryable = "retryable",
        /// Optional: the seconds clients should wait before retrying, overriding the
        /// family's `retry_after`. Only on a retryable code.
        RetryAfter = "retry_after",
        /// Optional: the `ErrorCode` variant's name, an UpperCamelCase identifier, when
        /// the UpperCamelCase of the code cannot be used (e.g. for `SELF`).
        RustName = "rust_name",
    }
);

/// A family's `retryable` when it is left out.
pub(crate) const FAMILY_RETRYABLE_DEFAULT: bool = false;

/// A code's `lifecycle` when it is left out.
pub(crate) const LIFECYCLE_DEFAULT: Lifecycle = Lifecycle::Active;

/// The word people use for "no longer emitted"; the catalog calls it `legacy`.
const DEPRECATED: &str = "deprecated";

/// The lifecycle a key names, when someone wrote a lifecycle as a key (`legacy: true`).
fn lifecycle_named_by(key: &str) -> Option<Lifecycle> {
    match key {
        DEPRECATED => Some(Lifecycle::Legacy),
        other => Lifecycle::from_catalog(other),
    }
}

/// On a code, a lifecycle written as a key of its own.
fn lifecycle_written_as_key(key: &str, _what: &str) -> Option<String> {
    let lifecycle = lifecycle_named_by(key)?;
    Some(format!(
        "a code's lifecycle is one key: write `{}: {}`",
        CodeKey::Lifecycle.name(),
        lifecycle.as_str()
    ))
}

/// On any object but a code, a lifecycle (as the key, or a lifecycle as a key).
fn lifecycle_not_on_a_code(key: &str, what: &str) -> Option<String> {
    let names_lifecycle = key == CodeKey::Lifecycle.name()
        || matches!(
            lifecycle_named_by(key),
            Some(Lifecycle::Legacy | Lifecycle::Reserved)
        );
    names_lifecycle.then(|| {
        format!(
            "only a code has a lifecycle, not {what}: write `lifecycle: legacy` or `lifecycle: reserved` in each code's entry"
        )
    })
}

/// On a family, what only a code has.
fn code_keys_on_a_family(key: &str, what: &str) -> Option<String> {
    if key == CodeKey::RustName.name() {
        return Some(format!(
            "only a code has a `{key}`; a family's Rust name comes from its id"
        ));
    }
    lifecycle_not_on_a_code(key, what)
}
