//! Changes one front matter line in place, leaving every other byte of the file as it was.

use crate::model::Status;
use anyhow::{Result, bail};

/// The file's text with `status:` set (and `started:`/`completed:` added when absent and
/// the new status calls for them). Line endings and a byte-order mark are kept. Front matter
/// that is never closed is refused: an edit could not tell where it ends.
pub fn set_status(text: &str, status: Status, today: &str) -> Result<String> {
    let edited = edit(text, status, today)?;
    // The edit is read back before anything is written: a file it would break is refused.
    let read = |t: &str| {
        let t = t.strip_prefix('\u{FEFF}').unwrap_or(t).to_string();
        crate::content::parse_text("", std::path::Path::new(""), t)
    };
    let errors = |ds: &[crate::diagnostic::Diagnostic]| ds.iter().filter(|d| d.is_error()).count();
    let (_, before) = read(text);
    let (file, after) = read(&edited);
    let now = file.and_then(|f| f.front.status).map(|s| s.value);
    if now != Some(status) || errors(&after) > errors(&before) {
        let why = after
            .iter()
            .find(|d| d.is_error())
            .map_or_else(String::new, |d| format!(" ({})", d.message));
        bail!("its front matter could not be edited safely{why}; set `status: {status}` by hand");
    }
    Ok(edited)
}

fn edit(text: &str, status: Status, today: &str) -> Result<String> {
    let mut front = FrontLines::new(text)?;
    front.set_or_insert("status", status.key(), &["title"]);
    if status != Status::Done {
        // A topic that is no longer done has no completion date: `check` would warn.
        front.remove("completed");
    }
    if let Some(key) = date_key(status)
        && front.find(key).is_none()
    {
        // `started` always sits above `completed`.
        front.insert_after(key, today, &["status", "started"]);
    }
    Ok(front.text())
}

/// The date a status records: `started` for in-progress, `completed` for done.
pub fn date_key(status: Status) -> Option<&'static str> {
    match status {
        Status::InProgress => Some("started"),
        Status::Done => Some("completed"),
        _ => None,
    }
}

/// A file's lines with its front matter found, for edits that keep every other byte as it
/// was: line endings, a byte-order mark, comments and the order of the other keys.
pub struct FrontLines {
    bom: &'static str,
    nl: &'static str,
    lines: Vec<String>,
    /// The first line that may hold a key: 1 below an opening `---`, 0 in a YAML file.
    start: usize,
    /// The index of the closing `---` line (the line count in a YAML file).
    close: usize,
}

impl FrontLines {
    /// Finds the front matter; a file without one gets an empty block at its top. Front
    /// matter that is never closed is refused: an edit could not tell where it ends.
    pub fn new(text: &str) -> Result<Self> {
        let (bom, body) = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => ("\u{FEFF}", rest),
            None => ("", text),
        };
        let nl = if body.contains("\r\n") { "\r\n" } else { "\n" };
        let mut lines: Vec<String> = body.split_inclusive('\n').map(str::to_string).collect();
        if lines.first().is_none_or(|l| l.trim_end() != "---") {
            lines.splice(0..0, [format!("---{nl}"), format!("---{nl}")]);
            return Ok(FrontLines {
                bom,
                nl,
                lines,
                start: 1,
                close: 1,
            });
        }
        let Some(close) = lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim_end(), "---" | "..."))
        else {
            bail!("its front matter is never closed (no `---` line after it); close it first");
        };
        Ok(FrontLines {
            bom,
            nl,
            lines,
            start: 1,
            close: close + 1,
        })
    }

    /// A whole YAML file (such as `waymark.yaml`), every line of it a key's.
    pub fn yaml_file(text: &str) -> Self {
        let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut lines: Vec<String> = body.split_inclusive('\n').map(str::to_string).collect();
        let nl = if body.contains("\r\n") { "\r\n" } else { "\n" };
        if let Some(last) = lines.last_mut().filter(|l| !l.ends_with('\n')) {
            last.push_str(nl);
        }
        FrontLines {
            bom: if body.len() < text.len() {
                "\u{FEFF}"
            } else {
                ""
            },
            nl,
            close: lines.len(),
            lines,
            start: 0,
        }
    }

    /// The whole file's text again.
    pub fn text(&self) -> String {
        format!("{}{}", self.bom, self.lines.concat())
    }

    /// The line a top-level key is written on.
    pub fn find(&self, key: &str) -> Option<usize> {
        (self.start..self.close).find(|&i| key_of(&self.lines[i]) == key)
    }

    /// One past the last line of the value that starts on line `at`: the indented lines
    /// below it, and a list written below a key with no value of its own.
    fn value_end(&self, at: usize) -> usize {
        let below = value_below(&self.lines[at]);
        let mut end = at + 1;
        while end < self.close
            && (self.lines[end].starts_with([' ', '\t'])
                || (below && self.lines[end].starts_with('-')))
        {
            end += 1;
        }
        end
    }

    /// Sets a key's value (YAML, as written), keeping a trailing comment; a key not there yet
    /// goes after the first of `after` present, else first. Returns the value it replaced.
    pub fn set_or_insert(&mut self, key: &str, value: &str, after: &[&str]) -> Option<String> {
        let Some(at) = self.find(key) else {
            self.insert_after(key, value, after);
            return None;
        };
        let end = self.value_end(at);
        let old: String = self.lines[at..end].concat();
        self.lines[at] = replace_value(&self.lines[at], value);
        self.remove_lines(at + 1, end);
        let old = old.split_once(':').map_or("", |(_, v)| v);
        Some(
            old[..comment_start(old).unwrap_or(old.len())]
                .trim()
                .to_string(),
        )
    }

    /// Adds `key: value` after the value of the last of `after` that is present (after the
    /// opening `---` when none is).
    pub fn insert_after(&mut self, key: &str, value: &str, after: &[&str]) {
        let at = after
            .iter()
            .filter_map(|k| self.find(k))
            .map(|i| self.value_end(i))
            .max()
            .unwrap_or(self.start);
        self.lines.insert(at, format!("{key}: {value}{}", self.nl));
        self.close += 1;
    }

    /// A key's lines as written (`key: value` and the value's lines below), if it is there.
    pub fn raw(&self, key: &str) -> Option<String> {
        let at = self.find(key)?;
        Some(self.lines[at..self.value_end(at)].concat())
    }

    /// Removes a key and its value; returns the value's first line if it was there.
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let at = self.find(key)?;
        let end = self.value_end(at);
        let removed = self.lines[at].trim_end().to_string();
        self.remove_lines(at, end);
        Some(removed)
    }

    fn remove_lines(&mut self, from: usize, to: usize) {
        self.lines.drain(from..to);
        self.close -= to - from;
    }
}

/// The key of a top-level `key: value` line, or "" for anything else.
fn key_of(line: &str) -> &str {
    if line.starts_with([' ', '\t', '#', '-']) {
        return "";
    }
    line.split_once(':').map_or("", |(k, _)| k.trim())
}

/// `key: new` keeping the key's spelling, any trailing comment and the line ending.
fn replace_value(line: &str, value: &str) -> String {
    let content = line.trim_end_matches(['\r', '\n']);
    let ending = &line[content.len()..];
    let (key, rest) = content.split_once(':').unwrap_or((content, ""));
    let comment = comment_start(rest).map_or("", |i| &rest[rest[..i].trim_end().len()..]);
    format!("{key}: {value}{comment}{ending}")
}

/// Where a ` #` comment starts in a YAML value, outside quotes.
fn comment_start(value: &str) -> Option<usize> {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (None, '#') if prev == ' ' || prev == '\t' => return Some(i),
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q && prev != '\\' => quote = None,
            _ => {}
        }
        prev = c;
    }
    None
}

/// Whether the original line held no value, so the value was written on the lines below.
fn value_below(original: &str) -> bool {
    let (_, rest) = original.split_once(':').unwrap_or((original, ""));
    let rest = &rest[..comment_start(rest).unwrap_or(rest.len())];
    matches!(rest.trim(), "" | "|" | ">" | "|-" | ">-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, status: Status, today: &str) -> String {
        set_status(text, status, today).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn keeps_quoted_hashes_drops_a_value_below_and_refuses_unclosed() {
        assert_eq!(
            set("---\nstatus: \"a #b\" # c\n---\n", Status::Skipped, "x"),
            "---\nstatus: skipped # c\n---\n"
        );
        assert_eq!(
            set(
                "---\nstatus:\n  todo\ntags: [a]\n---\n",
                Status::Skipped,
                "x"
            ),
            "---\nstatus: skipped\ntags: [a]\n---\n"
        );
        assert_eq!(
            set(
                "---\ntitle: >\n  Long\n  title\ntags: [a]\n---\n",
                Status::Skipped,
                "x"
            ),
            "---\ntitle: >\n  Long\n  title\nstatus: skipped\ntags: [a]\n---\n"
        );
        assert!(set_status("---\ntitle: A\n", Status::Done, "x").is_err());
    }

    #[test]
    fn changes_only_the_status_line() {
        let text =
            "---\ntitle: \"Git\"  # mine\nstatus: todo   # from the list\ntags: [a]\n---\nnotes\n";
        let out = set(text, Status::NotStarted, "2026-01-02");
        assert_eq!(
            out,
            "---\ntitle: \"Git\"  # mine\nstatus: not-started   # from the list\ntags: [a]\n---\nnotes\n"
        );
    }

    #[test]
    fn adds_dates_keeps_crlf_and_bom() {
        let text = "\u{FEFF}---\r\ntitle: Git\r\nstatus: todo\r\n---\r\nbody";
        let out = set(text, Status::Done, "2026-01-02");
        assert_eq!(
            out,
            "\u{FEFF}---\r\ntitle: Git\r\nstatus: done\r\ncompleted: 2026-01-02\r\n---\r\nbody"
        );
        let started = set(
            "---\ntitle: A\nstarted: 2025-01-01\n---\n",
            Status::InProgress,
            "2026-01-02",
        );
        assert_eq!(
            started,
            "---\ntitle: A\nstatus: in-progress\nstarted: 2025-01-01\n---\n"
        );
        let bare = set("# Notes\n", Status::InProgress, "2026-01-02");
        assert_eq!(
            bare,
            "---\nstatus: in-progress\nstarted: 2026-01-02\n---\n# Notes\n"
        );
    }
}
