//! The theme: built-in templates and assets compiled into the binary, overridden file by file
//! from the site's `themes/<name>/`.

use crate::diagnostic::Diagnostic;
use crate::disk::files_under;
use std::borrow::Cow;
use std::path::Path;
use tera::Tera;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// Templates of the built-in theme.
const TEMPLATES: [(&str, &str); 21] = builtin![
    "base.html",
    "index.html",
    "index-row.html",
    "print-entry.html",
    "print-topic.html",
    "topic.html",
    "404.html",
    "macros.html",
    "map.html",
    "tags.html",
    "tag.html",
    "next.html",
    "timeline.html",
    "burn-up.svg",
    "heatmap.svg",
    "map.svg",
    "badge.svg",
    "card.svg",
    "print.html",
    "feed.xml",
    "sitemap.xml",
];

/// Static files of the built-in theme, copied to the site root.
const ASSETS: [(&str, &[u8]); 7] = [
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "highlight.css",
        include_bytes!("../../themes/default/static/highlight.css"),
    ),
    (
        "diagrams.js",
        include_bytes!("../../themes/default/static/diagrams.js"),
    ),
    // Mermaid, pinned and built by scripts/theme-assets/build.sh; its licence beside it.
    (
        "mermaid.min.js",
        include_bytes!("../../themes/default/static/mermaid.min.js"),
    ),
    (
        "mermaid.LICENSE.txt",
        include_bytes!("../../themes/default/static/mermaid.LICENSE.txt"),
    ),
];

/// Compiled templates and the files to copy beside the pages.
pub struct Theme {
    /// The template engine, every template compiled once.
    pub tera: Tera,
    /// Static files as `(path in the site, bytes)`, sorted by path: the built-in ones
    /// borrowed from the binary rather than copied (mermaid's alone is 3.6 MB).
    pub assets: Vec<(String, Cow<'static, [u8]>)>,
    /// The theme's name, for messages.
    pub name: String,
    /// A fingerprint of every template's text, so cached pages are dropped when one changes.
    pub fingerprint: u64,
}

impl Theme {
    /// Loads the built-in theme, then the site's overrides from `site_root/themes/<name>/`.
    pub fn load(site_root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let dir = site_root.join("themes").join(name);
        if name != "default" && !dir.is_dir() {
            return Err(Diagnostic::error(
                &dir,
                0,
                0,
                format!(
                    "theme `{name}` not found: create themes/{name}/ beside waymark.yaml, or remove `theme:`"
                ),
            ));
        }
        let mut templates: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut assets: Vec<(String, Cow<'static, [u8]>)> = ASSETS
            .iter()
            .map(|(n, b)| (n.to_string(), Cow::Borrowed(*b)))
            .collect();
        for (rel, path) in files_under(&dir.join("templates")) {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Diagnostic::error(&path, 0, 0, format!("cannot read template: {e}"))
            })?;
            upsert(&mut templates, rel, text);
        }
        for (rel, path) in files_under(&dir.join("static")) {
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostic::error(&path, 0, 0, format!("cannot read theme file: {e}"))
            })?;
            upsert(&mut assets, rel, Cow::Owned(bytes));
        }
        assets.sort();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                Diagnostic::error(
                    &dir.join("templates"),
                    0,
                    0,
                    format!("template error: {}", error_chain(&e)),
                )
            })?;
        let texts: Vec<&[u8]> = templates
            .iter()
            .flat_map(|(n, t)| [n.as_bytes(), t.as_bytes()])
            .collect();
        let fingerprint = crate::hash::fingerprint(&texts);
        Ok(Theme {
            tera,
            assets,
            fingerprint,
            name: name.to_string(),
        })
    }
}

fn upsert<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

/// A template error with its causes, on one line each.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}
