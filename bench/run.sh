#!/usr/bin/env bash
# Benchmarks waymark against Hugo and an I/O floor on the same synthetic roadmap, in one run,
# and writes bench/BENCHMARKS.md. Not part of CI: machines are shared and noisy, so the targets
# are ratios measured side by side in this run, not absolute times.
#
# Usage: bench/run.sh [--quick]
#   WAYMARK_BENCH_SIZES="1000 10000"   corpus sizes (the first and last are compared)
#   WAYMARK_BENCH_RUNS=3               timed runs per command (after one warmup)
#   WAYMARK_BENCH_OUTPUTS=DIR          where outputs are written (default: a folder in /dev/shm,
#                                      tmpfs, when there is one: the floor is then the CPU's)
#   WAYMARK_BENCH_HUGE=100000          one more waymark build of this many topics (0: none)
#   --quick                            N=200, one run, prints the table, leaves BENCHMARKS.md alone
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
quick=0
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
sizes=${WAYMARK_BENCH_SIZES:-1000 10000}
runs=${WAYMARK_BENCH_RUNS:-3}
edits=20
if [ $quick = 1 ]; then sizes=200; runs=1; edits=5; fi
say() { echo "== $*" >&2; }

# --- tools -----------------------------------------------------------------------------------
need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  say "installing ${need[*]}"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
say "cargo build --release"
(cd "$repo" && cargo build --release --quiet)
bin=${CARGO_TARGET_DIR:-$repo/target}/release/waymark
case $bin in /*) ;; *) bin=$repo/$bin ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
rustc -O -o "$work/io_floor" "$here/io_floor.rs"
# Clearing an output folder moves it to the trash instead of deleting it: on ext4 without a
# journal (this machine's disk) every new inode is checked against inodes freed in the last
# 30 s (recently_deleted in the profile), so a build right after `rm -rf` of 10,000 pages
# spends most of its time in the kernel skipping them. The trash is emptied at the end.
# Outputs go to tmpfs when there is one: writing costs little there, so the floor ratio shows
# waymark's own work. Inputs stay in $work.
if [ -n "${WAYMARK_BENCH_OUTPUTS:-}" ]; then outs=$(mktemp -d "$WAYMARK_BENCH_OUTPUTS/waymark-out.XXXXXX")
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then outs=$(mktemp -d /dev/shm/waymark-out.XXXXXX)
else outs=$work/out; mkdir -p "$outs"; fi
trap 'rm -rf "$work" "$outs"' EXIT
outs_fs=$(df --output=fstype "$outs" | tail -1)
trash=$outs/trash; mkdir -p "$trash"
aside() { echo "[ ! -e $1 ] || mv $1 $trash/\$(date +%s%N)"; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# --- measurements ----------------------------------------------------------------------------
# json FILE KEY: a hyperfine result field in ms.
json() { python3 -c "import json,sys;v=json.load(open(sys.argv[1]))['results'][0][sys.argv[2]] or 0;print(f'{v*1000:.1f}')" "$1" "$2"; }
# peak_rss CMD...: the peak resident set of CMD (largest process), in MB.
peak_rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.1f", $2/1024}'; }
declare -A mean sd cpu rss bytes
# cpu FILE: mean user + system CPU time in ms: less disturbed by other jobs than wall time.
cpu() { python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{(r['user']+r['system'])*1000:.1f}\")" "$1"; }
# measure NAME N OUTDIR PREPARE CMD: hyperfine CMD (PREPARE before each run, untimed), then
# one more run under /usr/bin/time for its peak memory, then the output's size.
measure() {
  local name=$1 n=$2 out=$3 prepare=$4 cmd=$5 file="$work/$1-$2.json"
  say "$name N=$n"
  local args=(-N --warmup 1 --runs "$runs" --export-json "$file" --style none)
  [ -n "$prepare" ] && args+=(--prepare "sh -c '$prepare'")
  hyperfine "${args[@]}" "$cmd" >/dev/null
  mean[$name$n]=$(json "$file" mean); sd[$name$n]=$(json "$file" stddev); cpu[$name$n]=$(cpu "$file")
  [ -n "$prepare" ] && sh -c "$prepare"
  # shellcheck disable=SC2086 # cmd is a plain word list without quoting
  rss[$name$n]=$(peak_rss $cmd)
  bytes[$name$n]=$(du -sb "$out" | cut -f1)
  echo "   ${mean[$name$n]} ms ± ${sd[$name$n]} (cpu ${cpu[$name$n]} ms), ${rss[$name$n]} MB, ${bytes[$name$n]} bytes" >&2
}
for n in $sizes; do
  say "corpus N=$n"
  python3 "$here/gen_corpus.py" --topics "$n" --out "$work/w$n" --format waymark
  python3 "$here/gen_corpus.py" --topics "$n" --out "$work/h$n" --format hugo
  # A fresh output folder every run: the full cost, not the cheaper unchanged-files rebuild.
  measure waymark "$n" "$outs/wo$n" "$(aside "$outs/wo$n")" \
    "$bin build --content $work/w$n/content --output $outs/wo$n"
  # Over its own previous output: only changed files are written (serve's and CI's case).
  measure waymark-rebuild "$n" "$outs/wo$n" "" \
    "$bin build --content $work/w$n/content --output $outs/wo$n"
  measure hugo "$n" "$outs/ho$n" "$(aside "$outs/ho$n")" "hugo --quiet -s $work/h$n -d $outs/ho$n"
  measure floor "$n" "$outs/fo$n" "$(aside "$outs/fo$n")" "$work/io_floor $work/w$n/content $outs/fo$n"
done

huge=${WAYMARK_BENCH_HUGE:-100000}
[ $quick = 1 ] && huge=${WAYMARK_BENCH_HUGE:-0}
if [ "$huge" != 0 ]; then
  # One build of a much larger roadmap: its time per topic against the largest size's, and its
  # peak memory. The corpus is removed right after (~8 KB of notes per topic).
  say "corpus N=$huge"
  python3 "$here/gen_corpus.py" --topics "$huge" --out "$work/w$huge" --format waymark
  say "waymark N=$huge"
  /usr/bin/time -v "$bin" build --content "$work/w$huge/content" --output "$outs/wo$huge" \
    2> "$work/huge.time" >/dev/null
  huge_ms=$(python3 -c "import re,sys;t=re.search(r'Elapsed.*: (?:(\d+):)?(\d+):([\d.]+)',open(sys.argv[1]).read());h,m,s=t.groups();print(round((int(h or 0)*3600+int(m)*60+float(s))*1000))" "$work/huge.time")
  huge_rss=$(awk -F: '/Maximum resident/ {printf "%.1f", $2/1024}' "$work/huge.time")
  echo "   $huge_ms ms, $huge_rss MB" >&2
  rm -rf "$work/w$huge" "$outs/wo$huge"
fi

say "the user's roadmap"
user_topics=$(cd "$repo" && "$bin" build --output "$outs/uo" | sed -nE 's/.* of ([0-9]+) (topics )?done.*/\1/p')
(cd "$repo" && hyperfine -N --warmup 2 --runs 10 --style none --export-json "$work/user.json" \
  --prepare "sh -c '$(aside "$outs/uo")'" "$bin build --output $outs/uo" >/dev/null)
user=$(json "$work/user.json" mean); user_cpu=$(cpu "$work/user.json")

declare -A serve_line serve_median serve_total
if [ -f "$here/serve_bench.py" ]; then
  extra=(); python3 "$here/serve_bench.py" --help 2>/dev/null | grep -q -- --edits && extra=(--edits "$edits")
  for n in $sizes; do
    say "serve N=$n"
    line=$(python3 "$here/serve_bench.py" --bin "$bin" --content "$work/w$n/content" "${extra[@]}" 2>&1 | tail -1) || true
    serve_line[$n]=$line
    # The target excludes the watcher's wait: the rebuild alone, from the settled change to
    # the reload event sent. The save → reload median (wait included) is reported beside it.
    serve_median[$n]=$(grep -oE 'rebuild alone median [0-9.]+' <<<"$line" | grep -oE '[0-9.]+$' | head -1) || true
    serve_total[$n]=$(grep -oE 'event median [0-9.]+' <<<"$line" | grep -oE '[0-9.]+$' | head -1) || true
  done
else
  echo "serve benchmark: not available"
fi
# What the writer feels: save → painted in Chromium, kept-alive GETs, 32 clients (preview.sh).
preview_json=$work/preview.json
if command -v node >/dev/null; then
  say "serve in Chromium (bench/preview.sh)"
  WAYMARK_BIN=$bin WAYMARK_PREVIEW_SIZES="$sizes" WAYMARK_PREVIEW_EDITS=$((quick ? 4 : 12)) \
    WAYMARK_PREVIEW_JSON=$preview_json "$here/preview.sh" > "$work/preview.md" \
    || echo "bench/preview.sh failed: no save → painted figures" > "$work/preview.md"
else
  echo "node is missing: no save → painted figures" > "$work/preview.md"
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ----------------------------------------------------------------------------------
small=$(awk '{print $1}' <<<"$sizes"); big=$(awk '{print $NF}' <<<"$sizes")
py() { python3 -c "print($1)"; }
verdict() { py "'PASS' if $1 else 'FAIL'"; }
results=$work/results.md
{
  echo "| what | N | mean (ms) | ± (ms) | CPU user+sys (ms) | peak RSS (MB) | output (MB) | bytes/topic |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for n in $sizes; do for name in waymark waymark-rebuild hugo floor; do
    echo "| $name | $n | ${mean[$name$n]} | ${sd[$name$n]} | ${cpu[$name$n]} | ${rss[$name$n]} | $(py "round(${bytes[$name$n]}/1e6,1)") | $((bytes[$name$n] / n)) |"
  done; done
} > "$results"
targets=$work/targets.md
{
  echo "| target | measured | ratio to target | verdict |"
  echo "|---|---|---:|---|"
  r=$(py "round(${mean[waymark$big]}/${mean[hugo$big]},3)")
  echo "| full build at N=$big ≤ 0.15× Hugo's time | ${r}× Hugo | $(py "round($r/0.15,2)") | $(verdict "$r <= 0.15") |"
  r=$(py "round(${mean[waymark$big]}/${mean[floor$big]},2)")
  echo "| full build at N=$big ≤ 2.5× the I/O floor (outputs on $outs_fs) | ${r}× floor | $(py "round($r/2.5,2)") | $(verdict "$r <= 2.5") |"
  echo "| peak memory at N=$big < 100 MB | ${rss[waymark$big]} MB | $(py "round(${rss[waymark$big]}/100,2)") | $(verdict "${rss[waymark$big]} < 100") |"
  if [ "$huge" != 0 ]; then
    g=$(py "round(($huge_ms/$huge)/(${mean[waymark$big]}/$big),2)")
    echo "| N=$huge builds, time per topic within 20 % of N=$big's | $huge_ms ms: ×$g per topic | $(py "round(max($g-1,0)/0.2,2)") | $(verdict "$g <= 1.2") |"
    echo "| peak memory at N=$huge < 1 GB | $huge_rss MB | $(py "round($huge_rss/1024,2)") | $(verdict "$huge_rss < 1024") |"
  fi
  g=$(py "round((${bytes[waymark$big]}/$big)/(${bytes[waymark$small]}/$small),3)")
  echo "| output bytes per topic constant (±10%) from N=$small to N=$big | ×$g | $(py "round(abs($g-1)/0.10,2)") | $(verdict "abs($g - 1) <= 0.10") |"
  echo "| the user's roadmap ($user_topics topics) builds in < 50 ms | $user ms (CPU $user_cpu ms) | $(py "round($user/50,2)") | $(verdict "$user < 50") |"
  for n in $sizes; do
    case $n in 1000) limit=50 ;; 10000) limit=250 ;; *) continue ;; esac
    m=${serve_median[$n]:-}
    if [ -n "$m" ]; then
      echo "| serve edit → rebuilt and reload sent, median at N=$n < $limit ms (the watcher's wait excluded) | $m ms (save → reload ${serve_total[$n]:-?} ms with it) | $(py "round($m/$limit,2)") | $(verdict "$m < $limit") |"
    else
      echo "| serve edit → rebuilt and reload sent, median at N=$n < $limit ms (the watcher's wait excluded) | not measured | | FAIL |"
    fi
  done
  [ -s "$preview_json" ] && python3 "$here/preview_targets.py" "$preview_json"
  echo
  echo "Same comparisons in CPU time (user + system, all threads), which other jobs disturb less:"
  echo "waymark/Hugo $(py "round(${cpu[waymark$big]}/${cpu[hugo$big]},3)")×, waymark/floor $(py "round(${cpu[waymark$big]}/${cpu[floor$big]},2)")× at N=$big."
} > "$targets"
out=$work/BENCHMARKS.md
{
  echo "# Benchmarks"
  echo
  echo "Measured by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM,"
  echo "Linux $(uname -r). Load average $load_start at the start, $load_end at the end"
  echo "(the machine may be shared with other jobs: compare ratios, not absolute times)."
  echo "Tools: $("$bin" --version) (src/ at commit $(git -C "$repo" log -1 --format=%h -- src Cargo.toml Cargo.lock 2>/dev/null || echo unknown)), $(rustc --version | cut -d' ' -f1-2), $(hugo version | cut -d' ' -f1-2),"
  echo "$(hyperfine --version), Python $(python3 -c 'import platform;print(platform.python_version())')."
  echo
  echo "Corpus: \`bench/gen_corpus.py\` (fixed seed; ~500 words of notes per topic with a list, a"
  echo "table, a code block and links to sibling topics; ~10 sections, topics up to 4 levels deep)."
  echo "Each row is one warmup and $runs timed runs by hyperfine, then one run under \`/usr/bin/time -v\`"
  echo "for the peak RSS. \`waymark\`, \`hugo\` and \`floor\` write into a fresh folder each run"
  echo "(moved aside untimed, never deleted mid-run: see the trash note in run.sh); \`waymark-rebuild\` rebuilds over its own previous output, where"
  echo "unchanged files are not rewritten. Hugo runs with highlighting off and minimal layouts"
  echo "(breadcrumbs, status, tags, notes, children with done counts, prev/next). The floor reads"
  echo "every input and writes one file of the same size per page, on one thread."
  echo
  cat "$results"
  echo
  cat "$targets"
  echo
  echo "## serve: save → painted, in Chromium"
  echo
  cat "$work/preview.md"
  echo
  echo "## serve: edit → reload event"
  echo
  echo '```'
  if [ -f "$here/serve_bench.py" ]; then for n in $sizes; do echo "${serve_line[$n]:-serve N=$n: no result}"; done
  else echo "serve benchmark: not available"; fi
  echo '```'
} > "$out"
cat "$out"
if [ $quick = 0 ]; then
  # Keep the hand-written analysis (from "## Where the time goes" on) across reruns.
  if [ -f "$here/BENCHMARKS.md" ] && grep -q '^## Where the time goes' "$here/BENCHMARKS.md"; then
    { echo; sed -n '/^## Where the time goes/,$p' "$here/BENCHMARKS.md"; } >> "$out"
  fi
  cp "$out" "$here/BENCHMARKS.md"
  echo "wrote $here/BENCHMARKS.md" >&2
fi
