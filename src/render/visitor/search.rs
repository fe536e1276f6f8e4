//! `search-index.js`: a small index assigned to a global, so search works from `file://`
//! where fetching JSON is blocked. URLs are relative to the site root; the script adds the
//! page's way back to it.

use super::VisitorInputs;
use crate::diagnostic::Diagnostics;
use crate::hash::{fingerprint, hash_of};
use crate::render::job::{Executor, Job, Make, View};
use crate::render::view::Markup;
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

#[derive(Serialize, Hash)]
struct Entry {
    /// Title.
    t: String,
    /// URL from the site root.
    u: String,
    /// Status key, empty for groups.
    s: &'static str,
    /// Tags, own and inherited.
    g: Vec<String>,
    /// Note.
    #[serde(skip_serializing_if = "String::is_empty")]
    n: String,
    /// Section title.
    #[serde(skip_serializing_if = "String::is_empty")]
    p: String,
    /// Excerpt of the notes.
    #[serde(skip_serializing_if = "String::is_empty")]
    x: String,
    /// Further words of the notes.
    #[serde(skip_serializing_if = "String::is_empty")]
    w: String,
    /// Steps, `3/5 steps`.
    #[serde(skip_serializing_if = "String::is_empty")]
    k: String,
}

/// What the search index keeps of one topic's notes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SearchText {
    /// About `EXCERPT` characters from the start, cut at a word.
    pub excerpt: String,
    /// Distinct words past the excerpt, lowercased, space-separated.
    pub words: String,
}

/// Boils notes' plain text down to what the index keeps, so the text itself need not be.
pub fn summarize(text: &str) -> SearchText {
    // Sized up front (shrunk to fit at the end): grown word by word, each string was
    // reallocated some six times per topic.
    let mut excerpt = String::with_capacity(EXCERPT * 2);
    let mut chars = 0;
    let mut end = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len > EXCERPT {
            break;
        }
        if !excerpt.is_empty() {
            excerpt.push(' ');
            chars += 1;
        }
        excerpt.push_str(word);
        chars += len;
        end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
    }
    let rest = &text[end..];
    if !rest.trim().is_empty() {
        excerpt.push('…');
    }
    let mut words = distinct_words(rest, &excerpt.to_lowercase());
    // Kept for every topic until the index is written: no spare capacity.
    excerpt.shrink_to_fit();
    words.shrink_to_fit();
    SearchText { excerpt, words }
}

/// Up to `WORDS` words of `text`, lowercased, worth searching for that `seen` (lowercase)
/// does not already contain.
fn distinct_words(text: &str, seen: &str) -> String {
    let mut kept = String::with_capacity(WORDS * 12);
    let mut count = 0;
    let mut checked = SeenWords::default();
    let mut word = String::with_capacity(32);
    for w in words_of(text) {
        if w.len() < 3 {
            continue;
        }
        word.clear();
        if w.is_ascii() {
            word.push_str(w);
            word.make_ascii_lowercase();
        } else {
            word.extend(w.chars().flat_map(char::to_lowercase));
        }
        match checked.insert(fingerprint(&[word.as_bytes()])) {
            Some(true) => {}
            Some(false) => continue,
            None => break,
        }
        if word.chars().nth(2).is_none() || STOP.contains(&word.as_str()) || seen.contains(&word) {
            continue;
        }
        if count > 0 {
            kept.push(' ');
        }
        kept.push_str(&word);
        count += 1;
        if count == WORDS {
            break;
        }
    }
    kept
}

/// Fingerprints of the words looked at so far: a small open-addressing table, as a few
/// hundred words per topic do not pay for a general hash set.
struct SeenWords([u64; 512]);

impl Default for SeenWords {
    fn default() -> Self {
        SeenWords([0; 512])
    }
}

impl SeenWords {
    /// Whether `hash` is new; `None` once the table is too full to say cheaply.
    fn insert(&mut self, hash: u64) -> Option<bool> {
        let hash = hash.max(1);
        let mask = self.0.len() - 1;
        let mut at = (hash >> 32) as usize & mask;
        for _ in 0..16 {
            match self.0[at] {
                0 => {
                    self.0[at] = hash;
                    return Some(true);
                }
                h if h == hash => return Some(false),
                _ => at = (at + 1) & mask,
            }
        }
        None
    }
}

/// The runs of letters, digits, `+` and `#` in `text` (so `c++` and `c#` stay words). Whether a
/// run is ASCII is gathered as it is read (every byte of every topic's notes comes here).
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !word_byte(bytes[at]) {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        let mut high = 0;
        while at < bytes.len() && word_byte(bytes[at]) {
            high |= bytes[at];
            at += 1;
        }
        let run = &text[start..at];
        if high < 0x80 {
            return Some(run);
        }
        // Rare: a run with other characters, some of which may not be letters (`é` is, `—`
        // is not). Cut at the first such one and go on from there.
        let cut = run
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '+' || c == '#'))
            .map(|(i, c)| (i, c.len_utf8()));
        if let Some((i, len)) = cut {
            at = start + i + len;
            return Some(&run[..i]);
        }
        Some(run)
    })
}

/// Whether a byte can be part of a word: an ASCII letter, digit, `+` or `#`, or any byte of
/// a multi-byte character (sorted out in [`words_of`]). Looked up in a table: every byte of
/// every topic's notes is asked, and the five comparisons were ~3 % of the instructions of a
/// 10,000-topic build.
fn word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`word_byte`] for every byte.
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric() || b == b'+' || b == b'#' || b >= 0x80;
        i += 1;
    }
    table
};

/// The index file's job. Each entry is a part, serialized once and reused while it is the
/// same, so a status edit serializes again only the entries it changes.
pub(crate) fn job<'a>(on: &VisitorInputs<'_>, exec: &Executor<'_>) -> Result<Job<'a>, Diagnostics> {
    let r = on.roadmap();
    let entries = r
        .order
        .par_iter()
        .map(|&i| {
            let t = &r.topics[i];
            let text = &on.notes[i].search;
            let section = on
                .section_of(i)
                .filter(|&s| s != i)
                .map_or("", |s| r.topics[s].title.as_str());
            let entry = Entry {
                t: t.title.clone(),
                u: t.page_path(),
                s: t.status.map_or("", |s| s.key()),
                g: on.inherited[i].clone(),
                n: t.note.clone().unwrap_or_default(),
                p: section.to_string(),
                x: text.excerpt.clone(),
                w: text.words.clone(),
                k: t.steps
                    .map_or_else(String::new, |s| format!("{}/{} steps", s.done, s.total)),
            };
            exec.part(&Make::Compact(Box::new(entry)), PATH)
        })
        .collect::<Result<_, _>>()?;
    Ok(Job::script(PATH, "waymarkSearch", JsonArray(entries)))
}

/// Where the index is published.
const PATH: &str = "search-index.js";

/// A JSON array of entries serialized each on its own: it writes `[a,b,…]`, as serializing
/// the entries together would.
#[derive(Hash)]
struct JsonArray(Vec<Markup>);

impl View for JsonArray {
    fn key(&self) -> u64 {
        hash_of(&self.0)
    }

    fn context(&self) -> Result<tera::Context, tera::Error> {
        Err(tera::Error::message(
            "the search index is not given to templates",
        ))
    }

    /// Compact only: the entries were serialized compact.
    fn write_json(&self, _pretty: bool, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, entry) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(entry.as_str().as_bytes());
        }
        out.push(b']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cut_at_word() {
        let long = "word ".repeat(60) + "postgres indexes";
        let t = summarize(long.trim());
        assert!(t.excerpt.ends_with('…'));
        assert!(t.excerpt.chars().count() <= EXCERPT + 1);
        assert_eq!(t.words, "postgres indexes");
    }

    #[test]
    fn words_split_at_anything_but_letters_digits_plus_and_hash() {
        let words: Vec<&str> = words_of("naïve—café, c++/c# «δοκιμή» x2—")
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words, ["naïve", "café", "c++", "c#", "δοκιμή", "x2"]);
    }

    #[test]
    fn words_are_distinct_lowercase_and_not_in_the_excerpt() {
        let text = "Rust ".repeat(30) + "Tokio tokio the io Rust C++ async Async ωμέγα";
        let t = summarize(text.trim());
        assert_eq!(t.words, "tokio c++ async ωμέγα");
    }
}
