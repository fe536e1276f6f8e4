//! `waymark init`: a new roadmap site.

use crate::authoring::init::init;
use crate::cli::InitArgs;
use std::process::ExitCode;

/// Writes the new site and says what to do next.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    for path in init(&args.dir)? {
        println!("created {}", path.display());
    }
    println!("next: cd {} && waymark serve", args.dir.display());
    Ok(ExitCode::SUCCESS)
}
