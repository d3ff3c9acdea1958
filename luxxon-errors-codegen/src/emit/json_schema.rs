//! The JSON Schema emitter: the envelope as a draft 2020-12 schema, and as an OpenAPI 3.1
//! `components` fragment a server's API description can reference.
//!
//! `code` is an open enum: every known code is listed (with its meaning, status and
//! family) so tools can document and complete it, and any other string is accepted, as
//! the API may add codes at any time.

use crate::emit::docs;
use crate::emit::envelope::{self, Member};
use crate::emit::json::Json;
use crate::model::{Catalog, Code, Lifecycle};

/// The JSON Schema dialect of [`schema`].
pub(crate) const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The name of the envelope's schema, in the schema's `title` and the OpenAPI fragment.
pub(crate) const ENVELOPE_SCHEMA_NAME: &str = "LuxxonError";

/// The name of the code's schema, in the schema's `$defs` and the OpenAPI fragment.
pub(crate) const CODE_SCHEMA_NAME: &str = "LuxxonErrorCode";

/// The envelope's JSON Schema (draft 2020-12), as pretty-printed JSON.
pub fn schema(catalog: &Catalog) -> String {
    schema_document(catalog).to_json_text()
}

/// An OpenAPI 3.1 document fragment, in YAML, holding the envelope and code schemas
/// under `components.schemas` and an error response under `components.responses`.
///
/// Reference it from an API description as
/// `luxxon-errors.components.yaml#/components/responses/LuxxonError`.
pub fn openapi_components(catalog: &Catalog) -> String {
    openapi_document(catalog).to_yaml_text()
}

pub(crate) fn schema_document(catalog: &Catalog) -> Json {
    let mut document = Json::object([
        ("$schema", Json::string(DIALECT)),
        ("title", Json::string(ENVELOPE_SCHEMA_NAME)),
    ]);
    if let (Json::Object(members), Json::Object(envelope)) = (
        &mut document,
        envelope_schema(catalog, &format!("#/$defs/{CODE_SCHEMA_NAME}")),
    ) {
        members.extend(envelope);
        members.push((
            "$defs".to_owned(),
            Json::object([(CODE_SCHEMA_NAME, code_schema(catalog))]),
        ));
    }
    document
}

pub(crate) fn openapi_document(catalog: &Catalog) -> Json {
    let envelope_ref = format!("#/components/schemas/{ENVELOPE_SCHEMA_NAME}");
    let mut media_type = vec![(
        "schema".to_owned(),
        Json::object([("$ref", Json::string(&envelope_ref))]),
    )];
    if let Some(page) = catalog.page() {
        media_type.push(("example".to_owned(), docs::example_json(page.envelope())));
    }
    Json::object([(
        "components",
        Json::object([
            (
                "schemas",
                Json::object([
                    (
                        ENVELOPE_SCHEMA_NAME,
                        envelope_schema(
                            catalog,
                            &format!("#/components/schemas/{CODE_SCHEMA_NAME}"),
                        ),
                    ),
                    (CODE_SCHEMA_NAME, code_schema(catalog)),
                ]),
            ),
            (
                "responses",
                Json::object([(
                    ENVELOPE_SCHEMA_NAME,
                    Json::object([
                        (
                            "description",
                            Json::string("An error of the Luxxon API, in its envelope."),
                        ),
                        (
                            "content",
                            Json::object([("application/json", Json::Object(media_type))]),
                        ),
                    ]),
                )]),
            ),
        ]),
    )])
}

/// The envelope's keywords (without `$schema` and `title`), its code given by `code_ref`.
fn envelope_schema(catalog: &Catalog, code_ref: &str) -> Json {
    let required = Member::ALL
        .into_iter()
        .filter(|member| member.is_required())
        .map(|member| Json::string(member.name()))
        .collect();
    let properties = Member::ALL
        .into_iter()
        .map(|member| (member.name().to_owned(), member_schema(member, code_ref)))
        .collect();
    let mut schema = vec![
        (
            "description".to_owned(),
            Json::string(format!(
                "{} Branch on `code`; members added later are allowed.",
                envelope::SUMMARY
            )),
        ),
        ("type".to_owned(), Json::string("object")),
        ("required".to_owned(), Json::Array(required)),
        ("properties".to_owned(), Json::Object(properties)),
    ];
    if let Some(page) = catalog.page() {
        schema.push((
            "examples".to_owned(),
            Json::Array(vec![docs::example_json(page.envelope())]),
        ));
    }
    Json::Object(schema)
}

/// The schema of one own member; `code` refers to the code's schema, which documents it.
fn member_schema(member: Member, code_ref: &str) -> Json {
    let description = ("description", Json::string(member.description()));
    match member {
        Member::StatusCode => Json::object([
            description,
            ("type", Json::string("integer")),
            ("minimum", Json::Integer(100)),
            ("maximum", Json::Integer(599)),
        ]),
        Member::Code => Json::object([("$ref", Json::string(code_ref))]),
        Member::Message => Json::object([description, ("type", Json::string("string"))]),
        Member::Detail => Json::object([
            description,
            (
                "type",
                Json::Array(vec![Json::string("string"), Json::string("null")]),
            ),
        ]),
        Member::Timestamp => Json::object([
            description,
            ("type", Json::string("string")),
            ("format", Json::string("date-time")),
        ]),
    }
}

/// The open enum of codes: one documented `const` per known code, then any string.
fn code_schema(catalog: &Catalog) -> Json {
    let mut choices: Vec<Json> = catalog.codes().iter().map(known_code).collect();
    choices.push(Json::object([
        (
            "description",
            Json::string(
                "A code added after this schema was generated: handle it like any other error.",
            ),
        ),
        ("type", Json::string("string")),
    ]));
    Json::object([
        (
            "description",
            Json::string(
                "The stable, machine-readable handle of an error. The known codes are listed; \
                 codes are append-only and new ones may appear, so any string is accepted.",
            ),
        ),
        ("type", Json::string("string")),
        ("anyOf", Json::Array(choices)),
    ])
}

fn known_code(code: &Code) -> Json {
    let mut description = code.meaning().to_owned();
    if let Some(remedy) = code.remedy() {
        description.push_str(" What to do: ");
        description.push_str(remedy);
    }
    let mut schema = vec![
        ("const".to_owned(), Json::string(code.name())),
        ("description".to_owned(), Json::string(description)),
    ];
    if code.lifecycle() == Lifecycle::Legacy {
        schema.push(("deprecated".to_owned(), Json::Bool(true)));
    }
    // `x-` members are annotations: validators ignore them, OpenAPI tools show them.
    schema.extend([
        (
            "x-status".to_owned(),
            Json::Integer(i64::from(code.status())),
        ),
        ("x-family".to_owned(), Json::string(code.family_id())),
        ("x-retryable".to_owned(), Json::Bool(code.is_retryable())),
    ]);
    if let Some(seconds) = code.retry_after() {
        schema.push((
            "x-retry-after".to_owned(),
            Json::Integer(i64::from(seconds)),
        ));
    }
    schema.push((
        "x-lifecycle".to_owned(),
        Json::string(code.lifecycle().as_str()),
    ));
    Json::Object(schema)
}
