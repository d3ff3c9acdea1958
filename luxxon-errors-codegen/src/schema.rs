//! The catalog's schema: reading a YAML node tree into the checked model, reporting every
//! problem with its position.

use std::collections::HashMap;

use crate::diagnostic::{Collector, Position};
use crate::model::{
    Catalog, Code, EnvelopeSection, ExampleEnvelope, Family, Lifecycle, Page, Section,
};
use crate::naming;
use crate::yaml::{Node, Value};

const ROOT_KEYS: &[&str] = &["page", "families", "codes"];
const PAGE_KEYS: &[&str] = &["title", "summary", "envelope", "handling", "versioning"];
const ENVELOPE_KEYS: &[&str] = &["lead", "example", "notes"];
const EXAMPLE_KEYS: &[&str] = &["code", "message", "detail", "timestamp"];
const SECTION_KEYS: &[&str] = &["heading", "body"];
const FAMILY_KEYS: &[&str] = &["id", "title", "description", "retryable"];
const CODE_KEYS: &[&str] = &[
    "code",
    "status",
    "family",
    "meaning",
    "remedy",
    "lifecycle",
    "retryable",
    "rust_name",
];
const LIFECYCLES: &[&str] = &["active", "legacy", "reserved"];

/// A family entry as read. Its id is kept even when other fields are wrong, so that
/// the checks across entries (duplicates, references) run in the same pass.
pub(crate) struct FamilyEntry {
    /// The id and where it is, when it is a valid snake_case id.
    pub(crate) id: Option<(String, Position)>,
    /// The Rust variant, when the id makes a valid one.
    pub(crate) variant: Option<String>,
    /// The whole family, when every field of the entry is valid.
    pub(crate) family: Option<Family>,
}

/// A code entry as read. Its name, variant and family are kept even when other fields
/// are wrong, so that the checks across entries run in the same pass.
pub(crate) struct CodeEntry {
    /// The code and where it is, when it is a valid code.
    pub(crate) name: Option<(String, Position)>,
    /// The Rust variant, when the code (or its `rust_name`) makes a valid one.
    pub(crate) variant: Option<String>,
    /// The family id the entry names, and where, when it is a string.
    pub(crate) family: Option<(String, Position)>,
    /// Whether the entry has a `remedy` key.
    pub(crate) has_remedy: bool,
    /// The whole code, when every field of the entry is valid.
    pub(crate) code: Option<Code>,
    /// The code's own `retryable`, which overrides its family's.
    pub(crate) retryable: Option<bool>,
}

impl CodeEntry {
    const UNREADABLE: CodeEntry = CodeEntry {
        name: None,
        variant: None,
        family: None,
        has_remedy: false,
        code: None,
        retryable: None,
    };
}

/// Everything read from the file; `checks` turns it into a [`Catalog`].
pub(crate) struct Entries {
    pub(crate) page: Option<(Page, Position)>,
    /// The family entries; `None` when `families` is missing or not a list.
    pub(crate) families: Option<Vec<FamilyEntry>>,
    /// The code entries; `None` when `codes` is missing or not a list.
    pub(crate) codes: Option<Vec<CodeEntry>>,
}

/// Reads the root node, recording every problem in `errors`.
pub(crate) fn read(root: &Node, errors: &mut Collector) -> Entries {
    let mut entries = Entries {
        page: None,
        families: None,
        codes: None,
    };
    let Some(mut fields) = Fields::of(root, "the catalog", ROOT_KEYS, errors) else {
        return entries;
    };
    if let Some(Some(node)) = fields.optional("page", errors) {
        entries.page = read_page(node, errors).map(|page| (page, node.position));
    }
    if let Some(node) = fields.required("families", errors)
        && let Some(items) = list(node, "`families`", errors)
    {
        if items.is_empty() {
            errors
                .error(node.position, "`families` is empty")
                .help("define at least one family for the codes to belong to");
        }
        entries.families = Some(items.iter().map(|item| read_family(item, errors)).collect());
    }
    if let Some(node) = fields.required("codes", errors)
        && let Some(items) = list(node, "`codes`", errors)
    {
        if items.is_empty() {
            errors
                .error(node.position, "`codes` is empty")
                .help("a catalog needs at least one code");
        }
        entries.codes = Some(items.iter().map(|item| read_code(item, errors)).collect());
    }
    entries
}

fn read_page(node: &Node, errors: &mut Collector) -> Option<Page> {
    let mut fields = Fields::of(node, "`page`", PAGE_KEYS, errors)?;
    let title = fields.text("title", errors);
    let summary = fields.text("summary", errors);
    let envelope = fields
        .required("envelope", errors)
        .and_then(|node| read_envelope(node, errors));
    let handling = fields
        .required("handling", errors)
        .and_then(|node| read_section(node, "`page.handling`", errors));
    let versioning = fields
        .required("versioning", errors)
        .and_then(|node| read_section(node, "`page.versioning`", errors));
    Some(Page {
        title: title?,
        summary: summary?,
        envelope: envelope?,
        handling: handling?,
        versioning: versioning?,
    })
}

fn read_envelope(node: &Node, errors: &mut Collector) -> Option<EnvelopeSection> {
    let mut fields = Fields::of(node, "`page.envelope`", ENVELOPE_KEYS, errors)?;
    let lead = fields.text("lead", errors);
    let example = fields.required("example", errors).and_then(|node| {
        let mut fields = Fields::of(node, "`page.envelope.example`", EXAMPLE_KEYS, errors)?;
        let example = ExampleEnvelope {
            code: fields.text("code", errors).unwrap_or_default(),
            message: fields.text("message", errors).unwrap_or_default(),
            detail: fields.text("detail", errors).unwrap_or_default(),
            timestamp: fields.text("timestamp", errors).unwrap_or_default(),
        };
        Some(example)
    });
    let notes = fields.text("notes", errors);
    Some(EnvelopeSection {
        lead: lead?,
        example: example?,
        notes: notes?,
    })
}

fn read_section(node: &Node, what: &'static str, errors: &mut Collector) -> Option<Section> {
    let mut fields = Fields::of(node, what, SECTION_KEYS, errors)?;
    let heading = fields.line("heading", errors);
    let body = fields.text("body", errors);
    Some(Section {
        heading: heading?,
        body: body?,
    })
}

fn read_family(node: &Node, errors: &mut Collector) -> FamilyEntry {
    let mut entry = FamilyEntry {
        id: None,
        variant: None,
        family: None,
    };
    let Some(mut fields) = Fields::of(node, "a family", FAMILY_KEYS, errors) else {
        return entry;
    };
    let id = fields.required("id", errors).and_then(|node| {
        let id = string(node, "`id`", errors)?;
        if let Some(problem) = naming::family_id_problem(&id) {
            let help = match naming::suggest_family_id(&id) {
                Some(suggestion) => format!("write it as `{suggestion}`"),
                None => "family ids are snake_case, e.g. `not_found`".to_owned(),
            };
            errors.error(node.position, problem).help(help);
            return None;
        }
        Some((id, node.position))
    });
    let title = fields.line("title", errors);
    let description = fields.optional_text("description", errors);
    let retryable = fields.flag("retryable", errors);
    let Some((id, position)) = id else {
        return entry;
    };
    entry.id = Some((id.clone(), position));
    let variant = naming::variant_name(&id);
    if let Some(problem) = naming::variant_problem(&variant, false) {
        errors
            .error(
                position,
                format!("family `{id}` would be the Rust variant `{variant}`: {problem}"),
            )
            .help("choose another family id");
        return entry;
    }
    entry.variant = Some(variant.clone());
    if let (Some(title), Some(description), Some(retryable)) = (title, description, retryable) {
        entry.family = Some(Family {
            id,
            variant,
            title,
            description,
            retryable: retryable.unwrap_or(false),
            position,
        });
    }
    entry
}

fn read_code(node: &Node, errors: &mut Collector) -> CodeEntry {
    let Some(mut fields) = Fields::of(node, "a code", CODE_KEYS, errors) else {
        return CodeEntry::UNREADABLE;
    };
    let name = fields.required("code", errors).and_then(|node| {
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
        Some((code, node.position))
    });
    let status = fields
        .required("status", errors)
        .and_then(|node| status(node, errors));
    let family = fields
        .required("family", errors)
        .and_then(|node| Some((string(node, "`family`", errors)?, node.position)));
    let meaning = fields.line("meaning", errors);
    let remedy = fields.optional_line("remedy", errors);
    let lifecycle = match fields.optional("lifecycle", errors) {
        None => None,
        Some(None) => Some(Lifecycle::Active),
        Some(Some(node)) => lifecycle(node, errors),
    };
    let retryable = fields.flag("retryable", errors);
    let rust_name = match fields.optional("rust_name", errors) {
        None => None,
        Some(None) => Some(None),
        Some(Some(node)) => {
            string(node, "`rust_name`", errors).map(|name| Some((name, node.position)))
        }
    };

    let mut entry = CodeEntry {
        family: family.clone(),
        has_remedy: !matches!(remedy, Some(None)),
        ..CodeEntry::UNREADABLE
    };
    let Some((code, position)) = name else {
        return entry;
    };
    entry.name = Some((code.clone(), position));
    let Some(rust_name) = rust_name else {
        return entry;
    };
    let chosen = rust_name.is_some();
    let (variant, variant_position) = match rust_name {
        Some((name, at)) => (name, at),
        None => (naming::variant_name(&code), position),
    };
    if let Some(problem) = naming::variant_problem(&variant, true) {
        let help = if chosen {
            "choose another `rust_name`: an UpperCamelCase name such as `NotFound`"
        } else {
            "add `rust_name: <UpperCamelCase name>` to the code's entry to choose another variant name"
        };
        errors
            .error(
                variant_position,
                format!("code `{code}` would be the Rust variant `{variant}`: {problem}"),
            )
            .help(help);
        return entry;
    }
    entry.variant = Some(variant.clone());
    if let (
        Some(status),
        Some((family, _)),
        Some(meaning),
        Some(remedy),
        Some(lifecycle),
        Some(retryable),
    ) = (status, family, meaning, remedy, lifecycle, retryable)
    {
        entry.retryable = retryable;
        entry.code = Some(Code {
            code,
            variant,
            status,
            family,
            meaning,
            remedy,
            lifecycle,
            retryable: false,
            position,
        });
    }
    entry
}

fn status(node: &Node, errors: &mut Collector) -> Option<u16> {
    let Value::Integer(value) = node.value else {
        let help = match node.value {
            Value::String(_) => "write the number without quotes, e.g. `status: 404`",
            _ => "write a whole number from 400 to 599, e.g. `status: 404`",
        };
        errors
            .error(
                node.position,
                format!(
                    "`status` must be an HTTP status code (an integer), found {}",
                    node.value.kind()
                ),
            )
            .help(help);
        return None;
    };
    if !(100..=599).contains(&value) {
        errors
            .error(
                node.position,
                format!("status {value} is not an HTTP status code (100..=599)"),
            )
            .help("use the status the API answers with, e.g. 400, 404 or 503");
        return None;
    }
    if value < 400 {
        errors
            .error(
                node.position,
                format!("status {value} is not an error status"),
            )
            .help("an error code answers with a 4xx or 5xx status");
        return None;
    }
    u16::try_from(value).ok()
}

fn lifecycle(node: &Node, errors: &mut Collector) -> Option<Lifecycle> {
    let found = match &node.value {
        Value::String(text) => match text.as_str() {
            "active" => return Some(Lifecycle::Active),
            "legacy" => return Some(Lifecycle::Legacy),
            "reserved" => return Some(Lifecycle::Reserved),
            other => format!("`{other}`"),
        },
        other => other.kind().to_owned(),
    };
    errors
        .error(
            node.position,
            format!("`lifecycle` must be one of `active`, `legacy`, `reserved`, found {found}"),
        )
        .help(match &node.value {
            Value::String(text) => naming::did_you_mean(text, LIFECYCLES.iter().copied())
                .map_or_else(
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

/// The mapping entries of one YAML object, checked against the keys its schema allows.
struct Fields<'n> {
    what: &'static str,
    position: Position,
    by_key: HashMap<&'n str, &'n Node>,
}

impl<'n> Fields<'n> {
    /// Reads `node` as a mapping, reporting non-string, unknown and duplicate keys.
    fn of(
        node: &'n Node,
        what: &'static str,
        known: &[&str],
        errors: &mut Collector,
    ) -> Option<Self> {
        let Value::Mapping(entries) = &node.value else {
            errors
                .error(
                    node.position,
                    format!(
                        "{what} must be a mapping of keys to values, found {}",
                        node.value.kind()
                    ),
                )
                .help(format!("expected keys: {}", known.join(", ")));
            return None;
        };
        let mut by_key: HashMap<&str, &Node> = HashMap::new();
        let mut key_positions: HashMap<&str, Position> = HashMap::new();
        for (key, value) in entries {
            let Value::String(name) = &key.value else {
                errors
                    .error(
                        key.position,
                        format!("keys of {what} must be strings, found {}", key.value.kind()),
                    )
                    .help(format!("expected keys: {}", known.join(", ")));
                continue;
            };
            if !known.contains(&name.as_str()) {
                errors
                    .error(key.position, format!("unknown key `{name}` in {what}"))
                    .help(unknown_key_help(name, what, known));
                continue;
            }
            if let Some(first) = key_positions.get(name.as_str()) {
                errors
                    .error(
                        key.position,
                        format!("duplicate key `{name}` in {what} (first set at {first})"),
                    )
                    .help("keep one of the two");
                continue;
            }
            key_positions.insert(name, key.position);
            by_key.insert(name, value);
        }
        Some(Fields {
            what,
            position: node.position,
            by_key,
        })
    }

    /// An optional key's value: `Some(None)` when absent, `None` when the key is there
    /// with no value (reported: a key left empty is a mistake, never a default).
    fn optional(&mut self, key: &str, errors: &mut Collector) -> Option<Option<&'n Node>> {
        match self.by_key.remove(key) {
            None => Some(None),
            Some(node) if node.value == Value::Null => {
                errors
                    .error(node.position, format!("`{key}` has no value"))
                    .help(format!(
                        "write a value after `{key}:`, or remove the key to leave it out"
                    ));
                None
            }
            Some(node) => Some(Some(node)),
        }
    }

    fn required(&mut self, key: &str, errors: &mut Collector) -> Option<&'n Node> {
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
    fn text(&mut self, key: &str, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        non_empty_text(node, key, Need::Required, errors)
    }

    /// A required, non-empty text on one line.
    fn line(&mut self, key: &str, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        one_line(node, key, Need::Required, errors)
    }

    /// An optional text: `Some(None)` when absent, `None` when present but invalid.
    fn optional_text(&mut self, key: &str, errors: &mut Collector) -> Option<Option<String>> {
        match self.optional(key, errors)? {
            None => Some(None),
            Some(node) => non_empty_text(node, key, Need::Optional, errors).map(Some),
        }
    }

    fn optional_line(&mut self, key: &str, errors: &mut Collector) -> Option<Option<String>> {
        match self.optional(key, errors)? {
            None => Some(None),
            Some(node) => one_line(node, key, Need::Optional, errors).map(Some),
        }
    }

    /// An optional boolean: `Some(None)` when absent, `None` when present but invalid.
    fn flag(&mut self, key: &str, errors: &mut Collector) -> Option<Option<bool>> {
        match self.optional(key, errors)? {
            None => Some(None),
            Some(Node {
                value: Value::Bool(flag),
                ..
            }) => Some(Some(*flag)),
            Some(node) => {
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
            }
        }
    }
}

/// How to fix an unknown key: the likely intended key, or the keys there are.
fn unknown_key_help(name: &str, what: &str, known: &[&str]) -> String {
    let marks_code = known.contains(&"lifecycle");
    match name {
        "legacy" | "reserved" | "deprecated" | "active" if marks_code => {
            let lifecycle = if name == "deprecated" { "legacy" } else { name };
            format!("a code's lifecycle is one key: write `lifecycle: {lifecycle}`")
        }
        "lifecycle" | "legacy" | "reserved" | "deprecated" => format!(
            "only a code has a lifecycle, not {what}: write `lifecycle: legacy` or `lifecycle: reserved` in each code's entry"
        ),
        "rust_name" if what == "a family" => {
            "only a code has a `rust_name`; a family's Rust name comes from its id".to_owned()
        }
        _ => match naming::did_you_mean(name, known.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("expected one of: {}", known.join(", ")),
        },
    }
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

fn one_line(node: &Node, key: &str, need: Need, errors: &mut Collector) -> Option<String> {
    let text = non_empty_text(node, key, need, errors)?;
    if text.contains(['\n', '\r']) {
        errors
            .error(
                node.position,
                format!("`{key}` must be one line: it is a cell of the docs page's table"),
            )
            .help("join the lines; use a plain or quoted scalar instead of a block (`|`)");
        return None;
    }
    Some(text)
}

/// Builds the [`Catalog`] from what was read, with the checks that span entries.
///
/// The catalog is only handed out when nothing was reported, and then every entry is
/// complete: an entry is incomplete only where a problem was recorded.
pub(crate) fn assemble(entries: Entries, errors: &mut Collector) -> Catalog {
    crate::checks::run(&entries, errors);
    let families: Vec<Family> = entries
        .families
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.family)
        .collect();
    let codes = entries
        .codes
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let code = entry.code?;
            let family_retryable = families
                .iter()
                .find(|family| family.id == code.family)
                .is_some_and(|family| family.retryable);
            Some(Code {
                retryable: entry.retryable.unwrap_or(family_retryable),
                ..code
            })
        })
        .collect();
    Catalog {
        path: errors.path().to_owned(),
        page: entries.page.map(|(page, _)| page),
        families,
        codes,
    }
}
