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

/// A code entry as read, before the cross-entry checks.
pub(crate) struct CodeEntry {
    pub(crate) code: Code,
    pub(crate) family_position: Position,
    pub(crate) retryable: Option<bool>,
}

/// Everything read from the file; `checks` turns it into a [`Catalog`].
pub(crate) struct Entries {
    pub(crate) page: Option<(Page, Position)>,
    pub(crate) families: Vec<Family>,
    pub(crate) codes: Vec<CodeEntry>,
    pub(crate) families_position: Position,
    /// Some family entries could not be read: checks that need them all stay silent.
    pub(crate) skipped_families: bool,
    /// Some code entries could not be read: checks that need them all stay silent.
    pub(crate) skipped_codes: bool,
}

/// Reads the root node, recording every problem in `errors`.
pub(crate) fn read(root: &Node, errors: &mut Collector) -> Entries {
    let mut entries = Entries {
        page: None,
        families: Vec::new(),
        codes: Vec::new(),
        families_position: root.position,
        skipped_families: false,
        skipped_codes: false,
    };
    let Some(mut fields) = Fields::of(root, "the catalog", ROOT_KEYS, errors) else {
        return entries;
    };
    if let Some(node) = fields.optional("page") {
        entries.page = read_page(node, errors).map(|page| (page, node.position));
    }
    if let Some(node) = fields.required("families", errors) {
        entries.families_position = node.position;
        for item in list(node, "`families`", errors) {
            match read_family(item, errors) {
                Some(family) => entries.families.push(family),
                None => entries.skipped_families = true,
            }
        }
    }
    if let Some(node) = fields.required("codes", errors) {
        let items = list(node, "`codes`", errors);
        if items.is_empty() && matches!(node.value, Value::Sequence(_)) {
            errors
                .error(node.position, "`codes` is empty")
                .help("a catalog needs at least one code");
        }
        for item in items {
            match read_code(item, errors) {
                Some(code) => entries.codes.push(code),
                None => entries.skipped_codes = true,
            }
        }
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

fn read_family(node: &Node, errors: &mut Collector) -> Option<Family> {
    let mut fields = Fields::of(node, "a family", FAMILY_KEYS, errors)?;
    let id = fields.required("id", errors).and_then(|node| {
        let id = string(node, "`id`", errors)?;
        if let Some(problem) = naming::family_id_problem(&id) {
            errors
                .error(node.position, problem)
                .help("family ids are snake_case, e.g. `not_found`");
            return None;
        }
        Some((id, node.position))
    });
    let title = fields.line("title", errors);
    let description = fields.optional_text("description", errors);
    let retryable = fields.flag("retryable", errors);
    let (id, position) = id?;
    let variant = naming::variant_name(&id);
    if let Some(problem) = naming::variant_problem(&variant, false) {
        errors
            .error(
                position,
                format!("family `{id}` would be the Rust variant `{variant}`: {problem}"),
            )
            .help("choose another family id");
        return None;
    }
    Some(Family {
        id,
        variant,
        title: title?,
        description: description?,
        retryable: retryable?.unwrap_or(false),
        position,
    })
}

fn read_code(node: &Node, errors: &mut Collector) -> Option<CodeEntry> {
    let mut fields = Fields::of(node, "a code", CODE_KEYS, errors)?;
    let code = fields.required("code", errors).and_then(|node| {
        let code = string(node, "`code`", errors)?;
        if let Some(problem) = naming::code_problem(&code) {
            errors
                .error(node.position, problem)
                .help("codes are the API's wire names, e.g. `NOT_FOUND`");
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
    let lifecycle = match fields.optional("lifecycle") {
        None => Some(Lifecycle::Active),
        Some(node) => lifecycle(node, errors),
    };
    let retryable = fields.flag("retryable", errors);
    let rust_name = match fields.optional("rust_name") {
        None => Some(None),
        Some(node) => string(node, "`rust_name`", errors).map(|name| Some((name, node.position))),
    };

    let (code, position) = code?;
    let (variant, variant_position) = match rust_name? {
        Some((name, at)) => (name, at),
        None => (naming::variant_name(&code), position),
    };
    if let Some(problem) = naming::variant_problem(&variant, true) {
        errors
            .error(variant_position, format!("code `{code}` would be the Rust variant `{variant}`: {problem}"))
            .help("add `rust_name: <UpperCamelCase name>` to the code's entry to choose another variant name");
        return None;
    }
    let (family, family_position) = family?;
    Some(CodeEntry {
        code: Code {
            code,
            variant,
            status: status?,
            family,
            meaning: meaning?,
            remedy: remedy?,
            lifecycle: lifecycle?,
            retryable: false,
            position,
        },
        family_position,
        retryable: retryable?,
    })
}

fn status(node: &Node, errors: &mut Collector) -> Option<u16> {
    let Value::Integer(value) = node.value else {
        errors
            .error(
                node.position,
                format!(
                    "`status` must be an HTTP status code (an integer), found {}",
                    node.value.kind()
                ),
            )
            .help("write the number without quotes, e.g. `status: 404`");
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

fn list<'n>(node: &'n Node, what: &str, errors: &mut Collector) -> &'n [Node] {
    match &node.value {
        Value::Sequence(items) => items,
        other => {
            errors
                .error(
                    node.position,
                    format!("{what} must be a list, found {}", other.kind()),
                )
                .help("write one `- ` entry per item");
            &[]
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
                let error = errors.error(key.position, format!("unknown key `{name}` in {what}"));
                match naming::did_you_mean(name, known.iter().copied()) {
                    Some(suggestion) => error.help(format!("did you mean `{suggestion}`?")),
                    None => error.help(format!("expected one of: {}", known.join(", "))),
                };
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

    fn optional(&mut self, key: &str) -> Option<&'n Node> {
        self.by_key
            .remove(key)
            .filter(|node| node.value != Value::Null)
    }

    fn required(&mut self, key: &str, errors: &mut Collector) -> Option<&'n Node> {
        let node = self.optional(key);
        if node.is_none() {
            errors
                .error(
                    self.position,
                    format!("{} is missing the required key `{key}`", self.what),
                )
                .help(format!("add `{key}: ...` to {}", self.what));
        }
        node
    }

    /// A required, non-empty text; trailing white space (a block scalar's last line
    /// break) is dropped.
    fn text(&mut self, key: &str, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        non_empty_text(node, key, errors)
    }

    /// A required, non-empty text on one line.
    fn line(&mut self, key: &str, errors: &mut Collector) -> Option<String> {
        let node = self.required(key, errors)?;
        one_line(node, key, errors)
    }

    /// An optional text: `Some(None)` when absent, `None` when present but invalid.
    fn optional_text(&mut self, key: &str, errors: &mut Collector) -> Option<Option<String>> {
        match self.optional(key) {
            None => Some(None),
            Some(node) => non_empty_text(node, key, errors).map(Some),
        }
    }

    fn optional_line(&mut self, key: &str, errors: &mut Collector) -> Option<Option<String>> {
        match self.optional(key) {
            None => Some(None),
            Some(node) => one_line(node, key, errors).map(Some),
        }
    }

    /// An optional boolean: `Some(None)` when absent, `None` when present but invalid.
    fn flag(&mut self, key: &str, errors: &mut Collector) -> Option<Option<bool>> {
        match self.optional(key) {
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

fn non_empty_text(node: &Node, key: &str, errors: &mut Collector) -> Option<String> {
    let text = string(node, &format!("`{key}`"), errors)?;
    let text = text.trim_end();
    if text.trim().is_empty() {
        errors
            .error(node.position, format!("`{key}` is empty"))
            .help(format!(
                "write the {key} text, or remove the key if it is optional"
            ));
        return None;
    }
    Some(text.to_owned())
}

fn one_line(node: &Node, key: &str, errors: &mut Collector) -> Option<String> {
    let text = non_empty_text(node, key, errors)?;
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
pub(crate) fn assemble(entries: Entries, errors: &mut Collector) -> Catalog {
    crate::checks::run(&entries, errors);
    let families = entries.families;
    let codes = entries
        .codes
        .into_iter()
        .map(|entry| {
            let family_retryable = families
                .iter()
                .find(|family| family.id == entry.code.family)
                .is_some_and(|family| family.retryable);
            Code {
                retryable: entry.retryable.unwrap_or(family_retryable),
                ..entry.code
            }
        })
        .collect();
    Catalog {
        path: errors.path().to_owned(),
        page: entries.page.map(|(page, _)| page),
        families,
        codes,
    }
}
