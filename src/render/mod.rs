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
use memo::ViewMemo;
use rayon::prelude::*;
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

/// What running every page gave: the topic pass, its problems, the files made from the
/// notes, what the next render keeps of the topics when it was sorted out already, and the
/// site-wide pages' paths with their first failure.
struct Ran {
    done: Vec<topics::TopicDone>,
    problems: Diagnostics,
    tail: Option<(Vec<String>, Result<(), Diagnostics>)>,
    kept: Option<Kept>,
    site: (Vec<String>, Result<(), Diagnostics>),
}

/// Runs every page's job: the topic pages, then (or beside them, unless the sink would
/// rather have the topic pages early) the site-wide pages and the files made from the notes.
fn run_pages(
    on: &On<'_>,
    pass: &topics::TopicPass<'_>,
    previous: &RenderCache,
    sink: &dyn PageSink,
) -> Ran {
    let inputs = on.inputs;
    // The site-wide pages do not need the notes: they render while the topics do, or after
    // them when the sink would rather have the topic pages early.
    let topic_pages = || {
        let done: Vec<_> = (0..inputs.roadmap.topics.len())
            .into_par_iter()
            .map(|idx| pass.topic(idx, on.exec))
            .collect();
        let problems = topics::check_notes(inputs, &done);
        if !problems.has_errors() && first_failure(inputs, &done).is_ok() {
            sink.topics_done();
        }
        (done, problems)
    };
    let notes_files = |done: &[topics::TopicDone], problems: &Diagnostics| {
        (!problems.has_errors() && first_failure(inputs, done).is_ok())
            .then(|| notes_pages(on, done))
    };
    // The search index and the print edition need every topic's notes: they start as soon as
    // the topic pages are done, beside whatever site-wide page is still rendering.
    if sink.topics_first() {
        // Every core on the topic pages first. The index beside them (measured side by side
        // at 10,000 topics) shared the cores with them and showed the page no earlier.
        let (mut done, problems) = topic_pages();
        // What the next render keeps of the topics is sorted out beside the site-wide pages
        // rather than after them.
        let memos = Mutex::new(Some(take_memos(&mut done)));
        let keep = || {
            Some(Kept::of(
                inputs,
                previous,
                &done,
                memos.lock().ok()?.take()?,
            ))
        };
        let rest = || {
            rayon::join(
                || site_pages(on),
                || rayon::join(|| notes_files(&done, &problems), keep),
            )
        };
        let mut ran = None;
        sink.after_topics(&mut || ran = Some(rest()));
        let (site, (tail, kept)) = ran.unwrap_or_else(rest);
        Ran {
            done,
            problems,
            tail,
            kept,
            site,
        }
    } else {
        let ((done, problems, tail), site) = rayon::join(
            || {
                let (done, problems) = topic_pages();
                let tail = notes_files(&done, &problems);
                (done, problems, tail)
            },
            || site_pages(on),
        );
        Ran {
            done,
            problems,
            tail,
            kept: None,
            site,
        }
    }
}

/// Every file's path, sorted: the site-wide ones, the topics' (sorted already) and the
/// sitemap's, whose job runs now that it can list them. Two files at one path fail.
fn all_paths(
    inputs: &Inputs<'_>,
    exec: &Executor<'_>,
    mut paths: Vec<String>,
    topic_paths: Vec<String>,
) -> Result<Vec<String>, Diagnostics> {
    // Two sorted runs: one merge.
    paths.sort();
    paths.extend(topic_paths);
    paths.sort();
    let sitemap = files::sitemap(inputs, paths.iter().map(String::as_str));
    let mut last = Vec::new();
    if let Some(sitemap) = sitemap {
        let at = paths.partition_point(|p| *p < sitemap.path);
        paths.insert(at, sitemap.path.clone());
        last.push(sitemap);
    }
    refuse_duplicates(&paths)?;
    exec.run_all(last)?;
    Ok(paths)
}

/// Every topic's remembered view, taken out of what the topic pass made.
fn take_memos(done: &mut [topics::TopicDone]) -> Vec<Option<(String, ViewMemo)>> {
    done.iter_mut().map(|d| d.memo.take()).collect()
}

/// What a render keeps of its topics: their pages' paths, sorted, and when caching, their
/// notes and remembered views for the next render.
struct Kept {
    topic_paths: Vec<String>,
    notes: HashMap<String, (u64, RenderedNotes), FastHash>,
    views: HashMap<String, ViewMemo, FastHash>,
}

impl Kept {
    fn of(
        inputs: &Inputs<'_>,
        previous: &RenderCache,
        done: &[topics::TopicDone],
        memos: Vec<Option<(String, ViewMemo)>>,
    ) -> Kept {
        let mut topic_paths: Vec<String> = topic_paths(inputs).collect();
        topic_paths.sort();
        // The maps sized up front: one entry a topic, not grown (and rehashed) one at a time.
        let n = if previous.enabled { done.len() } else { 0 };
        let mut notes = HashMap::with_capacity_and_hasher(n, FastHash::default());
        let mut views = HashMap::with_capacity_and_hasher(n, FastHash::default());
        views.extend(memos.into_iter().flatten());
        for (idx, d) in done.iter().enumerate() {
            if let (true, Some(src)) = (previous.enabled, inputs.roadmap.topics[idx].source) {
                let rel = inputs.content.files[src].rel.clone();
                notes.insert(rel, (d.notes_key, d.notes.clone()));
            }
        }
        Kept {
            topic_paths,
            notes,
            views,
        }
    }
}

/// What the site-wide pages are made with: the inputs, their views, the executor and the
/// remembered runs of rows.
struct On<'a> {
    inputs: &'a Inputs<'a>,
    views: &'a Views<'a>,
    exec: &'a Executor<'a>,
    rows: &'a rows::RowRuns<'a>,
}

/// Runs the jobs of the files made from every topic's notes: the search index, the print
/// edition when it shows them and, when some page has a diagram, mermaid. Their paths, and the first failure.
fn notes_pages(on: &On<'_>, done: &[topics::TopicDone]) -> (Vec<String>, Result<(), Diagnostics>) {
    let (inputs, views, exec) = (on.inputs, on.views, on.exec);
    let notes: Vec<RenderedNotes> = done.iter().map(|d| d.notes.clone()).collect();
    // Without notes the print edition needs none: `site_pages` makes it after the index.
    let (search, print) = rayon::join(
        || visitor::search_index(inputs, views, &notes, exec),
        || print::with_notes(inputs.roadmap).then(|| print::job(on, &notes)),
    );
    // On a failure the render stops, so no path is needed.
    let mut jobs = match (search, print.transpose()) {
        (Ok(search), Ok(print)) => [search].into_iter().chain(print).collect::<Vec<_>>(),
        (Err(e), _) | (_, Err(e)) => return (Vec::new(), Err(e)),
    };
    // Mermaid only for a site with a diagram: known once every topic's notes are rendered.
    if notes.iter().any(|n| n.notes.diagrams) {
        jobs.extend(files::diagram_assets(inputs));
    }
    let paths = jobs.iter().map(|j| j.path.clone()).collect();
    (paths, exec.run_all(jobs))
}

/// The paths of the topics' pages: every node's but the root's, whose page is the index.
fn topic_paths(inputs: &Inputs<'_>) -> impl Iterator<Item = String> {
    let topics = &inputs.roadmap.topics;
    topics.iter().skip(1).map(crate::model::Topic::page_path)
}

/// The first topic page that failed to render, in tree order, so the same broken template
/// reports the same page.
fn first_failure(inputs: &Inputs<'_>, done: &[topics::TopicDone]) -> Result<(), Diagnostics> {
    let topics = &inputs.roadmap.topics;
    let failed = done
        .iter()
        .enumerate()
        .filter_map(|(idx, d)| match &d.page {
            Some(Err(e)) => Some((topics[idx].position, e)),
            _ => None,
        })
        .min_by_key(|(position, _)| *position);
    match failed {
        Some((_, e)) => Err(e.clone()),
        None => Ok(()),
    }
}

/// Runs the jobs of the pages that show the whole site rather than one topic's notes, and
/// of the files beside them: all but the search index and the sitemap. Their paths, and the
/// first failure.
fn site_pages(on: &On<'_>) -> (Vec<String>, Result<(), Diagnostics>) {
    let (inputs, views, exec) = (on.inputs, on.views, on.exec);
    // The index is the longest single job: it starts while the other views are built.
    let mut paths = vec!["index.html".to_string()];
    // The print edition without notes needs none: it follows the index here, on the same
    // thread, so it never holds its 10,000 nodes' values while the index holds its own.
    let print_early = !print::with_notes(inputs.roadmap);
    if print_early {
        paths.push(print::PATH.to_string());
    }
    let (index, others) = rayon::join(
        || {
            exec.run(pages::index(on)?)?;
            if print_early {
                exec.run(print::job(on, &[])?)
            } else {
                Ok(())
            }
        },
        || {
            let (mut jobs, visitor) = rayon::join(
                || {
                    let mut jobs = files::jobs(inputs);
                    // Served at any depth, its links need the base URL: none without one.
                    if inputs.config.has_base_url() {
                        jobs.push(pages::not_found(inputs, views));
                    }
                    jobs
                },
                || visitor::jobs(inputs, views),
            );
            jobs.extend(visitor);
            let paths: Vec<String> = jobs.iter().map(|j| j.path.clone()).collect();
            (paths, exec.run_all(jobs))
        },
    );
    paths.extend(others.0);
    (paths, index.and(others.1))
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
