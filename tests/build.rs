//! `waymark build` on fixture sites: roll-ups, hierarchy, links, order, subpaths, safety.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::path::Path;

fn progress(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("progress.json")).unwrap()).unwrap()
}

/// The totals read the same in the build summary, `check`, the index and `tree`, and say how
/// skipped topics count. By hand: html, css, git and hg are done; js is in progress; docker
/// not started; svn skipped (the Extras group has no status, so it is not counted): 7 tracked,
/// 6 counted, 4 done, 4 × 100 / 6 = 66 %.
#[test]
fn totals_read_the_same_everywhere() {
    let site = site("totals");
    let want = "4 of 6 done (66%), 1 in progress, 1 skipped";
    let summary = build(site.path(), &["--base-url", "https://me.github.io/r/"]);
    assert!(summary.ends_with(&format!("ms: {want}\n")), "{summary}");
    let check = waymark(site.path()).arg("check").output().unwrap();
    assert_eq!(
        String::from_utf8(check.stdout).unwrap(),
        format!("no problems found: {want}\n")
    );
    let index = html(&site.path().join("output/index.html"));
    assert_eq!(
        texts(&index, ".figures")[0],
        format!("{want} · 2 sections · 1 untracked group")
    );
    let tree = waymark(site.path()).arg("tree").output().unwrap();
    let tree = String::from_utf8(tree.stdout).unwrap();
    assert!(tree.contains("├── Web — 2/3\n"), "{tree}");
    assert!(tree.contains("└── Tools — 2/3\n"), "{tree}");
    assert!(tree.contains("    └── Extras — 1/1\n"), "{tree}");
}

#[test]
fn rolls_up_counts_per_node_and_for_the_roadmap() {
    let site = site("rollup");
    build(site.path(), &[]);
    let out = site.path().join("output");
    let p = progress(&out);
    assert_eq!(p["title"], "Rollup Roadmap");
    assert_eq!(p["total"], 10);
    assert_eq!(
        p["counts"],
        serde_json::json!({"done": 3, "in-progress": 2, "not-started": 4, "skipped": 1})
    );
    assert_eq!(
        p["percent"], 33,
        "3 done of 9 countable (10 tracked - 1 skipped)"
    );

    let index = html(&out.join("index.html"));
    assert_eq!(texts(&index, ".big-pct"), ["33%"]);
    assert_eq!(
        texts(&index, ".figures")[0],
        "3 of 9 done (33%), 2 in progress, 1 skipped · 2 sections · no untracked groups"
    );
    let legend = texts(&index, ".legend li");
    assert_eq!(
        legend,
        [
            "✅ Done 3",
            "⏳ In progress 2",
            "⏸️ Not started 4",
            "⏭️ Skipped 1"
        ]
    );

    let db = html(&out.join("backend/databases/index.html"));
    assert_eq!(
        texts(&db, ".topic-header .progress .count"),
        ["1/3"],
        "postgres done; sqlite and vim not; mysql skipped"
    );
    assert_eq!(
        texts(&db, ".topic-header .progress .pct")[0],
        "33% of Databases done"
    );
    assert_eq!(texts(&db, ".meta .status"), ["⏳ In progress"]);
    let backend = html(&out.join("backend/index.html"));
    assert_eq!(texts(&backend, ".topic-header .progress .count"), ["1/5"]);
}

#[test]
fn places_topics_under_their_parent_and_orders_them() {
    let site = site("rollup");
    build(site.path(), &[]);
    let p = progress(&site.path().join("output"));
    let ids: Vec<&str> = p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "basics",
            "basics/linux",
            "basics/bash",
            "basics/git",
            "basics/zsh",
            "backend",
            "backend/apis",
            "backend/databases",
            "backend/databases/mysql",
            "backend/databases/postgres",
            "backend/databases/sqlite",
            "basics/vim",
        ],
        "prefix order for sections, `order:` first then titles for topics, vim under sqlite"
    );
    // Under a not-started topic: a done one with an unfinished subtopic draws a warning.
    let vim = topic(&p, "basics/vim");
    assert_eq!(vim["parent"], "backend/databases/sqlite");
    assert_eq!(vim["depth"], 4);
    assert_eq!(vim["url"], "basics/vim/");
    assert_eq!(
        topic(&p, "backend")["tags"],
        serde_json::json!(["Job Essential"])
    );
    let sqlite = html(
        &site
            .path()
            .join("output/backend/databases/sqlite/index.html"),
    );
    assert_eq!(texts(&sqlite, ".children .row .title"), ["Vim"]);
    assert_eq!(
        texts(&sqlite, ".breadcrumbs li"),
        ["Rollup Roadmap", "Backend", "Databases", "Sqlite"]
    );
}

#[test]
fn reports_parent_cycles_and_unknown_parents_with_lines() {
    let site = site("cycle");
    let err = build_fails(site.path(), &[]);
    assert_eq!(
        err,
        "content/a.md:4:9: error: `parent:` makes a cycle: `a` → `b` → `c` → `a`; one of them must sit under a topic outside this loop
  |
4 | parent: b
  |         ^
content/d.md:3:9: error: unknown parent `nowhere/else`; `parent:` takes a topic id, such as `foundations/version-control`
  |
3 | parent: nowhere/else
  |         ^
build failed: 2 errors, 0 warnings
"
    );
    assert!(
        !site.path().join("output").exists(),
        "nothing is written on failure"
    );
}

/// The hrefs of the links in a page's notes, in order.
fn note_links(page: &Path) -> Vec<String> {
    html(page)
        .select(&sel(".notes a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

#[test]
fn rewrites_links_between_topics_to_their_pages() {
    let site = site("rollup");
    build(site.path(), &[]);
    let hrefs = note_links(&site.path().join("output/backend/apis/index.html"));
    assert_eq!(
        hrefs,
        [
            "../../backend/databases/postgres/index.html#setup",
            "../../basics/git/index.html"
        ]
    );
}

/// Links that name a topic's page rather than its file (root-absolute or relative, with or
/// without a trailing slash or `index.html`, with the folders' number prefixes or without)
/// are checked and made relative, so they work under a Pages subpath; a root-absolute link to
/// anything else is a warning that says where it would lead and gives the relative form.
#[test]
fn links_to_topic_pages_are_checked_and_made_relative() {
    let site = site("rollup");
    std::fs::write(site.path().join("static/cv.pdf"), "cv").unwrap();
    std::fs::write(
        site.path().join("content/02-backend/links.md"),
        "---\ntitle: Links\n---\n[a](/backend/databases/) [b](databases/postgres) \
         [c](/backend/databases/postgres/index.html#setup) [d](../01-basics/git/)\n\
         [e](/) [f](/cv.pdf) [g](/map/) [h](databses/postgres) [i](./databases/?x=1)\n",
    )
    .unwrap();
    let out = waymark(site.path())
        .args(["build", "--base-url", "https://example.github.io/repo/"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hrefs = note_links(&site.path().join("output/backend/links/index.html"));
    assert_eq!(
        hrefs,
        [
            "../../backend/databases/index.html",
            "../../backend/databases/postgres/index.html",
            "../../backend/databases/postgres/index.html#setup",
            "../../basics/git/index.html",
            "../../index.html",
            "../../cv.pdf",
            "/map/",
            "databses/postgres",
            "../../backend/databases/index.html?x=1",
        ]
    );
    let files = snapshot(&site.path().join("output"));
    for href in &hrefs[..6] {
        let target = resolve("backend/links/index.html", href, "/repo/").unwrap();
        assert!(files.contains_key(&target), "{href} → {target}");
    }
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "content/02-backend/links.md:5:21: warning: link `/map/` starts at the server's root: on a site published under a path, such as https://NAME.github.io/REPO/, it leaves the site (for https://NAME.github.io/map/); write it relative to this page: `../../map/`
  |
5 | [e](/) [f](/cv.pdf) [g](/map/) [h](databses/postgres) [i](./databases/?x=1)
  |                     ^
"
    );
    // A page link's #anchor is checked like a file link's.
    std::fs::write(
        site.path().join("content/02-backend/links.md"),
        "---\ntitle: Links\n---\n[c](/backend/databases/postgres/#nope)\n",
    )
    .unwrap();
    let err = build_fails(site.path(), &[]);
    assert!(err.starts_with("content/02-backend/links.md:4:1: error: link to `02-backend/databases/postgres.md#nope`: no heading with that anchor (its headings are #setup)\n"), "{err}");
}

#[test]
fn a_link_to_a_missing_topic_fails_the_build_with_file_and_line() {
    let site = site("broken-link");
    let err = build_fails(site.path(), &[]);
    assert_eq!(
        err,
        "content/topic.md:7:3: error: link to `missing.md`: no such topic (looked for content/missing.md); fix the path or create the file
  |
7 | A [missing](missing.md) link.
  |   ^
build failed: 1 error, 0 warnings
"
    );
}

/// Resolves a link found on page `page` (a path inside the site) to a file of the site.
fn resolve(page: &str, href: &str, base_path: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap();
    if href.is_empty() {
        return Some(page.to_string());
    }
    let mut parts: Vec<&str> = if let Some(abs) = href.strip_prefix("https://example.github.io") {
        abs.strip_prefix(base_path)?.split('/').collect()
    } else if href.contains("://") || href.starts_with("mailto:") {
        return None;
    } else {
        assert!(
            !href.starts_with('/'),
            "{page}: root-relative link {href} breaks under a subpath"
        );
        let mut base: Vec<&str> = page.split('/').collect();
        base.pop();
        for seg in href.split('/') {
            match seg {
                ".." => {
                    base.pop()
                        .unwrap_or_else(|| panic!("{page}: {href} climbs above the site"));
                }
                "." => {}
                s => base.push(s),
            }
        }
        base
    };
    if parts.last().is_some_and(|s| s.is_empty()) {
        parts.pop();
        parts.push("index.html");
    }
    Some(parts.join("/").replace("%20", " "))
}

/// A sitemap's addresses must be absolute and the 404 page, served at any depth, needs the
/// base URL for its links: without one neither is written (and the summary says so), with a
/// path only the 404 page is. No page has a canonical link, whatever the base URL.
#[test]
fn files_that_need_a_base_url_are_left_out_without_one() {
    let site = site("totals");
    let out = site.path().join("output");
    let cases = [
        (
            None,
            "; no sitemap.xml or 404.html: they need the base URL, such as --base-url https://NAME.github.io/REPO/",
            false,
            false,
        ),
        (
            Some("/site/"),
            "; no sitemap.xml: it needs an absolute base URL, such as --base-url https://NAME.github.io/REPO/",
            false,
            true,
        ),
        (Some("https://me.github.io/r/"), "", true, true),
    ];
    for (url, note, sitemap, not_found) in cases {
        let args: Vec<&str> = url.map_or(vec![], |u| vec!["--base-url", u]);
        let summary = build(site.path(), &args);
        assert!(
            summary.ends_with(&format!("1 skipped{note}\n")),
            "{url:?}: {summary}"
        );
        let files = snapshot(&out);
        assert_eq!(files.contains_key("sitemap.xml"), sitemap, "{url:?}");
        assert_eq!(files.contains_key("404.html"), not_found, "{url:?}");
        if not_found {
            let css = html(&out.join("404.html"))
                .select(&sel("link[rel=stylesheet]"))
                .next()
                .unwrap()
                .value()
                .attr("href")
                .map(str::to_string);
            let base = url.unwrap();
            assert_eq!(css, Some(format!("{base}style.css")));
        }
        let canonical = files
            .iter()
            .filter(|(p, b)| {
                p.ends_with(".html") && String::from_utf8_lossy(b).contains("canonical")
            })
            .count();
        assert_eq!(canonical, 0, "{url:?}");
    }
    let sitemap = String::from_utf8(std::fs::read(out.join("sitemap.xml")).unwrap()).unwrap();
    assert!(
        sitemap.contains("<loc>https://me.github.io/r/tools/extras/svn/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn every_internal_link_resolves_under_a_subpath() {
    let site = site("rollup");
    build(
        site.path(),
        &["--base-url", "https://example.github.io/repo/"],
    );
    let out = site.path().join("output");
    let files = snapshot(&out);
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for el in doc.select(&sel("a[href], link[href], img[src], script[src]")) {
            let v = el.value();
            let link = v.attr("href").or_else(|| v.attr("src")).unwrap();
            let Some(target) = resolve(path, link, "/repo/") else {
                continue;
            };
            assert!(
                files.contains_key(&target),
                "{path}: link {link} → {target} does not exist"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    let sitemap = String::from_utf8(files["sitemap.xml"].clone()).unwrap();
    assert!(sitemap.contains("<loc>https://example.github.io/repo/backend/databases/</loc>"));
    assert!(sitemap.contains("<loc>https://example.github.io/repo/map/</loc>"));
    assert!(sitemap.contains("<loc>https://example.github.io/repo/</loc>"));
    assert!(!sitemap.contains("404"));
    let not_found = html(&out.join("404.html"));
    let css = not_found
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(
        css, "https://example.github.io/repo/style.css",
        "404.html is served at any depth"
    );
    assert!(files.contains_key(".nojekyll"));
    assert!(files.contains_key("badges/roadmap.svg") && files.contains_key("badges/backend.svg"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = site("rollup");
    build(site.path(), &["--output", "one"]);
    build(site.path(), &["--output", "two"]);
    assert_eq!(
        snapshot(&site.path().join("one")),
        snapshot(&site.path().join("two"))
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = site("rollup");
    build(site.path(), &[]);
    let out = site.path().join("output");
    let before = snapshot(&out);
    std::fs::write(
        site.path().join("content/01-basics/git.md"),
        "---\nstatus: dnoe\n---\n",
    )
    .unwrap();
    let err = build_fails(site.path(), &[]);
    assert!(
        err.starts_with(
            "content/01-basics/git.md:2:9: error: unknown status `dnoe` (did you mean `done`?)"
        ),
        "{err}"
    );
    assert_eq!(snapshot(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        4,
        "no temporary folders left behind: {leftovers:?}"
    );
}

/// Pages are written to the working folder while others still render: a failure found late
/// (a heading anchor checked once every page is made, a template that breaks on one page) must
/// still leave the previous site and no working folder behind.
#[test]
fn a_build_failing_after_pages_were_written_leaves_the_previous_output_untouched() {
    let site = site("rollup");
    build(site.path(), &[]);
    let out = site.path().join("output");
    let before = snapshot(&out);
    let git = site.path().join("content/01-basics/git.md");
    let text = std::fs::read_to_string(&git).unwrap();
    std::fs::write(
        &git,
        format!("{text}\nSee [vim](vim.md#no-such-heading).\n"),
    )
    .unwrap();
    let err = build_fails(site.path(), &[]);
    assert!(err.contains("no heading with that anchor"), "{err}");
    assert_eq!(snapshot(&out), before);
    std::fs::write(&git, text).unwrap();

    override_templates(
        site.path(),
        &[(
            "topic.html",
            "{% if page.node.id == \"basics/git\" %}{{ page.no_such_field }}{% endif %}ok",
        )],
    );
    let err = build_fails(site.path(), &[]);
    assert!(err.contains("rendering basics/git/index.html"), "{err}");
    assert_eq!(snapshot(&out), before);
    let mut names: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["content", "output", "static", "themes", "waymark.yaml"]
    );
}

#[test]
fn refuses_to_replace_a_folder_waymark_did_not_write() {
    let site = site("rollup");
    std::fs::create_dir(site.path().join("output")).unwrap();
    std::fs::write(site.path().join("output/precious.txt"), "mine").unwrap();
    let err = build_fails(site.path(), &[]);
    assert!(
        err.contains("refusing to replace output: it is not empty and was not written by waymark"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("output/precious.txt")).unwrap(),
        "mine"
    );

    build(site.path(), &["--output", "site"]);
    std::fs::write(site.path().join("site/notes.txt"), "mine").unwrap();
    let err = build_fails(site.path(), &["--output", "site"]);
    assert!(
        err.contains("it holds files waymark did not write (notes.txt)"),
        "{err}"
    );
    assert!(site.path().join("site/notes.txt").exists());

    let err = build_fails(site.path(), &["--output", "."]);
    assert!(
        err.contains("it is or contains the content folder"),
        "{err}"
    );
}

#[test]
fn a_site_theme_overrides_built_in_files_by_name() {
    let site = site("theme-override");
    build(site.path(), &["--base-url", "/"]);
    let out = site.path().join("output");
    assert_eq!(
        texts(&html(&out.join("404.html")), "#custom-404"),
        ["Custom not found"]
    );
    assert!(
        std::fs::read_to_string(out.join("style.css"))
            .unwrap()
            .starts_with("/* custom stylesheet */")
    );
    let topic = html(&out.join("topic/index.html"));
    assert_eq!(
        texts(&topic, "h1"),
        ["Topic"],
        "templates not overridden stay built in"
    );
}

#[test]
fn publishes_files_beside_the_notes_and_the_static_folder() {
    let site = site("rollup");
    build(site.path(), &[]);
    let out = site.path().join("output");
    let page = html(&out.join("backend/databases/postgres/index.html"));
    let src = page
        .select(&sel(".notes img"))
        .next()
        .unwrap()
        .value()
        .attr("src")
        .unwrap();
    assert_eq!(src, "../../../backend/databases/img/er%20diagram.svg");
    assert!(out.join("backend/databases/img/er diagram.svg").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "roadmap.example.com\n"
    );
}

#[test]
fn builds_the_users_roadmap_with_its_figures() {
    let dir = assert_fs::TempDir::new().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &dir.path().join("content"));
    std::fs::copy(repo.join("waymark.yaml"), dir.path().join("waymark.yaml")).unwrap();
    let summary = build(dir.path(), &[]);
    assert!(summary.starts_with("built "), "{summary}");
    let out = dir.path().join("output");
    let index = html(&out.join("index.html"));
    assert_eq!(texts(&index, "h1"), ["BACKEND ENGINEERING ROADMAP"]);
    assert_eq!(
        texts(&index, ".figures")[0],
        "4 of 154 done (2%), 4 in progress · 10 sections · 34 untracked groups"
    );
    assert_eq!(
        texts(&index, ".legend li"),
        [
            "✅ Done 4",
            "⏳ In progress 4",
            "⏸️ Not started 146",
            "⏭️ Skipped 0"
        ]
    );
    let p = progress(&out);
    assert_eq!(p["total"], 154);
    assert_eq!(p["topics"].as_array().unwrap().len(), 198);
    let django = topic(&p, "web-frameworks/python-ecosystem/django");
    assert_eq!(
        (&django["status"], &django["depth"]),
        (&serde_json::json!("in-progress"), &serde_json::json!(3))
    );
}

#[test]
fn a_rebuild_rewrites_only_changed_files_and_drops_deleted_pages() {
    let site = site("rollup");
    build(site.path(), &[]);
    let out = site.path().join("output");
    let summary = build(site.path(), &[]);
    assert!(summary.contains("(0 files written, "), "{summary}");
    let untouched = out.join("basics/bash/index.html");
    let before = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    std::fs::remove_file(site.path().join("content/01-basics/zsh.md")).unwrap();
    let summary = build(site.path(), &[]);
    assert!(summary.contains(" 1 removed)"), "{summary}");
    assert!(
        !out.join("basics/zsh").exists(),
        "the deleted topic's page and folder are gone"
    );
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        before
    );
    let fresh = site.path().join("fresh");
    build(site.path(), &["--output", "fresh"]);
    assert_eq!(
        snapshot(&out),
        snapshot(&fresh),
        "an updated output equals a fresh build"
    );
}

/// The search index is a script: U+2028 and U+2029 are valid in JSON but end a string literal
/// in older JavaScript, so they must arrive escaped.
#[test]
fn the_search_index_escapes_javascript_line_separators() {
    let site = site("rollup");
    std::fs::write(
        site.path().join("content/01-basics/zsh.md"),
        "---\ntitle: \"Zsh\u{2028}shell\"\nstatus: todo\nnote: \"a\u{2029}b\"\n---\nNotes with an ellipsis…\n",
    )
    .unwrap();
    build(site.path(), &[]);
    let js = std::fs::read_to_string(site.path().join("output/search-index.js")).unwrap();
    assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'), "{js}");
    assert!(
        js.contains(r"Zsh\u2028shell") && js.contains(r"a\u2029b"),
        "{js}"
    );
    let json = js
        .strip_prefix("window.waymarkSearch=")
        .and_then(|j| j.strip_suffix(";\n"))
        .unwrap();
    let entries: serde_json::Value = serde_json::from_str(json).unwrap();
    assert!(
        entries
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["t"] == "Zsh\u{2028}shell")
    );
}

/// A build lets each file's notes go once its front matter is read and reads them again when
/// it renders them, so it never holds every file's text at once: the page shows the notes as
/// read, and a file whose front matter changed in between fails the build, naming the file,
/// instead of publishing a page made from two versions of it.
#[test]
fn notes_are_read_again_at_render_and_a_file_changed_meanwhile_fails_the_build() {
    let site = site("totals");
    let file = site.path().join("content/01-web/notes.md");
    std::fs::write(&file, "---\ntitle: Notes\n---\nRead *again* at render.\n").unwrap();
    let opts = waymark::site::SiteOptions::new(site.path().join("content"));
    let loaded = waymark::site::Site::load(&opts).unwrap();
    let source = loaded
        .content
        .files
        .iter()
        .find(|f| f.rel == "01-web/notes.md");
    assert!(source.unwrap().streamed);
    let pages = loaded.render().unwrap();
    let page = pages
        .iter()
        .find(|p| p.path == "web/notes/index.html")
        .unwrap();
    assert!(String::from_utf8_lossy(&page.bytes).contains("<p>Read <em>again</em> at render.</p>"));
    std::fs::write(&file, "---\ntitle: Renamed\n---\nRead *again* at render.\n").unwrap();
    let err = loaded.render().unwrap_err().0.render("");
    assert!(
        err.contains("notes.md: error: cannot read the notes again: its front matter changed while the site was being built; build again"),
        "{err}"
    );
}
