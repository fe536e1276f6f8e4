//! Reviews (spaced repetition): when each done topic is next due, from its `completed` date,
//! the days it was `reviewed:` and the site's intervals. Days are counted since 1970-01-01.

use super::{Roadmap, Status, Topic, TopicIdx};
use crate::dates::{day_number, format_day};

/// One done topic's next review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The topic.
    pub idx: TopicIdx,
    /// The day it is due, as a day count.
    pub day: i64,
    /// The same day, `YYYY-MM-DD`.
    pub date: String,
}

/// The day a topic is next due for review: its `completed` date plus the first interval,
/// or its last review plus the interval after as many reviews as it had (the last interval
/// once they run out). `None` unless it is done with a completion date, reviews are on
/// (`intervals` not empty) and it did not opt out with `review: false`.
pub fn next_review(t: &Topic, intervals: &[u32]) -> Option<i64> {
    if t.status != Some(Status::Done) || !t.review || intervals.is_empty() {
        return None;
    }
    let completed = day_number(t.completed.as_deref()?)?;
    let reviews: Vec<i64> = t.reviewed.iter().filter_map(|d| day_number(d)).collect();
    let last = reviews
        .iter()
        .copied()
        .max()
        .unwrap_or(completed)
        .max(completed);
    let step = intervals[reviews.len().min(intervals.len() - 1)];
    Some(last + i64::from(step))
}

/// Every scheduled review, soonest first (then in roadmap order).
pub fn schedule(roadmap: &Roadmap, intervals: &[u32]) -> Vec<Due> {
    let mut all: Vec<Due> = roadmap
        .order
        .iter()
        .filter_map(|&idx| {
            let day = next_review(&roadmap.topics[idx], intervals)?;
            Some(Due {
                idx,
                day,
                date: format_day(day),
            })
        })
        .collect();
    all.sort_by_key(|d| (d.day, roadmap.topics[d.idx].position));
    all
}

/// The reviews due on or before `day`.
pub fn due_by(roadmap: &Roadmap, intervals: &[u32], day: i64) -> Vec<Due> {
    let mut all = schedule(roadmap, intervals);
    all.retain(|d| d.day <= day);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(completed: &str, reviewed: &[&str]) -> Topic {
        Topic {
            status: Some(Status::Done),
            completed: Some(completed.into()),
            reviewed: reviewed.iter().map(|s| s.to_string()).collect(),
            review: true,
            ..Topic::default()
        }
    }

    fn next(t: &Topic) -> Option<String> {
        next_review(t, &[3, 7, 21]).map(format_day)
    }

    #[test]
    fn each_review_moves_to_the_next_interval_and_the_last_repeats() {
        assert_eq!(
            next(&done("2026-01-01", &[])).as_deref(),
            Some("2026-01-04")
        );
        let once = done("2026-01-01", &["2026-01-05"]);
        assert_eq!(next(&once).as_deref(), Some("2026-01-12"));
        let twice = done("2026-01-01", &["2026-01-05", "2026-01-12"]);
        assert_eq!(next(&twice).as_deref(), Some("2026-02-02"));
        let more = done("2026-01-01", &["2026-01-05", "2026-01-12", "2026-02-02"]);
        assert_eq!(next(&more).as_deref(), Some("2026-02-23"));
    }

    #[test]
    fn only_done_topics_that_opt_in_are_scheduled() {
        let mut t = done("2026-01-01", &[]);
        t.review = false;
        assert_eq!(next(&t), None);
        t.review = true;
        t.status = Some(Status::InProgress);
        assert_eq!(next(&t), None);
        assert_eq!(next_review(&done("2026-01-01", &[]), &[]), None);
        assert_eq!(
            next(&Topic {
                completed: None,
                ..done("2026-01-01", &[])
            }),
            None
        );
    }
}
