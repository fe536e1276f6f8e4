//! The `waymark` command: parses arguments and hands them to the library.

use clap::{ColorChoice, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    one_heap();
    let cli = waymark::cli::Cli::parse();
    waymark::interrupt::install();
    // `auto` leaves it to anstream: colour only on a terminal, never under NO_COLOR.
    match cli.color {
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
        ColorChoice::Auto => {}
    }
    match waymark::cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            anstream::eprintln!("{}", waymark::cli::report(&e));
            ExitCode::FAILURE
        }
    }
}

/// Asks glibc's allocator for one heap shared by every thread, before any other starts: with
/// one per rendering thread, each kept its own high-water mark of freed page values, and a
/// 10,000-topic build peaked at 107 MB instead of 90 MB, for no measurable time
/// (bench/BENCHMARKS.md, "Issue 14: the full build closer to the floor").
fn one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter, called before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
