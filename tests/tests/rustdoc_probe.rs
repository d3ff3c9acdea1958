//! Catalog prose lands in the doc comments `catalog!` emits, and rustdoc compiles every
//! Rust code block of a doc comment as a doc test of the invoking crate. This test builds
//! a crate whose catalog holds every way prose can open a code block (a fence in a
//! meaning, a bare fence, an indented block, a fence that says `rust`; a fence left
//! open is refused when the catalog is checked), each holding
//! code that cannot compile, and runs its doc tests: they must pass.

mod support;

use std::path::Path;

const CATALOG: &str = r#"families:
  - id: probe
    title: "```rust"
    description: |
      Prose, then an indented block:

          compile_error!("an indented block became a doc test");

      And a fence that says rust:

      ```rust
      compile_error!("a rust fence became a doc test");
      ```

      And a bare fence:

      ```
      compile_error!("a bare fence became a doc test");
      ```
codes:
  - code: FENCED
    status: 400
    family: probe
    meaning: "```"
    remedy: "    compile_error!(\"a remedy became a doc test\");"
  - code: INDENTED
    status: 400
    family: probe
    meaning: "    compile_error!(\"an indented meaning became a doc test\");"
    remedy: "~~~"
"#;

#[test]
fn catalog_prose_never_becomes_a_doc_test() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rustdoc-probe");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    support::write_probe_manifest(
        &dir,
        "rustdoc-probe",
        &format!(
            "[dependencies]\nluxxon-errors = {}\n",
            support::workspace_crate("luxxon-errors")
        ),
    );
    std::fs::write(dir.join("catalog.yaml"), CATALOG).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        "//! A crate whose catalog's prose must not become doc tests.\n\nluxxon_errors::catalog!(\"catalog.yaml\");\n",
    )
    .unwrap();
    let output = support::probe_cargo(&dir, &["test", "--doc"])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the doc tests fail:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!stdout.contains("became a doc test"), "{stdout}");
}
