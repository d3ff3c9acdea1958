//! A billing service's errors, generated from its own `errors.yaml` by `build.rs`.

/// The generated `ErrorCode`, `Family` and `LuxxonError` of this crate's catalog.
mod errors {
    include!(concat!(env!("OUT_DIR"), "/luxxon_errors.rs"));
}

use errors::{ErrorCode, LuxxonError};

fn main() {
    for code in ErrorCode::ALL {
        let error = LuxxonError::from_code(code.clone());
        println!(
            "{code} {} retryable={} retry_after={:?}",
            error.status_code,
            error.is_retryable(),
            error.retry_after()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::errors::{ErrorCode, Family, LuxxonError};

    #[test]
    fn the_crate_has_its_own_codes_statuses_and_retries() {
        let limited = LuxxonError::from_code(ErrorCode::RateLimited);
        assert_eq!(limited.status_code, 429);
        assert!(limited.is_retryable());
        assert_eq!(
            limited.retry_after(),
            Some(std::time::Duration::from_secs(2))
        );
        assert_eq!(ErrorCode::RateLimited.family(), Some(Family::Limits));
        assert_eq!(limited.message, "Too many requests from this apiKey.");
        let declined: LuxxonError = serde_json::from_str(
            r#"{"statusCode":402,"code":"CARD_DECLINED","message":"Declined","timestamp":"2026-05-13T08:30:00Z"}"#,
        )
        .unwrap();
        assert_eq!(declined.code, ErrorCode::CardDeclined);
        assert!(!declined.is_retryable());
    }
}
