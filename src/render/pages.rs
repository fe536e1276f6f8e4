//! The roadmap's own site-wide pages: the index with the whole tree, and the 404 page.

use super::Inputs;
use super::job::{Job, Make, Variables, value_of};
use super::rows::tree_node;
use super::view::{Markup, NodeView, SiteView, Views, markup_values};
use crate::diagnostic::Diagnostics;
use serde::Serialize;

/// What `index.html` sees.
#[derive(Hash)]
struct IndexPage {
    site: SiteView,
    root: &'static str,
    /// Every node's part of the tree in tree order, made by `index-row.html`.
    tree_rows: Vec<Markup>,
    sections: Vec<NodeView>,
    /// How many groups have no status of their own.
    groups: usize,
}

/// The rows go to the template as shared values: converting them through `Serialize` would
/// copy every row's markup on every render.
impl Variables for IndexPage {
    fn variables(&self) -> Result<tera::Context, tera::Error> {
        let mut context = tera::Context::new();
        context.insert_value("site", value_of(&self.site)?);
        context.insert_value("root", tera::Value::from(self.root));
        context.insert_value("tree_rows", markup_values(&self.tree_rows));
        context.insert_value("sections", value_of(&self.sections)?);
        context.insert_value("groups", value_of(&self.groups)?);
        Ok(context)
    }
}

/// What `404.html` sees. It is served at any depth, so its links start from the base URL.
#[derive(Serialize, Hash)]
struct NotFoundPage {
    site: SiteView,
    root: String,
}

/// What `index-row.html` sees: one node of the index's tree, with how many levels close
/// after it.
#[derive(Serialize, Hash)]
struct IndexRow {
    n: NodeView,
}

/// The index page's job. Its rows are parts made once and reused while their node's view is
/// the same, so a status edit makes again only the rows it changes.
pub(super) fn index<'a>(on: &super::On<'_>) -> Result<Job<'a>, Diagnostics> {
    let (r, views) = (on.inputs.roadmap, on.views);
    let row = |i: usize, views: &Views<'_>| {
        let n = tree_node(views, i);
        Ok(Make::Template(ROW, Box::new(IndexRow { n })))
    };
    let run = (ROW, r.order.len(), "index.html");
    let tree_rows = on.rows.run(run, views, on.exec, |_| 0, row)?;
    let view = IndexPage {
        site: views.site(),
        root: "",
        tree_rows,
        sections: r.sections().iter().map(|&s| views.node(0, s)).collect(),
        groups: r.untracked_groups(),
    };
    Ok(Job::shaped_page("index.html", "index.html", view))
}

/// The template of one row of the index's tree.
const ROW: &str = "index-row.html";

/// The 404 page's job.
pub fn not_found<'a>(inputs: &Inputs<'_>, views: &Views<'_>) -> Job<'a> {
    let view = NotFoundPage {
        site: views.site_meta(),
        root: inputs.config.base_url(),
    };
    Job::page("404.html", "404.html", view)
}
