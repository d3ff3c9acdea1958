//! Support items for the code `catalog!` emits. Not public API: the only path generated
//! code uses, so that users may rename or re-export this crate.

use crate::members::OwnMember;

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
