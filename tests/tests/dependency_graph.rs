//! The runtime crate stays lean: syn and the YAML parser are build-time dependencies of
//! the proc-macro only, never part of what a server or client links, and the default
//! features link no HTTP stack.

mod support;

#[test]
fn the_runtime_graph_has_no_parser_or_codegen_crates() {
    let tree = support::runtime_tree(&["--edges", "normal,no-proc-macro", "--format", "{p}"]);
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
