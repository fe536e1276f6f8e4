//! The `waymark` command: parses arguments and hands them to the library.

use clap::{ColorChoice, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    large_blocks_returned();
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

/// Keeps glibc's allocator from holding freed page buffers: its threshold for serving a large
/// block straight from the kernel normally rises to the largest block freed so far, after which
/// the megabytes of the index, search and print pages stay in each thread's heap as its
/// high-water mark. Fixed at glibc's 128 KiB default, a 10,000-topic build peaks at 96 MB
/// instead of 109 MB in the same time. One heap for every thread (`M_ARENA_MAX` 1) also gave
/// 90 MB, but its lock made the build 60 % slower on two cores (bench/BENCHMARKS.md, "End of
/// the evening").
fn large_blocks_returned() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter, called before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
