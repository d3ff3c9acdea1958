//! A small JSON document model with deterministic text output, as JSON and as YAML.
//!
//! The emitters build documents whose member order is part of the output (generated files
//! are committed and diffed), so objects keep insertion order. YAML output reuses JSON's
//! double-quoted strings, which are valid YAML double-quoted scalars: no YAML quoting
//! rules to get wrong.

use std::fmt::Write as _;

/// A JSON value whose objects keep their members in insertion order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json {
    Bool(bool),
    Integer(i64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A string value.
    pub(crate) fn string(text: impl Into<String>) -> Json {
        Json::String(text.into())
    }

    /// An object from `(name, value)` pairs, in order.
    pub(crate) fn object<const N: usize>(members: [(&str, Json); N]) -> Json {
        Json::Object(
            members
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
        )
    }

    /// Adds a member at the front of an object; other values are left as they are.
    pub(crate) fn prepend_member(&mut self, name: &str, value: Json) {
        if let Json::Object(members) = self {
            members.insert(0, (name.to_owned(), value));
        }
    }

    /// Pretty-printed JSON with two-space indentation and a final newline.
    pub(crate) fn to_json_text(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, 0);
        out.push('\n');
        out
    }

    fn write_json(&self, out: &mut String, indent: usize) {
        match self {
            Json::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (index, item) in items.iter().enumerate() {
                    push_indent(out, indent + 1);
                    item.write_json(out, indent + 1);
                    out.push_str(if index + 1 < items.len() { ",\n" } else { "\n" });
                }
                push_indent(out, indent);
                out.push(']');
            }
            Json::Object(members) if !members.is_empty() => {
                out.push_str("{\n");
                for (index, (name, value)) in members.iter().enumerate() {
                    push_indent(out, indent + 1);
                    out.push_str(&quote(name));
                    out.push_str(": ");
                    value.write_json(out, indent + 1);
                    out.push_str(if index + 1 < members.len() {
                        ",\n"
                    } else {
                        "\n"
                    });
                }
                push_indent(out, indent);
                out.push('}');
            }
            scalar => out.push_str(&scalar.scalar_text()),
        }
    }

    /// Block-style YAML for an object or array, with a final newline.
    pub(crate) fn to_yaml_text(&self) -> String {
        let mut out = String::new();
        match self {
            Json::Object(members) if !members.is_empty() => {
                write_yaml_members(&mut out, members, 0)
            }
            Json::Array(items) if !items.is_empty() => write_yaml_items(&mut out, items, 0),
            scalar => {
                out.push_str(&scalar.scalar_text());
                out.push('\n');
            }
        }
        out
    }

    /// The text of a scalar, or of an empty array or object, on one line.
    fn scalar_text(&self) -> String {
        match self {
            Json::Bool(value) => value.to_string(),
            Json::Integer(value) => value.to_string(),
            Json::String(text) => quote(text),
            Json::Array(_) => "[]".to_owned(),
            Json::Object(_) => "{}".to_owned(),
        }
    }
}

fn write_yaml_members(out: &mut String, members: &[(String, Json)], indent: usize) {
    for (name, value) in members {
        push_spaces(out, indent);
        out.push_str(&yaml_key(name));
        out.push(':');
        write_yaml_value(out, value, indent);
    }
}

fn write_yaml_items(out: &mut String, items: &[Json], indent: usize) {
    for item in items {
        push_spaces(out, indent);
        out.push('-');
        match item {
            // The first member shares the dash's line; the rest align under it.
            Json::Object(members) if !members.is_empty() => {
                let mut nested = String::new();
                write_yaml_members(&mut nested, members, indent + 2);
                out.push(' ');
                out.push_str(&nested[indent + 2..]);
            }
            Json::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_yaml_items(out, inner, indent + 2);
            }
            scalar => {
                out.push(' ');
                out.push_str(&scalar.scalar_text());
                out.push('\n');
            }
        }
    }
}

fn write_yaml_value(out: &mut String, value: &Json, indent: usize) {
    match value {
        Json::Object(members) if !members.is_empty() => {
            out.push('\n');
            write_yaml_members(out, members, indent + 2);
        }
        Json::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_yaml_items(out, items, indent + 2);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar.scalar_text());
            out.push('\n');
        }
    }
}

/// A mapping key: plain when it is a simple name, double-quoted otherwise.
fn yaml_key(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '$' || first == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '$' | '_' | '-' | '.' | '/'));
    // YAML 1.1 readers take these for booleans or null, not for strings.
    let keyword = matches!(
        name.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    if plain && !keyword {
        name.to_owned()
    } else {
        quote(name)
    }
}

fn push_indent(out: &mut String, level: usize) {
    push_spaces(out, level * 2);
}

fn push_spaces(out: &mut String, count: usize) {
    out.extend(std::iter::repeat_n(' ', count));
}

/// `text` as a JSON string literal (also a valid YAML double-quoted scalar).
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters, the line separators YAML would read as line
            // breaks, the byte order mark, and the noncharacters U+FFFE and U+FFFF, which
            // YAML does not allow unescaped, are escaped (valid JSON escapes too).
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(quote("a\"b\\c\nd\u{1}é"), r#""a\"b\\c\nd\u0001é""#);
        assert_eq!(
            quote("\u{85}\u{FEFF}\u{FFFE}\u{FFFF}\u{2028}"),
            r#""\u0085\ufeff\ufffe\uffff\u2028""#
        );
    }

    #[test]
    fn json_text_is_pretty_printed_in_insertion_order() {
        let value = Json::object([
            ("z", Json::Integer(1)),
            ("a", Json::Array(vec![Json::Bool(true), Json::Integer(-2)])),
            ("empty", Json::Object(Vec::new())),
        ]);
        assert_eq!(
            value.to_json_text(),
            "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    -2\n  ],\n  \"empty\": {}\n}\n"
        );
    }

    #[test]
    fn yaml_text_nests_blocks_and_quotes_strings() {
        let value = Json::object([
            (
                "components",
                Json::object([(
                    "list",
                    Json::Array(vec![Json::string("x"), Json::Integer(2)]),
                )]),
            ),
            (
                "items",
                Json::Array(vec![Json::object([
                    ("$ref", Json::string("#/a")),
                    ("b", Json::Bool(false)),
                ])]),
            ),
            ("odd key", Json::Array(Vec::new())),
        ]);
        assert_eq!(
            value.to_yaml_text(),
            "components:\n  list:\n    - \"x\"\n    - 2\nitems:\n  - $ref: \"#/a\"\n    b: false\n\"odd key\": []\n"
        );
    }
}
