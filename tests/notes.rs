//! Notes render as GitHub shows them: the `notes` fixture built by the real binary, its pages
//! parsed (highlighted code, alerts, MathML, diagrams, GitHub's anchors and extras).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build, html, read_text, sel, site, texts};

fn built() -> (assert_fs::TempDir, String) {
    let tmp = site("notes");
    let stdout = build(tmp.path(), &[]);
    (tmp, stdout)
}

fn page(tmp: &assert_fs::TempDir, topic: &str) -> scraper::Html {
    html(&tmp.path().join("output").join(topic).join("index.html"))
}

#[test]
fn code_is_highlighted_into_classes_in_seven_languages() {
    let (tmp, _) = built();
    let doc = page(&tmp, "features");
    // Tree-sitter's languages, then one of syntect's (TOML).
    for lang in ["python", "js", "ts", "sh", "yml", "go", "toml"] {
        let block = format!("pre.hl > code.language-{lang}");
        let code = doc
            .select(&sel(&block))
            .next()
            .unwrap_or_else(|| panic!("no highlighted {lang} block"));
        let classes: Vec<&str> = code
            .select(&sel("span"))
            .filter_map(|s| s.value().attr("class"))
            .collect();
        assert!(
            classes.iter().any(|c| c.contains("hl-keyword")
                || c.contains("hl-storage")
                || c.contains("hl-entity")),
            "{lang}: {classes:?}"
        );
        assert!(
            code.select(&sel("[style]")).next().is_none(),
            "{lang}: inline colours"
        );
    }
    // The Python block's comment and string are told apart.
    let py = texts(&doc, "code.language-python .hl-comment");
    assert!(py.iter().any(|t| t.contains("say hello")), "{py:?}");
    let strings = texts(&doc, "code.language-python .hl-string");
    assert!(strings.iter().any(|t| t.contains("hello")), "{strings:?}");
    // Both engines give the same classes for the same kind of token.
    let go = texts(&doc, "code.language-go .hl-entity.hl-name.hl-function");
    assert_eq!(go, ["add"]);
    let toml = texts(&doc, "code.language-toml .hl-comment");
    assert!(toml.iter().any(|t| t.contains("the crate")), "{toml:?}");
    // An unknown language stays plain, with no error.
    let plain = doc
        .select(&sel("pre > code.language-klingon"))
        .next()
        .unwrap();
    assert!(plain.select(&sel("span")).next().is_none());
    assert!(plain.text().collect::<String>().contains("Qapla' <batlh>"));
    // The stylesheet is linked from this page, and shipped.
    assert_eq!(doc.select(&sel("link[href='../highlight.css']")).count(), 1);
    let css = read_text(&tmp.path().join("output/highlight.css"));
    assert!(css.contains(".hl .hl-keyword") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn highlight_false_turns_it_off() {
    let tmp = site("notes");
    let config = tmp.path().join("waymark.yaml");
    let yaml = read_text(&config);
    std::fs::write(&config, format!("{yaml}highlight: false\n")).unwrap();
    let stdout = build(tmp.path(), &[]);
    assert!(!stdout.contains("unknown key"), "{stdout}");
    let doc = page(&tmp, "features");
    assert_eq!(doc.select(&sel("pre.hl")).count(), 0);
    assert_eq!(doc.select(&sel("pre code span")).count(), 0);
    assert!(
        texts(&doc, "code.language-python")[0].contains("def greet(name: str) -> str:"),
        "the code is still there"
    );
    assert_eq!(doc.select(&sel("link[href$='highlight.css']")).count(), 0);
}

#[test]
fn alerts_are_labelled_callouts_with_an_icon_and_the_word() {
    let (tmp, _) = built();
    let doc = page(&tmp, "features");
    let kinds = ["note", "tip", "important", "warning", "caution"];
    for kind in kinds {
        let alert = format!("div.markdown-alert.markdown-alert-{kind}");
        let el = doc
            .select(&sel(&alert))
            .next()
            .unwrap_or_else(|| panic!("no {kind} alert"));
        let title = el.select(&sel(".markdown-alert-title")).next().unwrap();
        let word: String = title.text().collect();
        assert_eq!(word.to_lowercase(), kind);
        let icon = title.select(&sel("svg")).next().unwrap();
        assert_eq!(icon.value().attr("aria-hidden"), Some("true"));
    }
    let body = read_text(&tmp.path().join("output/features/index.html"));
    assert!(!body.contains("[!NOTE]") && !body.contains("<blockquote"));
    assert_eq!(
        texts(&doc, ".markdown-alert-tip p:not(.markdown-alert-title)"),
        ["Helpful advice."]
    );
}

#[test]
fn math_becomes_mathml_and_a_broken_formula_stays_as_written_with_a_warning() {
    let tmp = site("notes");
    let out = common::waymark(tmp.path()).arg("build").output().unwrap();
    assert!(out.status.success(), "a formula that fails is not an error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let doc = page(&tmp, "features");
    let inline: Vec<_> = doc.select(&sel("math[display='inline']")).collect();
    assert!(!inline.is_empty(), "no inline math");
    assert!(
        inline[0].html().contains("<mi>E</mi>"),
        "{}",
        inline[0].html()
    );
    let block = doc.select(&sel("math[display='block']")).next().unwrap();
    assert!(block.select(&sel("mfrac")).next().is_some());
    assert!(
        block
            .select(&sel("munderover, munder, msubsup"))
            .next()
            .is_some()
    );
    let body = read_text(&tmp.path().join("output/features/index.html"));
    assert!(!body.contains("$E = mc^2$"));
    // The broken one: its source, and a warning naming its line.
    assert_eq!(texts(&doc, "code.math-source"), ["$\\frac{1}$"]);
    let line = read_text(&tmp.path().join("content/01-features.md"))
        .lines()
        .position(|l| l.contains("A broken formula"))
        .unwrap()
        + 1;
    let at = format!("01-features.md:{line}:");
    assert!(stderr.contains(&at), "no warning at {at}:\n{stderr}");
    assert!(stderr.contains("shown as written"), "{stderr}");
}

#[test]
fn the_mermaid_script_is_only_on_pages_with_a_diagram() {
    let (tmp, _) = built();
    let doc = page(&tmp, "features");
    let pre = doc.select(&sel("pre.mermaid")).next().unwrap();
    let source: String = pre.text().collect();
    assert!(source.contains("A[Learn] --> B{Practise?}"), "{source}");
    let scripts: Vec<&str> = doc
        .select(&sel("script[src]"))
        .filter_map(|s| s.value().attr("src"))
        .collect();
    assert!(scripts.contains(&"../mermaid.min.js"), "{scripts:?}");
    assert!(scripts.contains(&"../diagrams.js"), "{scripts:?}");
    let out = tmp.path().join("output");
    assert!(read_text(&out.join("mermaid.LICENSE.txt")).contains("MIT"));
    for other in ["plain/index.html", "index.html", "tags/index.html"] {
        let text = read_text(&out.join(other));
        assert!(!text.contains("mermaid"), "{other} loads mermaid");
        assert!(!text.contains("diagrams.js"), "{other}");
        assert!(!text.contains("highlight.css"), "{other}");
    }
}

/// The files that draw diagrams, beside the pages.
const DIAGRAM_FILES: [&str; 3] = ["mermaid.min.js", "mermaid.LICENSE.txt", "diagrams.js"];

#[test]
fn mermaid_is_published_only_when_some_page_has_a_diagram() {
    let (tmp, _) = built();
    let out = tmp.path().join("output");
    for file in DIAGRAM_FILES {
        assert!(out.join(file).is_file(), "{file} missing with a diagram");
    }
    // The same site with the diagram's fence made a plain code block.
    let tmp = site("notes");
    let note = tmp.path().join("content/01-features.md");
    let text = read_text(&note);
    assert!(text.contains("```mermaid"), "the fixture has a diagram");
    std::fs::write(&note, text.replace("```mermaid", "```text")).unwrap();
    build(tmp.path(), &[]);
    let out = tmp.path().join("output");
    assert!(
        out.join("style.css").is_file(),
        "the other theme files are still there"
    );
    for file in DIAGRAM_FILES {
        assert!(
            !out.join(file).exists(),
            "{file} published without a diagram"
        );
    }
}

#[test]
fn headings_get_githubs_anchors_and_links_to_them_work() {
    let (tmp, _) = built();
    let plain = page(&tmp, "plain");
    let ids: Vec<&str> = plain
        .select(&sel(".notes h2"))
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(ids, ["whats-new-in-v20"]);
    let doc = page(&tmp, "features");
    let hrefs: Vec<&str> = doc
        .select(&sel(".notes a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"../plain/index.html#whats-new-in-v20"),
        "{hrefs:?}"
    );
    let ids: Vec<&str> = doc
        .select(&sel(".notes h2"))
        .filter_map(|h| h.value().attr("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "code-in-five-languages",
            "alerts",
            "math",
            "a-diagram",
            "github-extras"
        ]
    );
}

#[test]
fn githubs_extras_render_too() {
    let (tmp, _) = built();
    let doc = page(&tmp, "features");
    // Autolinked bare URL, emoji shortcode.
    assert_eq!(
        doc.select(&sel(".notes a[href='https://example.com/docs']"))
            .count(),
        1
    );
    assert!(texts(&doc, ".notes p")[0].contains("GitHub 🚀 with"));
    // Table, strikethrough, task list (labelled checkboxes), footnote at the end.
    assert_eq!(texts(&doc, ".notes td"), ["git", "history"]);
    assert_eq!(texts(&doc, ".notes del"), ["obsolete"]);
    let boxes: Vec<_> = doc.select(&sel(".notes li input[type=checkbox]")).collect();
    assert_eq!(boxes.len(), 2);
    assert!(boxes[0].value().attr("checked").is_some());
    assert_eq!(boxes[0].value().attr("aria-label"), Some("Done"));
    assert_eq!(boxes[1].value().attr("aria-label"), Some("Not done"));
    let footnotes = doc
        .select(&sel(".notes > section.footnotes"))
        .next()
        .unwrap();
    assert!(
        footnotes
            .text()
            .collect::<String>()
            .contains("The footnote's text.")
    );
    let last = doc.select(&sel(".notes > *")).next_back().unwrap();
    assert_eq!(last.value().name(), "section", "footnotes come last");
}

#[test]
fn search_text_leaves_out_code_and_math() {
    let (tmp, _) = built();
    let js = read_text(&tmp.path().join("output/search-index.js"));
    let json = js
        .strip_prefix("window.waymarkSearch=")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let e = entries.iter().find(|e| e["t"] == "Every feature").unwrap();
    let text = format!("{} {}", e["x"], e["w"]);
    assert!(text.contains("Notes that look the same"), "{text}");
    for markup in [
        "greet", "def", "frac", "mc^2", "hl-", "<span", "Qapla", "graph", "-->",
    ] {
        assert!(!text.contains(markup), "{markup} in {text}");
    }
}
