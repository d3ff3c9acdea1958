//! The catalog's schema: reading the YAML node tree entry by entry, reporting every
//! problem in an entry with its position.
//!
//! This step knows the shape of each object; the rules that span entries are in
//! `checks`, and building the model is `assemble`'s.

use std::collections::HashMap;

use super::entries::{
    CodeEntry, CodeFields, Entries, ExampleEntry, FamilyEntry, FamilyFields, Located, NpmEntry,
    PageEntry,
};
use super::keys::{
    CodeKey, EnvelopeKey, ExampleKey, FAMILY_RETRYABLE_DEFAULT, FamilyKey, Keys, LIFECYCLE_DEFAULT,
    NpmKey, PageKey, RootKey, SectionKey,
};
use super::yaml::{Node, Value};
use super::{prose, rfc3339};
use crate::diagnostic::{Collector, Position};
use crate::model::{Lifecycle, Section};
use crate::naming::{self, ERROR_STATUSES, MAX_RETRY_AFTER_SECONDS};

/// Reads the root node, recording every problem in `errors`.
/// Reads the root node of `text`, recording every problem in `errors`.
pub(crate) fn read(root: &Node, text: &str, errors: &mut Collector) -> Entries {
    let mut entries = Entries {
        page: None,
        families: None,
        codes: None,
        npm: NpmEntry::default(),
    };
    let Some(mut fields) = Fields::<RootKey>::of(root, "the catalog", errors) else {
        return entries;
    };
    if let Optional::Present(node) = fields.optional(RootKey::Npm, errors) {
        entries.npm = read_npm(node, errors);
    }
    if let Optional::Present(node) = fields.optional(RootKey::Page, errors) {
        entries.page = read_page(node, errors).map(|page| Located {
            value: page,
            position: node.position,
        });
    }
    if let Some(node) = fields.required(RootKey::Families, errors)
        && let Some(items) = list(node, "`families`", errors)
    {
        if items.is_empty() {
            errors
                .error(node.position, "`families` is empty")
                .help("define at least one family for the codes to belong to");
        }
        entries.families = Some(items.iter().map(|item| read_family(item, errors)).collect());
    }
    if let Some(node) = fields.required(RootKey::Codes, errors)
        && let Some(items) = list(node, "`codes`", errors)
    {
        if items.is_empty() {
            errors
                .error(node.position, "`codes` is empty")
                .help("a catalog needs at least one code");
        }
        entries.codes = Some(
            items
                .iter()
                .map(|item| read_code(item, text, errors))
                .collect(),
        );
    }
    entries
}

/// `npm`: the package's name and version, each checked as npm checks them.
fn read_npm(node: &Node, errors: &mut Collector) -> NpmEntry {
    let mut entry = NpmEntry::default();
    let Some(mut fields) = Fields::<NpmKey>::of(node, "`npm`", errors) else {
        return entry;
    };
    if let Optional::Present(node) = fields.optional(NpmKey::Name, errors) {
        entry.name = string(node, "`npm.name`", errors).filter(|name| {
            let Some(problem) = naming::npm_name_problem(name) else {
                return true;
            };
            errors
                .error(
                    node.position,
                    format!("`npm.name` `{}` {problem}", naming::shown(name)),
                )
                .help("write a lowercase npm package name, e.g. `@luxxon/errors`");
            false
        });
    }
    if let Optional::Present(node) = fields.optional(NpmKey::Version, errors) {
        entry.version = string(node, "`npm.version`", errors).filter(|version| {
            if naming::is_semver(version) {
                return true;
            }
            errors
                .error(
                    node.position,
                    format!(
                        "`npm.version` `{}` is not a semantic version",
                        naming::shown(version)
                    ),
                )
                .help("write MAJOR.MINOR.PATCH in quotes, e.g. `\"1.2.0\"`");
            false
        });
    }
    entry
}

fn read_page(node: &Node, errors: &mut Collector) -> Option<PageEntry> {
    let mut fields = Fields::<PageKey>::of(node, "`page`", errors)?;
    let title = fields.heading(PageKey::Title, errors);
    let summary = fields.prose(PageKey::Summary, errors);
    let envelope = fields
        .required(PageKey::Envelope, errors)
        .and_then(|node| read_envelope(node, errors));
    let handling = fields
        .required(PageKey::Handling, errors)
        .and_then(|node| read_section(node, "`page.handling`", errors));
    let versioning = fields
        .required(PageKey::Versioning, errors)
        .and_then(|node| read_section(node, "`page.versioning`", errors));
    let (lead, example, notes) = envelope?;
    Some(PageEntry {
        title: title?,
        summary: summary?,
        lead,
        example,
        notes,
        handling: handling?,
        versioning: versioning?,
    })
}

/// The envelope section: its lead, example and notes.
fn read_envelope(node: &Node, errors: &mut Collector) -> Option<(String, ExampleEntry, String)> {
    let mut fields = Fields::<EnvelopeKey>::of(node, "`page.envelope`", errors)?;
    let lead = fields.prose(EnvelopeKey::Lead, errors);
    let example = fields
        .required(EnvelopeKey::Example, errors)
        .and_then(|node| {
            let mut fields = Fields::<ExampleKey>::of(node, "`page.envelope.example`", errors)?;
            // A missing member is reported; the entry is complete only when nothing was.
            let code = fields.text(ExampleKey::Code, errors).unwrap_or_default();
            let message = fields.text(ExampleKey::Message, errors).unwrap_or_default();
            let detail = fields.text(ExampleKey::Detail, errors).unwrap_or_default();
            let timestamp = fields
                .required(ExampleKey::Timestamp, errors)
                .and_then(|node| example_timestamp(node, errors))
                .unwrap_or_default();
            Some(ExampleEntry {
                code,
                message,
                detail,
                timestamp,
            })
        });
    let notes = fields.prose(EnvelopeKey::Notes, errors);
    Some((lead?, example?, notes?))
}

/// The example's `timestamp`, which must be one the runtime decoder accepts.
fn example_timestamp(node: &Node, errors: &mut Collector) -> Option<String> {
    let key = ExampleKey::Timestamp.name();
    let text = non_empty_text(node, key, Need::Required, errors)?;
    let Some(problem) = rfc3339::problem(&text) else {
        return Some(text);
    };
    errors
        .error(
            node.position,
            format!(
                "`{key}` `{}` is not an RFC 3339 date-time: {problem}",
                naming::shown(&text)
            ),
        )
        .help("write it as the API sends it, e.g. `2026-05-13T08:30:00Z`");
    None
}

fn read_section(node: &Node, what: &'static str, errors: &mut Collector) -> Option<Section> {
    let mut fields = Fields::<SectionKey>::of(node, what, errors)?;
    let heading = fields.heading(SectionKey::Heading, errors);
    let body = fields.prose(SectionKey::Body, errors);
    Some(Section {
        heading: heading?,
        body: body?,
    })
}

fn read_family(node: &Node, errors: &mut Collector) -> FamilyEntry {
    let mut entry = FamilyEntry {
        id: None,
        variant: None,
        fields: None,
    };
    let Some(mut fields) = Fields::<FamilyKey>::of(node, "a family", errors) else {
        return entry;
    };
    let id = fields.required(FamilyKey::Id, errors).and_then(|node| {
        let id = string(node, "`id`", errors)?;
        if let Some(problem) = naming::family_id_problem(&id) {
            let help = match naming::suggest_family_id(&id) {
                Some(suggestion) => format!("write it as `{suggestion}`"),
                None if id.len() > naming::MAX_FAMILY_ID_LEN => format!(
                    "shorten it to at most {} characters",
                    naming::MAX_FAMILY_ID_LEN
                ),
                None => "family ids are snake_case, e.g. `not_found`".to_owned(),
            };
            errors.error(node.position, problem).help(help);
            return None;
        }
        Some(Located {
            value: id,
            position: node.position,
        })
    });
    let title = fields.heading(FamilyKey::Title, errors);
    let description = fields
        .optional_prose(FamilyKey::Description, errors)
        .map(Some)
        .valid_or(None);
    let retryable = fields
        .flag(FamilyKey::Retryable, errors)
        .valid_or(FAMILY_RETRYABLE_DEFAULT);
    let retry_after = fields
        .optional(FamilyKey::RetryAfter, errors)
        .and_then(|node| retry_after(node, errors))
        .map(Some)
        .valid_or(None);
    if let (Some(false), Some(Some(delay))) = (retryable, &retry_after) {
        errors
            .error(
                delay.position,
                "`retry_after` on a family whose codes are not retryable",
            )
            .help("add `retryable: true` to the family, or remove `retry_after`");
    }
    let Some(id) = id else {
        return entry;
    };
    let variant = naming::variant_name(&id.value);
    entry.id = Some(id.clone());
    if let Some(problem) = naming::variant_problem(&variant, false) {
        errors
            .error(
                id.position,
                format!(
                    "family `{}` would be the Rust variant `{variant}`: {problem}",
                    id.value
                ),
            )
            .help("choose another family id");
        return entry;
    }
    entry.variant = Some(variant);
    if let (Some(title), Some(description), Some(retryable), Some(retry_after)) =
        (title, description, retryable, retry_after)
    {
        entry.fields = Some(FamilyFields {
            title,
            description,
            retryable,
            retry_after: retry_after.map(|delay| delay.value),
        });
    }
    entry
}

fn read_code(node: &Node, text: &str, errors: &mut Collector) -> CodeEntry {
    let Some(mut fields) = Fields::<CodeKey>::of(node, "a code", errors) else {
        return CodeEntry::default();
    };
    let name = fields.required(CodeKey::Code, errors).and_then(|node| {
        let code = string(node, "`code`", errors)?;
        if let Some(problem) = naming::code_problem(&code) {
            let help = match naming::suggest_code(&code) {
                Some(suggestion) => format!("write it as `{suggestion}`"),
                None if code.len() > naming::MAX_CODE_LEN => {
                    format!("shorten it to at most {} characters", naming::MAX_CODE_LEN)
                }
                None => "codes are the API's wire names, e.g. `NOT_FOUND`".to_owned(),
            };
            errors.error(node.position, problem).help(help);
            return None;
        }
        Some(Located {
            value: code,
            position: node.position,
        })
    });
    let status = fields
        .required(CodeKey::Status, errors)
        .and_then(|node| status(node, text, errors));
    let family = fields.required(CodeKey::Family, errors).and_then(|node| {
        Some(Located {
            value: string(node, "`family`", errors)?,
            position: node.position,
        })
    });
    let meaning = fields.line(CodeKey::Meaning, errors);
    let remedy = fields.optional_line(CodeKey::Remedy, errors);
    let lifecycle = fields
        .optional(CodeKey::Lifecycle, errors)
        .and_then(|node| lifecycle(node, errors))
        .valid_or(LIFECYCLE_DEFAULT);
    let retryable = fields
        .flag(CodeKey::Retryable, errors)
        .map(Some)
        .valid_or(None);
    let retry_after = fields
        .optional(CodeKey::RetryAfter, errors)
        .and_then(|node| retry_after(node, errors))
        .map(Some)
        .valid_or(None);
    let rust_name = fields.optional(CodeKey::RustName, errors).and_then(|node| {
        Some(Located {
            value: string(node, "`rust_name`", errors)?,
            position: node.position,
        })
    });

    let mut entry = CodeEntry {
        family: family.clone(),
        has_remedy: !matches!(remedy, Optional::Absent),
        ..CodeEntry::default()
    };
    let Some(name) = name else {
        return entry;
    };
    entry.name = Some(name.clone());
    let (variant, chosen) = match rust_name {
        Optional::Invalid => return entry,
        Optional::Present(chosen) => (chosen, true),
        Optional::Absent => (
            Located {
                value: naming::variant_name(&name.value),
                position: name.position,
            },
            false,
        ),
    };
    if let Some(problem) = naming::variant_problem(&variant.value, true) {
        let help = if chosen {
            "choose another `rust_name`: an UpperCamelCase name such as `NotFound`"
        } else {
            "add `rust_name: <UpperCamelCase name>` to the code's entry to choose another variant name"
        };
        errors
            .error(
                variant.position,
                format!(
                    "code `{}` would be the Rust variant `{}`: {problem}",
                    name.value,
                    naming::shown(&variant.value)
                ),
            )
            .help(help);
        return entry;
    }
    entry.variant = Some(variant.value);
    if let (
        Some(status),
        Some(_),
        Some(meaning),
        Some(remedy),
        Some(lifecycle),
        Some(retryable),
        Some(retry_after),
    ) = (
        status,
        family,
        meaning,
        remedy.map(Some).valid_or(None),
        lifecycle,
        retryable,
        retry_after,
    ) {
        entry.fields = Some(CodeFields {
            status,
            meaning,
            remedy,
            lifecycle,
            retryable,
            retry_after,
        });
    }
    entry
}

/// A status: an integer written in decimal digits, without a leading zero.
fn status(node: &Node, text: &str, errors: &mut Collector) -> Option<u16> {
    let Value::Integer(value) = node.value else {
        let help = match &node.value {
            Value::String(written) if written.trim().parse::<u16>().is_ok() => {
                "write the number without quotes, e.g. `status: 404`".to_owned()
            }
            Value::Float(number) if number.fract() == 0.0 && (400.0..600.0).contains(number) => {
                format!("write it as a whole number: `status: {number}`")
            }
            _ => "write a whole number from 400 to 599, e.g. `status: 404`".to_owned(),
        };
        let found = match &node.value {
            Value::Float(_) => match node.written(text) {
                Some(written) => format!("the number `{}`", naming::shown(written)),
                None => node.value.kind().to_owned(),
            },
            Value::String(written) => format!("the text `{}`", naming::shown(written)),
            other => other.kind().to_owned(),
        };
        errors
            .error(
                node.position,
                format!("`status` must be an HTTP status code (an integer), found {found}"),
            )
            .help(help);
        return None;
    };
    let highest = i128::from(*ERROR_STATUSES.end());
    if !(100..=highest).contains(&value) {
        errors
            .error(
                node.position,
                format!("status {value} is not an HTTP status code (100..={highest})"),
            )
            .help("use the status the API answers with, e.g. 400, 404 or 503");
        return None;
    }
    if value < i128::from(*ERROR_STATUSES.start()) {
        errors
            .error(
                node.position,
                format!("status {value} is not an error status"),
            )
            .help("an error code answers with a 4xx or 5xx status");
        return None;
    }
    // YAML also reads `0x193`, `0o623` and `0403` as numbers; a catalog is read by
    // people (and by YAML 1.1 tools, for which `0403` is octal), so it says 403.
    if let Some(written) = node.written(text)
        && (!written.bytes().all(|byte| byte.is_ascii_digit()) || written.starts_with('0'))
    {
        errors
            .error(
                node.position,
                format!(
                    "status `{}` is not written in decimal digits without a leading zero",
                    naming::shown(written)
                ),
            )
            .help(format!("write it as `status: {value}`"));
        return None;
    }
    u16::try_from(value).ok()
}

/// A delay in whole seconds, from 1 to [`MAX_RETRY_AFTER_SECONDS`].
fn retry_after(node: &Node, errors: &mut Collector) -> Option<Located<u32>> {
    let seconds = match node.value {
        Value::Integer(seconds) => u32::try_from(seconds)
            .ok()
            .filter(|seconds| (1..=MAX_RETRY_AFTER_SECONDS).contains(seconds)),
        _ => None,
    };
    if seconds.is_none() {
        let found = match node.value {
            Value::Integer(seconds) => format!("{seconds}"),
            _ => node.value.kind().to_owned(),
        };
        errors
            .error(
                node.position,
                format!(
                    "`retry_after` must be a whole number of seconds from 1 to {MAX_RETRY_AFTER_SECONDS}, found {found}"
                ),
            )
            .help("write the delay clients should wait before retrying, e.g. `retry_after: 30`");
    }
    Some(Located {
        value: seconds?,
        position: node.position,
    })
}

fn lifecycle(node: &Node, errors: &mut Collector) -> Option<Lifecycle> {
    let found = match &node.value {
        Value::String(text) => match Lifecycle::from_catalog(text) {
            Some(lifecycle) => return Some(lifecycle),
            None => format!("`{}`", naming::shown(text)),
        },
        other => other.kind().to_owned(),
    };
    let spellings: Vec<String> = Lifecycle::ALL
        .iter()
        .map(|lifecycle| format!("`{}`", lifecycle.as_str()))
        .collect();
    let suggestion = match &node.value {
        Value::String(text) => errors.did_you_mean(
            text,
            Lifecycle::ALL.iter().map(|lifecycle| lifecycle.as_str()),
        ),
        _ => None,
    };
    errors
        .error(
            node.position,
            format!(
                "`lifecycle` must be one of {}, found {found}",
                spellings.join(", ")
            ),
        )
        .help(match &node.value {
            Value::String(_) => suggestion.map_or_else(
                || {
                    "legacy codes are kept for old clients; reserved ones are not emitted yet"
                        .to_owned()
                },
                |m| format!("did you mean `{m}`?"),
            ),
            _ => {
                "write `lifecycle: legacy` or `lifecycle: reserved`; leave it out for a code in use"
                    .to_owned()
            }
        });
    None
}

fn list<'n>(node: &'n Node, what: &str, errors: &mut Collector) -> Option<&'n [Node]> {
    match &node.value {
        Value::Sequence(items) => Some(items),
        other => {
            errors
                .error(
                    node.position,
                    format!("{what} must be a list, found {}", other.kind()),
                )
                .help("write one `- ` entry per item");
            None
        }
    }
}

fn string(node: &Node, what: &str, errors: &mut Collector) -> Option<String> {
    match &node.value {
        Value::String(text) => Some(text.clone()),
        other => {
            let help = match other {
                Value::Bool(_) | Value::Integer(_) | Value::Float(_) | Value::Null => {
                    "YAML read this as a non-string value; put the text in quotes"
                }
                _ => "write the text on one line after the key",
            };
            errors
                .error(
                    node.position,
                    format!("{what} must be a string, found {}", other.kind()),
                )
                .help(help);
            None
        }
    }
}

/// An optional key as read: left out, present with a valid value, or present with a
/// value that was reported as invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Optional<T> {
    Absent,
    Present(T),
    Invalid,
}

impl<T> Optional<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Optional<U> {
        self.and_then(|value| Some(f(value)))
    }

    /// Reads a present value further; `None` from `read` means it was reported invalid.
    fn and_then<U>(self, read: impl FnOnce(T) -> Option<U>) -> Optional<U> {
        match self {
            Optional::Absent => Optional::Absent,
            Optional::Present(value) => read(value).map_or(Optional::Invalid, Optional::Present),
            Optional::Invalid => Optional::Invalid,
        }
    }

    /// The value, or `absent` when the key is left out; `None` when it was invalid.
    fn valid_or(self, absent: T) -> Option<T> {
        match self {
            Optional::Absent => Some(absent),
            Optional::Present(value) => Some(value),
            Optional::Invalid => None,
        }
    }
}

/// The mapping entries of one YAML object, checked against the keys its schema allows.
struct Fields<'n, K> {
    what: &'static str,
    position: Position,
    by_key: HashMap<&'static str, &'n Node>,
    keys: std::marker::PhantomData<K>,
}

impl<'n, K: Keys> Fields<'n, K> {
    /// Reads `node` as a mapping, reporting non-string, unknown and duplicate keys.
    fn of(node: &'n Node, what: &'static str, errors: &mut Collector) -> Option<Self> {
        let expected = || {
            format!(
                "expected keys: {}",
                K::names().collect::<Vec<_>>().join(", ")
            )
        };
        let Value::Mapping(entries) = &node.value else {
            errors
                .error(
                    node.position,
                    format!(
                        "{what} must be a mapping of keys to values, found {}",
                        node.value.kind()
                    ),
                )
                .help(expected());
            return None;
        };
        let mut by_key: HashMap<&'static str, &Node> = HashMap::new();
        let mut key_positions: HashMap<&'static str, Position> = HashMap::new();
        for (key, value) in entries {
            let Value::String(name) = &key.value else {
                errors
                    .error(
                        key.position,
                        format!("keys of {what} must be strings, found {}", key.value.kind()),
                    )
                    .help(expected());
                continue;
            };
            let Some(known) = K::names().find(|known| known == name) else {
                let help = unknown_key_help::<K>(name, what, errors);
                errors
                    .error(
                        key.position,
                        format!("unknown key `{}` in {what}", naming::shown(name)),
                    )
                    .help(help);
                continue;
            };
            if let Some(first) = key_positions.get(known) {
                errors
                    .error(
                        key.position,
                        format!("duplicate key `{name}` in {what} (first set at {first})"),
                    )
                    .help("keep one of the two");
                continue;
            }
            key_positions.insert(known, key.position);
            by_key.insert(known, value);
        }
        Some(Fields {
            what,
            position: node.position,
            by_key,
            keys: std::marker::PhantomData,
        })
    }

    /// An optional key's value. A key that is there with no value is reported and
    /// `Invalid`: a key left empty is a mistake, never a default.
    fn optional(&mut self, key: K, errors: &mut Collector) -> Optional<&'n Node> {
        let key = key.name();
        match self.by_key.remove(key) {
            None => Optional::Absent,
            Some(node) if node.value == Value::Null => {
                errors
                    .error(node.position, format!("`{key}` has no value"))
                    .help(format!(
                        "write a value after `{key}:`, or remove the key to leave it out"
                    ));
                Optional::Invalid
            }
            Some(node) => Optional::Present(node),
        }
    }

    fn required(&mut self, key: K, errors: &mut Collector) -> Option<&'n Node> {
        let key = key.name();
        match self.by_key.remove(key) {
            None => {
                errors
                    .error(
                        self.position,
                        format!("{} is missing the required key `{key}`", self.what),
                    )
                    .help(format!("add `{key}: ...` to {}", self.what));
                None
            }
            Some(node) if node.value == Value::Null => {
                errors
                    .error(node.position, format!("`{key}` has no value"))
                    .help(format!(
                        "write a value after `{key}:`: {} needs one",
                        self.what
                    ));
                None
            }
            Some(node) => Some(node),
        }
    }

    /// A required, non-empty text; trailing white space (a block scalar's last line
    /// break) is dropped.
    fn text(&mut self, key: K, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        non_empty_text(node, key.name(), Need::Required, errors)
    }

    /// A required, non-empty text on one line.
    fn line(&mut self, key: K, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        one_line(node, key.name(), OneLine::TableCell, Need::Required, errors)
    }

    /// A required, non-empty heading of the docs page, on one line.
    fn heading(&mut self, key: K, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        one_line(node, key.name(), OneLine::Heading, Need::Required, errors)
    }

    /// An optional, non-empty text.
    /// A required, non-empty Markdown text that leaves no block open.
    fn prose(&mut self, key: K, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        let text = non_empty_text(node, key.name(), Need::Required, errors)?;
        closed_prose(node, key.name(), text, errors)
    }

    /// An optional, non-empty Markdown text that leaves no block open.
    fn optional_prose(&mut self, key: K, errors: &mut Collector) -> Optional<String> {
        self.optional(key, errors).and_then(|node| {
            let text = non_empty_text(node, key.name(), Need::Optional, errors)?;
            closed_prose(node, key.name(), text, errors)
        })
    }

    /// An optional, non-empty text on one line.
    fn optional_line(&mut self, key: K, errors: &mut Collector) -> Optional<String> {
        self.optional(key, errors)
            .and_then(|node| one_line(node, key.name(), OneLine::TableCell, Need::Optional, errors))
    }

    /// An optional boolean.
    fn flag(&mut self, key: K, errors: &mut Collector) -> Optional<bool> {
        self.optional(key, errors).and_then(|node| {
            if let Value::Bool(flag) = node.value {
                return Some(flag);
            }
            let key = key.name();
            errors
                .error(
                    node.position,
                    format!(
                        "`{key}` must be `true` or `false`, found {}",
                        node.value.kind()
                    ),
                )
                .help(format!("write `{key}: true` or `{key}: false`"));
            None
        })
    }
}

/// How to fix an unknown key: the likely intended key, or the keys there are.
fn unknown_key_help<K: Keys>(name: &str, what: &str, errors: &mut Collector) -> String {
    K::misplaced_key_help(name, what).unwrap_or_else(|| {
        match errors.did_you_mean(name, K::names()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!(
                "expected one of: {}",
                K::names().collect::<Vec<_>>().join(", ")
            ),
        }
    })
}

/// `text` when it leaves no Markdown block open; otherwise reported.
fn closed_prose(node: &Node, key: &str, text: String, errors: &mut Collector) -> Option<String> {
    // Markdown ends a line at a lone carriage return too; one line ending for every
    // reader of the text (the page, rustdoc, these checks).
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let Some(open) = prose::unclosed_block(&text) else {
        return Some(text);
    };
    errors
        .error(
            node.position,
            format!(
                "`{key}` opens {} on its line {} and never closes it",
                open.what, open.line
            ),
        )
        .help(format!(
            "end it with {}: the page goes on after `{key}`, and would be swallowed",
            open.end
        ));
    None
}

/// Whether a key may be left out; said in the advice for an empty value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
}

fn non_empty_text(node: &Node, key: &str, need: Need, errors: &mut Collector) -> Option<String> {
    let text = string(node, &format!("`{key}`"), errors)?;
    let text = text.trim_end();
    if text.trim().is_empty() {
        let help = match need {
            Need::Required => format!("write the text after `{key}:`; it is required"),
            Need::Optional => format!("write the text after `{key}:`, or remove the key"),
        };
        errors
            .error(node.position, format!("`{key}` is empty"))
            .help(help);
        return None;
    }
    Some(text.to_owned())
}

/// Where a one-line text goes, which is why it must be one line.
#[derive(Clone, Copy)]
enum OneLine {
    TableCell,
    Heading,
}

fn one_line(
    node: &Node,
    key: &str,
    place: OneLine,
    need: Need,
    errors: &mut Collector,
) -> Option<String> {
    let text = non_empty_text(node, key, need, errors)?;
    if text.contains(['\n', '\r']) {
        let place = match place {
            OneLine::TableCell => "a cell of the docs page's table",
            OneLine::Heading => "a heading of the docs page",
        };
        errors
            .error(
                node.position,
                format!("`{key}` must be one line: it is {place}"),
            )
            .help("join the lines; use a plain or quoted scalar instead of a block (`|`)");
        return None;
    }
    Some(text)
}
