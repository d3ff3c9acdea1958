//! Support items for the code `catalog!` emits. Not public API: the only path generated
//! code uses, so that users may rename or re-export this crate.

pub use crate::lifecycle::Lifecycle;
pub use crate::unknown::{CodeVisitor, UnknownCode};
pub use serde;
pub use std::string::String;

/// An unknown code holding `code`.
pub fn unknown_code(code: &str) -> UnknownCode {
    UnknownCode::new(code)
}

/// An unknown code holding `code`, reusing its allocation.
pub fn unknown_code_from_string(code: String) -> UnknownCode {
    UnknownCode::new(code)
}
