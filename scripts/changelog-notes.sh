#!/usr/bin/env bash
# Prints the CHANGELOG.md section of one version (without its heading): the release notes
# release.yml attaches. Fails when the version has no section, so a release cannot go out
# without notes.
#
#   bash scripts/changelog-notes.sh 0.2.0
set -euo pipefail
version=${1#v}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
notes=$(awk -v v="$version" '
  /^## \[/ { inside = index($0, "## [" v "]") == 1; next }
  /^\[[^]]*\]: / { next }
  inside { print }
' "$here/CHANGELOG.md" | sed -e '/./,$!d')
if [ -z "$notes" ]; then
  echo "error: CHANGELOG.md has no \"## [$version]\" section; add one before tagging v$version" >&2
  exit 1
fi
printf '%s\n' "$notes"
