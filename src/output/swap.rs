//! Puts a fully written site in place of the previous one in a single step, so a build killed
//! at any instant leaves the output as the old site or the new one, never a mix.
//!
//! The working folder holds the whole new site: new and changed files written, unchanged ones
//! hard-linked from the previous site (which keeps their dates and costs no copy). Once it is
//! flushed to disk, one `renameat2(RENAME_EXCHANGE)` (Linux) or `renamex_np(RENAME_SWAP)`
//! (macOS) trades it for the output folder;
//! the previous site then sits in the working folder's place and is removed. Where the exchange
//! is not available (other systems, some file systems) two renames do it through a third name,
//! `.NAME.waymark-old`; a build stopped between them leaves no output folder for a moment, and
//! the next build finishes that swap before anything else, and says so.
//!
//! Chosen over a journal of the moves of changed files, which costs a few milliseconds where
//! this costs a folder and a link per page and removing the previous tree (about a second for
//! 2,000 topics on a slow disk: see the README), because a journal leaves a mixed site on disk
//! after a kill until the next build repairs it, and this never does.

use super::{MARKER, sibling};
use anyhow::{Context, Result, bail};
use std::fs;
use std::io;
use std::path::Path;

/// Makes `new`, a complete site, the output. If `replace`, an output folder exists, and its
/// previous site ends up at `new`'s path; otherwise `new` is just renamed.
pub(super) fn swap_in(new: &Path, output: &Path, replace: bool) -> Result<()> {
    super::trace("swap");
    flush(new);
    if !replace {
        return fs::rename(new, output)
            .with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    match exchange(new, output) {
        Ok(()) => Ok(()),
        Err(e) if unsupported(&e) => by_renames(new, output),
        Err(e) => {
            Err(e).with_context(|| format!("cannot swap the new site into {}", output.display()))
        }
    }
}

/// The swap in two renames, through a third name that [`recover`] knows.
fn by_renames(new: &Path, output: &Path) -> Result<()> {
    let old = sibling(output, "old")?;
    let fail = |what: &Path| format!("cannot move {} aside", what.display());
    fs::rename(output, &old).with_context(|| fail(output))?;
    fs::rename(new, output)
        .with_context(|| format!("cannot move the new site into {}", output.display()))?;
    fs::rename(&old, new).with_context(|| fail(&old))
}

/// Finishes a swap through renames that a stopped build left half done, before a build does
/// anything else: returns what it did, to be said.
pub(super) fn recover(output: &Path, work: &Path) -> Result<Option<String>> {
    let old = sibling(output, "old")?;
    if !old.exists() {
        return Ok(None);
    }
    if !old.join(MARKER).is_file() {
        bail!(
            "{} is in the way and was not made by waymark; remove it yourself",
            old.display()
        );
    }
    let note = if output.exists() {
        "removed the previous site that a build stopped right after its swap left behind"
    } else if work.join(MARKER).is_file() {
        fs::rename(work, output)
            .with_context(|| format!("cannot finish the swap into {}", output.display()))?;
        "finished the swap of a build that was stopped while putting its site in place"
    } else {
        fs::rename(&old, output)
            .with_context(|| format!("cannot put back {}", output.display()))?;
        "put back the previous site that a build stopped during its swap had moved aside"
    };
    if old.exists() {
        fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))?;
    }
    Ok(Some(format!("note: {}: {note}", output.display())))
}

/// Flushes the new site to disk before it is swapped in, so a power cut after the swap finds
/// whole files. One `syncfs` for the file system, rather than a `fsync` per file.
#[cfg(target_os = "linux")]
fn flush(dir: &Path) {
    use std::os::fd::AsRawFd;
    if let Ok(d) = fs::File::open(dir) {
        // SAFETY: `d` is an open descriptor for the duration of the call.
        unsafe { libc::syncfs(d.as_raw_fd()) };
    }
}

#[cfg(not(target_os = "linux"))]
fn flush(_: &Path) {}

/// Trades two folders' names in one step.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    if exchange_raw(&a, &b) {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(target_os = "linux")]
fn exchange_raw(a: &std::ffi::CStr, b: &std::ffi::CStr) -> bool {
    // SAFETY: both are NUL-terminated paths that live through the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    r == 0
}

#[cfg(target_os = "macos")]
fn exchange_raw(a: &std::ffi::CStr, b: &std::ffi::CStr) -> bool {
    // SAFETY: both are NUL-terminated paths that live through the call.
    unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) == 0 }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether the exchange is missing rather than failed: an old kernel or a file system without it.
fn unsupported(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    let missing = [libc::EINVAL, libc::ENOSYS, libc::EOPNOTSUPP];
    #[cfg(target_os = "macos")]
    let missing = [libc::EINVAL, libc::ENOSYS, libc::ENOTSUP, libc::EOPNOTSUPP];
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    let missing: [i32; 0] = [];
    e.kind() == io::ErrorKind::Unsupported
        || e.raw_os_error().is_some_and(|code| missing.contains(&code))
}
