//! `waymark sync` and `waymark import`'s provenance, run as a user would: a copy of version 1
//! of a reference is imported and progressed (statuses, dates, notes, a resource, links), then
//! synced with version 2, where topics were added, removed, renamed, moved between sections
//! and reordered and notes changed; for each kind of reference (a text roadmap, a waymark
//! content folder, a roadmap.sh-style folder of notes whose number prefixes changed).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Tree = BTreeMap<String, Vec<u8>>;

/// Every file under `dir`, hidden ones included, with its bytes.
fn tree(dir: &Path) -> Tree {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn text(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Text,
    Content,
    Notes,
}

fn reference(kind: Kind, version: u8) -> PathBuf {
    let base = fixtures().join("sync");
    match kind {
        Kind::Text => base.join(format!("text/v{version}.md")),
        Kind::Content => base.join(format!("content/v{version}")),
        Kind::Notes => base.join(format!("notes/v{version}")),
    }
}

/// Runs waymark in `dir`; panics with its output unless it succeeds; returns stdout.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = waymark(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `source:` line import wrote in a file.
fn source_line(dir: &Path, rel: &str) -> String {
    text(dir, rel)
        .lines()
        .find(|l| l.starts_with("source: "))
        .unwrap_or_else(|| panic!("{rel} has no source"))
        .to_string()
}

/// What the user wrote into three topics of version 1, by topic: the whole file.
fn progress(dir: &Path) -> BTreeMap<&'static str, String> {
    let c = dir.join("content");
    let mut files = BTreeMap::new();
    files.insert(
        "foundations/git.md",
        format!(
            "---\ntitle: \"Git\"\nstatus: done   # finally\nstarted: 2024-01-01\ncompleted: 2024-02-01\norder: 1\n{}\n---\nGit notes. Next: [Docker](docker.md), then [REST](../apis/rest-apis.md#verbs) and [its page](/apis/rest-apis/).\n",
            source_line(&c, "foundations/git.md")
        ),
    );
    files.insert(
        "foundations/docker.md",
        format!(
            "---\ntitle: \"Docker\"\nstatus: in-progress\nstarted: 2024-05-01\norder: 3\n{}\nresources:\n  - {{title: \"Docker docs\", url: \"https://docs.docker.com\"}}\n---\nMy Docker notes. Before: [git](git.md).\r\n\r\nTrailing space \n",
            source_line(&c, "foundations/docker.md")
        ),
    );
    files.insert(
        "apis/rest-apis.md",
        format!(
            "\u{FEFF}---\ntitle: \"REST APIs\"\nstatus: done\ncompleted: 2024-03-03\norder: 1\n{}\n---\nREST notes.\n\n## Verbs\n",
            source_line(&c, "apis/rest-apis.md")
        ),
    );
    for (rel, body) in &files {
        std::fs::write(c.join(rel), body).unwrap();
    }
    run(dir, &["status", "SOAP", "skipped"]);
    files
}

/// A user's copy of version 1, imported and progressed.
fn progressed(kind: Kind) -> assert_fs::TempDir {
    let tmp = assert_fs::TempDir::new().unwrap();
    let v1 = reference(kind, 1);
    let v1 = v1.to_str().unwrap();
    match kind {
        Kind::Text => run(tmp.path(), &["import", v1]),
        _ => run(tmp.path(), &["import", v1, "--reset"]),
    };
    progress(tmp.path());
    run(tmp.path(), &["build", "-q"]);
    tmp
}

/// The front matter lines holding the user's progress, and the notes, of a topic file.
fn progress_of(text: &str) -> (Vec<String>, String) {
    let text = text.trim_start_matches('\u{FEFF}');
    let (front, body) = text[4..].split_once("---\n").unwrap();
    let mut keep = Vec::new();
    let mut in_resources = false;
    for l in front.lines() {
        in_resources = l.starts_with("resources:") || (in_resources && l.starts_with(' '));
        if in_resources
            || ["status:", "started:", "completed:"]
                .iter()
                .any(|k| l.starts_with(k))
        {
            keep.push(l.to_string());
        }
    }
    (keep, body.to_string())
}

fn synced(kind: Kind) -> (assert_fs::TempDir, BTreeMap<&'static str, String>, String) {
    let tmp = progressed(kind);
    let before = [
        "foundations/git.md",
        "foundations/docker.md",
        "apis/rest-apis.md",
    ]
    .into_iter()
    .map(|rel| (rel, text(&tmp.path().join("content"), rel)))
    .collect();
    let v2 = reference(kind, 2);
    let out = run(tmp.path(), &["sync", v2.to_str().unwrap()]);
    (tmp, before, out)
}

fn keeps_progress_and_notes(kind: Kind) {
    let (tmp, before, out) = synced(kind);
    let c = tmp.path().join("content");
    progress_moved_with_its_topics(&c, &before);
    reports_removed_added_moved_and_reordered(&c, &out);
    builds_in_the_new_order(tmp.path());
    // A second sync is a no-op and says so.
    let again_before = self::tree(&c);
    let out = run(tmp.path(), &["sync", reference(kind, 2).to_str().unwrap()]);
    assert!(out.starts_with("already in step with"), "{out}");
    assert_eq!(self::tree(&c), again_before);
}

/// Statuses, dates, resources and notes: byte for byte, on the topic they were written on.
fn progress_moved_with_its_topics(c: &Path, before: &BTreeMap<&'static str, String>) {
    let git = progress_of(&text(c, "foundations/git.md"));
    let (status, body) = progress_of(&before["foundations/git.md"]);
    assert_eq!(git.0, status);
    assert_eq!(
        git.1,
        body.replace("(docker.md)", "(../devops/docker.md)")
            .replace("rest-apis.md#", "rest-api-design.md#")
            .replace("/apis/rest-apis/", "/apis/rest-api-design/")
    );
    assert!(!c.join("foundations/docker.md").exists());
    let docker = progress_of(&text(c, "devops/docker.md"));
    let (status, body) = progress_of(&before["foundations/docker.md"]);
    assert_eq!(docker.0, status);
    assert_eq!(
        docker.1,
        body.replace("(git.md)", "(../foundations/git.md)")
    );
    assert!(!c.join("apis/rest-apis.md").exists());
    let rest = text(c, "apis/rest-api-design.md");
    assert!(rest.starts_with('\u{FEFF}'), "the byte order mark is kept");
    assert!(rest.contains("title: \"REST API design\"\n"), "{rest}");
    assert_eq!(
        progress_of(&rest),
        progress_of(&before["apis/rest-apis.md"])
    );
}

/// The topic removed upstream is listed and kept; the new ones are there, not started; the
/// renamed, moved and reordered ones are listed.
fn reports_removed_added_moved_and_reordered(c: &Path, out: &str) {
    assert!(out.contains("removed upstream, kept"), "{out}");
    assert!(out.contains("SOAP  (foundations/soap.md, kept)"), "{out}");
    assert!(text(c, "foundations/soap.md").contains("status: skipped"));
    for (rel, title) in [
        ("apis/websockets.md", "WebSockets"),
        ("devops/kubernetes.md", "Kubernetes"),
    ] {
        let t = text(c, rel);
        assert!(
            t.contains(&format!("title: \"{title}\"\nstatus: not-started\n")),
            "{t}"
        );
        assert!(out.contains(&format!("    {title}  ({rel})")), "{out}");
    }
    assert!(
        out.contains(
            "REST API design  (was \"REST APIs\": apis/rest-apis.md → apis/rest-api-design.md)"
        ),
        "{out}"
    );
    assert!(
        out.contains("Docker  (Foundations → DevOps: foundations/docker.md → devops/docker.md)"),
        "{out}"
    );
    assert!(
        out.contains("reordered (1):\n    GraphQL  (apis/graphql.md)"),
        "{out}"
    );
}

/// The site builds: every link resolves (a broken one fails the build), in the new order.
fn builds_in_the_new_order(root: &Path) {
    run(root, &["build", "-q"]);
    let page = std::fs::read_to_string(root.join("output/foundations/git/index.html")).unwrap();
    assert!(
        page.contains("href=\"../../devops/docker/index.html\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"../../apis/rest-api-design/index.html#verbs\""),
        "{page}"
    );
    let tree = run(root, &["tree", "--ascii"]);
    let apis = tree.split("APIs").nth(1).unwrap();
    let at = |t: &str| apis.find(t).unwrap_or_else(|| panic!("{t} in {tree}"));
    assert!(
        at("REST API design") < at("gRPC")
            && at("gRPC") < at("GraphQL")
            && at("GraphQL") < at("WebSockets"),
        "{tree}"
    );
}

#[test]
fn a_text_reference_keeps_progress_and_notes() {
    keeps_progress_and_notes(Kind::Text);
}

#[test]
fn a_content_folder_reference_keeps_progress_and_notes() {
    keeps_progress_and_notes(Kind::Content);
}

#[test]
fn a_roadmap_sh_folder_with_new_number_prefixes_keeps_progress_and_notes() {
    keeps_progress_and_notes(Kind::Notes);
}

#[test]
fn upstream_notes_go_in_a_marked_block_only_over_empty_or_unchanged_notes() {
    for kind in [Kind::Content, Kind::Notes] {
        let tmp = progressed(kind);
        let c = tmp.path().join("content");
        // Bash: imported unchanged. GraphQL: no notes upstream in version 1, none written.
        let bash = text(&c, "foundations/bash.md");
        assert!(
            bash.ends_with("<!-- upstream -->\nPipes and redirection.\n<!-- /upstream -->\n"),
            "{bash}"
        );
        let graphql = text(&c, "apis/graphql.md");
        assert!(graphql.ends_with("---\n"), "{graphql}");
        // gRPC: the user wrote around the imported block.
        let grpc = format!("{}\nMy gRPC notes.\n", text(&c, "apis/grpc.md"));
        std::fs::write(c.join("apis/grpc.md"), &grpc).unwrap();
        let v2 = reference(kind, 2);
        let out = run(tmp.path(), &["sync", v2.to_str().unwrap()]);
        assert!(out.contains("upstream notes changed (3):\n    Bash  (the upstream block is updated: foundations/bash.md)\n    GraphQL  (placed in an upstream block: apis/graphql.md)\n    gRPC  (kept yours; the upstream block in them still has the earlier text: apis/grpc.md)\n"), "{out}");
        assert_eq!(
            text(&c, "apis/grpc.md"),
            grpc.replace("order: 3", "order: 2")
        );
        assert_eq!(
            text(&c, "foundations/bash.md"),
            bash.replace(
                "Pipes and redirection.",
                "Pipes, redirection and job control."
            )
        );
        assert_eq!(
            text(&c, "apis/graphql.md"),
            format!(
                "{}<!-- upstream -->\nOne endpoint, typed queries.\n<!-- /upstream -->\n",
                graphql.replace("order: 2", "order: 3")
            )
        );
        // Git's notes are the user's own: the upstream change never touches them.
        assert!(
            text(&c, "foundations/git.md").ends_with("and [its page](/apis/rest-api-design/).\n")
        );
    }
}

#[test]
fn the_dry_run_writes_nothing() {
    let tmp = progressed(Kind::Notes);
    let before = tree(tmp.path());
    let v2 = reference(Kind::Notes, 2);
    let out = run(
        tmp.path(),
        &["sync", v2.to_str().unwrap(), "--dry-run", "--prune"],
    );
    assert!(out.contains("added upstream (3):"), "{out}");
    assert!(
        out.ends_with("dry run: nothing was written (10 files would be written)\n"),
        "{out}"
    );
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn an_injected_write_failure_leaves_the_content_byte_identical() {
    for at in [
        "devops/docker.md",
        "commit:foundations/git.md",
        "commit:devops/kubernetes.md",
    ] {
        let tmp = progressed(Kind::Text);
        let before = tree(tmp.path());
        let v2 = reference(Kind::Text, 2);
        let out = waymark(tmp.path())
            .args(["sync", v2.to_str().unwrap(), "--prune"])
            .env("WAYMARK_SYNC_FAIL_AT", at)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{at}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("injected failure; the sync was undone: nothing was changed"),
            "{at}: {err}"
        );
        assert_eq!(tree(tmp.path()), before, "{at}");
    }
}

#[test]
fn prune_archives_and_the_site_leaves_the_archive_out() {
    let tmp = progressed(Kind::Content);
    let c = tmp.path().join("content");
    let soap = text(&c, "foundations/soap.md");
    let v2 = reference(Kind::Content, 2);
    let out = run(tmp.path(), &["sync", v2.to_str().unwrap(), "--prune"]);
    assert!(out.contains("removed upstream, archived (1):\n    SOAP  (foundations/soap.md, archived to .archive/foundations/soap.md)"), "{out}");
    assert!(!c.join("foundations/soap.md").exists());
    assert_eq!(text(&c, ".archive/foundations/soap.md"), soap);
    run(tmp.path(), &["build", "-q"]);
    assert!(!tmp.path().join("output/foundations/soap").exists());
    assert!(
        tmp.path()
            .join("output/devops/kubernetes/index.html")
            .is_file()
    );
}

#[test]
fn the_report_is_markdown_for_a_pull_request() {
    let tmp = progressed(Kind::Text);
    let v2 = reference(Kind::Text, 2);
    run(
        tmp.path(),
        &["sync", v2.to_str().unwrap(), "--report", "sync.md"],
    );
    let report = text(tmp.path(), "sync.md");
    assert!(report.starts_with("## Sync with `"), "{report}");
    for part in [
        "### Added upstream (3)\n\n- **WebSockets**: apis/websockets.md\n- **DevOps**: devops/\\_index.md\n- **Kubernetes**: devops/kubernetes.md\n",
        "### Renamed (1)\n\n- **REST API design**: was \"REST APIs\": apis/rest-apis.md → apis/rest-api-design.md\n",
        "### Moved (1)\n\n- **Docker**: Foundations → DevOps: foundations/docker.md → devops/docker.md\n",
        "Unchanged: 5 topics.\n",
        "Links to moved files were rewritten in 2 files.\n",
    ] {
        assert!(report.contains(part), "{part}\nnot in\n{report}");
    }
}

#[test]
fn import_records_the_source_and_reset_starts_a_personal_copy() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let roadmap = fixtures().join("import/checklist.md");
    run(
        tmp.path(),
        &["import", roadmap.to_str().unwrap(), "--reset"],
    );
    let c = tmp.path().join("content");
    let git = text(&c, "basics/git.md");
    assert_eq!(
        git,
        "---\ntitle: \"Git\"\nstatus: not-started\nnote: \"daily\"\norder: 1\nsource: \"Basics > Git\"\n---\n"
    );
    assert!(text(&c, "basics/editors/emacs.md").contains("status: not-started\n"));
    // --force --reset over a copy with progress: statuses and dates go, the rest stays.
    std::fs::write(
        c.join("basics/bash.md"),
        "---\ntitle: \"Bash\"\nstatus: done\nstarted: 2024-01-01\ncompleted: 2024-02-01\ntags: [\"Mine\"]\norder: 2\nsource: \"Basics > Bash\"\n---\nMy notes.\n",
    )
    .unwrap();
    let out = run(
        tmp.path(),
        &["import", roadmap.to_str().unwrap(), "--force", "--reset"],
    );
    assert!(out.contains("replaced content/basics/bash.md (status: done → not-started; started: 2024-01-01 removed; completed: 2024-02-01 removed)\n"), "{out}");
    assert!(
        out.contains("imported \"My Checklist Roadmap\": 0 of 5 done (0%)"),
        "{out}"
    );
    assert_eq!(
        text(&c, "basics/bash.md"),
        "---\ntitle: \"Bash\"\nstatus: not-started\ntags: [\"Mine\"]\norder: 2\nsource: \"Basics > Bash\"\n---\nMy notes.\n"
    );
    // A folder: without --reset the friend's progress comes along, with it none does.
    for (reset, status) in [
        (false, "status: done\ncompleted: 2024-02-01\n"),
        (true, "status: not-started\n"),
    ] {
        let tmp = assert_fs::TempDir::new().unwrap();
        let v2 = reference(Kind::Content, 2);
        let mut args = vec!["import", v2.to_str().unwrap()];
        if reset {
            args.push("--reset");
        }
        run(tmp.path(), &args);
        let git = text(&tmp.path().join("content"), "foundations/git.md");
        assert!(git.contains(&format!("title: \"Git\"\n{status}order: 1\nsource: \"foundations/git\"\n---\n<!-- upstream -->\nGit, the friend's way")), "{git}");
        let ws = text(&tmp.path().join("content"), "apis/websockets.md");
        assert!(ws.contains("resources:\n  - {title: \"RFC 6455\", url: \"https://www.rfc-editor.org/rfc/rfc6455\"}\n"), "{ws}");
    }
}

#[test]
fn check_accepts_source() {
    let tmp = progressed(Kind::Text);
    let out = run(tmp.path(), &["check"]);
    assert!(out.starts_with("no problems found"), "{out}");
}

#[test]
fn a_roadmap_sh_folder_builds_like_any_content() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let notes = reference(Kind::Notes, 2);
    let out = tmp.path().join("site");
    run(
        tmp.path(),
        &[
            "build",
            "-q",
            "--content",
            notes.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let page = std::fs::read_to_string(out.join("apis/rest-api-design/index.html")).unwrap();
    assert!(page.contains("REST API design"), "{page}");
    let tree = run(
        tmp.path(),
        &["tree", "--ascii", "--content", notes.to_str().unwrap()],
    );
    assert!(
        tree.contains("Foundations") && tree.contains("Kubernetes"),
        "{tree}"
    );
}

#[test]
fn a_copied_roadmap_sh_folder_follows_its_new_version() {
    // No import: the folder of notes copied as it is, progress set with `waymark status`.
    let tmp = assert_fs::TempDir::new().unwrap();
    let c = tmp.path().join("content");
    copy_dir(&reference(Kind::Notes, 1), &c);
    for (topic, status) in [("Git", "done"), ("Docker", "in-progress")] {
        let out = waymark(tmp.path())
            .args(["status", topic, status])
            .env("SOURCE_DATE_EPOCH", "1717200000")
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let git = text(&c, "100-foundations/100-git.md");
    let docker = text(&c, "100-foundations/102-docker.md");
    let v2 = reference(Kind::Notes, 2);
    let out = run(tmp.path(), &["sync", v2.to_str().unwrap()]);
    assert!(
        out.contains(
            "Docker  (Foundations → DevOps: 100-foundations/102-docker.md → devops/102-docker.md)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "your own: 1 topic without `source:` and not in the reference, left as they are"
        ),
        "{out}"
    );
    assert_eq!(
        text(&c, "100-foundations/100-git.md"),
        git.replace(
            "completed: 2024-06-01\n",
            "completed: 2024-06-01\nsource: \"foundations/git\"\n"
        )
    );
    assert_eq!(
        text(&c, "devops/102-docker.md"),
        docker.replace(
            "started: 2024-06-01\n",
            "started: 2024-06-01\nsource: \"devops/docker\"\n"
        )
    );
    assert!(c.join("100-foundations/103-soap.md").is_file());
    run(tmp.path(), &["build", "-q"]);
    let out = run(tmp.path(), &["sync", v2.to_str().unwrap()]);
    assert!(out.starts_with("already in step with"), "{out}");
}

#[test]
fn the_shipped_content_is_in_step_with_the_roadmap_it_was_imported_from() {
    let tmp = assert_fs::TempDir::new().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &tmp.path().join("content"));
    let roadmap = fixtures().join("roadmaps/backend-roadmap.txt");
    let out = run(tmp.path(), &["sync", roadmap.to_str().unwrap()]);
    assert_eq!(
        out,
        format!(
            "already in step with {} (text roadmap): nothing to change, 198 topics unchanged\n",
            roadmap.display()
        )
    );
}
