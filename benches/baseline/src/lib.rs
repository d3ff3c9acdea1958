//! The baseline of the code-lookup benchmarks: the enum and `match` one would write by
//! hand for the 26 codes of `errors.yaml`, without a generator.
//!
//! It lives in a crate of its own so that it crosses a crate boundary exactly as the
//! generated `ErrorCode` does (its functions are `#[inline]` as the generated ones are):
//! a baseline written inside the benchmark crate could be optimized with knowledge of
//! the benchmark loop that the real API never gets, and would flatter itself.
//!
//! The shape mirrors the generated type: known codes are unit variants, and an unknown
//! code keeps its text in a `Box<str>`, so `Option<Code>` and `Code` have the same
//! layout as the generated `Option<ErrorCode>` and `ErrorCode`.

/// An error code: a known one, or one this crate doesn't know, with its text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Code {
    NotAuthenticated,
    NotAuthorized,
    InsufficientScope,
    NotOperator,
    NotYourSession,
    InvalidInput,
    InvalidState,
    Conflict,
    NoCoverage,
    OutsideCoverage,
    Unavailable,
    FrameNotAvailable,
    NoCredit,
    InsufficientCredit,
    NotFound,
    SessionNotFound,
    OperatorNotFound,
    CoverageAreaNotFound,
    AccountNotFound,
    DatabaseError,
    AuthzError,
    VideoError,
    QueueError,
    ExternalError,
    PaymentError,
    InternalServerError,
    Unknown(Box<str>),
}

impl Code {
    /// Every known code, in catalog order.
    pub const ALL: &[Code] = &[
        Code::NotAuthenticated,
        Code::NotAuthorized,
        Code::InsufficientScope,
        Code::NotOperator,
        Code::NotYourSession,
        Code::InvalidInput,
        Code::InvalidState,
        Code::Conflict,
        Code::NoCoverage,
        Code::OutsideCoverage,
        Code::Unavailable,
        Code::FrameNotAvailable,
        Code::NoCredit,
        Code::InsufficientCredit,
        Code::NotFound,
        Code::SessionNotFound,
        Code::OperatorNotFound,
        Code::CoverageAreaNotFound,
        Code::AccountNotFound,
        Code::DatabaseError,
        Code::AuthzError,
        Code::VideoError,
        Code::QueueError,
        Code::ExternalError,
        Code::PaymentError,
        Code::InternalServerError,
    ];

    /// The known code with this name, or `None`: a plain `match` on the string.
    #[inline]
    #[must_use]
    pub fn known(code: &str) -> Option<Code> {
        match code {
            "NOT_AUTHENTICATED" => Some(Code::NotAuthenticated),
            "NOT_AUTHORIZED" => Some(Code::NotAuthorized),
            "INSUFFICIENT_SCOPE" => Some(Code::InsufficientScope),
            "NOT_OPERATOR" => Some(Code::NotOperator),
            "NOT_YOUR_SESSION" => Some(Code::NotYourSession),
            "INVALID_INPUT" => Some(Code::InvalidInput),
            "INVALID_STATE" => Some(Code::InvalidState),
            "CONFLICT" => Some(Code::Conflict),
            "NO_COVERAGE" => Some(Code::NoCoverage),
            "OUTSIDE_COVERAGE" => Some(Code::OutsideCoverage),
            "UNAVAILABLE" => Some(Code::Unavailable),
            "FRAME_NOT_AVAILABLE" => Some(Code::FrameNotAvailable),
            "NO_CREDIT" => Some(Code::NoCredit),
            "INSUFFICIENT_CREDIT" => Some(Code::InsufficientCredit),
            "NOT_FOUND" => Some(Code::NotFound),
            "SESSION_NOT_FOUND" => Some(Code::SessionNotFound),
            "OPERATOR_NOT_FOUND" => Some(Code::OperatorNotFound),
            "COVERAGE_AREA_NOT_FOUND" => Some(Code::CoverageAreaNotFound),
            "ACCOUNT_NOT_FOUND" => Some(Code::AccountNotFound),
            "DATABASE_ERROR" => Some(Code::DatabaseError),
            "AUTHZ_ERROR" => Some(Code::AuthzError),
            "VIDEO_ERROR" => Some(Code::VideoError),
            "QUEUE_ERROR" => Some(Code::QueueError),
            "EXTERNAL_ERROR" => Some(Code::ExternalError),
            "PAYMENT_ERROR" => Some(Code::PaymentError),
            "INTERNAL_SERVER_ERROR" => Some(Code::InternalServerError),
            _ => None,
        }
    }

    /// The code with this name, keeping the text of an unknown one.
    #[inline]
    #[must_use]
    pub fn parse(code: &str) -> Code {
        Code::known(code).unwrap_or_else(|| Code::Unknown(code.into()))
    }

    /// The name of the code: a plain `match` on the variant.
    #[inline]
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Code::NotAuthenticated => "NOT_AUTHENTICATED",
            Code::NotAuthorized => "NOT_AUTHORIZED",
            Code::InsufficientScope => "INSUFFICIENT_SCOPE",
            Code::NotOperator => "NOT_OPERATOR",
            Code::NotYourSession => "NOT_YOUR_SESSION",
            Code::InvalidInput => "INVALID_INPUT",
            Code::InvalidState => "INVALID_STATE",
            Code::Conflict => "CONFLICT",
            Code::NoCoverage => "NO_COVERAGE",
            Code::OutsideCoverage => "OUTSIDE_COVERAGE",
            Code::Unavailable => "UNAVAILABLE",
            Code::FrameNotAvailable => "FRAME_NOT_AVAILABLE",
            Code::NoCredit => "NO_CREDIT",
            Code::InsufficientCredit => "INSUFFICIENT_CREDIT",
            Code::NotFound => "NOT_FOUND",
            Code::SessionNotFound => "SESSION_NOT_FOUND",
            Code::OperatorNotFound => "OPERATOR_NOT_FOUND",
            Code::CoverageAreaNotFound => "COVERAGE_AREA_NOT_FOUND",
            Code::AccountNotFound => "ACCOUNT_NOT_FOUND",
            Code::DatabaseError => "DATABASE_ERROR",
            Code::AuthzError => "AUTHZ_ERROR",
            Code::VideoError => "VIDEO_ERROR",
            Code::QueueError => "QUEUE_ERROR",
            Code::ExternalError => "EXTERNAL_ERROR",
            Code::PaymentError => "PAYMENT_ERROR",
            Code::InternalServerError => "INTERNAL_SERVER_ERROR",
            Code::Unknown(code) => code,
        }
    }
}
