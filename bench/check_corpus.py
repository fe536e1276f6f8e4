#!/usr/bin/env python3
"""Checks a corpus from gen_corpus.py before it is timed, so a broken corpus fails loudly.

python3 bench/check_corpus.py --format waymark DIR      front matter at byte 0, every relative
                                                        link names a .md file that exists
python3 bench/check_corpus.py --format hugo DIR [--built OUT]
                                                        front matter at byte 0; with OUT (Hugo's
                                                        output), every page exists, holds its
                                                        notes, and every relative link resolves
"""
import argparse
import os
import re
import sys

LINK = re.compile(r"\]\(([^)\s]+)\)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--format", choices=["waymark", "hugo"], required=True)
    ap.add_argument("--built")
    a = ap.parse_args()
    content = os.path.join(a.dir, "content")
    problems, files, links = [], 0, 0
    for d, _, names in sorted(os.walk(content)):
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            files += 1
            path = os.path.join(d, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if not text.startswith("---\n") or "\n---\n" not in text[4:]:
                problems.append(f"{path}: no front matter at byte 0")
                continue
            body = text[4:].split("\n---\n", 1)[1]
            rel = os.path.relpath(path, content)
            # Hugo's URL for a/b/c.md is /a/b/c/, for a/b/_index.md it is /a/b/.
            page = os.path.dirname(rel) if name == "_index.md" else rel[:-3]
            if a.format == "hugo" and a.built:
                html = os.path.join(a.built, page, "index.html")
                if not os.path.isfile(html):
                    problems.append(f"{path}: Hugo wrote no {html}")
                else:
                    with open(html, encoding="utf-8") as f:
                        out = f.read()
                    first = body.strip().split(".")[0]
                    if first not in out:
                        problems.append(f"{html}: the notes ({first!r}…) are missing")
                    status = re.search(r'^status: "([^"]+)"$', text, re.M)
                    if status and f'class="status">{status.group(1)}<' not in out:
                        problems.append(f"{html}: the status {status.group(1)} is missing")
            for target in LINK.findall(body):
                links += 1
                if a.format == "waymark":
                    dest = os.path.normpath(os.path.join(d, target))
                    if not target.endswith(".md") or not os.path.isfile(dest):
                        problems.append(f"{path}: link {target} names no file")
                elif a.built:
                    dest = os.path.normpath(os.path.join(a.built, page, target, "index.html"))
                    if not os.path.isfile(dest):
                        problems.append(f"{path}: link {target} resolves to no page")
    for p in problems[:20]:
        print(p, file=sys.stderr)
    print(f"{a.format} corpus {a.dir}: {files} files, {links} links, {len(problems)} problems")
    sys.exit(1 if problems or files == 0 else 0)


if __name__ == "__main__":
    main()
