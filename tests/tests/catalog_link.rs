//! One catalog source in the repository: the runtime crate's `errors.yaml` is a symlink to
//! the workspace's, so a plain rebuild after editing the catalog gives the runtime the new
//! codes, with no second file to refresh. `cargo package` packs the link's target, so a
//! published `luxxon-errors` still finds its catalog (CI runs `cargo package`).

mod support;

use std::fs;
use std::path::Path;

use luxxon_errors_codegen::Catalog;

const LINK: &str = "luxxon-errors/errors.yaml";

#[test]
fn the_runtime_crate_catalog_is_a_link_to_the_workspace_catalog() {
    let root = support::workspace_root();
    let link = root.join(LINK);
    let metadata = fs::symlink_metadata(&link).unwrap_or_else(|error| panic!("{LINK}: {error}"));
    assert!(
        metadata.file_type().is_symlink(),
        "{LINK} must be a symlink to ../errors.yaml, not a copy that can go stale \
         (on Windows, clone with `git config core.symlinks true`)"
    );
    assert_eq!(
        fs::read_link(&link).unwrap(),
        Path::new("../errors.yaml"),
        "{LINK} must point at the workspace's catalog by a relative path, which \
         survives a move of the checkout"
    );
    assert_eq!(
        fs::canonicalize(&link).unwrap(),
        fs::canonicalize(root.join("errors.yaml")).unwrap()
    );
}

#[test]
fn the_runtime_knows_every_code_of_the_workspace_catalog_and_no_other() {
    let catalog = Catalog::load(support::workspace_root().join("errors.yaml")).unwrap();
    let built: Vec<&str> = luxxon_errors::ErrorCode::ALL
        .iter()
        .map(luxxon_errors::ErrorCode::as_str)
        .collect();
    let source: Vec<&str> = catalog.codes().iter().map(|code| code.name()).collect();
    assert_eq!(built, source, "the runtime was built from another catalog");
}
