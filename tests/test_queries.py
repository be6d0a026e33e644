"""kg.queries: every .rq file is documented, runs on fixture data and gives the expected rows."""

from __future__ import annotations

import dataclasses

from pathlib import Path

import pytest
from rdflib import Literal

from kg import ns, queries
from kg.errors import QueryError
from kg.rdf import mint
from kg.store import GraphStore
from rdf_fixtures import add_orphan, greek_result, hostile_result, GREEK_ID, HOSTILE, HOSTILE_ID, all_results, figure_results, fixture_store

TOKAYEV = "Κασίμ-Ζομάρτ Τοκάγιεφ"
PARAMS = {
    "said_by": {"key": "tokayev"},
    "who_said_about": {"key": "soldiers"},
    "timeline": {"key": "protesters"},
    "claims_between": {"start": "2022-01-01", "end": "2022-01-31"},
    "claim_pages": {"entity": str(mint.entity_iri("soldiers"))},
    "document_entities": {"doc": str(mint.document_iri(GREEK_ID))},
    "document_source": {"doc": str(mint.document_iri(GREEK_ID))},
}


@pytest.fixture(scope="module")
def store() -> GraphStore:
    with fixture_store() as s:
        yield s


def test_queries_bundled_names() -> None:
    assert {"attributions", "who_said_what", "said_by"} <= set(queries.names())


@pytest.fixture(scope="module")
def full_store() -> GraphStore:
    """The fixtures plus the documents of figures, which the quantity queries need."""
    with fixture_store(all_results() + figure_results()) as s:
        add_orphan(s)  # so that orphan_entities has a row to show
        yield s


@pytest.mark.parametrize("name", queries.names())
def test_queries_header_matches_results(full_store: GraphStore, name: str) -> None:
    info = queries.info(name)
    assert info.question, f"{name}.rq has no '# question:'"
    assert info.columns, f"{name}.rq has no '# columns:'"
    assert "# parameters:" in queries.load(name)
    rows = queries.run(full_store, name, **PARAMS.get(name, {}))
    assert rows, f"{name} returned nothing on the fixtures"
    assert all(list(row) == list(info.columns) for row in rows)
    assert len(rows) == len({tuple(map(str, r.values())) for r in rows}), "duplicate rows: missing DISTINCT?"


def test_queries_who_said_what_uses_shortcuts_only(store: GraphStore) -> None:
    rows = queries.run(store, "who_said_what")
    got = {(r["speaker_label"], r["content"], r["entity_label"]) for r in rows}
    assert got == {
        (TOKAYEV, "οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση", "στρατιώτες"),
        (TOKAYEV, "Η τάξη αποκαταστάθηκε", "δημόσια τάξη"),
        (TOKAYEV, HOSTILE + "\n<b>", "more"),
    }  # the ministry's denial is absent: it is ca:denies, not ca:asserts
    text = queries.load("who_said_what")
    body = text[text.index("WHERE") :]
    assert "ca:Attribution" not in body and "ca:source" not in body


@pytest.mark.parametrize("key", ["tokayev", str(mint.entity_iri("tokayev"))])
def test_queries_said_by_id_or_iri(store: GraphStore, key: str) -> None:
    rows = queries.run(store, "said_by", key=key)
    assert {(r["document"], r["polarity"], r["content"]) for r in rows} == {
        (GREEK_ID, "asserts", "οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση"),
        (GREEK_ID, "asserts", "Η τάξη αποκαταστάθηκε"),
        (HOSTILE_ID, "asserts", HOSTILE + "\n<b>"),
    }


def test_queries_said_by_includes_denials(store: GraphStore) -> None:
    rows = queries.run(store, "said_by", key="ministry-interior")
    assert [(r["polarity"], r["content"]) for r in rows] == [("denies", "σκοτώθηκαν διαδηλωτές")]


@pytest.mark.parametrize("hostile", ['x" } ; DROP ALL ; #', "tokayev' || true || '", "?key", "<urn:x> } UNION { ?s ?p ?o"])
def test_queries_hostile_parameter_is_bound_literally(store: GraphStore, hostile: str) -> None:
    before = len(store)
    assert queries.run(store, "said_by", key=hostile) == []
    assert len(store) == before


@pytest.mark.parametrize(
    "text",
    ['x\n\\"', 'line one\n"quoted\\"', "a\r\nb\\", '"""\n\\""', "tab\tand \x1b[31m escape", "κείμενο\n— «παράθεση»"],
)
def test_queries_text_parameter_is_bound_exactly(store: GraphStore, text: str) -> None:
    # a line break with a backslash-quote at the end was written by rdflib as a malformed long string
    assert store.query("SELECT ?v WHERE { }", {"v": text}) == [{"v": text}]
    assert queries.run(store, "quantities", document=text) == []


def test_queries_bad_iri_parameter_is_kgs_error_only(store: GraphStore, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG"), pytest.raises(QueryError, match=r"parameter 'doc' must be an absolute IRI.*'a b>'"):
        queries.run(store, "document_entities", doc="a b>")
    assert caplog.records == []  # rdflib's "does not look like a valid URI" is not logged first


def test_queries_attributions_one_row_per_attribution(store: GraphStore) -> None:
    rows = queries.run(store, "attributions")
    assert len(rows) == len({r["attribution"] for r in rows}) == 5  # about items are attribution_about's
    keys = [(r["document"], r["start"]) for r in rows]
    assert keys == sorted(keys)
    only = queries.run(store, "attributions", document=HOSTILE_ID)
    assert [r["document"] for r in only] == [HOSTILE_ID]
    assert only[0]["rule"] == HOSTILE


def test_queries_attribution_about_rows_and_filter(store: GraphStore) -> None:
    chain, denial, unresolved, direct = (str(mint.attribution_iri(a.id)) for a in greek_result().attributions)
    hostile = str(mint.attribution_iri(hostile_result().attributions[0].id))
    rows = queries.run(store, "attribution_about")
    assert len(rows) == 5
    assert {(r["attribution"], r["document"], r["about_id"], r["about_label"]) for r in rows} == {
        (chain, GREEK_ID, str(mint.entity_iri("soldiers")), "στρατιώτες"),
        (denial, GREEK_ID, str(mint.entity_iri("protesters")), "διαδηλωτές"),
        (unresolved, GREEK_ID, None, "άνθρωπος"),  # not linked: the mention's label (ca:aboutMention)
        (direct, GREEK_ID, str(mint.entity_iri("public-order")), "δημόσια τάξη"),
        (hostile, HOSTILE_ID, str(mint.entity_iri("unlisted/" + HOSTILE)), "more"),  # an entity stubbed from the mention
    }
    only = queries.run(store, "attribution_about", document=HOSTILE_ID)
    assert [(r["attribution"], r["document"], r["about_label"]) for r in only] == [(hostile, HOSTILE_ID, "more")]


def test_queries_attribution_about_label_variants() -> None:
    """A row per name of a linked entity (one in a well-formed graph: a preferred label in another
    language adds none); an entity without one has about_label unbound."""
    chain = greek_result().attributions[0]
    with fixture_store() as s:
        entities = s.graph(mint.ENTITY_GRAPH)
        entities.add((mint.entity_iri("soldiers"), ns.SCHEMA.name, Literal("φαντάροι", lang="el")))
        entities.add((mint.entity_iri("soldiers"), ns.SKOS.prefLabel, Literal("soldiers", lang="en")))
        s.replace_graph(entities)
        doc = s.graph(mint.document_iri(GREEK_ID))
        doc.add((mint.claim_iri(chain.id), ns.SCHEMA.about, mint.entity_iri("undescribed")))
        s.replace_graph(doc)
        rows = queries.run(s, "attribution_about", document=GREEK_ID)
    mine = [(r["about_id"], r["about_label"]) for r in rows if r["attribution"] == str(mint.attribution_iri(chain.id))]
    assert len(mine) == 3 and set(mine) == {
        (str(mint.entity_iri("soldiers")), "στρατιώτες"),
        (str(mint.entity_iri("soldiers")), "φαντάροι"),
        (str(mint.entity_iri("undescribed")), None),
    }


def test_queries_documents(store: GraphStore) -> None:
    rows = queries.run(store, "documents")
    assert [(r["document"], r["attributions"], r["sentences"]) for r in rows] == [(GREEK_ID, 4, 4), (HOSTILE_ID, 1, 1)]


def test_queries_reporting_chains(store: GraphStore) -> None:
    rows = queries.run(store, "reporting_chains")
    assert [(r["reporter_label"], r["speaker_label"], r["attributions"]) for r in rows] == [("BBC", TOKAYEV, 1)]


def test_queries_reporting_chains_with_an_unlinked_speaker() -> None:
    """An unlinked inner source is one row with no speaker, never a row per entity label."""
    greek = greek_result()
    unlinked = tuple(
        dataclasses.replace(a, source=dataclasses.replace(a.source, entity=None)) if a.reported_by and a.source else a
        for a in greek.attributions
    )
    with fixture_store([dataclasses.replace(greek, attributions=unlinked), hostile_result()]) as s:
        rows = queries.run(s, "reporting_chains")
    assert [(r["reporter_label"], r["speaker"], r["speaker_label"], r["attributions"]) for r in rows] == [("BBC", None, None, 1)]


def test_queries_parameter_errors(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="valid: key"):
        queries.run(store, "said_by", speaker="tokayev")
    with pytest.raises(QueryError, match="needs parameter key"):
        queries.run(store, "said_by")
    with pytest.raises(QueryError, match="bundled queries: attribution_about, attributions"):
        queries.run(store, "no_such_query")
    with pytest.raises(QueryError):
        queries.load("../store")


def test_queries_run_a_file(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text(
        "# question: how many claims?\n# parameters: none\n# columns: n\n"
        "PREFIX ca: <https://w3id.org/kg/ontology#>\nSELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ca:Claim }\n",
        encoding="utf-8",
    )
    assert queries.run(store, path) == [{"n": 5}]
