//! Renders the roadmap into the site's files in memory: pages, badges, data files, assets.
//! Nothing here writes to disk.

pub mod badge;
pub mod cache;
mod extras;
pub mod markdown;
pub mod theme;
pub mod view;
mod visitor;

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Roadmap, TopicIdx};
use cache::{Fingerprinter, RenderCache, RenderStats, RenderedNotes, fingerprint};
use markdown::{LinkResolver, Notes};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;
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
    render_site_cached(inputs, &RenderCache::default())
        .map(|(pages, _, _)| pages.into_iter().map(SharedPage::into_page).collect())
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

/// Like [`render_site`], reusing what `previous` rendered where the inputs are the same;
/// returns the cache for the next render.
pub fn render_site_cached(
    inputs: &Inputs<'_>,
    previous: &RenderCache,
) -> Result<(Vec<SharedPage>, RenderCache, RenderStats), Diagnostics> {
    let views = Views {
        roadmap: inputs.roadmap,
        config: inputs.config,
    };
    let mut next = RenderCache::keeping(previous.enabled);
    let mut stats = RenderStats::default();
    let notes = render_notes(inputs, &views, previous, &mut next, &mut stats)?;
    let common = TopicPages::new(inputs, &views, previous);
    let results: Vec<Result<(SharedPage, u64, bool), Diagnostics>> = inputs
        .roadmap
        .order
        .par_iter()
        .map(|&idx| common.page(idx, &notes[idx]))
        .collect();
    // The first failure in tree order, so the same broken template reports the same page.
    let rendered: Vec<(SharedPage, u64, bool)> = results.into_iter().collect::<Result<_, _>>()?;
    let mut pages = Vec::with_capacity(rendered.len() + 64);
    for (page, key, fresh) in rendered {
        if fresh {
            stats.pages_rendered += 1
        } else {
            stats.pages_reused += 1
        }
        if next.enabled {
            next.pages
                .insert(page.path.clone(), (key, page.bytes.clone()));
        }
        pages.push(page);
    }
    let mut others = vec![
        index_page(inputs, &views)?,
        render_template(
            inputs.theme,
            "404.html",
            &not_found_context(inputs, &views),
            "404.html",
        )?,
    ];
    others.extend(extras::files(inputs, &views));
    let rendered_notes: Vec<RenderedNotes> = notes.iter().map(|(n, _)| n.clone()).collect();
    others.extend(visitor::pages(inputs, &views, &rendered_notes)?);
    pages.extend(others.into_iter().map(SharedPage::from));
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let sitemap = extras::sitemap(inputs, pages.iter().map(|p| p.path.as_str()));
    let at = pages.partition_point(|p| p.path < sitemap.path);
    pages.insert(at, sitemap.into());
    refuse_duplicates(&pages)?;
    Ok((pages, next, stats))
}

/// Two files at one path (a `static/` or content file named like a generated one) would
/// silently overwrite each other.
fn refuse_duplicates(pages: &[SharedPage]) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    for pair in pages.windows(2) {
        if pair[0].path == pair[1].path {
            let file = std::path::PathBuf::from(&pair[0].path);
            problems.push(Diagnostic::error(&file, 0, 0, "two files would be published at this path (a file in static/ or content/ has the name of a page waymark generates); rename yours"));
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(())
    }
}

struct Resolver<'a> {
    views: &'a Views<'a>,
    assets: &'a [crate::content::Asset],
    from: TopicIdx,
}

impl LinkResolver for Resolver<'_> {
    fn resolve(&self, target: &str) -> Option<String> {
        let to = self.views.roadmap.by_source(target)?;
        Some(self.views.url(self.from, to))
    }

    fn asset(&self, target: &str) -> Option<String> {
        let assets = &self.assets;
        let i = assets
            .binary_search_by(|a| a.rel.as_str().cmp(target))
            .ok()?;
        Some(format!(
            "{}{}",
            self.views.root_from(self.from),
            url_encode(&assets[i].site_path)
        ))
    }
}

/// Renders every topic's notes in parallel (reusing unchanged ones), then checks the links
/// between them.
fn render_notes(
    inputs: &Inputs<'_>,
    views: &Views<'_>,
    previous: &RenderCache,
    next: &mut RenderCache,
    stats: &mut RenderStats,
) -> Result<Vec<(RenderedNotes, u64)>, Diagnostics> {
    let topics = &inputs.roadmap.topics;
    let targets = link_targets(inputs);
    let empty: RenderedNotes = Arc::new((Notes::default(), Vec::new()));
    let results: Vec<(RenderedNotes, u64, bool)> = (0..topics.len())
        .into_par_iter()
        .map(|idx| {
            let Some(src) = topics[idx].source else {
                return (empty.clone(), 0, false);
            };
            let file = &inputs.content.files[src];
            let key = fingerprint(&[
                file.text.as_bytes(),
                topics[idx].title.as_bytes(),
                &targets.to_le_bytes(),
            ]);
            if let Some((k, entry)) = previous.notes.get(&file.rel)
                && *k == key
            {
                return (entry.clone(), key, false);
            }
            let resolver = Resolver {
                views,
                assets: &inputs.content.assets,
                from: idx,
            };
            let (notes, broken) =
                markdown::render(file.body(), &file.rel, &topics[idx].title, &resolver);
            let problems = broken
                .into_iter()
                .map(|(offset, msg)| at_offset(file, offset, msg))
                .collect();
            (Arc::new((notes, problems)), key, true)
        })
        .collect();
    let mut problems = Diagnostics::default();
    let mut notes = Vec::with_capacity(results.len());
    for (idx, (entry, key, fresh)) in results.into_iter().enumerate() {
        problems.extend(entry.1.iter().cloned());
        if let Some(src) = topics[idx].source {
            next.notes
                .insert(inputs.content.files[src].rel.clone(), (key, entry.clone()));
            stats.notes_rendered += usize::from(fresh);
        }
        notes.push((entry, key));
    }
    let plain: Vec<&Notes> = notes.iter().map(|(e, _)| &e.0).collect();
    problems.extend(check_anchors(inputs, &plain));
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(notes)
}

/// A fingerprint of every path a link can point at and where it is published: notes whose
/// links resolved one way are rendered again when a file appears, goes or moves.
fn link_targets(inputs: &Inputs<'_>) -> u64 {
    let c = inputs.content;
    let paths: Vec<&[u8]> = c
        .files
        .iter()
        .map(|f| f.rel.as_bytes())
        .chain(c.assets.iter().map(|a| a.rel.as_bytes()))
        .chain(c.assets.iter().map(|a| a.site_path.as_bytes()))
        .chain(inputs.roadmap.topics.iter().map(|t| t.id.as_bytes()))
        .collect();
    fingerprint(&paths)
}

fn check_anchors(inputs: &Inputs<'_>, notes: &[&Notes]) -> Vec<Diagnostic> {
    let roadmap = inputs.roadmap;
    let mut out = Vec::new();
    for (idx, n) in notes.iter().enumerate() {
        for link in &n.links {
            let (Some(anchor), Some(to)) = (&link.anchor, roadmap.by_source(&link.target)) else {
                continue;
            };
            if anchor.is_empty() || notes[to].anchors.iter().any(|a| a == anchor) {
                continue;
            }
            let Some(src) = roadmap.topics[idx].source else {
                continue;
            };
            let file = &inputs.content.files[src];
            let known = if notes[to].anchors.is_empty() {
                "it has no headings".to_string()
            } else {
                format!("its headings are #{}", notes[to].anchors.join(", #"))
            };
            out.push(at_offset(
                file,
                link.offset,
                format!(
                    "link to `{}#{anchor}`: no heading with that anchor ({known})",
                    link.target
                ),
            ));
        }
    }
    out
}

/// A diagnostic at a byte offset of a file's notes.
fn at_offset(file: &crate::content::SourceFile, offset: usize, message: String) -> Diagnostic {
    let body = file.body();
    let before = &body[..offset.min(body.len())];
    let line = file.body_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Diagnostic::error(&file.display, line, column, message).with_source(&file.text)
}

/// What every topic page shares, worked out once per render.
struct TopicPages<'a> {
    inputs: &'a Inputs<'a>,
    views: &'a Views<'a>,
    previous: &'a RenderCache,
    /// The site as topic pages show it (without figures, so a status edit leaves it alone).
    site: view::SiteView,
    /// Fingerprint of `site` and of the templates.
    site_key: u64,
}

impl<'a> TopicPages<'a> {
    fn new(inputs: &'a Inputs<'a>, views: &'a Views<'a>, previous: &'a RenderCache) -> Self {
        let site = views.site_meta();
        let mut fp = Fingerprinter::default();
        let _ = serde_json::to_writer(&mut fp, &site);
        let site_key = fingerprint(&[
            &fp.finish().to_le_bytes(),
            &inputs.theme.fingerprint.to_le_bytes(),
        ]);
        TopicPages {
            inputs,
            views,
            previous,
            site,
            site_key,
        }
    }

    /// A topic's page, its cache key, and whether it was rendered afresh rather than reused.
    /// The key covers everything the template sees: the site, the page's view, and its notes
    /// by their own key (hashing the view as it is serialized, never the notes' HTML again).
    fn page(
        &self,
        idx: TopicIdx,
        (notes, notes_key): &(RenderedNotes, u64),
    ) -> Result<(SharedPage, u64, bool), Diagnostics> {
        let root = self.views.root_from(idx);
        let mut page = self.views.page(idx, String::new());
        let path = format!("{}index.html", self.inputs.roadmap.topics[idx].url());
        let mut fp = Fingerprinter::default();
        let _ = serde_json::to_writer(&mut fp, &(&root, &page));
        let key = fingerprint(&[
            &fp.finish().to_le_bytes(),
            &self.site_key.to_le_bytes(),
            &notes_key.to_le_bytes(),
        ]);
        if let Some((k, bytes)) = self.previous.pages.get(&path)
            && *k == key
        {
            let bytes = bytes.clone();
            return Ok((SharedPage { path, bytes }, key, false));
        }
        page.content = notes.0.html.clone();
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("root", &root);
        ctx.insert("page", &page);
        render_template(self.inputs.theme, "topic.html", &ctx, &path).map(|p| (p.into(), key, true))
    }
}

fn index_page(inputs: &Inputs<'_>, views: &Views<'_>) -> Result<Page, Diagnostics> {
    let mut ctx = tera::Context::new();
    ctx.insert("site", &views.site());
    ctx.insert("root", "");
    ctx.insert("tree", &views.tree());
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
    ctx.insert("canonical", &inputs.config.base_url());
    render_template(inputs.theme, "index.html", &ctx, "index.html")
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

/// Percent-encodes what a path may not carry in a URL, keeping `/`.
pub(crate) fn url_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Serializes a value as pretty JSON with a final newline.
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}
