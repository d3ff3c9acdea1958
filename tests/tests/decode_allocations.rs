//! What decoding allocates, counted by a global allocator: for the page's example (a
//! known code), exactly the envelope's own strings, `message`, `detail` and the
//! timestamp's text; one more for a code this build doesn't know (its text); and for an
//! extra member, its name, its text and the list that holds them.
//!
//! A test binary of its own, so that its global allocator counts nothing but this file's
//! test; one test function, so that no other test allocates while it counts.

mod support;

use luxxon_errors::{ErrorCode, LuxxonError};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use support::{PAGE_EXAMPLE_COMPACT as COMPACT, page_example};

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Allocations (reallocations included) that `run` makes, the least of a few runs, so
/// that a stray allocation of another thread (the test harness's) cannot count.
fn least(mut run: impl FnMut() -> usize) -> usize {
    (0..5).map(|_| run()).min().unwrap_or_default()
}

fn allocated(region: &Region<'_, std::alloc::System>) -> usize {
    let change = region.change();
    change.allocations + change.reallocations
}

/// What decoding `body` allocates, and what dropping the envelope frees.
fn allocations(body: &[u8]) -> (usize, usize) {
    let made = least(|| {
        let region = Region::new(GLOBAL);
        let decoded = LuxxonError::from_json(body);
        let count = allocated(&region);
        assert!(decoded.is_ok(), "{decoded:?}");
        count
    });
    let freed = least(|| {
        let decoded = LuxxonError::from_json(body);
        let region = Region::new(GLOBAL);
        drop(decoded);
        region.change().deallocations
    });
    (made, freed)
}

#[test]
fn decoding_allocates_the_envelope_s_own_strings_and_nothing_else() {
    // Warm up whatever a first call sets up, outside the counts.
    let decoded = LuxxonError::from_json(COMPACT.as_bytes()).expect("the example decodes");
    assert_eq!(decoded.code, ErrorCode::NotAuthorized);

    // A known code: `message`, `detail`, the timestamp's text.
    assert_eq!(allocations(COMPACT.as_bytes()), (3, 3), "{COMPACT}");
    assert_eq!(
        allocations(page_example().as_bytes()),
        (3, 3),
        "the page's example as printed"
    );
    // By value, the body is not copied either.
    let by_value = least(|| {
        let body = COMPACT.as_bytes().to_vec();
        let region = Region::new(GLOBAL);
        let decoded = LuxxonError::from_json_vec(body);
        let count = allocated(&region);
        assert!(decoded.is_ok());
        count
    });
    assert_eq!(by_value, 3);

    // Without `detail`, one fewer; with `"detail": null`, as many as without.
    let without_detail = COMPACT.replace(r#""detail":"session:viewDenied","#, "");
    assert_eq!(allocations(without_detail.as_bytes()), (2, 2));
    let null_detail = COMPACT.replace(r#""session:viewDenied""#, "null");
    assert_eq!(allocations(null_detail.as_bytes()), (2, 2));

    // A code this build doesn't know costs exactly one more: its text.
    let unknown = COMPACT.replace("NOT_AUTHORIZED", "NOT_AUTHORIZED_V2");
    assert_eq!(allocations(unknown.as_bytes()), (4, 4), "{unknown}");

    // An extra member: its name, its text, and (for the first) the list.
    let one_extra = COMPACT.replace('}', r#","requestId":"req_01HX"}"#);
    assert_eq!(allocations(one_extra.as_bytes()), (6, 6), "{one_extra}");
    let two_extras = COMPACT.replace('}', r#","requestId":"req_01HX","load":0.875}"#);
    assert_eq!(allocations(two_extras.as_bytes()), (8, 8), "{two_extras}");

    // Reading an extra member decodes its text on the first read only: nothing for a
    // number, the `String` for a string.
    let first_reads = least(|| {
        let decoded = LuxxonError::from_json(two_extras.as_bytes()).expect("it decodes");
        let region = Region::new(GLOBAL);
        let load = decoded.extra.get("load").and_then(|load| load.as_f64());
        let id = decoded.extra.get("requestId").and_then(|id| id.as_str());
        assert_eq!((load, id), (Some(0.875), Some("req_01HX")));
        allocated(&region)
    });
    assert_eq!(first_reads, 1);
    let decoded = LuxxonError::from_json(two_extras.as_bytes()).expect("it decodes");
    assert_eq!(decoded.request_id(), Some("req_01HX"));
    let again = least(|| {
        let region = Region::new(GLOBAL);
        assert_eq!(decoded.request_id(), Some("req_01HX"));
        allocated(&region)
    });
    assert_eq!(again, 0, "a member read before is not decoded again");
}
