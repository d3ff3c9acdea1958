//! The build-script path, as a user's crate takes it: `examples/build-script` copied out
//! of the workspace and built with cargo. Editing its catalog reruns the build script
//! and changes the generated type; a broken catalog fails the build with the located
//! problems, as `catalog!` would report them.

mod support;

use std::path::Path;
use std::process::Output;

/// A copy of the example crate in `dir`, depending on the workspace's crates by path.
fn copy_example(dir: &Path) {
    let example = support::workspace_root().join("examples/build-script");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    for file in ["build.rs", "errors.yaml", "src/main.rs"] {
        std::fs::copy(example.join(file), dir.join(file)).unwrap();
    }
    support::write_probe_manifest(
        dir,
        "build-script-probe",
        &format!(
            "[dependencies]\nluxxon-errors = {}\n\n\
             [dev-dependencies]\nserde_json = \"1\"\n\n\
             [build-dependencies]\nluxxon-errors-codegen = {}\n",
            support::workspace_crate("luxxon-errors"),
            support::workspace_crate("luxxon-errors-codegen"),
        ),
    );
}

fn cargo_run(dir: &Path) -> Output {
    support::probe_cargo(dir, &["run", "--verbose"])
        .output()
        .expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn editing_the_catalog_reruns_the_build_script_and_a_broken_one_fails_readably() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script-probe");
    copy_example(&dir);

    let first = cargo_run(&dir);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("RATE_LIMITED 429 retryable=true"));
    assert!(
        !text(&first.stderr).contains("warning:"),
        "{}",
        text(&first.stderr)
    );

    // Unchanged: the build script does not run again.
    let again = cargo_run(&dir);
    assert!(again.status.success());
    assert!(
        !text(&again.stderr).contains("build-script-build`"),
        "{}",
        text(&again.stderr)
    );

    // A new code: the build script reruns, and the enum has the code.
    let catalog = dir.join("errors.yaml");
    let mut yaml = std::fs::read_to_string(&catalog).unwrap();
    yaml.push_str("  - code: QUOTA_EXCEEDED\n    status: 429\n    family: billing\n    meaning: Quota used up.\n");
    std::fs::write(&catalog, &yaml).unwrap();
    let edited = cargo_run(&dir);
    assert!(edited.status.success(), "{}", text(&edited.stderr));
    assert!(
        text(&edited.stderr).contains("build-script-build`"),
        "{}",
        text(&edited.stderr)
    );
    assert!(
        text(&edited.stdout).contains("QUOTA_EXCEEDED 429 retryable=false"),
        "{}",
        text(&edited.stdout)
    );

    // A broken catalog: the build fails with the problem located, not a Debug dump.
    std::fs::write(&catalog, yaml.replace("status: 402", "status: 200")).unwrap();
    let broken = cargo_run(&dir);
    assert!(!broken.status.success());
    let stderr = text(&broken.stderr);
    assert!(stderr.contains("Error: 1 problem in the catalog\n  error: errors.yaml:12:13: status 200 is not an error status"), "{stderr}");
    assert!(
        stderr.contains("  help: an error code answers with a 4xx or 5xx status"),
        "{stderr}"
    );
    assert!(!stderr.contains("Diagnostics {"), "{stderr}");
    // The line and a caret under the column, as the CLI shows them.
    assert!(
        stderr.contains(
            "  error: errors.yaml:12:13: status 200 is not an error status\n     |\n  12 |     status: 200\n     |             ^\n"
        ),
        "{stderr}"
    );
}
