//! The runtime's view of a catalog's codes: the trait every generated code type
//! implements, the holder of codes a build doesn't know, and a code's lifecycle.

mod catalog_code;
mod lifecycle;
mod unknown;

pub use self::catalog_code::CatalogCode;
pub use self::lifecycle::Lifecycle;
pub use self::unknown::CodeVisitor;
pub use self::unknown::UnknownCode;
