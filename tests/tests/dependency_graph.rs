//! The runtime crate stays lean: syn and the YAML parser are build-time dependencies of
//! the proc-macro only, never part of what a server or client links, and the default
//! features link no HTTP stack.

use std::process::Command;

#[test]
fn the_runtime_graph_has_no_parser_or_codegen_crates() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--package",
            "luxxon-errors",
            "--edges",
            "normal,no-proc-macro",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert!(
        names.contains(&"luxxon-errors"),
        "the tree lists the runtime crate:\n{tree}"
    );
    assert!(
        names.contains(&"serde_json"),
        "the tree lists runtime dependencies:\n{tree}"
    );
    for build_time_only in [
        "syn",
        "quote",
        "proc-macro2",
        "serde-saphyr",
        "heck",
        "luxxon-errors-codegen",
        // The HTTP integrations are features, off by default.
        "http",
        "axum",
        "hyper",
        "tokio",
        "tower",
        "reqwest",
        "tracing",
        "utoipa",
        "schemars",
    ] {
        assert!(
            !names.contains(&build_time_only),
            "`{build_time_only}` is in the runtime dependency graph:\n{tree}"
        );
    }
}
