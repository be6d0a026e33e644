"""The desk: attribution records as one self-contained, offline HTML page.

One page holds the graph (vis-network), claim cards, a search box, filters
(speaker, entity, source type, polarity, quote type, date range) and a
timeline of claims by date; ``kg viz``, ``kg demo`` and ``kg serve`` (at
``/``) make it with :func:`render_store`. Its script is ``desk.js`` and its
style ``desk.css``, beside this module. The vis-network JavaScript and CSS
that ship inside the pyvis wheel are inlined (pyvis's own writer puts them
in a ``lib/`` folder or loads bootstrap from a CDN), so the page works from
a file, offline, with no request leaving the browser (a
Content-Security-Policy of ``default-src 'none'`` enforces that).

Graph shape (ARCHITECTURE.md §3, *speaker – asserts – claim – about – entity*):

* nodes: ``speaker``, ``claim``, ``entity``, ``reporter``, ``document`` and
  ``unresolved`` (a speaker the extractor could not name);
* edges: speaker ``asserts``/``denies`` claim, claim ``about`` entity, claim
  ``in`` document, reporter ``reported`` claim.

Decisions, and why:

* Speakers, reporters and entities are keyed by their entity IRI in ONE
  namespace, as they are in RDF: an outlet that both reports and speaks, or a
  person who speaks and is spoken about, is one node. Its kind is the most
  active role it plays (speaker > reporter > entity).
* Without an IRI but with a label, the node is keyed by the folded label, so
  "eyewitnesses" in two documents is drawn once.
* With neither, each attribution gets its own ``unresolved speaker`` node: a
  shared one would become a false hub linking unrelated claims.
* The reporter points at the *claim*, not the speaker: the same speaker can be
  reported by different outlets for different claims, and an edge to the
  speaker would lose which claim was reported.
* Text from news is hostile input. All data travels as JSON in a
  ``<script type="application/json">`` block with ``<``, ``>``, ``&`` and
  U+2028/2029 escaped; cards and tooltips are built in the page as DOM
  elements with ``textContent`` (vis-network would render a string
  ``title`` as HTML), a filter's options carry indexes, not the text, and a
  card links its article only for an http(s) address. Labels are drawn on a
  canvas, which never interprets markup.
* Node size is the number of claims a node says, is about or reports; a
  label is drawn only once it is big enough on screen, so the first view
  names the busiest speakers and entities and zooming in names the rest.
* Above :data:`STATIC_LAYOUT_THRESHOLD` nodes the browser's physics is too
  slow to settle, so positions are computed once here (:func:`_positions`)
  and physics is off; smaller graphs settle by physics with a fixed random
  seed, then stand still. Nodes and edges are sorted, so the same records
  always give the same page.
"""

from __future__ import annotations

import html
import json
import math
import re
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any


from kg.errors import InputError, KGError, NameNotFound
from kg.lexicons import fold
from kg.link.gazetteer import normalise
from kg.link.resolve import NameIndex, Named, bundled_gazetteer, char_folds
from kg.rdf.mint import local_id

__all__ = [
    "STATIC_LAYOUT_THRESHOLD",
    "NODE_STYLES",
    "EDGE_STYLES",
    "record_names",
    "filter_records",
    "GraphData",
    "build_graph",
    "render_html",
    "render_store",
    "write_html",
]

#: Graphs with more nodes than this get a precomputed layout and no physics.
STATIC_LAYOUT_THRESHOLD = 300

_SEED = 7
_VIS_VERSION = "vis-9.1.2"
_CLAIM_LABEL_WORDS = 8
_CLAIM_LABEL_CHARS = 60
_MAX_MENTIONS = 10

#: kind → (legend text, vis shape, colour). Colours from matplotlib's tab10,
#: which stays distinguishable for most colour-vision deficiencies.
NODE_STYLES: dict[str, tuple[str, str, str]] = {
    "speaker": ("speaker", "dot", "#1f77b4"),
    "unresolved": ("unresolved speaker", "dot", "#c7c7c7"),
    "claim": ("claim", "dot", "#f0a830"),
    "entity": ("entity (about)", "diamond", "#2ca02c"),
    "reporter": ("outlet / reporter", "triangle", "#9467bd"),
    "document": ("document", "square", "#7f7f7f"),
}

#: edge label → (colour, dashes). ``denies`` is red and dashed so that a
#: denial is never read as an assertion at a glance.
EDGE_STYLES: dict[str, tuple[str, bool | list[int]]] = {
    "asserts": ("#1f77b4", False),
    "denies": ("#d62728", [8, 4]),
    "about": ("#2ca02c", False),
    "in": ("#aaaaaa", [2, 4]),
    "reported": ("#9467bd", [6, 3]),
}

_KIND_RANK = {"speaker": 0, "reporter": 1, "entity": 2}


def record_names(records: Iterable[Mapping[str, Any]]) -> list[Named]:
    """The names records give their speakers and about items, for the name resolver (kg.link.resolve).

    An entity is named by its IRI, as in the graph; a speaker or item without
    one by its folded label (``l:…``, as its node is keyed), and an unresolved
    speaker by its surface mention (``m:…``), so "a spokesman" still finds it.
    """
    names: list[Named] = []
    for record in records:
        speaker = record.get("speaker") or record.get("speaker_mention")
        key = _speaker_key(record)
        if key and speaker:
            names.append(Named(key, str(speaker), _entity_id(record.get("speaker_id")), record.get("speaker_type") or None))
        for item in _about(record):
            key = _name_key(item.get("id"), item.get("label"))
            if key and item.get("label"):
                names.append(Named(key, str(item["label"]), _entity_id(item.get("id"))))
    return names


def _entity_id(iri: Any) -> str | None:
    """The id of a kg entity IRI (a gazetteer id for the gazetteer's entities), else None."""
    try:
        return local_id(str(iri), "entity") if iri else None
    except KGError:
        return None


def filter_records(
    records: Iterable[Mapping[str, Any]],
    *,
    about: str | None = None,
    speaker: str | None = None,
    names: NameIndex | None = None,
) -> list[Mapping[str, Any]]:
    """Keep the records about the entity ``about`` names and said by the one ``speaker`` names.

    Names are resolved by the one resolver of :mod:`kg.link.resolve` — in
    ``names`` when given (``kg viz`` passes the graph's names, so that it
    agrees with ``kg ask``), else in the records' own names. Both filters must
    hold when both are given. A name that names nothing raises
    :class:`~kg.errors.NameNotFound` with the closest names.
    """
    records = list(records)
    if not about and not speaker:
        return records
    index = names if names is not None else NameIndex(record_names(records), bundled_gazetteer())
    about_ids = _resolved(index, "about", about)
    speaker_ids = _resolved(index, "speaker", speaker)
    kept = []
    for record in records:
        if about_ids is not None and not any(
            _name_key(item.get("id"), item.get("label")) in about_ids for item in _about(record)
        ):
            continue
        if speaker_ids is not None and _speaker_key(record) not in speaker_ids:
            continue
        kept.append(record)
    return kept


def _resolved(index: NameIndex, option: str, name: str | None) -> set[str] | None:
    if not name:
        return None
    found = index.resolve(name)
    if not found:
        raise NameNotFound(option, name, found.suggestions)
    return set(found.entities)


@dataclass
class _Agent:
    """A speaker, reporter or entity node, collected across records."""

    kinds: set[str] = field(default_factory=set)
    labels: Counter[str] = field(default_factory=Counter)
    iri: str | None = None
    types: set[str] = field(default_factory=set)
    mentions: set[str] = field(default_factory=set)
    claims: int = 0  # claims it speaks
    about: int = 0  # claims about it
    reported: int = 0  # claims it reports


@dataclass(frozen=True)
class GraphData:
    """Nodes and edges ready for vis-network, sorted for determinism.

    ``nodes`` carry ``tip`` (a list of ``[field, text]`` rows) instead of a
    ``title``; the page turns it into a text-only DOM tooltip.
    """

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    static_layout: bool


def _about(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    items = record.get("about") or []
    return [item for item in items if isinstance(item, Mapping)]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _short(content: str) -> str:
    """First words of a claim, because a whole claim would bury the graph."""
    words = content.split()
    label = " ".join(words[:_CLAIM_LABEL_WORDS])
    if len(label) > _CLAIM_LABEL_CHARS:
        label = label[: _CLAIM_LABEL_CHARS - 1].rstrip()
    return label + ("…" if label != " ".join(words) else "") or "(empty claim)"


def _agent_key(iri: Any, label: Any) -> str | None:
    if iri:
        return f"e:{iri}"
    if label and fold(str(label)).strip():
        return f"l:{fold(str(label)).strip()}"
    return None


def _name_key(iri: Any, label: Any) -> str | None:
    """What the name resolver calls a speaker or about item: its IRI (as the graph does), else ``l:`` and its folded label."""
    return str(iri) if iri else _agent_key(None, label)


def _speaker_key(record: Mapping[str, Any]) -> str | None:
    """:func:`_name_key` of a record's speaker, or ``m:`` and its folded mention when it is unresolved."""
    key = _name_key(record.get("speaker_id"), record.get("speaker"))
    mention = fold(str(record.get("speaker_mention") or "")).strip()
    return key or (f"m:{mention}" if mention else None)


def _checked(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The records as a list; :class:`~kg.errors.InputError` for one that is not a mapping or lacks ``id`` or ``document``, naming its position."""
    records = list(records)
    for position, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise InputError(
                f"records[{position}]",
                f"expected a mapping (an export record), got {type(record).__name__}",
            )
        missing = [name for name in ("id", "document") if not record.get(name)]
        if missing:
            raise InputError(
                f"records[{position}]",
                f"missing {', '.join(missing)}; every attribution needs 'id' and 'document'",
            )
    return records


def build_graph(records: Iterable[Mapping[str, Any]]) -> GraphData:
    """Turn attribution records into sorted vis-network nodes and edges.

    A node's ``value`` (its drawn size) is how many claims it takes part in:
    an agent's claims said, about it and reported, a document's claims.
    Raises :class:`~kg.errors.InputError` for a record that is not a mapping
    or lacks ``id`` or ``document``, naming the record's position.
    """
    agents: dict[str, _Agent] = defaultdict(_Agent)
    claims: dict[str, dict[str, Any]] = {}
    documents: Counter[str] = Counter()
    edges: dict[tuple[str, str, str], None] = {}

    def agent(key: str, kind: str, iri: Any, label: Any) -> _Agent:
        a = agents[key]
        a.kinds.add(kind)
        if iri:
            a.iri = str(iri)
        if label:
            a.labels[str(label)] += 1
        return a

    for record in _checked(records):
        claim_id = f"c:{record['id']}"
        if claim_id in claims:
            continue  # the same attribution twice adds nothing
        claims[claim_id] = dict(record)
        document = str(record["document"])
        documents[document] += 1
        edges[(claim_id, "in", f"d:{document}")] = None

        speaker_key = _agent_key(record.get("speaker_id"), record.get("speaker"))
        if speaker_key is None:
            speaker_key = f"u:{record['id']}"
            a = agent(speaker_key, "unresolved", None, None)
        else:
            a = agent(speaker_key, "speaker", record.get("speaker_id"),
                      record.get("speaker") or record.get("speaker_mention"))
        a.claims += 1
        if record.get("speaker_type"):
            a.types.add(str(record["speaker_type"]))
        if record.get("speaker_mention"):
            a.mentions.add(str(record["speaker_mention"]))
        verb = "denies" if record.get("polarity") == "denies" else "asserts"
        edges[(speaker_key, verb, claim_id)] = None

        for item in _about(record):
            key = _agent_key(item.get("id"), item.get("label"))
            if key is not None:
                a = agent(key, "entity", item.get("id"), item.get("label"))
                if (claim_id, "about", key) not in edges:
                    a.about += 1
                edges[(claim_id, "about", key)] = None

        key = _agent_key(record.get("reported_by_id"), record.get("reported_by"))
        if key is not None:
            agent(key, "reporter", record.get("reported_by_id"), record.get("reported_by")).reported += 1
            edges[(key, "reported", claim_id)] = None

    nodes: list[dict[str, Any]] = []
    for key, a in agents.items():
        kind = "unresolved" if "unresolved" in a.kinds else min(a.kinds, key=_KIND_RANK.__getitem__)
        if kind == "unresolved":
            label = "unresolved speaker"
        elif a.labels:  # most frequent label, ties alphabetical: order-independent
            label = min(a.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        else:
            label = a.iri or key[2:]
        tip = [["kind", NODE_STYLES[kind][0]], ["label", label]]
        if a.iri:
            tip.append(["id", a.iri])
        if a.types:
            tip.append(["type", ", ".join(sorted(a.types))])
        if a.mentions:
            shown = sorted(a.mentions)[:_MAX_MENTIONS]
            more = len(a.mentions) - len(shown)
            tip.append(["mentions", " | ".join(shown) + (f" (+{more})" if more else "")])
        if len(a.kinds) > 1:
            tip.append(["roles", ", ".join(sorted(a.kinds))])
        if a.claims:
            tip.append(["claims", str(a.claims)])
        if a.about:
            tip.append(["claims about it", str(a.about)])
        if a.reported:
            tip.append(["claims reported", str(a.reported)])
        nodes.append(_node(key, kind, label, tip, a.claims + a.about + a.reported))

    for key, record in claims.items():
        content = _text(record.get("content"))
        tip = []  # the page puts the claim and its sentence first, from the claim's card
        for name in ("polarity", "cue", "quote", "speaker_mention",
                     "document", "date", "reported_by", "confidence", "id"):
            if record.get(name) is not None and record.get(name) != "":
                tip.append([name, _text(record[name])])
        nodes.append(_node(key, "claim", _short(content), tip, 1))

    for document, count in documents.items():
        nodes.append(_node(f"d:{document}", "document", document,
                           [["document", document], ["claims", str(count)]], 1))

    nodes.sort(key=lambda n: n["id"])
    edge_list = [
        _edge(source, label, target) for source, label, target in sorted(edges)
    ]
    return GraphData(nodes, edge_list, len(nodes) > STATIC_LAYOUT_THRESHOLD)


#: Label size of claims and documents: below the draw threshold until zoomed in (their text is in the cards).
_SMALL_LABEL = {"label": {"min": 6, "max": 6}}


def _node(node_id: str, kind: str, label: str, tip: list[list[str]], value: int) -> dict[str, Any]:
    _, shape, colour = NODE_STYLES[kind]
    node = {"id": node_id, "kind": kind, "label": label, "shape": shape,
            "color": colour, "tip": tip, "value": max(value, 1)}
    if kind in ("claim", "document"):
        node["scaling"] = _SMALL_LABEL
    return node


def _edge(source: str, label: str, target: str) -> dict[str, Any]:
    colour, dashes = EDGE_STYLES[label]
    edge: dict[str, Any] = {"from": source, "to": target, "label": label, "color": colour}
    if dashes:
        edge["dashes"] = dashes
    if label == "denies":
        edge["width"] = 2
    return edge


#: Above this many nodes only the busiest are laid out by force; the rest are placed around them.
_CORE = 400


def _positions(graph: GraphData) -> dict[str, tuple[float, float]]:
    """A layout computed once, in Python, for a graph too big for the browser's physics.

    A force layout of every node is O(n²) per step (90 s for the 8,700 nodes
    of 5,000 claims), and its picture of thousands of claims is a hairball
    anyway. So the :data:`_CORE` busiest speakers, entities and reporters
    (by ``value``) are laid out by force (:func:`_numpy_spring`) on the graph
    of who speaks about or reports whom (claims contracted), and every other
    node is placed around its busiest neighbour already placed, on a
    sunflower spiral: a speaker's claims ring it, a claim's document sits
    beside it. Nodes enter sorted, so the same graph gives the same layout.
    """
    value = {n["id"]: n.get("value", 1) for n in graph.nodes}
    kind = {n["id"]: n["kind"] for n in graph.nodes}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in graph.edges:
        neighbours[e["from"]].add(e["to"])
        neighbours[e["to"]].add(e["from"])
    agents = sorted((n for n in value if kind[n] not in ("claim", "document")), key=lambda n: (-value[n], n))
    core = agents[:_CORE]
    inside = set(core)
    pairs: set[tuple[str, str]] = set()
    for claim in (n for n in value if kind[n] == "claim"):
        ends = sorted(m for m in neighbours[claim] if m in inside)
        pairs.update((a, b) for i, a in enumerate(ends) for b in ends[i + 1:])
    scale = 40.0 * max(len(value), 1) ** 0.5
    placed = _numpy_spring(core, sorted(pairs), seed=_SEED, scale=scale) if core else {}
    satellites: dict[str, int] = defaultdict(int)
    step = 18.0
    golden = 2.399963229728653  # radians: the golden angle, which never lines satellites up

    def around(anchor: str, node: str) -> None:
        i = satellites[anchor] = satellites[anchor] + 1
        radius = step * (1.5 + i ** 0.5) + (value[anchor] ** 0.5) * 4
        x, y = placed[anchor]
        placed[node] = (x + radius * math.cos(i * golden), y + radius * math.sin(i * golden))

    # the rest, busiest first, each by its busiest placed neighbour; a node with none starts a cluster on the rim
    rest = sorted((n for n in value if n not in placed), key=lambda n: (kind[n] == "document", -value[n], n))
    pending = list(rest)
    rim = 0
    while pending:
        left = []
        for node in pending:
            anchors = [m for m in neighbours[node] if m in placed]
            if anchors:
                around(max(anchors, key=lambda m: (value[m], m)), node)
            else:
                left.append(node)
        if len(left) == len(pending):  # nothing placed in a round: an unconnected component
            node = left.pop(0)
            rim += 1
            angle = rim * golden
            placed[node] = (1.1 * scale * math.cos(angle), 1.1 * scale * math.sin(angle))
        pending = left
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in placed.items()}


def _numpy_spring(
    ids: list[str],
    pairs: list[tuple[str, str]],
    *,
    seed: int,
    scale: float,
    iterations: int = 50,
    gravity: float = 5.0,
    block: int = 512,
) -> dict[str, tuple[float, float]]:
    """Fruchterman & Reingold (1991) force layout in numpy, seeded.

    Repulsion k²/d between all pairs, attraction d²/k along edges, moves
    capped by a linearly cooling temperature. Rows are processed in blocks so
    memory stays O(block · n) rather than O(n²).
    """
    import numpy as np

    n = len(ids)
    if n == 0:
        return {}
    if n == 1:
        return {ids[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    index = {node: i for i, node in enumerate(ids)}
    src = np.array([index[a] for a, _ in pairs], dtype=int)
    dst = np.array([index[b] for _, b in pairs], dtype=int)
    k = (1.0 / n) ** 0.5
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = np.empty_like(pos)
        squares = (pos ** 2).sum(axis=1)
        for start in range(0, n, block):
            rows = pos[start:start + block]
            # |a-b|² = |a|² + |b|² - 2a·b, via one matrix product (BLAS), and
            # Σ_j w_ij (p_i - p_j) = p_i Σ_j w_ij - W p: no n×n×2 temporaries.
            weights = rows @ pos.T
            weights *= -2.0
            weights += squares[start:start + block, None]
            weights += squares[None, :]
            np.maximum(weights, 1e-4, out=weights)
            np.divide(k * k, weights, out=weights)
            disp[start:start + block] = rows * weights.sum(axis=1)[:, None] - weights @ pos
        if len(src):
            delta = pos[src] - pos[dst]
            pull = delta * (np.sqrt((delta ** 2).sum(axis=1)) / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        # Gravity towards the centre keeps disconnected components (one per
        # unrelated story) from drifting to the rim, as networkx's ``gravity``.
        disp -= gravity * (pos - pos.mean(axis=0))
        length = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-2)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = np.abs(pos).max() or 1.0
    pos *= scale / extent
    return {node: (float(x), float(y)) for node, (x, y) in zip(ids, pos)}


def _options(static: bool) -> dict[str, Any]:
    """vis-network options: sizes from ``value``, labels only where a node is big enough to read them.

    A label is drawn once it is at least ``drawThreshold`` pixels on screen,
    so at the first, fitted view only the busiest speakers and entities are
    named; zooming in names the rest (the claims' text is in the cards).
    A small graph settles by physics once and then stands still.
    """
    physics: dict[str, Any] = {"enabled": not static}
    if not static:
        physics.update(
            solver="forceAtlas2Based",
            forceAtlas2Based={"gravitationalConstant": -80, "centralGravity": 0.008,
                              "springLength": 70, "springConstant": 0.06, "avoidOverlap": 0.8},
            stabilization={"enabled": True, "iterations": 500, "fit": True},
        )
    return {
        "physics": physics,
        "layout": {"randomSeed": _SEED, "improvedLayout": not static},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": static, "hideEdgesOnZoom": static},
        "nodes": {"borderWidth": 1,
                  "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"min": 6, "max": 36,
                              "label": {"enabled": True, "min": 12, "max": 26,
                                        "drawThreshold": 8, "maxVisible": 26}}},
        # arrowheads cost a third of drawing a big graph; the node kinds give the direction there
        "edges": {"arrows": {"to": {"enabled": not static, "scaleFactor": 0.4}},
                  "color": {"inherit": False, "opacity": 0.55},
                  "smooth": {"enabled": not static, "type": "continuous"}},
    }


def _network_json(graph: GraphData) -> dict[str, Any]:
    """The graph as vis-network takes it: nodes (positioned when the layout is static), edges, options.

    pyvis ships the vis-network build the page inlines, but its Python
    ``Network`` finds duplicates by scanning lists (11 s to add the 27,000
    edges of 5,000 claims) and adds nothing the page uses, so the dicts are
    made here.
    """
    positions = _positions(graph) if graph.static_layout else {}
    nodes = []
    for node in graph.nodes:
        node = dict(node)
        if node["id"] in positions:
            node["x"], node["y"] = positions[node["id"]]
            node["physics"] = False
        nodes.append(node)
    return {"nodes": nodes, "edges": [dict(e) for e in graph.edges], "options": _options(graph.static_layout)}


_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                               "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _script_json(data: Any) -> str:
    """JSON that cannot close its ``<script>`` block or break a JS parser."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


def _asset(name: str) -> str:
    """A vis-network file from inside the installed pyvis package."""
    return (resources.files("pyvis") / "templates" / "lib" / _VIS_VERSION / name).read_text(
        encoding="utf-8"
    )


def _inline(code: str, tag: str) -> str:
    # The vendored files contain no closing tag today; this keeps it that way
    # if pyvis ships a different build ("<\/" means the same inside JS and CSS
    # strings, where such a sequence could appear).
    return re.sub(rf"</(?={tag})", r"<\\/", code, flags=re.IGNORECASE)


_CSP = ("default-src 'none'; script-src 'unsafe-inline'; "
        "style-src 'unsafe-inline'; img-src data:")

def _legend() -> str:
    parts = []
    for label, shape, colour in NODE_STYLES.values():
        radius = "50%" if shape == "dot" else "0"
        parts.append(
            f'<span><i class="kg-swatch" style="background:{html.escape(colour)};'
            f'border-radius:{radius}"></i>{html.escape(label)} ({html.escape(shape)})</span>'
        )
    for label, (colour, dashes) in EDGE_STYLES.items():
        style = "dashed" if dashes else "solid"
        parts.append(
            f'<span><i class="kg-line" style="border-top-style:{style};'
            f'border-top-color:{html.escape(colour)}"></i>{html.escape(label)}</span>'
        )
    return '<div class="kg-legend">' + "".join(parts) + "</div>"


#: Characters a reader may type into the search box, folded for it besides the page's own text.
_TYPED = "".join(chr(c) for r in ((0x20, 0x250), (0x370, 0x400), (0x400, 0x500), (0x1F00, 0x2000)) for c in range(*r))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _safe_url(value: Any) -> str | None:
    """An article's address when it is a web one (http or https with a host); anything else is not a link."""
    if not value:
        return None
    text = str(value).strip()
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _desk(
    records: list[Mapping[str, Any]],
    index: NameIndex,
    documents: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """The claim cards, the filters' choices and the search keys of the desk, beside the graph's data.

    Cards carry the graph's node ids (speaker, reporter, about items,
    document), so that a node clicked in the graph filters the cards and a
    filter hides the nodes of the claims it leaves out. Search keys are the
    name resolver's forms of every name of a node (its labels, the graph's
    alternative labels and the gazetteer's names in other languages and
    scripts) and ``fold`` is the resolver's folding per character, so that
    the page folds a query as the resolver would.
    """
    forms = index.forms()
    keys: dict[str, set[str]] = defaultdict(set)
    cards: list[dict[str, Any]] = []
    speakers: Counter[tuple[str, str]] = Counter()
    entities: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()

    def named(node: str, resolver_key: str | None, *labels: Any) -> None:
        keys[node].update(forms.get(resolver_key or "", ()))
        keys[node].update(normalise(str(label)) for label in labels if label)

    for record in records:
        if str(record["id"]) in seen:
            continue
        seen.add(str(record["id"]))
        speaker_node = _agent_key(record.get("speaker_id"), record.get("speaker")) or f"u:{record['id']}"
        speaker_label = _text(record.get("speaker") or record.get("speaker_mention")) or "unresolved speaker"
        named(speaker_node, _speaker_key(record), record.get("speaker"), record.get("speaker_mention"))
        speakers[(speaker_node, speaker_label if not speaker_node.startswith("u:") else "unresolved: " + speaker_label)] += 1
        about = []
        for item in _about(record):
            node = _agent_key(item.get("id"), item.get("label"))
            if node is not None:
                label = _text(item.get("label")) or _text(item.get("id"))
                named(node, _name_key(item.get("id"), item.get("label")), item.get("label"))
                about.append([node, label])
                entities[(node, label)] += 1
        reporter = _agent_key(record.get("reported_by_id"), record.get("reported_by"))
        if reporter is not None:
            named(reporter, _name_key(record.get("reported_by_id"), record.get("reported_by")), record.get("reported_by"))
        document = str(record["document"])
        info = documents.get(document) or {}
        cards.append({
            "n": f"c:{record['id']}", "s": speaker_node, "sl": speaker_label,
            "sm": _text(record.get("speaker_mention")), "st": _text(record.get("speaker_type")),
            "cue": _text(record.get("cue")), "text": _text(record.get("content")),
            "sent": _text(record.get("sentence")), "date": _text(record.get("date")),
            "doc": document, "url": _safe_url(info.get("url")), "pub": _text(info.get("publisher")),
            "rep": _text(record.get("reported_by")), "rn": reporter or "",
            "pol": _text(record.get("polarity")), "quote": _text(record.get("quote")), "ab": about,
        })
    cards.sort(key=lambda c: (c["date"], c["doc"], c["n"]), reverse=True)  # newest first, undated last

    def ranked(counts: Counter[tuple[str, str]]) -> list[list[Any]]:
        """One [node, label, claims] per node, under its most frequent label, busiest first."""
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        for (node, label), count in counts.items():
            labels[node][label] += count
        rows = [[node, min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0], sum(c.values())] for node, c in labels.items()]
        return sorted(rows, key=lambda row: (-row[2], row[1], row[0]))

    dates = sorted(c["date"][:10] for c in cards if _ISO_DATE.match(c["date"]))
    text = "".join(c["text"] + c["sent"] + c["sl"] for c in cards) + "".join(k for ks in keys.values() for k in ks)
    return {
        "claims": cards,
        "keys": {node: sorted(k for k in forms_ if k) for node, forms_ in sorted(keys.items())},
        "fold": dict(sorted(char_folds(set(text) | set(_TYPED)).items())),
        "facets": {
            "speakers": ranked(speakers),
            "entities": ranked(entities),
            "types": sorted({c["st"] for c in cards if c["st"]}),
            "polarities": sorted({c["pol"] for c in cards if c["pol"]}),
            "quotes": sorted({c["quote"] for c in cards if c["quote"]}),
            "dates": [dates[0], dates[-1]] if dates else [],
        },
    }


def _desk_asset(name: str) -> str:
    """The desk's own script or style sheet, shipped beside this module."""
    return (resources.files("kg.viz") / name).read_text(encoding="utf-8")


def render_html(
    records: Iterable[Mapping[str, Any]],
    *,
    title: str = "kg",
    about: str | None = None,
    speaker: str | None = None,
    names: NameIndex | None = None,
    documents: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """Return the desk: one self-contained HTML page with the graph, claim cards, search, filters and a timeline.

    ``about`` / ``speaker`` keep only the claims about the entity / by the
    speaker the name names, in any spelling or script (see :func:`filter_records`;
    ``names`` is its name index, which also gives the search box its names).
    ``documents`` maps a document id to its ``url`` and ``publisher`` (the
    ``documents`` query's rows): a card links to its article when the
    address is an http(s) one.
    The page needs no network and writes no other file.
    """
    records = _checked(records)
    index = names if names is not None else NameIndex(record_names(records), bundled_gazetteer())
    kept = filter_records(records, about=about, speaker=speaker, names=index)
    graph = build_graph(kept)
    data = _network_json(graph)
    data.update(_desk(kept, index, documents or {}))
    claims = len(data["claims"])
    summary = f"{claims} claims, {len(graph.nodes)} nodes, {len(graph.edges)} edges"
    if about:
        summary += f"; about “{about}”"
    if speaker:
        summary += f"; said by “{speaker}”"
    if graph.static_layout:
        summary += "; precomputed layout"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="und">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{_inline(_asset('vis-network.css'), 'style')}</style>\n"
        f"<style>{_inline(_desk_asset('desk.css'), 'style')}</style>\n"
        "</head>\n<body>\n"
        f"<header><h1>{html.escape(title)}</h1><p id=\"kg-summary\">{html.escape(summary)}</p>\n"
        f"{_CONTROLS}{_legend()}</header>\n"
        '<main id="kg-main">\n'
        f'<div id="kg-graph" data-nodes="{len(graph.nodes)}" data-edges="{len(graph.edges)}"></div>\n'
        '<aside id="kg-side"><div id="kg-status"><span id="kg-count"></span>'
        '<button type="button" id="kg-clear">clear filters</button></div>'
        '<div id="kg-cards"></div></aside>\n'
        "</main>\n"
        '<footer id="kg-timeline" aria-label="claims by date"></footer>\n'
        f'<script type="application/json" id="kg-data">{_script_json(data)}</script>\n'
        f"<script>{_inline(_asset('vis-network.min.js'), 'script')}</script>\n"
        f"<script>{_inline(_desk_asset('desk.js'), 'script')}</script>\n"
        "</body>\n</html>\n"
    )


#: The search box and the filters (their choices are filled in by the page from its data).
_CONTROLS = (
    '<form id="kg-controls" autocomplete="off">'
    '<input type="search" id="kg-search" placeholder="search speakers, entities, claims" aria-label="search">'
    '<select id="kg-f-speaker" aria-label="speaker"><option value="">any speaker</option></select>'
    '<select id="kg-f-entity" aria-label="entity"><option value="">about anything</option></select>'
    '<select id="kg-f-type" aria-label="source type"><option value="">any source type</option></select>'
    '<select id="kg-f-polarity" aria-label="polarity"><option value="">asserts or denies</option></select>'
    '<select id="kg-f-quote" aria-label="quote type"><option value="">any quote type</option></select>'
    '<label>from <input type="date" id="kg-f-from"></label>'
    '<label>to <input type="date" id="kg-f-to"></label>'
    "</form>"
)


def render_store(store: Any, *, title: str = "kg", about: str | None = None, speaker: str | None = None) -> str:
    """The desk of a whole store (``kg viz``, ``kg demo``, ``kg serve``): its records, names and articles' addresses."""
    from kg import queries
    from kg.ask import name_index
    from kg.export import attribution_records

    records = attribution_records(store)
    # the graph's names, as `kg ask` resolves them, and the records' unresolved speakers
    names = name_index(store, extra=record_names(records))
    documents = {str(row["document"]): row for row in queries.run(store, "documents")}
    return render_html(records, title=title, about=about, speaker=speaker, names=names, documents=documents)


def write_html(records: Iterable[Mapping[str, Any]], path: str | Path, **kw: Any) -> Path:
    """Write :func:`render_html`'s page to ``path`` (and nothing else); return it.

    The parent directory must exist: creating folders is the caller's call.
    """
    target = Path(path)
    target.write_text(render_html(records, **kw), encoding="utf-8")
    return target
