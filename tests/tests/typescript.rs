//! The generated TypeScript (`generated/ts/luxxon-errors.ts`): it lists what errors.yaml
//! lists, type-checks with `tsc --strict` together with a client's usage
//! (`tests/ts/usage.ts`), and its maps evaluate to the catalog's values.
//!
//! `tsc` is `$LUXXON_TSC` when set (CI sets it); otherwise TypeScript is installed with
//! npm under the target folder. Without node the type-check is skipped with a message,
//! except under CI (`CI` set), where that is a failure.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use luxxon_errors_codegen::ArtifactKind;
use serde_json::Value;
use support::{scratch_dir, workspace_root, yaml_codes, yaml_families};

fn module() -> String {
    support::read(ArtifactKind::TypeScript.path())
}

/// The entries `KEY: value,` of the `export const NAME = { ... }` object in `module`.
fn map_entries(module: &str, name: &str) -> Vec<(String, String)> {
    let start = format!("export const {name} = {{\n");
    let body = module
        .split(&start)
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .unwrap_or_else(|| panic!("the module exports {name}"));
    body.lines()
        .filter(|line| !line.trim_start().starts_with("/*") && !line.trim_start().starts_with('*'))
        .map(|line| {
            let (key, value) = line
                .trim()
                .trim_end_matches(',')
                .split_once(": ")
                .unwrap_or_else(|| panic!("an entry: {line}"));
            (key.to_owned(), value.to_owned())
        })
        .collect()
}

/// The string literals of the `export type NAME = | "A" | "B";` union in `module`.
fn union_members(module: &str, name: &str) -> Vec<String> {
    let start = format!("export type {name} =\n");
    let body = module
        .split(&start)
        .nth(1)
        .and_then(|rest| rest.split(";\n").next())
        .unwrap_or_else(|| panic!("the module exports {name}"));
    body.lines()
        .filter_map(|line| line.trim().strip_prefix("| "))
        .map(|member| member.trim_matches('"').to_owned())
        .collect()
}

#[test]
fn the_module_lists_every_code_and_family_of_errors_yaml() {
    let catalog = support::catalog_yaml();
    let codes = yaml_codes(&catalog);
    let module = module();
    let names: Vec<String> = codes.iter().map(|code| code.code.clone()).collect();
    assert_eq!(union_members(&module, "KnownLuxxonErrorCode"), names);
    assert_eq!(
        union_members(&module, "LuxxonErrorFamily"),
        yaml_families(&catalog)
            .into_iter()
            .map(|family| family.id)
            .collect::<Vec<_>>()
    );
    assert!(module.contains("export type LuxxonErrorCode = KnownLuxxonErrorCode | (string & {});"));
    let expect = |name: &str, value: &dyn Fn(&support::YamlCode) -> String| {
        let expected: Vec<(String, String)> = codes
            .iter()
            .map(|code| (code.code.clone(), value(code)))
            .collect();
        assert_eq!(map_entries(&module, name), expected, "{name}");
    };
    expect("LUXXON_ERROR_STATUS", &|code| code.status.to_string());
    expect("LUXXON_ERROR_FAMILY", &|code| {
        format!("\"{}\"", code.family)
    });
    expect("LUXXON_ERROR_RETRYABLE", &|code| code.retryable.to_string());
    for code in &codes {
        let doc = match &code.remedy {
            Some(remedy) => format!("{} — {remedy}", code.meaning),
            None => code.meaning.clone(),
        };
        assert!(
            module.contains(&doc),
            "{} is documented with its meaning and remedy",
            code.code
        );
    }
}

/// The `tsc` to use, or `None` (after saying why) when there is no node to run it.
fn tsc() -> Option<PathBuf> {
    static TSC: OnceLock<Option<PathBuf>> = OnceLock::new();
    TSC.get_or_init(find_or_install_tsc).clone()
}

fn find_or_install_tsc() -> Option<PathBuf> {
    if let Some(tsc) = std::env::var_os("LUXXON_TSC") {
        return Some(PathBuf::from(tsc));
    }
    let has = |program: &str| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success())
    };
    if !has("node") || !has("npm") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must type-check the generated TypeScript: install node and npm, or set LUXXON_TSC"
        );
        eprintln!(
            "skipping the `tsc --strict` check: no node/npm here (set LUXXON_TSC, or install node)"
        );
        return None;
    }
    let prefix = support::target_dir().join("npm");
    let tsc = prefix.join("node_modules/.bin/tsc");
    if !tsc.exists() {
        let status = Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(&prefix)
            .arg("typescript@5")
            .status()
            .expect("npm runs");
        assert!(
            status.success(),
            "npm install typescript@5 failed: {status}"
        );
    }
    Some(tsc)
}

/// Runs `tsc` with the strictest settings over `files`, emitting CommonJS into `out_dir`.
fn type_check(tsc: &Path, files: &[PathBuf], out_dir: &Path) {
    let output = Command::new(tsc)
        .args([
            "--strict",
            "--noUncheckedIndexedAccess",
            "--exactOptionalPropertyTypes",
            "--noImplicitReturns",
            "--noFallthroughCasesInSwitch",
            "--target",
            "es2020",
            "--module",
            "commonjs",
            "--rootDir",
        ])
        .arg(workspace_root())
        .arg("--outDir")
        .arg(out_dir)
        .args(files)
        .output()
        .unwrap_or_else(|error| panic!("{} runs: {error}", tsc.display()));
    assert!(
        output.status.success(),
        "tsc --strict failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_module_type_checks_with_tsc_strict_and_evaluates_to_the_catalog() {
    let Some(tsc) = tsc() else { return };
    let out_dir = scratch_dir("tsc");
    let root = workspace_root();
    type_check(
        &tsc,
        &[
            root.join(ArtifactKind::TypeScript.path()),
            root.join("tests/ts/usage.ts"),
        ],
        &out_dir,
    );

    let compiled = out_dir.join("generated/ts/luxxon-errors.js");
    let script = "const m = require(process.argv[1]);\
        console.log(JSON.stringify({\
          codes: m.LUXXON_ERROR_CODES,\
          status: m.LUXXON_ERROR_STATUS,\
          family: m.LUXXON_ERROR_FAMILY,\
          retryable: m.LUXXON_ERROR_RETRYABLE,\
          known: m.LUXXON_ERROR_CODES.every(m.isKnownLuxxonErrorCode),\
          unknownIsKnown: m.isKnownLuxxonErrorCode('A_CODE_FROM_THE_FUTURE')\
            || m.isKnownLuxxonErrorCode('toString'),\
        }));";
    let output = Command::new("node")
        .args(["-e", script])
        .arg(&compiled)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let evaluated: Value = serde_json::from_slice(&output.stdout).expect("JSON from node");

    let codes = yaml_codes(&support::catalog_yaml());
    let names: Vec<&str> = codes.iter().map(|code| code.code.as_str()).collect();
    assert_eq!(evaluated["codes"], serde_json::json!(names));
    let by_code = |value: &dyn Fn(&support::YamlCode) -> Value| -> BTreeMap<String, Value> {
        codes
            .iter()
            .map(|code| (code.code.clone(), value(code)))
            .collect()
    };
    let as_map = |value: &Value| -> BTreeMap<String, Value> {
        serde_json::from_value(value.clone()).expect("an object")
    };
    assert_eq!(
        as_map(&evaluated["status"]),
        by_code(&|code| code.status.into())
    );
    assert_eq!(
        as_map(&evaluated["family"]),
        by_code(&|code| code.family.clone().into())
    );
    assert_eq!(
        as_map(&evaluated["retryable"]),
        by_code(&|code| code.retryable.into())
    );
    assert_eq!(evaluated["known"], true);
    assert_eq!(evaluated["unknownIsKnown"], false);
    std::fs::remove_dir_all(&out_dir).unwrap();
}

#[test]
fn a_hostile_header_stays_a_comment_for_tsc() {
    let Some(tsc) = tsc() else { return };
    let root = scratch_dir("ts-header");
    std::fs::copy(
        workspace_root().join("errors.yaml"),
        root.join("errors.yaml"),
    )
    .unwrap();
    let mut builder = luxxon_errors_codegen::Builder::new();
    builder
        .catalog(root.join("errors.yaml"))
        .catalog_name("errors\nexport const INJECTED_BY_NAME = 1;.yaml")
        .regenerate_command("make\u{2028}export const INJECTED_BY_COMMAND = 2;\rdone")
        .out_dir(&root)
        .artifacts([ArtifactKind::TypeScript]);
    builder.generate().unwrap();
    let module = root.join(ArtifactKind::TypeScript.path());
    let out_dir = scratch_dir("ts-header-out");
    let output = Command::new(&tsc)
        .args(["--declaration", "--emitDeclarationOnly", "--outDir"])
        .arg(&out_dir)
        .arg(&module)
        .output()
        .expect("tsc runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let declarations = std::fs::read_to_string(out_dir.join("luxxon-errors.d.ts")).unwrap();
    assert!(
        declarations.contains("LUXXON_ERROR_STATUS"),
        "{declarations}"
    );
    assert!(!declarations.contains("INJECTED"), "{declarations}");
}
