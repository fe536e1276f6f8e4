//! The plan of a sync: what changed upstream, in the words `git status` would use, and the
//! files that make it so (every file's whole new text, and the files that move away).

use super::layout::{Ctx, Node, Place};
use super::links::{Moves, id_of_path, rewrite};
use super::matcher::pair;
use super::mine::Mine;
use super::reference::Reference;
use super::text::{Edit, Progress, apply, block, new_file, only_block};
use crate::content::frontmatter::quote;
use anyhow::{Result, bail};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One line of the plan: a topic and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The topic's title.
    pub title: String,
    /// What happens, with the files.
    pub detail: String,
}

/// What a sync will do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Topics new upstream, and their new files.
    pub added: Vec<Line>,
    /// The user's topics the reference no longer has: kept, or archived with `--prune`.
    pub removed: Vec<Line>,
    /// Topics found under another title: their title and file follow.
    pub renamed: Vec<Line>,
    /// Topics now under another parent: their file moves.
    pub moved: Vec<Line>,
    /// Topics that changed places among their siblings.
    pub reordered: Vec<Line>,
    /// Topics whose notes changed upstream: placed in an upstream block, or listed.
    pub notes: Vec<Line>,
    /// Topics in step with the reference.
    pub unchanged: usize,
    /// Topics whose `source:` key is written or brought up to date.
    pub sourced: usize,
    /// The user's own topics (no `source:`, not in the reference), left as they are.
    pub own: usize,
    /// Files whose links were rewritten to follow moved files.
    pub relinked: usize,
    /// Every file to write, content-relative, with its whole new content.
    pub writes: BTreeMap<String, Vec<u8>>,
    /// Files that move away (after the writes are in place).
    pub removes: BTreeSet<String>,
    /// Files written where they are (the rest of `writes` are new paths).
    in_place: BTreeSet<String>,
}

impl Plan {
    /// Whether the sync changes nothing.
    pub fn is_noop(&self) -> bool {
        self.writes.is_empty() && self.removes.is_empty()
    }
}

/// Works out the plan of bringing `mine` in step with `reference`.
pub fn make(reference: &Reference, mine: &Mine, prune: bool, progress: Progress) -> Result<Plan> {
    let matching = pair(reference, mine);
    let ctx = Ctx {
        reference,
        mine,
        matching: &matching,
        prune,
    };
    let kids = ctx.children();
    let places = ctx.places(&kids);
    let orders = super::order::orders(&ctx, &kids);
    let mut plan = Plan::default();
    let moves = moves(&ctx, &places)?;
    let reordered = super::order::reordered(&ctx, &kids);
    let step = Step {
        ctx: &ctx,
        places: &places,
        orders: &orders,
        moves: &moves,
        reordered: &reordered,
    };
    for i in 0..mine.topics.len() {
        mine_topic(&step, i, &mut plan)?;
    }
    for (r, t) in reference.topics.iter().enumerate() {
        let n = Node::New(r);
        let Some(rel) = places.get(&n).and_then(|p| p.rel.clone()) else {
            continue;
        };
        let leaf = kids.get(&n).is_none_or(Vec::is_empty);
        let text = new_file(t, orders.get(&n).copied(), leaf, progress);
        plan.added.push(Line {
            title: t.title.clone(),
            detail: rel.clone(),
        });
        plan.writes.insert(rel, text.into_bytes());
    }
    for (from, to) in &moves.assets {
        plan.writes
            .insert(to.clone(), crate::disk::read(&mine.dir.join(from))?);
        plan.removes.insert(from.clone());
    }
    check_targets(mine, &mut plan)?;
    Ok(plan)
}

/// Moves of files and ids, and of the other files under moved folders.
struct AllMoves {
    links: Moves,
    assets: BTreeMap<String, String>,
}

fn moves(ctx: &Ctx<'_>, places: &HashMap<Node, Place>) -> Result<AllMoves> {
    let mut links = Moves::default();
    let mut dirs: Vec<(String, String)> = Vec::new();
    for (i, t) in ctx.mine.topics.iter().enumerate() {
        let Some(place) = places.get(&Node::Mine(i)) else {
            continue;
        };
        if let (Some(old), Some(new)) = (&t.rel, &place.rel)
            && old != new
        {
            links.files.insert(old.clone(), new.clone());
        }
        if let (Some(old), Some(new)) = (&t.dir, &place.dir)
            && old != new
        {
            dirs.push((old.clone(), new.clone()));
        }
        let new_id = id_of(place);
        if !place.archived && new_id != t.id {
            links.ids.insert(t.id.clone(), new_id);
        }
    }
    // The deepest moved folder a file is in decides where it goes.
    dirs.sort_by_key(|(old, _)| std::cmp::Reverse(old.len()));
    let topic_files: BTreeSet<&str> = ctx
        .mine
        .topics
        .iter()
        .filter_map(|t| t.rel.as_deref())
        .collect();
    let mut assets = BTreeMap::new();
    for f in &ctx.mine.files {
        if topic_files.contains(f.as_str()) {
            continue;
        }
        let moved = dirs.iter().find_map(|(old, new)| {
            let rest = f.strip_prefix(old.as_str())?.strip_prefix('/')?;
            Some(format!("{new}/{rest}"))
        });
        if let Some(to) = moved {
            links.files.insert(f.clone(), to.clone());
            assets.insert(f.clone(), to);
        }
    }
    Ok(AllMoves { links, assets })
}

/// The id a place gives its topic, as the loader reads it.
fn id_of(place: &Place) -> String {
    match (&place.dir, &place.rel) {
        (Some(dir), _) => id_of_path(dir),
        (None, Some(rel)) => id_of_path(rel.strip_suffix(".md").unwrap_or(rel)),
        (None, None) => String::new(),
    }
}

/// What every one of the user's topics is worked out from.
struct Step<'a> {
    ctx: &'a Ctx<'a>,
    places: &'a HashMap<Node, Place>,
    orders: &'a HashMap<Node, i64>,
    moves: &'a AllMoves,
    reordered: &'a [usize],
}

/// One of the user's topics: listed where it changed, and its file written where it must be.
fn mine_topic(step: &Step<'_>, i: usize, plan: &mut Plan) -> Result<()> {
    let ctx = step.ctx;
    let t = &ctx.mine.topics[i];
    // Every topic is placed from the top down; one that was not stays where it is.
    let place = step
        .places
        .get(&Node::Mine(i))
        .cloned()
        .unwrap_or_else(|| Place {
            rel: t.rel.clone(),
            dir: t.dir.clone(),
            archived: false,
        });
    if ctx.removed(i) {
        let at = place.rel.clone().unwrap_or_default();
        let detail = match &t.rel {
            Some(old) if place.archived => format!("{old}, archived to {at}"),
            old => format!(
                "{}, kept",
                old.clone().or(t.dir.clone()).unwrap_or_default()
            ),
        };
        plan.removed.push(Line {
            title: t.title.clone(),
            detail,
        });
    }
    if ctx.matching.theirs[i].is_none() && t.source.is_none() {
        plan.own += 1;
    }
    let mut edit = Edit::default();
    if let Some(r) = ctx.matching.theirs[i]
        && !upstream(step, i, r, &place, &mut edit, plan)
    {
        plan.unchanged += 1;
    }
    if let Some(&o) = step.orders.get(&Node::Mine(i)) {
        edit.keys.push(("order", Some(o.to_string())));
    }
    write_topic(step, i, &place, edit, plan)
}

/// Lists what changed upstream for the user's topic `i`, paired with reference topic `r`,
/// and adds the edits its file needs; returns whether it was listed.
fn upstream(
    step: &Step<'_>,
    i: usize,
    r: usize,
    place: &Place,
    edit: &mut Edit,
    plan: &mut Plan,
) -> bool {
    let ctx = step.ctx;
    let (t, theirs) = (&ctx.mine.topics[i], &ctx.reference.topics[r]);
    let from = t.rel.clone().or(t.dir.clone()).unwrap_or_default();
    let to = place.rel.clone().or(place.dir.clone()).unwrap_or_default();
    let path = if from == to {
        from
    } else {
        format!("{from} → {to}")
    };
    let line = |detail: String| Line {
        title: theirs.title.clone(),
        detail,
    };
    let mut listed = false;
    if ctx.renamed(i) {
        edit.keys.push(("title", Some(quote(&theirs.title))));
        plan.renamed
            .push(line(format!("was \"{}\": {path}", t.title)));
        listed = true;
    }
    if ctx.moved(i) {
        let new_parent = ctx.final_parent(Node::Mine(i));
        if t.attached {
            let parent = step.places.get(&new_parent).map(id_of);
            let parent = parent.filter(|p| !p.is_empty()).map(|p| quote(&p));
            edit.keys.push(("parent", parent));
        }
        let old_parent = parent_title(ctx, ctx.current_parent(i));
        let new_parent = parent_title(ctx, new_parent);
        plan.moved
            .push(line(format!("{old_parent} → {new_parent}: {path}")));
        listed = true;
    }
    if t.source.as_deref() != Some(theirs.key.as_str()) {
        edit.keys.push(("source", Some(quote(&theirs.key))));
        plan.sourced += 1;
    }
    if step.reordered.contains(&i) {
        plan.reordered.push(line(to.clone()));
        listed = true;
    }
    listed | notes(t.body(), &theirs.notes, &theirs.title, &to, edit, plan)
}

/// The user's topic's file, edited and at its new place, added to the plan if it changes.
fn write_topic(
    step: &Step<'_>,
    i: usize,
    place: &Place,
    mut edit: Edit,
    plan: &mut Plan,
) -> Result<()> {
    let t = &step.ctx.mine.topics[i];
    let Some(new_rel) = place.rel.clone().or_else(|| {
        // A folder without an index file gets one when its front matter must change.
        let dir = place.dir.clone().unwrap_or_default();
        (!edit.keys.is_empty()).then(|| format!("{dir}/_index.md"))
    }) else {
        return Ok(());
    };
    let old = t.rel.clone();
    if !place.archived && edit.body.is_none() {
        let old_rel = old.as_deref().unwrap_or(&new_rel);
        if let Some(body) = rewrite(t.body(), old_rel, &new_rel, &step.moves.links) {
            edit.body = Some(body);
            plan.relinked += 1;
        }
    }
    let text = if edit.is_empty() {
        t.text.clone()
    } else {
        apply(&t.text, t.body_start, &edit)
            .map_err(|e| anyhow::anyhow!("cannot edit {new_rel}: {e}"))?
    };
    if old.as_deref() != Some(new_rel.as_str()) {
        plan.removes.extend(old);
        plan.writes.insert(new_rel, text.into_bytes());
    } else if text != t.text {
        plan.in_place.insert(new_rel.clone());
        plan.writes.insert(new_rel, text.into_bytes());
    }
    Ok(())
}

/// The upstream notes, against the user's: placed in a block when the user's notes are empty
/// or are the block as imported, else listed when the block the user kept is out of date.
/// Returns whether the topic is listed.
fn notes(
    body: &str,
    theirs: &str,
    title: &str,
    at: &str,
    edit: &mut Edit,
    plan: &mut Plan,
) -> bool {
    let line = |detail: &str| Line {
        title: title.to_string(),
        detail: format!("{detail}: {at}"),
    };
    if let Some(inner) = only_block(body) {
        if inner == theirs {
            return false;
        }
        edit.body = Some(if theirs.is_empty() {
            String::new()
        } else {
            block(theirs)
        });
        plan.notes.push(line("the upstream block is updated"));
        return true;
    }
    if body.trim().is_empty() {
        if theirs.is_empty() {
            return false;
        }
        edit.body = Some(block(theirs));
        plan.notes.push(line("placed in an upstream block"));
        return true;
    }
    let kept = body
        .split_once(super::text::OPEN)
        .and_then(|(_, rest)| rest.split_once(super::text::CLOSE))
        .map(|(inner, _)| inner.trim_start_matches(['\r', '\n']));
    match kept {
        Some(inner) if inner != theirs => {
            plan.notes.push(line(
                "kept yours; the upstream block in them still has the earlier text",
            ));
            true
        }
        _ => false,
    }
}

/// How the plan names a parent.
fn parent_title(ctx: &Ctx<'_>, n: Node) -> String {
    match n {
        Node::Top => "(top level)".to_string(),
        Node::Mine(i) => ctx.mine.topics[i].title.clone(),
        Node::New(r) => ctx.reference.topics[r].title.clone(),
    }
}

/// Refuses a plan that would write over a file it did not read: a name taken meanwhile, or
/// something in `.archive/` already.
fn check_targets(mine: &Mine, plan: &mut Plan) -> Result<()> {
    let mut clashes = Vec::new();
    for rel in plan.writes.keys() {
        let ours = plan.in_place.contains(rel) || plan.removes.contains(rel);
        if !ours && std::fs::symlink_metadata(mine.dir.join(rel)).is_ok() {
            clashes.push(mine.dir.join(rel).display().to_string());
        }
    }
    if !clashes.is_empty() {
        bail!(
            "sync would write over {}, which it did not make; move it away and sync again; nothing was written",
            clashes.join(", ")
        );
    }
    let writes = &plan.writes;
    plan.removes.retain(|r| !writes.contains_key(r));
    Ok(())
}
