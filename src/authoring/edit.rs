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
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    let nl = if body.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = body.split_inclusive('\n').map(str::to_string).collect();
    let has_front = lines.first().is_some_and(|l| l.trim_end() == "---");
    let close = if has_front {
        lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim_end(), "---" | "..."))
            .map(|p| p + 1)
    } else {
        None
    };
    if has_front && close.is_none() {
        bail!("its front matter is never closed (no `---` line after it); close it first");
    }
    let Some(close) = close else {
        let mut head = format!("---{nl}status: {status}{nl}");
        for line in dates(status, today, &[]) {
            head.push_str(&line);
            head.push_str(nl);
        }
        head.push_str(&format!("---{nl}"));
        return Ok(format!("{bom}{head}{body}"));
    };
    let keys: Vec<String> = lines[1..close]
        .iter()
        .map(|l| key_of(l).to_string())
        .collect();
    let status_at = keys.iter().position(|k| k == "status").map(|p| p + 1);
    let insert_at = match status_at {
        Some(at) => {
            let below = value_below(&lines[at]);
            lines[at] = replace_value(&lines[at], status.key());
            // A value written on the lines below the key (`status:` then `  done`) goes.
            if below {
                while lines
                    .get(at + 1)
                    .is_some_and(|l| at + 1 < close && l.starts_with([' ', '\t']))
                {
                    lines.remove(at + 1);
                }
            }
            at + 1
        }
        None => {
            let mut after_title = keys.iter().position(|k| k == "title").map_or(1, |p| p + 2);
            while after_title < close && lines[after_title].starts_with([' ', '\t']) {
                after_title += 1;
            }
            lines.insert(after_title, format!("status: {status}{nl}"));
            after_title + 1
        }
    };
    let present: Vec<&str> = keys.iter().map(String::as_str).collect();
    for (i, line) in dates(status, today, &present).into_iter().enumerate() {
        lines.insert(insert_at + i, format!("{line}{nl}"));
    }
    Ok(format!("{bom}{}", lines.concat()))
}

fn dates(status: Status, today: &str, present: &[&str]) -> Vec<String> {
    let key = match status {
        Status::InProgress => "started",
        Status::Done => "completed",
        _ => return Vec::new(),
    };
    if present.contains(&key) {
        Vec::new()
    } else {
        vec![format!("{key}: {today}")]
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
