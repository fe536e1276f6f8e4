//! Reads a REFERENCE roadmap into one plain tree, whatever its kind: a text roadmap through
//! import's parser, and a content folder (waymark's own, or a folder of markdown notes without
//! front matter such as roadmap.sh's) through the content loader and model `build` uses.

use crate::content::{Resource, Status};
use crate::import::{ImportError, parse_roadmap, source_key};
use crate::model::{OutlineNode, Roadmap};
use anyhow::{Context, Result, bail};
use std::path::Path;

/// The kinds of reference sync reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A text roadmap, as `waymark import` reads it.
    Text,
    /// A waymark content folder (its files have front matter).
    Content,
    /// A folder of markdown notes without front matter (roadmap.sh's content folders).
    Notes,
}

impl Kind {
    /// How the plan names it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text roadmap",
            Kind::Content => "content folder",
            Kind::Notes => "folder of notes",
        }
    }
}

/// One topic of the reference.
#[derive(Debug, Clone, Default)]
pub struct RefTopic {
    /// Its stable `source:` key: the id for a folder, the title path for a text roadmap.
    pub key: String,
    /// The last segment of its id: the name a new file gets.
    pub segment: String,
    /// Shown name.
    pub title: String,
    /// The reference's status; `None` for an untracked group.
    pub status: Option<Status>,
    /// Labels.
    pub tags: Vec<String>,
    /// A short annotation.
    pub note: Option<String>,
    /// One sentence.
    pub summary: Option<String>,
    /// An emoji.
    pub icon: Option<String>,
    /// Learning material.
    pub resources: Vec<Resource>,
    /// Dates of the reference's own progress (kept only by an import without `--reset`).
    pub started: Option<String>,
    /// See `started`.
    pub completed: Option<String>,
    /// Its notes, without the `# heading` that gave its title.
    pub notes: String,
    /// The topic above, as an index into [`Reference::topics`]; `None` at the top level.
    pub parent: Option<usize>,
    /// The topics below, in order.
    pub children: Vec<usize>,
}

/// A reference roadmap as a tree, topics in tree order (parents before children).
#[derive(Debug, Clone)]
pub struct Reference {
    /// What it is.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// Every topic.
    pub topics: Vec<RefTopic>,
    /// The top-level topics.
    pub top: Vec<usize>,
}

/// Reads a reference: a folder through the content loader, anything else as a text roadmap.
pub fn read(path: &Path) -> Result<Reference> {
    if path.is_dir() {
        read_folder(path)
    } else {
        read_text(path)
    }
}

fn read_text(path: &Path) -> Result<Reference> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let outline = parse_roadmap(&bytes).map_err(|e: ImportError| match e.line {
        Some(line) => anyhow::anyhow!("{}:{line}: {}", path.display(), e.message),
        None => anyhow::anyhow!("{}: {}", path.display(), e.message),
    })?;
    let mut r = Reference {
        kind: Kind::Text,
        title: outline.title.clone(),
        topics: Vec::new(),
        top: Vec::new(),
    };
    r.top = add_outline(&mut r.topics, &outline.sections, None, "");
    Ok(r)
}

fn add_outline(
    topics: &mut Vec<RefTopic>,
    nodes: &[OutlineNode],
    parent: Option<usize>,
    parent_key: &str,
) -> Vec<usize> {
    let mut out = Vec::new();
    for n in nodes {
        let key = source_key(parent_key, &n.title);
        let at = topics.len();
        topics.push(RefTopic {
            key: key.clone(),
            segment: crate::authoring::slug::title_slug(&n.title),
            title: n.title.clone(),
            status: n.status,
            tags: n.tags.clone(),
            note: n.note.clone(),
            icon: n.icon.clone(),
            parent,
            ..RefTopic::default()
        });
        topics[at].children = add_outline(topics, &n.children, Some(at), &key);
        out.push(at);
    }
    out
}

fn read_folder(dir: &Path) -> Result<Reference> {
    let (content, roadmap, errors) = super::load_folder(dir, false)?;
    if !errors.is_empty() {
        bail!(
            "the reference {} cannot be read: {}",
            dir.display(),
            errors.join("; ")
        );
    }
    let fronted = content.files.iter().any(|f| f.body_start > 0);
    let title = crate::config::Config::load(&crate::config::Config::path_for(dir))
        .ok()
        .and_then(|(c, _)| c.title)
        .unwrap_or_else(|| roadmap.title.clone());
    let mut r = Reference {
        kind: if fronted { Kind::Content } else { Kind::Notes },
        title,
        topics: Vec::new(),
        top: Vec::new(),
    };
    r.top = add_roadmap(&mut r.topics, &roadmap, &content, 0, None);
    Ok(r)
}

fn add_roadmap(
    topics: &mut Vec<RefTopic>,
    roadmap: &Roadmap,
    content: &crate::content::Content,
    idx: usize,
    parent: Option<usize>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for &c in &roadmap.topics[idx].children {
        let t = &roadmap.topics[c];
        let file = t.source.map(|i| &content.files[i]);
        let notes = file.map_or_else(String::new, |f| notes_of(f.body(), f.front.title.is_none()));
        let at = topics.len();
        topics.push(RefTopic {
            key: t.id.clone(),
            segment: t.id.rsplit('/').next().unwrap_or(&t.id).to_string(),
            title: t.title.clone(),
            status: t.status,
            tags: t.tags.clone(),
            note: t.note.clone(),
            summary: t.summary.clone(),
            icon: t.icon.clone(),
            resources: t.resources.clone(),
            started: t.started.clone(),
            completed: t.completed.clone(),
            notes,
            parent,
            children: Vec::new(),
        });
        topics[at].children = add_roadmap(topics, roadmap, content, c, Some(at));
        out.push(at);
    }
    out
}

/// A file's notes as sync carries them: without the leading `# heading` when that heading
/// is the title (a file without front matter), trimmed, ending in one newline.
fn notes_of(body: &str, titled_by_heading: bool) -> String {
    let mut body = body.trim_start_matches(['\n', '\r']);
    if titled_by_heading && body.starts_with("# ") {
        body = body.split_once('\n').map_or("", |(_, rest)| rest);
    }
    let trimmed = body.trim();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::notes_of;

    #[test]
    fn the_heading_that_titles_a_file_is_not_part_of_its_notes() {
        assert_eq!(
            notes_of("# Git\n\nVersion control.\n", true),
            "Version control.\n"
        );
        assert_eq!(notes_of("# Git\n\nText\n", false), "# Git\n\nText\n");
        assert_eq!(notes_of("\n\n", true), "");
    }
}
