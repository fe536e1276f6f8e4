#!/usr/bin/env bash
# Browser QA of the site built from a content folder: builds it twice (outputs must be
# byte-identical), serves it under /site/ and runs qa.mjs in Debian's chromium.
# Usage: tests/visual/run.sh [content-dir]   (default: content)
# SCREENSHOTS=dir to write PNGs there (default docs/screenshots; "-" for none).
set -euo pipefail
content=${1:-content}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
command -v chromium >/dev/null || { echo "chromium not found: apt-get install -y chromium" >&2; exit 2; }
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  (cd "$here" && npm install --no-audit --no-fund)
fi
target=${CARGO_TARGET_DIR:-$repo/target}
(cd "$repo" && cargo build --quiet)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Served locally under /site/, so the 404 page's links (built from base_url) stay on this host.
"$target/debug/waymark" build --content "$content" --output "$work/site" --base-url /site/
"$target/debug/waymark" build --content "$content" --output "$work/again" --base-url /site/ >/dev/null
if diff -r "$work/site" "$work/again" >/dev/null; then
  echo "ok   two builds are byte-identical"
else
  echo "FAIL two builds differ:" >&2; diff -rq "$work/site" "$work/again" >&2; exit 1
fi
rm -rf "$work/again"
node "$here/qa.mjs" "$work" site "${SCREENSHOTS:-$repo/docs/screenshots}"
