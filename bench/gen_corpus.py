#!/usr/bin/env python3
"""Deterministic synthetic roadmap for benchmarks, written for waymark or for Hugo.

python3 bench/gen_corpus.py --topics N --out DIR --format waymark|hugo

Both formats hold the same tree and the same notes (~500 words each: paragraphs, a list, a
table, a code block, links to sibling topics), so both tools do comparable work.
"""
import argparse
import os
import random

WORDS = ("system service request cache queue database index query latency throughput replica "
         "shard partition schema migration deploy container cluster node network packet socket "
         "thread process memory buffer stream event handler router endpoint token session "
         "secret config log metric trace alert backup restore rollout canary feature test").split()
STATUSES = ["done"] * 20 + ["in-progress"] * 10 + ["not-started"] * 65 + ["skipped"] * 5
TAGS = ["Job Essential", "Priority", "Optional", "Deep Dive", "Interview"]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def plan(n, rng):
    """A tree of n nodes: ~10 sections, groups, topics up to 4 levels deep.

    Returns a list of (path segments, title, is_group, status, tags, order)."""
    nodes = []
    sections = 10
    per_section = max(1, (n - sections) // sections)
    count = 0
    for s in range(sections):
        if count >= n:
            break
        sec = [f"section-{s:02d}"]
        nodes.append((sec, f"Section {s + 1}", True, None, [rng.choice(TAGS)], s + 1))
        count += 1
        budget = per_section if s < sections - 1 else n - count
        groups = max(1, budget // 25)
        g = 0
        while budget > 0 and count < n:
            grp = sec + [f"group-{g:03d}"]
            nodes.append((grp, f"Group {s + 1}.{g + 1}", True, None, [], g + 1))
            count += 1
            budget -= 1
            for t in range(min(24, budget)):
                if count >= n:
                    break
                deep = t % 8 == 7 and budget > 4
                path = grp + [f"topic-{t:03d}"]
                nodes.append((path, f"Topic {s + 1}.{g + 1}.{t + 1}", deep, rng.choice(STATUSES),
                              [rng.choice(TAGS)] if rng.random() < 0.3 else [], t + 1))
                count += 1
                budget -= 1
                if deep:
                    for k in range(3):
                        if count >= n:
                            break
                        nodes.append((path + [f"sub-{k}"], f"Subtopic {s + 1}.{g + 1}.{t + 1}.{k + 1}", False,
                                      rng.choice(STATUSES), [], k + 1))
                        count += 1
                        budget -= 1
            g += 1
    return nodes[:n]


def code_block(rng):
    """An 8-line fenced block in one of five languages, as backend notes have."""
    w = lambda: rng.choice(WORDS)
    lang = rng.choice(["python", "js", "go", "sh", "yaml"])
    if lang == "python":
        body = [f"def {w()}_{i}(x):\n    return x * {i}  # {w()}" for i in range(4)]
    elif lang == "js":
        body = [f"function {w()}{i}(x) {{\n  return x * {i}; // {w()}\n}}" for i in range(3)]
    elif lang == "go":
        body = [f"func {w()}{i}(x int) int {{\n\treturn x * {i} // {w()}\n}}" for i in range(3)]
    elif lang == "sh":
        body = [f'for f in {w()}/*.log; do\n  grep -c "{w()}" "$f" # {w()}\ndone' for _ in range(3)]
    else:
        body = [f"{w()}_{i}:\n  {w()}: \"{w()}\"  # {i}" for i in range(4)]
    return f"```{lang}\n" + "\n".join(body) + "\n```"


def notes(rng, siblings, links_for):
    parts = [sentence(rng, 18) + " " + sentence(rng, 22) + " " + sentence(rng, 15) for _ in range(4)]
    lst = "\n".join(f"- {sentence(rng, 8)}" for _ in range(6))
    table = "| Aspect | Notes | Score |\n|---|---|---|\n" + "\n".join(
        f"| {rng.choice(WORDS)} | {sentence(rng, 6)} | {rng.randint(1, 9)} |" for _ in range(5))
    code = code_block(rng)
    links = " ".join(links_for(rng.choice(siblings)) for _ in range(3)) if siblings else ""
    more = [sentence(rng, 20) + " " + sentence(rng, 20) for _ in range(6)]
    return "\n\n".join([parts[0], parts[1], "## Key points", lst, parts[2], "## Comparison", table,
                        "## Example", code, parts[3], f"See also: {links}", *more]) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--topics", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--format", choices=["waymark", "hugo"], required=True)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    nodes = plan(a.topics, rng)
    groups = {tuple(p) for p, _, g, *_ in nodes if g}
    by_parent = {}
    for p, *_ in nodes:
        by_parent.setdefault(tuple(p[:-1]), []).append(p)
    content = os.path.join(a.out, "content")
    hugo = a.format == "hugo"
    if hugo:
        write(os.path.join(a.out, "hugo.toml"), HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(a.out, "layouts", "_default", name), text)
    else:
        write(os.path.join(a.out, "waymark.yaml"), 'title: "Benchmark roadmap"\n')
    for path, title, is_group, status, tags, order in nodes:
        me = tuple(path)
        siblings = [s for s in by_parent.get(me[:-1], []) if tuple(s) != me and tuple(s) not in groups]

        def link(target):
            name = target[-1]
            if hugo:
                # Every Hugo page is a folder URL (/s/g/topic/), so a sibling is always ../name/.
                return f"[{name}](../{name}/)"
            return f"[{name}]({'../' if is_group else ''}{name}.md)"

        body = notes(rng, siblings, link)
        if hugo:
            # Page params at the top level: Debian's Hugo (0.111) predates the `params:` key
            # in front matter and would hide them from .Params.
            fm = [f'title: "{title}"', f"weight: {order}"]
            fm.append(f'status: "{status or ""}"')
            fm.append("tags: [" + ", ".join(f'"{t}"' for t in tags) + "]")
            file = os.path.join(content, *path, "_index.md") if is_group else os.path.join(content, *path[:-1], path[-1] + ".md")
        else:
            fm = [f'title: "{title}"']
            if status:
                fm.append(f"status: {status}")
            if tags:
                fm.append("tags: [" + ", ".join(f'"{t}"' for t in tags) + "]")
            fm.append(f"order: {order}")
            file = os.path.join(content, *path, "_index.md") if is_group else os.path.join(content, *path[:-1], path[-1] + ".md")
        write(file, "---\n" + "\n".join(fm) + "\n---\n\n" + body)


HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark roadmap"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.highlight]
codeFences = false
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<nav aria-label="Breadcrumb"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="status">{{ .Params.status }}</p>
{{ range .Params.tags }}<span class="tag">{{ . }}</span>{{ end }}<div class="notes">{{ .Content }}</div></article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
""",
    "list.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="status">{{ .Params.status }}</p><div class="notes">{{ .Content }}</div>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="status">{{ .Params.status }}</span>
{{- if .IsSection }}{{ $all := .RegularPagesRecursive }}{{ $done := where $all "Params.status" "done" }} <span class="progress">{{ len $done }}/{{ len $all }} done</span>{{ end }}</li>{{ end }}</ul></article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
""",
}

if __name__ == "__main__":
    main()
