//! Where each item of an imported roadmap goes: one file per item, a folder with its
//! `_index.md` for an item with children, named by the shared title rule. Files and folders
//! already there for the same id (`01-git.md` for `Git`) are used rather than doubled.

use crate::model::OutlineNode;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Slugs a file may not have: the content loader reads `index.md` and `README.md` as the
/// folder's own page.
const RESERVED: [&str; 2] = ["index", "readme"];

/// One item's place: its file, the item, its `order:` and its `source:` key.
pub type Placed<'a> = (PathBuf, &'a OutlineNode, usize, String);

/// Every item's file with its item, `order:` and `source:` key (its title path, see
/// [`source_key`]), parents before children. An item with children whose id a single file
/// holds already cannot be laid out without moving that file: that is a problem, pushed to
/// `problems`.
pub fn lay_out<'a>(
    nodes: &'a [OutlineNode],
    dir: &Path,
    problems: &mut Vec<String>,
) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    plan(nodes, dir, "", &mut out, problems);
    out
}

/// The `source:` key of an item of a text roadmap: the titles from its section down to it,
/// joined by ` > ` (`Foundations > Programming Languages > Python`). A text roadmap has no
/// other name for an item that stays put when the text is edited.
pub fn source_key(parent: &str, title: &str) -> String {
    if parent.is_empty() {
        title.to_string()
    } else {
        format!("{parent} > {title}")
    }
}

fn plan<'a>(
    nodes: &'a [OutlineNode],
    dir: &Path,
    parent_key: &str,
    out: &mut Vec<Placed<'a>>,
    problems: &mut Vec<String>,
) {
    let mut taken: HashSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    let entries = existing_entries(dir);
    for (i, node) in nodes.iter().enumerate() {
        let key = source_key(parent_key, &node.title);
        let slug = unique_slug(&node.title, &mut taken);
        let found = entries.iter().find(|(id, _, _)| *id == slug);
        let folder = match found {
            Some((_, path, true)) => Some(path.clone()),
            Some((_, path, false)) if !node.children.is_empty() => {
                let wanted = dir.join(&slug).join("_index.md");
                problems.push(format!(
                    "`{}` now has subtopics, so {} must become {} (its notes and front matter are kept): move it there and import again",
                    node.title,
                    path.display(),
                    wanted.display()
                ));
                continue;
            }
            Some((_, path, false)) => {
                out.push((path.clone(), node, i + 1, key));
                continue;
            }
            None if node.children.is_empty() => {
                out.push((dir.join(format!("{slug}.md")), node, i + 1, key));
                continue;
            }
            None => None,
        };
        let sub = folder.unwrap_or_else(|| dir.join(&slug));
        out.push((index_in(&sub), node, i + 1, key.clone()));
        plan(&node.children, &sub, &key, out, problems);
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

/// The topics already in `dir`: each one's id segment, path and whether it is a folder.
fn existing_entries(dir: &Path) -> Vec<(String, PathBuf, bool)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf, bool)> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if crate::content::is_ignored_name(&name) || crate::content::is_index_name(&name) {
                return None;
            }
            if path.is_dir() {
                return Some((crate::model::slug_of(&name), path, true));
            }
            let stem = name
                .strip_suffix(".md")
                .or_else(|| name.strip_suffix(".MD"))?;
            Some((crate::model::slug_of(stem), path, false))
        })
        .collect();
    // A folder before a file of the same id, then by name: the same choice on every run.
    found.sort_by(|a, b| (&a.0, !a.2, &a.1).cmp(&(&b.0, !b.2, &b.1)));
    found
}

/// The folder's own file: the index file it has, else a new `_index.md`.
fn index_in(folder: &Path) -> PathBuf {
    ["_index.md", "index.md", "README.md", "readme.md"]
        .iter()
        .map(|n| folder.join(n))
        .find(|p| p.is_file())
        .unwrap_or_else(|| folder.join("_index.md"))
}
