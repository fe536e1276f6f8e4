//! Shared helpers for the integration tests: fixture sites in temp folders, the real binary,
//! parsed HTML.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use assert_fs::TempDir;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes `templates` (name, text) into the site theme's templates folder under `root`,
/// where they override the built-in templates of the same names.
pub fn override_templates(root: &Path, templates: &[(&str, &str)]) {
    let dir = root.join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in templates {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// The folder of fixture sites.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temp copy of `tests/fixtures/sites/<name>`.
pub fn site(name: &str) -> TempDir {
    let tmp = TempDir::new().unwrap();
    copy_dir(&fixtures().join("sites").join(name), tmp.path());
    tmp
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The waymark binary, run in `dir`.
pub fn waymark(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("waymark"));
    // A fixture used in place is inside waymark's own repository, whose history is not the
    // fixture's: git must not look above the fixtures for one.
    cmd.current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", fixtures());
    cmd
}

/// Runs `waymark build` with extra args in `dir`; panics with stderr if it fails.
pub fn build(dir: &Path, args: &[&str]) -> String {
    let out = waymark(dir).arg("build").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `waymark build` expecting failure; returns stderr.
pub fn build_fails(dir: &Path, args: &[&str]) -> String {
    let out = waymark(dir).arg("build").args(args).output().unwrap();
    assert!(!out.status.success(), "build unexpectedly succeeded");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stderr).unwrap()
}

/// Runs `waymark build --content CONTENT --output OUT`; panics with stderr if it fails.
pub fn build_to(content: &Path, out: &Path) -> String {
    let out = waymark(Path::new(env!("CARGO_MANIFEST_DIR")))
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A text file's contents; panics naming the file.
pub fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses an HTML file.
pub fn html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read_text(path))
}

/// A CSS selector.
pub fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// The text of every element matching `selector`, whitespace collapsed.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The files under `dir` whose names end in `.ext`, as sorted relative paths with `/`.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Runs git in `dir` with a fixed identity and commit date (`YYYY-MM-DD`, noon UTC), and the
/// settings that would change what it writes (line ends, signing) overridden.
pub fn git(dir: &Path, date: &str, args: &[&str]) {
    let stamp = format!("{date}T12:00:00Z");
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "core.autocrlf=false", "-c", "commit.gpgsign=false"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "protocol.file.allow=always",
        ])
        .args(args)
        .env("GIT_AUTHOR_NAME", "Learner")
        .env("GIT_AUTHOR_EMAIL", "learner@example.org")
        .env("GIT_COMMITTER_NAME", "Learner")
        .env("GIT_COMMITTER_EMAIL", "learner@example.org")
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Commits everything in `dir` on `date`.
pub fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

/// One topic's entry in a parsed `progress.json`, by id.
pub fn topic<'a>(p: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no topic {id}"))
}
