//! `waymark tree`: prints the roadmap of a content folder as a text tree.

use crate::cli::TreeArgs;
use crate::import::{TreeOptions, print_tree};
use crate::site::{Site, SiteOptions};
use std::process::ExitCode;

/// Prints the tree; problems in the content are reported like `check` does.
pub fn run(args: &TreeArgs) -> anyhow::Result<ExitCode> {
    let site = Site::load(&SiteOptions::from(&args.content))?.checked()?;
    let text = print_tree(
        &site.roadmap.outline(),
        &TreeOptions {
            ascii: args.ascii,
            depth: args.depth,
        },
    );
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
