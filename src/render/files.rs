//! The site's files beside its pages: badges, `progress.json`, `sitemap.xml`, `.nojekyll`,
//! the theme's assets and the content's own files.

use super::job::{Job, Written};
use super::{Inputs, badge, url_encode};
use crate::export::{self, Format, Outline};
use crate::hash::hash_of;
use crate::model::{Progress, Status, Steps};
use serde::{Serialize, Serializer};
use std::sync::Arc;

/// Every file but the sitemap, unsorted.
pub fn jobs<'a>(inputs: &Inputs<'a>) -> Vec<Job<'a>> {
    let mut jobs = badges(inputs);
    jobs.push(Job::json("progress.json", progress(inputs.roadmap)));
    jobs.extend(exports(inputs));
    jobs.push(Job::copy(".nojekyll", &[]));
    jobs.extend(theme_assets(inputs, false));
    let content = inputs.content;
    jobs.extend(
        content
            .assets
            .iter()
            .chain(&content.statics)
            .map(|a| Job::copy(a.site_path.clone(), &a.bytes)),
    );
    jobs
}

/// The theme's files that draw Mermaid diagrams: published only when some page has one, as
/// mermaid is megabytes that a site without diagrams would carry for nothing.
const DIAGRAM_ASSETS: [&str; 3] = ["mermaid.min.js", "mermaid.LICENSE.txt", "diagrams.js"];

/// The theme's diagram files, for a site where some page has a diagram.
pub fn diagram_assets<'a>(inputs: &Inputs<'a>) -> Vec<Job<'a>> {
    theme_assets(inputs, true).collect()
}

/// The theme's files that draw diagrams (`diagrams`) or all the others, as published.
fn theme_assets<'a>(inputs: &Inputs<'a>, diagrams: bool) -> impl Iterator<Item = Job<'a>> {
    let assets = &inputs.theme.assets;
    assets
        .iter()
        .filter(move |(path, _)| DIAGRAM_ASSETS.contains(&path.as_str()) == diagrams)
        .map(|(path, bytes)| Job::copy(path.clone(), bytes.as_ref()))
}

/// A badge for the whole roadmap and one per section.
fn badges<'a>(inputs: &Inputs<'a>) -> Vec<Job<'a>> {
    let r = inputs.roadmap;
    let mut out = vec![Job::page(
        "badges/roadmap.svg",
        "badge.svg",
        badge::badge("roadmap", r.progress().percent()),
    )];
    for (dark, path) in [(false, "badges/card.svg"), (true, "badges/card-dark.svg")] {
        out.push(Job::page(path, "card.svg", badge::card(r, dark)));
    }
    for &s in r.sections() {
        let t = &r.topics[s];
        let name = t.id.replace('/', "-");
        let view = badge::badge(&t.title.to_lowercase(), t.progress.percent());
        out.push(Job::page(format!("badges/{name}.svg"), "badge.svg", view));
    }
    out
}

#[derive(Serialize, Hash)]
struct ProgressFile<'a> {
    title: &'a str,
    total: usize,
    counts: &'a Progress,
    percent: u32,
    /// What the percent counts: `topics` or `steps`.
    rule: &'static str,
    /// Estimated hours left in the whole roadmap (0 when nothing is estimated).
    hours_left: Hours,
    /// With `pace:`: the month the time left runs out, `YYYY-MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    projected_finish: Option<&'a str>,
    /// The build date the projection was made on.
    #[serde(skip_serializing_if = "Option::is_none")]
    projected_on: Option<&'a str>,
    topics: Vec<TopicEntry<'a>>,
}

/// Minutes written as hours, to two decimals.
#[derive(Hash)]
struct Hours(u64);

impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let hours = crate::duration::hours_number(self.0);
        if hours.fract() == 0.0 {
            s.serialize_u64(hours as u64)
        } else {
            s.serialize_f64(hours)
        }
    }
}

#[derive(Serialize, Hash)]
struct TopicEntry<'a> {
    id: &'a str,
    title: &'a str,
    status: Option<Status>,
    parent: Option<&'a str>,
    depth: usize,
    url: String,
    tags: &'a [String],
    /// The ids its `requires:` names.
    requires: Vec<&'a str>,
    /// Whether a requirement is neither done nor skipped.
    blocked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<Steps>,
    /// Whether the status was derived from the subtopics and steps (`status: auto`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    auto: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    estimate_hours: Option<Hours>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spent_hours: Option<Hours>,
}

/// `progress.json`'s bytes, as the site publishes them: for `waymark export json`.
pub fn progress_json(roadmap: &crate::model::Roadmap) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&progress(roadmap)).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn progress(r: &crate::model::Roadmap) -> ProgressFile<'_> {
    ProgressFile {
        title: &r.title,
        total: r.progress().tracked(),
        counts: r.progress(),
        percent: r.progress().percent(),
        rule: match r.rule {
            crate::config::ProgressRule::Topics => "topics",
            crate::config::ProgressRule::Steps => "steps",
        },
        hours_left: Hours(r.effort.left.unwrap_or(0)),
        projected_finish: r.effort.projection.as_ref().map(|p| p.month.as_str()),
        projected_on: r.effort.projection.as_ref().map(|p| p.computed_on.as_str()),
        topics: r
            .order
            .iter()
            .map(|&i| {
                let t = &r.topics[i];
                TopicEntry {
                    id: &t.id,
                    title: &t.title,
                    status: t.status,
                    parent: t
                        .parent
                        .filter(|&p| p != 0)
                        .map(|p| r.topics[p].id.as_str()),
                    depth: t.depth,
                    url: t.url(),
                    tags: &t.tags,
                    requires: t
                        .requires
                        .iter()
                        .map(|&q| r.topics[q].id.as_str())
                        .collect(),
                    blocked: t.blocked,
                    steps: t.steps,
                    auto: t.auto,
                    estimate_hours: t.estimate.map(Hours),
                    spent_hours: t.spent.map(Hours),
                }
            })
            .collect(),
    }
}

/// An export of the roadmap, written by [`crate::export`].
#[derive(Hash)]
struct ExportFile {
    format: Format,
    outline: Arc<Outline>,
}

impl Written for ExportFile {
    fn key(&self) -> u64 {
        hash_of(self)
    }

    fn write(&self) -> Vec<u8> {
        export::write(self.format, &self.outline)
            .unwrap_or_default()
            .into_bytes()
    }
}

/// `export/` with the roadmap as markdown, mermaid and OPML, written from one outline.
fn exports<'a>(inputs: &Inputs<'_>) -> Vec<Job<'a>> {
    let outline = Arc::new(Outline::of(
        inputs.roadmap,
        inputs.config.absolute_base_url(),
    ));
    EXPORTED
        .into_iter()
        .map(|format| {
            let path = format!("export/roadmap.{}", format.extension());
            let file = ExportFile {
                format,
                outline: outline.clone(),
            };
            Job::written(path, file)
        })
        .collect()
}

/// The exports the site publishes in `export/`.
pub const EXPORTED: [Format; 3] = [Format::Markdown, Format::Mermaid, Format::Opml];

/// What `sitemap.xml` lists.
#[derive(Serialize, Hash)]
struct Sitemap {
    /// Absolute URLs.
    urls: Vec<String>,
}

/// `sitemap.xml`: every page of the site (`…/index.html`) at its clean URL, in path order;
/// `None` without an absolute base URL, as a sitemap's addresses must be absolute.
pub fn sitemap<'a, 'p>(
    inputs: &Inputs<'_>,
    paths: impl IntoIterator<Item = &'p str>,
) -> Option<Job<'a>> {
    let base = inputs.config.absolute_base_url()?;
    let urls = paths
        .into_iter()
        .filter_map(|path| path.strip_suffix("index.html"))
        .filter(|dir| dir.is_empty() || dir.ends_with('/'))
        .map(|dir| format!("{base}{}", url_encode(dir)))
        .collect();
    Some(Job::page("sitemap.xml", "sitemap.xml", Sitemap { urls }))
}
