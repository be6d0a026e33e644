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


def _curie(iri: URIRef) -> str:
    for prefix, ns in (("schema", "https://schema.org/"), ("ca", str(CA._NS))):
        if str(iri).startswith(ns):
            return f"{prefix}:{str(iri)[len(ns):]}"
    raise AssertionError(f"no prefix for {iri}")


def test_ns_every_entity_type_is_listed_wherever_types_are() -> None:
    """A type added to kg.types (NamedThing in 0.5) must be a class, have the entity shape, be
    recognised by the queries that name classes and ranked by the analytics."""
    from pathlib import Path

    from rdflib.namespace import SH

    from kg.analytics.project import TYPE_PREFERENCE
    from kg.rdf import SHAPES_PATH
    from kg.rdf.build import ENTITY_CLASSES
    from kg.types import ENTITY_TYPES

    assert set(ENTITY_CLASSES) == set(ENTITY_TYPES) == set(TYPE_PREFERENCE)
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    targets = set(shapes.objects(URIRef("https://w3id.org/kg/shapes#EntityShape"), SH.targetClass))
    assert targets == set(ENTITY_CLASSES.values())
    queries = Path(__file__).resolve().parents[1] / "kg" / "queries"
    for name in ("attributions.rq", "entities.rq", "sources_by_type.rq"):
        text = (queries / name).read_text(encoding="utf-8")
        missing = [t for t, iri in ENTITY_CLASSES.items() if _curie(iri) not in text]
        assert not missing, f"{name} does not name the class of {missing}"


def test_ns_named_thing_is_a_class_of_its_own() -> None:
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert (CA.NamedThing, RDF.type, OWL.Class) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo).toPython() == "0.5.0"
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionIRI)) == "https://w3id.org/kg/ontology/0.5.0"
