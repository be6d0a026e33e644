"""Many short documents: kg's parse one call per document vs batched, beside stanza's own, in one run.

News feeds are thousands of one-sentence items, and on those stanza's cost
per call outweighs the parse. This measures words/s on the same sentences
made into two corpora:

- **short**: ``--short`` documents of one sentence each;
- **long**: ``--long`` articles of ``--per-article`` sentences (two a paragraph).

Each corpus is parsed four ways with the same loaded pipeline, slice by slice,
the four taking turns at going first (drift on a shared machine hits them
alike):

- kg, one call per document: ``StanzaParser.parse(doc)`` for each (kg before batching);
- kg, batched: ``StanzaParser.parse_many`` on chunks of ``kg.parallel.CHUNK_CHARS``
  characters (``--chunk``), as ``kg build`` calls it;
- stanza, one call per document: ``nlp(text)``;
- stanza, batched: ``nlp.bulk_process`` on the whole list of ``stanza.Document``.

The sentences are the raw text (``# text``) of a UD treebank in CoNLL-U, Greek
GDT by default (the language is set, so detection costs nothing); words are the
UD words of kg's parse, the same denominator for every row. CPU time is the
process's (torch threads included): on a shared machine it is the steadier
figure, since wall time also counts the time other processes had the cores.

    STANZA_RESOURCES_DIR=DIR python benchmarks/batching.py TREEBANK_DIR_OR_CONLLU [--short 1000 --long 50 --per-article 20 --slices 5 --chunk 5000 --threads 1]

``--chunk 2000,5000,20000`` measures kg, batched with each chunk size, side by side.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scaling import heading  # noqa: E402

def ways(chunk_sizes: list[int]) -> tuple[str, ...]:
    """The ways measured: kg batched once per chunk size."""
    batched = ["kg, batched"] if len(chunk_sizes) == 1 else [f"kg, batched, chunks of {c:,}" for c in chunk_sizes]
    return ("kg, one call per document", *batched, "stanza, one call per document", "stanza, batched (bulk_process)")


def sentences(source: Path, limit: int) -> list[str]:
    """The first ``limit`` ``# text`` lines of the CoNLL-U file(s) at ``source`` (train, dev, test in name order)."""
    files = sorted(source.glob("*.conllu"), key=lambda f: ("train" not in f.name, f.name)) if source.is_dir() else [source]
    found: list[str] = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                found.append(line[len("# text = "):].strip())
                if len(found) == limit:
                    return found
    return found


def corpora(texts: list[str], short: int, long: int, per_article: int, lang: str):
    from kg.types import Document

    one = [Document(f"s{i:05d}", t, lang=lang) for i, t in enumerate(texts[:short])]
    articles = []
    for a in range(long):
        chunk = texts[a * per_article : (a + 1) * per_article]
        paragraphs = [" ".join(chunk[i : i + 2]) for i in range(0, len(chunk), 2)]
        articles.append(Document(f"a{a:03d}", "\n".join(paragraphs), lang=lang))
    return {"short": one, "long": [a for a in articles if a.text]}


def measure(documents, parser, nlp, slices: int, chunk_sizes: list[int]) -> dict:
    """Per way, wall and CPU seconds over the corpus; and the words of kg's parse.

    The corpus is cut into ``slices`` and the four ways parse each slice in
    turn, the first way rotating from slice to slice, so that the load of a
    shared machine, which comes and goes, falls on all four alike.
    """
    import stanza

    from kg.parallel import chunks

    words = 0

    def kg_single(docs):
        nonlocal words
        words += sum(len(s.words) for d in docs for s in parser.parse(d).sentences)

    def kg_batched(chunk_chars):
        def run(docs):
            for chunk in chunks(docs, chunk_chars):
                for result in parser.parse_many(chunk):
                    if isinstance(result, Exception):
                        raise result
        return run

    def stanza_single(docs):
        for d in docs:
            nlp(d.text)

    def stanza_batched(docs):
        nlp.bulk_process([stanza.Document([], text=d.text) for d in docs])

    WAYS = ways(chunk_sizes)
    runs = dict(zip(WAYS, (kg_single, *(kg_batched(c) for c in chunk_sizes), stanza_single, stanza_batched)))
    total = {way: [0.0, 0.0] for way in WAYS}
    size = -(-len(documents) // slices)
    for k in range(slices):
        part = documents[k * size : (k + 1) * size]
        for way in WAYS[k % len(WAYS):] + WAYS[: k % len(WAYS)]:
            w0, c0 = time.perf_counter(), time.process_time()
            runs[way](part)
            total[way][0] += time.perf_counter() - w0
            total[way][1] += time.process_time() - c0
        print(f"  slice {k + 1}/{slices}: " + ", ".join(f"{w} {t[0]:.1f} s" for w, t in total.items()), file=sys.stderr, flush=True)
    return {"words": words, "best": {way: tuple(t) for way, t in total.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("treebank", type=Path, help="a UD treebank folder (or one .conllu file): its sentences are the texts")
    ap.add_argument("--lang", default="el")
    ap.add_argument("--short", type=int, default=1000, help="one-sentence documents")
    ap.add_argument("--long", type=int, default=50, help="long articles")
    ap.add_argument("--per-article", type=int, default=20, help="sentences in a long article")
    ap.add_argument("--slices", type=int, default=5, help="slices of each corpus the four ways take turns on")
    ap.add_argument("--chunk", default=None, help="characters a chunk for kg, batched (default: kg.parallel.CHUNK_CHARS); several: 2000,5000,20000")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1: steadier on a shared machine)")
    args = ap.parse_args(argv)

    from kg.nlp.stanza import StanzaParser
    from kg.parallel import CHUNK_CHARS
    from kg.types import Document

    chunk_sizes = [int(c) for c in args.chunk.split(",")] if args.chunk else [CHUNK_CHARS]

    texts = sentences(args.treebank, max(args.short, args.long * args.per_article))
    if not texts:
        print(f"no '# text' lines in {args.treebank}", file=sys.stderr)
        return 2
    parser = StanzaParser(threads=args.threads)
    t0 = time.perf_counter()
    nlp = parser.pipeline(args.lang)
    load = time.perf_counter() - t0
    warm = Document("warm-up", " ".join(texts[:5]), lang=args.lang)
    parser.parse(warm)
    nlp(warm.text)

    results = {}
    for name, documents in corpora(texts, args.short, args.long, args.per_article, args.lang).items():
        if not documents:
            continue
        print(f"{name}: {len(documents)} documents", file=sys.stderr, flush=True)
        results[name] = (documents, measure(documents, parser, nlp, args.slices, chunk_sizes))

    print(f"{heading('batching.py', argv)} · load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print(f"Sentences of {args.treebank.name}, '{args.lang}' models loaded in {load:.1f} s (not timed); "
          f"kg, batched: chunks of {', '.join(f'{c:,}' for c in chunk_sizes)} characters; {args.threads} torch thread(s); each corpus in {args.slices} slices, the ways taking turns on each.\n")
    print("| corpus | documents | words | way | wall | words/s (wall) | CPU | words/s (CPU) | speed ÷ kg one call per document (wall / CPU) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (documents, found) in results.items():
        n, best = found["words"], found["best"]
        base_wall, base_cpu = best["kg, one call per document"]
        for way in best:
            wall, cpu = best[way]
            print(f"| {name} | {len(documents):,} | {n:,} | {way} | {wall:.1f} s | {n / wall:,.0f} | {cpu:.1f} s | "
                  f"{n / cpu:,.0f} | {base_wall / wall:.2f} / {base_cpu / cpu:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
