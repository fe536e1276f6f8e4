//! Requirements between topics: `requires:` resolved to topics (ids or paths to their files),
//! unknown ones and cycles reported at their line, and the reverse "unlocks" edges and the
//! blocked flags worked out once the tree is built.

use super::{Roadmap, Status, TopicIdx};
use crate::content::{Content, SourceFile};
use crate::diagnostic::Diagnostic;

/// Resolves every topic's `requires:`, then sets `unlocks` and `blocked`; unknown
/// requirements and cycles are errors, and a done or in-progress topic whose requirements are
/// unfinished draws a warning.
pub(super) fn resolve(roadmap: &mut Roadmap, content: &Content) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for idx in 1..roadmap.topics.len() {
        let Some(file) = roadmap.topics[idx].source.map(|s| &content.files[s]) else {
            continue;
        };
        let Some(list) = &file.front.requires else {
            continue;
        };
        let mut found = Vec::new();
        for item in &list.value {
            match find(roadmap, file, item) {
                Some(to) if !found.contains(&to) => found.push(to),
                Some(_) => {}
                // A draft left out of this build is no requirement of it.
                None if is_draft(content, file, item) => {}
                None => problems.push(unknown(roadmap, file, item)),
            }
        }
        roadmap.topics[idx].requires = found;
    }
    let mut edges = expanded(roadmap);
    problems.extend(break_cycles(roadmap, content, &mut edges));
    for (idx, reqs) in edges.iter().enumerate() {
        for &r in reqs {
            if !roadmap.topics[r].unlocks.contains(&idx) {
                roadmap.topics[r].unlocks.push(idx);
            }
        }
    }
    for idx in 0..roadmap.topics.len() {
        let mut unlocks = std::mem::take(&mut roadmap.topics[idx].unlocks);
        unlocks.sort_by_key(|&u| roadmap.topics[u].position);
        roadmap.topics[idx].unlocks = unlocks;
        roadmap.topics[idx].blocked = !roadmap.waiting_on(idx).is_empty();
    }
    problems.extend(started_too_soon(roadmap, content));
    problems
}

/// The topic an item of `requires:` names: a path to a topic file (ending in `.md`, relative
/// to the file's folder), else a topic id.
fn find(roadmap: &Roadmap, file: &SourceFile, item: &str) -> Option<TopicIdx> {
    if let Some(rel) = path_of(file, item) {
        return roadmap.by_source(&rel?).filter(|&i| i != 0);
    }
    let id = item.trim_matches('/');
    let slugged: Vec<String> = id.split('/').map(crate::content::slug_of).collect();
    roadmap
        .get(id)
        .or_else(|| roadmap.get(&slugged.join("/")))
        .filter(|&i| i != 0)
}

/// The content-relative path an item names when it is a path to a file (ends in `.md`):
/// `Some(None)` when it leads out of the content folder; `None` when it is an id.
fn path_of(file: &SourceFile, item: &str) -> Option<Option<String>> {
    let item = item.trim();
    if !item.to_ascii_lowercase().ends_with(".md") {
        return None;
    }
    let dir = file.rel.rsplit_once('/').map_or("", |(d, _)| d);
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in item.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.pop().is_none() => return Some(None),
            ".." => {}
            seg => parts.push(seg),
        }
    }
    Some(Some(parts.join("/")))
}

/// Whether an item names a file marked `draft: true` (left out of a build without drafts).
fn is_draft(content: &Content, file: &SourceFile, item: &str) -> bool {
    let path = path_of(file, item);
    let wanted = item.trim().trim_matches('/');
    content
        .files
        .iter()
        .filter(|f| f.front.draft)
        .any(|f| match &path {
            Some(rel) => rel.as_deref() == Some(f.rel.as_str()),
            None => id_of(&f.rel) == wanted,
        })
}

/// The id a file's path gives it (without `parent:`): the folders' and the file's names
/// without number prefixes, slugified; a folder's index file names the folder.
fn id_of(rel: &str) -> String {
    let mut segments: Vec<&str> = rel.split('/').collect();
    if segments
        .last()
        .is_some_and(|n| crate::content::is_index_name(n))
    {
        segments.pop();
    }
    let segments: Vec<String> = (segments.iter())
        .map(|s| crate::content::slug_of(s.strip_suffix(".md").unwrap_or(s)))
        .collect();
    segments.join("/")
}

/// The error for an item that names no topic, with the closest id.
fn unknown(roadmap: &Roadmap, file: &SourceFile, item: &str) -> Diagnostic {
    let wanted = match path_of(file, item).flatten() {
        Some(rel) => {
            let stem = rel.strip_suffix(".md").unwrap_or(&rel);
            let segments: Vec<String> = stem.split('/').map(crate::content::slug_of).collect();
            segments.join("/")
        }
        None => item.trim().trim_matches('/').to_string(),
    };
    let wanted = wanted.as_str();
    let ids = roadmap.topics.iter().map(|t| t.id.as_str());
    let hint = closest_id(ids, wanted)
        .or_else(|| {
            let last = wanted.rsplit('/').next().unwrap_or(wanted);
            let ids = roadmap.topics.iter().map(|t| t.id.as_str());
            closest_id(ids, last)
        })
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    let (line, column) = item_position(file, item);
    Diagnostic::error(
        &file.display,
        line,
        column,
        format!(
            "unknown requirement `{}`{hint}; `requires:` takes topic ids, such as `foundations/git`, or paths to topic files, such as `../git.md`",
            item.trim()
        ),
    )
    .with_source(&file.text)
}

/// Where an item of the file's `requires:` is written: its own line and column when it can
/// be found, else the key's value.
fn item_position(file: &SourceFile, item: &str) -> (usize, usize) {
    let Some(list) = &file.front.requires else {
        return (0, 0);
    };
    let item = item.trim();
    let lines = file.text.lines().enumerate().skip(list.line - 1);
    for (n, text) in lines.take_while(|(n, _)| n + 1 < file.body_line.max(list.line + 1)) {
        let from = if n + 1 == list.line {
            text.char_indices()
                .nth(list.column - 1)
                .map_or(text.len(), |(i, _)| i)
        } else if text.starts_with(|c: char| !c.is_whitespace() && c != '-') {
            break;
        } else {
            0
        };
        if let Some(at) = text[from..].find(item) {
            return (n + 1, text[..from + at].chars().count() + 1);
        }
    }
    (list.line, list.column)
}

/// Every topic's requirements with groups opened up: an untracked group stands for every
/// tracked topic under it.
fn expanded(roadmap: &Roadmap) -> Vec<Vec<TopicIdx>> {
    let topics = &roadmap.topics;
    topics
        .iter()
        .map(|t| {
            let mut out = Vec::new();
            for &r in &t.requires {
                if topics[r].status.is_some() {
                    out.push(r);
                } else {
                    tracked_under(roadmap, r, &mut out);
                }
            }
            out
        })
        .collect()
}

fn tracked_under(roadmap: &Roadmap, idx: TopicIdx, out: &mut Vec<TopicIdx>) {
    for &c in &roadmap.topics[idx].children {
        if roadmap.topics[c].status.is_some() && !out.contains(&c) {
            out.push(c);
        }
        tracked_under(roadmap, c, out);
    }
}

/// Finds every loop of requirements, reports each once naming every member, and cuts it so
/// the rest can go on.
fn break_cycles(
    roadmap: &mut Roadmap,
    content: &Content,
    edges: &mut [Vec<TopicIdx>],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // 0: not seen, 1: on the current path, 2: done.
    let mut state = vec![0u8; edges.len()];
    for start in 0..edges.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(TopicIdx, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (at, ref mut next)) = path.last_mut() {
            let Some(&to) = edges[at].get(*next) else {
                state[at] = 2;
                path.pop();
                continue;
            };
            *next += 1;
            match state[to] {
                0 => {
                    state[to] = 1;
                    path.push((to, 0));
                }
                1 => {
                    let from = path.iter().position(|&(i, _)| i == to).unwrap_or(0);
                    let cycle: Vec<TopicIdx> = path[from..].iter().map(|&(i, _)| i).collect();
                    problems.push(cycle_error(roadmap, content, &cycle));
                    edges[at].retain(|&e| e != to);
                    let keep: Vec<TopicIdx> = (roadmap.topics[at].requires.iter().copied())
                        .filter(|&r| r != to && !holds(r, to, &roadmap.topics))
                        .collect();
                    roadmap.topics[at].requires = keep;
                    if let Some(p) = path.last_mut() {
                        p.1 -= 1;
                    }
                }
                _ => {}
            }
        }
    }
    problems
}

/// Whether `group` is an ancestor of `idx` (so requiring the group requires `idx`).
fn holds(group: TopicIdx, idx: TopicIdx, topics: &[super::Topic]) -> bool {
    let mut at = topics[idx].parent;
    while let Some(p) = at {
        if p == group {
            return true;
        }
        at = topics[p].parent;
    }
    false
}

/// The error for a loop of requirements, at the first member's (by id) `requires:`.
fn cycle_error(roadmap: &Roadmap, content: &Content, cycle: &[TopicIdx]) -> Diagnostic {
    let topics = &roadmap.topics;
    let first = (0..cycle.len())
        .min_by_key(|&i| &topics[cycle[i]].id)
        .unwrap_or(0);
    let names: Vec<String> = (0..=cycle.len())
        .map(|k| format!("`{}`", topics[cycle[(first + k) % cycle.len()]].id))
        .collect();
    let member = cycle[first];
    let message = format!(
        "`requires:` makes a cycle: {} requires {}; remove one of these requirements",
        names[0],
        names[1..].join(", which requires ")
    );
    match topics[member].source.map(|s| &content.files[s]) {
        Some(file) => {
            let (line, column) = file
                .front
                .requires
                .as_ref()
                .map_or((0, 0), |r| (r.line, r.column));
            Diagnostic::error(&file.display, line, column, message).with_source(&file.text)
        }
        None => Diagnostic::error(std::path::Path::new("content"), 0, 0, message),
    }
}

/// A done or in-progress topic whose requirements are not finished: probably a requirement
/// left behind, or a status set too soon.
fn started_too_soon(roadmap: &Roadmap, content: &Content) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &idx in &roadmap.order {
        let t = &roadmap.topics[idx];
        let (Some(status @ (Status::Done | Status::InProgress)), true) = (t.status, t.blocked)
        else {
            continue;
        };
        let Some(file) = t.source.map(|s| &content.files[s]) else {
            continue;
        };
        let Some(list) = &file.front.requires else {
            continue;
        };
        let waiting: Vec<String> = roadmap
            .waiting_on(idx)
            .iter()
            .map(|&r| {
                let w = &roadmap.topics[r];
                let state = w.status.map_or("unfinished", Status::key);
                format!("`{}` ({state})", w.id)
            })
            .collect();
        out.push(
            Diagnostic::warning(
                &file.display,
                list.line,
                list.column,
                format!(
                    "the topic is {status} but its requirements are unfinished: {}; finish them first, or take them out of `requires:`",
                    waiting.join(", ")
                ),
            )
            .with_source(&file.text),
        );
    }
    out
}

/// The id nearest to a mistyped one: same last segment, else a small edit away.
pub(super) fn closest_id<'a>(ids: impl Iterator<Item = &'a str>, wanted: &str) -> Option<String> {
    let last = wanted.rsplit('/').next().unwrap_or(wanted);
    let mut ids: Vec<(usize, &str)> = ids
        .filter(|id| !id.is_empty())
        .map(|id| {
            let same_last = id.rsplit('/').next() == Some(last);
            let d = if same_last {
                0
            } else {
                strsim::levenshtein(wanted, id)
            };
            (d, id)
        })
        .filter(|(d, _)| *d <= (wanted.chars().count() / 3).max(2))
        .collect();
    ids.sort();
    ids.first().map(|(_, s)| s.to_string())
}
