"""Exports for the tools people use: GEXF and GraphML (Gephi, Cytoscape), CSV with a BOM (Excel), JSON-LD with a context."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import OWL, RDF, Dataset, Graph, URIRef

from kg import ns
from kg.cli import run
from kg.errors import KGError
from kg.export import export, jsonld_context, network, render
from kg.rdf import ONTOLOGY_PATH, mint
from kg.store import GraphStore
from rdf_fixtures import GREEK_ID, TOKAYEV, all_results, assert_isomorphic, fixture_store

RELATIONS = {"asserts", "denies", "reported", "about"}


@pytest.fixture
def store() -> GraphStore:
    with fixture_store() as s:
        yield s


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ GEXF and GraphML


def _check_network(read: nx.Graph, store: GraphStore) -> None:
    """The file read back has the store's speakers, claims and entities, with their labels and types."""
    expected = network(store)
    assert set(read.nodes) == set(expected.nodes)
    tokayev = read.nodes[str(mint.entity_iri(TOKAYEV.id))]
    assert tokayev["label"] == TOKAYEV.label and tokayev["type"] == "Person" and tokayev["kind"] == "entity"
    assert tokayev["entity_id"] == TOKAYEV.id and "speaker" in tokayev["roles"]
    claims = [data for _, data in read.nodes(data=True) if data["kind"] == "claim"]
    assert claims and all(data["type"] == "Claim" for data in claims)
    texts = {str(row["content"]) for row in store.query(
        "PREFIX schema: <https://schema.org/> PREFIX ca: <https://w3id.org/kg/ontology#> "
        "SELECT ?content WHERE { GRAPH ?g { ?c a ca:Claim ; schema:text ?content } }")}
    assert {data["label"] for data in claims} == texts  # each claim's node is labelled with its text
    for node, data in read.nodes(data=True):
        assert data["label"] == expected.nodes[node]["label"] and data["type"] == expected.nodes[node]["type"]
    relations = {data["label"] for _, _, data in read.edges(data=True)}
    assert relations <= RELATIONS and {"asserts", "denies", "reported", "about"} <= relations
    # who reported whom survives: the BBC reported a claim Tokayev asserted
    bbc = str(mint.entity_iri("bbc"))
    reported = {v for u, v, d in read.edges(data=True) if u == bbc and d["relation"] == "reported"}
    asserted = {v for u, v, d in read.edges(data=True) if u == str(mint.entity_iri(TOKAYEV.id)) and d["relation"] == "asserts"}
    assert reported & asserted


@pytest.mark.parametrize("fmt, reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_network_formats_read_back_with_labels_and_types(store, tmp_path: Path, fmt, reader) -> None:
    path = export(store, fmt, tmp_path / f"claims.{fmt}")
    text = path.read_text(encoding="utf-8")
    assert "Τοκάγιεφ" in text  # Greek as letters, not character references
    assert all(int(code) < 128 for code in re.findall(r"&#(\d+);", text))
    _check_network(reader(path), store)


def test_network_leaves_out_empty_attributes(store) -> None:
    graph = network(store)
    for _, data in graph.nodes(data=True):
        assert all(value is not None and not isinstance(value, (tuple, list)) for value in data.values())


# ------------------------------------------------------------------ CSV for Excel


def test_csv_bom_is_the_only_difference(store, tmp_path: Path) -> None:
    plain = export(store, "csv", tmp_path / "plain.csv").read_bytes()
    excel = export(store, "csv", tmp_path / "excel.csv", bom=True).read_bytes()
    assert excel[:3] == b"\xef\xbb\xbf" and not plain.startswith(b"\xef\xbb\xbf")
    assert excel[3:] == plain
    assert excel.decode("utf-8-sig").splitlines()[0].startswith("id,document,")
    assert "Τοκάγιεφ" in excel.decode("utf-8-sig")


def test_bom_is_refused_for_other_formats(store) -> None:
    with pytest.raises(KGError, match="csv"):
        render(store, "jsonl", bom=True)


# ------------------------------------------------------------------ JSON-LD


def _jsonld(store) -> tuple[dict, Dataset]:
    text = render(store, "jsonld")
    return json.loads(text), Dataset().parse(data=text, format="json-ld")


def test_jsonld_round_trip_gives_the_stores_triples(store) -> None:
    _, back = _jsonld(store)
    for result in all_results():
        iri = mint.document_iri(result.document.id)
        assert len(store.graph(iri)) > 0
        assert_isomorphic(store.graph(iri), back.graph(URIRef(iri)))
    for name in ("entities",):
        iri = str(ns.KGR[f"graph/{name}"])
        assert_isomorphic(store.graph(iri), back.graph(URIRef(iri)))


def test_jsonld_has_readable_keys(store) -> None:
    data, _ = _jsonld(store)
    assert data["@context"] == jsonld_context()
    document = next(g for g in data["@graph"] if g["id"] == str(mint.document_iri(GREEK_ID)))
    nodes = document["@graph"]
    attributions = [n for n in nodes if n.get("type") == "Attribution"]
    claims = {n["id"]: n for n in nodes if n.get("type") == "Claim"}
    assert attributions and claims
    for node in attributions:
        assert node["polarity"] in ("Asserts", "Denies") and node["quote"] in ("Direct", "Indirect", "Mixed")
        assert node["claim"] in claims and isinstance(node["start"], str) and "cue" in node
    assert any(node.get("speaker") == str(mint.entity_iri(TOKAYEV.id)) for node in attributions)
    assert any(node.get("reported_by") == str(mint.entity_iri("bbc")) for node in attributions)
    assert any("about" in claim and "text" in claim for claim in claims.values())
    keys = {key for node in nodes for key in node}
    assert not {key for key in keys if ":" in key}, "every property of a document has a readable key"


def test_jsonld_context_covers_the_ontology() -> None:
    """Every property of ontology/claims.ttl has a key; object properties take IRIs; prefixes are kg.ns's."""
    context = jsonld_context()
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    assert {k: prefixes[k] for k in ns.PREFIXES} == ns.PREFIXES

    def expand(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return prefixes[prefix] + local

    terms: dict[str, dict] = {}
    for key, value in context.items():
        if isinstance(value, dict):
            terms[expand(value["@id"])] = value
        elif isinstance(value, str) and key not in prefixes and not value.startswith("@"):
            terms[expand(value)] = {"@id": value}
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    for kind, coercions in ((OWL.ObjectProperty, ("@id", "@vocab")), (OWL.DatatypeProperty, None)):
        for prop in ontology.subjects(RDF.type, kind):
            assert str(prop) in terms, f"{prop} has no key in ontology/context.jsonld"
            if coercions:
                assert terms[str(prop)].get("@type") in coercions, f"{prop} should take IRIs"
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(ns.CA._NS)):
            assert str(cls) in terms, f"{cls} has no key in ontology/context.jsonld"
    assert len(set(context)) == len(context)


# ------------------------------------------------------------------ the command


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_cli_exports_networks(seed_build, tmp_path: Path, fmt) -> None:
    target = tmp_path / f"claims.{fmt}"
    code, _, err = _run("export", str(seed_build[0]), "--format", fmt, "-o", str(target))
    assert code == 0, err
    read = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(target)
    labels = {data["label"] for _, data in read.nodes(data=True) if data["kind"] == "entity"}
    assert "Τοκάγιεφ" in labels and "BBC" in labels


def test_cli_csv_bom(seed_build, tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    code, _, err = _run("export", str(seed_build[0]), "--format", "csv", "--bom", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,document,")
    code, out, _ = _run("export", str(seed_build[0]), "--format", "csv", "--bom")
    assert code == 0 and out.startswith("\ufeffid,")
    code, _, err = _run("export", str(seed_build[0]), "--format", "jsonl", "--bom")
    assert code == 2 and "csv" in err
