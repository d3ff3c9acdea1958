//! The codegen core and the runtime crate each spell the envelope's members and the
//! lifecycles once, in a table of their own (the runtime cannot depend on the codegen
//! core). These tests hold the two tables to each other, through what each produces.

mod support;

use luxxon_errors::ErrorCode;
use luxxon_errors::generated::{ENVELOPE_MEMBERS, REQUIRED_ENVELOPE_MEMBERS};
use luxxon_errors_codegen::{ArtifactKind, Catalog};

/// Where each of `names` first appears in `text` after `from`, in the order of `names`.
fn positions(text: &str, from: usize, names: &[String]) -> Vec<usize> {
    names
        .iter()
        .map(|name| {
            text[from..]
                .find(name.as_str())
                .unwrap_or_else(|| panic!("{name} is not in the text"))
                + from
        })
        .collect()
}

fn assert_increasing(positions: &[usize], what: &str) {
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "{what}: the members are not in the runtime's order {ENVELOPE_MEMBERS:?}"
    );
}

#[test]
fn the_json_schema_names_the_runtime_members_in_its_order() {
    let text = support::read(ArtifactKind::JsonSchema.path());
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["required"],
        serde_json::json!(REQUIRED_ENVELOPE_MEMBERS)
    );
    let properties = schema["properties"].as_object().unwrap();
    assert_eq!(properties.len(), ENVELOPE_MEMBERS.len());
    for member in ENVELOPE_MEMBERS {
        assert!(properties.contains_key(member), "{member}");
    }
    let start = text.find("\"properties\"").unwrap();
    let quoted: Vec<String> = ENVELOPE_MEMBERS
        .iter()
        .map(|m| format!("\"{m}\": {{"))
        .collect();
    assert_increasing(&positions(&text, start, &quoted), "the schema's properties");
}

#[test]
fn the_typescript_interface_has_the_runtime_members_in_its_order() {
    let text = support::read(ArtifactKind::TypeScript.path());
    let start = text.find("export interface LuxxonError {").unwrap();
    let declared: Vec<String> = ENVELOPE_MEMBERS
        .iter()
        .map(|member| {
            let optional = if REQUIRED_ENVELOPE_MEMBERS.contains(member) {
                ""
            } else {
                "?"
            };
            format!("\n  {member}{optional}: ")
        })
        .collect();
    assert_increasing(
        &positions(&text, start, &declared),
        "the TypeScript interface",
    );
}

#[test]
fn the_docs_example_and_the_runtime_encoder_agree_on_the_order() {
    let page = support::read(ArtifactKind::DocsPage.path());
    let start = page.find("```json").unwrap();
    let keys: Vec<String> = ENVELOPE_MEMBERS
        .iter()
        .map(|m| format!("\"{m}\":"))
        .collect();
    assert_increasing(&positions(&page, start, &keys), "the docs page's example");
    let error = luxxon_errors::LuxxonError::new(ErrorCode::NotFound, "gone").with_detail("id");
    let body = serde_json::to_string(&error).unwrap();
    assert_increasing(&positions(&body, 0, &keys), "the runtime's encoding");
}

#[test]
fn every_code_has_the_same_lifecycle_in_both_crates() {
    let catalog = Catalog::parse(&support::read("errors.yaml"), "errors.yaml").unwrap();
    let mut seen = Vec::new();
    for code in catalog.codes() {
        let runtime = ErrorCode::parse(code.name())
            .lifecycle()
            .unwrap_or_else(|| panic!("{} is known to the runtime", code.name()));
        assert_eq!(
            runtime.as_str(),
            code.lifecycle().as_str(),
            "{}",
            code.name()
        );
        if !seen.contains(&code.lifecycle()) {
            seen.push(code.lifecycle());
        }
    }
    // The catalog has a code of every lifecycle, so every spelling was compared.
    assert_eq!(seen.len(), luxxon_errors_codegen::Lifecycle::ALL.len());
}
