//! What generated code uses: the items `catalog!` and the build-script `Builder` emit
//! reach this crate only through this module, so that a crate may rename or re-export
//! `luxxon-errors` (`RustOptions::runtime_crate`).
//!
//! Stable within a major version of this crate. Generated code checks
//! [`SUPPORT_VERSION`] at compile time, so code generated for other support items fails
//! to compile with a message saying to regenerate it, rather than with a missing item.
//! Nothing here is meant for hand-written code.

use crate::envelope::members::OwnMember;

/// The version of these support items that generated code was written against.
pub const SUPPORT_VERSION: u32 = 3;

pub use crate::codes::Lifecycle;
pub use crate::codes::{CodeVisitor, UnknownCode};
pub use serde;
pub use std::string::String;

pub mod lookup;

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

/// The catalog-bound names of the integrations: `catalog_bound_names!(ErrorCode)` emits,
/// beside a catalog's `ErrorCode`, `HttpError` and, when this crate is built with their
/// features, `ApiError` and `ErrorHandling` (`axum`) and `ClientError` (`reqwest`), each
/// the integration's type for that code type. Code written against them reads the same
/// for every catalog, with no turbofish or annotation.
///
/// A macro of this crate rather than items the generator writes, because only this
/// crate knows which of its features are on.
pub use crate::__catalog_bound_names as catalog_bound_names;

#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_bound_names {
    ($code:ident) => {
        #[doc = ::core::concat!(
            " An HTTP error response for a client, classified by the catalog of [`",
            ::core::stringify!($code),
            "`]: [`luxxon_errors::client::HttpError`](",
            "https://docs.rs/luxxon-errors/latest/luxxon_errors/client/struct.HttpError.html) of this catalog."
        )]
        #[allow(dead_code)]
        pub type HttpError = $crate::client::HttpError<$code>;
        $crate::__catalog_bound_axum_names!($code);
        $crate::__catalog_bound_reqwest_names!($code);
    };
}

#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_bound_axum_names {
    ($code:ident) => {
        #[doc = ::core::concat!(
            " What a handler returns so that `?` works on any error, answering with the catalog of [`",
            ::core::stringify!($code),
            "`]: [`luxxon_errors::axum::ApiError`](",
            "https://docs.rs/luxxon-errors/latest/luxxon_errors/axum/struct.ApiError.html) of this catalog."
        )]
        #[allow(dead_code)]
        pub type ApiError = $crate::axum::ApiError<$code>;
        #[doc = ::core::concat!(
            " Error handling for a whole router with the catalog of [`",
            ::core::stringify!($code),
            "`]: [`luxxon_errors::axum::ErrorHandling`](",
            "https://docs.rs/luxxon-errors/latest/luxxon_errors/axum/struct.ErrorHandling.html) of this catalog."
        )]
        #[allow(dead_code)]
        pub type ErrorHandling = $crate::axum::ErrorHandling<$code>;
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_bound_axum_names {
    ($code:ident) => {};
}

#[cfg(feature = "reqwest")]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_bound_reqwest_names {
    ($code:ident) => {
        #[doc = ::core::concat!(
            " A request made with reqwest that failed, classified by the catalog of [`",
            ::core::stringify!($code),
            "`]: [`luxxon_errors::reqwest::ClientError`](",
            "https://docs.rs/luxxon-errors/latest/luxxon_errors/reqwest/enum.ClientError.html) of this catalog."
        )]
        #[allow(dead_code)]
        pub type ClientError = $crate::reqwest::ClientError<$code>;
    };
}

#[cfg(not(feature = "reqwest"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __catalog_bound_reqwest_names {
    ($code:ident) => {};
}
