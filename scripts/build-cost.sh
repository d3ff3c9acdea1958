#!/usr/bin/env bash
# What luxxon-errors costs a consumer at build time: two small crates, built clean in
# turn, several rounds, on this machine's cores.
#
#   with-luxxon:  uses `ErrorCode` and `LuxxonError` from luxxon-errors (by path);
#   baseline:     the same program with a hand-written module on serde (derive),
#                 thiserror, serde_json and time, as a team would write it by hand.
#
# Prints every time, the best of each, and their ratio. Usage:
#   scripts/build-cost.sh [ROUNDS]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
rounds="${1:-3}"
work="$root/target/build-cost"
mkdir -p "$work"

write_crates() {
    mkdir -p "$work/with-luxxon/src" "$work/baseline/src"
    cat > "$work/with-luxxon/Cargo.toml" <<TOML
[package]
name = "with-luxxon"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
luxxon-errors = { path = "$root/luxxon-errors" }
serde_json = "1"

[workspace]
TOML
    cat > "$work/with-luxxon/src/main.rs" <<'RUST'
use luxxon_errors::{ErrorCode, LuxxonError};

fn main() {
    let error = LuxxonError::new(ErrorCode::NotAuthorized, "Not authorized").with_detail("x");
    println!("{}", serde_json::to_string(&error).unwrap());
    let body = br#"{"statusCode":503,"code":"NO_COVERAGE","message":"m","timestamp":"2026-05-13T08:30:00Z"}"#;
    let decoded = LuxxonError::from_json(body).unwrap();
    println!("{} {:?} {}", decoded.code, decoded.code.status(), decoded.is_retryable());
}
RUST
    cat > "$work/baseline/Cargo.toml" <<'TOML'
[package]
name = "baseline"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"
time = { version = "0.3", features = ["serde", "formatting", "parsing"] }

[workspace]
TOML
    {
        echo 'use serde::{Deserialize, Serialize};'
        echo
        echo '#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]'
        echo '#[serde(rename_all = "SCREAMING_SNAKE_CASE")]'
        echo 'pub enum ErrorCode {'
        for code in NotAuthenticated NotAuthorized InsufficientScope NotOperator NotYourSession \
            InvalidInput InvalidState Conflict NoCoverage OutsideCoverage Unavailable \
            FrameNotAvailable NoCredit InsufficientCredit NotFound SessionNotFound \
            OperatorNotFound CoverageAreaNotFound AccountNotFound DatabaseError AuthzError \
            VideoError QueueError ExternalError PaymentError InternalServerError; do
            echo "    $code,"
        done
        echo '    #[serde(other)]'
        echo '    Unknown,'
        echo '}'
        cat <<'RUST'

impl ErrorCode {
    pub fn status(&self) -> Option<u16> {
        match self {
            ErrorCode::NotAuthenticated => Some(401),
            ErrorCode::NotAuthorized | ErrorCode::InsufficientScope | ErrorCode::NotOperator
            | ErrorCode::NotYourSession => Some(403),
            ErrorCode::InvalidInput | ErrorCode::OutsideCoverage | ErrorCode::NoCredit
            | ErrorCode::InsufficientCredit => Some(400),
            ErrorCode::InvalidState | ErrorCode::Conflict => Some(409),
            ErrorCode::NoCoverage | ErrorCode::Unavailable | ErrorCode::DatabaseError
            | ErrorCode::AuthzError | ErrorCode::VideoError | ErrorCode::QueueError => Some(503),
            ErrorCode::FrameNotAvailable | ErrorCode::NotFound | ErrorCode::SessionNotFound
            | ErrorCode::OperatorNotFound | ErrorCode::CoverageAreaNotFound
            | ErrorCode::AccountNotFound => Some(404),
            ErrorCode::ExternalError | ErrorCode::PaymentError => Some(502),
            ErrorCode::InternalServerError => Some(500),
            ErrorCode::Unknown => None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code:?} ({status_code}): {message}")]
pub struct LuxxonError {
    pub status_code: u16,
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: time::OffsetDateTime,
}

fn main() {
    let error = LuxxonError {
        status_code: 403,
        code: ErrorCode::NotAuthorized,
        message: "Not authorized".to_owned(),
        detail: Some("x".to_owned()),
        timestamp: time::OffsetDateTime::now_utc(),
    };
    println!("{}", serde_json::to_string(&error).unwrap());
    let body = br#"{"statusCode":503,"code":"NO_COVERAGE","message":"m","timestamp":"2026-05-13T08:30:00Z"}"#;
    let decoded: LuxxonError = serde_json::from_slice(body).unwrap();
    println!("{:?} {:?}", decoded.code, decoded.code.status());
}
RUST
    } > "$work/baseline/src/main.rs"
}

# Seconds a clean debug build of the crate in $1 takes (dependencies fetched beforehand).
clean_build() {
    rm -rf "$work/$1/target"
    local start end
    start=$(date +%s.%N)
    cargo build --quiet --offline --manifest-path "$work/$1/Cargo.toml" \
        --target-dir "$work/$1/target" 2>/dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

write_crates
cp "$root/Cargo.lock" "$work/with-luxxon/Cargo.lock"
cargo fetch --quiet --manifest-path "$work/with-luxxon/Cargo.toml"
cargo fetch --quiet --manifest-path "$work/baseline/Cargo.toml"

best_luxxon=""
best_baseline=""
for round in $(seq 1 "$rounds"); do
    luxxon=$(clean_build with-luxxon)
    baseline=$(clean_build baseline)
    echo "round $round: with-luxxon ${luxxon}s, baseline ${baseline}s"
    if [ -z "$best_luxxon" ] || [ "$(echo "$luxxon < $best_luxxon" | bc)" = 1 ]; then best_luxxon=$luxxon; fi
    if [ -z "$best_baseline" ] || [ "$(echo "$baseline < $best_baseline" | bc)" = 1 ]; then best_baseline=$baseline; fi
done
echo "best: with-luxxon ${best_luxxon}s, baseline ${best_baseline}s, ratio $(echo "scale=2; $best_luxxon / $best_baseline" | bc)"
