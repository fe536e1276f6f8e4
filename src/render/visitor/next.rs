//! `next/index.html`: what is in progress, what to pick up next, what was finished lately.

use super::{Cx, Entry};
use crate::diagnostic::Diagnostics;
use crate::model::{Status, TopicIdx};
use crate::render::Page;

/// Words that mark a tag or note as a priority unless `priority_tags` says otherwise.
pub(crate) const DEFAULT_PRIORITY: [&str; 4] = ["Priority", "Essential", "Critical", "Focus"];

/// How many not-started topics to suggest.
const UP_NEXT: usize = 10;
/// How many completed topics to show.
const RECENT: usize = 10;

/// The priority words, lower-cased.
fn priority_words(cx: &Cx<'_>) -> Vec<String> {
    match &cx.inputs.config.priority_tags {
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

/// Why a topic is a priority: the first matching tag (its own or inherited) or its note,
/// or an ancestor's note.
fn priority_reason(cx: &Cx<'_>, words: &[String], idx: TopicIdx) -> Option<String> {
    let hit = |text: &str| {
        let lower = text.to_lowercase();
        words.iter().any(|w| lower.contains(w.as_str()))
    };
    if let Some(tag) = cx.inherited[idx].iter().find(|t| hit(t)) {
        return Some(format!("Priority tag: {tag}"));
    }
    let r = cx.roadmap();
    r.ancestry(idx).iter().rev().find_map(|&a| {
        r.topics[a]
            .note
            .as_deref()
            .filter(|n| hit(n))
            .map(|n| format!("Priority note: {n}"))
    })
}

/// The page.
pub(crate) fn page(cx: &Cx<'_>) -> Result<Page, Diagnostics> {
    let root = "../";
    let r = cx.roadmap();
    let words = priority_words(cx);
    let with_status = |s: Status| {
        r.order
            .iter()
            .copied()
            .filter(move |&i| r.topics[i].status == Some(s))
    };

    let now: Vec<Entry> = with_status(Status::InProgress)
        .map(|i| {
            let mut e = Entry::new(cx, root, i);
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
    let mut candidates: Vec<(u8, usize, TopicIdx, Option<String>)> =
        with_status(Status::NotStarted)
            .map(|i| {
                let t = &r.topics[i];
                if let Some(why) = priority_reason(cx, &words, i) {
                    let in_focus = cx.section_of(i).is_some_and(|s| focus.contains(&s));
                    (if in_focus { 0 } else { 1 }, t.position, i, Some(why))
                } else if let Some(s) = cx.section_of(i).filter(|s| focus.contains(s)) {
                    let why = format!("In your current focus: {}", r.topics[s].title);
                    (2, t.position, i, Some(why))
                } else {
                    (3, t.position, i, None)
                }
            })
            .collect();
    candidates.sort_by_key(|&(rank, pos, _, _)| (rank, pos));
    let mut picked: Vec<TopicIdx> = Vec::new();
    let mut up_next = Vec::new();
    for (_, _, i, why) in candidates {
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
        let mut e = Entry::new(cx, root, i);
        e.reason = Some(why.unwrap_or_else(|| "Next in roadmap order".into()));
        up_next.push(e);
    }

    let mut done: Vec<(String, usize, TopicIdx)> = with_status(Status::Done)
        .filter_map(|i| {
            let t = &r.topics[i];
            t.completed.clone().map(|d| (d, t.position, i))
        })
        .collect();
    done.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let recent: Vec<Entry> = done
        .into_iter()
        .take(RECENT)
        .map(|(d, _, i)| {
            let mut e = Entry::new(cx, root, i);
            e.date = Some(d);
            e
        })
        .collect();

    let mut ctx = cx.context(root, "next");
    ctx.insert("now", &now);
    ctx.insert("up_next", &up_next);
    ctx.insert("recent", &recent);
    ctx.insert(
        "focus",
        &focus.iter().map(|&s| cx.node(root, s)).collect::<Vec<_>>(),
    );
    ctx.insert("priority_words", &words);
    cx.render("next.html", &ctx, "next/index.html")
}
