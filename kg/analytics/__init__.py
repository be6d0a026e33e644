"""Network analytics on the attribution graph.

:mod:`kg.analytics.project` is the only bridge from RDF to networkx: it reads
the store with SPARQL and builds the projections; :mod:`kg.analytics.sources`
measures them (who relays whom, centrality, communities).
"""

from kg.analytics.project import (
    AttributionLink,
    EntityInfo,
    Snapshot,
    claim_graph,
    read,
    source_graph,
    speaker_entity_graph,
)
from kg.analytics.sources import (
    Centrality,
    Community,
    Influence,
    Member,
    Relay,
    centrality,
    communities,
    influence,
    pagerank,
    relays,
)

__all__ = [
    "AttributionLink",
    "EntityInfo",
    "Snapshot",
    "read",
    "claim_graph",
    "source_graph",
    "speaker_entity_graph",
    "Relay",
    "Influence",
    "Centrality",
    "Member",
    "Community",
    "relays",
    "influence",
    "pagerank",
    "centrality",
    "communities",
]
