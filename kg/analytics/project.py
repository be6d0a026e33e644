"""The one bridge from the RDF graph to networkx (ARCHITECTURE.md §2).

Everything is read with two bundled SPARQL queries, run as query *strings*
through the store:

* ``entities.rq``: every entity IRI with its key, a label and its classes;
* ``claim_links.rq``: one row per attribution and about item, IRIs only.

:func:`read` turns their rows into a :class:`Snapshot` of frozen records;
three projections are built from it:

* :func:`claim_graph` — a directed multigraph *source → claim → entity*
  (the card's shape), with reporters pointing at the claims they relayed;
* :func:`source_graph` — *reporter → speaker* from reporting chains
  (``ca:reportedBy``), weighted by how many attributions were relayed;
* :func:`speaker_entity_graph` — the bipartite *who talks about whom* graph.

Decisions, and why:

* Nodes are keyed by entity IRI, as in RDF: an outlet that both reports and
  speaks, or a person who speaks and is spoken about, is one node of the
  claim graph. In the bipartite graph the two sides must stay disjoint, so
  its nodes are ``("speaker", iri)`` and ``("entity", iri)`` pairs.
* Sources, reporters and about items the linker could not resolve get no
  node (a shared "unknown" node would be a false hub joining unrelated
  claims); their surface text stays on the claim node (``source_mention``,
  ``reporter_mention``, ``about_mentions``).
* Nodes and edges are added in sorted order, so the same graph always gives
  the same networkx graph, and seeded algorithms (Louvain) repeat.
* An entity with several classes (an outlet typed ``Organization`` in one
  document and ``NewsMediaOrganization`` in another) gets the most specific
  one (:data:`TYPE_PREFERENCE`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol, Union

import networkx as nx

from kg import queries

__all__ = [
    "TYPE_PREFERENCE",
    "EntityInfo",
    "AttributionLink",
    "Snapshot",
    "read",
    "claim_graph",
    "source_graph",
    "speaker_entity_graph",
]

#: Most specific class first: the one an entity with several classes gets.
TYPE_PREFERENCE: tuple[str, ...] = (
    "NewsMediaOrganization",
    "Person",
    "Organization",
    "GroupOfPeople",
    "Place",
    "NamedThing",
    "UnnamedSource",
    "Thing",
)


class _Store(Protocol):
    def query(self, sparql: str, bindings: dict[str, object] | None = None) -> list[dict[str, object]]: ...


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """An entity as the graph describes it."""

    iri: str
    key: str | None  # the stable id in its IRI ("tokayev"), what said_by.rq takes
    label: str  # its schema:name, else its key, else its IRI
    type: str  # one of kg.types.ENTITY_TYPES


@dataclass(frozen=True, slots=True)
class AttributionLink:
    """One attribution reduced to what the projections need (IRIs and surface texts)."""

    attribution: str
    claim: str
    document: str
    content: str
    polarity: str  # "asserts" or "denies"
    source: str | None  # entity IRI; None when unresolved
    source_mention: str | None
    reporter: str | None
    reporter_mention: str | None
    about: tuple[str, ...] = ()  # entity IRIs, sorted
    about_mentions: tuple[str, ...] = ()  # about items not linked to an entity, sorted


@dataclass(frozen=True)
class Snapshot:
    """What the store said when it was read: entities by IRI and attributions, sorted."""

    entities: Mapping[str, EntityInfo] = field(default_factory=lambda: MappingProxyType({}))
    attributions: tuple[AttributionLink, ...] = ()

    def entity(self, iri: str) -> EntityInfo:
        """The entity ``iri``; one the graph does not describe gets its IRI as label."""
        known = self.entities.get(iri)
        return known if known is not None else EntityInfo(iri, None, iri, "Thing")


Data = Union[Snapshot, _Store]


def _pick_type(types: object) -> str:
    names = set(str(types or "").split())
    for name in TYPE_PREFERENCE:
        if name in names:
            return name
    return "Thing"


def read(store: _Store, document: str | None = None) -> Snapshot:
    """Read entities and attributions from a store (optionally one document's attributions)."""
    entities: dict[str, EntityInfo] = {}
    for row in queries.run(store, "entities"):
        iri = str(row["entity"])
        key = None if row["key"] is None else str(row["key"])
        entities[iri] = EntityInfo(iri, key, str(row["label"] or key or iri), _pick_type(row["types"]))

    params = {"document": document} if document is not None else {}
    grouped: dict[str, dict[str, object]] = {}
    for row in queries.run(store, "claim_links", **params):
        item = grouped.setdefault(str(row["attribution"]), defaultdict(set))
        for name, value in row.items():
            if value is not None:
                item[name].add(str(value))  # type: ignore[union-attr]

    def one(values: object) -> str | None:
        # a well-formed graph (ontology/shapes.ttl) has at most one; be deterministic if not
        return min(values) if values else None  # type: ignore[type-var, arg-type]

    links = []
    for attribution in sorted(grouped):
        item = grouped[attribution]
        links.append(
            AttributionLink(
                attribution=attribution,
                claim=str(one(item["claim"])),
                document=str(one(item["document"])),
                content=one(item["content"]) or "",
                polarity=one(item["polarity"]) or "asserts",
                source=one(item["source"]),
                source_mention=one(item["source_mention"]),
                reporter=one(item["reporter"]),
                reporter_mention=one(item["reporter_mention"]),
                about=tuple(sorted(item["about"])),  # type: ignore[arg-type]
                about_mentions=tuple(sorted(item["about_mention"])),  # type: ignore[arg-type]
            )
        )
    return Snapshot(MappingProxyType(entities), tuple(links))


def _snapshot(data: Data) -> Snapshot:
    return data if isinstance(data, Snapshot) else read(data)


def claim_graph(data: Data) -> nx.MultiDiGraph:
    """Sources → claims → entities, as a directed multigraph.

    Nodes: entity IRIs (``kind="entity"``, ``label``, ``type``, ``key``,
    ``roles`` — a sorted tuple of ``"speaker"``, ``"reporter"``, ``"about"``)
    and claim IRIs (``kind="claim"``, ``label`` = the claim text,
    ``document``, ``polarity``, ``source_mention``, ``reporter_mention``,
    ``about_mentions``). Edges, keyed by their ``relation``:
    speaker ``asserts``/``denies`` claim, claim ``about`` entity, reporter
    ``reported`` claim; each carries its ``attribution`` IRI and ``document``.
    """
    snap = _snapshot(data)
    roles: dict[str, set[str]] = defaultdict(set)
    edges: list[tuple[str, str, str, str, str]] = []
    for link in snap.attributions:
        if link.source:
            roles[link.source].add("speaker")
            relation = "denies" if link.polarity == "denies" else "asserts"
            edges.append((link.source, link.claim, relation, link.attribution, link.document))
        if link.reporter:
            roles[link.reporter].add("reporter")
            edges.append((link.reporter, link.claim, "reported", link.attribution, link.document))
        for entity in link.about:
            roles[entity].add("about")
            edges.append((link.claim, entity, "about", link.attribution, link.document))

    graph = nx.MultiDiGraph(name="claims")
    nodes: list[tuple[str, dict[str, object]]] = []
    for iri, node_roles in roles.items():
        info = snap.entity(iri)
        nodes.append((iri, {"kind": "entity", "label": info.label, "type": info.type, "key": info.key,
                            "roles": tuple(sorted(node_roles))}))
    for link in snap.attributions:
        nodes.append((link.claim, {
            "kind": "claim", "label": link.content, "document": link.document, "polarity": link.polarity,
            "attribution": link.attribution, "source_mention": link.source_mention,
            "reporter_mention": link.reporter_mention, "about_mentions": link.about_mentions,
        }))
    graph.add_nodes_from(sorted(nodes, key=lambda n: n[0]))
    for source, target, relation, attribution, document in sorted(set(edges)):
        graph.add_edge(source, target, key=relation, relation=relation, attribution=attribution, document=document)
    return graph


def source_graph(data: Data) -> nx.DiGraph:
    """Who relays whom: reporter → speaker, ``weight`` = attributions relayed.

    Only the sources of reporting chains whose both ends are linked entities
    are nodes (``label``, ``type``, ``key``). ``claims`` on an edge lists the
    claim IRIs relayed, sorted.
    """
    snap = _snapshot(data)
    relayed: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in snap.attributions:
        if link.reporter and link.source:
            relayed[(link.reporter, link.source)].add(link.claim)
    graph = nx.DiGraph(name="sources")
    for iri in sorted({end for pair in relayed for end in pair}):
        info = snap.entity(iri)
        graph.add_node(iri, label=info.label, type=info.type, key=info.key)
    for (reporter, speaker), claims in sorted(relayed.items()):
        graph.add_edge(reporter, speaker, weight=len(claims), claims=tuple(sorted(claims)))
    return graph


def speaker_entity_graph(data: Data) -> nx.Graph:
    """Who talks about whom: a bipartite graph of speakers and the entities their claims are about.

    Nodes are ``("speaker", iri)`` (``bipartite=0``) and ``("entity", iri)``
    (``bipartite=1``), with ``role``, ``iri``, ``label``, ``type``, ``key``.
    An edge's ``weight`` is the number of the speaker's claims about the
    entity, split into ``asserts`` and ``denies``. Denials count: denying
    something about the protesters is still talking about them.
    """
    snap = _snapshot(data)
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for link in snap.attributions:
        if not link.source:
            continue
        for entity in link.about:
            counts[(link.source, entity)]["denies" if link.polarity == "denies" else "asserts"] += 1
    graph = nx.Graph(name="speaker-entity")
    speakers = sorted({s for s, _ in counts})
    entities = sorted({e for _, e in counts})
    for role, side, iris in (("speaker", 0, speakers), ("entity", 1, entities)):
        for iri in iris:
            info = snap.entity(iri)
            graph.add_node((role, iri), role=role, bipartite=side, iri=iri, label=info.label,
                           type=info.type, key=info.key)
    for (speaker, entity), count in sorted(counts.items()):
        graph.add_edge(("speaker", speaker), ("entity", entity), weight=count.total(),
                       asserts=count["asserts"], denies=count["denies"])
    return graph
