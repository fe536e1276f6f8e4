//! `waymark sync`: brings the user's content folder in step with the reference roadmap it
//! started from (a text roadmap, another content folder, or a folder of markdown notes such
//! as roadmap.sh's) while keeping every status, date and note the user wrote.
//!
//! The reference's topics are matched to the user's by their `source:` key (which `import`
//! and `sync` write), then by id, then by title: a title at least [`matcher::RENAMED`] alike
//! (Jaro-Winkler, case and spacing ignored) under the same or a matching parent is a rename,
//! and one at least [`matcher::MOVED`] alike under another parent is a move. The plan lists
//! what changed upstream; applying it writes every file beside its target first and moves
//! them into place only once all are written ([`apply`]).

mod apply;
mod layout;
mod links;
mod matcher;
mod mine;
mod order;
mod plan;
mod reference;
mod report;
mod text;

pub use apply::{Applied, apply};
pub use layout::ARCHIVE;
pub use matcher::{MOVED, RENAMED};
pub use mine::{Mine, load as load_mine};
pub use plan::{Line, Plan};
pub use reference::{Kind, Reference, read as read_reference};
pub use report::{kept_notes, markdown, terminal};
pub use text::Progress;

/// Loads a content folder and its roadmap as `build` does (`drafts` included or not), with
/// every error found, one per line, for the caller to refuse the folder by.
fn load_folder(
    dir: &std::path::Path,
    drafts: bool,
) -> anyhow::Result<(crate::content::Content, crate::model::Roadmap, Vec<String>)> {
    let content = crate::content::load_whole(dir)?;
    let (roadmap, problems) =
        crate::model::build_roadmap(&content, &crate::config::Config::default(), drafts);
    let errors = content
        .diagnostics
        .0
        .iter()
        .chain(&problems)
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    Ok((content, roadmap, errors))
}

/// Works out what bringing `mine` in step with `reference` takes; `prune` archives the
/// topics removed upstream, and `progress` says what a new topic's status is.
pub fn plan(
    reference: &Reference,
    mine: &Mine,
    prune: bool,
    progress: Progress,
) -> anyhow::Result<Plan> {
    plan::make(reference, mine, prune, progress)
}
