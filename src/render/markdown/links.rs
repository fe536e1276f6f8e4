//! Where the links and images of a topic's notes point: another topic's file or page, a file
//! beside the notes or of the site, or outside; and the problems with them.

use super::{Rewriter, TopicLink};
use crate::diagnostic::Severity;
use crate::model::slug_of;
use pulldown_cmark::CowStr;
use pulldown_cmark::Tag;

/// A problem with one link of the notes: where it is, how bad, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// Byte offset of the link in the notes.
    pub offset: usize,
    /// A broken link is an error; a link that only works at the site's root a warning.
    pub severity: Severity,
    /// What is wrong and what to do.
    pub message: String,
}

/// Turns a content-relative path or topic id into the URL to use, or says it does not exist.
pub trait LinkResolver {
    /// The URL for the page built from `target`, relative to the page being rendered.
    fn resolve(&self, target: &str) -> Option<String>;
    /// The URL for a non-markdown file of the content folder, relative to the page.
    fn asset(&self, target: &str) -> Option<String>;
    /// The page of the topic whose id is `id`: its URL relative to the page being rendered,
    /// and the topic's file (content-relative) if it has one.
    fn page(&self, id: &str) -> Option<(String, Option<String>)>;
    /// The URL of a file published at `site_path` from the content or `static/` folder,
    /// relative to the page.
    fn published(&self, site_path: &str) -> Option<String>;
    /// The way from the page being rendered up to the site's root, such as `../../`.
    fn root(&self) -> String;
}

impl Rewriter<'_> {
    /// A link's or an image's target, rewritten to where its page or file is on the site.
    pub(super) fn rewrite_target<'a>(&mut self, tag: Tag<'a>, offset: usize) -> Tag<'a> {
        match tag {
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Image {
                link_type,
                dest_url: self.rewrite_image(&dest_url, offset),
                title,
                id,
            },
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                link_type,
                dest_url: self.rewrite_link(&dest_url, offset),
                title,
                id,
            },
            other => other,
        }
    }

    fn problem(&mut self, offset: usize, severity: Severity, message: String) {
        self.broken.push(LinkProblem {
            offset,
            severity,
            message,
        });
    }

    /// An image's source: a file beside the notes points at where it is published.
    fn rewrite_image<'a>(&mut self, dest: &CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(link) = Local::of(dest, self.rel) else {
            return dest.clone();
        };
        match self.file(&link) {
            Some(url) => CowStr::from(format!("{url}{}", link.rest)),
            None => {
                self.warn_absolute(dest, &link, offset);
                dest.clone()
            }
        }
    }

    /// The URL of the file a link names: one of the content folder, or for a root-absolute
    /// link also one published at that path.
    fn file(&self, link: &Local<'_>) -> Option<String> {
        let target = link.target.as_deref()?;
        self.resolver
            .asset(target)
            .or_else(|| link.absolute.then(|| self.resolver.published(target))?)
    }

    /// A link's target: a topic's file or page, or a file beside the notes, points at where
    /// it is published, relative to this page; one to a missing topic is an error.
    fn rewrite_link<'a>(&mut self, dest: &CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(link) = Local::of(dest, self.rel) else {
            return dest.clone();
        };
        if ends_with_ignoring_case(link.path, ".md") {
            return self.markdown_link(dest, &link, offset);
        }
        if let Some(url) = self.file(&link) {
            return CowStr::from(format!("{url}{}", link.rest));
        }
        let page = link
            .page()
            .filter(|_| link.names_a_page())
            .and_then(|t| self.topic_page(t));
        if let Some((url, file)) = page {
            self.found(file, &link, offset);
            return CowStr::from(format!("{url}{}", link.rest));
        }
        // A relative link that names no topic from the notes' folder may be one that works
        // from the page (`../../map/`, a page waymark generates), so it is left as written.
        self.warn_absolute(dest, &link, offset);
        dest.clone()
    }

    fn markdown_link<'a>(
        &mut self,
        dest: &CowStr<'a>,
        link: &Local<'_>,
        offset: usize,
    ) -> CowStr<'a> {
        let Some(target) = &link.target else {
            self.problem(
                offset,
                Severity::Error,
                format!("link `{dest}` leaves the content folder; link to a topic inside it"),
            );
            return dest.clone();
        };
        match self.resolver.resolve(target) {
            Some(url) => {
                self.found(Some(target.clone()), link, offset);
                CowStr::from(format!("{url}{}", link.fragment()))
            }
            None => {
                self.problem(offset, Severity::Error, format!("link to `{dest}`: no such topic (looked for content/{target}); fix the path or create the file"));
                dest.clone()
            }
        }
    }

    /// Keeps a link to a topic's file for the `#anchor` checks.
    fn found(&mut self, file: Option<String>, link: &Local<'_>, offset: usize) {
        if let Some(target) = file {
            self.notes.links.push(TopicLink {
                target,
                anchor: link.anchor.map(str::to_string),
                offset,
            });
        }
    }

    /// The page of the topic a content-relative path names: the path as an id, else with each
    /// folder and file name made an id segment the way files are (`03-next-steps` →
    /// `next-steps`).
    fn topic_page(&self, path: &str) -> Option<(String, Option<String>)> {
        self.resolver
            .page(path)
            .or_else(|| self.resolver.page(&id_of_path(path)))
    }

    /// A root-absolute link that is no topic nor file of the site works only while the site
    /// is served at a domain's root: warned, with the relative form.
    fn warn_absolute(&mut self, dest: &str, link: &Local<'_>, offset: usize) {
        if !link.absolute {
            return;
        }
        let relative = format!("{}{}", self.resolver.root(), dest.trim_start_matches('/'));
        self.problem(
            offset,
            Severity::Warning,
            format!("link `{dest}` starts at the server's root: on a site published under a path, such as https://NAME.github.io/REPO/, it leaves the site (for https://NAME.github.io{dest}); write it relative to this page: `{relative}`"),
        );
    }
}

/// A link to something local: a path in the content folder (not a URL with a scheme, a
/// fragment alone or a protocol-relative address).
struct Local<'d> {
    /// The path as written, without `?query` or `#fragment`.
    path: &'d str,
    /// What followed the path: `?query#fragment`.
    rest: &'d str,
    /// The fragment, without `#`.
    anchor: Option<&'d str>,
    /// Whether the path starts at the server's root (`/…`).
    absolute: bool,
    /// The path resolved to content-relative form (a root-absolute one from the content
    /// folder), decoded; `None` if it climbs out.
    target: Option<String>,
}

/// Resolves `link` against the folder of `from`, both content-relative; `None` if it climbs out.
fn join(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::with_capacity(8);
    parts.extend(from.split('/'));
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
    // Nothing to decode in most paths: decoding would copy them byte by byte.
    if !joined.contains('%') {
        return Some(joined);
    }
    Some(
        percent_encoding::percent_decode_str(&joined)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

impl<'d> Local<'d> {
    fn of(dest: &'d str, rel: &str) -> Option<Self> {
        if is_external(dest) {
            return None;
        }
        let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
        let absolute = path.starts_with('/');
        let target = join(if absolute { "" } else { rel }, path);
        Some(Local {
            path,
            rest,
            anchor: rest.split_once('#').map(|(_, a)| a),
            absolute,
            target,
        })
    }

    /// The `#fragment` to keep on the rewritten link.
    fn fragment(&self) -> String {
        self.anchor.map(|a| format!("#{a}")).unwrap_or_default()
    }

    /// The content path of the page the link names: `target` without `index.html`.
    fn page(&self) -> Option<&str> {
        let t = self.target.as_deref()?;
        let t = if t == "index.html" { "" } else { t };
        Some(t.strip_suffix("/index.html").unwrap_or(t))
    }

    /// Whether the link looks like a page's address: a folder (`databases/`), `index.html`,
    /// or a name without an extension (`databases`).
    fn names_a_page(&self) -> bool {
        let last = self.path.rsplit('/').next().unwrap_or("");
        last.is_empty() || last == "index.html" || !last.contains('.')
    }
}

/// Whether `text` ends with `suffix` (ASCII), letters in either case, without a lowercased
/// copy of it for every link of every note.
fn ends_with_ignoring_case(text: &str, suffix: &str) -> bool {
    let (text, suffix) = (text.as_bytes(), suffix.as_bytes());
    text.len() >= suffix.len() && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Whether a link leaves the content: it has a scheme (`https:`, `mailto:`, `data:`), is a
/// fragment alone, protocol-relative, or empty.
pub fn is_external(dest: &str) -> bool {
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    scheme || dest.starts_with('#') || dest.starts_with("//") || dest.is_empty()
}

/// A content path as a topic id: each segment made an id segment the way file and folder
/// names are.
pub fn id_of_path(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(slug_of)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::render;
    use super::*;

    #[test]
    fn a_markdown_link_is_told_as_a_lowercased_copy_told_it() {
        for path in [
            "a.md", "a.MD", "B.mD", "md", ".md", "é.md", "x.mdx", "", "d", "ümd", "a/é",
        ] {
            assert_eq!(
                ends_with_ignoring_case(path, ".md"),
                path.to_ascii_lowercase().ends_with(".md"),
                "{path:?}"
            );
        }
    }

    /// Knows `a/b.md`, `a/img/x.png`, the page of `next-steps/databases`, the index and a
    /// published `cv.pdf`, as seen from a page two levels down.
    pub(in crate::render::markdown) struct Known;
    impl LinkResolver for Known {
        fn resolve(&self, target: &str) -> Option<String> {
            (target == "a/b.md").then(|| "../b/index.html".to_string())
        }
        fn asset(&self, target: &str) -> Option<String> {
            (target == "a/img/x.png").then(|| "../img/x.png".to_string())
        }
        fn page(&self, id: &str) -> Option<(String, Option<String>)> {
            match id {
                "next-steps/databases" => Some((
                    "../../next-steps/databases/index.html".into(),
                    Some("03-next-steps/02-databases.md".into()),
                )),
                "" => Some(("../../index.html".into(), None)),
                _ => None,
            }
        }
        fn published(&self, site_path: &str) -> Option<String> {
            (site_path == "cv.pdf").then(|| "../../cv.pdf".to_string())
        }
        fn root(&self) -> String {
            "../../".into()
        }
    }

    /// The hrefs of the rendered notes, in order.
    fn hrefs(html: &str) -> Vec<&str> {
        html.split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|h| !h.starts_with('#'))
            .collect()
    }

    #[test]
    fn links_to_a_topics_page_are_checked_and_made_relative() {
        let body = "[a](/next-steps/databases/) [b](/next-steps/databases) \
            [c](/next-steps/databases/index.html#setup) [d](next-steps/databases) \
            [e](../03-next-steps/02-databases/?x=1) [f](/) [g](/cv.pdf)";
        for rel in ["intro.md", "01-intro/_index.md"] {
            let (notes, problems) = render(body, rel, "Z", &Known, true);
            let page = "../../next-steps/databases/index.html";
            let d = if rel == "intro.md" {
                page
            } else {
                "next-steps/databases"
            };
            let e = if rel == "intro.md" {
                "../03-next-steps/02-databases/?x=1".to_string()
            } else {
                format!("{page}?x=1")
            };
            assert_eq!(
                hrefs(&notes.html),
                [
                    page,
                    page,
                    &format!("{page}#setup"),
                    d,
                    &e,
                    "../../index.html",
                    "../../cv.pdf"
                ],
                "{rel}"
            );
            let anchors: Vec<_> = notes.links.iter().map(|l| l.anchor.as_deref()).collect();
            assert!(anchors.contains(&Some("setup")), "{rel}: {anchors:?}");
            assert!(
                notes
                    .links
                    .iter()
                    .all(|l| l.target == "03-next-steps/02-databases.md")
            );
            // What names no topic from the notes' folder may work from the page: left alone.
            assert!(problems.is_empty(), "{rel}: {problems:?}");
        }
    }

    #[test]
    fn a_root_absolute_link_to_no_topic_is_warned_with_the_relative_form() {
        let (notes, problems) = render("[m](/map/) ![i](/img/y.png)", "a/z.md", "Z", &Known, true);
        assert_eq!(hrefs(&notes.html), ["/map/"]);
        let messages: Vec<_> = problems
            .iter()
            .map(|p| (p.offset, p.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    0,
                    "link `/map/` starts at the server's root: on a site published under a path, such as https://NAME.github.io/REPO/, it leaves the site (for https://NAME.github.io/map/); write it relative to this page: `../../map/`"
                ),
                (
                    11,
                    "link `/img/y.png` starts at the server's root: on a site published under a path, such as https://NAME.github.io/REPO/, it leaves the site (for https://NAME.github.io/img/y.png); write it relative to this page: `../../img/y.png`"
                ),
            ]
        );
    }

    #[test]
    fn links_with_a_scheme_are_left_alone() {
        let body =
            "[a](https://e.com/x) [b](mailto:me@e.com) [c](tel:+123) [d](//cdn.e.com/x) [e](#top)";
        let (notes, problems) = render(body, "a/z.md", "Z", &Known, true);
        assert_eq!(
            hrefs(&notes.html),
            [
                "https://e.com/x",
                "mailto:me@e.com",
                "tel:+123",
                "//cdn.e.com/x"
            ]
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("a/b/c.md", "../d.md").as_deref(), Some("a/d.md"));
        assert_eq!(join("a.md", "../d.md"), None);
        assert_eq!(
            join("a/x.md", "My%20Topic.md").as_deref(),
            Some("a/My Topic.md")
        );
        assert_eq!(
            join("a/b/c/x.md", "./../d/My Topic.md").as_deref(),
            Some("a/b/d/My Topic.md")
        );
        assert_eq!(join("x.md", "caf%C3%A9.md").as_deref(), Some("café.md"));
    }
}
