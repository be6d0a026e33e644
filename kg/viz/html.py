"""Draw attribution records as one self-contained, offline HTML page.

The page is built from pyvis's network data (nodes, edges, options), but not
with pyvis's own writer: its default mode writes a ``lib/`` folder next to the
page and its ``in_line`` mode still loads bootstrap and tom-select from a CDN.
Here the vis-network JavaScript and CSS that ship inside the pyvis wheel are
inlined instead, so the page works from a file, offline, with no request
leaving the browser (a Content-Security-Policy of ``default-src 'none'``
enforces that).

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
  U+2028/2029 escaped, and tooltips are built in the page as DOM elements
  with ``textContent`` (vis-network would render a string ``title`` as HTML).
  Labels are drawn on a canvas, which never interprets markup.
* Above :data:`STATIC_LAYOUT_THRESHOLD` nodes the browser's physics is too slow
  to settle, so positions come from networkx's seeded ``spring_layout`` and
  physics is off; smaller graphs keep physics with a fixed random seed. Nodes
  and edges are sorted, so the same records always give the same page.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from kg.errors import InputError, KGError, NameNotFound
from kg.lexicons import fold
from kg.link.resolve import NameIndex, Named, bundled_gazetteer
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
    "claim": ("claim", "box", "#ffd27f"),
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
    claims: int = 0


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


def build_graph(records: Iterable[Mapping[str, Any]]) -> GraphData:
    """Turn attribution records into sorted vis-network nodes and edges.

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
                agent(key, "entity", item.get("id"), item.get("label"))
                edges[(claim_id, "about", key)] = None

        key = _agent_key(record.get("reported_by_id"), record.get("reported_by"))
        if key is not None:
            agent(key, "reporter", record.get("reported_by_id"), record.get("reported_by"))
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
        nodes.append(_node(key, kind, label, tip))

    for key, record in claims.items():
        content = _text(record.get("content"))
        tip = [["claim", content]]
        for name in ("polarity", "cue", "quote", "speaker_mention", "sentence",
                     "document", "date", "reported_by", "confidence", "id"):
            if record.get(name) is not None and record.get(name) != "":
                tip.append([name, _text(record[name])])
        nodes.append(_node(key, "claim", _short(content), tip))

    for document, count in documents.items():
        nodes.append(_node(f"d:{document}", "document", document,
                           [["document", document], ["claims", str(count)]]))

    nodes.sort(key=lambda n: n["id"])
    edge_list = [
        _edge(source, label, target) for source, label, target in sorted(edges)
    ]
    return GraphData(nodes, edge_list, len(nodes) > STATIC_LAYOUT_THRESHOLD)


def _node(node_id: str, kind: str, label: str, tip: list[list[str]]) -> dict[str, Any]:
    _, shape, colour = NODE_STYLES[kind]
    return {"id": node_id, "kind": kind, "label": label, "shape": shape,
            "color": colour, "tip": tip}


def _edge(source: str, label: str, target: str) -> dict[str, Any]:
    colour, dashes = EDGE_STYLES[label]
    return {"id": f"{source}\u241f{label}\u241f{target}", "from": source, "to": target,
            "label": label, "color": colour, "dashes": dashes,
            "width": 2 if label == "denies" else 1}


def _positions(graph: GraphData) -> dict[str, tuple[float, float]]:
    """Seeded force layout; nodes and edges enter sorted, so it repeats.

    networkx's ``spring_layout`` switches to a scipy sparse solver at 500
    nodes, and scipy is only an optional networkx dependency; without it the
    same Fruchterman–Reingold model runs in numpy (:func:`_numpy_spring`).
    """
    ids = [n["id"] for n in graph.nodes]
    pairs = [(e["from"], e["to"]) for e in graph.edges]
    scale = 40.0 * max(len(ids), 1) ** 0.5
    try:
        import scipy  # noqa: F401  (only probing whether networkx can use it)
    except ImportError:
        layout = _numpy_spring(ids, pairs, seed=_SEED, scale=scale)
    else:
        g = nx.Graph()
        g.add_nodes_from(ids)
        g.add_edges_from(pairs)
        layout = nx.spring_layout(g, seed=_SEED, scale=scale)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in layout.items()}


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
    physics: dict[str, Any] = {"enabled": not static}
    if not static:
        physics.update(
            solver="barnesHut",
            barnesHut={"gravitationalConstant": -4000, "springLength": 120},
            stabilization={"enabled": True, "iterations": 400, "fit": True},
        )
    return {
        "physics": physics,
        "layout": {"randomSeed": _SEED, "improvedLayout": not static},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "nodes": {"font": {"size": 14}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"size": 10, "align": "middle"},
                  "smooth": {"enabled": not static, "type": "dynamic"}},
    }


def _network_json(graph: GraphData) -> dict[str, Any]:
    """Pass the graph through pyvis and take back its network data."""
    net = Network(directed=True)
    positions = _positions(graph) if graph.static_layout else {}
    for node in graph.nodes:
        extra = dict(node)
        node_id, shape, label = extra.pop("id"), extra.pop("shape"), extra.pop("label")
        if node_id in positions:
            extra["x"], extra["y"] = positions[node_id]
            extra["physics"] = False
        net.add_node(node_id, label=label, shape=shape, **extra)
    for edge in graph.edges:
        extra = dict(edge)
        net.add_edge(extra.pop("from"), extra.pop("to"), **extra)
    net.options = _options(graph.static_layout)
    nodes, edges, _, _, _, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


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

_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 6px 12px; border-bottom: 1px solid #ddd; }
header h1 { font-size: 16px; margin: 0 0 4px 0; }
header p { margin: 0; font-size: 12px; color: #555; }
.kg-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; margin-top: 4px; }
.kg-legend span { white-space: nowrap; }
.kg-swatch { display: inline-block; width: 11px; height: 11px; margin-right: 4px;
             vertical-align: middle; border: 1px solid #666; }
.kg-line { display: inline-block; width: 22px; margin-right: 4px; vertical-align: middle;
           border-top-width: 2px; }
#kg-graph { flex: 1; min-height: 400px; }
.kg-tip { max-width: 480px; white-space: normal; font-size: 12px; }
.kg-tip b { color: #333; }
"""

_PAGE_JS = """
(function () {
  "use strict";
  var container = document.getElementById("kg-graph");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function tooltip(rows) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    rows.forEach(function (row) {
      var line = document.createElement("div");
      var key = document.createElement("b");
      key.textContent = row[0] + ": ";
      var value = document.createElement("span");
      value.textContent = row[1];
      line.appendChild(key);
      line.appendChild(value);
      box.appendChild(line);
    });
    return box;
  }
  var nodes = data.nodes.map(function (node) {
    var copy = Object.assign({}, node);
    copy.title = tooltip(node.tip || []);
    delete copy.tip;
    delete copy.kind;
    return copy;
  });
  if (typeof vis === "undefined") {
    container.textContent = "vis-network failed to load.";
    return;
  }
  var network = new vis.Network(
    container,
    {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(data.edges)},
    data.options
  );
  container.setAttribute("data-nodes-drawn", String(Object.keys(network.getPositions()).length));
  container.setAttribute("data-edges-drawn", String(network.body.data.edges.length));
  window.kgNetwork = network;
})();
"""


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


def render_html(
    records: Iterable[Mapping[str, Any]],
    *,
    title: str = "kg",
    about: str | None = None,
    speaker: str | None = None,
    names: NameIndex | None = None,
) -> str:
    """Return one self-contained HTML page drawing the attribution graph.

    ``about`` / ``speaker`` keep only the claims about the entity / by the
    speaker the name names, in any spelling or script (see :func:`filter_records`;
    ``names`` is its name index).
    The page needs no network and writes no other file.
    """
    graph = build_graph(filter_records(records, about=about, speaker=speaker, names=names))
    network = _network_json(graph)
    claims = sum(1 for n in graph.nodes if n["kind"] == "claim")
    summary = f"{claims} claims, {len(graph.nodes)} nodes, {len(graph.edges)} edges"
    if about:
        summary += f"; about “{about}”"
    if speaker:
        summary += f"; said by “{speaker}”"
    if graph.static_layout:
        summary += "; precomputed layout, physics off"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="und">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{_inline(_asset('vis-network.css'), 'style')}</style>\n"
        f"<style>{_PAGE_CSS}</style>\n"
        "</head>\n<body>\n"
        f"<header><h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p>{_legend()}</header>\n"
        f'<div id="kg-graph" data-nodes="{len(graph.nodes)}" data-edges="{len(graph.edges)}"></div>\n'
        f'<script type="application/json" id="kg-data">{_script_json(network)}</script>\n'
        f"<script>{_inline(_asset('vis-network.min.js'), 'script')}</script>\n"
        f"<script>{_PAGE_JS}</script>\n"
        "</body>\n</html>\n"
    )


def write_html(records: Iterable[Mapping[str, Any]], path: str | Path, **kw: Any) -> Path:
    """Write :func:`render_html`'s page to ``path`` (and nothing else); return it.

    The parent directory must exist: creating folders is the caller's call.
    """
    target = Path(path)
    target.write_text(render_html(records, **kw), encoding="utf-8")
    return target
