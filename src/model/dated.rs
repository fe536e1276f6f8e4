//! Dates from history: each topic's `started` and `completed` taken from the commits that
//! changed its status, where its front matter gives none, and every status change of the
//! roadmap in one list. Plain data in, plain data out: git was read by [`crate::history`].

use super::{Roadmap, Status, TopicIdx};
use crate::content::Content;
use crate::history::{Change, History};

/// Where a topic's date came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DateSource {
    /// The topic's front matter, which always wins.
    FrontMatter,
    /// The commit that changed its status.
    Commit {
        /// Its abbreviated hash.
        commit: String,
    },
    /// An edit not yet committed, dated today (only in `serve`).
    Uncommitted,
}

/// One status change of a topic.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatusChange {
    /// The topic.
    pub topic: TopicIdx,
    /// What changed, and when.
    pub change: Change,
}

/// Fills the topics' missing dates from `history` and lists every change, oldest first.
/// With `today`, a status that differs from the last committed one counts as changed today
/// (`serve`'s uncommitted edits); without, only commits count (`build`).
pub fn date_from_history(
    roadmap: &mut Roadmap,
    content: &Content,
    history: &History,
    today: Option<&str>,
) {
    for t in &mut roadmap.topics {
        t.started_from = t.started.as_ref().map(|_| DateSource::FrontMatter);
        t.completed_from = t.completed.as_ref().map(|_| DateSource::FrontMatter);
    }
    if !history.found {
        return;
    }
    let mut all = Vec::new();
    for &idx in &roadmap.order {
        let Some(src) = roadmap.topics[idx].source else {
            continue;
        };
        let mut changes = history.of(&content.files[src].rel).to_vec();
        let status = roadmap.topics[idx].status;
        let committed = changes.last().and_then(|c| c.to);
        if let Some(today) = today.filter(|_| committed != status) {
            changes.push(Change {
                date: today.to_string(),
                commit: String::new(),
                from: committed,
                to: status,
            });
        }
        let t = &mut roadmap.topics[idx];
        let started = changes
            .iter()
            .find(|c| matches!(c.to, Some(Status::InProgress | Status::Done)));
        if let (None, Some(c)) = (&t.started, started) {
            t.started = Some(c.date.clone());
            t.started_from = Some(source(c));
        }
        let completed = changes.iter().rev().find(|c| c.to == Some(Status::Done));
        if let (None, Some(Status::Done), Some(c)) = (&t.completed, t.status, completed) {
            t.completed = Some(c.date.clone());
            t.completed_from = Some(source(c));
        }
        all.extend(
            changes
                .into_iter()
                .map(|change| StatusChange { topic: idx, change }),
        );
    }
    all.sort_by(|a, b| {
        let pos = |c: &StatusChange| roadmap.topics[c.topic].position;
        a.change.date.cmp(&b.change.date).then(pos(a).cmp(&pos(b)))
    });
    roadmap.changes = all;
}

fn source(c: &Change) -> DateSource {
    if c.commit.is_empty() {
        DateSource::Uncommitted
    } else {
        DateSource::Commit {
            commit: c.commit.clone(),
        }
    }
}
