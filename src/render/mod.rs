//! Renders the roadmap into the site's files in memory: pages, badges, data files, assets.
//! Nothing here writes to disk.

pub mod badge;
pub mod cache;
mod extras;
pub mod markdown;
pub mod theme;
mod topics;
pub mod view;
mod visitor;

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Roadmap;
use cache::{RenderCache, RenderStats, RenderedNotes};
use rayon::prelude::*;
use serde::Serialize;
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

/// Renders every file of the site, sorted by path; problems in notes or templates fail it.
pub fn render_site(inputs: &Inputs<'_>) -> Result<Vec<Page>, Diagnostics> {
    let all = Collect::default();
    render_site_cached(inputs, &RenderCache::default(), &all)?;
    Ok(all
        .into_sorted()
        .into_iter()
        .map(SharedPage::into_page)
        .collect())
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

/// Renders every file of the site into `sink`, reusing what `previous` rendered where the
/// inputs are the same. Files reach the sink in no set order; on failure some may have.
pub fn render_site_cached(
    inputs: &Inputs<'_>,
    previous: &RenderCache,
    sink: &dyn PageSink,
) -> Result<Rendered, Diagnostics> {
    let views = Views {
        roadmap: inputs.roadmap,
        config: inputs.config,
    };
    let shown = topics::Shown::of(inputs, previous.enabled);
    let pass = topics::TopicPass::new(inputs, &views, previous, sink, &shown);
    // The site-wide pages do not need the notes: they render while the topics do.
    let ((done, problems, search), (site_pages, rows)) = rayon::join(
        || {
            let done: Vec<topics::TopicDone> = (0..inputs.roadmap.topics.len())
                .into_par_iter()
                .map(|idx| pass.topic(idx))
                .collect();
            let problems = topics::check_notes(inputs, &done);
            let notes: Vec<RenderedNotes> = done.iter().map(|d| d.notes.clone()).collect();
            let search =
                (!problems.has_errors()).then(|| visitor::search_index(inputs, &views, &notes));
            (done, problems, search)
        },
        || site_pages(inputs, &views, previous, &shown),
    );
    if problems.has_errors() {
        return Err(problems);
    }
    let (mut paths, mut cache, stats) = collect_topics(inputs, previous.enabled, &done)?;
    cache.rows = rows;
    let mut others = site_pages?;
    others.extend(search);
    for page in others {
        paths.push(page.path.clone());
        sink.accept(&page.into());
    }
    paths.sort();
    let sitemap = extras::sitemap(inputs, paths.iter().map(String::as_str));
    if let Some(sitemap) = &sitemap {
        let at = paths.partition_point(|p| *p < sitemap.path);
        paths.insert(at, sitemap.path.clone());
    }
    refuse_duplicates(&paths)?;
    if let Some(sitemap) = sitemap {
        sink.accept(&sitemap.into());
    }
    Ok(Rendered {
        paths,
        cache,
        stats,
        warnings: problems,
    })
}

/// The topic pages' paths, the cache for the next render and the counts; or the first
/// template failure in tree order, so the same broken template reports the same page.
fn collect_topics(
    inputs: &Inputs<'_>,
    caching: bool,
    done: &[topics::TopicDone],
) -> Result<(Vec<String>, RenderCache, RenderStats), Diagnostics> {
    let mut next = RenderCache::keeping(caching);
    let mut stats = RenderStats::default();
    let mut paths = Vec::with_capacity(done.len() + 64);
    let mut failed: Option<(usize, &Diagnostics)> = None;
    for (idx, d) in done.iter().enumerate() {
        stats.notes_rendered += usize::from(d.notes_fresh);
        if let (true, Some(src)) = (caching, inputs.roadmap.topics[idx].source) {
            let rel = inputs.content.files[src].rel.clone();
            next.notes.insert(rel, (d.notes_key, d.notes.clone()));
        }
        match &d.page {
            Some(Ok(page)) => {
                stats.pages_rendered += usize::from(page.fresh);
                stats.pages_reused += usize::from(!page.fresh);
                if let Some(bytes) = &page.bytes {
                    next.pages
                        .insert(page.path.clone(), (page.key, bytes.clone()));
                }
                paths.push(page.path.clone());
            }
            Some(Err(e)) => {
                let position = inputs.roadmap.topics[idx].position;
                if failed.is_none_or(|(p, _)| position < p) {
                    failed = Some((position, e));
                }
            }
            None => {}
        }
    }
    match failed {
        Some((_, e)) => Err(e.clone()),
        None => Ok((paths, next, stats)),
    }
}

/// The pages that show the whole site rather than one topic's notes: the index, the 404
/// page, badges and data files, and the visitor pages but search's index.
fn site_pages(
    inputs: &Inputs<'_>,
    views: &Views<'_>,
    previous: &RenderCache,
    shown: &topics::Shown,
) -> (Result<Vec<Page>, Diagnostics>, cache::TreeRows) {
    let ((index, rows), rest) = rayon::join(
        || index_page(inputs, views, previous, shown),
        || {
            all_of(&[
                &|| {
                    // Served at any depth, its links need the base URL: none without one.
                    if !inputs.config.has_base_url() {
                        return Ok(Vec::new());
                    }
                    let ctx = not_found_context(inputs, views);
                    render_template(inputs.theme, "404.html", &ctx, "404.html").map(|p| vec![p])
                },
                &|| Ok(extras::files(inputs, views)),
                &|| visitor::pages(inputs, views),
            ])
        },
    );
    let pages = index.and_then(|index| {
        let mut pages = rest?;
        pages.push(index);
        Ok(pages)
    });
    (pages, rows)
}

/// Something that makes some of the site's files.
type Job<'a> = &'a (dyn Fn() -> Result<Vec<Page>, Diagnostics> + Sync);

/// Runs `jobs` in parallel; the files of all, or the first failure in the order given.
fn all_of(jobs: &[Job<'_>]) -> Result<Vec<Page>, Diagnostics> {
    let results: Vec<_> = jobs.par_iter().map(|job| job()).collect();
    let mut pages = Vec::new();
    for r in results {
        pages.extend(r?);
    }
    Ok(pages)
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

/// The index page, and its tree's rows as template values by fingerprint for the next render:
/// a status edit changes a handful of the rows, and only those are converted again.
fn index_page(
    inputs: &Inputs<'_>,
    views: &Views<'_>,
    previous: &RenderCache,
    shown: &topics::Shown,
) -> (Result<Page, Diagnostics>, cache::TreeRows) {
    let tree = views.tree_rows();
    let keys: Vec<u64> = tree
        .iter()
        .map(|&(idx, closes)| match shown.node.get(idx) {
            Some(node) => crate::hash::hash_of(&(node, closes)),
            None => 0,
        })
        .collect();
    let values: Vec<tera::Value> = tree
        .par_iter()
        .zip(&keys)
        .map(|(&(idx, closes), key)| match previous.rows.get(key) {
            Some(value) => value.clone(),
            None => tera::Value::from_serializable(&views.row(idx, closes)),
        })
        .collect();
    let rows = if previous.enabled {
        keys.into_iter().zip(values.iter().cloned()).collect()
    } else {
        cache::TreeRows::default()
    };
    let mut ctx = tera::Context::new();
    ctx.insert("site", &views.site());
    ctx.insert("root", "");
    ctx.insert_value("tree", values.into());
    ctx.insert(
        "sections",
        &inputs
            .roadmap
            .sections()
            .iter()
            .map(|&s| views.node(0, s))
            .collect::<Vec<_>>(),
    );
    ctx.insert("groups", &inputs.roadmap.untracked_groups());
    let page = render_template(inputs.theme, "index.html", &ctx, "index.html");
    (page, rows)
}

/// The 404 page is served at any depth, so its links start from the base URL.
fn not_found_context(inputs: &Inputs<'_>, views: &Views<'_>) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("site", &views.site());
    ctx.insert("root", &inputs.config.base_url());
    ctx
}

fn render_template(
    theme: &Theme,
    name: &str,
    ctx: &tera::Context,
    path: &str,
) -> Result<Page, Diagnostics> {
    match theme.tera.render(name, ctx) {
        Ok(html) => Ok(Page {
            path: path.to_string(),
            bytes: html.into_bytes(),
        }),
        Err(e) => {
            let mut d = Diagnostics::default();
            let file = std::path::PathBuf::from(format!("themes/{}/templates/{name}", theme.name));
            d.push(Diagnostic::error(
                &file,
                0,
                0,
                format!("rendering {path}: {}", theme::error_chain(&e)),
            ));
            Err(d)
        }
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

/// Serializes a value as pretty JSON with a final newline.
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}
