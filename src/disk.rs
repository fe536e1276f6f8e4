//! The user's folders as every stage reads them: relative paths with `/`, listing a folder
//! tree without editors' and the system's files, reading with the path in the error; and
//! writing a file whole or not at all.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// `path` relative to `base`, with `/` separators on every platform.
pub fn rel_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files under `dir` as `(relative path, full path)`, sorted, skipping editor and hidden files;
/// empty if `dir` does not exist.
pub fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (rel_path(dir, e.path()), e.path().to_path_buf()))
        .collect()
}

/// The file that marks a folder as a site waymark built (and lists what it wrote there): such a
/// folder is output, never content.
pub const OUTPUT_MARKER: &str = ".waymark-output";

/// Reads a whole file, naming it in the error.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Whether a file or folder name is an editor's or the system's, never the user's content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || (name.starts_with("___jb_") && name.ends_with("___"))
}

/// Writes a file through a temporary file in the same folder and a rename, so a crash never
/// leaves it half-written, and Ctrl-C waits until it is in place ([`crate::interrupt`]). A link
/// is followed (the file it points to is replaced, the link kept) and an existing file's
/// permissions are kept.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::interrupt::critical(|| write_through_temp(path, bytes))
}

fn write_through_temp(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.waymark-tmp"));
    let written = std::fs::write(&tmp, bytes)
        .with_context(|| format!("cannot write {}", tmp.display()))
        .and_then(|()| match std::fs::metadata(&target) {
            Ok(meta) => std::fs::set_permissions(&tmp, meta.permissions())
                .with_context(|| format!("cannot set the permissions of {}", tmp.display())),
            Err(_) => Ok(()),
        })
        .and_then(|()| {
            std::fs::rename(&tmp, &target)
                .with_context(|| format!("cannot replace {}", path.display()))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
