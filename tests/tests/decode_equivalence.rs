//! `LuxxonError::from_json` reads a body of the usual shape on a fast path of its own,
//! and leaves every other body to its serde decoder (the one the generic `Deserialize`
//! impl runs). Here, bodies at the edges of that shape, each through both: they must give
//! the same envelope, encoding to the same bytes, or both refuse the body.
//!
//! Also: extra members are kept as text, checked to be JSON a `Value` would hold; a body
//! refused for one of them is described exactly as serde_json describes it.

mod support;

use luxxon_errors::{DecodeErrorKind, LuxxonError};
use serde_json::Value;
use support::PAGE_EXAMPLE_COMPACT as VALID;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `body` both ways and checks they agree; gives whether it decoded.
fn agree(body: &[u8]) -> bool {
    let decoded = LuxxonError::from_json(body);
    let text = body.strip_prefix(BOM).unwrap_or(body);
    let generic = serde_json::from_slice::<LuxxonError>(text);
    let shown = String::from_utf8_lossy(body);
    match (&decoded, &generic) {
        (Ok(decoded), Ok(generic)) => {
            assert_eq!(decoded, generic, "{shown}");
            assert_eq!(
                serde_json::to_vec(decoded).unwrap(),
                serde_json::to_vec(generic).unwrap(),
                "{shown}"
            );
            // The documented round trip: what it encodes to decodes to it again.
            let encoded = serde_json::to_vec(decoded).unwrap();
            assert_eq!(LuxxonError::from_json(&encoded).as_ref(), Ok(decoded));
            true
        }
        (Err(_), Err(_)) => {
            assert_eq!(
                LuxxonError::from_json_vec(body.to_vec()),
                decoded,
                "{shown}"
            );
            false
        }
        _ => panic!("from_json {decoded:?} but the generic impl {generic:?}: {shown}"),
    }
}

/// `VALID` with `from` replaced by `to`, once.
fn edit(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from}");
    VALID.replacen(from, to, 1)
}

#[test]
fn whitespace_and_layout() {
    for body in [
        VALID.to_owned(),
        format!(" \t\r\n{VALID}\r\n "),
        VALID.replace("\":", "\" : ").replace(",\"", " ,\n  \""),
        VALID.replace('{', "{\n  ").replace('}', "\n}"),
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(VALID).unwrap()).unwrap(),
    ] {
        assert!(agree(body.as_bytes()), "{body}");
    }
    let mut with_bom = BOM.to_vec();
    with_bom.extend_from_slice(VALID.as_bytes());
    assert!(agree(&with_bom));
}

#[test]
fn status_codes() {
    for (status, decodes) in [
        ("0", true),
        ("1", true),
        ("403", true),
        ("65535", true),
        ("65536", false),
        ("99999", false),
        ("100000", false),
        ("00", false),
        ("0403", false),
        ("-0", false),
        ("-1", false),
        ("403.0", false),
        ("403.", false),
        ("4e2", false),
        ("403e0", false),
        ("403E0", false),
        ("+403", false),
        ("\"403\"", false),
        ("403x", false),
        ("4 03", false),
        ("null", false),
        ("true", false),
    ] {
        let body = edit("403", status);
        assert_eq!(agree(body.as_bytes()), decodes, "{body}");
    }
}

#[test]
fn strings() {
    for (message, decodes) in [
        (r#""""#, true),
        (r#""café ☕ 😀""#, true),
        ("\"\u{7f}\"", true),
        (r#""a\"b""#, true),
        (r#""a\\b""#, true),
        (r#""a\/b""#, true),
        (r#""\u0041\u00e9\ud83d\ude00""#, true),
        (r#""line\nbreak\ttab""#, true),
        ("\"raw\ttab\"", false),
        ("\"raw\nline\"", false),
        ("\"nul\u{0}\"", false),
        (r#""\ud800""#, false),
        (r#""\udc00\ud800""#, false),
        (r#""\x""#, false),
        (r#""unterminated"#, false),
        ("'single'", false),
        ("null", false),
        ("42", false),
    ] {
        let body = edit(r#""Not authorized for this operation""#, message);
        assert_eq!(agree(body.as_bytes()), decodes, "{body}");
    }
    // Invalid UTF-8 in a string, and in a name.
    let mut latin1 = VALID.as_bytes().to_vec();
    let at = VALID.find("authorized").unwrap();
    latin1[at] = 0xE9;
    assert!(!agree(&latin1));
    let mut in_name = VALID.as_bytes().to_vec();
    in_name[VALID.find("message").unwrap()] = 0xFF;
    assert!(!agree(&in_name));
}

#[test]
fn long_strings_cross_every_word_boundary() {
    // The fast path looks for a string's end eight bytes at a time: put the quote, a
    // backslash or a control character at every offset of a word.
    for length in 0..40 {
        let plain = "x".repeat(length);
        assert!(agree(edit("session:viewDenied", &plain).as_bytes()));
        for stop in ["\\\"", "\\\\", "\\u00e9", "\t", "\u{1f}", "é"] {
            let text = format!("{plain}{stop}{plain}");
            let decodes = !matches!(stop, "\t" | "\u{1f}");
            let body = edit("session:viewDenied", &text);
            assert_eq!(agree(body.as_bytes()), decodes, "{body}");
        }
    }
}

#[test]
fn detail() {
    for (detail, decodes) in [
        ("null", true),
        (" null ", true),
        (r#""null""#, true),
        (r#""""#, true),
        ("nul", false),
        ("nullx", false),
        ("NULL", false),
        ("false", false),
        ("[]", false),
    ] {
        let body = edit(r#""session:viewDenied""#, detail);
        assert_eq!(agree(body.as_bytes()), decodes, "{body}");
    }
    assert!(agree(
        edit(r#""detail":"session:viewDenied","#, "").as_bytes()
    ));
}

#[test]
fn names() {
    for (from, to, decodes) in [
        // An escape in an own member's name: the same member.
        (r#""code""#, r#""c\u006fde""#, true),
        (r#""timestamp""#, r#""\u0074imestamp""#, true),
        // Names that are not the envelope's own: extra members, and one missing.
        (r#""code""#, r#""Code""#, false),
        (r#""code""#, r#""codeX""#, false),
        (r#""code""#, r#""cod""#, false),
        (r#""detail""#, r#""details""#, true),
        (r#""detail""#, r#""detail ""#, true),
        (r#""code""#, r#""code"#, false),
        (r#""code""#, "code", false),
    ] {
        let body = edit(from, to);
        assert_eq!(agree(body.as_bytes()), decodes, "{body}");
    }
}

#[test]
fn members_missing_repeated_or_in_any_order() {
    let members = [
        r#""statusCode":403"#,
        r#""code":"NOT_AUTHORIZED""#,
        r#""message":"m""#,
        r#""detail":"d""#,
        r#""timestamp":"2026-05-13T08:30:00Z""#,
    ];
    // Every order of the five.
    let mut order = [0, 1, 2, 3, 4];
    let mut count = 0;
    permute(&mut order, 0, &mut |order| {
        let body = format!("{{{}}}", order.map(|index| members[index]).join(","));
        assert!(agree(body.as_bytes()), "{body}");
        count += 1;
    });
    assert_eq!(count, 120);
    // Each one missing, and each one twice.
    for index in 0..members.len() {
        let without: Vec<&str> = members
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .map(|(_, member)| *member)
            .collect();
        let body = format!("{{{}}}", without.join(","));
        assert_eq!(agree(body.as_bytes()), index == 3, "{body}");
        let twice = format!("{{{},{}}}", members.join(","), members[index]);
        assert!(!agree(twice.as_bytes()), "{twice}");
    }
    for body in [
        "{}",
        "{,}",
        "[]",
        "null",
        "",
        &VALID.replacen('}', ",}", 1),
        &VALID.replacen(',', ",,", 1),
        &VALID.replacen(',', "", 1),
        &VALID.replacen(':', "", 1),
        &VALID.replacen('{', "{,", 1),
        &format!("{VALID}x"),
        &format!("{VALID}{VALID}"),
        &format!("{VALID},"),
        &format!("[{VALID}]"),
    ] {
        assert!(!agree(body.as_bytes()), "{body}");
    }
}

fn permute(items: &mut [usize; 5], from: usize, visit: &mut impl FnMut([usize; 5])) {
    if from == items.len() {
        visit(*items);
        return;
    }
    for index in from..items.len() {
        items.swap(from, index);
        permute(items, from + 1, visit);
        items.swap(from, index);
    }
}

#[test]
fn codes_and_timestamps() {
    for (from, to, decodes) in [
        ("NOT_AUTHORIZED", "NOT_AUTHORIZED_V2", true),
        ("NOT_AUTHORIZED", "", true),
        ("NOT_AUTHORIZED", "not_authorized", true),
        (r#""NOT_AUTHORIZED""#, "403", false),
        ("2026-05-13T08:30:00Z", "2026-05-13t08:30:00z", true),
        ("2026-05-13T08:30:00Z", "2026-05-13 08:30:00Z", true),
        (
            "2026-05-13T08:30:00Z",
            "2026-05-13T10:30:00.500+02:00",
            true,
        ),
        ("2026-05-13T08:30:00Z", "2026-06-30T23:59:60Z", true),
        ("2026-05-13T08:30:00Z", "2026-02-30T08:30:00Z", false),
        ("2026-05-13T08:30:00Z", "yesterday", false),
        ("2026-05-13T08:30:00Z", "", false),
    ] {
        let body = edit(from, to);
        assert_eq!(agree(body.as_bytes()), decodes, "{body}");
    }
}

#[test]
fn extra_members() {
    for (extra, decodes) in [
        (r#""requestId":"req_1""#, true),
        (r#""n":0"#, true),
        (r#""n":-0"#, true),
        (r#""n":1.0e3"#, true),
        (r#""n":18446744073709551616"#, true),
        (r#""n":-9223372036854775809"#, true),
        (r#""n":1e308"#, true),
        (r#""n":1e400"#, false),
        (r#""n":-1e400"#, false),
        (r#""n":01"#, false),
        (r#""n":1."#, false),
        (r#""n":1x"#, false),
        (r#""n":.5"#, false),
        (r#""n":true"#, true),
        (r#""n":nul"#, false),
        (r#""n":[1, {"a" : [ "b c" ] }, null ]"#, true),
        (r#""n":{"b":1,"a":2,"b":3}"#, true),
        (r#""n":{"a":1,}"#, false),
        (r#""n":[1,]"#, false),
        (r#""n":{1:2}"#, false),
        (r#""n":"\ud800""#, false),
        (r#""n":["x","\udc00"]"#, false),
        (r#""n":{"\ud800":1}"#, false),
        (r#""n":"\ud83d\ude00 \u00e9 \/""#, true),
        ("\"n\":\"raw\ttab\"", false),
        (r#""n""#, false),
        (r#""n":"#, false),
        (r#""n":1,"n":2"#, false),
        (r#""n":1,"m":2,"n":3"#, false),
        (r#""a b":1"#, true),
        (r#""":1"#, true),
        (r#""\u0041":1"#, true),
        (r#""A":1,"\u0041":2"#, false),
    ] {
        for body in [
            VALID.replacen('{', &format!("{{{extra},"), 1),
            VALID.replacen(r#","message""#, &format!(",{extra},\"message\""), 1),
            VALID.replacen('}', &format!(",{extra}}}"), 1),
            VALID.replacen('}', &format!(",\n  {extra}\n}}"), 1),
        ] {
            assert_eq!(agree(body.as_bytes()), decodes, "{body}");
        }
    }
}

#[test]
fn every_prefix_is_refused() {
    let with_extras = VALID.replacen(
        '}',
        r#","requestId":"req_01HX","window":[1.5e3,{"a":null}],"ok":true}"#,
        1,
    );
    for body in [VALID, with_extras.as_str()] {
        for end in 0..body.len() {
            assert!(!agree(&body.as_bytes()[..end]), "{}", &body[..end]);
        }
        assert!(agree(body.as_bytes()));
    }
}

/// A body refused for what is inside an extra member (which the decoder keeps as text)
/// is described by the first thing wrong in it, as serde_json reading a `Value` says:
/// the same message, line and column.
#[test]
fn a_body_refused_in_an_extra_member_is_described_as_serde_json_describes_it() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let mut bodies: Vec<Vec<u8>> = [
        r#""\ud800""#.to_owned(),
        r#"["ok", "\udc00"]"#.to_owned(),
        "1e400".to_owned(),
        r#"{"a":[1,2,-1e999]}"#.to_owned(),
        nested(127),
        nested(1_000),
        "[1,]".to_owned(),
        "tru".to_owned(),
    ]
    .into_iter()
    .flat_map(|extra| {
        [
            // Before, between and after the own members, with something else wrong
            // further on: what is reported is the first.
            VALID.replacen('{', &format!("{{\"x\":{extra},"), 1),
            VALID.replacen(
                ",\"detail\"",
                &format!(",\"x\":{extra},\"detail\":403,\"detail\""),
                1,
            ),
            format!("{}\n,\"x\": {extra}}} <html>", VALID.trim_end_matches('}')),
        ]
    })
    .map(String::into_bytes)
    .collect();
    let mut latin1 = VALID
        .replacen('}', r#","x":["caf_"]} trailing"#, 1)
        .into_bytes();
    let at = latin1.iter().position(|&byte| byte == b'_').unwrap();
    latin1[at] = 0xE9;
    bodies.push(latin1);

    for body in bodies {
        let shown = String::from_utf8_lossy(&body)
            .chars()
            .take(200)
            .collect::<String>();
        let error = LuxxonError::from_json(&body).expect_err(&shown);
        let expected = serde_json::from_slice::<Value>(&body).expect_err(&shown);
        assert_eq!(error.kind(), DecodeErrorKind::NotJson, "{shown}");
        assert_eq!(
            (error.line(), error.column()),
            (expected.line(), expected.column()),
            "{shown}"
        );
        assert!(
            expected.to_string().starts_with(error.message()),
            "{} / {expected}: {shown}",
            error.message()
        );
        assert_eq!(error.member(), None);
        assert!(!agree(&body));
    }
}

/// serde_json refuses JSON nested 128 deep; an extra member, inside the envelope's
/// object, may nest 126 levels.
#[test]
fn extra_members_nest_as_deep_as_a_value_may() {
    for depth in [125, 126, 127, 128] {
        for (open, innermost, close) in [("[", "[]", "]"), (r#"{"a":"#, "{}", "}")] {
            let nested = format!(
                "{}{innermost}{}",
                open.repeat(depth - 1),
                close.repeat(depth - 1)
            );
            let body = VALID.replacen('}', &format!(",\"trace\":{nested}}}"), 1);
            let is_json = serde_json::from_str::<Value>(&body).is_ok();
            assert_eq!(is_json, depth <= 126, "{depth}");
            assert_eq!(agree(body.as_bytes()), is_json, "{depth}");
            if is_json {
                let error = LuxxonError::from_json(body.as_bytes()).unwrap();
                assert_eq!(serde_json::to_string(&error).unwrap(), body);
            }
        }
    }
}

/// From a `serde_json::Value`, the generic impl takes the members' text as serde_json
/// writes the value.
#[test]
fn the_generic_impl_reads_a_value_too() {
    let body = VALID.replacen('}', r#","n":1.50,"trace":{"b":1,"a":2}}"#, 1);
    let value: Value = serde_json::from_str(&body).unwrap();
    let error: LuxxonError = serde_json::from_value(value).unwrap();
    assert_eq!(error.extra.get_raw("n").map(|raw| raw.get()), Some("1.5"));
    assert_eq!(
        error.extra.get_raw("trace").map(|raw| raw.get()),
        Some(r#"{"a":2,"b":1}"#)
    );
    assert_eq!(error.extra.get("n"), Some(&serde_json::json!(1.5)));
}

/// Pretty output lays out the own members; an extra member is written as its text.
#[test]
fn pretty_output_writes_an_extra_member_as_its_text() {
    let body = VALID.replacen('}', r#","trace":{"a":[1,2.50]}}"#, 1);
    let error = LuxxonError::from_json(body.as_bytes()).unwrap();
    let pretty = serde_json::to_string_pretty(&error).unwrap();
    assert!(
        pretty.ends_with("\n  \"trace\": {\"a\":[1,2.50]}\n}"),
        "{pretty}"
    );
    assert_eq!(LuxxonError::from_json(pretty.as_bytes()).unwrap(), error);
}
