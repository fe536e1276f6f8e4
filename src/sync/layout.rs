//! Where every topic ends up after a sync: each one's parent (the reference's, for a topic
//! it has), its siblings' order, and its file or folder, named as it was unless renamed.

use super::matcher::{How, Matching};
use super::mine::{Mine, last, parent_dir};
use super::reference::Reference;
use crate::content::{slug_of, split_prefix};
use std::collections::{HashMap, HashSet};

/// A node of the tree after the sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// The content folder itself.
    Top,
    /// One of the user's topics.
    Mine(usize),
    /// A reference topic the user does not have yet.
    New(usize),
}

/// Where a node's file and folder go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// Its file, content-relative; `None` for a folder without an index file.
    pub rel: Option<String>,
    /// Its folder, if it is one.
    pub dir: Option<String>,
    /// Whether it goes to `.archive/` (`--prune`).
    pub archived: bool,
}

/// The folder `--prune` moves topics removed upstream into; the loader skips it.
pub const ARCHIVE: &str = ".archive";

/// Everything the layout is worked out from.
pub struct Ctx<'a> {
    /// The reference.
    pub reference: &'a Reference,
    /// The user's content.
    pub mine: &'a Mine,
    /// The pairs.
    pub matching: &'a Matching,
    /// Whether topics removed upstream are archived.
    pub prune: bool,
}

impl Ctx<'_> {
    /// The node a reference topic becomes.
    pub fn node_of_ref(&self, r: usize) -> Node {
        self.matching.mine_of(r).map_or(Node::New(r), Node::Mine)
    }

    fn ref_parent(&self, r: usize) -> Node {
        self.reference.topics[r]
            .parent
            .map_or(Node::Top, |p| self.node_of_ref(p))
    }

    /// The user's topic's parent now.
    pub fn current_parent(&self, i: usize) -> Node {
        self.mine.topics[i].parent.map_or(Node::Top, Node::Mine)
    }

    /// A node's parent after the sync.
    pub fn final_parent(&self, n: Node) -> Node {
        match n {
            Node::Top => Node::Top,
            Node::Mine(i) => match self.matching.theirs[i] {
                Some(r) => self.ref_parent(r),
                None => self.current_parent(i),
            },
            Node::New(r) => self.ref_parent(r),
        }
    }

    /// The reference topic a node stands for, if any.
    pub fn theirs(&self, n: Node) -> Option<usize> {
        match n {
            Node::Top => None,
            Node::Mine(i) => self.matching.theirs[i],
            Node::New(r) => Some(r),
        }
    }

    /// Whether the user's topic came from the reference and is gone from it.
    pub fn removed(&self, i: usize) -> bool {
        self.matching.theirs[i].is_none() && self.mine.topics[i].source.is_some()
    }

    /// Whether the user's topic was found under another name: its title is the reference's.
    pub fn renamed(&self, i: usize) -> bool {
        let Some(r) = self.matching.theirs[i] else {
            return false;
        };
        let how = self.matching.mine[r].map(|(_, h)| h);
        how != Some(How::Source) && self.reference.topics[r].title != self.mine.topics[i].title
    }

    /// Whether the user's topic goes under another parent.
    pub fn moved(&self, i: usize) -> bool {
        self.matching.theirs[i].is_some()
            && self.final_parent(Node::Mine(i)) != self.current_parent(i)
    }

    /// Every node's children after the sync: the reference's in its order, then the user's
    /// own in theirs.
    pub fn children(&self) -> HashMap<Node, Vec<Node>> {
        let mut kids: HashMap<Node, Vec<Node>> = HashMap::new();
        for r in 0..self.reference.topics.len() {
            kids.entry(self.ref_parent(r))
                .or_default()
                .push(self.node_of_ref(r));
        }
        for i in 0..self.mine.topics.len() {
            if self.matching.theirs[i].is_none() {
                kids.entry(self.current_parent(i))
                    .or_default()
                    .push(Node::Mine(i));
            }
        }
        kids
    }

    /// Every node's place.
    pub fn places(&self, kids: &HashMap<Node, Vec<Node>>) -> HashMap<Node, Place> {
        let mut out = HashMap::new();
        out.insert(
            Node::Top,
            Place {
                rel: None,
                dir: Some(String::new()),
                archived: false,
            },
        );
        self.place_below(Node::Top, "", false, kids, &mut out);
        out
    }

    fn place_below(
        &self,
        n: Node,
        dir: &str,
        archived: bool,
        kids: &HashMap<Node, Vec<Node>>,
        out: &mut HashMap<Node, Place>,
    ) {
        let Some(children) = kids.get(&n) else { return };
        let mut taken: HashSet<String> = ["index", "readme"].map(String::from).into();
        for &c in children {
            if let Node::Mine(i) = c
                && !self.renamed(i)
                && !self.moved(i)
            {
                taken.insert(slug_of(stem(self.old_name(i))));
            }
        }
        for &c in children {
            let has_kids = kids.get(&c).is_some_and(|k| !k.is_empty());
            let place = match c {
                Node::Mine(i) => self.place_mine(i, dir, archived, has_kids, &mut taken),
                Node::New(r) => {
                    let seg = &self.reference.topics[r].segment;
                    let seg = crate::authoring::slug::first_free(seg, |s| taken.contains(s));
                    taken.insert(seg.clone());
                    let at = join(dir, &seg);
                    match has_kids {
                        true => Place {
                            rel: Some(join(&at, "_index.md")),
                            dir: Some(at),
                            archived,
                        },
                        false => Place {
                            rel: Some(format!("{at}.md")),
                            dir: None,
                            archived,
                        },
                    }
                }
                Node::Top => continue,
            };
            let below = place.dir.clone();
            let archived = place.archived;
            out.insert(c, place);
            if let Some(below) = below {
                self.place_below(c, &below, archived, kids, out);
            }
        }
    }

    /// A user's topic's name in its folder: its folder's, else its file's.
    fn old_name(&self, i: usize) -> &str {
        let t = &self.mine.topics[i];
        last(t.dir.as_deref().or(t.rel.as_deref()).unwrap_or(""))
    }

    fn place_mine(
        &self,
        i: usize,
        dir: &str,
        archived: bool,
        has_kids: bool,
        taken: &mut HashSet<String>,
    ) -> Place {
        let t = &self.mine.topics[i];
        let root_of_archive = !archived && self.prune && self.removed(i);
        if t.attached && !archived && !root_of_archive {
            return Place {
                rel: t.rel.clone(),
                dir: t.dir.clone(),
                archived,
            };
        }
        let old = self.old_name(i);
        let dir = if root_of_archive {
            let at = t.dir.as_deref().or(t.rel.as_deref()).unwrap_or("");
            join(ARCHIVE, parent_dir(at))
        } else {
            dir.to_string()
        };
        let is_file = t.dir.is_none() && t.rel.is_some();
        let mut name = old.to_string();
        if self.renamed(i) || self.moved(i) {
            let seg = match self.matching.theirs[i] {
                Some(r) if self.renamed(i) => self.reference.topics[r].segment.clone(),
                _ => slug_of(stem(old)),
            };
            let free = crate::authoring::slug::first_free(&seg, |s| taken.contains(s));
            taken.insert(free.clone());
            // A number prefix orders the file: it stays.
            let prefix = &old[..old.len() - split_prefix(old).1.len()];
            let ext = if is_file { ".md" } else { "" };
            name = format!("{prefix}{free}{ext}");
        }
        let archived = archived || root_of_archive;
        if is_file && !has_kids {
            return Place {
                rel: Some(join(&dir, &name)),
                dir: None,
                archived,
            };
        }
        let folder = join(&dir, stem(&name));
        let index = match (&t.rel, &t.dir) {
            (Some(rel), Some(_)) => Some(join(&folder, last(rel))),
            (Some(_), None) => Some(join(&folder, "_index.md")),
            (None, _) => None,
        };
        Place {
            rel: index,
            dir: Some(folder),
            archived,
        }
    }
}

/// A file name without `.md`.
fn stem(name: &str) -> &str {
    name.strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(name)
}

/// A content-relative path below `dir`.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}
