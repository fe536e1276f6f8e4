//! The site's settings from `waymark.yaml`; every key is optional and no file is needed.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Waymark's home: the repository URL, written once in Cargo.toml (`repository`) and read from
/// there by the footer, `waymark init` and the action (through `scripts/install.sh`).
pub const HOME_URL: &str = env!("CARGO_PKG_REPOSITORY");

/// Settings for one site.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(default)]
pub struct Config {
    /// The roadmap's title; else the content folder's `_index.md` title.
    pub title: Option<String>,
    /// One line about the roadmap, for the index and search engines.
    pub description: Option<String>,
    /// Whose roadmap this is.
    pub author: Option<String>,
    /// Where the site is published, such as `https://name.github.io/repo/`.
    pub base_url: Option<String>,
    /// The source repository, linked from the footer.
    pub repo_url: Option<String>,
    /// The theme under `themes/`; `default` is built in.
    pub theme: Option<String>,
    /// Words to show per status, keyed by `done`, `in-progress`, `not-started`, `skipped`.
    pub labels: BTreeMap<String, String>,
    /// Emoji to show per status, keyed like `labels`.
    pub emoji: BTreeMap<String, String>,
    /// The page language, `en` unless set.
    pub language: Option<String>,
    /// Words that mark a tag or note as a priority for "Now & next" (matched case-insensitively
    /// inside tags, inherited from sections, and notes); unset means Priority, Essential,
    /// Critical and Focus.
    pub priority_tags: Option<Vec<String>>,
    /// Reviews of done topics (spaced repetition); off unless set.
    pub review: Option<ReviewConfig>,
    /// What the percent counts: finished topics (the default) or steps.
    pub progress: ProgressRule,
    /// Hours in a day of study, for durations written in days and weeks; 6 unless set.
    pub hours_per_day: Option<u32>,
    /// Study time per week, such as `6h/week`: the index then projects a finish.
    pub pace: Option<String>,
    /// Whether code blocks in notes are highlighted by their language; on unless `false`.
    pub highlight: Option<bool>,
}

/// `review: { intervals: [3, 7, 21, 60, 180] }`: days from a topic's completion to its first
/// review, then between reviews; the last repeats.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(default)]
pub struct ReviewConfig {
    /// Days between reviews.
    pub intervals: Vec<u32>,
}

impl Config {
    /// The review intervals in days; empty when reviews are off.
    pub fn review_intervals(&self) -> &[u32] {
        self.review.as_ref().map_or(&[], |r| r.intervals.as_slice())
    }
}

/// What a node's percent counts (`progress:` in `waymark.yaml`).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ProgressRule {
    /// Done topics over tracked topics less the skipped ones.
    #[default]
    Topics,
    /// Each topic weighs one: a done topic counts whole, a topic with steps its ticked share.
    Steps,
}

/// Keys `waymark.yaml` understands.
const KNOWN: [&str; 15] = [
    "title",
    "description",
    "author",
    "base_url",
    "repo_url",
    "theme",
    "labels",
    "emoji",
    "language",
    "priority_tags",
    "review",
    "progress",
    "hours_per_day",
    "pace",
    "highlight",
];

impl Config {
    /// The config file's place for a site whose content folder is `content`.
    pub fn path_for(content: &Path) -> PathBuf {
        site_root(content).join("waymark.yaml")
    }

    /// Reads `waymark.yaml` if present; problems come back as diagnostics with their lines.
    pub fn load(path: &Path) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Config::default(), Vec::new()));
            }
            Err(e) => return Err(Diagnostic::error(path, 0, 0, format!("cannot read: {e}"))),
        };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let located = |e| invalid(path, text, &e);
        let config: Option<Config> = serde_saphyr::from_str(text).map_err(located)?;
        let keys: Option<BTreeMap<String, serde_saphyr::Spanned<serde::de::IgnoredAny>>> =
            serde_saphyr::from_str(text).map_err(located)?;
        let keys = keys.unwrap_or_default();
        if let (Some(url), Some(at)) = (
            config.as_ref().and_then(|c| c.base_url.as_deref()),
            keys.get("base_url"),
        ) && let Err(why) = check_base_url(url)
        {
            let (line, col) = (at.referenced.line(), at.referenced.column());
            return Err(Diagnostic::error(
                path,
                line as usize,
                col as usize,
                format!("base_url {why}"),
            )
            .with_source(text));
        }
        if let Some(d) = config.as_ref().and_then(|c| c.check_effort(&keys)) {
            return Err(Diagnostic::error(path, d.0, d.1, d.2).with_source(text));
        }
        Ok((config.unwrap_or_default(), unknown_keys(path, text, keys)))
    }

    /// A `pace:` or `hours_per_day:` that cannot be read: its line, column and why.
    fn check_effort(
        &self,
        keys: &BTreeMap<String, serde_saphyr::Spanned<serde::de::IgnoredAny>>,
    ) -> Option<(usize, usize, String)> {
        let at = |key: &str| {
            keys.get(key).map_or((1, 1), |v| {
                (v.referenced.line() as usize, v.referenced.column() as usize)
            })
        };
        if let Some(h) = self.hours_per_day.filter(|h| !(1..=24).contains(h)) {
            let (line, col) = at("hours_per_day");
            let why =
                format!("hours_per_day must be a whole number of hours from 1 to 24, not {h}");
            return Some((line, col, why));
        }
        let pace = self.pace.as_deref()?;
        if self.pace_minutes().is_some_and(|m| m > 0) {
            return None;
        }
        let (line, col) = at("pace");
        Some((
            line,
            col,
            format!(
                "pace must be study time per week: a duration such as {}, then `/week` (`6h/week`); not `{pace}`",
                crate::duration::FORMS
            ),
        ))
    }

    /// Hours in a day of study: `hours_per_day`, else 6.
    pub fn hours_per_day(&self) -> u32 {
        self.hours_per_day
            .unwrap_or(crate::duration::DEFAULT_HOURS_PER_DAY)
    }

    /// The study time per week `pace:` sets, in minutes (`6h/week` is 360).
    pub fn pace_minutes(&self) -> Option<u64> {
        let pace = self.pace.as_deref()?.trim();
        let (amount, per) = pace.split_once('/')?;
        if !matches!(
            per.trim().to_ascii_lowercase().as_str(),
            "week" | "wk" | "w"
        ) {
            return None;
        }
        let d = crate::duration::Duration::parse(amount)?;
        Some(d.minutes(self.hours_per_day()))
    }

    /// Whether a base URL is set, as an address or a path.
    pub fn has_base_url(&self) -> bool {
        self.base_url
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty())
    }

    /// The base URL when it is absolute (`https://…/`, one trailing slash): what a sitemap
    /// needs. `None` when there is none or it is only a path.
    pub fn absolute_base_url(&self) -> Option<String> {
        let url = self.base_url();
        let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        matches!(scheme.as_deref(), Some("http" | "https")).then_some(url)
    }

    /// The base URL with exactly one trailing slash, `/` when none is set.
    pub fn base_url(&self) -> String {
        match self.base_url.as_deref().map(str::trim) {
            None | Some("") => "/".to_string(),
            Some(u) => format!("{}/", u.trim_end_matches('/')),
        }
    }
}

/// Whether `url` can be a base URL: an `http://` or `https://` address with a host, or a path
/// from the server's root (`/site/`, for a site served under it on this machine); the reason
/// and a likely fix when it cannot. Empty means no base URL.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let url = url.trim();
    let rule = "a base URL starts with https:// or http://, or is a path from the server's root such as /site/";
    if url.is_empty() || (url.starts_with('/') && !url.starts_with("//")) {
        return Ok(());
    }
    if let Some(rest) = url.strip_prefix("//") {
        return Err(format!(
            "`{url}` has no scheme: did you mean `https://{rest}`? ({rule})"
        ));
    }
    match url.split_once("://") {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") =>
        {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            if host.is_empty() || host.contains(char::is_whitespace) {
                Err(format!("`{url}` has no host name ({rule})"))
            } else {
                Ok(())
            }
        }
        Some((scheme, rest)) => Err(format!(
            "`{url}` is a `{scheme}:` address, not a web address: did you mean `https://{rest}`? ({rule})"
        )),
        None => Err(format!(
            "`{url}` has no scheme: did you mean `https://{url}`? ({rule})"
        )),
    }
}

/// The folder holding `waymark.yaml` and `themes/`: the content folder's parent.
pub fn site_root(content: &Path) -> PathBuf {
    let abs = std::path::absolute(content).unwrap_or_else(|_| content.to_path_buf());
    abs.parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// waymark.yaml that is not valid YAML or does not fit the settings: the error at its line.
fn invalid(path: &Path, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, col) = e
        .location()
        .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
    let msg = e.without_snippet().to_string();
    let msg = msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]);
    Diagnostic::error(path, line, col, format!("invalid waymark.yaml: {msg}")).with_source(text)
}

/// A warning at each key of waymark.yaml that waymark does not know (it is ignored).
fn unknown_keys(
    path: &Path,
    text: &str,
    keys: BTreeMap<String, serde_saphyr::Spanned<serde::de::IgnoredAny>>,
) -> Vec<Diagnostic> {
    let known = KNOWN.join(", ");
    keys.into_iter()
        .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
        .map(|(k, v)| {
            let (line, col) = (v.referenced.line() as usize, v.referenced.column() as usize);
            let message = format!("unknown key `{k}` is ignored; known keys: {known}");
            Diagnostic::warning(path, line, col, message).with_source(text)
        })
        .collect()
}
