//! Adding a code to errors.yaml and regenerating changes every artifact together: the
//! Rust enum, the docs page, the TypeScript types, the npm package, the JSON Schema and
//! the OpenAPI fragment. Done on a copy of the repository's catalog in a scratch folder.

mod support;

use std::fs;

use luxxon_errors_codegen::ArtifactKind;
use luxxon_errors_codegen::RustOptions;
use luxxon_errors_codegen::{Builder, Catalog};
use serde_json::Value;
use support::{scratch_dir, tables};

const NEW_CODE: &str = "SESSION_EXPIRED";
const NEW_VARIANT: &str = "SessionExpired";
const NEW_MEANING: &str = "The session token has expired.";
const NEW_REMEDY: &str = "Start a new session.";

/// The repository's catalog with the new code added to the auth family, after
/// `NOT_YOUR_SESSION`.
fn catalog_with_new_code() -> String {
    let catalog = support::read("errors.yaml");
    let anchor = "    remedy: Verify you're querying the right session id.\n";
    assert!(catalog.contains(anchor), "errors.yaml has NOT_YOUR_SESSION");
    catalog.replacen(
        anchor,
        &format!(
            "{anchor}  - code: {NEW_CODE}\n    status: 401\n    family: auth\n    meaning: {NEW_MEANING}\n    remedy: {NEW_REMEDY}\n"
        ),
        1,
    )
}

#[test]
fn a_new_code_reaches_every_artifact() {
    let root = scratch_dir("add-a-code");
    fs::write(root.join("errors.yaml"), catalog_with_new_code()).unwrap();
    let mut builder = Builder::new();
    builder.catalog(root.join("errors.yaml")).out_dir(&root);
    builder.generate().unwrap_or_else(|error| panic!("{error}"));
    let read = |kind: ArtifactKind| fs::read_to_string(root.join(kind.path())).unwrap();

    // The docs page: a row of the auth table, right after NOT_YOUR_SESSION.
    let page = read(ArtifactKind::DocsPage);
    let auth = tables(&page)
        .into_iter()
        .find(|table| table.heading == "Auth + authorization")
        .expect("the auth table");
    let position = auth
        .rows
        .iter()
        .position(|row| row[0] == format!("`{NEW_CODE}`"))
        .expect("the new code's row");
    assert_eq!(auth.rows[position - 1][0], "`NOT_YOUR_SESSION`");
    assert_eq!(auth.rows[position][1..], ["401", NEW_MEANING, NEW_REMEDY]);

    // The TypeScript: the union and every map.
    let typescript = read(ArtifactKind::TypeScript);
    assert!(typescript.contains(&format!("  | \"{NEW_CODE}\"\n")));
    assert!(typescript.contains(&format!("  {NEW_CODE}: 401,\n")));
    assert!(typescript.contains(&format!("  {NEW_CODE}: \"auth\",\n")));
    assert!(typescript.contains(&format!("  {NEW_CODE}: false,\n")));

    // The npm package: its tables, its declarations and its README.
    let module = read(ArtifactKind::NpmModule);
    assert!(module.contains(&format!("  \"{NEW_CODE}\",\n")));
    assert!(module.contains(&format!("  {NEW_CODE}: 401,\n")));
    let declarations = read(ArtifactKind::NpmTypes);
    assert!(declarations.contains(&format!("  | \"{NEW_CODE}\"\n")));
    assert!(declarations.contains(&format!("  readonly {NEW_CODE}: 401;\n")));
    assert!(
        read(ArtifactKind::NpmReadme).contains(&format!("| `{NEW_CODE}` | 401 | `auth` | no |"))
    );

    // The JSON Schema and the OpenAPI fragment: a documented known code.
    let schema: Value = serde_json::from_str(&read(ArtifactKind::JsonSchema)).unwrap();
    let openapi: Value = serde_saphyr::from_str(&read(ArtifactKind::OpenApiComponents)).unwrap();
    for codes in [
        &schema["$defs"]["LuxxonErrorCode"]["anyOf"],
        &openapi["components"]["schemas"]["LuxxonErrorCode"]["anyOf"],
    ] {
        let entry = codes
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["const"] == NEW_CODE)
            .expect("the new code is listed");
        assert_eq!(entry["x-status"], 401);
    }

    // The Rust enum: a variant with the new wire name.
    let catalog = Catalog::load(root.join("errors.yaml")).unwrap();
    let items = luxxon_errors_codegen::rust_items(&catalog, &RustOptions::default()).to_string();
    assert!(
        items.contains(NEW_VARIANT),
        "the enum has a {NEW_VARIANT} variant"
    );
    assert!(items.contains(&format!("\"{NEW_CODE}\"")));

    // None of it was there before: the repository's artifacts don't have the code.
    for kind in ArtifactKind::ALL {
        assert!(
            !support::read(kind.path()).contains(NEW_CODE),
            "{}",
            kind.path()
        );
    }
    let committed = Catalog::load(support::workspace_root().join("errors.yaml")).unwrap();
    assert!(
        !luxxon_errors_codegen::rust_items(&committed, &RustOptions::default())
            .to_string()
            .contains(NEW_VARIANT)
    );
    // And regenerating the copy now finds everything fresh.
    assert!(builder.check().unwrap().is_empty());
    fs::remove_dir_all(&root).unwrap();
}
