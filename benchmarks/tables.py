"""The CLI's table (kg.terminal.table, rich) beside CSV of the same rows (kg.export.write_csv): rows a second.

A table is for people: it measures every cell in terminal cells and fits the
terminal, which costs more than writing CSV. This shows how much, for answers
of 100 to 10,000 rows (Greek text, a figure, an id), each measured side by
side in one run (the fastest of ``--repeat`` runs: the machine is shared).

    python benchmarks/tables.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import time

from kg.export import write_csv
from kg.terminal import table


def rows(n: int) -> list[dict[str, object]]:
    return [
        {"speaker": f"υπουργείο Εσωτερικών {i}", "polarity": "asserts",
         "content": "δεκάδες διαδηλωτές εξαλείφθησαν από την αστυνομία " * 3, "value": float(i), "document": f"doc-{i:06d}"}
        for i in range(n)
    ]


def best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| rows | CSV | table, 100 columns | table, no limit (a pipe) | table / CSV |")
    print("|---|---|---|---|---|")
    for n in (100, 1_000, 10_000):
        data = rows(n)
        csv = best(lambda: write_csv(data, io.StringIO(), list(data[0])), args.repeat)
        fitted = best(lambda: table(data, width=100), args.repeat)
        whole = best(lambda: table(data, width=None), args.repeat)
        print(f"| {n:,} | {n / csv:,.0f} rows/s | {n / fitted:,.0f} rows/s | {n / whole:,.0f} rows/s | {fitted / csv:.0f}× |")


if __name__ == "__main__":
    main()
