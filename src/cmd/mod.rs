//! One module per subcommand: arguments in, a library call, a summary out.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod status;
pub mod tree;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Tree(args) => tree::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Status(args) => status::run(&args),
        Command::Init(args) => init::run(&args),
    }
}

impl From<&crate::cli::ContentArgs> for crate::site::SiteOptions {
    /// The site the content options name: its folder, with drafts if asked.
    fn from(args: &crate::cli::ContentArgs) -> Self {
        crate::site::SiteOptions::new(args.content.clone()).with_drafts(args.drafts)
    }
}
