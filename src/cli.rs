//! Command-line arguments, each subcommand's run by its module in [`crate::cmd`].

use clap::{Args, ColorChoice, Parser, Subcommand};
use std::path::PathBuf;

/// waymark: a static site generator for personal learning roadmaps.
#[derive(Debug, Parser)]
#[command(name = "waymark", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Colour in diagnostics: auto (only on a terminal, never under NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print no summary line (problems are still reported).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from the content folder.
    Build(BuildArgs),
    /// Check the content for problems without writing anything.
    Check(CheckArgs),
    /// Turn a text roadmap (box tree, ascii tree, markdown checklist) or a roadmap folder into a
    /// content folder.
    Import(ImportArgs),
    /// Print the roadmap as a text tree.
    Tree(TreeArgs),
    /// Bring your roadmap in step with the reference it started from, keeping your progress.
    Sync(SyncArgs),
    /// Serve a live preview that rebuilds and reloads the browser on every save.
    Serve(ServeArgs),
    /// Create a topic file with its front matter (`not-started` unless --status or --group).
    New(NewArgs),
    /// Set a topic's status in its file, changing only that line.
    Status(StatusArgs),
    /// Print what to learn next: in progress, up next (unlocked), waiting on, due for review.
    Next(NextArgs),
    /// List the reviews due today, or record today's review of a done topic.
    Review(ReviewArgs),
    /// Start a new roadmap repository: settings, example content, README and Pages workflow.
    Init(InitArgs),
    /// Print the status changes recorded in git, newest first.
    Log(LogArgs),
    /// Print the roadmap as markdown, mermaid, markmap, dot, json or opml.
    Export(ExportArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l -` or a man1 folder.
    Man,
}

/// Arguments of `waymark completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `waymark log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    #[command(flatten)]
    /// Content options.
    pub content: ContentArgs,
    /// Only changes on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub since: Option<String>,
}

/// A `YYYY-MM-DD` date, refused with the form expected otherwise.
fn date(text: &str) -> Result<String, String> {
    if crate::dates::is_date(text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "`{text}` is not a date: write it YYYY-MM-DD, such as 2024-03-01"
        ))
    }
}

/// Arguments of `waymark export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format: markdown (a checklist), mermaid, markmap, dot (Graphviz), json
    /// (progress.json) or opml.
    #[arg(value_enum)]
    pub format: crate::export::Format,
    #[command(flatten)]
    /// Content options.
    pub content: ContentArgs,
    /// Write to this file instead of printing.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Link every title to its page at this published URL (default: `base_url` from
    /// waymark.yaml, when absolute).
    #[arg(long, value_parser = base_url)]
    pub base_url: Option<String>,
}

/// Arguments of `waymark new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The topic's title.
    pub title: String,
    /// The id (or title) of the topic to put it under; the top level if absent.
    #[arg(long)]
    pub parent: Option<String>,
    /// Its status: done, in-progress, not-started (the default) or skipped; in-progress and
    /// done also record today as `started:` or `completed:`.
    #[arg(long)]
    pub status: Option<String>,
    /// Make an untracked group (no status: shown, not counted) to hold other topics, instead
    /// of a topic.
    #[arg(long, conflicts_with = "status")]
    pub group: bool,
    /// Tags, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// The time it is expected to take: 45m, 6h, 2d (hours_per_day hours) or 1w (5 days).
    #[arg(long, value_parser = duration, value_name = "DURATION")]
    pub estimate: Option<String>,
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
}

/// `--estimate`, refused with the accepted forms unless it is a duration.
fn duration(text: &str) -> Result<String, String> {
    match crate::duration::Duration::parse(text) {
        Some(_) => Ok(text.trim().to_string()),
        None => Err(format!(
            "`{text}` is not a duration; use one such as {}",
            crate::duration::FORMS
        )),
    }
}

/// Arguments of `waymark status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The topic's id or title.
    pub topic: String,
    /// The new status: done, in-progress, not-started, skipped (or an alias or emoji).
    pub status: String,
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
}

/// Arguments of `waymark next`.
#[derive(Debug, Args)]
pub struct NextArgs {
    #[command(flatten)]
    /// Content options.
    pub content: ContentArgs,
    /// How many topics "Up next" suggests at most.
    #[arg(long, default_value_t = crate::model::plan::UP_NEXT)]
    pub limit: usize,
}

/// Arguments of `waymark review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// A done topic's id or title: records today in its `reviewed:` list.
    pub topic: Option<String>,
    /// List the reviews due within this many days from today too.
    #[arg(long, value_name = "DAYS", conflicts_with = "topic")]
    pub upcoming: Option<u32>,
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
}

/// Arguments of `waymark init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the new site: missing, empty, or a fresh clone (README, licence, .git).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Start from a text roadmap (box tree, ascii tree, markdown checklist) instead of the example.
    #[arg(long, value_name = "FILE")]
    pub import: Option<PathBuf>,
}

/// Arguments of `waymark serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    /// Content options.
    pub content: ContentArgs,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Anything but loopback shows the preview to your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in a browser.
    #[arg(long)]
    pub open: bool,
    /// Poll for changes, for file systems whose change events are unreliable.
    #[arg(long)]
    pub poll: bool,
}

/// Arguments of `waymark import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The text roadmap to read, or a folder (a waymark content folder, or markdown notes
    /// such as roadmap.sh's) to copy.
    pub file: PathBuf,
    /// The content folder to write into; `waymark.yaml` goes beside it.
    #[arg(long, default_value = "content")]
    pub into: PathBuf,
    /// Update files that exist already: the title, icon, note, order and new tags come from
    /// the text; notes, a status set since, dates and other keys are kept; each change is named.
    #[arg(long)]
    pub force: bool,
    /// Start a personal copy: every status becomes not-started and dates are dropped;
    /// titles, tags, notes and resources are kept.
    #[arg(long)]
    pub reset: bool,
}

/// Arguments of `waymark sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The reference: a text roadmap, a waymark content folder, or a folder of markdown
    /// notes (such as roadmap.sh's content folders).
    pub reference: PathBuf,
    /// Your content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Print the plan and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Move topics removed upstream to `content/.archive/` (never deleted) instead of keeping them.
    #[arg(long)]
    pub prune: bool,
    /// Also write the plan as markdown to FILE, for a pull request's description.
    #[arg(long, value_name = "FILE", conflicts_with = "dry_run")]
    pub report: Option<PathBuf>,
}

/// Arguments of `waymark tree`.
#[derive(Debug, Args)]
pub struct TreeArgs {
    #[command(flatten)]
    /// Content options.
    pub content: ContentArgs,
    /// Only ASCII: `|--` rails, `[x]` markers, no icons, other characters transliterated.
    #[arg(long)]
    pub ascii: bool,
    /// Print this many levels at most.
    #[arg(long)]
    pub depth: Option<usize>,
}

/// Where the content is and how to read it.
#[derive(Debug, Clone, Args)]
pub struct ContentArgs {
    /// The content folder; `waymark.yaml` and `themes/` sit beside it.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Include topics marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Arguments of `waymark build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    /// Content options.
    pub content: ContentArgs,
    /// Where to write the site.
    #[arg(long, default_value = "output")]
    pub output: PathBuf,
    /// The published URL, such as https://name.github.io/repo/ (overrides waymark.yaml); a
    /// path such as /site/ for a site served under it locally.
    #[arg(long, value_parser = base_url)]
    pub base_url: Option<String>,
    /// Fail at once if another build is writing the same output, instead of waiting for it.
    #[arg(long)]
    pub no_wait: bool,
}

/// Output formats of `waymark check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: error: message` with the line and a caret.
    Human,
    /// One JSON document with every diagnostic.
    Json,
}

/// Arguments of `waymark check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    /// Content options.
    pub content: ContentArgs,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// The text to print for a failed command: diagnostics as they are, other errors with causes;
/// styled for a terminal (print it through `anstream`, which drops the styles elsewhere).
pub fn report(e: &anyhow::Error) -> String {
    if let Some(failed) = e.downcast_ref::<crate::diagnostic::BuildFailed>() {
        return failed.0.render_styled("build failed: ");
    }
    let red = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    format!("{red}error:{red:#} {e:#}")
}

/// `--base-url`, refused with a likely fix unless it is a web address or a path.
fn base_url(url: &str) -> Result<String, String> {
    crate::config::check_base_url(url).map(|()| url.to_string())
}
