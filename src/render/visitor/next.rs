//! `next/index.html`: what is in progress, what to pick up next, what waits on what, which
//! reviews are due and what was finished lately: the model's plan for the build day
//! ([`crate::model::plan`]), which `waymark next` prints too.

use super::{Entry, Frame, VisitorInputs};
use crate::model::TopicIdx;
use crate::model::plan::{PlanOptions, UP_NEXT, priority_words};
use crate::model::review::Due;
use crate::render::job::Job;
use crate::render::view::{NodeView, RequirementView};
use serde::Serialize;

/// What `next.html` sees.
#[derive(Serialize, Hash)]
struct NextPage {
    #[serde(flatten)]
    frame: Frame,
    now: Vec<Entry>,
    up_next: Vec<Entry>,
    waiting: Vec<Waiting>,
    /// Whether reviews are on.
    reviews: bool,
    /// The build day, `YYYY-MM-DD`: what "due" was worked out for.
    today: String,
    due: Vec<Entry>,
    upcoming: Vec<Entry>,
    recent: Vec<Entry>,
    focus: Vec<NodeView>,
    priority_words: Vec<String>,
}

/// A blocked topic and what it waits on.
#[derive(Serialize, Hash)]
struct Waiting {
    entry: Entry,
    on: Vec<RequirementView>,
}

/// The page.
pub(crate) fn job<'a>(on: &VisitorInputs<'_>) -> Job<'a> {
    let r = on.roadmap();
    let config = on.inputs.config;
    let words = priority_words(config.priority_tags.as_deref());
    let today = crate::dates::today();
    let plan = r.plan(&PlanOptions {
        words: &words,
        intervals: config.review_intervals(),
        today: crate::dates::day_number(&today).unwrap_or(0),
        limit: UP_NEXT,
    });
    let dated = |i: TopicIdx, date: Option<String>| {
        let mut e = Entry::new(on, ROOT, i);
        e.date = date;
        e
    };
    let reviews = |list: &[Due]| -> Vec<Entry> {
        list.iter()
            .map(|d| dated(d.idx, Some(d.date.clone())))
            .collect()
    };
    let page = NextPage {
        frame: on.frame(ROOT, "next"),
        now: (plan.now.iter())
            .map(|&i| dated(i, r.topics[i].started.clone()))
            .collect(),
        up_next: (plan.up_next.iter())
            .map(|(i, why)| {
                let mut e = Entry::new(on, ROOT, *i);
                e.reason = Some(why.clone());
                e
            })
            .collect(),
        waiting: (plan.waiting.iter())
            .map(|(i, reqs)| Waiting {
                entry: Entry::new(on, ROOT, *i),
                on: reqs.iter().map(|&q| on.requirement(ROOT, q)).collect(),
            })
            .collect(),
        reviews: !config.review_intervals().is_empty(),
        today,
        due: reviews(&plan.due),
        upcoming: reviews(&plan.upcoming),
        recent: (plan.recent.iter())
            .map(|(i, d)| dated(*i, Some(d.clone())))
            .collect(),
        focus: plan.focus.iter().map(|&s| on.node(ROOT, s)).collect(),
        priority_words: words,
    };
    Job::page("next/index.html", "next.html", page)
}

/// The way back to the site root from the page.
const ROOT: &str = "../";
