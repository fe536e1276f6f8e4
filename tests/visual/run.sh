#!/usr/bin/env bash
# Browser QA of the site built from a content folder: builds it twice (outputs must be
# byte-identical), runs the Nu HTML Checker on every page, serves the site under /site/ and
# runs qa.mjs in Debian's chromium (console errors, foreign requests, keyboard tree, search,
# no-JS, axe-core light and dark); then the same on a generated 200-node roadmap with
# requirements (gen-paths.mjs). Installs chromium and the npm packages if missing.
# Usage: tests/visual/run.sh [content-dir]
#   content-dir defaults to ./content, else the visitor fixture when there is none; without
#   one, the steps fixture (task lists, auto statuses, effort and pace) is checked too.
#   SCREENSHOTS=docs/screenshots to write the README's PNGs there (default: none).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ $# -ge 1 ]; then
  content=$1
elif [ -d content ]; then
  content=content
else
  content=$repo/tests/fixtures/visitor-site/content
  echo "no ./content: checking the fixture $content"
fi
if ! command -v chromium >/dev/null; then
  echo "installing chromium"
  sudo=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo apt-get install -y chromium >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y chromium >/dev/null; }
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
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
"$repo/scripts/validate-html.sh" "$work/site"
node "$here/qa.mjs" "$work" site "${SCREENSHOTS:--}"

# Requirement arrows and locks at 200 nodes: a generated roadmap (gen-paths.mjs), checked
# the same way (its map pages by axe-core, light and dark).
paths=$(mktemp -d)
trap 'rm -rf "$work" "$paths"' EXIT
node "$here/gen-paths.mjs" "$paths/gen"
"$target/debug/waymark" build -q --content "$paths/gen/content" --output "$paths/site" --base-url /site/ 2>/dev/null
"$repo/scripts/validate-html.sh" "$paths/site"
node "$here/qa.mjs" "$paths" site -

# Steps, auto statuses, effort and pace: the steps fixture, checked the same way.
if [ $# -eq 0 ]; then
  "$target/debug/waymark" build -q --content "$repo/tests/fixtures/sites/steps/content" --output "$paths/steps" --base-url /steps/
  "$repo/scripts/validate-html.sh" "$paths/steps"
  node "$here/qa.mjs" "$paths" steps -
fi
