//! `waymark tree`: prints the roadmap of a content folder as a text tree.

use crate::cli::TreeArgs;
use crate::import::{TextNode, TextRoadmap, TextStatus, TreeOptions, print_tree};
use crate::model::{Roadmap, Status, TopicIdx};
use crate::site::{Site, SiteOptions};
use std::process::ExitCode;

/// Prints the tree; problems in the content are reported like `check` does.
pub fn run(args: &TreeArgs) -> anyhow::Result<ExitCode> {
    let site = Site::load(&SiteOptions {
        content: args.content.content.clone(),
        base_url: None,
        drafts: args.content.drafts,
    })?;
    if site.diagnostics.has_errors() {
        let mut d = site.diagnostics.clone();
        d.sort();
        return Err(crate::diagnostic::BuildFailed(d).into());
    }
    let text = print_tree(
        &to_text(&site.roadmap),
        &TreeOptions {
            ascii: args.ascii,
            depth: args.depth,
        },
    );
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// The roadmap as the text importer and printer know it.
pub fn to_text(roadmap: &Roadmap) -> TextRoadmap {
    TextRoadmap {
        title: roadmap.title.clone(),
        sections: children(roadmap, 0),
    }
}

fn children(roadmap: &Roadmap, idx: TopicIdx) -> Vec<TextNode> {
    roadmap.topics[idx]
        .children
        .iter()
        .map(|&c| {
            let t = &roadmap.topics[c];
            TextNode {
                title: t.title.clone(),
                status: t.status.map(|s| match s {
                    Status::Done => TextStatus::Done,
                    Status::InProgress => TextStatus::InProgress,
                    Status::NotStarted => TextStatus::NotStarted,
                    Status::Skipped => TextStatus::Skipped,
                }),
                tags: t.tags.clone(),
                note: t.note.clone(),
                icon: t.icon.clone(),
                children: children(roadmap, c),
            }
        })
        .collect()
}
