//! `waymark new`: a new topic file in the right folder, with its front matter.

use super::quote;
use crate::model::{Roadmap, Status, TopicIdx};
use crate::site::Site;
use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// What the new topic says about itself.
#[derive(Debug, Clone, Default)]
pub struct NewTopic {
    /// Its title.
    pub title: String,
    /// The id of the topic it goes under; the roadmap's root when `None`.
    pub parent: Option<String>,
    /// Its status; `None` makes an untracked group, as a folder with its `_index.md`.
    pub status: Option<Status>,
    /// Its tags.
    pub tags: Vec<String>,
    /// Today's date, for the `started:` or `completed:` its status records.
    pub today: String,
    /// Its `estimate:`, a duration such as `6h`.
    pub estimate: Option<String>,
}

/// Creates the topic's file and returns its path; never overwrites.
pub fn create(site: &Site, content: &Path, topic: &NewTopic) -> Result<PathBuf> {
    let roadmap = &site.roadmap;
    let parent = match &topic.parent {
        Some(id) => super::find::find_topic(roadmap, id)?,
        None => 0,
    };
    let (folder, parent_line) = place(site, content, parent);
    let slug = match super::slug::title_slug(&topic.title) {
        s if s.is_empty() => bail!(
            "the title `{}` has no letters or digits to name a file after",
            topic.title
        ),
        s => s,
    };
    // A group gets a folder of its own, so the topics put under it go inside.
    let path = match topic.status {
        Some(_) => folder.join(format!("{slug}.md")),
        None => folder.join(&slug).join("_index.md"),
    };
    let base = match (parent, &parent_line) {
        (0, _) => String::new(),
        (_, Some(_)) => roadmap.topics[parent]
            .id
            .rsplit_once('/')
            .map_or(String::new(), |(folder, _)| folder.to_string()),
        _ => roadmap.topics[parent].id.clone(),
    };
    let id = if base.is_empty() {
        slug.clone()
    } else {
        format!("{base}/{slug}")
    };
    if let Some(other) = roadmap.get(&id).filter(|&i| i != 0) {
        let from = roadmap.topics[other].source.map_or_else(
            || "a folder".to_string(),
            |s| site.content.files[s].display.display().to_string(),
        );
        bail!(
            "a topic with the id `{id}` exists already ({from}); pick another title or edit that file"
        );
    }
    if path.exists() || folder.join(&slug).exists() || folder.join(format!("{slug}.md")).exists() {
        bail!(
            "{} exists already; pick another title or edit that file",
            path.display()
        );
    }
    let text = front_matter(site, topic, parent, parent_line.as_deref());
    std::fs::create_dir_all(path.parent().unwrap_or(&folder))?;
    super::write_atomically(&path, text.as_bytes())?;
    Ok(path)
}

/// The new file's text: its front matter (title, status with today's date, tags, estimate,
/// `parent:` and `order:` where needed) and a heading.
fn front_matter(site: &Site, topic: &NewTopic, parent: usize, parent_line: Option<&str>) -> String {
    let mut text = format!("---\ntitle: {}\n", quote(&topic.title));
    if let Some(s) = topic.status {
        text.push_str(&format!("status: {s}\n"));
        if let Some(key) = super::edit::date_key(s) {
            text.push_str(&format!("{key}: {}\n", topic.today));
        }
    }
    if !topic.tags.is_empty() {
        let tags: Vec<String> = topic.tags.iter().map(|t| quote(t.trim())).collect();
        text.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if let Some(estimate) = &topic.estimate {
        text.push_str(&format!("estimate: {estimate}\n"));
    }
    if let Some(id) = parent_line {
        text.push_str(&format!("parent: {id}\n"));
    }
    if let Some(order) = next_order(site, parent) {
        text.push_str(&format!("order: {order}\n"));
    }
    text.push_str(&format!("---\n\n# {}\n\n", topic.title));
    text
}

/// The folder a child of `parent` goes in, and the `parent:` line it needs when the parent is
/// a single file (the user's files are never moved to make room).
fn place(site: &Site, content: &Path, parent: TopicIdx) -> (PathBuf, Option<String>) {
    let roadmap = &site.roadmap;
    let t = &roadmap.topics[parent];
    if parent == 0 {
        return (content.to_path_buf(), None);
    }
    match t.source.map(|s| &site.content.files[s]) {
        Some(f) if f.is_folder_index() => (content.join(parent_dir(&f.rel)), None),
        Some(f) => (content.join(parent_dir(&f.rel)), Some(t.id.clone())),
        None => (content.join(folder_of(site, roadmap, parent)), None),
    }
}

fn parent_dir(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The folder of a group that has no index file: the folder part of any file below it.
pub fn folder_of(site: &Site, roadmap: &Roadmap, idx: TopicIdx) -> String {
    let id = &roadmap.topics[idx].id;
    let depth = id.split('/').count();
    site.content
        .files
        .iter()
        .map(|f| f.rel.split('/').take(depth).collect::<Vec<_>>())
        .find(|dirs| {
            dirs.len() == depth
                && dirs
                    .iter()
                    .map(|d| crate::model::slug_of(d))
                    .collect::<Vec<_>>()
                    .join("/")
                    == *id
        })
        .map(|dirs| dirs.join("/"))
        .unwrap_or_default()
}

/// One past the last sibling's position — its `order:`, else its file or folder name's
/// number prefix (`03-`) — if any sibling has one. Without any, siblings sort by title and an
/// `order:` would put the new topic first, so none is written.
fn next_order(site: &Site, parent: TopicIdx) -> Option<i64> {
    site.roadmap.topics[parent]
        .children
        .iter()
        .filter_map(|&c| site.roadmap.topics[c].source)
        .filter_map(|s| {
            let f = &site.content.files[s];
            f.front.order.or_else(|| {
                let mut parts = f.rel.rsplit('/');
                let name = parts.next().unwrap_or_default();
                let name = if f.is_folder_index() {
                    parts.next().unwrap_or_default()
                } else {
                    name.get(..name.len().saturating_sub(3)).unwrap_or(name)
                };
                crate::model::split_prefix(name).0
            })
        })
        .max()
        .map(|m| m.saturating_add(1))
}
