//! A YAML document as a tree of located nodes.
//!
//! The catalog is read in two steps: YAML syntax first (this module), then the catalog's
//! schema (`schema`). Reading into a generic tree instead of straight into typed structs
//! is what lets the schema step report every unknown key, missing field and wrong type
//! in one pass, each at its own line and column, instead of stopping at the first.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::{Budget, BudgetBreach};
use serde_saphyr::{DuplicateKeyPolicy, SnippetMode, Spanned};

use crate::diagnostic::{Diagnostic, Position};

/// How deep a catalog's collections may nest; the schema needs 5 levels.
pub const MAX_DEPTH: usize = 32;
/// How many YAML values (scalars, lists, mappings) a catalog may have, counting each
/// value an alias repeats. The Luxxon catalog has about 500; the limit leaves room for
/// thousands of codes and refuses a file that would take seconds to read.
pub const MAX_NODES: usize = 50_000;
/// How many aliases (`*name`) a catalog may use, and how many anchors (`&name`) it may
/// define; aliases are how expansion bombs work.
pub const MAX_ALIASES: usize = 256;
/// How many values may be copied into anchored (`&name`) collections, counting the
/// values of aliases used inside them: this is what refuses an alias bomb, whose anchors
/// nest aliases of aliases, before it grows.
pub const MAX_ANCHORED_VALUES: usize = 10_000;

/// A YAML value and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) position: Position,
    /// Where the value's text is in the file, in bytes, when the parser says.
    pub(crate) bytes: Option<std::ops::Range<usize>>,
}

impl Node {
    /// The value as written in `text`, the file it was parsed from (e.g. `0x193` for the
    /// integer 403), when the parser said where it is.
    pub(crate) fn written<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.bytes.clone()?)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Integer(i128),
    Float(f64),
    String(String),
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

impl Value {
    /// What kind of value this is, as said in messages ("found a sequence").
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::Sequence(_) => "a list",
            Value::Mapping(_) => "a mapping",
        }
    }
}

const NO_ALIASES_NEEDED: &str =
    "anchors (`&name`) and aliases (`*name`) are not needed in a catalog: write the values out";

/// Parses `text` into a node tree; `display` names the file in messages.
pub(crate) fn parse(text: &str, display: &str) -> Result<Node, Diagnostic> {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_recorded_anchor_events = MAX_ANCHORED_VALUES;
    budget.max_documents = 1;
    // The absolute limits above bound the work; a ratio limit on top would refuse
    // files within them, under a limit the documentation does not state.
    budget.enforce_alias_anchor_ratio = false;
    let options = serde_saphyr::options! {
        budget: Some(budget),
        // Duplicate keys reach the schema step, which reports all of them with both places.
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
    };
    serde_saphyr::from_str_with_options::<Node>(text, options)
        .map_err(|error| diagnostic(&error, display))
}

fn diagnostic(error: &serde_saphyr::Error, display: &str) -> Diagnostic {
    let position = error
        .location()
        .filter(|location| location.line() > 0)
        .map_or(Position::START, |location| {
            Position::new(location.line(), location.column().max(1))
        });
    if let serde_saphyr::Error::Budget { breach, .. } = original(error) {
        let (message, help) = budget_message(breach);
        return Diagnostic::new(display, position, message).with_help(help);
    }
    let rendered = error
        .without_snippet()
        .render_with_options(serde_saphyr::render_options! { snippets: SnippetMode::Off });
    if rendered.contains("!!binary") {
        return Diagnostic::new(
            display,
            position,
            "a `!!binary` value is bytes, not text; the catalog holds text",
        )
        .with_help("remove the `!!binary` tag and write the text itself");
    }
    let message = syntax_message(&rendered, position);
    let help = if message.contains("tab") {
        "indent with spaces: YAML does not allow tabs in indentation"
    } else if message.contains("unclosed") {
        "close it: every `[`, `{` and quote needs its closing partner"
    } else {
        "fix the YAML syntax here: check the indentation, and quote text that contains `: `, `#`, `[` or `{`"
    };
    Diagnostic::new(display, position, message).with_help(help)
}

/// The error under the wrappers that add alias locations or a snippet.
fn original(mut error: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::WithSnippet { error: inner, .. }
    | serde_saphyr::Error::AliasError { error: inner, .. } = error
    {
        error = inner;
    }
    error
}

/// What a breached parser limit means for a catalog, and what to do about it.
fn budget_message(breach: &BudgetBreach) -> (String, String) {
    match breach {
        BudgetBreach::Depth { .. } => (
            format!("the catalog nests lists and mappings more than {MAX_DEPTH} levels deep (limit {MAX_DEPTH})"),
            "a catalog needs 5 levels; check the indentation and the brackets".to_owned(),
        ),
        BudgetBreach::Nodes { .. } => (
            format!("the catalog has more than {MAX_NODES} YAML values, counting those aliases repeat (limit {MAX_NODES})"),
            "a catalog is a list of error codes, not this much data; where aliases (`*name`) repeat values, write the values out".to_owned(),
        ),
        BudgetBreach::Aliases { .. } => (
            format!("the catalog uses more than {MAX_ALIASES} aliases (limit {MAX_ALIASES})"),
            NO_ALIASES_NEEDED.to_owned(),
        ),
        BudgetBreach::Anchors { .. } => (
            format!("the catalog defines more than {MAX_ALIASES} anchors (limit {MAX_ALIASES})"),
            NO_ALIASES_NEEDED.to_owned(),
        ),
        BudgetBreach::RecordedAnchorEvents { .. } | BudgetBreach::RecordedAnchorBytes { .. } => (
            format!("the catalog's aliases expand to more than {MAX_ANCHORED_VALUES} values (limit {MAX_ANCHORED_VALUES})"),
            NO_ALIASES_NEEDED.to_owned(),
        ),
        BudgetBreach::Documents { .. } => (
            "the file holds more than one YAML document".to_owned(),
            "a catalog is one document: remove this `---` line and merge the documents".to_owned(),
        ),
        other => (
            format!("the catalog is over a YAML parser limit ({other:?})"),
            "a catalog is a short list of error codes; simplify the file".to_owned(),
        ),
    }
}

/// The parser's message without its trailing " at line L, column C", which the
/// diagnostic already leads with.
fn syntax_message(rendered: &str, position: Position) -> String {
    let suffix = format!(" at line {}, column {}", position.line, position.column);
    let message = rendered.strip_suffix(&suffix).unwrap_or(rendered);
    let message = message
        .strip_prefix(&format!(
            "line {} column {}: ",
            position.line, position.column
        ))
        .unwrap_or(message);
    format!("invalid YAML: {message}")
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let bytes = span
            .byte_offset()
            .zip(span.byte_len())
            .and_then(|(offset, len)| {
                let start = usize::try_from(offset).ok()?;
                Some(start..start.checked_add(usize::try_from(len).ok()?)?)
            });
        Ok(Node {
            value: spanned.value,
            bytes,
            // Clamped so that every position is 1-based, whatever the parser reports.
            position: Position::new(
                spanned.referenced.line().max(1),
                spanned.referenced.column().max(1),
            ),
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Integer(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Integer(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(Value::Integer(value))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(i128::try_from(value).map_or(Value::Float(value as f64), Value::Integer))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = access.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = access.next_entry::<Node, Node>()? {
            entries.push(entry);
        }
        Ok(Value::Mapping(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_carry_their_positions() {
        let node = parse("a:\n  - b: 1\n", "t.yaml").unwrap();
        let Value::Mapping(entries) = node.value else {
            panic!("not a mapping")
        };
        assert_eq!(entries[0].0.position, Position { line: 1, column: 1 });
        let Value::Sequence(items) = &entries[0].1.value else {
            panic!("not a list")
        };
        let Value::Mapping(inner) = &items[0].value else {
            panic!("not a mapping")
        };
        assert_eq!(inner[0].1.value, Value::Integer(1));
        assert_eq!(inner[0].1.position, Position { line: 2, column: 8 });
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = parse("a: [1, 2\n", "t.yaml").unwrap_err();
        assert!(
            error.message.starts_with("invalid YAML: "),
            "{}",
            error.message
        );
        assert!(!error.message.contains("at line"), "{}", error.message);
        assert!(error.help.is_some());
    }

    /// Parses `text`, which must be refused with advice. How long refusing takes is
    /// measured by the `hostile` benchmark, not asserted here.
    fn refused_quickly(text: &str) -> Diagnostic {
        let error = parse(text, "hostile.yaml").unwrap_err();
        assert!(error.help.is_some(), "{error}");
        error
    }

    #[test]
    fn nested_alias_bombs_are_refused_before_they_grow() {
        // Each anchor repeats the one before ten times: 10^12 values if expanded.
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            let aliases = vec![format!("*a{prev}"); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{aliases}]\n"));
        }
        let error = refused_quickly(&text);
        assert_eq!(
            error.message,
            format!(
                "the catalog's aliases expand to more than {MAX_ANCHORED_VALUES} values (limit {MAX_ANCHORED_VALUES})"
            )
        );
        assert!(error.help.unwrap().contains("not needed in a catalog"));
    }

    #[test]
    fn flat_alias_bombs_are_refused() {
        // One big anchor repeated by many aliases: nothing is copied into an anchor, so
        // the limit on values is what stops it.
        let big = vec!["x"; 1000].join(", ");
        let aliases = vec!["*a"; 200].join(", ");
        let error = refused_quickly(&format!("a: &a [{big}]\nb: [{aliases}]\n"));
        assert_eq!(
            error.message,
            format!(
                "the catalog has more than {MAX_NODES} YAML values, counting those aliases repeat (limit {MAX_NODES})"
            )
        );
    }

    #[test]
    fn too_many_aliases_are_refused() {
        let aliases = vec!["*x"; MAX_ALIASES + 1].join(", ");
        let error = refused_quickly(&format!("x: &x 1\nl: [{aliases}]\n"));
        assert_eq!(
            error.message,
            format!("the catalog uses more than {MAX_ALIASES} aliases (limit {MAX_ALIASES})")
        );
        let aliases = vec!["*x"; MAX_ALIASES].join(", ");
        assert!(parse(&format!("x: &x 1\nl: [{aliases}]\n"), "ok.yaml").is_ok());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let expected = format!(
            "the catalog nests lists and mappings more than {MAX_DEPTH} levels deep (limit {MAX_DEPTH})"
        );
        let flow = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(refused_quickly(&flow).message, expected);
        let block: String = (0..MAX_DEPTH + 1)
            .map(|level| format!("{}k{level}:\n", "  ".repeat(level)))
            .collect();
        assert_eq!(refused_quickly(&block).message, expected);
        let allowed = format!(
            "a: {}{}\n",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(parse(&allowed, "ok.yaml").is_ok());
    }

    #[test]
    fn too_many_values_are_refused() {
        let values = vec!["1"; MAX_NODES].join(",");
        let error = refused_quickly(&format!("a: [{values}]\n"));
        assert!(
            error.message.contains(&format!("(limit {MAX_NODES})")),
            "{error}"
        );
    }

    #[test]
    fn a_second_document_is_refused_at_its_start() {
        let error = parse("codes: []\n---\ncodes: []\n", "t.yaml").unwrap_err();
        assert_eq!(error.position, Position { line: 2, column: 1 });
        assert_eq!(error.message, "the file holds more than one YAML document");
    }

    #[test]
    fn syntax_errors_come_with_advice() {
        let tabs = parse("a:\n\t- b\n", "t.yaml").unwrap_err();
        assert!(tabs.help.unwrap().contains("tabs"));
        let unclosed = parse("a: \"b\n", "t.yaml").unwrap_err();
        assert!(unclosed.help.unwrap().contains("closing"));
    }
}
