//! Progress over time from git: the commits that changed each topic's `status:` line, read
//! when the content folder is inside a git repository. A loader-stage input: this module
//! runs git, and the model turns what it read into dates without any I/O.
//!
//! It runs the `git` command rather than linking `gix`: one `git log` process, read as a
//! stream, gives every change with renames followed (`-M`), costs no compile time (gix adds
//! minutes to a first build, against the 2-minute budget of the README's first command) and
//! reads every repository format git itself reads. Without git, or outside a repository,
//! there is simply no history.

mod parse;

use crate::content::Status;
use crate::diagnostic::Diagnostic;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// One change of a topic's status, from a commit (or, in `serve`, from an edit not yet
/// committed).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    /// The commit's date, `YYYY-MM-DD` (the committer's).
    pub date: String,
    /// The commit's abbreviated hash; empty for an uncommitted edit.
    pub commit: String,
    /// The status before; `None` when the file or its status line was new.
    pub from: Option<Status>,
    /// The status after; `None` when the status line was removed.
    pub to: Option<Status>,
}

/// The status changes of every content file, as git recorded them.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Per file, by its path relative to the content folder now (renames followed): its
    /// changes, oldest first.
    pub files: HashMap<String, Vec<Change>>,
    /// Whether the content folder is in a git repository with at least one commit.
    pub found: bool,
    /// The commit read up to (`HEAD`), empty without one.
    pub head: String,
}

impl History {
    /// The changes of a file (path relative to the content folder), oldest first.
    pub fn of(&self, rel: &str) -> &[Change] {
        self.files.get(rel).map_or(&[], Vec::as_slice)
    }
}

/// git in `dir` with `args`, its paths printed as they are, reading no input.
fn git(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args([
            "-c",
            "core.quotePath=false",
            "-c",
            "log.showSignature=false",
        ])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// The commit `HEAD` names in the repository holding `content`, and whether the repository
/// is a shallow clone; `None` without git, a repository or a commit.
fn head_of(content: &Path) -> Option<(String, bool)> {
    let out = git(content, &["rev-parse", "--is-shallow-repository", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    let shallow = lines.next()? == "true";
    Some((lines.next()?.to_string(), shallow))
}

/// Whether the repository holding `content` has moved on from the commit `history` was read
/// at (a commit made since, a branch checked out), so the history must be read again.
pub fn is_stale(history: &History, content: &Path) -> bool {
    head_of(content).map(|h| h.0).unwrap_or_default() != history.head
}

/// Reads the history of the content folder `content`; a shallow clone also gives a warning
/// saying how to fetch the whole history. No git, no repository or no commit: no history.
pub fn read(content: &Path) -> (History, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let Some((head, shallow)) = head_of(content) else {
        return (History::default(), problems);
    };
    if shallow {
        problems.push(Diagnostic::warning(
            content,
            0,
            0,
            "the git repository is a shallow clone, so dates from its history may be missing or late: fetch the whole history with `git fetch --unshallow` (in GitHub Actions, `actions/checkout` with `fetch-depth: 0`)",
        ));
    }
    let log = [
        "log",
        &head,
        "-M",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--format=%x1e%h %cs",
        "-p",
        "--unified=0",
        "--relative",
        "--",
        ".",
    ];
    let Ok(mut child) = git(content, &log).stdout(Stdio::piped()).spawn() else {
        return (History::default(), problems);
    };
    let files = match child.stdout.take() {
        Some(out) => parse::changes(std::io::BufReader::with_capacity(1 << 16, out)),
        None => HashMap::new(),
    };
    let ok = child.wait().is_ok_and(|s| s.success());
    if !ok {
        // No commit yet, or git failed half-way: what was read would be partial.
        return (History::default(), problems);
    }
    let history = History {
        files,
        found: true,
        head,
    };
    (history, problems)
}
