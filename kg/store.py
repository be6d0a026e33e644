"""The embedded graph store: Oxigraph (pyoxigraph) on disk or in memory.

One named graph per document, so a document is replaced or removed as a
unit, plus the entity graph and the derived graph (kg.rdf.writer). Queries
see the union of the named graphs (the default graph is unused); that union
is a bag, which is why nothing is repeated across graphs. Query parameters
are bound as a leading VALUES block of RDF terms (kg.remote.bind_values),
never pasted into query text, so a hostile value is matched as the literal
it is, and Oxigraph's planner uses it as a constant. pyoxigraph needs the
query *string*; it parses it itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph
from rdflib import Literal as RLiteral
from rdflib import URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import QueryError, StoreError
from kg.ns import PREFIXES, XSD, bind_prefixes

__all__ = ["GraphStore", "FORMATS", "to_oxigraph", "to_python"]

FORMATS: dict[str, ox.RdfFormat] = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}

# Data IRIs are written in full: as prefixed names they need local-name escapes
# ("kgr:doc\/x.\.") that are valid Turtle but that rdflib 7 fails to parse.
_DUMP_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "kgr"}

_INTEGERS = {
    str(XSD[name])
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}
_FLOATS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
# datatype IRI → converter of the lexical form, built once: to_python runs once per cell of every result
_CONVERTERS: dict[str, object] = {
    **{iri: int for iri in _INTEGERS},
    **{iri: float for iri in _FLOATS},
    str(XSD.boolean): lambda text: text in ("true", "1"),
    str(XSD.date): dt.date.fromisoformat,
    str(XSD.dateTime): dt.datetime.fromisoformat,
}


def to_oxigraph(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term from an rdflib term or a plain Python value.

    Python ``str`` becomes a plain string literal, never an IRI: pass an
    ``rdflib.URIRef`` (or a pyoxigraph NamedNode) to bind an IRI.
    """
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, bool):  # before int: bool is an int
        return ox.Literal("true" if term else "false", datatype=ox.NamedNode(str(XSD.boolean)))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=ox.NamedNode(str(XSD.integer)))
    if isinstance(term, float):
        return ox.Literal(repr(term), datatype=ox.NamedNode(str(XSD.double)))
    if isinstance(term, Decimal):
        return ox.Literal(str(term), datatype=ox.NamedNode(str(XSD.decimal)))
    if isinstance(term, dt.datetime):  # before date: datetime is a date
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(str(XSD.dateTime)))
    if isinstance(term, dt.date):
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
    if isinstance(term, str):
        return ox.Literal(term)
    raise QueryError(
        f"cannot bind a {type(term).__name__} ({term!r}); use str, int, float, bool, "
        "Decimal, date, datetime or an rdflib term"
    )


def to_python(term: object) -> object:
    """A predictable Python value for a query result term.

    IRIs → their string; blank nodes → ``"_:id"``; numbers → int or float;
    xsd:boolean → bool; xsd:date → date; xsd:dateTime → datetime; every
    other literal (language-tagged ones included) → its lexical string;
    unbound → None. A malformed typed literal falls back to its string.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        convert = _CONVERTERS.get(term.datatype.value)
        if convert is None:
            return term.value
        try:
            return convert(term.value)
        except ValueError:
            return term.value
    return str(term)


def _quad_graph(graph: Graph) -> ox.NamedNode:
    if not isinstance(graph.identifier, URIRef):
        raise StoreError(f"a graph needs an IRI identifier to be stored, not {graph.identifier!r}")
    return ox.NamedNode(str(graph.identifier))


def _triples(graph: Graph) -> Iterator[ox.Triple]:
    for s, p, o in graph:
        yield ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))


def ntriples(graph: Graph) -> str:
    """``graph`` as N-Triples, written by Oxigraph's serialiser (whose term syntax SPARQL accepts too).

    Raises ValueError or QueryError for a term Oxigraph rejects.
    """
    return (ox.serialize(_triples(graph), format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


class StoreBase:
    """What every store does the same way on top of ``replace_graph``, ``serialize`` and ``close``.

    :class:`GraphStore` (embedded) and :class:`kg.remote.RemoteStore` (a SPARQL
    1.1 server) both build on it, so loading, dumping and the context-manager
    behaviour cannot drift apart.
    """

    def replace_graph(self, graph: Graph) -> None:  # pragma: no cover - implemented by each store
        raise NotImplementedError

    def serialize(self, format: str) -> str:  # pragma: no cover - implemented by each store
        raise NotImplementedError

    def _update(self, sparql: str, what: str) -> None:  # pragma: no cover - implemented by each store
        raise NotImplementedError

    def edit_graph(self, graph: Graph, remove: Iterable[str | URIRef] = ()) -> None:
        """In the named graph ``graph.identifier``, drop the triples of the subjects ``remove``, then add ``graph``'s.

        One SPARQL Update request, so one transaction: a reader sees the
        graph before or after, never half-edited. Terms are written by
        Oxigraph's serialisers, never pasted.
        """
        name = _quad_graph(graph)
        try:
            subjects = " ".join(str(ox.NamedNode(str(s))) for s in sorted(set(map(str, remove))))
            body = ntriples(graph)
        except (ValueError, QueryError) as error:  # an IRI or term Oxigraph rejects
            raise StoreError(f"cannot write graph {name.value}: {error}") from error
        steps = []
        if subjects:
            steps.append(f"DELETE {{ GRAPH {name} {{ ?s ?p ?o }} }}\nWHERE {{ VALUES ?s {{ {subjects} }} GRAPH {name} {{ ?s ?p ?o }} }}")
        if body:
            steps.append(f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}")
        if steps:
            self._update(" ;\n".join(steps), f"graph {name.value}")

    def close(self) -> None:  # pragma: no cover - implemented by each store
        raise NotImplementedError

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def replace_dataset(self, dataset: Dataset) -> int:
        """Replace every non-empty named graph of a dataset; returns how many were written."""
        count = 0
        for graph in dataset.graphs():
            named = isinstance(graph.identifier, URIRef) and graph.identifier != DATASET_DEFAULT_GRAPH_ID
            if named and len(graph):
                self.replace_graph(graph)
                count += 1
        return count

    def load(self, path: Path | str, format: str | None = None) -> int:
        """Read a TriG or N-Quads file, replacing the graphs it names; returns how many."""
        path = Path(path)
        fmt = format or {".trig": "trig", ".nq": "nquads", ".nquads": "nquads"}.get(path.suffix.lower())
        if fmt not in FORMATS:
            raise StoreError(f"cannot load {path}: unknown format {fmt!r}; valid formats: {', '.join(FORMATS)}")
        dataset = Dataset()
        try:
            dataset.parse(path, format=fmt)
        except Exception as error:  # OSError or one of rdflib's syntax errors
            raise StoreError(f"cannot load {path}: {error}") from error
        return self.replace_dataset(dataset)

    def to_dataset(self) -> Dataset:
        """Everything in the store as an rdflib Dataset (one graph per named graph)."""
        dataset = bind_prefixes(Dataset())
        data = self.serialize("nquads")
        if data:
            dataset.parse(data=data, format="nquads")
        return dataset

    def dump(self, path: Path | str, format: str = "trig") -> None:
        """Write the whole store to a TriG or N-Quads file."""
        text = self.serialize(format)
        try:
            Path(path).write_text(text, encoding="utf-8")
        except OSError as error:
            raise StoreError(f"cannot write {path}: {error}") from error


class GraphStore(StoreBase):
    """A quad store of named graphs, one per document.

    ``GraphStore(None)`` lives in memory; ``GraphStore(path)`` keeps its data
    in the folder ``path`` (created when missing), which only one process may
    open at a time for writing. ``GraphStore(path, read_only=True)`` takes no
    lock and writes nothing, so any number of readers share a store (also
    one on a read-only disk); Oxigraph leaves it undefined when another
    process writes the same folder meanwhile, which is why a build writes a
    copy (kg.pipeline).
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if read_only and self.path is None:
            raise StoreError("an in-memory store cannot be opened read-only")
        try:
            if read_only:
                self._store: ox.Store | None = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path) if self.path else None)
        except OSError as error:
            raise StoreError(f"cannot open the graph store at {self.path}: {error}") from error

    # ------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Flush to disk and release the store (and its lock on the folder)."""
        if self._store is not None and self.path is not None and not self.read_only:
            try:
                self._store.flush()
            except OSError as error:
                raise StoreError(f"cannot flush the graph store at {self.path}: {error}") from error
        self._store = None

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"the graph store at {self._where} is closed")
        return self._store

    @property
    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"the graph store at {self._where} is open read-only")
        return self._db

    @property
    def _where(self) -> str:
        return str(self.path) if self.path else "<memory>"

    def __repr__(self) -> str:
        return f"GraphStore({self._where!r})"

    # ------------------------------------------------------------ writing

    def replace_graph(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with ``graph``, atomically.

        One SPARQL Update request (DROP + INSERT DATA) is one Oxigraph
        transaction: either the old graph is gone and the new one is in, or
        nothing changed. The data is written by Oxigraph's own N-Triples
        serialiser, whose term syntax SPARQL accepts, so no value is ever
        interpolated by hand.
        """
        name = _quad_graph(graph)
        try:
            body = ntriples(graph)
        except (ValueError, QueryError) as error:  # a term Oxigraph rejects
            raise StoreError(f"cannot write graph {name.value} to {self._where}: {error}") from error
        self._update(f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}", f"graph {name.value}")

    def _update(self, sparql: str, what: str) -> None:
        try:
            self._writable.update(sparql)
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"cannot write {what} to {self._where}: {error}") from error

    def remove_graph(self, iri: str | URIRef) -> None:
        """Remove a named graph and all its quads (no error when it is absent)."""
        try:
            self._writable.remove_graph(ox.NamedNode(str(iri)))
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot remove graph {iri} from {self._where}: {error}") from error

    def backup(self, target: Path | str) -> None:
        """Copy the on-disk store to a new folder ``target`` (hard links where possible: cheap)."""
        if self.path is None:
            raise StoreError("an in-memory store cannot be backed up")
        try:
            if not self.read_only:
                self._db.flush()
            self._db.backup(str(target))
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot back up {self._where} to {target}: {error}") from error

    # ------------------------------------------------------------ reading

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        """The number of quads."""
        return len(self._db)

    def _run(self, sparql: str, bindings: Mapping[str, object] | None) -> object:
        if not isinstance(sparql, str):
            raise QueryError(f"a query must be a SPARQL string, not {type(sparql).__name__}")
        from kg.remote import bind_values  # one binding mechanism for both stores (kg.remote imports this module)

        try:
            # Parameters go in as a VALUES block opening the WHERE group, written
            # from RDF terms (never pasted text): Oxigraph then uses them as
            # constants — 200x faster than its substitutions on a 1 M-triple
            # graph (benchmarks/README.md) — and FILTERs see them.
            bound = bind_values(sparql, bindings) if bindings else sparql
            return self._db.query(bound, use_default_graph_as_union=True, prefixes=dict(PREFIXES))
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL: {error}") from error
        except (RuntimeError, ValueError) as error:  # e.g. a value that is no valid RDF term
            raise QueryError(f"cannot run the query: {error}") from error
        except OSError as error:
            raise StoreError(f"cannot read the graph store at {self._where}: {error}") from error

    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[dict[str, object]]:
        """Run a SELECT; one dict per solution with every projected variable (None when unbound).

        ``bindings`` maps variable names (with or without ``?``) to values;
        a bound variable must be projected by the SELECT (so a row always
        shows the value it was selected by, and a misspelt name fails).
        """
        solutions = self._run(sparql, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("query() runs SELECT queries; use ask() for ASK")
        names = [v.value for v in solutions.variables]
        unprojected = [n for n in (str(k).lstrip("?$") for k in bindings or {}) if n not in names]
        if unprojected:
            raise QueryError(f"cannot bind ?{', ?'.join(unprojected)}: the SELECT does not project it (no projection)")
        return [dict(zip(names, map(to_python, row))) for row in solutions]  # a row iterates its values in projection order

    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool:
        """Run an ASK query."""
        answer = self._run(sparql, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("ask() runs ASK queries; use query() for SELECT")
        return bool(answer)

    def graph(self, iri: str | URIRef) -> Graph:
        """One named graph as an rdflib Graph (empty when absent)."""
        graph = bind_prefixes(Graph(identifier=URIRef(str(iri))))
        try:
            quads = self._db.quads_for_pattern(None, None, None, ox.NamedNode(str(iri)))
            data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot read graph {iri} from {self._where}: {error}") from error
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def serialize(self, format: str) -> str:
        """The whole store as TriG or N-Quads text."""
        if format not in FORMATS:
            raise StoreError(f"unknown dump format {format!r}; valid formats: {', '.join(FORMATS)}")
        try:
            data = self._db.dump(format=FORMATS[format], prefixes=_DUMP_PREFIXES if format == "trig" else None)
        except (OSError, ValueError) as error:
            raise StoreError(f"cannot dump the graph store at {self._where}: {error}") from error
        return (data or b"").decode("utf-8")

