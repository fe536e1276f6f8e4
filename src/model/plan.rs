//! What to learn now and next: topics in progress, unlocked topics to pick up in priority
//! order, blocked topics with what they wait on, reviews due and recent completions. The
//! next/ page and `waymark next` both show this one plan.

use super::review::{Due, schedule};
use super::{Roadmap, Status, TopicIdx};

/// Words that mark a tag or note as a priority unless `priority_tags` says otherwise.
pub const DEFAULT_PRIORITY: [&str; 4] = ["Priority", "Essential", "Critical", "Focus"];

/// How many topics "Up next" suggests unless told otherwise.
pub const UP_NEXT: usize = 10;
/// How many completed topics "Recently completed" shows.
const RECENT: usize = 10;

/// Sort key of a suggestion: priority (own, inherited, none), outside focus, position.
type Rank = (u8, u8, usize);

/// The plan for today.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Topics in progress, in tree order.
    pub now: Vec<TopicIdx>,
    /// Sections with something in progress.
    pub focus: Vec<TopicIdx>,
    /// Unlocked not-started topics to pick up, each with why, none inside another.
    pub up_next: Vec<(TopicIdx, String)>,
    /// Blocked not-started topics, each with the requirements it waits on, in tree order.
    pub waiting: Vec<(TopicIdx, Vec<TopicIdx>)>,
    /// Reviews due on or before today, soonest first.
    pub due: Vec<Due>,
    /// Reviews after today, soonest first.
    pub upcoming: Vec<Due>,
    /// The latest completed topics with their dates, newest first.
    pub recent: Vec<(TopicIdx, String)>,
}

/// What a plan is made with.
#[derive(Debug, Clone)]
pub struct PlanOptions<'a> {
    /// Priority words, lower-cased.
    pub words: &'a [String],
    /// Review intervals in days; empty when reviews are off.
    pub intervals: &'a [u32],
    /// Today, as days since 1970-01-01.
    pub today: i64,
    /// How many topics "Up next" holds at most.
    pub limit: usize,
}

/// The priority words, lower-cased: the site's `priority_tags`, else [`DEFAULT_PRIORITY`].
pub fn priority_words(configured: Option<&[String]>) -> Vec<String> {
    let words: Vec<String> = match configured {
        Some(list) => list.iter().map(|w| w.trim().to_lowercase()).collect(),
        None => DEFAULT_PRIORITY.iter().map(|w| w.to_lowercase()).collect(),
    };
    words.into_iter().filter(|w| !w.is_empty()).collect()
}

impl Roadmap {
    /// The plan for the day `opts.today`.
    pub fn plan(&self, opts: &PlanOptions<'_>) -> Plan {
        let focus: Vec<TopicIdx> = self
            .sections()
            .iter()
            .copied()
            .filter(|&s| {
                let t = &self.topics[s];
                t.progress.in_progress > 0 || t.status == Some(Status::InProgress)
            })
            .collect();
        let (due, upcoming) = schedule(self, opts.intervals)
            .into_iter()
            .partition(|d| d.day <= opts.today);
        Plan {
            now: self.with_status(Status::InProgress).collect(),
            up_next: self.up_next(opts, &focus),
            waiting: self
                .with_status(Status::NotStarted)
                .filter(|&i| self.topics[i].blocked)
                .map(|i| (i, self.waiting_on(i)))
                .collect(),
            focus,
            due,
            upcoming,
            recent: self.recent(),
        }
    }

    /// The topics with status `s`, in tree order.
    fn with_status(&self, s: Status) -> impl Iterator<Item = TopicIdx> + '_ {
        self.order
            .iter()
            .copied()
            .filter(move |&i| self.topics[i].status == Some(s))
    }

    /// Why a topic is a priority, and whether it says so itself (its own tag or note) rather
    /// than through an ancestor's tag or note.
    fn priority_reason(&self, words: &[String], idx: TopicIdx) -> Option<(bool, String)> {
        let hit = |text: &str| {
            let lower = text.to_lowercase();
            words.iter().any(|w| lower.contains(w.as_str()))
        };
        let t = &self.topics[idx];
        if let Some(tag) = t.tags.iter().find(|t| hit(t)) {
            return Some((true, format!("Priority tag: {tag}")));
        }
        if let Some(note) = t.note.as_deref().filter(|n| hit(n)) {
            return Some((true, format!("Priority note: {note}")));
        }
        self.ancestry(idx).iter().rev().skip(1).find_map(|&a| {
            let up = &self.topics[a];
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

    /// The top-level section holding `idx` (itself for a section).
    pub fn section_of(&self, idx: TopicIdx) -> Option<TopicIdx> {
        let mut at = idx;
        while self.topics[at].depth > 1 {
            at = self.topics[at].parent?;
        }
        (self.topics[at].depth == 1).then_some(at)
    }

    /// Unlocked not-started topics to pick up, each with why, none inside another.
    fn up_next(&self, opts: &PlanOptions<'_>, focus: &[TopicIdx]) -> Vec<(TopicIdx, String)> {
        // Rank: a topic's own priority, then one it inherits, then none; within each, topics
        // in a section of current focus first; then roadmap order.
        let mut candidates: Vec<(Rank, TopicIdx, Option<String>)> = self
            .with_status(Status::NotStarted)
            .filter(|&i| !self.topics[i].blocked)
            .map(|i| {
                let in_focus = self.section_of(i).filter(|s| focus.contains(s));
                let focus_rank = u8::from(in_focus.is_none());
                let pos = self.topics[i].position;
                match (self.priority_reason(opts.words, i), in_focus) {
                    (Some((own, why)), _) => ((u8::from(!own), focus_rank, pos), i, Some(why)),
                    (None, Some(s)) => {
                        let why = format!("In your current focus: {}", self.topics[s].title);
                        ((2, 0, pos), i, Some(why))
                    }
                    (None, None) => ((2, 1, pos), i, None),
                }
            })
            .collect();
        candidates.sort_by_key(|c| c.0);
        let mut picked: Vec<TopicIdx> = Vec::new();
        let mut out = Vec::new();
        for (_, i, why) in candidates {
            if out.len() == opts.limit {
                break;
            }
            let chain = self.ancestry(i);
            let related = picked
                .iter()
                .any(|&p| chain.contains(&p) || self.ancestry(p).contains(&i));
            if related {
                continue;
            }
            picked.push(i);
            out.push((i, why.unwrap_or_else(|| "Next in roadmap order".into())));
        }
        out
    }

    /// The latest completed topics, newest first.
    fn recent(&self) -> Vec<(TopicIdx, String)> {
        let mut done: Vec<(String, usize, TopicIdx)> = self
            .with_status(Status::Done)
            .filter_map(|i| {
                let t = &self.topics[i];
                t.completed.clone().map(|d| (d, t.position, i))
            })
            .collect();
        done.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        done.into_iter()
            .take(RECENT)
            .map(|(d, _, i)| (i, d))
            .collect()
    }
}
