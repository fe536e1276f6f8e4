//! Reads a topic's YAML front matter into typed fields, reporting each problem at its own line.

use super::Status;
use super::plain_yaml::{self, Entry};
use crate::dates::is_date;
use crate::diagnostic::Diagnostic;
use crate::duration::Duration;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// A value together with the file position it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file.
    pub column: usize,
}

/// A link to learning material listed under a topic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Resource {
    /// What to show.
    pub title: String,
    /// Where it lives.
    pub url: String,
    /// An optional kind, such as `video`, `book` or `course`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Whether the learner has been through it; set, it makes the resource a step.
    pub done: Option<bool>,
}

/// Everything a topic file may say about itself in its front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Shown name.
    pub title: Option<String>,
    /// Where the learner stands; none for an untracked group.
    pub status: Option<Located<Status>>,
    /// `status: auto`, where it is written: the status follows the subtopics and steps.
    pub auto: Option<Located<()>>,
    /// Labels such as `Job Essential`.
    pub tags: Vec<String>,
    /// A short annotation such as "You have this".
    pub note: Option<String>,
    /// One sentence for listings.
    pub summary: Option<String>,
    /// An emoji or short text shown before the title.
    pub icon: Option<String>,
    /// Learning material.
    pub resources: Vec<Resource>,
    /// Where `resources:` is written: the line and column its resources' steps are told at.
    pub resources_at: (usize, usize),
    /// When the learner began (`YYYY-MM-DD`).
    pub started: Option<Located<String>>,
    /// When the learner finished (`YYYY-MM-DD`).
    pub completed: Option<Located<String>>,
    /// Position among siblings.
    pub order: Option<i64>,
    /// The id of the topic this one sits under, wherever its file lives.
    pub parent: Option<Located<String>>,
    /// Left out of the build unless drafts are asked for.
    pub draft: bool,
    /// Topics to learn first: ids or paths to their files, each resolved by the model.
    pub requires: Option<Located<Vec<String>>>,
    /// The days the topic was reviewed (`YYYY-MM-DD`), for the review schedule.
    pub reviewed: Option<Located<Vec<String>>>,
    /// `review: false` leaves a done topic out of the review schedule.
    pub review: Option<bool>,
    /// Where the topic came from in the reference roadmap it was imported from (a path, id or
    /// title path), which `waymark sync` matches it by.
    pub source: Option<String>,
    /// The time the topic is expected to take.
    pub estimate: Option<Located<Duration>>,
    /// The time spent on it so far.
    pub spent: Option<Located<Duration>>,
}

/// The keys waymark understands; others draw a warning.
pub const KNOWN_KEYS: [&str; 20] = [
    "title",
    "status",
    "tags",
    "note",
    "summary",
    "icon",
    "resources",
    "started",
    "completed",
    "order",
    "weight",
    "parent",
    "draft",
    "description",
    "requires",
    "reviewed",
    "review",
    "source",
    "estimate",
    "spent",
];

/// Where the YAML sits in the file, to turn YAML positions into file positions.
pub struct Source<'a> {
    /// The file, as shown in messages.
    pub file: &'a Path,
    /// The YAML text.
    pub yaml: &'a str,
    /// The file line the YAML starts on.
    pub first_line: usize,
}

type Map = BTreeMap<String, Entry>;

/// Parses front matter; problems are returned beside whatever could be read.
pub fn parse(src: &Source<'_>) -> (FrontMatter, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    // YAML breaks lines at a lone CR too; lines are counted at LF, so a lone CR reads as a space.
    let yaml = lone_cr_as_space(src.yaml);
    let map: Map = match plain_yaml::parse(&yaml) {
        Some(map) => map,
        None => match plain_yaml::full(&yaml) {
            Ok(map) => map,
            Err(e) => {
                problems.push(super::yaml_hint::yaml_error(src, &e));
                return (FrontMatter::default(), problems);
            }
        },
    };
    let mut reader = Reader {
        src,
        problems,
        bad_status: false,
    };
    let fm = reader.read(&map);
    (fm, reader.problems)
}

fn lone_cr_as_space(yaml: &str) -> std::borrow::Cow<'_, str> {
    if !yaml.contains('\r') {
        return yaml.into();
    }
    let mut out = String::with_capacity(yaml.len());
    let mut chars = yaml.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            ' '
        } else {
            c
        });
    }
    out.into()
}

struct Reader<'a> {
    src: &'a Source<'a>,
    problems: Vec<Diagnostic>,
    /// A `status:` was written but could not be read: its error is the one message.
    bad_status: bool,
}

impl Reader<'_> {
    fn read(&mut self, map: &Map) -> FrontMatter {
        let mut fm = FrontMatter::default();
        for (key, value) in map {
            match key.as_str() {
                "title" => fm.title = self.text(key, value),
                "status" if is_auto(&value.value) => fm.auto = Some(self.locate((), value)),
                "status" => fm.status = self.status(value),
                "tags" => fm.tags = self.text_list(key, value),
                "note" => fm.note = self.text(key, value),
                "summary" | "description" => fm.summary = self.text(key, value),
                "icon" => fm.icon = self.text(key, value),
                "resources" => {
                    fm.resources = self.resources(value);
                    fm.resources_at = self.position(value);
                }
                "started" => fm.started = self.date(key, value),
                "completed" => fm.completed = self.date(key, value),
                "order" | "weight" => fm.order = self.integer(key, value).or(fm.order),
                "parent" => fm.parent = self.text(key, value).map(|v| self.locate(v, value)),
                "draft" => fm.draft = self.boolean(key, value),
                "requires" => {
                    let list = self.text_list(key, value);
                    fm.requires = (!list.is_empty()).then(|| self.locate(list, value));
                }
                "reviewed" => fm.reviewed = self.dates(key, value),
                "review" => fm.review = Some(self.boolean(key, value)),
                "source" => fm.source = self.text(key, value),
                "estimate" => fm.estimate = self.duration(key, value),
                "spent" => fm.spent = self.duration(key, value),
                _ => self.warn(
                    value,
                    format!(
                        "unknown front matter key `{key}` is ignored; known keys: {}",
                        KNOWN_KEYS.join(", ")
                    ),
                ),
            }
        }
        self.check_completed(&fm);
        fm
    }

    /// A completion date on a topic that is not done is probably a status left behind.
    fn check_completed(&mut self, fm: &FrontMatter) {
        let Some(done) = &fm.completed else { return };
        let status = fm.status.as_ref().map(|s| s.value);
        if status == Some(Status::Done) || self.bad_status || fm.auto.is_some() {
            return;
        }
        let now = status.map_or_else(|| "no status".to_string(), |s| format!("status `{s}`"));
        self.problems.push(Diagnostic::warning(
            self.src.file,
            done.line,
            done.column,
            format!("`completed` is set but the topic has {now}; set `status: done` or remove `completed`"),
        ));
    }

    fn locate<T>(&self, value: T, at: &Entry) -> Located<T> {
        let (line, column) = self.position(at);
        Located {
            value,
            line,
            column,
        }
    }

    fn position(&self, at: &Entry) -> (usize, usize) {
        (self.src.first_line + at.line.max(1) - 1, at.column.max(1))
    }

    fn error(&mut self, at: &Entry, message: String) {
        let (line, column) = self.position(at);
        self.problems
            .push(Diagnostic::error(self.src.file, line, column, message));
    }

    fn warn(&mut self, at: &Entry, message: String) {
        let (line, column) = self.position(at);
        self.problems
            .push(Diagnostic::warning(self.src.file, line, column, message));
    }

    fn text(&mut self, key: &str, v: &Entry) -> Option<String> {
        match &v.value {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.error(v, format!("`{key}` must be text, not {}", kind(&v.value)));
                None
            }
        }
    }

    fn text_list(&mut self, key: &str, v: &Entry) -> Vec<String> {
        match &v.value {
            Value::Null => Vec::new(),
            Value::String(s) => vec![s.clone()],
            Value::Array(items) if items.iter().all(|i| i.is_string() || i.is_number()) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect(),
            Value::Array(items) => {
                let (n, bad) = items
                    .iter()
                    .enumerate()
                    .find(|(_, i)| !(i.is_string() || i.is_number()))
                    .map_or((0, &Value::Null), |(n, i)| (n + 1, i));
                self.error(
                    v,
                    format!(
                        "`{key}` must be a list of text, such as `{key}: [a, b]`; item {n} is {}",
                        kind(bad)
                    ),
                );
                Vec::new()
            }
            _ => {
                self.error(
                    v,
                    format!(
                        "`{key}` must be a list of text, such as `{key}: [a, b]`, not {}",
                        kind(&v.value)
                    ),
                );
                Vec::new()
            }
        }
    }

    fn status(&mut self, v: &Entry) -> Option<Located<Status>> {
        let text = match &v.value {
            Value::Null => return None,
            Value::String(s) => s.clone(),
            other => {
                self.bad_status = true;
                self.error(
                    v,
                    format!(
                        "`status` must be one word such as `done`, not {}; valid values: {}",
                        kind(other),
                        Status::valid_values()
                    ),
                );
                return None;
            }
        };
        match text.parse::<Status>() {
            Ok(status) => Some(self.locate(status, v)),
            Err(unknown) => {
                self.bad_status = true;
                self.error(v, unknown.to_string());
                None
            }
        }
    }

    fn integer(&mut self, key: &str, v: &Entry) -> Option<i64> {
        match &v.value {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            other => {
                self.error(
                    v,
                    format!("`{key}` must be a whole number, not {}", kind(other)),
                );
                None
            }
        }
    }

    fn boolean(&mut self, key: &str, v: &Entry) -> bool {
        match &v.value {
            Value::Bool(b) => *b,
            Value::Null => false,
            other => {
                self.error(
                    v,
                    format!("`{key}` must be true or false, not {}", kind(other)),
                );
                false
            }
        }
    }

    fn date(&mut self, key: &str, v: &Entry) -> Option<Located<String>> {
        let text = self.text(key, v)?;
        if is_date(&text) {
            return Some(self.locate(text, v));
        }
        self.error(
            v,
            format!("`{key}` must be a date written YYYY-MM-DD, such as 2024-03-01, not `{text}`"),
        );
        None
    }

    /// A list of `YYYY-MM-DD` dates, such as `reviewed: [2024-03-01, 2024-03-08]`.
    fn dates(&mut self, key: &str, v: &Entry) -> Option<Located<Vec<String>>> {
        let list = self.text_list(key, v);
        if let Some(bad) = list.iter().find(|d| !is_date(d)) {
            self.error(
                v,
                format!("`{key}` must be a list of dates written YYYY-MM-DD, such as `{key}: [2024-03-01]`, not `{bad}`"),
            );
            return None;
        }
        (!list.is_empty()).then(|| self.locate(list, v))
    }

    fn duration(&mut self, key: &str, v: &Entry) -> Option<Located<Duration>> {
        let text = self.text(key, v)?;
        if let Some(d) = Duration::parse(&text) {
            return Some(self.locate(d, v));
        }
        self.error(
            v,
            format!(
                "`{key}` must be a duration such as {}, not `{text}`",
                crate::duration::FORMS
            ),
        );
        None
    }

    fn resources(&mut self, v: &Entry) -> Vec<Resource> {
        let items = match &v.value {
            Value::Null => return Vec::new(),
            Value::Array(items) => items,
            other => {
                self.error(
                    v,
                    format!(
                        "`resources` must be a list of `{{title, url}}` entries, not {}",
                        kind(other)
                    ),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            if item.get("done").is_some_and(|d| !d.is_boolean()) {
                self.error(v, "`done` in `resources` must be true or false, such as `- {title: The Book, url: https://example.com, done: true}`".to_string());
                return out;
            }
            match resource(item) {
                Some(r) => out.push(r),
                None => {
                    self.error(v, "each entry of `resources` needs `title` and `url`, such as `- {title: The Book, url: https://example.com}`".to_string());
                    return out;
                }
            }
        }
        out
    }
}

fn resource(item: &Value) -> Option<Resource> {
    let field = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_string);
    match item {
        Value::String(url) => Some(Resource {
            title: url.clone(),
            url: url.clone(),
            kind: None,
            done: None,
        }),
        Value::Object(_) => Some(Resource {
            url: field("url")?,
            title: field("title").or_else(|| field("url"))?,
            kind: field("type"),
            done: item.get("done").and_then(Value::as_bool),
        }),
        _ => None,
    }
}

/// Whether a `status:` value is `auto`, any case: the status then follows the topic's
/// subtopics and steps.
fn is_auto(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("auto"))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// A value written as a double-quoted YAML string, for files waymark writes itself.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
