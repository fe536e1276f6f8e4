//! `next/index.html`: what is in progress, what to pick up next, what was finished lately.

use super::{Entry, Frame, VisitorInputs};
use crate::model::{Status, TopicIdx};
use crate::render::job::Job;
use crate::render::view::NodeView;
use serde::Serialize;

/// Words that mark a tag or note as a priority unless `priority_tags` says otherwise.
pub(crate) const DEFAULT_PRIORITY: [&str; 4] = ["Priority", "Essential", "Critical", "Focus"];

/// Sort key of a suggestion: priority (own, inherited, none), outside focus, position.
type Rank = (u8, u8, usize);

/// How many not-started topics to suggest.
const UP_NEXT: usize = 10;
/// How many completed topics to show.
const RECENT: usize = 10;

/// The priority words, lower-cased.
fn priority_words(on: &VisitorInputs<'_>) -> Vec<String> {
    match &on.inputs.config.priority_tags {
        Some(list) => list
            .iter()
            .map(|w| w.trim().to_lowercase())
            .collect::<Vec<_>>(),
        None => DEFAULT_PRIORITY
            .iter()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>(),
    }
    .into_iter()
    .filter(|w| !w.is_empty())
    .collect()
}

/// Why a topic is a priority, and whether it says so itself (its own tag or note) rather
/// than through an ancestor's tag or note.
fn priority_reason(
    on: &VisitorInputs<'_>,
    words: &[String],
    idx: TopicIdx,
) -> Option<(bool, String)> {
    let hit = |text: &str| {
        let lower = text.to_lowercase();
        words.iter().any(|w| lower.contains(w.as_str()))
    };
    let r = on.roadmap();
    let t = &r.topics[idx];
    if let Some(tag) = t.tags.iter().find(|t| hit(t)) {
        return Some((true, format!("Priority tag: {tag}")));
    }
    if let Some(note) = t.note.as_deref().filter(|n| hit(n)) {
        return Some((true, format!("Priority note: {note}")));
    }
    r.ancestry(idx).iter().rev().skip(1).find_map(|&a| {
        let up = &r.topics[a];
        let why = match (
            up.tags.iter().find(|t| hit(t)),
            up.note.as_deref().filter(|n| hit(n)),
        ) {
            (Some(tag), _) => format!("Priority tag: {tag} (on {})", up.title),
            (None, Some(note)) => format!("Priority note: {note} (on {})", up.title),
            (None, None) => return None,
        };
        Some((false, why))
    })
}

/// What `next.html` sees.
#[derive(Serialize, Hash)]
struct NextPage {
    #[serde(flatten)]
    frame: Frame,
    now: Vec<Entry>,
    up_next: Vec<Entry>,
    recent: Vec<Entry>,
    focus: Vec<NodeView>,
    priority_words: Vec<String>,
}

/// The page.
pub(crate) fn job<'a>(on: &VisitorInputs<'_>) -> Job<'a> {
    let r = on.roadmap();
    let words = priority_words(on);
    let now: Vec<Entry> = with_status(on, Status::InProgress)
        .map(|i| {
            let mut e = Entry::new(on, ROOT, i);
            e.date = r.topics[i].started.clone();
            e
        })
        .collect();
    let focus: Vec<TopicIdx> = r
        .sections()
        .iter()
        .copied()
        .filter(|&s| {
            r.topics[s].progress.in_progress > 0 || r.topics[s].status == Some(Status::InProgress)
        })
        .collect();
    let page = NextPage {
        frame: on.frame(ROOT, "next"),
        now,
        up_next: up_next(on, &words, &focus),
        recent: recent(on),
        focus: focus.iter().map(|&s| on.node(ROOT, s)).collect(),
        priority_words: words,
    };
    Job::page("next/index.html", "next.html", page)
}

/// The way back to the site root from the page.
const ROOT: &str = "../";

/// The topics with status `s`, in tree order.
fn with_status<'r>(on: &'r VisitorInputs<'_>, s: Status) -> impl Iterator<Item = TopicIdx> + 'r {
    let r = on.roadmap();
    r.order
        .iter()
        .copied()
        .filter(move |&i| r.topics[i].status == Some(s))
}

/// Not-started topics to pick up, each with why, none inside another.
fn up_next(on: &VisitorInputs<'_>, words: &[String], focus: &[TopicIdx]) -> Vec<Entry> {
    let r = on.roadmap();
    // Rank: a topic's own priority, then one it inherits, then none; within each, topics
    // in a section of current focus first; then roadmap order.
    let mut candidates: Vec<(Rank, TopicIdx, Option<String>)> = with_status(on, Status::NotStarted)
        .map(|i| {
            let in_focus = on.section_of(i).filter(|s| focus.contains(s));
            let focus_rank = u8::from(in_focus.is_none());
            let pos = r.topics[i].position;
            match (priority_reason(on, words, i), in_focus) {
                (Some((own, why)), _) => ((u8::from(!own), focus_rank, pos), i, Some(why)),
                (None, Some(s)) => {
                    let why = format!("In your current focus: {}", r.topics[s].title);
                    ((2, 0, pos), i, Some(why))
                }
                (None, None) => ((2, 1, pos), i, None),
            }
        })
        .collect();
    candidates.sort_by_key(|c| c.0);
    let mut picked: Vec<TopicIdx> = Vec::new();
    let mut up_next = Vec::new();
    for (_, i, why) in candidates {
        if up_next.len() == UP_NEXT {
            break;
        }
        let chain = r.ancestry(i);
        let related = picked
            .iter()
            .any(|&p| chain.contains(&p) || r.ancestry(p).contains(&i));
        if related {
            continue;
        }
        picked.push(i);
        let mut e = Entry::new(on, ROOT, i);
        e.reason = Some(why.unwrap_or_else(|| "Next in roadmap order".into()));
        up_next.push(e);
    }
    up_next
}

/// The latest completed topics, newest first.
fn recent(on: &VisitorInputs<'_>) -> Vec<Entry> {
    let r = on.roadmap();
    let mut done: Vec<(String, usize, TopicIdx)> = with_status(on, Status::Done)
        .filter_map(|i| {
            let t = &r.topics[i];
            t.completed.clone().map(|d| (d, t.position, i))
        })
        .collect();
    done.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    done.into_iter()
        .take(RECENT)
        .map(|(d, _, i)| {
            let mut e = Entry::new(on, ROOT, i);
            e.date = Some(d);
            e
        })
        .collect()
}
