//! Code lookups: the generated `ErrorCode` against the hand-written enum and `match` of
//! the `luxxon-errors-bench-baseline` crate, each pair side by side in one criterion
//! group, on two streams of 1000 codes:
//!
//! - a fixed cycle over the catalog's 26 codes, which a branch predictor learns: the
//!   best case for a `match`;
//! - a random stream, 90 % known codes and 10 % near misses: what a predictor can't
//!   learn, where a lookup's branches mispredict.
//!
//! strum's `EnumString`, a `phf` map and a std `HashMap` run on the random stream too,
//! for scale.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use luxxon_errors::ErrorCode;
use luxxon_errors_bench_baseline::Code;
use luxxon_errors_benches::{cycle, mixed, near_misses};

/// Declares strum's and phf's view of the catalog from one list of its codes.
macro_rules! comparisons {
    ($($code:literal => $variant:ident,)*) => {
        /// The codes as strum sees them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr)]
        enum StrumCode {
            $(#[strum(serialize = $code)] $variant,)*
        }

        static PHF: phf::Map<&'static str, StrumCode> = phf::phf_map! {
            $($code => StrumCode::$variant,)*
        };

        const STRUM_CODES: &[(&str, StrumCode)] = &[$(($code, StrumCode::$variant),)*];
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

/// How many codes each benchmark looks up per iteration: more than a branch predictor
/// memorizes (see `luxxon_errors_benches::mixed`).
const STREAM: usize = 1 << 16;

fn catalog_codes() -> Vec<&'static str> {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(ErrorCode::as_str).collect();
    // The comparisons must know the same codes as the catalog, or they measure
    // something else.
    let baseline: Vec<&str> = Code::ALL.iter().map(Code::as_str).collect();
    let strum: Vec<&str> = STRUM_CODES.iter().map(|(code, _)| *code).collect();
    assert_eq!(codes, baseline, "the baseline crate is behind errors.yaml");
    assert_eq!(
        codes, strum,
        "the strum and phf lists are behind errors.yaml"
    );
    codes
}

/// The generated lookups and the baseline's, side by side on one stream.
///
/// Each iteration reads the stream through one `black_box`, and counts the results
/// equal to a code hidden behind another: every lookup must find which code it has (an
/// optimizer can't narrow the `match` to one arm), and no per-item `black_box` forces
/// each result through memory, which on this machine cost more than some lookups.
fn generated_and_baseline(group: &mut BenchmarkGroup<'_, WallTime>, stream: &[&str]) {
    let target = black_box(ErrorCode::NotFound);
    let baseline_target = black_box(Code::NotFound);
    group.bench_function("ErrorCode::known", |b| {
        b.iter(|| {
            black_box(stream)
                .iter()
                .filter(|code| ErrorCode::known(code).as_ref() == Some(&target))
                .count()
        })
    });
    group.bench_function("baseline match, known", |b| {
        b.iter(|| {
            black_box(stream)
                .iter()
                .filter(|code| Code::known(code).as_ref() == Some(&baseline_target))
                .count()
        })
    });
    group.bench_function("ErrorCode::parse", |b| {
        b.iter(|| {
            black_box(stream)
                .iter()
                .filter(|code| ErrorCode::parse(code) == target)
                .count()
        })
    });
    group.bench_function("baseline match, parse", |b| {
        b.iter(|| {
            black_box(stream)
                .iter()
                .filter(|code| Code::parse(code) == baseline_target)
                .count()
        })
    });
}

fn lookups(c: &mut Criterion) {
    let codes = catalog_codes();

    let cycle = cycle(&codes, STREAM);
    let mut group = c.benchmark_group("lookup, fixed cycle");
    generated_and_baseline(&mut group, &cycle);
    group.finish();

    let misses = near_misses(&codes);
    let mixed = mixed(&codes, &misses, STREAM);
    let map: HashMap<&str, StrumCode> = STRUM_CODES.iter().copied().collect();
    let strum_target = black_box(StrumCode::NotFound);
    let mut group = c.benchmark_group("lookup, random with near misses");
    generated_and_baseline(&mut group, &mixed);
    group.bench_function("strum EnumString", |b| {
        b.iter(|| {
            black_box(&mixed)
                .iter()
                .filter(|code| code.parse::<StrumCode>().ok() == Some(strum_target))
                .count()
        })
    });
    group.bench_function("phf map", |b| {
        b.iter(|| {
            black_box(&mixed)
                .iter()
                .filter(|code| PHF.get(*code) == Some(&strum_target))
                .count()
        })
    });
    group.bench_function("std HashMap", |b| {
        b.iter(|| {
            black_box(&mixed)
                .iter()
                .filter(|code| map.get(*code) == Some(&strum_target))
                .count()
        })
    });
    group.finish();
}

/// A digest of a name that depends on both its address and length, so neither load is
/// optimized away.
fn digest(name: &str) -> usize {
    name.as_ptr() as usize ^ name.len()
}

fn to_string(c: &mut Criterion) {
    let codes = catalog_codes();
    let misses = near_misses(&codes);
    for (name, stream) in [
        ("cycle", cycle(&codes, STREAM)),
        ("random", mixed(&codes, &misses, STREAM)),
    ] {
        // Known codes only: an unknown code's text is a field read on both sides.
        let generated: Vec<ErrorCode> = stream
            .iter()
            .filter_map(|code| ErrorCode::known(code))
            .collect();
        let baseline: Vec<Code> = stream.iter().filter_map(|code| Code::known(code)).collect();
        let strum: Vec<StrumCode> = stream.iter().filter_map(|code| code.parse().ok()).collect();
        let mut group = c.benchmark_group(format!("as_str, {name}"));
        group.bench_function("ErrorCode::as_str", |b| {
            b.iter(|| {
                black_box(&generated)
                    .iter()
                    .map(|code| digest(code.as_str()))
                    .fold(0, |all, one| all ^ one)
            })
        });
        group.bench_function("baseline match, as_str", |b| {
            b.iter(|| {
                black_box(&baseline)
                    .iter()
                    .map(|code| digest(code.as_str()))
                    .fold(0, |all, one| all ^ one)
            })
        });
        group.bench_function("strum IntoStaticStr", |b| {
            b.iter(|| {
                black_box(&strum)
                    .iter()
                    .map(|&code| digest(code.into()))
                    .fold(0, |all, one| all ^ one)
            })
        });
        group.finish();
    }
}

/// The status of a code, a table read like `as_str`.
fn status(c: &mut Criterion) {
    let codes = catalog_codes();
    let misses = near_misses(&codes);
    let known: Vec<ErrorCode> = mixed(&codes, &misses, STREAM)
        .iter()
        .filter_map(|code| ErrorCode::known(code))
        .collect();
    c.bench_function("status, random", |b| {
        b.iter(|| {
            black_box(&known)
                .iter()
                .filter_map(ErrorCode::status)
                .map(u32::from)
                .sum::<u32>()
        })
    });
}

criterion_group!(benches, lookups, to_string, status);
criterion_main!(benches);
