//! Whether a code is in use.

use std::fmt;

/// Whether a code is in use, as the catalog marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Lifecycle {
    /// Emitted by the API today.
    Active,
    /// Kept for old clients; new endpoints do not emit it.
    Legacy,
    /// Defined so that clients can handle it; not emitted yet.
    Reserved,
}

impl Lifecycle {
    /// The catalog's spelling: `"active"`, `"legacy"` or `"reserved"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Active => "active",
            Lifecycle::Legacy => "legacy",
            Lifecycle::Reserved => "reserved",
        }
    }
}

impl fmt::Display for Lifecycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
