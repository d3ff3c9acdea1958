//! Generated catalogs through the whole pipeline: load → check → every emitter. The texts
//! mix every class of character that has broken a target format (controls, line
//! separators, the byte order mark, noncharacters, invisible and right-to-left marks,
//! combining marks, emoji, Markdown fences and table bars, comment terminators, HTML),
//! and some are long. Whatever the catalog, nothing panics, and every output parses in
//! its own format with an independent parser: JSON with serde_json, YAML with
//! serde-saphyr, Markdown with pulldown-cmark (every table row keeps its columns), Rust
//! with syn. `PROPTEST_CASES=2000` runs more cases.

mod support;

use luxxon_errors_codegen::{
    ArtifactKind, Catalog, RustOptions, docs_page, json_schema, openapi_components,
    typescript_module,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use support::yaml::yaml_quoted;

/// Characters from every class that has broken an output format.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => Just(' '),
        1 => proptest::sample::select(vec![
            '\u{0}', '\u{7}', '\t', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
            '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffe}', '\u{ffff}', '\u{200b}', '\u{200f}',
            '\u{202e}', '\u{301}', '🦀', '中', 'é', '"', '\'', '\\', '`', '|', '*', '/', '<',
            '>', '-', '#', '&', '{', '}', '$', ':', '!', '~', '_', '[', ']', '(', ')',
        ]),
        1 => proptest::char::any(),
    ]
}

/// Hostile text: characters from [`hostile_char`], and whole fragments that end or open
/// constructs (`*/`, `-->`, a fence), sometimes long.
fn hostile_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        6 => proptest::collection::vec(hostile_char(), 1..12).prop_map(String::from_iter),
        1 => proptest::sample::select(vec![
            "*/", "/*", "-->", "<!--", "```", "~~~", "    ", "\n", "\r\n", "</script>", "${x}",
            "\\u0041", "\\", "r#\"", "| a |", "**", "[x](y)", "# h",
        ])
        .prop_map(str::to_owned),
        1 => (1usize..3000).prop_map(|length| "w".repeat(length)),
    ];
    proptest::collection::vec(fragment, 1..8).prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone)]
struct Texts {
    title: String,
    description: String,
    meanings: Vec<String>,
    remedies: Vec<String>,
    page: [String; 6],
}

fn texts() -> impl Strategy<Value = Texts> {
    (
        hostile_text(),
        hostile_text(),
        proptest::collection::vec(hostile_text(), 1..5),
        proptest::collection::vec(hostile_text(), 1..5),
        proptest::array::uniform6(hostile_text()),
    )
        .prop_map(|(title, description, meanings, remedies, page)| Texts {
            title,
            description,
            meanings,
            remedies,
            page,
        })
}

/// A catalog holding the texts; one-line fields get the first line of theirs.
fn catalog_text(texts: &Texts) -> String {
    let one_line = |text: &str| text.lines().next().unwrap_or("x").to_owned() + "x";
    let [title, summary, lead, notes, heading, body] = &texts.page;
    let mut yaml = format!(
        "page:\n  title: {}\n  summary: {}\n  envelope:\n    lead: {}\n    example:\n      code: CODE_0\n      message: {}\n      detail: {}\n      timestamp: 2026-05-13T08:30:00Z\n    notes: {}\n  handling:\n    heading: {}\n    body: {}\n  versioning:\n    heading: {}\n    body: {}\n",
        yaml_quoted(&one_line(title)),
        yaml_quoted(&format!("{summary}x")),
        yaml_quoted(&format!("{lead}x")),
        yaml_quoted(&format!("{notes}x")),
        yaml_quoted(&format!("{heading}x")),
        yaml_quoted(&format!("{notes}x")),
        yaml_quoted(&one_line(heading)),
        yaml_quoted(&format!("{body}x")),
        yaml_quoted(&one_line(lead)),
        yaml_quoted(&format!("{summary}x")),
    );
    yaml.push_str(&format!(
        "families:\n  - id: hostile\n    title: {}\n    description: {}\n    retryable: true\n    retry_after: 7\ncodes:\n",
        yaml_quoted(&one_line(&texts.title)),
        yaml_quoted(&format!("{}x", texts.description)),
    ));
    for (index, meaning) in texts.meanings.iter().enumerate() {
        let remedy = &texts.remedies[index % texts.remedies.len()];
        yaml.push_str(&format!(
            "  - code: CODE_{index}\n    status: {}\n    family: hostile\n    meaning: {}\n    remedy: {}\n",
            400 + index,
            yaml_quoted(&one_line(meaning)),
            yaml_quoted(&one_line(remedy)),
        ));
    }
    yaml
}

/// Every table row of the page, as cell counts per table.
fn table_shapes(page: &str) -> Vec<Vec<usize>> {
    let mut tables = Vec::new();
    let mut cells = 0;
    for event in Parser::new_ext(page, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(table) = tables.last_mut() {
                    table.push(cells);
                }
            }
            _ => {}
        }
    }
    tables
}

fn check_outputs(catalog: &Catalog) {
    let rust = luxxon_errors_codegen::rust_items(catalog, &RustOptions::default());
    syn::parse2::<syn::File>(rust).expect("the Rust output parses");

    let schema: serde_json::Value =
        serde_json::from_str(&json_schema(catalog)).expect("the JSON Schema is JSON");
    let openapi: serde_json::Value =
        serde_saphyr::from_str(&openapi_components(catalog)).expect("the OpenAPI fragment is YAML");
    // The same code schema in both, so the YAML read back what was meant.
    assert_eq!(
        schema["$defs"]["LuxxonErrorCode"],
        openapi["components"]["schemas"]["LuxxonErrorCode"]
    );

    let page = docs_page(catalog);
    let shapes = table_shapes(&page);
    assert_eq!(
        shapes.len(),
        catalog.families().len(),
        "one table per family"
    );
    for (table, family) in shapes.iter().zip(catalog.families()) {
        let columns = if catalog.codes_of(family).any(|code| code.remedy().is_some()) {
            4
        } else {
            3
        };
        assert_eq!(
            table.len(),
            catalog.codes_of(family).count() + 1,
            "one row per code"
        );
        assert!(
            table.iter().all(|cells| *cells == columns),
            "{table:?}\n{page}"
        );
    }

    let typescript = typescript_module(catalog);
    // Every doc comment closes where it should: each opens a line (text lines inside
    // start with ` * `), and `*/` appears only as the end of one.
    let openers = typescript
        .lines()
        .filter(|line| line.trim_start().starts_with("/**"))
        .count();
    assert_eq!(openers, typescript.matches("*/").count());
    let _ = ArtifactKind::ALL;
}

/// The quoting every test catalog goes through escapes what YAML refuses raw (U+FFFE,
/// U+FFFF) and what readers disagree on (U+2028 and U+2029 are line breaks to YAML 1.1
/// readers, text to YAML 1.2 ones), so that the text the tests meant is the text read.
#[test]
fn yaml_quoting_escapes_separators_noncharacters_and_controls() {
    let awkward = "a\u{2028}b\u{2029}c\u{fffe}d\u{ffff}e\u{feff}f\u{0}\t\n\r\u{85}\"\\g";
    let quoted = yaml_quoted(awkward);
    for raw in [
        '\u{2028}', '\u{2029}', '\u{fffe}', '\u{ffff}', '\u{feff}', '\n', '\r', '\u{85}',
    ] {
        assert!(!quoted.contains(raw), "{raw:?} is written raw: {quoted:?}");
    }
    assert!(
        quoted.contains("\\U00002028") && quoted.contains("\\U0000fffe"),
        "{quoted:?}"
    );
    assert_eq!(serde_saphyr::from_str::<String>(&quoted).unwrap(), awkward);
    // Why: written raw, a noncharacter makes the catalog unreadable.
    for nonchar in ['\u{fffe}', '\u{ffff}'] {
        assert!(serde_saphyr::from_str::<String>(&format!("\"{nonchar}\"")).is_err());
    }
}

proptest! {
    #![proptest_config(Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn yaml_quoted_hostile_text_reads_back_exactly(text in hostile_text()) {
        let quoted = yaml_quoted(&text);
        prop_assert_eq!(serde_saphyr::from_str::<String>(&quoted).ok(), Some(text));
    }

    #[test]
    fn any_catalog_is_refused_with_located_problems_or_emitted_in_valid_formats(texts in texts()) {
        let text = catalog_text(&texts);
        match Catalog::parse(&text, "generated.yaml") {
            Ok(catalog) => check_outputs(&catalog),
            Err(problems) => {
                for problem in &problems {
                    prop_assert!(problem.position.line >= 1 && problem.position.column >= 1);
                    prop_assert!(problem.help.is_some(), "{problem}");
                    prop_assert!(problem.to_string().len() < 2_000, "{problem}");
                }
            }
        }
    }
}
