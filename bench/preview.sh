#!/usr/bin/env bash
# What the writer feels of `waymark serve`, in Debian's headless Chromium (bench/preview.mjs):
# save → painted for 12 edits of one topic, a kept-alive GET, and 32 concurrent clients, on the
# user's roadmap (content/) and on synthetic roadmaps. Prints a Markdown table.
# Not part of CI: compare runs made side by side on the same machine.
#
# Usage: bench/preview.sh [--quick]
#   WAYMARK_PREVIEW_SIZES="1000 10000"  synthetic corpus sizes (bench/gen_corpus.py)
#   WAYMARK_PREVIEW_EDITS=12            edits timed per roadmap (after one warm-up edit)
#   WAYMARK_BIN="path"                  measure this binary instead of building one; or several,
#                                       "before=path1 after=path2", side by side on each roadmap
#   WAYMARK_PREVIEW_JSON=file           also write each roadmap's results there, one JSON line each
#   --quick                             200 topics and 4 edits: a smoke test
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
sizes=${WAYMARK_PREVIEW_SIZES:-1000 10000}
edits=${WAYMARK_PREVIEW_EDITS:-12}
for arg in "$@"; do
  case $arg in
    --quick) sizes=200; edits=4 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "preview.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done
say() { echo "== $*" >&2; }
if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  say "installing chromium"
  $sudo apt-get install -y -qq chromium >/dev/null \
    || { $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null; }
fi
[ -d "$repo/tests/browser/node_modules/playwright-core" ] \
  || (cd "$repo/tests/browser" && npm ci --no-audit --no-fund >&2)
bins=()
if [ -z "${WAYMARK_BIN:-}" ]; then
  # The binary the README's command builds (`cargo run --release`).
  say "cargo build --release"
  (cd "$repo" && cargo build --release --quiet)
  bin=${CARGO_TARGET_DIR:-$repo/target}/release/waymark
  case $bin in /*) ;; *) bin=$repo/$bin ;; esac
  bins=("waymark=$bin")
else
  for b in $WAYMARK_BIN; do
    case $b in *=*) bins+=("${b%%=*}=$(realpath "${b#*=}")") ;; *) bins+=("waymark=$(realpath "$b")") ;; esac
  done
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-preview.XXXXXX")
trap 'rm -rf "$work"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# The user's roadmap, copied: the bench edits its files. Not the repository's `themes/`: that is
# the theme each binary embeds, and an older binary given today's templates renders them wrong.
mkdir -p "$work/user"
for f in content waymark.yaml static; do
  [ -e "$repo/$f" ] && cp -r "$repo/$f" "$work/user/"
done
sites=("user:$work/user")
for n in $sizes; do
  say "corpus N=$n"
  python3 "$here/gen_corpus.py" --topics "$n" --out "$work/w$n" --format waymark
  sites+=("$n:$work/w$n")
done
results=()
for s in "${sites[@]}"; do
  for b in "${bins[@]}"; do
    label=${s%%:*}; dir=${s#*:}
    say "serve $label with ${b%%=*}"
    results+=("$(CHROMIUM=${CHROMIUM:-$(command -v chromium)} node "$here/preview.mjs" \
      --bin "${b#*=}" --site "$dir" --edits "$edits" --label "$label" --binary "${b%%=*}")")
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Measured by \`bench/preview.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average"
echo "$load_start at the start and $load_end at the end; $(chromium --version 2>/dev/null | head -1)."
echo
cat > "$work/table.py" <<'EOF'
import json, sys
rows = [json.loads(line) for line in sys.stdin if line.strip()]
print("| roadmap | binary | topic files | save → painted median (ms) | p90 (ms) | in place | kept-alive GET page, median (ms) | style.css (ms) | 32 clients median (ms) | p99 (ms) | errors |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    p, a, c = r["painted"], r["alive"], r["crowd"]
    name = "the user's (content/)" if r["label"] == "user" else f'{int(r["label"]):,}'
    cells = [name, r["binary"], r["topics"], p["median"], p["p90"], f'{p["inPlace"]}/{p["n"]}', a["page"]["median"],
             a["style.css"]["median"], c["median"], c["p99"], f'{c["errors"]}/{c["requests"]}']
    print("| " + " | ".join(str(x) for x in cells) + " |")
EOF
[ -z "${WAYMARK_PREVIEW_JSON:-}" ] || printf '%s\n' "${results[@]}" > "$WAYMARK_PREVIEW_JSON"
printf '%s\n' "${results[@]}" | python3 "$work/table.py"
