//! The outline as text: a markdown checklist, markmap's markdown and OPML.

use super::{Node, Outline, escape};
use crate::model::Status;
use std::fmt::Write;

/// A title as markdown text that reads back as the same words: the characters that could
/// open markup are escaped with a backslash (CommonMark allows it before any punctuation).
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '&' | '!' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The checkbox of a status, and what follows the title: `[x]` only for done.
fn check(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Done => ("[x] ", ""),
        Status::InProgress => ("[ ] ", " *(in progress)*"),
        Status::NotStarted => ("[ ] ", ""),
        Status::Skipped => ("[ ] ", " *(skipped)*"),
    }
}

/// One list item: the checkbox (none for an untracked group, whose title is bold), the title
/// linked to its page when the base URL is known, the status words and the percent.
fn item(outline: &Outline, n: &Node) -> String {
    let title = escape_markdown(&n.title);
    let title = match outline.link(n) {
        Some(url) => format!("[{title}](<{url}>)"),
        None => title,
    };
    let mut line = match n.status {
        Some(s) => {
            let (box_, after) = check(s);
            format!("{box_}{title}{after}")
        }
        None => format!("**{title}**"),
    };
    if let Some(p) = n.percent {
        let _ = write!(line, " — {p}%");
    }
    line
}

/// A nested checklist for a GitHub README: `- [x]` for done topics.
pub fn markdown(outline: &Outline) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n",
        escape_markdown(&outline.title),
        outline.summary
    );
    for n in &outline.nodes {
        let indent = "  ".repeat(n.depth - 1);
        let _ = writeln!(out, "{indent}- {}", item(outline, n));
    }
    out
}

/// Markdown for markmap: its front matter, the title as the root, sections as headings and
/// their topics as checklists.
pub fn markmap(outline: &Outline) -> String {
    let title = escape_markdown(&outline.title);
    let mut out = format!(
        "---\ntitle: {}\nmarkmap:\n  colorFreezeLevel: 2\n  initialExpandLevel: 3\n---\n\n# {title}\n",
        serde_json::to_string(&outline.title).unwrap_or_default()
    );
    for n in &outline.nodes {
        if n.depth == 1 {
            let _ = write!(out, "\n## {}\n\n", item(outline, n));
        } else {
            let indent = "  ".repeat(n.depth - 2);
            let _ = writeln!(out, "{indent}- {}", item(outline, n));
        }
    }
    out
}

/// Text for an XML attribute value.
fn escape_xml(text: &str) -> String {
    escape(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\n' => Some("&#10;"),
        _ => None,
    })
}

/// OPML 2.0 for outliners: one `<outline>` per node, nested, with its status in `_status`
/// and words, and a link to its page when the base URL is known.
pub fn opml(outline: &Outline) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head>\n<title>{}</title>\n</head>\n<body>\n",
        escape_xml(&outline.title)
    );
    let nodes = &outline.nodes;
    for (i, n) in nodes.iter().enumerate() {
        let indent = "  ".repeat(n.depth);
        let _ = write!(out, "{indent}<outline text=\"{}\"", escape_xml(&n.title));
        if let Some(s) = n.status {
            let _ = write!(out, " _status=\"{}\" _note=\"{}\"", s.key(), s.label());
        }
        if let Some(url) = outline.link(n) {
            let _ = write!(out, " type=\"link\" url=\"{}\"", escape_xml(&url));
        }
        let next_depth = nodes.get(i + 1).map_or(1, |m| m.depth);
        if next_depth > n.depth {
            out.push_str(">\n");
            continue;
        }
        out.push_str("/>\n");
        for d in (next_depth..n.depth).rev() {
            let _ = writeln!(out, "{}</outline>", "  ".repeat(d));
        }
    }
    out.push_str("</body>\n</opml>\n");
    out
}
