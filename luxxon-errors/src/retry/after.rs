//! The `Retry-After` response header (RFC 9110, section 10.2.3).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// How long a server asks a client to wait before retrying: the value of a
/// `Retry-After` header, in either of its two forms.
///
/// ```
/// use std::time::Duration;
/// use luxxon_errors::retry::RetryAfter;
/// use luxxon_errors::time::{Date, Month, Time};
///
/// assert_eq!(RetryAfter::parse(b"120"), Ok(RetryAfter::Delay(Duration::from_secs(120))));
///
/// let date = RetryAfter::parse(b"Sun, 06 Nov 1994 08:49:37 GMT")?;
/// let now = Date::from_calendar_date(1994, Month::November, 6)?
///     .with_time(Time::from_hms(8, 49, 7)?)
///     .assume_utc();
/// assert_eq!(date.delay_from(now), Duration::from_secs(30));
/// assert_eq!(date.to_string(), "Sun, 06 Nov 1994 08:49:37 GMT");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryAfter {
    /// `delay-seconds`: wait this long from when the response was received.
    Delay(Duration),
    /// `HTTP-date`: wait until this instant.
    Date(OffsetDateTime),
}

/// A header value that is neither delay-seconds nor an HTTP-date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRetryAfter {
    value: String,
}

impl InvalidRetryAfter {
    /// The value that was refused (invalid UTF-8 replaced by U+FFFD).
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for InvalidRetryAfter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a Retry-After value (delay-seconds or an HTTP-date)",
            self.value
        )
    }
}

impl std::error::Error for InvalidRetryAfter {}

impl RetryAfter {
    /// Parses a header value, as bytes since header values need not be UTF-8.
    ///
    /// Accepts delay-seconds (a non-negative decimal integer; a number too large for a
    /// [`Duration`] saturates at `u64::MAX` seconds) and the three HTTP-date formats a
    /// recipient must accept: the IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, the
    /// obsolete RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` (a two-digit year more than 50
    /// years ahead of the current year is taken to be in the past century) and the
    /// asctime `Sun Nov  6 08:49:37 1994`. Surrounding spaces and tabs are ignored.
    /// Never panics.
    ///
    /// # Errors
    /// When the value is none of those, or names a day that does not exist.
    pub fn parse(value: &[u8]) -> Result<RetryAfter, InvalidRetryAfter> {
        RetryAfter::parse_in_year(value, OffsetDateTime::now_utc().year())
    }

    /// [`RetryAfter::parse`], taking `current_year` as the reference for RFC 850's
    /// two-digit years.
    fn parse_in_year(value: &[u8], current_year: i32) -> Result<RetryAfter, InvalidRetryAfter> {
        let trimmed = value.trim_ascii_start().trim_ascii_end();
        delay_seconds(trimmed)
            .map(RetryAfter::Delay)
            .or_else(|| http_date(trimmed, current_year).map(RetryAfter::Date))
            .ok_or_else(|| InvalidRetryAfter {
                value: String::from_utf8_lossy(value).into_owned(),
            })
    }

    /// How long to wait from `now`: the delay as is, or the time left until the date
    /// (zero for a date that has passed).
    pub fn delay_from(&self, now: OffsetDateTime) -> Duration {
        match *self {
            RetryAfter::Delay(delay) => delay,
            // Negative when the date has passed, which `try_from` refuses.
            RetryAfter::Date(date) => Duration::try_from(date - now).unwrap_or(Duration::ZERO),
        }
    }

    /// How long to wait from now, by the system clock; see [`RetryAfter::delay_from`].
    pub fn delay(&self) -> Duration {
        self.delay_from(OffsetDateTime::now_utc())
    }
}

impl FromStr for RetryAfter {
    type Err = InvalidRetryAfter;

    /// [`RetryAfter::parse`].
    fn from_str(value: &str) -> Result<RetryAfter, InvalidRetryAfter> {
        RetryAfter::parse(value.as_bytes())
    }
}

impl fmt::Display for RetryAfter {
    /// The header value: whole seconds (rounded up, so that a client never waits too
    /// little) or an IMF-fixdate. A date before year 0, which HTTP-date cannot spell,
    /// is written `0` (it has passed); one after year 9999 as the last second of 9999.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RetryAfter::Delay(delay) => {
                let seconds = delay
                    .as_secs()
                    .saturating_add(u64::from(delay.subsec_nanos() > 0));
                write!(f, "{seconds}")
            }
            RetryAfter::Date(date) => {
                let date = date.to_offset(time::UtcOffset::UTC);
                if date.year() < 0 {
                    return f.write_str("0");
                }
                if date.year() > 9999 {
                    return f.write_str("Fri, 31 Dec 9999 23:59:59 GMT");
                }
                let weekday =
                    SHORT_DAY_NAMES[usize::from(date.weekday().number_days_from_monday())];
                let month = MONTH_NAMES[usize::from(u8::from(date.month()) - 1)];
                write!(
                    f,
                    "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
                    date.day(),
                    date.year(),
                    date.hour(),
                    date.minute(),
                    date.second()
                )
            }
        }
    }
}

const SHORT_DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `delay-seconds = 1*DIGIT`, saturating rather than refusing a number too large.
fn delay_seconds(text: &[u8]) -> Option<Duration> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let seconds = text.iter().fold(0_u64, |seconds, digit| {
        seconds
            .saturating_mul(10)
            .saturating_add(u64::from(digit - b'0'))
    });
    Some(Duration::from_secs(seconds))
}

/// `HTTP-date = IMF-fixdate / obs-date`, in UTC.
fn http_date(text: &[u8], current_year: i32) -> Option<OffsetDateTime> {
    imf_fixdate(Cursor(text))
        .or_else(|| rfc850_date(Cursor(text), current_year))
        .or_else(|| asctime_date(Cursor(text)))
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`
fn imf_fixdate(mut text: Cursor<'_>) -> Option<OffsetDateTime> {
    text.one_of(&SHORT_DAY_NAMES)?;
    text.literal(", ")?;
    let day = text.digits(2)?;
    text.literal(" ")?;
    let month = text.month()?;
    text.literal(" ")?;
    let year = i32::try_from(text.digits(4)?).ok()?;
    text.literal(" ")?;
    let time = text.time_of_day()?;
    text.literal(" GMT")?;
    text.end()?;
    utc(year, month, day, time)
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`
fn rfc850_date(mut text: Cursor<'_>, current_year: i32) -> Option<OffsetDateTime> {
    text.one_of(&LONG_DAY_NAMES)?;
    text.literal(", ")?;
    let day = text.digits(2)?;
    text.literal("-")?;
    let month = text.month()?;
    text.literal("-")?;
    let two_digit_year = i32::try_from(text.digits(2)?).ok()?;
    text.literal(" ")?;
    let time = text.time_of_day()?;
    text.literal(" GMT")?;
    text.end()?;
    utc(full_year(two_digit_year, current_year), month, day, time)
}

/// `Sun Nov  6 08:49:37 1994`
fn asctime_date(mut text: Cursor<'_>) -> Option<OffsetDateTime> {
    text.one_of(&SHORT_DAY_NAMES)?;
    text.literal(" ")?;
    let month = text.month()?;
    text.literal(" ")?;
    // `( 2DIGIT / ( SP DIGIT ) )`
    let day = match text.literal(" ") {
        Some(()) => text.digits(1)?,
        None => text.digits(2)?,
    };
    text.literal(" ")?;
    let time = text.time_of_day()?;
    text.literal(" ")?;
    let year = i32::try_from(text.digits(4)?).ok()?;
    text.end()?;
    utc(year, month, day, time)
}

/// RFC 9110: a two-digit year that "appears to be more than 50 years in the future" is
/// the most recent past year with the same last two digits.
fn full_year(two_digit_year: i32, current_year: i32) -> i32 {
    let year = current_year - current_year.rem_euclid(100) + two_digit_year;
    if year > current_year.saturating_add(50) {
        year - 100
    } else {
        year
    }
}

/// The day name is not checked against the date: the date alone is unambiguous, and a
/// wrong day name is no reason to retry sooner than the server asked.
fn utc(year: i32, month: Month, day: u32, time: Time) -> Option<OffsetDateTime> {
    let date = Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

/// What is left of a header value to parse.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    /// Consumes `expected`, ignoring ASCII case (RFC 9110 asks recipients to be robust).
    fn literal(&mut self, expected: &str) -> Option<()> {
        let expected = expected.as_bytes();
        let (head, rest) = self.0.split_at_checked(expected.len())?;
        head.eq_ignore_ascii_case(expected).then(|| self.0 = rest)
    }

    /// Consumes one of `names`, giving its index.
    fn one_of(&mut self, names: &[&str]) -> Option<usize> {
        names.iter().position(|name| self.literal(name).is_some())
    }

    /// Consumes exactly `count` ASCII digits.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let (head, rest) = self.0.split_at_checked(count)?;
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = rest;
        Some(
            head.iter()
                .fold(0, |number, digit| number * 10 + u32::from(digit - b'0')),
        )
    }

    fn month(&mut self) -> Option<Month> {
        let index = self.one_of(&MONTH_NAMES)?;
        Month::try_from(u8::try_from(index + 1).ok()?).ok()
    }

    /// `hour ":" minute ":" second`
    fn time_of_day(&mut self) -> Option<Time> {
        let hour = self.digits(2)?;
        self.literal(":")?;
        let minute = self.digits(2)?;
        self.literal(":")?;
        let second = self.digits(2)?;
        // A leap second (60) is valid in an HTTP-date but not in a `Time`; a second early
        // is as good a time to retry.
        let second = if second == 60 { 59 } else { second };
        Time::from_hms(
            u8::try_from(hour).ok()?,
            u8::try_from(minute).ok()?,
            u8::try_from(second).ok()?,
        )
        .ok()
    }

    fn end(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i32, month: Month, day: u8, hms: (u8, u8, u8)) -> OffsetDateTime {
        let date = Date::from_calendar_date(year, month, day).expect("a valid date");
        let time = Time::from_hms(hms.0, hms.1, hms.2).expect("a valid time");
        PrimitiveDateTime::new(date, time).assume_utc()
    }

    fn parse(text: &str) -> Result<RetryAfter, InvalidRetryAfter> {
        RetryAfter::parse_in_year(text.as_bytes(), 2026)
    }

    const RFC_EXAMPLE: (i32, Month, u8, (u8, u8, u8)) = (1994, Month::November, 6, (8, 49, 37));

    fn rfc_example() -> RetryAfter {
        let (year, month, day, hms) = RFC_EXAMPLE;
        RetryAfter::Date(at(year, month, day, hms))
    }

    #[test]
    fn delay_seconds_parse() {
        assert_eq!(parse("0"), Ok(RetryAfter::Delay(Duration::ZERO)));
        assert_eq!(
            parse("120"),
            Ok(RetryAfter::Delay(Duration::from_secs(120)))
        );
        assert_eq!(
            parse(" \t7 "),
            Ok(RetryAfter::Delay(Duration::from_secs(7)))
        );
        assert_eq!(parse("007"), Ok(RetryAfter::Delay(Duration::from_secs(7))));
    }

    #[test]
    fn huge_delays_saturate() {
        let max = Ok(RetryAfter::Delay(Duration::from_secs(u64::MAX)));
        assert_eq!(parse("18446744073709551615"), max);
        assert_eq!(parse("18446744073709551616"), max);
        assert_eq!(parse(&"9".repeat(10_000)), max);
    }

    #[test]
    fn all_three_date_formats_give_the_same_instant() {
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT"), Ok(rfc_example()));
        assert_eq!(parse("Sunday, 06-Nov-94 08:49:37 GMT"), Ok(rfc_example()));
        assert_eq!(parse("Sun Nov  6 08:49:37 1994"), Ok(rfc_example()));
        assert_eq!(parse("sun, 06 nov 1994 08:49:37 gmt"), Ok(rfc_example()));
    }

    #[test]
    fn asctime_takes_two_digit_days_too() {
        assert_eq!(
            parse("Thu Nov 24 08:49:37 1994"),
            Ok(RetryAfter::Date(at(1994, Month::November, 24, (8, 49, 37))))
        );
    }

    #[test]
    fn rfc850_years_more_than_50_years_ahead_are_in_the_past() {
        let year = |text: &str| match parse(text) {
            Ok(RetryAfter::Date(date)) => date.year(),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(year("Friday, 01-Jan-76 00:00:00 GMT"), 2076);
        assert_eq!(year("Friday, 01-Jan-77 00:00:00 GMT"), 1977);
        assert_eq!(year("Friday, 01-Jan-26 00:00:00 GMT"), 2026);
        assert_eq!(year("Friday, 01-Jan-00 00:00:00 GMT"), 2000);
        assert_eq!(full_year(10, 2090), 2010);
        assert_eq!(full_year(99, 2000), 1999);
    }

    #[test]
    fn leap_seconds_are_read_as_the_second_before() {
        assert_eq!(
            parse("Sat, 31 Dec 2016 23:59:60 GMT"),
            Ok(RetryAfter::Date(at(
                2016,
                Month::December,
                31,
                (23, 59, 59)
            )))
        );
    }

    #[test]
    fn garbage_is_refused_with_the_value() {
        for text in [
            "",
            "   ",
            "-1",
            "+5",
            "1.5",
            "12s",
            "soon",
            "0x10",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:61:00 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "2026-05-13T08:30:00Z",
            "Sun, 06 Nov 1994 08:49:37 GMT\u{e9}",
        ] {
            let error = parse(text).expect_err(text);
            assert_eq!(error.value(), text);
            assert!(error.to_string().contains("not a Retry-After value"));
        }
        let invalid_utf8 = RetryAfter::parse(b"\xff12").expect_err("invalid UTF-8");
        assert_eq!(invalid_utf8.value(), "\u{fffd}12");
    }

    #[test]
    fn truncations_never_panic() {
        let full = "Sunday, 06-Nov-94 08:49:37 GMT";
        for end in 0..full.len() {
            assert!(parse(&full[..end]).is_err(), "{}", &full[..end]);
        }
    }

    #[test]
    fn a_date_gives_the_time_left_or_zero() {
        let now = at(1994, Month::November, 6, (8, 48, 37));
        assert_eq!(rfc_example().delay_from(now), Duration::from_secs(60));
        let later = at(1994, Month::November, 6, (9, 0, 0));
        assert_eq!(rfc_example().delay_from(later), Duration::ZERO);
        assert_eq!(
            rfc_example().delay_from(at(1994, Month::November, 6, (8, 49, 37))),
            Duration::ZERO
        );
    }

    #[test]
    fn a_far_future_date_gives_a_long_delay() {
        let far = parse("Fri, 31 Dec 9999 23:59:59 GMT").expect("a valid date");
        let now = at(2026, Month::May, 13, (8, 30, 0));
        let year = Duration::from_secs(365 * 24 * 3600);
        let delay = far.delay_from(now);
        assert!(delay > year * 7970 && delay < year * 7980, "{delay:?}");
        assert!(far.delay() > year * 7900);
    }

    #[test]
    fn a_delay_is_the_same_whatever_the_time() {
        let delay = RetryAfter::Delay(Duration::from_secs(5));
        assert_eq!(
            delay.delay_from(at(1970, Month::January, 1, (0, 0, 0))),
            Duration::from_secs(5)
        );
        assert_eq!(delay.delay(), Duration::from_secs(5));
    }

    #[test]
    fn display_writes_a_header_value_that_parses_back() {
        assert_eq!(rfc_example().to_string(), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse(&rfc_example().to_string()), Ok(rfc_example()));
        assert_eq!(RetryAfter::Delay(Duration::from_secs(3)).to_string(), "3");
        assert_eq!(
            RetryAfter::Delay(Duration::from_millis(2_001)).to_string(),
            "3"
        );
        assert_eq!(
            RetryAfter::Delay(Duration::MAX).to_string(),
            u64::MAX.to_string()
        );
        let offset = at(1994, Month::November, 6, (8, 49, 37))
            .to_offset(time::UtcOffset::from_hms(1, 0, 0).expect("a valid offset"));
        assert_eq!(
            RetryAfter::Date(offset).to_string(),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
        let before_year_0 = RetryAfter::Date(at(-1, Month::January, 1, (0, 0, 0)));
        assert_eq!(before_year_0.to_string(), "0");
    }

    #[test]
    fn from_str_is_parse() {
        assert_eq!("Sun, 06 Nov 1994 08:49:37 GMT".parse(), Ok(rfc_example()));
        assert!("tomorrow".parse::<RetryAfter>().is_err());
    }
}
