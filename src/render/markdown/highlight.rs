//! Fenced code blocks as HTML: highlighted at build time by their language tag (syntect with
//! bat's grammars, matched by oniguruma) into `hl-*` classes that the theme's `highlight.css`
//! colours.

use pulldown_cmark_escape::escape_html_body_text;
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The grammars, loaded the first time a page has code to highlight.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Names GitHub accepts for a language that the grammars do not know by that name.
const ALIASES: [(&str, &str); 16] = [
    ("shell", "bash"),
    ("zsh", "bash"),
    ("console", "bash"),
    ("shell-session", "bash"),
    ("golang", "go"),
    ("rs", "rust"),
    ("py3", "python"),
    ("python3", "python"),
    ("jsonc", "json"),
    ("docker", "dockerfile"),
    ("c++", "cpp"),
    ("c#", "cs"),
    ("csharp", "cs"),
    ("objc", "objective-c"),
    ("postgresql", "sql"),
    ("psql", "sql"),
];

/// Tags whose grammar is chosen by name: bat's set also has "JavaScript (Babel)" for `.js`,
/// which would win the lookup by extension; Sublime's JavaScript is 1.6× as quick on a block
/// and puts a template string in one span rather than one per character.
const BY_NAME: [(&str, &str); 5] = [
    ("js", "JavaScript"),
    ("javascript", "JavaScript"),
    ("mjs", "JavaScript"),
    ("cjs", "JavaScript"),
    ("node", "JavaScript"),
];

/// The language's first word of a fence's info string, lowercased: ```` ```Python title ````
/// is `python`.
pub fn language(info: &str) -> String {
    info.split([' ', '\t', ',', '{'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The grammar for `lang` (a lowercased tag), if there is one.
fn syntax(lang: &str) -> Option<&'static SyntaxReference> {
    if lang.is_empty() {
        return None;
    }
    if let Some((_, name)) = BY_NAME.iter().find(|(tag, _)| *tag == lang) {
        return SYNTAXES.find_syntax_by_name(name);
    }
    let lang = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lang)
        .map_or(lang, |(_, name)| name);
    SYNTAXES.find_syntax_by_token(lang)
}

/// One code block as HTML: highlighted when `highlight` is on and the language is known,
/// else escaped as written. Returns the HTML and whether it was highlighted.
pub fn code_block(lang: &str, code: &str, highlight: bool) -> (String, bool) {
    let mut html = String::with_capacity(code.len() * 2 + 64);
    html.push_str("<pre");
    let grammar = if highlight { syntax(lang) } else { None };
    if grammar.is_some() {
        html.push_str(" class=\"hl\"");
    }
    html.push_str("><code");
    if !lang.is_empty() {
        html.push_str(" class=\"language-");
        let _ = pulldown_cmark_escape::escape_html(&mut html, lang);
        html.push('"');
    }
    html.push('>');
    let highlighted = grammar.and_then(|g| spans(g, code));
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

/// The code as nested `<span class="hl-…">`, or `None` if the grammar fails on it.
fn spans(grammar: &SyntaxReference, code: &str) -> Option<String> {
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(grammar, &SYNTAXES, style);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_names_github_accepts() {
        for tag in [
            "py",
            "python",
            "js",
            "javascript",
            "ts",
            "typescript",
            "sh",
            "bash",
            "shell",
            "yml",
            "yaml",
            "rust",
            "rs",
            "go",
            "json",
            "sql",
            "toml",
            "dockerfile",
            "c",
            "cpp",
            "java",
            "ruby",
            "html",
            "css",
            "diff",
        ] {
            assert!(syntax(tag).is_some(), "{tag}");
        }
    }

    #[test]
    fn javascript_is_sublimes_grammar_not_babels() {
        for tag in ["js", "javascript", "node", "mjs"] {
            assert_eq!(
                syntax(tag).map(|s| s.name.as_str()),
                Some("JavaScript"),
                "{tag}"
            );
        }
        let (html, _) = code_block("js", "const s = `abc`;\n", true);
        assert_eq!(html.matches(">a<").count(), 0, "{html}");
        assert!(html.contains("abc"), "{html}");
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
        let (html, done) = code_block("py", "def f(x):\n    return 'a' # c\n", true);
        assert!(done);
        assert!(
            html.starts_with("<pre class=\"hl\"><code class=\"language-py\">"),
            "{html}"
        );
        assert!(html.contains("hl-keyword"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn off_means_plain() {
        let (html, done) = code_block("py", "def f(): pass\n", false);
        assert!(!done);
        assert!(!html.contains("<span"), "{html}");
    }

    #[test]
    fn reads_the_language_from_the_info_string() {
        assert_eq!(language("Python title=\"x\""), "python");
        assert_eq!(language("rust,ignore"), "rust");
        assert_eq!(language(""), "");
    }
}
