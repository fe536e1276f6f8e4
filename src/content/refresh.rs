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
    /// created or deleted are read again (or dropped); anything else — a folder, a renamed
    /// tree, an image — means the whole folder is read again.
    pub fn refresh(mut self, dir: &Path, changed: &[PathBuf]) -> Result<Content> {
        let Some(rels) = markdown_files_only(dir, changed) else {
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
}
