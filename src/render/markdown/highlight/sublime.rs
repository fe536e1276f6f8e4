//! Code in every language the tree-sitter grammars do not cover: syntect with bat's Sublime
//! grammars (two-face), matched by oniguruma, into classes named after the grammars' scopes.

use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The grammars, loaded the first time a page has code that needs them.
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

/// The grammar for `lang` (a lowercased tag), if there is one.
pub fn syntax(lang: &str) -> Option<&'static SyntaxReference> {
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

/// The code as nested `<span class="hl-…">`, or `None` if the grammar fails on it.
pub fn spans(grammar: &SyntaxReference, code: &str) -> Option<String> {
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
    fn javascript_is_sublimes_grammar_not_babels() {
        for tag in ["js", "javascript", "node", "mjs"] {
            assert_eq!(
                syntax(tag).map(|s| s.name.as_str()),
                Some("JavaScript"),
                "{tag}"
            );
        }
        let js = syntax("js").and_then(|s| spans(s, "const s = `abc`;\n"));
        let html = js.unwrap_or_default();
        assert_eq!(html.matches(">a<").count(), 0, "{html}");
        assert!(html.contains("abc"), "{html}");
    }
}
