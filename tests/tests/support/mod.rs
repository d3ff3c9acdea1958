//! What the generated-artifact tests share: the repository's files, errors.yaml read
//! as plain YAML (not through the codegen model the generators use), and a parser for
//! the Markdown code tables.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package is inside the workspace")
        .to_path_buf()
}

/// A file of the repository, as text.
pub fn read(relative: &str) -> String {
    let path = workspace_root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The reference Errors page.
pub fn reference_page() -> String {
    read("tests/fixtures/luxxon-errors-page.md")
}

/// errors.yaml, read as untyped YAML.
pub fn catalog_yaml() -> Value {
    serde_saphyr::from_str(&read("errors.yaml")).expect("errors.yaml is YAML")
}

/// One code of errors.yaml, as the file says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlCode {
    pub code: String,
    pub status: u16,
    pub family: String,
    pub meaning: String,
    pub remedy: Option<String>,
    pub retryable: bool,
}

/// One family of errors.yaml, as the file says it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlFamily {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub retryable: bool,
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The families of errors.yaml, in file order.
pub fn yaml_families(catalog: &Value) -> Vec<YamlFamily> {
    catalog["families"]
        .as_array()
        .expect("`families` is a list")
        .iter()
        .map(|family| YamlFamily {
            id: text(family, "id").expect("a family id"),
            title: text(family, "title").expect("a family title"),
            description: text(family, "description"),
            retryable: family["retryable"].as_bool().unwrap_or(false),
        })
        .collect()
}

/// The codes of errors.yaml, in file order; a code's retryability defaults to its
/// family's.
pub fn yaml_codes(catalog: &Value) -> Vec<YamlCode> {
    let families = yaml_families(catalog);
    catalog["codes"]
        .as_array()
        .expect("`codes` is a list")
        .iter()
        .map(|code| {
            let family = text(code, "family").expect("a code's family");
            let family_retryable = families
                .iter()
                .find(|candidate| candidate.id == family)
                .is_some_and(|family| family.retryable);
            YamlCode {
                code: text(code, "code").expect("a code name"),
                status: code["status"]
                    .as_u64()
                    .and_then(|status| u16::try_from(status).ok())
                    .expect("a status"),
                family,
                meaning: text(code, "meaning").expect("a meaning"),
                remedy: text(code, "remedy"),
                retryable: code["retryable"].as_bool().unwrap_or(family_retryable),
            }
        })
        .collect()
}

/// A Markdown table under a `## ` heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The heading of the section the table is in.
    pub heading: String,
    /// The header cells.
    pub header: Vec<String>,
    /// The body rows' cells, unescaped.
    pub rows: Vec<Vec<String>>,
    /// The table's lines as written, alignment included.
    pub lines: Vec<String>,
}

/// Every table of a Markdown page, in page order.
pub fn tables(page: &str) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    let mut heading = String::new();
    let mut in_table = false;
    for line in page.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            heading = title.trim().to_owned();
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        if !in_table {
            tables.push(Table {
                heading: heading.clone(),
                header: cells(line),
                rows: Vec::new(),
                lines: Vec::new(),
            });
            in_table = true;
        } else if !line.starts_with("| ---") && !line.starts_with("|---") {
            tables.last_mut().expect("a table").rows.push(cells(line));
        }
        tables
            .last_mut()
            .expect("a table")
            .lines
            .push(line.to_owned());
    }
    tables
}

/// The cells of a table line: split on `|` except `\|`, trimmed and unescaped.
pub fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}

/// A fresh, empty folder under the system's temporary folder.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("luxxon-errors-tests-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// The folder every probe crate builds in: the runtime and its dependencies are
/// compiled once for all of them.
pub fn probe_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("probe-target")
}

/// `cargo SUBCOMMAND FLAGS...` for the probe crate in `dir`, outside the workspace's
/// build: offline, in the probes' target folder, without colour.
pub fn probe_cargo(dir: &Path, subcommand: &[&str]) -> std::process::Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = std::process::Command::new(cargo);
    command
        .args(subcommand)
        .args(["--offline", "--target-dir"])
        .arg(probe_target())
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env_remove("CARGO_TARGET_DIR")
        .env("CARGO_TERM_COLOR", "never");
    command
}
