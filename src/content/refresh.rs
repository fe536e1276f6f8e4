//! Reads again only the files that changed since a content folder was loaded, for `serve`.

use super::{Content, load_whole, read_file};
use crate::diagnostic::Diagnostics;
use anyhow::Result;
use std::path::{Path, PathBuf};

impl Content {
    /// Rebuilds `diagnostics` from the per-file problems and the walk's.
    pub(crate) fn collect_diagnostics(&mut self) {
        let mut all = Diagnostics::default();
        all.extend(self.walk_problems.iter().cloned());
        for problems in self.per_file.values() {
            all.extend(problems.iter().cloned());
        }
        self.diagnostics = all;
    }

    /// The content after `changed` paths changed on disk: markdown files that were edited,
    /// created or deleted are read again (or dropped); a path gone that this content never knew
    /// changes nothing; anything else — a folder, a renamed tree, an image — means the whole
    /// folder is read again.
    pub fn refresh(mut self, dir: &Path, changed: &[PathBuf]) -> Result<Content> {
        let changed: Vec<PathBuf> = changed
            .iter()
            .filter(|p| !self.never_had(dir, p))
            .cloned()
            .collect();
        let Some(rels) = markdown_files_only(dir, &changed) else {
            let statics = std::mem::take(&mut self.statics);
            let mut fresh = load_whole(dir)?;
            fresh.statics = statics;
            return Ok(fresh);
        };
        for (rel, path) in rels {
            self.files.retain(|f| f.rel != rel);
            self.per_file.remove(&rel);
            if path.is_file() {
                let (file, problems) = read_file(&rel, &dir.join(&rel))?;
                if let Some(file) = file {
                    // The walk's order: by path component (`git/_index.md` before `git.md`), not by
                    // string, so a refreshed site meets its files as a fresh load does.
                    let at = self
                        .files
                        .partition_point(|f| Path::new(&f.rel) < Path::new(&file.rel));
                    self.files.insert(at, file);
                }
                self.per_file.insert(rel, problems);
            }
        }
        self.collect_diagnostics();
        Ok(self)
    }
}

impl Content {
    /// Whether `changed` leaves this content as it is: every path is gone and was never part
    /// of it, such as a temporary file an editor made and removed.
    pub fn unchanged_by(&self, dir: &Path, changed: &[PathBuf]) -> bool {
        changed.iter().all(|p| self.never_had(dir, p))
    }

    /// Whether `path` is gone and was never part of this content: no file read, asset or
    /// problem at it or under it. Editors and tools make such paths for a moment on every save
    /// (`sed -i` writes `sedXXXXXX` and renames it over the file): reading the whole folder
    /// again for them would change nothing.
    fn never_had(&self, dir: &Path, path: &Path) -> bool {
        let (Ok(dir), Ok(abs)) = (std::path::absolute(dir), std::path::absolute(path)) else {
            return false;
        };
        if abs.symlink_metadata().is_ok() || !abs.starts_with(&dir) || abs == dir {
            return false;
        }
        let rel = crate::disk::rel_path(&dir, &abs);
        let under = |r: &str| {
            r.strip_prefix(rel.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        let files = self.files.iter().map(|f| f.rel.as_str());
        let assets = self.assets.iter().map(|a| a.rel.as_str());
        let known = files
            .chain(assets)
            .chain(self.per_file.keys().map(String::as_str));
        let reported = self
            .walk_problems
            .iter()
            .any(|d| std::path::absolute(&d.file).is_ok_and(|f| f.starts_with(&abs)));
        !reported && !known.into_iter().any(under)
    }
}

/// The changed paths as `(relative path, path)` if every one is a markdown file (present or
/// gone) inside `dir` and not in an ignored folder; `None` otherwise.
fn markdown_files_only(dir: &Path, changed: &[PathBuf]) -> Option<Vec<(String, PathBuf)>> {
    let dir = std::path::absolute(dir).ok()?;
    changed
        .iter()
        .map(|p| {
            let abs = std::path::absolute(p).ok()?;
            let rel = abs.strip_prefix(&dir).ok()?;
            let is_md = rel
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            let hidden = rel
                .components()
                .any(|c| super::is_ignored_name(&c.as_os_str().to_string_lossy()));
            // A file of a built site inside the content: the full walk skips it and says so.
            let in_site = abs
                .ancestors()
                .skip(1)
                .take_while(|a| a.starts_with(&dir) && *a != dir)
                .any(|a| a.join(crate::disk::OUTPUT_MARKER).is_file());
            (is_md && !hidden && !in_site && !abs.is_dir())
                .then(|| (crate::disk::rel_path(&dir, &abs), abs.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// A file added beside one whose name it extends is met where a fresh load meets it, so
    /// serve reports a clash between them as build does.
    #[test]
    fn a_refreshed_folder_lists_its_files_in_the_order_of_a_fresh_load() {
        let dir = std::env::temp_dir().join(format!("waymark-refresh-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("basics/git")).unwrap();
        std::fs::write(dir.join("basics/git.md"), "---\nstatus: done\n---\n").unwrap();
        let before = super::super::load(&dir).unwrap();
        std::fs::write(dir.join("basics/git/_index.md"), "---\ntitle: Git\n---\n").unwrap();
        let refreshed = before
            .refresh(&dir, &[dir.join("basics/git/_index.md")])
            .unwrap();
        let fresh = super::super::load(&dir).unwrap();
        let rels = |c: &super::Content| c.files.iter().map(|f| f.rel.clone()).collect::<Vec<_>>();
        assert_eq!(rels(&fresh), ["basics/git/_index.md", "basics/git.md"]);
        assert_eq!(rels(&refreshed), rels(&fresh));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A temporary file made and removed by a save (`sed -i`'s `sedXXXXXX`) reads nothing
    /// again; a folder of topics or an asset that went away is still seen to go.
    #[test]
    fn a_path_gone_that_the_content_never_had_reads_nothing_again() {
        let dir = std::env::temp_dir().join(format!("waymark-gone-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("basics")).unwrap();
        std::fs::create_dir_all(dir.join("old/deep")).unwrap();
        let git = dir.join("basics/git.md");
        std::fs::write(&git, "---\ntitle: Git\n---\n").unwrap();
        std::fs::write(dir.join("basics/logo.png"), "png").unwrap();
        std::fs::write(dir.join("old/deep/a.md"), "---\ntitle: A\n---\n").unwrap();
        let before = super::super::load_whole(&dir).unwrap();
        // Changed on disk without being named: only reading the whole folder again sees it.
        std::fs::write(&git, "---\ntitle: Unseen\n---\n").unwrap();
        let temp = dir.join("basics/sedAb12Cd");
        std::fs::write(&temp, "junk").unwrap();
        std::fs::remove_file(&temp).unwrap();
        let gone_folder = dir.join("basics/tmp-folder");
        let after = before.refresh(&dir, &[temp, gone_folder]).unwrap();
        let text = |c: &super::Content, rel: &str| {
            c.files
                .iter()
                .find(|f| f.rel == rel)
                .map(|f| f.text.clone())
        };
        assert!(
            text(&after, "basics/git.md")
                .unwrap()
                .contains("title: Git")
        );
        assert_eq!(after.assets.len(), 1);

        std::fs::remove_file(dir.join("basics/logo.png")).unwrap();
        let after = after.refresh(&dir, &[dir.join("basics/logo.png")]).unwrap();
        assert!(after.assets.is_empty(), "a deleted asset goes");
        assert!(text(&after, "basics/git.md").unwrap().contains("Unseen"));
        std::fs::remove_dir_all(dir.join("old")).unwrap();
        let after = after.refresh(&dir, &[dir.join("old")]).unwrap();
        assert_eq!(
            text(&after, "old/deep/a.md"),
            None,
            "a deleted folder's topics go"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
