#!/usr/bin/env bash
# Benchmarks waymark against Hugo and an I/O floor on the same synthetic roadmap, in one run,
# and writes bench/BENCHMARKS.md. Not part of CI: machines are shared and noisy, so the targets
# are ratios measured side by side in the same run rather than absolute times.
#
# Usage: bench/run.sh [--quick]
#   --quick                       N=200 only, 1 run, no warmup; prints, leaves BENCHMARKS.md alone
#   WAYMARK_BENCH_SIZES="1000 10000"  corpus sizes (topic pages); the last one is judged
#   WAYMARK_BENCH_RUNS=5              timed runs per command (after 1 warmup)
#   WAYMARK_BIN=path                  time this binary instead of building target/release/waymark
#   WAYMARK_BENCH_TMP=/tmp            where corpora and outputs go (default /dev/shm if it has room)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done
sizes=${WAYMARK_BENCH_SIZES:-1000 10000}
runs=${WAYMARK_BENCH_RUNS:-5}
warmup=1
if [ $quick = 1 ]; then sizes=200; runs=1; warmup=0; fi
read -r -a sizes <<<"$sizes"
[ ${#sizes[@]} -gt 0 ] || { echo "run.sh: WAYMARK_BENCH_SIZES is empty" >&2; exit 2; }
small=${sizes[0]}; big=${sizes[${#sizes[@]}-1]}
say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------------
need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -n "${WAYMARK_BIN:-}" ]; then
  bin=$(cd "$(dirname "$WAYMARK_BIN")" && pwd)/$(basename "$WAYMARK_BIN")
else
  say "cargo build --release"
  (cd "$repo" && cargo build --release --quiet)
  target=${CARGO_TARGET_DIR:-$repo/target}
  case $target in /*) ;; *) target=$repo/$target ;; esac
  bin=$target/release/waymark
fi
[ -x "$bin" ] || { echo "run.sh: no waymark binary at $bin" >&2; exit 1; }

# Corpora and outputs live in RAM (/dev/shm) when it has room: a shared virtual disk adds
# seconds of noise that has nothing to do with the generators. WAYMARK_BENCH_TMP=/tmp for disk.
base=${WAYMARK_BENCH_TMP:-}
if [ -z "$base" ]; then
  base=${TMPDIR:-/tmp}
  if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 4000000 ]; then
    base=/dev/shm
  fi
fi
work=$(mktemp -d "$base/waymark-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
fs="$(stat -f -c %T "$work") ($base)"
rustc -O --edition 2021 -o "$work/io_floor" "$here/io_floor.rs"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- helpers ----------------------------------------------------------------------------------
# bench NAME N PREPARE CMD...: hyperfine with warmups and several runs, JSON in $work/NAME-N.json.
bench() {
  local name=$1 n=$2 prepare=$3; shift 3
  local cmd; cmd=$(printf '%q ' "$@")
  local args=(-N --style basic --warmup "$warmup" --runs "$runs" --export-json "$work/$name-$n.json")
  [ -n "$prepare" ] && args+=(--prepare "$prepare")
  hyperfine "${args[@]}" "$cmd" >&2
}
# json FIELD FILE: a field of hyperfine's result in ms (mean, stddev, min, max).
ms() { python3 -c "import json,sys; v=json.load(open(sys.argv[2]))['results'][0][sys.argv[1]]; print('%.1f' % (v*1000) if v is not None else '–')" "$1" "$2"; }
# peak_rss LOGFILE CMD...: runs CMD once under /usr/bin/time -v; prints max RSS in MB.
peak_rss() {
  local log=$1; shift
  /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || { echo "run.sh: failed: $* (see below)" >&2; tail -20 "$log" >&2; exit 1; }
  awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$log.time"
}
file_bytes() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
calc() { python3 -c "print($1)"; }

declare -A mean sd rss bytes
results=$work/results.md
{
  echo "| tool | N | mean (ms) | ± σ (ms) | min (ms) | peak RSS (MB) | output, du -sb (MB) | bytes/topic |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$results"
record() { # NAME N OUTDIR RSS
  local key=$1-$2 b
  mean[$key]=$(ms mean "$work/$key.json"); sd[$key]=$(ms stddev "$work/$key.json")
  rss[$key]=$4; b=$(du -sb "$3" | cut -f1); bytes[$key]=$b
  echo "| $1 | $2 | ${mean[$key]} | ${sd[$key]} | $(ms min "$work/$key.json") | $4 | $(calc "round($b/1e6, 1)") | $((b / $2)) |" >>"$results"
  say "$1 N=$2: ${mean[$key]} ms, peak ${4} MB, $((b / $2)) bytes/topic"
}

# --- the corpora ------------------------------------------------------------------------------
for n in "${sizes[@]}"; do
  w=$work/w$n h=$work/h$n
  say "corpus N=$n"
  python3 "$here/gen_corpus.py" --topics "$n" --out "$w" --format waymark
  python3 "$here/gen_corpus.py" --topics "$n" --out "$h" --format hugo
  python3 "$here/check_corpus.py" --format waymark "$w" >&2

  # waymark into a fresh folder every run: the full cost of a build.
  bench waymark "$n" "rm -rf $work/wo$n" "$bin" build --content "$w/content" --output "$work/wo$n"
  rm -rf "$work/wo$n"
  r=$(peak_rss "$work/wm$n.log" "$bin" build --content "$w/content" --output "$work/wo$n")
  record waymark "$n" "$work/wo$n" "$r"
  # waymark over its own previous output (what a second `waymark build` costs).
  bench waymark-rebuild "$n" "" "$bin" build --content "$w/content" --output "$work/wo$n"
  r=$(peak_rss "$work/wr$n.log" "$bin" build --content "$w/content" --output "$work/wo$n")
  record waymark-rebuild "$n" "$work/wo$n" "$r"

  bench hugo "$n" "rm -rf $work/ho$n" hugo --quiet -s "$h" -d "$work/ho$n"
  rm -rf "$work/ho$n"
  r=$(peak_rss "$work/hu$n.log" hugo --quiet -s "$h" -d "$work/ho$n")
  if grep -Eq 'WARN|ERROR' "$work/hu$n.log"; then
    echo "run.sh: Hugo warned on the N=$n corpus:" >&2; head -20 "$work/hu$n.log" >&2; exit 1
  fi
  python3 "$here/check_corpus.py" --format hugo "$h" --built "$work/ho$n" >&2
  record hugo "$n" "$work/ho$n" "$r"

  # The floor writes as many bytes per page as waymark wrote on average (assets included).
  per_page=$(( $(file_bytes "$work/wo$n") / n ))
  bench floor "$n" "rm -rf $work/fo$n" "$work/io_floor" "$w/content" "$work/fo$n" "$per_page"
  rm -rf "$work/fo$n"
  r=$(peak_rss "$work/fl$n.log" "$work/io_floor" "$w/content" "$work/fo$n" "$per_page")
  record floor "$n" "$work/fo$n" "$r"
  rm -rf "$work/fo$n" "$work/ho$n" "$work/wo$n"
done

# --- the user's own roadmap -------------------------------------------------------------------
user="–"; user_topics=0
if [ -d "$repo/content" ]; then
  user_topics=$(find "$repo/content" -name '*.md' | wc -l)
  say "the repo's content/ ($user_topics files)"
  bench waymark-own-content "$user_topics" "rm -rf $work/uo" "$bin" build --content "$repo/content" --output "$work/uo"
  rm -rf "$work/uo"
  r=$(peak_rss "$work/user.log" "$bin" build --content "$repo/content" --output "$work/uo")
  record waymark-own-content "$user_topics" "$work/uo" "$r"
  user=${mean[waymark-own-content-$user_topics]}
else
  say "no content/ in the repo: the user-roadmap row is skipped"
fi

# --- serve ------------------------------------------------------------------------------------
# HOOK: serve_bench — `waymark serve`'s save → reload latency. bench/serve_bench.py (owned by
# whoever writes serve) is run on each corpus if it exists; otherwise this section is skipped.
serve_bench() {
  if [ ! -f "$here/serve_bench.py" ]; then
    echo "skipped: bench/serve_bench.py does not exist yet"
    return
  fi
  local n edits=20; [ $quick = 1 ] && edits=5
  for n in "${sizes[@]}"; do
    timeout 300 python3 "$here/serve_bench.py" --bin "$bin" --content "$work/w$n/content" --edits "$edits" 2>&1 \
      || echo "serve N=$n: serve_bench.py failed (exit $?)"
  done
}
say "serve"
serve=$(serve_bench)

# --- the report -------------------------------------------------------------------------------
verdict() { python3 -c "print('PASS' if ($1) else 'FAIL')"; }
k=waymark-$big
r_hugo=$(calc "round(${mean[$k]}/${mean[hugo-$big]}, 3)")
r_floor=$(calc "round(${mean[$k]}/${mean[floor-$big]}, 2)")
# Ratios of the fastest runs too: on a busy machine the minimum is the least disturbed figure.
min_ratio() { calc "round($(ms min "$work/$1-$big.json")/$(ms min "$work/$2-$big.json"), ${3:-2})"; }
m_hugo=$(min_ratio waymark hugo 3); m_floor=$(min_ratio waymark floor)
bpt_small=$(calc "${bytes[waymark-$small]}/$small"); bpt_big=$(calc "${bytes[$k]}/$big")
growth=$(calc "round($bpt_big/$bpt_small, 3)")
if [ "$small" = "$big" ]; then growth_verdict="n/a (one size)"; else growth_verdict=$(verdict "abs($growth - 1) <= 0.10"); fi
if [ "$user" = "–" ]; then user_verdict="n/a (no content/)"; else user_verdict=$(verdict "$user < 50"); fi
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs || true)
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`bench/run.sh$([ $quick = 1 ] && echo ' --quick')\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  echo "- machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, Linux $(uname -r); load average before the run: $load_before"
  echo "- $("$bin" --version 2>/dev/null || echo 'waymark (no --version)'); $(hugo version | cut -d' ' -f1-2) (Debian, highlighting off); $(hyperfine --version); $(rustc --version | cut -d' ' -f1-2) for the floor"
  echo "- corpus: \`bench/gen_corpus.py\` (seed 42): N pages, ~540 words of notes each with a list, a table, a code block and 2–3 links to other topics; ~10 sections, groups, up to 4 levels"
  echo "- each time is the mean of $runs timed run(s) after $warmup warmup run(s); waymark, Hugo and the floor write into a fresh folder each run; waymark-rebuild builds over its own previous output"
  echo "- the floor (\`bench/io_floor.rs\`, \`rustc -O\`, all cores) reads every input and writes one page per input, as many bytes per page as waymark wrote on average"
  echo "- corpora and outputs on $fs"
  echo "- peak RSS: one more run under \`/usr/bin/time -v\`; output: \`du -sb\` of the output folder (file bytes plus directory sizes as the filesystem reports them)"
  echo
  cat "$results"
  echo
  echo "Verdicts use the means; the ratio of the fastest runs is shown beside them."
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  echo "| waymark / Hugo build time at N=$big ≤ 0.25 | ${r_hugo} (fastest runs: ${m_hugo}) | $(verdict "$r_hugo <= 0.25") |"
  echo "| waymark / I/O floor at N=$big ≤ 3 | ${r_floor} (fastest runs: ${m_floor}) | $(verdict "$r_floor <= 3") |"
  echo "| waymark peak RSS at N=$big < 150 MB | ${rss[$k]} MB | $(verdict "${rss[$k]} < 150") |"
  echo "| output bytes per topic, N=$big vs N=$small, within 10% | $(calc "round($bpt_big)") vs $(calc "round($bpt_small)") (×$growth) | $growth_verdict |"
  echo "| the repo's roadmap ($user_topics files) < 50 ms | $user ms | $user_verdict |"
  echo
  echo "## serve: save → reload"
  echo
  echo '```'
  echo "$serve"
  echo '```'
} >"$work/BENCHMARKS.md"
echo
cat "$work/BENCHMARKS.md"
if [ $quick = 0 ]; then
  cp "$work/BENCHMARKS.md" "$here/BENCHMARKS.md"
  say "wrote $here/BENCHMARKS.md"
fi
