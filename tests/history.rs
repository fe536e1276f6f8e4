//! Progress over time from git: real repositories built in temp folders with fixed commit
//! dates, built and served as a user would, and `waymark log`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn topic(title: &str, status: &str) -> String {
    format!("---\ntitle: {title}\nstatus: {status}\n---\nNotes on {title}.\n")
}

/// A roadmap repository: Flask started on 2024-02-01, moved into a folder on 2024-02-15,
/// done on 2024-03-05; Django added done on 2024-03-05 with its own dates in front matter;
/// Rails added not started.
fn repo() -> assert_fs::TempDir {
    let tmp = assert_fs::TempDir::new().unwrap();
    let dir = tmp.path();
    git(dir, "2024-01-10", &["init", "-q", "-b", "main"]);
    write(dir, "waymark.yaml", "title: History\n");
    write(dir, "content/web/_index.md", "---\ntitle: Web\n---\n");
    write(dir, "content/web/flask.md", &topic("Flask", "todo"));
    write(dir, "content/web/rails.md", &topic("Rails", "not-started"));
    commit(dir, "2024-01-10", "start");
    write(dir, "content/web/flask.md", &topic("Flask", "in-progress"));
    commit(dir, "2024-02-01", "flask started");
    git(
        dir,
        "2024-02-15",
        &["mv", "content/web/flask.md", "content/web/python-flask.md"],
    );
    commit(dir, "2024-02-15", "rename");
    write(dir, "content/web/python-flask.md", &topic("Flask", "done"));
    write(
        dir,
        "content/web/django.md",
        "---\ntitle: Django\nstatus: done\nstarted: 2023-11-01\ncompleted: 2023-12-01\n---\n",
    );
    commit(dir, "2024-03-05", "flask and django done");
    tmp
}

/// The short hash of the commit at `HEAD~n`.
fn short_hash(dir: &Path, back: usize) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["rev-parse", "--short", &format!("HEAD~{back}")])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn dates_come_from_the_commits_that_changed_the_status() {
    let tmp = repo();
    let dir = tmp.path();
    build(dir, &[]);
    let page = read_text(&dir.join("output/web/python-flask/index.html"));
    let started = short_hash(dir, 2);
    let completed = short_hash(dir, 0);
    let doc = html(&dir.join("output/web/python-flask/index.html"));
    let dates = texts(&doc, ".dates");
    assert_eq!(
        dates,
        [format!(
            "Started 2024-02-01 (from git, commit {started}) · Completed 2024-03-05 (from git, commit {completed})"
        )],
        "{page}"
    );
    // Front matter always wins, and says so.
    let doc = html(&dir.join("output/web/django/index.html"));
    assert_eq!(
        texts(&doc, ".dates"),
        ["Started 2023-11-01 (from front matter) · Completed 2023-12-01 (from front matter)"]
    );
    // Rails never left not-started: no date.
    let doc = html(&dir.join("output/web/rails/index.html"));
    assert!(texts(&doc, ".dates").is_empty());
}

#[test]
fn timeline_next_and_feed_use_the_dates_from_git() {
    let tmp = repo();
    let dir = tmp.path();
    build(dir, &[]);
    let timeline = html(&dir.join("output/timeline/index.html"));
    let activity = texts(&timeline, ".activity > p");
    assert_eq!(
        activity,
        [
            "3 status changes on 2 days from 2023-03-07 to 2024-03-05, from the git history; the busiest day was 2024-03-05 with 2."
        ]
    );
    let titles: Vec<String> = timeline
        .select(&sel(".heatmap-chart rect title"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(titles, ["2024-02-01: 1 change", "2024-03-05: 2 changes"]);
    let months = texts(&timeline, ".activity tbody th");
    let counts = texts(&timeline, ".activity tbody td");
    assert_eq!(months.len(), 13, "{months:?}");
    assert_eq!(
        (months[0].as_str(), months[12].as_str()),
        ("Mar 2023", "Mar 2024")
    );
    assert_eq!(counts[10..], ["0", "1", "2"]);
    // The burn-up and the list by month.
    assert!(timeline.select(&sel(".burn-up svg")).next().is_some());
    let month_heads = texts(&timeline, ".month h2");
    assert_eq!(
        month_heads,
        [
            "March 2024",
            "February 2024",
            "December 2023",
            "November 2023"
        ]
    );
    let next = html(&dir.join("output/next/index.html"));
    let recent = texts(&next, "section[aria-labelledby=recent-heading] .entry time");
    assert_eq!(recent, ["2024-03-05", "2023-12-01"]);
    let feed = read_text(&dir.join("output/feed.xml"));
    assert!(
        feed.contains("<updated>2024-03-05T00:00:00Z</updated>"),
        "{feed}"
    );
}

#[test]
fn the_same_commit_gives_the_same_site_whatever_the_clock() {
    let tmp = repo();
    let dir = tmp.path();
    let out = waymark(dir)
        .args(["build", "--output", "a"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = waymark(dir)
        .args(["build", "--output", "b"])
        .env("SOURCE_DATE_EPOCH", "1900000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(snapshot(&dir.join("a")), snapshot(&dir.join("b")));
}

#[test]
fn outside_a_repository_or_without_git_there_is_no_history_and_no_error() {
    let tmp = repo();
    let dir = tmp.path();
    std::fs::remove_dir_all(dir.join(".git")).unwrap();
    let out = waymark(dir).arg("build").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let timeline = read_text(&dir.join("output/timeline/index.html"));
    assert!(!timeline.contains("Activity"), "{timeline}");
    let doc = html(&dir.join("output/web/python-flask/index.html"));
    assert!(texts(&doc, ".dates").is_empty());
    // No git on the PATH at all.
    let tmp = repo();
    let out = waymark(tmp.path())
        .arg("build")
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_shallow_clone_warns_and_says_how_to_fetch_the_history() {
    let tmp = repo();
    let clone = assert_fs::TempDir::new().unwrap();
    // A file:// URL, as a plain path would ignore --depth.
    let path = tmp.path().display().to_string().replace('\\', "/");
    let url = format!(
        "file://{}{path}",
        if path.starts_with('/') { "" } else { "/" }
    );
    git(
        clone.path(),
        "2024-04-01",
        &["clone", "-q", "--depth", "1", &url, "site"],
    );
    let dir = clone.path().join("site");
    let out = waymark(&dir).arg("build").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "content: warning: the git repository is a shallow clone, so dates from its history may be missing or late: fetch the whole history with `git fetch --unshallow` (in GitHub Actions, `actions/checkout` with `fetch-depth: 0`)\n"
    );
}

#[test]
fn uncommitted_edits_are_ignored_by_build_and_dated_today_by_serve() {
    let tmp = repo();
    let dir = tmp.path();
    write(dir, "content/web/rails.md", &topic("Rails", "done"));
    build(dir, &[]);
    let doc = html(&dir.join("output/web/rails/index.html"));
    assert!(texts(&doc, ".dates").is_empty());
    let log = waymark(dir).arg("log").output().unwrap();
    assert!(!String::from_utf8_lossy(&log.stdout).contains("→ done  (web/rails)"));
    // serve: today is 2026-11-24 (SOURCE_DATE_EPOCH).
    let mut child = waymark(dir)
        .args(["serve", "--port", "0"])
        .env("SOURCE_DATE_EPOCH", "1795521600")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    write!(s, "GET /web/rails/index.html HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
    let mut page = String::new();
    s.read_to_string(&mut page).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let doc = scraper::Html::parse_document(&page);
    assert_eq!(
        texts(&doc, ".dates"),
        [
            "Started 2026-11-24 (from an edit not yet committed) · Completed 2026-11-24 (from an edit not yet committed)"
        ]
    );
}

#[test]
fn log_prints_the_changes_newest_first() {
    let tmp = repo();
    let dir = tmp.path();
    let (a, b, c) = (short_hash(dir, 3), short_hash(dir, 2), short_hash(dir, 0));
    let out = waymark(dir).arg("log").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!(
            "2024-03-05  {c}  Django: (none) → done  (web/django)\n\
             2024-03-05  {c}  Flask: in-progress → done  (web/python-flask)\n\
             2024-02-01  {b}  Flask: not-started → in-progress  (web/python-flask)\n\
             2024-01-10  {a}  Flask: (none) → not-started  (web/python-flask)\n\
             2024-01-10  {a}  Rails: (none) → not-started  (web/rails)\n"
        )
    );
    let out = waymark(dir)
        .args(["log", "--since", "2024-02-01"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
}
