//! Running every page's job for one render: the topic pass, the site-wide pages beside or
//! after it, the files made from every topic's notes, and what the next render keeps.

use super::cache::RenderCache;
use super::job::Executor;
use super::memo::ViewMemo;
use super::*;
use rayon::prelude::*;
use std::sync::Mutex;

/// What running every page gave: the topic pass, its problems, the files made from the
/// notes, what the next render keeps of the topics when it was sorted out already, and the
/// site-wide pages' paths with their first failure.
pub(super) struct Ran {
    pub(super) done: Vec<topics::TopicDone>,
    pub(super) problems: Diagnostics,
    pub(super) tail: Option<(Vec<String>, Result<(), Diagnostics>)>,
    pub(super) kept: Option<Kept>,
    pub(super) site: (Vec<String>, Result<(), Diagnostics>),
}

/// Runs every page's job: the topic pages, then (or beside them, unless the sink would
/// rather have the topic pages early) the site-wide pages and the files made from the notes.
pub(super) fn run_pages(
    on: &On<'_>,
    pass: &topics::TopicPass<'_>,
    previous: &RenderCache,
    sink: &dyn PageSink,
) -> Ran {
    let inputs = on.inputs;
    // The site-wide pages do not need the notes: they render while the topics do, or after
    // them when the sink would rather have the topic pages early.
    let topic_pages = || {
        let done: Vec<_> = (0..inputs.roadmap.topics.len())
            .into_par_iter()
            .map(|idx| pass.topic(idx, on.exec))
            .collect();
        let problems = topics::check_notes(inputs, &done);
        if !problems.has_errors() && first_failure(inputs, &done).is_ok() {
            sink.topics_done();
        }
        (done, problems)
    };
    // The search index and the print edition need every topic's notes: they start as soon as
    // the topic pages are done, beside whatever site-wide page is still rendering.
    if sink.topics_first() {
        // Every core on the topic pages first. The index beside them (measured side by side
        // at 10,000 topics) shared the cores with them and showed the page no earlier.
        let (done, problems) = topic_pages();
        run_after_topics(on, previous, sink, done, problems)
    } else {
        let ((done, problems, tail), site) = rayon::join(
            || {
                let (done, problems) = topic_pages();
                let tail = notes_files(on, &done, &problems);
                (done, problems, tail)
            },
            || site_pages(on),
        );
        Ran {
            done,
            problems,
            tail,
            kept: None,
            site,
        }
    }
}

/// The site-wide pages, the files made from the notes and what the next render keeps of the
/// topics, once the topic pages are `done` and handed to a sink that wanted them early.
fn run_after_topics(
    on: &On<'_>,
    previous: &RenderCache,
    sink: &dyn PageSink,
    mut done: Vec<topics::TopicDone>,
    problems: Diagnostics,
) -> Ran {
    let inputs = on.inputs;
    // What the next render keeps of the topics is sorted out beside the site-wide pages
    // rather than after them.
    let memos = Mutex::new(Some(take_memos(&mut done)));
    let keep = || {
        Some(Kept::of(
            inputs,
            previous,
            &done,
            memos.lock().ok()?.take()?,
        ))
    };
    let rest = || {
        rayon::join(
            || site_pages(on),
            || rayon::join(|| notes_files(on, &done, &problems), keep),
        )
    };
    let mut ran = None;
    sink.after_topics(&mut || ran = Some(rest()));
    let (site, (tail, kept)) = ran.unwrap_or_else(rest);
    Ran {
        done,
        problems,
        tail,
        kept,
        site,
    }
}

/// The files made from every topic's notes (the search index, the print edition), when the
/// topic pass had no error.
fn notes_files(
    on: &On<'_>,
    done: &[topics::TopicDone],
    problems: &Diagnostics,
) -> Option<(Vec<String>, Result<(), Diagnostics>)> {
    (!problems.has_errors() && first_failure(on.inputs, done).is_ok())
        .then(|| notes_pages(on, done))
}

/// Every file's path, sorted: the site-wide ones, the topics' (sorted already) and the
/// sitemap's, whose job runs now that it can list them. Two files at one path fail.
pub(super) fn all_paths(
    inputs: &Inputs<'_>,
    exec: &Executor<'_>,
    mut paths: Vec<String>,
    topic_paths: Vec<String>,
) -> Result<Vec<String>, Diagnostics> {
    // Two sorted runs: one merge.
    paths.sort();
    paths.extend(topic_paths);
    paths.sort();
    let sitemap = files::sitemap(inputs, paths.iter().map(String::as_str));
    let mut last = Vec::new();
    if let Some(sitemap) = sitemap {
        let at = paths.partition_point(|p| *p < sitemap.path);
        paths.insert(at, sitemap.path.clone());
        last.push(sitemap);
    }
    refuse_duplicates(&paths)?;
    exec.run_all(last)?;
    Ok(paths)
}

/// Every topic's remembered view, taken out of what the topic pass made.
pub(super) fn take_memos(done: &mut [topics::TopicDone]) -> Vec<Option<(String, ViewMemo)>> {
    done.iter_mut().map(|d| d.memo.take()).collect()
}

/// What a render keeps of its topics: their pages' paths, sorted, and when caching, their
/// notes and remembered views for the next render.
pub(super) struct Kept {
    pub(super) topic_paths: Vec<String>,
    pub(super) notes: HashMap<String, (u64, RenderedNotes), FastHash>,
    pub(super) views: HashMap<String, ViewMemo, FastHash>,
}

impl Kept {
    pub(super) fn of(
        inputs: &Inputs<'_>,
        previous: &RenderCache,
        done: &[topics::TopicDone],
        memos: Vec<Option<(String, ViewMemo)>>,
    ) -> Kept {
        let mut topic_paths: Vec<String> = topic_paths(inputs).collect();
        topic_paths.sort();
        // The maps sized up front: one entry a topic, not grown (and rehashed) one at a time.
        let n = if previous.enabled { done.len() } else { 0 };
        let mut notes = HashMap::with_capacity_and_hasher(n, FastHash::default());
        let mut views = HashMap::with_capacity_and_hasher(n, FastHash::default());
        views.extend(memos.into_iter().flatten());
        for (idx, d) in done.iter().enumerate() {
            if let (true, Some(src)) = (previous.enabled, inputs.roadmap.topics[idx].source) {
                let rel = inputs.content.files[src].rel.clone();
                notes.insert(rel, (d.notes_key, d.notes.clone()));
            }
        }
        Kept {
            topic_paths,
            notes,
            views,
        }
    }
}

/// What the site-wide pages are made with: the inputs, their views, the executor and the
/// remembered runs of rows.
pub(super) struct On<'a> {
    pub(super) inputs: &'a Inputs<'a>,
    pub(super) views: &'a Views<'a>,
    pub(super) exec: &'a Executor<'a>,
    pub(super) rows: &'a rows::RowRuns<'a>,
}

/// Runs the jobs of the files made from every topic's notes: the search index, the print
/// edition when it shows them and, when some page has a diagram, mermaid. Their paths, and the first failure.
pub(super) fn notes_pages(
    on: &On<'_>,
    done: &[topics::TopicDone],
) -> (Vec<String>, Result<(), Diagnostics>) {
    let (inputs, views, exec) = (on.inputs, on.views, on.exec);
    let notes: Vec<RenderedNotes> = done.iter().map(|d| d.notes.clone()).collect();
    // Without notes the print edition needs none: `site_pages` makes it after the index.
    let (search, print) = rayon::join(
        || visitor::search_index(inputs, views, &notes, exec),
        || print::with_notes(inputs.roadmap).then(|| print::job(on, &notes)),
    );
    // On a failure the render stops, so no path is needed.
    let mut jobs = match (search, print.transpose()) {
        (Ok(search), Ok(print)) => [search].into_iter().chain(print).collect::<Vec<_>>(),
        (Err(e), _) | (_, Err(e)) => return (Vec::new(), Err(e)),
    };
    // Mermaid only for a site with a diagram: known once every topic's notes are rendered.
    if notes.iter().any(|n| n.notes.diagrams) {
        jobs.extend(files::diagram_assets(inputs));
    }
    let paths = jobs.iter().map(|j| j.path.clone()).collect();
    (paths, exec.run_all(jobs))
}

/// The paths of the topics' pages: every node's but the root's, whose page is the index.
pub(super) fn topic_paths(inputs: &Inputs<'_>) -> impl Iterator<Item = String> {
    let topics = &inputs.roadmap.topics;
    topics.iter().skip(1).map(crate::model::Topic::page_path)
}

/// The first topic page that failed to render, in tree order, so the same broken template
/// reports the same page.
pub(super) fn first_failure(
    inputs: &Inputs<'_>,
    done: &[topics::TopicDone],
) -> Result<(), Diagnostics> {
    let topics = &inputs.roadmap.topics;
    let failed = done
        .iter()
        .enumerate()
        .filter_map(|(idx, d)| match &d.page {
            Some(Err(e)) => Some((topics[idx].position, e)),
            _ => None,
        })
        .min_by_key(|(position, _)| *position);
    match failed {
        Some((_, e)) => Err(e.clone()),
        None => Ok(()),
    }
}

/// Runs the jobs of the pages that show the whole site rather than one topic's notes, and
/// of the files beside them: all but the search index and the sitemap. Their paths, and the
/// first failure.
pub(super) fn site_pages(on: &On<'_>) -> (Vec<String>, Result<(), Diagnostics>) {
    let (inputs, views, exec) = (on.inputs, on.views, on.exec);
    // The index is the longest single job: it starts while the other views are built.
    let mut paths = vec!["index.html".to_string()];
    // The print edition without notes needs none: it follows the index here, on the same
    // thread, so it never holds its 10,000 nodes' values while the index holds its own.
    let print_early = !print::with_notes(inputs.roadmap);
    if print_early {
        paths.push(print::PATH.to_string());
    }
    let (index, others) = rayon::join(
        || {
            exec.run(pages::index(on)?)?;
            if print_early {
                exec.run(print::job(on, &[])?)
            } else {
                Ok(())
            }
        },
        || {
            let (mut jobs, visitor) = rayon::join(
                || {
                    let mut jobs = files::jobs(inputs);
                    // Served at any depth, its links need the base URL: none without one.
                    if inputs.config.has_base_url() {
                        jobs.push(pages::not_found(inputs, views));
                    }
                    jobs
                },
                || visitor::jobs(inputs, views),
            );
            jobs.extend(visitor);
            let paths: Vec<String> = jobs.iter().map(|j| j.path.clone()).collect();
            (paths, exec.run_all(jobs))
        },
    );
    paths.extend(others.0);
    (paths, index.and(others.1))
}
