"""Bounded cost per document: text without punctuation, by sentence cap and by document size.

Text without punctuation is the worst case for the parser: stanza's tokenizer
makes one "sentence" of thousands of words of it, and the parser's memory grows
with the square of a sentence's length. kg caps sentences at
``kg.nlp.stanza.MAX_SENTENCE_WORDS`` words before tagging and parsing.

``--caps`` parses the same unpunctuated Greek text with each cap, each in a
fresh process, and reports words/s and peak RSS: the figure behind the cap.
``--sizes`` writes a document of each size (bytes of UTF-8) and runs
``kg build`` on it under ``/usr/bin/time -v``: wall time and peak RSS of the
whole build (parse, extract, link, graph, store).

The words are drawn (seeded) from the seed articles' Greek words, so the
tokenizer sees real Greek without a single sentence mark.

    STANZA_RESOURCES_DIR=../shared/models/stanza python benchmarks/long_text.py --caps 50,100,200,400 --words 2000
    STANZA_RESOURCES_DIR=../shared/models/stanza python benchmarks/long_text.py --sizes 30000,300000,5000000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "data" / "seeds"


def greek_words() -> list[str]:
    words: set[str] = set()
    for path in sorted(SEEDS.rglob("*.txt")):
        words.update(w.lower() for w in re.findall(r"[\u0370-\u03ff\u1f00-\u1fff]{2,}", path.read_text(encoding="utf-8")))
    return sorted(words)


def unpunctuated(size: int, seed: int = 15) -> str:
    """About ``size`` bytes of UTF-8: Greek words and spaces, one line, no punctuation."""
    rng, vocab, out, n = random.Random(seed), greek_words(), [], 0
    while n < size:
        word = rng.choice(vocab)
        out.append(word)
        n += len(word.encode("utf-8")) + 1
    return " ".join(out)


_CHILD = """
import json, resource, sys, time
import kg.nlp.stanza as s
from kg.types import Document
s.MAX_SENTENCE_WORDS = int(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
parser = s.StanzaParser()
parser.parse(Document("warm", "Ο υπουργός δήλωσε ότι όλα πάνε καλά.", lang="el"))
t, c = time.perf_counter(), time.process_time()
parsed = parser.parse(Document("d", text, lang="el"))
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "words": sum(len(x.words) for x in parsed.sentences), "sentences": len(parsed.sentences),
                  "longest": max(len(x.words) for x in parsed.sentences),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def caps(values: list[int], words: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "text.txt"
        rng, vocab = random.Random(15), greek_words()
        path.write_text(" ".join(rng.choice(vocab) for _ in range(words)), encoding="utf-8")
        print("| cap (words) | sentences | longest | words/s (wall) | words/s (CPU) | peak RSS |")
        print("|---|---|---|---|---|---|")
        for cap in values:
            out = subprocess.run([sys.executable, "-c", _CHILD, str(cap), str(path)], check=True,
                                 capture_output=True, text=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"| {cap} | {r['sentences']} | {r['longest']} | {r['words'] / r['wall']:,.0f} | "
                  f"{r['words'] / r['cpu']:,.0f} | {r['rss_mb']:,.0f} MB |", flush=True)


def sizes(values: list[int], kg: str) -> None:
    print("| document | words | wall | CPU (user + sys) | peak RSS | exit |")
    print("|---|---|---|---|---|---|")
    for size in values:
        with tempfile.TemporaryDirectory() as tmp:
            doc = Path(tmp) / f"long-{size}.txt"
            text = unpunctuated(size)
            doc.write_text(text, encoding="utf-8")
            t = time.perf_counter()
            run = subprocess.run(["/usr/bin/time", "-v", kg, "build", str(doc), "-o", str(Path(tmp) / "out")],
                                 capture_output=True, text=True)
            wall = time.perf_counter() - t
            rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
            mb = int(rss.group(1)) / 1024 if rss else float("nan")
            cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", run.stderr))
            print(f"| {doc.stat().st_size:,} bytes | {len(text.split()):,} | {wall:,.0f} s | {cpu:,.0f} s | {mb:,.0f} MB | "
                  f"{run.returncode} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--caps", help="comma-separated sentence caps to compare")
    ap.add_argument("--words", type=int, default=2000, help="length of the text --caps parses")
    ap.add_argument("--sizes", help="comma-separated document sizes in bytes, each built with kg build")
    ap.add_argument("--kg", default=str(Path(sys.executable).with_name("kg")), help="the kg command")
    args = ap.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    if args.caps:
        caps([int(x) for x in args.caps.split(",")], args.words)
    if args.sizes:
        sizes([int(x) for x in args.sizes.split(",")], args.kg)


if __name__ == "__main__":
    main()
