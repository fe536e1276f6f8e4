//! What templates see: plain serializable views built from the model, never the model itself.

use crate::config::Config;
use crate::content::Resource;
use crate::model::{DateSource, Progress, Roadmap, Status, Topic, TopicIdx};
pub use crate::render::effort_view::{ProjectionView, StepsView};
use crate::render::memo::ReadLog;
use serde::{Serialize, Serializer};

/// HTML made outside the templates (rendered notes, rows made by a template of their own),
/// shared rather than copied: it hashes by a fingerprint of its text taken once when made, and
/// is kept as a template value, so a page that pastes thousands of them (the index's rows, the
/// print edition's topics) hands each to Tera without a copy, marked safe, and a view that
/// holds one (a topic's notes) gives it to Tera as it is, a string to escape as before.
#[derive(Debug, Clone)]
pub struct Markup {
    html: tera::Value,
    fingerprint: u64,
}

impl Markup {
    /// Wraps `html`, fingerprinting it.
    pub fn new(html: String) -> Self {
        Markup {
            fingerprint: crate::hash::fingerprint(&[html.as_bytes()]),
            html: tera::Value::normal_string(&html),
        }
    }

    /// The HTML.
    pub fn as_str(&self) -> &str {
        self.html.as_str().unwrap_or_default()
    }

    /// The HTML as a template value marked safe (printed as it is), sharing its text.
    pub fn value(&self) -> tera::Value {
        self.html.clone().mark_safe()
    }
}

impl Default for Markup {
    fn default() -> Self {
        Markup::new(String::new())
    }
}

impl std::hash::Hash for Markup {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.fingerprint);
        state.write_usize(self.as_str().len());
    }
}

impl Serialize for Markup {
    /// The HTML as a string. Converted to a template value, it is the one it keeps, shared:
    /// a topic page's notes were copied for every page, a mid-sized allocation, copy and free.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.html.serialize(s)
    }
}

/// Parts as one template value, each shared rather than copied.
pub fn markup_values(parts: &[Markup]) -> tera::Value {
    tera::Value::from(parts.iter().map(Markup::value).collect::<Vec<_>>())
}

/// A status as templates show it: key for styling, emoji and words for people.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct StatusView {
    /// `done`, `in-progress`, `not-started` or `skipped`.
    pub key: &'static str,
    /// The icon.
    pub emoji: String,
    /// The words.
    pub label: String,
}

impl StatusView {
    /// The view of `status` under the site's labels.
    pub fn new(status: Status, config: &Config) -> Self {
        StatusView {
            key: status.key(),
            emoji: config
                .emoji
                .get(status.key())
                .cloned()
                .unwrap_or_else(|| status.emoji().to_string()),
            label: config
                .labels
                .get(status.key())
                .cloned()
                .unwrap_or_else(|| status.label().to_string()),
        }
    }
}

/// Roll-up figures for a node with descendants.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct ProgressView {
    /// Learned.
    pub done: usize,
    /// Being learned.
    pub in_progress: usize,
    /// Not begun.
    pub not_started: usize,
    /// Left out.
    pub skipped: usize,
    /// All tracked.
    pub tracked: usize,
    /// Counted towards completion.
    pub countable: usize,
    /// Whole percent done.
    pub percent: u32,
    /// The figures in words, as every command prints them ([`Progress::summary`]).
    pub summary: String,
}

impl ProgressView {
    /// The view of a node's figures, `None` when it has no tracked descendants.
    pub fn of(p: &Progress) -> Option<Self> {
        (p.tracked() > 0).then(|| ProgressView {
            done: p.done,
            in_progress: p.in_progress,
            not_started: p.not_started,
            skipped: p.skipped,
            tracked: p.tracked(),
            countable: p.countable(),
            percent: p.percent(),
            summary: p.summary(),
        })
    }
}

/// A link to another page.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct LinkView {
    /// The page's title.
    pub title: String,
    /// Relative URL from the current page.
    pub url: String,
}

/// One node as listed in a tree or a list of children.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct NodeView {
    /// Stable id.
    pub id: String,
    /// Shown name.
    pub title: String,
    /// Relative URL from the current page.
    pub url: String,
    /// Status, `None` for untracked groups.
    pub status: Option<StatusView>,
    /// Tags.
    pub tags: Vec<String>,
    /// Short annotation.
    pub note: Option<String>,
    /// Icon.
    pub icon: Option<String>,
    /// One-line summary.
    pub summary: Option<String>,
    /// Depth below the root (sections are 1).
    pub depth: usize,
    /// Roll-up, when the node has tracked descendants.
    pub progress: Option<ProgressView>,
    /// Whether the node has children.
    pub has_children: bool,
    /// In a flattened tree: how many levels end after this node.
    pub closes: usize,
    /// Not started and waiting on a requirement: shown locked, with the word "blocked".
    pub blocked: bool,
    /// Its steps, when it has any: `3/5 steps`.
    pub steps: Option<StepsView>,
    /// Whether its status follows its subtopics and steps (`status: auto`).
    pub auto: bool,
    /// For a node with children: the estimated time left under it, `12 h`.
    pub left: Option<String>,
}

/// A topic another one requires, as its page and next/ list it.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct RequirementView {
    /// Shown name.
    pub title: String,
    /// Relative URL from the current page.
    pub url: String,
    /// Its status; `None` for an untracked group.
    pub status: Option<StatusView>,
    /// Done or skipped (for a group: everything tracked under it).
    pub finished: bool,
    /// A group's roll-up.
    pub progress: Option<ProgressView>,
}

/// The legend entry for one status.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct LegendView {
    /// The status.
    pub status: StatusView,
    /// How many topics have it.
    pub count: usize,
}

/// Site-wide values every page gets.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct SiteView {
    /// The roadmap's title.
    pub title: String,
    /// One line about it.
    pub description: Option<String>,
    /// Whose it is.
    pub author: Option<String>,
    /// The source repository.
    pub repo_url: Option<String>,
    /// Waymark's own home page, for the footer's "Built with" link.
    pub home_url: &'static str,
    /// Page language.
    pub language: String,
    /// Overall figures.
    pub progress: Option<ProgressView>,
    /// One entry per status.
    pub legend: Vec<LegendView>,
    /// What the percent counts, in words, for the legend.
    pub rule: Option<&'static str>,
    /// The estimated time left in the whole roadmap, `42 h`.
    pub left: Option<String>,
    /// With `pace:`, when the roadmap may be done.
    pub projection: Option<ProjectionView>,
}

/// Everything about the page's own topic.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct PageView {
    /// The node as listed.
    pub node: NodeView,
    /// Rendered notes.
    pub content: Markup,
    /// Whether the notes have highlighted code: the page links `highlight.css`.
    pub highlighted: bool,
    /// Whether the notes have a Mermaid diagram: the page loads the script that draws it.
    pub diagrams: bool,
    /// Started date.
    pub started: Option<String>,
    /// Completed date.
    pub completed: Option<String>,
    /// Where the started date came from, in words (`from git, commit abc1234`).
    pub started_from: Option<String>,
    /// Where the completed date came from, in words.
    pub completed_from: Option<String>,
    /// Learning material.
    pub resources: Vec<Resource>,
    /// Its `estimate:`, `6 h`.
    pub estimate: Option<String>,
    /// Its `spent:`, `2 h`.
    pub spent: Option<String>,
    /// From the root down to the parent.
    pub breadcrumbs: Vec<LinkView>,
    /// The children with their progress.
    pub children: Vec<NodeView>,
    /// The page before in tree order.
    pub previous: Option<LinkView>,
    /// The page after in tree order.
    pub next: Option<LinkView>,
    /// What it requires, with their statuses.
    pub requires: Vec<RequirementView>,
    /// What requires it.
    pub unlocks: Vec<RequirementView>,
    /// When a done topic is next due for review (`YYYY-MM-DD`), when reviews are on.
    pub next_review: Option<String>,
    /// The days it was reviewed.
    pub reviewed: Vec<String>,
}

/// Builds views for one roadmap under one config.
pub struct Views<'a> {
    /// The roadmap.
    pub roadmap: &'a Roadmap,
    /// The settings.
    pub config: &'a Config,
    /// Where a topic page's view notes what of the roadmap it read, so the next render can
    /// tell whether the view would come out the same (see `render::memo`); `None` when no one
    /// listens.
    pub reads: Option<&'a ReadLog>,
}

impl Views<'_> {
    /// How many folders deep a topic's page is.
    fn levels(&self, idx: TopicIdx) -> usize {
        let id = self.name(idx).0;
        if id.is_empty() {
            0
        } else {
            id.bytes().filter(|&b| b == b'/').count() + 1
        }
    }

    /// The prefix from a page back to the site root (`../../` for `a/b/`).
    pub fn root_from(&self, idx: TopicIdx) -> String {
        "../".repeat(self.levels(idx))
    }

    /// The relative URL of `to`'s page as seen from `from`'s page.
    pub fn url(&self, from: TopicIdx, to: TopicIdx) -> String {
        let levels = self.levels(from);
        let id = self.name(to).0;
        let mut url = String::with_capacity(levels * 3 + id.len() + 11);
        for _ in 0..levels {
            url.push_str("../");
        }
        if !id.is_empty() {
            url.push_str(id);
            url.push('/');
        }
        url.push_str("index.html");
        url
    }

    /// The site-wide view.
    pub fn site(&self) -> SiteView {
        let p = self.roadmap.progress();
        SiteView {
            title: self.roadmap.title.clone(),
            description: self.config.description.clone(),
            author: self.config.author.clone(),
            repo_url: self.config.repo_url.clone(),
            home_url: crate::config::HOME_URL,
            language: self.config.language.clone().unwrap_or_else(|| "en".into()),
            progress: ProgressView::of(p),
            legend: Status::ALL
                .iter()
                .map(|&s| LegendView {
                    status: StatusView::new(s, self.config),
                    count: p.count(s),
                })
                .collect(),
            rule: (p.tracked() > 0)
                .then(|| crate::render::effort_view::rule_words(self.roadmap.rule)),
            left: self.roadmap.effort.left.map(crate::duration::hours_text),
            projection: self
                .roadmap
                .effort
                .projection
                .as_ref()
                .map(ProjectionView::of),
        }
    }

    /// The site-wide view without the roadmap's figures, for pages that do not show them: a
    /// status change elsewhere then leaves those pages as they are.
    pub fn site_meta(&self) -> SiteView {
        SiteView {
            progress: None,
            legend: Vec::new(),
            rule: None,
            left: None,
            projection: None,
            ..self.site()
        }
    }

    /// A node as listed from page `from`.
    pub fn node(&self, from: TopicIdx, idx: TopicIdx) -> NodeView {
        let t: &Topic = self.topic(idx);
        NodeView {
            id: t.id.clone(),
            title: t.title.clone(),
            url: self.url(from, idx),
            status: t.status.map(|s| StatusView::new(s, self.config)),
            tags: t.tags.clone(),
            note: t.note.clone(),
            icon: t.icon.clone(),
            summary: t.summary.clone(),
            depth: t.depth,
            progress: ProgressView::of(&t.progress),
            has_children: !t.children.is_empty(),
            closes: 0,
            blocked: t.blocked && t.status == Some(Status::NotStarted),
            steps: t.steps.map(StepsView::of),
            auto: t.auto,
            left: t
                .left
                .filter(|_| !t.children.is_empty())
                .map(crate::duration::hours_text),
        }
    }

    /// A requirement (or a topic it unlocks) as listed from page `from`.
    pub fn requirement(&self, from: TopicIdx, idx: TopicIdx) -> RequirementView {
        // `finished` reads this node only.
        let t = self.topic(idx);
        RequirementView {
            title: t.title.clone(),
            url: self.url(from, idx),
            status: t.status.map(|s| StatusView::new(s, self.config)),
            finished: self.roadmap.finished(idx),
            progress: t
                .status
                .is_none()
                .then(|| ProgressView::of(&t.progress))
                .flatten(),
        }
    }

    /// The index's tree flattened in order: each node with how many levels close after it.
    pub fn tree(&self) -> Vec<NodeView> {
        use rayon::prelude::*;
        let (order, topics) = (&self.roadmap.order, &self.roadmap.topics);
        order
            .par_iter()
            .enumerate()
            .map(|(i, &idx)| {
                let t = &topics[idx];
                let next_depth = order.get(i + 1).map_or(1, |&j| topics[j].depth);
                let closes = if t.children.is_empty() {
                    t.depth.saturating_sub(next_depth)
                } else {
                    0
                };
                NodeView {
                    closes,
                    ..self.node(0, idx)
                }
            })
            .collect()
    }

    /// A link to `to` from page `from`.
    pub fn link(&self, from: TopicIdx, to: TopicIdx) -> LinkView {
        LinkView {
            title: self.name(to).1.to_string(),
            url: self.url(from, to),
        }
    }

    /// The nodes from the root down to `idx`, both included, noted as read.
    fn ancestry(&self, idx: TopicIdx) -> Vec<TopicIdx> {
        let mut chain = vec![idx];
        while let Some(p) = self.parent(chain[chain.len() - 1]) {
            chain.push(p);
        }
        chain.reverse();
        chain
    }

    /// The full view of one topic's page.
    pub fn page(&self, idx: TopicIdx, content: Markup) -> PageView {
        let t = self.topic(idx);
        let chain = self.ancestry(idx);
        let pos = t.position;
        PageView {
            node: self.node(idx, idx),
            content,
            highlighted: false,
            diagrams: false,
            started: t.started.clone(),
            completed: t.completed.clone(),
            started_from: t.started_from.as_ref().map(source_words),
            completed_from: t.completed_from.as_ref().map(source_words),
            resources: t.resources.clone(),
            estimate: t.estimate.map(crate::duration::hours_text),
            spent: t.spent.map(crate::duration::hours_text),
            breadcrumbs: chain[..chain.len() - 1]
                .iter()
                .map(|&a| self.link(idx, a))
                .collect(),
            children: t.children.iter().map(|&c| self.node(idx, c)).collect(),
            previous: pos
                .checked_sub(2)
                .and_then(|p| self.at(p))
                .map(|p| self.link(idx, p)),
            next: self.at(pos).map(|n| self.link(idx, n)),
            requires: t
                .requires
                .iter()
                .map(|&q| self.requirement(idx, q))
                .collect(),
            unlocks: t
                .unlocks
                .iter()
                .map(|&u| self.requirement(idx, u))
                .collect(),
            next_review: crate::model::review::next_review(t, self.config.review_intervals())
                .map(crate::dates::format_day),
            reviewed: t.reviewed.clone(),
        }
    }
}

/// Where a date came from, in words for the page.
pub fn source_words(source: &DateSource) -> String {
    match source {
        DateSource::FrontMatter => "from front matter".into(),
        DateSource::Commit { commit } => format!("from git, commit {commit}"),
        DateSource::Uncommitted => "from an edit not yet committed".into(),
    }
}
