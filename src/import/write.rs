//! Writes an imported roadmap as a content folder: one markdown file per item, ordered by
//! `order:`, and the title into `waymark.yaml` beside the folder.

use super::ImportError;
use super::merge::{Changes, Merged, merge_config, merge_topic};
use crate::content::frontmatter::quote;
use crate::model::{Outline, OutlineNode};
use std::path::{Path, PathBuf};

/// What import did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new file.
    Created,
    /// A file that was there, updated where the text roadmap differs. Its notes, its status
    /// and the keys the text does not carry are kept.
    Replaced(Changes),
    /// A file that was there and needed no change; not written. It may keep a status the
    /// text disagrees with ([`Changes::kept`]).
    Unchanged(Changes),
}

/// One file import wrote or looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The file.
    pub path: PathBuf,
    /// What became of it.
    pub outcome: Outcome,
}

/// What one planned file holds.
enum What<'a> {
    /// A topic or group, with its `order:` and `source:` key.
    Topic(&'a OutlineNode, usize, &'a str),
    /// `waymark.yaml`, with the roadmap's title.
    Config(&'a str),
}

struct Planned<'a> {
    path: PathBuf,
    what: What<'a>,
    /// Whether an existing file's progress is reset (`--reset`).
    reset: bool,
}

/// How an import treats what is there and what the text says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mode {
    /// Update files that exist (see [`merge_topic`]) rather than refuse them.
    pub force: bool,
    /// Start a personal copy: every status becomes `not-started` and `started:`/`completed:`
    /// are dropped; titles, tags, notes and resources are kept.
    pub reset: bool,
}

/// Writes the roadmap's files under `into`. Without `force`, writes nothing if any file
/// exists already; with it, updates existing files in place (see [`merge_topic`]). Every
/// file's new text is worked out before the first is written, so a file that cannot be
/// merged stops the import with nothing written.
pub fn write_content(
    roadmap: &Outline,
    into: &Path,
    force: bool,
) -> Result<Vec<Written>, ImportError> {
    write_content_as(
        roadmap,
        into,
        Mode {
            force,
            reset: false,
        },
    )
}

/// [`write_content`], with `--reset` too.
pub fn write_content_as(
    roadmap: &Outline,
    into: &Path,
    mode: Mode,
) -> Result<Vec<Written>, ImportError> {
    let force = mode.force;
    let reset;
    let roadmap = if mode.reset {
        reset = reset_outline(roadmap);
        &reset
    } else {
        roadmap
    };
    let mut planned = Vec::new();
    let mut problems = Vec::new();
    let laid_out = super::layout::lay_out(&roadmap.sections, into, &mut problems);
    for (path, node, order, key) in &laid_out {
        planned.push(Planned {
            path: path.clone(),
            what: What::Topic(node, *order, key),
            reset: mode.reset,
        });
    }
    if !problems.is_empty() {
        problems.push("nothing was written".to_string());
        return Err(ImportError::new(None, problems.join("; ")));
    }
    let config = parent_as_written(into).join("waymark.yaml");
    if force || !config.exists() {
        planned.push(Planned {
            path: config,
            what: What::Config(&roadmap.title),
            reset: false,
        });
    }
    if !force {
        refuse_existing(&planned)?;
    }
    let mut jobs = Vec::new();
    for p in &planned {
        jobs.push((&p.path, prepare(p)?));
    }
    let mut written = Vec::new();
    for (path, (text, outcome)) in jobs {
        if let Outcome::Created | Outcome::Replaced(_) = outcome {
            write_one(path, &text)?;
        }
        written.push(Written {
            path: path.clone(),
            outcome,
        });
    }
    Ok(written)
}

/// A planned file's text: fresh for a new file, merged into an existing one.
fn prepare(p: &Planned<'_>) -> Result<(String, Outcome), ImportError> {
    let shown = p.path.display();
    let existing = match std::fs::read(&p.path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            ImportError::new(
                None,
                format!("cannot update {shown}: it is not UTF-8 text; nothing was written"),
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let text = match p.what {
                What::Topic(node, order, key) => front_matter(node, order, key),
                What::Config(title) => format!(
                    "# Written by `waymark import`; every key is optional (see the README).\ntitle: {}\n",
                    quote(title)
                ),
            };
            return Ok((text, Outcome::Created));
        }
        Err(e) => {
            return Err(ImportError::new(
                None,
                format!("cannot read {shown}: {e}; nothing was written"),
            ));
        }
    };
    let merged = match p.what {
        What::Topic(node, order, key) => {
            merge_topic(&p.path, &existing, node, (order, key), p.reset)
        }
        What::Config(title) => merge_config(&existing, title),
    };
    match merged {
        Ok(Merged { changes, .. }) if changes.made.is_empty() => {
            Ok((existing, Outcome::Unchanged(changes)))
        }
        Ok(Merged { text, changes }) => Ok((text, Outcome::Replaced(changes))),
        Err(why) => Err(ImportError::new(
            None,
            format!("cannot update {shown}: {why}; nothing was written"),
        )),
    }
}

/// The folder `into` sits in, spelled like `into` where it can be (`content` → ``, `a/content`
/// → `a`), so the paths reported stay relative when `into` is.
fn parent_as_written(into: &Path) -> PathBuf {
    let lexical = matches!(
        into.components().next_back(),
        Some(std::path::Component::Normal(_))
    );
    match into.parent() {
        Some(parent) if lexical => parent.to_path_buf(),
        _ => std::path::absolute(into)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("..")),
    }
}

fn refuse_existing(planned: &[Planned<'_>]) -> Result<(), ImportError> {
    let existing: Vec<String> = planned
        .iter()
        .filter(|p| p.path.exists())
        .map(|p| p.path.display().to_string())
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    let shown = existing
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = if existing.len() > 5 {
        format!(" and {} more", existing.len() - 5)
    } else {
        String::new()
    };
    Err(ImportError::new(
        None,
        format!(
            "refusing to overwrite {shown}{more}; nothing was written (use --force to update them, keeping their notes and the keys the text does not set, or --into another folder)"
        ),
    ))
}

fn write_one(path: &Path, text: &str) -> Result<(), ImportError> {
    let fail =
        |e: std::io::Error| ImportError::new(None, format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    // Through a temporary file and a rename: a replaced file is never left half-written.
    crate::authoring::write_atomically(path, text.as_bytes())
        .map_err(|e| ImportError::new(None, format!("{e:#}")))
}

/// The roadmap with every tracked item `not-started`: a personal copy's start.
pub fn reset_outline(roadmap: &Outline) -> Outline {
    fn reset(nodes: &mut [OutlineNode]) {
        for n in nodes {
            if n.status.is_some() {
                n.status = Some(crate::model::Status::NotStarted);
            }
            reset(&mut n.children);
        }
    }
    let mut copy = roadmap.clone();
    reset(&mut copy.sections);
    copy
}

/// The front matter for one item, keys in a fixed order, only those with a value.
fn front_matter(node: &OutlineNode, order: usize, key: &str) -> String {
    let mut s = String::from("---\n");
    s.push_str(&format!("title: {}\n", quote(&node.title)));
    if let Some(status) = node.status {
        s.push_str(&format!("status: {}\n", status.key()));
    }
    if let Some(icon) = &node.icon {
        s.push_str(&format!("icon: {}\n", quote(icon)));
    }
    if !node.tags.is_empty() {
        let tags: Vec<String> = node.tags.iter().map(|t| quote(t)).collect();
        s.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    if let Some(note) = &node.note {
        s.push_str(&format!("note: {}\n", quote(note)));
    }
    s.push_str(&format!("order: {order}\nsource: {}\n---\n", quote(key)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_goes_in_the_folder_above_content() {
        assert_eq!(parent_as_written(Path::new("content")), PathBuf::from(""));
        assert_eq!(parent_as_written(Path::new("content/")), PathBuf::from(""));
        assert_eq!(
            parent_as_written(Path::new("a/content")),
            PathBuf::from("a")
        );
        assert_eq!(
            parent_as_written(Path::new("/x/content")),
            PathBuf::from("/x")
        );
        let cwd = std::env::current_dir().unwrap_or_default();
        assert_eq!(
            parent_as_written(Path::new(".")),
            cwd.parent().map(Path::to_path_buf).unwrap_or_default()
        );
    }
}
