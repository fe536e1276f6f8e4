//! Keeps the links of the user's notes working when sync moves files: a link to a moved
//! topic's file or page, and every relative link of a moved file, is written again.

use super::mine::parent_dir;
pub use crate::render::markdown::id_of_path;
use crate::render::markdown::is_external;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashMap;

/// Where things were and where they go.
#[derive(Debug, Default)]
pub struct Moves {
    /// Old content-relative file path → new one, for every file that moves.
    pub files: HashMap<String, String>,
    /// Old topic id → new one, for every topic whose id changes.
    pub ids: HashMap<String, String>,
}

/// The notes `body` of the file that was at `old` and will be at `new`, with every local
/// link pointing where its target will be; `None` when no link changes.
pub fn rewrite(body: &str, old: &str, new: &str, moves: &Moves) -> Option<String> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut parser = Parser::new_ext(body, crate::render::markdown::options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        // An inline link's destination as written: the last `](dest` of its text (a
        // reference link has none; its definition is below).
        let span = &body[range.clone()];
        if let Some(at) = span.rfind(&format!("]({dest}"))
            && let Some(to) = relink(dest, old, new, moves)
        {
            let start = range.start + at + 2;
            edits.push((start..start + dest.len(), to));
        }
    }
    // `[label]: dest` definitions that reference links use.
    for (_, def) in parser.reference_definitions().iter() {
        let span = &body[def.span.clone()];
        if let Some(at) = span.find(&*def.dest)
            && let Some(to) = relink(&def.dest, old, new, moves)
        {
            let start = def.span.start + at;
            edits.push((start..start + def.dest.len(), to));
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = body.to_string();
    for (range, to) in edits.into_iter().rev() {
        out.replace_range(range, &to);
    }
    Some(out)
}

/// A link's new destination, if it changes.
fn relink(dest: &str, old: &str, new: &str, moves: &Moves) -> Option<String> {
    if is_external(dest) {
        return None;
    }
    let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
    let absolute = path.starts_with('/');
    let target = join(if absolute { "" } else { parent_dir(old) }, path)?;
    let last = path.rsplit('/').next().unwrap_or("");
    let names_page = last.is_empty() || last == "index.html" || !last.contains('.');
    let to = if names_page {
        let page = target.strip_suffix("index.html").unwrap_or(&target);
        let id = id_of_path(page);
        let to_id = moves.ids.get(&id).cloned().unwrap_or(id);
        let slash = if path.ends_with('/') && !to_id.is_empty() {
            "/"
        } else {
            ""
        };
        let to = if absolute {
            format!("/{to_id}{slash}")
        } else {
            format!("{}{slash}", relative(parent_dir(new), &to_id))
        };
        if !moves.ids.contains_key(&id_of_path(page)) && old == new {
            return None;
        }
        to
    } else {
        let to_file = moves.files.get(&target).cloned().unwrap_or(target.clone());
        if to_file == target && old == new {
            return None;
        }
        if absolute {
            format!("/{to_file}")
        } else {
            relative(parent_dir(new), &to_file)
        }
    };
    let to = format!("{to}{rest}");
    (to != dest).then_some(to)
}

/// `path` resolved against folder `dir`, both content-relative; `None` if it climbs out.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The relative way from folder `from` to `to`, both content-relative.
fn relative(from: &str, to: &str) -> String {
    let a: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let b: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<&str> = vec![".."; a.len() - common];
    parts.extend(&b[common..]);
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_follow_moved_files_and_pages() {
        let mut moves = Moves::default();
        moves.files.insert("a/git.md".into(), "b/git.md".into());
        moves.ids.insert("a/git".into(), "b/git".into());
        let body = "See [git](../a/git.md#x), [page](/a/git/), [rel](../a/git) and [web](https://x.y/a/git.md).\n";
        let out = rewrite(body, "c/n.md", "c/n.md", &moves);
        assert_eq!(
            out.as_deref(),
            Some(
                "See [git](../b/git.md#x), [page](/b/git/), [rel](../b/git) and [web](https://x.y/a/git.md).\n"
            )
        );
        // The moved file's own links are made from its new folder.
        let out = rewrite("[n](../c/n.md)\n", "a/git.md", "b/d/git.md", &moves);
        assert_eq!(out.as_deref(), Some("[n](../../c/n.md)\n"));
        assert_eq!(
            rewrite("[n](../c/n.md)\n", "a/x.md", "a/x.md", &moves),
            None
        );
    }
}
