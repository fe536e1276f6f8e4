//! The outline as a graph: a mermaid flowchart and a Graphviz digraph, a box per node, an
//! edge from each to its children and a dashed one from each requirement (`requires:`) to
//! what it unlocks, the status in words and in a colour class.

use super::{Node, Outline, escape};
use crate::model::Status;
use std::fmt::Write;

/// Fill, border and text colours per status (and for untracked groups), with text contrast
/// of at least 4.5:1 on its fill.
fn colours(status: Option<Status>) -> (&'static str, &'static str, &'static str) {
    match status {
        Some(Status::Done) => ("#d7f0db", "#2e7d32", "#12361a"),
        Some(Status::InProgress) => ("#fff1c2", "#9a6700", "#3d2900"),
        Some(Status::NotStarted) => ("#eef0f3", "#6b7280", "#1f2328"),
        Some(Status::Skipped) => ("#f4f4f4", "#9ca3af", "#4b5058"),
        None => ("#ffffff", "#1f2328", "#1f2328"),
    }
}

/// The class a status gets in mermaid.
fn class(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Done) => "done",
        Some(Status::InProgress) => "inProgress",
        Some(Status::NotStarted) => "notStarted",
        Some(Status::Skipped) => "skipped",
        None => "group",
    }
}

/// A node's label: its title, then its status or percent in words, so colour is never the
/// only sign of it.
fn label(n: &Node) -> (String, String) {
    let words = match (n.status, n.percent) {
        (Some(s), Some(p)) => format!("{}, {p}%", s.label()),
        (Some(s), None) => s.label().to_string(),
        (None, Some(p)) => format!("{p}%"),
        (None, None) => String::new(),
    };
    (n.title.clone(), words)
}

/// Text inside a mermaid `"…"` label: mermaid's `#name;` entities for what it would read
/// as markup.
fn escape_mermaid(text: &str) -> String {
    escape(text, |c| match c {
        '#' => Some("#35;"),
        '"' => Some("#quot;"),
        '<' => Some("#lt;"),
        '>' => Some("#gt;"),
        '&' => Some("#amp;"),
        '`' => Some("#96;"),
        _ => None,
    })
}

/// A mermaid flowchart, left to right: the roadmap's title at the root, a class per status.
pub fn mermaid(outline: &Outline) -> String {
    let mut out = String::from("flowchart LR\n");
    for s in [None].into_iter().chain(Status::ALL.map(Some)) {
        let (fill, stroke, text) = colours(s);
        let _ = writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{stroke},color:{text}",
            class(s)
        );
    }
    let _ = writeln!(
        out,
        "  root[\"{}<br/>{}\"]",
        escape_mermaid(&outline.title),
        escape_mermaid(&outline.summary)
    );
    for (i, n) in outline.nodes.iter().enumerate() {
        let (title, words) = label(n);
        let text = if words.is_empty() {
            escape_mermaid(&title)
        } else {
            format!("{}<br/>{}", escape_mermaid(&title), escape_mermaid(&words))
        };
        let _ = writeln!(out, "  n{i}[\"{text}\"]:::{}", class(n.status));
    }
    for (i, parent) in outline.parents.iter().enumerate() {
        match parent {
            Some(p) => writeln!(out, "  n{p} --> n{i}"),
            None => writeln!(out, "  root --> n{i}"),
        }
        .unwrap_or_default();
    }
    // Requirements: a dotted arrow from what is required to what it unlocks.
    for (i, n) in outline.nodes.iter().enumerate() {
        for q in &n.requires {
            let _ = writeln!(out, "  n{q} -. requires .-> n{i}");
        }
    }
    for (i, n) in outline.nodes.iter().enumerate() {
        if let Some(url) = outline.link(n) {
            let _ = writeln!(out, "  click n{i} href \"{}\"", escape_mermaid(&url));
        }
    }
    out
}

/// A DOT string literal.
fn quote_dot(text: &str) -> String {
    let inner = escape(text, |c| match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '\n' => Some("\\n"),
        _ => None,
    });
    format!("\"{inner}\"")
}

/// A Graphviz digraph, left to right, each node coloured by status and labelled with it.
pub fn dot(outline: &Outline) -> String {
    let mut out = format!(
        "digraph roadmap {{\n  graph [rankdir=LR, fontname=\"Helvetica\", label={}, labelloc=t];\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n",
        quote_dot(&outline.title)
    );
    let _ = writeln!(
        out,
        "  root [label={}, shape=box, style=\"bold\"];",
        quote_dot(&format!("{}\n{}", outline.title, outline.summary))
    );
    for (i, n) in outline.nodes.iter().enumerate() {
        let (title, words) = label(n);
        let text = if words.is_empty() {
            title
        } else {
            format!("{title}\n{words}")
        };
        let (fill, stroke, font) = colours(n.status);
        let _ = write!(
            out,
            "  n{i} [label={}, fillcolor=\"{fill}\", color=\"{stroke}\", fontcolor=\"{font}\"",
            quote_dot(&text)
        );
        if let Some(url) = outline.link(n) {
            let _ = write!(out, ", URL={}", quote_dot(&url));
        }
        out.push_str("];\n");
    }
    for (i, parent) in outline.parents.iter().enumerate() {
        match parent {
            Some(p) => writeln!(out, "  n{p} -> n{i};"),
            None => writeln!(out, "  root -> n{i};"),
        }
        .unwrap_or_default();
    }
    for (i, n) in outline.nodes.iter().enumerate() {
        for q in &n.requires {
            let _ = writeln!(out, "  n{q} -> n{i} [style=dashed, label=\"requires\"];");
        }
    }
    out.push_str("}\n");
    out
}
