"""Exporters: the attribution records of ARCHITECTURE.md §4, and RDF dumps.

Records are read back from the store with ``kg/queries/attributions.rq``,
``attribution_about.rq`` and ``quantities.rq``, not from the pipeline's
Python objects, so an export always shows what the graph says. The scorer
(``/work/shared/eval/score.py``) reads the JSONL.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from rdflib import Dataset

from kg import queries
from kg.errors import KGError, StoreError
from kg.rdf import mint

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "FORMATS", "FORMULA_STARTS", "RECORD_FIELDS", "attribution_records", "export", "jsonld_context", "network",
    "render", "spreadsheet_safe", "write_csv",
]

FORMATS: tuple[str, ...] = ("jsonl", "csv", "trig", "nquads", "jsonld", "gexf", "graphml")

# the export contract, in output order
RECORD_FIELDS: tuple[str, ...] = (
    "id", "document", "speaker", "speaker_id", "speaker_mention", "speaker_type",
    "cue", "content", "start", "end", "quote", "polarity", "certainty", "about",
    "reported_by", "reported_by_id", "date", "time_basis", "sentence", "sentence_index",
    "confidence", "rule", "quantities",
    # the document's, so an analyst can open the article a claim came from
    "document_url", "document_title", "publisher", "published",
)


class _Store(Protocol):
    def query(self, sparql: str, bindings: dict[str, object] | None = None) -> list[dict[str, object]]: ...
    def serialize(self, format: str) -> str: ...
    def to_dataset(self) -> Dataset: ...


def _record(row: dict[str, object]) -> dict[str, object]:
    stated, published = row["date"], row["published"]
    return {
        "id": mint.local_id(str(row["attribution"]), "attr"),
        "document": row["document"],
        "speaker": row["speaker"],
        "speaker_id": row["speaker_id"],
        "speaker_mention": row["speaker_mention"],
        "speaker_type": row["speaker_type"],
        "cue": row["cue"],
        "content": row["content"],
        "start": row["start"],
        "end": row["end"],
        "quote": row["quote"],
        "polarity": row["polarity"],
        "certainty": row["certainty"],
        "about": [],
        "reported_by": row["reported_by"],
        "reported_by_id": row["reported_by_id"],
        "date": stated.isoformat() if isinstance(stated, date) else stated,
        "time_basis": row["time_basis"],
        "sentence": row["sentence"],
        "sentence_index": row["sentence_index"],
        "confidence": row["confidence"],
        "rule": row["rule"],
        "quantities": [],
        "document_url": row["document_url"],
        "document_title": row["document_title"],
        "publisher": row["publisher"],
        "published": published.isoformat() if isinstance(published, date) else published,
    }


def _about_order(item: tuple[object, object]) -> tuple[bool, str, bool, str]:
    """SPARQL's ORDER BY ?about_label ?about_id (unbound first), which the export has always used."""
    label, about_id = item
    return (label is not None, str(label or ""), about_id is not None, str(about_id or ""))


def attribution_records(store: _Store, document: str | None = None) -> list[dict[str, object]]:
    """One dict per attribution (fields: RECORD_FIELDS), ordered by document and content start.

    Two queries, joined here: ``attributions`` gives a row per attribution
    and ``attribution_about`` a row per about item. Joined in SPARQL, each
    about item repeated the ~20 other columns and their lookups (twice the
    time on a 1.1 M-triple graph). A speaker with several labels gives
    several rows: the first value of each field is kept. About items come
    in label order; an entity counts once whatever its labels, an unlinked
    item once per label.
    """
    params = {"document": document} if document is not None else {}
    records: dict[str, dict[str, object]] = {}
    for row in queries.run(store, "attributions", **params):
        key = str(row["attribution"])
        record = records.get(key)
        if record is None:
            records[key] = _record(row)
        else:  # fill a field an earlier row of the same attribution left empty
            for field, value in _record(row).items():
                if record[field] is None and value is not None:
                    record[field] = value
    about: dict[str, list[tuple[object, object]]] = {}
    for row in queries.run(store, "attribution_about", **params):
        about.setdefault(str(row["attribution"]), []).append((row["about_label"], row["about_id"]))
    for key, items in about.items():
        record = records.get(key)
        if record is None:  # an attribution the first query does not list (a required field missing)
            continue
        seen: set[object] = set()
        for label, about_id in sorted(items, key=_about_order):
            about_key = about_id or (("label", label) if label else None)
            if about_key is not None and about_key not in seen:
                seen.add(about_key)
                record["about"].append({"label": label, "id": about_id})  # type: ignore[union-attr]
    for row in queries.run(store, "quantities", **params):
        record = records.get(str(row["attribution"]))
        if record is not None:
            record["quantities"].append(  # type: ignore[union-attr]
                {k: row[k] for k in ("text", "value", "bound", "event", "population", "unit", "start", "end")}
            )
    return list(records.values())


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS: str = "=+-@\t\r"


def spreadsheet_safe(value: object) -> object:
    """``value`` for a CSV cell: text a spreadsheet would run as a formula gets a leading ``'``.

    The OWASP remedy for CSV (formula) injection: quoted speech, names and
    figures come from the articles, and Greek dialogue opens with a dash
    ("- Δεν θα υποχωρήσουμε"), so any cell could start ``=HYPERLINK(…)``.
    A spreadsheet shows the text without the quote; numbers stay numbers.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def write_csv(rows: Iterable[Mapping[str, object]], out: TextIO, columns: Sequence[str], *, bom: bool = False) -> None:
    """``rows`` as CSV with a header, every cell :func:`spreadsheet_safe` (the one CSV writer of kg).

    ``bom`` starts the text with U+FEFF (the bytes EF BB BF in UTF-8): Excel
    reads a CSV file without it in the machine's legacy code page, which
    turns Greek into mojibake.
    """
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)


def _csv(records: list[dict[str, object]], *, bom: bool = False) -> str:
    out = io.StringIO()
    columns = [*RECORD_FIELDS[: RECORD_FIELDS.index("about") + 1], "about_id", *RECORD_FIELDS[RECORD_FIELDS.index("about") + 1 :]]
    rows = []
    for record in records:
        about = record["about"]
        row = dict(record)
        row["about"] = "; ".join(str(a["label"] or "") for a in about)  # type: ignore[union-attr]
        row["about_id"] = "; ".join(str(a["id"] or "") for a in about)  # type: ignore[union-attr]
        row["quantities"] = json.dumps(record["quantities"], ensure_ascii=False)
        rows.append(row)
    write_csv(rows, out, columns, bom=bom)
    return out.getvalue()


def jsonld_context() -> dict[str, object]:
    """The JSON-LD ``@context`` of kg's graphs (``ontology/context.jsonld``): readable keys for the ontology's terms.

    Its keys are the JSON Lines export's field names where the two meet
    (``speaker``, ``claim``, ``about``, ``quote``, ``polarity``, ``start`` …).
    """
    from kg.bundled import bundled

    path = bundled("ontology", "context.jsonld")
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def _plain(value: object) -> object:
    """An attribute value GEXF and GraphML can hold: tuples joined with "; " (None is dropped by the caller)."""
    if isinstance(value, (tuple, list, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return value


def network(store: _Store) -> nx.MultiDiGraph:
    """The speaker → claim → entity network of :func:`kg.analytics.claim_graph`, ready for Gephi and Cytoscape.

    Every node has a ``label`` (an entity's name, a claim's text) and a
    ``type`` (the entity's class, ``Claim`` for claims); every edge a
    ``label``, its relation (``asserts``, ``denies``, ``reported``,
    ``about``). An entity's stable id is ``entity_id`` (networkx's GEXF
    writer reserves ``key``). Empty attributes are left out and lists are
    joined with "; ", as both formats hold only plain values.
    """
    from kg.analytics.project import claim_graph

    graph = claim_graph(store)
    for _, data in graph.nodes(data=True):
        if data.get("kind") == "claim":
            data["type"] = "Claim"
        if "key" in data:
            data["entity_id"] = data.pop("key")
        for name, value in list(data.items()):
            if value is None or value == ():
                del data[name]
            else:
                data[name] = _plain(value)
    for _, _, data in graph.edges(data=True):
        data["label"] = data["relation"]
    return graph


def render(store: _Store, fmt: str, *, bom: bool = False) -> str:
    """The export as text: ``jsonl``, ``csv``, ``trig``, ``nquads``, ``jsonld``, ``gexf`` or ``graphml``.

    ``bom`` (csv only) starts the text with a byte order mark, for Excel.
    """
    if bom and fmt != "csv":
        raise KGError(f"a byte order mark is for the csv export, not {fmt}")
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in attribution_records(store))
    if fmt == "csv":
        return _csv(attribution_records(store), bom=bom)
    if fmt in ("trig", "nquads"):
        return store.serialize(fmt)
    if fmt == "jsonld":
        return store.to_dataset().serialize(format="json-ld", context=jsonld_context(), indent=2, ensure_ascii=False)
    if fmt in ("gexf", "graphml"):
        import networkx as nx

        buffer = io.BytesIO()  # the writers of files, not generate_*: those escape every Greek letter as &#...;
        (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(network(store), buffer, encoding="utf-8")
        return buffer.getvalue().decode("utf-8")
    raise KGError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")


def export(store: _Store, fmt: str, path: Path | str, *, bom: bool = False) -> Path:
    """Write the export to ``path`` (UTF-8) and return the path."""
    text = render(store, fmt, bom=bom)
    target = Path(path)
    try:
        target.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise StoreError(f"cannot write the {fmt} export to {target}: {error}") from error
    return target
