//! Editing a catalog rebuilds the crate that invokes `catalog!` on it.
//!
//! A proc-macro that only reads a file is not rerun when the file changes; the expansion's
//! `include_bytes!` of the catalog is what puts it in cargo's dep-info. This test builds a
//! scratch crate, edits its catalog, builds again and checks that the binary changed.

mod support;

use std::path::Path;

const CATALOG: &str = "\
families:
  - id: probe
    title: Probe
codes:
  - code: FIRST_CODE
    status: 400
    family: probe
    meaning: The first code.
";

const ADDED_CODE: &str = concat!(
    "  - code: SECOND_CODE\n",
    "    status: 503\n",
    "    family: probe\n",
    "    meaning: The second code.\n",
);

fn write_probe_crate(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    support::write_probe_manifest(
        dir,
        "rebuild-probe",
        &format!(
            "[dependencies]\nluxxon-errors = {}\nserde_json = \"1\"\n",
            support::workspace_crate("luxxon-errors")
        ),
    );
    std::fs::write(
        dir.join("src/main.rs"),
        "mod codes {\n    luxxon_errors::catalog!(\"catalog.yaml\");\n}\n\n\
         fn main() {\n    for code in codes::ErrorCode::ALL {\n        println!(\"{code} {}\", code.status().unwrap());\n    }\n}\n",
    )
    .unwrap();
}

/// Builds and runs the probe, returning (what cargo said, what the binary printed).
fn build_and_run(dir: &Path) -> (String, String) {
    let output = support::probe_cargo(dir, &["run", "--quiet"])
        .env("CARGO_LOG", "cargo::core::compiler::fingerprint=info")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "the probe builds and runs:\n{stderr}"
    );
    (stderr, String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn editing_the_catalog_rebuilds_the_invoking_crate() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-probe");
    write_probe_crate(&dir);
    let catalog = dir.join("catalog.yaml");
    std::fs::write(&catalog, CATALOG).unwrap();

    let (_, first) = build_and_run(&dir);
    assert_eq!(first, "FIRST_CODE 400\n");

    let (unchanged_log, unchanged) = build_and_run(&dir);
    assert_eq!(unchanged, first);
    assert!(
        !unchanged_log.contains("dirty for rebuild-probe"),
        "an untouched catalog does not rebuild the probe:\n{unchanged_log}"
    );

    std::fs::write(&catalog, format!("{CATALOG}{ADDED_CODE}")).unwrap();
    let (changed_log, second) = build_and_run(&dir);
    assert_eq!(
        second, "FIRST_CODE 400\nSECOND_CODE 503\n",
        "the new code is in the rebuilt binary"
    );
    assert!(
        changed_log.contains("dirty for rebuild-probe")
            && changed_log.contains("stale: changed")
            && changed_log.contains("catalog.yaml\""),
        "cargo names the catalog as the reason for the rebuild:\n{changed_log}"
    );
}
