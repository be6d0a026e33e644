"""A SPARQL 1.1 endpoint over a built graph, for the analyst's usual SPARQL clients.

Safe by default, because any web page the analyst opens can send requests to
127.0.0.1 (and rebind a name of its own to that address):

* the Host header must name the address the endpoint listens on (loopback
  names, the ``--host`` given, or ``--allow-host`` names) with its port, and a
  request from another origin (``Origin``, ``Sec-Fetch-Site``) is refused, so a
  page can neither read results nor make the endpoint work for it;
* ``SERVICE`` (federated query) is refused: the endpoint never fetches an address;
* queries are evaluated in worker processes holding the store read-only; a
  query running past the timeout gets its worker killed (a thread could not be
  stopped) and the client an error;
* each request looks where ``OUT/store`` points, so after ``kg build`` switched
  it to a new generation the next query reads that one.

``/`` is the desk (:func:`kg.viz.render_store`, the page ``kg viz`` writes)
of the generation ``OUT/store`` points at, made at the first request after a
build and kept until the next; ``/sparql`` is a small query form.

Only the standard library's HTTP server and pyoxigraph are used; the server
itself never prints: errors go to the ``log`` stream its caller gives.
"""

from __future__ import annotations

import bisect
import errno
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection, Pipe, wait
from pathlib import Path
from typing import TextIO

from kg.errors import KGError
from kg.terminal import printable

DEFAULT_TIMEOUT = 30.0
MAX_QUERY_BYTES = 1 << 20
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_WILDCARDS = ("", "0.0.0.0", "::", "[::]")


def server_binary() -> str:
    """The ``oxigraph`` executable (Oxigraph's own server, used by the remote-store tests): beside this Python first, else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError("the Oxigraph server is not installed: `pip install oxigraph` (it ships the `oxigraph` command)")
    return found


# ------------------------------------------------------------------ SERVICE

# The SPARQL terminals that can hide a keyword: comments, strings (escapes
# included), IRIs and variables; every other run of name characters is a "word".
_COMMENT = re.compile(r"#[^\r\n]*")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)"
    r'|"(?:[^"\\\r\n]|\\.)*"?'
    r"|'(?:[^'\\\r\n]|\\.)*'?",
    re.DOTALL,
)
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_VARIABLE = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f\u2040]*")
_WORD = re.compile(r"(?:[^\s{}()\[\],;\"'#<>=!&|*+/^?$@\\]|\\.)+", re.DOTALL)
_SPACE = re.compile(r"\s+")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _word_is_service(text: str, word: re.Match) -> bool:
    """Whether a word holds the keyword SERVICE followed by what a SERVICE clause needs.

    Oxigraph's keywords need no boundary ("SERVICEex:e", "1SERVICE", "trueSERVICE"
    all parse as SERVICE), so the keyword may sit anywhere in a word's prefix part
    (before ':'); a prefixed name's local part ("ex:a.service", "_:service") is one
    greedy token and never a keyword. What follows must be able to start SILENT or
    the service's IRI or variable, which spares "<http://schema.org/Service>" read
    as a less-than.
    """
    head = word.group().split(":", 1)[0].lower()
    start = head.find("service")
    while start >= 0:
        if start + 7 < len(word.group()):
            return True
        pos = word.end()
        while True:  # past spaces and comments
            gap = _SPACE.match(text, pos) or _COMMENT.match(text, pos)
            if gap is None or gap.end() == pos:
                break
            pos = gap.end()
        if pos < len(text) and (text[pos] in "<?$:_" or text[pos].isalpha()):
            return True
        start = head.find("service", start + 1)
    return False


def _scan(text: str) -> bool:
    """Whether any reading of ``text`` has the keyword SERVICE outside strings, IRIs and comments.

    ``<`` is an IRI or a less-than depending on where it stands, so both readings
    are followed (each position is scanned once): the answer over-approximates
    the parser's, never under. A text that would take more than a few passes to
    read (strings re-read from many starts) counts as using SERVICE.
    """
    breaks = [m.start() for m in re.finditer(r"[\r\n]", text)]
    budget = 8 * len(text) + 100_000  # characters read by token matches
    todo, seen = [0], set()
    while todo:
        pos = todo.pop()
        while pos < len(text) and pos not in seen:
            seen.add(pos)
            char = text[pos]
            if char == "<":
                iri = _IRI.match(text, pos)
                if iri:
                    todo.append(iri.end())
                pos += 1
                continue
            if char == "#":  # a comment: to the line's end, found without reading it again
                index = bisect.bisect_left(breaks, pos)
                pos = breaks[index] if index < len(breaks) else len(text)
                continue
            for pattern in (_SPACE, _STRING, _VARIABLE):
                match = pattern.match(text, pos)
                if match and match.end() > pos:
                    break
            else:
                match = _WORD.match(text, pos)
                if match is None:
                    pos += 1
                    continue
                if _word_is_service(text, match):
                    return True
            budget -= match.end() - pos
            if budget < 0:
                return True
            pos = match.end()
    return False


def uses_service(query: str) -> bool:
    """Whether ``query`` may contain a ``SERVICE`` clause (federated query), read conservatively.

    Also checked with ``\\u`` escapes expanded, in case a parser expands them
    before tokenising (as the SPARQL grammar allows).
    """
    def expand(escape: re.Match) -> str:
        code = int(escape.group(1) or escape.group(2), 16)
        return chr(code) if code < 0x110000 else ""

    unescaped = _UNICODE_ESCAPE.sub(expand, query)
    return _scan(query) or (unescaped != query and _scan(unescaped))


# ------------------------------------------------------------------ workers


@dataclass(frozen=True)
class Answer:
    """What a worker answers: an HTTP status, a media type and the body."""

    status: int
    media_type: str
    body: bytes


@dataclass(frozen=True)
class Job:
    """One query for a worker: the store generation to read, the query and the client's Accept header."""

    store: str
    query: str
    accept: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _media_ranges(accept: str) -> list[str]:
    """The media types of an Accept header, most wanted first (``*/*`` when empty)."""
    ranges = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, index, media.lower()))
    return [media for _, _, media in sorted(ranges)] or ["*/*"]


def _format(accept: str, solutions: bool):
    """The pyoxigraph format to answer in (results formats for SELECT/ASK, RDF for graphs), or None."""
    import pyoxigraph as ox

    kind = ox.QueryResultsFormat if solutions else ox.RdfFormat
    default = ox.QueryResultsFormat.JSON if solutions else ox.RdfFormat.TURTLE
    for media in _media_ranges(accept):
        if media in ("*/*", "application/*") or (media == "text/*" and not solutions):
            return default
        if media == "text/*":
            return ox.QueryResultsFormat.CSV
        found = kind.from_media_type(media)
        if found is not None and (solutions or not found.supports_datasets):
            return found
    return None


def evaluate(store, job: Job) -> Answer:
    """Run ``job`` on an open pyoxigraph store and serialise the result as the client asked."""
    import pyoxigraph as ox

    options: dict[str, object] = {"use_default_graph_as_union": not job.default_graphs}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **options)
        solutions = not isinstance(result, ox.QueryTriples)
        fmt = _format(job.accept, solutions)
        if fmt is None:
            offered = "SPARQL results (JSON, XML, CSV, TSV)" if solutions else "RDF (Turtle, N-Triples, RDF/XML, JSON-LD, N3)"
            return Answer(406, "text/plain", f"cannot answer in {job.accept!r}; this query gives {offered}".encode())
        body = result.serialize(format=fmt)
    except SyntaxError as error:
        return Answer(400, "text/plain", f"malformed SPARQL query: {error}".encode())
    except ValueError as error:
        return Answer(400, "text/plain", f"bad request: {error}".encode())
    except (OSError, RuntimeError) as error:
        return Answer(500, "text/plain", f"query evaluation failed: {error}".encode())
    return Answer(200, fmt.media_type, body)


def _orphaned(parent: int) -> None:
    """Exit as soon as the parent is gone, even in the middle of a query (pyoxigraph lets go of the GIL while it evaluates)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(fd: int, parent: int) -> None:
    """A worker process: answer jobs from the parent over ``fd`` until it goes away."""
    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the workers
    threading.Thread(target=_orphaned, args=(parent,), daemon=True).start()
    conn = Connection(fd)
    store, opened = None, None
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job.store != opened:
            store, opened = None, None
            try:
                store, opened = ox.Store.read_only(job.store), job.store
            except OSError as error:
                conn.send(Answer(503, "text/plain", f"cannot open the graph store at {job.store}: {error}".encode()))
                continue
        conn.send(evaluate(store, job))


class _Worker:
    def __init__(self) -> None:
        parent, child = Pipe()
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parent.parent)  # this kg, whatever the environment says
        env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from kg.serve import _work; _work(*map(int, sys.argv[1:]))", str(child.fileno()), str(os.getpid())],
            pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env,
        )
        child.close()
        self.conn = parent

    def stop(self) -> None:
        """Kill the process (busy or not) and reap it; stopping twice is harmless."""
        self.conn.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


class QueryTimeout(KGError):
    """A query ran past the endpoint's timeout and was stopped."""


class QueryAbandoned(KGError):
    """The client hung up before its query's answer: the query was stopped."""


def _hung_up(client: socket.socket) -> bool:
    """Whether a readable client socket was closed by its peer (rather than sending more)."""
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


class _Pool:
    """Up to ``size`` worker processes; a worker whose query overran is killed, not reused."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self.lock = threading.Lock()
        self.workers: set[_Worker] = set()  # idle and busy: close() stops them all
        self.closed = False

    def _acquire(self, deadline: float) -> _Worker:
        while True:
            try:
                return self.idle.get_nowait()
            except queue.Empty:
                pass
            with self.lock:
                if self.closed:
                    raise KGError("the endpoint is stopping")
                if len(self.workers) < self.size:
                    worker = _Worker()
                    self.workers.add(worker)
                    return worker
            left = deadline - time.monotonic()
            if left <= 0:
                raise QueryTimeout("every query worker stayed busy until the timeout")
            try:  # briefly: a worker killed meanwhile frees a place for a new one
                return self.idle.get(timeout=min(left, 0.1))
            except queue.Empty:
                pass

    def _drop(self, worker: _Worker) -> None:
        worker.stop()
        with self.lock:
            self.workers.discard(worker)

    def run(self, job: Job, timeout: float, client: socket.socket | None = None) -> Answer:
        """``job``'s answer; its worker is killed when it overruns ``timeout`` or the ``client`` hangs up."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        try:
            worker.conn.send(job)
            while True:
                ready = wait([worker.conn, *([client] if client else [])], max(0.0, deadline - time.monotonic()))
                if worker.conn in ready:
                    break
                if not ready:
                    self._drop(worker)
                    raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
                if _hung_up(client):
                    self._drop(worker)
                    raise QueryAbandoned("the client went away")
                client = None  # it sent more (a pipelined request): stop watching it
            answer = worker.conn.recv()
        except (EOFError, OSError) as error:
            self._drop(worker)
            raise KGError(f"the query worker ended unexpectedly ({error or 'out of memory?'})") from None
        with self.lock:
            if self.closed:
                worker.stop()
                return answer
        self.idle.put(worker)
        return answer

    def warm(self) -> None:
        """Start one worker now, so the first query does not wait for it."""
        worker = _Worker()
        with self.lock:
            self.workers.add(worker)
        self.idle.put(worker)

    def retire_idle(self) -> None:
        """Stop the idle workers (new ones start on demand): they let go of the store they had open."""
        while True:
            try:
                self._drop(self.idle.get_nowait())
            except queue.Empty:
                return

    def close(self) -> None:
        """Stop every worker, the busy ones too (their queries are abandoned)."""
        with self.lock:
            self.closed = True
            workers, self.workers = list(self.workers), set()
        for worker in workers:
            worker.stop()


# ------------------------------------------------------------------ HTTP

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title></head>
<body><h1>kg SPARQL endpoint</h1>
<p>Send SPARQL 1.1 queries to <code>/query</code> (GET <code>?query=</code>, or POST
<code>application/sparql-query</code>). The graph is read-only; <code>SERVICE</code> is refused.</p>
<form method="get" action="/query">
<textarea name="query" rows="14" cols="90">PREFIX ca: &lt;https://w3id.org/kg/ontology#&gt;
SELECT ?a WHERE { ?a a ca:Attribution } LIMIT 10</textarea><br>
<label>results as <select name="format">
<option value="application/sparql-results+json">JSON</option><option value="text/csv">CSV</option>
<option value="text/tab-separated-values">TSV</option><option value="application/sparql-results+xml">XML</option>
<option value="text/turtle">Turtle (CONSTRUCT/DESCRIBE)</option></select></label>
<button>Run</button></form></body></html>
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
# the desk's own policy (its <meta>), and no framing: its scripts are inline, it loads nothing
_DESK_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'"


def _host_port(value: str) -> tuple[str, int | None]:
    """``name:port`` or ``[v6]:port`` split, the name lower-cased (port None when absent or not a number)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value.partition("]")
        name += "]"
        port = rest[1:] if rest.startswith(":") else ""
    else:
        name, _, port = value.rpartition(":") if ":" in value else (value, "", "")
    return name, int(port) if port.isdigit() else None


@dataclass
class Endpoint:
    """A running endpoint (see :func:`open_endpoint`); ``serve_forever()`` serves, ``close()`` stops everything."""

    out: Path
    host: str
    port: int
    timeout: float
    hosts: frozenset[str]
    server: ThreadingHTTPServer = field(repr=False)
    pool: _Pool = field(repr=False)
    log: TextIO | None = field(default=None, repr=False)
    _log_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _watched: Path | None = field(default=None, repr=False)
    _next_watch: float = field(default=0.0, repr=False)
    _desk: tuple[Path, bytes] | None = field(default=None, repr=False)
    _desk_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def url(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{'127.0.0.1' if self.host in _WILDCARDS else name}:{self.port}"

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        self.server.server_close()
        self.pool.close()

    def watch(self) -> None:
        """Between requests (a few times a second): after a rebuild, idle workers let go of the old store.

        The generation they had open was deleted by the build; held open, its
        disk space would only come back at their next query.
        """
        now = time.monotonic()
        if now < self._next_watch:
            return
        self._next_watch = now + 1.0
        current = self.store()
        if current != self._watched:
            if self._watched is not None:
                self.pool.retire_idle()
            self._watched = current

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def store(self) -> Path | None:
        """The store generation ``OUT/store`` points at now (None when there is none)."""
        from kg.pipeline import store_path

        location = Path(os.path.realpath(store_path(self.out)))
        return location if location.is_dir() else None

    def desk(self) -> bytes | None:
        """The desk of the current store generation (None when there is no store), made once per generation."""
        from kg.pipeline import open_store
        from kg.viz import render_store

        with self._desk_lock:  # one request makes it; the others wait for it rather than make it too
            current = self.store()
            if current is None:
                return None
            if self._desk is not None and self._desk[0] == current:
                return self._desk[1]
            with open_store(self.out) as store:
                opened = Path(os.path.realpath(getattr(store, "path", None) or current))
                page = render_store(store, title=f"kg: {self.out}").encode("utf-8")
            self._desk = (opened, page)
            return page

    def allowed(self, value: str) -> bool:
        """Whether a Host (``name:port``) is one this endpoint answers to."""
        name, port = _host_port(value)
        return name in self.hosts and (port == self.port or (port is None and self.port == 80))

    def write_log(self, line: str) -> None:
        if self.log is not None:
            with self._log_lock:
                self.log.write(printable(line) + "\n")
                self.log.flush()


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a connection may stay silent (an idle keep-alive, a stalled client)
    disable_nagle_algorithm = True  # headers and body are two writes: without this a keep-alive client waits 40 ms for each answer
    endpoint: Endpoint  # set on the subclass made per endpoint

    # ---- plumbing

    def log_request(self, code: object = "-", size: object = "-") -> None:
        if str(code).isdigit() and int(str(code)) >= 500:  # failures of the server's own, not every refusal
            self.endpoint.write_log(f"{self.address_string()} {self.requestline!r} {code}")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        """Malformed requests are answered (400), not logged: a flood of them must not fill the log."""

    def _send(self, status: int, media_type: str, body: bytes, csp: str = _CSP) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type if not media_type.startswith("text/") or "charset" in media_type else f"{media_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", csp)
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain", (message + "\n").encode("utf-8"))

    # ---- checks

    def _refusal(self) -> tuple[int, str] | None:
        """Why this request is refused (status, message), or None: Host, then Origin and fetch metadata."""
        host = self.headers.get_all("Host") or []
        if len(host) > 1 or (host and not self.endpoint.allowed(host[0])):
            return 403, (f"Host {host[0]!r} is not this endpoint's address (DNS rebinding?); "
                         "use 127.0.0.1 or localhost, or start `kg serve` with --allow-host NAME")
        origin = self.headers.get("Origin")
        if origin is not None:
            parts = urllib.parse.urlsplit(origin.strip())
            if parts.scheme != "http" or not self.endpoint.allowed(parts.netloc) or parts.path not in ("", "/"):
                return 403, f"requests from other origins ({origin!r}) are refused: a web page may not query this endpoint"
        site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower()
        if site in ("cross-site", "same-site") and self.path.split("?", 1)[0] != "/":
            return 403, f"a {site} request from a web page is refused: only this endpoint's own page and non-browser clients may query it"
        return None

    # ---- methods

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._dispatch(None)

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch(None)

    def do_POST(self) -> None:  # noqa: N802
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length is None or not length.isdigit():
            self.close_connection = True
            return self._error(411, "POST needs a Content-Length")
        if int(length) > MAX_QUERY_BYTES:
            self.close_connection = True
            return self._error(413, f"a query may be at most {MAX_QUERY_BYTES} bytes")
        self._dispatch(self.rfile.read(int(length)))

    def do_OPTIONS(self) -> None:  # noqa: N802 - no CORS: a preflight gets no Access-Control-Allow-* header
        refusal = self._refusal()
        self._error(*(refusal or (405, "only GET and POST: this endpoint answers SPARQL queries")))

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS  # noqa: N815

    def _dispatch(self, body: bytes | None) -> None:
        refusal = self._refusal()
        if refusal is not None:
            return self._error(*refusal)
        path, _, query_string = self.path.partition("?")
        if path in ("/update", "/store") or path.startswith("/store/"):
            return self._error(403, "this endpoint is read-only: `kg build` writes the graph")
        if path == "/sparql" and body is None:
            return self._send(200, "text/html", _PAGE.encode("utf-8"))
        if path == "/" and body is None:
            try:
                page = self.endpoint.desk()
            except KGError as error:
                return self._error(500, f"cannot make the desk: {error}")
            if page is None:
                return self._error(503, f"no kg graph at {self.endpoint.out} now; build one with `kg build INPUT -o {self.endpoint.out}`")
            return self._send(200, "text/html", page, _DESK_CSP)
        if path != "/query":
            return self._error(404, "not found: the desk is at /, queries go to /query, a query form is at /sparql")
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if body is not None:
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if media == "application/sparql-query":
                try:
                    params.setdefault("query", []).append(body.decode("utf-8"))
                except UnicodeDecodeError:
                    return self._error(400, "the query is not UTF-8")
            elif media == "application/x-www-form-urlencoded":
                # A page can send a form without a CORS preflight, but a browser always sends
                # Origin with a POST, and a foreign Origin was refused above.
                for name, values in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params.setdefault(name, []).extend(values)
            else:
                return self._error(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(400, "give exactly one SPARQL query (the `query` parameter, or a POST body)")
        if "update" in params:
            return self._error(403, "this endpoint is read-only: `kg build` writes the graph")
        query = queries[0]
        if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
            return self._error(413, f"a query may be at most {MAX_QUERY_BYTES} bytes")
        if uses_service(query):
            return self._error(400, "SERVICE (federated query) is disabled: this endpoint never fetches other addresses")
        store = self.endpoint.store()
        if store is None:
            return self._error(503, f"no kg graph at {self.endpoint.out} now; build one with `kg build INPUT -o {self.endpoint.out}`")
        accept = (params.get("format") or [self.headers.get("Accept") or "*/*"])[-1]
        job = Job(str(store), query, accept, tuple(params.get("default-graph-uri", ())), tuple(params.get("named-graph-uri", ())))
        try:
            answer = self.endpoint.pool.run(job, self.endpoint.timeout, self.connection)
            if answer.status >= 500 and (moved := self.endpoint.store()) is not None and str(moved) != job.store:
                # a rebuild switched OUT/store (and deleted the generation read) during the query: once more on the new one
                answer = self.endpoint.pool.run(replace(job, store=str(moved)), self.endpoint.timeout, self.connection)
        except QueryTimeout as error:
            return self._error(503, f"{error} (kg serve --timeout)")
        except QueryAbandoned:
            self.close_connection = True
            return None
        except KGError as error:
            return self._error(500, str(error))
        self._send(answer.status, answer.media_type, answer.body)


def open_endpoint(
    out: Path | str,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int | None = None,
    allow_hosts: Iterable[str] = (),
    log: TextIO | None = None,
) -> Endpoint:
    """Listen on ``host:port`` (0: any free port) for SPARQL queries on the graph in ``out``.

    Returns once the socket listens; raises KGError when there is no graph, the
    address is in use or cannot be bound, or an option is out of range.
    """
    from kg.pipeline import store_path

    out = Path(out)
    location = store_path(out)
    if not location.is_dir():
        raise KGError(f"{out}: no kg graph here (expected {location}); build one with `kg build INPUT -o {out}`")
    if not 0 <= port <= 65535:
        raise KGError(f"port {port} is not a TCP port (0-65535)")
    if not timeout > 0:
        raise KGError(f"the query timeout must be positive, got {timeout}")
    bound = host.strip("[]").lower()
    names = {*LOOPBACK_NAMES, *(h.lower() for h in allow_hosts)}
    if bound not in ("", "0.0.0.0", "::"):
        names.add(f"[{bound}]" if ":" in bound else bound)
    handler = type("Handler", (_Handler,), {})
    server_class = type("Server", (ThreadingHTTPServer,), {
        "address_family": _family(bound), "daemon_threads": True,
        "service_actions": lambda self: self.endpoint.watch(),  # called by serve_forever between requests
    })
    try:
        server = server_class((bound, port), handler)
    except OSError as error:
        reason = "is in use (another `kg serve`?); choose another with --port" if error.errno == errno.EADDRINUSE else f"cannot be bound: {error.strerror or error}"
        raise KGError(f"{host}:{port} {reason}") from None
    pool = _Pool(workers or max(2, min(4, os.cpu_count() or 2)))
    endpoint = Endpoint(out, bound or "0.0.0.0", server.server_address[1], timeout, frozenset(names), server, pool, log)
    handler.endpoint = server.endpoint = endpoint
    try:
        pool.warm()
    except OSError as error:
        server.server_close()
        raise KGError(f"cannot start a query worker: {error}") from None
    return endpoint


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
