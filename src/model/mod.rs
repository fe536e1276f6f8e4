//! The roadmap as plain data: topics in a tree, their statuses and the progress that rolls up.

mod assemble;
mod clash;
mod dated;
pub mod effort;
mod outline;
pub mod plan;
mod requirements;
mod reshape;
pub mod review;
mod settle;

pub use crate::content::{Status, UnknownStatus, slug_of, split_prefix};
pub use assemble::build_roadmap;
pub use dated::{DateSource, StatusChange, date_from_history};
pub use effort::{Effort, Projection};
pub use outline::{Outline, OutlineNode};
pub use reshape::rebuild_roadmap;
pub use settle::credit;

use crate::content::Resource;
use crate::hash::FastHash;
use std::collections::HashMap;

/// Index of a topic in [`Roadmap::topics`].
pub type TopicIdx = usize;

/// Counts of tracked topics by status, under one node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Progress {
    /// Learned.
    pub done: usize,
    /// Being learned.
    #[serde(rename = "in-progress")]
    pub in_progress: usize,
    /// Not begun.
    #[serde(rename = "not-started")]
    pub not_started: usize,
    /// Left out on purpose.
    pub skipped: usize,
    /// Under `progress: steps`, what the countable topics are worth together, in
    /// [`CREDIT_UNIT`]s: a done topic one unit, another topic its ticked share of its steps.
    /// `None` under `progress: topics`.
    #[serde(skip)]
    pub credit: Option<u64>,
}

/// What one finished topic is worth under `progress: steps`: shares of it are rounded to
/// the nearest billionth.
pub const CREDIT_UNIT: u64 = 1_000_000_000;

/// How many steps a topic has and how many are ticked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Steps {
    /// Ticked.
    pub done: usize,
    /// All.
    pub total: usize,
}

impl Progress {
    /// Counts one more topic with this status.
    pub fn add(&mut self, status: Status) {
        *self.slot(status) += 1;
    }

    /// Adds another node's counts to these.
    pub fn merge(&mut self, other: &Progress) {
        for s in Status::ALL {
            *self.slot(s) += other.count(s);
        }
        self.add_credit(other.credit);
    }

    /// Adds what one more topic (or a node's topics) is worth under `progress: steps`.
    pub fn add_credit(&mut self, credit: Option<u64>) {
        if let Some(c) = credit {
            *self.credit.get_or_insert(0) += c;
        }
    }

    /// How many topics have this status.
    pub fn count(&self, status: Status) -> usize {
        match status {
            Status::Done => self.done,
            Status::InProgress => self.in_progress,
            Status::NotStarted => self.not_started,
            Status::Skipped => self.skipped,
        }
    }

    fn slot(&mut self, status: Status) -> &mut usize {
        match status {
            Status::Done => &mut self.done,
            Status::InProgress => &mut self.in_progress,
            Status::NotStarted => &mut self.not_started,
            Status::Skipped => &mut self.skipped,
        }
    }

    /// Every tracked topic, skipped ones included.
    pub fn tracked(&self) -> usize {
        self.done + self.in_progress + self.not_started + self.skipped
    }

    /// Topics that count towards completion: tracked minus skipped.
    pub fn countable(&self) -> usize {
        self.tracked() - self.skipped
    }

    /// The figures in the one wording every command and page uses:
    /// `3 of 9 done (33%), 2 in progress, 1 skipped`. Skipped topics are not among the 9;
    /// a part whose count is 0 is left out.
    pub fn summary(&self) -> String {
        if self.tracked() == 0 {
            return "no tracked topics".into();
        }
        let by = if self.credit.is_some() {
            " counting steps"
        } else {
            ""
        };
        let mut s = format!(
            "{} of {} done ({}%{by})",
            self.done,
            self.countable(),
            self.percent()
        );
        if self.in_progress > 0 {
            s.push_str(&format!(", {} in progress", self.in_progress));
        }
        if self.skipped > 0 {
            s.push_str(&format!(", {} skipped", self.skipped));
        }
        s
    }

    /// Whole percent done, rounded down so 100 means truly finished; 0 when nothing counts.
    /// Under `progress: steps` it counts the topics' worth (see `credit`); each share was
    /// rounded by at most half a unit, which is allowed for before rounding down.
    pub fn percent(&self) -> u32 {
        let n = self.countable() as u128;
        match (n, self.credit) {
            (0, _) => 0,
            (n, None) => (self.done as u128 * 100 / n) as u32,
            (n, Some(c)) => {
                let unit = u128::from(CREDIT_UNIT);
                ((u128::from(c) * 100 + n * 50) / (n * unit)).min(100) as u32
            }
        }
    }
}

/// One node of the roadmap: a section, a group or a topic. Hashable, so a render can tell
/// which nodes changed since the last one.
#[derive(Debug, Clone, Default, Hash, PartialEq, Eq)]
pub struct Topic {
    /// Stable id: the file's path without number prefixes or extension (`foundations/python`).
    pub id: String,
    /// Shown name.
    pub title: String,
    /// Where the learner stands; `None` for an untracked group.
    pub status: Option<Status>,
    /// Labels such as `Job Essential`.
    pub tags: Vec<String>,
    /// A short annotation such as "You have this".
    pub note: Option<String>,
    /// One sentence for listings.
    pub summary: Option<String>,
    /// An emoji shown before the title.
    pub icon: Option<String>,
    /// Learning material.
    pub resources: Vec<Resource>,
    /// When the learner began.
    pub started: Option<String>,
    /// When the learner finished.
    pub completed: Option<String>,
    /// Where `started` came from.
    pub started_from: Option<DateSource>,
    /// Where `completed` came from.
    pub completed_from: Option<DateSource>,
    /// The node above; `None` only for the root.
    pub parent: Option<TopicIdx>,
    /// The nodes below, in display order.
    pub children: Vec<TopicIdx>,
    /// 0 for the root, 1 for sections.
    pub depth: usize,
    /// The file this node was read from, as an index into the content's files.
    pub source: Option<usize>,
    /// Roll-up over tracked descendants.
    pub progress: Progress,
    /// Position in tree order (the root is 0).
    pub position: usize,
    /// The topics and groups its `requires:` names, resolved, in the order written.
    pub requires: Vec<TopicIdx>,
    /// The topics that require this one (or a group holding it), in tree order.
    pub unlocks: Vec<TopicIdx>,
    /// Whether a requirement is neither done nor skipped yet.
    pub blocked: bool,
    /// The days it was reviewed, as written.
    pub reviewed: Vec<String>,
    /// `false` when `review: false` leaves it out of the review schedule.
    pub review: bool,
    /// Its steps (task-list items in its notes, resources with `done:`), when it has any.
    pub steps: Option<Steps>,
    /// Whether its status follows its subtopics and steps (`status: auto`).
    pub auto: bool,
    /// Its `estimate:`, in minutes.
    pub estimate: Option<u64>,
    /// Its `spent:`, in minutes.
    pub spent: Option<u64>,
    /// Estimated minutes left in it and everything under it; `None` when none has an estimate.
    pub left: Option<u64>,
}

impl Topic {
    /// The page's path inside the site: `""` for the root, else `id/`.
    pub fn url(&self) -> String {
        if self.id.is_empty() {
            String::new()
        } else {
            format!("{}/", self.id)
        }
    }

    /// Its page's path in the site (`url()` then `index.html`), made in one allocation: it is
    /// asked for every topic on every render.
    pub fn page_path(&self) -> String {
        let mut path = String::with_capacity(self.id.len() + 11);
        if !self.id.is_empty() {
            path.push_str(&self.id);
            path.push('/');
        }
        path.push_str("index.html");
        path
    }
}

/// The whole roadmap: a tree of topics rooted at index 0. Comparable, so tests can tell a
/// tree made again after an edit from one made afresh.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roadmap {
    /// The roadmap's title.
    pub title: String,
    /// Every node; index 0 is the root.
    pub topics: Vec<Topic>,
    /// Every node but the root, in tree (depth-first) order.
    pub order: Vec<TopicIdx>,
    /// What the percent counts.
    pub rule: crate::config::ProgressRule,
    /// Time left and, with a pace, when it may be done.
    pub effort: Effort,
    /// Every status change git recorded (and, in `serve`, every uncommitted one), oldest
    /// first; empty outside a git repository.
    pub changes: Vec<StatusChange>,
    by_id: HashMap<String, TopicIdx, FastHash>,
    by_source: HashMap<String, TopicIdx, FastHash>,
    /// A fingerprint of what shaped the tree (`reshape::shape_of`), when it was made
    /// without a problem: a refresh of the same shape keeps the tree.
    shape: Option<u64>,
}

impl Roadmap {
    /// The root node.
    pub fn root(&self) -> &Topic {
        &self.topics[0]
    }

    /// A node by its id.
    pub fn get(&self, id: &str) -> Option<TopicIdx> {
        self.by_id.get(id).copied()
    }

    /// The node read from a content file (path relative to the content folder).
    pub fn by_source(&self, rel: &str) -> Option<TopicIdx> {
        self.by_source.get(rel).copied()
    }

    /// The nodes from the root down to `idx`, both included.
    pub fn ancestry(&self, idx: TopicIdx) -> Vec<TopicIdx> {
        let mut chain = vec![idx];
        let mut at = idx;
        while let Some(p) = self.topics[at].parent {
            chain.push(p);
            at = p;
        }
        chain.reverse();
        chain
    }

    /// The top-level sections.
    pub fn sections(&self) -> &[TopicIdx] {
        &self.topics[0].children
    }

    /// The roadmap's own figures.
    pub fn progress(&self) -> &Progress {
        &self.topics[0].progress
    }

    /// Whether a topic, or every tracked topic under an untracked group, is done or skipped.
    pub fn finished(&self, idx: TopicIdx) -> bool {
        let t = &self.topics[idx];
        match t.status {
            Some(s) => matches!(s, Status::Done | Status::Skipped),
            None => t.progress.done + t.progress.skipped == t.progress.tracked(),
        }
    }

    /// The requirements of `idx` that are not finished yet, in the order written.
    pub fn waiting_on(&self, idx: TopicIdx) -> Vec<TopicIdx> {
        let t = &self.topics[idx];
        t.requires
            .iter()
            .copied()
            .filter(|&r| !self.finished(r))
            .collect()
    }

    /// Groups below the sections that carry no status: shown, not counted.
    pub fn untracked_groups(&self) -> usize {
        self.order
            .iter()
            .filter(|&&i| self.topics[i].status.is_none() && self.topics[i].depth > 1)
            .count()
    }
}
