//! Views of progress inside topics: steps as `3/5 steps` with a bar, the rule the percent
//! follows in words, and the pace's projection with the date it was made.

use crate::config::ProgressRule;
use crate::model::{Projection, Steps};
use serde::Serialize;

/// A topic's steps as shown: `3/5 steps` and a bar.
#[derive(Debug, Clone, Copy, Serialize, Hash)]
pub struct StepsView {
    /// Ticked.
    pub done: usize,
    /// All.
    pub total: usize,
    /// Whole percent ticked, rounded down.
    pub percent: usize,
}

impl StepsView {
    /// The view of a topic's steps.
    pub fn of(s: Steps) -> Self {
        StepsView {
            done: s.done,
            total: s.total,
            percent: s.done * 100 / s.total.max(1),
        }
    }
}

/// What the pace projects, and as of when.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ProjectionView {
    /// Study time per week, `6 h`.
    pub pace: String,
    /// The month it may be done, `2027-03`.
    pub month: String,
    /// The same for people, `March 2027`.
    pub month_name: String,
    /// The build date it was computed on, `YYYY-MM-DD`.
    pub computed_on: String,
}

impl ProjectionView {
    /// The view of a projection.
    pub fn of(p: &Projection) -> Self {
        ProjectionView {
            pace: crate::duration::hours_text(p.pace),
            month: p.month.clone(),
            month_name: crate::dates::month_label(&p.month),
            computed_on: p.computed_on.clone(),
        }
    }
}

/// What the percent counts, in words.
pub fn rule_words(rule: ProgressRule) -> &'static str {
    match rule {
        ProgressRule::Topics => "Percent counts finished topics: done ÷ (tracked − skipped).",
        ProgressRule::Steps => {
            "Percent counts steps: a done topic counts whole, another topic its share of ticked steps, a skipped one not at all."
        }
    }
}
