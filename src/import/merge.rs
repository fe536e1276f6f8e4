//! `import --force` over files that exist: only what the text roadmap says is updated, in
//! place; the notes, the status the user set and every key the text does not carry are kept,
//! and each change is named.

use crate::authoring::edit::FrontLines;
use crate::content::frontmatter::quote;
use crate::model::OutlineNode;
use crate::model::Status;
use serde_json::Value;
use std::path::Path;

/// A file's text after the merge, and what the merge did to it.
#[derive(Debug, Default)]
pub struct Merged {
    /// The new text.
    pub text: String,
    /// The changes, and what was kept against the text.
    pub changes: Changes,
}

/// What a merge did and did not do to a file that was there, in words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Each change (`tags: ["a"] → ["a", "b"]`); empty when the file needed none.
    pub made: Vec<String>,
    /// Each value of the file kept against the text (`status: done, the text says not-started`).
    pub kept: Vec<String>,
}

/// The keys import writes, in the order it writes them: a new key goes after those before it.
const KEYS: [&str; 7] = ["title", "status", "icon", "tags", "note", "order", "source"];

/// Updates a topic file's front matter to what `node` says, at `(order, source key)`; with
/// `reset`, its progress starts again (`not-started`, no dates). Refuses a file waymark cannot
/// read, since an edit could lose what it misreads.
pub fn merge_topic(
    path: &Path,
    text: &str,
    node: &OutlineNode,
    place: (usize, &str),
    reset: bool,
) -> Result<Merged, String> {
    if let Some(d) = first_error(path, text) {
        return Err(format!(
            "line {}: {}; fix it (see `waymark check`) or move the file away",
            d.line, d.message
        ));
    }
    let merged = merge_front(text, node, place, reset)?;
    // Read back before anything is written: an edit that would break the file is refused.
    match first_error(path, &merged.text) {
        Some(d) => Err(format!(
            "its front matter could not be edited safely ({}); update it by hand",
            d.message
        )),
        None => Ok(merged),
    }
}

/// The first error reading a file's text finds.
fn first_error(path: &Path, text: &str) -> Option<crate::diagnostic::Diagnostic> {
    let plain = text.strip_prefix('\u{FEFF}').unwrap_or(text).to_string();
    let (_, problems) = crate::content::parse_text("", path, plain);
    problems.into_iter().find(|d| d.is_error())
}

fn merge_front(
    text: &str,
    node: &OutlineNode,
    (order, key): (usize, &str),
    reset: bool,
) -> Result<Merged, String> {
    let front = FrontLines::new(text).map_err(|e| e.to_string())?;
    let mut m = Merger {
        front,
        changes: Changes::default(),
    };
    m.set("title", Value::String(node.title.clone()));
    if reset {
        m.reset();
    }
    if let Some(status) = node.status {
        m.status(status.key());
    }
    if let Some(icon) = &node.icon {
        m.set("icon", Value::String(icon.clone()));
    }
    m.tags(&node.tags);
    if let Some(note) = &node.note {
        m.set("note", Value::String(note.clone()));
    }
    m.set("order", Value::from(order));
    m.set("source", Value::String(key.to_string()));
    Ok(m.done())
}

/// Sets `title:` in the site's `waymark.yaml`, keeping every other line.
pub fn merge_config(text: &str, title: &str) -> Result<Merged, String> {
    if let Err(e) = serde_saphyr::from_str::<Option<serde_json::Map<String, Value>>>(text) {
        return Err(format!(
            "{}; fix it or move the file away",
            e.without_snippet()
        ));
    }
    let mut m = Merger {
        front: FrontLines::yaml_file(text),
        changes: Changes::default(),
    };
    m.set("title", Value::String(title.to_string()));
    Ok(m.done())
}

struct Merger {
    front: FrontLines,
    changes: Changes,
}

impl Merger {
    /// The value a key has now, read as YAML.
    fn old(&self, key: &str) -> Option<Value> {
        let raw = self.front.raw(key)?;
        let map = serde_saphyr::from_str::<serde_json::Map<String, Value>>(&raw).ok()?;
        map.get(key).cloned()
    }

    /// Sets a key unless it already has this value, naming the change.
    fn set(&mut self, key: &str, value: Value) {
        let old = self.old(key);
        if old.as_ref() == Some(&value) {
            return;
        }
        self.write(key, old, &value);
    }

    fn write(&mut self, key: &str, old: Option<Value>, value: &Value) {
        let new = yaml(value);
        let before = &KEYS[..KEYS.iter().position(|k| *k == key).unwrap_or(0)];
        self.front.set_or_insert(key, &new, before);
        self.changes.made.push(match old {
            Some(old) if !old.is_null() => format!("{key}: {} → {new}", yaml(&old)),
            _ => format!("{key}: {new} added"),
        });
    }

    /// The status the text gives to a file without one. A status the file has is the
    /// user's progress, set since the last import: it is kept, and a different one in the
    /// text is named.
    fn status(&mut self, key: &str) {
        let old = self.old("status");
        // `status: auto` is the user's choice too: the status follows the subtopics.
        if old
            .as_ref()
            .and_then(Value::as_str)
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("auto"))
        {
            self.changes
                .kept
                .push(format!("status: auto, the text says {key}"));
            return;
        }
        match old.as_ref().and_then(Value::as_str).and_then(Status::parse) {
            Some(now) if now.key() == key => {}
            Some(now) => self
                .changes
                .kept
                .push(format!("status: {now}, the text says {key}")),
            None => {
                self.front.set_or_insert("status", key, &KEYS[..1]);
                self.changes.made.push(format!("status: {key} added"));
            }
        }
    }

    /// `--reset`: a status the file has becomes `not-started`, and its dates go.
    fn reset(&mut self) {
        let old = self.old("status");
        let now = old.as_ref().and_then(Value::as_str).and_then(Status::parse);
        if let Some(now) = now.filter(|s| *s != Status::NotStarted) {
            self.front
                .set_or_insert("status", "not-started", &KEYS[..1]);
            self.changes
                .made
                .push(format!("status: {now} → not-started"));
        }
        for key in ["started", "completed"] {
            if let Some(line) = self.front.remove(key) {
                self.changes.made.push(format!("{line} removed"));
            }
        }
    }

    /// The file's tags and, after them, those of the text it lacks: tags are only added.
    fn tags(&mut self, tags: &[String]) {
        let old = self.old("tags");
        let mut all: Vec<String> = match &old {
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        };
        let had = all.len();
        for t in tags {
            if !all.contains(t) {
                all.push(t.clone());
            }
        }
        if all.len() > had {
            let list = Value::Array(all.into_iter().map(Value::String).collect());
            self.write("tags", old, &list);
        }
    }

    fn done(self) -> Merged {
        Merged {
            text: self.front.text(),
            changes: self.changes,
        }
    }
}

/// A value as import writes it: text quoted, lists in brackets.
fn yaml(value: &Value) -> String {
    match value {
        Value::String(s) => quote(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(yaml).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    #[test]
    fn merging_keeps_the_notes_and_reads_back_clean() {
        let node = OutlineNode {
            title: "Git: basics".into(),
            status: Some(Status::InProgress),
            tags: vec!["Core".into()],
            note: Some("daily".into()),
            icon: Some("🌳".into()),
            children: Vec::new(),
            blocked: false,
        };
        let texts = [
            "",
            "notes only\n",
            "---\n---\nbody\n",
            "\u{FEFF}---\r\ntitle: Old\r\ntags:\r\n- a\r\n- b\r\n---\r\nbody\r\n",
            "---\ntitle: >\n  Long\n  title\nstatus: done # mine\ncompleted: 2024-01-01\n---\nbody\n---\nmore\n",
            "---\ntags: [a,\n  b]\nresources:\n  - {title: T, url: u}\nnote: |\n  two\n  lines\n---\n",
        ];
        for text in texts {
            let m = merge_topic(Path::new("t.md"), text, &node, (3, "Git: basics"), false)
                .unwrap_or_else(|e| panic!("{text:?}: {e}"));
            let plain = m.text.trim_start_matches('\u{FEFF}').to_string();
            let (file, problems) = crate::content::parse_text("t.md", Path::new("t.md"), plain);
            assert!(problems.iter().all(|d| !d.is_error()), "{:?}", m.text);
            let Some(file) = file else { panic!("{text:?}") };
            let body = text
                .split_once("---\n")
                .and_then(|(_, r)| r.split_once("---\n"));
            if let Some((_, body)) = body {
                assert_eq!(file.body(), body, "{text:?} → {:?}", m.text);
            }
            let fm = &file.front;
            assert_eq!(fm.title.as_deref(), Some("Git: basics"));
            assert_eq!(fm.order, Some(3));
            assert!(fm.tags.contains(&"Core".to_string()), "{:?}", m.text);
            assert!(fm.status.is_some(), "{:?}", m.text);
        }
    }
}
