//! What `serve` shows after an edit is what a fresh build gives: every kind of edit rendered
//! with the previous render's cache, each file compared byte for byte with a fresh render.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{commit, git, override_templates, site};
use std::path::Path;
use std::sync::Mutex;
use waymark::render::cache::{RenderCache, RenderStats};
use waymark::render::{Collect, PageSink, SharedPage};
use waymark::site::{Site, SiteOptions};

/// The rollup fixture's content, for rendering in the test process.
fn rollup_options(root: &Path) -> SiteOptions {
    SiteOptions::new(root.join("content"))
}

/// Every file of `site` rendered reusing `cache`, sorted by path, with the cache for the next
/// render and what this one reused.
fn render_cached(site: &Site, cache: &RenderCache) -> (Vec<SharedPage>, RenderCache, RenderStats) {
    let all = Collect::default();
    let done = site.render_into(cache, &all).unwrap();
    (all.into_sorted(), done.cache, done.stats)
}

/// A sink like serve's when it shows the topic pages early: it asks for them first, and keeps
/// the order files came in, with `None` where it was told the topic pages were all made.
#[derive(Default)]
struct TopicsFirst(Mutex<Vec<Option<SharedPage>>>);

impl PageSink for TopicsFirst {
    fn accept(&self, page: &SharedPage) {
        self.0.lock().unwrap().push(Some(page.clone()));
    }

    fn topics_done(&self) {
        self.0.lock().unwrap().push(None);
    }

    fn topics_first(&self) -> bool {
        true
    }
}

/// Renders `site` reusing `cache` with the topic pages first, as serve does to show them
/// early, and checks that every topic page came before it was told they were done, and no
/// site-wide page but the index (which renders beside them); the files, sorted.
fn render_topics_first(site: &Site, cache: &RenderCache, what: &str) -> Vec<SharedPage> {
    let sink = TopicsFirst::default();
    site.render_into(cache, &sink).unwrap();
    let order = sink.0.into_inner().unwrap();
    let told = order.iter().position(Option::is_none);
    let told = told.unwrap_or_else(|| panic!("{what}: never told the topic pages were done"));
    let topic_pages: Vec<String> = site.roadmap.topics[1..]
        .iter()
        .map(|t| format!("{}index.html", t.url()))
        .collect();
    for page in order[..told].iter().flatten() {
        assert!(
            topic_pages.contains(&page.path) || page.path == "index.html",
            "{what}: {} came before the topic pages were done",
            page.path
        );
    }
    let mut pages: Vec<SharedPage> = order.into_iter().flatten().collect();
    let shown: Vec<&String> = pages[..told].iter().map(|p| &p.path).collect();
    for path in &topic_pages {
        assert!(shown.contains(&path), "{what}: {path} came after");
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

/// Renders `site` reusing `cache` and checks every file against a fresh render, byte for
/// byte, both with the site-wide pages beside the topic pages (a build, and serve after an
/// edit that adds or removes a topic) and after them (serve showing the topic pages early);
/// returns the cache for the next render and what this one reused.
fn render_as_fresh(site: &Site, cache: &RenderCache, what: &str) -> (RenderCache, RenderStats) {
    // Every topic view remembered from the previous render, built again: one that would come
    // out otherwise (a read it did not note) fails the render even if its page's bytes agree.
    let mut checking = cache.clone();
    checking.check_views = true;
    if let Err(e) = site.render_into(&checking, &Collect::default()) {
        panic!("{what}: {e}");
    }
    let (cached, next, stats) = render_cached(site, cache);
    let first = render_topics_first(site, cache, what);
    let fresh = site.render().unwrap();
    for cached in [&cached, &first] {
        assert_eq!(cached.len(), fresh.len(), "{what}");
        for (c, f) in cached.iter().zip(&fresh) {
            assert_eq!(c.path, f.path, "{what}");
            assert!(
                *c.bytes == f.bytes,
                "{what}: {} differs from a fresh render",
                c.path
            );
        }
    }
    (next, stats)
}

/// `site` refreshed after `path` changed, checked against `fresh`, a load of the same files:
/// the same tree (made from the previous one when the edit left its shape alone) and the
/// same problems. With whether the previous tree was kept.
fn refresh_as_load(
    site: Site,
    opts: &SiteOptions,
    path: &Path,
    fresh: &Site,
    what: &str,
) -> (Site, bool) {
    let id = |s: &Site| s.roadmap.topics.last().map(|t| t.id.as_ptr());
    let before = id(&site);
    let site = site.refresh(opts, &[path.to_path_buf()]).unwrap();
    assert!(
        site.roadmap == fresh.roadmap,
        "{what}: the refreshed tree differs from a fresh one"
    );
    let texts = |s: &Site| {
        let mut t: Vec<String> = s.diagnostics.0.iter().map(ToString::to_string).collect();
        t.sort();
        t
    };
    assert_eq!(texts(&site), texts(fresh), "{what}");
    let kept = id(&site) == before;
    (site, kept)
}

/// Every kind of edit a page shows: what changed, the file, and its new text (`None`: the file
/// is deleted).
fn edits() -> [(&'static str, &'static str, Option<&'static str>); 35] {
    [
        (
            "status",
            "content/01-basics/bash.md",
            Some("---\ntitle: Bash\nstatus: in-progress\n---\n"),
        ),
        (
            "tags, note, icon, summary",
            "content/01-basics/zsh.md",
            Some(
                "---\ntitle: Zsh\nstatus: todo\ntags: [Shell]\nnote: later\nicon: 🐚\nsummary: A shell.\n---\n",
            ),
        ),
        (
            "order moves prev/next",
            "content/01-basics/zsh.md",
            Some("---\ntitle: Zsh\nstatus: todo\norder: 0\n---\n"),
        ),
        (
            "section title in breadcrumbs",
            "content/01-basics/_index.md",
            Some("---\ntitle: Basics, renamed\n---\n"),
        ),
        (
            "dates and resources",
            "content/01-basics/linux.md",
            Some(
                "---\ntitle: Linux\nstatus: done\norder: 1\nstarted: 2024-01-02\ncompleted: 2024-02-03\nresources:\n  - title: Book\n    url: https://example.com/\n---\n",
            ),
        ),
        (
            "a completion date",
            "content/02-backend/apis.md",
            Some(
                "---\ntitle: APIs\nstatus: done\norder: 1\ncompleted: 2024-03-04\n---\nSee [Postgres](databases/postgres.md#setup) and [basics](../01-basics/git.md).\n",
            ),
        ),
        (
            "a new tag",
            "content/02-backend/databases/sqlite.md",
            Some("---\nstatus: not-started\ntags: [Embedded]\n---\n"),
        ),
        (
            "a new child",
            "content/01-basics/fish.md",
            Some("---\ntitle: Fish\nstatus: done\n---\n"),
        ),
        (
            "moved by parent",
            "content/01-basics/vim.md",
            Some("---\ntitle: Vim\nstatus: done\n---\n"),
        ),
        ("a deleted topic", "content/01-basics/fish.md", None),
        (
            "settings: description and author",
            "waymark.yaml",
            Some("title: Rollup Roadmap\ndescription: Renamed\nauthor: Me\n"),
        ),
        (
            "status words in settings",
            "waymark.yaml",
            Some("title: Rollup\nlabels:\n  done: Learned\nemoji:\n  done: \"🎉\"\n"),
        ),
        (
            "base URL",
            "waymark.yaml",
            Some("title: Rollup\nbase_url: https://me.example/r/\n"),
        ),
        (
            "code, a diagram and math in notes",
            "content/01-basics/git.md",
            Some(
                "---\ntitle: Git\nstatus: done\n---\n```sh\ngit log\n```\n\n```mermaid\ngraph TD\n  A --> B\n```\n\n$x^2$\n",
            ),
        ),
        (
            "highlighting turned off",
            "waymark.yaml",
            Some("title: Rollup\nhighlight: false\n"),
        ),
        (
            "the diagram removed",
            "content/01-basics/git.md",
            Some("---\ntitle: Git\nstatus: done\n---\n```sh\ngit log\n```\n"),
        ),
        (
            "a site's first diagram publishes mermaid",
            "content/02-backend/databases/mysql.md",
            Some("---\nstatus: skipped\n---\n# MySQL\n\n```mermaid\ngraph LR\n  a --> b\n```\n"),
        ),
        (
            "a site's last diagram removed takes mermaid away",
            "content/02-backend/databases/mysql.md",
            Some("---\nstatus: skipped\n---\n# MySQL\n"),
        ),
        (
            "an auto status",
            "content/02-backend/databases/_index.md",
            Some("---\ntitle: Databases\nstatus: auto\norder: 2\n---\n"),
        ),
        (
            "steps in the notes",
            "content/02-backend/databases/sqlite.md",
            Some(
                "---\nstatus: auto\ntags: [Embedded]\nestimate: 2d\n---\n- [ ] install\n- [ ] query\n",
            ),
        ),
        (
            "a step ticked",
            "content/02-backend/databases/sqlite.md",
            Some(
                "---\nstatus: auto\ntags: [Embedded]\nestimate: 2d\n---\n- [x] install\n- [ ] query\n",
            ),
        ),
        (
            "a step unticked",
            "content/02-backend/databases/sqlite.md",
            Some(
                "---\nstatus: auto\ntags: [Embedded]\nestimate: 2d\n---\n- [ ] install\n- [ ] query\n",
            ),
        ),
        (
            "an estimate edit",
            "content/02-backend/databases/sqlite.md",
            Some(
                "---\nstatus: auto\ntags: [Embedded]\nestimate: 3h\nspent: 1h\n---\n- [ ] install\n- [ ] query\n",
            ),
        ),
        (
            "a switch of progress: and a pace",
            "waymark.yaml",
            Some(
                "title: Rollup\nbase_url: https://me.example/r/\nprogress: steps\npace: 2h/week\n",
            ),
        ),
        (
            "a requirement on another section's topic",
            "content/02-backend/apis.md",
            Some("---\ntitle: APIs\nstatus: wip\norder: 1\nrequires: [../01-basics/vim.md]\n---\n"),
        ),
        (
            "the required topic's status",
            "content/01-basics/vim.md",
            Some("---\ntitle: Vim\nstatus: in-progress\n---\n"),
        ),
        (
            "a requirement removed",
            "content/02-backend/apis.md",
            Some("---\ntitle: APIs\nstatus: wip\norder: 1\n---\n"),
        ),
        (
            "a neighbour's title in previous and next",
            "content/01-basics/linux.md",
            Some("---\ntitle: GNU/Linux\nstatus: done\norder: 1\n---\n"),
        ),
        (
            "a child's title in its parent's list",
            "content/02-backend/databases/mysql.md",
            Some("---\ntitle: MySQL and MariaDB\nstatus: skipped\n---\n"),
        ),
        (
            "a topic after the last one",
            "content/03-tools.md",
            Some("---\ntitle: Tools\nstatus: not-started\n---\n"),
        ),
        (
            "a title from the notes' heading",
            "content/01-basics/bash.md",
            Some("---\nstatus: in-progress\n---\n# Bourne Again\n"),
        ),
        (
            "a title that sorts a topic first",
            "content/02-backend/databases/sqlite.md",
            Some("---\ntitle: A first SQLite\nstatus: not-started\n---\n"),
        ),
        (
            "a parent given",
            "content/01-basics/vim.md",
            Some("---\ntitle: Vim\nstatus: done\nparent: backend/apis\n---\n"),
        ),
        (
            "a draft left out",
            "content/01-basics/zsh.md",
            Some("---\ntitle: Zsh\nstatus: todo\ndraft: true\n---\n"),
        ),
        (
            "the same text saved again",
            "waymark.yaml",
            Some(
                "title: Rollup\nbase_url: https://me.example/r/\nprogress: steps\npace: 2h/week\n",
            ),
        ),
    ]
}

/// Every kind of edit a page shows, one after another, each rendered with the previous
/// render's cache and compared byte for byte with a fresh render of the same files.
#[test]
fn every_kind_of_edit_renders_incrementally_as_a_fresh_build_would() {
    let dir = site("rollup");
    let root = dir.path();
    let opts = rollup_options(root);
    let edits = edits();
    let (_, mut cache, _) = render_cached(&Site::load(&opts).unwrap(), &RenderCache::enabled());
    let mut refreshed = Site::load_whole(&opts).unwrap();
    for (what, rel, text) in edits {
        match text {
            Some(text) => std::fs::write(root.join(rel), text).unwrap(),
            None => std::fs::remove_file(root.join(rel)).unwrap(),
        }
        let site = Site::load(&opts).unwrap();
        let kept;
        (refreshed, kept) = refresh_as_load(refreshed, &opts, &root.join(rel), &site, what);
        // An edit that leaves the tree's shape alone keeps the tree.
        if ["status", "a new tag", "a step ticked"].contains(&what) {
            assert!(kept, "{what}: the tree was made afresh");
        }
        let (next, stats) = render_as_fresh(&site, &cache, what);
        if what.contains("mermaid") {
            let published = site.render().unwrap();
            let mermaid = published.iter().any(|p| p.path == "mermaid.min.js");
            assert_eq!(mermaid, what.contains("publishes"), "{what}");
        }
        // Every edit leaves some file as it was (the theme's badges at least), and only an
        // edit that no page shows leaves them all.
        assert!(stats.pages_reused > 0, "{what}: {stats:?}");
        assert_eq!(
            stats.pages_rendered == 0,
            what == "the same text saved again",
            "{what}: {stats:?}"
        );
        cache = next;
    }
}

#[test]
fn an_incremental_render_equals_a_fresh_one() {
    let dir = site("rollup");
    let opts = rollup_options(dir.path());
    let (_, cache, first) = render_cached(&Site::load(&opts).unwrap(), &RenderCache::enabled());
    assert_eq!(first.pages_reused, 0);
    std::fs::write(
        dir.path().join("content/01-basics/bash.md"),
        "---\ntitle: Bash\nstatus: done\n---\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/01-basics/git.md"),
        "---\ntitle: Git, renamed\nstatus: done\n---\nNew notes.\n",
    )
    .unwrap();
    let site = Site::load(&opts).unwrap();
    let (_, stats) = render_as_fresh(&site, &cache, "status and notes");
    assert!(
        stats.pages_reused > 0 && stats.pages_rendered > 0,
        "{stats:?}"
    );
}

/// A `requires:` edit blocks a topic and finishing the requirement unlocks it: the topic's
/// page, the index and next/ follow each edit as a fresh build would.
#[test]
fn a_requires_edit_that_unlocks_a_topic_renders_as_a_fresh_build_would() {
    let dir = site("rollup");
    let root = dir.path();
    let opts = rollup_options(root);
    let page = |pages: &[waymark::render::SharedPage], path: &str| {
        let p = pages.iter().find(|p| p.path == path).unwrap();
        String::from_utf8(p.bytes.to_vec()).unwrap()
    };
    let (_, cache, _) = render_cached(&Site::load(&opts).unwrap(), &RenderCache::enabled());
    std::fs::write(
        root.join("content/01-basics/zsh.md"),
        "---\ntitle: Zsh\nstatus: todo\nrequires: [bash.md]\n---\n",
    )
    .unwrap();
    let site = Site::load(&opts).unwrap();
    let (cache, _) = render_as_fresh(&site, &cache, "a requirement added");
    let (pages, _, _) = render_cached(&site, &cache);
    assert!(page(&pages, "basics/zsh/index.html").contains("class=\"blocked\""));
    assert!(page(&pages, "next/index.html").contains("Waiting on"));
    std::fs::write(
        root.join("content/01-basics/bash.md"),
        "---\ntitle: Bash\nstatus: done\n---\n",
    )
    .unwrap();
    let site = Site::load(&opts).unwrap();
    let (cache, stats) = render_as_fresh(&site, &cache, "the requirement done");
    assert!(stats.pages_reused > 0, "{stats:?}");
    let (pages, _, _) = render_cached(&site, &cache);
    for path in ["basics/zsh/index.html", "index.html", "next/index.html"] {
        assert!(!page(&pages, path).contains("class=\"blocked\""), "{path}");
    }
    assert!(page(&pages, "basics/bash/index.html").contains("unlocks-heading"));
}

/// In a git repository, a status edit read by a refresh (which keeps the history read at the
/// start) renders as a fresh load of the same files does, dates from git included.
#[test]
fn a_refresh_in_a_repository_renders_as_a_fresh_load() {
    let dir = site("rollup");
    let root = dir.path();
    git(root, "2024-01-10", &["init", "-q", "-b", "main"]);
    commit(root, "2024-01-10", "start");
    let bash = root.join("content/01-basics/bash.md");
    std::fs::write(&bash, "---\ntitle: Bash\nstatus: in-progress\n---\n").unwrap();
    commit(root, "2024-02-01", "bash started");
    let opts = rollup_options(root);
    let site = Site::load_whole(&opts).unwrap();
    let (_, cache, _) = render_cached(&site, &RenderCache::enabled());
    std::fs::write(&bash, "---\ntitle: Bash\nstatus: done\n---\n").unwrap();
    commit(root, "2024-03-05", "bash done");
    let site = site.refresh(&opts, std::slice::from_ref(&bash)).unwrap();
    render_as_fresh(&site, &cache, "a committed status edit");
    let fresh = Site::load_whole(&opts).unwrap();
    let (refreshed, loaded) = (site.render().unwrap(), fresh.render().unwrap());
    // The refresh saw the commit made since the history was read.
    let page = |pages: &[waymark::render::Page]| {
        let p = pages
            .iter()
            .find(|p| p.path == "basics/bash/index.html")
            .unwrap();
        String::from_utf8(p.bytes.clone()).unwrap()
    };
    assert!(page(&refreshed).contains("Completed <time datetime=\"2024-03-05\">"));
    assert_eq!(refreshed, loaded);
}

/// The index's rows, the print edition's contents and topics and the search index's entries
/// are parts made once: the same files again make none, and a status edit makes again only
/// the parts it changes (the topic's and its ancestors'), the files still as a fresh build
/// makes them.
#[test]
fn a_status_edit_makes_again_only_the_parts_it_changes() {
    let [first, same, stats] = parts_around_an_edit(
        "content/01-basics/bash.md",
        "---\ntitle: Bash\nstatus: done\n---\n",
        "a status edit",
    );
    assert!(first.parts_made > 0, "{first:?}");
    assert_eq!(same.parts_made, 0, "{same:?}");
    assert!(
        stats.parts_made > 0 && stats.parts_made * 2 < first.parts_made,
        "{stats:?}, first {first:?}"
    );
}

/// What the rollup site's renders made: the first with a cache, the same files rendered
/// again, and (checked as a fresh build) after `text` was written to `file`.
fn parts_around_an_edit(file: &str, text: &str, what: &str) -> [RenderStats; 3] {
    let dir = site("rollup");
    let opts = rollup_options(dir.path());
    let (_, cache, first) = render_cached(&Site::load(&opts).unwrap(), &RenderCache::enabled());
    let (_, cache, same) = render_cached(&Site::load(&opts).unwrap(), &cache);
    std::fs::write(dir.path().join(file), text).unwrap();
    let site = Site::load(&opts).unwrap();
    let (_, after) = render_as_fresh(&site, &cache, what);
    [first, same, after]
}

/// A site's own `index-row.html`, `print-entry.html` and `print-topic.html` make the index's
/// rows and the print edition's parts, in a fresh render and after an edit.
#[test]
fn the_row_templates_are_overridden_by_name() {
    let dir = site("rollup");
    override_templates(
        dir.path(),
        &[
            (
                "index-row.html",
                "<li data-row=\"{{ n.id }}\">{{ n.title }}</li>\n",
            ),
            (
                "print-entry.html",
                "<li data-entry=\"{{ n.id }}\">{{ n.title }}</li>",
            ),
            (
                "print-topic.html",
                "<article data-topic=\"{{ t.node.id }}\"></article>\n",
            ),
        ],
    );
    let opts = rollup_options(dir.path());
    let (pages, cache, _) = render_cached(&Site::load(&opts).unwrap(), &RenderCache::enabled());
    let page = |pages: &[SharedPage], path: &str| {
        let p = pages.iter().find(|p| p.path == path).unwrap();
        String::from_utf8(p.bytes.to_vec()).unwrap()
    };
    assert!(page(&pages, "index.html").contains("<li data-row=\"basics/bash\">Bash</li>"));
    let print = page(&pages, "print/index.html");
    assert!(
        print.contains("<li data-entry=\"basics/bash\">Bash</li>"),
        "{print}"
    );
    assert!(print.contains("<article data-topic=\"basics/bash\"></article>"));
    std::fs::write(
        dir.path().join("content/01-basics/bash.md"),
        "---\ntitle: Bash again\nstatus: done\n---\n",
    )
    .unwrap();
    let site = Site::load(&opts).unwrap();
    render_as_fresh(&site, &cache, "a title edit under the site's row templates");
    let (pages, _, _) = render_cached(&site, &cache);
    assert!(page(&pages, "index.html").contains("<li data-row=\"basics/bash\">Bash again</li>"));
}

/// A topic added moves every row after it in the index and the print edition: those rows are
/// found among the previous render's parts by key rather than made again, so the edit makes
/// again only the parts it changes (the new topic's, its ancestors', its neighbours').
#[test]
fn a_topic_added_makes_again_only_the_rows_it_changes() {
    // Rendered twice first, so the rows are remembered by place only.
    let [first, _, stats] = parts_around_an_edit(
        "content/01-basics/ash.md",
        "---\ntitle: Ash\nstatus: done\n---\n",
        "a topic added",
    );
    assert!(
        stats.parts_made > 0 && stats.parts_made * 2 < first.parts_made,
        "{stats:?}, first {first:?}"
    );
}
