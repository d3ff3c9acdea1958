//! The page's example `timestamp` must be one the runtime decoder accepts: an RFC 3339
//! date-time (section 5.6) within what the runtime's date-time crate reads.

/// Why `text` is not an RFC 3339 date-time the runtime reads, if it isn't.
pub(crate) fn problem(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0, |value, digit| value * 10 + u32::from(digit - b'0'))
        })
    };
    let at = |index: usize, allowed: &[u8]| bytes.get(index).is_some_and(|b| allowed.contains(b));
    let shape = "expected the form 2026-05-13T08:30:00Z (or with an offset such as +02:00)";
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return Some(shape);
    };
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt") && at(13, b":") && at(16, b":")) {
        return Some(shape);
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in(year, month) {
        return Some("the date does not exist");
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Some("the time does not exist (leap seconds are not accepted)");
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let length = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if length == 0 || length > 9 {
            return Some("a fraction of a second has 1 to 9 digits");
        }
        rest = &fraction[length..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => None,
        [b'+' | b'-', h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()) =>
        {
            let hours = u32::from(h1 - b'0') * 10 + u32::from(h2 - b'0');
            let minutes = u32::from(m1 - b'0') * 10 + u32::from(m2 - b'0');
            (hours > 23 || minutes > 59).then_some("the offset does not exist")
        }
        _ => Some("expected the offset `Z` or one such as +02:00 after the time"),
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn rfc_3339_date_times() {
        for good in [
            "2026-05-13T08:30:00Z",
            "2026-05-13t08:30:00z",
            "2026-05-13T08:30:00.123456789+02:00",
            "2024-02-29T23:59:59-00:30",
            "0000-01-01T00:00:00Z",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in [
            "2026-05-13 08:30:00Z",
            "2026-05-13T08:30:00",
            "2026-02-29T08:30:00Z",
            "2026-13-01T08:30:00Z",
            "2026-05-13T24:00:00Z",
            "2026-05-13T23:59:60Z",
            "2026-05-13T08:30:00.Z",
            "2026-05-13T08:30:00.1234567890Z",
            "2026-05-13T08:30:00+24:00",
            "2026-05-13T08:30:00+02:00:30",
            "2026-05-13T08:30:00ZZ",
            "yesterday",
            "2026-05-13T08:30:0\u{e9}Z",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
