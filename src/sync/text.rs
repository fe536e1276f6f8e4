//! The text sync writes: a new topic's file, edits to the front matter of the user's files
//! (every other byte kept), and the marked `<!-- upstream -->` block for a reference's notes.

use super::reference::RefTopic;
use crate::authoring::edit::FrontLines;
use crate::content::Status;
use crate::content::frontmatter::quote;

/// The line that opens the block holding a reference topic's notes.
pub const OPEN: &str = "<!-- upstream -->";
/// The line that closes it.
pub const CLOSE: &str = "<!-- /upstream -->";

/// The notes in their marked block.
pub fn block(notes: &str) -> String {
    format!("{OPEN}\n{notes}{CLOSE}\n")
}

/// What the user's notes are to the reference's: the notes inside a body that is nothing but
/// an upstream block (as sync or import wrote it, unchanged since); `None` otherwise.
pub fn only_block(body: &str) -> Option<&str> {
    let inner = body.trim().strip_prefix(OPEN)?.strip_suffix(CLOSE)?;
    (!inner.contains(OPEN)).then(|| inner.trim_start_matches(['\r', '\n']))
}

/// Whether to keep a reference topic's progress (an import without `--reset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Every tracked topic `not-started`, without dates: a personal copy.
    Fresh,
    /// The status and dates as the reference has them.
    Kept,
}

/// A new topic's file: its front matter (keys in import's order), then its notes in an
/// upstream block. A topic the reference tracks, or a leaf, gets a status.
pub fn new_file(t: &RefTopic, order: Option<i64>, leaf: bool, progress: Progress) -> String {
    let mut s = format!("---\ntitle: {}\n", quote(&t.title));
    let status = match (progress, t.status) {
        (Progress::Kept, Some(s)) => Some(s),
        (_, Some(_)) => Some(Status::NotStarted),
        (_, None) if leaf => Some(Status::NotStarted),
        (_, None) => None,
    };
    if let Some(status) = status {
        s.push_str(&format!("status: {}\n", status.key()));
    }
    if progress == Progress::Kept {
        for (key, date) in [("started", &t.started), ("completed", &t.completed)] {
            if let Some(d) = date {
                s.push_str(&format!("{key}: {d}\n"));
            }
        }
    }
    if let Some(icon) = &t.icon {
        s.push_str(&format!("icon: {}\n", quote(icon)));
    }
    if !t.tags.is_empty() {
        let tags: Vec<String> = t.tags.iter().map(|x| quote(x)).collect();
        s.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    }
    for (key, value) in [("note", &t.note), ("summary", &t.summary)] {
        if let Some(v) = value {
            s.push_str(&format!("{key}: {}\n", quote(v)));
        }
    }
    if !t.resources.is_empty() {
        s.push_str("resources:\n");
        for r in &t.resources {
            let kind = r
                .kind
                .as_ref()
                .map(|k| format!(", type: {}", quote(k)))
                .unwrap_or_default();
            s.push_str(&format!(
                "  - {{title: {}, url: {}{kind}}}\n",
                quote(&r.title),
                quote(&r.url)
            ));
        }
    }
    if let Some(order) = order {
        s.push_str(&format!("order: {order}\n"));
    }
    s.push_str(&format!("source: {}\n---\n", quote(&t.key)));
    if !t.notes.is_empty() {
        s.push_str(&block(&t.notes));
    }
    s
}

/// Edits to one of the user's files: keys to set or drop, and new notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edit {
    /// `(key, YAML value)` to set; `None` drops the key.
    pub keys: Vec<(&'static str, Option<String>)>,
    /// Notes that replace the body.
    pub body: Option<String>,
}

impl Edit {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.body.is_none()
    }
}

/// The keys sync sets, in the order they go in a file that lacks them.
const KEYS: [&str; 7] = ["title", "status", "icon", "tags", "note", "order", "parent"];

/// `text` with the edit made; every byte it does not change kept. `body_start` is where the
/// notes start in `text`.
pub fn apply(text: &str, body_start: usize, edit: &Edit) -> anyhow::Result<String> {
    let (front, body) = text.split_at(body_start.min(text.len()));
    let body = edit.body.as_deref().unwrap_or(body);
    if edit.keys.is_empty() {
        return Ok(format!("{front}{body}"));
    }
    let mut lines = FrontLines::new(&format!("{front}\n"))?;
    for (key, value) in &edit.keys {
        match value {
            // `source:` goes last, below whatever the user keeps.
            Some(v) if *key == "source" => {
                lines.set_or_insert(key, v, &crate::content::frontmatter::KNOWN_KEYS);
            }
            Some(v) => {
                let at = KEYS.iter().position(|k| k == key).unwrap_or(0);
                lines.set_or_insert(key, v, &KEYS[..at]);
            }
            None => {
                lines.remove(key);
            }
        }
    }
    // The blank line added above, so that a file without front matter gets its block.
    let mut head = lines.text();
    head.pop();
    Ok(format!("{head}{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_every_other_byte() {
        let text = "---\ntitle: Old # mine\nstatus: done\ncompleted: 2024-01-02\n---\nMy notes.\n";
        let edit = Edit {
            keys: vec![
                ("title", Some("\"New\"".into())),
                ("source", Some("\"a > New\"".into())),
            ],
            body: None,
        };
        let at = text.find("My").unwrap_or(0);
        assert_eq!(
            apply(text, at, &edit).ok().as_deref(),
            Some(
                "---\ntitle: \"New\" # mine\nstatus: done\ncompleted: 2024-01-02\nsource: \"a > New\"\n---\nMy notes.\n"
            )
        );
        let edit = Edit {
            keys: vec![("order", Some("3".into()))],
            body: None,
        };
        assert_eq!(
            apply("# Git\n\nText\n", 0, &edit).ok().as_deref(),
            Some("---\norder: 3\n---\n# Git\n\nText\n")
        );
    }

    #[test]
    fn only_a_body_that_is_an_upstream_block_is_theirs() {
        assert_eq!(only_block(&block("Read this.\n")), Some("Read this.\n"));
        assert_eq!(only_block("Mine.\n"), None);
        assert_eq!(only_block(&format!("Mine.\n{}", block("x\n"))), None);
    }
}
