""""Who said what about X" for every entity of the ≥ 1 M-triple graph: the latency distribution.

``queries.py`` times a few chosen entities; this script asks the question
about *every* entity the claims are about (and every speaker for
``said_by``), the whole answer, its first page and its last page, through the library's
own path (``kg.queries.run`` on a ``kg.store.GraphStore``), and reports
percentiles and the share answered within the issue's 10 ms. The store is
any kg store folder, e.g. the synthetic corpus of ``queries.py`` bulk-loaded
(``pyoxigraph.Store(DIR).bulk_load(path="benchmarks/.work/synthetic-1100000-7.nq")``).

    python benchmarks/lookups.py --store DIR [--page 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scaling import heading  # noqa: E402

TARGET_MS = 10.0

KEYS = {
    # question → the SPARQL that lists the keys it is asked about, with how many claims each has
    "who_said_about": "SELECT ?key (COUNT(?claim) AS ?n) WHERE { ?claim schema:about ?e . ?e schema:identifier ?key } GROUP BY ?key",
    "said_by": "SELECT ?key (COUNT(?claim) AS ?n) WHERE { ?e ca:asserts|ca:denies ?claim . ?e schema:identifier ?key } GROUP BY ?key",
}


def _time(run, repeat: int) -> float:
    """The fastest of ``repeat`` runs, in ms (the machine is shared: the minimum is the least noisy)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def measure(store, question: str, page: int, repeat: int) -> list[dict]:
    from kg import queries

    keys = sorted(((str(r["key"]), int(r["n"])) for r in store.query(KEYS[question])), key=lambda kn: -kn[1])
    if not keys:
        raise SystemExit(f"the store has nothing to ask {question} about: build or load a graph first (--store)")
    records = []
    for key, claims in keys:
        queries.run(store, question, key=key, limit=page)  # warm-up
        whole = _time(lambda: queries.run(store, question, key=key), repeat)
        first = _time(lambda: queries.run(store, question, key=key, limit=page), repeat)
        tail = max(claims - page, 0)
        last = _time(lambda: queries.run(store, question, key=key, limit=page, offset=tail), repeat)
        records.append({"key": key, "claims": claims, "whole_ms": whole, "page_ms": first, "last_ms": last})
    return records


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1] if len(values) > 1 else values[0]


def table(question: str, records: list[dict], page: int) -> str:
    lines = [
        f"| {question} | answer | keys | p50 | p90 | p99 | max | within {TARGET_MS:g} ms | slowest keys (claims, ms) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for column, label in (("whole_ms", "whole"), ("page_ms", f"first page ({page} rows)"), ("last_ms", "last page")):
        values = [r[column] for r in records]
        within = sum(v <= TARGET_MS for v in values)
        slowest = sorted(records, key=lambda r: -r[column])[:3]
        worst = "; ".join(f"{r['claims']:,}: {r[column]:,.0f}" for r in slowest)
        lines.append(
            f"| | {label} | {len(values):,} | {_pct(values, 50):.1f} | {_pct(values, 90):.1f} | {_pct(values, 99):.1f} "
            f"| {max(values):,.0f} | {within:,} ({within / len(values):.1%}) | {worst} |"
        )
    # where the 10 ms stops: answers grow with the claims, so it is a size
    fast = [r["claims"] for r in records if r["whole_ms"] <= TARGET_MS]
    slow = [r["claims"] for r in records if r["whole_ms"] > TARGET_MS]
    lines += ["", f"The largest whole answer within {TARGET_MS:g} ms: {max(fast, default=0):,} claims; the smallest over it: {min(slow, default=0):,} claims."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True, help="a kg store folder (OUT/store or a bulk-loaded one)")
    ap.add_argument("--page", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--questions", default=",".join(KEYS))
    args = ap.parse_args(argv)

    from kg.store import GraphStore

    print(heading("lookups.py", argv))
    with GraphStore(args.store) as store:
        print(f"store {args.store}: {len(store):,} quads\n")
        for question in args.questions.split(","):
            t0 = time.perf_counter()
            records = measure(store, question, args.page, args.repeat)
            print(table(question, records, args.page))
            print(f"({len(records):,} keys in {time.perf_counter() - t0:.0f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
