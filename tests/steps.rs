//! Progress inside topics, on the `steps` fixture whose figures are worked out by hand below:
//! steps (task lists and resources with `done:`), both progress rules, `status: auto`, effort
//! and the pace's projection at a fixed build date.
//!
//! The fixture, with the statuses `auto` derives (hours_per_day 6, a week 5 days):
//!
//! | topic | status | steps | estimate / spent → left |
//! | --- | --- | --- | --- |
//! | Basics | auto → in-progress (git in progress) | | |
//! | Git | in-progress | 3/5: 3 of 4 boxes (one nested; one in a code block not counted), 1 resource `done: false` (the other has no `done:`) | 6h / 2h → 4 h |
//! | Shell | done | | 45m → 0 (done) |
//! | Vim | skipped | | 1w = 30 h → 0 (skipped) |
//! | Backend | auto → in-progress (databases in progress) | | |
//! | Databases | auto → in-progress (postgres in progress) | | |
//! | Postgres | auto → in-progress (indexes done, 1 of 2 steps) | 1/2 | 2d = 12 h → 12 h |
//! | Indexes | done | | |
//! | SQLite | skipped | | |
//! | APIs | not-started | | 1.5h / 3h → 0 (floored) |
//! | Queues | not-started | | |
//! | Tools | auto → done (docker done, podman skipped, make done) | | |
//! | Docker | done | | |
//! | Podman | skipped | | |
//! | Make | auto → done (2 of 2 steps) | 2/2 | |
//!
//! Counts: done 5 (shell, indexes, tools, docker, make), in progress 5 (basics, git, backend,
//! databases, postgres), not started 2, skipped 3: 15 tracked, 12 counted.
//! - `progress: topics`: 5 / 12 = 41.7 → 41 %. Basics 1 / 2 = 50 %; Backend 1 / 5 = 20 %;
//!   Tools 2 / 2 = 100 %.
//! - `progress: steps`: 5 done + git 3/5 (0.6) + postgres 1/2 (0.5) = 6.1; 6.1 / 12 = 50.8 →
//!   50 %. Basics (1 + 0.6) / 2 = 80 %; Backend (1 + 0.5) / 5 = 30 %; Tools 100 %.
//! - Hours left: git 4 + postgres 12 = 16 h (Basics 4 h, Backend and Databases 12 h). At
//!   `pace: 2h/week` that is 8 weeks = 56 days: from 2026-12-01, 2027-01-26 (January 2027);
//!   from 2027-01-20, 2027-03-17 (March 2027).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::path::Path;

/// 2026-12-01 00:00 UTC.
const DEC_1: &str = "1796083200";
/// 2027-01-20 00:00 UTC.
const JAN_20: &str = "1800403200";

/// Runs waymark in `dir` on the day `epoch` names, with no input (it asks nothing): exit
/// code, stdout, stderr.
fn run_on(dir: &Path, epoch: &str, args: &[&str]) -> (i32, String, String) {
    let out = waymark(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", epoch)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs waymark in `dir` on the day `epoch` names; its stdout, panicking unless it succeeds.
fn ok_on(dir: &Path, epoch: &str, args: &[&str]) -> String {
    let (code, out, err) = run_on(dir, epoch, args);
    assert_eq!(code, 0, "{err}");
    out
}

fn build_on(dir: &Path, epoch: &str) {
    ok_on(dir, epoch, &["build"]);
}

/// The steps fixture built on 2026-12-01, and its output folder.
fn built_steps() -> (assert_fs::TempDir, std::path::PathBuf) {
    let site = site("steps");
    build_on(site.path(), DEC_1);
    let out = site.path().join("output");
    (site, out)
}

/// The index's overall figures: big percent, figures line, rule, effort line.
fn overall(out: &Path) -> Vec<String> {
    let index = html(&out.join("index.html"));
    [".big-pct", ".figures", ".rule", ".overall .effort"]
        .iter()
        .flat_map(|s| texts(&index, s))
        .collect()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read_text(path)).unwrap()
}

/// The percent a badge shows: the text of its last `<text>`.
fn badge_value(path: &Path) -> String {
    let svg = read_text(path);
    let last = svg.rfind("<text").unwrap();
    let text = &svg[last..];
    text[text.find('>').unwrap() + 1..text.find("</text>").unwrap()].to_string()
}

fn badges(out: &Path) -> Vec<String> {
    ["roadmap", "basics", "backend", "tools"]
        .iter()
        .map(|b| badge_value(&out.join(format!("badges/{b}.svg"))))
        .collect()
}

/// The text of the tree row of the topic titled `title` on the index.
fn row(index: &scraper::Html, title: &str) -> String {
    texts(index, ".tree .row")
        .into_iter()
        .find(|r| r.contains(title))
        .unwrap_or_else(|| panic!("no row {title}"))
}

#[test]
fn progress_json_counts_steps_hours_and_auto_statuses() {
    let (_site, out) = built_steps();
    let p = json(&out.join("progress.json"));
    assert_eq!(
        (&p["total"], &p["percent"], &p["rule"]),
        (&15.into(), &50.into(), &"steps".into())
    );
    assert_eq!(
        p["counts"],
        serde_json::json!({"done": 5, "in-progress": 5, "not-started": 2, "skipped": 3})
    );
    assert_eq!(p["hours_left"], 16);
    assert_eq!(p["projected_finish"], "2027-01");
    assert_eq!(p["projected_on"], "2026-12-01");
    let git = topic(&p, "basics/git");
    assert_eq!(git["steps"], serde_json::json!({"done": 3, "total": 5}));
    assert_eq!(
        (&git["estimate_hours"], &git["spent_hours"]),
        (&6.into(), &2.into())
    );
    assert!(git.get("auto").is_none());
    // Every duration form: 45m, 1w, 2d, 1.5h (and 6h, 2h above).
    assert_eq!(topic(&p, "basics/shell")["estimate_hours"], 0.75);
    assert_eq!(topic(&p, "basics/vim")["estimate_hours"], 30);
    assert_eq!(
        topic(&p, "backend/databases/postgres")["estimate_hours"],
        12
    );
    let apis = topic(&p, "backend/apis");
    assert_eq!(
        (&apis["estimate_hours"], &apis["spent_hours"]),
        (&1.5.into(), &3.into())
    );
    // Auto at three levels, and over skipped children.
    for (id, status) in [
        ("basics", "in-progress"),
        ("backend", "in-progress"),
        ("backend/databases", "in-progress"),
        ("backend/databases/postgres", "in-progress"),
        ("tools", "done"),
        ("tools/make", "done"),
    ] {
        assert_eq!((id, &topic(&p, id)["status"]), (id, &status.into()));
        assert_eq!((id, &topic(&p, id)["auto"]), (id, &true.into()));
    }
    for id in ["basics/shell", "backend/queues", "tools/podman"] {
        assert!(topic(&p, id).get("steps").is_none(), "{id}");
        assert!(topic(&p, id).get("estimate_hours").is_none() || id == "basics/shell");
    }
}

/// The index's overall figures, rows and badges under the steps rule.
#[test]
fn the_index_and_badges_count_steps() {
    let (_site, out) = built_steps();
    assert_eq!(
        overall(&out),
        [
            "50%",
            "5 of 12 done (50% counting steps), 5 in progress, 3 skipped · 3 sections · no untracked groups",
            "Percent counts steps: a done topic counts whole, another topic its share of ticked steps, a skipped one not at all.",
            "About 16 h of estimated study left; at 2 h a week: about January 2027 (as of 2026-12-01).",
        ]
    );
    let index = html(&out.join("index.html"));
    assert!(
        row(&index, "Git").contains("3/5 steps"),
        "{}",
        row(&index, "Git")
    );
    assert!(row(&index, "Postgres").contains("1/2 steps"));
    assert!(
        row(&index, "Basics").ends_with("80% of Basics done 1/2 4 h left"),
        "{}",
        row(&index, "Basics")
    );
    assert!(row(&index, "Backend").ends_with("30% of Backend done 1/5 12 h left"));
    assert!(row(&index, "Databases").ends_with("12 h left"));
    assert!(!row(&index, "Shell").contains("steps"));
    assert_eq!(badges(&out), ["50%", "80%", "30%", "100%"]);
}

/// The other rule, and a later build date.
#[test]
fn the_topics_rule_and_a_later_build_date() {
    let site = site("steps");
    let root = site.path();
    let out = root.join("output");
    std::fs::write(
        root.join("waymark.yaml"),
        "title: Steps Roadmap\nprogress: topics\npace: 2h/week\n",
    )
    .unwrap();
    build_on(root, JAN_20);
    let p = json(&out.join("progress.json"));
    assert_eq!((&p["percent"], &p["rule"]), (&41.into(), &"topics".into()));
    assert_eq!(p["projected_finish"], "2027-03");
    assert_eq!(
        overall(&out),
        [
            "41%",
            "5 of 12 done (41%), 5 in progress, 3 skipped · 3 sections · no untracked groups",
            "Percent counts finished topics: done ÷ (tracked − skipped).",
            "About 16 h of estimated study left; at 2 h a week: about March 2027 (as of 2027-01-20).",
        ]
    );
    assert_eq!(badges(&out), ["41%", "50%", "20%", "100%"]);
}

/// Eight hours a day: postgres 2d = 16 h, so 4 + 16 = 20 h left; vim 1w = 40 h.
#[test]
fn hours_per_day_sets_the_length_of_a_day_and_week() {
    let site = site("steps");
    let root = site.path();
    let out = root.join("output");
    std::fs::write(root.join("waymark.yaml"), "hours_per_day: 8\n").unwrap();
    build_on(root, DEC_1);
    let p = json(&out.join("progress.json"));
    assert_eq!(p["hours_left"], 20);
    assert_eq!(topic(&p, "basics/vim")["estimate_hours"], 40);
    assert!(p.get("projected_finish").is_none());
    assert_eq!(overall(&out)[3], "About 20 h of estimated study left.");
}

#[test]
fn steps_show_wherever_a_topic_appears() {
    let (_site, out) = built_steps();
    let git = html(&out.join("basics/git/index.html"));
    assert_eq!(texts(&git, ".topic-steps .steps-count"), ["3/5 steps"]);
    assert_eq!(
        texts(&git, ".topic-header .effort"),
        ["Estimate 6 h · Spent 2 h"]
    );
    let marks: Vec<_> = git
        .select(&sel(".resources li [role=img]"))
        .map(|e| e.value().attr("aria-label").unwrap())
        .collect();
    assert_eq!(marks, ["To do"], "Pro Git is a step; Git docs has no done:");
    let postgres = html(&out.join("backend/databases/postgres/index.html"));
    assert_eq!(texts(&postgres, ".topic-steps .steps-count"), ["1/2 steps"]);
    assert_eq!(
        texts(&postgres, ".meta .auto"),
        ["follows its subtopics and steps"]
    );
    assert_eq!(
        texts(&postgres, ".topic-header .effort"),
        ["Estimate 12 h · 12 h left here and below"]
    );
    let basics = html(&out.join("basics/index.html"));
    let child = texts(&basics, ".children .row");
    assert!(
        child[0].contains("Git") && child[0].contains("3/5 steps"),
        "{child:?}"
    );

    // The map: as text in the box and in its accessible name.
    let map = html(&out.join("map/index.html"));
    let boxes: Vec<_> = map.select(&sel("svg.map a")).collect();
    let git_box = boxes
        .iter()
        .find(|a| a.value().attr("aria-label").unwrap().starts_with("Git "))
        .unwrap();
    assert_eq!(
        git_box.value().attr("aria-label").unwrap(),
        "Git 3/5 steps: In progress"
    );
    assert_eq!(git_box.text().collect::<String>(), "◐Git 3/5 steps");

    // Now & next, the tag's page, search results.
    let next = html(&out.join("next/index.html"));
    assert!(
        texts(&next, ".entries .row")
            .iter()
            .any(|r| r.starts_with("Git") && r.contains("3/5 steps"))
    );
    let tag = html(&out.join("tags/core/index.html"));
    assert!(texts(&tag, ".entries .row")[0].contains("3/5 steps"));
    let search = read_text(&out.join("search-index.js"));
    assert!(
        search.contains(r#""t":"Git","u":"basics/git/index.html""#),
        "{search}"
    );
    assert!(search.contains(r#""k":"3/5 steps""#), "{search}");
}

#[test]
fn check_warns_where_statuses_and_steps_disagree() {
    let dir = assert_fs::TempDir::new().unwrap();
    let files = [
        (
            "a.md",
            "---\ntitle: A\nstatus: in-progress\n---\n- [x] one\n- [x] two\n",
        ),
        (
            "b.md",
            "---\ntitle: B\nstatus: done\n---\nNotes.\n\n- [x] one\n  - [ ] two\n- [ ] three\n",
        ),
        ("c/_index.md", "---\ntitle: C\nstatus: done\n---\n"),
        ("c/d.md", "---\ntitle: D\nstatus: not-started\n---\n"),
        ("c/e.md", "---\ntitle: E\nstatus: done\n---\n"),
        ("e.md", "---\ntitle: E auto\nstatus: auto\n---\n- [x] one\n"),
        (
            "empty.md",
            "---\ntitle: Nothing\nstatus: auto\n---\nNo steps.\n",
        ),
        (
            "f.md",
            "---\ntitle: F\nstatus: done\nresources:\n  - {title: Book, url: https://example.com/, done: false}\n---\n",
        ),
        // Ticked steps under an unfinished subtopic: not done, and no warning.
        (
            "g/_index.md",
            "---\ntitle: G\nstatus: in-progress\n---\n- [x] one\n",
        ),
        ("g/h.md", "---\ntitle: H\nstatus: in-progress\n---\n"),
    ];
    for (path, text) in files {
        let path = dir.path().join("content").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let (code, _, err) = run_on(dir.path(), DEC_1, &["check"]);
    assert_eq!(code, 0);
    assert_eq!(
        err,
        "content/a.md:3:9: warning: all 2 steps are ticked but the status is `in-progress`; set `status: done`, or `status: auto` to follow the steps
  |
3 | status: in-progress
  |         ^
content/b.md:8:5: warning: the status is `done` but 2 of 3 steps are still unticked; tick them, or set another status
  |
8 |   - [ ] two
  |     ^
content/c/_index.md:3:9: warning: the status is `done` but its subtopic `D` is `not-started`; finish or skip it, or set another status here
  |
3 | status: done
  |         ^
content/empty.md:3:9: warning: `status: auto` follows subtopics and steps, but this topic has neither, so it stays not started; add `- [ ]` steps or subtopics, or set a status
  |
3 | status: auto
  |         ^
content/f.md:5:3: warning: the status is `done` but 1 of 1 steps is still unticked; tick them, or set another status
  |
5 |   - {title: Book, url: https://example.com/, done: false}
  |   ^
0 errors, 5 warnings
"
    );
}

#[test]
fn status_done_says_how_many_steps_are_still_unticked() {
    let site = site("steps");
    let run = |args: &[&str]| ok_on(site.path(), DEC_1, args);
    assert_eq!(
        run(&["status", "basics/git", "done"]),
        "basics/git: in-progress → done (content/01-basics/01-git.md)\n2 of 5 steps still unticked\n"
    );
    let text = read_text(&site.path().join("content/01-basics/01-git.md"));
    assert!(
        text.contains("status: done\ncompleted: 2026-12-01\n"),
        "{text}"
    );
    // All ticked, or leaving done: nothing more is said.
    assert_eq!(
        run(&["status", "tools/make", "done"]),
        "tools/make: auto (done) → done (content/03-tools/make.md)\n"
    );
    assert_eq!(
        run(&["status", "backend/queues", "done"]),
        "backend/queues: not-started → done (content/02-backend/queues.md)\n"
    );
}

#[test]
fn new_takes_an_estimate_and_refuses_a_bad_one() {
    let site = site("steps");
    let out = waymark(site.path())
        .args(["new", "Redis", "--parent", "backend", "--estimate", "1.5h"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = read_text(&site.path().join("content/02-backend/redis.md"));
    assert_eq!(
        text,
        "---\ntitle: \"Redis\"\nstatus: not-started\nestimate: 1.5h\n---\n\n# Redis\n\n"
    );
    build_on(site.path(), DEC_1);
    let p = json(&site.path().join("output/progress.json"));
    assert_eq!(topic(&p, "backend/redis")["estimate_hours"], 1.5);
    // 16 h + 1.5 h.
    assert_eq!(p["hours_left"], 17.5);

    let (code, _, err) = run_on(site.path(), DEC_1, &["new", "Kafka", "--estimate", "soon"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: invalid value 'soon' for '--estimate <DURATION>': `soon` is not a duration; use one such as `45m`, `6h`, `2d` (a day is `hours_per_day` hours, 6 unless set) or `1w` (5 days)\n"),
        "{err}"
    );
    assert!(!site.path().join("content/kafka.md").exists());
}

/// Import writes the statuses the text gives, never `auto`; `--force` keeps an `auto` the
/// user set since, as it keeps any status they set.
#[test]
fn import_keeps_explicit_statuses_and_an_auto_the_user_set() {
    let dir = assert_fs::TempDir::new().unwrap();
    let text = "R\n- [~] Rust\n  - [x] Cargo\n  - [ ] Traits\n";
    std::fs::write(dir.path().join("r.txt"), text).unwrap();
    let import = |force: bool| {
        let args = ["import", "r.txt", "--force"];
        ok_on(dir.path(), DEC_1, &args[..2 + usize::from(force)])
    };
    import(false);
    let rust = dir.path().join("content/rust/_index.md");
    let written = read_text(&rust);
    assert!(written.contains("status: in-progress\n"), "{written}");
    for f in files_with_ext(&dir.path().join("content"), "md") {
        let t = read_text(&dir.path().join("content").join(&f));
        assert!(!t.contains("auto"), "{f}: {t}");
    }
    let mine = written.replace("status: in-progress", "status: auto");
    std::fs::write(&rust, &mine).unwrap();
    let out = import(true);
    assert!(
        out.starts_with(
            "kept content/rust/_index.md (kept status: auto, the text says in-progress)\n"
        ),
        "{out}"
    );
    assert_eq!(read_text(&rust), mine);
}
