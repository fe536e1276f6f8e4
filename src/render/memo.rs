//! Topic page views remembered between renders. Building and hashing 10,000 topic views on
//! every rebuild costs more than rendering the few pages that changed, so each view notes what
//! it read of the roadmap ([`Read`]: whole nodes, the names of the nodes it links to, their
//! parents, places in tree order), and the next render builds it again only when one of those
//! reads, or anything else the view was given (settings, site, notes), would give something
//! else. The page's key still comes from its view: a remembered view stands for the view it
//! was, never for a list of fields. `Views` reads the roadmap for a page only through the
//! accessors here; a read that bypassed them would be caught by tests/incremental.rs, which
//! builds every remembered view again after each kind of edit and compares.

use super::job::MadeBy;
use super::view::Views;
use crate::hash::{FxHasher, hash_of};
use crate::model::{Roadmap, Topic, TopicIdx};
use std::hash::{Hash, Hasher};

/// What a view read of the roadmap, in order.
pub type ReadLog = std::sync::Mutex<Vec<Read>>;

/// One read of the roadmap by a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Read {
    /// A node, all of it.
    Topic(TopicIdx),
    /// A node's id and title ([`name_of`]), as a link to it shows them.
    Name(TopicIdx),
    /// A node's parent.
    Parent(TopicIdx),
    /// Which node is at this place in tree order, if any.
    Order(usize),
}

/// What a view sees of a node it only links to: its id (which makes the URL) and title.
pub fn name_of(t: &Topic) -> (&str, &str) {
    (&t.id, &t.title)
}

/// The reads a view notes, when asked to.
impl<'a> Views<'a> {
    /// The same views, noting every read of the roadmap in `log`.
    pub fn noting<'b>(&self, log: &'b ReadLog) -> Views<'b>
    where
        'a: 'b,
    {
        Views {
            roadmap: self.roadmap,
            config: self.config,
            reads: Some(log),
        }
    }

    fn note(&self, read: Read) {
        if let Some(Ok(mut log)) = self.reads.map(|l| l.lock()) {
            log.push(read);
        }
    }

    /// A node, noted as read.
    pub(super) fn topic(&self, idx: TopicIdx) -> &'a Topic {
        self.note(Read::Topic(idx));
        &self.roadmap.topics[idx]
    }

    /// A node's id and title, noted as read.
    pub(super) fn name(&self, idx: TopicIdx) -> (&'a str, &'a str) {
        self.note(Read::Name(idx));
        name_of(&self.roadmap.topics[idx])
    }

    /// A node's parent, noted as read.
    pub(super) fn parent(&self, idx: TopicIdx) -> Option<TopicIdx> {
        self.note(Read::Parent(idx));
        self.roadmap.topics[idx].parent
    }

    /// The node at `pos` in tree order, noted as read.
    pub(super) fn at(&self, pos: usize) -> Option<TopicIdx> {
        self.note(Read::Order(pos));
        self.roadmap.order.get(pos).copied()
    }
}

/// What a topic page's view was made from and what it came to.
#[derive(Debug, Clone)]
pub struct ViewMemo {
    /// Fingerprint of what the view was given besides the roadmap: settings, site, notes.
    given: u64,
    /// What the view read of the roadmap, in order: shared, as a view that still holds is
    /// remembered again for the next render.
    reads: std::sync::Arc<[Read]>,
    /// Fingerprint of what those reads gave.
    read: u64,
    /// The view's fingerprint and maker, as the executor keys its file.
    pub made: MadeBy,
}

impl ViewMemo {
    /// A memo of a view given `given` that read `reads` of `roadmap` and was keyed `made`.
    pub fn new(given: u64, reads: Vec<Read>, nodes: &Nodes<'_>, made: MadeBy) -> Self {
        let read = nodes.replay(&reads);
        ViewMemo {
            given,
            reads: reads.into(),
            read,
            made,
        }
    }

    /// Whether the view, given `given` now, would read the same as when it was made.
    pub fn holds(&self, given: u64, nodes: &Nodes<'_>) -> bool {
        self.given == given && nodes.replay(&self.reads) == self.read
    }
}

/// The roadmap's nodes with a fingerprint of each, and of each one's name, taken once per
/// render: replaying a view's reads then hashes numbers rather than names.
pub struct Nodes<'a> {
    roadmap: &'a Roadmap,
    prints: Vec<u64>,
    names: Vec<u64>,
}

impl<'a> Nodes<'a> {
    /// Fingerprints every node of `roadmap`.
    pub fn of(roadmap: &'a Roadmap) -> Self {
        use rayon::prelude::*;
        let (prints, names) = rayon::join(
            || roadmap.topics.par_iter().map(hash_of).collect(),
            || {
                roadmap
                    .topics
                    .par_iter()
                    .map(|t| hash_of(&name_of(t)))
                    .collect()
            },
        );
        Nodes {
            roadmap,
            prints,
            names,
        }
    }

    /// A fingerprint of what `reads` give on this roadmap.
    pub(super) fn replay(&self, reads: &[Read]) -> u64 {
        let mut h = FxHasher::default();
        for read in reads {
            match *read {
                Read::Topic(idx) => (idx, self.prints.get(idx)).hash(&mut h),
                Read::Name(idx) => (idx, self.names.get(idx)).hash(&mut h),
                Read::Parent(idx) => self.roadmap.topics.get(idx).map(|t| t.parent).hash(&mut h),
                Read::Order(pos) => self.roadmap.order.get(pos).hash(&mut h),
            }
        }
        h.finish()
    }
}
