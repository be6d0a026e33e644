"""A graph store on a SPARQL 1.1 server, with the interface of :class:`kg.store.GraphStore`.

Writing uses the SPARQL 1.1 Graph Store HTTP Protocol (GSP,
https://www.w3.org/TR/sparql11-http-rdf-update/): ``PUT ?graph=<iri>``
replaces one named graph (one document) with an N-Triples body, ``DELETE``
removes it. Reading uses the SPARQL 1.1 Protocol
(https://www.w3.org/TR/sparql11-protocol/): the query is POSTed as
``application/sparql-query`` and the answer read as SPARQL JSON results,
whose terms become the same Python values as the embedded store gives
(:func:`kg.store.to_python`). Only the standard library (urllib) is used for
HTTP.

Query parameters. The protocol has no substitution, so a binding becomes a
``VALUES`` block inserted as the first element of the outermost group graph
pattern (just after the WHERE's opening brace). Its terms are written by
pyoxigraph in N-Triples syntax (``str(term)``, which SPARQL reads as is):
one line, with quotes, backslashes, line breaks and other control
characters escaped (not rdflib's ``Literal.n3()``: a value with a line break
that ends in ``\"`` comes out malformed). Its variable names must match SPARQL's
VARNAME production, so a hostile value stays one literal and cannot end the
block. Placed there, the binding is in scope for the group's FILTERs, BINDs
and OPTIONALs, and the solution modifiers (GROUP BY, ORDER BY, LIMIT) run
after it. The embedded GraphStore binds the same way. As with GraphStore, a
bound variable must be projected by a SELECT.

Union default graph. The embedded store queries the union of the named
graphs. The protocol has no standard switch for that; by default the request
carries Oxigraph's ``union-default-graph`` parameter. For another server,
configure the union on the server (Fuseki: ``tdb2:unionDefaultGraph``) and
pass ``union_default_graph=False``. The store's own bookkeeping queries
(``graphs``, ``len``, ``serialize``) name graphs explicitly and work either way.

For Oxigraph's server (``oxigraph serve``) the endpoints are ``/query``,
``/update`` and ``/store``, the defaults derived from the base URL.
"""

from __future__ import annotations

import ipaddress
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib import URIRef

from kg.errors import QueryError, StoreError
from kg.ns import PREFIXES, bind_prefixes
from kg.store import FORMATS, StoreBase, ntriples, to_oxigraph, to_python

__all__ = ["RemoteStore", "RemoteQueryError", "bind_values"]

_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_EXCERPT = 300  # characters of an error body quoted in a message

# As in kg.store: data IRIs are written in full in TriG (rdflib 7 fails on "kgr:doc\/x.\.").
_DUMP_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "kgr"}

# SPARQL 1.1 grammar, productions [164]-[166] and [143]-[144] (VARNAME): a
# variable name is checked against them before it is written into a query.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_VARNAME = re.compile(f"[{_PN_CHARS_BASE}_0-9][{_PN_CHARS_BASE}_0-9\u00b7\u0300-\u036f\u203f-\u2040]*")

# The tokens that can hide a brace or a parenthesis: comments, strings, IRIs
# and backslash escapes in prefixed names (PN_LOCAL_ESC, "ex:a\#b").
# Long strings come before short ones so '"""' is not read as '""' + '"'.
_TOKENS = re.compile(
    r'''(?P<skip>\#[^\n\r]*
        |"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""
        |\'\'\'(?:(?:\'|\'\')?(?:[^\'\\]|\\.))*\'\'\'
        |"(?:[^"\\\n\r]|\\.)*"
        |\'(?:[^\'\\\n\r]|\\.)*\'
        |<[^<>"{}|^`\\\x00-\x20]*>
        |\\.)
      |(?P<brace>[{}])
      |(?P<paren>[()])''',
    re.VERBOSE | re.DOTALL,
)
_SUBSELECT = re.compile(r"\s*(?:#[^\n\r]*\s*)*SELECT\b", re.IGNORECASE)
_LEADING_GROUP = re.compile(r"\s*(?:#[^\n\r]*\s*)*\{")


class RemoteQueryError(StoreError, QueryError):
    """The server refused a query as malformed (HTTP 400): both a StoreError and a QueryError."""


# ---------------------------------------------------------------- binding


def _term_n3(name: str, value: object) -> str:
    """The SPARQL syntax of one bound value, written by pyoxigraph (escaped, never pasted)."""
    try:
        term = to_oxigraph(value)  # the same Python → RDF mapping as the embedded store
    except ValueError as error:  # Oxigraph refuses the IRI or language tag ("a b>")
        raise QueryError(f"cannot bind ?{name} to {value!r}: {error}") from error
    if isinstance(term, ox.BlankNode):
        raise QueryError(f"cannot bind ?{name} to a blank node ({value!r}): SPARQL VALUES takes IRIs and literals only")
    # N-Triples: "…" with \\ \" \n \r \t and \uXXXX escapes, <iri>, "…"@lang, "…"^^<iri>;
    # the lexical form is kept as given ("01" stays "01")
    return str(term)


def _values_block(bindings: Mapping[str, object]) -> tuple[list[str], str]:
    names = []
    for key in bindings:
        name = str(key).lstrip("?$")
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"cannot bind {key!r}: not a SPARQL variable name (letters, digits and _)")
        names.append(name)
    if len(set(names)) != len(names):
        raise QueryError(f"a variable is bound twice: {', '.join(map(str, bindings))}")
    terms = [_term_n3(name, value) for name, value in zip(names, bindings.values())]
    head = " ".join(f"?{name}" for name in names)
    return names, f"VALUES ({head}) {{ ({' '.join(terms)}) }}"


def _outer_group(sparql: str) -> tuple[int, int]:
    """Offsets of the opening and closing brace of the query's outermost WHERE group.

    The first "{" outside strings, IRIs, comments and parentheses (a SELECT
    expression may hold ``EXISTS { }``) opens it. CONSTRUCT's template comes
    first in a CONSTRUCT query, so that query form is not supported here.
    """
    depth_paren = 0
    depth_brace = 0
    start = -1
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup
        char = match.group()
        if kind == "paren" and start < 0:
            depth_paren += 1 if char == "(" else -1
        elif kind == "brace":
            if start < 0:
                if depth_paren == 0 and char == "{":
                    start, depth_brace = match.start(), 1
            else:
                depth_brace += 1 if char == "{" else -1
                if depth_brace == 0:
                    return start, match.start()
    if start < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE { … } group")
    raise QueryError("cannot bind parameters: the query's WHERE group is not closed")


def bind_values(sparql: str, bindings: Mapping[str, object] | None) -> str:
    """``sparql`` with ``bindings`` as a VALUES block opening its outermost WHERE group.

    A WHERE group that is a sub-SELECT (``WHERE { SELECT … }``) cannot take a
    VALUES beside it, so the sub-SELECT is wrapped in a group after the block.
    A WHERE group that *opens* with a sub-SELECT projecting every bound
    variable (``WHERE { { SELECT ?key … } … }``: a query that selects its rows,
    or its page, first) gets the block inside that sub-SELECT instead: a
    sub-SELECT is evaluated on its own, so a block outside it would bind
    nothing until the sub-SELECT had enumerated every key.
    """
    if not bindings:
        return sparql
    if re.match(r"\s*(?:(?:#[^\n\r]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)\s*)*CONSTRUCT\b", sparql, re.I):
        raise QueryError("parameters can be bound in SELECT and ASK queries only")
    names, values = _values_block(bindings)
    open_, close = _outer_group(sparql)
    inner = sparql[open_ + 1 : close]
    if _SUBSELECT.match(inner):
        inner = f" {{{inner}}} "
    elif _LEADING_GROUP.match(inner):
        start, end = _outer_group(inner)
        selected = inner[start + 1 : end]
        if _SUBSELECT.match(selected) and _projects(selected, names):
            return f"{sparql[: open_ + 1]}{inner[: start + 1]}{bind_values(selected, bindings)}{inner[end:]}{sparql[close:]}"
    return f"{sparql[: open_ + 1]} {values}\n{inner}{sparql[close:]}"


def _projects(select: str, names: list[str]) -> bool:
    """Whether a SELECT projects every one of ``names``: as bare variables, ``(… AS ?v)`` or ``*``."""
    head = select[: _outer_group(select)[0]]
    depth, projected = 0, set()
    for match in re.finditer(r"\(|\)|\*|\bAS\s+[?$](\w+)|[?$](\w+)", head, re.IGNORECASE):
        token = match.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "*" and depth == 0:
            return True
        elif match.group(1) and depth == 1:
            projected.add(match.group(1))
        elif match.group(2) and depth == 0:
            projected.add(match.group(2))
    return set(names) <= projected


def _with_prefixes(sparql: str) -> str:
    """Declare kg's prefixes the query uses without declaring (GraphStore passes them to Oxigraph)."""
    missing = [
        f"PREFIX {prefix}: <{iri}>"
        for prefix, iri in PREFIXES.items()
        if re.search(rf"(?<![\w.-]){re.escape(prefix)}:", sparql)
        and not re.search(rf"PREFIX\s+{re.escape(prefix)}:", sparql, re.IGNORECASE)
    ]
    return "\n".join([*missing, sparql]) if missing else sparql


# ---------------------------------------------------------------- results


def _from_json(term: Mapping[str, object]) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    """A pyoxigraph term from one SPARQL JSON results term (so kg.store.to_python applies)."""
    kind = term.get("type")
    value = term.get("value")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):  # "typed-literal": the SPARQL 1.0 JSON draft
        if term.get("xml:lang"):
            return ox.Literal(value, language=term["xml:lang"])
        if term.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(term["datatype"]))
        return ox.Literal(value)
    if kind == "triple":  # RDF-star / RDF 1.2
        return ox.Triple(_from_json(value["subject"]), _from_json(value["predicate"]), _from_json(value["object"]))
    raise ValueError(f"unknown term type {kind!r}")


# ---------------------------------------------------------------- the store


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RemoteStore(StoreBase):
    """Named graphs, one per document, on a SPARQL 1.1 server.

    ``url`` is the server's base URL; ``query_url``, ``update_url`` and
    ``store_url`` (the GSP endpoint) default to ``url`` + ``/query``,
    ``/update`` and ``/store`` (Oxigraph's layout). ``timeout`` is per request,
    in seconds. Every failure to reach the server, and every HTTP error, is
    a :class:`~kg.errors.StoreError` naming the URL.
    """

    def __init__(
        self,
        url: str,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 30,
        union_default_graph: bool = True,
    ) -> None:
        base = str(url).rstrip("/")
        self.url = base
        self.query_url = query_url or f"{base}/query"
        self.update_url = update_url or f"{base}/update"
        self.store_url = store_url or f"{base}/store"
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        for endpoint in (self.query_url, self.update_url, self.store_url):
            parts = urllib.parse.urlsplit(endpoint)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise StoreError(f"a remote store needs an http(s) URL, not {endpoint!r}")
        # an environment proxy must not capture a server on this machine
        loopback = _is_loopback(urllib.parse.urlsplit(self.query_url).hostname)
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({} if loopback else None))

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # ------------------------------------------------------------ HTTP

    def _request(
        self,
        method: str,
        endpoint: str,
        *,
        params: Mapping[str, str] | None = None,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        missing_ok: bool = False,
        malformed: type[StoreError] = StoreError,
    ) -> bytes | None:
        """One HTTP exchange; the response body, or None for a 404 when ``missing_ok``."""
        target = endpoint
        if params:
            target += ("&" if "?" in endpoint else "?") + urllib.parse.urlencode(params)
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(target, data=body, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code == 404 and missing_ok:
                return None
            try:
                excerpt = error.read(4 * _EXCERPT).decode("utf-8", "replace").strip()
            except OSError:
                excerpt = ""
            if len(excerpt) > _EXCERPT:
                excerpt = excerpt[:_EXCERPT] + "…"
            kind = malformed if error.code == 400 else StoreError
            detail = f": {excerpt}" if excerpt else ""
            raise kind(f"{method} {endpoint} failed: HTTP {error.code} {error.reason}{detail}") from error
        except (urllib.error.URLError, OSError) as error:  # refused, unknown host, timeout, reset
            reason = getattr(error, "reason", error)
            raise StoreError(f"cannot reach the SPARQL server at {endpoint}: {reason}") from error

    def _select_json(self, sparql: str, *, union: bool) -> dict:
        params = {"union-default-graph": "true"} if union and self.union_default_graph else None
        data = self._request(
            "POST",
            self.query_url,
            params=params,
            body=sparql.encode("utf-8"),
            content_type="application/sparql-query; charset=utf-8",
            accept=_RESULTS_JSON,
            malformed=RemoteQueryError,
        )
        try:
            answer = json.loads(data or b"")
        except ValueError as error:
            raise StoreError(f"{self.query_url} did not answer with SPARQL JSON results: {error}") from error
        if not isinstance(answer, dict) or ("boolean" not in answer and "results" not in answer):
            raise StoreError(f"{self.query_url} did not answer with SPARQL JSON results: {str(answer)[:_EXCERPT]}")
        return answer

    @staticmethod
    def _rows(answer: dict) -> list[dict]:
        return list(answer.get("results", {}).get("bindings", []))

    # ------------------------------------------------------------ writing

    def replace_graph(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with ``graph``: one GSP PUT.

        The GSP defines PUT as replacing the graph; Oxigraph's server parses
        the whole body before it changes anything, so a bad body leaves the
        old graph in place. The body is written by Oxigraph's N-Triples
        serialiser from checked terms.
        """
        if not isinstance(graph.identifier, URIRef):
            raise StoreError(f"a graph needs an IRI identifier to be stored, not {graph.identifier!r}")
        name = str(graph.identifier)
        try:
            body = ntriples(graph).encode("utf-8")
        except (ValueError, QueryError) as error:  # a term Oxigraph rejects
            raise StoreError(f"cannot write graph {name} to {self.store_url}: {error}") from error
        self._request(
            "PUT", self.store_url, params={"graph": name}, body=body, content_type=f"{_N_TRIPLES}; charset=utf-8"
        )

    def remove_graph(self, iri: str | URIRef) -> None:
        """Remove a named graph (GSP DELETE; no error when it is absent)."""
        self._request("DELETE", self.store_url, params={"graph": str(iri)}, missing_ok=True)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server as given (no parameters: write the terms yourself)."""
        if not isinstance(sparql, str):
            raise QueryError(f"an update must be a SPARQL string, not {type(sparql).__name__}")
        self._request(
            "POST",
            self.update_url,
            body=_with_prefixes(sparql).encode("utf-8"),
            content_type="application/sparql-update; charset=utf-8",
            malformed=RemoteQueryError,
        )

    def _update(self, sparql: str, what: str) -> None:
        self.update(sparql)

    # ------------------------------------------------------------ reading

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        answer = self._select_json("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", union=False)
        return sorted(row["g"]["value"] for row in self._rows(answer) if row.get("g", {}).get("type") == "uri")

    def __len__(self) -> int:
        """The number of quads (the default graph's and the named graphs')."""
        answer = self._select_json(
            "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }", union=False
        )
        try:
            return int(answer["results"]["bindings"][0]["n"]["value"])
        except (KeyError, IndexError, ValueError) as error:
            raise StoreError(f"{self.query_url} gave no count of quads: {str(answer)[:_EXCERPT]}") from error

    def _run(self, sparql: str, bindings: Mapping[str, object] | None) -> dict:
        if not isinstance(sparql, str):
            raise QueryError(f"a query must be a SPARQL string, not {type(sparql).__name__}")
        return self._select_json(_with_prefixes(bind_values(sparql, bindings)), union=True)

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[dict[str, object]]:
        """Run a SELECT; one dict per solution with every projected variable (None when unbound).

        ``bindings`` maps variable names (with or without ``?``) to values,
        as for GraphStore; a bound variable must be projected by the SELECT.
        """
        answer = self._run(sparql, bindings)
        if "boolean" in answer:
            raise QueryError("query() runs SELECT queries; use ask() for ASK")
        names = list(answer.get("head", {}).get("vars", []))
        unprojected = [n for n in (str(k).lstrip("?$") for k in bindings or {}) if n not in names]
        if unprojected:  # GraphStore refuses these too
            raise QueryError(f"cannot bind ?{', ?'.join(unprojected)}: the SELECT does not project it")
        try:
            return [
                {name: to_python(_from_json(row[name])) if name in row else None for name in names}
                for row in self._rows(answer)
            ]
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise StoreError(f"{self.query_url} sent a malformed result term: {error}") from error

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """Run an ASK query."""
        answer = self._run(sparql, bindings)
        if not isinstance(answer.get("boolean"), bool):
            raise QueryError("ask() runs ASK queries; use query() for SELECT")
        return answer["boolean"]

    def _quads(self) -> Iterator[ox.Quad]:
        answer = self._select_json(
            "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }", union=False
        )
        try:
            for row in self._rows(answer):
                graph = _from_json(row["g"]) if "g" in row else ox.DefaultGraph()
                yield ox.Quad(_from_json(row["s"]), _from_json(row["p"]), _from_json(row["o"]), graph)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise StoreError(f"{self.query_url} sent a malformed quad: {error}") from error

    def serialize(self, format: str) -> str:
        """The whole store as TriG or N-Quads text (read with one SELECT over every graph)."""
        if format not in FORMATS:
            raise StoreError(f"unknown dump format {format!r}; valid formats: {', '.join(FORMATS)}")
        local = ox.Store()  # in memory: Oxigraph writes the same text as GraphStore.serialize
        local.extend(self._quads())
        data = local.dump(format=FORMATS[format], prefixes=_DUMP_PREFIXES if format == "trig" else None)
        return (data or b"").decode("utf-8")

    def graph(self, iri: str | URIRef) -> Graph:
        """One named graph as an rdflib Graph (GSP GET; empty when absent)."""
        graph = bind_prefixes(Graph(identifier=URIRef(str(iri))))
        data = self._request("GET", self.store_url, params={"graph": str(iri)}, accept=_N_TRIPLES, missing_ok=True)
        if data:
            try:
                graph.parse(data=data.decode("utf-8"), format="nt")
            except Exception as error:  # one of rdflib's syntax errors
                raise StoreError(f"{self.store_url} sent unreadable N-Triples for {iri}: {error}") from error
        return graph
