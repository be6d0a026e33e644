"""Who relays whom, who is central, and which sources talk about the same things.

Plain functions over the projections of :mod:`kg.analytics.project`; each
takes a store (anything with ``query``) or a :class:`~kg.analytics.project.Snapshot`
and returns a list of frozen records sorted deterministically (ties broken
by label, then IRI). Nothing here prints.

* :func:`relays` — the edges of the reporting-chain graph, heaviest first.
* :func:`influence` — per source of a chain: how many it relays (out-degree
  and weight), how often it is relayed (in-degree and weight), and PageRank
  on the reporter → speaker graph. Rank flows from reporters to the speakers
  they relay, so a speaker carried by many outlets ranks high (Brin & Page
  1998, with networkx's conventions: damping 0.85, dangling nodes spread
  their rank uniformly).
* :func:`centrality` — degree and betweenness of speakers and entities in the
  bipartite speaker–entity graph (Freeman 1977; Brandes 2001 as networkx
  implements it).
* :func:`communities` — Louvain communities (Blondel et al. 2008) of the
  speaker–entity graph with a fixed seed: groups of sources together with
  the entities they talk about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import networkx as nx

from kg.analytics.project import Data, source_graph, speaker_entity_graph
from kg.errors import KGError

__all__ = [
    "Relay",
    "Influence",
    "Centrality",
    "Member",
    "Community",
    "ROLES",
    "relays",
    "influence",
    "pagerank",
    "centrality",
    "communities",
]

ROLES: tuple[str, ...] = ("speaker", "entity")

_DIGITS = 12  # rounding of float scores, so float noise never reorders ties


@dataclass(frozen=True, slots=True)
class Relay:
    """A reporter relayed a speaker's statements ``attributions`` times."""

    reporter: str
    reporter_label: str
    speaker: str
    speaker_label: str
    attributions: int


@dataclass(frozen=True, slots=True)
class Influence:
    """A source's place in the reporting-chain graph."""

    source: str
    label: str
    type: str
    relays: int  # distinct speakers it relays (out-degree)
    relayed_attributions: int  # attributions it relays (weighted out-degree)
    relayed_by: int  # distinct reporters that relay it (in-degree)
    times_relayed: int  # attributions of it relayed by others (weighted in-degree)
    pagerank: float


@dataclass(frozen=True, slots=True)
class Centrality:
    """A speaker's or an entity's place in the speaker–entity graph."""

    iri: str
    label: str
    type: str
    role: str  # "speaker" or "entity"
    degree: int  # distinct entities it talks about / distinct speakers talking about it
    claims: int  # claims on those edges (weighted degree)
    degree_centrality: float  # degree / number of nodes on the other side
    betweenness: float  # normalised betweenness over the whole speaker–entity graph


@dataclass(frozen=True, slots=True)
class Member:
    iri: str
    label: str
    type: str


@dataclass(frozen=True, slots=True)
class Community:
    """Sources that talk about the same entities, with those entities."""

    speakers: tuple[Member, ...]
    entities: tuple[Member, ...]


def relays(data: Data) -> list[Relay]:
    """Reporter → speaker pairs of reporting chains, most relayed first."""
    graph = source_graph(data)
    out = [
        Relay(u, graph.nodes[u]["label"], v, graph.nodes[v]["label"], int(d["weight"]))
        for u, v, d in graph.edges(data=True)
    ]
    return sorted(out, key=lambda r: (-r.attributions, r.reporter_label, r.speaker_label, r.reporter, r.speaker))


def pagerank(graph: nx.DiGraph, alpha: float = 0.85, *, weight: str = "weight",
             tol: float = 1.0e-12, max_iter: int = 1000) -> dict[object, float]:
    """Weighted PageRank by power iteration, as ``networkx.pagerank`` defines it.

    networkx's own implementation needs scipy, which kg does not depend on.
    Uniform teleport; a node with no out-edge (a speaker nobody is recorded
    as relaying *from*) spreads its rank over every node. Raises KGError when
    ``alpha`` is not in [0, 1) or the iteration does not converge.
    """
    if not 0 <= alpha < 1:
        raise KGError(f"pagerank damping alpha must be in [0, 1), not {alpha!r}")
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    out_weight = {u: float(graph.out_degree(u, weight=weight)) for u in nodes}
    edges = [(u, v, float(d.get(weight, 1.0))) for u, v, d in graph.edges(data=True)]
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if out_weight[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u, v, w in edges:
            if out_weight[u]:
                new[v] += alpha * rank[u] * w / out_weight[u]
        error = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if error < n * tol:
            return rank
    raise KGError(f"pagerank did not converge in {max_iter} iterations (tolerance {tol})")


def influence(data: Data, alpha: float = 0.85) -> list[Influence]:
    """Every source of a reporting chain, by PageRank (highest first)."""
    graph = source_graph(data)
    ranks = pagerank(graph, alpha)
    out = [
        Influence(
            source=node,
            label=attrs["label"],
            type=attrs["type"],
            relays=graph.out_degree(node),
            relayed_attributions=int(graph.out_degree(node, weight="weight")),
            relayed_by=graph.in_degree(node),
            times_relayed=int(graph.in_degree(node, weight="weight")),
            pagerank=round(ranks[node], _DIGITS),
        )
        for node, attrs in graph.nodes(data=True)
    ]
    return sorted(out, key=lambda r: (-r.pagerank, -r.relays, r.label, r.source))


def centrality(data: Data, role: Literal["speaker", "entity"] = "speaker") -> list[Centrality]:
    """Speakers (or entities) of the speaker–entity graph, most central first.

    Ordered by degree, then claims, then betweenness. Raises KGError for a
    role other than ``"speaker"`` or ``"entity"``.
    """
    if role not in ROLES:
        raise KGError(f"unknown role {role!r}; valid roles: {', '.join(ROLES)}")
    graph = speaker_entity_graph(data)
    sides = {r: [n for n, d in graph.nodes(data=True) if d["role"] == r] for r in ROLES}
    other = len(sides["entity" if role == "speaker" else "speaker"])
    between = nx.betweenness_centrality(graph, normalized=True)
    out = []
    for node in sides[role]:
        attrs = graph.nodes[node]
        degree = graph.degree(node)
        out.append(Centrality(
            iri=attrs["iri"],
            label=attrs["label"],
            type=attrs["type"],
            role=role,
            degree=degree,
            claims=int(graph.degree(node, weight="weight")),
            degree_centrality=round(degree / other, _DIGITS) if other else 0.0,
            betweenness=round(between[node], _DIGITS),
        ))
    return sorted(out, key=lambda c: (-c.degree, -c.claims, -c.betweenness, c.label, c.iri))


def _member(graph: nx.Graph, node: tuple[str, str]) -> Member:
    attrs = graph.nodes[node]
    return Member(attrs["iri"], attrs["label"], attrs["type"])


def _by_label(member: Member) -> tuple[str, str]:
    return (member.label, member.iri)


def communities(data: Data, *, seed: int = 0, resolution: float = 1.0) -> list[Community]:
    """Groups of sources that speak about the same entities (Louvain, seeded).

    Louvain runs on the weighted speaker–entity graph, so a community holds
    speakers *and* the entities that bind them. Communities without a speaker
    are left out. Largest first (speakers, then entities), then by the first
    speaker's label; members are sorted by label.
    """
    graph = speaker_entity_graph(data)
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    out = []
    for nodes in found:
        speakers = tuple(sorted((_member(graph, n) for n in nodes if n[0] == "speaker"), key=_by_label))
        entities = tuple(sorted((_member(graph, n) for n in nodes if n[0] == "entity"), key=_by_label))
        if speakers:
            out.append(Community(speakers, entities))
    return sorted(out, key=lambda c: (-len(c.speakers), -len(c.entities), c.speakers[0].label, c.speakers[0].iri))
