//! Plain text of the notes made richer as GitHub does: bare URLs become links, `:rocket:`
//! becomes 🚀; and headings' anchors as GitHub spells them.

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Whether `text` holds `://`, `www.` or `@`, the marks of what [`autolink`] links. Asked of
/// every run of prose: three `str::contains` cost ~600 instructions a run (3.5 % of a
/// 10,000-topic build's), each setting up its search again; memchr's vectorised searches, the
/// substring's searcher built once, cost a fraction of that.
fn may_link(text: &str) -> bool {
    static WWW: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("www."));
    let bytes = text.as_bytes();
    match memchr::memchr2(b'@', b':', bytes) {
        Some(at) if bytes[at] == b'@' => true,
        Some(_) if memchr::memmem::find(bytes, b"://").is_some() || bytes.contains(&b'@') => true,
        _ => WWW.find(bytes).is_some(),
    }
}

/// `text` with its bare URLs and email addresses as links, pushed to `out`.
pub fn autolink<'a>(text: CowStr<'a>, out: &mut Vec<Event<'a>>) {
    // Only these become links (see below): prose without any, most of it, skips the finder.
    if !may_link(&text) {
        out.push(Event::Text(text));
        return;
    }
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    let mut last = 0;
    for link in finder.links(&text) {
        let (start, end) = (link.start(), link.end());
        let s = link.as_str();
        let dest = match link.kind() {
            LinkKind::Email => format!("mailto:{s}"),
            _ if s.contains("://") => s.to_string(),
            // A www. address without a scheme, as GitHub links it; a bare `example.com` stays text.
            _ if s.starts_with("www.") => format!("http://{s}"),
            _ => continue,
        };
        if start > last {
            out.push(Event::Text(CowStr::from(text[last..start].to_string())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(dest),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(s.to_string())));
        out.push(Event::End(TagEnd::Link));
        last = end;
    }
    match last {
        0 => out.push(Event::Text(text)),
        _ if last < text.len() => out.push(Event::Text(CowStr::from(text[last..].to_string()))),
        _ => {}
    }
}

/// `:shortcode:`s GitHub knows replaced by their emoji; anything else left as written.
pub fn emojify(text: CowStr<'_>) -> CowStr<'_> {
    if memchr::memchr(b':', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    let mut changed = false;
    while let Some(open) = rest.find(':') {
        let after = &rest[open + 1..];
        let close = after.find(|c: char| !(c.is_ascii_alphanumeric() || "_+-".contains(c)));
        match close.filter(|&n| n > 0 && after[n..].starts_with(':')) {
            Some(n) => match emojis::get_by_shortcode(&after[..n]) {
                Some(emoji) => {
                    out.push_str(&rest[..open]);
                    out.push_str(emoji.as_str());
                    rest = &after[n + 1..];
                    changed = true;
                }
                None => {
                    out.push_str(&rest[..open + 1 + n]);
                    rest = &after[n..];
                }
            },
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    if !changed {
        return text;
    }
    out.push_str(rest);
    CowStr::from(out)
}

/// A heading's anchor as GitHub makes it: lowercased, spaces to `-`, and every character
/// but letters, digits, marks, `-` and `_` dropped (so `notes.md#some-heading` links work).
pub fn github_slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_link_is_the_three_searches_it_replaces() {
        for text in [
            "",
            "plain prose. Two sentences.",
            "see www.example.com",
            "www.",
            "ww.w.",
            "wwww.x",
            ".www",
            "a: b",
            "a: b @c",
            "https://example.com",
            ":/ /",
            "x@y.z",
            "é www.é",
            "ends with www",
            "colon at end:",
        ] {
            let before = text.contains("://") || text.contains("www.") || text.contains('@');
            assert_eq!(may_link(text), before, "{text:?}");
        }
    }

    fn html(text: &str) -> String {
        let mut events = Vec::new();
        autolink(emojify(CowStr::from(text.to_string())), &mut events);
        let mut s = String::new();
        pulldown_cmark::html::push_html(&mut s, events.into_iter());
        s
    }

    #[test]
    fn links_bare_urls_as_github_does() {
        assert_eq!(
            html("see https://example.com/a?b=1. and www.rust-lang.org, or me@example.com"),
            "see <a href=\"https://example.com/a?b=1\">https://example.com/a?b=1</a>. and \
             <a href=\"http://www.rust-lang.org\">www.rust-lang.org</a>, or \
             <a href=\"mailto:me@example.com\">me@example.com</a>"
        );
        assert_eq!(html("plain example.com text"), "plain example.com text");
    }

    #[test]
    fn turns_known_shortcodes_into_emoji() {
        assert_eq!(
            html(":rocket: launch :+1: at 10:30 :nope:"),
            "🚀 launch 👍 at 10:30 :nope:"
        );
    }

    #[test]
    fn slugs_headings_like_github() {
        assert_eq!(github_slug("Some Heading"), "some-heading");
        assert_eq!(github_slug("What's new in v2.0?"), "whats-new-in-v20");
        assert_eq!(
            github_slug("C++ & Rust: a comparison"),
            "c--rust-a-comparison"
        );
        assert_eq!(github_slug("Café au lait"), "café-au-lait");
        assert_eq!(
            github_slug("snake_case  and -dashes-"),
            "snake_case--and--dashes-"
        );
        assert_eq!(github_slug("🚀 Launch"), "-launch");
    }
}
