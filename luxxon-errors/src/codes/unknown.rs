//! Codes a build doesn't know, kept whole.

use std::fmt;
use std::marker::PhantomData;

/// The text of an error code this build doesn't know.
///
/// Opaque on purpose: it can only come from parsing, and parsing a code of the catalog
/// always gives its own variant, so an `UnknownCode` never holds a known code. Read it
/// with [`UnknownCode::as_str`]; to test for a code a later catalog may add, compare the
/// [`ErrorCode`](crate::ErrorCode) with a string instead (`code == "NEW_CODE"`), which
/// keeps working once the code gets a variant.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownCode(Box<str>);

impl UnknownCode {
    pub(crate) fn new(code: impl Into<Box<str>>) -> Self {
        UnknownCode(code.into())
    }

    /// The code as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deserializes a code from a string, keeping an owned string's allocation for an
/// unknown code.
pub struct CodeVisitor<T>(PhantomData<fn() -> T>);

impl<T> CodeVisitor<T> {
    /// A visitor for the code type `T`.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        CodeVisitor(PhantomData)
    }
}

impl<T> serde::de::Visitor<'_> for CodeVisitor<T>
where
    T: for<'a> From<&'a str> + From<String>,
{
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an error code string")
    }

    fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<T, E> {
        Ok(T::from(code))
    }

    fn visit_string<E: serde::de::Error>(self, code: String) -> Result<T, E> {
        Ok(T::from(code))
    }
}
