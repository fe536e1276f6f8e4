//! Renders a topic's notes to HTML as GitHub shows them (highlighted code, alerts, math,
//! diagrams, footnotes, autolinks, emoji, GitHub's heading anchors), with links to other
//! topics' pages.

mod alerts;
mod highlight;
mod links;
mod math;
mod text;

use crate::diagnostic::Severity;
pub use links::{LinkProblem, LinkResolver, id_of_path, is_external};
use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use std::ops::Range;

/// What rendering one topic's notes produced.
#[derive(Debug, Default, Clone)]
pub struct Notes {
    /// The HTML.
    pub html: String,
    /// Ids of the headings, for `#anchor` checks.
    pub anchors: Vec<String>,
    /// Links to other topics, for checks after every page is rendered.
    pub links: Vec<TopicLink>,
    /// The start of the notes as plain text (about [`PLAIN_LIMIT`] bytes, whitespace as
    /// written), for search: prose and inline code, never code blocks or math.
    pub plain: String,
    /// Whether a code block is highlighted, so the page loads the highlighting stylesheet.
    pub highlighted: bool,
    /// Whether there is a Mermaid diagram, so the page loads the script that draws it.
    pub diagrams: bool,
}

/// How much plain text of the notes is kept for the search index: enough for its excerpt and
/// 40 distinct words in all but the most repetitive notes, and scanning it is a tenth of a
/// large build's CPU time at 2 KB.
pub const PLAIN_LIMIT: usize = 1024;

impl Notes {
    fn push_plain(&mut self, text: &str) {
        if self.plain.len() < PLAIN_LIMIT {
            self.plain.push_str(text);
            self.plain.push(' ');
        }
    }
}

/// A link from these notes to another content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicLink {
    /// The target file's path relative to the content folder.
    pub target: String,
    /// The `#fragment`, if any.
    pub anchor: Option<String>,
    /// Byte offset of the link in the notes.
    pub offset: usize,
}

/// Markdown features waymark turns on: GitHub's (tables, footnotes, strikethrough, task
/// lists, alerts) and `$` math.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
}

/// Renders notes written in file `rel` (content-relative); `title` is dropped if the notes
/// repeat it as their first heading. `highlight` colours code blocks by their language.
pub fn render(
    body: &str,
    rel: &str,
    title: &str,
    resolver: &dyn LinkResolver,
    highlight: bool,
) -> (Notes, Vec<LinkProblem>) {
    let mut cx = Rewriter::new(rel, resolver, highlight);
    let mut events = Parser::new_ext(body, options()).into_offset_iter();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(body.len() / 16);
    // Footnotes' text goes to the end of the notes, as GitHub shows it.
    let mut footnotes: Vec<Event<'_>> = Vec::new();
    let mut in_footnote = false;
    let mut first_block = true;
    while let Some((event, range)) = events.next() {
        if matches!(event, Event::Start(Tag::FootnoteDefinition(_))) {
            in_footnote = true;
        }
        let target = if in_footnote {
            &mut footnotes
        } else {
            &mut out
        };
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner = cx.inline_until_end(&mut events);
                // A first heading that repeats the title is left out: the page shows it.
                let repeats = first_block && level == HeadingLevel::H1;
                first_block = false;
                let heading_tag = (level, id, classes, attrs);
                cx.heading(target, heading_tag, inner, repeats.then_some(title));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let code = code_text(&mut events);
                target.push(cx.code_block(&kind, &code, range.start));
                first_block = false;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                target.push(event);
                in_footnote = false;
            }
            event => {
                first_block &= !matches!(event, Event::End(_));
                cx.convert(event, range.start, target);
            }
        }
    }
    cx.finish(out, footnotes, body.len())
}

/// A heading's start tag as pulldown-cmark gives it: level, `{#id}`, `{.classes}`, attributes.
type HeadingTag<'a> = (
    HeadingLevel,
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
);

impl<'r> Rewriter<'r> {
    fn new(rel: &'r str, resolver: &'r dyn LinkResolver, highlight: bool) -> Self {
        Rewriter {
            rel,
            resolver,
            highlight,
            notes: Notes {
                // What search keeps, sized once rather than grown text by text.
                plain: String::with_capacity(PLAIN_LIMIT * 3 / 2),
                ..Notes::default()
            },
            broken: Vec::new(),
            in_link: 0,
        }
    }

    /// The notes' HTML: `out`, then the footnotes' text at the end, as GitHub shows it.
    fn finish<'a>(
        self,
        mut out: Vec<Event<'a>>,
        mut footnotes: Vec<Event<'a>>,
        body_len: usize,
    ) -> (Notes, Vec<LinkProblem>) {
        if !footnotes.is_empty() {
            out.push(Event::Html(CowStr::from(
                "<section class=\"footnotes\" aria-label=\"Footnotes\">\n",
            )));
            out.append(&mut footnotes);
            out.push(Event::Html(CowStr::from("</section>\n")));
        }
        let mut notes = self.notes;
        notes.html.reserve(body_len * 3 / 2);
        html::push_html(&mut notes.html, out.into_iter());
        (notes, self.broken)
    }

    /// A heading with a unique anchor (its `{#id}`, else GitHub's slug of its text), unless it
    /// only repeats `title`, the page's own.
    fn heading<'a>(
        &mut self,
        target: &mut Vec<Event<'a>>,
        (level, id, classes, attrs): HeadingTag<'a>,
        inner: Vec<Event<'a>>,
        title: Option<&str>,
    ) {
        let text = plain_text(&inner);
        if title.is_some_and(|t| text.trim() == t.trim()) {
            return;
        }
        let anchor = id.map_or_else(|| text::github_slug(&text), |i| i.to_string());
        let anchor = unique(&mut self.notes.anchors, anchor);
        heading(target, level, anchor, classes, attrs, inner);
    }
}

/// A heading with its anchor and the link to it.
fn heading<'a>(
    out: &mut Vec<Event<'a>>,
    level: HeadingLevel,
    anchor: String,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    inner: Vec<Event<'a>>,
) {
    let link =
        format!("<a class=\"anchor\" href=\"#{anchor}\" aria-label=\"Link to this section\">#</a>");
    out.push(Event::Start(Tag::Heading {
        level,
        id: Some(CowStr::from(anchor)),
        classes,
        attrs,
    }));
    out.extend(inner);
    out.push(Event::Html(CowStr::from(link)));
    out.push(Event::End(TagEnd::Heading(level)));
}

/// The text of a code block, up to its end.
fn code_text<'a>(events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>) -> String {
    let mut code = String::new();
    for (e, _) in events.by_ref() {
        match e {
            Event::Text(t) => code.push_str(&t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    code
}

/// Rewrites links and image sources of one file's notes, keeping their plain text for search
/// and the links between topics for the checks.
struct Rewriter<'r> {
    rel: &'r str,
    resolver: &'r dyn LinkResolver,
    highlight: bool,
    notes: Notes,
    broken: Vec<LinkProblem>,
    /// How many links (or images) the text being read is inside: no links within links.
    in_link: usize,
}

impl Rewriter<'_> {
    /// The events of a heading up to its end, converted.
    fn inline_until_end<'a>(
        &mut self,
        events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    ) -> Vec<Event<'a>> {
        let mut inner = Vec::new();
        for (e, r) in events.by_ref() {
            if matches!(e, Event::End(TagEnd::Heading(_))) {
                break;
            }
            self.convert(e, r.start, &mut inner);
        }
        inner
    }

    /// A code block as published: a diagram, display math, or code (highlighted if on).
    fn code_block<'a>(&mut self, kind: &CodeBlockKind<'_>, code: &str, offset: usize) -> Event<'a> {
        let lang = match kind {
            CodeBlockKind::Fenced(info) => highlight::language(info),
            CodeBlockKind::Indented => String::new(),
        };
        if lang == "mermaid" {
            self.notes.diagrams = true;
            let mut html = String::from("<pre class=\"mermaid\">");
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, code);
            html.push_str("</pre>\n");
            return Event::Html(CowStr::from(html));
        }
        if lang == "math" {
            let display = format!(
                "<p class=\"math-display\">{}</p>\n",
                self.math(code, true, offset)
            );
            return Event::Html(CowStr::from(display));
        }
        let (html, highlighted) = highlight::code_block(&lang, code, self.highlight);
        self.notes.highlighted |= highlighted;
        Event::Html(CowStr::from(html))
    }

    /// A formula as MathML, or as written with a warning at `offset`.
    fn math(&mut self, tex: &str, display: bool, offset: usize) -> String {
        match math::mathml(tex, display) {
            Ok(html) => html,
            Err(why) => {
                self.broken.push(LinkProblem {
                    offset,
                    severity: Severity::Warning,
                    message: format!(
                        "this formula is shown as written, not as math: {why}; check its LaTeX"
                    ),
                });
                math::as_written(tex, display)
            }
        }
    }

    /// The event as published, pushed to `out`; `offset` is where it starts in the notes.
    fn convert<'a>(&mut self, event: Event<'a>, offset: usize, out: &mut Vec<Event<'a>>) {
        let event = match event {
            Event::Start(tag @ (Tag::Image { .. } | Tag::Link { .. })) => {
                self.in_link += 1;
                Event::Start(self.rewrite_target(tag, offset))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1);
                event
            }
            Event::Text(t) => {
                let t = text::emojify(t);
                self.notes.push_plain(&t);
                if self.in_link == 0 {
                    return text::autolink(t, out);
                }
                Event::Text(t)
            }
            Event::Code(t) => {
                self.notes.push_plain(&t);
                Event::Code(t)
            }
            Event::InlineMath(tex) => {
                Event::InlineHtml(CowStr::from(self.math(&tex, false, offset)))
            }
            Event::DisplayMath(tex) => {
                Event::InlineHtml(CowStr::from(self.math(&tex, true, offset)))
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                Event::Html(CowStr::from(alerts::open(kind)))
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::from(alerts::CLOSE)),
            Event::TaskListMarker(done) => Event::InlineHtml(CowStr::from(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
            })),
            other => other,
        };
        out.push(event);
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

fn unique(taken: &mut Vec<String>, base: String) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::links::tests::Known;
    use super::*;

    #[test]
    fn links_inside_headings_are_rewritten_and_checked_too() {
        let (notes, broken) = render("## Compare with [b](b.md)\n", "a/z.md", "Z", &Known, true);
        assert!(
            notes.html.contains("<a href=\"../b/index.html\">b</a>"),
            "{}",
            notes.html
        );
        assert_eq!(notes.anchors, ["compare-with-b"]);
        assert_eq!(notes.links.len(), 1);
        assert!(broken.is_empty());
    }

    #[test]
    fn rewrites_links_and_reports_missing_ones() {
        let (notes, broken) = render(
            "See [b](b.md#x) and [c](c.md).\n\n## Intro\n",
            "a/z.md",
            "Z",
            &Known,
            true,
        );
        assert!(
            notes.html.contains("href=\"../b/index.html#x\""),
            "{}",
            notes.html
        );
        assert_eq!(notes.anchors, vec!["intro"]);
        assert_eq!(broken.len(), 1);
        assert!(broken[0].message.contains("c.md"));
        assert_eq!(broken[0].severity, crate::diagnostic::Severity::Error);
    }

    #[test]
    fn points_images_beside_the_notes_at_their_published_place() {
        let (notes, _) = render(
            "![x](img/x.png \"t\") ![y](https://e.com/y.png)",
            "a/z.md",
            "Z",
            &Known,
            true,
        );
        assert!(
            notes.html.contains("src=\"../img/x.png\""),
            "{}",
            notes.html
        );
        assert!(notes.html.contains("src=\"https://e.com/y.png\""));
    }

    #[test]
    fn keeps_the_plain_text_for_search() {
        let (notes, _) = render(
            "# Head\n\nSome *bold* `code`\nnext line.\n\n- item",
            "a.md",
            "Other",
            &Known,
            true,
        );
        let words: Vec<&str> = notes.plain.split_whitespace().collect();
        assert_eq!(words.join(" "), "Head Some bold code next line. item");
    }
}
