//! `waymark new`, `status` and `init`, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = waymark(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The date `SOURCE_DATE_EPOCH` names in the tests: 2026-03-04 (UTC).
const EPOCH: &str = "1772582400";

fn run_dated(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = waymark(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn status_changes_only_its_line_and_dates_the_change() {
    let site = site("rollup");
    let file = site.path().join("content/01-basics/zsh.md");
    std::fs::write(&file, "\u{FEFF}---\r\n# my shell\r\ntitle: Zsh\r\nstatus: todo  # later\r\ntags: [shell]\r\n---\r\nNotes.\r\n").unwrap();
    let (code, out, err) = run_dated(site.path(), &["status", "basics/zsh", "⏳"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "basics/zsh: not-started → in-progress (content/01-basics/zsh.md)\n"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text,
        "\u{FEFF}---\r\n# my shell\r\ntitle: Zsh\r\nstatus: in-progress  # later\r\nstarted: 2026-03-04\r\ntags: [shell]\r\n---\r\nNotes.\r\n"
    );
    // `completed` goes below `started`, never above it.
    let (code, _, _) = run_dated(site.path(), &["status", "Zsh", "done"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "\u{FEFF}---\r\n# my shell\r\ntitle: Zsh\r\nstatus: done  # later\r\nstarted: 2026-03-04\r\ncompleted: 2026-03-04\r\ntags: [shell]\r\n---\r\nNotes.\r\n"
    );
    build(site.path(), &[]);
}

/// Leaving done removes `completed:` (and says so), so `check` has nothing to warn about.
#[test]
fn status_leaving_done_removes_the_completion_date() {
    let site = site("rollup");
    let file = site.path().join("content/01-basics/zsh.md");
    std::fs::write(
        &file,
        "---\ntitle: Zsh\nstatus: done\ncompleted: 2025-01-02\nstarted: 2024-12-01\n---\nNotes.\n",
    )
    .unwrap();
    let (code, out, err) = run_dated(site.path(), &["status", "basics/zsh", "in-progress"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "basics/zsh: done → in-progress (content/01-basics/zsh.md); removed `completed: 2025-01-02`\n"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "---\ntitle: Zsh\nstatus: in-progress\nstarted: 2024-12-01\n---\nNotes.\n"
    );
    let (code, _, err) = run(site.path(), &["check"]);
    assert_eq!((code, err.contains("warning")), (0, false), "{err}");
    // Entering in-progress without a start date sets one.
    std::fs::write(
        &file,
        "---\ntitle: Zsh\nstatus: done\ncompleted: 2025-01-02\n---\n",
    )
    .unwrap();
    let (code, _, err) = run_dated(site.path(), &["status", "basics/zsh", "doing"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "---\ntitle: Zsh\nstatus: in-progress\nstarted: 2026-03-04\n---\n"
    );
}

#[test]
fn status_lists_candidates_for_unknown_or_ambiguous_topics() {
    let site = site("rollup");
    let (code, _, err) = run(site.path(), &["status", "postgress", "done"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: no topic `postgress`; closest:\n  backend/databases/postgres  (PostgreSQL)\n"
        ),
        "{err}"
    );
    std::fs::write(
        site.path().join("content/02-backend/git.md"),
        "---\ntitle: Git\n---\n",
    )
    .unwrap();
    let (code, _, err) = run(site.path(), &["status", "git", "done"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: `git` names 2 topics; pass one of their ids:\n  basics/git  (Git)\n  backend/git  (Git)\n"
    );
    let (code, _, err) = run(site.path(), &["status", "basics/git", "finsihed"]);
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: unknown status `finsihed`; valid values: done, in-progress, not-started, skipped\n"
        )
    );
}

#[test]
fn new_creates_the_topic_in_its_parents_folder() {
    let site = site("rollup");
    let (code, out, err) = run(
        site.path(),
        &[
            "new",
            "Redis",
            "--parent",
            "backend/databases",
            "--status",
            "todo",
            "--tags",
            "Cache,NoSQL",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "created content/02-backend/databases/redis.md\n");
    let text =
        std::fs::read_to_string(site.path().join("content/02-backend/databases/redis.md")).unwrap();
    assert_eq!(
        text,
        "---\ntitle: \"Redis\"\nstatus: not-started\ntags: [\"Cache\", \"NoSQL\"]\n---\n\n# Redis\n\n"
    );
}

/// `new` never overwrites: a topic with the same id, even in a file named with an order
/// prefix, is refused and nothing is written.
#[test]
fn new_refuses_an_id_that_exists() {
    let site = site("rollup");
    run(
        site.path(),
        &["new", "Redis", "--parent", "backend/databases"],
    );
    let (code, _, err) = run(
        site.path(),
        &["new", "Redis", "--parent", "backend/databases"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: a topic with the id `backend/databases/redis` exists already (content/02-backend/databases/redis.md); pick another title or edit that file\n"
    );
    // A file named with an order prefix has the same id.
    std::fs::write(
        site.path().join("content/01-basics/03-docker.md"),
        "---\ntitle: Containers\n---\n",
    )
    .unwrap();
    let (code, _, err) = run(site.path(), &["new", "Docker", "--parent", "basics"]);
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: a topic with the id `basics/docker` exists already (content/01-basics/03-docker.md); pick another title or edit that file\n"
        )
    );
    assert!(!site.path().join("content/01-basics/docker.md").exists());
}

#[test]
fn new_suggests_the_status_meant() {
    let site = site("rollup");
    let (code, _, err) = run(site.path(), &["new", "X", "--status", "dnoe"]);
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: unknown status `dnoe` (did you mean `done`?); valid values: done, in-progress, not-started, skipped\n"
        )
    );
}

/// Under a folder or a topic file, the new topic gets its `parent:` (beside a topic file); at
/// the top level it is ordered after the siblings named with order prefixes.
#[test]
fn new_places_the_topic_under_a_topic_file_and_at_the_top() {
    let site = site("rollup");
    run(
        site.path(),
        &["new", "Redis", "--parent", "backend/databases"],
    );
    let (code, out, _) = run(site.path(), &["new", "Rebase", "--parent", "basics/git"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "created content/01-basics/rebase.md\n")
    );
    let (code, out, _) = run(site.path(), &["new", "Ops"]);
    assert_eq!((code, out.as_str()), (0, "created content/ops.md\n"));
    // Its siblings are ordered by name prefix (01-basics, 02-backend): it goes after them.
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/ops.md")).unwrap(),
        "---\ntitle: \"Ops\"\nstatus: not-started\norder: 3\n---\n\n# Ops\n\n"
    );
    build(site.path(), &[]);
    let p: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path().join("output/progress.json")).unwrap())
            .unwrap();
    let find = |id: &str| {
        p["topics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        find("backend/databases/redis")["parent"],
        "backend/databases"
    );
    assert_eq!(find("basics/rebase")["parent"], "basics/git");
}

/// A user adding a topic means a topic: `not-started` unless told; `--group` makes an
/// untracked group in a folder of its own, and the help says so.
#[test]
fn new_makes_a_topic_by_default_and_a_group_when_asked() {
    let site = site("rollup");
    let (code, out, err) = run_dated(site.path(), &["new", "Kubernetes"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "created content/kubernetes.md\n"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/kubernetes.md")).unwrap(),
        "---\ntitle: \"Kubernetes\"\nstatus: not-started\norder: 3\n---\n\n# Kubernetes\n\n"
    );
    let (code, out, err) = run_dated(site.path(), &["new", "Cloud", "--group"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "created content/cloud/_index.md\n"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/cloud/_index.md")).unwrap(),
        "---\ntitle: \"Cloud\"\norder: 4\n---\n\n# Cloud\n\n"
    );
    // What goes under the group goes into its folder; `started:` comes with in-progress.
    let (code, out, err) = run_dated(
        site.path(),
        &["new", "AWS", "--parent", "cloud", "--status", "in-progress"],
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "created content/cloud/aws.md\n"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/cloud/aws.md")).unwrap(),
        "---\ntitle: \"AWS\"\nstatus: in-progress\nstarted: 2026-03-04\n---\n\n# AWS\n\n"
    );
    let (code, _, err) = run(site.path(), &["new", "X", "--group", "--status", "done"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: the argument '--group' cannot be used with '--status <STATUS>'"),
        "{err}"
    );
    let (_, help, _) = run(site.path(), &["new", "--help"]);
    assert!(help.contains("not-started (the default)"), "{help}");
    assert!(
        help.contains("--group") && help.contains("Make an untracked group"),
        "{help}"
    );
    let (code, _, err) = run(site.path(), &["check"]);
    assert_eq!(code, 0, "{err}");
    let p = progress(site.path());
    assert_eq!(p["kubernetes"], "not-started");
    assert_eq!(p["cloud"], serde_json::Value::Null);
    assert_eq!(p["cloud/aws"], "in-progress");
}

/// C, C++ and C# get readable ids from `new`, the same the importer gives them.
#[test]
fn new_gives_languages_readable_ids_like_import() {
    let site = site("rollup");
    let mut created = Vec::new();
    for title in ["C", "C++", "C#"] {
        let (code, out, err) = run(site.path(), &["new", title, "--parent", "backend"]);
        assert_eq!(code, 0, "{err}");
        created.push(out);
    }
    assert_eq!(
        created,
        [
            "created content/02-backend/c.md\n",
            "created content/02-backend/cpp.md\n",
            "created content/02-backend/c-sharp.md\n"
        ]
    );
    let tmp = assert_fs::TempDir::new().unwrap();
    std::fs::write(
        tmp.path().join("r.txt"),
        "Langs\n- Backend\n  - [ ] C\n  - [ ] C++\n  - [ ] C#\n",
    )
    .unwrap();
    let (code, out, err) = run(tmp.path(), &["import", "r.txt"]);
    assert_eq!(code, 0, "{err}");
    for file in ["c.md", "cpp.md", "c-sharp.md"] {
        assert!(
            out.contains(&format!("created content/backend/{file}\n")),
            "{out}"
        );
    }
}

/// Each topic's status in a built site's progress.json, by id.
fn progress(dir: &std::path::Path) -> serde_json::Map<String, serde_json::Value> {
    build(dir, &[]);
    let p: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("output/progress.json")).unwrap()).unwrap();
    p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap().to_string(), t["status"].clone()))
        .collect()
}

#[test]
fn init_makes_a_site_that_checks_clean_and_refuses_a_full_folder() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let (code, out, err) = run(tmp.path(), &["init", "roadmap"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("created roadmap/.github/workflows/pages.yml\n"));
    let dir = tmp.path().join("roadmap");
    let (code, out, err) = run(&dir, &["check"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "no problems found: 1 of 3 done (33%), 1 in progress, 1 skipped\n"
    );
    build(&dir, &[]);
    let (code, _, err) = run(tmp.path(), &["init", "roadmap"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: roadmap is not empty (it holds .github, content, output, waymark.yaml); waymark init fills an empty folder or a fresh clone with only a README, a licence and .git (give it a new folder name)\n"
    );
}

#[cfg(unix)]
#[test]
fn status_keeps_links_and_permissions_and_refuses_unclosed_front_matter() {
    use std::os::unix::fs::PermissionsExt;
    let site = site("rollup");
    let real = site.path().join("notes-vim.md");
    std::fs::write(&real, "---\ntitle: Vim\nstatus: todo\n---\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = site.path().join("content/01-basics/vim.md");
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, err) = run(site.path(), &["status", "basics/vim", "skipped"]);
    assert_eq!(code, 0, "{err}");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "---\ntitle: Vim\nstatus: skipped\n---\n"
    );
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let git = site.path().join("content/01-basics/git.md");
    std::fs::write(&git, "---\ntitle: Git\nstatus: todo\n").unwrap();
    let (code, _, err) = run(site.path(), &["status", "basics/git", "done"]);
    assert_eq!(
        (code, err.as_str()),
        (
            1,
            "error: cannot edit content/01-basics/git.md: its front matter is never closed (no `---` line after it); close it first\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(&git).unwrap(),
        "---\ntitle: Git\nstatus: todo\n"
    );
}

#[test]
fn status_of_a_folder_without_an_index_file_creates_one() {
    let site = site("rollup");
    std::fs::create_dir_all(site.path().join("content/03-extra-things")).unwrap();
    std::fs::write(
        site.path().join("content/03-extra-things/docker.md"),
        "---\ntitle: Docker\n---\n",
    )
    .unwrap();
    let (code, out, err) = run(site.path(), &["status", "extra-things", "skipped"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "extra-things: untracked → skipped (content/03-extra-things/_index.md)\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/03-extra-things/_index.md")).unwrap(),
        "---\nstatus: skipped\n---\n"
    );
    build(site.path(), &[]);
}

/// Setting a status never panics, on any file of the corpus or odd text, and on a file that
/// was valid the status it reads back is the one set.
#[test]
fn status_edits_any_text_without_panicking() {
    use waymark::authoring::edit::set_status;
    use waymark::model::Status;
    let mut texts: Vec<String> = [
        "",
        "---",
        "---\n",
        "---\r\n---\r\n",
        "\u{FEFF}",
        "\u{FEFF}---\n---\n",
        "status:",
        "---\nstatus:\n---\n",
        "---\nstatus: \"x #y\n---\n",
        "---\nstatus: 'a''b' # c\n---\n",
        "---\n\tstatus: x\n---\n",
        "---\ntitle: é\u{301}\nstatus: ✅ # ü\n---\n",
        "\r\r\n---",
        "---\nstatus: [a,\n  b]\n---\n",
        "---\ntitle: |\n  a\n---\n",
        "---\n...\n",
        "---\nstatus: done\n...\nbody\n---\n",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for e in walkdir::WalkDir::new(fixtures()).into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "md")
            && let Ok(t) = std::fs::read_to_string(e.path())
        {
            texts.push(t);
        }
    }
    // As files are read: without the byte-order mark.
    let parse = |t: &str| {
        let t = t.strip_prefix('\u{FEFF}').unwrap_or(t).to_string();
        waymark::content::parse_text("t.md", std::path::Path::new("t.md"), t)
    };
    for text in &texts {
        let (_, before) = parse(text);
        let valid = !before.iter().any(|d| d.is_error());
        for status in Status::ALL {
            let Ok(out) = set_status(text, status, "2026-01-02") else {
                continue;
            };
            let (file, after) = parse(&out);
            if valid {
                assert!(
                    !after.iter().any(|d| d.is_error()),
                    "{text:?} → {out:?}: {after:?}"
                );
                let got = file.and_then(|f| f.front.status).map(|s| s.value);
                assert_eq!(got, Some(status), "{text:?} → {out:?}");
            }
        }
    }
}
