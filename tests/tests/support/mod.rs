//! What the integration tests share: the repository's files, the reference page and its
//! example envelope, errors.yaml read as plain YAML (not through the codegen model the
//! generators use), a parser for the Markdown code tables, YAML quoting, and running
//! cargo (in the workspace, or on a probe crate outside it).

// Each test binary uses a different part of this module.
#![allow(dead_code)]

pub mod yaml;

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The reference Errors page: a copy of the public one.
pub const REFERENCE_PAGE: &str = include_str!("../../fixtures/luxxon-errors-page.md");

/// The page's example envelope, as its text stands between the fences (pretty-printed).
pub fn page_example() -> &'static str {
    json_example(REFERENCE_PAGE)
}

/// The page's example envelope on one line, as servers send it. `envelope.rs` holds it
/// to [`page_example`].
pub const PAGE_EXAMPLE_COMPACT: &str = r#"{"statusCode":403,"code":"NOT_AUTHORIZED","message":"Not authorized for this operation","detail":"session:viewDenied","timestamp":"2026-05-13T08:30:00Z"}"#;

/// The text of the first JSON code block of a Markdown `page`, fences excluded.
pub fn json_example(page: &str) -> &str {
    let fence = page.find("```json").expect("the page has a JSON example");
    let start = fence + page[fence..].find('\n').expect("the fence's line ends") + 1;
    let length = page[start..].find("\n```").expect("the example ends");
    &page[start..start + length]
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

/// The workspace's target folder: `$CARGO_TARGET_DIR` (relative to the workspace when
/// relative), else `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// The folder every probe crate builds in: the runtime and its dependencies are
/// compiled once for all of them.
pub fn probe_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("probe-target")
}

/// The cargo that runs the tests (`$CARGO`), so that a probe builds with the same
/// toolchain.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// What `cargo tree --offline --package luxxon-errors --prefix none ARGS...` prints: the
/// runtime crate's dependency graph as the workspace resolves it, one package a line.
pub fn runtime_tree(args: &[&str]) -> String {
    let output = cargo()
        .args([
            "tree",
            "--offline",
            "--package",
            "luxxon-errors",
            "--prefix",
            "none",
        ])
        .args(args)
        .current_dir(workspace_root())
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `{ path = "…" }`: a probe's dependency on the workspace's crate in the folder `name`.
pub fn workspace_crate(name: &str) -> String {
    format!(
        "{{ path = {:?} }}",
        workspace_root().join(name).display().to_string()
    )
}

/// Writes the manifest of the probe crate `name` in `dir`, a workspace of its own with
/// `tables` (its dependency tables, as TOML), and the workspace's lock file beside it:
/// the same dependency versions, so nothing is resolved anew (and offline works).
pub fn write_probe_manifest(dir: &Path, name: &str, tables: &str) {
    std::fs::create_dir_all(dir).expect("the probe's folder");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             {tables}\n[workspace]\n"
        ),
    )
    .expect("the probe's manifest");
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .expect("the probe's lock file");
}

/// `cargo SUBCOMMAND FLAGS...` for the probe crate in `dir`, outside the workspace's
/// build: offline, in the probes' target folder, without colour.
pub fn probe_cargo(dir: &Path, subcommand: &[&str]) -> Command {
    let mut command = cargo();
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
