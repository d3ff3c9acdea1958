//! The `luxxon-errors` binary as a process: exit codes, messages and what `render` writes.

mod common;

use std::fs;

use common::{run, scratch_dir, scratch_repo, workspace_root};

#[test]
fn check_passes_in_the_repository() {
    // The command the repository's committed files were generated with.
    let command = luxxon_errors_codegen::DEFAULT_REGENERATE_COMMAND;
    let output = run(
        &workspace_root(),
        &["check", "--regenerate-command", command],
    );
    assert_eq!(output.code(), Some(0), "{}", output.stderr);
    assert!(output.stdout.starts_with("ok: "), "{}", output.stdout);
}

#[test]
fn render_writes_once_then_reports_unchanged_files() {
    let repo = scratch_repo("render");
    let first = run(&repo, &["render"]);
    assert_eq!(first.code(), Some(0), "{}", first.stderr);
    assert!(
        first.stdout.contains("wrote: docs/errors.md\n"),
        "{}",
        first.stdout
    );
    let second = run(&repo, &["render", "--root", "."]);
    assert_eq!(
        second.stdout.matches("unchanged: ").count(),
        luxxon_errors_codegen::ArtifactKind::ALL.len(),
        "{}",
        second.stdout
    );
    assert_eq!(run(&repo, &["check"]).code(), Some(0));
}

#[test]
fn a_relative_catalog_is_relative_to_the_current_directory() {
    let dir = scratch_dir("relative");
    fs::create_dir_all(dir.join("api")).unwrap();
    fs::create_dir_all(dir.join("site")).unwrap();
    fs::copy(
        workspace_root().join("errors.yaml"),
        dir.join("api/errors.yaml"),
    )
    .unwrap();
    let output = run(
        &dir,
        &["render", "--root", "site", "--catalog", "api/errors.yaml"],
    );
    assert_eq!(output.code(), Some(0), "{}", output.stderr);
    assert!(dir.join("site/docs/errors.md").is_file());
}

#[test]
fn check_fails_with_a_diff_for_a_stale_file() {
    let repo = scratch_repo("stale");
    run(&repo, &["render"]);
    let page = repo.join("docs/errors.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replacen("# Errors", "# Mistakes", 1)).unwrap();
    let output = run(&repo, &["check"]);
    assert_eq!(output.code(), Some(1));
    let message = &output.stderr;
    assert!(
        message.contains("error: docs/errors.md is stale"),
        "{message}"
    );
    assert!(message.contains("\n-# Mistakes\n+# Errors\n"), "{message}");
    assert!(
        message.starts_with("note: errors.yaml: the catalog is valid\n"),
        "{message}"
    );
    assert!(
        message.ends_with(
            "help: run `luxxon-errors render` and commit the result\nerror: check failed: 1 stale file\n"
        ),
        "{message}"
    );
}

#[test]
fn check_prints_every_catalog_problem_with_its_position() {
    let repo = scratch_repo("invalid");
    let catalog = fs::read_to_string(repo.join("errors.yaml")).unwrap();
    let broken = catalog
        .replacen("    status: 401\n", "    status: 42\n", 1)
        .replacen("    family: wallet\n", "    family: purse\n", 1);
    fs::write(repo.join("errors.yaml"), &broken).unwrap();
    let output = run(&repo, &["check", "--catalog", "errors.yaml"]);
    assert_eq!(output.code(), Some(1));
    let message = &output.stderr;
    let problems: Vec<&str> = message
        .lines()
        .filter(|line| line.starts_with("error: errors.yaml:"))
        .collect();
    assert_eq!(problems.len(), 2, "{message}");
    let line = broken
        .lines()
        .position(|text| text == "    status: 42")
        .expect("the broken line")
        + 1;
    let gutter = " ".repeat(line.to_string().len() + 1);
    assert!(
        message.contains(&format!(
            ": status 42 is not an HTTP status code (100..=599)\n{gutter}|\n{line} |     status: 42\n{gutter}|             ^\n  help: "
        )),
        "the offending line with a caret under the column: {message}"
    );
    assert!(
        message.contains("error: 2 problems in the catalog"),
        "{message}"
    );
    assert!(!repo.join("docs").exists(), "check writes nothing");
}

#[test]
fn usage_errors_exit_with_2_and_help_and_version_with_0() {
    let root = workspace_root();
    let bare = run(&root, &[] as &[&str]);
    assert_eq!(bare.code(), Some(2));
    assert!(
        bare.stderr.contains("Usage: luxxon-errors <COMMAND>"),
        "{}",
        bare.stderr
    );
    for args in [
        &["frobnicate"][..],
        &["check", "--root"],
        &["check", "--verbose"],
        &["check", "--root", "a", "--root", "b"],
        &["check", "render"],
        &["diff", "old.yaml"],
        &["diff", "old.yaml", "new.yaml", "--root", "."],
    ] {
        let output = run(&root, args);
        assert_eq!(output.code(), Some(2), "{args:?}: {}", output.stderr);
        assert!(output.stderr.starts_with("error: "), "{args:?}");
        assert!(output.stderr.contains("--help"), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    for args in [
        &["--help"][..],
        &["help"],
        &["check", "--help"],
        &["help", "diff"],
    ] {
        let help = run(&root, args);
        assert_eq!(help.code(), Some(0), "{args:?}");
        assert!(help.stdout.contains("Usage: luxxon-errors"), "{args:?}");
    }
    let version = run(&root, &["--version"]);
    assert_eq!(version.code(), Some(0));
    assert_eq!(
        version.stdout,
        format!("luxxon-errors {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_help_documents_paths_and_exit_codes() {
    let check = run(&workspace_root(), &["check", "--help"]).stdout;
    assert!(check.contains("errors.yaml under the root"), "{check}");
    assert!(
        check.contains("relative to the current directory"),
        "{check}"
    );
    let top = run(&workspace_root(), &["--help"]).stdout;
    assert!(top.contains("Exit status: 0 success; 1 "), "{top}");
}

#[test]
fn misspelled_commands_and_options_get_a_suggestion() {
    let command = run(&workspace_root(), &["chek"]);
    assert_eq!(command.code(), Some(2));
    assert!(
        command
            .stderr
            .contains("tip: a similar subcommand exists: 'check'"),
        "{}",
        command.stderr
    );
    let option = run(&workspace_root(), &["check", "--catalg", "errors.yaml"]);
    assert_eq!(option.code(), Some(2));
    assert!(
        option
            .stderr
            .contains("tip: a similar argument exists: '--catalog'"),
        "{}",
        option.stderr
    );
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
    assert_eq!(output.code(), Some(0), "{}", output.stderr);
    assert_eq!(output.stdout, "added `SESSION_EXPIRED`\n");

    let same = run(&repo, &["diff", "errors.yaml", "errors.yaml"]);
    assert_eq!(same.code(), Some(0));
    assert_eq!(same.stdout, "ok: no changes to the codes\n");

    fs::write(repo.join("breaking.yaml"), breaking_catalog(&shipped)).unwrap();
    let output = run(&repo, &["diff", "errors.yaml", "breaking.yaml"]);
    assert_eq!(output.code(), Some(1));
    let errors = &output.stderr;
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

#[test]
fn diff_reports_the_problems_of_both_catalogs() {
    let repo = scratch_repo("diff-invalid");
    fs::write(repo.join("broken.yaml"), "codes: []\nfamilies: []\n").unwrap();
    let output = run(&repo, &["diff", "missing.yaml", "broken.yaml"]);
    assert_eq!(output.code(), Some(1));
    assert!(
        output.stderr.contains("error: missing.yaml:"),
        "{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .contains("error: broken.yaml:1:8: `codes` is empty"),
        "{}",
        output.stderr
    );
}

/// The shipped catalog with `ACCOUNT_NOT_FOUND` removed and `CONFLICT` given another status.
fn breaking_catalog(shipped: &str) -> String {
    let removed = shipped.replacen(
        "  - code: ACCOUNT_NOT_FOUND\n    status: 404\n    family: not_found\n    meaning: Legacy account lookup.\n    lifecycle: legacy\n",
        "",
        1,
    );
    assert_ne!(removed, shipped, "the entry to remove is in the catalog");
    removed.replacen(
        "status: 409\n    family: domain\n    meaning: Resource conflict",
        "status: 400\n    family: domain\n    meaning: Resource conflict",
        1,
    )
}

#[cfg(unix)]
mod not_utf8 {
    //! Paths and arguments that are not UTF-8 get an answer, never a panic (exit 101).

    use std::ffi::OsStr;
    use std::fs;
    use std::os::unix::ffi::OsStrExt;

    use super::common::{run, scratch_dir, workspace_root};

    #[test]
    fn a_root_that_is_not_utf8_is_used_as_it_is() {
        let dir = scratch_dir("not-utf8");
        let root = dir.join(OsStr::from_bytes(b"repo-\xff"));
        fs::create_dir_all(&root).unwrap();
        fs::copy(
            workspace_root().join("errors.yaml"),
            root.join("errors.yaml"),
        )
        .unwrap();
        let rendered = run(
            &dir,
            &[OsStr::new("render"), OsStr::new("--root"), root.as_os_str()],
        );
        assert_eq!(rendered.code(), Some(0), "{}", rendered.stderr);
        assert!(
            rendered.stdout.contains("repo-\u{FFFD}"),
            "{}",
            rendered.stdout
        );
        assert!(root.join("docs/errors.md").is_file());
        let checked = run(
            &dir,
            &[OsStr::new("check"), OsStr::new("--root"), root.as_os_str()],
        );
        assert_eq!(checked.code(), Some(0), "{}", checked.stderr);
    }

    #[test]
    fn a_missing_catalog_that_is_not_utf8_is_named() {
        let output = run(
            &workspace_root(),
            &[
                OsStr::new("check"),
                OsStr::new("--catalog"),
                OsStr::from_bytes(b"no-such-\xfe.yaml"),
            ],
        );
        assert_eq!(output.code(), Some(1), "{}", output.stderr);
        assert!(
            output.stderr.contains("no-such-\u{FFFD}.yaml"),
            "{}",
            output.stderr
        );
    }

    #[test]
    fn a_command_that_is_not_utf8_is_a_usage_error() {
        for args in [
            &[OsStr::from_bytes(b"che\xffck")][..],
            &[OsStr::new("check"), OsStr::from_bytes(b"--r\xffoot")],
            &[
                OsStr::new("diff"),
                OsStr::from_bytes(b"\xff"),
                OsStr::from_bytes(b"\xfe"),
            ],
        ] {
            let output = run(&workspace_root(), args);
            assert!(matches!(output.code(), Some(1 | 2)), "{args:?}: {output:?}");
            assert!(output.stderr.starts_with("error: "), "{args:?}: {output:?}");
        }
    }
}

#[test]
fn headers_and_hints_name_the_installed_command() {
    let dir = scratch_dir("regenerate");
    fs::create_dir_all(dir.join("api")).unwrap();
    fs::copy(
        workspace_root().join("errors.yaml"),
        dir.join("api/errors.yaml"),
    )
    .unwrap();
    let args = ["--root", "site", "--catalog", "api/errors.yaml"];
    assert_eq!(
        run(&dir, &[&["render"][..], &args].concat()).code(),
        Some(0)
    );
    let page = fs::read_to_string(dir.join("site/docs/errors.md")).unwrap();
    assert!(
        page.starts_with(
            "<!-- @generated by luxxon-errors from errors.yaml; do not edit. Regenerate: luxxon-errors render --catalog ../api/errors.yaml -->"
        ),
        "the header names the command as run from the root: {}",
        page.lines().next().unwrap()
    );
    // The same files are fresh wherever check runs from.
    let site = dir.join("site");
    for (from, args) in [
        (
            site.as_path(),
            &["check", "--catalog", "../api/errors.yaml"][..],
        ),
        (&dir, &[&["check"][..], &args].concat()),
    ] {
        let output = run(from, args);
        assert_eq!(output.code(), Some(0), "{args:?}: {}", output.stderr);
    }

    fs::write(dir.join("site/docs/errors.md"), "stale").unwrap();
    let stale = run(&dir, &[&["check"][..], &args].concat());
    assert_eq!(stale.code(), Some(1));
    assert!(
        stale.stderr.ends_with(
            "help: run `luxxon-errors render --root site --catalog api/errors.yaml` and commit the result\nerror: check failed: 1 stale file\n"
        ),
        "the hint names the command as run from here: {}",
        stale.stderr
    );
    let custom = run(
        &dir,
        &[&["check", "--regenerate-command", "make errors"][..], &args].concat(),
    );
    assert_eq!(custom.code(), Some(1), "other headers: every file is stale");
    assert!(
        custom
            .stderr
            .contains("help: run `make errors` and commit the result\n"),
        "{}",
        custom.stderr
    );
}

mod json {
    //! `--format json`: one document on stdout, keys in a fixed order, exit codes as in
    //! human mode.

    use std::fs;

    use serde_json::Value;

    use super::common::{run, scratch_repo, workspace_root};

    fn document(stdout: &str) -> Value {
        assert_eq!(stdout.lines().count(), 1, "one line: {stdout}");
        serde_json::from_str(stdout).expect("stdout is one JSON document")
    }

    #[test]
    fn check_reports_ok() {
        let output = run(&workspace_root(), &["check", "--format", "json"]);
        assert_eq!(output.code(), Some(0), "{}", output.stdout);
        assert_eq!(
            output.stdout,
            "{\"ok\":true,\"problems\":[],\"stale\":[],\"unreadable\":[],\"breaking\":[]}\n"
        );
        assert!(output.stderr.is_empty());
    }

    #[test]
    fn check_reports_problems_with_their_positions() {
        let repo = scratch_repo("json-problems");
        let catalog = fs::read_to_string(repo.join("errors.yaml")).unwrap();
        fs::write(
            repo.join("errors.yaml"),
            catalog.replacen("    status: 401\n", "    status: 42\n", 1),
        )
        .unwrap();
        let output = run(&repo, &["check", "--format=json"]);
        assert_eq!(output.code(), Some(1));
        assert!(output.stderr.is_empty(), "{}", output.stderr);
        assert!(
            output
                .stdout
                .starts_with("{\"ok\":false,\"problems\":[{\"path\":\"errors.yaml\",\"line\":"),
            "{}",
            output.stdout
        );
        let json = document(&output.stdout);
        let problem = &json["problems"][0];
        assert_eq!(problem["column"], 13);
        assert!(problem["message"].as_str().unwrap().contains("status 42"));
        assert!(problem["help"].is_string());
    }

    #[test]
    fn check_reports_missing_and_stale_files() {
        let repo = scratch_repo("json-stale");
        run(&repo, &["render"]);
        fs::write(repo.join("docs/errors.md"), "old\n").unwrap();
        fs::remove_file(repo.join("generated/ts/luxxon-errors.ts")).unwrap();
        let output = run(&repo, &["check", "--format", "json"]);
        assert_eq!(output.code(), Some(1));
        let json = document(&output.stdout);
        assert_eq!(json["ok"], false);
        let stale = json["stale"].as_array().unwrap();
        assert_eq!(stale.len(), 2, "{json}");
        assert_eq!(stale[0]["path"], "docs/errors.md");
        assert_eq!(stale[0]["kind"], "docs_page");
        assert_eq!(stale[0]["state"], "stale");
        assert!(stale[0]["diff"].as_str().unwrap().contains("\n-old\n"));
        assert_eq!(stale[1]["path"], "generated/ts/luxxon-errors.ts");
        assert_eq!(stale[1]["state"], "missing");
        assert_eq!(stale[1]["diff"], Value::Null);
    }

    #[cfg(unix)]
    #[test]
    fn check_reports_unreadable_files() {
        let repo = scratch_repo("json-unreadable");
        fs::create_dir_all(repo.join("docs")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", repo.join("docs/errors.md")).unwrap();
        let output = run(&repo, &["check", "--format", "json"]);
        assert_eq!(output.code(), Some(1));
        let json = document(&output.stdout);
        assert_eq!(json["unreadable"][0]["path"], "docs/errors.md");
        assert!(
            json["unreadable"][0]["message"]
                .as_str()
                .unwrap()
                .contains("a character device")
        );
    }

    #[test]
    fn diff_lists_changes_and_whether_they_break_clients() {
        let repo = scratch_repo("json-diff");
        let shipped = fs::read_to_string(repo.join("errors.yaml")).unwrap();
        fs::write(
            repo.join("breaking.yaml"),
            super::breaking_catalog(&shipped),
        )
        .unwrap();
        let output = run(
            &repo,
            &["diff", "errors.yaml", "breaking.yaml", "--format", "json"],
        );
        assert_eq!(output.code(), Some(1));
        assert!(output.stderr.is_empty(), "{}", output.stderr);
        assert!(
            output
                .stdout
                .starts_with("{\"ok\":false,\"breaking\":true,\"problems\":[],\"changes\":[{\"code\":\"CONFLICT\",\"kind\":\"status_changed\",\"breaking\":true,\"message\":\"`CONFLICT` changed status from 409 to 400"),
            "{}",
            output.stdout
        );
        let json = document(&output.stdout);
        assert_eq!(json["changes"][1]["code"], "ACCOUNT_NOT_FOUND");
        assert_eq!(json["changes"][1]["kind"], "removed");

        let same = run(
            &repo,
            &["diff", "errors.yaml", "errors.yaml", "--format", "json"],
        );
        assert_eq!(same.code(), Some(0));
        assert_eq!(
            same.stdout,
            "{\"ok\":true,\"breaking\":false,\"problems\":[],\"changes\":[]}\n"
        );

        let missing = run(
            &repo,
            &["diff", "errors.yaml", "nope.yaml", "--format", "json"],
        );
        assert_eq!(missing.code(), Some(1));
        let json = document(&missing.stdout);
        assert_eq!(json["problems"][0]["path"], "nope.yaml");
    }
}

#[cfg(target_os = "linux")]
mod colour {
    //! Colour only on a terminal (here `script`'s), and never with `NO_COLOR`.

    use std::process::Command;

    use super::common::workspace_root;

    /// What the binary prints on a terminal, or `None` when `script` is not installed.
    fn on_a_terminal(args: &str, no_color: bool) -> Option<String> {
        let line = format!("{} {args}", env!("CARGO_BIN_EXE_luxxon-errors"));
        let mut command = Command::new("script");
        command
            .args(["-qec", &line, "/dev/null"])
            .current_dir(workspace_root())
            .env_remove("NO_COLOR");
        if no_color {
            command.env("NO_COLOR", "1");
        }
        let output = command.output().ok()?;
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    #[test]
    fn a_terminal_gets_colour_unless_no_color_is_set() {
        let Some(coloured) = on_a_terminal("diff errors.yaml no-such.yaml", false) else {
            return;
        };
        assert!(
            coloured.contains("\x1b[1;31merror\x1b[0m: "),
            "{coloured:?}"
        );
        let plain = on_a_terminal("diff errors.yaml no-such.yaml", true).unwrap();
        assert!(plain.contains("error: no-such.yaml"), "{plain:?}");
        assert!(!plain.contains('\x1b'), "{plain:?}");
    }

    #[test]
    fn a_pipe_gets_no_colour() {
        let output =
            super::common::run(&workspace_root(), &["diff", "errors.yaml", "no-such.yaml"]);
        assert!(!output.stderr.contains('\x1b'), "{}", output.stderr);
    }
}

#[test]
fn check_holds_the_catalog_to_the_shipped_codes() {
    let repo = scratch_repo("ship");
    assert_eq!(run(&repo, &["render"]).code(), Some(0));
    let shipped = run(&repo, &["ship"]);
    assert_eq!(shipped.code(), Some(0), "{}", shipped.stderr);
    assert_eq!(shipped.stdout, "wrote: errors.lock\n");
    assert_eq!(run(&repo, &["ship"]).stdout, "unchanged: errors.lock\n");
    assert_eq!(run(&repo, &["check"]).code(), Some(0));

    let catalog = repo.join("errors.yaml");
    let original = std::fs::read_to_string(&catalog).unwrap();
    // Each breaking change to a shipped code fails `check`, naming the code and the fix.
    for (edit, code) in [
        (original.replace("status: 401", "status: 400"), "NOT_AUTHENTICATED"),
        (
            original.replace(
                "  - code: QUEUE_ERROR\n    status: 503\n    family: infrastructure\n    meaning: Background job queue unavailable.\n",
                "",
            ),
            "QUEUE_ERROR",
        ),
    ] {
        std::fs::write(&catalog, &edit).unwrap();
        assert_eq!(run(&repo, &["render"]).code(), Some(0));
        let check = run(&repo, &["check"]);
        assert_eq!(check.code(), Some(1), "{}", check.stderr);
        assert!(check.stderr.contains(&format!("`{code}`")), "{}", check.stderr);
        assert!(check.stderr.contains("(shipped in errors.lock)"), "{}", check.stderr);
        assert!(check.stderr.contains("lifecycle: legacy"), "{}", check.stderr);
    }

    // A new code and a retired one are compatible.
    let compatible = original.replace(
        "  - code: NO_CREDIT\n    status: 400\n",
        "  - code: NO_CREDIT\n    lifecycle: legacy\n    status: 400\n",
    ) + "  - code: RATE_LIMITED\n    status: 429\n    family: infrastructure\n    meaning: Slow down.\n";
    std::fs::write(&catalog, compatible).unwrap();
    assert_eq!(run(&repo, &["render"]).code(), Some(0));
    let check = run(&repo, &["check"]);
    assert_eq!(check.code(), Some(0), "{}", check.stderr);
}

#[test]
fn ship_refuses_a_catalog_that_breaks_a_shipped_code() {
    let repo = scratch_repo("ship-launder");
    assert_eq!(run(&repo, &["render"]).code(), Some(0));
    assert_eq!(run(&repo, &["ship"]).code(), Some(0));
    let lock = fs::read_to_string(repo.join("errors.lock")).unwrap();
    let catalog = repo.join("errors.yaml");
    let original = fs::read_to_string(&catalog).unwrap();
    let removed = "  - code: QUEUE_ERROR\n    status: 503\n    family: infrastructure\n    meaning: Background job queue unavailable.\n";
    assert!(original.contains(removed));
    fs::write(&catalog, original.replace(removed, "")).unwrap();

    // Before rendering: the break is the problem, and the last hint is about the break.
    let check = run(&repo, &["check"]);
    assert_eq!(check.code(), Some(1));
    let lines: Vec<&str> = check.stderr.lines().collect();
    assert_eq!(
        lines[0], "note: errors.yaml: the catalog is valid",
        "{}",
        check.stderr
    );
    let last_help = lines
        .iter()
        .rev()
        .find(|line| line.starts_with("  help:"))
        .unwrap();
    assert!(last_help.contains("lifecycle: legacy"), "{}", check.stderr);
    assert!(last_help.contains("--allow-breaking"), "{}", check.stderr);
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("error: check failed: 1 breaking change, "),
        "{}",
        check.stderr
    );

    let ship = run(&repo, &["ship"]);
    assert_eq!(ship.code(), Some(1), "ship must not launder the break");
    assert!(ship.stderr.contains("`QUEUE_ERROR`"), "{}", ship.stderr);
    assert!(ship.stderr.contains("--allow-breaking"), "{}", ship.stderr);
    assert_eq!(ship.stdout, "");
    assert_eq!(fs::read_to_string(repo.join("errors.lock")).unwrap(), lock);
    assert_eq!(run(&repo, &["render"]).code(), Some(0));
    assert_eq!(run(&repo, &["check"]).code(), Some(1), "still broken");

    let major = run(&repo, &["ship", "--allow-breaking"]);
    assert_eq!(major.code(), Some(0), "{}", major.stderr);
    assert!(
        major
            .stderr
            .contains("warning: `QUEUE_ERROR` removed: accepted as a breaking change"),
        "{}",
        major.stderr
    );
    assert_eq!(major.stdout, "wrote: errors.lock\n");
    assert_eq!(run(&repo, &["check"]).code(), Some(0));
}

#[test]
fn an_empty_lock_file_fails_check() {
    let repo = scratch_repo("ship-empty");
    assert_eq!(run(&repo, &["render"]).code(), Some(0));
    fs::write(repo.join("errors.lock"), "# nothing here\n").unwrap();
    let check = run(&repo, &["check"]);
    assert_eq!(check.code(), Some(1), "{}", check.stderr);
    assert!(check.stderr.contains("lists no code"), "{}", check.stderr);
}

#[test]
fn the_npm_package_takes_its_name_from_an_option_and_check_holds_it_to_it() {
    let repo = scratch_repo("npm-name");
    let render = run(&repo, &["render", "--npm-name", "@acme/api-errors"]);
    assert_eq!(render.code(), Some(0), "{}", render.stderr);
    let manifest = fs::read_to_string(repo.join("generated/npm/package.json")).unwrap();
    assert!(
        manifest.contains("\"name\": \"@acme/api-errors\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("Regenerate: luxxon-errors render --npm-name @acme/api-errors"),
        "{manifest}"
    );
    let readme = fs::read_to_string(repo.join("generated/npm/README.md")).unwrap();
    assert!(readme.contains("npm install @acme/api-errors"), "{readme}");
    assert_eq!(
        run(&repo, &["check", "--npm-name", "@acme/api-errors"]).code(),
        Some(0)
    );
    // Without the option, the catalog's name: the package is stale.
    let check = run(&repo, &["check"]);
    assert_eq!(check.code(), Some(1));
    assert!(
        check.stderr.contains("generated/npm/package.json is stale"),
        "{}",
        check.stderr
    );
    let refused = run(&repo, &["render", "--npm-name", "Acme Errors"]);
    assert_eq!(refused.code(), Some(2), "{}", refused.stderr);
    assert!(
        refused.stderr.contains("may hold only lowercase letters"),
        "{}",
        refused.stderr
    );
}
