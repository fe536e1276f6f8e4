//! One module per subcommand: arguments in, a library call, a summary out.

pub mod build;
pub mod check;
pub mod docs;
pub mod export;
pub mod import;
pub mod init;
pub mod log;
pub mod new;
pub mod next;
pub mod review;
pub mod serve;
pub mod status;
pub mod sync;
pub mod tree;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Build(args) => build::run(&args, quiet),
        Command::Check(args) => check::run(&args, quiet),
        Command::Import(args) => import::run(&args, quiet),
        Command::Tree(args) => tree::run(&args),
        Command::Sync(args) => sync::run(&args, quiet),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Status(args) => status::run(&args),
        Command::Next(args) => next::run(&args),
        Command::Review(args) => review::run(&args),
        Command::Init(args) => init::run(&args, quiet),
        Command::Export(args) => export::run(&args),
        Command::Log(args) => log::run(&args, quiet),
        Command::Completions(args) => docs::completions(args.shell),
        Command::Man => docs::man(),
    }
}

impl From<&crate::cli::ContentArgs> for crate::site::SiteOptions {
    /// The site the content options name: its folder, with drafts if asked.
    fn from(args: &crate::cli::ContentArgs) -> Self {
        crate::site::SiteOptions::new(args.content.clone()).with_drafts(args.drafts)
    }
}
