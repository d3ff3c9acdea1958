//! Every published crate is publishable and says on crates.io what it is: it ships both
//! license files (real copies of the root ones) and a README, and its manifest names the
//! metadata crates.io and docs.rs show.

mod support;

use std::fs;
use std::path::Path;

use support::workspace_root;
use toml::{Table, Value};

/// The files every published package folder holds, and packs.
const PACKAGED_FILES: [&str; 3] = ["LICENSE-MIT", "LICENSE-APACHE", "README.md"];

/// The manifest fields every published crate sets (itself or from the workspace).
const REQUIRED_FIELDS: [&str; 6] = [
    "description",
    "keywords",
    "categories",
    "readme",
    "license",
    "repository",
];

/// crates.io accepts at most this many keywords.
const MAX_KEYWORDS: usize = 5;

fn manifest(path: &Path) -> Table {
    let text =
        fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    text.parse()
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The folders of the workspace members that `cargo publish` would publish.
fn published_packages(root: &Table) -> Vec<String> {
    let members = root["workspace"]["members"]
        .as_array()
        .expect("`workspace.members` is a list");
    members
        .iter()
        .map(|member| member.as_str().expect("a member is a path").to_owned())
        .filter(|member| {
            let package = &manifest(&workspace_root().join(member).join("Cargo.toml"))["package"];
            package.get("publish").and_then(Value::as_bool) != Some(false)
        })
        .collect()
}

#[test]
fn every_published_crate_ships_its_licenses_readme_and_metadata() {
    let repo = workspace_root();
    let root = manifest(&repo.join("Cargo.toml"));
    let workspace_package = root["workspace"]["package"]
        .as_table()
        .expect("`[workspace.package]` is a table");
    let packages = published_packages(&root);
    for expected in [
        "luxxon-errors-codegen",
        "luxxon-errors-macros",
        "luxxon-errors",
        "luxxon-errors-cli",
    ] {
        assert!(
            packages.iter().any(|package| package == expected),
            "`{expected}` is published, but the test did not find it among {packages:?}"
        );
    }

    let mut problems = Vec::new();
    for license in ["LICENSE-MIT", "LICENSE-APACHE"] {
        if !repo.join(license).is_file() {
            problems.push(format!(
                "{license} is missing at the repository root: add the standard text there"
            ));
        }
    }

    for package in &packages {
        let folder = repo.join(package);
        for file in PACKAGED_FILES {
            let path = folder.join(file);
            let fix = if file == "README.md" {
                "write one: it is the crate's page on crates.io".to_owned()
            } else {
                format!("run `cp {file} {package}/` at the repository root")
            };
            match fs::symlink_metadata(&path) {
                Err(_) => problems.push(format!("{package}/{file} is missing: {fix}")),
                Ok(metadata) if !metadata.file_type().is_file() => problems.push(format!(
                    "{package}/{file} is not a regular file (checkouts without symlink support \
                     could not package it): delete it, then {fix}"
                )),
                Ok(_)
                    if file != "README.md"
                        && fs::read(&path).ok() != fs::read(repo.join(file)).ok() =>
                {
                    problems.push(format!("{package}/{file} differs from the root one: {fix}"));
                }
                Ok(_) => {}
            }
        }

        let manifest = manifest(&folder.join("Cargo.toml"));
        let fields = manifest["package"]
            .as_table()
            .expect("`[package]` is a table");
        for field in REQUIRED_FIELDS {
            let value = match fields.get(field) {
                Some(Value::Table(inherited))
                    if inherited.get("workspace").and_then(Value::as_bool) == Some(true) =>
                {
                    workspace_package.get(field)
                }
                value => value,
            };
            match value {
                None => problems.push(format!(
                    "{package}/Cargo.toml has no `{field}`: set it under `[package]` \
                     (or `{field}.workspace = true` with a value in `[workspace.package]`)"
                )),
                Some(Value::Array(items)) if items.is_empty() => problems.push(format!(
                    "{package}/Cargo.toml has an empty `{field}` list: name at least one"
                )),
                Some(_) => {}
            }
        }
        if let Some(keywords) = fields.get("keywords").and_then(Value::as_array)
            && keywords.len() > MAX_KEYWORDS
        {
            problems.push(format!(
                "{package}/Cargo.toml has {} keywords; crates.io accepts at most {MAX_KEYWORDS}",
                keywords.len()
            ));
        }
        if let Some(readme) = fields.get("readme").and_then(Value::as_str)
            && readme != "README.md"
        {
            problems.push(format!(
                "{package}/Cargo.toml says `readme = \"{readme}\"`: set `readme = \"README.md\"`"
            ));
        }
        if let Some(include) = fields.get("include") {
            let include: Vec<&str> = include
                .as_array()
                .expect("`include` is a list")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            for file in PACKAGED_FILES {
                if !include.contains(&file) {
                    problems.push(format!(
                        "{package}/Cargo.toml's `include` list leaves out {file}, so \
                         `cargo package` would not pack it: add \"{file}\" to `include`"
                    ));
                }
            }
        }
    }

    let runtime = manifest(&repo.join("luxxon-errors/Cargo.toml"));
    if runtime["package"].get("include").is_none() {
        problems.push(
            "luxxon-errors/Cargo.toml has no `include` list: this test expects one that \
             names the license files and README.md; update the test if it was dropped on purpose"
                .to_owned(),
        );
    }

    assert!(
        problems.is_empty(),
        "the published crates are not ready for crates.io:\n  {}",
        problems.join("\n  ")
    );
}
