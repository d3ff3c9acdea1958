//! The generated JSON Schema and OpenAPI fragment, checked with a real JSON Schema
//! validator: the page's example and an envelope of every code are valid, an unknown code
//! is accepted, malformed envelopes are rejected.

mod support;

use jsonschema::Validator;
use luxxon_errors::{ErrorCode, LuxxonError};
use luxxon_errors_codegen::ArtifactKind;
use serde_json::{Value, json};
use support::yaml_codes;

fn schema() -> Value {
    serde_json::from_str(&support::read(ArtifactKind::JsonSchema.path()))
        .expect("the schema is JSON")
}

fn validator() -> Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

fn openapi() -> Value {
    serde_saphyr::from_str(&support::read(ArtifactKind::OpenApiComponents.path()))
        .expect("the OpenAPI fragment is YAML")
}

/// A validator for the fragment's envelope schema, its `$ref`s resolved in the fragment.
fn openapi_validator() -> Validator {
    let mut document = openapi();
    document["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    document["$ref"] = json!("#/components/schemas/LuxxonError");
    jsonschema::draft202012::new(&document).expect("the fragment's schemas compile")
}

/// The envelope shown on the reference page.
fn page_example() -> Value {
    serde_json::from_str(support::page_example()).expect("the page's envelope is JSON")
}

/// The reasons `instance` is invalid, for assertion messages.
fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| error.to_string())
        .collect()
}

fn assert_valid(validator: &Validator, instance: &Value) {
    let errors = errors(validator, instance);
    assert!(errors.is_empty(), "{instance}\nis invalid: {errors:#?}");
}

fn assert_invalid(validator: &Validator, instance: &Value) {
    assert!(
        !validator.is_valid(instance),
        "{instance}\nshould be invalid"
    );
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("{error}");
    }
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn the_page_example_is_valid() {
    let example = page_example();
    assert_valid(&validator(), &example);
    assert_valid(&openapi_validator(), &example);
}

#[test]
fn an_envelope_of_every_code_is_valid() {
    let validators = [validator(), openapi_validator()];
    for code in yaml_codes(&support::catalog_yaml()) {
        let envelope = json!({
            "statusCode": code.status,
            "code": code.code,
            "message": code.meaning,
            "detail": null,
            "timestamp": "2026-05-13T08:30:00Z",
        });
        for validator in &validators {
            assert_valid(validator, &envelope);
        }
    }
    // What the runtime crate sends must be what the schema describes.
    for code in ErrorCode::ALL {
        let error = LuxxonError::new(code.clone(), "sample").with_detail("sample:detail");
        let envelope = serde_json::to_value(&error).unwrap();
        for validator in &validators {
            assert_valid(validator, &envelope);
        }
    }
}

#[test]
fn unknown_codes_and_extra_members_are_accepted() {
    let mut envelope = page_example();
    envelope["code"] = json!("A_CODE_FROM_THE_FUTURE");
    envelope["requestId"] = json!("req_123");
    assert_valid(&validator(), &envelope);
    assert_valid(&openapi_validator(), &envelope);
}

#[test]
fn malformed_envelopes_are_rejected() {
    let validators = [validator(), openapi_validator()];
    let example = page_example();
    let mut without_code = example.clone();
    without_code
        .as_object_mut()
        .unwrap()
        .remove("code")
        .unwrap();
    let mut string_status = example.clone();
    string_status["statusCode"] = json!("403");
    let mut numeric_code = example.clone();
    numeric_code["code"] = json!(403);
    let mut numeric_detail = example.clone();
    numeric_detail["detail"] = json!(7);
    let mut without_timestamp = example.clone();
    without_timestamp
        .as_object_mut()
        .unwrap()
        .remove("timestamp")
        .unwrap();
    for validator in &validators {
        for instance in [
            &without_code,
            &string_status,
            &numeric_code,
            &numeric_detail,
            &without_timestamp,
            &json!("NOT_FOUND"),
        ] {
            assert_invalid(validator, instance);
        }
    }
}

#[test]
fn the_known_codes_are_documented_in_catalog_order() {
    let codes = yaml_codes(&support::catalog_yaml());
    let schema = schema();
    let choices = schema["$defs"]["LuxxonErrorCode"]["anyOf"]
        .as_array()
        .expect("the code is an anyOf");
    let (known, open) = choices.split_at(codes.len());
    for (choice, code) in known.iter().zip(&codes) {
        assert_eq!(choice["const"], code.code.as_str());
        assert_eq!(choice["x-status"], code.status, "{}", code.code);
        assert_eq!(choice["x-family"], code.family.as_str(), "{}", code.code);
        assert_eq!(choice["x-retryable"], code.retryable, "{}", code.code);
        let description = choice["description"].as_str().unwrap();
        assert!(description.starts_with(&code.meaning), "{}", code.code);
        if let Some(remedy) = &code.remedy {
            assert!(description.ends_with(remedy.as_str()), "{}", code.code);
        }
    }
    assert_eq!(
        open,
        [json!({
            "description": open[0]["description"],
            "type": "string"
        })],
        "after the known codes, any string"
    );
}

#[test]
fn the_openapi_fragment_holds_the_same_schemas() {
    let schema = schema();
    let openapi = openapi();
    let schemas = &openapi["components"]["schemas"];
    assert_eq!(
        schemas["LuxxonErrorCode"],
        schema["$defs"]["LuxxonErrorCode"]
    );
    let mut envelope = schema.clone();
    let members = envelope.as_object_mut().unwrap();
    for standalone_only in ["$comment", "$schema", "title", "$defs"] {
        members.remove(standalone_only);
    }
    members["properties"]["code"]["$ref"] = json!("#/components/schemas/LuxxonErrorCode");
    assert_eq!(schemas["LuxxonError"], envelope);
    let response =
        &openapi["components"]["responses"]["LuxxonError"]["content"]["application/json"];
    assert_eq!(
        response["schema"]["$ref"],
        "#/components/schemas/LuxxonError"
    );
    assert_eq!(response["example"], page_example());
}
