//! Malformed and odd inputs, as users meet them: every diagnostic is checked by its exact text,
//! and a failed build must leave the previous site byte for byte as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::path::Path;

/// Copies a case's files over a site, links as links; `expected.txt` stays behind.
fn overlay(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).min_depth(1) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        if rel == Path::new("expected.txt") {
            continue;
        }
        let dest = to.join(rel);
        if e.path_is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(e.path()).unwrap(), &dest).unwrap();
        } else if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn cases() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures().join("errors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_malformed_input_is_reported_exactly_and_the_previous_site_survives() {
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let bless = std::env::var_os("WAYMARK_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let site = site("rollup");
        build(site.path(), &[]);
        let before = snapshot(&site.path().join("output"));
        overlay(case, site.path());
        let out = waymark(site.path()).arg("build").output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if bless {
            std::fs::write(case.join("expected.txt"), &stderr).unwrap();
        }
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap_or_default();
        if out.status.code() != Some(1) {
            failures.push(format!("{name}: exit {:?}", out.status.code()));
        }
        if stderr != expected {
            failures.push(format!(
                "{name}: stderr differs\n--- expected\n{expected}--- got\n{stderr}"
            ));
        }
        if snapshot(&site.path().join("output")) != before {
            failures.push(format!("{name}: the previous output changed"));
        }
        // `check` shows the very same text; only the closing line differs.
        let check = waymark(site.path()).arg("check").output().unwrap();
        let check_err = String::from_utf8(check.stderr).unwrap();
        let same = expected.replacen("build failed: ", "", 1);
        if check.status.code() != Some(1) || check_err != same {
            failures.push(format!(
                "{name}: check differs from build\n--- expected\n{same}--- got\n{check_err}"
            ));
        }
        if !check.stdout.is_empty() {
            failures.push(format!("{name}: check printed to stdout"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn check_reports_everything_with_a_count_and_writes_nothing() {
    let site = site("rollup");
    overlay(&fixtures().join("errors/several-files"), site.path());
    let out = waymark(site.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.ends_with("\n3 errors, 0 warnings\n"), "{err}");
    assert!(err.contains("content/01-basics/git.md:2:9: error: unknown status `nope` (did you mean `done`?); valid values: done, in-progress, not-started, skipped\n  |\n2 | status: nope\n  |         ^\n"), "{err}");
    assert!(!site.path().join("output").exists());
    let json = waymark(site.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(list[1]["file"], "content/01-basics/git.md");
    assert_eq!(
        (&list[1]["line"], &list[1]["column"], &list[1]["severity"]),
        (
            &serde_json::json!(2),
            &serde_json::json!(9),
            &serde_json::json!("error")
        )
    );
}

/// A base URL without a scheme would be written into the site as a relative link; the
/// command line refuses it with the address it probably meant, and keeps a path (`/site/`).
#[test]
fn a_base_url_without_a_scheme_is_refused_with_a_suggestion() {
    let site = site("rollup");
    for (url, why) in [
        (
            "example.github.io/my-roadmap/",
            "`example.github.io/my-roadmap/` has no scheme: did you mean `https://example.github.io/my-roadmap/`?",
        ),
        (
            "//example.github.io/r/",
            "`//example.github.io/r/` has no scheme: did you mean `https://example.github.io/r/`?",
        ),
        (
            "ftp://example.org/r/",
            "`ftp://example.org/r/` is a `ftp:` address, not a web address: did you mean `https://example.org/r/`?",
        ),
        ("https:///r/", "`https:///r/` has no host name"),
    ] {
        let out = waymark(site.path())
            .args(["build", "--base-url", url])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "error: invalid value '{url}' for '--base-url <BASE_URL>': {why} (a base URL starts with https:// or http://, or is a path from the server's root such as /site/)\n\nFor more information, try '--help'.\n"
            )
        );
        assert!(!site.path().join("output").exists(), "{url}");
    }
    for url in [
        "/site/",
        "https://example.github.io/r/",
        "http://localhost:8000/",
    ] {
        build(site.path(), &["--base-url", url]);
    }
}

#[test]
fn warnings_alone_do_not_fail_a_build() {
    let site = site("rollup");
    let dir = site.path().join("content/01-basics");
    std::fs::write(
        dir.join("git.md"),
        "---\ntitle: Git\nstatus: in-progress\ncompleted: 2024-01-02\nmood: happy\n---\n",
    )
    .unwrap();
    std::fs::write(dir.join("zsh.md"), "---\ntitle: Bash\nstatus: todo\n---\n").unwrap();
    let out = waymark(site.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "content/01-basics/git.md:4:12: warning: `completed` is set but the topic has status `in-progress`; set `status: done` or remove `completed`
  |
4 | completed: 2024-01-02
  |            ^
content/01-basics/git.md:5:7: warning: unknown front matter key `mood` is ignored; known keys: title, status, tags, note, summary, icon, resources, started, completed, order, weight, parent, draft, description, requires, reviewed, review, source, estimate, spent
  |
5 | mood: happy
  |       ^
content/01-basics/zsh.md:2:8: warning: `Bash` has the same title as its sibling content/01-basics/bash.md under `Basics`; rename one so they can be told apart
  |
2 | title: Bash
  |        ^
0 errors, 3 warnings
"
    );
    let built = waymark(site.path()).arg("build").output().unwrap();
    assert!(built.status.success());
    assert!(
        String::from_utf8(built.stderr)
            .unwrap()
            .contains("warning: unknown front matter key `mood`")
    );
}

/// A byte order mark with CRLF, an empty file, front matter alone, names outside ASCII and a
/// 1 MB note all build (titles made of HTML: `html_in_titles_*`).
#[test]
fn odd_but_valid_inputs_build() {
    let site = site("rollup");
    let dir = site.path().join("content/01-basics");
    std::fs::write(
        dir.join("bom.md"),
        "\u{FEFF}---\r\ntitle: With BOM\r\nstatus: done\r\n---\r\nCRLF notes\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("empty.md"), "").unwrap();
    std::fs::write(
        dir.join("only-front.md"),
        "---\ntitle: Only front matter\n---\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("日本語.md"),
        "---\ntitle: 日本語\nstatus: todo\n---\n",
    )
    .unwrap();
    std::fs::write(dir.join("café.md"), "---\ntitle: Café\n---\n").unwrap();
    let huge = format!(
        "---\ntitle: Huge\n---\n{}",
        "A long line of notes about many things. ".repeat(26_000)
    );
    std::fs::write(dir.join("huge.md"), &huge).unwrap();
    build(site.path(), &[]);
    let out = site.path().join("output");
    assert_eq!(
        texts(&html(&out.join("basics/bom/index.html")), "h1"),
        ["With BOM"]
    );
    assert!(out.join("basics/empty/index.html").is_file());
    assert_eq!(
        texts(&html(&out.join("basics/ri-ben-yu/index.html")), "h1"),
        ["日本語"]
    );
    assert!(
        std::fs::metadata(out.join("basics/huge/index.html"))
            .unwrap()
            .len()
            > 1_000_000
    );
}

/// Inputs the fuzzers found; each once broke an invariant the fuzz targets check, and is
/// checked here against both targets' invariants.
#[test]
fn fuzz_findings_stay_fixed() {
    let line_at = |text: &str, offset: usize| {
        text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures().join("fuzz")).unwrap() {
        let path = entry.unwrap().path();
        checked += 1;
        let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
        if let Ok(split) = waymark::content::split::split(&text) {
            let body_start = text.len() - split.body.len();
            assert_eq!(
                line_at(&text, body_start),
                split.body_line,
                "{}: the body's line",
                path.display()
            );
        }
        let lines = text.lines().count().max(1);
        let (_, problems) =
            waymark::content::parse_text("fuzz.md", std::path::Path::new("fuzz.md"), text);
        for p in problems {
            assert!(
                p.line <= lines + 1,
                "{}: line {} past the end ({lines} lines): {p}",
                path.display(),
                p.line
            );
            assert!(p.line == 0 || p.column >= 1, "{}: {p}", path.display());
        }
    }
    assert!(
        checked >= 2,
        "only {checked} fuzz findings in tests/fixtures/fuzz: the test would check nothing"
    );
}

/// A title made of HTML, with a note and a tag made of HTML too.
const HTML_TITLE: &str = "<script>alert(1)</script> & <b>bold</b>";

/// The rollup fixture with a group titled [`HTML_TITLE`] and a child, built; the site and its
/// output folder.
fn built_with_an_html_title() -> (assert_fs::TempDir, std::path::PathBuf) {
    let site = site("rollup");
    let dir = site.path().join("content/01-basics/html");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("_index.md"),
        format!(
            "---\ntitle: \"{HTML_TITLE}\"\nstatus: done\nnote: \"<i>n</i>\"\ntags: [\"<t>\"]\n---\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("child.md"),
        "---\ntitle: Child\nstatus: done\n---\n",
    )
    .unwrap();
    build(site.path(), &[]);
    let out = site.path().join("output");
    (site, out)
}

/// A title made of HTML shows as text on every page that carries it.
#[test]
fn html_in_titles_shows_as_text() {
    let (_site, out) = built_with_an_html_title();
    let title = HTML_TITLE;
    let page = html(&out.join("basics/html/index.html"));
    assert_eq!(texts(&page, "h1"), [title]);
    let child = html(&out.join("basics/html/child/index.html"));
    assert!(
        texts(&child, ".breadcrumbs")
            .iter()
            .any(|t| t.contains(title)),
        "breadcrumbs: {:?}",
        texts(&child, ".breadcrumbs")
    );
    let pagers: Vec<String> = snapshot(&out)
        .keys()
        .filter(|p| p.ends_with("index.html") && p.starts_with("basics/"))
        .flat_map(|p| texts(&html(&out.join(p)), ".pager a"))
        .collect();
    assert!(pagers.iter().any(|t| t.contains(title)), "{pagers:?}");
    assert!(texts(&html(&out.join("index.html")), ".tree .title").contains(&title.to_string()));
    let map = std::fs::read_to_string(out.join("map/index.html")).unwrap();
    assert!(map.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"));
}

/// No page or feed carries the title, note or tag unescaped.
#[test]
fn html_in_titles_is_escaped_in_every_page() {
    let (_site, out) = built_with_an_html_title();
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".json") || path.ends_with(".js") {
            continue;
        }
        assert!(
            !text.contains("<script>alert(1)"),
            "{path} carries the title unescaped"
        );
        assert!(
            !text.contains("<b>bold</b>"),
            "{path} carries the title unescaped"
        );
        assert!(
            !text.contains("<i>n</i>"),
            "{path} carries the note unescaped"
        );
    }
}

/// Data files keep the text as it is, as data; the search page shows it as text.
#[test]
fn html_in_titles_stays_data_in_data_files() {
    let (_site, out) = built_with_an_html_title();
    let title = HTML_TITLE;
    let js = std::fs::read_to_string(out.join("search-index.js")).unwrap();
    let json = js
        .trim()
        .strip_prefix("window.waymarkSearch=")
        .unwrap()
        .trim_end_matches(';');
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    assert!(index.as_array().unwrap().iter().any(|t| t["t"] == title));
    let search = std::fs::read_to_string(out.join("search.js")).unwrap();
    assert!(!search.contains("innerHTML") && !search.contains("insertAdjacentHTML"));
    let progress: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("progress.json")).unwrap()).unwrap();
    assert!(
        progress["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["title"] == title)
    );
}

#[cfg(unix)]
#[test]
fn a_broken_symbolic_link_is_skipped_with_a_warning() {
    let site = site("rollup");
    std::os::unix::fs::symlink("nowhere.md", site.path().join("content/01-basics/gone.md"))
        .unwrap();
    let out = waymark(site.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "content/01-basics/gone.md: warning: broken symbolic link: it points to `nowhere.md`, which does not exist; it is skipped\n0 errors, 1 warning\n"
    );
    build(site.path(), &[]);
}
