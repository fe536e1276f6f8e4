//! Learning paths: `requires:` unlocking topics (a chain, a diamond, a requirement across
//! sections, one on a group), shown in the tree, on topic pages, on the map, on next/, in
//! progress.json and in the terminal; and reviews scheduled from a fixed build date.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::path::Path;

/// The build day of every test here: 2026-12-01.
const EPOCH: &str = "1796083200";

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    waymark(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn built() -> assert_fs::TempDir {
    let dir = site("paths");
    stdout(dir.path(), &["build"]);
    dir
}

fn progress(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&read_text(&dir.join("output/progress.json"))).unwrap()
}

/// `(id, requires, blocked)` of every topic in progress.json.
fn unlock_table(dir: &Path) -> Vec<(String, Vec<String>, bool)> {
    let p = progress(dir);
    p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let reqs = t["requires"].as_array().unwrap();
            (
                t["id"].as_str().unwrap().to_string(),
                reqs.iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect(),
                t["blocked"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn requirements_block_until_done_chain_diamond_cross_section_and_group() {
    let dir = built();
    let table = unlock_table(dir.path());
    let row = |id: &str| table.iter().find(|t| t.0 == id).unwrap().clone();
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // Chain: Python (done) → Algorithms (unlocked) → Data Structures (blocked).
    assert_eq!(
        row("foundations/algorithms").1,
        ids(&["foundations/python"])
    );
    assert!(!row("foundations/algorithms").2);
    assert_eq!(
        row("foundations/data-structures").1,
        ids(&["foundations/algorithms"])
    );
    assert!(row("foundations/data-structures").2);
    // Diamond across sections, by path and by id: Django needs Python and HTTP (in progress).
    assert_eq!(
        row("web/django").1,
        ids(&["foundations/python", "web/http"])
    );
    assert!(row("web/django").2);
    assert_eq!(row("web/orm").1, ids(&["web/django", "foundations/sql"]));
    assert!(row("web/orm").2);
    // A group: every tracked topic under Foundations, two of them unfinished.
    assert_eq!(row("ops/deploy").1, ids(&["foundations"]));
    assert!(row("ops/deploy").2);
    // No requirement, never blocked.
    assert!(!row("web/html").2 && row("web/html").1.is_empty());
    let blocked: Vec<String> = table.iter().filter(|t| t.2).map(|t| t.0.clone()).collect();
    assert_eq!(
        blocked,
        [
            "foundations/data-structures",
            "web/django",
            "web/orm",
            "ops/deploy",
            "ops/shell"
        ]
    );
}

#[test]
fn finishing_a_requirement_unlocks_what_waits_on_it() {
    let dir = site("paths");
    let root = dir.path();
    stdout(root, &["status", "web/http", "done"]);
    stdout(root, &["build"]);
    let table = unlock_table(root);
    let blocked = |id: &str| table.iter().find(|t| t.0 == id).unwrap().2;
    assert!(!blocked("web/django"), "Python and HTTP are done");
    assert!(blocked("web/orm"), "Django is not");
    // Skipped counts as finished; a group unlocks when everything tracked under it is.
    stdout(root, &["status", "foundations/algorithms", "skipped"]);
    stdout(root, &["status", "foundations/data-structures", "done"]);
    stdout(root, &["build"]);
    let table = unlock_table(root);
    let blocked = |id: &str| table.iter().find(|t| t.0 == id).unwrap().2;
    assert!(!blocked("ops/deploy"));
}

#[test]
fn blocked_topics_show_a_lock_and_the_word_in_the_tree_and_on_their_page() {
    let dir = built();
    let out = dir.path().join("output");
    let index = html(&out.join("index.html"));
    let locked: Vec<String> = index
        .select(&sel(".tree .row"))
        .filter(|r| r.select(&sel(".blocked")).next().is_some())
        .map(|r| r.select(&sel("a.title")).next().unwrap().text().collect())
        .collect();
    assert_eq!(
        locked,
        ["Data Structures", "Django", "ORM", "Deploy", "Shell"]
    );
    assert_eq!(texts(&index, ".tree .blocked")[0], "🔒 blocked");
    let django = html(&out.join("web/django/index.html"));
    assert_eq!(texts(&django, ".topic-header .blocked"), ["🔒 blocked"]);
    assert_eq!(
        texts(&django, ".requires li"),
        ["Python ✅ Done", "HTTP ⏳ In progress"]
    );
    assert_eq!(texts(&django, ".unlocks li"), ["ORM ⏸️ Not started"]);
    let links: Vec<&str> = django
        .select(&sel(".requires a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "../../foundations/python/index.html",
            "../../web/http/index.html"
        ]
    );
    // A group requirement shows the group with its figures; its topics list what they unlock.
    let deploy = html(&out.join("ops/deploy/index.html"));
    assert_eq!(
        texts(&deploy, ".requires li"),
        ["Foundations Group 60% of Foundations done 3/5"]
    );
    let python = html(&out.join("foundations/python/index.html"));
    assert_eq!(
        texts(&python, ".unlocks li a"),
        ["Algorithms", "Django", "Deploy"]
    );
    // An unlocked topic shows no lock.
    let algorithms = html(&out.join("foundations/algorithms/index.html"));
    assert!(texts(&algorithms, ".blocked").is_empty());
}

#[test]
fn the_map_draws_requirements_in_a_section_and_lists_those_across_sections() {
    let dir = built();
    let web = html(&dir.path().join("output/map/web/index.html"));
    // Django → ORM within Web; HTTP → Django within Web.
    assert_eq!(web.select(&sel("svg .reqs path")).count(), 2);
    assert!(web.select(&sel("svg marker")).next().is_some());
    let blocked: Vec<String> = web
        .select(&sel("svg a"))
        .filter_map(|a| a.value().attr("aria-label"))
        .filter(|l| l.contains("blocked"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        blocked,
        [
            "Django, blocked: Not started, requires Python, HTTP",
            "ORM, blocked: Not started, requires Django, SQL"
        ]
    );
    assert_eq!(texts(&web, "svg .lock"), ["🔒 blocked", "🔒 blocked"]);
    assert_eq!(
        texts(&web, ".map-links li"),
        [
            "Django (Web) requires Python (Foundations), finished",
            "ORM (Web) requires SQL (Foundations), finished",
            "Shell (Ops) requires HTML (Web)"
        ]
    );
    let hrefs: Vec<&str> = web
        .select(&sel(".map-links a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(hrefs[1], "../../foundations/python/index.html");
}

#[test]
fn next_puts_unlocked_topics_first_and_lists_what_blocked_ones_wait_on() {
    let dir = built();
    let next = html(&dir.path().join("output/next/index.html"));
    let up: Vec<String> = texts(&next, "#next-heading ~ ol .title");
    // Shell has a priority tag but waits on HTML: it is not suggested.
    assert_eq!(up, ["HTML", "Algorithms"]);
    let waiting = texts(&next, "#waiting-heading ~ ul .reason");
    assert_eq!(
        waiting,
        [
            "Waits on Algorithms (Not started)",
            "Waits on HTTP (In progress)",
            "Waits on Django (Not started)",
            "Waits on Foundations (3 of 5 done)",
            "Waits on HTML (Not started)"
        ]
    );
    // The terminal shows the same lists.
    let text = stdout(dir.path(), &["next", "--limit", "1"]);
    assert_eq!(
        text,
        "In progress\n  HTTP (web/http)\n\n\
         Up next\n  1. HTML (web/html) — In your current focus: Web\n\n\
         Waiting on\n\
         \x20 🔒 Data Structures (foundations/data-structures) — waits on Algorithms (foundations/algorithms, not-started)\n\
         \x20 🔒 Django (web/django) — waits on HTTP (web/http, in-progress)\n\
         \x20 🔒 ORM (web/orm) — waits on Django (web/django, not-started)\n\
         \x20 🔒 Deploy (ops/deploy) — waits on Foundations (foundations, 3 of 5 done)\n\
         \x20 🔒 Shell (ops/shell) — waits on HTML (web/html, not-started)\n\n\
         Due for review (2026-12-01)\n  Python (foundations/python) — due 2026-12-01\n\n\
         Recently completed\n  SQL (foundations/sql) — 2026-11-29\n  Python (foundations/python) — 2026-11-20\n  Git (foundations/git) — 2026-10-01\n"
    );
}

#[test]
fn progress_json_and_tree_carry_requirements() {
    let dir = built();
    let p = progress(dir.path());
    let orm = p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "web/orm")
        .unwrap();
    assert_eq!(
        orm["requires"],
        serde_json::json!(["web/django", "foundations/sql"])
    );
    assert_eq!(orm["blocked"], serde_json::json!(true));
    let tree = stdout(dir.path(), &["tree"]);
    assert!(tree.contains("├── ⏸️ Django — 🔒 blocked\n"), "{tree}");
    assert!(tree.contains("├── ⏸️ Algorithms\n"), "{tree}");
    let ascii = stdout(dir.path(), &["tree", "--ascii"]);
    assert!(ascii.contains("|-- [ ] Django -- blocked\n"), "{ascii}");
    // What tree prints imports back: the lock is read as a mark, not as part of the title.
    let parsed = waymark::import::parse_roadmap(ascii.as_bytes()).unwrap();
    let web = &parsed.sections[1];
    assert_eq!(web.children[1].title, "Django");
    assert_eq!(web.title, "Web");
}

#[test]
fn check_warns_about_a_started_topic_whose_requirements_are_unfinished() {
    let dir = site("paths");
    std::fs::write(
        dir.path().join("content/02-web/03-orm.md"),
        "---\ntitle: ORM\nstatus: in-progress\nrequires: [web/django, foundations/sql]\n---\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "content/02-web/03-orm.md:4:11: warning: the topic is in-progress but its requirements are unfinished: `web/django` (not-started); finish them first, or take them out of `requires:`\n  |\n4 | requires: [web/django, foundations/sql]\n  |           ^\n0 errors, 1 warning\n"
    );
}

#[test]
fn reviews_are_scheduled_from_completion_and_each_review() {
    let dir = built();
    let root = dir.path();
    let next = html(&root.join("output/next/index.html"));
    // Python: completed 11-20, reviewed 11-24, then 7 days: due 12-01, the build day.
    // SQL: completed 11-29, then 3 days: 12-02. Git opted out with `review: false`.
    assert_eq!(texts(&next, ".review-due .title"), ["Python"]);
    let upcoming: Vec<&str> = next
        .select(&sel(".review-upcoming li"))
        .map(|li| li.value().attr("data-due").unwrap())
        .collect();
    assert_eq!(upcoming, ["2026-12-02"]);
    assert_eq!(
        next.select(&sel(".reviews"))
            .next()
            .unwrap()
            .value()
            .attr("data-today"),
        Some("2026-12-01")
    );
    let python = html(&root.join("output/foundations/python/index.html"));
    let date = python.select(&sel("[data-next-review]")).next().unwrap();
    assert_eq!(date.value().attr("data-next-review"), Some("2026-12-01"));
    let git = html(&root.join("output/foundations/git/index.html"));
    assert!(git.select(&sel("[data-next-review]")).next().is_none());

    assert_eq!(
        stdout(root, &["review"]),
        "due for review today (2026-12-01):\n  Python (foundations/python) — due 2026-12-01\n"
    );
    assert_eq!(
        stdout(root, &["review", "--upcoming", "7"]),
        "due for review until 2026-12-08:\n  Python (foundations/python) — due 2026-12-01\n  SQL (foundations/sql) — due 2026-12-02\n"
    );
    // Recording today: only `reviewed:` changes, and the next interval (21 days) applies.
    let file = root.join("content/01-foundations/01-python.md");
    let before = read_text(&file);
    assert_eq!(
        stdout(root, &["review", "Python"]),
        "foundations/python: reviewed 2026-12-01 (content/01-foundations/01-python.md); next review 2026-12-22\n"
    );
    assert_eq!(
        read_text(&file),
        before.replace("[2026-11-24]", "[2026-11-24, 2026-12-01]")
    );
    assert_eq!(
        stdout(root, &["review"]),
        "nothing is due for review today (2026-12-01)\n"
    );
    let again = run(root, &["review", "python"]);
    assert_eq!(again.status.code(), Some(1));
    let not_done = run(root, &["review", "web/html"]);
    assert_eq!(
        String::from_utf8(not_done.stderr).unwrap(),
        "error: cannot record a review in content/02-web/04-html.md: only a done topic is reviewed; set its status to done first\n"
    );
}

#[test]
fn reviews_are_off_unless_intervals_are_set() {
    let dir = site("paths");
    std::fs::write(dir.path().join("waymark.yaml"), "title: Paths\n").unwrap();
    stdout(dir.path(), &["build"]);
    let next = html(&dir.path().join("output/next/index.html"));
    assert!(next.select(&sel(".reviews")).next().is_none());
    let out = run(dir.path(), &["review"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("reviews are off")
    );
}

#[test]
fn import_force_of_what_tree_prints_keeps_requirements_and_reviews() {
    let dir = site("paths");
    let root = dir.path();
    let tree = stdout(root, &["tree"]);
    std::fs::write(root.join("roadmap.txt"), &tree).unwrap();
    let before = snapshot(&root.join("content"));
    stdout(root, &["import", "roadmap.txt", "--force"]);
    let after = snapshot(&root.join("content"));
    let text = |s: &std::collections::BTreeMap<String, Vec<u8>>, f: &str| {
        String::from_utf8(s[f].clone()).unwrap()
    };
    for file in [
        "02-web/02-django.md",
        "01-foundations/01-python.md",
        "03-ops/01-deploy.md",
    ] {
        let (old, new) = (text(&before, file), text(&after, file));
        for key in ["requires:", "reviewed:", "completed:"] {
            let line = |t: &str| t.lines().find(|l| l.starts_with(key)).map(str::to_string);
            assert_eq!(line(&old), line(&new), "{file}: {key}\n{new}");
        }
        // The lock `tree` printed is a mark, never part of a title.
        assert!(!new.contains("blocked"), "{file}:\n{new}");
    }
    assert_eq!(before.len(), after.len(), "no file added or lost");
    // The roadmap is the same: what waits on what, and the tree.
    assert_eq!(stdout(root, &["tree"]), tree);
}

#[test]
fn a_requirement_on_a_draft_left_out_is_no_requirement() {
    let dir = site("paths");
    let root = dir.path();
    std::fs::write(
        root.join("content/02-web/05-css.md"),
        "---\ntitle: CSS\nstatus: not-started\ndraft: true\n---\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/02-web/04-html.md"),
        "---\ntitle: HTML\nstatus: not-started\nrequires: [web/css]\n---\n",
    )
    .unwrap();
    stdout(root, &["build"]);
    let table = unlock_table(root);
    let html = table.iter().find(|t| t.0 == "web/html").unwrap();
    assert!(!html.2 && html.1.is_empty(), "{html:?}");
    stdout(root, &["build", "--drafts"]);
    let table = unlock_table(root);
    let html = table.iter().find(|t| t.0 == "web/html").unwrap();
    assert!(html.2 && html.1 == ["web/css"], "{html:?}");
}
