#!/usr/bin/env bash
# What reading the git history costs a build (issue 18): a roadmap of 150 topics with 500 and
# 10,000 commits that change statuses (and now and then rename a file), built in the
# repository and from a copy of the same files outside any repository. Prints a table: the
# best of RUNS builds each way, the difference, and `git log` alone. Writes nothing into the
# repository.
#
#   bench/history.sh                          # this checkout's release build
#   WAYMARK=target/debug/waymark bench/history.sh
#   WAYMARK_HISTORY_COMMITS="500 2000 10000" WAYMARK_HISTORY_RUNS=7 bench/history.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs="${WAYMARK_HISTORY_RUNS:-5}"
topics="${WAYMARK_HISTORY_TOPICS:-150}"
work="$(mktemp -d "${TMPDIR:-/tmp}/waymark-history.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ -z "${WAYMARK:-}" ]; then
  (cd "$here/.." && cargo build --release --quiet)
  WAYMARK="${CARGO_TARGET_DIR:-$here/../target}/release/waymark"
fi
WAYMARK="$(cd "$(dirname "$WAYMARK")" && pwd)/$(basename "$WAYMARK")"

# The best wall time of `runs` runs of a command, in ms.
best() {
  local min=999999 t0 t1 ms
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    [ "$ms" -lt "$min" ] && min=$ms
  done
  echo "$min"
}

echo "waymark: $WAYMARK; $topics topics; best of $runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| commits | build, no repository (ms) | build with history (ms) | added (ms) | git log alone (ms) | changes read |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: |\n'
for commits in ${WAYMARK_HISTORY_COMMITS:-500 10000}; do
  repo="$work/repo-$commits"
  git init -q -b main "$repo"
  python3 "$here/history_repo.py" "$topics" "$commits" | git -C "$repo" fast-import --quiet
  git -C "$repo" checkout -q main
  plain="$work/plain-$commits"
  mkdir -p "$plain" && cp -r "$repo/content" "$plain/"
  without=$(cd "$plain" && best "$WAYMARK" build --quiet --output "$work/out-plain")
  with=$(cd "$repo" && best "$WAYMARK" build --quiet --output "$work/out-repo")
  log=$(cd "$repo/content" && best git log -M --format=%h -p --unified=0 --relative -- .)
  changes=$(cd "$repo" && "$WAYMARK" log | wc -l)
  printf '| %d | %d | %d | %d | %d | %d |\n' "$commits" "$without" "$with" $((with - without)) "$log" "$changes"
done
