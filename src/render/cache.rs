//! What the previous render produced, so a rebuild renders again only the notes and files
//! whose inputs changed: the basis of `serve`'s incremental rebuilds, and off for `build`.

use super::job::{Made, Parts};
use super::markdown::Notes;
use super::memo::ViewMemo;
use super::rows::Runs;
use super::view::Markup;
use super::visitor::SearchText;
use crate::diagnostic::Diagnostic;
use crate::hash::FastHash;
use std::collections::HashMap;
use std::sync::Arc;

/// One topic's notes as rendered: the HTML (taken out once its page is made, unless a cache
/// or the print edition keeps it), what search keeps of the text, and the problems found.
#[derive(Debug, Default)]
pub struct NotesEntry {
    /// Links and anchors of the notes; `notes.html` and `notes.plain` are emptied.
    pub notes: Notes,
    /// The notes' HTML.
    pub html: Markup,
    /// What the search index keeps.
    pub search: SearchText,
    /// Broken links and other problems in the notes.
    pub problems: Vec<Diagnostic>,
}

/// Rendered notes, shared between renders.
pub type RenderedNotes = Arc<NotesEntry>;

/// Rendered notes and files of one render, keyed by a fingerprint of what made them. A
/// default cache is off: a one-off build neither looks things up nor keeps copies.
#[derive(Debug, Default, Clone)]
pub struct RenderCache {
    /// Whether renders look up and keep entries.
    pub enabled: bool,
    /// Per content file: fingerprint of its text and of the link targets, notes, problems.
    pub(super) notes: HashMap<String, (u64, RenderedNotes), FastHash>,
    /// Per file of the site: fingerprint of its view, maker and theme, and its bytes.
    pub(super) pages: Made,
    /// Parts of files (rows, entries) by the fingerprint of what made each.
    pub(super) parts: Parts,
    /// Per topic page: what its view read and came to, to tell whether it would change.
    pub(super) views: HashMap<String, ViewMemo, FastHash>,
    /// Runs of rows (the index's, the print edition's) as each row read and made them.
    pub(super) runs: Runs,
    /// Build every remembered view again and fail the render if one would have changed: for
    /// tests, which would otherwise see a stale page only when its bytes differ.
    pub check_views: bool,
}

impl RenderCache {
    /// An empty cache that renders will fill, for rebuilding again and again.
    pub fn enabled() -> Self {
        RenderCache {
            enabled: true,
            ..RenderCache::default()
        }
    }

    /// How many files the render that filled it made.
    pub fn pages_len(&self) -> usize {
        self.pages.len()
    }

    /// The bytes of the file at `path` as the render that filled it made it, if it kept them.
    pub fn page(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.pages.get(path).map(|(_, bytes)| bytes)
    }
}

/// How much of a render was done afresh.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Files made from their views (templates and data files).
    pub pages_rendered: usize,
    /// Files reused from the previous render.
    pub pages_reused: usize,
    /// Notes rendered from markdown.
    pub notes_rendered: usize,
    /// Parts of files (rows, entries, rebased notes) made afresh rather than reused.
    pub parts_made: usize,
}
