"""Document results into a store: the one write path of ``kg build``, the tests and the benchmarks.

A document's graph is written as soon as it is built (one transaction, so a
failing document costs only itself). What spans documents is written once,
by :meth:`GraphWriter.finish`: the entity graph (an entity's label can still
change while later documents are linked), the derived graph of
conflicting figures (kg.conflicts) and the claim index (kg.rdf.index) of
the entities whose claims changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg import queries
from kg.conflicts import refresh_derived
from kg.ns import CA, SCHEMA, SKOS
from kg.rdf.build import described_entities, document_graph, merge_entities
from kg.rdf.index import refresh_index
from kg.rdf.mint import ENTITY_GRAPH
from kg.types import Diagnostic, Document, DocumentResult, Entity

__all__ = ["GraphWriter", "Written", "write_results"]


@dataclass(frozen=True, slots=True)
class Written:
    """What :meth:`GraphWriter.finish` left in the store."""

    entities: int  # entities the entity graph describes
    conflicts: int  # pairs of conflicting figures in the whole graph
    indexed: int  # rankings of an entity's claims written anew (kg.rdf.index)


class GraphWriter:
    """Writes :class:`DocumentResult` s into a store (embedded or remote) and keeps the entity graph whole.

    Call :meth:`write` per document, then :meth:`finish` once; until then the
    store's entity graph is the previous one.
    """

    def __init__(self, store) -> None:
        self.store = store
        self._previous = store.graph(ENTITY_GRAPH)
        self._entities: dict[str, dict[str | None, Entity]] = {}  # id → language → description, the primary first
        self._named: set[str] = set()  # entities whose claims (about or by them) changed: their index pages are stale

    def known_labels(self) -> dict[str, tuple[tuple[str | None, str], ...]]:
        """Entity id → the preferred labels the store already gives it, (language, text), its name first
        (for ``Linker.remember``). An entity written before 0.5 has one preferred label, its name."""
        g = self._previous
        labels = {}
        for node, key in g.subject_objects(SCHEMA.identifier):
            if not isinstance(key, Literal):
                continue
            name = g.value(node, SCHEMA.name)
            preferred = [label for label in g.objects(node, SKOS.prefLabel) if isinstance(label, Literal)]
            if name is None and len(preferred) != 1:
                continue  # no name to keep
            preferred.sort(key=lambda label: (label != name, str(label), label.language or ""))
            labels[str(key)] = tuple((label.language, str(label)) for label in preferred)
        return labels

    def write(self, result: DocumentResult) -> Diagnostic | None:
        """Replace the document's named graph; remember the entities it describes and those its claims name.

        Returns a warning when the document replaced was read from another
        file (same name, another folder: ``index.html``), which is otherwise silent.
        """
        graph = document_graph(result)
        warning = _replaced_from_elsewhere(self.store, result.document, graph.identifier)
        self._named.update(str(row["entity"]) for row in queries.run(self.store, "document_entities", doc=graph.identifier))
        self._named.update(str(o) for p in (SCHEMA.about, CA.source) for o in graph.objects(None, p))
        self.store.replace_graph(graph)
        described: dict[str, dict[str | None, Entity]] = {}
        for entity in described_entities(result):
            described.setdefault(entity.id, {})[entity.lang] = entity
        for key, descriptions in described.items():
            # the later primary description comes first; every language described before stays
            earlier = self._entities.get(key, {})
            merged = {lang: _later(earlier[lang], e) if lang in earlier else e for lang, e in descriptions.items()}
            self._entities[key] = merged | {lang: e for lang, e in earlier.items() if lang not in merged}
        return warning

    def finish(self) -> Written:
        """Merge the entities written since the start into the entity graph, then refresh the derived graph and the index.

        Entities no document refers to any more (their last document was
        replaced) are dropped.
        """
        orphans = {URIRef(str(row["entity"])) for row in queries.run(self.store, "orphan_entities")}
        descriptions = [e for by_lang in self._entities.values() for e in by_lang.values()]
        merged = merge_entities(self._previous, descriptions, drop=orphans)
        if len(merged):
            self.store.replace_graph(merged)
        else:
            self.store.remove_graph(ENTITY_GRAPH)
        self._previous, self._entities = merged, {}
        indexed, self._named = refresh_index(self.store, self._named), set()
        return Written(
            entities=len(set(merged.subjects(SCHEMA.identifier, None))),
            conflicts=refresh_derived(self.store),
            indexed=indexed,
        )


def _replaced_from_elsewhere(store, document: Document, iri: URIRef) -> Diagnostic | None:
    """A warning when the store's version of ``document`` came from another file than this one."""
    if not document.path:
        return None
    before = {str(row["source"]) for row in queries.run(store, "document_source", doc=iri)}
    if not before or _file_of(document.path) in map(_file_of, before):
        return None
    return Diagnostic(
        document.path,
        f"replaces document {document.id!r} read before from {', '.join(sorted(before))} (same id, another file)",
        document.id,
        "warning",
    )


def _file_of(source: str) -> str:
    """The file of a source location: a JSON Lines record's ``file:line`` without its line (records move)."""
    file, sep, line = source.rpartition(":")
    return file if sep and line.isdigit() and file.lower().endswith(".jsonl") else source


def _later(earlier: Entity, later: Entity) -> Entity:
    """The later description of an entity in one language, keeping every name and role the earlier one had."""
    label = later.label or earlier.label
    names = set(earlier.aliases) | set(later.aliases) | {earlier.label}
    names -= {label, ""}
    return Entity(
        id=later.id, label=label, type=later.type, aliases=tuple(sorted(names)),
        roles=tuple(sorted(set(earlier.roles) | set(later.roles))), lang=later.lang,
        wikidata=later.wikidata or earlier.wikidata,
    )


def write_results(store, results: Iterable[DocumentResult]) -> Written:
    """Write documents, their entities and the conflicts among them into a store."""
    writer = GraphWriter(store)
    for result in results:
        writer.write(result)
    return writer.finish()
