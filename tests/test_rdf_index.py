"""kg.rdf.index: each entity's claims ranked once per build, read a page at a time by IRI.

The fixture articles are copied under other ids with other dates (some
undated, several on one day), and the index is cut into pages of 2, so every
lookup spans many index pages and the page arithmetic is exercised.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from kg import queries
from kg.errors import KGError, QueryError, StoreError
from kg.ns import CA
from kg.rdf import index, mint
from kg.rdf.writer import GraphWriter, write_results
from kg.store import GraphStore
from kg.types import TimeRef

from rdf_fixtures import all_results, greek_result, hostile_result

SOLDIERS = mint.entity_iri("soldiers")
TOKAYEV = mint.entity_iri("tokayev")
PROTESTERS = mint.entity_iri("protesters")


def _copy(result, n: int, day: date | None):
    """The article again as ``copy-{n}``, every statement dated ``day`` (None: undated)."""
    doc_id = f"copy-{n:02d}"
    time = None if day is None else TimeRef(day, "publication")
    return dataclasses.replace(
        result,
        document=dataclasses.replace(result.document, id=doc_id),
        attributions=tuple(dataclasses.replace(a, document=doc_id, time=time) for a in result.attributions),
    )


def _days(n: int) -> date | None:
    """Copy n's date: undated every fifth copy, otherwise two copies a day, counting down (ranks differ from ids)."""
    return None if n % 5 == 0 else date(2022, 1, 20) - timedelta(days=n // 2)


COPIES = [_copy(greek_result(), n, _days(n)) for n in range(1, 12)]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(index, "PAGE_SIZE", 2)


@pytest.fixture
def store(small_pages):
    with GraphStore() as s:
        write_results(s, all_results() + COPIES)
        yield s


def _pages(store, entity, link=CA.claimPage) -> dict[int, list[str]]:
    """Page number → the attributions it lists, in rank order."""
    graph = store.graph(mint.INDEX_GRAPH)
    pages = {}
    for page in graph.objects(entity, link):
        members = sorted(
            (int(str(p).rpartition("_")[2]), str(o)) for p, o in graph.predicate_objects(page) if str(p).startswith(str(RDF) + "_")
        )
        pages[int(str(page).rpartition("/")[2])] = members
    return {n: [a for _, a in members] for n, members in sorted(pages.items())}


def _expected_order(store, entity) -> list[str]:
    rows = queries.run(store, "index_about", entity=entity)
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or date.min, str(r["doc"]), r["start"], str(r["attribution"])))
    return [str(r["attribution"]) for r in rows]


def test_index_ranks_dated_claims_by_date_then_document_and_undated_ones_last(store):
    order = _expected_order(store, SOLDIERS)
    assert len(order) == 1 + len(COPIES)
    pages = _pages(store, SOLDIERS)
    assert list(pages) == list(range(len(pages))) and all(len(p) == 2 for p in list(pages.values())[:-1])
    assert [a for page in pages.values() for a in page] == order
    ranks = [int(str(p).rpartition("_")[2]) for page in store.graph(mint.INDEX_GRAPH).objects(SOLDIERS, CA.claimPage)
             for p in store.graph(mint.INDEX_GRAPH).predicates(page) if str(p).startswith(str(RDF) + "_")]
    assert sorted(ranks) == list(range(1, len(order) + 1))
    rows = queries.run(store, "who_said_about", key="soldiers")
    dated = [r["date"] for r in rows if r["date"] is not None]
    assert dated == sorted(dated) and rows[-1]["date"] is None
    assert [r["date"] for r in rows].index(None) == len(dated), "undated claims come after every dated one"


@pytest.mark.parametrize(
    ("name", "key"),
    [("who_said_about", "soldiers"), ("timeline", "soldiers"), ("who_said_about", "protesters"), ("said_by", "tokayev")],
)
def test_index_pages_are_slices_of_the_whole_answer(store, name, key):
    whole = queries.run(store, name, key=key)
    assert len(whole) > 4 * index.PAGE_SIZE
    for limit in (1, 2, 3, 5):
        for offset in range(0, len(whole) + 2):
            assert queries.run(store, name, key=key, limit=limit, offset=offset) == whole[offset : offset + limit], (limit, offset)
    assert queries.run(store, name, key=key, limit=0) == []


def test_index_ranks_what_a_speaker_said_by_document_then_position(store):
    pages = _pages(store, TOKAYEV, CA.sourcePage)
    ranked = [a for page in pages.values() for a in page]
    rows = queries.run(store, "index_said", entity=TOKAYEV)
    assert ranked == [str(r["attribution"]) for r in sorted(rows, key=lambda r: (str(r["doc"]), r["start"], str(r["attribution"])))]
    assert len(ranked) > 4 * index.PAGE_SIZE and all(str(p).startswith(str(mint.KGR) + "index/said/") for p in
                                                     store.graph(mint.INDEX_GRAPH).objects(TOKAYEV, CA.sourcePage))
    said = queries.run(store, "said_by", key="tokayev")
    assert [r["claim"].replace("/claim/", "/attr/") for r in said] == ranked  # one row per attribution, in rank order


def test_timeline_is_the_dated_prefix_of_who_said_about(store):
    timeline = [(r["date"], r["content"], r["document"]) for r in queries.run(store, "timeline", key="soldiers")]
    everything = [(r["date"], r["content"], r["document"]) for r in queries.run(store, "who_said_about", key="soldiers")]
    assert timeline == [row for row in everything if row[0] is not None] == everything[: len(timeline)]


def test_a_page_reads_only_the_index_pages_holding_it():
    text = queries.load("who_said_about")
    paged, offset = queries._index_pages(text, {"key": 'x" } ; DROP ALL ; #'}, limit=50, offset=120)
    first, second = (mint.index_page_iri('x" } ; DROP ALL ; #', n) for n in (2, 3))
    assert f"VALUES ?page {{ {first.n3()} {second.n3()} }}" in paged and offset == 20
    assert "DROP ALL" not in paged  # the key is percent-encoded into the IRIs, never pasted
    assert queries._index_pages(text, {"key": "x"}, limit=None, offset=120) == (text, 120)
    assert list(index.page_numbers(50, 100)) == [2] and list(index.page_numbers(0, 7)) == [0]
    said, _ = queries._index_pages(queries.load("said_by"), {"key": "x"}, limit=10, offset=0)
    assert f"VALUES ?page {{ {mint.index_page_iri('x', 0, 'said').n3()} }}" in said
    with pytest.raises(KGError, match="ranking"):
        mint.index_page_iri("x", 0, "heard")


def test_replacing_a_document_re_ranks_the_entities_it_was_and_is_about(store):
    before = _pages(store, SOLDIERS)
    greek = greek_result()
    # the article rewritten without its claim about the soldiers
    kept = tuple(a for a in greek.attributions if "soldiers" not in {m.entity for m in a.about})
    changed = dataclasses.replace(greek, attributions=kept)
    write_results(store, [changed])
    after = _pages(store, SOLDIERS)
    flat = [a for page in after.values() for a in page]
    assert len(flat) == sum(map(len, before.values())) - 1 == len(set(flat))
    assert flat == _expected_order(store, SOLDIERS)
    assert len(queries.run(store, "claim_pages", entity=SOLDIERS)) == len(after)
    spoken = [a for page in _pages(store, TOKAYEV, CA.sourcePage).values() for a in page]  # Tokayev made that claim
    assert len(spoken) == len(set(spoken)) == len(queries.run(store, "index_said", entity=TOKAYEV))
    graph = store.graph(mint.INDEX_GRAPH)
    assert not list(graph.predicate_objects(mint.index_page_iri("soldiers", len(after))))  # no stale page left


def test_an_entity_with_no_claims_left_loses_its_pages(small_pages):
    with GraphStore() as store:
        write_results(store, [greek_result(), hostile_result()])
        assert _pages(store, SOLDIERS)
        greek = greek_result()
        write_results(store, [dataclasses.replace(greek, attributions=tuple(a for a in greek.attributions if "soldiers" not in {m.entity for m in a.about}))])
        assert _pages(store, SOLDIERS) == {}
        assert not list(store.graph(mint.INDEX_GRAPH).predicate_objects(mint.index_page_iri("soldiers", 0)))
        assert queries.run(store, "who_said_about", key="soldiers") == []


def test_re_ingesting_leaves_the_same_index(store):
    before = sorted(store.graph(mint.INDEX_GRAPH))
    written = write_results(store, COPIES[:3])
    assert written.indexed >= 2  # the entities those articles are about
    assert sorted(store.graph(mint.INDEX_GRAPH)) == before


def test_a_store_without_an_index_is_indexed_whole(store, small_pages):
    whole = sorted(store.graph(mint.INDEX_GRAPH))
    store.remove_graph(mint.INDEX_GRAPH)  # as a store built by an older kg
    for limit in (None, 5):  # an empty answer would be a wrong one
        with pytest.raises(QueryError, match="lacks.*kg build"):
            queries.run(store, "who_said_about", key="soldiers", limit=limit)
    writer = GraphWriter(store)
    writer.write(hostile_result())  # about other entities than the soldiers
    writer.finish()
    assert sorted(store.graph(mint.INDEX_GRAPH)) == whole
    assert queries.run(store, "index_size") == [{"size": 2}]


def test_an_index_of_another_page_size_is_indexed_anew(store, monkeypatch):
    monkeypatch.setattr(index, "PAGE_SIZE", 3)
    assert index.refresh_index(store, [str(PROTESTERS)]) > 2  # every entity, not only the one asked for
    assert queries.run(store, "index_size") == [{"size": 3}]
    assert all(len(page) == 3 for page in list(_pages(store, SOLDIERS).values())[:-1])
    whole = queries.run(store, "who_said_about", key="soldiers")
    assert queries.run(store, "who_said_about", key="soldiers", limit=4, offset=2) == whole[2:6]


def test_entities_outside_kg_are_left_out_of_the_index(store):
    foreign = URIRef("http://example.org/not-a-kg-entity")
    assert index.refresh_index(store, [str(foreign)]) == 0
    assert not list(store.graph(mint.INDEX_GRAPH).objects(foreign, CA.claimPage))


def test_edit_graph_drops_the_subjects_and_adds_the_triples_in_one_update():
    from rdflib import Graph, Literal

    with GraphStore() as store:
        g = Graph(identifier=URIRef("http://example.org/g"))
        a, b = URIRef("http://example.org/a"), URIRef("http://example.org/b")
        for s in (a, b):
            g.add((s, RDF.value, Literal(1)))
        store.replace_graph(g)
        new = Graph(identifier=g.identifier)
        new.add((a, RDF.value, Literal(2)))
        store.edit_graph(new, remove=[a])
        assert sorted(store.graph(g.identifier)) == sorted([(a, RDF.value, Literal(2)), (b, RDF.value, Literal(1))])
        with pytest.raises(StoreError, match="cannot write graph"):  # an IRI Oxigraph refuses, never pasted
            store.edit_graph(Graph(identifier=g.identifier), remove=["http://example.org/a> } ; DROP ALL ; #"])
        assert len(store.graph(g.identifier)) == 2


def test_an_empty_store_answers_nothing_without_complaint():
    with GraphStore() as store:
        write_results(store, [])
        assert store.graphs() == []
        assert queries.run(store, "who_said_about", key="soldiers", limit=5) == []
        assert queries.run(store, "timeline", key="soldiers") == []
