//! Renders the roadmap into the site's files in memory: pages, badges, data files, assets.
//! Nothing here writes to disk.

pub mod badge;
pub mod cache;
mod effort_view;
mod files;
pub use files::progress_json;
mod job;
pub mod markdown;
mod memo;
mod pages;
mod print;
mod rows;
mod run;
pub mod theme;
mod topics;
pub mod view;
mod visitor;

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::FastHash;
use crate::model::Roadmap;
use cache::{RenderCache, RenderStats, RenderedNotes};
use job::Executor;
use run::{Kept, On, Ran, all_paths, first_failure, run_pages, take_memos};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use theme::Theme;
use view::Views;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path inside the site, with `/` separators.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What rendering needs: the loaded content, its roadmap, the settings and the theme.
pub struct Inputs<'a> {
    /// Files as read.
    pub content: &'a Content,
    /// The tree.
    pub roadmap: &'a Roadmap,
    /// Settings.
    pub config: &'a Config,
    /// Templates and assets.
    pub theme: &'a Theme,
}

/// A file of the built site whose bytes may be shared with the render cache: a page reused
/// from the previous render is that render's very allocation, so a caller holding the previous
/// pages can tell it unchanged without comparing bytes.
#[derive(Debug, Clone)]
pub struct SharedPage {
    /// Path inside the site, with `/` separators.
    pub path: String,
    /// The file's bytes.
    pub bytes: Arc<Vec<u8>>,
}

impl SharedPage {
    /// The page with bytes of its own.
    pub fn into_page(self) -> Page {
        Page {
            path: self.path,
            bytes: Arc::unwrap_or_clone(self.bytes),
        }
    }
}

impl From<Page> for SharedPage {
    fn from(p: Page) -> Self {
        SharedPage {
            path: p.path,
            bytes: Arc::new(p.bytes),
        }
    }
}

/// Where rendered files go as they are made, from any rendering thread, so a build can write
/// pages while others are still rendering instead of holding the whole site in memory.
pub trait PageSink: Sync {
    /// Takes one finished file. A sink that fails keeps the failure to report at the end.
    fn accept(&self, page: &SharedPage);

    /// Takes a file that the render cache gave back as the previous render made it, bytes and
    /// all; by default as any other file. `serve`, which published those very bytes last time,
    /// need not look at it again.
    fn accept_reused(&self, page: &SharedPage) {
        self.accept(page);
    }

    /// Every topic's page has been accepted and every topic's notes checked without an error,
    /// while the site-wide pages (index, map, tags, search…) may still be rendering: `serve`
    /// shows the edited topic's page now rather than after them. Called at most once per
    /// render; the render may still fail afterwards.
    fn topics_done(&self) {}

    /// Whether the topic pages should all be made before the site-wide pages start, so
    /// `topics_done` comes as early as it can; otherwise both run side by side, which keeps
    /// the cores busiest (a build).
    fn topics_first(&self) -> bool {
        false
    }

    /// Runs the rest of a `topics_first` render, once `topics_done` was called: a sink may run
    /// it elsewhere, such as on threads that give way to the browser showing the edited page.
    fn after_topics(&self, rest: &mut (dyn FnMut() + Send)) {
        rest();
    }
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect(Mutex<Vec<SharedPage>>);

impl Collect {
    /// Every file received, sorted by path.
    pub fn into_sorted(self) -> Vec<SharedPage> {
        let mut pages = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        pages
    }
}

impl PageSink for Collect {
    fn accept(&self, page: &SharedPage) {
        if let Ok(mut pages) = self.0.lock() {
            pages.push(page.clone());
        }
    }
}

/// A sink that drops every file: for checking a site without keeping it.
#[derive(Debug, Default)]
pub struct Discard;

impl PageSink for Discard {
    fn accept(&self, _: &SharedPage) {}
}

/// What a render handed to its sink, and what the next render can reuse.
#[derive(Debug)]
pub struct Rendered {
    /// Every file's path inside the site, sorted.
    pub paths: Vec<String>,
    /// What the next render can reuse.
    pub cache: RenderCache,
    /// How much was done afresh.
    pub stats: RenderStats,
    /// Problems found while rendering that did not stop it, such as links that work only at
    /// a domain's root.
    pub warnings: Diagnostics,
}

/// Renders every file of the site into `sink`, reusing what `previous` rendered where a
/// file's view is the same. Files reach the sink in no set order; on failure some may have.
pub fn render_site(
    inputs: &Inputs<'_>,
    previous: &RenderCache,
    sink: &dyn PageSink,
) -> Result<Rendered, Diagnostics> {
    let views = Views {
        roadmap: inputs.roadmap,
        config: inputs.config,
        reads: None,
    };
    let exec = Executor::new(inputs.theme, previous, sink);
    let pass = topics::TopicPass::new(inputs, &views, previous);
    let rows = rows::RowRuns::new(previous, pass.nodes(), inputs.theme.fingerprint);
    let on = On {
        inputs,
        views: &views,
        exec: &exec,
        rows: &rows,
    };
    let ran = run_pages(&on, &pass, previous, sink);
    let Ran {
        done,
        problems,
        tail,
        kept,
        site: (mut paths, site_pages),
    } = ran;
    if problems.has_errors() {
        return Err(problems);
    }
    first_failure(inputs, &done)?;
    site_pages?;
    if let Some((tail_paths, tail)) = tail {
        tail?;
        paths.extend(tail_paths);
    }
    let mut done = done;
    let kept = kept.unwrap_or_else(|| {
        let memos = take_memos(&mut done);
        Kept::of(inputs, previous, &done, memos)
    });
    let paths = all_paths(inputs, &exec, paths, kept.topic_paths)?;
    let (pages, parts, mut stats) = exec.finish();
    stats.notes_rendered = done.iter().filter(|d| d.notes_fresh).count();
    let cache = RenderCache {
        enabled: previous.enabled,
        check_views: previous.check_views,
        pages,
        parts,
        notes: kept.notes,
        views: kept.views,
        runs: rows.into_runs(),
    };
    Ok(Rendered {
        paths,
        cache,
        stats,
        warnings: problems,
    })
}

/// Two files at one path (a `static/` or content file named like a generated one) would
/// silently overwrite each other.
fn refuse_duplicates(paths: &[String]) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    for pair in paths.windows(2) {
        if pair[0] == pair[1] {
            let file = std::path::PathBuf::from(&pair[0]);
            problems.push(Diagnostic::error(&file, 0, 0, "two files would be published at this path (a file in static/ or content/ has the name of a page waymark generates); rename yours"));
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(())
    }
}

/// Percent-encodes what a path may not carry in a URL, keeping `/`: all but letters, digits
/// and `-_.~/`.
pub(crate) fn url_encode(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(path, KEEP).to_string()
}
