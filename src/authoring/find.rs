//! Finds a topic by id or title, and lists the closest candidates when it cannot.

use crate::model::{Roadmap, TopicIdx};
use anyhow::{Result, bail};

/// The topic `query` names: its id, else its title (any case); ambiguous or unknown queries
/// are errors that list candidates.
pub fn find_topic(roadmap: &Roadmap, query: &str) -> Result<TopicIdx> {
    let q = query.trim().trim_matches('/');
    if let Some(idx) = roadmap.get(q).filter(|&i| i != 0) {
        return Ok(idx);
    }
    let matches: Vec<TopicIdx> = roadmap
        .order
        .iter()
        .copied()
        .filter(|&i| roadmap.topics[i].title.eq_ignore_ascii_case(q))
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => bail!(
            "no topic `{q}`; closest:\n{}",
            list(roadmap, &closest(roadmap, q))
        ),
        many => bail!(
            "`{q}` names {} topics; pass one of their ids:\n{}",
            many.len(),
            list(roadmap, many)
        ),
    }
}

fn list(roadmap: &Roadmap, idxs: &[TopicIdx]) -> String {
    idxs.iter()
        .map(|&i| format!("  {}  ({})", roadmap.topics[i].id, roadmap.topics[i].title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The five topics whose id or title is nearest to `q`.
fn closest(roadmap: &Roadmap, q: &str) -> Vec<TopicIdx> {
    let q = q.to_lowercase();
    let mut scored: Vec<(usize, TopicIdx)> = roadmap
        .order
        .iter()
        .map(|&i| {
            let t = &roadmap.topics[i];
            let last = t.id.rsplit('/').next().unwrap_or(&t.id);
            let d = [
                strsim::levenshtein(&q, &t.title.to_lowercase()),
                strsim::levenshtein(&q, last),
                strsim::levenshtein(&q, &t.id),
            ]
            .into_iter()
            .min()
            .unwrap_or(usize::MAX);
            let bonus = if t.title.to_lowercase().contains(&q) || t.id.contains(&q) {
                0
            } else {
                1
            };
            (d + bonus * 2, i)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(5).map(|(_, i)| i).collect()
}
