//! The append-only guard as a repository runs it: a lock file of the shipped codes beside
//! the catalog, written at a release, and every change to the catalog compared with it.
//! Each kind of breaking change to a copy of `errors.yaml` is found; compatible changes
//! pass.

mod support;

use luxxon_errors_codegen::{BuildError, Builder, Change, WriteOutcome};
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
    assert_eq!(builder.ship(SHIP).unwrap().outcome, WriteOutcome::Written);
    assert_eq!(builder.ship(SHIP).unwrap().outcome, WriteOutcome::Unchanged);
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

#[test]
fn ship_refuses_to_launder_a_break_and_ship_breaking_says_what_it_dropped() {
    let removed = "  - code: QUEUE_ERROR\n    status: 503\n    family: infrastructure\n    meaning: Background job queue unavailable.\n";
    let builder = shipped_then("lock-launder", |text| {
        assert!(text.contains(removed));
        text.replace(removed, "")
    });
    let lock = builder.shipped_lock_path();
    let before = std::fs::read_to_string(&lock).unwrap();
    match builder.ship(SHIP) {
        Err(BuildError::BreaksShipped { changes, .. }) => assert_eq!(
            changes,
            [Change::Removed {
                code: "QUEUE_ERROR".to_owned()
            }]
        ),
        other => panic!("ship must refuse a removed shipped code: {other:?}"),
    }
    let message = builder.ship(SHIP).unwrap_err().to_string();
    assert!(message.contains("`QUEUE_ERROR`"), "{message}");
    assert!(message.contains("lifecycle: legacy"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        before,
        "the lock is untouched"
    );
    assert_eq!(breaking(&builder).len(), 1, "check still fails");

    let shipped = builder.ship_breaking(SHIP).unwrap();
    assert_eq!(shipped.outcome, WriteOutcome::Written);
    assert_eq!(
        shipped.broken,
        [Change::Removed {
            code: "QUEUE_ERROR".to_owned()
        }]
    );
    assert!(
        breaking(&builder).is_empty(),
        "the new major version is the new baseline"
    );
}

#[test]
fn an_empty_lock_file_is_an_error_not_a_guard_turned_off() {
    for (name, text) in [
        ("lock-empty", ""),
        (
            "lock-comments",
            "# @generated by `luxxon-errors ship`\n# code status family variant lifecycle\n",
        ),
    ] {
        let builder = shipped_then(name, |text| text.replace("status: 401", "status: 400"));
        std::fs::write(builder.shipped_lock_path(), text).unwrap();
        match builder.check_shipped() {
            Err(BuildError::ShippedLock(problems)) => {
                assert!(problems.to_string().contains("lists no code"), "{problems}");
            }
            other => panic!("{name}: an empty lock must be refused: {other:?}"),
        }
        assert!(
            builder.ship(SHIP).is_err(),
            "{name}: ship cannot replace it either"
        );
    }
}
