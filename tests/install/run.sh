#!/usr/bin/env bash
# The install paths the README documents, tried as a user would, outside the repository:
#   1. the packaged .crate installs (cargo install from its unpacked sources into a temporary
#      root) and the installed binary runs init, build and serve (HTTP GET) in an empty folder;
#   2. the static x86_64 musl binary builds content/, byte for byte as the usual build does;
#   3. scripts/install.sh installs it from local release archives (packed by
#      scripts/package-archive.sh as release.yml packs them), rejects a bad checksum without
#      installing anything, and falls back to cargo when no archive fits;
#   4. the archive holds the binary where cargo-binstall's metadata says it is.
# Installs what it needs (the musl target through rustup, musl-gcc through apt). Compiles
# twice: the .crate (dev profile, sharing target/'s compiled dependencies) and the musl binary
# (its own target dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
export CARGO_TERM_COLOR=never SOURCE_DATE_EPOCH=1764547200
target_dir=${CARGO_TARGET_DIR:-$repo/target}
version=$(sed -n '/^\[package\]/,/^\[/ s/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
home_url=$(sed -n '/^\[package\]/,/^\[/ s/^repository = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
work=$(mktemp -d)
server=""
scratch=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work" ${scratch:+"$scratch"}
}
trap cleanup EXIT
fail() {
  echo "install suite: FAILED: $*" >&2
  exit 1
}
step() { echo "-- $* ($(date -u +%T))"; }

step "1. package the crate and install it from the .crate"
cargo package --locked --no-verify --allow-dirty --quiet
crate="$target_dir/package/waymark-ssg-$version.crate"
[ -f "$crate" ] || fail "cargo package made no $crate"
# (Listings go through files: `grep -q` in a pipe would stop tar early and fail the pipe.)
tar -tzf "$crate" >"$work/crate.list"
grep -qx "waymark-ssg-$version/themes/default/templates/base.html" "$work/crate.list" \
  || fail "the .crate lacks the embedded theme"
if grep -E '/(tests/fixtures|tests/browser|tests/visual|bench|fuzz|docs)/' "$work/crate.list"; then
  fail "the .crate holds test fixtures, browser tests, bench, fuzz or docs (listed above)"
fi
mkdir "$work/unpacked" && tar -xzf "$crate" -C "$work/unpacked"
# Dependencies come from target/'s dev build, hard-linked into a scratch target dir; waymark's
# own artifacts and fingerprints are left out, so cargo compiles it from these files (it would
# otherwise take an earlier build of the same version for fresh) and target/ stays untouched.
scratch=$(mktemp -d "$target_dir/install-check.XXXXXX")
mkdir -p "$scratch/debug"
for dir in deps build .fingerprint; do
  [ -d "$target_dir/debug/$dir" ] && cp -al "$target_dir/debug/$dir" "$scratch/debug/"
done
rm -rf "$scratch/debug/.fingerprint"/waymark-ssg-* "$scratch/debug/deps"/*waymark*
CARGO_TARGET_DIR="$scratch" cargo install --locked --debug --offline \
  --path "$work/unpacked/waymark-ssg-$version" --root "$work/root" 2>"$work/install.log" \
  || fail "cargo install from the .crate: $(cat "$work/install.log")"
grep -q "Compiling waymark-ssg v$version ($work/unpacked/waymark-ssg-$version)" "$work/install.log" \
  || fail "cargo install did not compile the packaged sources: $(cat "$work/install.log")"
rm -rf "$scratch" && scratch=""
installed="$work/root/bin/waymark"
[ "$("$installed" --version)" = "waymark $version" ] || fail "installed --version: $("$installed" --version)"

step "   init, build and serve in an empty folder outside the repository"
mkdir "$work/empty"
(cd "$work/empty" && "$installed" init >"$work/init.log")
grep -q "^next steps:" "$work/init.log" || fail "init printed no next steps: $(cat "$work/init.log")"
for f in waymark.yaml .gitignore README.md .github/workflows/pages.yml content/01-foundations/01-git.md; do
  [ -f "$work/empty/$f" ] || fail "init did not write $f"
done
(cd "$work/empty" && "$installed" build >"$work/build.log")
grep -q "^built [0-9]* pages into output" "$work/build.log" || fail "build: $(cat "$work/build.log")"
[ -s "$work/empty/output/style.css" ] || fail "the installed binary wrote no theme stylesheet"
grep -q "href=\"$home_url\">waymark</a>" "$work/empty/output/index.html" \
  || fail "the footer does not link to $home_url"
(cd "$work/empty" && exec "$installed" serve --port 0 >"$work/serve.log" 2>&1) &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^Serving \(http:[^ ]*\) .*/\1/p' "$work/serve.log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || fail "serve announced no address: $(cat "$work/serve.log")"
page=$(curl --silent --show-error --fail "$url")
grep -q "<title>My Learning Roadmap" <<<"$page" || fail "GET $url: no roadmap title in $(head -c 300 <<<"$page")"
kill "$server" && wait "$server" 2>/dev/null || true
server=""

step "2. the static x86_64 musl binary"
musl=x86_64-unknown-linux-musl
installed_targets=$(rustup target list --installed)
if ! grep -qx "$musl" <<<"$installed_targets"; then
  rustup target add "$musl"
fi
# Highlighting's oniguruma is C: the musl target compiles it with musl-gcc (Debian's musl-tools).
if ! command -v musl-gcc >/dev/null; then
  sudo=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo apt-get install -y musl-tools >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo apt-get install -y musl-tools >/dev/null; }
fi
# Without debug info: a smaller binary to link and pack, and nothing this test reads.
CARGO_PROFILE_DEV_DEBUG=0 CARGO_TARGET_DIR="$target_dir/musl" cargo build --quiet --locked --target "$musl"
static="$target_dir/musl/$musl/debug/waymark"
kind=$(file "$static")
grep -Eq 'static(-pie)? linked' <<<"$kind" || fail "not static: $kind"
libraries=$(ldd "$static" 2>&1 || true)
if grep -q '=>' <<<"$libraries"; then fail "ldd lists shared libraries: $libraries"; fi
cargo build --quiet --locked
"$static" build --output "$work/site-musl" >/dev/null
"$target_dir/debug/waymark" build --output "$work/site-gnu" >/dev/null
diff -r "$work/site-musl" "$work/site-gnu" >/dev/null || fail "the musl build of content/ differs from the usual one"
echo "   $(grep -Eo 'static(-pie)? linked' <<<"$kind"), $(du -h "$static" | cut -f1); built content/ ($(find "$work/site-musl" -name '*.html' | wc -l) pages), identical to the glibc build"

step "3. scripts/install.sh from local archives"
bash scripts/package-archive.sh "$musl" "$static" "$work/releases" >/dev/null
archive="waymark-v$version-$musl.tar.gz"
[ -f "$work/releases/$archive.sha256" ] || fail "no $archive.sha256 beside the archive"
[ "$(bash scripts/install.sh --print-version)" = "$version" ] || fail "--print-version"
[ "$(WAYMARK_VERSION=v9.8.7 bash scripts/install.sh --print-version)" = "9.8.7" ] || fail "WAYMARK_VERSION"
WAYMARK_RELEASES="$work/releases" WAYMARK_ROOT="$work/good" bash scripts/install.sh >/dev/null
[ "$("$work/good/bin/waymark" --version)" = "waymark $version" ] || fail "install.sh installed no working waymark"
cmp -s "$work/good/bin/waymark" "$static" || fail "install.sh installed another binary"

step "   a bad checksum installs nothing and says why"
cp -r "$work/releases" "$work/tampered"
printf 'x' >>"$work/tampered/$archive"
before=$(sha256sum "$work/good/bin/waymark")
for root in "$work/fresh" "$work/good"; do
  if WAYMARK_RELEASES="$work/tampered" WAYMARK_ROOT="$root" bash scripts/install.sh >/dev/null 2>"$work/bad.log"; then
    fail "install.sh accepted a tampered archive"
  fi
done
grep -q "^waymark install: error: checksum mismatch for $archive: $archive.sha256 says [0-9a-f]\{64\}, the archive's sha256 is [0-9a-f]\{64\}; nothing was installed$" "$work/bad.log" \
  || fail "unclear checksum error: $(cat "$work/bad.log")"
[ ! -e "$work/fresh" ] || fail "a rejected install left $(find "$work/fresh")"
[ "$(sha256sum "$work/good/bin/waymark")" = "$before" ] || fail "a rejected install changed the installed binary"

step "   no archive for this machine: cargo install --locked waymark-ssg"
mkdir -p "$work/fake-bin" "$work/no-archives"
printf '#!/bin/sh\necho "$@" > "%s"\n' "$work/cargo-args" >"$work/fake-bin/cargo"
chmod +x "$work/fake-bin/cargo"
PATH="$work/fake-bin:$PATH" WAYMARK_RELEASES="$work/no-archives" WAYMARK_ROOT="$work/fallback" \
  bash scripts/install.sh 2>/dev/null
[ "$(cat "$work/cargo-args")" = "install --locked waymark-ssg --version $version --root $work/fallback" ] \
  || fail "fallback ran: cargo $(cat "$work/cargo-args")"

step "4. cargo-binstall's metadata names the archive and the binary in it"
field() { sed -n "/^\[package.metadata.binstall\]/,/^\[/ s/^$1 = \"\(.*\)\"$/\1/p" Cargo.toml; }
fill() { sed -e "s/{ version }/$version/g; s/{ target }/$musl/g; s/{ bin }/waymark/g; s/{ binary-ext }//g; s/{ archive-suffix }/.tar.gz/g; s|{ repo }|$home_url|g"; }
[ "$(field pkg-url | fill)" = "$home_url/releases/download/v$version/$archive" ] || fail "binstall pkg-url: $(field pkg-url | fill)"
tar -tzf "$work/releases/$archive" >"$work/archive.list"
grep -qx "$(field bin-dir | fill)" "$work/archive.list" || fail "binstall bin-dir $(field bin-dir | fill) is not in $archive"

echo "install suite: passed"
