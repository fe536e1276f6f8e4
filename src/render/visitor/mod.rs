//! What visitors see beyond the roadmap and topic pages: the drawn map, search, tags,
//! "now & next", the timeline with its Atom feed. Every URL is relative to the page, so the
//! site works under a subpath and from `file://`; nothing depends on the build time.

mod map;
mod next;
mod search;
mod tags;
mod timeline;

pub(crate) use crate::dates::day_number;
pub(crate) use search::{SearchText, summarize};

use super::cache::RenderedNotes;
use super::view::{NodeView, Views};
use super::{Inputs, Page, render_template};
use crate::diagnostic::Diagnostics;
use crate::model::{Roadmap, TopicIdx};
use serde::Serialize;

/// Every visitor page and data file but the search index, unsorted.
pub fn pages(inputs: &Inputs<'_>, views: &Views<'_>) -> Result<Vec<Page>, Diagnostics> {
    let cx = Cx::new(inputs, views, &[]);
    super::all_of(&[
        &|| map::pages(&cx),
        &|| tags::pages(&cx),
        &|| next::page(&cx).map(|p| vec![p]),
        &|| timeline::pages(&cx),
    ])
}

/// The search index, made from every topic's notes (by topic index).
pub fn search_index(inputs: &Inputs<'_>, views: &Views<'_>, notes: &[RenderedNotes]) -> Page {
    search::index_file(&Cx::new(inputs, views, notes))
}

/// What every visitor page needs: the inputs, the views and tags inherited down the tree.
pub(crate) struct Cx<'a> {
    inputs: &'a Inputs<'a>,
    views: &'a Views<'a>,
    /// Per topic: its own tags, then its ancestors' (a section's tags hold for its topics).
    inherited: Vec<Vec<String>>,
    /// Every topic's rendered notes, by topic index (empty but for the search index).
    notes: &'a [RenderedNotes],
}

impl<'a> Cx<'a> {
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
        Cx {
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
        let topics = &self.roadmap().topics;
        let mut at = idx;
        while topics[at].depth > 1 {
            at = topics[at].parent?;
        }
        (topics[at].depth == 1).then_some(at)
    }

    /// A fresh template context with the values `base.html` needs.
    fn context(&self, root: &str, nav: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.views.site());
        ctx.insert("root", root);
        ctx.insert("nav", nav);
        ctx
    }

    fn render(&self, template: &str, ctx: &tera::Context, path: &str) -> Result<Page, Diagnostics> {
        render_template(self.inputs.theme, template, ctx, path)
    }
}

/// A topic in a list, with why or when it is there.
#[derive(Debug, Clone, Serialize)]
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
    fn new(cx: &Cx<'_>, root: &str, idx: TopicIdx) -> Self {
        let section = cx
            .section_of(idx)
            .filter(|&s| s != idx)
            .map(|s| cx.roadmap().topics[s].title.clone());
        Entry {
            node: cx.node(root, idx),
            section,
            reason: None,
            date: None,
        }
    }
}

/// Escapes text for XML and HTML, quotes included.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
