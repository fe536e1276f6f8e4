#!/usr/bin/env bash
# waymark serve end to end in a real headless Chromium (tests/browser/live-reload.mjs), and
# next/'s review list recomputed from a faked clock (tests/browser/review-clock.mjs).
# Installs what it needs on a fresh machine: Debian's chromium and the pinned playwright-core.
# Builds the binary, serves a temp copy of the visitor fixture, exits non-zero on any failure.
# Usage: tests/browser/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if ! command -v chromium >/dev/null; then
  echo "installing chromium"
  sudo=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo apt-get install -y chromium >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y chromium >/dev/null; }
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
target=${CARGO_TARGET_DIR:-$repo/target}
(cd "$repo" && cargo build --quiet --bin waymark)
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r "$repo/tests/fixtures/visitor-site/." "$site/"
CHROMIUM=${CHROMIUM:-$(command -v chromium)} node "$here/live-reload.mjs" "$target/debug/waymark" "$site"
# next/'s reviews recomputed from a faked clock: a site built on 2026-12-01.
paths=$(mktemp -d)
trap 'rm -rf "$site" "$paths"' EXIT
SOURCE_DATE_EPOCH=1796083200 "$target/debug/waymark" build -q \
  --content "$repo/tests/fixtures/sites/paths/content" --output "$paths/site"
CHROMIUM=${CHROMIUM:-$(command -v chromium)} node "$here/review-clock.mjs" "$paths/site"
# Notes as GitHub shows them: highlighted code, alerts, math, a Mermaid diagram drawn offline.
notes_site=$(mktemp -d)
trap 'rm -rf "$site" "$paths" "$notes_site"' EXIT
cp -r "$repo/tests/fixtures/sites/notes/." "$notes_site/"
CHROMIUM=${CHROMIUM:-$(command -v chromium)} node "$here/notes.mjs" "$target/debug/waymark" "$notes_site" ${SCREENSHOTS:-}
"$repo/scripts/validate-html.sh" "$notes_site/output"
