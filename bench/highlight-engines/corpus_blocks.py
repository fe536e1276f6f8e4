"""Writes N code blocks as bench/gen_corpus.py gives them to the topics (8 lines, in python,
js, go, sh or yaml), one file each named by its language, for the engines' speed run.
Usage: python3 corpus_blocks.py N DIR"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from gen_corpus import code_block  # noqa: E402

EXT = {"python": "py", "js": "js", "go": "go", "sh": "sh", "yaml": "yml"}
n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(7)
for i in range(n):
    fence, _, rest = code_block(rng).partition("\n")
    with open(os.path.join(out, f"{i:04d}.{EXT[fence[3:]]}"), "w", encoding="utf-8") as f:
        f.write(rest[: -len("```")])
