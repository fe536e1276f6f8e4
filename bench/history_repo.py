#!/usr/bin/env python3
"""Writes a git fast-import stream: a roadmap of TOPICS topic files, then COMMITS commits,
each changing one topic's status (not-started -> in-progress -> done -> not-started ...), one
day apart, with every 50th commit also renaming a file. For bench/history.sh."""
import sys

topics, commits = int(sys.argv[1]), int(sys.argv[2])
STATUSES = ["not-started", "in-progress", "done"]
out = sys.stdout.buffer
paths = [f"content/s{i % 8}/t{i}.md" for i in range(topics)]
state = [0] * topics
start = 1_600_000_000


def blob(i):
    text = (
        f"---\ntitle: Topic {i}\nstatus: {STATUSES[state[i]]}\ntags: [bench]\n---\n\n"
        f"Notes on topic {i}: a paragraph of text that stays the same from commit to commit.\n"
    ).encode()
    return b"data %d\n%s\n" % (len(text), text)


def commit(n, lines):
    when = start + n * 86_400
    msg = f"commit {n}".encode()
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer Bench <bench@example.org> %d +0000\n" % when)
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    for line in lines:
        out.write(line)


index = b"---\ntitle: Bench\n---\n"
first = [b"M 100644 inline content/_index.md\n", b"data %d\n%s\n" % (len(index), index)]
for i in range(topics):
    first.append(b"M 100644 inline %s\n" % paths[i].encode() + blob(i))
commit(0, first)
for n in range(1, commits):
    i = (n * 7) % topics
    state[i] = (state[i] + 1) % 3
    lines = []
    if n % 50 == 0:
        old = paths[i]
        new = old.replace("-moved.md", ".md") if old.endswith("-moved.md") else old.replace(".md", "-moved.md")
        lines.append(b"R %s %s\n" % (old.encode(), new.encode()))
        paths[i] = new
    lines.append(b"M 100644 inline %s\n" % paths[i].encode() + blob(i))
    commit(n, lines)
out.write(b"done\n")
