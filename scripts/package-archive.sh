#!/usr/bin/env bash
# Packs one built `waymark` binary as a release archive, with its .sha256 beside it, in the
# layout scripts/install.sh and cargo-binstall expect:
#   waymark-vVERSION-TARGET.tar.gz (.zip on Windows) holding waymark-vVERSION-TARGET/waymark[.exe],
#   README.md, CHANGELOG.md and both licences.
# release.yml runs it for each target; the install tests run it on the binary built here.
#
#   bash scripts/package-archive.sh TARGET BINARY OUTDIR
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 TARGET BINARY OUTDIR" >&2; exit 2; }
target=$1 binary=$2 outdir=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n '/^\[package\]/,/^\[/ s/^version = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -n 1)
name="waymark-v$version-$target"

mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
case "$target" in *windows*) exe=.exe ;; *) exe= ;; esac
cp "$binary" "$stage/$name/waymark$exe"
cp "$here/README.md" "$here/CHANGELOG.md" "$here/LICENSE-MIT" "$here/LICENSE-APACHE" "$stage/$name/"

case "$target" in
  *windows*)
    archive="$name.zip"
    (cd "$stage" && 7z a -tzip -bd "$outdir/$archive" "$name" >/dev/null) ;;
  *)
    archive="$name.tar.gz"
    (cd "$stage" && tar -czf "$outdir/$archive" "$name") ;;
esac
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$outdir" && sha256sum "$archive" >"$archive.sha256")
else
  (cd "$outdir" && shasum -a 256 "$archive" >"$archive.sha256")
fi
echo "$outdir/$archive"
