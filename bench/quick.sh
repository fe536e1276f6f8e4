#!/usr/bin/env bash
# A fresh build at one size against the I/O floor, a few rounds, one binary or several side by
# side: wall, CPU (user + system) and peak RSS of each run. Quicker than run.sh (no Hugo, no
# hyperfine, no serve); writes nothing into the repository.
#
#   bench/quick.sh                                   # 10,000 topics, this checkout's release build
#   bench/quick.sh old/waymark target/release/waymark  # binaries alternating, run by run
#   WAYMARK_QUICK_N=100000 WAYMARK_QUICK_ROUNDS=1 bench/quick.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${WAYMARK_QUICK_N:-10000}"
rounds="${WAYMARK_QUICK_ROUNDS:-3}"
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base="${TMPDIR:-/tmp}"
work="$(mktemp -d "$base/waymark-quick.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ "$#" -eq 0 ]; then
  (cd "$here/.." && cargo build --release --quiet)
  set -- "${CARGO_TARGET_DIR:-$here/../target}/release/waymark"
fi
rustc -O -o "$work/io_floor" "$here/io_floor.rs"
python3 "$here/gen_corpus.py" --topics "$n" --out "$work/c" --format waymark >/dev/null
echo "N=$n, outputs in $base, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$rounds"); do
  for bin in floor "$@"; do
    out="$work/out"
    rm -rf "$out"
    if [ "$bin" = floor ]; then
      cmd=("$work/io_floor" "$work/c/content" "$out")
    else
      cmd=("$bin" build --content "$work/c/content" --output "$out")
    fi
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${cmd[@]}" >/dev/null 2>"$work/err" ||
      { cat "$work/err"; exit 1; }
    read -r wall user sys rss <"$work/time"
    awk -v b="$bin" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
      'BEGIN { printf "%-40s wall %5.2f s  cpu %5.2f s  rss %6.1f MB\n", b, w, u + s, r / 1024 }'
  done
done
