//! The plan in words: for the terminal, like `git status`, and as markdown for a pull
//! request's description (`--report FILE.md`).

use super::plan::{Line, Plan};

/// The plan's sections: heading and lines.
fn sections(plan: &Plan, prune: bool) -> [(&'static str, &[Line]); 6] {
    [
        ("added upstream", &plan.added),
        (
            if prune {
                "removed upstream, archived"
            } else {
                "removed upstream, kept"
            },
            &plan.removed,
        ),
        ("renamed", &plan.renamed),
        ("moved", &plan.moved),
        ("reordered", &plan.reordered),
        ("upstream notes changed", &plan.notes),
    ]
}

/// The plan for the terminal: one block per kind of change, then the unchanged count.
pub fn terminal(plan: &Plan, prune: bool) -> String {
    let mut out = String::new();
    for (heading, lines) in sections(plan, prune) {
        if lines.is_empty() {
            continue;
        }
        let hint = std::ptr::eq(lines, plan.removed.as_slice()) && !prune;
        out.push_str(&block(heading, lines, hint));
    }
    out.push_str(&format!("unchanged: {}\n", unchanged(plan)));
    for line in footnotes(plan) {
        out.push_str(&format!("{line}\n"));
    }
    out
}

/// One kind of change for the terminal: its heading, count and lines.
fn block(heading: &str, lines: &[Line], prune_hint: bool) -> String {
    let mut out = format!("{heading} ({}):\n", lines.len());
    if prune_hint {
        out.push_str("  (--prune moves them to .archive/ in the content folder)\n");
    }
    for l in lines {
        out.push_str(&format!("    {}  ({})\n", l.title, l.detail));
    }
    out.push('\n');
    out
}

/// The upstream notes that differ from what a file kept, said even when there is nothing
/// to write.
pub fn kept_notes(plan: &Plan) -> String {
    if plan.notes.is_empty() {
        return String::new();
    }
    let b = block("upstream notes changed", &plan.notes, false);
    format!("\n{}", b.strip_suffix('\n').unwrap_or(&b))
}

/// What the plan does besides its lists: provenance recorded, the user's own topics.
fn footnotes(plan: &Plan) -> Vec<String> {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let mut out = Vec::new();
    if plan.sourced > 0 {
        let n = plan.sourced;
        out.push(format!(
            "source: recorded or brought up to date in {n} topic{}",
            s(n)
        ));
    }
    if plan.own > 0 {
        let n = plan.own;
        out.push(format!(
            "your own: {n} topic{} without `source:` and not in the reference, left as they are",
            s(n)
        ));
    }
    out
}

fn unchanged(plan: &Plan) -> String {
    let n = plan.unchanged;
    format!("{n} topic{}", if n == 1 { "" } else { "s" })
}

/// The plan as markdown, for a pull request.
pub fn markdown(plan: &Plan, reference: &str, prune: bool) -> String {
    let mut out = format!("## Sync with `{reference}`\n\n");
    if plan.is_noop() {
        out.push_str("Already in step with the reference: nothing to change.\n\n");
    }
    for (heading, lines) in sections(plan, prune) {
        if lines.is_empty() {
            continue;
        }
        let mut h = heading.to_string();
        if let Some(first) = h.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        out.push_str(&format!("### {h} ({})\n\n", lines.len()));
        for l in lines {
            out.push_str(&format!(
                "- **{}**: {}\n",
                escape(&l.title),
                escape(&l.detail)
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!("Unchanged: {}.\n", unchanged(plan)));
    for line in footnotes(plan) {
        let mut line = line;
        if let Some(first) = line.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        out.push_str(&format!("\n{line}.\n"));
    }
    if plan.relinked > 0 {
        out.push_str(&format!(
            "\nLinks to moved files were rewritten in {} file{}.\n",
            plan.relinked,
            if plan.relinked == 1 { "" } else { "s" }
        ));
    }
    out
}

/// Text made safe inside a markdown list item.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
