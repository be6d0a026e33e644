"""kg.rdf.writer: documents into a store, entities described once in the entity graph."""

from __future__ import annotations

import dataclasses

from rdflib import Literal

from kg import ns, queries
from kg.rdf import mint
from kg.rdf.writer import GraphWriter, write_results
from kg.store import GraphStore
from rdf_fixtures import BBC, GREEK_ID, ORPHAN_ID, TOKAYEV, add_orphan, all_results, greek_result, hostile_result

TOKAYEV_IRI = mint.entity_iri(TOKAYEV.id)


def _descriptions(store: GraphStore, entity) -> int:
    """How many graphs of the store describe the entity (give it a class)."""
    return len(store.query("SELECT ?e ?g WHERE { GRAPH ?g { ?e a ?c } }", {"e": entity}))


def test_writer_describes_each_entity_once_whatever_the_number_of_documents() -> None:
    with GraphStore() as store:
        greek = greek_result()
        copies = [dataclasses.replace(greek, document=dataclasses.replace(greek.document, id=f"copy-{i}")) for i in range(5)]
        write_results(store, copies)
        assert _descriptions(store, TOKAYEV_IRI) == 1
        rows = queries.run(store, "who_said_about", key="soldiers")
        assert sorted(r["document"] for r in rows) == [f"copy-{i}" for i in range(5)]  # one row each


def test_writer_keeps_labels_across_builds_and_knows_them() -> None:
    with GraphStore() as store:
        write_results(store, [greek_result()])
        writer = GraphWriter(store)
        assert writer.known_labels()[TOKAYEV.id] == (("el", TOKAYEV.label),)
        renamed = dataclasses.replace(TOKAYEV, label="Τοκάγεφ", aliases=())
        result = dataclasses.replace(hostile_result(), entities=(renamed,))
        writer.write(result)
        writer.finish()
        entities = store.graph(mint.ENTITY_GRAPH)
        assert list(entities.objects(TOKAYEV_IRI, ns.SKOS.prefLabel)) == [Literal("Τοκάγεφ", lang="el")]
        assert Literal(TOKAYEV.label, lang="el") in set(entities.objects(TOKAYEV_IRI, ns.SKOS.altLabel))


def test_writer_drops_entities_no_document_mentions_any_more() -> None:
    with GraphStore() as store:
        write_results(store, all_results())
        add_orphan(store)
        assert [r["key"] for r in queries.run(store, "orphan_entities")] == [ORPHAN_ID]
        # the Greek article rewritten without the BBC: its description goes with its last mention
        greek = greek_result()
        kept = tuple(a for a in greek.attributions if BBC.id not in {m.entity for m in (a.source, a.reported_by, *a.about) if m})
        assert len(kept) < len(greek.attributions)
        described = {e.id for e in greek.entities} - {BBC.id}
        changed = dataclasses.replace(greek, attributions=kept, entities=tuple(e for e in greek.entities if e.id in described))
        mentioned = {m.entity for a in kept + hostile_result().attributions for m in (a.source, a.reported_by, *a.about) if m}
        assert BBC.id not in mentioned
        write_results(store, [changed])
        keys = {r["key"] for r in queries.run(store, "entities")}
        assert ORPHAN_ID not in keys and BBC.id not in keys
        assert TOKAYEV.id in keys
        assert queries.run(store, "orphan_entities") == []
        assert store.graph(mint.document_iri(GREEK_ID))  # the document itself is there


def test_writer_with_nothing_written_leaves_no_entity_graph() -> None:
    with GraphStore() as store:
        written = write_results(store, [])
        assert (written.entities, written.conflicts) == (0, 0)
        assert store.graphs() == []


def test_writer_keeps_each_language_and_the_latest_name() -> None:
    """Two documents describe an entity in two languages: both preferred labels stay; the later
    document's primary description gives the name."""
    english = dataclasses.replace(TOKAYEV, label="Tokayev", aliases=("Kassym-Jomart Tokayev",), roles=(), lang="en")
    with GraphStore() as store:
        writer = GraphWriter(store)
        writer.write(greek_result())
        writer.write(dataclasses.replace(hostile_result(), entities=(english, TOKAYEV)))
        writer.finish()
        entities = store.graph(mint.ENTITY_GRAPH)
        assert set(entities.objects(TOKAYEV_IRI, ns.SKOS.prefLabel)) == {
            Literal(TOKAYEV.label, lang="el"), Literal("Tokayev", lang="en"),
        }
        assert list(entities.objects(TOKAYEV_IRI, ns.SCHEMA.name)) == [Literal("Tokayev", lang="en")]
        assert GraphWriter(store).known_labels()[TOKAYEV.id] == (("en", "Tokayev"), ("el", TOKAYEV.label))


def test_writer_warns_when_another_file_replaces_a_document() -> None:
    """The same file name from another folder (index.html) replaces a document: said, naming both paths."""
    greek = greek_result()
    moved = dataclasses.replace(greek, document=dataclasses.replace(greek.document, path="elsewhere/greek.html"))
    with GraphStore() as store:
        assert GraphWriter(store).write(greek) is None  # new: nothing replaced
        assert GraphWriter(store).write(greek) is None  # the same file again: an update in place
        warning = GraphWriter(store).write(moved)
        assert warning is not None and warning.level == "warning" and warning.document == GREEK_ID
        assert warning.path == "elsewhere/greek.html" and "articles/greek.html" in warning.problem
        assert [r["source"] for r in queries.run(store, "document_source", doc=mint.document_iri(GREEK_ID))] == ["elsewhere/greek.html"]


def test_writer_a_json_lines_record_that_moved_is_no_replacement() -> None:
    greek = greek_result()
    at = lambda where: dataclasses.replace(greek, document=dataclasses.replace(greek.document, path=where))  # noqa: E731
    with GraphStore() as store:
        write_results(store, [at("feed.jsonl:3")])
        assert GraphWriter(store).write(at("feed.jsonl:7")) is None
        assert GraphWriter(store).write(at("other.jsonl:7")) is not None
