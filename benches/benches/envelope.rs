//! Envelope decoding: `LuxxonError::from_json` against a hand-written all-`String` serde
//! struct, on the page's example and on an envelope with extra members.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use luxxon_errors::LuxxonError;

/// What one would write by hand: derived serde, every member a `String`.
#[derive(serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct HandWritten {
    status_code: u16,
    code: String,
    message: String,
    detail: Option<String>,
    timestamp: String,
}

const PAGE_EXAMPLE: &str = r#"{"statusCode":403,"code":"NOT_AUTHORIZED","message":"Not authorized for this operation","detail":"session:viewDenied","timestamp":"2026-05-13T08:30:00Z"}"#;
const WITH_EXTRAS: &str = r#"{"statusCode":503,"code":"NEW_OUTAGE_CODE","message":"Something is down","timestamp":"2026-05-13T10:30:00.500+02:00","requestId":"req_01HX","retryAfter":2}"#;

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode envelope");
    for (name, body) in [
        ("page example", PAGE_EXAMPLE),
        ("unknown code + extras", WITH_EXTRAS),
    ] {
        group.bench_function(format!("LuxxonError::from_json, {name}"), |b| {
            b.iter(|| LuxxonError::from_json(black_box(body.as_bytes())).is_ok())
        });
        group.bench_function(format!("hand-written String struct, {name}"), |b| {
            b.iter(|| serde_json::from_slice::<HandWritten>(black_box(body.as_bytes())).is_ok())
        });
    }
    group.finish();

    let error = LuxxonError::from_json(PAGE_EXAMPLE.as_bytes()).expect("the page example decodes");
    let hand: HandWritten = serde_json::from_str(PAGE_EXAMPLE).expect("the page example decodes");
    let mut group = c.benchmark_group("encode envelope");
    group.bench_function("LuxxonError", |b| {
        b.iter(|| serde_json::to_vec(black_box(&error)).map(|v| v.len()))
    });
    group.bench_function("hand-written String struct", |b| {
        b.iter(|| serde_json::to_vec(black_box(&hand)).map(|v| v.len()))
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
