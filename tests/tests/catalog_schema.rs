//! The catalog format's JSON Schema (`generated/schema/errors-yaml.schema.json`), checked
//! with a real draft-07 validator against the reader it describes: every catalog `check`
//! accepts is valid, every UI case is flagged exactly where the schema can say what is
//! wrong, and where the two disagree [`UI_CASES`] says why.
//!
//! Catalogs are read as an editor reads them: YAML 1.2, so `no` and `on` are text, not
//! booleans (yaml-language-server reads YAML 1.2 by default).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonschema::Validator;
use luxxon_errors_codegen::{ArtifactKind, Catalog};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use support::workspace_root;

fn schema() -> Value {
    serde_json::from_str(&support::read(ArtifactKind::CatalogSchema.path()))
        .expect("the schema is JSON")
}

fn validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| jsonschema::draft7::new(&schema()).expect("the schema compiles"))
}

/// Catalog text as JSON, read as YAML 1.2; `None` when it is not one YAML document.
fn json_of_text(text: &str) -> Option<Value> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).ok()
}

fn json_of(path: &Path) -> Option<Value> {
    json_of_text(&std::fs::read_to_string(path).ok()?)
}

/// Where the schema finds `catalog` invalid: the JSON pointers of the values it flags
/// (an object, for a key missing from it or not allowed in it).
fn flagged(validator: &Validator, catalog: &Value) -> BTreeSet<String> {
    validator
        .iter_errors(catalog)
        .map(|error| error.instance_path().to_string())
        .collect()
}

fn reasons(validator: &Validator, catalog: &Value) -> Vec<String> {
    validator
        .iter_errors(catalog)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// One UI case (`tests/ui/NAME.yaml`), as the schema sees it.
struct UiCase {
    name: &'static str,
    /// The values the schema flags, or `None` when the file is not one YAML document
    /// (the reader refuses it before any key is read, and so does an editor's YAML
    /// parser, before any schema is applied).
    flagged: Option<&'static [&'static str]>,
    /// What `check` reports beyond that, and why a schema cannot say it; empty when the
    /// schema flags every value `check` does.
    left_to_check: &'static str,
}

const NOT_YAML: &str = "not a catalog's shape: the file is refused as YAML, by the reader and by an editor's YAML parser alike";

/// Every UI case: where the schema and `check` agree, and where they disagree, why.
const UI_CASES: &[UiCase] = &[
    UiCase {
        name: "alias_bomb",
        flagged: None,
        left_to_check: "the reader's limit on what aliases expand to (serde-saphyr's budget refuses it too)",
    },
    UiCase {
        name: "code_not_screaming_snake",
        flagged: Some(&[
            "/codes/0/code",
            "/codes/1/code",
            "/codes/2/code",
            "/codes/3/code",
            "/codes/4/code",
        ]),
        left_to_check: "",
    },
    UiCase {
        name: "deep_nesting",
        flagged: Some(&["/codes/0/meaning"]),
        left_to_check: "the reader's nesting limit is not a shape; the schema flags the same value, as a list where text goes",
    },
    UiCase {
        name: "directory",
        flagged: None,
        left_to_check: "a folder, not a file",
    },
    UiCase {
        name: "duplicate_code",
        flagged: Some(&[]),
        left_to_check: "a code defined twice: uniqueness of a member across entries is not something draft-07 can say (`uniqueItems` compares whole entries)",
    },
    UiCase {
        name: "duplicate_family",
        flagged: Some(&["/families/2/id", "/families/3/id"]),
        left_to_check: "a family defined twice (as for codes)",
    },
    UiCase {
        name: "duplicate_key",
        flagged: None,
        left_to_check: "a key written twice in one mapping: a YAML error, which an editor's YAML parser reports itself",
    },
    UiCase {
        name: "empty",
        flagged: Some(&[""]),
        left_to_check: "",
    },
    UiCase {
        name: "empty_text",
        flagged: Some(&[
            "/codes/0/meaning",
            "/codes/0/remedy",
            "/families/0/description",
            "/families/0/title",
        ]),
        left_to_check: "",
    },
    UiCase {
        name: "example_timestamp",
        flagged: Some(&["/page/envelope/example/timestamp"]),
        left_to_check: "",
    },
    UiCase {
        name: "family_without_codes",
        flagged: Some(&[]),
        left_to_check: "a family no code names: a reference between entries",
    },
    UiCase {
        name: "identifier_collision",
        flagged: Some(&[]),
        left_to_check: "two codes with the same Rust variant: a comparison between entries",
    },
    UiCase {
        name: "keyword_code",
        flagged: Some(&["/codes/0/code", "/codes/3/rust_name"]),
        left_to_check: "",
    },
    UiCase {
        name: "lifecycle_marker",
        flagged: Some(&[
            "/codes/0/lifecycle",
            "/codes/1/lifecycle",
            "/codes/2/lifecycle",
            "/codes/3",
            "/families/0",
        ]),
        left_to_check: "",
    },
    UiCase {
        name: "lookalike_code",
        flagged: Some(&["/codes/0/code", "/codes/1/code"]),
        left_to_check: "",
    },
    UiCase {
        name: "many_problems",
        flagged: Some(&[
            "/codes/0/status",
            "/codes/1/code",
            "/codes/1/meaning",
            "/codes/2",
            "/codes/2/status",
        ]),
        left_to_check: "the duplicate family and code, and the code naming a family that is not defined: relations between entries",
    },
    UiCase {
        name: "missing_field",
        flagged: Some(&["/codes/0", "/codes/1/family"]),
        left_to_check: "",
    },
    UiCase {
        name: "missing_remedy",
        flagged: Some(&[]),
        left_to_check: "one code of a family without the `remedy` the others have: a relation between entries",
    },
    UiCase {
        name: "misspelt_key",
        flagged: Some(&["/codes/0"]),
        left_to_check: "",
    },
    UiCase {
        name: "multiline_meaning",
        flagged: Some(&[]),
        left_to_check: "a text that must be on one line: the reader drops a block scalar's final line break and then refuses any other, which a pattern could only approximate differently in each regex dialect",
    },
    UiCase {
        name: "multiple_documents",
        flagged: None,
        left_to_check: NOT_YAML,
    },
    UiCase {
        name: "not_a_catalog",
        flagged: Some(&[""]),
        left_to_check: "",
    },
    UiCase {
        name: "not_utf8",
        flagged: None,
        left_to_check: NOT_YAML,
    },
    UiCase {
        name: "retry_after",
        flagged: Some(&[
            "/codes/1/retry_after",
            "/codes/2/retryable",
            "/families/0",
            "/families/1/retry_after",
        ]),
        left_to_check: "`retry_after` on a code whose family is not retryable: a reference between entries (a code's own `retryable: false` is flagged)",
    },
    UiCase {
        name: "rust_name_invalid",
        flagged: Some(&[
            "/codes/0/rust_name",
            "/codes/1/rust_name",
            "/codes/2/rust_name",
            "/codes/3/rust_name",
        ]),
        left_to_check: "",
    },
    UiCase {
        name: "status_not_error",
        flagged: Some(&["/codes/0/status", "/codes/1/status", "/codes/2/status"]),
        left_to_check: "",
    },
    UiCase {
        name: "status_out_of_range",
        flagged: Some(&[
            "/codes/0/status",
            "/codes/1/status",
            "/codes/2/status",
            "/codes/3/status",
        ]),
        left_to_check: "",
    },
    UiCase {
        name: "status_spelling",
        flagged: Some(&["/codes/2/status", "/codes/3/status"]),
        left_to_check: "`0x191` and `0403`: YAML reads both as numbers in range, and a schema sees the number, never how it was written",
    },
    UiCase {
        name: "tab_indentation",
        flagged: None,
        left_to_check: NOT_YAML,
    },
    UiCase {
        name: "unclosed_prose",
        flagged: Some(&[]),
        left_to_check: "Markdown that leaves a code block or an HTML comment open: not a pattern",
    },
    UiCase {
        name: "undefined_family",
        flagged: Some(&[]),
        left_to_check: "codes naming a family that is not defined, and a family no code names: references between entries",
    },
    UiCase {
        name: "unknown_key",
        flagged: Some(&["/codes/0", "/families/0"]),
        left_to_check: "",
    },
    UiCase {
        name: "unknown_variant_collision",
        flagged: Some(&["/codes/0/code", "/codes/1/rust_name"]),
        left_to_check: "",
    },
    UiCase {
        name: "wrong_type",
        flagged: Some(&[
            "/codes/0/family",
            "/codes/0/meaning",
            "/codes/0/status",
            "/codes/1/status",
            "/codes/2",
            "/families/0/retryable",
        ]),
        left_to_check: "`code: NO` and `meaning: Yes`: the reader takes YAML 1.1's booleans for booleans where text is expected (other tools still do), while YAML 1.2, which editors read, takes them for text",
    },
    UiCase {
        name: "yaml_syntax",
        flagged: None,
        left_to_check: NOT_YAML,
    },
];

#[test]
fn the_schema_is_a_valid_draft_07_schema() {
    let schema = schema();
    if let Err(error) = jsonschema::draft7::meta::validate(&schema) {
        panic!("{error}");
    }
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

/// The catalogs of the repository that are not UI cases: the catalog itself, the example
/// crate's, and every `.yaml` under `tests/` outside `tests/ui/`'s top level.
fn catalogs() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("tests/ui/directory.yaml") {
                walk(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                found.push(path);
            }
        }
    }
    let root = workspace_root();
    let mut found = vec![
        root.join("errors.yaml"),
        root.join("examples/build-script/errors.yaml"),
    ];
    walk(&root.join("tests"), &mut found);
    found.retain(|path| path.parent() != Some(&root.join("tests/ui")));
    found
}

#[test]
fn every_catalog_check_accepts_is_valid() {
    let validator = validator();
    let catalogs = catalogs();
    assert!(catalogs.len() >= 6, "{catalogs:?}");
    for path in catalogs {
        if let Err(problems) = Catalog::load(&path) {
            panic!(
                "check refuses {}, which is no UI case:\n{problems}",
                path.display()
            );
        }
        let catalog = json_of(&path).unwrap_or_else(|| panic!("{} is YAML", path.display()));
        let reasons = reasons(validator, &catalog);
        assert!(
            reasons.is_empty(),
            "{} is accepted by check, not by the schema:\n{}",
            path.display(),
            reasons.join("\n")
        );
    }
}

#[test]
fn every_ui_case_is_flagged_where_the_schema_can_say_what_is_wrong() {
    let validator = validator();
    let ui = workspace_root().join("tests/ui");
    let mut names: Vec<String> = std::fs::read_dir(&ui)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let listed: Vec<&str> = UI_CASES.iter().map(|case| case.name).collect();
    assert_eq!(
        names, listed,
        "every UI case, and only those, is listed in UI_CASES, in order"
    );
    for case in UI_CASES {
        let path = ui.join(format!("{}.yaml", case.name));
        assert!(
            Catalog::load(&path).is_err(),
            "{}: check accepts it",
            case.name
        );
        let flagged = json_of(&path).map(|catalog| flagged(validator, &catalog));
        let expected = case
            .flagged
            .map(|paths| paths.iter().map(|path| (*path).to_owned()).collect());
        assert_eq!(
            flagged,
            expected,
            "{}: {:#?}",
            case.name,
            json_of(&path).map(|catalog| reasons(validator, &catalog))
        );
        // A case the schema does not fully flag says why; one it does, says nothing.
        let fully_flagged = case.flagged.is_some_and(|paths| !paths.is_empty());
        assert!(
            fully_flagged || !case.left_to_check.is_empty(),
            "{}: the schema flags nothing; say why in `left_to_check`",
            case.name
        );
    }
}

#[test]
fn the_readme_table_names_every_key_of_the_schema() {
    let readme = support::read("README.md");
    let section = readme
        .split("\n## The catalog\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a section on the catalog");
    let schema = schema();
    let root = schema["properties"].as_object().unwrap();

    /// Every property name under `schema`, nested objects and list entries included.
    fn keys(schema: &Value, found: &mut Vec<String>) {
        let schema = schema.get("items").unwrap_or(schema);
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                found.push(name.clone());
                keys(property, found);
            }
        }
    }
    for (name, property) in root {
        let row = section
            .lines()
            .find(|line| line.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("the README's catalog table has no row for `{name}`"));
        let mut nested = Vec::new();
        keys(property, &mut nested);
        for key in nested {
            assert!(
                row.contains(&format!("`{key}`")),
                "the README's row for `{name}` does not name `{key}`"
            );
        }
    }
}

/// A name made of words in every case, joined by the separators people use (or by
/// doubled or missing ones), sometimes with a character no name may hold, sometimes about
/// as long as the limit: codes, family ids and Rust names, well-formed or nearly.
fn name() -> impl Strategy<Value = String> {
    fn chars(
        first: std::ops::RangeInclusive<char>,
        rest: Vec<char>,
    ) -> impl Strategy<Value = String> {
        (
            proptest::char::range(*first.start(), *first.end()),
            proptest::collection::vec(proptest::sample::select(rest), 0..5),
        )
            .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
    }
    let upper: Vec<char> = ('A'..='Z').chain('0'..='9').collect();
    let lower: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    let word = prop_oneof![
        4 => chars('A'..='Z', upper),
        2 => chars('a'..='z', lower),
        1 => chars('0'..='9', ('0'..='9').collect()),
        1 => proptest::sample::select(vec!["", "É", "\u{200b}", "О", " ", "Aa", "aA"]).prop_map(str::to_owned),
    ];
    let separator = proptest::sample::select(vec!["_", "_", "_", "_", "__", "-", ""]);
    let joined = (
        proptest::collection::vec(word, 1..5),
        proptest::collection::vec(separator, 4),
    )
        .prop_map(|(words, separators)| {
            let mut name = String::new();
            for (index, word) in words.iter().enumerate() {
                if index > 0 {
                    name.push_str(separators[index - 1]);
                }
                name.push_str(word);
            }
            name
        });
    prop_oneof![
        8 => joined,
        3 => (62usize..66, proptest::bool::ANY).prop_map(|(length, upper)| {
            let name = "a_b".repeat(length).chars().take(length).collect::<String>();
            if upper { name.to_uppercase() } else { name }
        }),
        1 => proptest::sample::select(vec!["SELF", "UNKNOWN", "self", "Self", "ALL", "Unknown", "all"])
            .prop_map(str::to_owned),
    ]
}

/// Text that is empty, white space, or not.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![' ', '\t', '\u{a0}', '\u{2003}', '\u{3000}', 'x']),
        0..4,
    )
    .prop_map(String::from_iter)
}

/// One value of a catalog that is otherwise valid.
#[derive(Clone, Debug)]
enum Subject {
    Code(String),
    FamilyId(String),
    RustName(String),
    Status(i64),
    RetryAfter(i64),
    Meaning(String),
}

fn subject() -> impl Strategy<Value = Subject> {
    prop_oneof![
        name().prop_map(Subject::Code),
        name().prop_map(Subject::FamilyId),
        name().prop_map(Subject::RustName),
        prop_oneof![0i64..1000, Just(399), Just(400), Just(599), Just(600)]
            .prop_map(Subject::Status),
        prop_oneof![-2i64..100_000, Just(0), Just(1), Just(86_400), Just(86_401)]
            .prop_map(Subject::RetryAfter),
        text().prop_map(Subject::Meaning),
    ]
}

proptest! {
    #![proptest_config(Config { failure_persistence: None, ..Config::default() })]

    /// In a catalog that is valid but for one value, the schema and `check` agree on that
    /// value: a code, a family id, a Rust name, a status, a `retry_after`, a text.
    #[test]
    fn the_schema_and_check_agree_on_names_numbers_and_texts(subject in subject()) {
        let quoted = |text: &str| serde_json::to_string(text).unwrap();
        let (mut code, mut family, mut status, mut meaning) =
            ("NOT_FOUND".to_owned(), "session".to_owned(), 404, "Gone.".to_owned());
        let mut extra = String::new();
        match &subject {
            Subject::Code(name) => code = name.clone(),
            Subject::FamilyId(name) => family = name.clone(),
            Subject::RustName(name) => extra = format!("    rust_name: {}\n", quoted(name)),
            Subject::Status(number) => status = *number,
            Subject::RetryAfter(number) => extra = format!("    retry_after: {number}\n"),
            Subject::Meaning(text) => meaning = text.clone(),
        }
        let yaml = format!(
            "families:\n  - id: {}\n    title: T\n    retryable: true\ncodes:\n  - code: {}\n    status: {status}\n    family: {}\n    meaning: {}\n{extra}",
            quoted(&family), quoted(&code), quoted(&family), quoted(&meaning)
        );
        let checked = Catalog::parse(&yaml, "errors.yaml");
        let catalog = json_of_text(&yaml).expect("YAML");
        let reasons = reasons(validator(), &catalog);
        prop_assert_eq!(
            checked.is_ok(),
            reasons.is_empty(),
            "{}\ncheck: {:?}\nschema: {:?}",
            yaml,
            checked.err().map(|problems| problems.to_string()),
            reasons
        );
    }
}

#[test]
fn a_build_script_writes_the_schema_where_its_catalog_can_name_it() {
    let dir = support::scratch_dir("catalog-schema-builder");
    let schema_path = dir.join("crate/errors.schema.json");
    let mut builder = luxxon_errors_codegen::Builder::new();
    builder
        .catalog(workspace_root().join("errors.yaml"))
        .catalog_name("errors.yaml")
        .out_dir(dir.join("out"))
        .artifacts([ArtifactKind::RustModule])
        .catalog_schema(schema_path.to_str().unwrap());
    let written = builder.generate().unwrap_or_else(|error| panic!("{error}"));
    let kinds: Vec<ArtifactKind> = written.iter().map(|file| file.kind).collect();
    assert_eq!(
        kinds,
        [ArtifactKind::RustModule, ArtifactKind::CatalogSchema]
    );
    assert_eq!(
        std::fs::read_to_string(&schema_path).unwrap(),
        support::read(ArtifactKind::CatalogSchema.path())
    );
    assert!(builder.check().unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}
