//! Runs of rows remembered between renders: the index's tree rows and the print edition's
//! contents entries and topics, one per node in tree order. Each row is a part made from its
//! own view (`Executor::part`); at 10,000 topics, building every row's view again to key it,
//! then looking the part up and keeping it, was most of what these pages cost after a status
//! edit. So each row remembers, at its place in the run, what its view read of the roadmap
//! (as the topic pages' remembered views do, `memo.rs`), what else it was given, and the part
//! it made: while those reads and the rest give the same, the row is that part, and its view
//! is not built. A row whose reads changed is made from its view as before. When the run grew
//! or shrank (a topic added or removed, so later rows moved), a row made again is looked up by
//! its part's key among the previous run's parts before it is rendered. Check mode builds
//! every remembered row again and fails the render on one that would differ.

use super::cache::RenderCache;
use super::job::{Executor, Make};
use super::memo::{Nodes, Read, ReadLog};
use super::view::{Markup, NodeView, Views};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::{FastHash, hash_of};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One row as remembered: what its view read and was given, and the part it came to.
#[derive(Debug)]
pub struct RowMemo {
    given: u64,
    reads: Box<[Read]>,
    /// Fingerprint of what the reads gave.
    read: u64,
    /// The part's key, as `Executor::part` keys it.
    key: u64,
    part: Markup,
}

/// The remembered runs, by name, each in tree order.
pub type Runs = HashMap<&'static str, Arc<Vec<Arc<RowMemo>>>, FastHash>;

/// What every run of one render shares: the previous render's runs, the roadmap's node
/// fingerprints when caching, and the runs made now, for the next render.
pub struct RowRuns<'a> {
    previous: &'a RenderCache,
    nodes: Option<&'a Nodes<'a>>,
    /// The theme's fingerprint: a row is given its templates too.
    theme: u64,
    made: Mutex<Runs>,
}

impl<'a> RowRuns<'a> {
    /// Runs reusing what `previous` remembered, replayed against `nodes` (`None`: no cache),
    /// rendered by the theme of fingerprint `theme`.
    pub fn new(previous: &'a RenderCache, nodes: Option<&'a Nodes<'a>>, theme: u64) -> Self {
        RowRuns {
            previous,
            nodes: nodes.filter(|_| previous.enabled),
            theme,
            made: Mutex::default(),
        }
    }

    /// The runs made by this render, for the next.
    pub fn into_runs(self) -> Runs {
        self.made.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    /// The parts of run `name`, `len` rows long. `row` makes row `i`'s maker (its template
    /// and view) from views that note what they read; `given` fingerprints what else row `i`
    /// is given besides the roadmap, the settings and the theme (its notes…). `path` names
    /// the file.
    pub fn run<'m>(
        &self,
        (name, len, path): (&'static str, usize, &str),
        views: &Views<'_>,
        exec: &Executor<'_>,
        given: impl Fn(usize) -> u64 + Sync,
        row: impl Fn(usize, &Views<'_>) -> Result<Make<'m>, Diagnostics> + Sync,
    ) -> Result<Vec<Markup>, Diagnostics> {
        use rayon::prelude::*;
        let Some(nodes) = self.nodes else {
            return (0..len)
                .into_par_iter()
                .map(|i| exec.part(&row(i, views)?, path))
                .collect();
        };
        let base = hash_of(&(name, self.theme, views.config));
        let given = |i: usize| hash_of(&(base, given(i)));
        let before = self.previous.runs.get(name).map(|r| r.as_slice());
        let run = Run {
            before: before.unwrap_or_default(),
            moved: before.is_some_and(|b| b.len() != len),
            by_key: OnceLock::new(),
            check: self.previous.check_views,
            nodes,
        };
        let made: Vec<(Markup, Arc<RowMemo>)> = (0..len)
            .into_par_iter()
            .map(|i| run.row((i, given(i)), views, exec, &row, path))
            .collect::<Result<_, _>>()?;
        let (parts, memos) = made.into_iter().unzip();
        if let Ok(mut runs) = self.made.lock() {
            runs.insert(name, Arc::new(memos));
        }
        Ok(parts)
    }
}

/// One run being made: the previous render's rows of it.
struct Run<'r> {
    before: &'r [Arc<RowMemo>],
    /// Whether rows moved since: the run is not as long as it was.
    moved: bool,
    /// The previous rows' parts by key, made when a moved row is first looked up.
    by_key: OnceLock<HashMap<u64, Markup, FastHash>>,
    check: bool,
    nodes: &'r Nodes<'r>,
}

impl Run<'_> {
    /// Row `i`, given `given`: the remembered part while it holds, else made from its view.
    fn row<'m>(
        &self,
        (i, given): (usize, u64),
        views: &Views<'_>,
        exec: &Executor<'_>,
        row: &(impl Fn(usize, &Views<'_>) -> Result<Make<'m>, Diagnostics> + Sync),
        path: &str,
    ) -> Result<(Markup, Arc<RowMemo>), Diagnostics> {
        let before = self.before.get(i);
        let holds = before.filter(|m| m.given == given && self.nodes.replay(&m.reads) == m.read);
        if let Some(m) = holds
            && !self.check
        {
            return Ok((m.part.clone(), m.clone()));
        }
        let log = ReadLog::default();
        let make = row(i, &views.noting(&log))?;
        let key = exec.part_key(&make);
        let part = match self.moved_part(key) {
            Some(part) => part,
            None => exec.part_keyed(key, &make, path)?,
        };
        if let Some(m) = holds
            && m.part.as_str() != part.as_str()
        {
            let message = "a remembered row of it is stale: it read something it did not note";
            let file = std::path::PathBuf::from(path);
            return Err(Diagnostics(vec![Diagnostic::error(&file, 0, 0, message)]));
        }
        let reads: Box<[Read]> = log.into_inner().unwrap_or_default().into();
        let memo = RowMemo {
            given,
            read: self.nodes.replay(&reads),
            reads,
            key,
            part: part.clone(),
        };
        Ok((part, Arc::new(memo)))
    }

    /// The previous run's part under `key`, when rows moved since.
    fn moved_part(&self, key: u64) -> Option<Markup> {
        if !self.moved {
            return None;
        }
        let by_key = self.by_key.get_or_init(|| {
            let parts = self.before.iter().map(|m| (m.key, m.part.clone()));
            parts.collect()
        });
        by_key.get(&key).cloned()
    }
}

/// Row `i` of the index's tree (`Views::tree`; `i` is below the number of nodes), its reads
/// noted: its node, and the next node's depth for how many levels close after it.
pub fn tree_node(views: &Views<'_>, i: usize) -> NodeView {
    let idx = views.at(i).unwrap_or_default();
    let mut n = views.node(0, idx);
    if !n.has_children {
        let next_depth = views.at(i + 1).map_or(1, |j| views.topic(j).depth);
        n.closes = n.depth.saturating_sub(next_depth);
    }
    n
}
