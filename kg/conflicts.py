"""Claims that disagree on a figure, kept side by side and linked, never overwritten.

The rule lives in one place, ``kg/queries/conflicts.rq``; this module runs it
and materialises its pairs as ``ca:conflictsWith`` links in a derived named
graph, recomputed after every build so that adding or replacing a document
never leaves a stale link.
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg import queries
from kg.ns import CA, bind_prefixes
from kg.rdf.mint import DERIVED_GRAPH


def find_conflicts(store) -> list[dict[str, object]]:
    """One row per pair of conflicting claims (columns: see conflicts.rq)."""
    return queries.run(store, "conflicts")


def refresh_derived(store) -> int:
    """Rewrite the derived graph from the current documents; returns the number of conflicting pairs."""
    rows = find_conflicts(store)
    graph = bind_prefixes(Graph(identifier=DERIVED_GRAPH))
    for row in rows:
        a, b = URIRef(str(row["claim_a"])), URIRef(str(row["claim_b"]))
        graph.add((a, CA.conflictsWith, b))
        graph.add((b, CA.conflictsWith, a))
    if len(graph):
        store.replace_graph(graph)
    else:
        store.remove_graph(DERIVED_GRAPH)
    return len(rows)
