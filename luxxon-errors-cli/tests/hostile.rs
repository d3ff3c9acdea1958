//! Hostile inputs, run as a process under a deadline: every one gets an answer with the
//! right exit code, never a hang or a panic.

mod common;

use std::fs;
use std::process::Stdio;

use common::{command, finish, run, scratch_repo, workspace_root};

#[test]
fn a_directory_as_the_catalog_is_named() {
    let output = run(&workspace_root(), &["check", "--catalog", "docs"]);
    assert_eq!(output.code(), Some(1), "{}", output.stderr);
    assert!(output.stderr.contains("a directory"), "{}", output.stderr);
}

#[test]
fn a_missing_catalog_is_named() {
    for args in [
        &["check", "--catalog", "no-such.yaml"][..],
        &["render", "--root", "no-such-folder"],
        &["diff", "no-such.yaml", "errors.yaml"],
    ] {
        let output = run(&workspace_root(), args);
        assert_eq!(output.code(), Some(1), "{args:?}: {}", output.stderr);
        assert!(
            output.stderr.contains("no-such"),
            "{args:?}: {}",
            output.stderr
        );
    }
}

#[test]
fn an_empty_argument_is_a_usage_error() {
    for args in [
        &[""][..],
        &["check", ""],
        &["check", "--catalog", ""],
        &["check", "--root="],
        &["diff", "", "errors.yaml"],
    ] {
        let output = run(&workspace_root(), args);
        assert_eq!(output.code(), Some(2), "{args:?}: {}", output.stderr);
        assert!(output.stderr.starts_with("error: "), "{args:?}");
    }
}

#[test]
fn a_100_kb_argument_gets_an_answer() {
    let long = "x".repeat(100 * 1024);
    let usage = run(&workspace_root(), &[long.as_str()]);
    assert_eq!(usage.code(), Some(2), "{}", &usage.stderr[..200]);
    let flag = format!("--{long}");
    let usage = run(&workspace_root(), &["check", flag.as_str()]);
    assert_eq!(usage.code(), Some(2));
    for args in [
        &["check", "--catalog", long.as_str()][..],
        &["render", "--root", long.as_str()],
        &["diff", long.as_str(), long.as_str()],
    ] {
        let output = run(&workspace_root(), args);
        assert_eq!(output.code(), Some(1), "{}", &output.stderr[..200]);
        assert!(output.stderr.starts_with("error: "));
    }
}

#[test]
fn output_that_cannot_be_written_is_a_failure() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // Not Linux: nothing to test with.
    };
    let args = ["diff", "errors.yaml", "errors.yaml"];
    let child = command(&workspace_root(), &args)
        .stdout(Stdio::from(full))
        .spawn()
        .unwrap();
    let output = finish(child, &args);
    assert_eq!(output.code(), Some(1), "{}", output.stderr);
    assert!(
        output.stderr.contains("error: could not write the output"),
        "{}",
        output.stderr
    );
}

#[test]
fn a_reader_that_goes_away_does_not_change_the_outcome() {
    let repo = scratch_repo("closed-pipe");
    let mut child = command(&repo, &["render"]).spawn().unwrap();
    drop(child.stdout.take());
    let output = finish(child, &["render"]);
    assert_eq!(output.code(), Some(0), "{}", output.stderr);
    assert!(output.stderr.is_empty(), "{}", output.stderr);
    assert!(repo.join("docs/errors.md").is_file());
}

#[cfg(unix)]
mod special_files {
    use std::fs;
    use std::path::Path;
    use std::process::Command;

    use super::common::{run, scratch_dir, scratch_repo};

    fn mkfifo(path: &Path) {
        let made = Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("mkfifo runs");
        assert!(made.success(), "mkfifo {}", path.display());
    }

    #[test]
    fn a_fifo_as_the_catalog_is_named_not_read() {
        let dir = scratch_dir("fifo-catalog");
        mkfifo(&dir.join("errors.yaml"));
        for args in [
            &["check"][..],
            &["render"],
            &["check", "--catalog", "errors.yaml"],
            &["diff", "errors.yaml", "errors.yaml"],
        ] {
            let output = run(&dir, args);
            assert_eq!(output.code(), Some(1), "{args:?}: {}", output.stderr);
            assert!(
                output.stderr.contains("a named pipe (FIFO)"),
                "{args:?}: {}",
                output.stderr
            );
        }
    }

    #[test]
    fn a_fifo_at_a_generated_files_path_is_named_not_read() {
        let repo = scratch_repo("fifo-artifact");
        fs::create_dir_all(repo.join("docs")).unwrap();
        mkfifo(&repo.join("docs/errors.md"));
        for command in ["check", "render"] {
            let output = run(&repo, &[command]);
            assert_eq!(output.code(), Some(1), "{command}: {}", output.stderr);
            assert!(
                output.stderr.contains("docs/errors.md")
                    && output
                        .stderr
                        .contains("a named pipe (FIFO), not a regular file"),
                "{command}: {}",
                output.stderr
            );
        }
    }

    #[test]
    fn a_link_to_dev_zero_at_a_generated_files_path_is_named_not_read() {
        let repo = scratch_repo("zero-artifact");
        fs::create_dir_all(repo.join("generated/ts")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", repo.join("generated/ts/luxxon-errors.ts"))
            .unwrap();
        for command in ["check", "render"] {
            let output = run(&repo, &[command]);
            assert_eq!(output.code(), Some(1), "{command}: {}", output.stderr);
            assert!(
                output.stderr.contains("generated/ts/luxxon-errors.ts")
                    && output
                        .stderr
                        .contains("a character device, not a regular file"),
                "{command}: {}",
                output.stderr
            );
        }
    }

    #[test]
    fn dev_zero_as_the_catalog_is_named_not_read() {
        let dir = scratch_dir("zero-catalog");
        let output = run(&dir, &["check", "--catalog", "/dev/zero"]);
        assert_eq!(output.code(), Some(1), "{}", output.stderr);
        assert!(
            output.stderr.contains("a character device"),
            "{}",
            output.stderr
        );
    }
}
