//! The runtime crate compiles its own copy of the catalog, `luxxon-errors/errors.yaml`: a
//! published package cannot reach files outside its folder, and a symlink checks out as a
//! plain text file where symlinks are not supported. The copy is the root `errors.yaml`
//! under a `@generated` header; this test fails when it is stale.
//!
//! `CATALOG_COPY=overwrite cargo test -p luxxon-errors-tests --test catalog_copy`
//! rewrites the copy.

mod support;

const COPY: &str = "luxxon-errors/errors.yaml";

const HEADER: &str = "\
# @generated: a copy of the workspace's errors.yaml, the catalog the published
# luxxon-errors crate compiles. Do not edit: edit ../errors.yaml, then run
# CATALOG_COPY=overwrite cargo test -p luxxon-errors-tests --test catalog_copy
";

#[test]
fn the_runtime_crate_holds_a_fresh_copy_of_the_catalog() {
    let expected = format!("{HEADER}{}", support::read("errors.yaml"));
    let path = support::workspace_root().join(COPY);
    if std::env::var_os("CATALOG_COPY").is_some_and(|value| value == "overwrite") {
        // A symlink left from an older checkout would be written through, to the root file.
        let _ = std::fs::remove_file(&path);
        std::fs::write(&path, &expected).unwrap_or_else(|error| panic!("{COPY}: {error}"));
    }
    let metadata =
        std::fs::symlink_metadata(&path).unwrap_or_else(|error| panic!("{COPY}: {error}"));
    assert!(
        metadata.file_type().is_file(),
        "{COPY} must be a regular file, not a symlink: run \
         `CATALOG_COPY=overwrite cargo test -p luxxon-errors-tests --test catalog_copy`"
    );
    assert!(
        support::read(COPY) == expected,
        "{COPY} is stale: it must be errors.yaml under the @generated header; run \
         `CATALOG_COPY=overwrite cargo test -p luxxon-errors-tests --test catalog_copy`"
    );
}
