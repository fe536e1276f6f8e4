//! `waymark serve`: the live preview.

use crate::cli::ServeArgs;
use crate::serve::{ServeOptions, run as serve};
use crate::site::SiteOptions;
use std::process::ExitCode;

/// Serves the site until stopped.
pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    serve(ServeOptions {
        site: SiteOptions::from(&args.content).with_uncommitted(true),
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll,
    })?;
    Ok(ExitCode::SUCCESS)
}
