#!/usr/bin/env bash
# Cost of highlighting code in notes (issue 19): waymark and Hugo on the same corpus
# (bench/gen_corpus.py, one fenced block in one of five languages per topic), each with
# highlighting on and off, measured side by side in one hyperfine run, with the ratios.
# Usage: bench/highlight.sh [N]     (N topics, default 10000; WAYMARK_BIN=… to use another binary)
# Target: waymark ≤ 0.15 × Hugo, highlighting on against on and off against off.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
n=${1:-10000}
runs=${WAYMARK_BENCH_RUNS:-5}
need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
bin=${WAYMARK_BIN:-}
if [ -z "$bin" ]; then
  (cd "$repo" && cargo build --release --quiet)
  bin=${CARGO_TARGET_DIR:-$repo/target}/release/waymark
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-hl.XXXXXX")
outs=$( [ -w /dev/shm ] && mktemp -d /dev/shm/waymark-hl.XXXXXX || echo "$work/out")
trap 'rm -rf "$work" "$outs"' EXIT
python3 "$here/gen_corpus.py" --topics "$n" --out "$work/on" --format waymark
cp -r "$work/on" "$work/off"
printf 'highlight: false\n' >> "$work/off/waymark.yaml"
python3 "$here/gen_corpus.py" --topics "$n" --out "$work/hoff" --format hugo
cp -r "$work/hoff" "$work/hon"
# Hugo's highlighting as it ships (chroma), with CSS classes as waymark emits.
sed -i 's/codeFences = false/codeFences = true\nnoClasses = false/' "$work/hon/hugo.toml"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
hyperfine -N --warmup 1 --runs "$runs" --style basic --export-json "$work/r.json" \
  --prepare "rm -rf $outs/x" \
  -n "waymark on" "$bin build --content $work/on/content --output $outs/x" \
  -n "hugo on" "hugo --quiet -s $work/hon -d $outs/x" \
  -n "waymark off" "$bin build --content $work/off/content --output $outs/x" \
  -n "hugo off" "hugo --quiet -s $work/hoff -d $outs/x" >&2
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$work/r.json" "$n" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
print(f"| N={sys.argv[2]} | waymark mean (cpu) | Hugo mean (cpu) | ratio (target ≤ 0.15) |")
print("| --- | --- | --- | --- |")
for mode in ("on", "off"):
    w, h = r[f"waymark {mode}"], r[f"hugo {mode}"]
    cpu = lambda x: x["user"] + x["system"]
    print(f"| highlighting {mode} | {w['mean']:.2f} s ({cpu(w):.2f} s) | {h['mean']:.2f} s "
          f"({cpu(h):.2f} s) | {w['mean'] / h['mean']:.2f} |")
PY
