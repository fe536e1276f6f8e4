//! Carries out a plan all or nothing: every file is first written beside its target (a
//! hidden `.NAME.waymark-sync`, which the loader skips); only when all are written does each
//! go into place, the file it replaces or moves away set aside as `.NAME.waymark-orig` until
//! the end. Any failure puts every file back as it was and removes what was made.

use super::plan::Plan;
use anyhow::{Context, Result, anyhow};
use std::fs;
use std::path::{Path, PathBuf};

/// What applying did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Files written at a new path.
    pub created: usize,
    /// Files written in place.
    pub updated: usize,
    /// Files moved away from where they were.
    pub moved: usize,
}

/// For tests: the content-relative path whose writing fails, to show that a failed sync
/// leaves everything as it was (`commit:PATH` fails while putting it in place instead).
const FAIL_AT: &str = "WAYMARK_SYNC_FAIL_AT";

/// What has been done so far, to undo.
#[derive(Default)]
struct Journal {
    /// Folders made, outermost first.
    made_dirs: Vec<PathBuf>,
    /// Staged files not yet in place.
    staged: Vec<(PathBuf, PathBuf)>,
    /// Files put in place: the target, and where the file it replaced was set aside.
    placed: Vec<(PathBuf, Option<PathBuf>)>,
    /// Files moved away: where they were, and where they are set aside.
    aside: Vec<(PathBuf, PathBuf)>,
}

/// Applies the plan to the content folder `dir`.
pub fn apply(dir: &Path, plan: &Plan) -> Result<Applied> {
    crate::interrupt::critical(|| {
        let mut j = Journal::default();
        match run(dir, plan, &mut j) {
            Ok(done) => {
                finish(dir, plan, &j);
                Ok(done)
            }
            Err(e) => {
                undo(j);
                Err(anyhow!("{e:#}; the sync was undone: nothing was changed"))
            }
        }
    })
}

fn run(dir: &Path, plan: &Plan, j: &mut Journal) -> Result<Applied> {
    let fail_at = std::env::var(FAIL_AT).unwrap_or_default();
    let mut done = Applied::default();
    for (rel, bytes) in &plan.writes {
        let target = dir.join(rel);
        let parent = target.parent().unwrap_or(dir).to_path_buf();
        make_dirs(&parent, j)?;
        let tmp = beside(&target, "sync");
        if fail_at == *rel {
            return Err(anyhow!("cannot write {}: injected failure", tmp.display()));
        }
        fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
        j.staged.push((tmp, target));
    }
    while !j.staged.is_empty() {
        let (tmp, target) = j.staged.remove(0);
        let rel = crate::disk::rel_path(dir, &target);
        let aside = if target.exists() {
            let orig = beside(&target, "orig");
            fs::rename(&target, &orig)
                .with_context(|| format!("cannot set {} aside", target.display()))?;
            done.updated += 1;
            Some(orig)
        } else {
            done.created += 1;
            None
        };
        j.placed.push((target.clone(), aside));
        if fail_at == format!("commit:{rel}") {
            j.staged.insert(0, (tmp, target.clone()));
            return Err(anyhow!(
                "cannot put {} in place: injected failure",
                target.display()
            ));
        }
        if let Err(e) = fs::rename(&tmp, &target) {
            j.staged.insert(0, (tmp, target.clone()));
            return Err(e).with_context(|| format!("cannot put {} in place", target.display()));
        }
    }
    for rel in &plan.removes {
        let from = dir.join(rel);
        let orig = beside(&from, "orig");
        fs::rename(&from, &orig).with_context(|| format!("cannot move {} away", from.display()))?;
        j.aside.push((from, orig));
        done.moved += 1;
    }
    Ok(done)
}

/// Makes `dir` and the folders above it that are missing, noting each.
fn make_dirs(dir: &Path, j: &mut Journal) -> Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .collect();
    for d in missing.into_iter().rev() {
        fs::create_dir(d).with_context(|| format!("cannot create {}", d.display()))?;
        j.made_dirs.push(d.to_path_buf());
    }
    Ok(())
}

/// The hidden name beside `path` that a file is staged or set aside under.
fn beside(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.waymark-{what}"))
}

/// Puts everything back: files set aside return, files placed and staged go, folders made go.
fn undo(j: Journal) {
    for (from, orig) in j.aside.iter().rev() {
        let _ = fs::rename(orig, from);
    }
    for (tmp, _) in &j.staged {
        let _ = fs::remove_file(tmp);
    }
    for (target, orig) in j.placed.iter().rev() {
        match orig {
            Some(orig) => {
                let _ = fs::rename(orig, target);
            }
            None => {
                let _ = fs::remove_file(target);
            }
        }
    }
    for d in j.made_dirs.iter().rev() {
        let _ = fs::remove_dir(d);
    }
}

/// Once all is in place: the files set aside go, and the folders that moves emptied.
fn finish(dir: &Path, plan: &Plan, j: &Journal) {
    for orig in j.placed.iter().filter_map(|(_, o)| o.as_ref()) {
        let _ = fs::remove_file(orig);
    }
    for (_, orig) in &j.aside {
        let _ = fs::remove_file(orig);
    }
    for rel in &plan.removes {
        let mut at = dir.join(rel);
        while let Some(parent) = at.parent().map(Path::to_path_buf) {
            if parent == dir || fs::remove_dir(&parent).is_err() {
                break;
            }
            at = parent;
        }
    }
}
