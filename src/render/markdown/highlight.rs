//! Fenced code blocks as HTML: highlighted at build time by their language tag into `hl-*`
//! classes that the theme's `highlight.css` colours, by tree-sitter for the common languages
//! of a learner's notes (quick) and by syntect for the rest (over 200 languages).

mod sublime;
mod treesitter;

use pulldown_cmark_escape::escape_html_body_text;
use syntect::parsing::SyntaxReference;

/// The grammar that highlights a language.
enum Grammar {
    TreeSitter(&'static treesitter::Language),
    Sublime(&'static SyntaxReference),
}

/// The language's first word of a fence's info string, lowercased: ```` ```Python title ````
/// is `python`.
pub fn language(info: &str) -> String {
    info.split([' ', '\t', ',', '{'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The grammar for `lang` (a lowercased tag), if there is one: tree-sitter's if it has one,
/// else syntect's.
fn grammar(lang: &str) -> Option<Grammar> {
    treesitter::language(lang)
        .map(Grammar::TreeSitter)
        .or_else(|| sublime::syntax(lang).map(Grammar::Sublime))
}

/// One code block as HTML: highlighted when `highlight` is on and the language is known,
/// else escaped as written. Returns the HTML and whether it was highlighted.
pub fn code_block(lang: &str, code: &str, highlight: bool) -> (String, bool) {
    let mut html = String::with_capacity(code.len() * 2 + 64);
    let highlighted = if highlight { spans(lang, code) } else { None };
    html.push_str(if highlighted.is_some() {
        "<pre class=\"hl\"><code"
    } else {
        "<pre><code"
    });
    if !lang.is_empty() {
        html.push_str(" class=\"language-");
        let _ = pulldown_cmark_escape::escape_html(&mut html, lang);
        html.push('"');
    }
    html.push('>');
    let done = highlighted.is_some();
    match highlighted {
        Some(spans) => html.push_str(&spans),
        None => {
            let _ = escape_html_body_text(&mut html, code);
        }
    }
    html.push_str("</code></pre>\n");
    (html, done)
}

/// The code highlighted by its language's grammar, or `None` if there is none or it fails.
fn spans(lang: &str, code: &str) -> Option<String> {
    match grammar(lang)? {
        Grammar::TreeSitter(language) => treesitter::spans(language, code),
        Grammar::Sublime(syntax) => sublime::spans(syntax, code),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The tags GitHub accepts that were highlighted before tree-sitter, each still known.
    const TAGS: [&str; 39] = [
        "py",
        "python",
        "py3",
        "python3",
        "js",
        "javascript",
        "node",
        "mjs",
        "cjs",
        "ts",
        "typescript",
        "sh",
        "bash",
        "shell",
        "zsh",
        "console",
        "shell-session",
        "yml",
        "yaml",
        "rust",
        "rs",
        "go",
        "golang",
        "json",
        "jsonc",
        "sql",
        "toml",
        "dockerfile",
        "docker",
        "c",
        "cpp",
        "c++",
        "java",
        "ruby",
        "html",
        "css",
        "diff",
        "csharp",
        "tsx",
    ];

    #[test]
    fn knows_the_names_github_accepts() {
        for tag in TAGS {
            assert!(grammar(tag).is_some(), "{tag}");
            let (html, done) = code_block(tag, "x = 1\n", true);
            assert!(done && html.contains("<span class=\"hl-"), "{tag}: {html}");
        }
    }

    #[test]
    fn the_common_languages_are_tree_sitters() {
        for tag in [
            "py",
            "python",
            "js",
            "javascript",
            "ts",
            "typescript",
            "go",
            "golang",
            "sh",
            "bash",
            "shell",
            "zsh",
            "yml",
            "yaml",
            "json",
            "rust",
            "rs",
        ] {
            assert!(
                matches!(grammar(tag), Some(Grammar::TreeSitter(_))),
                "{tag}"
            );
        }
        for tag in ["sql", "toml", "java", "ruby", "c", "html", "diff", "tsx"] {
            assert!(matches!(grammar(tag), Some(Grammar::Sublime(_))), "{tag}");
        }
    }

    /// Each tree-sitter language: a keyword, a string and a comment, each in its class.
    #[test]
    fn each_tree_sitter_language_tells_keywords_strings_and_comments_apart() {
        let blocks = [
            ("python", "import os\ns = 'a' # c\n", "import"),
            ("js", "const s = 'a'; // c\n", "const"),
            ("ts", "let s: string = 'a'; // c\n", "let"),
            ("go", "package main\nvar s = \"a\" // c\n", "package"),
            ("sh", "if true; then echo 'a'; fi # c\n", "if"),
            ("rust", "let s = \"a\"; // c\n", "let"),
        ];
        for (lang, code, keyword) in blocks {
            let (html, done) = code_block(lang, code, true);
            assert!(done, "{lang}");
            assert!(
                html.contains(&format!("<span class=\"hl-keyword\">{keyword}</span>")),
                "{lang}: {html}"
            );
            assert!(
                html.contains("<span class=\"hl-comment\">"),
                "{lang}: {html}"
            );
            assert!(
                html.contains("<span class=\"hl-string\">"),
                "{lang}: {html}"
            );
            assert!(!html.contains("style="), "{lang}: {html}");
        }
        // YAML and JSON have no keywords: keys, strings, numbers and comments then.
        let (yaml, _) = code_block("yml", "name: 'ci' # c\nruns: 2\n", true);
        assert!(
            yaml.contains("<span class=\"hl-entity hl-name hl-tag\">name</span>"),
            "{yaml}"
        );
        assert!(
            yaml.contains("<span class=\"hl-string\">&#39;ci&#39;</span>")
                || yaml.contains("<span class=\"hl-string\">'ci'</span>"),
            "{yaml}"
        );
        assert!(
            yaml.contains("<span class=\"hl-comment\"># c</span>"),
            "{yaml}"
        );
        assert!(
            yaml.contains("<span class=\"hl-constant hl-numeric\">2</span>"),
            "{yaml}"
        );
        let (json, _) = code_block("json", "{\"a\": [1, true, \"b\"]}\n", true);
        for span in [
            "hl-string\">&quot;a&quot;",
            "hl-constant hl-numeric\">1",
            "hl-constant hl-language\">true",
        ] {
            assert!(
                json.contains(span) || json.contains(&span.replace("&quot;", "\"")),
                "{span}: {json}"
            );
        }
    }

    #[test]
    fn functions_types_and_numbers_take_syntects_classes() {
        let (html, _) = code_block("py", "def f(x: int):\n    return len(x) + 1\n", true);
        assert!(
            html.contains("<span class=\"hl-entity hl-name hl-function\">f</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-support hl-function\">len</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-constant hl-numeric\">1</span>"),
            "{html}"
        );
        // Go's query names every identifier `variable` after naming the function: a pattern
        // without a class no longer hides the one before it.
        let (html, _) = code_block("go", "func f(a int) {}\n", true);
        assert!(
            html.contains("<span class=\"hl-entity hl-name hl-function\">f</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-entity hl-name hl-type\">int</span>"),
            "{html}"
        );
    }

    /// The block's HTML inside `<code>` without its spans: what the reader sees, escaped.
    fn unspanned(html: &str) -> String {
        let inner = html.split_once("\">").map_or("", |(_, rest)| rest);
        let inner = inner.split_once("\">").map_or("", |(_, rest)| rest);
        let mut text = inner
            .trim_end_matches("</code></pre>\n")
            .replace("</span>", "");
        while let Some(at) = text.find("<span class=\"") {
            let end = text[at..].find('>').map_or(text.len(), |e| at + e + 1);
            text.replace_range(at..end, "");
        }
        text
    }

    #[test]
    fn code_is_escaped_inside_and_outside_the_spans() {
        let code = "a < b && c > \"<&>\" // <b>&amp;\n";
        for lang in [
            "python", "js", "ts", "go", "sh", "rust", "yaml", "json", "toml",
        ] {
            let (html, done) = code_block(lang, code, true);
            assert!(done && html.contains("<span"), "{lang}: {html}");
            let mut escaped = String::new();
            escape_html_body_text(&mut escaped, code).unwrap();
            let text = unspanned(&html);
            let text = text.replace("&quot;", "\"").replace("&#39;", "'");
            assert_eq!(text, escaped, "{lang}: {html}");
        }
    }

    #[test]
    fn code_the_grammar_cannot_parse_is_still_shown_whole() {
        let code = "def (((:\n  '<unclosed\n\u{00e9}t\u{00e9} \u{1f680}\n";
        for lang in ["python", "js", "yaml", "json", "rust"] {
            let (html, _) = code_block(lang, code, true);
            let doc = scraper::Html::parse_fragment(&html);
            let code_element = scraper::Selector::parse("code").unwrap();
            let text: String = doc.select(&code_element).flat_map(|c| c.text()).collect();
            assert_eq!(text, code, "{lang}: {html}");
        }
    }

    #[test]
    fn unknown_languages_stay_plain() {
        let (html, done) = code_block("klingon", "a < b\n", true);
        assert!(!done);
        assert_eq!(
            html,
            "<pre><code class=\"language-klingon\">a &lt; b\n</code></pre>\n"
        );
    }

    #[test]
    fn highlights_into_classes_not_colours() {
        for lang in ["py", "toml"] {
            let (html, done) = code_block(lang, "x = 'a' # c\n", true);
            assert!(done);
            let head = format!("<pre class=\"hl\"><code class=\"language-{lang}\">");
            assert!(html.starts_with(&head), "{html}");
            assert!(
                html.contains("hl-string") && html.contains("hl-comment"),
                "{html}"
            );
            assert!(!html.contains("style="), "{html}");
        }
    }

    #[test]
    fn off_means_plain() {
        for lang in ["py", "toml"] {
            let (html, done) = code_block(lang, "x = 1 # <b>\n", false);
            assert!(!done);
            assert_eq!(
                html,
                format!("<pre><code class=\"language-{lang}\">x = 1 # &lt;b&gt;\n</code></pre>\n")
            );
        }
    }

    #[test]
    fn reads_the_language_from_the_info_string() {
        assert_eq!(language("Python title=\"x\""), "python");
        assert_eq!(language("rust,ignore"), "rust");
        assert_eq!(language(""), "");
    }
}
