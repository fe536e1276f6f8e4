//! What visitors see: map, search, tags, now & next, timeline and feed, built from fixture
//! folders and read back with an HTML parser. Also the page-weight budgets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use scraper::Html;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    fixtures().join("visitor-site/content")
}

fn built_fixture() -> (assert_fs::TempDir, PathBuf) {
    let tmp = assert_fs::TempDir::new().unwrap();
    let out = tmp.path().join("site");
    build_to(&fixture(), &out);
    (tmp, out)
}

/// Every page's links and assets are relative and land on a file of the site.
#[test]
fn every_local_link_is_relative_and_resolves() {
    let (_tmp, site) = built_fixture();
    let mut checked = 0;
    for page in files_with_ext(&site, "html") {
        if page == "404.html" {
            continue; // served at any depth, so its links start from base_url
        }
        let doc = html(&site.join(&page));
        let dir = site.join(&page).parent().unwrap().to_path_buf();
        for el in doc.select(&sel("[href], [src]")) {
            let url = el
                .value()
                .attr("href")
                .or_else(|| el.value().attr("src"))
                .unwrap();
            if url.starts_with("https://") || url.starts_with('#') {
                continue;
            }
            assert!(!url.starts_with('/'), "{page}: root-absolute link {url}");
            let path = url.split('#').next().unwrap();
            assert!(
                dir.join(path).is_file(),
                "{page}: link {url} does not resolve"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn map_draws_every_node_as_a_link_with_its_status_in_words() {
    let (_tmp, site) = built_fixture();
    let doc = html(&site.join("map/index.html"));
    let progress: serde_json::Value =
        serde_json::from_str(&read_text(&site.join("progress.json"))).unwrap();
    let topics = progress["topics"].as_array().unwrap().len();
    let nodes: Vec<_> = doc.select(&sel("svg.map a")).collect();
    assert_eq!(nodes.len(), topics);
    let django = nodes
        .iter()
        .find(|a| {
            a.value().attr("href") == Some("../web-frameworks/python-ecosystem/django/index.html")
        })
        .expect("Django on the map");
    let label = django.value().attr("aria-label").unwrap();
    assert!(label.starts_with("Django: In progress"), "{label}");
    assert!(
        django
            .value()
            .attr("class")
            .unwrap()
            .contains("n-in-progress")
    );
    let visible: String = django.text().collect();
    assert_eq!(visible, "◐Django");
    // One page per section, each with the section's whole tree.
    let one = html(&site.join("map/foundations/index.html"));
    assert_eq!(one.select(&sel("svg.map a")).count(), 15);
    assert!(
        one.select(&sel("svg.map a[href='../../foundations/index.html']"))
            .next()
            .is_some()
    );
    // Drawn at build time: no script beyond search.
    assert_eq!(doc.select(&sel("script")).count(), 1);
}

#[test]
fn big_roadmaps_fold_the_overview_and_keep_every_node_on_section_maps() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let content = tmp.path().join("content");
    generate(&content, 10, 10, 10);
    let site = tmp.path().join("site");
    build_to(&content, &site);
    let overview = html(&site.join("map/index.html"));
    // Sections and their groups only: 10 + 100.
    assert_eq!(overview.select(&sel("svg.map a")).count(), 110);
    assert_eq!(overview.select(&sel("svg.map .more")).count(), 100);
    let mut total = 0;
    for s in 0..10 {
        let one = html(&site.join(format!("map/section-{s}/index.html")));
        total += one.select(&sel("svg.map a")).count();
    }
    assert_eq!(total, 1110);
    // Text keeps its size: boxes never shrink below one line of 13px text.
    let svg = read_text(&site.join("map/section-0/index.html"));
    assert!(!svg.contains("font-size"), "no shrunken text");
}

#[test]
fn search_index_is_a_script_with_titles_tags_notes_and_text() {
    let (_tmp, site) = built_fixture();
    let js = read_text(&site.join("search-index.js"));
    let json = js
        .strip_prefix("window.waymarkSearch=")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let pg = entries.iter().find(|e| e["t"] == "PostgreSQL").unwrap();
    assert_eq!(pg["u"], "database-systems/relational/postgresql/index.html");
    assert_eq!(pg["n"], "Priority");
    assert_eq!(pg["s"], "not-started");
    assert_eq!(
        pg["g"][0], "Critical Next Step",
        "inherited from the section"
    );
    assert!(
        pg["x"]
            .as_str()
            .unwrap()
            .starts_with("Notes on PostgreSQL.")
    );
    assert!(js.len() < 40 * 1024, "index is {} bytes", js.len());
    // The box is hidden until the script shows it; the script is loaded from the page's root.
    let doc = html(&site.join("tags/job-essential/index.html"));
    let search = doc.select(&sel(".search")).next().unwrap();
    assert!(search.value().attr("hidden").is_some());
    assert_eq!(search.value().attr("data-root"), Some("../../"));
    let script = doc.select(&sel("script[src]")).next().unwrap();
    assert_eq!(script.value().attr("src"), Some("../../search.js"));
}

#[test]
fn tags_list_topics_with_status_and_progress() {
    let (_tmp, site) = built_fixture();
    let index = html(&site.join("tags/index.html"));
    let names = texts(&index, ".tag-list .tag-link");
    assert_eq!(
        names,
        [
            "Your Current Level",
            "Your Focus Area",
            "Critical Next Step",
            "Job Essential"
        ]
    );
    let tag = html(&site.join("tags/job-essential/index.html"));
    assert_eq!(texts(&tag, ".entries .title"), ["APIs & Integration"]);
    assert_eq!(
        texts(&tag, ".entries .pct"),
        ["33% of APIs & Integration done"]
    );
    let focus = html(&site.join("tags/your-current-level/index.html"));
    assert!(texts(&focus, "h1")[0].contains("Your Current Level"));
}

#[test]
fn next_shows_work_in_progress_then_priorities_then_recent_completions() {
    let (_tmp, site) = built_fixture();
    let doc = html(&site.join("next/index.html"));
    let now = texts(&doc, "section:nth-of-type(1) .entries .title");
    assert_eq!(now, ["JavaScript/Node.js", "GitHub workflows", "Django"]);
    let next = texts(&doc, "section:nth-of-type(2) .entries .title");
    let reasons = texts(&doc, "section:nth-of-type(2) .entries .reason");
    // A topic's own priority (its note) first, then priorities inherited from a section's
    // tags, those in a section of current focus ahead.
    assert_eq!(
        next,
        [
            "PostgreSQL",
            "Authentication (JWT/OAuth)",
            "Docker",
            "Django REST Framework",
            "FastAPI",
            "Java + Spring Boot",
            "MySQL",
            "MongoDB",
            "Redis",
            "GraphQL"
        ]
    );
    assert_eq!(reasons[0], "Priority note: Priority");
    assert_eq!(reasons[2], "Priority note: Essential");
    assert_eq!(
        reasons[3],
        "Priority tag: Your Focus Area (on Web Frameworks)"
    );
    assert_eq!(
        reasons[6],
        "Priority tag: Critical Next Step (on Database Systems)"
    );
    assert_eq!(next.len(), 10);
    let recent = texts(&doc, "section:nth-of-type(3) .entries .title");
    assert_eq!(recent[0], "HTTP fundamentals");
    assert_eq!(recent.len(), 7);
}

#[test]
fn priority_tags_come_from_waymark_yaml() {
    let tmp = assert_fs::TempDir::new().unwrap();
    copy_dir(&fixtures().join("visitor-site"), tmp.path());
    let yaml = tmp.path().join("waymark.yaml");
    let mut text = fs::read_to_string(&yaml).unwrap();
    text.push_str("priority_tags: [Caching]\n");
    fs::write(&yaml, text).unwrap();
    let site = tmp.path().join("site");
    build_to(&tmp.path().join("content"), &site);
    let doc = html(&site.join("next/index.html"));
    let next = texts(&doc, "section:nth-of-type(2) .entries .title");
    assert_eq!(next[0], "Redis");
    let reasons = texts(&doc, "section:nth-of-type(2) .entries .reason");
    assert_eq!(reasons[0], "Priority note: Caching");
    assert!(!reasons.iter().any(|r| r.contains("Critical")));
    // Then the sections being worked on: Foundations and Web Frameworks have topics in progress.
    assert_eq!(next[1], "Go/Java");
    assert_eq!(reasons[1], "In your current focus: Foundations");
}

#[test]
fn timeline_has_an_accessible_burn_up_a_table_and_months() {
    let (_tmp, site) = built_fixture();
    let doc = html(&site.join("timeline/index.html"));
    let svg = doc.select(&sel("svg.chart")).next().unwrap();
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert_eq!(texts(&doc, "svg.chart title"), ["Topics done over time"]);
    assert!(texts(&doc, "svg.chart desc")[0].contains("7 of 26 topics done"));
    let rows = texts(&doc, ".chart-data tbody tr");
    assert_eq!(rows.len(), 8, "{rows:?}");
    assert_eq!(
        texts(&doc, ".chart-data tbody tr:last-child td"),
        ["1", "7"]
    );
    let months = texts(&doc, ".month h2");
    assert_eq!(months[0], "June 2024");
    assert_eq!(months.last().unwrap(), "September 2023");
}

#[test]
fn atom_feed_is_deterministic_and_absolute() {
    let (_tmp, site) = built_fixture();
    let feed = read_text(&site.join("feed.xml"));
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert!(feed.contains("<id>https://asha.example.org/roadmap/</id>"));
    assert!(feed.contains("<updated>2024-06-30T00:00:00Z</updated>"));
    assert!(feed.contains("<author><name>Asha</name></author>"));
    assert!(
        feed.contains("<link rel=\"self\" href=\"https://asha.example.org/roadmap/feed.xml\"/>")
    );
    assert_eq!(feed.matches("<entry>").count(), 7);
    let doc = Html::parse_fragment(&feed);
    for link in doc.select(&sel("entry link")) {
        assert!(
            link.value()
                .attr("href")
                .unwrap()
                .starts_with("https://asha.example.org/roadmap/")
        );
    }
    let head = html(&site.join("index.html"));
    let alt = head
        .select(&sel("link[rel=alternate][type='application/atom+xml']"))
        .next()
        .unwrap();
    assert_eq!(alt.value().attr("href"), Some("feed.xml"));
}

#[test]
fn header_nav_marks_the_current_page() {
    let (_tmp, site) = built_fixture();
    for (page, current) in [
        ("index.html", "Roadmap"),
        ("map/index.html", "Map"),
        ("map/foundations/index.html", "Map"),
        ("next/index.html", "Next"),
        ("tags/job-essential/index.html", "Tags"),
        ("timeline/index.html", "Timeline"),
        ("foundations/index.html", ""),
    ] {
        let doc = html(&site.join(page));
        assert_eq!(texts(&doc, ".site-nav a").len(), 5, "{page}");
        let marked = texts(&doc, ".site-nav a[aria-current=page]");
        assert_eq!(marked.join(""), current, "{page}");
    }
}

#[test]
fn the_tree_has_no_links_inside_summaries() {
    let (_tmp, site) = built_fixture();
    let doc = html(&site.join("index.html"));
    assert!(doc.select(&sel("summary a")).next().is_none());
    assert_eq!(doc.select(&sel(".tree summary")).count(), 13);
}

#[test]
fn builds_are_byte_identical() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_to(&fixture(), &a);
    build_to(&fixture(), &b);
    let all = files_with_ext(&a, "html")
        .into_iter()
        .chain(files_with_ext(&a, "xml"))
        .chain(files_with_ext(&a, "js"));
    for f in all {
        assert_eq!(
            fs::read(a.join(&f)).unwrap(),
            fs::read(b.join(&f)).unwrap(),
            "{f}"
        );
    }
}

/// Budgets on a roadmap the size of the user's (~200 nodes): the index under 80 KB of HTML
/// and CSS together; a topic page under 15 KB beside its notes.
#[test]
fn page_weight_budgets_hold_for_a_200_node_roadmap() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let content = tmp.path().join("content");
    let nodes = generate(&content, 8, 4, 5);
    assert!((195..=210).contains(&nodes), "{nodes} nodes");
    let site = tmp.path().join("site");
    build_to(&content, &site);
    let index = fs::metadata(site.join("index.html")).unwrap().len();
    let css = fs::metadata(site.join("style.css")).unwrap().len();
    assert!(
        index + css < 80 * 1024,
        "index.html {index} B + style.css {css} B is over 80 KB"
    );
    let mut worst = (0, String::new());
    for page in files_with_ext(&site, "html") {
        if page.matches('/').count() < 3 {
            continue; // topic pages sit at section/group/topic/index.html
        }
        let text = read_text(&site.join(&page));
        let doc = Html::parse_document(&text);
        let notes: usize = doc.select(&sel(".notes")).map(|n| n.html().len()).sum();
        let own = text.len() - notes;
        if own > worst.0 {
            worst = (own, page);
        }
    }
    eprintln!(
        "budgets: {nodes} nodes; index.html {index} B + style.css {css} B; largest topic page beside notes {} B ({})",
        worst.0, worst.1
    );
    assert!(worst.0 > 0);
    assert!(
        worst.0 < 15 * 1024,
        "{} is {} B beside its notes",
        worst.1,
        worst.0
    );
    // Nothing but search needs JavaScript, and the print edition has none.
    for page in files_with_ext(&site, "html") {
        let doc = html(&site.join(&page));
        if page == "print/index.html" {
            assert_eq!(doc.select(&sel("script")).count(), 0);
            continue;
        }
        let scripts: Vec<_> = doc
            .select(&sel("script"))
            .map(|s| s.value().attr("src").unwrap_or("inline").to_string())
            .collect();
        assert!(
            scripts.len() == 1 && scripts[0].ends_with("search.js"),
            "{page}: {scripts:?}"
        );
    }
}

/// Writes a roadmap of `sections` × `groups` × `topics` with tags, notes, dates and a few
/// paragraphs of notes; returns the number of nodes.
fn generate(dir: &Path, sections: usize, groups: usize, topics: usize) -> usize {
    let statuses = [
        "done",
        "in-progress",
        "not-started",
        "not-started",
        "skipped",
    ];
    let mut n = 0;
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("_index.md"),
        "---\ntitle: Generated Backend Roadmap\n---\n",
    )
    .unwrap();
    for s in 0..sections {
        let sd = dir.join(format!("{s:02}-section-{s}"));
        fs::create_dir_all(&sd).unwrap();
        let tags = match s % 3 {
            0 => "[Job Essential]",
            1 => "[Your Focus Area, Interview Prep]",
            _ => "[]",
        };
        fs::write(
            sd.join("_index.md"),
            format!("---\ntitle: Backend area {s}\nicon: \"📚\"\ntags: {tags}\nsummary: Everything about area {s}.\n---\n"),
        )
        .unwrap();
        n += 1;
        for g in 0..groups {
            let gd = sd.join(format!("{g:02}-group-{g}"));
            fs::create_dir_all(&gd).unwrap();
            fs::write(
                gd.join("_index.md"),
                format!("---\ntitle: Group {s}.{g} topics\n---\n"),
            )
            .unwrap();
            n += 1;
            for t in 0..topics {
                let status = statuses[(s + g + t) % statuses.len()];
                let mut fm = format!(
                    "---\ntitle: Topic {s}.{g}.{t} in practice\nstatus: {status}\norder: {t}\n"
                );
                if t % 3 == 0 {
                    fm.push_str("note: Priority for India\n");
                }
                if t % 4 == 1 {
                    fm.push_str("tags: [Backend, Databases]\n");
                }
                if status == "done" || status == "in-progress" {
                    fm.push_str(&format!(
                        "started: 2024-{:02}-{:02}\n",
                        1 + (s + g) % 12,
                        1 + t
                    ));
                }
                if status == "done" {
                    fm.push_str(&format!(
                        "completed: 2025-{:02}-{:02}\n",
                        1 + (s + g) % 12,
                        10 + t
                    ));
                }
                fm.push_str("---\n\n");
                for p in 0..3 {
                    fm.push_str(&format!(
                        "Paragraph {p} about topic {t}: what it is, why it matters for backend work, and what to practise next with a small project.\n\n"
                    ));
                }
                fs::write(gd.join(format!("{t:02}-topic-{t}.md")), fm).unwrap();
                n += 1;
            }
        }
    }
    n
}
