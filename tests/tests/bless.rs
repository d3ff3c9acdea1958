//! One command blesses everything: every suite that rewrites its expectations when an
//! environment variable says `overwrite` is run that way by `scripts/bless.sh`, so that a
//! new one cannot be left out of it unnoticed.

mod support;

use std::path::Path;

/// The environment variables that the Rust files under `dir` read and compare with
/// `"overwrite"`, with the file that reads each.
fn overwrite_variables(dir: &Path, found: &mut Vec<(String, String)>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable entry").path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                overwrite_variables(&path, found);
            }
            continue;
        }
        if path.extension().is_none_or(|extension| extension != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (at, _) in text.match_indices("var_os(\"") {
            let rest = &text[at + "var_os(\"".len()..];
            let Some(end) = rest.find('"') else { continue };
            // The comparison follows the read within the expression.
            let expression: String = rest[end..].chars().take(120).collect();
            if expression.contains("\"overwrite\"") {
                found.push((rest[..end].to_owned(), path.display().to_string()));
            }
        }
    }
}

#[test]
fn the_bless_script_overwrites_every_suite_that_can() {
    let root = support::workspace_root();
    let mut found = Vec::new();
    overwrite_variables(&root, &mut found);
    let names: Vec<&str> = found.iter().map(|(name, _)| name.as_str()).collect();
    for expected in ["GOLDEN", "TRYBUILD"] {
        assert!(names.contains(&expected), "{expected} is found: {found:?}");
    }
    let script = support::read("scripts/bless.sh");
    for (name, file) in &found {
        assert!(
            script.contains(&format!("{name}=overwrite cargo test")),
            "{file} rewrites its expectations when {name}=overwrite, but scripts/bless.sh \
             does not run it so: add the suite to the script"
        );
    }
    assert!(
        script.contains("cargo run --quiet -p luxxon-errors-cli -- render"),
        "scripts/bless.sh regenerates the generated files"
    );
}
