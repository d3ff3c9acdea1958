//! Envelope decoding and encoding: `LuxxonError` against what one would write by hand, a
//! derived serde struct with `String` fields, side by side in one criterion group per
//! body, so that every ratio compares two measurements of the same run.
//!
//! - the page's example (a known code): the case decoding is built for;
//! - the same envelope with a code this build doesn't know, which `LuxxonError` keeps;
//! - an envelope with extra members, floats among them: `LuxxonError` keeps their text,
//!   the derived struct skips them (it drops what it doesn't know); a third line reads
//!   two of them as `serde_json::Value`s, which decodes their text on first access;
//! - encoding the page's example, and the envelope with extras.
//!
//! `docs/performance.md` (## Decoding) has the numbers and how they were taken.

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
const UNKNOWN_CODE: &str = r#"{"statusCode":403,"code":"NOT_AUTHORIZED_V2","message":"Not authorized for this operation","detail":"session:viewDenied","timestamp":"2026-05-13T08:30:00Z"}"#;
const WITH_EXTRAS: &str = r#"{"statusCode":503,"code":"NEW_OUTAGE_CODE","message":"Something is down","timestamp":"2026-05-13T10:30:00.500+02:00","requestId":"req_01HX","retryAfter":2,"load":0.8731,"window":[1.5e3,2.25],"region":{"name":"eu-west","weight":0.125}}"#;

fn decode(c: &mut Criterion) {
    for (name, body) in [
        ("page example", PAGE_EXAMPLE),
        ("unknown code", UNKNOWN_CODE),
        ("extra members", WITH_EXTRAS),
    ] {
        let mut group = c.benchmark_group(format!("decode/{name}"));
        group.bench_function("LuxxonError::from_json", |b| {
            b.iter(|| LuxxonError::from_json(black_box(body.as_bytes())))
        });
        group.bench_function("derived String struct", |b| {
            b.iter(|| serde_json::from_slice::<HandWritten>(black_box(body.as_bytes())))
        });
        if body == WITH_EXTRAS {
            group.bench_function("LuxxonError::from_json + 2 extra.get", |b| {
                b.iter(|| {
                    let error = LuxxonError::from_json(black_box(body.as_bytes()))?;
                    let load = error.extra.get("load").and_then(serde_json::Value::as_f64);
                    let region = error
                        .extra
                        .get("region")
                        .map(|region| region["weight"].clone());
                    Ok::<_, luxxon_errors::DecodeError>((load, region))
                })
            });
        }
        group.finish();
    }
}

fn encode(c: &mut Criterion) {
    for (name, body) in [
        ("page example", PAGE_EXAMPLE),
        ("extra members", WITH_EXTRAS),
    ] {
        let error = LuxxonError::from_json(body.as_bytes()).expect("the body decodes");
        let hand: HandWritten = serde_json::from_str(body).expect("the body decodes");
        let mut group = c.benchmark_group(format!("encode/{name}"));
        group.bench_function("LuxxonError", |b| {
            b.iter(|| serde_json::to_vec(black_box(&error)))
        });
        group.bench_function("derived String struct", |b| {
            b.iter(|| serde_json::to_vec(black_box(&hand)))
        });
        group.finish();
    }
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
