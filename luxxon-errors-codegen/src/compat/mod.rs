//! The append-only guard: what changed between two versions of a catalog, and which of
//! those changes break clients.
//!
//! Codes are append-only: once shipped, a code keeps its name, status, family and
//! meaning. Adding a code, retiring one (`lifecycle: legacy`) or starting to emit a
//! reserved one is fine; removing a code, or changing what a shipped code is, is not.
//! As with protobuf's breaking-change rules, a removed code must instead stay in the
//! catalog, marked legacy.
//!
//! "Shipped" is what a lock file says (`errors.lock`, beside the catalog, like
//! `Cargo.lock`): the codes clients have seen, written by an explicit command at a
//! release (`luxxon-errors ship`). `check` compares the catalog with it on every change.

mod lock;

use std::collections::HashSet;
use std::fmt;

use crate::model::{Catalog, Lifecycle};

pub use lock::{ShippedCode, ShippedCodes};

/// One difference between an old and a new catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// A new code.
    Added {
        /// The code.
        code: String,
    },
    /// A code of the old catalog is gone.
    Removed {
        /// The code.
        code: String,
    },
    /// A code answers with another HTTP status.
    StatusChanged {
        /// The code.
        code: String,
        /// The old status.
        from: u16,
        /// The new status.
        to: u16,
    },
    /// A code moved to another family.
    FamilyChanged {
        /// The code.
        code: String,
        /// The old family id.
        from: String,
        /// The new family id.
        to: String,
    },
    /// A code's Rust variant has another name (breaks Rust code that names it).
    VariantRenamed {
        /// The code.
        code: String,
        /// The old variant name.
        from: String,
        /// The new variant name.
        to: String,
    },
    /// A code's lifecycle changed.
    LifecycleChanged {
        /// The code.
        code: String,
        /// The old lifecycle.
        from: Lifecycle,
        /// The new lifecycle.
        to: Lifecycle,
    },
    /// A code's retryability changed.
    RetryabilityChanged {
        /// The code.
        code: String,
        /// Whether it is retryable now.
        to: bool,
    },
    /// A code's meaning text changed: fine for wording, not for what the code means.
    MeaningReworded {
        /// The code.
        code: String,
    },
}

impl Change {
    /// The code the change is about.
    pub fn code(&self) -> &str {
        match self {
            Change::Added { code }
            | Change::Removed { code }
            | Change::StatusChanged { code, .. }
            | Change::FamilyChanged { code, .. }
            | Change::VariantRenamed { code, .. }
            | Change::LifecycleChanged { code, .. }
            | Change::RetryabilityChanged { code, .. }
            | Change::MeaningReworded { code } => code,
        }
    }

    /// What kind of change it is, as a stable snake_case id for machine-readable output
    /// (e.g. `status_changed`).
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Added { .. } => "added",
            Change::Removed { .. } => "removed",
            Change::StatusChanged { .. } => "status_changed",
            Change::FamilyChanged { .. } => "family_changed",
            Change::VariantRenamed { .. } => "variant_renamed",
            Change::LifecycleChanged { .. } => "lifecycle_changed",
            Change::RetryabilityChanged { .. } => "retryability_changed",
            Change::MeaningReworded { .. } => "meaning_reworded",
        }
    }

    /// Whether the change breaks clients that handle the old catalog.
    pub fn is_breaking(&self) -> bool {
        match self {
            Change::Removed { .. }
            | Change::StatusChanged { .. }
            | Change::FamilyChanged { .. }
            | Change::VariantRenamed { .. } => true,
            // A shipped code may retire, and a reserved one may ship; a code in use may
            // not become "not emitted yet".
            Change::LifecycleChanged { from, to, .. } => {
                *to == Lifecycle::Reserved && *from != Lifecycle::Reserved
            }
            Change::Added { .. }
            | Change::RetryabilityChanged { .. }
            | Change::MeaningReworded { .. } => false,
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added { code } => write!(f, "added `{code}`"),
            Change::Removed { code } => write!(
                f,
                "removed `{code}`: shipped codes stay in the catalog; mark it `lifecycle: legacy` instead"
            ),
            Change::StatusChanged { code, from, to } => write!(
                f,
                "`{code}` changed status from {from} to {to}: a shipped code keeps its status; add a new code instead"
            ),
            Change::FamilyChanged { code, from, to } => write!(
                f,
                "`{code}` moved from family `{from}` to `{to}`: a shipped code keeps its family"
            ),
            Change::VariantRenamed { code, from, to } => write!(
                f,
                "`{code}` is now the Rust variant `{to}` instead of `{from}`: code naming `ErrorCode::{from}` stops compiling"
            ),
            Change::LifecycleChanged { code, from, to } => write!(
                f,
                "`{code}` changed lifecycle from {} to {}",
                from.as_str(),
                to.as_str()
            ),
            Change::RetryabilityChanged { code, to } => write!(
                f,
                "`{code}` is now {}",
                if *to { "retryable" } else { "not retryable" }
            ),
            Change::MeaningReworded { code } => write!(
                f,
                "`{code}` has a reworded meaning: check that it still means the same"
            ),
        }
    }
}

impl Catalog {
    /// Every difference from `old` to this catalog, in the old catalog's order, then the
    /// added codes in this catalog's order. [`Change::is_breaking`] tells which break
    /// clients.
    pub fn changes_since(&self, old: &Catalog) -> Vec<Change> {
        let before = old.codes().iter().map(|code| Before {
            name: &code.name,
            status: code.status,
            family: &code.family_id,
            variant: &code.variant,
            lifecycle: code.lifecycle,
            retryable: Some(code.retryable),
            meaning: Some(&code.meaning),
        });
        compare(before, |name| old.code(name).is_some(), self)
    }

    /// The changes to the codes `shipped` lists (see [`ShippedCodes`]), then the codes
    /// added since. A lock file holds what clients depend on (name, status, family, Rust
    /// variant, lifecycle), so only changes to those are found.
    pub fn changes_since_shipped(&self, shipped: &ShippedCodes) -> Vec<Change> {
        let before = shipped.codes.iter().map(|code| Before {
            name: &code.name,
            status: code.status,
            family: &code.family,
            variant: &code.variant,
            lifecycle: code.lifecycle,
            retryable: None,
            meaning: None,
        });
        let names: HashSet<&str> = shipped
            .codes
            .iter()
            .map(|code| code.name.as_str())
            .collect();
        compare(before, |name| names.contains(name), self)
    }
}

/// What the comparison knows of a code before: all of it for a catalog, what a lock
/// file keeps for shipped codes.
struct Before<'a> {
    name: &'a str,
    status: u16,
    family: &'a str,
    variant: &'a str,
    lifecycle: Lifecycle,
    retryable: Option<bool>,
    meaning: Option<&'a str>,
}

fn compare<'a>(
    before: impl Iterator<Item = Before<'a>>,
    was_there: impl Fn(&str) -> bool,
    new: &Catalog,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for before in before {
        let code = before.name.to_owned();
        let Some(after) = new.code(before.name) else {
            changes.push(Change::Removed { code });
            continue;
        };
        if before.status != after.status {
            changes.push(Change::StatusChanged {
                code: code.clone(),
                from: before.status,
                to: after.status,
            });
        }
        if before.family != after.family_id {
            changes.push(Change::FamilyChanged {
                code: code.clone(),
                from: before.family.to_owned(),
                to: after.family_id.clone(),
            });
        }
        if before.variant != after.variant {
            changes.push(Change::VariantRenamed {
                code: code.clone(),
                from: before.variant.to_owned(),
                to: after.variant.clone(),
            });
        }
        if before.lifecycle != after.lifecycle {
            changes.push(Change::LifecycleChanged {
                code: code.clone(),
                from: before.lifecycle,
                to: after.lifecycle,
            });
        }
        if before
            .retryable
            .is_some_and(|retryable| retryable != after.retryable)
        {
            changes.push(Change::RetryabilityChanged {
                code: code.clone(),
                to: after.retryable,
            });
        }
        if before
            .meaning
            .is_some_and(|meaning| meaning != after.meaning)
        {
            changes.push(Change::MeaningReworded { code });
        }
    }
    for added in new.codes().iter().filter(|code| !was_there(&code.name)) {
        changes.push(Change::Added {
            code: added.name.clone(),
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "\
families:
  - id: auth
    title: Auth
  - id: infra
    title: Infra
    retryable: true
codes:
  - code: NOT_AUTHENTICATED
    status: 401
    family: auth
    meaning: Missing credential.
  - code: NOT_AUTHORIZED
    status: 403
    family: auth
    meaning: No permission.
  - code: DATABASE_ERROR
    status: 503
    family: infra
    meaning: Postgres unavailable.
  - code: PAYMENT_ERROR
    status: 502
    family: infra
    meaning: Reserved.
    lifecycle: reserved
";

    use super::ShippedCodes;

    fn catalog(text: &str) -> Catalog {
        Catalog::parse(text, "errors.yaml").unwrap()
    }

    #[test]
    fn an_identical_catalog_has_no_changes() {
        assert_eq!(catalog(OLD).changes_since(&catalog(OLD)), []);
    }

    #[test]
    fn adding_a_code_and_shipping_a_reserved_one_are_fine() {
        let new = OLD.replace("    lifecycle: reserved\n", "")
            + "  - code: QUEUE_ERROR\n    status: 503\n    family: infra\n    meaning: Queue down.\n";
        let changes = catalog(&new).changes_since(&catalog(OLD));
        assert_eq!(
            changes,
            [
                Change::LifecycleChanged {
                    code: "PAYMENT_ERROR".into(),
                    from: Lifecycle::Reserved,
                    to: Lifecycle::Active
                },
                Change::Added {
                    code: "QUEUE_ERROR".into()
                },
            ]
        );
        assert!(changes.iter().all(|change| !change.is_breaking()));
    }

    #[test]
    fn removing_or_changing_a_shipped_code_breaks_clients() {
        let removed = OLD.replace(
            "  - code: DATABASE_ERROR\n    status: 503\n    family: infra\n    meaning: Postgres unavailable.\n",
            "",
        );
        let changes = catalog(&removed).changes_since(&catalog(OLD));
        assert_eq!(
            changes,
            [Change::Removed {
                code: "DATABASE_ERROR".into()
            }]
        );
        assert!(changes[0].is_breaking());
        assert!(changes[0].to_string().contains("lifecycle: legacy"));

        let changed = OLD.replace(
            "status: 401\n    family: auth",
            "status: 403\n    family: infra",
        );
        let changes = catalog(&changed).changes_since(&catalog(OLD));
        assert_eq!(changes.len(), 3, "{changes:?}");
        assert!(matches!(
            changes[0],
            Change::StatusChanged {
                from: 401,
                to: 403,
                ..
            }
        ));
        assert!(
            matches!(&changes[1], Change::FamilyChanged { from, to, .. } if from == "auth" && to == "infra")
        );
        assert!(matches!(
            changes[2],
            Change::RetryabilityChanged { to: true, .. }
        ));
        assert!(changes[0].is_breaking() && changes[1].is_breaking() && !changes[2].is_breaking());
    }

    #[test]
    fn retiring_is_fine_but_unshipping_is_not() {
        let legacy = OLD.replace(
            "meaning: Missing credential.\n",
            "meaning: Missing credential.\n    lifecycle: legacy\n",
        );
        let changes = catalog(&legacy).changes_since(&catalog(OLD));
        assert!(!changes[0].is_breaking(), "{changes:?}");
        let reserved = OLD.replace(
            "meaning: Missing credential.\n",
            "meaning: Missing credential.\n    lifecycle: reserved\n",
        );
        let changes = catalog(&reserved).changes_since(&catalog(OLD));
        assert!(changes[0].is_breaking(), "{changes:?}");
    }

    #[test]
    fn renaming_the_variant_breaks_rust_code_and_rewording_is_flagged() {
        let renamed = OLD.replace(
            "meaning: Postgres unavailable.\n",
            "meaning: Postgres is unavailable.\n    rust_name: DbError\n",
        );
        let changes = catalog(&renamed).changes_since(&catalog(OLD));
        assert!(matches!(&changes[0], Change::VariantRenamed { to, .. } if to == "DbError"));
        assert!(changes[0].is_breaking());
        assert_eq!(
            changes[1],
            Change::MeaningReworded {
                code: "DATABASE_ERROR".into()
            }
        );
        assert!(!changes[1].is_breaking());
    }

    #[test]
    fn a_lock_file_keeps_what_clients_depend_on() {
        let shipped = ShippedCodes::of(&catalog(OLD));
        let changed = OLD
            .replace("status: 401\n    family: auth", "status: 400\n    family: auth")
            .replace("meaning: Postgres unavailable.", "meaning: The database is down.")
            .replace(
                "  - code: PAYMENT_ERROR\n    status: 502\n    family: infra\n    meaning: Reserved.\n    lifecycle: reserved\n",
                "",
            )
            + "  - code: QUEUE_ERROR\n    status: 503\n    family: infra\n    meaning: Queue down.\n";
        let changes = catalog(&changed).changes_since_shipped(&shipped);
        // A reworded meaning is not in the lock: only what clients branch on is.
        assert_eq!(
            changes,
            [
                Change::StatusChanged {
                    code: "NOT_AUTHENTICATED".into(),
                    from: 401,
                    to: 400
                },
                Change::Removed {
                    code: "PAYMENT_ERROR".into()
                },
                Change::Added {
                    code: "QUEUE_ERROR".into()
                },
            ]
        );
        assert_eq!(
            changes.iter().filter(|change| change.is_breaking()).count(),
            2
        );
    }
}
