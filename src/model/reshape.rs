//! The roadmap again after an edit that leaves the tree's shape alone (a status, notes, tags,
//! dates…): the previous tree's ids, titles, parents, order and tables are kept, and every
//! node's own fields are made again from its file, then settled as a fresh tree is. `serve`
//! rebuilds after each save; making 10,000 ids, nodes and tables again was most of what it
//! did before showing the edited page. What decides the shape is fingerprinted
//! ([`shape_of`]): a tree is reused only when that fingerprint is the one it was made from,
//! so the result is what `build_roadmap` makes of the same files (tests/incremental.rs
//! compares the two after every kind of edit).

use super::assemble::{ROOT_TITLE, fill, title_of};
use super::{Roadmap, Topic};
use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::hash::FxHasher;
use std::hash::{Hash, Hasher};

/// A fingerprint of everything `build_roadmap` reads of `content` to shape the tree: which
/// files there are, in order, where they are, whether each is a draft left out, and the
/// title, `order:` and `parent:` each gives its topic. Equal fingerprints make the same ids,
/// parents, children in the same order, and the same problems (none, for a kept tree).
pub(super) fn shape_of(content: &Content, drafts: bool) -> u64 {
    let mut h = FxHasher::default();
    (drafts, content.files.len()).hash(&mut h);
    for file in &content.files {
        let fm = &file.front;
        file.rel.hash(&mut h);
        // As bytes: a path hashes component by component, which cost more than the rest.
        file.display.as_os_str().as_encoded_bytes().hash(&mut h);
        fm.draft.hash(&mut h);
        title_of(file).hash(&mut h);
        fm.order.hash(&mut h);
        let parent = fm.parent.as_ref();
        parent.map(|p| (&p.value, p.line, p.column)).hash(&mut h);
    }
    h.finish()
}

/// The roadmap of `content` made from `previous`, the tree of an earlier version of the same
/// files, when their shape is the same (see [`shape_of`]); else `previous`, given back.
pub fn rebuild_roadmap(
    previous: Roadmap,
    content: &Content,
    config: &Config,
    drafts: bool,
) -> Result<(Roadmap, Vec<Diagnostic>), Box<Roadmap>> {
    let shape = shape_of(content, drafts);
    if previous.shape != Some(shape) {
        return Err(Box::new(previous));
    }
    let Roadmap {
        topics,
        order,
        by_id,
        by_source,
        ..
    } = previous;
    let topics = topics
        .into_iter()
        .enumerate()
        .map(|(idx, old)| renew(idx, old, content))
        .collect();
    let roadmap = Roadmap {
        topics,
        order,
        by_id,
        by_source,
        shape: Some(shape),
        ..Roadmap::default()
    };
    Ok(settled(roadmap, Vec::new(), content, config))
}

/// A node as the tree's draft makes it: its place in the tree and title kept, every other
/// field made again from its file.
fn renew(idx: usize, old: Topic, content: &Content) -> Topic {
    let mut t = Topic {
        id: old.id,
        // The root's title is the settings' by now: the draft's is ROOT_TITLE or its file's.
        title: if idx == 0 {
            ROOT_TITLE.into()
        } else {
            old.title
        },
        parent: old.parent,
        children: old.children,
        depth: old.depth,
        source: old.source,
        position: old.position,
        ..Topic::default()
    };
    if let Some(src) = t.source {
        fill(&mut t, src, &content.files[src]);
    }
    t
}

/// The drafted tree settled: statuses that follow others, roll-ups, the roadmap's title and
/// requirements; `problems` (the draft's) with what these found after them.
pub(super) fn settled(
    mut roadmap: Roadmap,
    mut problems: Vec<Diagnostic>,
    content: &Content,
    config: &Config,
) -> (Roadmap, Vec<Diagnostic>) {
    problems.extend(super::settle::settle(&mut roadmap, content, config));
    let root_title = roadmap.topics[0].title.clone();
    roadmap.title = config.title.clone().unwrap_or(root_title);
    roadmap.topics[0].title = roadmap.title.clone();
    problems.extend(super::requirements::resolve(&mut roadmap, content));
    (roadmap, problems)
}
