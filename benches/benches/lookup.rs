//! Code lookups: the generated `ErrorCode` against a hand-written `match`, strum's
//! `EnumString`, a `phf` map and a std `HashMap`, over a shuffled stream of the catalog's
//! codes with one unknown code in ten.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use luxxon_errors::ErrorCode;

/// Declares the comparison implementations from one list of the catalog's codes.
macro_rules! comparisons {
    ($($code:literal => $variant:ident,)*) => {
        /// The codes as strum sees them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr)]
        enum StrumCode {
            $(#[strum(serialize = $code)] $variant,)*
        }

        /// A hand-written lookup, as one would write it without a generator.
        fn hand_written(code: &str) -> Option<StrumCode> {
            $(
                if code == $code {
                    return Some(StrumCode::$variant);
                }
            )*
            None
        }

        static PHF: phf::Map<&'static str, StrumCode> = phf::phf_map! {
            $($code => StrumCode::$variant,)*
        };

        const CODES: &[(&str, StrumCode)] = &[$(($code, StrumCode::$variant),)*];
    };
}

comparisons! {
    "NOT_AUTHENTICATED" => NotAuthenticated,
    "NOT_AUTHORIZED" => NotAuthorized,
    "INSUFFICIENT_SCOPE" => InsufficientScope,
    "NOT_OPERATOR" => NotOperator,
    "NOT_YOUR_SESSION" => NotYourSession,
    "INVALID_INPUT" => InvalidInput,
    "INVALID_STATE" => InvalidState,
    "CONFLICT" => Conflict,
    "NO_COVERAGE" => NoCoverage,
    "OUTSIDE_COVERAGE" => OutsideCoverage,
    "UNAVAILABLE" => Unavailable,
    "FRAME_NOT_AVAILABLE" => FrameNotAvailable,
    "NO_CREDIT" => NoCredit,
    "INSUFFICIENT_CREDIT" => InsufficientCredit,
    "NOT_FOUND" => NotFound,
    "SESSION_NOT_FOUND" => SessionNotFound,
    "OPERATOR_NOT_FOUND" => OperatorNotFound,
    "COVERAGE_AREA_NOT_FOUND" => CoverageAreaNotFound,
    "ACCOUNT_NOT_FOUND" => AccountNotFound,
    "DATABASE_ERROR" => DatabaseError,
    "AUTHZ_ERROR" => AuthzError,
    "VIDEO_ERROR" => VideoError,
    "QUEUE_ERROR" => QueueError,
    "EXTERNAL_ERROR" => ExternalError,
    "PAYMENT_ERROR" => PaymentError,
    "INTERNAL_SERVER_ERROR" => InternalServerError,
}

/// 1000 codes: the catalog's, one unknown in ten, in an order no branch predictor learns.
fn stream() -> Vec<String> {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..1000)
        .map(|_| {
            let roll = next();
            if roll % 10 == 0 {
                format!("NEW_CODE_{}", roll % 7)
            } else {
                CODES[(roll as usize / 10) % CODES.len()].0.to_owned()
            }
        })
        .collect()
}

fn lookups(c: &mut Criterion) {
    let stream = stream();
    let map: HashMap<&str, StrumCode> = CODES.iter().copied().collect();
    let mut group = c.benchmark_group("lookup 1000 codes (10% unknown)");
    group.bench_function("ErrorCode::known (generated match)", |b| {
        b.iter(|| {
            stream
                .iter()
                .filter_map(|code| ErrorCode::known(black_box(code)))
                .count()
        })
    });
    group.bench_function("ErrorCode::parse (keeps unknown text)", |b| {
        b.iter(|| {
            stream
                .iter()
                .map(|code| ErrorCode::parse(black_box(code)))
                .filter(ErrorCode::is_known)
                .count()
        })
    });
    group.bench_function("hand-written if chain", |b| {
        b.iter(|| {
            stream
                .iter()
                .filter_map(|code| hand_written(black_box(code)))
                .count()
        })
    });
    group.bench_function("strum EnumString", |b| {
        b.iter(|| {
            stream
                .iter()
                .filter_map(|code| black_box(code).parse::<StrumCode>().ok())
                .count()
        })
    });
    group.bench_function("phf map", |b| {
        b.iter(|| {
            stream
                .iter()
                .filter_map(|code| PHF.get(black_box(code.as_str())).copied())
                .count()
        })
    });
    group.bench_function("std HashMap", |b| {
        b.iter(|| {
            stream
                .iter()
                .filter_map(|code| map.get(black_box(code.as_str())).copied())
                .count()
        })
    });
    group.finish();

    // Known codes only, for both sides: strum has no unknown-code variant.
    let known: Vec<ErrorCode> = stream
        .iter()
        .filter_map(|code| ErrorCode::known(code))
        .collect();
    let strum: Vec<StrumCode> = stream.iter().filter_map(|code| code.parse().ok()).collect();
    let mut group = c.benchmark_group("code to string, the known codes of the stream");
    group.bench_function("ErrorCode::as_str", |b| {
        b.iter(|| {
            known
                .iter()
                .map(|code| black_box(code).as_str().len())
                .sum::<usize>()
        })
    });
    group.bench_function("strum IntoStaticStr", |b| {
        b.iter(|| {
            strum
                .iter()
                .map(|code| <&str>::from(*black_box(code)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("ErrorCode::status", |b| {
        b.iter(|| {
            known
                .iter()
                .filter_map(|code| black_box(code).status())
                .map(u32::from)
                .sum::<u32>()
        })
    });
    group.finish();
}

criterion_group!(benches, lookups);
criterion_main!(benches);
