//! `waymark export` and the build's `export/` folder, run as a user would: every format from
//! one roadmap, the markdown read back with pulldown-cmark, the JSON against progress.json.
//! Graphviz, mermaid and the OPML are checked with their own tools in tests/sharing/run.sh.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::Path;

fn export(dir: &Path, args: &[&str]) -> String {
    let out = waymark(dir).arg("export").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "export {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every list item of a markdown document: its depth, its checkbox (`None` without one) and
/// its text, as a markdown reader sees them.
fn items(markdown: &str) -> Vec<(usize, Option<bool>, String)> {
    let mut out: Vec<(usize, Option<bool>, String)> = Vec::new();
    let (mut depth, mut open) = (0, Vec::new());
    let opts = pulldown_cmark::Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(markdown, opts) {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) => {
                open.push(out.len());
                out.push((depth, None, String::new()));
            }
            Event::End(TagEnd::Item) => {
                open.pop();
            }
            Event::TaskListMarker(done) => out[*open.last().unwrap()].1 = Some(done),
            Event::Text(t) if !open.is_empty() => out[*open.last().unwrap()].2.push_str(&t),
            _ => {}
        }
    }
    out
}

#[test]
fn markdown_reads_back_as_the_roadmap_with_done_topics_checked() {
    let site = site("snapshot");
    let md = export(site.path(), &["markdown"]);
    let got = items(&md);
    assert_eq!(
        got,
        [
            (1, None, "Basics & \"Tools\" — 50%".to_string()),
            (2, Some(false), "Git (in progress)".to_string()),
            (2, Some(true), "Shell <scripts>".to_string()),
            (1, None, "Backend — 50%".to_string()),
            (2, Some(false), "APIs".to_string()),
            (
                2,
                Some(true),
                "SQL: joins & indexes with a title long enough to wrap on the map".to_string()
            ),
        ]
    );
    // The headline reads back as the title.
    let heading: String = Parser::new(&md)
        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(heading, "Tom & Jerry's <Roadmap>");
}

#[test]
fn markmap_has_its_front_matter_and_checkboxes() {
    let site = site("snapshot");
    let mm = export(site.path(), &["markmap"]);
    assert!(
        mm.starts_with("---\ntitle: \"Tom & Jerry's <Roadmap>\"\nmarkmap:\n"),
        "{mm}"
    );
    let body = mm.splitn(3, "---\n").nth(2).unwrap();
    let checked: Vec<Option<bool>> = items(body).into_iter().map(|i| i.1).collect();
    assert_eq!(checked, [Some(false), Some(true), Some(false), Some(true)]);
    assert!(body.contains("\n## **[Backend](<https://me.example/road/backend/>)** — 50%\n"));
}

#[test]
fn json_is_progress_json_and_the_build_publishes_the_same_exports() {
    let site = site("snapshot");
    let dir = site.path();
    build(dir, &["--output", "out"]);
    assert_eq!(
        export(dir, &["json"]),
        read_text(&dir.join("out/progress.json"))
    );
    for (format, file) in [
        ("markdown", "roadmap.md"),
        ("mermaid", "roadmap.mmd"),
        ("opml", "roadmap.opml"),
    ] {
        assert_eq!(
            export(dir, &[format]),
            read_text(&dir.join("out/export").join(file)),
            "{format}"
        );
    }
    // The index's footer links to them.
    let index = html(&dir.join("out/index.html"));
    let links: Vec<String> = index
        .select(&sel(".site-footer a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    for link in [
        "export/roadmap.md",
        "export/roadmap.mmd",
        "export/roadmap.opml",
        "print/index.html",
    ] {
        assert!(links.iter().any(|l| l == link), "{links:?}");
    }
}

#[test]
fn output_writes_the_file_and_base_url_links_the_titles() {
    let site = site("snapshot");
    let dir = site.path();
    let printed = export(dir, &["dot", "--base-url", "https://x.example/r/"]);
    assert!(
        printed.contains("URL=\"https://x.example/r/backend/sql/\""),
        "{printed}"
    );
    export(
        dir,
        &[
            "dot",
            "--base-url",
            "https://x.example/r/",
            "--output",
            "map.dot",
        ],
    );
    assert_eq!(read_text(&dir.join("map.dot")), printed);
    // Without a base URL anywhere, no links.
    std::fs::write(dir.join("waymark.yaml"), "title: T\n").unwrap();
    let md = export(dir, &["markdown"]);
    assert!(!md.contains("]("), "{md}");
    assert!(md.contains("- [x] SQL: joins \\& indexes"), "{md}");
}

#[test]
fn an_unknown_format_or_broken_content_is_an_error() {
    let site = site("snapshot");
    let out = waymark(site.path())
        .args(["export", "pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[possible values: markdown, mermaid, markmap, dot, json, opml]"),
        "{err}"
    );
    let bad = site.path().join("content/02-backend/apis.md");
    std::fs::write(&bad, "---\nstatus: dnoe\n---\n").unwrap();
    let out = waymark(site.path())
        .args(["export", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown status `dnoe`"));
}

#[test]
fn an_output_that_cannot_be_written_is_named() {
    let site = site("snapshot");
    let out = waymark(site.path())
        .args([
            "export",
            "markdown",
            "--output",
            "no/such/folder/roadmap.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // The system's own words for the cause differ from one system to another.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: writing no/such/folder/roadmap.md: cannot write "),
        "{err}"
    );
    assert!(!site.path().join("no").exists());
}

#[test]
fn requirements_are_dashed_edges_in_the_graphs_and_ids_in_the_json() {
    let site = site("snapshot");
    let dir = site.path();
    std::fs::write(
        dir.join("content/02-backend/apis.md"),
        "---\ntitle: APIs\nstatus: not-started\nrequires: [../01-basics/git.md]\n---\n",
    )
    .unwrap();
    let mermaid = export(dir, &["mermaid"]);
    // Git is n1 and APIs n4 in tree order.
    assert!(mermaid.contains("\n  n1 -. requires .-> n4\n"), "{mermaid}");
    let dot = export(dir, &["dot"]);
    assert!(
        dot.contains("\n  n1 -> n4 [style=dashed, label=\"requires\"];\n"),
        "{dot}"
    );
    let json = export(dir, &["json"]);
    assert!(
        json.contains("\"requires\": [\n        \"basics/git\"\n      ],\n      \"blocked\": true"),
        "{json}"
    );
}
