"""kg.store.GraphStore: atomic graph replacement, typed results, bound parameters, errors."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.rdf import mint
from kg.rdf.build import build_dataset, document_graph
from kg.store import GraphStore
from rdf_fixtures import GREEK_ID, HOSTILE, HOSTILE_ID, all_results, assert_isomorphic, greek_result, fixture_store

ASK_ANY = "ASK { ?s ?p ?o }"


@pytest.fixture
def store() -> GraphStore:
    with fixture_store() as s:
        yield s


def test_store_graphs_and_len(store: GraphStore) -> None:
    documents = [str(mint.document_iri(GREEK_ID)), str(mint.document_iri(HOSTILE_ID))]
    assert store.graphs() == sorted([*documents, str(mint.ENTITY_GRAPH), str(mint.INDEX_GRAPH)])
    expected = sum(len(document_graph(r)) for r in all_results()) + len(build_dataset(all_results()).graph(mint.ENTITY_GRAPH))
    assert len(store) == expected + len(store.graph(mint.INDEX_GRAPH))


def test_store_reingest_never_duplicates(store: GraphStore) -> None:
    before = len(store)
    snapshot = store.to_dataset()
    for result in all_results():
        store.replace_graph(document_graph(result))
    assert len(store) == before
    after = store.to_dataset()
    for iri in store.graphs():
        assert_isomorphic(snapshot.graph(URIRef(iri)), after.graph(URIRef(iri)))


def test_store_replace_drops_stale_triples(store: GraphStore) -> None:
    result = greek_result()
    changed = dataclasses.replace(result, attributions=result.attributions[:1])
    store.replace_graph(document_graph(changed))
    assert_isomorphic(document_graph(changed), store.graph(mint.document_iri(GREEK_ID)))
    stale = mint.attribution_iri(result.attributions[1].id)
    assert not store.ask("ASK { ?s ?p ?o }", {"s": stale})


def test_store_round_trip_is_isomorphic(store: GraphStore) -> None:
    built = build_dataset(all_results())
    back = store.to_dataset()
    for result in all_results():
        iri = mint.document_iri(result.document.id)
        assert_isomorphic(built.graph(iri), back.graph(iri))
        assert_isomorphic(built.graph(iri), store.graph(iri))


def test_store_remove_graph(store: GraphStore) -> None:
    store.remove_graph(mint.document_iri(HOSTILE_ID))
    assert store.graphs() == sorted([str(mint.document_iri(GREEK_ID)), str(mint.ENTITY_GRAPH), str(mint.INDEX_GRAPH)])
    assert len(store.graph(mint.document_iri(GREEK_ID))) == len(document_graph(greek_result()))
    assert len(store.graph(mint.document_iri(HOSTILE_ID))) == 0
    store.remove_graph(mint.document_iri("never-there"))  # absent: no error


def test_store_query_converts_values(store: GraphStore) -> None:
    rows = store.query(
        """SELECT ?doc ?published ?count ?conf ?lang ?none ?wanted WHERE {
             ?doc schema:identifier ?wanted ; schema:datePublished ?published ; ca:sentenceCount ?count .
             ?a ca:inDocument ?doc ; ca:confidence ?conf ; ca:sentenceText ?lang .
           } ORDER BY ?conf LIMIT 1""",
        {"wanted": GREEK_ID},
    )
    assert rows == [
        {
            "doc": str(mint.document_iri(GREEK_ID)),
            "published": date(2022, 1, 7),
            "count": 4,
            "conf": 0.6,
            "lang": "Σύμφωνα με πληροφορίες, 748 άνθρωποι τραυματίστηκαν",
            "none": None,
            "wanted": GREEK_ID,
        }
    ]


def test_store_bindings_are_literal_values(store: GraphStore) -> None:
    before = len(store)
    query = "SELECT ?a ?rule WHERE { ?a ca:rule ?rule }"
    assert [r["a"] for r in store.query(query, {"rule": HOSTILE})] != []  # matched as a value...
    assert store.query(query, {"?rule": 'x" } ; DROP ALL ; #"'}) == []  # ...never as text
    assert len(store) == before
    iri_query = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label }"
    rows = store.query(iri_query, {"s": mint.entity_iri("bbc")})
    assert rows == [{"s": str(mint.entity_iri("bbc")), "label": "BBC"}]
    assert store.query(iri_query, {"s": str(mint.entity_iri("bbc"))}) == []  # a str is a literal, not an IRI


@pytest.mark.parametrize(
    "value",
    [True, 3, 0.5, date(2022, 1, 7), Literal("x", lang="el"), URIRef("https://example.org/x")],
)
def test_store_binds_python_values(value: object) -> None:
    with GraphStore() as s:
        rows = s.query("SELECT ?v WHERE {}", {"v": value})
    expected = str(value) if isinstance(value, (Literal, URIRef)) else value
    assert rows == [{"v": expected}]


def test_store_rejects_unbindable_values(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="cannot bind a list"):
        store.query("SELECT ?v WHERE {}", {"v": [1]})


@pytest.mark.parametrize("bad", ["SELEC ?x WHERE {}", "DROP ALL", "SELECT ?x WHERE { ?x ?y }"])
def test_store_bad_sparql_is_a_query_error(store: GraphStore, bad: str) -> None:
    before = len(store)
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.query(bad)
    assert len(store) == before


def test_store_binding_must_be_projected(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="projection"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": "x"})


def test_store_ask_and_kind_mismatch(store: GraphStore) -> None:
    assert store.ask(ASK_ANY)
    with pytest.raises(QueryError):
        store.query(ASK_ANY)
    with pytest.raises(QueryError):
        store.ask("SELECT ?s WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_store_dump_reloads(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    store.dump(path, fmt)
    reloaded = Dataset().parse(path, format=fmt)
    for iri in store.graphs():
        assert_isomorphic(store.graph(iri), reloaded.graph(URIRef(iri)))
    with GraphStore() as other:
        assert other.load(path, fmt) == 4  # two documents, the entity graph and the claim index
        assert len(other) == len(store)


def test_store_dump_unknown_format(store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="valid formats: trig, nquads"):
        store.dump(tmp_path / "x", "rdfxml")


def test_store_on_disk_persists(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with GraphStore(folder) as s:
        for result in all_results():
            s.replace_graph(document_graph(result))
        size = len(s)
    with GraphStore(folder) as s:
        assert len(s) == size
        s.replace_graph(document_graph(greek_result()))
        assert len(s) == size


def test_store_on_disk_errors_name_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a store")
    with pytest.raises(StoreError, match="a-file"):
        GraphStore(blocker)


def test_store_closed_store_fails_loudly() -> None:
    s = GraphStore()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        len(s)


def test_store_graph_needs_an_iri() -> None:
    with GraphStore() as s, pytest.raises(StoreError, match="IRI"):
        s.replace_graph(Graph())


def test_store_hostile_strings_survive(store: GraphStore) -> None:
    rows = store.query(
        "SELECT ?text ?want WHERE { ?c schema:text ?text ; ca:inDocument ?d . ?d schema:identifier ?want }",
        {"want": HOSTILE_ID},
    )
    assert rows == [{"text": HOSTILE + "\n<b>", "want": HOSTILE_ID}]


def test_store_folder_is_locked_while_open(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with GraphStore(folder):
        with pytest.raises(StoreError, match=str(folder)):
            GraphStore(folder)
    with GraphStore(folder) as again:  # closing released the lock
        assert len(again) == 0


def test_store_read_only_opens_side_by_side_and_writes_nothing(tmp_path: Path) -> None:
    """Readers take no lock (several at once, beside a build's backup) and change no file of the folder."""
    folder = tmp_path / "store"
    with GraphStore(folder) as s:
        s.replace_graph(document_graph(greek_result()))
        size = len(s)
    files = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    with GraphStore(folder, read_only=True) as a, GraphStore(folder, read_only=True) as b:
        assert len(a) == len(b) == size
        with pytest.raises(StoreError, match="read-only"):
            a.replace_graph(document_graph(greek_result()))
        with pytest.raises(StoreError, match="read-only"):
            a.remove_graph(mint.document_iri(GREEK_ID))
        a.backup(tmp_path / "copy")  # what a build does with the current store
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == files
    with GraphStore(tmp_path / "copy", read_only=True) as copy:
        assert len(copy) == size


def test_store_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="nothing-here"):
        GraphStore(tmp_path / "nothing-here", read_only=True)
    assert not (tmp_path / "nothing-here").exists()
