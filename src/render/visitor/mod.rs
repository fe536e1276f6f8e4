//! What visitors see beyond the roadmap and topic pages: the drawn map, search, tags,
//! "now & next", the timeline with its Atom feed, each a job with its view. Every URL is
//! relative to the page, so the site works under a subpath and from `file://`; nothing
//! depends on the build time but next/'s reviews due, which its script works out again.

mod heatmap;
mod map;
mod map_reqs;
mod map_text;
mod next;
mod search;
mod tags;
mod timeline;

pub(crate) use crate::dates::day_number;
pub(crate) use search::{SearchText, summarize};

use super::Inputs;
use super::cache::RenderedNotes;
use super::job::Job;
use super::view::{NodeView, RequirementView, SiteView, Views};
use crate::model::{Roadmap, TopicIdx};
use serde::Serialize;

/// The jobs of every visitor page and data file but the search index, unsorted.
pub fn jobs<'a>(inputs: &Inputs<'_>, views: &Views<'_>) -> Vec<Job<'a>> {
    let on = VisitorInputs::new(inputs, views, &[]);
    let ((mut jobs, tags), (next, timeline)) = rayon::join(
        || rayon::join(|| map::jobs(&on), || tags::jobs(&on)),
        || rayon::join(|| next::job(&on), || timeline::jobs(&on)),
    );
    jobs.extend(tags);
    jobs.push(next);
    jobs.extend(timeline);
    jobs
}

/// The search index's job, made from every topic's notes (by topic index).
pub fn search_index<'a>(
    inputs: &Inputs<'_>,
    views: &Views<'_>,
    notes: &[RenderedNotes],
    exec: &super::job::Executor<'_>,
) -> Result<Job<'a>, crate::diagnostic::Diagnostics> {
    search::job(&VisitorInputs::new(inputs, views, notes), exec)
}

/// What every visitor page is made from: the inputs, the views and tags inherited down the
/// tree.
pub(crate) struct VisitorInputs<'a> {
    inputs: &'a Inputs<'a>,
    views: &'a Views<'a>,
    /// Per topic: its own tags, then its ancestors' (a section's tags hold for its topics).
    inherited: Vec<Vec<String>>,
    /// Every topic's rendered notes, by topic index (empty but for the search index).
    notes: &'a [RenderedNotes],
}

impl<'a> VisitorInputs<'a> {
    fn new(inputs: &'a Inputs<'a>, views: &'a Views<'a>, notes: &'a [RenderedNotes]) -> Self {
        let r = inputs.roadmap;
        let mut inherited = vec![Vec::new(); r.topics.len()];
        for &idx in &r.order {
            let t = &r.topics[idx];
            let mut tags = t.tags.clone();
            if let Some(p) = t.parent {
                for tag in &inherited[p] {
                    if !tags.contains(tag) {
                        tags.push(tag.clone());
                    }
                }
            }
            inherited[idx] = tags;
        }
        VisitorInputs {
            inputs,
            views,
            inherited,
            notes,
        }
    }

    fn roadmap(&self) -> &Roadmap {
        self.inputs.roadmap
    }

    /// A node as listed from a page whose way back to the site root is `root`.
    fn node(&self, root: &str, idx: TopicIdx) -> NodeView {
        let mut n = self.views.node(0, idx);
        n.url = format!("{root}{}", n.url);
        n
    }

    /// The top-level section holding `idx` (itself for a section).
    fn section_of(&self, idx: TopicIdx) -> Option<TopicIdx> {
        self.roadmap().section_of(idx)
    }

    /// A requirement as listed from a page whose way back to the site root is `root`.
    fn requirement(&self, root: &str, idx: TopicIdx) -> RequirementView {
        let mut r = self.views.requirement(0, idx);
        r.url = format!("{root}{}", r.url);
        r
    }

    /// What `base.html` needs on a page `root` below the site root, under the menu's `nav`.
    /// The site comes without its overall figures, which only the index shows: a status edit
    /// then leaves the pages of other tags and sections' maps as they were.
    fn frame(&self, root: &'static str, nav: &'static str) -> Frame {
        Frame {
            site: self.views.site_meta(),
            root,
            nav,
        }
    }
}

/// What every visitor page shows around its own content.
#[derive(Debug, Serialize, Hash)]
pub(crate) struct Frame {
    /// The site-wide view.
    site: SiteView,
    /// The way back to the site root.
    root: &'static str,
    /// The menu entry to mark current.
    nav: &'static str,
}

/// A topic in a list, with why or when it is there.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct Entry {
    /// The node.
    node: NodeView,
    /// The top-level section it belongs to, when it is not one.
    section: Option<String>,
    /// Why it is listed.
    reason: Option<String>,
    /// The date that placed it.
    date: Option<String>,
}

impl Entry {
    fn new(on: &VisitorInputs<'_>, root: &str, idx: TopicIdx) -> Self {
        let section = on
            .section_of(idx)
            .filter(|&s| s != idx)
            .map(|s| on.roadmap().topics[s].title.clone());
        Entry {
            node: on.node(root, idx),
            section,
            reason: None,
            date: None,
        }
    }
}
