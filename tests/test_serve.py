"""``kg serve``: the built graph as a SPARQL 1.1 endpoint, queried over HTTP on 127.0.0.1.

Each test starts the real command (``kg serve OUT --port P``) on a free port and
sends real HTTP requests; the graph is a tiny store made from the hand-built
fixtures (no stanza needed).
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.pipeline import open_store
from kg.rdf.build import document_graph
from kg.serve import open_endpoint, uses_service
from kg.store import GraphStore

from rdf_fixtures import all_results

COUNT = "PREFIX ca: <https://w3id.org/kg/ontology#> SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ca:Attribution }"
DOCUMENTS = "PREFIX schema: <https://schema.org/> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:NewsArticle }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n0 ?o . ?p ?q ?r }"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and /proc")


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("served")
    with open_store(out, create=True) as store:
        for result in all_results():
            store.replace_graph(document_graph(result))
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, process: subprocess.Popen, port: int, stderr: Path) -> None:
        self.process, self.port, self.stderr = process, port, stderr

    def request(self, method: str, target: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 20) -> tuple[int, bytes]:
        """One HTTP request (Host and other headers exactly as given); (status, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
            connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                connection.putheader(name, value)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def query(self, sparql: str, headers: dict | None = None, timeout: float = 20) -> tuple[int, bytes]:
        return self.request("GET", "/query?" + urllib.parse.urlencode({"query": sparql}), headers={"Accept": "application/sparql-results+json", **(headers or {})}, timeout=timeout)

    def count(self, sparql: str = COUNT) -> int:
        status, body = self.query(sparql)
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def _kg(*args: str, **kwargs) -> subprocess.Popen:
    # a session of its own, as in a terminal: Ctrl-C (SIGINT to the group) reaches every process of it
    return subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", *args], env=os.environ.copy(), start_new_session=True, **kwargs)


@contextlib.contextmanager
def served(out: Path, *options: str, tmp_path: Path):
    """``kg serve out`` on a free port, answering; stopped (and waited for) at the end."""
    port = _free_port()
    stderr = tmp_path / f"serve-{port}.err"
    with stderr.open("wb") as err:
        process = _kg("serve", str(out), "--port", str(port), *options, stdout=subprocess.PIPE, stderr=err)
    server = Served(process, port, stderr)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready and b"SPARQL endpoint on" in process.stdout.readline(), stderr.read_text()
        deadline = time.monotonic() + 20
        while True:  # bounded wait for the server to answer
            try:
                server.request("GET", "/sparql", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield server
    finally:
        leftovers = _descendants(process.pid)  # now: once the server is gone, its children are no longer its own
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for pid in leftovers:  # a failing test must not leave a worker computing
            with contextlib.suppress(ProcessLookupError):
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)


def _descendants(pid: int) -> set[int]:
    """The processes started by ``pid`` (children, grandchildren), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _cpu_seconds(pids: set[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ------------------------------------------------------------------ basics


def test_serve_answers_sparql_over_http(graph, tmp_path):
    with served(graph, tmp_path=tmp_path) as server:
        assert server.count() == 5
        status, body = server.request("POST", "/query", COUNT.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
        assert status == 200 and body.decode().split() == ["n", "5"]
        status, body = server.request("POST", "/query", urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 1"}).encode(),
                                      {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/n-triples"})
        assert status == 200 and body.decode().count(" .\n") == 1  # a form without Origin: a non-browser client
        status, _ = server.request("POST", "/update", b"update=DROP ALL", {"Content-Type": "application/x-www-form-urlencoded"})
        assert 400 <= status < 500  # read-only
        assert server.count() == 5
        assert server.query("SELECT nonsense")[0] == 400


def test_serve_refuses_a_folder_without_a_graph(tmp_path):
    with pytest.raises(KGError, match="no kg graph"):
        open_endpoint(tmp_path / "nothing", port=0)


# ------------------------------------------------------------------ SERVICE


class _Listener:
    """A local HTTP server that records every request it gets (the address a SERVICE would fetch)."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from outside"}}]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_service_clause_is_refused_and_nothing_is_fetched(graph, tmp_path):
    listener = _Listener()
    try:
        with served(graph, tmp_path=tmp_path) as server:
            for sparql in (
                f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?x }} }}",
                f"select * where {{ service silent <{listener.url}> {{ ?s ?p ?x }} }}",
                f"PREFIX ex: <{listener.url}> SELECT * WHERE {{ SERVICEex: {{ ?s ?p ?x }} }}",
                f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{listener.url}> {{ }} }} }}",
            ):
                status, body = server.query(sparql)
                assert status == 400 and b"SERVICE" in body, (sparql, status, body)
            assert server.count() == 5
    finally:
        listener.close()
    assert listener.hits == []


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { service<http://x/>{} }",
    "SELECT * WHERE { SERVICESILENT<http://x/>{} }",
    "PREFIX ex: <http://x/> SELECT * WHERE { SERVICEex:e {} }",
    "SELECT * WHERE { ?s ?p 1SERVICE<http://x/>{} }",
    "SELECT * WHERE { ?s ?p trueSERVICE<http://x/>{} }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE<http://x/>{} }",
    "SELECT * WHERE { ?s ?p ?o } # a comment\rSERVICE <http://x/> {}",
    "SELECT * WHERE { ?s <http://e/#p> ?o . SERVICE <http://x/> {} }",  # '#' inside an IRI is no comment
    "SELECT * WHERE { FILTER(?a<1)SERVICE?x#>\n{ ?s ?p ?o } }",  # '<' as less-than, not an IRI
    "SELECT * WHERE { FILTER(?a<'x>') SERVICE <http://x/> {} FILTER(?b='') }",
    "SELECT * WHERE { ?s ?p \"a\\\"\" SERVICE <http://x/> {} }",  # an escaped quote does not end the string
    "SELECT * WHERE { ?s ?p \"\"\"a\"\"\" SERVICE <http://x/> {} }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> {} }",
])
def test_uses_service_finds_every_spelling(sparql):
    assert uses_service(sparql)


@pytest.mark.parametrize("sparql", [
    "SELECT ?service WHERE { ?service a <http://schema.org/Service> }",
    "PREFIX schema: <https://schema.org/> SELECT * WHERE { ?s schema:serviceType ?t ; schema:name \"SERVICE\" }",
    "SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(?o, 'civil service <x>')) } # SERVICE",
    "SELECT * WHERE { ?s ?p \"\"\"a SERVICE <http://x/> {}\"\"\" }",
    "SELECT * WHERE { ?s ?p _:service }",
])
def test_uses_service_leaves_other_queries_alone(sparql):
    assert not uses_service(sparql)


# ------------------------------------------------------------------ Host and Origin


def test_only_local_hosts_and_same_origin_requests_are_answered(graph, tmp_path):
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    with served(graph, tmp_path=tmp_path) as server:
        p = server.port
        ok = {"Accept": "application/sparql-results+json"}
        target = "/query?" + urllib.parse.urlencode({"query": COUNT})
        for host in (f"127.0.0.1:{p}", f"localhost:{p}", f"LOCALHOST:{p}", f"[::1]:{p}"):
            assert server.request("GET", target, headers={**ok, "Host": host})[0] == 200, host
        for host in (f"evil.example:{p}", f"127.0.0.1.evil.example:{p}", "127.0.0.1", f"localhost:{p + 1}", f"127.0.0.1:{p}@evil.example"):
            status, body = server.request("GET", target, headers={**ok, "Host": host})
            assert status == 403 and b"Host" in body, host
        assert server.request("GET", target, headers={**ok, "Origin": f"http://127.0.0.1:{p}"})[0] == 200
        for origin in ("http://evil.example", f"http://evil.example:{p}", "null", f"https://127.0.0.1:{p}", f"http://127.0.0.1:{p + 1}"):
            assert server.request("GET", target, headers={**ok, "Origin": origin})[0] == 403, origin
        # the form a web page can POST without a preflight: refused from another origin, or marked cross-site
        form_headers = {**ok, "Content-Type": "application/x-www-form-urlencoded"}
        assert server.request("POST", "/query", form, {**form_headers, "Origin": "http://evil.example"})[0] == 403
        assert server.request("POST", "/query", form, {**form_headers, "Sec-Fetch-Site": "cross-site"})[0] == 403
        assert server.request("GET", target, headers={**ok, "Sec-Fetch-Site": "cross-site"})[0] == 403  # <img src=…>
        assert server.request("POST", "/query", form, {**form_headers, "Origin": f"http://localhost:{p}", "Sec-Fetch-Site": "same-origin"})[0] == 200
        assert server.request("POST", "/query", form, form_headers)[0] == 200  # curl, SPARQLWrapper: no Origin
        # text/plain is the other body a page can send without a preflight
        assert server.request("POST", "/query", COUNT.encode(), {**ok, "Content-Type": "text/plain"})[0] == 415
        status, _ = server.request("OPTIONS", "/query", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
        assert status == 403


# ------------------------------------------------------------------ errors, timeout


def test_many_failing_requests_never_block_the_server(graph, tmp_path):
    # Requests that make a server write an error (here: SERVICE to a closed port)
    # once filled an unread pipe after ~520 of them, and every later request hung.
    with served(graph, tmp_path=tmp_path) as server:
        failing = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"
        for i in range(800):
            status, _ = server.query(failing + " " * (i % 7), timeout=10)  # answered, not hanging
        assert server.count() == 5


def test_a_query_past_the_timeout_is_stopped_and_frees_its_worker(graph, tmp_path):
    endless = ENDLESS
    with served(graph, "--timeout", "1", tmp_path=tmp_path) as server:
        started = time.monotonic()
        status, body = server.query(endless, timeout=30)
        assert status == 503 and b"timeout" in body.lower(), body
        assert time.monotonic() - started < 10
        tree = {server.process.pid, *_descendants(server.process.pid)}
        before = _cpu_seconds(tree)
        time.sleep(1.5)
        assert _cpu_seconds(tree) - before < 0.5  # nothing goes on computing the abandoned query
        assert server.count() == 5


def test_a_query_whose_client_hangs_up_is_stopped(graph, tmp_path):
    with served(graph, tmp_path=tmp_path) as server:  # the default timeout: 30 s
        tree = {server.process.pid, *_descendants(server.process.pid)}
        with socket.create_connection(("127.0.0.1", server.port)) as client:
            target = "/query?" + urllib.parse.urlencode({"query": ENDLESS})
            client.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
            time.sleep(1)
        time.sleep(1)
        before = _cpu_seconds(tree | _descendants(server.process.pid))
        time.sleep(1.5)
        assert _cpu_seconds(tree | _descendants(server.process.pid)) - before < 0.5
        assert server.count() == 5


def test_timeout_option_is_checked():
    process = _kg("serve", ".", "--timeout", "0", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 2 and b"--timeout" in err and not out


# ------------------------------------------------------------------ startup and stop


def test_a_port_in_use_is_a_clear_error_before_any_listening_line(graph):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _kg("serve", str(graph), "--port", str(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert b"listening" not in out.lower() and b"SPARQL endpoint on" not in out
    assert f"127.0.0.1:{port}".encode() in err and b"in use" in err


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_an_invalid_port_is_a_clear_error(graph, port):
    process = _kg("serve", str(graph), "--port", port, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and not out
    assert b"--port" in err and b"port" in err.split(b"--port", 1)[1]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_signal_stops_every_process_of_the_server(graph, tmp_path, signum):
    with served(graph, tmp_path=tmp_path) as server:
        assert server.count() == 5
        with socket.create_connection(("127.0.0.1", server.port)) as client:  # a query still running
            target = "/query?" + urllib.parse.urlencode({"query": ENDLESS})
            client.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
            time.sleep(1)
            started = _descendants(server.process.pid)
            assert started  # it runs its queries in other processes (one busy now): those must end too
            if signum == signal.SIGINT:
                os.killpg(server.process.pid, signum)  # Ctrl-C in a terminal
            else:
                server.process.send_signal(signum)
            # SIGKILL leaves no time to clean up: the workers notice their parent is gone
            assert server.process.wait(timeout=15) == (-signal.SIGKILL if signum == signal.SIGKILL else 0)
            deadline = time.monotonic() + 10
            while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not any(_alive(pid) for pid in started)
        assert "Traceback" not in server.stderr.read_text()


# ------------------------------------------------------------------ rebuilds


def _generation(out: Path, name: str, results) -> None:
    """Point ``out/store`` at a new store generation as ``kg build`` does: a new folder, one atomic rename of the link, the old folder deleted."""
    with GraphStore(out / name) as store:
        for result in results:
            store.replace_graph(document_graph(result))
    link = out / "store"
    previous = link.resolve() if link.is_symlink() else None
    os.symlink(name, out / ".link")
    os.replace(out / ".link", link)
    if previous is not None:
        shutil.rmtree(previous)


def _open_files(pid: int, folder: Path) -> list[str]:
    """The files under ``folder`` that ``pid`` or a process it started has open."""
    found = []
    for each in {pid, *_descendants(pid)}:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{each}/fd").iterdir()]
        except OSError:
            continue
        found += [link for link in links if link.startswith(str(folder) + "/")]
    return found


def test_the_server_follows_a_rebuild(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    results = all_results()
    _generation(out, "store-a", results[:1])
    with served(out, tmp_path=tmp_path) as server:
        assert server.count(DOCUMENTS) == 1
        _generation(out, "store-b", results)
        assert not (out / "store-a").exists()
        # no process of the server keeps the deleted generation's files (and disk space) once it sees the switch
        deadline = time.monotonic() + 10
        while _open_files(server.process.pid, out / "store-a") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _open_files(server.process.pid, out / "store-a")
        assert server.count(DOCUMENTS) == len({r.document.id for r in results})
        _generation(out, "store-c", results[:2])
        assert server.count(DOCUMENTS) == len({r.document.id for r in results[:2]})


def _desk_claims(server: Served) -> tuple[bytes, set[str]]:
    import re

    status, body = server.request("GET", "/")
    assert status == 200, body
    block = re.search(rb'<script type="application/json" id="kg-data">(.*?)</script>', body, re.S)
    assert block, body[:300]
    return body, {c["n"] for c in json.loads(block.group(1))["claims"]}


def test_serve_desk_is_kg_viz_page_of_the_current_generation(tmp_path):
    """`/` is the desk `kg viz` writes, of the store OUT/store points at now (made again after a rebuild)."""
    import io

    from kg.cli import run
    from kg.export import attribution_records

    def expected() -> set[str]:
        with open_store(out) as store:
            return {f"c:{r['id']}" for r in attribution_records(store)}

    out = tmp_path / "out"
    out.mkdir()
    results = all_results()
    _generation(out, "store-a", results[:1])
    with served(out, tmp_path=tmp_path) as server:
        page, claims = _desk_claims(server)
        assert claims == expected() and claims
        assert run(["viz", str(out), "-o", str(tmp_path / "viz.html")], io.StringIO(), io.StringIO()) == 0
        assert page == (tmp_path / "viz.html").read_bytes()
        assert _desk_claims(server)[0] == page  # kept for its generation
        _generation(out, "store-b", results)
        _, rebuilt = _desk_claims(server)
        assert rebuilt == expected() and rebuilt > claims
        status, form = server.request("GET", "/sparql")
        assert status == 200 and b'<form method="get" action="/query">' in form
