//! One build per output folder at a time: an OS lock on a file beside the output, which the OS
//! releases when the process ends, however it ends.

use super::sibling;
use anyhow::{Context, Result, bail};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held for as long as a build writes its output; dropping it (or the process ending) lets the
/// next build in.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        release(&self.path);
        let _ = self.file.unlock();
    }
}

/// Removes the lock file of a lock this process holds, before unlocking it: a build waiting on
/// it then finds it gone and locks a new one ([`same_file`]). Kept where that cannot be told.
pub fn release(path: &Path) {
    if cfg!(unix) {
        let _ = std::fs::remove_file(path);
    }
}

/// The lock file of `output`: `.NAME.waymark-lock` beside it.
pub fn lock_file(output: &Path) -> Result<PathBuf> {
    sibling(output, "lock")
}

/// Takes the lock of `output`, waiting for another build that holds it unless `wait` is false,
/// in which case that is an error.
pub fn lock(output: &Path, wait: bool) -> Result<OutputLock> {
    let path = lock_file(output)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut told = false;
    loop {
        let file = lock_once(output, &path, wait, &mut told)?;
        if same_file(&file, &path) {
            return Ok(OutputLock { file, path });
        }
        // The build we waited for removed the file on its way out: lock the one there now.
    }
}

fn lock_once(output: &Path, path: &Path, wait: bool, told: &mut bool) -> Result<File> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .with_context(|| format!("cannot open the lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let holder = holder(&mut file);
            if !wait {
                bail!(
                    "another waymark build{holder} is writing {}; run this build again when it has finished, or without --no-wait to wait for it",
                    output.display()
                );
            }
            if !std::mem::replace(told, true) {
                eprintln!(
                    "waiting for another waymark build{holder} to finish writing {} (lock {})",
                    output.display(),
                    path.display()
                );
            }
            file.lock()
                .with_context(|| format!("cannot lock {}", path.display()))?;
        }
        Err(TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {}", path.display()));
        }
    }
    // Who holds it, for the message of a build that has to wait.
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| write!(file, "{}", std::process::id()));
    Ok(file)
}

/// Whether `path` still names the locked `file`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

/// ` (process N)` for the build holding the lock, if it says.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    match file.read_to_string(&mut text) {
        Ok(_) if text.trim().parse::<u32>().is_ok() => format!(" (process {})", text.trim()),
        _ => String::new(),
    }
}
