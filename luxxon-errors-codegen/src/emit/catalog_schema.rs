//! The catalog's own JSON Schema: the shape of `errors.yaml`, for the editors its authors
//! type it in.
//!
//! Draft-07, because that is what yaml-language-server (and so VS Code's YAML support and
//! most other editors') reads; it does not follow later drafts. The properties of each
//! object, and their descriptions (an editor's hover text), are read off the reader's key
//! tables (`load::keys`), and the limits off the reader's constants, so the schema cannot
//! name a key the reader refuses or miss one it takes. What a schema cannot say stays with
//! `check`: duplicates, references between codes and families, texts on one line, how a
//! number is spelt, and Markdown left open.
//!
//! The schema describes the format, not one catalog: any catalog may point at it.

use crate::emit::json::Json;
use crate::load::keys::{
    CodeKey, EnvelopeKey, ExampleKey, FAMILY_RETRYABLE_DEFAULT, FamilyKey, Keys, LIFECYCLE_DEFAULT,
    NpmKey, PageKey, RootKey, SectionKey,
};
use crate::model::{Lifecycle, NpmPackage};
use crate::naming::{
    self, ERROR_STATUSES, MAX_CODE_LEN, MAX_FAMILY_ID_LEN, MAX_RETRY_AFTER_SECONDS,
};

/// The JSON Schema dialect of [`schema`].
pub(crate) const DIALECT: &str = "http://json-schema.org/draft-07/schema#";

/// The JSON Schema (draft-07) of the catalog format itself, as pretty-printed JSON: what
/// an editor needs to complete, explain and check an `errors.yaml` as it is typed.
///
/// Point a catalog at it with a first line such as
/// `# yaml-language-server: $schema=generated/schema/errors-yaml.schema.json`.
pub fn schema() -> String {
    document().to_json_text()
}

pub(crate) fn document() -> Json {
    let mut members = vec![
        ("$schema".to_owned(), Json::string(DIALECT)),
        (
            "title".to_owned(),
            Json::string("luxxon-errors catalog (errors.yaml)"),
        ),
        (
            "description".to_owned(),
            Json::string(
                "The single source of truth for every error an API can emit, read by luxxon-errors. `luxxon-errors check` has the final say: it also refuses duplicates, codes naming a family that is not defined, texts that must be on one line, and statuses not written in decimal digits.",
            ),
        ),
    ];
    members.extend(object(root));
    Json::Object(members)
}

/// A key's value: its schema (beside the description, which is the key table's) and
/// whether it must be there.
struct Value {
    required: bool,
    schema: Vec<(String, Json)>,
}

impl Value {
    fn required(schema: Vec<(String, Json)>) -> Value {
        Value {
            required: true,
            schema,
        }
    }

    fn optional(schema: Vec<(String, Json)>) -> Value {
        Value {
            required: false,
            schema,
        }
    }
}

/// Members of a schema, from `(name, value)` pairs in order.
fn members<const N: usize>(pairs: [(&str, Json); N]) -> Vec<(String, Json)> {
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

fn strings<'a>(texts: impl IntoIterator<Item = &'a str>) -> Json {
    Json::Array(texts.into_iter().map(Json::string).collect())
}

/// The schema of an object whose keys are `K`: every key of the table with its
/// description, no other key.
fn object<K: Keys>(value_of: fn(K) -> Value) -> Vec<(String, Json)> {
    let mut required = Vec::new();
    let mut properties = Vec::new();
    for &key in K::ALL {
        let value = value_of(key);
        if value.required {
            required.push(Json::string(key.name()));
        }
        let mut property = vec![("description".to_owned(), Json::string(key.description()))];
        property.extend(value.schema);
        properties.push((key.name().to_owned(), Json::Object(property)));
    }
    let mut schema = members([
        ("type", Json::string("object")),
        ("additionalProperties", Json::Bool(false)),
    ]);
    if !required.is_empty() {
        schema.push(("required".to_owned(), Json::Array(required)));
    }
    schema.push(("properties".to_owned(), Json::Object(properties)));
    schema
}

/// A text that is not empty: what the reader's texts, lines, headings and prose have in
/// common.
fn text(examples: &[&str]) -> Vec<(String, Json)> {
    let mut schema = members([
        ("type", Json::string("string")),
        ("pattern", Json::string(r"\S")),
        ("patternErrorMessage", Json::string("empty: write the text")),
    ]);
    if !examples.is_empty() {
        schema.push(("examples".to_owned(), strings(examples.iter().copied())));
    }
    schema
}

fn code_name() -> Vec<(String, Json)> {
    members([
        ("type", Json::string("string")),
        ("pattern", Json::string(naming::CODE_PATTERN)),
        (
            "patternErrorMessage",
            Json::string(
                "not SCREAMING_SNAKE_CASE: use A-Z and 0-9 in words joined by single underscores, starting with a letter",
            ),
        ),
        ("maxLength", Json::Integer(MAX_CODE_LEN as i64)),
        ("examples", strings(["SESSION_NOT_FOUND"])),
    ])
}

fn family_id() -> Vec<(String, Json)> {
    members([
        ("type", Json::string("string")),
        ("pattern", Json::string(naming::FAMILY_ID_PATTERN)),
        (
            "patternErrorMessage",
            Json::string(
                "not snake_case: use a-z and 0-9 in words joined by single underscores, starting with a letter",
            ),
        ),
        ("maxLength", Json::Integer(MAX_FAMILY_ID_LEN as i64)),
        ("examples", strings(["session"])),
    ])
}

fn flag() -> Vec<(String, Json)> {
    members([("type", Json::string("boolean"))])
}

fn retry_after() -> Vec<(String, Json)> {
    members([
        ("type", Json::string("integer")),
        ("minimum", Json::Integer(1)),
        ("maximum", Json::Integer(i64::from(MAX_RETRY_AFTER_SECONDS))),
        (
            "errorMessage",
            Json::string(format!(
                "a whole number of seconds from 1 to {MAX_RETRY_AFTER_SECONDS}"
            )),
        ),
        ("examples", Json::Array(vec![Json::Integer(30)])),
    ])
}

/// A non-empty list of entries.
fn list(items: Vec<(String, Json)>) -> Vec<(String, Json)> {
    members([
        ("type", Json::string("array")),
        ("minItems", Json::Integer(1)),
        ("items", Json::Object(items)),
    ])
}

/// "When `key` is written, `then` holds": draft-07's `if`/`then`.
fn when_written(key: &str, then: Json) -> Json {
    Json::object([
        ("if", Json::object([("required", strings([key]))])),
        ("then", then),
    ])
}

/// `retryable` is `true`, for an entry that writes `retry_after`.
fn retryable_is_true(what: &str, retryable_required: bool) -> Json {
    let retryable = FamilyKey::Retryable.name();
    let retry_after = FamilyKey::RetryAfter.name();
    let mut then = vec![(
        "properties".to_owned(),
        Json::object([(
            retryable,
            Json::object([
                ("const", Json::Bool(true)),
                (
                    "errorMessage",
                    Json::string(format!(
                        "`{retry_after}` is only for a retryable {what}: write `{retryable}: true`, or remove `{retry_after}`"
                    )),
                ),
            ]),
        )]),
    )];
    if retryable_required {
        then.insert(0, ("required".to_owned(), strings([retryable])));
    }
    when_written(retry_after, Json::Object(then))
}

fn root(key: RootKey) -> Value {
    match key {
        RootKey::Page => Value::optional(object(page)),
        RootKey::Families => Value::required(list(family_entry())),
        RootKey::Codes => Value::required(list(code_entry())),
        RootKey::Npm => Value::optional(object(npm)),
    }
}

fn npm(key: NpmKey) -> Value {
    Value::optional(match key {
        NpmKey::Name => {
            let mut name = text(&[NpmPackage::DEFAULT_NAME]);
            name.extend(members([
                ("maxLength", Json::Integer(214)),
                (
                    "pattern",
                    Json::string("^(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*$"),
                ),
                ("default", Json::string(NpmPackage::DEFAULT_NAME)),
            ]));
            name
        }
        NpmKey::Version => {
            let mut version = text(&[NpmPackage::DEFAULT_VERSION]);
            version.extend(members([
                (
                    "pattern",
                    Json::string(
                        "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$",
                    ),
                ),
                ("default", Json::string(NpmPackage::DEFAULT_VERSION)),
            ]));
            version
        }
    })
}

fn page(key: PageKey) -> Value {
    Value::required(match key {
        PageKey::Title => text(&["Errors"]),
        PageKey::Summary => {
            text(&["Every error code the API can emit, what it means, and what to do about it."])
        }
        PageKey::Envelope => object(envelope),
        PageKey::Handling | PageKey::Versioning => object(section),
    })
}

fn envelope(key: EnvelopeKey) -> Value {
    Value::required(match key {
        EnvelopeKey::Lead => text(&["Errors always come back in the same envelope:"]),
        EnvelopeKey::Example => object(example),
        EnvelopeKey::Notes => {
            text(&["Branch on `code`: it is the stable machine-readable handle."])
        }
    })
}

fn example(key: ExampleKey) -> Value {
    Value::required(match key {
        ExampleKey::Code => code_name(),
        ExampleKey::Message => text(&["No such session"]),
        ExampleKey::Detail => text(&["session:s_1"]),
        ExampleKey::Timestamp => members([
            ("type", Json::string("string")),
            // The reader's RFC 3339 shape; whether the date exists is left to `check`.
            (
                "pattern",
                Json::string(
                    "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
                ),
            ),
            (
                "patternErrorMessage",
                Json::string(
                    "not an RFC 3339 date-time: write it as the API sends it, e.g. 2026-05-13T08:30:00Z",
                ),
            ),
            ("examples", strings(["2026-05-13T08:30:00Z"])),
        ]),
    })
}

fn section(key: SectionKey) -> Value {
    Value::required(match key {
        SectionKey::Heading => text(&["How to handle them", "Versioning + new codes"]),
        SectionKey::Body => {
            text(&["Branch on `code`; treat a code you don't know as a generic error."])
        }
    })
}

fn family_entry() -> Vec<(String, Json)> {
    let mut schema = object(family);
    schema.extend(members([(
        "allOf",
        Json::Array(vec![retryable_is_true("family", true)]),
    )]));
    schema
}

fn family(key: FamilyKey) -> Value {
    match key {
        FamilyKey::Id => {
            let mut id = family_id();
            let unusable = naming::unusable_family_ids();
            id.push((
                "not".to_owned(),
                Json::object([("enum", strings(unusable.iter().map(String::as_str)))]),
            ));
            Value::required(id)
        }
        FamilyKey::Title => Value::required(text(&["Sessions"])),
        FamilyKey::Description => Value::optional(text(&["Errors about a session's state."])),
        FamilyKey::Retryable => {
            let mut retryable = flag();
            retryable.push(("default".to_owned(), Json::Bool(FAMILY_RETRYABLE_DEFAULT)));
            Value::optional(retryable)
        }
        FamilyKey::RetryAfter => Value::optional(retry_after()),
    }
}

fn code_entry() -> Vec<(String, Json)> {
    let needing_a_rust_name = naming::codes_needing_a_rust_name();
    let mut schema = object(code);
    schema.extend(members([(
        "allOf",
        Json::Array(vec![
            retryable_is_true("code", false),
            // A code whose UpperCamelCase is a name the enum cannot take needs its own.
            Json::object([
                (
                    "if",
                    Json::object([(
                        "not",
                        Json::object([("required", strings([CodeKey::RustName.name()]))]),
                    )]),
                ),
                (
                    "then",
                    Json::object([(
                        "properties",
                        Json::object([(
                            CodeKey::Code.name(),
                            Json::object([
                                (
                                    "not",
                                    Json::object([(
                                        "enum",
                                        strings(needing_a_rust_name.iter().map(String::as_str)),
                                    )]),
                                ),
                                (
                                    "errorMessage",
                                    Json::string(format!(
                                        "this code's Rust variant is a reserved name: add `{}: <UpperCamelCase name>`",
                                        CodeKey::RustName.name()
                                    )),
                                ),
                            ]),
                        )]),
                    )]),
                ),
            ]),
        ]),
    )]));
    schema
}

fn code(key: CodeKey) -> Value {
    match key {
        CodeKey::Code => Value::required(code_name()),
        CodeKey::Status => Value::required(members([
            ("type", Json::string("integer")),
            ("minimum", Json::Integer(i64::from(*ERROR_STATUSES.start()))),
            ("maximum", Json::Integer(i64::from(*ERROR_STATUSES.end()))),
            (
                "errorMessage",
                Json::string(format!(
                    "an HTTP error status: a whole number from {} to {}, without quotes",
                    ERROR_STATUSES.start(),
                    ERROR_STATUSES.end()
                )),
            ),
            ("examples", Json::Array(vec![Json::Integer(404)])),
        ])),
        CodeKey::Family => Value::required(family_id()),
        CodeKey::Meaning => Value::required(text(&["No session has this id."])),
        CodeKey::Remedy => Value::optional(text(&["Check the id, or start a new session."])),
        CodeKey::Lifecycle => Value::optional(members([
            ("type", Json::string("string")),
            (
                "enum",
                strings(Lifecycle::ALL.iter().map(|lifecycle| lifecycle.as_str())),
            ),
            ("default", Json::string(LIFECYCLE_DEFAULT.as_str())),
        ])),
        CodeKey::Retryable => Value::optional(flag()),
        CodeKey::RetryAfter => Value::optional(retry_after()),
        CodeKey::RustName => {
            let reserved = naming::reserved_variants(true);
            Value::optional(members([
                ("type", Json::string("string")),
                ("pattern", Json::string(naming::VARIANT_PATTERN)),
                (
                    "patternErrorMessage",
                    Json::string(
                        "not an UpperCamelCase Rust identifier (A-Z, a-z, 0-9, starting with a capital letter)",
                    ),
                ),
                ("not", Json::object([("enum", strings(reserved))])),
                ("examples", strings(["SessionMissing"])),
            ]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    /// The member `name` of an object.
    fn member<'j>(json: &'j Json, name: &str) -> Option<&'j Json> {
        match json {
            Json::Object(members) => members
                .iter()
                .find(|(member, _)| member == name)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The schema at a path of member names.
    fn at<'j>(json: &'j Json, path: &[&str]) -> &'j Json {
        path.iter().fold(json, |json, name| {
            member(json, name).unwrap_or_else(|| panic!("no `{name}` on the way to {path:?}"))
        })
    }

    /// One object of the catalog: where its schema is (member names from the root), and
    /// its key table's names and descriptions.
    struct Object {
        path: Vec<&'static str>,
        keys: Vec<(&'static str, String)>,
    }

    /// Every object of the catalog.
    fn objects() -> Vec<Object> {
        fn keys<K: Keys>() -> Vec<(&'static str, String)> {
            K::ALL
                .iter()
                .map(|key| (key.name(), key.description()))
                .collect()
        }
        let object = |path: Vec<&'static str>, keys| Object { path, keys };
        let page = vec!["properties", "page"];
        let envelope = [page.clone(), vec!["properties", "envelope"]].concat();
        vec![
            object(vec![], keys::<RootKey>()),
            object(page.clone(), keys::<PageKey>()),
            object(envelope.clone(), keys::<EnvelopeKey>()),
            object(
                [envelope, vec!["properties", "example"]].concat(),
                keys::<ExampleKey>(),
            ),
            object(
                [page.clone(), vec!["properties", "handling"]].concat(),
                keys::<SectionKey>(),
            ),
            object(
                [page, vec!["properties", "versioning"]].concat(),
                keys::<SectionKey>(),
            ),
            object(vec!["properties", "families", "items"], keys::<FamilyKey>()),
            object(vec!["properties", "codes", "items"], keys::<CodeKey>()),
        ]
    }

    #[test]
    fn every_key_of_the_tables_is_a_described_property_and_nothing_else_is() {
        let document = document();
        for Object { path, keys } in objects() {
            let object = at(&document, &path);
            assert_eq!(
                member(object, "additionalProperties"),
                Some(&Json::Bool(false))
            );
            let Some(Json::Object(properties)) = member(object, "properties") else {
                panic!("{path:?} has properties");
            };
            let names: Vec<&str> = properties.iter().map(|(name, _)| name.as_str()).collect();
            let expected: Vec<&str> = keys.iter().map(|(name, _)| *name).collect();
            assert_eq!(names, expected, "{path:?}");
            for (name, description) in keys {
                assert!(description.len() > 10, "{path:?}.{name}: {description:?}");
                assert_eq!(
                    member(
                        &properties.iter().find(|(n, _)| n == name).unwrap().1,
                        "description"
                    ),
                    Some(&Json::string(description)),
                );
            }
        }
    }

    /// A catalog built from the schema alone: every key, each with its first example,
    /// its default or its first allowed value.
    fn catalog_of(schema: &Json) -> Json {
        if let Some(Json::Array(examples)) = member(schema, "examples") {
            return examples[0].clone();
        }
        if let Some(Json::Array(values)) = member(schema, "enum") {
            return values[0].clone();
        }
        match member(schema, "type") {
            Some(Json::String(kind)) if kind == "object" => {
                let Some(Json::Object(properties)) = member(schema, "properties") else {
                    panic!("an object has properties");
                };
                Json::Object(
                    properties
                        .iter()
                        .map(|(name, value)| (name.clone(), catalog_of(value)))
                        .collect(),
                )
            }
            Some(Json::String(kind)) if kind == "array" => {
                Json::Array(vec![catalog_of(member(schema, "items").unwrap())])
            }
            // A flag's example: the value that lets `retry_after` be written.
            Some(Json::String(kind)) if kind == "boolean" => Json::Bool(true),
            other => panic!("no example for a value of type {other:?}"),
        }
    }

    fn parse(catalog: &Json) -> Result<Catalog, String> {
        Catalog::parse(&catalog.to_yaml_text(), "errors.yaml")
            .map_err(|problems| problems.to_string())
    }

    #[test]
    fn a_catalog_of_every_key_and_the_schemas_examples_is_accepted() {
        let catalog = catalog_of(&document());
        if let Err(problems) = parse(&catalog) {
            panic!("{problems}\n{}", catalog.to_yaml_text());
        }
    }

    /// Removes the member at `path` (member names, `0` for an array's first item).
    fn remove(json: &mut Json, path: &[&str]) {
        let (last, parents) = path.split_last().unwrap();
        let mut json = json;
        for name in parents {
            json = match json {
                Json::Array(items) => &mut items[name.parse::<usize>().unwrap()],
                Json::Object(members) => {
                    &mut members
                        .iter_mut()
                        .find(|(member, _)| member == name)
                        .unwrap()
                        .1
                }
                _ => panic!("{path:?}"),
            };
        }
        let Json::Object(members) = json else {
            panic!("{path:?}");
        };
        members.retain(|(member, _)| member != last);
    }

    #[test]
    fn the_schema_requires_exactly_the_keys_the_reader_requires() {
        let document = document();
        let full = catalog_of(&document);
        for Object {
            path: schema_path,
            keys,
        } in objects()
        {
            let object = at(&document, &schema_path);
            let required: Vec<&Json> = match member(object, "required") {
                Some(Json::Array(required)) => required.iter().collect(),
                _ => Vec::new(),
            };
            // The same object in the catalog: its path without the schema's keywords.
            let catalog_path: Vec<&str> = schema_path
                .iter()
                .filter(|step| **step != "properties")
                .map(|step| if *step == "items" { "0" } else { step })
                .collect();
            for (name, _) in keys {
                let mut catalog = full.clone();
                remove(&mut catalog, &[catalog_path.as_slice(), &[name]].concat());
                let reported = match parse(&catalog) {
                    Ok(_) => false,
                    Err(problems) => {
                        problems.contains(&format!("missing the required key `{name}`"))
                    }
                };
                assert_eq!(
                    reported,
                    required.contains(&&Json::string(name)),
                    "{catalog_path:?}.{name}: the reader and the schema disagree on whether it is required"
                );
            }
        }
    }
}
