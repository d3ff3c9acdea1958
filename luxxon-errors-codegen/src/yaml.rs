//! A YAML document as a tree of located nodes.
//!
//! The catalog is read in two steps: YAML syntax first (this module), then the catalog's
//! schema (`schema`). Reading into a generic tree instead of straight into typed structs
//! is what lets the schema step report every unknown key, missing field and wrong type
//! in one pass, each at its own line and column, instead of stopping at the first.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::Budget;
use serde_saphyr::{DuplicateKeyPolicy, SnippetMode, Spanned};

use crate::diagnostic::{Diagnostic, Position};

/// How deep a catalog's collections may nest; the schema needs 5 levels.
pub const MAX_DEPTH: usize = 32;
/// How many YAML nodes (scalars, sequences, mappings) a catalog may have.
pub const MAX_NODES: usize = 100_000;
/// How many aliases (`*name`) a catalog may use; aliases are how expansion bombs work.
pub const MAX_ALIASES: usize = 256;

/// A YAML value and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) position: Position,
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

/// Parses `text` into a node tree; `display` names the file in messages.
pub(crate) fn parse(text: &str, display: &str) -> Result<Node, Diagnostic> {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_documents = 1;
    let options = serde_saphyr::options! {
        budget: Some(budget),
        // Duplicate keys reach the schema step, which reports all of them with both places.
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
    };
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|error| {
        let position = error
            .location()
            .filter(|location| location.line() > 0)
            .map_or(Position::START, |location| {
                Position::new(location.line(), location.column())
            });
        let rendered = error
            .without_snippet()
            .render_with_options(serde_saphyr::render_options! { snippets: SnippetMode::Off });
        Diagnostic::new(display, position, syntax_message(&rendered, position))
    })
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
        Ok(Node {
            value: spanned.value,
            position: Position::new(spanned.referenced.line(), spanned.referenced.column()),
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
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let started = std::time::Instant::now();
        let error = parse(&text, "bomb.yaml").unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert!(error.message.contains("invalid YAML"), "{}", error.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("a: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert!(parse(&text, "deep.yaml").is_err());
    }
}
