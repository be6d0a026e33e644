"""End-to-end ``kg.pipeline.build`` on ×1, ×2, ×4 of a real Greek corpus: time and peak memory per size.

The corpus is the raw sentences of UD Greek-GDT's test split (its ``# text``
lines), grouped into documents of 20 sentences as ``extraction.py`` does and
written as one JSON Lines file per size (Greek, dated). Size ×k holds the
first ``k × --base`` sentences, so every size is made of distinct real
sentences. Each size runs in a fresh process: it loads the stanza models
(timed apart), warms the parser up on one sentence, then times (CPU time of
the process, robust on a shared machine, and wall time) ``kg.pipeline.build``
(parse, extract, link, RDF, Oxigraph store, conflicts)
and reports its peak RSS. Cost should grow linearly with the corpus and
memory stay flat, since documents are analysed and written one at a time.

    STANZA_RESOURCES_DIR=../shared/models/stanza python benchmarks/scaling.py [--base 114] [--sizes 1,2,4]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parents[1] / "shared" / "data" / "ud" / "UD_Greek-GDT" / "el_gdt-ud-test.conllu"


def sentences(paths: list[Path]) -> list[str]:
    out: list[str] = []
    for path in paths:
        out += [line[len("# text = "):] for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("# text = ")]
    return out


def write_corpus(texts: list[str], path: Path, per_doc: int = 20) -> Path:
    """Sentences as a JSON Lines corpus, ``per_doc`` sentences a document (Greek, dated)."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(0, len(texts), per_doc):
            record = {"id": f"gdt-{i // per_doc:04d}", "text": "\n".join(texts[i: i + per_doc]),
                      "language": "el", "published": "2022-01-07"}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def heading(script: str, argv: list[str] | None) -> str:
    """The line above a results table: date, machine, the exact command."""
    command = f"python benchmarks/{script} " + " ".join(argv if argv is not None else sys.argv[1:])
    return (f"{time.strftime('%Y-%m-%d')} · {os.cpu_count()} cores, {platform.machine()}, Python "
            f"{platform.python_version()} · `{command.strip()}`")


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_size(jsonl: Path, out: Path) -> dict:
    """One build in this process; returns timings and memory."""
    from kg.pipeline import Pipeline, build
    from kg.store import GraphStore
    from kg.types import Document

    t0 = time.perf_counter()
    pipeline = Pipeline()
    pipeline.analyse(Document("warm-up", "Ο υπουργός δήλωσε ότι η κατάσταση είναι ήρεμη.", lang="el"))
    load = time.perf_counter() - t0
    rss_ready = _rss_mb()
    peak_ready = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, cpu0 = time.perf_counter(), time.process_time()
    report = build([jsonl], out, pipeline=pipeline)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with GraphStore(out / "store") as store:
        quads = len(store)
    return {
        "documents": report.documents, "sentences": report.sentences, "attributions": report.attributions,
        "entities": report.entities, "failed": report.failed, "quads": quads, "build_s": seconds, "cpu_s": cpu,
        "model_load_s": load, "rss_models_mb": rss_ready, "peak_models_mb": peak_ready, "peak_rss_mb": peak,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("conllu", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--base", type=int, default=114, help="sentences in size ×1 (default 114: ×4 = the whole test split)")
    ap.add_argument("--sizes", default="1,2,4")
    ap.add_argument("--per-doc", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=1, help="builds per size; the one with the least CPU time counts")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(run_size(args.child, args.out)))
        return 0

    texts = sentences(args.conllu)
    sizes = [int(k) for k in args.sizes.split(",")]
    if max(sizes) * args.base > len(texts):
        ap.error(f"×{max(sizes)} needs {max(sizes) * args.base} sentences; the corpus has {len(texts)}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-scaling-") as tmp:
        for k in sizes:
            chosen = texts[: k * args.base]
            jsonl = write_corpus(chosen, Path(tmp) / f"corpus-x{k}.jsonl", args.per_doc)
            runs = []
            for _ in range(args.repeat):
                out = Path(tmp) / f"out-x{k}"
                proc = subprocess.run([sys.executable, __file__, "--child", str(jsonl), "--out", str(out)],
                                      check=True, stdout=subprocess.PIPE, text=True)
                runs.append({"size": k, **json.loads(proc.stdout.strip().splitlines()[-1])})
                shutil.rmtree(out, ignore_errors=True)
                print(f"×{k}: {runs[-1]}", file=sys.stderr, flush=True)
            row = min(runs, key=lambda r: r["cpu_s"])
            row["all_build_s"] = [r["build_s"] for r in runs]
            row["all_cpu_s"] = [r["cpu_s"] for r in runs]
            row["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
            rows.append(row)

    print(heading("scaling.py", argv) + "\n")
    base = rows[0]
    print("| size | documents | sentences | attributions | quads | build, CPU time | CPU s per 100 sentences "
          "| CPU time ÷ ×1 | build, wall | peak RSS (models loaded) | peak RSS (after build) | build adds |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| ×{r['size']} | {r['documents']} | {r['sentences']} | {r['attributions']} | {r['quads']:,} | "
              f"{r['cpu_s']:.1f} s | {100 * r['cpu_s'] / r['sentences']:.2f} | {r['cpu_s'] / base['cpu_s']:.2f} | "
              f"{r['build_s']:.1f} s | {r['peak_models_mb']:,.0f} MB | {r['peak_rss_mb']:,.0f} MB | "
              f"{r['peak_rss_mb'] - r['peak_models_mb']:+,.0f} MB |")
    loads = ", ".join(f"{r['model_load_s']:.1f} s" for r in rows)
    print(f"\nModel loading and warm-up (not in the build time): {loads}. Builds per size: "
          + "; ".join(f"×{r['size']} " + ", ".join(f"{t:.1f}" for t in r["all_build_s"]) + " s wall ("
                     + ", ".join(f"{t:.1f}" for t in r["all_cpu_s"]) + " s CPU)" for r in rows)
          + f". Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
