#!/usr/bin/env bash
# What waymark makes to share, checked with the tools people open it with (issue 18):
# - `waymark export dot` laid out by Graphviz (`dot -Tsvg`), the OPML read by xmllint, the
#   mermaid export parsed and drawn by mermaid itself in headless Chromium;
# - the print edition printed by `chromium --headless --print-to-pdf`, then read back with
#   poppler (`pdfinfo`, `pdftotext`): page count, every topic's title, nothing cut off;
# - the profile card (light and dark) under 10 KB, named for screen readers, drawn at 1× and 2×.
# Pictures of the PDF's pages, the card and the mermaid drawing go to tests/sharing/out/ to
# look at. Installs what it needs on a fresh machine: Debian's chromium, graphviz,
# poppler-utils and libxml2-utils, and the pinned npm packages.
# Usage: tests/sharing/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
need=()
for tool in chromium:chromium dot:graphviz pdftotext:poppler-utils xmllint:libxml2-utils; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  sudo=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo apt-get install -y "${need[@]}" >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "${need[@]}" >/dev/null; }
fi
if [ ! -d "$here/node_modules/mermaid" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
target=${CARGO_TARGET_DIR:-$repo/target}
(cd "$repo" && cargo build --quiet --bin waymark)
waymark="$target/debug/waymark"
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
out="$here/out"
rm -rf "$out" && mkdir -p "$out"

# The visitor fixture, and notes that test the print edition: a link to another topic and to
# its heading, a long address, a wide code line, a picture beside the notes, a table; and a
# topic that requires another.
cp -r "$repo/tests/fixtures/visitor-site/." "$site/"
notes="$site/content/01-foundations/02-version-control"
cp "$repo/themes/default/static/favicon.svg" "$notes/diagram.svg"
cat >>"$notes/git-basics.md" <<'MD'

## Printing

Compare with [branching](branching.md) and its [key ideas](branching.md#key-ideas); the manual
lives at <https://git-scm.com/docs/git-rebase/2.47.0/a-very-long-path-that-must-wrap-rather-than-run-off-the-page-of-the-printed-book>.

```sh
git log --graph --decorate --oneline --all --date-order --format='%h %ad %s' --date=short -- content/ | a-long-pipeline-that-must-wrap
```

![A diagram of commits](diagram.svg)

| command | what it does |
| --- | --- |
| `git log -M` | follows renames |
MD
# A requirement, drawn as a dotted arrow by mermaid and a dashed one by Graphviz.
printf -- '---\ntitle: Rebasing\nstatus: not-started\nrequires: [git-basics.md]\n---\nAfter the basics.\n' >"$notes/rebasing.md"
(cd "$site" && "$waymark" build --quiet --base-url https://me.example/road/ --output out)

echo "== dot -Tsvg"
(cd "$site" && "$waymark" export dot) >"$out/roadmap.dot"
dot -Tsvg "$out/roadmap.dot" -o "$out/roadmap-dot.svg"
topics=$(node -e 'console.log(require(process.argv[1]).topics.length)' "$site/out/progress.json")
drawn=$(grep -c 'class="node"' "$out/roadmap-dot.svg")
[ "$drawn" -eq $((topics + 1)) ] || { echo "dot drew $drawn nodes for $topics topics and the root" >&2; exit 1; }
echo "Graphviz laid out $drawn nodes"

echo "== xmllint (OPML)"
xmllint --noout "$site/out/export/roadmap.opml"
outlines=$(grep -c '<outline ' "$site/out/export/roadmap.opml")
[ "$outlines" -eq "$topics" ] || { echo "$outlines outlines for $topics topics" >&2; exit 1; }
echo "OPML well-formed, $outlines outlines"

echo "== chromium --print-to-pdf"
chromium=${CHROMIUM:-$(command -v chromium)}
profile=$(mktemp -d)
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --no-pdf-header-footer \
  --print-to-pdf="$out/print.pdf" "file://$site/out/print/index.html" 2>/dev/null
rm -rf "$profile"
pdfinfo "$out/print.pdf" >"$out/pdfinfo.txt"
pdftotext -layout "$out/print.pdf" "$out/print.txt"
pdftoppm -r 60 -png "$out/print.pdf" "$out/print-page"

echo "== mermaid, card and print edition in Chromium"
CHROMIUM="$chromium" node "$here/sharing.mjs" "$site/out" "$out"
echo "sharing: all checks passed; pictures in $out"
