//! Renders a topic's notes to HTML: GFM extras, heading anchors, and links to other topics' pages.

mod links;

pub use links::{LinkProblem, LinkResolver, id_of_path, is_external};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

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
    /// written), for search.
    pub plain: String,
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

/// Markdown features waymark turns on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders notes written in file `rel` (content-relative); `title` is dropped if the notes
/// repeat it as their first heading.
pub fn render(
    body: &str,
    rel: &str,
    title: &str,
    resolver: &dyn LinkResolver,
) -> (Notes, Vec<LinkProblem>) {
    let mut cx = Rewriter {
        rel,
        resolver,
        notes: Notes::default(),
        broken: Vec::new(),
    };
    let mut events = Parser::new_ext(body, options()).into_offset_iter();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(body.len() / 16);
    let mut first_block = true;
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            let ends = matches!(event, Event::End(_));
            out.push(cx.convert(event, range.start));
            first_block &= !ends;
            continue;
        };
        let inner: Vec<Event<'_>> = events
            .by_ref()
            .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
            .map(|(e, r)| cx.convert(e, r.start))
            .collect();
        let text = plain_text(&inner);
        let repeats_title = first_block && level == HeadingLevel::H1 && text.trim() == title.trim();
        first_block = false;
        if repeats_title {
            continue;
        }
        let anchor = unique(
            &mut cx.notes.anchors,
            id.as_deref()
                .map_or_else(|| slug::slugify(&text), str::to_string),
        );
        out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(anchor.clone())),
            classes,
            attrs,
        }));
        out.extend(inner);
        out.push(Event::Html(CowStr::from(format!(
            "<a class=\"anchor\" href=\"#{anchor}\" aria-label=\"Link to this section\">#</a>"
        ))));
        out.push(Event::End(TagEnd::Heading(level)));
    }
    let mut notes = cx.notes;
    notes.html.reserve(body.len() * 3 / 2);
    html::push_html(&mut notes.html, out.into_iter());
    (notes, cx.broken)
}

/// Rewrites links and image sources of one file's notes, keeping their plain text for search
/// and the links between topics for the checks.
struct Rewriter<'r> {
    rel: &'r str,
    resolver: &'r dyn LinkResolver,
    notes: Notes,
    broken: Vec<LinkProblem>,
}

impl Rewriter<'_> {
    /// The event as published; `offset` is where it starts in the notes.
    fn convert<'a>(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: self.rewrite_image(&dest_url, offset),
                title,
                id,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.rewrite_link(&dest_url, offset),
                title,
                id,
            }),
            Event::Text(t) => {
                self.notes.push_plain(&t);
                Event::Text(t)
            }
            Event::Code(t) => {
                self.notes.push_plain(&t);
                Event::Code(t)
            }
            // A step's box, named so a screen reader does not meet an unlabelled control.
            Event::TaskListMarker(done) => Event::InlineHtml(CowStr::Borrowed(if done {
                "<input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"Step\"/>\n"
            } else {
                "<input disabled=\"\" type=\"checkbox\" aria-label=\"Step\"/>\n"
            })),
            other => other,
        }
    }
}

/// Resolves `link` against the folder of `from`, both content-relative; `None` if it climbs out.
fn join(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    Some(
        percent_encoding::percent_decode_str(&joined)
            .decode_utf8_lossy()
            .into_owned(),
    )
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
        let (notes, broken) = render("## Compare with [b](b.md)\n", "a/z.md", "Z", &Known);
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
        );
        let words: Vec<&str> = notes.plain.split_whitespace().collect();
        assert_eq!(words.join(" "), "Head Some bold code next line. item");
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("a/b/c.md", "../d.md").as_deref(), Some("a/d.md"));
        assert_eq!(join("a.md", "../d.md"), None);
        assert_eq!(
            join("a/x.md", "My%20Topic.md").as_deref(),
            Some("a/My Topic.md")
        );
    }
}
