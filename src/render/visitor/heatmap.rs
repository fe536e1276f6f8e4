//! The activity heatmap on `timeline/`: status changes per day over the twelve months up to
//! the latest one, GitHub-style, with the totals in words and a table per month. Dates come
//! from the commits, never from the clock, so one commit always draws the same map.

use crate::dates::{civil_from_days, day_number, format_day};
use crate::history::Change;
use crate::model::{Roadmap, Status};
use serde::Serialize;
use std::collections::BTreeMap;

const CELL: i64 = 11;
const STEP: i64 = 14;
const LEFT: i64 = 32;
const TOP: i64 = 18;
/// Weeks shown: a year and the week it starts in.
const WEEKS: i64 = 53;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// One day.
#[derive(Serialize, Hash)]
struct Cell {
    x: i64,
    y: i64,
    /// 0 (none) to 4 (five changes or more).
    level: u8,
    date: String,
    count: usize,
}

/// A label on an axis.
#[derive(Serialize, Hash)]
struct Label {
    x: i64,
    y: i64,
    text: String,
}

/// A month's total.
#[derive(Serialize, Hash)]
struct MonthTotal {
    label: String,
    count: usize,
}

/// What `heatmap.svg` draws and the page says of it.
#[derive(Serialize, Hash)]
pub struct Heatmap {
    width: i64,
    height: i64,
    cell: i64,
    cells: Vec<Cell>,
    labels: Vec<Label>,
    /// The first and last day shown.
    first: String,
    last: String,
    /// Status changes in the year shown, and on how many days.
    total: usize,
    days: usize,
    /// The busiest day and its count.
    busiest_day: String,
    busiest_count: usize,
    months: Vec<MonthTotal>,
}

/// Whether a change is progress to show: not a topic added as not started or skipped, nor
/// a status line removed.
fn counts(c: &Change) -> bool {
    match (c.from, c.to) {
        (_, None) => false,
        (None, Some(s)) => matches!(s, Status::InProgress | Status::Done),
        (Some(_), Some(_)) => true,
    }
}

/// Monday = 0.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The heatmap of the year up to the roadmap's latest status change; `None` without any.
pub fn heatmap(roadmap: &Roadmap) -> Option<Heatmap> {
    let per_day: BTreeMap<i64, usize> = (roadmap.changes.iter())
        .filter(|c| counts(&c.change))
        .filter_map(|c| day_number(&c.change.date))
        .fold(BTreeMap::new(), |mut m, d| {
            *m.entry(d).or_default() += 1;
            m
        });
    let (&last, _) = per_day.last_key_value()?;
    let first = last - 364;
    let start = first - weekday(first);
    let shown: Vec<(i64, usize)> = per_day.range(first..=last).map(|(&d, &n)| (d, n)).collect();
    let cells = cells(&per_day, first, last, start);
    let (labels, months) = labels_and_months(&per_day, first, last, start);
    let (busiest_day, busiest_count) = shown
        .iter()
        .max_by_key(|&&(d, n)| (n, -d))
        .map_or((String::new(), 0), |&(d, n)| (format_day(d), n));
    Some(Heatmap {
        width: LEFT + WEEKS * STEP,
        height: TOP + 7 * STEP,
        cell: CELL,
        cells,
        labels,
        first: format_day(first),
        last: format_day(last),
        total: shown.iter().map(|s| s.1).sum(),
        days: shown.len(),
        busiest_day,
        busiest_count,
        months,
    })
}

/// One square per day from `first` to `last`, in columns of weeks starting at `start`.
fn cells(per_day: &BTreeMap<i64, usize>, first: i64, last: i64, start: i64) -> Vec<Cell> {
    (first..=last)
        .map(|day| {
            let count = per_day.get(&day).copied().unwrap_or(0);
            Cell {
                x: LEFT + (day - start) / 7 * STEP,
                y: TOP + weekday(day) * STEP,
                level: match count {
                    0 => 0,
                    1 => 1,
                    2 => 2,
                    3 | 4 => 3,
                    _ => 4,
                },
                date: format_day(day),
                count,
            }
        })
        .collect()
}

/// The weekday and month labels, and each month's total of changes.
fn labels_and_months(
    per_day: &BTreeMap<i64, usize>,
    first: i64,
    last: i64,
    start: i64,
) -> (Vec<Label>, Vec<MonthTotal>) {
    let mut labels: Vec<Label> = ["Mon", "Wed", "Fri"]
        .iter()
        .zip([0, 2, 4])
        .map(|(t, row)| Label {
            x: LEFT - 6,
            y: TOP + row * STEP + CELL - 1,
            text: t.to_string(),
        })
        .collect();
    let mut months: Vec<MonthTotal> = Vec::new();
    for day in first..=last {
        let (y, m, d) = civil_from_days(day);
        if d == 1 || day == first {
            let column = (day - start) / 7;
            if d == 1 && column < WEEKS - 1 {
                labels.push(Label {
                    x: LEFT + column * STEP,
                    y: TOP - 6,
                    text: MONTHS[(m - 1) as usize].to_string(),
                });
            }
            months.push(MonthTotal {
                label: format!("{} {y}", MONTHS[(m - 1) as usize]),
                count: 0,
            });
        }
        if let (Some(month), Some(n)) = (months.last_mut(), per_day.get(&day)) {
            month.count += n;
        }
    }
    (labels, months)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
        assert_eq!(weekday(day_number("2024-03-04").unwrap_or_default()), 0);
    }
}
