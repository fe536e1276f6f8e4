//! The roadmap's own site-wide pages: the index with the whole tree, and the 404 page.

use super::Inputs;
use super::job::Job;
use super::view::{NodeView, SiteView, Views};
use serde::Serialize;

/// What `index.html` sees.
#[derive(Serialize, Hash)]
struct IndexPage {
    site: SiteView,
    root: &'static str,
    /// Every node in tree order, with how many levels close after it.
    tree: Vec<NodeView>,
    sections: Vec<NodeView>,
    /// How many groups have no status of their own.
    groups: usize,
}

/// What `404.html` sees. It is served at any depth, so its links start from the base URL.
#[derive(Serialize, Hash)]
struct NotFoundPage {
    site: SiteView,
    root: String,
}

/// The index page's job.
pub fn index<'a>(inputs: &Inputs<'_>, views: &Views<'_>) -> Job<'a> {
    let r = inputs.roadmap;
    let view = IndexPage {
        site: views.site(),
        root: "",
        tree: views.tree(),
        sections: r.sections().iter().map(|&s| views.node(0, s)).collect(),
        groups: r.untracked_groups(),
    };
    Job::page("index.html", "index.html", view)
}

/// The 404 page's job.
pub fn not_found<'a>(inputs: &Inputs<'_>, views: &Views<'_>) -> Job<'a> {
    let view = NotFoundPage {
        site: views.site_meta(),
        root: inputs.config.base_url(),
    };
    Job::page("404.html", "404.html", view)
}
