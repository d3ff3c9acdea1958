//! Property tests of the codegen core on random and mutated catalogs.
//!
//! Whatever the text, [`Catalog::parse`] returns: never a panic. An `Err` holds only
//! problems inside the file, with a message and the file's name; an `Ok` catalog
//! produces Rust that parses. Raise the number of cases with `PROPTEST_CASES=10000`.

use luxxon_errors_codegen::RustOptions;
use luxxon_errors_codegen::{Catalog, Diagnostics};
use proptest::prelude::*;
use proptest::sample::Index;

#[path = "../../tests/tests/support/yaml.rs"]
mod yaml;
use yaml::yaml_quoted;

const NAME: &str = "errors.yaml";
const REAL_CATALOG: &str = include_str!("../../errors.yaml");

/// Checks what must hold for any text, and returns the outcome for further checks.
fn check(text: &str) -> Result<Catalog, Diagnostics> {
    let outcome = Catalog::parse(text, NAME);
    match &outcome {
        Err(problems) => {
            assert!(!problems.is_empty());
            let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX);
            for problem in problems {
                assert_eq!(problem.path, NAME);
                assert!(problem.position.line >= 1, "{problem}");
                assert!(problem.position.column >= 1, "{problem}");
                assert!(
                    problem.position.line <= lines.saturating_add(1),
                    "{problem}: past the end of a {lines}-line file"
                );
                assert!(!problem.message.trim().is_empty(), "{problem}");
            }
        }
        Ok(catalog) => {
            let source =
                luxxon_errors_codegen::rust_items(catalog, &RustOptions::default()).to_string();
            if let Err(error) = syn::parse_file(&source) {
                panic!("the output for an accepted catalog is not Rust: {error}\n{text}");
            }
        }
    }
    outcome
}

fn config(cases: u32) -> ProptestConfig {
    // `PROPTEST_CASES` overrides the default count, as everywhere in proptest.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Mutations of the real catalog.

#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    ReplaceChar(Index, char),
    Truncate(Index),
    Insert(Index, String),
    InsertKey(Index, usize, String, String),
    Indent(Index, usize),
    Dedent(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let text = prop_oneof![
        "[ -~]{0,12}",
        Just("\t".to_owned()),
        Just("&a ".to_owned()),
        Just("*a".to_owned()),
        Just("- ".to_owned()),
        Just(": ".to_owned()),
        Just("[".to_owned()),
        Just("{".to_owned()),
        Just("\"".to_owned()),
        Just("---\n".to_owned()),
        Just("\n".to_owned()),
        any::<String>().prop_map(|text| text.chars().take(8).collect()),
    ];
    let key = prop_oneof![
        Just("code".to_owned()),
        Just("status".to_owned()),
        Just("family".to_owned()),
        Just("meaning".to_owned()),
        Just("remedy".to_owned()),
        Just("lifecycle".to_owned()),
        Just("rust_name".to_owned()),
        Just("retryable".to_owned()),
        Just("id".to_owned()),
        Just("<<".to_owned()),
        "[a-z_]{1,10}",
    ];
    let value = prop_oneof![
        Just(String::new()),
        Just("~".to_owned()),
        Just("legacy".to_owned()),
        Just("SELF".to_owned()),
        Just("UNKNOWN".to_owned()),
        Just("Self".to_owned()),
        Just("NOT_AUTHENTICATED".to_owned()),
        Just("auth".to_owned()),
        Just("[]".to_owned()),
        Just("{}".to_owned()),
        (-1000i64..100_000).prop_map(|status| status.to_string()),
        "[ -~]{0,12}",
    ];
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<Index>(), any::<char>()).prop_map(|(at, c)| Mutation::ReplaceChar(at, c)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), text).prop_map(|(at, text)| Mutation::Insert(at, text)),
        (any::<Index>(), 0usize..8, key, value)
            .prop_map(|(at, indent, key, value)| Mutation::InsertKey(at, indent, key, value)),
        (any::<Index>(), 1usize..4).prop_map(|(at, by)| Mutation::Indent(at, by)),
        any::<Index>().prop_map(Mutation::Dedent),
    ]
}

/// The byte offset of the `at`-th character boundary of `text` (including its end).
fn boundary(text: &str, at: Index) -> usize {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(offset, _)| offset)
        .chain([text.len()])
        .collect();
    boundaries[at.index(boundaries.len())]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let count = lines.len();
    match mutation {
        Mutation::DeleteLine(at) => {
            lines.remove(at.index(count));
        }
        Mutation::DuplicateLine(at) => {
            let line = lines[at.index(count)].clone();
            lines.insert(at.index(count), line);
        }
        Mutation::SwapLines(a, b) => lines.swap(a.index(count), b.index(count)),
        Mutation::ReplaceChar(at, c) => {
            let mut text = text.to_owned();
            let start = boundary(&text, *at);
            let end = text[start..]
                .chars()
                .next()
                .map_or(start, |old| start + old.len_utf8());
            text.replace_range(start..end, &c.to_string());
            return text;
        }
        Mutation::Truncate(at) => return text[..boundary(text, *at)].to_owned(),
        Mutation::Insert(at, inserted) => {
            let mut text = text.to_owned();
            text.insert_str(boundary(&text, *at), inserted);
            return text;
        }
        Mutation::InsertKey(at, indent, key, value) => {
            lines.insert(
                at.index(count + 1),
                format!("{}{key}: {value}", " ".repeat(*indent)),
            );
        }
        Mutation::Indent(at, by) => {
            let line = &mut lines[at.index(count)];
            line.insert_str(0, &" ".repeat(*by));
        }
        Mutation::Dedent(at) => {
            let line = &mut lines[at.index(count)];
            *line = line.trim_start().to_owned();
        }
    }
    let mut joined = lines.join("\n");
    joined.push('\n');
    joined
}

#[test]
fn the_real_catalog_is_accepted() {
    let catalog = check(REAL_CATALOG).unwrap_or_else(|problems| panic!("{problems}"));
    assert!(!catalog.codes().is_empty());
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn mutated_real_catalogs_are_accepted_or_refused_with_located_problems(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let text = mutations
            .iter()
            .fold(REAL_CATALOG.to_owned(), |text, mutation| apply(&text, mutation));
        let _ = check(&text);
    }
}

// ---------------------------------------------------------------------------------------
// Random catalogs, generated over the schema with edge values.

/// A YAML scalar or collection, written out by [`Yaml::write`].
#[derive(Clone, Debug)]
enum Yaml {
    /// Written as is: a plain scalar, `~`, a number, a flow collection.
    Raw(String),
    /// Written double-quoted, escaped so that YAML reads back exactly the text.
    Text(String),
    /// Written as a literal block (`|`).
    Block(String),
    List(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    fn write(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match self {
            Yaml::Raw(raw) => {
                out.push(' ');
                out.push_str(raw);
                out.push('\n');
            }
            Yaml::Text(text) => {
                out.push(' ');
                out.push_str(&yaml_quoted(text));
                out.push('\n');
            }
            Yaml::Block(text) => {
                out.push_str(" |\n");
                for line in text.lines() {
                    out.push_str(&pad);
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Yaml::List(items) if items.is_empty() => out.push_str(" []\n"),
            Yaml::List(items) => {
                out.push('\n');
                for item in items {
                    out.push_str(&pad);
                    out.push_str("  -");
                    match item {
                        Yaml::Map(entries) if !entries.is_empty() => {
                            write_entries(entries, indent + 4, true, out);
                        }
                        other => other.write(indent + 4, out),
                    }
                }
            }
            Yaml::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
            Yaml::Map(entries) => {
                out.push('\n');
                write_entries(entries, indent + 2, false, out);
            }
        }
    }
}

/// Writes mapping entries at `indent`; the first goes on the current line after a
/// list's `-` when `after_dash`.
fn write_entries(entries: &[(String, Yaml)], indent: usize, after_dash: bool, out: &mut String) {
    for (index, (key, value)) in entries.iter().enumerate() {
        if index == 0 && after_dash {
            out.push(' ');
        } else {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(key);
        out.push(':');
        value.write(indent, out);
    }
}

fn text_value() -> impl Strategy<Value = Yaml> {
    prop_oneof![
        16 => "[A-Z][a-z .,/()-]{0,30}".prop_map(Yaml::Raw),
        4 => any::<String>().prop_map(Yaml::Text),
        1 => Just(Yaml::Text(String::new())),
        1 => Just(Yaml::Text("*/ \\ \" `|` é 🦀".to_owned())),
        1 => "[a-z ]{1,20}\n[a-z ]{1,20}".prop_map(Yaml::Block),
        1 => Just(Yaml::Raw("~".to_owned())),
        1 => Just(Yaml::Raw("12".to_owned())),
        1 => Just(Yaml::Raw("[a, b]".to_owned())),
    ]
}

fn code_name() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[A-Z]{3}[A-Z0-9]{0,4}(_[A-Z0-9]{1,4}){0,2}",
        1 => prop::sample::select(vec![
            "SELF", "SUPER", "TYPE", "UNKNOWN", "ALL", "NOT__FOUND", "NOT_FOUND_2",
            "NOT_FOUND2", "not_found", "2FA", "", "_", "É",
        ])
        .prop_map(str::to_owned),
        1 => Just("A".repeat(64)),
    ]
}

fn family_id() -> impl Strategy<Value = String> {
    prop_oneof![
        16 => prop::sample::select(vec!["auth", "type", "not_found"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["not_found", "a_1", "a1", "self", "unknown", "Bad", "", "a__b"])
            .prop_map(str::to_owned),
        1 => "[a-z][a-z0-9_]{0,8}",
    ]
}

/// An optional field: present with `value` `presence` times in 100, or left out.
fn field(
    key: &'static str,
    value: impl Strategy<Value = Yaml>,
    presence: u32,
) -> impl Strategy<Value = Option<(String, Yaml)>> {
    prop::option::weighted(
        f64::from(presence) / 100.0,
        value.prop_map(move |value| (key.to_owned(), value)),
    )
}

fn family() -> impl Strategy<Value = Yaml> {
    (
        field("id", family_id().prop_map(Yaml::Raw), 98),
        field("title", text_value(), 98),
        field("description", text_value(), 30),
        field(
            "retryable",
            prop_oneof![
                4 => Just(Yaml::Raw("true".into())),
                4 => Just(Yaml::Raw("false".into())),
                1 => text_value(),
            ],
            30,
        ),
        field("lifecycle", Just(Yaml::Raw("legacy".into())), 2),
    )
        .prop_map(|fields| {
            let (a, b, c, d, e) = fields;
            Yaml::Map([a, b, c, d, e].into_iter().flatten().collect())
        })
}

/// A code entry whose `family` is mostly one of `families`.
fn code(families: Vec<String>) -> impl Strategy<Value = Yaml> {
    let family = if families.is_empty() {
        family_id().boxed()
    } else {
        prop_oneof![9 => prop::sample::select(families), 1 => family_id()].boxed()
    };
    let status = prop_oneof![
        30 => (400i64..600).prop_map(|status| Yaml::Raw(status.to_string())),
        2 => (-1000i64..100_000).prop_map(|status| Yaml::Raw(status.to_string())),
        1 => Just(Yaml::Text("404".to_owned())),
        1 => Just(Yaml::Raw("404.5".to_owned())),
        1 => Just(Yaml::Raw("99999999999999999999999999999999999999999".to_owned())),
    ];
    let lifecycle = prop_oneof![
        8 => prop::sample::select(vec!["active", "legacy", "reserved"])
            .prop_map(|value| Yaml::Raw(value.to_owned())),
        1 => prop::sample::select(vec!["legcy", "true", "[legacy]"])
            .prop_map(|value| Yaml::Raw(value.to_owned())),
        1 => text_value(),
    ];
    let rust_name = prop_oneof![
        8 => "[A-Z][a-z0-9]{0,8}".prop_map(Yaml::Raw),
        1 => prop::sample::select(vec!["Self", "Unknown", "ALL", "lower", "Not_Camel", "Type"])
            .prop_map(|value| Yaml::Raw(value.to_owned())),
    ];
    (
        (
            field("code", code_name().prop_map(Yaml::Raw), 98),
            field("status", status, 98),
            field("family", family.prop_map(Yaml::Raw), 98),
            field("meaning", text_value(), 98),
        ),
        (
            field("remedy", text_value(), 10),
            field("lifecycle", lifecycle, 20),
            field(
                "retryable",
                prop_oneof![4 => Just(Yaml::Raw("true".into())), 1 => text_value()],
                20,
            ),
            field("rust_name", rust_name, 10),
            field("colour", text_value(), 2),
        ),
    )
        .prop_map(|((a, b, c, d), (e, f, g, h, i))| {
            Yaml::Map([a, b, c, d, e, f, g, h, i].into_iter().flatten().collect())
        })
}

fn catalog() -> impl Strategy<Value = String> {
    prop::collection::vec((family_id(), family()), 1..3)
        .prop_flat_map(|families| {
            let ids: Vec<String> = families.iter().map(|(id, _)| id.clone()).collect();
            let families: Vec<Yaml> = families
                .into_iter()
                .map(|(id, family)| match family {
                    // The family's id is the one its codes mostly name.
                    Yaml::Map(mut entries) => {
                        if let Some((_, value)) = entries.iter_mut().find(|(key, _)| key == "id") {
                            *value = Yaml::Raw(id);
                        }
                        Yaml::Map(entries)
                    }
                    other => other,
                })
                .collect();
            (
                Just(families),
                prop::collection::vec(code(ids), 1..5),
                prop::bool::weighted(0.05),
            )
        })
        .prop_map(|(families, codes, empty)| {
            let (families, codes) = if empty {
                (Vec::new(), Vec::new())
            } else {
                (families, codes)
            };
            let mut text = String::new();
            write_entries(
                &[
                    ("families".to_owned(), Yaml::List(families)),
                    ("codes".to_owned(), Yaml::List(codes)),
                ],
                0,
                false,
                &mut text,
            );
            text
        })
}

/// A catalog that follows every rule: distinct families and codes, each family used,
/// any one-line text.
fn valid_catalog() -> impl Strategy<Value = (String, Vec<String>)> {
    let one_line = any::<String>().prop_filter_map("a one-line, non-blank text", |text| {
        let text = text.trim_end().replace(['\n', '\r'], " ");
        (!text.trim().is_empty()).then_some(text)
    });
    (1usize..4, prop::collection::vec((400u16..600, one_line), 1..8)).prop_map(
        |(family_count, codes)| {
            let mut text = String::from("families:\n");
            for family in 0..family_count {
                text.push_str(&format!("  - id: family_{family}\n    title: Family {family}\n"));
            }
            text.push_str("codes:\n");
            let mut meanings = Vec::new();
            let count = codes.len().max(family_count);
            for index in 0..count {
                let (status, meaning) = codes[index % codes.len()].clone();
                let mut quoted = String::new();
                Yaml::Text(meaning.clone()).write(0, &mut quoted);
                text.push_str(&format!(
                    "  - code: CODE_{index}\n    status: {status}\n    family: family_{}\n    meaning:{quoted}",
                    index % family_count
                ));
                meanings.push(meaning);
            }
            (text, meanings)
        },
    )
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn random_catalogs_are_accepted_or_refused_with_located_problems(text in catalog()) {
        let _ = check(&text);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn valid_catalogs_are_accepted_with_their_text_verbatim(
        (text, meanings) in valid_catalog()
    ) {
        let catalog = check(&text).unwrap_or_else(|problems| panic!("{problems}\n{text}"));
        let read: Vec<&str> = catalog.codes().iter().map(|code| code.meaning()).collect();
        prop_assert_eq!(read, meanings.iter().map(String::as_str).collect::<Vec<_>>());
    }
}
