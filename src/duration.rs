//! Durations as a learner writes them — `45m`, `6h`, `2d`, `1w` — read into an amount and a
//! unit. What a day is in hours (`hours_per_day`) is the site's setting, so turning a duration
//! into minutes takes it as an argument.

/// The unit a duration was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// `m`
    Minutes,
    /// `h`
    Hours,
    /// `d`: `hours_per_day` hours.
    Days,
    /// `w`: five days.
    Weeks,
}

/// Days in a week of study.
pub const DAYS_PER_WEEK: u64 = 5;
/// Hours in a day of study unless `hours_per_day` says otherwise.
pub const DEFAULT_HOURS_PER_DAY: u32 = 6;

/// A duration as written: an amount in hundredths (`1.5h` is 150) and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    /// The amount, in hundredths of the unit.
    pub hundredths: u64,
    /// The unit.
    pub unit: Unit,
}

/// The accepted forms, for messages.
pub const FORMS: &str =
    "`45m`, `6h`, `2d` (a day is `hours_per_day` hours, 6 unless set) or `1w` (5 days)";

impl Duration {
    /// Reads `45m`, `6h`, `1.5h`, `2d` or `1w` (a space before the unit is fine); `None`
    /// for anything else, including a number without a unit.
    pub fn parse(text: &str) -> Option<Duration> {
        let text = text.trim();
        let last = text.chars().last()?;
        let unit = match last.to_ascii_lowercase() {
            'm' => Unit::Minutes,
            'h' => Unit::Hours,
            'd' => Unit::Days,
            'w' => Unit::Weeks,
            _ => return None,
        };
        let number = text[..text.len() - 1].trim_end();
        let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 9 || frac.len() > 2 || !digits(whole) || !digits(frac)
        {
            return None;
        }
        let frac = format!("{frac:0<2}");
        let hundredths = whole.parse::<u64>().ok()? * 100 + frac.parse::<u64>().ok()?;
        Some(Duration { hundredths, unit })
    }

    /// The duration in minutes, a day being `hours_per_day` hours and a week five days;
    /// rounded to the nearest minute.
    pub fn minutes(self, hours_per_day: u32) -> u64 {
        let per_unit = match self.unit {
            Unit::Minutes => 1,
            Unit::Hours => 60,
            Unit::Days => 60 * u64::from(hours_per_day),
            Unit::Weeks => 60 * u64::from(hours_per_day) * DAYS_PER_WEEK,
        };
        (self.hundredths * per_unit + 50) / 100
    }
}

/// Minutes as hours for people: `6 h`, `1.5 h`, `0.75 h` (at most two decimals, no trailing
/// zeros).
pub fn hours_text(minutes: u64) -> String {
    let hundredths = (minutes * 100 + 30) / 60;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => format!("{whole} h"),
        f if f % 10 == 0 => format!("{whole}.{} h", f / 10),
        f => format!("{whole}.{f:02} h"),
    }
}

/// Minutes as hours for data files: rounded to two decimals.
pub fn hours_number(minutes: u64) -> f64 {
    ((minutes * 100 + 30) / 60) as f64 / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_in_minutes() {
        // 45m = 45; 6h = 360; 2d = 2 × 6 h = 720; 1w = 5 × 6 h = 1800; 1.5h = 90;
        // 2d at 8 h a day = 960.
        let m = |s: &str| Duration::parse(s).map(|d| d.minutes(6));
        assert_eq!(m("45m"), Some(45));
        assert_eq!(m("6h"), Some(360));
        assert_eq!(m("2d"), Some(720));
        assert_eq!(m("1w"), Some(1800));
        assert_eq!(m("1.5h"), Some(90));
        assert_eq!(m("6 H"), Some(360));
        assert_eq!(Duration::parse("2d").map(|d| d.minutes(8)), Some(960));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "6",
            "h",
            "six hours",
            "6x",
            "-1h",
            "1.234h",
            "6hours",
            "",
            "1e3h",
        ] {
            assert_eq!(Duration::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn hours_read_for_people_and_data() {
        assert_eq!(hours_text(360), "6 h");
        assert_eq!(hours_text(90), "1.5 h");
        assert_eq!(hours_text(45), "0.75 h");
        assert_eq!(hours_text(10), "0.17 h");
        assert_eq!(hours_number(45), 0.75);
        assert_eq!(hours_number(10), 0.17);
    }
}
