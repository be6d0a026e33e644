"""English throughput: kg end to end vs a bare stanza parse of the same articles, side by side in one run.

The corpus is PolNeAR's dev articles (US political news, 2016), ``--limit``
of them taken evenly over the sorted file names so that every publisher is
in. The English pipeline is loaded and warmed up outside the timing; then,
article by article, the same loaded pipeline parses the text bare
(``nlp(text)``, what a stanza user would write) and kg runs its
:class:`kg.pipeline.Pipeline` on it (parse: paragraphs, language runs and
``bulk_process``; extract + link: ``Pipeline.analyse_parsed``; graph:
``kg.rdf.build.document_graph``). The two alternate which goes first from one
article to the next, so that drift on a shared machine hits both alike.
Throughput is in words/s, words being the UD words of kg's parse (the same
denominator for both); CPU time is the process's, all torch threads included.

    STANZA_RESOURCES_DIR=../shared/models/stanza python benchmarks/english.py [DOCS] [--limit 30] [--repeat 1]
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

DEFAULT = HERE.parents[1] / "shared" / "data" / "polnear" / "dev" / "docs"
STAGES = ("bare", "parse", "extract+link", "graph")


def pick(folder: Path, limit: int) -> list[Path]:
    """``limit`` files spread evenly over the sorted folder (all of them when ``limit`` is 0 or too big)."""
    files = sorted(folder.glob("*.txt"))
    if not limit or limit >= len(files):
        return files
    return [files[i * len(files) // limit] for i in range(limit)]


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def run(files: list[Path], rounds: int) -> dict:
    """Per stage, the wall and CPU seconds of the best round (by the sum of wall times) and every round's totals."""
    from kg.nlp.stanza import StanzaParser
    from kg.pipeline import Pipeline
    from kg.rdf.build import document_graph
    from kg.types import Document

    documents = [Document(f.stem, f.read_text(encoding="utf-8"), lang="en") for f in files]
    parser = StanzaParser()
    t0 = time.perf_counter()
    nlp = parser.pipeline("en")
    load = time.perf_counter() - t0
    nlp(documents[0].text[:2000])  # warm up both paths on text outside the timing
    parser.parse(Document("warm-up", documents[0].text[:2000], lang="en"))

    counts = {"documents": len(documents), "words": 0, "bare_words": 0, "sentences": 0, "attributions": 0, "triples": 0}
    history = []
    for round_ in range(rounds):
        pipeline = Pipeline(parser=parser)  # a fresh linker per round: the same work every round
        wall = dict.fromkeys(STAGES, 0.0)
        cpu = dict.fromkeys(STAGES, 0.0)
        words = bare_words = sentences = attributions = triples = 0

        def bare(doc: Document) -> None:
            nonlocal bare_words
            w0, c0 = _clock()
            parsed = nlp(doc.text)
            w1, c1 = _clock()
            wall["bare"] += w1 - w0
            cpu["bare"] += c1 - c0
            bare_words += parsed.num_words

        def end_to_end(doc: Document) -> None:
            nonlocal words, sentences, attributions, triples
            marks = [_clock()]
            parsed = pipeline.parser.parse(doc)
            marks.append(_clock())
            result = pipeline.analyse_parsed(parsed)
            marks.append(_clock())
            graph = document_graph(result)
            marks.append(_clock())
            for stage, (a, b) in zip(STAGES[1:], zip(marks, marks[1:])):
                wall[stage] += b[0] - a[0]
                cpu[stage] += b[1] - a[1]
            words += sum(len(s.words) for s in parsed.sentences)
            sentences += len(parsed.sentences)
            attributions += len(result.attributions)
            triples += len(graph)

        for i, doc in enumerate(documents):
            first, second = (bare, end_to_end) if (i + round_) % 2 == 0 else (end_to_end, bare)
            first(doc)
            second(doc)
        counts.update(words=words, bare_words=bare_words, sentences=sentences, attributions=attributions, triples=triples)
        history.append({"wall": wall, "cpu": cpu})
        print(f"round {round_ + 1}: " + ", ".join(f"{s} {wall[s]:.1f} s" for s in STAGES), file=sys.stderr, flush=True)
    best = min(history, key=lambda h: sum(h["wall"].values()))
    return {"load": load, "counts": counts, "best": best, "history": history}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=30, help="articles, spread over the folder (0: all)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds over the articles; the fastest counts")
    args = ap.parse_args(argv)
    files = pick(args.docs, args.limit)
    if not files:
        print(f"no .txt articles in {args.docs}", file=sys.stderr)
        return 2
    found = run(files, args.repeat)
    counts, wall, cpu = found["counts"], found["best"]["wall"], found["best"]["cpu"]
    n = counts["words"]
    kg_wall = sum(wall[s] for s in STAGES[1:])
    kg_cpu = sum(cpu[s] for s in STAGES[1:])

    print(f"{heading('english.py', argv)} · load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print(f"{counts['documents']} articles from {args.docs.name}/ ({args.docs}), {n:,} words "
          f"(bare stanza: {counts['bare_words']:,}), {counts['sentences']:,} sentences, "
          f"{counts['attributions']:,} attributions, {counts['triples']:,} triples; English models loaded in "
          f"{found['load']:.1f} s (not timed)\n")
    print("| | wall | words/s (wall) | CPU | words/s (CPU) | share of kg end to end (wall) |")
    print("|---|---|---|---|---|---|")
    print(f"| bare stanza `nlp(text)` | {wall['bare']:.1f} s | {n / wall['bare']:,.0f} | {cpu['bare']:.1f} s | "
          f"{n / cpu['bare']:,.0f} | – |")
    for stage in STAGES[1:]:
        print(f"| kg {stage} | {wall[stage]:.2f} s | {n / wall[stage]:,.0f} | {cpu[stage]:.2f} s | "
              f"{n / cpu[stage]:,.0f} | {100 * wall[stage] / kg_wall:.1f} % |")
    print(f"| **kg end to end** | {kg_wall:.1f} s | **{n / kg_wall:,.0f}** | {kg_cpu:.1f} s | {n / kg_cpu:,.0f} | 100 % |")
    print(f"\nend to end ÷ bare stanza (throughput): wall {wall['bare'] / kg_wall:.3f}, CPU {cpu['bare'] / kg_cpu:.3f}; "
          f"kg's parse ÷ bare: wall {wall['bare'] / wall['parse']:.3f}; "
          f"extract + link + graph add {100 * (wall['extract+link'] + wall['graph']) / wall['parse']:.2f} % to kg's parse")
    if len(found["history"]) > 1:
        print("all rounds (bare / kg end to end, wall): " + "; ".join(
            f"{h['wall']['bare']:.1f} / {sum(h['wall'][s] for s in STAGES[1:]):.1f} s" for h in found["history"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
