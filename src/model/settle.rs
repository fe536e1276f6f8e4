//! What follows from the tree once it stands, from the leaves up: each topic's steps and
//! effort, the statuses that follow their subtopics (`status: auto`), the roll-ups under the
//! site's progress rule, the time left, and the contradictions `check` warns about.

use super::{CREDIT_UNIT, Progress, Roadmap, Status, Steps, Topic, TopicIdx, effort};
use crate::config::{Config, ProgressRule};
use crate::content::{Content, Located, SourceFile, steps};
use crate::diagnostic::Diagnostic;

/// Settles every node of `roadmap` (whose roll-ups are not made yet) and returns the
/// warnings about contradictions between statuses, steps and subtopics.
pub(super) fn settle(roadmap: &mut Roadmap, content: &Content, config: &Config) -> Vec<Diagnostic> {
    roadmap.rule = config.progress;
    let hours_per_day = config.hours_per_day();
    for t in &mut roadmap.topics {
        let Some(file) = t.source.map(|s| &content.files[s]) else {
            continue;
        };
        let fm = &file.front;
        let (done, total) = steps::count(&file.steps, &fm.resources);
        t.steps = (total > 0).then_some(Steps { done, total });
        t.auto = fm.auto.is_some();
        t.estimate = fm.estimate.as_ref().map(|d| d.value.minutes(hours_per_day));
        t.spent = fm.spent.as_ref().map(|d| d.value.minutes(hours_per_day));
    }
    // Children before their parents: the root last.
    let order: Vec<TopicIdx> = roadmap.order.iter().rev().copied().chain([0]).collect();
    let mut problems = Vec::new();
    for idx in order {
        if roadmap.topics[idx].auto {
            let derived = follow(&roadmap.topics, idx);
            roadmap.topics[idx].status = Some(derived);
        }
        roll_up(&mut roadmap.topics, idx, config.progress);
        let file = roadmap.topics[idx].source.map(|s| &content.files[s]);
        if let Some(file) = file {
            problems.extend(match &file.front.auto {
                Some(at) => nothing_to_follow(&roadmap.topics, idx, file, at),
                None => contradiction(&roadmap.topics, idx, file),
            });
        }
    }
    roadmap.effort.left = roadmap.topics[0].left;
    problems
}

/// The status of an auto topic: done when every tracked subtopic is done or skipped and
/// every step ticked; in progress when any of them is done or in progress, or any step
/// ticked; else not started.
fn follow(topics: &[Topic], idx: TopicIdx) -> Status {
    let t = &topics[idx];
    let children: Vec<Status> = t
        .children
        .iter()
        .filter_map(|&c| topics[c].status)
        .collect();
    let steps = t.steps.unwrap_or_default();
    if children.is_empty() && steps.total == 0 {
        return Status::NotStarted;
    }
    let finished = |s: &Status| matches!(s, Status::Done | Status::Skipped);
    if children.iter().all(finished) && steps.done == steps.total {
        return Status::Done;
    }
    let moving = |s: &Status| matches!(s, Status::Done | Status::InProgress);
    if children.iter().any(moving) || steps.done > 0 {
        Status::InProgress
    } else {
        Status::NotStarted
    }
}

/// What one topic of this status is worth under `progress: steps`: a done one a whole unit,
/// another its ticked share of its steps.
pub fn credit(t: &Topic) -> u64 {
    match (t.status, t.steps) {
        (Some(Status::Done), _) => CREDIT_UNIT,
        (Some(Status::Skipped) | None, _) | (_, None) => 0,
        (_, Some(s)) => {
            let share = (s.done as u128 * u128::from(CREDIT_UNIT) * 2 + s.total as u128)
                / (2 * s.total as u128);
            share as u64
        }
    }
}

/// A node's roll-up over its tracked descendants and its time left, from its children's.
fn roll_up(topics: &mut [Topic], idx: TopicIdx, rule: ProgressRule) {
    let mut p = Progress {
        credit: (rule == ProgressRule::Steps).then_some(0),
        ..Progress::default()
    };
    let mut left = topics[idx].estimate.map(|_| effort::own_left(&topics[idx]));
    for &c in &topics[idx].children {
        let child = &topics[c];
        p.merge(&child.progress);
        if let Some(s) = child.status {
            p.add(s);
            if rule == ProgressRule::Steps {
                p.add_credit(Some(credit(child)));
            }
        }
        if let Some(l) = child.left {
            *left.get_or_insert(0) += l;
        }
    }
    topics[idx].progress = p;
    topics[idx].left = left;
}

/// `status: auto` on a topic with neither subtopics nor steps: it can only stay not started.
fn nothing_to_follow(
    topics: &[Topic],
    idx: TopicIdx,
    file: &SourceFile,
    at: &Located<()>,
) -> Option<Diagnostic> {
    let t = &topics[idx];
    let tracked = t.children.iter().any(|&c| topics[c].status.is_some());
    if tracked || t.steps.is_some() {
        return None;
    }
    let message = "`status: auto` follows subtopics and steps, but this topic has neither, so it stays not started; add `- [ ]` steps or subtopics, or set a status";
    Some(Diagnostic::warning(&file.display, at.line, at.column, message).with_source(&file.text))
}

/// A status its own steps or subtopics contradict: all steps ticked but not done (unless a
/// subtopic is unfinished), or done with an unfinished subtopic. (Done with unticked steps
/// is found while the file is read, where the notes are at hand.)
fn contradiction(topics: &[Topic], idx: TopicIdx, file: &SourceFile) -> Option<Diagnostic> {
    let t = &topics[idx];
    let at = file.front.status.as_ref()?;
    let unfinished: Vec<&Topic> = t
        .children
        .iter()
        .map(|&c| &topics[c])
        .filter(|c| matches!(c.status, Some(Status::InProgress | Status::NotStarted)))
        .collect();
    let message = match (at.value, t.steps, unfinished.first()) {
        (Status::InProgress | Status::NotStarted, Some(s), None) if s.done == s.total => format!(
            "all {} steps are ticked but the status is `{}`; set `status: done`, or `status: auto` to follow the steps",
            s.total, at.value
        ),
        (Status::Done, _, Some(first)) => {
            let status = first.status.map_or("", |s| s.key());
            let which = match unfinished.len() {
                1 => format!("its subtopic `{}` is `{status}`", first.title),
                n => format!(
                    "{n} of its subtopics are unfinished (`{}` is `{status}`)",
                    first.title
                ),
            };
            format!(
                "the status is `done` but {which}; finish or skip it, or set another status here"
            )
        }
        _ => return None,
    };
    Some(Diagnostic::warning(&file.display, at.line, at.column, message).with_source(&file.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(status: Status, done: usize, total: usize) -> Topic {
        Topic {
            status: Some(status),
            steps: (total > 0).then_some(Steps { done, total }),
            ..Topic::default()
        }
    }

    /// Shares rounded to billionths still add up to the exact percent: 1/3 + 2/3 of two
    /// topics is 50 %, not 49; 2/3 of one is 66 %; only whole topics make 100.
    #[test]
    fn shares_of_steps_add_up_to_the_exact_percent() {
        let percent = |topics: &[Topic]| {
            let mut p = Progress {
                credit: Some(0),
                ..Progress::default()
            };
            for t in topics {
                p.add(t.status.unwrap_or(Status::NotStarted));
                p.add_credit(Some(credit(t)));
            }
            p.percent()
        };
        let ip = Status::InProgress;
        assert_eq!(percent(&[topic(ip, 1, 3), topic(ip, 2, 3)]), 50);
        assert_eq!(percent(&[topic(ip, 2, 3)]), 66);
        assert_eq!(percent(&[topic(ip, 999, 1000)]), 99);
        assert_eq!(percent(&[topic(Status::Done, 0, 3), topic(ip, 3, 3)]), 100);
        assert_eq!(
            percent(&[topic(Status::Skipped, 1, 2), topic(ip, 1, 2)]),
            50
        );
        assert_eq!(percent(&[topic(Status::NotStarted, 0, 0)]), 0);
    }
}
