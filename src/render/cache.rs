//! What the previous render produced, so a rebuild re-renders only the notes and pages whose
//! inputs changed: the basis of `serve`'s incremental rebuilds, and harmless for `build`.

use super::markdown::Notes;
use super::visitor::SearchText;
use crate::diagnostic::Diagnostic;
use crate::hash::FastHash;
use std::collections::HashMap;
use std::sync::Arc;

/// One topic's notes as rendered: the HTML (emptied once its page is made, unless a cache
/// keeps it), what search keeps of the text, and the problems found.
#[derive(Debug, Default)]
pub struct NotesEntry {
    /// The rendered notes; `notes.plain` is emptied once summarized.
    pub notes: Notes,
    /// What the search index keeps.
    pub search: SearchText,
    /// Broken links and other problems in the notes.
    pub problems: Vec<Diagnostic>,
}

/// Rendered notes, shared between renders.
pub type RenderedNotes = Arc<NotesEntry>;

/// Rendered notes and pages of one render, keyed by a fingerprint of what made them. A
/// default cache is off: a one-off build neither looks things up nor keeps copies.
#[derive(Debug, Default, Clone)]
pub struct RenderCache {
    /// Whether renders look up and keep entries.
    pub enabled: bool,
    /// Per content file: fingerprint of its text and of the link targets, notes, problems.
    pub(super) notes: HashMap<String, (u64, RenderedNotes), FastHash>,
    /// Per topic page path: fingerprint of its template context and the page's bytes.
    pub(super) pages: HashMap<String, (u64, Arc<Vec<u8>>), FastHash>,
    /// Rows of the index's tree as template values, by fingerprint of what they show.
    pub(super) rows: TreeRows,
}

/// Rows of the index's tree as template values, by fingerprint.
pub type TreeRows = HashMap<u64, tera::Value, FastHash>;

impl RenderCache {
    /// An empty cache that renders will fill, for rebuilding again and again.
    pub fn enabled() -> Self {
        Self::keeping(true)
    }

    pub(super) fn keeping(enabled: bool) -> Self {
        RenderCache {
            enabled,
            ..RenderCache::default()
        }
    }
}

/// How much of a render was done afresh.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Topic pages rendered with the template engine.
    pub pages_rendered: usize,
    /// Topic pages reused from the previous render.
    pub pages_reused: usize,
    /// Notes rendered from markdown.
    pub notes_rendered: usize,
}
