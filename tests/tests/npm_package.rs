//! The npm package (`generated/npm/`): its manifest says what npm and TypeScript need
//! (name and version from the catalog, `exports`, `types`, no dependencies), and a hostile
//! catalog name or regenerate command stays inside the comment of each file. Its
//! behaviour is tested in Node (`tests/node/`, run by `.ci/run`), and against the Rust
//! crate in `client_vectors.rs`.

mod support;

use luxxon_errors_codegen::{ArtifactKind, Builder, Catalog};
use serde_json::Value;
use support::{scratch_dir, workspace_root};

fn manifest() -> Value {
    serde_json::from_str(&support::read(ArtifactKind::NpmManifest.path())).expect("JSON")
}

#[test]
fn the_manifest_names_the_package_of_the_catalog_and_its_entry_points() {
    let manifest = manifest();
    let catalog = Catalog::load(workspace_root().join("errors.yaml")).expect("the catalog");
    assert_eq!(manifest["name"], catalog.npm().name());
    assert_eq!(manifest["version"], catalog.npm().version());
    assert_eq!(manifest["name"], "@luxxon/errors");
    assert_eq!(manifest["type"], "module");
    assert_eq!(manifest["types"], "./index.d.ts");
    assert_eq!(manifest["exports"]["."]["types"], "./index.d.ts");
    assert_eq!(manifest["exports"]["."]["default"], "./index.js");
    assert_eq!(manifest["sideEffects"], false);
    assert_eq!(manifest["engines"]["node"], ">=18");
    for key in [
        "dependencies",
        "peerDependencies",
        "optionalDependencies",
        "scripts",
    ] {
        assert!(manifest.get(key).is_none(), "no {key}");
    }
    let folder = std::path::Path::new(ArtifactKind::NpmManifest.path())
        .parent()
        .expect("a folder");
    for file in manifest["files"].as_array().expect("files") {
        let file = file.as_str().expect("a file");
        let path = folder.join(file);
        assert!(
            ArtifactKind::ALL
                .iter()
                .any(|kind| std::path::Path::new(kind.path()) == path),
            "{file} is a generated file"
        );
    }
}

#[test]
fn the_javascript_is_emitted_without_a_compiler_and_holds_no_import() {
    let module = support::read(ArtifactKind::NpmModule.path());
    assert!(!module.contains("import "), "no runtime dependency");
    assert!(!module.contains("require("), "ESM only");
    for name in [
        "export function decodeLuxxonError(",
        "export function isRetryable(",
        "export function retryAfterMs(",
        "export async function errorForStatus(",
        "export async function withRetry(",
        "export class LuxxonHttpError extends Error",
        "export const LUXXON_ERROR_CODES = Object.freeze([",
    ] {
        assert!(module.contains(name), "{name}");
    }
    let declarations = support::read(ArtifactKind::NpmTypes.path());
    for name in [
        "export declare function decodeLuxxonError(",
        "export declare function isRetryable(",
        "export declare function retryAfterMs(",
        "export declare function errorForStatus<",
        "export declare function withRetry<",
        "export declare class LuxxonHttpError extends Error",
        "export type LuxxonErrorCode = KnownLuxxonErrorCode | (string & {});",
        "export interface LuxxonError {",
    ] {
        assert!(declarations.contains(name), "{name}");
    }
}

const HOSTILE_NAME: &str =
    "errors\n\"injected\": 1, */ export const INJECTED = 1; --> \u{2028}.yaml";
const HOSTILE_COMMAND: &str = "make\r\nexport const INJECTED_BY_COMMAND = 2;\u{85}\u{0}";

#[test]
fn a_hostile_header_stays_a_comment_in_every_file_of_the_package() {
    let root = scratch_dir("npm-header");
    std::fs::copy(
        workspace_root().join("errors.yaml"),
        root.join("errors.yaml"),
    )
    .expect("copied");
    let mut builder = Builder::new();
    builder
        .catalog(root.join("errors.yaml"))
        .catalog_name(HOSTILE_NAME)
        .regenerate_command(HOSTILE_COMMAND)
        .out_dir(&root);
    builder.generate().expect("generated");
    let read = |kind: ArtifactKind| std::fs::read_to_string(root.join(kind.path())).expect("read");

    let text = read(ArtifactKind::NpmManifest);
    assert!(
        text.starts_with("{\n  \"//\": \"@generated"),
        "the comment comes first"
    );
    let manifest: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(manifest["name"], "@luxxon/errors");
    let comment = manifest["//"].as_str().expect("a comment");
    assert!(comment.contains("export const INJECTED = 1;") && comment.contains(HOSTILE_COMMAND));

    for kind in [ArtifactKind::NpmModule, ArtifactKind::NpmTypes] {
        let text = read(kind);
        let first = text.lines().next().expect("a first line");
        assert!(first.starts_with("// @generated"), "{first}");
        let rest = &text[first.len()..];
        assert!(!rest.contains("INJECTED"), "{}", kind.path());
        assert!(!first.contains('\u{2028}') && !first.contains('\r'));
    }
    let readme = read(ArtifactKind::NpmReadme);
    let first = readme.lines().next().expect("a first line");
    assert!(
        first.starts_with("<!-- ") && first.ends_with(" -->"),
        "{first}"
    );
    assert_eq!(first.matches("-->").count(), 1);

    let node_runs = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if node_runs {
        let output = std::process::Command::new("node")
            .arg("--check")
            .arg(root.join(ArtifactKind::NpmModule.path()))
            .output()
            .expect("node runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    } else {
        assert!(std::env::var_os("CI").is_none(), "CI has node");
    }
    std::fs::remove_dir_all(&root).expect("removed");
}
