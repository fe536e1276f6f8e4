//! `waymark init` end to end: an empty folder, a fresh clone with a README and a licence,
//! `--import`, and folders it must refuse; it never overwrites a file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = waymark(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A folder as `git clone` leaves a new GitHub repository: `.git` with its origin, a README
/// and a licence.
fn fresh_clone(parent: &Path, origin: &str) -> std::path::PathBuf {
    let dir = parent.join("clone");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join(".git/config"),
        format!("[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/other/fork.git\n[remote \"origin\"]\n\turl = {origin}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"),
    )
    .unwrap();
    std::fs::write(dir.join("README.md"), "# roadmap\nMine.\n").unwrap();
    std::fs::write(dir.join("LICENSE"), "MIT License\n").unwrap();
    dir
}

#[test]
fn init_fills_a_fresh_clone_and_leaves_its_readme_alone() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let dir = fresh_clone(tmp.path(), "git@github.com:Alice/roadmap.git");
    let (code, out, err) = run(&dir, &["init"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&dir.join("README.md")), "# roadmap\nMine.\n");
    assert_eq!(read(&dir.join("LICENSE")), "MIT License\n");
    let badge = "[![Roadmap progress](https://alice.github.io/roadmap/badges/roadmap.svg)](https://alice.github.io/roadmap/)";
    assert!(
        out.contains(&format!(
            "kept README.md as it was\nadd the progress badge to your README:\n\n    {badge}\n\n"
        )),
        "{out}"
    );
    assert!(out.ends_with(
        "next steps:\n  1. waymark serve      preview at http://127.0.0.1:1111/ while you edit content/\n  2. on GitHub: Settings → Pages → Build and deployment → Source: GitHub Actions\n  3. git add . && git commit -m \"My roadmap\" && git push\nyour site will be at https://alice.github.io/roadmap/\n"
    ), "{out}");
    assert_eq!(read(&dir.join(".gitignore")), "output/\n");
    let workflow = read(&dir.join(".github/workflows/pages.yml"));
    let action = format!(
        "uses: {}@v0\n",
        waymark::config::HOME_URL.trim_start_matches("https://github.com/")
    );
    assert!(workflow.contains(&action), "{workflow}");
    for step in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(workflow.contains(step), "the workflow lacks {step}");
    }
    assert!(workflow.contains("path: ${{ steps.waymark.outputs.site }}"));
    // The whole history, for the dates waymark reads from it.
    assert!(
        workflow.contains("uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n")
    );
    let (code, out, err) = run(&dir, &["build"]);
    assert_eq!(code, 0, "{err}");
    // 15 pages and the print edition.
    assert!(out.starts_with("built 16 pages into output"), "{out}");
}

#[test]
fn init_in_an_empty_folder_writes_a_readme_with_the_badge() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let (code, out, err) = run(tmp.path(), &["init", "new-site"]);
    assert_eq!(code, 0, "{err}");
    let dir = tmp.path().join("new-site");
    let readme = read(&dir.join("README.md"));
    assert!(readme.starts_with("# My Learning Roadmap\n\n[![Roadmap progress](https://NAME.github.io/REPO/badges/roadmap.svg)](https://NAME.github.io/REPO/)\n"), "{readme}");
    assert!(out.contains("created new-site/README.md\n"));
    assert!(!out.contains("add the progress badge"));
    assert!(out.contains("  1. cd new-site && waymark serve "));
    let (code, out, _) = run(&dir, &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "no problems found: 1 of 3 done (33%), 1 in progress, 1 skipped\n"
        )
    );
}

#[test]
fn a_user_site_clone_publishes_at_the_root() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let dir = fresh_clone(tmp.path(), "https://github.com/Alice/alice.github.io");
    std::fs::remove_file(dir.join("README.md")).unwrap();
    let (code, out, err) = run(&dir, &["init"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with("your site will be at https://alice.github.io/\n"),
        "{out}"
    );
    assert!(read(&dir.join("README.md")).contains("(https://alice.github.io/badges/roadmap.svg)"));
}

#[test]
fn init_refuses_a_folder_with_other_files_and_writes_nothing() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let dir = fresh_clone(tmp.path(), "git@github.com:Alice/roadmap.git");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    std::fs::create_dir(dir.join("content")).unwrap();
    let (code, out, err) = run(tmp.path(), &["init", "clone"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: clone is not empty (it holds content, notes.txt); waymark init fills an empty folder or a fresh clone with only a README, a licence and .git (give it a new folder name)\n"
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".git", "LICENSE", "README.md", "content", "notes.txt"]
    );
}

#[test]
fn init_keeps_an_existing_gitignore_byte_for_byte() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let dir = fresh_clone(tmp.path(), "git@github.com:Alice/roadmap.git");
    std::fs::write(dir.join(".gitignore"), "*.swp\r\n").unwrap();
    let (code, out, err) = run(&dir, &["init"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&dir.join(".gitignore")), "*.swp\r\n");
    assert!(out.contains("kept .gitignore as it was\n"));
    assert!(out.contains("(your .gitignore was kept: make sure it lists output/)"));
}

#[test]
fn init_import_starts_from_a_text_roadmap() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let roadmap = fixtures().join("import/box.txt");
    let (code, out, err) = run(
        tmp.path(),
        &["init", "mine", "--import", roadmap.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let dir = tmp.path().join("mine");
    assert!(out.contains("created mine/waymark.yaml\n"), "{out}");
    assert!(out.contains("imported \""), "{out}");
    assert!(
        !dir.join("content/01-foundations").exists(),
        "the example was written too"
    );
    let settings = read(&dir.join("waymark.yaml"));
    let title = settings.lines().find(|l| l.starts_with("title: ")).unwrap();
    let title = title.trim_start_matches("title: ").trim_matches('"');
    assert!(read(&dir.join("README.md")).starts_with(&format!("# {title}\n")));
    assert!(dir.join(".github/workflows/pages.yml").is_file());
    let (code, _, err) = run(&dir, &["check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn init_import_of_a_bad_file_writes_nothing() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let roadmap = fixtures().join("import/bad-indent.txt");
    let (code, _, err) = run(
        tmp.path(),
        &["init", "mine", "--import", roadmap.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("bad-indent.txt:"), "{err}");
    assert!(!tmp.path().join("mine").exists());
}
