//! Exports of the roadmap to the formats people embed elsewhere: a markdown checklist for a
//! README, a mermaid flowchart, a markmap mind map, a Graphviz graph, `progress.json` and
//! OPML for outliners. Each is written from one [`Outline`], plain data taken from the model,
//! so `waymark export` and the build's `export/` folder give the same bytes.

mod graph;
mod text;

use crate::model::{Progress, Roadmap, Status};
use serde::Serialize;

/// A format `waymark export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A nested checklist (`- [x]`), for a GitHub README.
    Markdown,
    /// A mermaid flowchart with a class per status.
    Mermaid,
    /// Markdown for markmap: a mind map with checkboxes.
    Markmap,
    /// A Graphviz digraph.
    Dot,
    /// The schema of `progress.json`.
    Json,
    /// OPML 2.0, for outliners.
    Opml,
}

impl Format {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Mermaid => "mmd",
            Format::Markmap => "markmap.md",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Opml => "opml",
        }
    }
}

/// One node of the exported tree.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Node {
    /// Stable id.
    pub id: String,
    /// Shown name.
    pub title: String,
    /// Status; `None` for an untracked group.
    pub status: Option<Status>,
    /// 1 for sections.
    pub depth: usize,
    /// The page's path from the site root (`a/b/`).
    pub url: String,
    /// Whole percent done of the node's tracked descendants, if it has any.
    pub percent: Option<u32>,
    /// Its own tags.
    pub tags: Vec<String>,
    /// Indexes in the outline's nodes of the topics its `requires:` names.
    pub requires: Vec<usize>,
    /// Whether a requirement is neither done nor skipped.
    pub blocked: bool,
}

/// The roadmap as the exports see it: every node but the root, in tree order.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Outline {
    /// The roadmap's title.
    pub title: String,
    /// The overall figures in words (`3 of 9 done (33%)`).
    pub summary: String,
    /// Whole percent done.
    pub percent: u32,
    /// The overall counts by status.
    pub counts: Progress,
    /// The absolute base URL the pages are published at, when known: titles link there.
    pub base_url: Option<String>,
    /// Every node but the root, in tree order.
    pub nodes: Vec<Node>,
    /// Index in `nodes` of each node's parent; `None` for sections.
    pub parents: Vec<Option<usize>>,
}

impl Outline {
    /// The outline of `roadmap`, linking to pages under `base_url` when given.
    pub fn of(roadmap: &Roadmap, base_url: Option<String>) -> Self {
        let mut at = vec![usize::MAX; roadmap.topics.len()];
        for (i, &t) in roadmap.order.iter().enumerate() {
            at[t] = i;
        }
        let nodes = roadmap
            .order
            .iter()
            .map(|&i| {
                let t = &roadmap.topics[i];
                Node {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    status: t.status,
                    depth: t.depth,
                    url: t.url(),
                    percent: (t.progress.tracked() > 0 && !t.children.is_empty())
                        .then(|| t.progress.percent()),
                    tags: t.tags.clone(),
                    requires: t.requires.iter().map(|&q| at[q]).collect(),
                    blocked: t.blocked,
                }
            })
            .collect();
        let parents = roadmap
            .order
            .iter()
            .map(|&i| roadmap.topics[i].parent.filter(|&p| p != 0).map(|p| at[p]))
            .collect();
        Outline {
            title: roadmap.title.clone(),
            summary: roadmap.progress().summary(),
            percent: roadmap.progress().percent(),
            counts: *roadmap.progress(),
            base_url,
            nodes,
            parents,
        }
    }

    /// A node's page as an absolute URL, when the base URL is known.
    fn link(&self, node: &Node) -> Option<String> {
        // Ids are slugs: nothing in a page's path needs encoding.
        (self.base_url.as_ref()).map(|base| format!("{base}{}", node.url))
    }
}

/// `text` with each character `replace` names written as it says.
fn escape(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replace(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

/// The export of `outline` in `format`; `None` for [`Format::Json`], which is the site's
/// `progress.json`, made by the render stage.
pub fn write(format: Format, outline: &Outline) -> Option<String> {
    Some(match format {
        Format::Markdown => text::markdown(outline),
        Format::Markmap => text::markmap(outline),
        Format::Opml => text::opml(outline),
        Format::Mermaid => graph::mermaid(outline),
        Format::Dot => graph::dot(outline),
        Format::Json => return None,
    })
}
