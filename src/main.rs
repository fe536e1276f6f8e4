//! The `waymark` command: parses arguments and hands them to the library.

use clap::{ColorChoice, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
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
