"""kg.ns: the closed namespace matches ontology/claims.ttl, term for term."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.ns import CA, ONTOLOGY_IRI, PREFIXES, bind_prefixes
from kg.rdf import ONTOLOGY_PATH

DECLARING = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def declared(ontology: Graph) -> set[str]:
    ns = str(CA._NS)
    return {
        str(s)[len(ns):]
        for s, kind in ontology.subject_objects(RDF.type)
        if kind in DECLARING and isinstance(s, URIRef) and str(s).startswith(ns)
    }


def test_ns_terms_match_ontology(ontology: Graph) -> None:
    in_python = set(CA.__annotations__)
    in_ttl = declared(ontology)
    assert in_python - in_ttl == set(), "in kg/ns.py but not declared in claims.ttl"
    assert in_ttl - in_python == set(), "declared in claims.ttl but missing from kg/ns.py"


def test_ns_no_undeclared_ca_terms_used_in_ontology(ontology: Graph) -> None:
    ns = str(CA._NS)
    used = {str(t)[len(ns):] for triple in ontology for t in triple if isinstance(t, URIRef) and str(t).startswith(ns)}
    assert used <= set(CA.__annotations__)


def test_ns_closed_namespace_rejects_typos() -> None:
    with pytest.raises(AttributeError):
        CA.sorce  # noqa: B018
    assert CA.source == URIRef("https://w3id.org/kg/ontology#source")


def test_ns_every_term_is_documented(ontology: Graph) -> None:
    for name in CA.__annotations__:
        term = CA[name]
        assert ontology.value(term, RDFS.label) is not None, f"{name} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{name} has no rdfs:comment"


def test_ns_every_property_has_domain_and_range(ontology: Graph) -> None:
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(
        ontology.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert properties
    for prop in properties:
        assert ontology.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
        assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no rdfs:range"


def test_ns_ontology_has_version(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) is not None


def test_ns_bind_prefixes() -> None:
    g = bind_prefixes(Graph())
    bound = {prefix: str(iri) for prefix, iri in g.namespaces()}
    for prefix, iri in PREFIXES.items():
        assert bound[prefix] == iri
