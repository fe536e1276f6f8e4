//! Siblings in the reference's order: the `order:` values to write (as few as will do), and
//! which of the user's topics changed places (the plan's "reordered").

use super::layout::{Ctx, Node};
use std::collections::HashMap;

/// The `order:` to write per node, for every node whose siblings are not yet in the
/// reference's order. New nodes fit into a gap when there is one; otherwise the siblings are
/// numbered 1, 2, 3… again.
pub fn orders(ctx: &Ctx<'_>, kids: &HashMap<Node, Vec<Node>>) -> HashMap<Node, i64> {
    let mut out = HashMap::new();
    for children in kids.values() {
        let wanted: Vec<Node> = children
            .iter()
            .copied()
            .filter(|&c| ctx.theirs(c).is_some())
            .collect();
        let now: Vec<Option<i64>> = wanted.iter().map(|&c| current(ctx, c)).collect();
        if sorts_as_wanted(ctx, &wanted, &now) {
            continue;
        }
        let mut gap = now.clone();
        let mut prev = 0;
        for o in &mut gap {
            let next = o.unwrap_or(prev + 1);
            *o = Some(next);
            prev = next;
        }
        let increasing = gap.windows(2).all(|w| w[0] < w[1]);
        let numbers: Vec<Option<i64>> = if increasing {
            gap
        } else {
            (1..=wanted.len() as i64).map(Some).collect()
        };
        for ((&c, new), old) in wanted.iter().zip(numbers).zip(now) {
            if let Some(n) = new.filter(|&n| Some(n) != old) {
                out.insert(c, n);
            }
        }
    }
    out
}

/// A node's order as the loader reads it now; `None` for a new one.
fn current(ctx: &Ctx<'_>, n: Node) -> Option<i64> {
    match n {
        Node::Mine(i) => ctx.mine.topics[i].order,
        _ => None,
    }
}

/// Whether the loader's sort (order, then title) already gives `wanted`.
fn sorts_as_wanted(ctx: &Ctx<'_>, wanted: &[Node], now: &[Option<i64>]) -> bool {
    let title = |n: Node| {
        ctx.theirs(n)
            .map(|r| ctx.reference.topics[r].title.to_lowercase())
            .unwrap_or_default()
    };
    let mut sorted: Vec<usize> = (0..wanted.len()).collect();
    sorted.sort_by_key(|&k| (now[k].is_none(), now[k].unwrap_or(0), title(wanted[k])));
    sorted.iter().enumerate().all(|(a, &b)| a == b)
}

/// The user's topics that changed places among siblings that stayed together: those outside
/// the longest run already in the reference's order.
pub fn reordered(ctx: &Ctx<'_>, kids: &HashMap<Node, Vec<Node>>) -> Vec<usize> {
    let mut out = Vec::new();
    for children in kids.values() {
        let stayed: Vec<(usize, usize)> = children
            .iter()
            .filter_map(|&c| match c {
                Node::Mine(i) if ctx.matching.theirs[i].is_some() && !ctx.moved(i) => {
                    Some((i, position(ctx, i)))
                }
                _ => None,
            })
            .collect();
        let keep = longest_increasing(&stayed.iter().map(|s| s.1).collect::<Vec<_>>());
        for (k, (i, _)) in stayed.iter().enumerate() {
            if !keep.contains(&k) {
                out.push(*i);
            }
        }
    }
    out.sort_unstable();
    out
}

/// Where the user's topic is among its siblings now.
fn position(ctx: &Ctx<'_>, i: usize) -> usize {
    let siblings = match ctx.mine.topics[i].parent {
        Some(p) => &ctx.mine.topics[p].children,
        None => &ctx.mine.top,
    };
    siblings.iter().position(|&s| s == i).unwrap_or(0)
}

/// The indices of a longest strictly increasing subsequence.
fn longest_increasing(xs: &[usize]) -> Vec<usize> {
    let n = xs.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if xs[j] < xs[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = Some(j);
            }
        }
    }
    let mut at = (0..n).max_by_key(|&i| (len[i], std::cmp::Reverse(i)));
    let mut out = Vec::new();
    while let Some(i) = at {
        out.push(i);
        at = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;

    #[test]
    fn the_longest_run_in_order_stays() {
        assert_eq!(longest_increasing(&[0, 2, 1, 3]), vec![0, 1, 3]);
        assert_eq!(longest_increasing(&[1, 0]), vec![0]);
        assert!(longest_increasing(&[]).is_empty());
    }
}
