#!/usr/bin/env bash
# The whole test suite, as the README documents it: installs what the tests need on a fresh
# machine (nothing is assumed to be installed by hand), then runs the Rust tests and the
# browser and workflow checks that live beside them.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --locked 2>&1 | tee "$log"
rust_totals=$(awk '/^test result:/ { p += $4; f += $6 } END { printf "%d passed, %d failed", p, f }' "$log")

# Extra suites register themselves here: each is a script that installs its own needs.
# The browser suites get one second chance: under load, headless Chromium here now and then
# stalls on a first page load or misses a reload; a suite that fails twice fails the run.
# tests/install/run.sh goes last: installing from the .crate shares target/ (its compiled
# dependencies) and so leaves target/debug/waymark built from the packaged copy of the sources.
for suite in scripts/actionlint.sh tests/browser/run.sh tests/visual/run.sh tests/sharing/run.sh tests/install/run.sh; do
  if [ -f "$suite" ]; then
    echo "== $suite"
    case "$suite" in
      tests/browser/* | tests/visual/* | tests/sharing/*) bash "$suite" || { echo "== $suite failed; running it once more"; bash "$suite"; } ;;
      *) bash "$suite" ;;
    esac
  fi
done
echo "== all suites passed"
echo "tests: $rust_totals"
