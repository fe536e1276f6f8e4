//! The site's non-page files: badges, `progress.json`, `sitemap.xml`, `.nojekyll`, theme assets.

use super::view::Views;
use super::{Inputs, Page, badge, json};
use crate::model::Status;
use serde::Serialize;

/// Every extra file, unsorted.
pub fn files(inputs: &Inputs<'_>, views: &Views<'_>) -> Vec<Page> {
    let mut pages = badges(inputs);
    pages.push(Page {
        path: "progress.json".into(),
        bytes: json(&progress(inputs, views)),
    });
    pages.push(Page {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    });
    pages.extend(inputs.theme.assets.iter().map(|(path, bytes)| Page {
        path: path.clone(),
        bytes: bytes.clone(),
    }));
    let content = inputs.content;
    pages.extend(content.assets.iter().chain(&content.statics).map(|a| Page {
        path: a.site_path.clone(),
        bytes: a.bytes.clone(),
    }));
    pages
}

fn badges(inputs: &Inputs<'_>) -> Vec<Page> {
    let r = inputs.roadmap;
    let mut out = vec![Page {
        path: "badges/roadmap.svg".into(),
        bytes: badge::badge("roadmap", r.progress().percent()).into_bytes(),
    }];
    for &s in r.sections() {
        let t = &r.topics[s];
        let name = t.id.replace('/', "-");
        out.push(Page {
            path: format!("badges/{name}.svg"),
            bytes: badge::badge(&t.title.to_lowercase(), t.progress.percent()).into_bytes(),
        });
    }
    out
}

#[derive(Serialize)]
struct ProgressFile<'a> {
    title: &'a str,
    total: usize,
    counts: &'a crate::model::Progress,
    percent: u32,
    topics: Vec<TopicEntry<'a>>,
}

#[derive(Serialize)]
struct TopicEntry<'a> {
    id: &'a str,
    title: &'a str,
    status: Option<Status>,
    parent: Option<&'a str>,
    depth: usize,
    url: String,
    tags: &'a [String],
}

fn progress<'a>(inputs: &'a Inputs<'_>, views: &Views<'_>) -> ProgressFile<'a> {
    let r = inputs.roadmap;
    let _ = views;
    ProgressFile {
        title: &r.title,
        total: r.progress().tracked(),
        counts: r.progress(),
        percent: r.progress().percent(),
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
                }
            })
            .collect(),
    }
}

/// `sitemap.xml`: every page of the site (`…/index.html`) at its clean URL, in path order;
/// `None` without an absolute base URL, as a sitemap's addresses must be absolute.
pub fn sitemap<'p>(inputs: &Inputs<'_>, paths: impl IntoIterator<Item = &'p str>) -> Option<Page> {
    let base = inputs.config.absolute_base_url()?;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        if let Some(dir) = path.strip_suffix("index.html")
            && (dir.is_empty() || dir.ends_with('/'))
        {
            let url = format!("{base}{}", super::url_encode(dir));
            s.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&url)));
        }
    }
    s.push_str("</urlset>\n");
    Some(Page {
        path: "sitemap.xml".into(),
        bytes: s.into_bytes(),
    })
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
