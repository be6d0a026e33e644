"""``kg serve`` beside Oxigraph's own server, on one store: is the guarded endpoint slower?

``kg serve`` checks every request (Host, Origin, SERVICE) in a Python HTTP
server and evaluates the query in a worker process (so that a query past the
timeout can be killed); Oxigraph's server (``oxigraph serve-read-only``, which
``kg serve`` ran before) does everything in Rust. Both serve the same store of
the synthetic corpus (``benchmarks/synthetic.py``), and the same queries are
sent over one keep-alive connection, the two servers taking turns; the figure
is the median latency of ``--runs`` requests per query, JSON results.

    python benchmarks/serve.py [--triples 100000] [--runs 50]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg.serve import server_binary  # noqa: E402
from kg.store import GraphStore  # noqa: E402

QUERIES = {
    "one claim": "PREFIX ca: <https://w3id.org/kg/ontology#> SELECT ?a ?p ?o WHERE { { SELECT ?a WHERE { ?a a ca:Attribution } LIMIT 1 } ?a ?p ?o }",
    "100 claims": "PREFIX ca: <https://w3id.org/kg/ontology#> SELECT ?a ?p ?o WHERE { { SELECT ?a WHERE { ?a a ca:Attribution } LIMIT 100 } ?a ?p ?o }",
    "count all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(command: list[str], port: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 30
    while True:
        try:
            _get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "ASK {}")
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit(f"{command[0]} did not answer on port {port}")
            time.sleep(0.2)


def _get(connection: http.client.HTTPConnection, sparql: str) -> bytes:
    connection.request("GET", "/query?" + urllib.parse.urlencode({"query": sparql}), headers={"Accept": "application/sparql-results+json"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"HTTP {response.status}: {body[:200]!r}")
    return body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    from synthetic import generate

    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        with GraphStore(out / "store") as store:
            for _, graph in generate(args.triples):
                store.replace_graph(graph)
            triples = len(store)
        servers = {}
        port = _free_port()
        servers["oxigraph serve-read-only"] = (_start([server_binary(), "serve-read-only", "--location", str(out / "store"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"], port), port)
        port = _free_port()
        servers["kg serve"] = (_start([sys.executable, "-c", "from kg.cli import main; main()", "serve", str(out), "--port", str(port)], port), port)
        try:
            connections = {name: http.client.HTTPConnection("127.0.0.1", p, timeout=60) for name, (_, p) in servers.items()}
            timings: dict[tuple[str, str], list[float]] = {}
            for query_name, sparql in QUERIES.items():
                answers = {name: _get(c, sparql) for name, c in connections.items()}  # warm-up
                sizes = {len(a) for a in answers.values()}
                for _ in range(args.runs):
                    for name, connection in connections.items():
                        started = time.perf_counter()
                        _get(connection, sparql)
                        timings.setdefault((query_name, name), []).append(time.perf_counter() - started)
                timings[(query_name, "bytes")] = [float(max(sizes))]
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait()
    print(f"{dt.date.today()} · {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()} · "
          f"load average {os.getloadavg()[0]:.1f} · {triples:,} triples, median of {args.runs} requests")
    print("\n| query | answer | oxigraph serve-read-only | kg serve | kg ÷ oxigraph |\n|---|---|---|---|---|")
    for query_name in QUERIES:
        a = statistics.median(timings[(query_name, "oxigraph serve-read-only")])
        b = statistics.median(timings[(query_name, "kg serve")])
        print(f"| {query_name} | {int(timings[(query_name, 'bytes')][0]):,} B | {a * 1000:.2f} ms | {b * 1000:.2f} ms | {b / a:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
