//! Changes one front matter line in place, leaving every other byte of the file as it was.

use crate::model::Status;

/// The file's text with `status:` set (and `started:`/`completed:` added when absent and
/// the new status calls for them). Line endings and a byte-order mark are kept.
pub fn set_status(text: &str, status: Status, today: &str) -> String {
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
    let Some(close) = close else {
        let mut head = format!("---{nl}status: {status}{nl}");
        for line in dates(status, today, &[]) {
            head.push_str(&line);
            head.push_str(nl);
        }
        head.push_str(&format!("---{nl}"));
        return format!("{bom}{head}{body}");
    };
    let keys: Vec<String> = lines[1..close]
        .iter()
        .map(|l| key_of(l).to_string())
        .collect();
    let status_at = keys.iter().position(|k| k == "status").map(|p| p + 1);
    let insert_at = match status_at {
        Some(at) => {
            lines[at] = replace_value(&lines[at], status.key());
            at + 1
        }
        None => {
            let after_title = keys.iter().position(|k| k == "title").map_or(1, |p| p + 2);
            lines.insert(after_title, format!("status: {status}{nl}"));
            after_title + 1
        }
    };
    let present: Vec<&str> = keys.iter().map(String::as_str).collect();
    for (i, line) in dates(status, today, &present).into_iter().enumerate() {
        lines.insert(insert_at + i, format!("{line}{nl}"));
    }
    format!("{bom}{}", lines.concat())
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
    let ending = if line.ends_with('\n') {
        if line.ends_with("\r\n") { "\r\n" } else { "\n" }
    } else {
        ""
    };
    let (key, rest) = content.split_once(':').unwrap_or((content, ""));
    let comment = rest
        .find(" #")
        .map_or("", |i| &rest[rest[..i].trim_end().len()..]);
    format!("{key}: {value}{comment}{ending}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_only_the_status_line() {
        let text =
            "---\ntitle: \"Git\"  # mine\nstatus: todo   # from the list\ntags: [a]\n---\nnotes\n";
        let out = set_status(text, Status::NotStarted, "2026-01-02");
        assert_eq!(
            out,
            "---\ntitle: \"Git\"  # mine\nstatus: not-started   # from the list\ntags: [a]\n---\nnotes\n"
        );
    }

    #[test]
    fn adds_dates_keeps_crlf_and_bom() {
        let text = "\u{FEFF}---\r\ntitle: Git\r\nstatus: todo\r\n---\r\nbody";
        let out = set_status(text, Status::Done, "2026-01-02");
        assert_eq!(
            out,
            "\u{FEFF}---\r\ntitle: Git\r\nstatus: done\r\ncompleted: 2026-01-02\r\n---\r\nbody"
        );
        let started = set_status(
            "---\ntitle: A\nstarted: 2025-01-01\n---\n",
            Status::InProgress,
            "2026-01-02",
        );
        assert_eq!(
            started,
            "---\ntitle: A\nstatus: in-progress\nstarted: 2025-01-01\n---\n"
        );
        let bare = set_status("# Notes\n", Status::InProgress, "2026-01-02");
        assert_eq!(
            bare,
            "---\nstatus: in-progress\nstarted: 2026-01-02\n---\n# Notes\n"
        );
    }
}
