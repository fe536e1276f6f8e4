//! `waymark import` and `waymark tree`: text roadmaps (box-drawing trees, ascii trees, markdown
//! checklists) in and out, with mis-decoded UTF-8 repaired on the way in.

mod encoding;
mod item;
mod layout;
mod merge;
mod parse;
mod text_tree;
mod write;

pub use merge::Changes;
pub use text_tree::{TreeOptions, print_tree, to_ascii};
pub use write::{Outcome, Written, write_content};

/// Where a topic stands, as text roadmaps mark it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStatus {
    /// ✅, ✔, ✓, ☑ or `[x]`.
    Done,
    /// ⏳, 🔄, 🚧, `[~]` or `[/]`.
    InProgress,
    /// ⏸️, ❌, ☐ or `[ ]`.
    NotStarted,
    /// ⏭️ or `[-]`.
    Skipped,
}

impl TextStatus {
    /// The front matter value.
    pub fn key(self) -> &'static str {
        match self {
            TextStatus::Done => "done",
            TextStatus::InProgress => "in-progress",
            TextStatus::NotStarted => "not-started",
            TextStatus::Skipped => "skipped",
        }
    }
}

/// One node of a roadmap as plain text knows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextNode {
    /// The title, markers and suffixes removed.
    pub title: String,
    /// The status marker, if any; none for an untracked group.
    pub status: Option<TextStatus>,
    /// Trailing `[Tag]`s.
    pub tags: Vec<String>,
    /// A trailing `(note)`.
    pub note: Option<String>,
    /// A leading emoji.
    pub icon: Option<String>,
    /// The nodes below.
    pub children: Vec<TextNode>,
}

/// A whole roadmap parsed from text: its title (first line) and top-level sections.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextRoadmap {
    /// The roadmap's title.
    pub title: String,
    /// The top-level items.
    pub sections: Vec<TextNode>,
}

/// Why a text roadmap could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("{l}: ")).unwrap_or_default())]
pub struct ImportError {
    /// The 1-based line the problem is on, if it is on one.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl ImportError {
    fn new(line: Option<usize>, message: impl Into<String>) -> Self {
        ImportError {
            line,
            message: message.into(),
        }
    }
}

/// Reads a text roadmap in any supported format and encoding; never panics.
///
/// Accepts UTF-8 (with or without a BOM), UTF-16 with a BOM, UTF-8 that was read as Windows-1252
/// or 1254 and saved again (repaired), and plain Windows-1252. The first line is the title.
pub fn parse_roadmap(bytes: &[u8]) -> Result<TextRoadmap, ImportError> {
    let text = if let Some(t) = utf16(bytes) {
        encoding::settle(t)
    } else {
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(ImportError::new(
                Some(line),
                format!(
                    "this is a binary file (NUL byte at offset {at}); import takes a text roadmap"
                ),
            ));
        }
        encoding::decode(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    parse::parse_text(text)
}

/// UTF-16 text with a byte order mark (what Windows Notepad calls "Unicode").
fn utf16(bytes: &[u8]) -> Option<String> {
    let (rest, little) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units: Vec<u16> = rest
        .chunks_exact(2)
        .map(|p| {
            let pair = [p[0], p[1]];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// Counts of a roadmap's nodes, for summaries and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Nodes with a status.
    pub tracked: usize,
    /// Done.
    pub done: usize,
    /// In progress.
    pub in_progress: usize,
    /// Not started.
    pub not_started: usize,
    /// Skipped.
    pub skipped: usize,
    /// Nodes without a status below the sections.
    pub untracked_groups: usize,
    /// Top-level items.
    pub sections: usize,
}

impl TextRoadmap {
    /// Counts nodes by status.
    pub fn tally(&self) -> Tally {
        let mut t = Tally {
            sections: self.sections.len(),
            ..Tally::default()
        };
        fn walk(n: &TextNode, depth: usize, t: &mut Tally) {
            match n.status {
                Some(TextStatus::Done) => t.done += 1,
                Some(TextStatus::InProgress) => t.in_progress += 1,
                Some(TextStatus::NotStarted) => t.not_started += 1,
                Some(TextStatus::Skipped) => t.skipped += 1,
                None if depth > 1 => t.untracked_groups += 1,
                None => {}
            }
            for c in &n.children {
                walk(c, depth + 1, t);
            }
        }
        for s in &self.sections {
            walk(s, 1, &mut t);
        }
        t.tracked = t.done + t.in_progress + t.not_started + t.skipped;
        t
    }
}
