#!/usr/bin/env bash
# Benchmarks waymark against Hugo and an I/O floor on the same synthetic roadmap, in one run,
# and writes bench/BENCHMARKS.md. Not part of CI: machines are shared and noisy, so compare the
# ratios measured side by side here rather than absolute times.
# Usage: bench/run.sh [--quick]     WAYMARK_BENCH_SIZES="1000 10000" to choose sizes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
quick=0; [ "${1:-}" = "--quick" ] && quick=1
sizes=${WAYMARK_BENCH_SIZES:-1000 10000}; runs=5
[ $quick = 1 ] && { sizes=200; runs=1; }

need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
(cd "$repo" && cargo build --release --quiet)
bin=${CARGO_TARGET_DIR:-$repo/target}/release/waymark
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
rustc -O -o "$work/io_floor" "$here/io_floor.rs"

results="$work/results.md"
echo "| what | N | mean (ms) | ± (ms) | peak RSS (MB) | output (MB) | bytes/topic |" > "$results"
echo "|---|---:|---:|---:|---:|---:|---:|" >> "$results"
declare -A mean rss
row() { # name n json outdir
  local m s r b
  m=$(python3 -c "import json,sys;print(round(json.load(open('$3'))['results'][0]['mean']*1000,1))")
  s=$(python3 -c "import json,sys;print(round((json.load(open('$3'))['results'][0]['stddev'] or 0)*1000,1))")
  r=$(/usr/bin/time -v "${@:5}" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.1f", $2/1024}')
  b=$(du -sb "$4" | cut -f1)
  mean[$1$2]=$m; rss[$1$2]=$r
  echo "| $1 | $2 | $m | $s | $r | $(python3 -c "print(round($b/1e6,1))") | $((b / $2)) |" >> "$results"
  echo "$1 N=$2: $m ms, $r MB" >&2
  eval "bytes_${1//-/_}_$2=$b"
}
for n in $sizes; do
  python3 "$here/gen_corpus.py" --topics "$n" --out "$work/w$n" --format waymark
  python3 "$here/gen_corpus.py" --topics "$n" --out "$work/h$n" --format hugo
  # A fresh output folder every run: the full cost, not the cheaper unchanged-files rebuild.
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/wm$n.json" \
    --prepare "rm -rf $work/wo$n" "$bin build --content $work/w$n/content --output $work/wo$n" >/dev/null
  row waymark "$n" "$work/wm$n.json" "$work/wo$n" sh -c "rm -rf $work/wo$n && $bin build --content $work/w$n/content --output $work/wo$n"
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/wr$n.json" \
    "$bin build --content $work/w$n/content --output $work/wo$n" >/dev/null
  row waymark-rebuild "$n" "$work/wr$n.json" "$work/wo$n" "$bin" build --content "$work/w$n/content" --output "$work/wo$n"
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/hu$n.json" \
    --prepare "rm -rf $work/ho$n" "hugo --quiet -s $work/h$n -d $work/ho$n" >/dev/null
  row hugo "$n" "$work/hu$n.json" "$work/ho$n" sh -c "rm -rf $work/ho$n && hugo --quiet -s $work/h$n -d $work/ho$n"
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/fl$n.json" \
    "$work/io_floor $work/w$n/content $work/fo$n" >/dev/null
  row floor "$n" "$work/fl$n.json" "$work/fo$n" "$work/io_floor" "$work/w$n/content" "$work/fo$n"
done

# The user's own roadmap.
hyperfine -N --warmup 2 --runs 10 --export-json "$work/user.json" \
  --prepare "rm -rf $work/uo" "$bin build --content $repo/content --output $work/uo" >/dev/null
user=$(python3 -c "import json;print(round(json.load(open('$work/user.json'))['results'][0]['mean']*1000,1))")

serve="serve benchmark: not available"
if [ -f "$here/serve_bench.py" ]; then
  serve=""
  for n in $sizes; do
    serve+="$(python3 "$here/serve_bench.py" --bin "$bin" --content "$work/w$n/content" --edits $([ $quick = 1 ] && echo 5 || echo 20))"$'\n'
  done
fi

big=$(echo "$sizes" | awk '{print $NF}'); small=$(echo "$sizes" | awk '{print $1}')
verdict() { python3 -c "print('PASS' if $1 else 'FAIL')"; }
ratio_hugo=$(python3 -c "print(round(${mean[waymark$big]}/${mean[hugo$big]},3))")
ratio_floor=$(python3 -c "print(round(${mean[waymark$big]}/${mean[floor$big]},2))")
bpt_small=$(eval echo \$bytes_waymark_$small); bpt_big=$(eval echo \$bytes_waymark_$big)
growth=$(python3 -c "print(round(($bpt_big/$big)/($bpt_small/$small),3))")
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`bench/run.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"
  echo "$($bin --version), $(hugo version | cut -d' ' -f1-2), $(hyperfine --version). Corpus: \`bench/gen_corpus.py\`"
  echo "(fixed seed; ~500 words of notes per topic with lists, tables, code and sibling links)."
  echo "waymark rows build into a fresh folder each run; waymark-rebuild rebuilds over its own"
  echo "previous output (unchanged files are not rewritten). Hugo runs with highlighting off."
  echo
  cat "$results"
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  echo "| full build at N=$big ≤ 1/4 of Hugo's time | ${ratio_hugo}× Hugo | $(verdict "$ratio_hugo <= 0.25") |"
  echo "| full build at N=$big ≤ 3× the I/O floor | ${ratio_floor}× floor | $(verdict "$ratio_floor <= 3") |"
  echo "| peak memory at N=$big < 150 MB | ${rss[waymark$big]} MB | $(verdict "${rss[waymark$big]} < 150") |"
  echo "| output bytes per topic constant (±10%) from N=$small to N=$big | ×$growth | $(verdict "abs($growth - 1) <= 0.10") |"
  echo "| the user's roadmap (154 topics) < 50 ms | $user ms | $(verdict "$user < 50") |"
  echo
  echo "## serve: edit → reload event"
  echo
  echo '```'
  echo "$serve"
  echo '```'
} > "$work/BENCHMARKS.md"
cat "$work/BENCHMARKS.md"
[ $quick = 1 ] || cp "$work/BENCHMARKS.md" "$here/BENCHMARKS.md"
