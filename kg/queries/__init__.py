"""Named SPARQL queries: one ``.rq`` file per question (ARCHITECTURE.md §5.9).

Each file starts with a comment header::

    # question: what it answers
    # parameters: ?name (required|optional type) meaning   -- or "none"
    # columns: the projected variables

:func:`run` binds parameters through the store (a VALUES block of RDF terms
opening the WHERE group, never text pasted into the query). A bound variable
must be projected, so every row shows the value it was selected by; a
question with and without a filter is two queries.

Write ``SELECT DISTINCT`` (or ``COUNT(DISTINCT …)``) where rows may repeat:
the store queries the union of the named graphs, and Oxigraph's union is a
bag. Entity descriptions live once, in the entity graph (kg.rdf.build), so a
join through a label never multiplies rows by the number of documents.

A long answer is read a page at a time (``run(…, limit=50, offset=100)``).
A query whose rows are costly to look up selects its page first: it opens
with a sub-SELECT that orders the keys and holds the comment line ``# PAGE``,
where LIMIT and OFFSET go (the parameters are bound inside that sub-SELECT
too, kg.remote.bind_values); the outer query looks up only the page's rows.
Any other query gets LIMIT and OFFSET at its end.

A lookup that reads its order from the claim index (kg.rdf.index) also
holds the line ``# PAGES ?page ABOUT ?key`` (or ``SAID BY ?key``) in that
sub-SELECT: asked for a page, :func:`run` turns it into
``VALUES ?page { … }``, the IRIs of the one or two index pages holding the
rows of the entity bound to ``?key``, and counts the OFFSET from the first
of them. Asked for every row, the line
stays a comment and the query reads all of the entity's pages.

A parameter declared ``entity`` takes an entity id ("tokayev") or its IRI;
the IRI is turned into the id here, so a query can look the entity up
directly (``?entity schema:identifier ?key``: one index lookup) instead of
filtering every entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import KGError, QueryError
from kg.rdf.mint import index_page_iri, local_id

__all__ = ["QUERY_DIR", "QueryInfo", "load", "names", "info", "page", "run"]

QUERY_DIR: Path = Path(__file__).resolve().parent


class _Store(Protocol):
    def query(self, sparql: str, bindings: dict[str, object] | None = None) -> list[dict[str, object]]: ...


@dataclass(frozen=True, slots=True)
class QueryInfo:
    """What a query's header declares."""

    name: str
    question: str
    parameters: tuple[str, ...]  # names without "?"
    required: tuple[str, ...]
    columns: tuple[str, ...]
    types: tuple[tuple[str, str], ...] = ()  # (parameter, declared type: string, entity, date, integer, decimal)


def names() -> list[str]:
    """The names of the bundled queries, sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def _path(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" and candidate.is_file():
        return candidate
    bundled = QUERY_DIR / f"{name_or_path}.rq"
    if isinstance(name_or_path, str) and re.fullmatch(r"[A-Za-z0-9_]+", name_or_path) and bundled.is_file():
        return bundled
    raise QueryError(f"unknown query {str(name_or_path)!r}; bundled queries: {', '.join(names())}")


def load(name: str | Path) -> str:
    """The text of a bundled query (by name) or of a ``.rq`` file (by path)."""
    path = _path(name)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise QueryError(f"cannot read query {path}: {error}") from error


def _header(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        match = re.match(r"^([a-z]+):\s*(.*)$", body)
        if match:
            key = match.group(1)
            fields[key] = match.group(2)
        elif key:  # a continuation line
            fields[key] += " " + body
    return fields


def info(name: str | Path) -> QueryInfo:
    """The header of a query: its question, parameters and columns."""
    header = _header(load(name))
    params_line = header.get("parameters", "none")
    parameters = tuple(re.findall(r"\?([A-Za-z_][A-Za-z0-9_]*)", params_line))
    required = tuple(re.findall(r"\?([A-Za-z_][A-Za-z0-9_]*)\s*\(required", params_line))
    columns = tuple(c.strip() for c in header.get("columns", "").split(",") if c.strip())
    types = tuple(re.findall(r"\?([A-Za-z_][A-Za-z0-9_]*)\s*\((?:required|optional)\s+(\w+)", params_line))
    return QueryInfo(Path(str(name)).stem, header.get("question", ""), parameters, required, columns, types)


def _coerce(name: str, value: object, kind: str) -> object:
    """Text from a command line becomes the declared type, so a date compares as a date."""
    if not isinstance(value, str):
        return value
    if kind == "entity":
        return _entity_key(value)
    if kind == "iri":
        try:  # checked by Oxigraph first: rdflib would log a warning of its own before kg's error
            ox.NamedNode(value)
        except ValueError as error:
            raise QueryError(f"parameter {name!r} must be an absolute IRI (e.g. https://w3id.org/kg/id/doc/…), got {value!r}: {error}") from None
        return URIRef(value)
    try:
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "integer":
            return int(value)
        if kind == "decimal":
            return Decimal(value)
    except (ValueError, ArithmeticError):
        raise QueryError(f"parameter {name!r} must be a {kind} (e.g. {_EXAMPLES.get(kind, '…')}), got {value!r}") from None
    return value


_EXAMPLES = {"date": "2022-01-07", "integer": "3", "decimal": "2.5"}


def _entity_key(value: str) -> str:
    """An entity id from an id or a kg entity IRI (anything else is kept, and simply matches nothing)."""
    try:
        return local_id(value, "entity")
    except KGError:
        return value


_PAGE = re.compile(r"^([ \t]*)#[ \t]*PAGE\b.*$", re.MULTILINE)
_PAGES = re.compile(r"^([ \t]*)#[ \t]*PAGES[ \t]+\?(\w+)[ \t]+(ABOUT|SAID BY)[ \t]+\?(\w+)[ \t]*$", re.MULTILINE)
_RANKINGS = {"ABOUT": "about", "SAID BY": "said"}


def _check_bounds(limit: object, offset: object) -> None:
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise QueryError(f"{name} must be a whole number ≥ 0, got {value!r}")


def page(text: str, limit: int | None = None, offset: int = 0) -> str:
    """``text`` reading rows ``offset`` … ``offset + limit - 1`` only (all rows: ``limit=None``)."""
    _check_bounds(limit, offset)
    clause = " ".join(([f"LIMIT {limit}"] if limit is not None else []) + ([f"OFFSET {offset}"] if offset else []))
    if not clause:
        return text
    if _PAGE.search(text):
        return _PAGE.sub(lambda marker: marker.group(1) + clause, text, count=1)
    return f"{text.rstrip()}\n{clause}\n"


def _index_pages(text: str, params: dict[str, object], limit: int | None, offset: int) -> tuple[str, int]:
    """``text`` reading only the index pages that hold the page asked for, and the offset within them."""
    _check_bounds(limit, offset)
    marker = _PAGES.search(text)
    if marker is None or limit is None or marker.group(4) not in params:
        return text, offset
    from kg.rdf.index import PAGE_SIZE, page_numbers  # kg.rdf.index runs queries itself

    indent, variable, ranking, key = marker.groups()
    numbers = page_numbers(limit, offset)
    try:
        pages = " ".join(index_page_iri(str(params[key]), n, _RANKINGS[ranking]).n3() for n in numbers)
    except KGError:  # an empty key: no entity, no page
        pages = ""
    values = f"{indent}VALUES ?{variable} {{ {pages} }}"
    return text[: marker.start()] + values + text[marker.end() :], offset - numbers[0] * PAGE_SIZE


def run(
    store: _Store, name_or_path: str | Path, *, limit: int | None = None, offset: int = 0, **params: object
) -> list[dict[str, object]]:
    """Run a named query (or a ``.rq`` file) on a store, binding ``params`` as values.

    ``limit`` and ``offset`` select a page of the rows, in the query's order.
    Parameters the header does not declare, and required ones left out,
    raise QueryError naming the valid parameters.
    """
    declared = info(name_or_path)
    unknown = sorted(set(params) - set(declared.parameters))
    if unknown:
        valid = ", ".join(declared.parameters) or "none"
        raise QueryError(f"query {declared.name!r} has no parameter {', '.join(unknown)}; valid: {valid}")
    missing = [p for p in declared.required if p not in params]
    if missing:
        raise QueryError(f"query {declared.name!r} needs parameter {', '.join(missing)}")
    kinds = dict(declared.types)
    params = {k: _coerce(k, v, kinds.get(k, "string")) for k, v in params.items()}
    source = load(name_or_path)
    text, offset = _index_pages(source, params, limit, offset)
    rows = store.query(page(text, limit, offset), params or None)
    if not rows and _PAGES.search(source) and not run(store, "index_size") and run(store, "index_about", limit=1):
        raise QueryError(
            f"query {declared.name!r} reads the claim index, which this graph lacks (it was built by an older kg):"
            " run `kg build` on it again (unchanged documents come from the parse cache)"
        )
    return rows
