//! Effort: the estimated time left under each node, and at a pace when the roadmap may be
//! done. Times are whole minutes; the build date comes from the caller (no clock here).

use super::{Roadmap, Status, Topic};
use crate::dates::{civil_from_days, day_number};

/// The roadmap's time left and, with a pace, its projected finish.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Effort {
    /// Estimated minutes left in the whole roadmap; `None` when no topic has an estimate.
    pub left: Option<u64>,
    /// With `pace:` set and time left: when the rest may be done.
    pub projection: Option<Projection>,
}

/// When the time left runs out at a pace, as of a build date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Projection {
    /// Study minutes per week.
    pub pace: u64,
    /// The day the projection was made, `YYYY-MM-DD`.
    pub computed_on: String,
    /// The month the time left runs out, `YYYY-MM`.
    pub month: String,
}

/// A topic's own minutes left: its estimate less what was spent, floored at 0, unless it is
/// done or skipped.
pub fn own_left(t: &Topic) -> u64 {
    match (t.status, t.estimate) {
        (Some(Status::Done | Status::Skipped), _) | (_, None) => 0,
        (_, Some(e)) => e.saturating_sub(t.spent.unwrap_or(0)),
    }
}

/// Minutes left in `left` at `pace` minutes a week, from the day `today` (`YYYY-MM-DD`):
/// the days it takes are rounded up, and the month they end in is the projection.
pub fn project(left: u64, pace: u64, today: &str) -> Option<Projection> {
    let start = day_number(today)?;
    if pace == 0 {
        return None;
    }
    let days = (left * 7).div_ceil(pace) as i64;
    let (y, m, _) = civil_from_days(start + days);
    Some(Projection {
        pace,
        computed_on: today.to_string(),
        month: format!("{y:04}-{m:02}"),
    })
}

impl Roadmap {
    /// Projects the finish at `pace` minutes a week from `today` (`YYYY-MM-DD`), the build
    /// date; nothing without a pace or without time left.
    pub fn project(&mut self, pace: Option<u64>, today: &str) {
        self.effort.projection = match (self.effort.left, pace) {
            (Some(left), Some(pace)) if left > 0 => project(left, pace, today),
            _ => None,
        };
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_pace_projects_the_month_the_time_runs_out() {
        // 60 h left at 6 h a week: 10 weeks = 70 days after 2026-12-01 is 2027-02-09.
        let p = project(60 * 60, 6 * 60, "2026-12-01").unwrap();
        assert_eq!(p.month, "2027-02");
        // 1 minute left still takes a day: 2026-12-31 + 1 day is in January.
        assert_eq!(project(1, 360, "2026-12-31").unwrap().month, "2027-01");
        assert_eq!(project(1, 0, "2026-12-31"), None);
    }
}
