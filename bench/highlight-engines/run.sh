#!/bin/bash
# The highlighting engines compared for issue 19 (bench/BENCHMARKS.md): each candidate is a
# small crate here, compiled from nothing in its own target folder (time and CPU of the
# release build, stripped binary size), then run on the snippets (9 languages) for fidelity
# (spans per snippet) and on N blocks for speed: the snippets cycled, then 500 distinct blocks
# as bench/gen_corpus.py writes them (what bench/highlight.sh builds), cycled.
# Usage: bench/highlight-engines/run.sh [N]
set -uo pipefail
cd "$(dirname "$0")"
n=${1:-2000}
blocks=$(mktemp -d)
trap 'rm -rf "$blocks"' EXIT
python3 corpus_blocks.py 500 "$blocks"
for c in syntect twoface twoface-onig giallo treesitter; do
  echo "== $c"
  ( cd $c && /usr/bin/time -f "$c build: wall %e s, cpu %U+%S s" cargo build --release -q 2>&1 | tail -20 )
  bin=$(ls $c/target/release/hl-* 2>/dev/null | grep -v '\.d$' | head -1)
  [ -n "$bin" ] || continue
  strip -o "$c/target/stripped" "$bin" && ls -l "$c/target/stripped"
  (cd $c && /usr/bin/time -f "$c run: cpu %U+%S s" "../$bin" ../snippets "$n")
  (cd $c && /usr/bin/time -f "$c corpus run: cpu %U+%S s" "../$bin" "$blocks" "$n" | grep -v spans=)
done
