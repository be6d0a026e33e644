"""Throughput of the pipeline's stages on real Greek news sentences.

Reads the raw sentences of UD Greek-GDT's test split (its ``# text`` lines),
groups them into documents of 20 sentences, and times: stanza parsing,
attribution extraction, entity linking and RDF graph building. Prints
sentences/s per stage and extraction's cost as a share of parse time.

    STANZA_RESOURCES_DIR=../shared/models/stanza python benchmarks/extraction.py [CONLLU] [--limit N]
"""

from __future__ import annotations

import argparse
import platform
import time
from datetime import date
from pathlib import Path

from kg.extract import extract
from kg.link import Linker
from kg.nlp.stanza import StanzaParser
from kg.rdf.build import document_graph
from kg.types import Document, DocumentResult

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud" / "UD_Greek-GDT" / "el_gdt-ud-test.conllu"


def sentences(path: Path) -> list[str]:
    return [line[len("# text = "):] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("conllu", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--per-doc", type=int, default=20)
    args = ap.parse_args()
    texts = sentences(args.conllu)
    if args.limit:
        texts = texts[: args.limit]
    docs = [
        Document(f"bench-{i}", "\n".join(texts[i : i + args.per_doc]), lang="el", published=date(2022, 1, 7))
        for i in range(0, len(texts), args.per_doc)
    ]
    parser = StanzaParser()
    parser.pipeline("el")  # load outside the timing
    parser.parse(docs[0])  # warm up
    timings = {"parse": 0.0, "extract": 0.0, "link": 0.0, "graph": 0.0}
    linker = Linker()
    n_sent = n_att = 0
    for doc in docs:
        t0 = time.perf_counter()
        parsed = parser.parse(doc)
        t1 = time.perf_counter()
        found = extract(parsed)
        t2 = time.perf_counter()
        linked = linker.link_document(found)
        t3 = time.perf_counter()
        document_graph(DocumentResult(doc, parsed.sentences, linked, linker.entities_of(linked)))
        t4 = time.perf_counter()
        timings["parse"] += t1 - t0
        timings["extract"] += t2 - t1
        timings["link"] += t3 - t2
        timings["graph"] += t4 - t3
        n_sent += len(parsed.sentences)
        n_att += len(found)
    total = sum(timings.values())
    print(f"machine: {platform.processor() or platform.machine()}, python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")
    print(f"corpus: {args.conllu.name}, {len(docs)} documents, {n_sent} sentences, {n_att} attributions")
    for stage, seconds in timings.items():
        print(f"  {stage:8} {seconds:7.2f} s  {n_sent / seconds if seconds else float('inf'):9.1f} sentences/s")
    print(f"  end-to-end {n_sent / total:.1f} sentences/s; bare parse {n_sent / timings['parse']:.1f} sentences/s; "
          f"ratio end-to-end / bare parse = {timings['parse'] / total:.3f}")
    print(f"  extraction adds {100 * timings['extract'] / timings['parse']:.2f} % to parse time "
          f"(extract + link + graph: {100 * (total - timings['parse']) / timings['parse']:.2f} %)")


if __name__ == "__main__":
    main()
