//! The per-topic pass: each topic's notes rendered from markdown and its page from the
//! template, in parallel, each page handed on as soon as it is made so no topic's page or
//! notes HTML outlives its turn unless the render cache keeps them.

use super::cache::{NotesEntry, RenderCache, RenderedNotes};
use super::markdown::{self, LinkResolver};
use super::view::Views;
use super::{Inputs, PageSink, SharedPage, render_template, url_encode, visitor};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::{Fingerprinter, fingerprint, hash_of};
use crate::model::TopicIdx;
use std::sync::Arc;

/// What the pass made of one topic.
pub(super) struct TopicDone {
    /// Its notes (HTML emptied unless cached).
    pub notes: RenderedNotes,
    /// Fingerprint of what the notes were rendered from.
    pub notes_key: u64,
    /// Whether the notes were rendered afresh.
    pub notes_fresh: bool,
    /// Its page, `None` for the root (whose page is the index).
    pub page: Option<Result<PageDone, Diagnostics>>,
}

/// A topic page handed to the sink.
pub(super) struct PageDone {
    /// Path inside the site.
    pub path: String,
    /// Fingerprint of everything the template saw.
    pub key: u64,
    /// Whether it was rendered afresh.
    pub fresh: bool,
    /// Its bytes, kept only when caching.
    pub bytes: Option<Arc<Vec<u8>>>,
}

/// What every topic shares, worked out once per render.
pub(super) struct TopicPass<'a> {
    inputs: &'a Inputs<'a>,
    views: &'a Views<'a>,
    previous: &'a RenderCache,
    sink: &'a dyn PageSink,
    /// The site as topic pages show it (without figures, so a status edit leaves it alone),
    /// converted for the template once.
    site: tera::Value,
    /// Fingerprint of `site` and of the templates.
    site_key: u64,
    /// Fingerprint of every link target.
    targets: u64,
    /// What pages show of each topic, fingerprinted, when caching.
    shown: &'a Shown,
}

/// Per topic, fingerprints of what pages show of it, so that a page's cache key is a few
/// hashes of the model rather than its whole view built and serialized.
#[derive(Default)]
pub(super) struct Shown {
    /// Title and id: all a breadcrumb or pager link shows.
    pub link: Vec<u64>,
    /// Everything a row in a list of children shows, with the settings (status words, emoji,
    /// base URL).
    pub node: Vec<u64>,
}

impl Shown {
    /// The fingerprints when `caching`, else none (a one-off build looks nothing up).
    pub(super) fn of(inputs: &Inputs<'_>, caching: bool) -> Self {
        if !caching {
            return Shown::default();
        }
        let topics = &inputs.roadmap.topics;
        let settings = hash_of(inputs.config);
        Shown {
            link: topics.iter().map(|t| hash_of(&(&t.id, &t.title))).collect(),
            node: topics
                .iter()
                .map(|t| {
                    hash_of(&(
                        settings,
                        (&t.id, &t.title, t.status, &t.tags, &t.note),
                        (&t.icon, &t.summary, t.depth, t.progress),
                        t.children.is_empty(),
                    ))
                })
                .collect(),
        }
    }
}

impl<'a> TopicPass<'a> {
    pub(super) fn new(
        inputs: &'a Inputs<'a>,
        views: &'a Views<'a>,
        previous: &'a RenderCache,
        sink: &'a dyn PageSink,
        shown: &'a Shown,
    ) -> Self {
        let site = views.site_meta();
        let mut fp = Fingerprinter::default();
        let _ = serde_json::to_writer(&mut fp, &site);
        // The settings (status words and emoji) are in every page's key
        // through its topic's `Shown::node`.
        let site_key = fingerprint(&[
            &fp.finish().to_le_bytes(),
            &inputs.theme.fingerprint.to_le_bytes(),
        ]);
        TopicPass {
            inputs,
            views,
            previous,
            sink,
            site: tera::Value::from_serializable(&site),
            site_key,
            targets: link_targets(inputs),
            shown,
        }
    }

    fn caching(&self) -> bool {
        self.previous.enabled
    }

    /// Renders one topic's notes and page, reusing what the previous render made of the same
    /// inputs.
    pub(super) fn topic(&self, idx: TopicIdx) -> TopicDone {
        let (mut notes, notes_key, notes_fresh) = self.notes(idx);
        // Every node but the root (index 0, whose page is the index) has a page of its own.
        let page = (idx != 0).then(|| self.page(idx, &mut notes, notes_key));
        TopicDone {
            notes,
            notes_key,
            notes_fresh,
            page,
        }
    }

    fn notes(&self, idx: TopicIdx) -> (RenderedNotes, u64, bool) {
        let topic = &self.inputs.roadmap.topics[idx];
        let Some(src) = topic.source else {
            return (Arc::default(), 0, false);
        };
        let file = &self.inputs.content.files[src];
        let key = if self.caching() {
            fingerprint(&[
                file.text.as_bytes(),
                topic.title.as_bytes(),
                &self.targets.to_le_bytes(),
            ])
        } else {
            0
        };
        if let Some((k, entry)) = self.previous.notes.get(&file.rel)
            && *k == key
        {
            return (entry.clone(), key, false);
        }
        let resolver = Resolver {
            views: self.views,
            content: self.inputs.content,
            from: idx,
        };
        let (mut notes, broken) = markdown::render(file.body(), &file.rel, &topic.title, &resolver);
        let search = visitor::summarize(&std::mem::take(&mut notes.plain));
        let problems = broken
            .into_iter()
            .map(|p| at_offset(file, p.offset, p.message).with_severity(p.severity))
            .collect();
        let entry = NotesEntry {
            notes,
            search,
            problems,
        };
        (Arc::new(entry), key, true)
    }

    /// The cache key of a topic's page: everything its template sees, from the model (the
    /// site, the topic, its breadcrumbs, children and neighbours) and its notes by their key.
    fn page_key(&self, idx: TopicIdx, notes_key: u64) -> u64 {
        let r = self.inputs.roadmap;
        let t = &r.topics[idx];
        let shown = &self.shown;
        let mut crumbs = Vec::with_capacity(t.depth);
        let mut up = t.parent;
        while let Some(a) = up {
            crumbs.push(shown.link[a]);
            up = r.topics[a].parent;
        }
        let children: Vec<u64> = t.children.iter().map(|&c| shown.node[c]).collect();
        let neighbour = |p: Option<usize>| p.and_then(|p| r.order.get(p)).map(|&n| shown.link[n]);
        hash_of(&(
            (self.site_key, notes_key, shown.node[idx]),
            (&t.started, &t.completed, &t.resources),
            (crumbs, children),
            (
                neighbour(t.position.checked_sub(2)),
                neighbour(Some(t.position)),
            ),
        ))
    }

    /// A topic's page, handed to the sink.
    fn page(
        &self,
        idx: TopicIdx,
        notes: &mut RenderedNotes,
        notes_key: u64,
    ) -> Result<PageDone, Diagnostics> {
        let path = format!("{}index.html", self.inputs.roadmap.topics[idx].url());
        let key = if self.caching() {
            self.page_key(idx, notes_key)
        } else {
            0
        };
        if let Some((k, bytes)) = self.previous.pages.get(&path)
            && *k == key
        {
            let shared = SharedPage {
                path: path.clone(),
                bytes: bytes.clone(),
            };
            self.sink.accept(&shared);
            return Ok(PageDone {
                path,
                key,
                fresh: false,
                bytes: Some(shared.bytes),
            });
        }
        let root = self.views.root_from(idx);
        let mut page = self.views.page(idx, String::new());
        // Without a cache nothing else holds the notes: move their HTML into the page.
        page.content = match Arc::get_mut(notes) {
            Some(entry) if !self.caching() => std::mem::take(&mut entry.notes.html),
            _ => notes.notes.html.clone(),
        };
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site.clone());
        ctx.insert("root", &root);
        ctx.insert("page", &page);
        drop(page);
        let shared = SharedPage::from(render_template(
            self.inputs.theme,
            "topic.html",
            &ctx,
            &path,
        )?);
        self.sink.accept(&shared);
        Ok(PageDone {
            path,
            key,
            fresh: true,
            bytes: self.caching().then_some(shared.bytes),
        })
    }
}

struct Resolver<'a> {
    views: &'a Views<'a>,
    content: &'a crate::content::Content,
    from: TopicIdx,
}

impl LinkResolver for Resolver<'_> {
    fn resolve(&self, target: &str) -> Option<String> {
        let to = self.views.roadmap.by_source(target)?;
        Some(self.views.url(self.from, to))
    }

    fn asset(&self, target: &str) -> Option<String> {
        let assets = &self.content.assets;
        let i = assets
            .binary_search_by(|a| a.rel.as_str().cmp(target))
            .ok()?;
        Some(format!(
            "{}{}",
            self.views.root_from(self.from),
            url_encode(&assets[i].site_path)
        ))
    }

    fn page(&self, id: &str) -> Option<(String, Option<String>)> {
        let to = self.views.roadmap.get(id)?;
        let file = self.views.roadmap.topics[to].source;
        Some((
            self.views.url(self.from, to),
            file.map(|f| self.content.files[f].rel.clone()),
        ))
    }

    fn published(&self, site_path: &str) -> Option<String> {
        let c = self.content;
        let file = c
            .assets
            .iter()
            .chain(&c.statics)
            .find(|a| a.site_path == site_path)?;
        Some(format!("{}{}", self.root(), url_encode(&file.site_path)))
    }

    fn root(&self) -> String {
        self.views.root_from(self.from)
    }
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

/// Problems in every topic's notes: broken links found while rendering, then links to
/// headings that do not exist, which need every topic's anchors.
pub(super) fn check_notes(inputs: &Inputs<'_>, done: &[TopicDone]) -> Diagnostics {
    let roadmap = inputs.roadmap;
    let mut out = Diagnostics::default();
    for d in done {
        out.extend(d.notes.problems.iter().cloned());
    }
    for (idx, d) in done.iter().enumerate() {
        for link in &d.notes.notes.links {
            let (Some(anchor), Some(to)) = (&link.anchor, roadmap.by_source(&link.target)) else {
                continue;
            };
            let anchors = &done[to].notes.notes.anchors;
            if anchor.is_empty() || anchors.iter().any(|a| a == anchor) {
                continue;
            }
            let Some(src) = roadmap.topics[idx].source else {
                continue;
            };
            let file = &inputs.content.files[src];
            let known = if anchors.is_empty() {
                "it has no headings".to_string()
            } else {
                format!("its headings are #{}", anchors.join(", #"))
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
