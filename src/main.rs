//! The `waymark` command: parses arguments and hands them to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = waymark::cli::Cli::parse();
    waymark::interrupt::install();
    match waymark::cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", waymark::cli::report(&e));
            ExitCode::FAILURE
        }
    }
}
