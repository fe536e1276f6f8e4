//! `waymark import` and `waymark tree`: text roadmaps (box-drawing trees, ascii trees, markdown
//! checklists) in and out, with mis-decoded UTF-8 repaired on the way in. Both go through the
//! model's [`Outline`], with the model's statuses.

mod encoding;
mod item;
mod layout;
mod merge;
mod parse;
mod text_tree;
mod write;

pub use layout::source_key;
pub use merge::Changes;
pub use text_tree::{TreeOptions, print_tree, to_ascii};
pub use write::{Mode, Outcome, Written, reset_outline, write_content, write_content_as};

use crate::model::Outline;

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
pub fn parse_roadmap(bytes: &[u8]) -> Result<Outline, ImportError> {
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
