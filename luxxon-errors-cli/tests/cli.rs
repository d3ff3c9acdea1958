//! The `luxxon-errors` binary: exit codes, messages and what `render` writes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the CLI is inside the workspace")
        .to_path_buf()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_luxxon-errors"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch copy of the repository's catalog, with nothing generated yet.
fn scratch_repo(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("luxxon-errors-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        workspace_root().join("errors.yaml"),
        dir.join("errors.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn check_passes_in_the_repository() {
    let output = run(&workspace_root(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("ok: "));
}

#[test]
fn render_writes_once_then_reports_unchanged_files() {
    let repo = scratch_repo("render");
    let first = run(&repo, &["render"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("wrote: docs/errors.md\n"),
        "{}",
        stdout(&first)
    );
    let second = run(&repo, &["render", "--root", "."]);
    assert_eq!(
        stdout(&second).matches("unchanged: ").count(),
        4,
        "{}",
        stdout(&second)
    );
    assert_eq!(run(&repo, &["check"]).status.code(), Some(0));
    fs::remove_dir_all(&repo).unwrap();
}

#[test]
fn check_fails_with_a_diff_for_a_stale_file() {
    let repo = scratch_repo("stale");
    run(&repo, &["render"]);
    let page = repo.join("docs/errors.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replacen("# Errors", "# Mistakes", 1)).unwrap();
    let output = run(&repo, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("error: docs/errors.md is stale"),
        "{message}"
    );
    assert!(message.contains("\n-# Mistakes\n+# Errors\n"), "{message}");
    assert!(
        message.contains("help: run `cargo run -p luxxon-errors-cli -- render`"),
        "{message}"
    );
    fs::remove_dir_all(&repo).unwrap();
}

#[test]
fn check_prints_every_catalog_problem_with_its_position() {
    let repo = scratch_repo("invalid");
    let catalog = fs::read_to_string(repo.join("errors.yaml")).unwrap();
    let broken = catalog
        .replacen("    status: 401\n", "    status: 42\n", 1)
        .replacen("    family: wallet\n", "    family: purse\n", 1);
    fs::write(repo.join("errors.yaml"), broken).unwrap();
    let output = run(&repo, &["check", "--catalog", "errors.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let problems: Vec<&str> = message
        .lines()
        .filter(|line| line.starts_with("error: errors.yaml:"))
        .collect();
    assert_eq!(problems.len(), 2, "{message}");
    assert!(
        message.contains("error: 2 problems in the catalog"),
        "{message}"
    );
    assert!(!repo.join("docs").exists(), "check writes nothing");
    fs::remove_dir_all(&repo).unwrap();
}

#[test]
fn usage_errors_exit_with_2_and_help_with_0() {
    let root = workspace_root();
    for args in [
        &[][..],
        &["frobnicate"],
        &["check", "--root"],
        &["check", "--verbose"],
    ] {
        let output = run(&root, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("Usage: luxxon-errors"), "{args:?}");
    }
    let help = run(&root, &["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("check"));
}

#[test]
fn diff_accepts_an_added_code_and_refuses_a_removed_one() {
    let repo = scratch_repo("diff");
    let shipped = fs::read_to_string(repo.join("errors.yaml")).unwrap();

    let added = shipped.replacen(
        "  # Domain rules\n",
        "  - code: SESSION_EXPIRED\n    status: 401\n    family: auth\n    meaning: The session expired.\n    remedy: Log in again.\n\n  # Domain rules\n",
        1,
    );
    fs::write(repo.join("added.yaml"), &added).unwrap();
    let output = run(&repo, &["diff", "errors.yaml", "added.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "added `SESSION_EXPIRED`\n");

    let same = run(&repo, &["diff", "errors.yaml", "errors.yaml"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(stdout(&same), "ok: no changes to the codes\n");

    let removed = shipped.replacen(
        "  - code: ACCOUNT_NOT_FOUND\n    status: 404\n    family: not_found\n    meaning: Legacy account lookup.\n    lifecycle: legacy\n",
        "",
        1,
    );
    assert_ne!(removed, shipped, "the entry to remove is in the catalog");
    let restatused = removed.replacen(
        "status: 409\n    family: domain\n    meaning: Resource conflict",
        "status: 400\n    family: domain\n    meaning: Resource conflict",
        1,
    );
    fs::write(repo.join("breaking.yaml"), &restatused).unwrap();
    let output = run(&repo, &["diff", "errors.yaml", "breaking.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("error: removed `ACCOUNT_NOT_FOUND`"),
        "{errors}"
    );
    assert!(
        errors.contains("error: `CONFLICT` changed status from 409 to 400"),
        "{errors}"
    );
    assert!(
        errors.ends_with("error: 2 breaking changes: shipped codes are append-only\n"),
        "{errors}"
    );
}
