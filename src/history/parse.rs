//! Reads `git log -M -p --unified=0` as a stream: each commit's hash and date, then for each
//! file its paths (renames and creations included) and the `status:` lines removed and
//! added. Commits come newest first, so a rename maps the older path to the file's path now.

use super::Change;
use crate::content::Status;
use std::collections::HashMap;
use std::io::BufRead;

/// What one file's diff in one commit says.
#[derive(Default)]
struct FileDiff {
    /// The paths on the `diff --git a/… b/…` line, when they could be split.
    header: Option<(String, String)>,
    /// `--- a/…`, `rename from …`: the path before; `None` for `/dev/null`.
    old: Option<String>,
    /// `+++ b/…`, `rename to …`: the path after; `None` for `/dev/null`.
    new: Option<String>,
    created: bool,
    /// Inside the hunks, where `---` and `+++` are lines of the file.
    in_hunks: bool,
    /// The first `status:` line removed and added.
    removed: Option<Option<Status>>,
    added: Option<Option<Status>>,
}

/// The history being read.
#[derive(Default)]
struct Reader {
    /// A path at the point of history being read → the file's path now; `None` when the
    /// path held another file then, or none that is still there.
    alias: HashMap<String, Option<String>>,
    /// The commit being read: abbreviated hash and date.
    commit: (String, String),
    file: Option<FileDiff>,
    /// Per path now, changes newest first.
    out: HashMap<String, Vec<Change>>,
}

/// Every file's status changes, oldest first, by its path now.
pub fn changes(mut input: impl BufRead) -> HashMap<String, Vec<Change>> {
    let mut r = Reader::default();
    let mut buf = Vec::with_capacity(256);
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&buf);
        r.line(line.trim_end_matches(['\n', '\r']));
    }
    r.finish_file();
    let mut out = r.out;
    for changes in out.values_mut() {
        changes.reverse();
        // Branches merged later may interleave: the order is by date, git's order within it.
        changes.sort_by(|a, b| a.date.cmp(&b.date));
    }
    out
}

impl Reader {
    fn line(&mut self, line: &str) {
        if let Some(head) = line.strip_prefix('\u{1e}') {
            self.finish_file();
            let (hash, date) = head.split_once(' ').unwrap_or((head, ""));
            self.commit = (hash.to_string(), date.to_string());
            return;
        }
        if let Some(paths) = line.strip_prefix("diff --git ") {
            self.finish_file();
            self.file = Some(FileDiff {
                header: split_header(paths),
                ..FileDiff::default()
            });
            return;
        }
        let Some(f) = self.file.as_mut() else {
            return;
        };
        if line.starts_with("@@") {
            f.in_hunks = true;
        } else if f.in_hunks {
            if let Some(value) = line.strip_prefix("-status:") {
                f.removed.get_or_insert(status_of(value));
            } else if let Some(value) = line.strip_prefix("+status:") {
                f.added.get_or_insert(status_of(value));
            }
        } else if let Some(p) = line.strip_prefix("--- ") {
            f.old = side(p, "a/");
        } else if let Some(p) = line.strip_prefix("+++ ") {
            f.new = side(p, "b/");
        } else if let Some(p) = line.strip_prefix("rename from ") {
            f.old = Some(unquote(p));
        } else if let Some(p) = line.strip_prefix("rename to ") {
            f.new = Some(unquote(p));
        } else if line.starts_with("new file mode") {
            f.created = true;
        }
    }

    /// The path now of what was at `path` at the point of history being read.
    fn resolve(&self, path: &str) -> Option<String> {
        self.alias
            .get(path)
            .cloned()
            .unwrap_or_else(|| Some(path.to_string()))
    }

    /// Records the file diff just read, and the rename or creation it makes.
    fn finish_file(&mut self) {
        let Some(f) = self.file.take() else {
            return;
        };
        let (head_old, head_new) = f.header.unwrap_or_default();
        let new = f.new.clone().or(f.old.clone()).unwrap_or(head_new);
        let old = f.old.clone().unwrap_or(head_old);
        let now = self.resolve(&new);
        let (from, to) = (f.removed.flatten(), f.added.flatten());
        if (f.removed.is_some() || f.added.is_some())
            && from != to
            && let Some(now) = &now
        {
            self.out.entry(now.clone()).or_default().push(Change {
                date: self.commit.1.clone(),
                commit: self.commit.0.clone(),
                from,
                to,
            });
        }
        if f.created {
            self.alias.insert(new, None);
        } else if old != new && f.old.is_some() && f.new.is_some() {
            self.alias.insert(old, now);
            self.alias.insert(new, None);
        }
    }
}

/// The status a `status:` line's value names, if any: a comment, quotes and spaces around it
/// are dropped.
fn status_of(value: &str) -> Option<Status> {
    let value = match value.find(" #") {
        Some(at) => &value[..at],
        None => value,
    };
    let value = value.trim().trim_matches(['"', '\'']);
    Status::parse(value)
}

/// A path of a `---` or `+++` line without its `a/` or `b/`; `None` for `/dev/null`.
fn side(path: &str, prefix: &str) -> Option<String> {
    let path = unquote(path);
    path.strip_prefix(prefix).map(str::to_string)
}

/// The two paths of `diff --git a/X b/Y`, when they can be told apart (always, but for
/// unquoted paths holding ` b/`).
fn split_header(paths: &str) -> Option<(String, String)> {
    if let Some(quoted) = paths.strip_prefix('"') {
        let end = quoted.find("\" ")? + 2;
        let (a, b) = (unquote(&paths[..end]), unquote(paths[end..].trim_start()));
        return Some((a.strip_prefix("a/")?.into(), b.strip_prefix("b/")?.into()));
    }
    let (a, b) = paths.split_once(" b/")?;
    Some((a.strip_prefix("a/")?.to_string(), b.to_string()))
}

/// A path as git prints it, C-quoted when it holds quotes, backslashes or control
/// characters (other bytes are printed as they are: `core.quotePath=false`).
fn unquote(text: &str) -> String {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return text.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(d @ b'0'..=b'7') => {
                let mut n = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&d @ b'0'..=b'7') = it.peek() {
                        n = n * 8 + u32::from(d - b'0');
                        it.next();
                    }
                }
                bytes.push(n as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\u{1e}c3 2024-03-05

diff --git a/web/flask.md b/web/flask.md
index 1..2 100644
--- a/web/flask.md
+++ b/web/flask.md
@@ -2 +2 @@
-status: in-progress
+status: done # finally
\u{1e}b2 2024-02-01

diff --git a/flask.md b/web/flask.md
similarity index 90%
rename from flask.md
rename to web/flask.md
index 1..2 100644
--- a/flask.md
+++ b/web/flask.md
@@ -2 +2 @@
-status: todo
+status: \"in-progress\"
\u{1e}a1 2024-01-10

diff --git a/flask.md b/flask.md
new file mode 100644
--- /dev/null
+++ b/flask.md
@@ -0,0 +1,4 @@
+---
+status: todo
+---
+--- status: done
";

    #[test]
    fn renames_are_followed_and_statuses_read() {
        let out = changes(LOG.as_bytes());
        let flask = &out["web/flask.md"];
        let seen: Vec<(&str, Option<Status>, Option<Status>)> = flask
            .iter()
            .map(|c| (c.date.as_str(), c.from, c.to))
            .collect();
        assert_eq!(
            seen,
            [
                ("2024-01-10", None, Some(Status::NotStarted)),
                (
                    "2024-02-01",
                    Some(Status::NotStarted),
                    Some(Status::InProgress)
                ),
                ("2024-03-05", Some(Status::InProgress), Some(Status::Done)),
            ]
        );
        assert_eq!(flask[2].commit, "c3");
        assert!(!out.contains_key("flask.md"), "{out:?}");
    }

    #[test]
    fn quoted_paths() {
        assert_eq!(unquote(r#""a/caf\303\251 \"x\".md""#), "a/café \"x\".md");
        assert_eq!(
            split_header(r#""a/x y.md" "b/x y.md""#),
            Some(("x y.md".into(), "x y.md".into()))
        );
        assert_eq!(
            split_header("a/x.md b/y.md"),
            Some(("x.md".into(), "y.md".into()))
        );
    }
}
