//! The codes one operation may answer, declared once next to its handler.

use crate::CatalogCode;

/// The codes one operation of an API may answer: declare it with
/// [`error_set!`](crate::error_set), next to the handler.
///
/// With the `utoipa` feature the set is a `utoipa::IntoResponses`: one response per
/// status, with one named example per code, for `#[utoipa::path(responses(...))]`. With
/// the `axum` feature, `SET::layer()` on the route makes `ErrorHandling` check, in debug
/// builds, that the operation answers only codes of its set.
pub trait ErrorSet: Send + Sync + 'static {
    /// The catalog's code type.
    type Code: CatalogCode;

    /// The set's name, as declared (e.g. `"SessionErrors"`), for messages.
    const NAME: &'static str;

    /// The codes, in the order declared.
    const CODES: &'static [Self::Code];

    /// Whether `code` is in the set.
    fn contains(code: &Self::Code) -> bool {
        Self::CODES.contains(code)
    }
}

/// Declares the codes one operation may answer, as a zero-sized type implementing
/// [`ErrorSet`].
///
/// ```
/// use luxxon_errors::{ErrorCode, ErrorSet, error_set};
///
/// error_set! {
///     /// What `GET /sessions/{id}` answers besides its session.
///     pub SessionErrors = SessionNotFound, NotAuthorized, InvalidState
/// }
///
/// assert_eq!(SessionErrors::NAME, "SessionErrors");
/// assert!(SessionErrors::contains(&ErrorCode::InvalidState));
/// assert!(!SessionErrors::contains(&ErrorCode::Conflict));
/// ```
///
/// The codes are variants of the `ErrorCode` in scope where the macro is invoked, so
/// `use my_errors::ErrorCode;` makes it a set of your catalog's codes. To name the code
/// type instead, put it after a colon: `error_set!(pub SessionErrors: my_errors::ErrorCode
/// = SessionNotFound, NotAuthorized)`. A code the catalog does not have does not compile.
///
/// With the runtime's features, the macro also emits:
///
/// - `utoipa`: `impl utoipa::IntoResponses`, for `responses(...)` of
///   `#[utoipa::path]`: one response per status of the set's codes (codes that share a
///   status share it), its content `application/json` with the envelope schema by
///   reference (`#/components/schemas/LuxxonError`: list `LuxxonError` in the document's
///   `components(schemas(...))`) and one example per code, named by the code, whose value
///   is a valid envelope with the catalog's message;
/// - `axum`: `SessionErrors::layer()`, an `axum::ErrorSetLayer` for the operation's
///   route (`get(handler).route_layer(SessionErrors::layer())`) that, in debug builds,
///   has `ErrorHandling` record every answer with a code outside the set, for a test to
///   assert on (`ErrorHandling::error_set_violations`); in release builds it is not even
///   a wrapper.
#[macro_export]
macro_rules! error_set {
    ($(#[$attr:meta])* $vis:vis $name:ident = $($code:ident),+ $(,)?) => {
        $crate::error_set!($(#[$attr])* $vis $name: ErrorCode = $($code),+);
    };
    ($(#[$attr:meta])* $vis:vis $name:ident : $code_type:ty = $($code:ident),+ $(,)?) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name;

        impl $crate::ErrorSet for $name {
            type Code = $code_type;
            const NAME: &'static str = ::core::stringify!($name);
            const CODES: &'static [$code_type] = &[$(<$code_type>::$code),+];
        }

        $crate::__error_set_utoipa!($name);
        $crate::__error_set_axum!($name);
    };
}

#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __error_set_utoipa {
    ($name:ident) => {
        impl $crate::__error_set::utoipa::IntoResponses for $name {
            fn responses() -> $crate::__error_set::Responses {
                $crate::__error_set::responses::<$name>()
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __error_set_utoipa {
    ($name:ident) => {};
}

#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __error_set_axum {
    ($name:ident) => {
        impl $name {
            /// A layer for the operation's route: in debug builds,
            /// `ErrorHandling` records every answer of the route with a code outside
            /// this set; in release builds, nothing.
            #[allow(dead_code)]
            pub fn layer() -> $crate::axum::ErrorSetLayer<$name> {
                $crate::axum::ErrorSetLayer::new()
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __error_set_axum {
    ($name:ident) => {};
}

/// What the macro's expansion names, reached through `$crate` so that the application
/// need not depend on utoipa itself under that name.
#[doc(hidden)]
pub mod support {
    #[cfg(feature = "utoipa")]
    pub use crate::schema::responses::{Responses, responses};
    #[cfg(feature = "utoipa")]
    pub use utoipa;
}

#[cfg(test)]
mod tests {
    use crate::{ErrorCode, ErrorSet};

    mod teapot {
        crate::catalog!("src/axum/test_catalog.yaml");
    }

    /// A set of another catalog's codes: its `ErrorCode` in scope.
    mod own {
        use super::teapot::ErrorCode;

        crate::error_set!(pub(super) Tea = Teapot);
    }

    // The code type named instead.
    crate::error_set!(Named: teapot::ErrorCode = Teapot, Teapot);

    crate::error_set!(Lookup = SessionNotFound, NotFound,);

    #[test]
    fn a_set_holds_the_codes_declared_in_their_catalog() {
        assert_eq!(own::Tea::NAME, "Tea");
        assert_eq!(own::Tea::CODES, [teapot::ErrorCode::Teapot]);
        assert_eq!(own::Tea::CODES[0].status(), Some(418));
        assert!(Named::contains(&teapot::ErrorCode::parse("TEAPOT")));
        assert!(!Named::contains(&teapot::ErrorCode::parse("KETTLE")));
        assert_eq!(
            Lookup::CODES,
            [ErrorCode::SessionNotFound, ErrorCode::NotFound]
        );
        assert!(!Lookup::contains(&ErrorCode::parse("SESSION_NOT_FOUND_V2")));
        assert_eq!(std::mem::size_of::<Lookup>(), 0);
    }
}
