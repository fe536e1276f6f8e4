#!/usr/bin/env bash
# Installs the `waymark` binary from a release archive, checked against its .sha256, or with
# `cargo install --locked waymark-ssg` when no archive fits this machine. The GitHub Action
# (action.yml) runs it; anyone may.
#
#   bash scripts/install.sh                 installs into $WAYMARK_ROOT/bin
#   bash scripts/install.sh --print-version prints the version it would install, and stops
#
# Environment (all optional):
#   WAYMARK_VERSION   the version, such as 0.2.0 (default: the version in the Cargo.toml
#                     beside this script, so an action pinned to a release installs that release)
#   WAYMARK_ROOT      where to install; the binary goes into its bin/ (default: ~/.waymark)
#   WAYMARK_RELEASES  where the archives are: a URL, or a local folder holding them (default:
#                     the repository's release page for the version, from Cargo.toml)
#   WAYMARK_TARGET    the target triple to fetch (default: from uname)
#
# A checksum mismatch stops with an error and installs nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# One value of Cargo.toml's [package] section: the one place the version and home URL live.
package_field() {
  sed -n '/^\[package\]/,/^\[/ s/^'"$1"' = "\(.*\)"$/\1/p' "$here/Cargo.toml" | head -n 1
}

fail() {
  echo "waymark install: error: $*" >&2
  exit 1
}

version=${WAYMARK_VERSION:-}
version=${version#v}
[ -n "$version" ] || version=$(package_field version)
[ -n "$version" ] || fail "no version given and none found in $here/Cargo.toml; set WAYMARK_VERSION"
if [ "${1:-}" = "--print-version" ]; then
  echo "$version"
  exit 0
fi

root=${WAYMARK_ROOT:-$HOME/.waymark}
releases=${WAYMARK_RELEASES:-$(package_field repository)/releases/download/v$version}

# The release target for this machine, or nothing when no archive is built for it.
detect_target() {
  local arch
  arch=$(uname -m)
  case "$arch" in arm64) arch=aarch64 ;; amd64) arch=x86_64 ;; esac
  case "$(uname -s)" in
    Linux) case "$arch" in x86_64 | aarch64) echo "$arch-unknown-linux-musl" ;; esac ;;
    Darwin) case "$arch" in x86_64 | aarch64) echo "$arch-apple-darwin" ;; esac ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) [ "$arch" = x86_64 ] && echo "x86_64-pc-windows-msvc" ;;
  esac
  return 0
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# Copies one release file into $2: from the local folder, or downloaded. Fails when missing.
fetch() {
  case "$releases" in
    http://* | https://*) curl --fail --silent --show-error --location --retry 3 --output "$2" "$releases/$1" ;;
    *) [ -f "$releases/$1" ] && cp "$releases/$1" "$2" ;;
  esac
}

cargo_install() {
  echo "waymark install: $1; building waymark-ssg $version with cargo instead" >&2
  cargo install --locked waymark-ssg --version "$version" --root "$root"
}

target=${WAYMARK_TARGET:-$(detect_target)}
if [ -z "$target" ]; then
  cargo_install "no release archive is built for $(uname -s) $(uname -m)"
  exit 0
fi
case "$target" in
  *windows*) archive_ext=zip exe=.exe ;;
  *) archive_ext=tar.gz exe= ;;
esac
name="waymark-v$version-$target"
archive="$name.$archive_ext"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! fetch "$archive" "$work/$archive" 2>"$work/fetch.log"; then
  cargo_install "cannot fetch $releases/$archive ($(tr '\n' ' ' <"$work/fetch.log"))"
  exit 0
fi
fetch "$archive.sha256" "$work/$archive.sha256" \
  || fail "$releases/$archive.sha256 is missing, so $archive cannot be checked; nothing was installed"
expected=$(cut -d ' ' -f 1 <"$work/$archive.sha256" | tr -d '\r\n')
actual=$(sha256_of "$work/$archive")
if [ "$expected" != "$actual" ]; then
  fail "checksum mismatch for $archive: $archive.sha256 says $expected, the archive's sha256 is $actual; nothing was installed"
fi

mkdir -p "$work/unpacked"
case "$archive_ext" in
  zip) if command -v unzip >/dev/null 2>&1; then
         unzip -q "$work/$archive" -d "$work/unpacked"
       else
         powershell -NoProfile -Command "Expand-Archive -Path '$work/$archive' -DestinationPath '$work/unpacked'"
       fi ;;
  *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
esac
binary="$work/unpacked/$name/waymark$exe"
[ -f "$binary" ] || fail "$archive holds no $name/waymark$exe; nothing was installed"
mkdir -p "$root/bin"
# Copy beside the destination, then rename: an interrupted install never leaves half a binary.
cp "$binary" "$root/bin/.waymark$exe.partial"
chmod 755 "$root/bin/.waymark$exe.partial"
mv -f "$root/bin/.waymark$exe.partial" "$root/bin/waymark$exe"
echo "waymark install: installed waymark $version ($target) into $root/bin"
