"""Claims that disagree on a figure, kept side by side and linked, never overwritten.

The rule lives here, in :func:`conflicting`: two figures for the same event
and population, asserted by different resolved sources within
:data:`WINDOW` of each other, conflict when they differ — by anything when
both are exact, by more than :data:`TOLERANCE` when either is hedged — unless
one is a bound the other satisfies ("more than 3,000" and 3,500). The
window keeps figures of unrelated events apart in an archive: "26 killed" in
one week's story and "40 killed" in another month's are no contradiction. A
figure with no date has no known window: it is compared only with the figures
of its own document (the one place it is sure to be about the same event), so
an archive of undated one-line documents does not pair every figure with
every other.

:func:`refresh_derived` reads every figure once (``figures.rq``), groups them
by event and population, and pairs them in Python: dated figures sorted by
date, so only figures inside one window meet; undated ones within their
document. The work grows with the figures that can conflict, not with the
square of the archive. The pairs go into the derived graph:
``ca:figureConflictsWith`` between the figures and ``ca:conflictsWith``
between their claims. ``conflicts.rq`` reads them back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
import datetime as dt

from rdflib import Graph, URIRef

from kg import queries
from kg.ns import CA, bind_prefixes
from kg.rdf.mint import DERIVED_GRAPH

__all__ = ["WINDOW", "TOLERANCE", "Figure", "conflicting", "find_conflicts", "refresh_derived"]

WINDOW = dt.timedelta(days=7)
"""Figures stated further apart than this are about different events (an undated figure meets only its own document's)."""

TOLERANCE = 0.1
"""How far a hedged figure ("about 1,000") may be from another before they conflict (a share of the larger)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure a source asserted (a row of ``figures.rq``)."""

    quantity: str
    claim: str
    document: str
    source: str
    source_label: str
    value: float
    bound: str  # exact, about, at_least, at_most
    event: str
    population: str
    text: str
    date: dt.date | None = None  # the statement's date (ca:statedOn)


def conflicting(a: Figure, b: Figure) -> bool:
    """Whether two figures contradict each other (the rule; see the module docstring)."""
    if a.source == b.source or a.claim == b.claim or (a.event, a.population) != (b.event, b.population):
        return False
    if a.date is None or b.date is None:
        if a.document != b.document:  # no known window: only its own document is surely about the same event
            return False
    elif abs(a.date - b.date) > WINDOW:
        return False
    for x, y in ((a, b), (b, a)):
        if x.bound == "at_least" and y.value >= x.value:
            return False
        if x.bound == "at_most" and y.value <= x.value:
            return False
    high, low = max(a.value, b.value), min(a.value, b.value)
    tolerance = 0 if a.bound == b.bound == "exact" else TOLERANCE
    return high - low > tolerance * high


def _pairs(figures: list[Figure]) -> Iterator[tuple[Figure, Figure]]:
    """Candidate pairs of one event and population: dated figures within a window, undated ones within their document."""
    dated = sorted((f for f in figures if f.date is not None), key=lambda f: (f.date, f.quantity))
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            if b.date - a.date > WINDOW:
                break
            yield a, b
    by_document: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        by_document[f.document].append(f)
    for own in by_document.values():
        undated = [f for f in own if f.date is None]
        own_dated = [f for f in own if f.date is not None]
        for i, a in enumerate(undated):
            for b in undated[i + 1:] + own_dated:
                yield a, b


def _figures(store) -> list[Figure]:
    """Every asserted figure; both stores already give xsd:decimal values as floats (kg.store.to_python)."""
    return [Figure(**row) for row in queries.run(store, "figures")]


def _conflicts(store) -> list[tuple[Figure, Figure]]:
    """Every conflicting pair, each ordered by claim IRI (then figure IRI)."""
    groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in _figures(store):
        groups[(figure.event, figure.population)].append(figure)
    found = set()
    for group in groups.values():
        for a, b in _pairs(group):
            if conflicting(a, b):
                found.add((a, b) if (a.claim, a.quantity) < (b.claim, b.quantity) else (b, a))
    return sorted(found, key=lambda p: (p[0].event, p[0].population, p[0].source_label, p[1].source_label,
                                        p[0].claim, p[1].claim, p[0].quantity, p[1].quantity))


def find_conflicts(store) -> list[dict[str, object]]:
    """One row per pair of conflicting figures, computed from the documents (columns: see conflicts.rq)."""
    rows = []
    for a, b in _conflicts(store):
        row: dict[str, object] = {"event": a.event, "population": a.population}
        for side, f in (("a", a), ("b", b)):
            row.update({f"source_{side}": f.source_label, f"value_{side}": f.value, f"bound_{side}": f.bound,
                        f"text_{side}": f.text, f"document_{side}": f.document})
        row.update(claim_a=a.claim, claim_b=b.claim)
        rows.append(row)
    return rows


def refresh_derived(store) -> int:
    """Rewrite the derived graph from the current documents; returns the number of conflicting figure pairs."""
    pairs = _conflicts(store)
    graph = bind_prefixes(Graph(identifier=DERIVED_GRAPH))
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            graph.add((URIRef(x.claim), CA.conflictsWith, URIRef(y.claim)))
            graph.add((URIRef(x.quantity), CA.figureConflictsWith, URIRef(y.quantity)))
    if len(graph):
        store.replace_graph(graph)
    else:
        store.remove_graph(DERIVED_GRAPH)
    return len(pairs)
