"""The desk (the page of `kg viz`, `kg demo` and `kg serve`) with thousands of claims, in headless Chromium.

    .venv/bin/python benchmarks/desk.py [--claims 5000] [--repeat 3]

The graph is the synthetic corpus of ``benchmarks/synthetic.py`` cut at
``--claims`` attributions (the last document may add a few), bulk-loaded into
an in-memory store; the page is made from it by ``kg.viz.render_store``, as
``kg viz`` makes it. Measured, side by side in one run, for that page and a
page of ``--small`` claims from the same corpus:

- ``make``: Python time to make the page from the store (records, names,
  layout above 300 nodes, JSON);
- in Chromium (Selenium, a fresh tab per round; the best of ``--repeat``
  rounds counts), in ms since navigation began: ``load`` (the load event:
  HTML and the inlined vis-network parsed), ``ready`` (the desk's script has
  filled the filters, the first 100 cards and the timeline), ``first draw``
  (vis-network's first ``afterDrawing``: the graph is on screen);
- ``filter``: one speaker chosen in the filter, until the cards, the
  timeline and the graph's hidden nodes are updated (the synchronous part;
  the canvas redraws on the next frame).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg.store import GraphStore  # noqa: E402


def synthetic_store(claims: int, seed: int = 7) -> GraphStore:
    """An in-memory store holding the synthetic corpus cut at ``claims`` attributions (at least)."""
    import pyoxigraph as ox

    from synthetic import write_nquads

    store = GraphStore()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.nq"
        write_nquads(path, 10**12, seed=seed, claims=claims)
        store._db.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def synthetic_page(claims: int, seed: int = 7) -> tuple[str, float, int]:
    """The desk of a synthetic graph of about ``claims`` claims: (page, seconds to make it, claims in it)."""
    from kg.export import attribution_records
    from kg.viz import render_store

    with synthetic_store(claims, seed) as store:
        count = len(attribution_records(store))
        t0 = time.perf_counter()
        page = render_store(store, title=f"kg desk: {count:,} synthetic claims")
        return page, time.perf_counter() - t0, count


FILTER = """
var select = document.getElementById('kg-f-speaker');
var t0 = performance.now();
select.value = "0";
select.dispatchEvent(new Event('change'));
var ms = performance.now() - t0;
var shown = +document.getElementById('kg-cards').getAttribute('data-claims');
select.value = '';
select.dispatchEvent(new Event('change'));
return [ms, shown];
"""


def measure(driver, path: Path, repeat: int) -> dict[str, float]:
    from kg.viz.browser import wait_ready

    best: dict[str, float] = {}
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get(path.as_uri())
        timings = wait_ready(driver, timeout=300)
        filter_ms, _ = driver.execute_script(FILTER)
        for key, value in {**timings, "filter": filter_ms}.items():
            best[key] = min(best.get(key, float("inf")), float(value))
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--claims", type=int, default=5000)
    ap.add_argument("--small", type=int, default=100, help="claims of the page measured beside it (default 100)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from kg.viz.browser import chromium, missing

    reason = missing()
    if reason:
        print(f"cannot measure: {reason}", file=sys.stderr)
        return 2
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{date.today()} · {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()} "
          f"· load average {load:.1f}")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        driver = chromium(profile=Path(folder) / "profile")
        try:
            for claims in (args.small, args.claims):
                page, seconds, count = synthetic_page(claims)
                path = Path(folder) / f"desk-{claims}.html"
                path.write_text(page, encoding="utf-8")
                best = measure(driver, path, args.repeat)
                rows.append((count, len(page.encode("utf-8")), seconds, best))
        finally:
            driver.quit()
    print("| claims | page | make (Python) | load | ready | first draw | filter by a speaker |")
    print("|---|---|---|---|---|---|---|")
    for count, size, seconds, best in rows:
        print(f"| {count:,} | {size / 1e6:.1f} MB | {seconds:.1f} s | {best['load']:.0f} ms | {best['ready']:.0f} ms "
              f"| {best['first_draw']:.0f} ms | {best['filter']:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
