#[path = "../../common/harness.rs"]
mod harness;
use std::collections::HashMap;
use tree_sitter_highlight::{HighlightConfiguration, Highlighter, HtmlRenderer};

const NAMES: [&str; 20] = [
    "attribute", "comment", "constant", "constant.builtin", "constructor", "escape", "function",
    "function.builtin", "function.method", "keyword", "label", "number", "operator", "property",
    "punctuation", "string", "type", "type.builtin", "variable", "variable.builtin",
];

fn cfg(lang: tree_sitter::Language, name: &str, hl: &str) -> HighlightConfiguration {
    let mut c = HighlightConfiguration::new(lang, name, hl, "", "").unwrap();
    c.configure(&NAMES);
    c
}

fn main() {
    let t = std::time::Instant::now();
    let mut m: HashMap<&str, HighlightConfiguration> = HashMap::new();
    m.insert("py", cfg(tree_sitter_python::LANGUAGE.into(), "python", tree_sitter_python::HIGHLIGHTS_QUERY));
    m.insert("rs", cfg(tree_sitter_rust::LANGUAGE.into(), "rust", tree_sitter_rust::HIGHLIGHTS_QUERY));
    m.insert("js", cfg(tree_sitter_javascript::LANGUAGE.into(), "javascript", tree_sitter_javascript::HIGHLIGHT_QUERY));
    let ts_q = format!("{}\n{}", tree_sitter_typescript::HIGHLIGHTS_QUERY, tree_sitter_javascript::HIGHLIGHT_QUERY);
    m.insert("ts", cfg(tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(), "typescript", &ts_q));
    m.insert("sh", cfg(tree_sitter_bash::LANGUAGE.into(), "bash", tree_sitter_bash::HIGHLIGHT_QUERY));
    m.insert("go", cfg(tree_sitter_go::LANGUAGE.into(), "go", tree_sitter_go::HIGHLIGHTS_QUERY));
    m.insert("json", cfg(tree_sitter_json::LANGUAGE.into(), "json", tree_sitter_json::HIGHLIGHTS_QUERY));
    m.insert("yml", cfg(tree_sitter_yaml::LANGUAGE.into(), "yaml", tree_sitter_yaml::HIGHLIGHTS_QUERY));
    println!("treesitter load {:.3}s, {} languages", t.elapsed().as_secs_f64(), m.len());
    let attrs: Vec<String> = NAMES.iter().map(|n| format!("class=\"ts-{}\"", n.replace('.', " ts-"))).collect();
    let mut hl = Highlighter::new();
    harness::run("tree-sitter", |lang, code| {
        let Some(c) = m.get(lang) else { return code.to_string() };
        let events = hl.highlight(c, code.as_bytes(), None, |_| None).unwrap();
        let mut r = HtmlRenderer::new();
        r.render(events, code.as_bytes(), &|h, out| out.extend_from_slice(attrs[h.0].as_bytes())).unwrap();
        String::from_utf8(r.html).unwrap()
    });
}
