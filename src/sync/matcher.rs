//! Pairs the reference's topics with the user's: by `source:` key, then by id, then by title
//! similarity (see [`RENAMED`] and [`MOVED`]).

use super::mine::Mine;
use super::reference::Reference;
use std::collections::{HashMap, HashSet};

/// The least Jaro-Winkler similarity of two titles (lower-cased, spaces squeezed) for a
/// reference topic to be taken for one of the user's under the same parent (a rename):
/// `REST APIs` and `REST API design` pass, `Git` and `Docker` do not.
pub const RENAMED: f64 = 0.85;

/// The least similarity for a topic found under another parent (a move, perhaps renamed a
/// little too): nearly the same title.
pub const MOVED: f64 = 0.95;

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The user's topic carries the reference topic's `source:` key.
    Source,
    /// They have the same id.
    Id,
    /// Their titles are alike under the same or a matching parent.
    Title,
}

/// The pairs: for each reference topic the user's topic, and back.
#[derive(Debug, Clone)]
pub struct Matching {
    /// Per reference topic: the user's topic and how it was found.
    pub mine: Vec<Option<(usize, How)>>,
    /// Per user topic: the reference topic.
    pub theirs: Vec<Option<usize>>,
}

impl Matching {
    /// The user's topic a reference topic was paired with.
    pub fn mine_of(&self, r: usize) -> Option<usize> {
        self.mine[r].map(|(m, _)| m)
    }
}

/// Pairs the topics of `reference` with those of `mine`.
pub fn pair(reference: &Reference, mine: &Mine) -> Matching {
    let mut m = Matching {
        mine: vec![None; reference.topics.len()],
        theirs: vec![None; mine.topics.len()],
    };
    let keys: HashSet<&str> = reference.topics.iter().map(|t| t.key.as_str()).collect();
    // A topic whose key the reference still has is that topic's, whatever else matches it.
    let free = |i: usize| {
        mine.topics[i]
            .source
            .as_deref()
            .is_none_or(|s| !keys.contains(s))
    };
    let by_source: HashMap<&str, usize> = mine
        .topics
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, t)| Some((t.source.as_deref()?, i)))
        .collect();
    for (r, t) in reference.topics.iter().enumerate() {
        if let Some(&i) = by_source.get(t.key.as_str()) {
            link(&mut m, r, i, How::Source);
        }
    }
    let by_id: HashMap<&str, usize> = mine
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let ids = ref_ids(reference);
    for (r, id) in ids.iter().enumerate() {
        if m.mine[r].is_none()
            && let Some(&i) = by_id.get(id.as_str())
            && m.theirs[i].is_none()
            && free(i)
        {
            link(&mut m, r, i, How::Id);
        }
    }
    for r in 0..reference.topics.len() {
        if m.mine[r].is_none()
            && let Some(i) = by_title(reference, mine, &m, r, &free)
        {
            link(&mut m, r, i, How::Title);
        }
    }
    m
}

/// The user's topic most like reference topic `r` by title, among those not paired yet: a
/// rename under the same parent, or a move to another.
fn by_title(
    reference: &Reference,
    mine: &Mine,
    m: &Matching,
    r: usize,
    free: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let want = norm(&reference.topics[r].title);
    let parent = reference.topics[r].parent.map(|p| m.mine_of(p));
    let best = (0..mine.topics.len())
        .filter(|&i| m.theirs[i].is_none() && free(i))
        .filter_map(|i| {
            let score = strsim::jaro_winkler(&want, &norm(&mine.topics[i].title));
            let same_parent = match parent {
                None => mine.topics[i].parent.is_none(),
                Some(p) => p.is_some() && p == mine.topics[i].parent,
            };
            let fits = score >= MOVED || (same_parent && score >= RENAMED);
            fits.then_some((score, same_parent, std::cmp::Reverse(i)))
        })
        .max_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    best.map(|(_, _, std::cmp::Reverse(i))| i)
}

fn link(m: &mut Matching, r: usize, i: usize, how: How) {
    m.mine[r] = Some((i, how));
    m.theirs[i] = Some(r);
}

/// Each reference topic's id as the user's copy would have it: its key for a folder (its
/// id), the slugs of its titles for a text roadmap.
fn ref_ids(reference: &Reference) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(reference.topics.len());
    for t in &reference.topics {
        let id = match (reference.kind, t.parent) {
            (super::reference::Kind::Text, Some(p)) => format!("{}/{}", ids[p], t.segment),
            (super::reference::Kind::Text, None) => t.segment.clone(),
            _ => t.key.clone(),
        };
        ids.push(id);
    }
    ids
}

/// A title as it is compared: lower-cased, runs of spaces made one.
fn norm(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thresholds_tell_renames_from_other_topics() {
        let s = |a: &str, b: &str| strsim::jaro_winkler(&norm(a), &norm(b));
        assert!(s("REST APIs", "REST API design") >= RENAMED);
        assert!(s("Containers", "Containers & Docker") >= RENAMED);
        assert!(s("Git", "Docker") < RENAMED);
        assert!(s("Kubernetes", "Go") < RENAMED);
        assert!(s("Docker", "docker") >= MOVED);
    }
}
