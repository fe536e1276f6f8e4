//! Calendar dates as day counts, with no clock library: the one place waymark turns
//! `YYYY-MM-DD` into days since 1970-01-01 and back, and decides which dates are real.
//! HTTP dates are the `httpdate` crate's (see `serve::http`).

/// Year, month (1–12) and day (1–31) of a day count since 1970-01-01 (Howard Hinnant's
/// civil-from-days algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 of a year, month (1–12) and day (Howard Hinnant's days-from-civil
/// algorithm). A day past the month's end runs on into the next month.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month and day written `YYYY-MM-DD`, with the month 1–12 and the day 1–31; `None` if
/// it is not written so.
fn parts(text: &str) -> Option<(i64, u32, u32)> {
    let mut it = text.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y) && digits(m) && digits(d)) {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// A `YYYY-MM-DD` date (a longer timestamp is cut to its day) as days since 1970-01-01; `None`
/// if it does not start with one.
pub fn day_number(date: &str) -> Option<i64> {
    let (y, m, d) = parts(date.get(..10)?)?;
    Some(days_from_civil(y, m, d))
}

/// Whether `text` is a real calendar date written `YYYY-MM-DD` (leap days only in leap years).
pub fn is_date(text: &str) -> bool {
    parts(text).is_some_and(|(y, m, d)| civil_from_days(days_from_civil(y, m, d)) == (y, m, d))
}

/// A day count since 1970-01-01 as `YYYY-MM-DD`.
pub fn format_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2024-03` as `March 2024` (anything else as it is).
pub fn month_label(ym: &str) -> String {
    let m: usize = ym.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    match MONTHS.get(m.wrapping_sub(1)) {
        Some(name) => format!("{name} {}", &ym[..4]),
        None => ym.to_string(),
    }
}

/// Today's date in UTC, `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` (seconds), when set, stands for
/// the clock, so reproducible runs and tests get a known date.
pub fn today() -> String {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    let secs = epoch.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    format_day((secs / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_781), (2026, 11, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(format_day(-1), "1969-12-31");
    }

    #[test]
    fn dates_become_days_and_back() {
        for days in [-800_000, -1, 0, 11_016, 11_017, 19_782, 20_781, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2024-02-29T10:00:00Z"), Some(19_782));
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("2024-1-011"), None);
        assert_eq!(day_number("+024-01-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn only_real_dates_are_dates() {
        for good in ["2024-02-29", "2000-02-29", "1999-12-31", "2026-11-30"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2026-11-31",
            "2026-04-31",
            "2026-00-10",
            "2026-13-01",
            "2026-01-00",
            "2026-1-01",
            "2026-01-01T00:00",
            "+026-01-01",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
