//! The print edition, `print/index.html`, built as a user would and read back as HTML: every
//! topic in tree order with its notes, links rebased into the page, nothing but the page.
//! tests/sharing/run.sh prints it to PDF in Chromium and reads that back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

#[test]
fn every_topic_with_its_notes_in_tree_order() {
    let site = site("snapshot");
    let dir = site.path();
    build(dir, &["--output", "out"]);
    let doc = html(&dir.join("out/print/index.html"));
    let contents: Vec<String> = doc
        .select(&sel(".contents a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let articles: Vec<String> = doc
        .select(&sel("main > article"))
        .map(|a| format!("#{}", a.value().id().unwrap()))
        .collect();
    assert_eq!(
        articles,
        [
            "#t-basics",
            "#t-basics--git",
            "#t-basics--shell",
            "#t-backend",
            "#t-backend--apis",
            "#t-backend--sql"
        ]
    );
    assert_eq!(
        contents, articles,
        "the contents link to every topic, in order"
    );
    // Sections start a page; there is no script, and no navigation but the contents.
    let sections = doc.select(&sel("article.depth-1")).count();
    assert_eq!(sections, 2);
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(texts(&doc, "nav h2"), ["Contents"]);
    // The notes are there, their ids prefixed so two topics never share one.
    let shell = doc.select(&sel("#t-basics--shell .notes")).next().unwrap();
    assert!(!shell.text().collect::<String>().trim().is_empty());
    let mut ids: Vec<&str> = doc
        .select(&sel("[id]"))
        .map(|e| e.value().id().unwrap())
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "ids are unique");
    // Every link inside the page has its target.
    for a in doc.select(&sel("a[href^='#']")) {
        let target = &a.value().attr("href").unwrap()[1..];
        assert!(ids.binary_search(&target).is_ok(), "#{target}");
    }
}

#[test]
fn a_roadmap_too_large_to_print_lists_its_topics_without_notes() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    // 40 sections of 50 topics: 2,040 nodes.
    for i in 0..2000 {
        let folder = content.join(format!("s{}", i / 50));
        std::fs::create_dir_all(&folder).unwrap();
        let text = format!("---\ntitle: Topic {i}\nstatus: done\n---\nNotes {i}.\n");
        std::fs::write(folder.join(format!("t{i}.md")), text).unwrap();
    }
    build(tmp.path(), &[]);
    let doc = html(&tmp.path().join("output/print/index.html"));
    assert_eq!(doc.select(&sel("main > article")).count(), 2040);
    assert_eq!(doc.select(&sel(".notes")).count(), 0);
    assert_eq!(
        texts(&doc, "header p:last-child"),
        [
            "The notes are left out: with 2040 topics (more than 2000) they would not fit one printable page. Each topic's page has them."
        ]
    );
}

/// Four topics, each with a title, status, tag, note, icon and summary of its own.
fn write_four_topics(content: &std::path::Path) {
    std::fs::create_dir_all(content.join("b")).unwrap();
    let topics = [
        (
            "a.md",
            "Alpha",
            "done",
            "tx",
            "note a",
            "📘",
            "Sum a",
            "order: 1\n",
        ),
        (
            "b/_index.md",
            "Beta",
            "in-progress",
            "ty",
            "note b",
            "🔧",
            "Sum b",
            "order: 2\n",
        ),
        (
            "b/c.md", "Gamma", "skipped", "tz", "note c", "🧪", "Sum c", "",
        ),
        (
            "b/d.md",
            "Delta",
            "not-started",
            "tw",
            "note d",
            "🚀",
            "Sum d",
            "",
        ),
    ];
    for (file, title, status, tag, note, icon, summary, extra) in topics {
        let text = format!(
            "---\ntitle: {title}\nstatus: {status}\ntags: [{tag}]\nnote: {note}\nicon: \"{icon}\"\nsummary: {summary}\n{extra}---\nNotes of {title}.\n"
        );
        std::fs::write(content.join(file), text).unwrap();
    }
}

/// Each topic's entry shows its own node (title, icon, status, tags, note, summary), the one
/// its contents line links from: the two share one converted node, paired by position.
#[test]
fn each_topic_shows_its_own_node_beside_its_contents_line() {
    let tmp = assert_fs::TempDir::new().unwrap();
    write_four_topics(&tmp.path().join("content"));
    build(tmp.path(), &[]);
    let doc = html(&tmp.path().join("output/print/index.html"));
    let contents: Vec<(String, String)> = doc
        .select(&sel(".contents a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect(),
            )
        })
        .collect();
    let articles: Vec<_> = doc.select(&sel("main > article")).collect();
    assert_eq!(contents.len(), 4);
    assert_eq!(articles.len(), 4);
    let expected = [
        ("Alpha", "✅ Done · tx · note a", "Sum a"),
        (
            "Beta",
            "⏳ In progress · 0 of 1 done (0%), 1 skipped · ty · note b",
            "Sum b",
        ),
        ("Delta", "⏸\u{fe0f} Not started · tw · note d", "Sum d"),
        ("Gamma", "⏭️ Skipped · tz · note c", "Sum c"),
    ];
    for ((article, (href, link)), (title, meta, summary)) in
        articles.iter().zip(&contents).zip(expected)
    {
        assert_eq!(format!("#{}", article.value().id().unwrap()), *href);
        assert_eq!(link, title);
        let heading: String = article
            .select(&sel("h2, h3"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(heading.ends_with(title), "{heading}");
        let texts: Vec<String> = article
            .select(&sel("p"))
            .map(|p| p.text().collect::<String>())
            .collect();
        assert_eq!(texts[0], meta, "{title}");
        assert_eq!(texts[1], summary, "{title}");
    }
}

/// Highlighted code keeps its colours in print: the edition links the theme's class stylesheet,
/// whose dark colours apply to screens only, never to paper.
#[test]
fn highlighted_code_keeps_its_colours_in_print() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let content = tmp.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let text = "---\ntitle: Python\nstatus: done\n---\n```py\ndef f():\n    return 1\n```\n";
    std::fs::write(content.join("python.md"), text).unwrap();
    build(tmp.path(), &[]);
    let out = tmp.path().join("output");
    let doc = html(&out.join("print/index.html"));
    assert!(doc.select(&sel("pre span[class^=hl-]")).count() > 0);
    let sheets: Vec<&str> = doc
        .select(&sel("link[rel=stylesheet]"))
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert_eq!(sheets, ["../highlight.css"]);
    let css = std::fs::read_to_string(out.join("highlight.css")).unwrap();
    assert!(
        !css.contains("@media (prefers-color-scheme: dark)"),
        "{css}"
    );
}
