//! A YAML document as a tree of located nodes, read straight from the parser's events.
//!
//! The catalog is read in two steps: YAML syntax first (this module), then the catalog's
//! schema (`schema`). Reading into a generic tree instead of straight into typed structs
//! is what lets the schema step report every unknown key, missing field and wrong type
//! in one pass, each at its own line and column, instead of stopping at the first.
//!
//! The tree is built from the event parser's output rather than through a serde
//! deserializer: the catalog needs positions on every node, its own limits on hostile
//! files, and nothing else, and reading events directly keeps the proc-macro's
//! dependencies (which every user compiles) to the parser alone.

use std::collections::HashMap;

use granit_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};

use crate::diagnostic::{Diagnostic, Position};

/// How deep a catalog's collections may nest; the schema needs 5 levels.
pub const MAX_DEPTH: usize = 32;
/// How many YAML values (scalars, lists, mappings) a catalog may have, counting each
/// value an alias repeats. The Luxxon catalog has about 500; the limit leaves room for
/// 20,000 codes (about nine values each) and refuses a file that would take seconds to
/// read.
pub const MAX_NODES: usize = 200_000;
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
    let mut reader = Reader {
        parser: Parser::new_from_str(text),
        display,
        anchors: HashMap::new(),
        nodes: 0,
        aliases: 0,
        anchored_open: 0,
        anchored_values: 0,
    };
    reader.document()
}

/// Reads events into nodes, counting what the limits bound.
struct Reader<'t, 'd> {
    parser: Parser<'t, granit_parser::StrInput<'t>>,
    display: &'d str,
    /// Anchored nodes by id, with how many values each holds (alias repeats counted).
    anchors: HashMap<usize, (Node, usize)>,
    /// Values read so far, each alias counting the values it repeats.
    nodes: usize,
    /// Aliases used so far.
    aliases: usize,
    /// How many anchored collections are open around the current event.
    anchored_open: usize,
    /// Values copied into anchored collections so far.
    anchored_values: usize,
}

impl<'t> Reader<'t, '_> {
    /// The one document of the file.
    fn document(&mut self) -> Result<Node, Diagnostic> {
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentStart(..) => {}
                Event::StreamEnd => {
                    // An empty document (only comments) is refused before parsing.
                    return Ok(Node {
                        value: Value::Null,
                        position: Position::START,
                        bytes: None,
                    });
                }
                event => {
                    let root = self.node(event, span, 1)?;
                    self.end_of_stream()?;
                    return Ok(root);
                }
            }
        }
    }

    /// After the root node: the end of the document and of the stream, and no second
    /// document.
    fn end_of_stream(&mut self) -> Result<(), Diagnostic> {
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::DocumentEnd => {}
                Event::StreamEnd => return Ok(()),
                Event::DocumentStart(..) => {
                    return Err(self.refused(
                        span,
                        "the file holds more than one YAML document".to_owned(),
                        "a catalog is one document: remove this `---` line and merge the documents",
                    ));
                }
                _ => {
                    return Err(self.refused(
                        span,
                        "unexpected content after the document".to_owned(),
                        "a catalog is one document",
                    ));
                }
            }
        }
    }

    /// The next event, or the syntax error.
    fn next(&mut self) -> Result<(Event<'t>, Span), Diagnostic> {
        match self.parser.next_event() {
            Some(Ok((event, span))) => Ok((event, span)),
            Some(Err(error)) => Err(syntax_error(&error, self.display)),
            // The parser ends its stream with `StreamEnd`; running out early is a file
            // that ends inside a construct.
            None => Err(Diagnostic::new(
                self.display,
                Position::START,
                "invalid YAML: the file ends unexpectedly",
            )
            .with_help("close what the file opens")),
        }
    }

    /// The node an event starts, at nesting `depth` (the root is 1).
    fn node(&mut self, event: Event<'t>, span: Span, depth: usize) -> Result<Node, Diagnostic> {
        let position = position(span.start);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.count(span, 1)?;
                let value = scalar(&text, style, tag.as_deref()).map_err(|(message, help)| {
                    Diagnostic::new(self.display, position, message).with_help(help)
                })?;
                let node = Node {
                    value,
                    position,
                    bytes: bytes(span),
                };
                self.anchor(anchor, span, &node, 1)?;
                Ok(node)
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                let is_mapping = matches!(event, Event::MappingStart(..));
                if depth > MAX_DEPTH {
                    return Err(self.refused(
                        span,
                        format!(
                            "the catalog nests lists and mappings more than {MAX_DEPTH} levels deep (limit {MAX_DEPTH})"
                        ),
                        "a catalog needs 5 levels; check the indentation and the brackets",
                    ));
                }
                self.count(span, 1)?;
                if anchor != 0 {
                    self.anchored_open += 1;
                }
                let nodes_before = self.nodes;
                let value = if is_mapping {
                    Value::Mapping(self.mapping(depth)?)
                } else {
                    Value::Sequence(self.sequence(depth)?)
                };
                let node = Node {
                    value,
                    position,
                    bytes: None,
                };
                if anchor != 0 {
                    self.anchored_open -= 1;
                    let size = self.nodes - nodes_before + 1;
                    self.anchor(anchor, span, &node, size)?;
                }
                Ok(node)
            }
            Event::Alias(id) => {
                self.aliases += 1;
                if self.aliases > MAX_ALIASES {
                    return Err(self.refused(
                        span,
                        format!(
                            "the catalog uses more than {MAX_ALIASES} aliases (limit {MAX_ALIASES})"
                        ),
                        NO_ALIASES_NEEDED,
                    ));
                }
                let Some((anchored, size)) = self
                    .anchors
                    .get(&id)
                    .map(|(node, size)| (node.clone(), *size))
                else {
                    return Err(self.refused(
                        span,
                        "invalid YAML: an alias names an anchor that is not defined before it"
                            .to_owned(),
                        NO_ALIASES_NEEDED,
                    ));
                };
                self.count(span, size)?;
                Ok(Node {
                    position,
                    bytes: bytes(span),
                    ..anchored
                })
            }
            _ => Err(self.refused(
                span,
                "invalid YAML: a value was expected here".to_owned(),
                "fix the YAML syntax here: check the indentation",
            )),
        }
    }

    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, Diagnostic> {
        let mut items = Vec::new();
        loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::SequenceEnd) {
                return Ok(items);
            }
            items.push(self.node(event, span, depth + 1)?);
        }
    }

    fn mapping(&mut self, depth: usize) -> Result<Vec<(Node, Node)>, Diagnostic> {
        let mut entries = Vec::new();
        loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::MappingEnd) {
                return Ok(entries);
            }
            let key = self.node(event, span, depth + 1)?;
            let (event, span) = self.next()?;
            let value = self.node(event, span, depth + 1)?;
            entries.push((key, value));
        }
    }

    /// Counts `size` more values, each also copied into the open anchored collections.
    fn count(&mut self, span: Span, size: usize) -> Result<(), Diagnostic> {
        self.nodes += size;
        if self.nodes > MAX_NODES {
            return Err(self.refused(
                span,
                format!(
                    "the catalog has more than {MAX_NODES} YAML values, counting those aliases repeat (limit {MAX_NODES})"
                ),
                "a catalog is a list of error codes, not this much data; where aliases (`*name`) repeat values, write the values out",
            ));
        }
        if self.anchored_open > 0 {
            self.anchored_values += size;
            if self.anchored_values > MAX_ANCHORED_VALUES {
                return Err(self.refused(
                    span,
                    format!(
                        "the catalog's aliases expand to more than {MAX_ANCHORED_VALUES} values (limit {MAX_ANCHORED_VALUES})"
                    ),
                    NO_ALIASES_NEEDED,
                ));
            }
        }
        Ok(())
    }

    /// Records `node` under the anchor id `anchor` (0: no anchor).
    fn anchor(
        &mut self,
        anchor: usize,
        span: Span,
        node: &Node,
        size: usize,
    ) -> Result<(), Diagnostic> {
        if anchor == 0 {
            return Ok(());
        }
        if self.anchors.len() >= MAX_ALIASES {
            return Err(self.refused(
                span,
                format!(
                    "the catalog defines more than {MAX_ALIASES} anchors (limit {MAX_ALIASES})"
                ),
                NO_ALIASES_NEEDED,
            ));
        }
        self.anchors.insert(anchor, (node.clone(), size));
        Ok(())
    }

    fn refused(&self, span: Span, message: String, help: &str) -> Diagnostic {
        Diagnostic::new(self.display, position(span.start), message).with_help(help)
    }
}

/// A 1-based position from the parser's marker (1-based line, 0-based column).
fn position(marker: Marker) -> Position {
    Position::new(marker.line().max(1) as u64, marker.col() as u64 + 1)
}

fn bytes(span: Span) -> Option<std::ops::Range<usize>> {
    Some(span.start.byte_offset()?..span.end.byte_offset()?)
}

/// A scalar's value: quoted and block scalars are text; a plain one is resolved by the
/// YAML 1.2 core schema (null, booleans, integers in decimal, octal `0o` or hex `0x`,
/// floats), or is text. A core-schema tag (`!!str`, `!!int`, ...) decides instead.
fn scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, (String, &'static str)> {
    match tag.and_then(Tag::core_suffix) {
        Some("str") => return Ok(Value::String(text.to_owned())),
        Some("binary") => {
            return Err((
                "a `!!binary` value is bytes, not text; the catalog holds text".to_owned(),
                "remove the `!!binary` tag and write the text itself",
            ));
        }
        Some(suffix @ ("int" | "float" | "bool" | "null")) => {
            return match resolve(text) {
                Some(value)
                    if value_suffix(&value) == suffix
                        || (suffix == "float" && matches!(value, Value::Integer(_))) =>
                {
                    Ok(value)
                }
                _ => Err((
                    format!("`{}` is not a `!!{suffix}`", crate::naming::shown(text)),
                    "remove the tag, or write a value of its type",
                )),
            };
        }
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text.to_owned()));
    }
    Ok(resolve(text).unwrap_or_else(|| Value::String(text.to_owned())))
}

/// The core-schema tag a resolved value has.
fn value_suffix(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Integer(_) => "int",
        Value::Float(_) => "float",
        _ => "str",
    }
}

/// A plain scalar as the YAML 1.2 core schema reads it (plus YAML 1.1's `yes`/`no`
/// booleans); `None` for text.
fn resolve(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        // YAML 1.1's booleans: other tools still read `NO` (Norway's code) as false, so a
        // catalog must not hold them unquoted; as booleans, the schema step says so.
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Some(Value::Bool(true)),
        "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Some(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Float(f64::NAN)),
        _ => {}
    }
    let integer = |digits: &str, radix: u32| {
        (!digits.is_empty() && digits.chars().all(|c| c.is_digit(radix)))
            .then(|| i128::from_str_radix(digits, radix).ok())
            .flatten()
    };
    if let Some(octal) = text.strip_prefix("0o") {
        return integer(octal, 8).map(Value::Integer);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return integer(hex, 16).map(Value::Integer);
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for an integer: still a number, as the schema reads it.
        return Some(text.parse::<i128>().map_or_else(
            |_| Value::Float(text.parse().unwrap_or(f64::INFINITY)),
            Value::Integer,
        ));
    }
    let is_float = {
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
            None => (unsigned, None),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        (!whole.is_empty() || !fraction.is_empty())
            && mantissa.contains('.') | exponent.is_some()
            && digits(whole)
            && digits(fraction)
            && exponent.is_none_or(|exponent| {
                let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
                !exponent.is_empty() && digits(exponent)
            })
    };
    if is_float {
        return text.parse::<f64>().ok().map(Value::Float);
    }
    None
}

/// A syntax error at its position: the parser's message, with advice.
fn syntax_error(error: &ScanError, display: &str) -> Diagnostic {
    let message = format!("invalid YAML: {}", error.info());
    let help = if message.contains("tab") {
        "indent with spaces: YAML does not allow tabs in indentation"
    } else if message.contains("unclosed") {
        "close it: every `[`, `{` and quote needs its closing partner"
    } else {
        "fix the YAML syntax here: check the indentation, and quote text that contains `: `, `#`, `[` or `{`"
    };
    Diagnostic::new(display, position(*error.marker()), message).with_help(help)
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
