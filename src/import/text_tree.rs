//! Prints a roadmap as a text tree, like the user's original: box drawing or plain ascii.

use super::parse::{Format, is_item_line, is_rail};
use crate::model::{Outline, OutlineNode, Status};

/// How to print a tree.
#[derive(Debug, Clone, Copy, Default)]
pub struct TreeOptions {
    /// Plain ascii rails and `[x]` markers instead of box drawing and status emoji (icons stay).
    pub ascii: bool,
    /// Print this many levels at most (1: sections only, 0: the title only).
    pub depth: Option<usize>,
}

struct Style {
    branch: &'static str,
    last: &'static str,
    rail: &'static str,
    gap: &'static str,
}

const BOX: Style = Style {
    branch: "├── ",
    last: "└── ",
    rail: "│   ",
    gap: "    ",
};
const ASCII: Style = Style {
    branch: "|-- ",
    last: "`-- ",
    rail: "|   ",
    gap: "    ",
};

/// The roadmap as text, a line per node, ending in a newline: the title, then each node as
/// `status icon title [tag] (note) — done/total — 🔒 blocked`, the count on every node with
/// tracked descendants (skipped ones not counted), the lock on a blocked not-started topic. With `ascii`, every byte is ASCII: the rails are
/// `|-- `, the statuses `[x] [~] [ ] [-]`, the count follows ` -- `, icons are left out and
/// titles, tags and notes are transliterated ([`to_ascii`]). Importing the box form gives back
/// the same roadmap, and importing the ascii form gives back its [`to_ascii`] (unless `depth`
/// cut either short).
pub fn print_tree(roadmap: &Outline, opts: &TreeOptions) -> String {
    if opts.ascii {
        print(&to_ascii(roadmap), opts, &ASCII)
    } else {
        print(roadmap, opts, &BOX)
    }
}

/// The roadmap as the ascii tree shows it: icons left out, and titles, tags and notes
/// transliterated to ASCII (`Café` → `Cafe`, `—` → `--`, an unknown character → `?`).
pub fn to_ascii(roadmap: &Outline) -> Outline {
    fn node(n: &OutlineNode) -> OutlineNode {
        OutlineNode {
            title: plain(&n.title),
            status: n.status,
            tags: n.tags.iter().map(|t| plain(t)).collect(),
            note: n.note.as_deref().map(plain),
            icon: None,
            children: n.children.iter().map(node).collect(),
            blocked: n.blocked,
        }
    }
    Outline {
        title: plain(&roadmap.title),
        sections: roadmap.sections.iter().map(node).collect(),
    }
}

/// `text` in ASCII, spaces collapsed where a dropped character left two.
fn plain(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let ascii = deunicode::deunicode_with_tofu(text, "?");
    ascii.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn print(roadmap: &Outline, opts: &TreeOptions, style: &Style) -> String {
    let mut out = String::new();
    if !opts.ascii {
        out.push_str("🌳 ");
    } else if needs_heading_mark(&roadmap.title) {
        out.push_str("# ");
    }
    out.push_str(&roadmap.title);
    out.push('\n');
    if opts.depth == Some(0) {
        return out;
    }
    let rail_line = style.rail.trim_end();
    for (i, section) in roadmap.sections.iter().enumerate() {
        out.push_str(rail_line);
        out.push('\n');
        let last = i + 1 == roadmap.sections.len();
        node(&mut out, section, "", last, 1, opts, style);
    }
    out
}

/// Whether an ascii title line would not read back as the title by itself: it would look like
/// a heading mark, a rail, a marker, an emoji or an item.
fn needs_heading_mark(title: &str) -> bool {
    let plain = super::item::parse_title(title);
    plain != title
        || title.starts_with('#')
        || is_rail(title)
        || is_item_line(Format::Ascii, title)
        || is_item_line(Format::Box, title)
}

fn node(
    out: &mut String,
    n: &OutlineNode,
    prefix: &str,
    last: bool,
    depth: usize,
    opts: &TreeOptions,
    style: &Style,
) {
    out.push_str(prefix);
    out.push_str(if last { style.last } else { style.branch });
    out.push_str(&label(n, opts.ascii));
    out.push('\n');
    if opts.depth.is_some_and(|d| depth >= d) {
        return;
    }
    let child_prefix = format!("{prefix}{}", if last { style.gap } else { style.rail });
    for (i, c) in n.children.iter().enumerate() {
        node(
            out,
            c,
            &child_prefix,
            i + 1 == n.children.len(),
            depth + 1,
            opts,
            style,
        );
    }
}

fn label(n: &OutlineNode, ascii: bool) -> String {
    let mut parts = Vec::new();
    if let Some(s) = n.status {
        parts.push(marker(s, ascii).to_string());
    }
    if let Some(icon) = &n.icon {
        parts.push(icon.clone());
    }
    parts.push(n.title.clone());
    parts.extend(n.tags.iter().map(|t| format!("[{t}]")));
    if let Some(note) = &n.note {
        parts.push(format!("({note})"));
    }
    let mut text = parts.join(" ");
    let p = n.progress();
    if p.countable() > 0 {
        let dash = if ascii { "--" } else { "—" };
        text.push_str(&format!(" {dash} {}/{}", p.done, p.countable()));
    }
    if n.blocked {
        text.push_str(if ascii { BLOCKED_ASCII } else { BLOCKED });
    }
    text
}

/// What ends the line of a blocked topic (not started, waiting on a requirement); import
/// drops it, as it does the count.
pub(super) const BLOCKED: &str = " — 🔒 blocked";
/// The same in the ascii tree.
pub(super) const BLOCKED_ASCII: &str = " -- blocked";

/// The status's emoji, or its task box in ascii.
fn marker(s: Status, ascii: bool) -> &'static str {
    match (s, ascii) {
        (_, false) => s.emoji(),
        (Status::Done, true) => "[x]",
        (Status::InProgress, true) => "[~]",
        (Status::NotStarted, true) => "[ ]",
        (Status::Skipped, true) => "[-]",
    }
}
