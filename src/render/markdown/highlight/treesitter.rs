//! Code in the common languages of a learner's notes (Python, JavaScript, TypeScript, Go,
//! shell, YAML, JSON, Rust), highlighted by tree-sitter's grammars and their highlights
//! queries, with 3–5× less CPU a block than syntect's: each language loaded the first time a
//! block needs it, its captures given the `hl-*` classes syntect gives the same tokens, so both
//! engines look alike.

use pulldown_cmark_escape::escape_html_body_text;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::sync::LazyLock;
use tree_sitter::CaptureQuantifier::Zero;
use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator};
use {tree_sitter_bash as bash, tree_sitter_go as go, tree_sitter_javascript as js};
use {tree_sitter_json as json, tree_sitter_python as python, tree_sitter_rust as rust};
use {tree_sitter_typescript as ts, tree_sitter_yaml as yaml};

/// Tree-sitter's capture names and the classes of syntect's scope for the same token, the ones
/// `highlight.css` colours. A capture takes the row that names most of its parts
/// (`function.method` takes `function`'s). Captures in no row (`variable`, `property`,
/// `punctuation`, `embedded`) get no span: syntect's scopes for them get no colour either.
const CLASSES: [(&str, &str); 22] = [
    ("attribute", "hl-entity hl-other hl-attribute-name"),
    ("boolean", "hl-constant hl-language"),
    ("comment", "hl-comment"),
    ("constant", "hl-constant"),
    ("constant.builtin", "hl-constant hl-language"),
    ("constructor", "hl-entity hl-name hl-class"),
    ("escape", "hl-constant hl-character hl-escape"),
    ("function", "hl-entity hl-name hl-function"),
    ("function.builtin", "hl-support hl-function"),
    ("function.macro", "hl-support hl-macro"),
    ("keyword", "hl-keyword"),
    // Rust's lifetimes and loop labels, YAML's anchors.
    ("label", "hl-storage hl-modifier hl-label"),
    ("number", "hl-constant hl-numeric"),
    ("operator", "hl-keyword hl-operator"),
    ("string", "hl-string"),
    ("string.special", "hl-string hl-regexp"),
    // JSON's keys, strings as syntect has them.
    ("string.special.key", "hl-string"),
    // A YAML mapping's keys: its grammar calls them `property`, renamed on load (`YAML`).
    ("tag", "hl-entity hl-name hl-tag"),
    ("type", "hl-entity hl-name hl-type"),
    ("type.builtin", "hl-support hl-type"),
    ("variable.builtin", "hl-variable hl-language"),
    ("variable.parameter", "hl-variable hl-parameter"),
];

/// A language tree-sitter highlights: its grammar, its highlights query compiled against it,
/// and the classes of each of the query's captures (`None`: no span).
pub struct Language {
    grammar: tree_sitter::Language,
    query: Query,
    classes: Vec<Option<&'static str>>,
}

/// A language, loaded on first use.
type Lazy = LazyLock<Option<Language>>;

/// The grammar with its query, or `None` if the query does not compile (a bug in a grammar
/// crate: the block then goes to syntect).
fn load(grammar: impl Into<tree_sitter::Language>, query: &str) -> Option<Language> {
    let grammar = grammar.into();
    let mut query = Query::new(&grammar, query).ok()?;
    let classes: Vec<_> = query.capture_names().iter().map(|c| classes(c)).collect();
    // A pattern whose captures all go without a class gives no span, costs matching time, and
    // would hide what an earlier pattern found on the same node (Go's query names every
    // identifier `variable` after it names functions).
    for pattern in 0..query.pattern_count() {
        let quantifiers = query.capture_quantifiers(pattern).iter();
        if quantifiers
            .zip(&classes)
            .all(|(q, c)| *q == Zero || c.is_none())
        {
            query.disable_pattern(pattern);
        }
    }
    Some(Language {
        grammar,
        query,
        classes,
    })
}

/// The classes of a capture: those of the row of `CLASSES` that names most of its parts.
fn classes(capture: &str) -> Option<&'static str> {
    let parts = |name: &'static str| name.split('.');
    CLASSES
        .iter()
        .filter(|(name, _)| parts(name).all(|part| capture.split('.').any(|p| p == part)))
        .max_by_key(|(name, _)| parts(name).count())
        .map(|(_, classes)| *classes)
}

static PYTHON: Lazy = LazyLock::new(|| load(python::LANGUAGE, python::HIGHLIGHTS_QUERY));
static JAVASCRIPT: Lazy = LazyLock::new(|| load(js::LANGUAGE, js::HIGHLIGHT_QUERY));
/// TypeScript's query adds to JavaScript's (a later pattern wins on the same node).
static TYPESCRIPT: Lazy = LazyLock::new(|| {
    let query = format!("{}\n{}", js::HIGHLIGHT_QUERY, ts::HIGHLIGHTS_QUERY);
    load(ts::LANGUAGE_TYPESCRIPT, &query)
});
static GO: Lazy = LazyLock::new(|| load(go::LANGUAGE, go::HIGHLIGHTS_QUERY));
static BASH: Lazy = LazyLock::new(|| load(bash::LANGUAGE, bash::HIGHLIGHT_QUERY));
/// A key coloured as GitHub and syntect colour it, like a tag.
static YAML: Lazy = LazyLock::new(|| {
    load(
        yaml::LANGUAGE,
        &yaml::HIGHLIGHTS_QUERY.replace("@property", "@tag"),
    )
});
static JSON: Lazy = LazyLock::new(|| load(json::LANGUAGE, json::HIGHLIGHTS_QUERY));
static RUST: Lazy = LazyLock::new(|| load(rust::LANGUAGE, rust::HIGHLIGHTS_QUERY));

/// The language for `lang` (a lowercased tag, with the names GitHub accepts for it), if
/// tree-sitter highlights it. Any other tag goes to syntect, as before.
pub fn language(lang: &str) -> Option<&'static Language> {
    let language: &'static Lazy = match lang {
        "python" | "py" | "py3" | "python3" | "pyw" | "pyi" => &PYTHON,
        "javascript" | "js" | "node" | "mjs" | "cjs" => &JAVASCRIPT,
        "typescript" | "ts" | "mts" | "cts" => &TYPESCRIPT,
        "go" | "golang" => &GO,
        "bash" | "sh" | "shell" | "zsh" | "console" | "shell-session" => &BASH,
        "yaml" | "yml" => &YAML,
        "json" | "jsonc" => &JSON,
        "rust" | "rs" => &RUST,
        _ => return None,
    };
    language.as_ref()
}

/// A capture that gets a span: its byte range, the pattern that found it, its classes.
struct Found {
    start: usize,
    end: usize,
    pattern: usize,
    classes: &'static str,
}

thread_local! {
    /// A parser, a query cursor and the captures found, reused from block to block.
    static WORK: RefCell<(Parser, QueryCursor, Vec<Found>)> =
        RefCell::new((Parser::new(), QueryCursor::new(), Vec::new()));
}

/// The code as escaped HTML with nested `<span class="hl-…">`, or `None` if the grammar
/// fails on it.
pub fn spans(language: &Language, code: &str) -> Option<String> {
    WORK.with_borrow_mut(|(parser, cursor, found)| {
        parser.set_language(&language.grammar).ok()?;
        let tree = parser.parse(code, None)?;
        found.clear();
        let mut matches = cursor.matches(&language.query, tree.root_node(), code.as_bytes());
        while let Some(found_match) = matches.next() {
            for capture in found_match.captures {
                let (node, index) = (capture.node, capture.index as usize);
                if let Some(classes) = language.classes[index]
                    && node.start_byte() < node.end_byte()
                {
                    found.push(Found {
                        start: node.start_byte(),
                        end: node.end_byte(),
                        pattern: found_match.pattern_index,
                        classes,
                    });
                }
            }
        }
        // Outer ranges before the ranges inside them; on one range, the last pattern wins, as
        // in tree-sitter's own highlighter.
        found.sort_unstable_by_key(|f| (f.start, Reverse(f.end), f.pattern));
        found.dedup_by(|later, earlier| {
            let same = (later.start, later.end) == (earlier.start, earlier.end);
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        html(code, found)
    })
}

/// The code with a span around each range found (nested or apart, as a syntax tree's nodes
/// are), escaped.
fn html(code: &str, found: &[Found]) -> Option<String> {
    let mut html = String::with_capacity(code.len() * 3);
    let mut open: Vec<usize> = Vec::new();
    let mut at = 0;
    let mut text_to = |html: &mut String, to: usize| {
        let text = code.get(at..to);
        at = to;
        text.and_then(|text| escape_html_body_text(html, text).ok())
    };
    for span in found {
        while let Some(&end) = open.last().filter(|&&end| end <= span.start) {
            text_to(&mut html, end)?;
            html.push_str("</span>");
            open.pop();
        }
        text_to(&mut html, span.start)?;
        html.push_str("<span class=\"");
        html.push_str(span.classes);
        html.push_str("\">");
        open.push(span.end.min(open.last().copied().unwrap_or(usize::MAX)));
    }
    while let Some(end) = open.pop() {
        text_to(&mut html, end)?;
        html.push_str("</span>");
    }
    text_to(&mut html, code.len())?;
    Some(html)
}
