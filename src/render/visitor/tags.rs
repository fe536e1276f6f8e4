//! `tags/index.html` and one page per tag listing the topics that carry it.

use super::{Entry, Frame, VisitorInputs};
use crate::config::ProgressRule;
use crate::model::{Progress, TopicIdx, credit};
use crate::render::job::Job;
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
pub(crate) fn collect(on: &VisitorInputs<'_>) -> Vec<Tag> {
    let r = on.roadmap();
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

#[derive(Clone, Serialize, Hash)]
struct TagView {
    name: String,
    url: String,
    /// Nodes carrying the tag.
    count: usize,
    /// Over the tagged nodes and everything under them.
    progress: Option<ProgressView>,
}

/// Statuses of the tagged nodes and their descendants, each counted once.
fn progress(on: &VisitorInputs<'_>, topics: &[TopicIdx]) -> Progress {
    let r = on.roadmap();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<TopicIdx> = topics.to_vec();
    while let Some(i) = stack.pop() {
        if seen.insert(i) {
            stack.extend(&r.topics[i].children);
        }
    }
    let steps = r.rule == ProgressRule::Steps;
    let mut p = Progress {
        credit: steps.then_some(0),
        ..Progress::default()
    };
    for i in seen {
        if let Some(s) = r.topics[i].status {
            p.add(s);
            if steps {
                p.add_credit(Some(credit(&r.topics[i])));
            }
        }
    }
    p
}

/// What `tags.html` sees.
#[derive(Serialize, Hash)]
struct TagsPage {
    #[serde(flatten)]
    frame: Frame,
    tags: Vec<TagView>,
}

/// What `tag.html` sees.
#[derive(Serialize, Hash)]
struct TagPage {
    #[serde(flatten)]
    frame: Frame,
    tag: TagView,
    topics: Vec<Entry>,
}

/// The tag index and one page per tag.
pub(crate) fn jobs<'a>(on: &VisitorInputs<'_>) -> Vec<Job<'a>> {
    let tags = collect(on);
    let list: Vec<TagView> = tags
        .iter()
        .map(|t| TagView {
            name: t.name.clone(),
            url: format!("{}/index.html", t.slug),
            count: t.topics.len(),
            progress: ProgressView::of(&progress(on, &t.topics)),
        })
        .collect();
    let mut out = Vec::with_capacity(tags.len() + 1);
    for (t, view) in tags.iter().zip(&list) {
        let root = "../../";
        let page = TagPage {
            frame: on.frame(root, "tags"),
            tag: view.clone(),
            topics: t.topics.iter().map(|&i| Entry::new(on, root, i)).collect(),
        };
        out.push(Job::page(
            format!("tags/{}/index.html", t.slug),
            "tag.html",
            page,
        ));
    }
    let index = TagsPage {
        frame: on.frame("../", "tags"),
        tags: list,
    };
    out.push(Job::page("tags/index.html", "tags.html", index));
    out
}
