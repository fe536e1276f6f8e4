//! The roadmap as a nested outline, the form text roadmaps take: what `waymark import` reads
//! and `waymark tree` prints. Statuses and the counting rules are the roadmap's own.

use super::{Progress, Roadmap, Status, TopicIdx};

/// A roadmap as an outline: its title and its top-level sections, each with the nodes below.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    /// The roadmap's title.
    pub title: String,
    /// The top-level sections.
    pub sections: Vec<OutlineNode>,
}

/// One node of an outline: a topic as text shows it, with the nodes below it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutlineNode {
    /// Shown name.
    pub title: String,
    /// Where the learner stands; `None` for an untracked group.
    pub status: Option<Status>,
    /// Labels such as `Job Essential`.
    pub tags: Vec<String>,
    /// A short annotation such as "You have this".
    pub note: Option<String>,
    /// An emoji shown before the title.
    pub icon: Option<String>,
    /// The nodes below, in order.
    pub children: Vec<OutlineNode>,
    /// Not started and waiting on a requirement (`waymark tree` marks it; import drops it).
    pub blocked: bool,
}

impl OutlineNode {
    /// The roll-up over this node's tracked descendants, as [`super::Topic::progress`] has it.
    pub fn progress(&self) -> Progress {
        roll_up(&self.children)
    }
}

/// The figures of `nodes` and everything below them: every tracked node counted.
fn roll_up(nodes: &[OutlineNode]) -> Progress {
    let mut p = Progress::default();
    for n in nodes {
        if let Some(s) = n.status {
            p.add(s);
        }
        p.merge(&n.progress());
    }
    p
}

impl Outline {
    /// The roadmap's own figures: every tracked node counted.
    pub fn progress(&self) -> Progress {
        roll_up(&self.sections)
    }

    /// Nodes below the sections that carry no status, as [`Roadmap::untracked_groups`] counts.
    pub fn untracked_groups(&self) -> usize {
        fn walk(n: &OutlineNode) -> usize {
            n.children
                .iter()
                .map(|c| usize::from(c.status.is_none()) + walk(c))
                .sum()
        }
        self.sections.iter().map(walk).sum()
    }
}

impl Roadmap {
    /// The roadmap as an outline, for printing as a text tree.
    pub fn outline(&self) -> Outline {
        Outline {
            title: self.title.clone(),
            sections: self.outline_below(0),
        }
    }

    fn outline_below(&self, idx: TopicIdx) -> Vec<OutlineNode> {
        self.topics[idx]
            .children
            .iter()
            .map(|&c| {
                let t = &self.topics[c];
                OutlineNode {
                    title: t.title.clone(),
                    status: t.status,
                    tags: t.tags.clone(),
                    note: t.note.clone(),
                    icon: t.icon.clone(),
                    children: self.outline_below(c),
                    blocked: t.blocked && t.status == Some(Status::NotStarted),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(status: Option<Status>) -> OutlineNode {
        OutlineNode {
            title: "t".into(),
            status,
            ..OutlineNode::default()
        }
    }

    #[test]
    fn counts_like_the_roadmap() {
        let group = OutlineNode {
            title: "g".into(),
            children: vec![
                leaf(Some(Status::Done)),
                leaf(Some(Status::Skipped)),
                leaf(None),
            ],
            ..OutlineNode::default()
        };
        let section = OutlineNode {
            title: "s".into(),
            status: Some(Status::InProgress),
            children: vec![group, leaf(Some(Status::NotStarted))],
            ..OutlineNode::default()
        };
        let outline = Outline {
            title: "r".into(),
            sections: vec![section.clone()],
        };
        let p = section.progress();
        assert_eq!((p.done, p.countable(), p.tracked()), (1, 2, 3));
        let p = outline.progress();
        assert_eq!((p.done, p.in_progress, p.countable()), (1, 1, 3));
        assert_eq!(outline.untracked_groups(), 2);
    }
}
