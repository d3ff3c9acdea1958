//! The OpenAPI document of `examples/openapi.rs`: valid OpenAPI 3.1 by the OpenAPI
//! Initiative's own JSON Schema of the format, checked with an independent validator
//! (`jsonschema`), and each operation's error responses true to the catalog and to the
//! operation's error set. The example's router answers only codes of its sets.
//!
//! Left out of the published package, so it is not a `[[test]]` with required features
//! (cargo would warn that its file is missing): it compiles to nothing without them.
#![cfg(all(feature = "axum", feature = "utoipa"))]

#[allow(dead_code)]
#[path = "../examples/openapi.rs"]
mod example;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request};
use luxxon_errors::{ErrorCode, ErrorHandling, ErrorSet, LuxxonError};
use serde_json::{Value, json};
use tower::ServiceExt;
use utoipa::OpenApi;

use example::{Api, CoverageErrors, SessionErrors, StopErrors};

/// The document, as the example prints it.
fn document() -> Value {
    let text = Api::openapi().to_pretty_json().unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

/// The OpenAPI 3.1 schema of the OpenAPI Initiative (2022-10-07), in `tests/fixtures/`.
fn openapi_schema() -> jsonschema::Validator {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/openapi-3.1.schema.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let schema: Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{path}: {error}"));
    jsonschema::draft202012::new(&schema).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

/// Each operation of the example, with the set its handler declares.
fn operations() -> [(&'static str, &'static str, &'static [ErrorCode]); 3] {
    [
        ("/sessions/{id}", "get", SessionErrors::CODES),
        ("/sessions/{id}/stop", "post", StopErrors::CODES),
        ("/coverage", "get", CoverageErrors::CODES),
    ]
}

#[test]
fn the_document_is_valid_openapi_3_1() {
    let document = document();
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|version| version.starts_with("3.1.")),
        "{}",
        document["openapi"]
    );
    let validator = openapi_schema();
    let problems = errors(&validator, &document);
    assert!(problems.is_empty(), "{problems:#?}\n{document:#}");

    // The validator does reject a document that breaks the format.
    let mut broken = document.clone();
    broken["paths"]["/coverage"]["get"]["responses"]["400"]["content"] = json!("text");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn each_operation_documents_its_set_with_envelopes_of_the_catalog() {
    let document = document();
    assert_eq!(
        document["components"]["schemas"]["LuxxonError"]["type"], "object",
        "the envelope's schema is a component"
    );
    // The component schemas, as a validator of envelopes.
    let mut components = document.clone();
    components["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    components["$ref"] = json!("#/components/schemas/LuxxonError");
    let envelope_schema = jsonschema::draft202012::new(&components)
        .unwrap_or_else(|error| panic!("the components compile: {error}"));

    for (path, method, set) in operations() {
        let operation = &document["paths"][path][method];
        let Some(responses) = operation["responses"].as_object() else {
            panic!("{method} {path}: no responses in {document:#}");
        };
        let mut documented = BTreeSet::new();
        for (status, response) in responses {
            let Ok(status) = status.parse::<u16>() else {
                panic!("{method} {path}: status {status}");
            };
            if status < 400 {
                continue;
            }
            let content = &response["content"]["application/json"];
            assert_eq!(
                content["schema"]["$ref"], "#/components/schemas/LuxxonError",
                "{method} {path} {status}"
            );
            let Some(examples) = content["examples"].as_object() else {
                panic!("{method} {path} {status}: no examples");
            };
            for (name, example) in examples {
                let value = &example["value"];
                let text = serde_json::to_vec(value).unwrap_or_default();
                let envelope = match LuxxonError::from_json(&text) {
                    Ok(envelope) => envelope,
                    Err(error) => panic!("{method} {path} {status} {name}: {error}"),
                };
                let code = &envelope.code;
                let context = format!("{method} {path} {status} {name}");
                assert!(code.is_known(), "{context}: {code} is not in the catalog");
                assert_eq!(
                    code.as_str(),
                    name,
                    "{context}: the example is named by its code"
                );
                assert!(
                    set.contains(code),
                    "{context}: {code} is not in the set {set:?}"
                );
                assert_eq!(envelope.status_code, status, "{context}: statusCode");
                assert_eq!(
                    code.status(),
                    Some(status),
                    "{context}: the catalog's status"
                );
                assert_eq!(
                    Some(envelope.message.as_str()),
                    code.message(),
                    "{context}: message"
                );
                let problems = errors(&envelope_schema, value);
                assert!(problems.is_empty(), "{context}: {problems:#?}");
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|description| description.contains(&format!("`{name}`"))),
                    "{context}: the description names the code"
                );
                documented.insert(code.as_str().to_owned());
            }
        }
        let declared: BTreeSet<String> = set.iter().map(|code| code.as_str().to_owned()).collect();
        assert_eq!(
            documented, declared,
            "{method} {path}: every code of the set, once"
        );
    }
}

#[test]
fn codes_sharing_a_status_share_its_response() {
    let document = document();
    let responses = &document["paths"]["/coverage"]["get"]["responses"];
    let names = |status: &str| -> Vec<String> {
        responses[status]["content"]["application/json"]["examples"]
            .as_object()
            .map(|examples| examples.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(names("400"), ["INVALID_INPUT", "OUTSIDE_COVERAGE"]);
    assert_eq!(names("503"), ["NO_COVERAGE", "UNAVAILABLE"]);
    assert_eq!(
        responses["200"]["description"],
        "How many operators are in range"
    );
}

#[tokio::test]
async fn the_example_answers_only_codes_of_its_sets() {
    let handling = ErrorHandling::new();
    let violations = handling.error_set_violations();
    let app = example::app(handling);
    let requests = [
        (Method::GET, "/sessions/s_1", 200),
        (Method::GET, "/sessions/s_other", 403),
        (Method::GET, "/sessions/s_9", 404),
        (Method::POST, "/sessions/s_1/stop", 200),
        (Method::POST, "/sessions/s_done/stop", 409),
        (Method::POST, "/sessions/s_9/stop", 404),
        (Method::GET, "/coverage?lat=1&lon=2", 200),
        (Method::GET, "/coverage?lat=0&lon=0", 503),
        (Method::GET, "/coverage?lat=75&lon=0", 400),
        (Method::GET, "/coverage?lat=north", 400),
        (Method::GET, "/coverage", 400),
    ];
    for (method, uri, status) in requests {
        let request = Request::builder()
            .method(method.clone())
            .uri(uri)
            .body(Body::empty())
            .unwrap_or_default();
        let response = app.clone().oneshot(request).await;
        let Ok(response) = response;
        assert_eq!(response.status(), status, "{method} {uri}");
    }
    assert!(violations.is_empty(), "{violations}");
}
