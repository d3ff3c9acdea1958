//! The append-only guard as a repository runs it: a lock file of the shipped codes beside
//! the catalog, written at a release, and every change to the catalog compared with it.
//! Each kind of breaking change to a copy of `errors.yaml` is found; compatible changes
//! pass.

mod support;

use luxxon_errors_codegen::{Builder, Change, WriteOutcome};
use support::{scratch_dir, workspace_root};

const SHIP: &str = "luxxon-errors ship";

/// A copy of the repository's catalog with its codes shipped, then edited by `edit`.
fn shipped_then(name: &str, edit: impl Fn(&str) -> String) -> Builder {
    let root = scratch_dir(name);
    let catalog = root.join("errors.yaml");
    let text = std::fs::read_to_string(workspace_root().join("errors.yaml")).unwrap();
    std::fs::write(&catalog, &text).unwrap();
    let mut builder = Builder::new();
    builder.catalog(&catalog).out_dir(&root);
    assert_eq!(builder.ship(SHIP).unwrap(), WriteOutcome::Written);
    assert_eq!(builder.ship(SHIP).unwrap(), WriteOutcome::Unchanged);
    assert!(root.join("errors.lock").exists());
    std::fs::write(&catalog, edit(&text)).unwrap();
    builder
}

fn breaking(builder: &Builder) -> Vec<Change> {
    let check = builder.check_shipped().unwrap();
    assert!(check.found);
    check.breaking().cloned().collect()
}

#[test]
fn each_kind_of_breaking_change_is_found() {
    let removed = shipped_then("lock-removed", |text| {
        text.replace(
            "  - code: QUEUE_ERROR\n    status: 503\n    family: infrastructure\n    meaning: Background job queue unavailable.\n",
            "",
        )
    });
    assert_eq!(
        breaking(&removed),
        [Change::Removed {
            code: "QUEUE_ERROR".into()
        }]
    );
    let message = breaking(&removed)[0].to_string();
    assert!(message.contains("lifecycle: legacy"), "{message}");

    let status = shipped_then("lock-status", |text| {
        text.replace("status: 401", "status: 400")
    });
    assert!(matches!(
        &breaking(&status)[..],
        [Change::StatusChanged {
            from: 401,
            to: 400,
            ..
        }]
    ));

    let family = shipped_then("lock-family", |text| {
        text.replace(
            "  - code: NOT_FOUND\n    status: 404\n    family: not_found",
            "  - code: NOT_FOUND\n    status: 404\n    family: infrastructure",
        )
    });
    assert!(matches!(
        &breaking(&family)[..],
        [Change::FamilyChanged { .. }]
    ));

    let variant = shipped_then("lock-variant", |text| {
        text.replace(
            "  - code: CONFLICT\n    status: 409\n",
            "  - code: CONFLICT\n    rust_name: Clash\n    status: 409\n",
        )
    });
    assert!(matches!(
        &breaking(&variant)[..],
        [Change::VariantRenamed { .. }]
    ));

    let unshipped = shipped_then("lock-reserved", |text| {
        text.replace(
            "  - code: NO_CREDIT\n    status: 400\n",
            "  - code: NO_CREDIT\n    lifecycle: reserved\n    status: 400\n",
        )
    });
    assert!(matches!(
        &breaking(&unshipped)[..],
        [Change::LifecycleChanged { .. }]
    ));
}

#[test]
fn compatible_changes_pass() {
    let builder = shipped_then("lock-compatible", |text| {
        text.replace(
            "  - code: NO_CREDIT\n    status: 400\n",
            "  - code: NO_CREDIT\n    lifecycle: legacy\n    status: 400\n",
        )
        .replace(
            "meaning: Unknown operator id.",
            "meaning: The operator id is unknown.",
        )
        .replace(
            "families:\n",
            "families:\n  - id: limits\n    title: Limits\n    retryable: true\n",
        ) + "  - code: RATE_LIMITED\n    status: 429\n    family: limits\n    meaning: Slow down.\n"
    });
    let check = builder.check_shipped().unwrap();
    assert_eq!(check.breaking().count(), 0, "{:?}", check.changes);
    assert!(check.changes.contains(&Change::Added {
        code: "RATE_LIMITED".into()
    }));
}

#[test]
fn without_a_lock_file_nothing_has_shipped() {
    let root = scratch_dir("lock-none");
    std::fs::copy(
        workspace_root().join("errors.yaml"),
        root.join("errors.yaml"),
    )
    .unwrap();
    let mut builder = Builder::new();
    builder.catalog(root.join("errors.yaml")).out_dir(&root);
    let check = builder.check_shipped().unwrap();
    assert!(!check.found && check.changes.is_empty());
}

#[test]
fn the_repository_catalog_keeps_every_shipped_code() {
    let mut builder = Builder::new();
    builder.catalog(workspace_root().join("errors.yaml"));
    let check = builder.check_shipped().unwrap();
    assert!(check.found, "errors.lock is committed beside errors.yaml");
    let breaking: Vec<String> = check.breaking().map(ToString::to_string).collect();
    assert!(breaking.is_empty(), "{breaking:#?}");
}
