//! Writes an imported roadmap as a content folder: one markdown file per item, ordered by
//! `order:`, and the title into `waymark.yaml` beside the folder.

use super::{ImportError, TextNode, TextRoadmap};
use crate::content::frontmatter::quote;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Writes the roadmap's files under `into` and returns them; writes nothing if any file exists
/// already, unless `force`.
pub fn write_content(
    roadmap: &TextRoadmap,
    into: &Path,
    force: bool,
) -> Result<Vec<PathBuf>, ImportError> {
    let mut planned = Vec::new();
    plan(&roadmap.sections, into, &mut planned);
    let config = site_root(into).join("waymark.yaml");
    let write_config = force || !config.exists();
    if write_config {
        let text = format!(
            "# Written by `waymark import`; every key is optional (see the README).\ntitle: {}\n",
            quote(&roadmap.title)
        );
        planned.push((config, text));
    }
    if !force {
        refuse_existing(&planned)?;
    }
    for (path, text) in &planned {
        write_one(path, text)?;
    }
    Ok(planned.into_iter().map(|(p, _)| p).collect())
}

/// The folder `into` sits in, spelled like `into` where it can be (`content` → ``, `a/content`
/// → `a`), so the paths reported stay relative when `into` is.
fn site_root(into: &Path) -> PathBuf {
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

fn refuse_existing(planned: &[(PathBuf, String)]) -> Result<(), ImportError> {
    let existing: Vec<String> = planned
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
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
            "refusing to overwrite {shown}{more}; nothing was written (use --force to overwrite, or --into another folder)"
        ),
    ))
}

fn write_one(path: &Path, text: &str) -> Result<(), ImportError> {
    let fail =
        |e: std::io::Error| ImportError::new(None, format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    std::fs::write(path, text).map_err(fail)
}

/// Slugs a file may not have: the content loader reads `index.md` and `README.md` as the
/// folder's own page.
const RESERVED: [&str; 2] = ["index", "readme"];

/// Lays out files for `nodes` in `dir`: a folder with `_index.md` for items with children.
/// Slugs are unique among siblings (`-2`, `-3`), and never a reserved name.
fn plan(nodes: &[TextNode], dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    let mut taken: HashSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    for (i, node) in nodes.iter().enumerate() {
        let slug = unique_slug(&node.title, &mut taken);
        let text = front_matter(node, i + 1);
        if node.children.is_empty() {
            out.push((dir.join(format!("{slug}.md")), text));
        } else {
            let sub = dir.join(&slug);
            out.push((sub.join("_index.md"), text));
            plan(&node.children, &sub, out);
        }
    }
}

/// The title's slug by the rule `waymark new` uses too, numbered only when a sibling has it.
fn unique_slug(title: &str, taken: &mut HashSet<String>) -> String {
    let base = match crate::authoring::slug::title_slug(title) {
        s if s.is_empty() => "topic".to_string(),
        s => s,
    };
    let slug = crate::authoring::slug::first_free(&base, |s| taken.contains(s));
    taken.insert(slug.clone());
    slug
}

/// The front matter for one item, keys in a fixed order, only those with a value.
fn front_matter(node: &TextNode, order: usize) -> String {
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
    s.push_str(&format!("order: {order}\n---\n"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_root_is_the_folder_above_content() {
        assert_eq!(site_root(Path::new("content")), PathBuf::from(""));
        assert_eq!(site_root(Path::new("content/")), PathBuf::from(""));
        assert_eq!(site_root(Path::new("a/content")), PathBuf::from("a"));
        assert_eq!(site_root(Path::new("/x/content")), PathBuf::from("/x"));
        let cwd = std::env::current_dir().unwrap_or_default();
        assert_eq!(
            site_root(Path::new(".")),
            cwd.parent().map(Path::to_path_buf).unwrap_or_default()
        );
    }
}
