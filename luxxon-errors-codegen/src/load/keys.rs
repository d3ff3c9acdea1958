//! The keys each object of the catalog may have: one enum per object, each key spelled
//! once. The reader asks for keys by variant, and the same table says which keys exist
//! when a file has one that doesn't.

use crate::model::Lifecycle;

/// The keys of one kind of object in the catalog.
pub(crate) trait Keys: Copy + 'static {
    /// Every key, in the order the README documents them.
    const ALL: &'static [Self];

    /// The key as written in the catalog.
    fn name(self) -> &'static str;

    /// Advice for a key of another object written here, when there is better advice
    /// than "did you mean": e.g. `legacy: true` on a code, or `rust_name` on a family.
    fn misplaced_key_help(key: &str, what: &str) -> Option<String>;

    /// The names of every key, for "expected one of" advice.
    fn names() -> impl Iterator<Item = &'static str> {
        Self::ALL.iter().map(|key| key.name())
    }
}

/// Declares an enum of keys and its [`Keys`] table.
macro_rules! keys {
    ($(#[$doc:meta])* $name:ident, $help:expr, { $($variant:ident = $key:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $name {
            $($variant,)*
        }

        impl Keys for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)*];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
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
        Page = "page",
        Families = "families",
        Codes = "codes",
        Npm = "npm",
    }
);

keys!(
    /// `npm`: the npm package generated for TypeScript clients.
    NpmKey, lifecycle_not_on_a_code, {
        Name = "name",
        Version = "version",
    }
);

keys!(
    /// `page`: the docs page's prose.
    PageKey, lifecycle_not_on_a_code, {
        Title = "title",
        Summary = "summary",
        Envelope = "envelope",
        Handling = "handling",
        Versioning = "versioning",
    }
);

keys!(
    /// `page.envelope`.
    EnvelopeKey, lifecycle_not_on_a_code, {
        Lead = "lead",
        Example = "example",
        Notes = "notes",
    }
);

keys!(
    /// `page.envelope.example`.
    ExampleKey, lifecycle_not_on_a_code, {
        Code = "code",
        Message = "message",
        Detail = "detail",
        Timestamp = "timestamp",
    }
);

keys!(
    /// `page.handling` and `page.versioning`.
    SectionKey, lifecycle_not_on_a_code, {
        Heading = "heading",
        Body = "body",
    }
);

keys!(
    /// An entry of `families`.
    FamilyKey, code_keys_on_a_family, {
        Id = "id",
        Title = "title",
        Description = "description",
        Retryable = "retryable",
        RetryAfter = "retry_after",
    }
);

keys!(
    /// An entry of `codes`.
    CodeKey, lifecycle_written_as_key, {
        Code = "code",
        Status = "status",
        Family = "family",
        Meaning = "meaning",
        Remedy = "remedy",
        Lifecycle = "lifecycle",
        Retryable = "retryable",
        RetryAfter = "retry_after",
        RustName = "rust_name",
    }
);

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
