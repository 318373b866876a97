//! Dates as the Partner Center APIs write them, parsed by hand because this runs once per date
//! cell of every fetched row. Every documented form is UTC (spec section 2, **quirk**):
//! `2016-02-04T19:29:38.037` (no zone, 0-7 fraction digits), `2018-05-30`,
//! `2017-03-10T00:00:00+00:00`, `...Z`; and `0001-01-01T00:00:00` means "no date".

/// Microseconds since 1970-01-01T00:00:00 UTC.
pub type Micros = i64;

pub const MICROS_PER_SEC: i64 = 1_000_000;
pub const MICROS_PER_DAY: i64 = 86_400 * MICROS_PER_SEC;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{text}\" is not a date; expected a date like 2024-05-30 or 2024-05-30T14:00:00")]
pub struct DateError {
    pub text: String,
}

/// A parsed date: an instant, or the service's explicit "no date".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedDate {
    pub micros: Option<Micros>,
    /// How precise the text was: a date alone covers a whole day. Filters use this, so that
    /// `creationDate eq '2018-01-01'` means "created that day".
    pub whole_day: bool,
}

/// Parses any documented date form. `0001-01-01...` gives `micros: None`.
pub fn parse(text: &str) -> Result<ParsedDate, DateError> {
    parse_bytes(text.trim().as_bytes()).ok_or_else(|| DateError { text: text.to_string() })
}

/// Parses a date cell: `Ok(None)` for the "no date" marker.
pub fn parse_micros(text: &str) -> Result<Option<Micros>, DateError> {
    parse(text).map(|p| p.micros)
}

fn digits(b: &[u8]) -> Option<i64> {
    let mut v: i64 = 0;
    if b.is_empty() {
        return None;
    }
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as i64;
    }
    Some(v)
}

fn parse_bytes(b: &[u8]) -> Option<ParsedDate> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    if !is_valid_ymd(year, month, day) {
        return None;
    }
    let mut micros = days_from_civil(year, month, day) * MICROS_PER_DAY;
    let rest = &b[10..];
    if rest.is_empty() {
        return Some(done(year, micros, true));
    }
    if rest[0] != b'T' && rest[0] != b't' && rest[0] != b' ' {
        return None;
    }
    let t = &rest[1..];
    if t.len() < 5 || t[2] != b':' {
        return None;
    }
    let hour = digits(&t[0..2])?;
    let minute = digits(&t[3..5])?;
    let mut i = 5;
    let mut second = 0;
    if t.len() >= 8 && t[5] == b':' {
        second = digits(&t[6..8])?;
        i = 8;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    micros += ((hour * 60 + minute) * 60 + second) * MICROS_PER_SEC;
    if i < t.len() && t[i] == b'.' {
        let start = i + 1;
        let mut end = start;
        while end < t.len() && t[end].is_ascii_digit() {
            end += 1;
        }
        let frac = &t[start..end];
        if frac.is_empty() {
            return None;
        }
        // Keep microsecond precision; the service sends up to 7 digits (100 ns ticks).
        let mut us = 0i64;
        for k in 0..6 {
            us = us * 10 + frac.get(k).map_or(0, |c| (c - b'0') as i64);
        }
        micros += us;
        i = end;
    }
    let zone = &t[i..];
    match zone {
        [] | [b'Z'] | [b'z'] => {}
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest {
                [h1, h2, b':', m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
                [h1, h2, m1, m2] => (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?),
                [h1, h2] => (digits(&[*h1, *h2])?, 0),
                _ => return None,
            };
            let offset = (h * 60 + m) * 60 * MICROS_PER_SEC;
            // Local time = UTC + offset, so UTC = local - offset.
            micros -= if *sign == b'+' { offset } else { -offset };
        }
        _ => return None,
    }
    Some(done(year, micros, false))
}

fn done(year: i64, micros: Micros, whole_day: bool) -> ParsedDate {
    // Indirect resellers write 0001-01-01T00:00:00 for "never"; no real data predates 1900.
    if year <= 1 { ParsedDate { micros: None, whole_day } } else { ParsedDate { micros: Some(micros), whole_day } }
}

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Whether day `d` of month `m` (1 to 12) of year `y` is a date: no 30 February, no month 13.
pub fn is_valid_ymd(y: i64, m: i64, d: i64) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm; exact for the proleptic Gregorian calendar).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month, day).
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The ways the service writes a date; the simulator uses each where the docs show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `2016-02-04T19:29:38.037` (milliseconds, no zone)
    Millis,
    /// `2016-02-04T00:00:00`
    Seconds,
    /// `2018-05-30`
    DateOnly,
    /// `2017-03-10T00:00:00+00:00`
    Offset,
    /// `2017-03-10T00:00:00Z`
    Zulu,
    /// `2016-02-04T19:29:38.0370000` (seven digits, .NET's round-trip form)
    Ticks,
    /// `2016-02-04T19:29:38.03` with exactly this many fraction digits (0 to 7, no zone): the
    /// service's fractions vary in length, and the simulator can serve each of them.
    Digits(u8),
    /// What the app writes in text files: `2016-02-04T19:29:38.037Z`, the fraction only when
    /// there is one and at the precision held (milliseconds or microseconds), always UTC.
    Iso,
}

/// Appends `v` as exactly `width` digits (zero-padded). Written by hand: the simulator formats
/// several dates a row, millions of rows a second, and `write!` is many times slower.
fn push_digits(buf: &mut [u8], at: usize, mut v: i64, width: usize) {
    // Two digits at a time from a table: half the divisions.
    const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
    let mut i = width;
    while i >= 2 {
        let p = (v % 100) as usize * 2;
        buf[at + i - 2] = PAIRS[p];
        buf[at + i - 1] = PAIRS[p + 1];
        v /= 100;
        i -= 2;
    }
    if i == 1 {
        buf[at] = b'0' + (v % 10) as u8;
    }
}

/// Appends a date in the given style. Years outside 0-9999 (a damaged file) are written in
/// ISO 8601's expanded form (`+012345-01-01`), never clamped and never a panic.
pub fn write(out: &mut String, micros: Micros, style: DateStyle) {
    let days = micros.div_euclid(MICROS_PER_DAY);
    let in_day = micros.rem_euclid(MICROS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let secs = in_day / MICROS_PER_SEC;
    let frac = in_day % MICROS_PER_SEC;
    let mut b = *b"0000-00-00T00:00:00.0000000+00:00";
    if !(0..=9999).contains(&y) {
        use std::fmt::Write;
        let _ = write!(out, "{y:+07}");
    } else {
        push_digits(&mut b, 0, y, 4);
    }
    let from = if (0..=9999).contains(&y) { 0 } else { 4 };
    push_digits(&mut b, 5, m, 2);
    push_digits(&mut b, 8, d, 2);
    push_digits(&mut b, 11, secs / 3600, 2);
    push_digits(&mut b, 14, secs / 60 % 60, 2);
    push_digits(&mut b, 17, secs % 60, 2);
    let len = match style {
        DateStyle::DateOnly => 10,
        DateStyle::Seconds | DateStyle::Digits(0) => 19,
        DateStyle::Millis => {
            push_digits(&mut b, 20, frac / 1000, 3);
            23
        }
        DateStyle::Ticks => {
            push_digits(&mut b, 20, frac, 6);
            27
        }
        DateStyle::Digits(n) => {
            let n = n.min(7) as usize;
            // Seven digits are 100 ns ticks; what we hold ends at microseconds.
            push_digits(&mut b, 20, frac * 10 / 10_i64.pow(7 - n as u32), n);
            20 + n
        }
        DateStyle::Offset => {
            b[19..25].copy_from_slice(b"+00:00");
            25
        }
        DateStyle::Zulu => {
            b[19] = b'Z';
            20
        }
        DateStyle::Iso => {
            let n = if frac == 0 {
                0
            } else if frac % 1000 == 0 {
                push_digits(&mut b, 20, frac / 1000, 3);
                4
            } else {
                push_digits(&mut b, 20, frac, 6);
                7
            };
            b[19 + n] = b'Z';
            20 + n
        }
    };
    // SAFETY: `b` holds only the ASCII template above and ASCII digits, so it is valid UTF-8;
    // checking it again costs a third of the time of writing a date.
    out.push_str(unsafe { std::str::from_utf8_unchecked(&b[from..len]) });
}

pub fn format(micros: Micros, style: DateStyle) -> String {
    let mut s = String::with_capacity(28);
    write(&mut s, micros, style);
    s
}

/// Micros for a calendar date at midnight UTC.
pub fn ymd(y: i64, m: i64, d: i64) -> Micros {
    days_from_civil(y, m, d) * MICROS_PER_DAY
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<Micros> {
        parse_micros(s).unwrap()
    }

    #[test]
    fn every_documented_form_parses_to_the_same_utc_instant() {
        let base = ymd(2017, 3, 10);
        assert_eq!(p("2017-03-10"), Some(base));
        assert_eq!(p("2017-03-10T00:00:00"), Some(base));
        assert_eq!(p("2017-03-10T00:00:00+00:00"), Some(base));
        assert_eq!(p("2017-03-10T00:00:00Z"), Some(base));
        assert_eq!(p("2017-03-10T01:00:00+01:00"), Some(base));
        assert_eq!(p("2017-03-09T23:00:00-01:00"), Some(base));
        assert_eq!(p("2017-03-10T00:00"), Some(base));
    }

    #[test]
    fn fractions_of_zero_to_seven_digits() {
        let base = ymd(2016, 2, 4) + (19 * 3600 + 29 * 60 + 38) * MICROS_PER_SEC;
        assert_eq!(p("2016-02-04T19:29:38"), Some(base));
        assert_eq!(p("2016-02-04T19:29:38.0"), Some(base));
        assert_eq!(p("2016-02-04T19:29:38.037"), Some(base + 37_000));
        assert_eq!(p("2016-02-04T19:29:38.0371234"), Some(base + 37_123));
        assert_eq!(p("2016-02-04T19:29:38.7Z"), Some(base + 700_000));
    }

    #[test]
    fn year_one_means_no_date() {
        assert_eq!(p("0001-01-01T00:00:00"), None);
        assert_eq!(p("0001-01-01"), None);
    }

    #[test]
    fn nonsense_is_refused_with_the_text() {
        for bad in
            ["", "yesterday", "2017-13-01", "2017-02-30", "2017-03-10X", "2017-03-10T25:00:00", "2017-03-10T10:00:00+1"]
        {
            let err = parse(bad).unwrap_err();
            assert_eq!(err.text, bad);
        }
    }

    #[test]
    fn whole_day_is_reported() {
        assert!(parse("2018-05-30").unwrap().whole_day);
        assert!(!parse("2018-05-30T00:00:00").unwrap().whole_day);
    }

    #[test]
    fn civil_round_trip_over_four_centuries() {
        for z in (-200_000..200_000).step_by(37) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn iso_keeps_the_precision_held_and_expands_far_years() {
        let t = ymd(2015, 1, 5) + (5 * 3600 + 15 * 60 + 27) * MICROS_PER_SEC;
        assert_eq!(format(t, DateStyle::Iso), "2015-01-05T05:15:27Z");
        assert_eq!(format(t + 94_256, DateStyle::Iso), "2015-01-05T05:15:27.094256Z");
        assert_eq!(format(t + 37_000, DateStyle::Iso), "2015-01-05T05:15:27.037Z");
        for n in 0..=7u8 {
            let s = format(t + 94_256, DateStyle::Digits(n));
            assert_eq!(s.len(), if n == 0 { 19 } else { 20 + n as usize }, "{s}");
            assert!(p(&s).is_some(), "{s}");
        }
        assert_eq!(format(t + 94_256, DateStyle::Digits(7)), "2015-01-05T05:15:27.0942560");
        // A timestamp from a damaged file: written, not clamped, not a panic.
        assert_eq!(format(ymd(12345, 1, 1), DateStyle::DateOnly), "+012345-01-01");
        assert!(format(i64::MIN / 2, DateStyle::Iso).starts_with('-'));
    }

    #[test]
    fn write_then_parse_round_trips_in_every_style() {
        let t = ymd(2024, 2, 29) + 12 * 3600 * MICROS_PER_SEC + 5 * MICROS_PER_SEC + 123_000;
        for (style, expect) in [
            (DateStyle::Millis, "2024-02-29T12:00:05.123"),
            (DateStyle::Seconds, "2024-02-29T12:00:05"),
            (DateStyle::DateOnly, "2024-02-29"),
            (DateStyle::Offset, "2024-02-29T12:00:05+00:00"),
            (DateStyle::Zulu, "2024-02-29T12:00:05Z"),
            (DateStyle::Ticks, "2024-02-29T12:00:05.1230000"),
            (DateStyle::Digits(2), "2024-02-29T12:00:05.12"),
            (DateStyle::Iso, "2024-02-29T12:00:05.123Z"),
        ] {
            let s = format(t, style);
            assert_eq!(s, expect);
            let back = p(&s).unwrap();
            match style {
                DateStyle::Millis | DateStyle::Ticks | DateStyle::Iso => assert_eq!(back, t),
                DateStyle::Digits(_) => assert_eq!(back, t - 3_000),
                DateStyle::DateOnly => assert_eq!(back, ymd(2024, 2, 29)),
                _ => assert_eq!(back, t - 123_000),
            }
        }
    }
}
