//! `search-index.js`: a small index assigned to a global, so search works from `file://`
//! where fetching JSON is blocked. URLs are relative to the site root; the script adds the
//! page's way back to it.

use super::Cx;
use crate::render::Page;
use crate::render::markdown::options;
use pulldown_cmark::{Event, Parser};
use serde::Serialize;

/// Characters of notes text kept as an excerpt.
const EXCERPT: usize = 140;
/// Distinct words of the notes kept beyond the excerpt.
const WORDS: usize = 40;

/// Common words not worth indexing.
const STOP: [&str; 24] = [
    "the", "and", "for", "with", "that", "this", "from", "are", "you", "your", "can", "use",
    "into", "have", "has", "not", "but", "all", "how", "what", "when", "will", "its", "was",
];

#[derive(Serialize)]
struct Entry<'a> {
    /// Title.
    t: &'a str,
    /// URL from the site root.
    u: String,
    /// Status key, empty for groups.
    s: &'static str,
    /// Tags, own and inherited.
    g: &'a [String],
    /// Note.
    #[serde(skip_serializing_if = "str::is_empty")]
    n: &'a str,
    /// Section title.
    #[serde(skip_serializing_if = "str::is_empty")]
    p: &'a str,
    /// Excerpt of the notes.
    #[serde(skip_serializing_if = "String::is_empty")]
    x: String,
    /// Further words of the notes.
    #[serde(skip_serializing_if = "String::is_empty")]
    w: String,
}

/// Plain text of markdown notes.
fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !out.ends_with(' ') && !out.is_empty() =>
            {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An excerpt of about `EXCERPT` characters cut at a word, and distinct words past it.
fn excerpt_and_words(text: &str) -> (String, String) {
    let mut excerpt = String::new();
    let mut rest = text;
    for word in text.split(' ') {
        if excerpt.chars().count() + word.chars().count() > EXCERPT {
            break;
        }
        if !excerpt.is_empty() {
            excerpt.push(' ');
        }
        excerpt.push_str(word);
        rest = text.get(excerpt.len()..).unwrap_or("");
    }
    if !rest.trim().is_empty() {
        excerpt.push('…');
    }
    let seen_in_excerpt = excerpt.to_lowercase();
    let mut words: Vec<String> = Vec::new();
    for w in rest.split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#') {
        let w = w.to_lowercase();
        if w.chars().count() < 3
            || STOP.contains(&w.as_str())
            || words.contains(&w)
            || seen_in_excerpt.contains(&w)
        {
            continue;
        }
        words.push(w);
        if words.len() == WORDS {
            break;
        }
    }
    (excerpt, words.join(" "))
}

/// The excerpt and words of one file's notes, remembered by the text's fingerprint: a rebuild
/// after an edit derives them again for the edited file only.
fn search_text(md: &str) -> (String, String) {
    let pair = crate::render::cache::derived(md, |md| excerpt_and_words(&plain_text(md)));
    (pair.0.clone(), pair.1.clone())
}

/// The index file.
pub(crate) fn index_file(cx: &Cx<'_>) -> Page {
    let r = cx.roadmap();
    let entries: Vec<Entry<'_>> = r
        .order
        .iter()
        .map(|&i| {
            let t = &r.topics[i];
            let (x, w) = t
                .source
                .map(|s| search_text(cx.inputs.content.files[s].body()))
                .unwrap_or_default();
            let section = cx
                .section_of(i)
                .filter(|&s| s != i)
                .map_or("", |s| r.topics[s].title.as_str());
            Entry {
                t: &t.title,
                u: format!("{}index.html", t.url()),
                s: t.status.map_or("", |s| s.key()),
                g: &cx.inherited[i],
                n: t.note.as_deref().unwrap_or(""),
                p: section,
                x,
                w,
            }
        })
        .collect();
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into());
    // Line breaks U+2028/9 are valid in JSON but not in older JavaScript string literals.
    let json = json
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    Page {
        path: "search-index.js".into(),
        bytes: format!("window.waymarkSearch={json};\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_markdown() {
        let t = plain_text("# Head\n\nSome *bold* `code`\nnext line.\n\n- item");
        assert_eq!(t, "Head Some bold code next line. item");
    }

    #[test]
    fn excerpt_cut_at_word() {
        let long = "word ".repeat(60) + "postgres indexes";
        let (x, w) = excerpt_and_words(long.trim());
        assert!(x.ends_with('…'));
        assert!(x.chars().count() <= EXCERPT + 1);
        assert_eq!(w, "postgres indexes");
    }
}
