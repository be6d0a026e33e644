"""Load time, query latency and memory of the bundled queries on a ≥ 1 M-triple graph.

The graph is the synthetic corpus of ``benchmarks/synthetic.py`` (the shape
``kg build`` writes, one named graph per document). Every query in
``kg/queries`` runs with realistic parameters (the most frequent entity, a
rare one, the most frequent speaker, one week, one document), on:

- ``rdflib``: rdflib's in-memory ``Dataset(default_union=True)``, loaded by
  parsing the N-Quads file, queried with ``Dataset.query(text, initBindings=…)``;
- ``oxigraph-replace``: ``kg.store.GraphStore`` on disk, loaded the way
  ``kg build`` loads it, ``replace_graph`` once per document (only those
  calls are timed; generating the records and building each rdflib graph is
  reported apart);
- ``oxigraph-bulk``: the same store loaded from the N-Quads file with
  ``pyoxigraph.Store.bulk_load``, then opened as a ``GraphStore``.

Both Oxigraph stores are queried through ``kg.queries.run`` (the library's
own path: parameters bound as a leading VALUES block, rows as Python dicts), after
closing and reopening the store. The two loads are shown to be equivalent:
same number of quads and the same SHA-256 over the sorted N-Quads dump, and
the same rows for every query.

Each backend runs in its own process, so its peak RSS (``ru_maxrss``) is its
own. Latency is the median of ``--runs`` runs after one warm-up run; a query
whose warm-up run is slow (over ``--slow`` seconds) is reported from that one
run; an rdflib query that exceeds ``--timeout`` is stopped and reported as
"> N s".

    python benchmarks/queries.py [--triples 1100000] [--seed 7] [--runs 5] [--timeout 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BACKENDS = ("oxigraph-bulk", "oxigraph-replace", "rdflib")

# (case label, query name, kind, parameter names resolved by _params). kind sets the target:
# lookup ≤ 10 ms ("who said what about X"); aggregation ≤ 200 ms (a summary: one row per source, reporter,
# chain or type); listing: one row per document, entity, claim, figure or conflicting pair, so its size and
# cost grow with the corpus (reported as rows/s, no target).
CASES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("who_said_about (rank-1000 entity)", "who_said_about", "lookup", ("key=rare_topic",)),
    ("who_said_about (rank-100 entity)", "who_said_about", "lookup", ("key=mid_topic",)),
    ("who_said_about (rank-10 entity)", "who_said_about", "lookup", ("key=frequent_topic",)),
    ("who_said_about (top entity)", "who_said_about", "lookup", ("key=top_topic",)),
    ("who_said_about (rank-100 entity, first page)", "who_said_about", "lookup", ("key=mid_topic", "limit=page")),
    ("who_said_about (top entity, first page)", "who_said_about", "lookup", ("key=top_topic", "limit=page")),
    ("who_said_about (top entity, page 100)", "who_said_about", "lookup", ("key=top_topic", "limit=page", "offset=page_100")),
    ("said_by (rank-100 speaker)", "said_by", "lookup", ("key=mid_source",)),
    ("said_by (top speaker)", "said_by", "lookup", ("key=top_source",)),
    ("said_by (top speaker, first page)", "said_by", "lookup", ("key=top_source", "limit=page")),
    ("timeline (rank-100 entity)", "timeline", "lookup", ("key=mid_topic",)),
    ("timeline (top entity)", "timeline", "lookup", ("key=top_topic",)),
    ("timeline (top entity, first page)", "timeline", "lookup", ("key=top_topic", "limit=page")),
    ("claims_between (one week)", "claims_between", "lookup", ("start=week_start", "end=week_end")),
    ("claims_between (one week, first page)", "claims_between", "lookup", ("start=week_start", "end=week_end", "limit=page")),
    ("attributions (one document)", "attributions", "lookup", ("document=document",)),
    ("attribution_about (one document)", "attribution_about", "lookup", ("document=document",)),
    ("claim_links (one document)", "claim_links", "lookup", ("document=document",)),
    ("quantities (one document)", "quantities", "lookup", ("document=document",)),
    ("most_cited", "most_cited", "aggregation", ()),
    ("most_relaying", "most_relaying", "aggregation", ()),
    ("reporting_chains", "reporting_chains", "aggregation", ()),
    ("sources_by_type", "sources_by_type", "aggregation", ()),
    ("entities", "entities", "listing", ()),
    ("documents", "documents", "listing", ()),
    ("conflicts", "conflicts", "listing", ()),
    ("claims_by_speaker", "claims_by_speaker", "listing", ()),
    ("who_said_what (all)", "who_said_what", "listing", ()),
    ("claims_with_numbers (all)", "claims_with_numbers", "listing", ()),
    ("entity_labels (all)", "entity_labels", "listing", ()),
    ("quantities (all)", "quantities", "listing", ()),
    ("figures (all)", "figures", "listing", ()),
    ("claim_links (all)", "claim_links", "listing", ()),
    ("attributions (all)", "attributions", "listing", ()),
    ("attribution_about (all)", "attribution_about", "listing", ()),
]
TARGET_MS = {"lookup": 10.0, "aggregation": 200.0}
PAGE = 50
MEMORY_LIMIT = 8 * 2**30  # address-space cap per process: a runaway query fails instead of swapping the machine


def _oxigraph_run(store: object, name: str, params: dict[str, object]) -> list[dict[str, object]]:
    from kg import queries as kq

    return kq.run(store, name, **params)


def _append_derived(data: Path) -> dict[str, float]:
    """Derive what ``kg build`` derives after writing (conflicting figures, the claim index) and append it.

    Every backend then loads the same quads, the derived graph and the index included.
    """
    import pyoxigraph as ox

    from kg.conflicts import refresh_derived
    from kg.rdf.index import refresh_index
    from kg.rdf.mint import DERIVED_GRAPH, INDEX_GRAPH
    from kg.store import GraphStore

    with GraphStore() as store:
        store._db.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        t0 = time.perf_counter()
        pairs = refresh_derived(store)
        t1 = time.perf_counter()
        indexed = refresh_index(store)
        t2 = time.perf_counter()
        with open(data, "ab") as out:
            for graph in (DERIVED_GRAPH, INDEX_GRAPH):
                quads = store._db.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
                out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return {"derive_s": t1 - t0, "conflicts": pairs, "index_s": t2 - t1, "indexed": indexed}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _params(seed: int) -> dict[str, object]:
    """Realistic parameter values, read from the corpus' own pools."""
    from synthetic import Corpus

    corpus = Corpus(seed)
    return {
        "top_topic": corpus.top_topic.id,
        "frequent_topic": corpus.entities[9].id,
        "mid_topic": corpus.entities[99].id,
        "rare_topic": corpus.entities[999].id,
        "top_source": corpus.top_source.id,
        "mid_source": corpus.sources.entities[99].id,
        "week_start": dt.date(2022, 3, 1),
        "week_end": dt.date(2022, 3, 7),
        "document": "syn-000100",
        "page": PAGE,  # rows a page (kg.queries.run(limit=…)), as a user interface would ask
        "page_100": 99 * PAGE,  # the offset of the 100th page
    }


def _bind(case_params: tuple[str, ...], values: dict[str, object]) -> dict[str, object]:
    return {name: values[ref] for name, ref in (p.split("=") for p in case_params)}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _normalise(rows: list[dict[str, object]]) -> str:
    """An order-independent digest of a result (rows compared as sorted reprs)."""
    return hashlib.sha256("\n".join(sorted(repr(sorted(r.items())) for r in rows)).encode()).hexdigest()[:12]


def _rdflib_rows(result: object) -> list[dict[str, object]]:
    from kg.store import to_oxigraph, to_python

    names = [str(v) for v in result.vars]  # type: ignore[attr-defined]
    return [
        {n: (None if row[i] is None else to_python(to_oxigraph(row[i]))) for i, n in enumerate(names)}
        for row in result  # type: ignore[attr-defined]
    ]


def _time_case(run_one, index: int, values: dict[str, object], runs: int, slow: float, timeout: float) -> dict:
    """One case: a warm-up run, then the median of ``runs`` runs (only the warm-up when it was slow).

    The timeout is a SIGALRM, which stops pure-Python work (rdflib); Oxigraph
    queries run in a worker process that the parent kills instead.
    """
    label, name, kind, case_params = CASES[index]
    params = _bind(case_params, values)
    record: dict[str, object] = {"case": label, "query": name, "kind": kind}
    signal.signal(signal.SIGALRM, _alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        t0 = time.perf_counter()
        rows = run_one(name, params)
        first = time.perf_counter() - t0
        signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:
        record.update(timeout=timeout, ms=None, rows=None, digest=None)
        return record
    except MemoryError:
        signal.setitimer(signal.ITIMER_REAL, 0)
        record.update(failed=f"out of memory (> {MEMORY_LIMIT / 2**30:.0f} GB)", ms=None, rows=None, digest=None)
        return record
    except Exception as error:  # a query the engine cannot evaluate (an rdflib bug) is a result, not a crash
        signal.setitimer(signal.ITIMER_REAL, 0)
        record.update(failed=f"{type(error).__name__}: {error}"[:200], ms=None, rows=None, digest=None)
        return record
    times = [first]
    if first < slow:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            run_one(name, params)
            times.append(time.perf_counter() - t0)
    record.update(ms=1000 * statistics.median(times), runs=len(times), rows=len(rows), digest=_normalise(rows))
    return record


def _log(record: dict) -> None:
    if record.get("ms") is None:
        what = record.get("failed") or f"> {record['timeout']:.0f} s"
        print(f"  {record['case']:44} {what}", file=sys.stderr, flush=True)
    else:
        print(f"  {record['case']:44} {record['ms']:10.1f} ms  ({record['rows']} rows, {record['runs']} runs)",
              file=sys.stderr, flush=True)


def _store_digest(store: object) -> str:
    """SHA-256 over the sorted N-Quads dump: two stores with the same quads have the same digest."""
    import pyoxigraph as ox

    data = store.dump(format=ox.RdfFormat.N_QUADS) or b""  # type: ignore[attr-defined]
    lines = sorted(data.splitlines())
    return hashlib.sha256(b"\n".join(lines)).hexdigest()[:16]


def child(backend: str, data: Path, work: Path, triples: int, seed: int, runs: int, slow: float, timeout: float) -> dict:
    """One backend in this process: load, then time every query. Returns a JSON-able report."""
    from kg import queries as kq

    _cap_memory()
    values = _params(seed)
    report: dict[str, object] = {"backend": backend, "rss_start_mb": _rss_mb()}
    if backend == "rdflib":
        from rdflib import Dataset, Literal

        ds = Dataset(default_union=True)
        t0 = time.perf_counter()
        ds.parse(str(data), format="nquads")
        report["load_s"] = time.perf_counter() - t0
        report["load_method"] = "Dataset.parse(N-Quads)"
        report["quads"] = len(ds)
        report["rss_after_load_mb"] = _rss_mb()
        texts = {name: kq.load(name) for _, name, _, _ in CASES}

        def run_one(name: str, params: dict[str, object]) -> list[dict[str, object]]:
            bindings = {k: Literal(v) for k, v in params.items() if k not in ("limit", "offset")}
            text = kq.page(texts[name], params.get("limit"), params.get("offset", 0))
            return _rdflib_rows(ds.query(text, initBindings=bindings))

        report["queries"] = []
        for index in range(len(CASES)):
            record = _time_case(run_one, index, values, runs, slow, timeout)
            _log(record)
            report["queries"].append(record)
        report["peak_rss_mb"] = _peak_rss_mb()
        return report

    import pyoxigraph as ox

    from kg.store import GraphStore

    path = work / backend
    shutil.rmtree(path, ignore_errors=True)
    if backend == "oxigraph-bulk":
        t0 = time.perf_counter()
        raw = ox.Store(str(path))
        raw.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        raw.flush()
        report["load_s"] = time.perf_counter() - t0
        report["load_method"] = "pyoxigraph.Store.bulk_load(N-Quads)"
        del raw
    else:
        from synthetic import generate

        from kg.rdf.writer import GraphWriter

        store = GraphStore(path)
        writer = GraphWriter(store)
        write = make = 0.0
        iterator = generate(triples, seed)
        while True:
            t1 = time.perf_counter()
            try:
                result, _ = next(iterator)
            except StopIteration:
                break
            t2 = time.perf_counter()
            writer.write(result)
            write += time.perf_counter() - t2
            make += t2 - t1
        t2 = time.perf_counter()
        writer.finish()
        write += time.perf_counter() - t2
        store.close()
        report["load_s"] = write
        report["generate_s"] = make
        report["load_method"] = "GraphWriter.write per document (GraphStore.replace_graph), then finish"
    t0 = time.perf_counter()
    store = GraphStore(path)
    report["open_s"] = time.perf_counter() - t0
    report["quads"] = len(store)
    report["rss_after_load_mb"] = _rss_mb()
    report["disk_mb"] = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20
    report["peak_rss_mb"] = _peak_rss_mb()  # before the digest, which holds the whole dump
    report["store_digest"] = _store_digest(store._db)
    store.close()
    return report


def worker(index: int, path: Path, seed: int, runs: int, slow: float, timeout: float) -> dict:
    """One query case on an Oxigraph store folder, through kg's own path (kg.queries.run → GraphStore)."""
    from kg import queries as kq
    from kg.store import GraphStore

    _cap_memory()
    values = _params(seed)
    with GraphStore(path) as store:
        record = _time_case(lambda name, params: _oxigraph_run(store, name, params),
                            index, values, runs, slow, timeout)
    record["peak_rss_mb"] = _peak_rss_mb()
    return record


def _oxigraph_queries(path: Path, args: argparse.Namespace) -> list[dict]:
    """Every case in its own worker process, killed after ``--timeout`` (Oxigraph ignores SIGALRM)."""
    out = []
    for index, (label, name, kind, _) in enumerate(CASES):
        command = [sys.executable, __file__, "--worker", str(index), "--data", str(path), "--seed", str(args.seed),
                   "--runs", str(args.runs), "--slow", str(args.slow), "--timeout", str(args.timeout)]
        try:
            proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=args.timeout + 5)
            if proc.returncode == 0:
                record = json.loads(proc.stdout.strip().splitlines()[-1])
            else:
                tail = (proc.stderr.strip().splitlines() or ["?"])[-1][:120]
                record = {"case": label, "query": name, "kind": kind, "ms": None, "rows": None, "digest": None,
                          "failed": f"worker died (exit {proc.returncode}; memory cap {MEMORY_LIMIT / 2**30:.0f} GB): {tail}"}
        except subprocess.TimeoutExpired:
            record = {"case": label, "query": name, "kind": kind, "ms": None, "rows": None, "digest": None,
                      "timeout": args.timeout}
        _log(record)
        out.append(record)
    return out


# ---------------------------------------------------------------------- orchestration


def _fmt_ms(q: dict) -> str:
    if q.get("ms") is None:
        return f"> {q['timeout']:.0f} s"
    ms = q["ms"]
    return f"{ms:,.1f}" if ms < 100 else f"{ms:,.0f}"


def _ratio(a: dict | None, b: dict) -> str:
    """a ÷ b, with bounds when either side timed out; "–" when nothing can be said."""
    if a is None or a.get("failed") or b.get("failed"):
        return "–"
    if a.get("ms") is None and b.get("ms") is None:
        return "–"
    if b.get("ms") is None:
        return f"< {a['ms'] / (1000 * b['timeout']):,.2g}"
    if a.get("ms") is None:
        return f"> {1000 * a['timeout'] / b['ms']:,.0f}"
    r = a["ms"] / b["ms"]
    return f"{r:,.2g}" if r < 10 else f"{r:,.0f}"


def _verdict(q: dict) -> str:
    target = TARGET_MS.get(q["kind"])
    if target is None:  # a listing: its throughput
        return f"{1000 * q['rows'] / q['ms']:,.0f} rows/s" if q.get("ms") and q.get("rows") else "–"
    if q.get("ms") is None:
        return f"**miss** (≤ {target:.0f} ms)"
    return f"ok (≤ {target:.0f} ms)" if q["ms"] <= target else f"**miss** (≤ {target:.0f} ms)"


def markdown(reports: dict[str, dict], meta: dict) -> str:
    ox_b, ox_r, rl = reports["oxigraph-bulk"], reports.get("oxigraph-replace"), reports.get("rdflib")
    lines = [
        f"{meta['date']} · {meta['machine']} · `{meta['command']}` · load average at the end {meta.get('loadavg', '?')}",
        "",
        f"Corpus: {meta['corpus']}",
        "",
        "| backend | load method | load | open | quads (rdflib: distinct triples of the union) | RSS after load | peak RSS (load + queries) | on disk |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in BACKENDS:
        r = reports.get(name)
        if r is None:
            continue
        extra = f" (+ {r['generate_s']:.1f} s generating the records and rdflib graphs)" if "generate_s" in r else ""
        opened = f"{r['open_s'] * 1000:.0f} ms" if "open_s" in r else "–"
        disk = f"{r['disk_mb']:,.0f} MB" if "disk_mb" in r else "–"
        lines.append(
            f"| {name} | {r['load_method']} | {r['load_s']:.1f} s{extra} | {opened} | {r['quads']:,} | "
            f"{r['rss_after_load_mb']:,.0f} MB | {r['peak_rss_mb']:,.0f} MB | {disk} |"
        )
    if ox_r:
        same = ox_b.get("store_digest") == ox_r.get("store_digest") and ox_b["quads"] == ox_r["quads"]
        lines += ["", f"Bulk load and per-document `replace_graph` give the same store: {'yes' if same else 'NO'} "
                      f"({ox_b['quads']:,} / {ox_r['quads']:,} quads; SHA-256 of the sorted N-Quads dump "
                      f"{ox_b.get('store_digest')} / {ox_r.get('store_digest')}), so the queries run on one of them."]
    lines += [
        "",
        f"Latency in ms: median of {meta['runs']} runs after a warm-up (a single run in brackets when the warm-up "
        f"took over --slow seconds); ratio = rdflib ÷ Oxigraph.",
        "",
        "| query | kind | rows | Oxigraph (GraphStore, disk) | rdflib Dataset | rdflib ÷ Oxigraph | target (Oxigraph) |",
        "|---|---|---|---|---|---|---|",
    ]

    def cell(q: dict | None) -> str:
        if q is None:
            return "–"
        if q.get("failed"):
            return "failed: " + q["failed"].split(":")[0]
        s = _fmt_ms(q)
        return s + (" [1]" if q.get("runs") == 1 else "")

    for i, qb in enumerate(ox_b["queries"]):
        ql = rl["queries"][i] if rl and i < len(rl["queries"]) else None
        rows = f"{qb['rows']:,}" if qb.get("rows") is not None else (f"{ql['rows']:,}" if ql and ql.get("rows") is not None else "?")
        if ql and ql.get("rows") is not None and qb.get("rows") is not None:
            if ql["rows"] != qb["rows"]:
                rows += f" (rdflib {ql['rows']:,})"
            elif ql.get("digest") != qb.get("digest"):
                rows += " (values differ)"
        lines.append(f"| {qb['case']} | {qb['kind']} | {rows} | {cell(qb)} | {cell(ql)} | "
                     f"{_ratio(ql, qb)} | {_verdict(qb)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--slow", type=float, default=3.0, help="a warm-up run slower than this (s) is the only run")
    ap.add_argument("--timeout", type=float, default=60.0, help="stop a query after this many seconds")
    ap.add_argument("--work", type=Path, default=HERE / ".work", help="scratch folder (corpus file, stores)")
    ap.add_argument("--backends", default=",".join(BACKENDS))
    ap.add_argument("--json", type=Path, help="also write the raw reports here")
    ap.add_argument("--merge", type=Path, nargs="+", help="only print the tables of earlier --json files, merged")
    ap.add_argument("--child", choices=BACKENDS, help=argparse.SUPPRESS)
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    if args.worker is not None:
        print(json.dumps(worker(args.worker, args.data, args.seed, args.runs, args.slow, args.timeout), default=str))
        return 0
    if args.child:
        report = child(args.child, args.data, args.work, args.triples, args.seed, args.runs, args.slow, args.timeout)
        print(json.dumps(report, default=str))
        return 0

    if args.merge:
        saved = [json.loads(p.read_text()) for p in args.merge]
        merged = {name: r for s in saved for name, r in s["reports"].items()}
        meta = dict(saved[0]["meta"])
        meta["command"] = " ; ".join(s["meta"]["command"] for s in saved)
        print(markdown(merged, meta))
        return 0
    if args.timeout < args.slow * (args.runs + 1):
        ap.error("--timeout must be at least --slow × (--runs + 1), or a fast query could be killed")
    data = args.work / f"synthetic-{args.triples}-{args.seed}.nq"
    command = "python benchmarks/queries.py " + " ".join(argv if argv is not None else sys.argv[1:])
    t0 = time.perf_counter()
    if not data.exists():
        gen = subprocess.run([sys.executable, str(HERE / "synthetic.py"), "--triples", str(args.triples),
                              "--seed", str(args.seed), "--out", str(data)], check=True, capture_output=True, text=True)
        derived = _append_derived(data)
        corpus_line = (gen.stdout.strip() + f"; then {derived['conflicts']:,} pairs of conflicting figures found "
                       f"by kg.conflicts.refresh_derived in {derived['derive_s']:.1f} s, and {derived['indexed']:,} rankings "
                       f"of claims (about an entity, by a speaker) written by kg.rdf.index.refresh_index in "
                       f"{derived['index_s']:.1f} s, appended")
    else:
        corpus_line = f"{data.name} (cached)"
    print(f"corpus: {corpus_line} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)

    reports: dict[str, dict] = {}
    for backend in args.backends.split(","):
        print(f"{backend}:", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, __file__, "--child", backend, "--data", str(data), "--work", str(args.work),
             "--triples", str(args.triples), "--seed", str(args.seed), "--runs", str(args.runs),
             "--slow", str(args.slow), "--timeout", str(args.timeout)],
            check=True, stdout=subprocess.PIPE, text=True,
        )
        reports[backend] = json.loads(proc.stdout.strip().splitlines()[-1])
        path = args.work / backend
        if backend == "oxigraph-bulk":  # identical quads (see the digest) give identical answers: query one store
            reports[backend]["queries"] = _oxigraph_queries(path, args)
            reports[backend]["peak_rss_mb"] = max(
                [reports[backend]["peak_rss_mb"]] + [q.get("peak_rss_mb") or 0 for q in reports[backend]["queries"]])
        shutil.rmtree(path, ignore_errors=True)
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
                   f"rdflib {_version('rdflib')}, pyoxigraph {_version('pyoxigraph')}",
        "command": command.strip(),
        "corpus": corpus_line,
        "runs": args.runs,
        "slow": args.slow,
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "reports": reports}, indent=1, default=str))
    if "oxigraph-bulk" in reports:
        print(markdown(reports, meta))
    else:
        print(json.dumps(reports, indent=1, default=str))
    return 0


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    sys.exit(main())
