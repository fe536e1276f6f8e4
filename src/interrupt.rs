//! Ctrl-C, SIGTERM and SIGHUP: a command stops only between file writes, never in the middle of
//! one, and says what it left behind.
//!
//! Code that must not be cut short (writing one file and renaming it into place, swapping the
//! output folder) runs inside [`critical`]. A signal waits for every such section under way,
//! lets none start, runs what the command set with [`on_stop`] (remove a working folder, close
//! connections) and ends the process with the code that returns.

use std::sync::{Mutex, PoisonError, RwLock};

/// Held shared by each critical section, and for good by the signal handler.
static SECTIONS: RwLock<()> = RwLock::new(());

type OnStop = Box<dyn FnOnce() -> i32 + Send>;

/// What the running command does when stopped.
static ON_STOP: Mutex<Option<OnStop>> = Mutex::new(None);

/// The exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
pub const INTERRUPTED: i32 = 130;

/// Installs the handler; the binary calls it once. Until a command calls [`on_stop`], a
/// signal ends the process with [`INTERRUPTED`] once the file being written is in place.
pub fn install() {
    if let Err(e) = ctrlc::set_handler(stop) {
        eprintln!("warning: cannot handle Ctrl-C ({e}); stopping may leave a file half-written");
    }
}

/// Sets what the command does when stopped: `f` runs after every critical section has ended,
/// and returns the exit status.
pub fn on_stop(f: impl FnOnce() -> i32 + Send + 'static) {
    *ON_STOP.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::new(f));
}

/// Runs `f` to its end even if a signal arrives meanwhile; the signal is handled after.
pub fn critical<T>(f: impl FnOnce() -> T) -> T {
    let _section = SECTIONS.read().unwrap_or_else(PoisonError::into_inner);
    f()
}

fn stop() {
    // Never released: the process ends with this lock held, so no new section starts.
    let _all = SECTIONS.write().unwrap_or_else(PoisonError::into_inner);
    let then = ON_STOP
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    let code = match then {
        Some(f) => f(),
        None => {
            eprintln!("interrupted");
            INTERRUPTED
        }
    };
    std::process::exit(code);
}
