//! What generated code uses: the items `catalog!` and the build-script `Builder` emit
//! reach this crate only through this module, so that a crate may rename or re-export
//! `luxxon-errors` (`RustOptions::runtime_crate`).
//!
//! Stable within a major version of this crate. Generated code checks
//! [`SUPPORT_VERSION`] at compile time, so code generated for other support items fails
//! to compile with a message saying to regenerate it, rather than with a missing item.
//! Nothing here is meant for hand-written code.

use crate::members::OwnMember;

/// The version of these support items that generated code was written against.
pub const SUPPORT_VERSION: u32 = 1;

pub use crate::lifecycle::Lifecycle;
pub use crate::unknown::{CodeVisitor, UnknownCode};
pub use serde;
pub use std::string::String;

/// The names of the envelope's own members, in the order the encoder writes them: the
/// runtime's spelling, for the code generator's emitters to be tested against.
pub const ENVELOPE_MEMBERS: [&str; 5] = OwnMember::names();

/// The names of the own members an envelope must have (all but `detail`), in the same
/// order.
pub const REQUIRED_ENVELOPE_MEMBERS: [&str; OwnMember::REQUIRED_COUNT] =
    OwnMember::required_names();

/// An unknown code holding `code`.
pub fn unknown_code(code: &str) -> UnknownCode {
    UnknownCode::new(code)
}

/// An unknown code holding `code`, reusing its allocation.
pub fn unknown_code_from_string(code: String) -> UnknownCode {
    UnknownCode::new(code)
}
