//! Turns loaded content files into the roadmap tree: ids, hierarchy, order and roll-ups.

use super::requirements::closest_id;
use super::{Roadmap, Topic, TopicIdx, clash};
use crate::content::{Content, SourceFile, is_index_name, slug_of, split_prefix};
use crate::diagnostic::Diagnostic;
use crate::hash::FastHash;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Builds the roadmap tree from content under the site's settings; problems come back
/// beside the best tree that could be made.
pub fn build_roadmap(
    content: &Content,
    config: &crate::config::Config,
    drafts: bool,
) -> (Roadmap, Vec<Diagnostic>) {
    let mut b = Draft::with_capacity(content.files.len() + 1);
    b.add_root();
    for (i, file) in content.files.iter().enumerate() {
        if drafts || !file.front.draft {
            b.add_file(i, file);
        }
    }
    b.attach(content);
    b.sort_children();
    b.check_sibling_titles(content);
    let mut roadmap = b.finish();
    // A tree made without a problem can be kept by the next refresh of the same shape.
    if b.problems.is_empty() {
        roadmap.shape = Some(super::reshape::shape_of(content, drafts));
    }
    super::reshape::settled(roadmap, std::mem::take(&mut b.problems), content, config)
}

/// The root's title in a drafted tree, before a root file's title or the settings' replace it.
pub(super) const ROOT_TITLE: &str = "Roadmap";

#[derive(Default)]
struct Draft<'a> {
    topics: Vec<Topic>,
    /// Sort key per topic: explicit order (or file-name prefix), then title.
    keys: Vec<(Option<i64>, String)>,
    by_id: HashMap<String, TopicIdx, FastHash>,
    by_source: HashMap<String, TopicIdx, FastHash>,
    /// Folder paths (relative to the content folder) already turned into ids.
    dirs: HashMap<String, String, FastHash>,
    /// Which file (display path) each id came from, to name both sides of a clash.
    origin: HashMap<TopicIdx, &'a Path, FastHash>,
    /// The folder (display path) each folder node came from.
    folders: HashMap<TopicIdx, PathBuf, FastHash>,
    problems: Vec<Diagnostic>,
}

impl<'a> Draft<'a> {
    /// A draft with room for `nodes` nodes: a serve rebuild makes 10,000 again after each
    /// edit, and growing every table as it goes took a fifth of that.
    fn with_capacity(nodes: usize) -> Self {
        fn map<K, V>(nodes: usize) -> HashMap<K, V, FastHash> {
            HashMap::with_capacity_and_hasher(nodes, FastHash::default())
        }
        Draft {
            topics: Vec::with_capacity(nodes),
            keys: Vec::with_capacity(nodes),
            by_id: map(nodes),
            by_source: map(nodes),
            origin: map(nodes),
            ..Draft::default()
        }
    }

    fn add_root(&mut self) {
        self.topics.push(Topic {
            title: ROOT_TITLE.into(),
            ..Topic::default()
        });
        self.keys.push((None, String::new()));
        self.by_id.insert(String::new(), 0);
    }

    /// Adds the node for a file, creating nodes for its folders on the way.
    fn add_file(&mut self, index: usize, file: &'a SourceFile) {
        let (dir, name) = file.rel.rsplit_once('/').unwrap_or(("", &file.rel));
        let id = self.folder_id(dir, file);
        let node = if is_index_name(name) {
            self.by_id[&id]
        } else {
            let stem = name
                .strip_suffix(".md")
                .or_else(|| name.strip_suffix(".MD"))
                .unwrap_or(name);
            let id = join_id(&id, &slug_of(stem));
            if let Some(&other) = self.by_id.get(&id) {
                self.clash(file, &id, other);
                return;
            }
            self.new_node(id, stem)
        };
        if self.topics[node].source.is_some() {
            // Two files describe one topic (`01-git.md` and `git/_index.md`, or `_index.md`
            // and `README.md`): neither's notes may be dropped quietly.
            let message = clash::same_topic(&id, &self.origin[&node].display().to_string());
            self.problems
                .push(Diagnostic::error(&file.display, 0, 0, message));
            self.by_source.insert(file.rel.clone(), node);
            return;
        }
        self.origin.insert(node, &file.display);
        self.by_source.insert(file.rel.clone(), node);
        self.fill(node, index, file);
    }

    /// The id of folder `dir` (relative to the content folder), making nodes for it and the
    /// folders above it the first time; later files in the same folder just look it up.
    fn folder_id(&mut self, dir: &str, file: &SourceFile) -> String {
        if let Some(id) = self.dirs.get(dir) {
            return id.clone();
        }
        let segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        let mut id = String::new();
        for (depth, seg) in segments.iter().enumerate() {
            id = join_id(&id, &slug_of(seg));
            let own_index = depth + 1 == segments.len() && file.is_folder_index();
            if !own_index {
                self.folder_after_file(&id, file, segments.len() - depth);
            }
            let folder = self.folder(&id, seg);
            if let Some(path) = file.display.ancestors().nth(segments.len() - depth) {
                self.folders
                    .entry(folder)
                    .or_insert_with(|| path.to_path_buf());
            }
        }
        self.dirs.insert(dir.to_string(), id.clone());
        id
    }

    /// A folder whose id a single file took first (`01-git.md` beside `git/`): reported at
    /// that file, like a file met after its folder. `up` is how far the folder is above `file`.
    fn folder_after_file(&mut self, id: &str, file: &SourceFile, up: usize) {
        let Some(&node) = self.by_id.get(id) else {
            return;
        };
        if self.folders.contains_key(&node) || !self.origin.contains_key(&node) {
            return;
        }
        let Some(folder) = file.display.ancestors().nth(up) else {
            return;
        };
        let theirs = self.origin[&node].to_path_buf();
        self.folders.insert(node, folder.to_path_buf());
        let message = clash::file_and_folder(id, folder);
        self.problems
            .push(Diagnostic::error(&theirs, 0, 0, message));
    }

    fn clash(&mut self, file: &SourceFile, id: &str, other: TopicIdx) {
        // Links to this file still lead to the topic: the clash is the one message.
        self.by_source.insert(file.rel.clone(), other);
        let theirs = self.origin.get(&other).map(|p| p.display().to_string());
        let folder = self.folders.get(&other).map(PathBuf::as_path);
        let message = clash::taken(id, theirs.as_deref(), folder);
        self.problems
            .push(Diagnostic::error(&file.display, 0, 0, message));
    }

    fn folder(&mut self, id: &str, dir: &str) -> TopicIdx {
        match self.by_id.get(id) {
            Some(&i) => i,
            None => self.new_node(id.to_string(), dir),
        }
    }

    fn new_node(&mut self, id: String, name: &str) -> TopicIdx {
        let idx = self.topics.len();
        let (prefix, rest) = split_prefix(name);
        self.topics.push(Topic {
            id: id.clone(),
            title: title_from_name(rest),
            ..Topic::default()
        });
        self.keys.push((prefix, String::new()));
        self.by_id.insert(id, idx);
        idx
    }

    fn fill(&mut self, node: TopicIdx, index: usize, file: &SourceFile) {
        fill(&mut self.topics[node], index, file);
        if file.front.order.is_some() {
            self.keys[node].0 = file.front.order;
        }
    }

    /// Sets every node's parent: its folder, or the topic its `parent:` names.
    fn attach(&mut self, content: &Content) {
        for idx in 1..self.topics.len() {
            let id = &self.topics[idx].id;
            let folder = id.rsplit_once('/').map_or("", |(p, _)| p);
            self.topics[idx].parent = Some(self.by_id[folder]);
        }
        for idx in 1..self.topics.len() {
            let Some(src) = self.topics[idx].source else {
                continue;
            };
            let file = &content.files[src];
            let Some(parent) = &file.front.parent else {
                continue;
            };
            let wanted = parent.value.trim().trim_matches('/');
            match self.by_id.get(wanted) {
                Some(&p) => self.topics[idx].parent = Some(p),
                None => {
                    let hint = self
                        .suggest(wanted)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    let d = Diagnostic::error(
                        &file.display,
                        parent.line,
                        parent.column,
                        format!(
                            "unknown parent `{wanted}`{hint}; `parent:` takes a topic id, such as `foundations/version-control`"
                        ),
                    );
                    self.problems.push(d.with_source(&file.text));
                }
            }
        }
        self.break_cycles(content);
        for idx in 1..self.topics.len() {
            if let Some(p) = self.topics[idx].parent {
                self.topics[p].children.push(idx);
            }
        }
    }

    /// The id nearest to a mistyped one.
    fn suggest(&self, wanted: &str) -> Option<String> {
        closest_id(self.by_id.keys().map(String::as_str), wanted)
    }

    /// Finds loops made by `parent:` and reports each once, naming every member; the loop is
    /// then cut so the rest of the checks can go on.
    fn break_cycles(&mut self, content: &Content) {
        let mut state = vec![0u8; self.topics.len()];
        for start in 1..self.topics.len() {
            let mut path = Vec::new();
            let mut at = start;
            while state[at] == 0 {
                state[at] = 1;
                path.push(at);
                match self.topics[at].parent {
                    Some(p) => at = p,
                    None => break,
                }
            }
            if state[at] == 1 && self.topics[at].parent.is_some() {
                let cycle: Vec<TopicIdx> =
                    path[path.iter().position(|&i| i == at).unwrap_or(0)..].to_vec();
                self.report_cycle(&cycle, content);
                self.topics[at].parent = Some(0);
            }
            for i in path {
                state[i] = 2;
            }
        }
    }

    fn report_cycle(&mut self, cycle: &[TopicIdx], content: &Content) {
        let mut names: Vec<String> = cycle
            .iter()
            .map(|&i| format!("`{}`", self.topics[i].id))
            .collect();
        names.push(names[0].clone());
        let first = cycle
            .iter()
            .copied()
            .min_by_key(|&i| &self.topics[i].id)
            .unwrap_or(cycle[0]);
        let file = self.topics[first].source.map(|s| &content.files[s]);
        let (path, line, col, text) = match file {
            Some(f) => {
                let (l, c) = f
                    .front
                    .parent
                    .as_ref()
                    .map_or((0, 0), |p| (p.line, p.column));
                (f.display.clone(), l, c, f.text.as_str())
            }
            None => (Path::new("content").to_path_buf(), 0, 0, ""),
        };
        let d = Diagnostic::error(
            &path,
            line,
            col,
            format!(
                "`parent:` makes a cycle: {}; one of them must sit under a topic outside this loop",
                names.join(" → ")
            ),
        );
        self.problems.push(d.with_source(text));
    }

    /// Two siblings with one title cannot be told apart in the tree: a warning.
    fn check_sibling_titles(&mut self, content: &Content) {
        let mut found = Vec::new();
        for t in &self.topics {
            let mut seen: HashMap<String, TopicIdx> = HashMap::new();
            for &c in &t.children {
                let key = self.topics[c].title.trim().to_lowercase();
                match seen.get(&key) {
                    Some(&first) => found.push((first, c)),
                    None => {
                        seen.insert(key, c);
                    }
                }
            }
        }
        for (first, dup) in found {
            let file_of = |i: TopicIdx| self.topics[i].source.map(|s| &content.files[s]);
            let (Some(file), Some(other)) = (file_of(dup), file_of(first)) else {
                continue;
            };
            let (path, other) = (&file.display, &other.display);
            let (line, column) = title_position(file);
            let parent = self.topics[dup]
                .parent
                .map_or("", |p| self.topics[p].title.as_str())
                .to_string();
            self.problems.push(
                Diagnostic::warning(
                    path,
                    line,
                    column,
                    format!("`{}` has the same title as its sibling {} under `{parent}`; rename one so they can be told apart", self.topics[dup].title, other.display()),
                )
                .with_source(&file.text),
            );
        }
    }

    fn sort_children(&mut self) {
        let keys = &self.keys;
        let topics = &self.topics;
        let sorted: Vec<Vec<TopicIdx>> = topics
            .iter()
            .map(|t| {
                let mut c = t.children.clone();
                c.sort_by_cached_key(|&i| order_key(keys, topics, i));
                c
            })
            .collect();
        for (t, c) in self.topics.iter_mut().zip(sorted) {
            t.children = c;
        }
    }

    fn finish(&mut self) -> Roadmap {
        let mut topics = std::mem::take(&mut self.topics);
        let mut order = Vec::with_capacity(topics.len());
        let mut stack: Vec<(TopicIdx, usize)> = vec![(0, 0)];
        while let Some((idx, depth)) = stack.pop() {
            topics[idx].depth = depth;
            topics[idx].position = order.len();
            order.push(idx);
            stack.extend(topics[idx].children.iter().rev().map(|&c| (c, depth + 1)));
        }
        order.remove(0);
        Roadmap {
            title: String::new(),
            topics,
            order,
            changes: Vec::new(),
            by_id: std::mem::take(&mut self.by_id),
            by_source: std::mem::take(&mut self.by_source),
            ..Roadmap::default()
        }
    }
}

/// Sets a node's own fields (all but its place in the tree) from file `index` of the content.
pub(super) fn fill(t: &mut Topic, index: usize, file: &SourceFile) {
    let fm = &file.front;
    if let Some(title) = title_of(file) {
        t.title = title.to_string();
    }
    t.status = fm.status.as_ref().map(|s| s.value);
    t.tags = fm.tags.clone();
    t.note = fm.note.clone();
    t.summary = fm.summary.clone();
    t.icon = fm.icon.clone();
    t.resources = fm.resources.clone();
    t.started = fm.started.as_ref().map(|d| d.value.clone());
    t.completed = fm.completed.as_ref().map(|d| d.value.clone());
    t.reviewed = fm
        .reviewed
        .as_ref()
        .map_or_else(Vec::new, |r| r.value.clone());
    t.review = fm.review.unwrap_or(true);
    t.source = Some(index);
}

/// The title a file gives its topic: its front matter's `title:`, else its notes' first
/// `# heading`; `None` leaves the one made from the file's name.
pub(super) fn title_of(file: &SourceFile) -> Option<&str> {
    file.front
        .title
        .as_deref()
        .or_else(|| first_heading(file.body()))
}

fn order_key<'a>(
    keys: &[(Option<i64>, String)],
    topics: &'a [Topic],
    i: TopicIdx,
) -> (bool, i64, String, &'a str) {
    let (order, _) = &keys[i];
    (
        order.is_none(),
        order.unwrap_or(0),
        topics[i].title.to_lowercase(),
        &topics[i].id,
    )
}

/// Where a file's title is written: its front matter's `title:` value, else its `# heading`;
/// `(0, 0)` (the whole file) when it comes from the file name.
fn title_position(file: &SourceFile) -> (usize, usize) {
    let value_at = |n: usize, line: &str, key: &str| {
        let rest = line.strip_prefix(key)?;
        let column = key.chars().count() + rest.chars().take_while(|c| *c == ' ').count() + 1;
        Some((n + 1, column))
    };
    let lines = file.text.lines().enumerate();
    if file.front.title.is_some() {
        lines
            .take_while(|(n, _)| n + 1 < file.body_line)
            .find_map(|(n, l)| value_at(n, l, "title:"))
    } else {
        lines
            .skip(file.body_line.saturating_sub(1))
            .find(|(_, l)| !l.trim().is_empty())
            .and_then(|(n, l)| value_at(n, l, "# "))
    }
    .unwrap_or((0, 0))
}

fn join_id(parent: &str, segment: &str) -> String {
    if parent.is_empty() {
        segment.to_string()
    } else {
        format!("{parent}/{segment}")
    }
}

fn title_from_name(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    if spaced.chars().any(char::is_uppercase) {
        return spaced;
    }
    let mut out = String::with_capacity(spaced.len());
    let mut start = true;
    for c in spaced.chars() {
        if start {
            out.extend(c.to_uppercase())
        } else {
            out.push(c)
        }
        start = c == ' ';
    }
    out
}

/// The text of the first level-one ATX heading, if the notes start with one.
fn first_heading(body: &str) -> Option<&str> {
    body.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .and_then(|l| l.strip_prefix("# "))
        .map(|t| t.trim().trim_end_matches('#').trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_names() {
        assert_eq!(title_from_name("version-control"), "Version Control");
    }
}
