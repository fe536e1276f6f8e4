//! `tags/index.html` and one page per tag listing the topics that carry it.

use super::{Cx, Entry};
use crate::diagnostic::Diagnostics;
use crate::model::{Progress, TopicIdx};
use crate::render::Page;
use crate::render::view::ProgressView;
use serde::Serialize;
use std::collections::BTreeSet;

/// One tag with the nodes that carry it.
pub(crate) struct Tag {
    /// As first written.
    pub name: String,
    /// Its folder under `tags/`.
    pub slug: String,
    /// The nodes carrying it, in tree order.
    pub topics: Vec<TopicIdx>,
}

/// Every tag in order of first use; tags that slug alike are one tag.
pub(crate) fn collect(cx: &Cx<'_>) -> Vec<Tag> {
    let r = cx.roadmap();
    let mut tags: Vec<Tag> = Vec::new();
    for &idx in &r.order {
        for name in &r.topics[idx].tags {
            let mut slug = slug::slugify(name);
            if slug.is_empty() {
                slug = "tag".into();
            }
            match tags.iter_mut().find(|t| t.slug == slug) {
                Some(t) => {
                    if !t.topics.contains(&idx) {
                        t.topics.push(idx);
                    }
                }
                None => tags.push(Tag {
                    name: name.clone(),
                    slug,
                    topics: vec![idx],
                }),
            }
        }
    }
    tags
}

#[derive(Serialize)]
struct TagView {
    name: String,
    url: String,
    /// Nodes carrying the tag.
    count: usize,
    /// Over the tagged nodes and everything under them.
    progress: Option<ProgressView>,
}

/// Statuses of the tagged nodes and their descendants, each counted once.
fn progress(cx: &Cx<'_>, topics: &[TopicIdx]) -> Progress {
    let r = cx.roadmap();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<TopicIdx> = topics.to_vec();
    while let Some(i) = stack.pop() {
        if seen.insert(i) {
            stack.extend(&r.topics[i].children);
        }
    }
    let mut p = Progress::default();
    for i in seen {
        if let Some(s) = r.topics[i].status {
            p.add(s);
        }
    }
    p
}

/// The tag index and one page per tag.
pub(crate) fn pages(cx: &Cx<'_>) -> Result<Vec<Page>, Diagnostics> {
    let tags = collect(cx);
    let mut out = Vec::with_capacity(tags.len() + 1);
    let list: Vec<TagView> = tags
        .iter()
        .map(|t| TagView {
            name: t.name.clone(),
            url: format!("{}/index.html", t.slug),
            count: t.topics.len(),
            progress: ProgressView::of(&progress(cx, &t.topics)),
        })
        .collect();
    let mut ctx = cx.context("../", "tags");
    ctx.insert("tags", &list);
    out.push(cx.render("tags.html", &ctx, "tags/index.html")?);
    for (t, view) in tags.iter().zip(&list) {
        let root = "../../";
        let mut ctx = cx.context(root, "tags");
        ctx.insert("tag", view);
        let topics: Vec<Entry> = t.topics.iter().map(|&i| Entry::new(cx, root, i)).collect();
        ctx.insert("topics", &topics);
        out.push(cx.render("tag.html", &ctx, &format!("tags/{}/index.html", t.slug))?);
    }
    Ok(out)
}
