//! Loads a content folder: finds the markdown files, reads them and parses their front matter.

mod body;
pub mod frontmatter;
mod ids;
mod plain_yaml;
mod refresh;
pub mod split;
mod status;
pub mod steps;
pub mod yaml_hint;

pub use crate::disk::is_ignored_name;
pub use frontmatter::{FrontMatter, Located, Resource};
pub use ids::{slug_of, split_prefix};
pub use status::{Status, UnknownStatus};
pub use steps::Step;

use crate::diagnostic::{Diagnostic, Diagnostics};
use anyhow::{Context, Result, bail};
use body::{bom_len, read_whole};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One markdown file of the content folder, read and with its front matter parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder, with `/` separators.
    pub rel: String,
    /// The path shown in messages.
    pub display: PathBuf,
    /// The file's text, without a byte-order mark; only up to `body_start` when `streamed`.
    pub text: String,
    /// Whether the body was let go after the front matter was read, to be read again from
    /// `display` when the notes are rendered (`read_body`), so a build never holds every
    /// file's notes at once.
    pub streamed: bool,
    /// What the front matter says.
    pub front: FrontMatter,
    /// Byte offset in `text` where the markdown body starts.
    pub body_start: usize,
    /// File line on which the body starts.
    pub body_line: usize,
    /// The task-list items of the notes, read before the body may be let go.
    pub steps: Vec<Step>,
    /// A fingerprint of `text`, taken when first asked for ([`SourceFile::fingerprint`]).
    text_print: std::sync::OnceLock<u64>,
    /// The length of the whole text as read: the size of the buffer that reads it again.
    pub len: usize,
}

impl SourceFile {
    /// The markdown after the front matter, as held in memory: empty when `streamed` (files
    /// without a `title:` in their front matter are never streamed, so their first heading can
    /// name them).
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }

    /// The whole text, with the body read again when it was streamed: for a message's line.
    pub fn whole_text(&self, body: &str) -> std::borrow::Cow<'_, str> {
        if self.streamed {
            std::borrow::Cow::Owned(format!("{}{body}", self.text))
        } else {
            std::borrow::Cow::Borrowed(&self.text)
        }
    }

    /// A fingerprint of `text`, taken the first time it is asked for and kept with the file:
    /// `serve` keeps the files it did not read again, so a rebuild after an edit fingerprints
    /// only the edited ones, not every file's text.
    pub fn fingerprint(&self) -> u64 {
        *(self.text_print).get_or_init(|| crate::hash::fingerprint(&[self.text.as_bytes()]))
    }

    /// Lets the body go once the front matter is read, when nothing before the render needs it.
    fn stream(&mut self) {
        if self.front.title.is_some() && self.body_start > 0 {
            self.text_print = std::sync::OnceLock::new();
            self.text.truncate(self.body_start);
            self.text.shrink_to_fit();
            self.streamed = true;
        }
    }

    /// Whether this file describes its folder (`_index.md`, `index.md` or `README.md`).
    pub fn is_folder_index(&self) -> bool {
        is_index_name(file_name(&self.rel))
    }
}

/// Everything read from a content folder, with the problems met on the way.
#[derive(Debug, Default)]
pub struct Content {
    /// The markdown files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Other files (images, PDFs…), published beside the pages, sorted by path.
    pub assets: Vec<Asset>,
    /// Files of the site's `static/` folder, published at the site root as they are.
    pub statics: Vec<Asset>,
    /// Problems per file (content-relative path), kept apart so one file can be read again.
    pub(crate) per_file: std::collections::BTreeMap<String, Vec<Diagnostic>>,
    /// Problems met while walking the folder.
    pub(crate) walk_problems: Vec<Diagnostic>,
    /// Problems in those files.
    pub diagnostics: Diagnostics,
}

/// A file of the content folder that is not markdown, published as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path relative to the content folder.
    pub rel: String,
    /// Path in the site: folders named as topic ids name them, the file name kept.
    pub site_path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Whether a file name is one that describes its folder rather than a topic of its own.
pub fn is_index_name(name: &str) -> bool {
    matches!(name, "_index.md" | "index.md") || name.eq_ignore_ascii_case("readme.md")
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Reads every markdown file under `dir`, keeping each file's body only where it must
/// (see `SourceFile::streamed`): for a build, which renders each topic's notes once.
pub fn load(dir: &Path) -> Result<Content> {
    load_files(dir, true)
}

/// Reads every markdown file under `dir` and keeps its whole text: for `serve`, which
/// renders again from the same content after each edit.
pub fn load_whole(dir: &Path) -> Result<Content> {
    load_files(dir, false)
}

fn load_files(dir: &Path, stream: bool) -> Result<Content> {
    if !dir.is_dir() {
        bail!(
            "no content folder at `{}`: create it, run `waymark init`, or pass --content DIR",
            dir.display()
        );
    }
    let (paths, others, walk) = find_files(dir);
    let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|(rel, path)| {
            let (mut file, problems) = read_file(rel, path)?;
            if let Some(f) = file.as_mut().filter(|_| stream && problems.is_empty()) {
                f.stream();
            }
            Ok((file, problems))
        })
        .collect::<Result<_>>()?;
    let mut files = Vec::with_capacity(read.len());
    let mut per_file = std::collections::BTreeMap::new();
    for ((rel, _), (file, problems)) in paths.into_iter().zip(read) {
        files.extend(file);
        per_file.insert(rel, problems);
    }
    let mut walk = walk;
    let mut assets = Vec::with_capacity(others.len());
    for (rel, path) in others {
        match std::fs::read(&path) {
            Ok(bytes) => assets.push(Asset {
                site_path: site_path(&rel),
                rel,
                bytes,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => walk.push(vanished(&path)),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }
    let mut content = Content {
        files,
        assets,
        statics: Vec::new(),
        per_file,
        walk_problems: walk.0,
        diagnostics: Diagnostics::default(),
    };
    content.collect_diagnostics();
    Ok(content)
}

/// The warning for a file that was deleted (or moved away) between the walk and its reading.
fn vanished(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        path,
        0,
        0,
        "deleted while the build was reading the folder; treated as deleted",
    )
}

/// Whether a folder holds a site waymark built (its output marker), never content to read.
fn holds_site(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir() && entry.path().join(crate::disk::OUTPUT_MARKER).is_file()
}

/// Whether a file really lives inside the content folder: files reached through a link to
/// somewhere else are never published.
fn inside(root: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(root))
}

/// Reads the site's `static/` folder, if any.
pub fn load_statics(dir: &Path) -> Result<Vec<Asset>> {
    crate::disk::files_under(dir)
        .into_iter()
        .map(|(rel, path)| {
            Ok(Asset {
                site_path: rel.clone(),
                rel,
                bytes: crate::disk::read(&path)?,
            })
        })
        .collect()
}

/// Where a content asset is published: its folders slugified like topic ids, its name kept.
pub(crate) fn site_path(rel: &str) -> String {
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    let n = parts.len();
    for p in &mut parts[..n - 1] {
        *p = slug_of(p);
    }
    parts.join("/")
}

type Found = Vec<(String, PathBuf)>;

/// Lists the markdown files and the other files under `dir` in a stable order, reporting
/// link loops.
fn find_files(dir: &Path) -> (Found, Found, Diagnostics) {
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut diagnostics = Diagnostics::default();
    let mut paths = Vec::new();
    let mut others = Vec::new();
    let mut sites = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 || is_ignored_name(&e.file_name().to_string_lossy()) {
                return e.depth() == 0;
            }
            let site = holds_site(e);
            if site {
                sites.push(e.path().to_path_buf());
            }
            !site
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(walk_error(&e, dir));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = crate::disk::rel_path(dir, entry.path());
        let is_md = entry
            .path()
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("md"));
        if is_md {
            paths.push((rel, entry.path().to_path_buf()));
        } else if inside(&root, entry.path()) {
            others.push((rel, entry.path().to_path_buf()));
        }
    }
    for site in sites {
        diagnostics.push(Diagnostic::warning(
            &site,
            0,
            0,
            format!("this folder holds a site waymark built (it has `{}`), not notes: it is skipped; keep --output outside the content folder", crate::disk::OUTPUT_MARKER),
        ));
    }
    (paths, others, diagnostics)
}

/// What a folder walk's failure means to the user: a file gone meanwhile, a broken symbolic
/// link (skipped), a link loop, or a file that cannot be read.
fn walk_error(e: &walkdir::Error, dir: &Path) -> Diagnostic {
    let at = e.path().unwrap_or(dir).to_path_buf();
    if e.io_error().map(std::io::Error::kind) == Some(std::io::ErrorKind::NotFound)
        && e.path().is_some()
        && std::fs::symlink_metadata(&at).is_err()
    {
        return vanished(&at);
    }
    if let Ok(to) = std::fs::read_link(&at)
        && !at.exists()
    {
        return Diagnostic::warning(
            &at,
            0,
            0,
            format!(
                "broken symbolic link: it points to `{}`, which does not exist; it is skipped",
                to.display()
            ),
        );
    }
    let message = if e.loop_ancestor().is_some() {
        "symbolic link loop: this link points back to a folder that contains it; remove the link"
            .to_string()
    } else {
        format!(
            "cannot read: {}",
            e.io_error()
                .map_or_else(|| e.to_string(), ToString::to_string)
        )
    };
    Diagnostic::error(&at, 0, 0, message)
}

pub(crate) fn read_file(rel: &str, path: &Path) -> Result<(Option<SourceFile>, Vec<Diagnostic>)> {
    // One open and read: a file an editor replaces by a rename meanwhile is read whole, as it
    // was or as it is.
    let bytes = match read_whole(path, 16 * 1024) {
        Ok(mut bytes) => {
            // Kept whole by `serve` (and for files without a title): no spare capacity then.
            bytes.shrink_to_fit();
            bytes
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((None, vec![vanished(path)]));
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let bom = bom_len(&bytes);
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // The file is still read (lossily) so its topic exists and links to it resolve;
            // the error stops the build all the same.
            let d = not_utf8(path, e.as_bytes(), e.utf8_error().valid_up_to(), bom);
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let text = match text.strip_prefix('\u{FEFF}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            let (file, mut problems) = parse_text(rel, path, text);
            problems.insert(
                0,
                d.with_source(file.as_ref().map_or("", |f| f.text.as_str())),
            );
            return Ok((file, problems));
        }
    };
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(parse_text(rel, path, text))
}

/// The error for a file that is not UTF-8, at the line and column of the first bad byte.
fn not_utf8(path: &Path, bytes: &[u8], offset: usize, bom: usize) -> Diagnostic {
    let valid = bytes.get(bom..offset).unwrap_or_default();
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = std::str::from_utf8(&valid[line_start..]).map_or(1, |s| s.chars().count() + 1);
    let byte = bytes.get(offset).copied().unwrap_or_default();
    Diagnostic::error(
        path,
        line,
        column,
        format!(
            "not UTF-8 text: invalid byte 0x{byte:02X} at byte offset {offset}; save the file as UTF-8"
        ),
    )
}

/// Splits and parses one file's text.
pub fn parse_text(
    rel: &str,
    display: &Path,
    text: String,
) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let parts = match split::split(&text) {
        Ok(p) => p,
        Err(split::Unclosed) => {
            let d = Diagnostic::error(display, 1, 1, "front matter opened with `---` on line 1 is never closed; add a line `---` after the last `key: value` line")
                .with_source(&text);
            // Kept, without front matter, so its topic exists and links to it resolve.
            let file = SourceFile {
                rel: rel.to_string(),
                display: display.to_path_buf(),
                len: text.len(),
                text,
                streamed: false,
                front: FrontMatter::default(),
                body_start: 0,
                body_line: 1,
                steps: Vec::new(),
                text_print: std::sync::OnceLock::new(),
            };
            return (Some(file), vec![d]);
        }
    };
    let (front, problems) = match parts.yaml {
        Some(yaml) => frontmatter::parse(&frontmatter::Source {
            file: display,
            yaml,
            first_line: parts.yaml_line,
        }),
        None => (FrontMatter::default(), Vec::new()),
    };
    let body_line = parts.body_line;
    let steps = steps::steps_in(parts.body, body_line);
    let mut problems = problems;
    problems.extend(steps::done_with_unticked(display, &front, &steps));
    let problems = problems.into_iter().map(|d| d.with_source(&text)).collect();
    let body_start = text.len() - parts.body.len();
    let file = SourceFile {
        rel: rel.to_string(),
        display: display.to_path_buf(),
        len: text.len(),
        text,
        streamed: false,
        front,
        body_start,
        body_line,
        steps,
        text_print: std::sync::OnceLock::new(),
    };
    (Some(file), problems)
}

#[cfg(test)]
mod vanished_tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn a_file_gone_between_the_walk_and_the_read_is_a_warning() {
        let dir = std::env::temp_dir().join(format!("waymark-vanished-{}", std::process::id()));
        let path = dir.join("gone.md");
        let (file, problems) = super::read_file("gone.md", &path).unwrap();
        assert!(file.is_none());
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [format!(
                "{}: warning: deleted while the build was reading the folder; treated as deleted",
                path.display()
            )]
        );
    }
}
