#!/usr/bin/env bash
# A fresh build at one size against the I/O floor and Hugo, a few rounds, one binary or several
# side by side: wall, CPU (user + system) and peak RSS of each run, then each binary's medians
# and its ratios to the floor and to Hugo, measured in the same rounds. Quicker than run.sh (no
# hyperfine, no serve); writes nothing into the repository. Installs hugo with apt-get if it is
# missing (sudo when not root); WAYMARK_QUICK_HUGO=0 leaves Hugo out. WAYMARK_QUICK_HIGHLIGHT=0
# builds with `highlight: false` in the corpus's waymark.yaml (code blocks left plain), the mode
# to set beside Hugo, which runs without highlighting; the output says which mode ran.
#
#   bench/quick.sh                                   # 10,000 topics, this checkout's release build
#   bench/quick.sh old/waymark target/release/waymark  # binaries alternating, run by run
#   WAYMARK_QUICK_N=100000 WAYMARK_QUICK_ROUNDS=1 WAYMARK_QUICK_HUGO=0 bench/quick.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${WAYMARK_QUICK_N:-10000}"
rounds="${WAYMARK_QUICK_ROUNDS:-3}"
hugo="${WAYMARK_QUICK_HUGO:-1}"
highlight="${WAYMARK_QUICK_HIGHLIGHT:-1}"
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base="${TMPDIR:-/tmp}"
work="$(mktemp -d "$base/waymark-quick.XXXXXX")"
trap 'rm -rf "$work"' EXIT
if [ "$hugo" = 1 ] && ! command -v hugo >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing hugo" >&2
  $sudo apt-get install -y -qq hugo >/dev/null \
    || { $sudo apt-get update -qq && $sudo apt-get install -y -qq hugo >/dev/null; }
fi
if [ "$#" -eq 0 ]; then
  (cd "$here/.." && cargo build --release --quiet)
  set -- "${CARGO_TARGET_DIR:-$here/../target}/release/waymark"
fi
rustc -O -o "$work/io_floor" "$here/io_floor.rs"
python3 "$here/gen_corpus.py" --topics "$n" --out "$work/c" --format waymark >/dev/null
[ "$highlight" = 0 ] && echo "highlight: false" >>"$work/c/waymark.yaml"
others=(floor)
if [ "$hugo" = 1 ]; then
  python3 "$here/gen_corpus.py" --topics "$n" --out "$work/h" --format hugo >/dev/null
  others+=(hugo)
fi
echo "N=$n, outputs in $base, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$highlight" = 0 ]; then
  echo "waymark: highlighting off (highlight: false)"
else
  echo "waymark: highlighting on (the default)"
fi
[ "$hugo" = 1 ] && echo "$(hugo version | cut -d' ' -f1-2), highlighting off"
: >"$work/runs"
for _ in $(seq "$rounds"); do
  for bin in "${others[@]}" "$@"; do
    out="$work/out"
    rm -rf "$out"
    case $bin in
      floor) cmd=("$work/io_floor" "$work/c/content" "$out") ;;
      hugo) cmd=(hugo --quiet -s "$work/h" -d "$out") ;;
      *) cmd=("$bin" build --content "$work/c/content" --output "$out") ;;
    esac
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${cmd[@]}" >/dev/null 2>"$work/err" ||
      { cat "$work/err"; exit 1; }
    read -r wall user sys rss <"$work/time"
    echo "$bin $wall $user $sys $rss" >>"$work/runs"
    awk -v b="$bin" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
      'BEGIN { printf "%-40s wall %5.2f s  cpu %5.2f s  rss %6.1f MB\n", b, w, u + s, r / 1024 }'
  done
done
# Medians per command, and each binary's ratios to the floor and to Hugo (wall and CPU).
python3 - "$work/runs" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_, rss = line.split()
    runs.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss) / 1024))
med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in runs.items()}
print("\nmedians:")
for name, (wall, cpu, rss) in med.items():
    print(f"{name:<40} wall {wall:5.2f} s  cpu {cpu:5.2f} s  rss {rss:6.1f} MB")
for name, (wall, cpu, _) in med.items():
    if name in ("floor", "hugo"):
        continue
    for other, target in (("floor", 2.5), ("hugo", 0.15)):
        if other in med:
            w, c = wall / med[other][0], cpu / med[other][1]
            print(f"{name}: {w:.3f}x {other}'s wall (target <= {target}x), {c:.3f}x its CPU")
EOF
