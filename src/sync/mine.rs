//! The user's own content folder as sync sees it: each topic's file (or folder), its
//! `source:` key, its order and its text, read by the loader and model `build` uses.

use crate::content::{SourceFile, split_prefix};
use anyhow::{Result, bail};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One of the user's topics.
#[derive(Debug, Clone, Default)]
pub struct MyTopic {
    /// Its id.
    pub id: String,
    /// Shown name.
    pub title: String,
    /// The topic above, as an index into [`Mine::topics`]; `None` at the top level.
    pub parent: Option<usize>,
    /// The topics below, in display order.
    pub children: Vec<usize>,
    /// Its file, relative to the content folder; `None` for a folder without an index file.
    pub rel: Option<String>,
    /// The folder holding its subtopics (content-relative), if it is a folder.
    pub dir: Option<String>,
    /// Whether it sits under its parent by a `parent:` key rather than in its folder.
    pub attached: bool,
    /// Its `source:` key.
    pub source: Option<String>,
    /// Its position among siblings as the loader reads it: `order:`, else a name's number.
    pub order: Option<i64>,
    /// The file's whole text as it is on disk (byte-order mark included).
    pub text: String,
    /// Byte offset where the notes start in `text`.
    pub body_start: usize,
}

impl MyTopic {
    /// The notes, after the front matter.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }
}

/// The user's content folder.
#[derive(Debug, Clone, Default)]
pub struct Mine {
    /// The content folder.
    pub dir: PathBuf,
    /// Every topic, in tree order.
    pub topics: Vec<MyTopic>,
    /// The top-level topics, in display order.
    pub top: Vec<usize>,
    /// Every file of the folder (markdown and others), content-relative.
    pub files: Vec<String>,
}

/// Loads the content folder; refuses one with errors, which an edit could make worse.
pub fn load(dir: &Path) -> Result<Mine> {
    if !dir.exists() {
        return Ok(Mine {
            dir: dir.to_path_buf(),
            ..Mine::default()
        });
    }
    let (content, roadmap, errors) = super::load_folder(dir, true)?;
    if !errors.is_empty() {
        bail!(
            "{} has problems; fix them first (`waymark check` lists them), nothing was written:\n{}",
            dir.display(),
            errors.join("\n")
        );
    }
    let mut mine = Mine {
        dir: dir.to_path_buf(),
        ..Mine::default()
    };
    let mut index_of = BTreeMap::new();
    for &i in &roadmap.order {
        index_of.insert(i, mine.topics.len());
        let t = &roadmap.topics[i];
        let mut topic = topic_of(t, t.source.map(|s| &content.files[s]))?;
        topic.parent = t.parent.filter(|&p| p != 0).map(|p| index_of[&p]);
        mine.topics.push(topic);
    }
    for (i, t) in roadmap.topics.iter().enumerate() {
        let kids: Vec<usize> = t.children.iter().map(|c| index_of[c]).collect();
        match index_of.get(&i) {
            Some(&m) => mine.topics[m].children = kids,
            None => mine.top = kids,
        }
    }
    fill_dirs(&mut mine);
    mine.files = crate::disk::files_under(dir)
        .into_iter()
        .map(|(rel, _)| rel)
        .collect();
    Ok(mine)
}

/// One topic as the loader read it, with its file's text as it is on disk.
fn topic_of(t: &crate::model::Topic, file: Option<&SourceFile>) -> Result<MyTopic> {
    let raw = match file {
        Some(f) => String::from_utf8(crate::disk::read(&f.display)?)?,
        None => String::new(),
    };
    let bom = if raw.starts_with('\u{FEFF}') { 3 } else { 0 };
    let name_order = file.and_then(|f| {
        let path = if f.is_folder_index() {
            parent_dir(&f.rel)
        } else {
            f.rel.as_str()
        };
        split_prefix(last(path)).0
    });
    Ok(MyTopic {
        id: t.id.clone(),
        title: t.title.clone(),
        rel: file.map(|f| f.rel.clone()),
        dir: file
            .filter(|f| f.is_folder_index())
            .map(|f| parent_dir(&f.rel).to_string()),
        source: file.and_then(|f| f.front.source.clone()),
        order: file.and_then(|f| f.front.order).or(name_order),
        body_start: file.map_or(0, |f| f.body_start + bom),
        text: raw,
        ..MyTopic::default()
    })
}

/// Folders without an index file take their folder from a subtopic's file; a topic whose
/// file is not in its parent's folder sits there by `parent:`.
fn fill_dirs(mine: &mut Mine) {
    for i in (0..mine.topics.len()).rev() {
        if mine.topics[i].rel.is_none() {
            let found = mine.topics[i].children.iter().find_map(|&c| {
                let child = &mine.topics[c];
                let at = child.dir.as_deref().or(child.rel.as_deref())?;
                Some(parent_dir(at).to_string())
            });
            mine.topics[i].dir = found;
        }
    }
    for i in 0..mine.topics.len() {
        let t = &mine.topics[i];
        let Some(rel) = &t.rel else { continue };
        let here = parent_dir(t.dir.as_deref().unwrap_or(rel));
        let expected = match t.parent {
            Some(p) => mine.topics[p].dir.clone().unwrap_or_default(),
            None => String::new(),
        };
        mine.topics[i].attached = here != expected;
    }
}

/// The folder part of a content-relative path (`""` at the top).
pub fn parent_dir(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The last segment of a content-relative path.
pub fn last(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}
