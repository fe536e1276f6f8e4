//! The messages for two sources that claim one topic id: two files, a file and a folder, or a
//! folder's index file and another file. Each names the other side and says what to do.

use std::path::Path;

/// The message for a file whose id is already taken by `theirs` (the file that took it first,
/// as displayed) or by `folder` (a folder with no index file), whichever is known.
pub(super) fn taken(id: &str, theirs: Option<&str>, folder: Option<&Path>) -> String {
    match (theirs, folder) {
        (Some(theirs), _) if is_index_file(theirs) => same_topic(id, theirs),
        (Some(theirs), _) => {
            format!("maps to the same id `{id}` (and URL `{id}/`) as {theirs}; rename one of them")
        }
        (None, Some(folder)) => file_and_folder(id, folder),
        (None, None) => {
            format!("maps to the same id `{id}` (and URL `{id}/`) as a folder; rename one of them")
        }
    }
}

/// Whether a displayed path names a folder's index file.
fn is_index_file(shown: &str) -> bool {
    crate::content::is_index_name(shown.rsplit(['/', '\\']).next().unwrap_or(""))
}

/// A file whose id a folder has too.
pub(super) fn file_and_folder(id: &str, folder: &Path) -> String {
    format!(
        "maps to the same id `{id}` (and URL `{id}/`) as the folder {}/; to give that folder notes, move this file into it as `_index.md`, else rename one of them",
        folder.display()
    )
}

/// Two files that both describe one topic, one of them a folder's index file.
pub(super) fn same_topic(id: &str, theirs: &str) -> String {
    format!(
        "maps to the same id `{id}` (and URL `{id}/`) as {theirs}; merge their notes into one file and remove the other"
    )
}
