//! The per-topic pass: each topic's notes rendered from markdown, then its page's job run,
//! in parallel, so no topic's notes HTML outlives its page unless the render cache keeps it.

use super::cache::{NotesEntry, RenderCache, RenderedNotes};
use super::job::{Executor, Job, Variables, value_of};
use super::markdown::{self, LinkResolver};
use super::memo::{Nodes, ReadLog, ViewMemo};
use super::view::{Markup, PageView, SiteView, Views};
use super::{Inputs, url_encode, visitor};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::{fingerprint, hash_of};
use crate::model::TopicIdx;
use rayon::prelude::*;
use std::sync::Arc;

/// What the pass made of one topic.
pub(super) struct TopicDone {
    /// Its notes (HTML taken out unless cached).
    pub notes: RenderedNotes,
    /// Fingerprint of what the notes were rendered from.
    pub notes_key: u64,
    /// Whether the notes were rendered afresh.
    pub notes_fresh: bool,
    /// Its page's outcome, `None` for the root (whose page is the index).
    pub page: Option<Result<(), Diagnostics>>,
    /// Its page's path and view as remembered for the next render, when caching.
    pub memo: Option<(String, ViewMemo)>,
}

/// What `topic.html` sees.
struct TopicPage<'a> {
    /// The site without its figures, so a status edit elsewhere leaves the page alone.
    site: &'a SiteView,
    /// The same as a template value, converted once for every page (`None` if it failed).
    site_value: Option<&'a tera::Value>,
    /// The way back to the site root.
    root: String,
    /// The topic.
    page: PageView,
}

impl std::hash::Hash for TopicPage<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.site.hash(state);
        self.root.hash(state);
        self.page.hash(state);
    }
}

impl Variables for TopicPage<'_> {
    fn variables(&self) -> Result<tera::Context, tera::Error> {
        let mut context = tera::Context::new();
        let site = match self.site_value {
            Some(value) => value.clone(),
            None => value_of(self.site)?,
        };
        context.insert_value("site", site);
        context.insert_value("root", tera::Value::from(self.root.as_str()));
        context.insert_value("page", value_of(&self.page)?);
        Ok(context)
    }
}

/// What every topic shares, worked out once per render.
pub(super) struct TopicPass<'a> {
    inputs: &'a Inputs<'a>,
    views: &'a Views<'a>,
    previous: &'a RenderCache,
    site: SiteView,
    /// `site` as a template value.
    site_value: Option<tera::Value>,
    /// Fingerprint of every link target.
    targets: u64,
    /// Whether the print edition shows the notes, so they must be kept for it.
    print_notes: bool,
    /// Every node's fingerprint, when caching, to tell which remembered views still hold.
    nodes: Option<Nodes<'a>>,
    /// Fingerprint of what every topic page is given besides the roadmap and its notes.
    given: u64,
}

impl<'a> TopicPass<'a> {
    pub(super) fn new(
        inputs: &'a Inputs<'a>,
        views: &'a Views<'a>,
        previous: &'a RenderCache,
    ) -> Self {
        let site = views.site_meta();
        TopicPass {
            site_value: value_of(&site).ok(),
            inputs,
            views,
            previous,
            given: hash_of(&(inputs.config, &site)),
            site,
            targets: link_targets(inputs),
            print_notes: super::print::with_notes(inputs.roadmap),
            nodes: previous.enabled.then(|| Nodes::of(inputs.roadmap)),
        }
    }

    fn caching(&self) -> bool {
        self.previous.enabled
    }

    /// Every node's fingerprint, when caching: the site-wide pages' rows replay theirs too.
    pub(super) fn nodes(&self) -> Option<&Nodes<'a>> {
        self.nodes.as_ref()
    }

    /// Whether code blocks are highlighted (`highlight:` in waymark.yaml, on by default).
    fn highlight(&self) -> bool {
        self.inputs.config.highlight.unwrap_or(true)
    }

    /// Renders one topic's notes, reusing what the previous render made of the same inputs,
    /// then runs its page's job.
    pub(super) fn topic(&self, idx: TopicIdx, exec: &Executor<'_>) -> TopicDone {
        let (mut notes, notes_key, notes_fresh) = self.notes(idx);
        // Every node but the root (index 0, whose page is the index) has a page of its own.
        let (page, memo) = if idx == 0 {
            (None, None)
        } else {
            let (page, memo) = self.run_page(idx, &mut notes, exec);
            (Some(page), memo)
        };
        TopicDone {
            notes,
            notes_key,
            notes_fresh,
            page,
            memo,
        }
    }

    /// Runs a topic page's job, or, when its remembered view still holds, takes the page
    /// from the previous render without building the view; with the view to remember.
    fn run_page(
        &self,
        idx: TopicIdx,
        notes: &mut RenderedNotes,
        exec: &Executor<'_>,
    ) -> (Result<(), Diagnostics>, Option<(String, ViewMemo)>) {
        let path = self.inputs.roadmap.topics[idx].page_path();
        let Some(nodes) = &self.nodes else {
            let job = self.page(idx, notes, self.views);
            return (exec.run(job), None);
        };
        let n = &notes.notes;
        let given = hash_of(&(self.given, &notes.html, n.highlighted, n.diagrams));
        let before = self.previous.views.get(&path);
        let holds = before.filter(|m| m.holds(given, nodes));
        if let Some(memo) = holds
            && !self.previous.check_views
            && exec.reuse(&path, memo.made)
        {
            return (Ok(()), Some((path, memo.clone())));
        }
        let log = ReadLog::default();
        let job = self.page(idx, notes, &self.views.noting(&log));
        let made = match exec.run_keyed(job) {
            Ok(made) => made,
            Err(e) => return (Err(e), None),
        };
        if let (Some(memo), Some(made)) = (holds, made)
            && memo.made != made
        {
            let message =
                "its remembered view is stale: it read something it did not note".to_string();
            return (
                Err(Diagnostics(vec![Diagnostic::error(
                    std::path::Path::new(&path),
                    0,
                    0,
                    message,
                )])),
                None,
            );
        }
        let reads = log.into_inner().unwrap_or_default();
        let memo = made.map(|made| (path, ViewMemo::new(given, reads, nodes, made)));
        (Ok(()), memo)
    }

    fn notes(&self, idx: TopicIdx) -> (RenderedNotes, u64, bool) {
        let topic = &self.inputs.roadmap.topics[idx];
        let Some(src) = topic.source else {
            return (Arc::default(), 0, false);
        };
        let file = &self.inputs.content.files[src];
        file.with_body(|body| self.notes_of(idx, file, body))
            .unwrap_or_else(|e| (unreadable(file, &e), 0, true))
    }

    /// What [`TopicPass::notes`] makes of topic `idx`'s notes as read (`body`) from `file`.
    fn notes_of(
        &self,
        idx: TopicIdx,
        file: &crate::content::SourceFile,
        body: &str,
    ) -> (RenderedNotes, u64, bool) {
        let topic = &self.inputs.roadmap.topics[idx];
        let key = if self.caching() {
            fingerprint(&[
                &file.fingerprint().to_le_bytes(),
                if file.streamed { body.as_bytes() } else { b"" },
                topic.title.as_bytes(),
                &self.targets.to_le_bytes(),
                &[u8::from(self.highlight())],
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
        let (mut notes, broken) =
            markdown::render(body, &file.rel, &topic.title, &resolver, self.highlight());
        let search = visitor::summarize(&std::mem::take(&mut notes.plain));
        let html = Markup::new(std::mem::take(&mut notes.html));
        let problems = broken
            .into_iter()
            .map(|p| at_offset(file, body, p.offset, p.message).with_severity(p.severity))
            .collect();
        let entry = NotesEntry {
            notes,
            html,
            search,
            problems,
        };
        (Arc::new(entry), key, true)
    }

    /// The job of a topic's page, its view built by `views`.
    fn page(&self, idx: TopicIdx, notes: &mut RenderedNotes, views: &Views<'_>) -> Job<'_> {
        // Without a cache nothing else holds the notes, but the print edition when it shows
        // them: else move their HTML into the page.
        let html = match Arc::get_mut(notes) {
            Some(entry) if !self.caching() && !self.print_notes => std::mem::take(&mut entry.html),
            _ => notes.html.clone(),
        };
        let mut page = views.page(idx, html);
        page.highlighted = notes.notes.highlighted;
        page.diagrams = notes.notes.diagrams;
        let view = TopicPage {
            site: &self.site,
            site_value: self.site_value.as_ref(),
            root: views.root_from(idx),
            page,
        };
        let path = self.inputs.roadmap.topics[idx].page_path();
        Job::shaped_page(path, "topic.html", view)
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
    let mut out = Diagnostics::default();
    for d in done {
        out.extend(d.notes.problems.iter().cloned());
    }
    // Each topic's links checked in parallel, their problems kept in tree order.
    let broken: Vec<Vec<Diagnostic>> = done
        .par_iter()
        .enumerate()
        .map(|(idx, d)| broken_anchors(inputs, done, idx, d))
        .collect();
    out.extend(broken.into_iter().flatten());
    out
}

/// Topic `idx`'s links to a heading of another topic that it does not have.
fn broken_anchors(
    inputs: &Inputs<'_>,
    done: &[TopicDone],
    idx: TopicIdx,
    d: &TopicDone,
) -> Vec<Diagnostic> {
    let roadmap = inputs.roadmap;
    let mut out = Vec::new();
    for link in &d.notes.notes.links {
        // Only a link with an anchor is looked up: most have none.
        let Some(anchor) = &link.anchor else {
            continue;
        };
        let Some(to) = roadmap.by_source(&link.target) else {
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
        let body = file.read_body().unwrap_or_default();
        let known = if anchors.is_empty() {
            "it has no headings".to_string()
        } else {
            format!("its headings are #{}", anchors.join(", #"))
        };
        out.push(at_offset(
            file,
            &body,
            link.offset,
            format!(
                "link to `{}#{anchor}`: no heading with that anchor ({known})",
                link.target
            ),
        ));
    }
    out
}

/// A topic whose notes could not be read again (see `SourceFile::read_body`): an error, and
/// no notes.
fn unreadable(file: &crate::content::SourceFile, e: &std::io::Error) -> RenderedNotes {
    let message = format!("cannot read the notes again: {e}; build again");
    Arc::new(NotesEntry {
        problems: vec![Diagnostic::error(&file.display, 0, 0, message)],
        ..NotesEntry::default()
    })
}

/// A diagnostic at a byte offset of a file's notes (`body`, as read).
fn at_offset(
    file: &crate::content::SourceFile,
    body: &str,
    offset: usize,
    message: String,
) -> Diagnostic {
    let before = &body[..offset.min(body.len())];
    let line = file.body_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Diagnostic::error(&file.display, line, column, message).with_source(&file.whole_text(body))
}
