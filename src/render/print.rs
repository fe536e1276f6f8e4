//! `print/index.html`, the print edition: the whole roadmap with every topic's notes on one
//! page in tree order, with a contents list linking to each topic, a page break before every
//! section, link addresses printed after the links, and no navigation or script. Notes are
//! rendered for their own page, so their links and ids are rebased here: a link to another
//! topic's page points at its place in this page, other relative links go through `../`, and
//! ids get the topic's prefix so two topics' headings never share one.

use super::cache::RenderedNotes;
use super::job::{Job, Make, Variables, value_of};
use super::rows::tree_node;
use super::view::{Markup, NodeView, SiteView, Views, markup_values};
use crate::content::Resource;
use crate::diagnostic::Diagnostics;
use crate::hash::hash_of;
use crate::model::Roadmap;
use serde::Serialize;

/// One topic in the print edition, as `print-topic.html` sees it (`t`).
#[derive(Serialize, Hash)]
struct PrintTopic {
    /// Its anchor.
    anchor: String,
    /// Its heading's level: 2 for sections, at most 6.
    level: usize,
    started: Option<String>,
    completed: Option<String>,
    resources: Vec<Resource>,
    /// The notes, rebased to this page.
    content: Markup,
    /// Its node as the contents list it, its URL being its anchor in this page.
    node: NodeView,
}

/// What `print-topic.html` sees.
#[derive(Serialize, Hash)]
struct TopicPart {
    t: PrintTopic,
}

/// What `print-entry.html` sees: one node of the contents, a flattened tree (see
/// `Views::tree`).
#[derive(Serialize, Hash)]
struct EntryPart {
    n: NodeView,
}

/// Topics at most for the print edition to hold their notes: one page of every note of a
/// larger roadmap would be tens of megabytes, more than a browser prints, and holding every
/// note until it is made would take the build over its memory budget. Beyond it the edition
/// lists the topics with their status and dates, and says why the notes are left out.
pub const NOTES_LIMIT: usize = 2000;

/// Where the print edition is published.
pub const PATH: &str = "print/index.html";

/// Whether the print edition of `roadmap` holds the notes.
pub fn with_notes(roadmap: &Roadmap) -> bool {
    roadmap.topics.len() <= NOTES_LIMIT
}

/// What `print.html` sees.
#[derive(Hash)]
struct PrintPage {
    site: SiteView,
    /// Why the notes are left out, when they are.
    notes_left_out: Option<String>,
    /// The contents' entries, each made by `print-entry.html`.
    contents: Vec<Markup>,
    /// The topics in the same order, each made by `print-topic.html`.
    topics: Vec<Markup>,
}

/// The entries and topics go to the template as shared values: converting them through
/// `Serialize` would copy every topic's notes on every render.
impl Variables for PrintPage {
    fn variables(&self) -> Result<tera::Context, tera::Error> {
        let mut context = tera::Context::new();
        context.insert_value("site", value_of(&self.site)?);
        context.insert_value("notes_left_out", value_of(&self.notes_left_out)?);
        context.insert_value("contents", markup_values(&self.contents));
        context.insert_value("topics", markup_values(&self.topics));
        Ok(context)
    }
}

/// The anchor of a topic in the print edition.
fn anchor(id: &str) -> String {
    let mut anchor = String::with_capacity(id.len() + 8);
    anchor.push_str("t-");
    for (i, part) in id.split('/').enumerate() {
        if i > 0 {
            anchor.push_str("--");
        }
        anchor.push_str(part);
    }
    anchor
}

/// The print edition's job, made from every topic's notes (by topic index). Its contents'
/// entries and its topics are runs of rows remembered while what they read is the same
/// (`rows.rs`), and each topic's rebased notes are remembered while its notes and the
/// roadmap's ids are.
pub(super) fn job<'a>(on: &super::On<'_>, notes: &[RenderedNotes]) -> Result<Job<'a>, Diagnostics> {
    let (views, exec) = (on.views, on.exec);
    let r = views.roadmap;
    let shown = with_notes(r);
    let notes = if shown { notes } else { &[] };
    let node = |i: usize, views: &Views<'_>| {
        let mut n = tree_node(views, i);
        n.url = format!("#{}", anchor(&n.id));
        n
    };
    let entry = |i: usize, views: &Views<'_>| {
        let n = node(i, views);
        Ok(Make::Template(
            "print-entry.html",
            Box::new(EntryPart { n }),
        ))
    };
    let len = r.order.len();
    let contents = on
        .rows
        .run(("print-entry.html", len, PATH), views, exec, |_| 0, entry)?;
    let ids = hash_of(&r.topics.iter().map(|t| &t.id).collect::<Vec<_>>());
    let html = |i: usize| notes.get(r.order[i]).map(|n| &n.html);
    let topic = |i: usize, views: &Views<'_>| {
        let node = node(i, views);
        let t = views.topic(r.order[i]);
        let content = match html(i).filter(|h| !h.as_str().is_empty()) {
            Some(html) => exec.remember(hash_of(&("rebase", &t.id, html, ids)), PATH, || {
                Ok(rebase(r, &t.id, html.as_str()))
            })?,
            None => Markup::default(),
        };
        let t = PrintTopic {
            anchor: anchor(&t.id),
            level: (t.depth + 1).min(6),
            started: t.started.clone(),
            completed: t.completed.clone(),
            resources: t.resources.clone(),
            content,
            node,
        };
        Ok(Make::Template(
            "print-topic.html",
            Box::new(TopicPart { t }),
        ))
    };
    // A topic's part shows its notes, rebased with the roadmap's ids.
    let given = |i: usize| hash_of(&(html(i), ids));
    let topics = (on.rows).run(("print-topic.html", len, PATH), views, exec, given, topic)?;
    let page = PrintPage {
        notes_left_out: (!shown).then(|| notes_left_out(r)),
        site: views.site(),
        contents,
        topics,
    };
    Ok(Job::shaped_page(PATH, "print.html", page))
}

/// Why the print edition of a roadmap too big for one printable page has no notes.
fn notes_left_out(roadmap: &Roadmap) -> String {
    format!(
        "The notes are left out: with {} topics (more than {NOTES_LIMIT}) they would not fit one printable page. Each topic's page has them.",
        roadmap.topics.len() - 1
    )
}

/// The notes of topic `id` with their `href`, `src` and `id` attributes rebased to the print
/// edition.
fn rebase(roadmap: &Roadmap, id: &str, html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some((at, name)) = next_attribute(rest) {
        let value_start = at + name.len() + 3;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..value_start + len];
        out.push_str(&match name {
            "id" => format!("{}--{value}", anchor(id)),
            _ => rebase_url(roadmap, id, value),
        });
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// The first ` href="`, ` src="` or ` id="` in `html`: where it starts, and the name. One
/// pass from `="` to `="`: searching for each name in turn scanned the rest of the notes again
/// at every attribute (a fifth of serve's time at 1,000 topics went to it).
fn next_attribute(html: &str) -> Option<(usize, &'static str)> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(found) = html[from..].find("=\"") {
        let eq = from + found;
        let name = ["href", "src", "id"].into_iter().find(|name| {
            html[..eq].ends_with(name)
                && eq
                    .checked_sub(name.len() + 1)
                    .is_some_and(|at| bytes[at] == b' ')
        });
        if let Some(name) = name {
            return Some((eq - name.len() - 1, name));
        }
        from = eq + 2;
    }
    None
}

/// A URL of topic `id`'s notes as seen from the print edition.
fn rebase_url(roadmap: &Roadmap, id: &str, url: &str) -> String {
    if let Some(fragment) = url.strip_prefix('#') {
        return format!("#{}--{fragment}", anchor(id));
    }
    let is_absolute = url.starts_with('/')
        || url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/'));
    if is_absolute {
        return url.to_string();
    }
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let mut parts: Vec<&str> = id.split('/').filter(|p| !p.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    let topic = joined
        .strip_suffix("index.html")
        .map(|dir| dir.trim_end_matches('/'))
        .filter(|dir| !dir.is_empty() && roadmap.get(dir).is_some());
    match (topic, fragment) {
        (Some(t), "") => format!("#{}", anchor(t)),
        (Some(t), f) => format!("#{}--{f}", anchor(t)),
        (None, "") => format!("../{joined}"),
        (None, f) => format!("../{joined}#{f}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_rebase_to_the_print_edition() {
        let r = Roadmap::default();
        assert_eq!(rebase_url(&r, "a/b", "#setup"), "#t-a--b--setup");
        assert_eq!(rebase_url(&r, "a/b", "https://x.org/"), "https://x.org/");
        assert_eq!(rebase_url(&r, "a/b", "mailto:me@x.org"), "mailto:me@x.org");
        assert_eq!(rebase_url(&r, "a/b", "pic.png"), "../a/b/pic.png");
        assert_eq!(rebase_url(&r, "a/b", "../../c.pdf#p"), "../c.pdf#p");
    }

    #[test]
    fn anchors_and_page_paths_as_the_formatted_forms_gave() {
        for id in ["", "a", "a/b", "a/b/c", "a//b", "/a/", "x--y/z"] {
            assert_eq!(anchor(id), format!("t-{}", id.replace('/', "--")));
            let topic = crate::model::Topic {
                id: id.to_string(),
                ..Default::default()
            };
            assert_eq!(topic.page_path(), format!("{}index.html", topic.url()));
        }
    }

    #[test]
    fn ids_get_the_topic_prefix() {
        let r = Roadmap::default();
        let html = r##"<h2 id="x">X</h2><a href="#x">x</a><img src="i.png" alt="">"##;
        assert_eq!(
            rebase(&r, "a", html),
            r##"<h2 id="t-a--x">X</h2><a href="#t-a--x">x</a><img src="../a/i.png" alt="">"##
        );
    }

    #[test]
    fn only_whole_href_src_and_id_attributes_are_rebased() {
        let r = Roadmap::default();
        let html = r##"<span class="hl-k">a</span><p data-id="z" valid="v" title="t" href="b.html">b</p>x="y" id="i""##;
        assert_eq!(
            rebase(&r, "a", html),
            r##"<span class="hl-k">a</span><p data-id="z" valid="v" title="t" href="../a/b.html">b</p>x="y" id="t-a--i""##
        );
    }
}
