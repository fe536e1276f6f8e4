//! Authoring commands that change the user's files: `new`, `status` and `init`. Each writes
//! atomically and refuses to overwrite.

pub mod edit;
pub mod find;
pub mod init;
pub mod new;
pub mod slug;

use anyhow::{Context, Result};
use std::path::Path;

/// Writes a file through a temporary file in the same folder and a rename, so a crash never
/// leaves it half-written. A link is followed (the file it points to is replaced, the link
/// kept) and an existing file's permissions are kept.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
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

pub use crate::content::frontmatter::quote;
pub use crate::dates::today;
