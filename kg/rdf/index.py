"""The claim index: each entity's claims ranked once per build, in pages a lookup reads by IRI.

"Who said what about X" (and "what did X say") must answer fast for the most
frequent entities too, whose claims run to thousands in a large archive. Ordering them when asked
costs several index lookups a claim just to read the keys: 0.7 s for the
first page about the top entity of a 1.1 M-triple graph (12,505 claims).
So the order is computed when a build finishes, here, and stored in the
named graph :data:`~kg.rdf.mint.INDEX_GRAPH`:

- the claims about an entity are ranked (:data:`RANKINGS`, ``about``): dated
  ones by date, then by document IRI, position of the content and
  attribution IRI; undated ones last, in the same order (so the dated-only
  timeline is a prefix of it); the claims it made (``said``, for said_by)
  by document, position and attribution;
- rank ``k`` (from 1) is the object of ``rdf:_k`` on page
  ``(k - 1) // PAGE_SIZE``, whose IRI is :func:`~kg.rdf.mint.index_page_iri`
  (``kgr:index/{about|said}/{entity id}/{n}``); ``entity ca:claimPage page``
  (``ca:sourcePage``) lists an entity's pages;
- the graph states its page size (``kgr:graph/index ca:pageSize 50``).

A lookup for rows ``offset … offset + limit - 1`` then reads the one or two
pages holding them by their IRIs (kg.queries, the ``# PAGES`` line), at the
same cost for an entity with five claims or fifty thousand.

:func:`refresh_index` re-ranks only the entities whose claims a build
touched (the old and the new version of every document written,
kg.rdf.writer); a store without an index of this page size (new, or built
by an older kg) is indexed whole; so is an empty one, which keeps no graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg import queries
from kg.errors import KGError
from kg.ns import CA, bind_prefixes
from kg.rdf.mint import INDEX_GRAPH, index_page_iri, local_id

__all__ = ["PAGE_SIZE", "RANKINGS", "Ranking", "page_numbers", "refresh_index"]

PAGE_SIZE = 50
"""Attributions per index page: a 50-row page of answers reads one or two index pages."""


def page_numbers(limit: int, offset: int) -> range:
    """The index pages holding rows ``offset … offset + limit - 1`` (at least the page of ``offset``)."""
    return range(offset // PAGE_SIZE, (offset + max(limit, 1) - 1) // PAGE_SIZE + 1)


def _indexed(store) -> bool:
    """Whether the store holds an index of the current page size."""
    return [row["size"] for row in queries.run(store, "index_size")] == [PAGE_SIZE]


@dataclass(frozen=True, slots=True)
class Ranking:
    """One order of an entity's claims: which query gives the rows, how they sort, how pages are linked."""

    name: str  # the IRI segment: kgr:index/{name}/{entity id}/{n}
    query: str  # the bundled query giving (entity, attribution, doc, start[, date]) rows
    link: URIRef  # entity → its pages
    key: Callable[[dict[str, object]], tuple]


def _by_date(row: dict[str, object]) -> tuple:
    date = row["date"]
    return (date is None, "" if date is None else str(date), str(row["doc"]), int(row["start"]), str(row["attribution"]))


def _by_position(row: dict[str, object]) -> tuple:
    return (str(row["doc"]), int(row["start"]), str(row["attribution"]))


RANKINGS = (
    Ranking("about", "index_about", CA.claimPage, _by_date),  # who_said_about, timeline
    Ranking("said", "index_said", CA.sourcePage, _by_position),  # said_by
)


def _pages(ranking: Ranking, entity: URIRef, rows: list[dict[str, object]], graph: Graph) -> bool:
    """Add an entity's ranked pages to ``graph``; False when its IRI is not a kg entity IRI."""
    try:
        key = local_id(entity, "entity")
    except KGError:
        return False
    ranked = sorted({str(row["attribution"]): row for row in rows}.values(), key=ranking.key)
    for k, row in enumerate(ranked):
        page = index_page_iri(key, k // PAGE_SIZE, ranking.name)
        if k % PAGE_SIZE == 0:
            graph.add((entity, ranking.link, page))
        graph.add((page, RDF[f"_{k + 1}"], URIRef(str(row["attribution"]))))
    return True


def refresh_index(store, entities: Iterable[str] | None = None) -> int:
    """Re-rank the claims about and by ``entities`` (IRIs; all of them: None); returns how many rankings it wrote.

    A store with no index of :data:`PAGE_SIZE` is indexed whole, whatever
    ``entities`` says. An entity with no claims left loses its pages.
    """
    graph = bind_prefixes(Graph(identifier=INDEX_GRAPH))
    if entities is None or not _indexed(store):
        count = 0
        for ranking in RANKINGS:
            by_entity: dict[URIRef, list[dict[str, object]]] = defaultdict(list)
            for row in queries.run(store, ranking.query):
                by_entity[URIRef(str(row["entity"]))].append(row)
            count += sum(_pages(ranking, entity, rows, graph) for entity, rows in by_entity.items())
        if count:
            graph.add((INDEX_GRAPH, CA.pageSize, Literal(PAGE_SIZE)))
            store.replace_graph(graph)
        else:  # nothing to index: no graph (the next build indexes whole, which costs it nothing more)
            store.remove_graph(INDEX_GRAPH)
        return count
    stale: set[URIRef] = set()
    count = 0
    for entity in sorted({URIRef(str(e)) for e in entities}):
        stale.add(entity)
        stale.update(URIRef(str(row["page"])) for row in queries.run(store, "claim_pages", entity=entity))
        for ranking in RANKINGS:
            rows = queries.run(store, ranking.query, entity=entity)
            if rows:
                count += _pages(ranking, entity, rows, graph)
    if stale:
        store.edit_graph(graph, remove=stale)
    return count
