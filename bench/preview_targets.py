#!/usr/bin/env python3
"""The serve targets of bench/BENCHMARKS.md, as table rows, from bench/preview.sh's JSON lines.

python3 bench/preview_targets.py FILE
"""
import json
import sys

# Save → painted, median, by roadmap: the user's (content/), 1,000 and 10,000 topics.
PAINTED = {"user": 80, "1000": 120, "10000": 300}


def row(what, measured, value, limit, under=True):
    """A target row: `value` must be below `limit` (under) or at most `limit`."""
    ok = value < limit if under else value <= limit
    ratio = value / limit if limit else float(value > 0)
    print(f"| {what} | {measured} | {ratio:.2f} | {'PASS' if ok else 'FAIL'} |")


def main():
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    for r in rows:
        limit = PAINTED.get(r["label"])
        if limit is None:
            continue
        name = "the user's roadmap" if r["label"] == "user" else f"N={r['label']}"
        p = r["painted"]
        row(f"serve save → painted in Chromium, median at {name} ≤ {limit} ms",
            f"{p['median']} ms (p90 {p['p90']} ms, {p['inPlace']}/{p['n']} in place)",
            p["median"], limit, under=False)
    worst = max(rows, key=lambda r: max(r["alive"]["page"]["median"], r["alive"]["style.css"]["median"]))
    get = max(worst["alive"]["page"]["median"], worst["alive"]["style.css"]["median"])
    row("serve kept-alive GET (topic page, style.css), median < 2 ms, worst roadmap",
        f"{get} ms ({worst['label']})", get, 2)
    worst = max(rows, key=lambda r: r["crowd"]["p99"])
    c = worst["crowd"]
    row("serve, 32 concurrent clients: p99 < 20 ms, worst roadmap",
        f"{c['p99']} ms (median {c['median']} ms, {worst['label']})", c["p99"], 20)
    errors = sum(r["crowd"]["errors"] for r in rows)
    requests = sum(r["crowd"]["requests"] for r in rows)
    row("serve, 32 concurrent clients: zero errors", f"{errors} of {requests}", errors, 0, under=False)


if __name__ == "__main__":
    main()
