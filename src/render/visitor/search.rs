//! `search-index.js`: a small index assigned to a global, so search works from `file://`
//! where fetching JSON is blocked. URLs are relative to the site root; the script adds the
//! page's way back to it.

use super::Cx;
use crate::render::Page;
use rayon::prelude::*;
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

/// The index file.
pub(crate) fn index_file(cx: &Cx<'_>) -> Page {
    let r = cx.roadmap();
    let entries: Vec<Entry<'_>> = r
        .order
        .par_iter()
        .map(|&i| {
            let t = &r.topics[i];
            let (x, w) = excerpt_and_words(&cx.notes[i].0.plain);
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
    fn excerpt_cut_at_word() {
        let long = "word ".repeat(60) + "postgres indexes";
        let (x, w) = excerpt_and_words(long.trim());
        assert!(x.ends_with('…'));
        assert!(x.chars().count() <= EXCERPT + 1);
        assert_eq!(w, "postgres indexes");
    }
}
