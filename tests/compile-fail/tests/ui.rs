//! The compile-fail UI suite: every problem a catalog can have, exactly as `catalog!`
//! reports it to the user.
//!
//! A case is two files in `tests/ui/` (see `tests/ui/README.md`): `NAME.yaml`, the
//! catalog, and `NAME.stderr`, the compiler's expected output. For each `NAME.yaml` this
//! test writes the driver `luxxon_errors::catalog!("NAME.yaml"); fn main() {}` into a
//! scratch folder under the target directory, next to copies of both files, and has
//! trybuild compile it. A case that needs Rust of its own (a path that names no file)
//! is `NAME.rs` + `NAME.stderr`, compiled where it is. Each `tests/ui/pass/NAME.yaml`
//! is a catalog that must compile (and the program run).
//!
//! `TRYBUILD=overwrite cargo test -p luxxon-errors-compile-fail --test ui` (re)writes every
//! `NAME.stderr` in `tests/ui/` from the compiler's actual output; `scripts/bless.sh` runs
//! it with every other suite's overwrite.
//!
//! The compiler runs every case: that adds about 20 s to a cold run of this suite on the
//! 2-core machine (`tests/ui/README.md` has the numbers). Every case's problems are also
//! checked through the core (`every_case_reports_what_its_stderr_says`), which names the
//! case whose catalog the core reads differently without waiting for rustc.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// Files in `tests/ui/` that are not cases.
const NOT_CASES: &[&str] = &["README.md", ".gitattributes", PASS];

/// The folder of catalogs that must compile: `tests/ui/pass/NAME.yaml`.
const PASS: &str = "pass";

/// The UI cases found in `tests/ui/`.
struct Cases {
    /// The `.rs` files that must fail to compile.
    drivers: Vec<PathBuf>,
    /// The `.rs` files that must compile and run.
    passing: Vec<PathBuf>,
    /// Names of the `NAME.yaml` cases, whose drivers are generated.
    generated: Vec<String>,
    /// What is wrong with the folder, said so that a newcomer knows what to do.
    problems: Vec<String>,
}

fn ui_dir() -> PathBuf {
    // The cases live beside this crate, in `tests/ui/`.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside tests/")
        .join("ui")
}

fn scratch_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-cases")
}

fn overwriting() -> bool {
    std::env::var_os("TRYBUILD").is_some_and(|value| value == "overwrite")
}

/// Reads `tests/ui/` and lays out the generated cases in `scratch`.
fn prepare(ui: &Path, scratch: &Path) -> Cases {
    let mut cases = Cases {
        drivers: Vec::new(),
        passing: Vec::new(),
        generated: Vec::new(),
        problems: Vec::new(),
    };
    prepare_passing(&ui.join(PASS), &scratch.join(PASS), &mut cases);
    let mut entries: Vec<PathBuf> = fs::read_dir(ui)
        .unwrap_or_else(|error| panic!("{}: {error}", ui.display()))
        .map(|entry| entry.expect("a readable entry of tests/ui").path())
        .collect();
    entries.sort();
    for path in &entries {
        let file_name = path.file_name().and_then(OsStr::to_str).unwrap_or_default();
        let (Some(name), Some(extension)) = (
            path.file_stem().and_then(OsStr::to_str),
            path.extension().and_then(OsStr::to_str),
        ) else {
            if !NOT_CASES.contains(&file_name) {
                cases.problems.push(format!(
                    "tests/ui/{file_name}: not a case; a case is `NAME.yaml` + `NAME.stderr`"
                ));
            }
            continue;
        };
        let has = |extension: &str| ui.join(format!("{name}.{extension}")).exists();
        match extension {
            "yaml" => {
                if has("rs") {
                    cases.problems.push(format!(
                        "tests/ui/{name}.yaml and tests/ui/{name}.rs: a case is either, not both; rename one"
                    ));
                    continue;
                }
                if !has("stderr") && !overwriting() {
                    cases.problems.push(format!(
                        "tests/ui/{name}.yaml has no expected output: run `TRYBUILD=overwrite cargo test -p luxxon-errors-compile-fail --test ui`, then read tests/ui/{name}.stderr before committing it"
                    ));
                    continue;
                }
                cases.generated.push(name.to_owned());
                lay_out(ui, scratch, name, path.is_dir());
                cases.drivers.push(scratch.join(format!("{name}.rs")));
            }
            "rs" => {
                if !has("stderr") && !overwriting() {
                    cases.problems.push(format!(
                        "tests/ui/{name}.rs has no expected output: run `TRYBUILD=overwrite cargo test -p luxxon-errors-compile-fail --test ui`, then read tests/ui/{name}.stderr before committing it"
                    ));
                    continue;
                }
                cases.drivers.push(path.clone());
            }
            "stderr" => {
                if !has("yaml") && !has("rs") {
                    cases.problems.push(format!(
                        "tests/ui/{name}.stderr belongs to no case: add tests/ui/{name}.yaml, or delete it"
                    ));
                }
            }
            _ if NOT_CASES.contains(&file_name) => {}
            _ => cases.problems.push(format!(
                "tests/ui/{file_name}: not a case; a case is `NAME.yaml` + `NAME.stderr`"
            )),
        }
    }
    cases
}

/// Lays out the catalogs of `tests/ui/pass/`, which must compile.
fn prepare_passing(pass: &Path, scratch: &Path, cases: &mut Cases) {
    let Ok(entries) = fs::read_dir(pass) else {
        return;
    };
    fs::create_dir_all(scratch).expect("create the scratch folder");
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable entry of tests/ui/pass").path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_stem().and_then(OsStr::to_str).unwrap_or_default();
        if path.extension().and_then(OsStr::to_str) != Some("yaml") {
            let file_name = path.file_name().and_then(OsStr::to_str).unwrap_or_default();
            cases.problems.push(format!(
                "tests/ui/pass/{file_name}: not a catalog; this folder holds `NAME.yaml` files that must compile"
            ));
            continue;
        }
        lay_out(pass, scratch, name, false);
        cases.passing.push(scratch.join(format!("{name}.rs")));
    }
}

/// Writes the driver of the case `name` into `scratch`, next to copies of its catalog
/// (where the macro finds it: next to the file that calls it) and its expected output.
fn lay_out(ui: &Path, scratch: &Path, name: &str, catalog_is_dir: bool) {
    let catalog = scratch.join(format!("{name}.yaml"));
    if catalog_is_dir {
        fs::create_dir_all(&catalog).expect("create the directory case");
    } else {
        fs::copy(ui.join(format!("{name}.yaml")), &catalog).expect("copy the catalog");
    }
    let expected = ui.join(format!("{name}.stderr"));
    if expected.exists() {
        fs::copy(&expected, scratch.join(format!("{name}.stderr")))
            .expect("copy the expected output");
    }
    fs::write(
        scratch.join(format!("{name}.rs")),
        format!("luxxon_errors::catalog!(\"{name}.yaml\");\n\nfn main() {{}}\n"),
    )
    .expect("write the driver");
}

/// `output` with the scratch folder, which differs between machines, written as
/// trybuild's `$DIR`: trybuild matches `--> $DIR/NAME.rs` against any folder.
fn portable(output: &str, scratch: &Path) -> String {
    let folder = format!("{}/", scratch.display());
    output.replace(&folder, "$DIR/")
}

#[test]
fn ui() {
    let ui = ui_dir();
    let scratch = scratch_dir();
    // Cases removed from tests/ui/ must not linger from an earlier run.
    if scratch.exists() {
        fs::remove_dir_all(&scratch).expect("clear the scratch folder");
    }
    fs::create_dir_all(&scratch).expect("create the scratch folder");

    let cases = prepare(&ui, &scratch);
    assert!(
        cases.problems.is_empty(),
        "tests/ui/ needs attention (see tests/ui/README.md):\n  {}",
        cases.problems.join("\n  ")
    );
    assert!(!cases.drivers.is_empty(), "no UI cases in tests/ui/");

    let outcome = std::panic::catch_unwind(|| {
        let tests = trybuild::TestCases::new();
        for driver in &cases.drivers {
            tests.compile_fail(driver);
        }
        for driver in &cases.passing {
            tests.pass(driver);
        }
        // trybuild runs the cases when `tests` is dropped.
    });

    if overwriting() {
        for name in &cases.generated {
            let actual = scratch.join(format!("{name}.stderr"));
            if let Ok(output) = fs::read_to_string(&actual) {
                fs::write(
                    ui.join(format!("{name}.stderr")),
                    portable(&output, &scratch),
                )
                .expect("copy the output back to tests/ui");
            }
        }
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// The compiler's messages in a `.stderr` file: each `error: ` block up to its `-->`
/// line, every line trimmed (rustc indents a message's continuation lines).
fn messages_of(stderr: &str) -> Vec<String> {
    let mut messages = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in stderr.lines() {
        if let Some(first) = line.strip_prefix("error: ") {
            current = Some(vec![first.trim()]);
        } else if line.trim_start().starts_with("-->") {
            if let Some(lines) = current.take() {
                messages.push(lines.join("\n"));
            }
        } else if let Some(lines) = current.as_mut() {
            lines.push(line.trim());
        }
    }
    messages
}

#[test]
fn every_case_reports_what_its_stderr_says() {
    let ui = ui_dir();
    let cases = prepare_names(&ui);
    assert!(!cases.is_empty());
    for name in cases {
        let expected = fs::read_to_string(ui.join(format!("{name}.stderr")))
            .unwrap_or_else(|error| panic!("tests/ui/{name}.stderr: {error}"));
        let file = format!("{name}.yaml");
        let actual: Vec<String> =
            match luxxon_errors_codegen::Catalog::load_named(&ui.join(&file), &file) {
                Ok(_) => Vec::new(),
                Err(problems) => problems
                    .iter()
                    .map(|problem| {
                        problem
                            .to_string()
                            .lines()
                            .map(str::trim)
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .collect(),
            };
        assert_eq!(
            actual,
            messages_of(&expected),
            "tests/ui/{name}: the core's problems differ from tests/ui/{name}.stderr; run `TRYBUILD=overwrite cargo test -p luxxon-errors-compile-fail --test ui` and read the diff"
        );
    }
}

/// The names of the `NAME.yaml` cases of `tests/ui/`.
fn prepare_names(ui: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(ui)
        .expect("tests/ui")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "yaml").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.sort();
    names
}
