//! rustdoc shows each module's first line as its summary in the crate's module list, where
//! an intra-doc link renders as literal brackets (`[axum] integration…`): the first line
//! of every module doc of the runtime is plain text.

mod support;

use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn module_summaries_hold_no_links() {
    let src = support::workspace_root().join("luxxon-errors/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offending = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let Some(first) = text
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("//!"))
        else {
            continue;
        };
        if first.contains('[') {
            offending.push(format!(
                "{}: {first}",
                file.strip_prefix(&src).unwrap().display()
            ));
        }
    }
    assert!(files.len() > 10, "the runtime's sources were found");
    assert!(
        offending.is_empty(),
        "module summaries with links: {offending:#?}"
    );
}
