//! A note's file read: whole when the content is loaded, and its body again when its notes
//! are rendered, after a build let it go (see `SourceFile::streamed`).

use super::SourceFile;
use std::path::Path;

impl SourceFile {
    /// The markdown after the front matter, read again from the file when it was streamed.
    /// Fails when the file cannot be read or its front matter changed since it was loaded.
    pub fn read_body(&self) -> std::io::Result<std::borrow::Cow<'_, str>> {
        if !self.streamed {
            return Ok(std::borrow::Cow::Borrowed(self.body()));
        }
        self.with_body(|body| std::borrow::Cow::Owned(body.to_string()))
    }

    /// `f` of the markdown after the front matter, as [`SourceFile::read_body`] gives it, read
    /// into a buffer each rendering thread keeps: a note a few KB long is a mid-sized
    /// allocation, the slow kind while the pages are rendered.
    pub fn with_body<R>(&self, f: impl FnOnce(&str) -> R) -> std::io::Result<R> {
        thread_local! {
            static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        if !self.streamed {
            return Ok(f(self.body()));
        }
        // Taken out while in use, so a nested call would get a buffer of its own.
        let mut bytes = BUFFER.take();
        bytes.clear();
        let read = read_whole_into(&self.display, self.len + 4, &mut bytes);
        let result = read.and_then(|()| self.body_of(&bytes)).map(f);
        BUFFER.set(bytes);
        result
    }

    /// The body of this streamed file read again (`bytes`), if its front matter is still the
    /// one loaded.
    fn body_of<'b>(&self, bytes: &'b [u8]) -> std::io::Result<&'b str> {
        let body = bytes[bom_len(bytes)..]
            .strip_prefix(self.text.as_bytes())
            .ok_or_else(|| {
                std::io::Error::other("its front matter changed while the site was being built")
            })?;
        std::str::from_utf8(body).map_err(std::io::Error::other)
    }
}

/// A file's bytes, read into a buffer of `capacity` bytes that grows if the file is larger:
/// `fs::read` (and `File::read_to_end`) ask for the file's size first, one `statx` more for
/// each of the 20,000 reads of a 10,000-topic build (~0.8 % of its CPU in a profile each
/// time the notes are read).
pub(super) fn read_whole(path: &Path, capacity: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_whole_into(path, capacity, &mut bytes)?;
    Ok(bytes)
}

/// [`read_whole`] into `bytes` (appended), with room for `capacity` bytes made first.
fn read_whole_into(path: &Path, capacity: usize, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    bytes.reserve(capacity);
    // Through `Take`, whose `read_to_end` reads into the spare capacity without asking.
    file.take(u64::MAX).read_to_end(bytes)?;
    Ok(())
}

/// The length of the byte-order mark `bytes` start with: 3 or none.
pub(super) fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    /// A streamed note's body read again is the one loaded, with or without a byte-order
    /// mark, and a body that is no longer UTF-8 is an error, not a page.
    #[test]
    fn a_streamed_body_is_read_again_as_it_was_loaded() {
        let dir = std::env::temp_dir().join(format!("waymark-body-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plain: &[u8] = b"---\ntitle: T\n---\nBody \xC3\xA9.\n";
        let marked: &[u8] = b"\xEF\xBB\xBF---\ntitle: T\n---\nBody \xC3\xA9.\n";
        for (name, bytes) in [("plain.md", plain), ("marked.md", marked)] {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let mut file = super::super::read_file(name, &path).unwrap().0.unwrap();
            file.stream();
            assert!(file.streamed);
            assert_eq!(file.with_body(str::to_string).unwrap(), "Body é.\n");
            assert_eq!(file.read_body().unwrap(), "Body é.\n");
            std::fs::write(&path, b"---\ntitle: T\n---\nBad \xFF\n").unwrap();
            assert!(file.with_body(|_| ()).is_err());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
