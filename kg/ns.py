"""Namespaces, declared once.

Our own terms live in a *closed* namespace (rdflib ``DefinedNamespace`` with
``_fail = True``): a typo such as ``CA.sorce`` raises instead of silently
minting a new IRI. ``tests/test_ns.py`` checks that this list and
``ontology/claims.ttl`` declare exactly the same terms.

Everything else is reused: schema.org for articles and agents, PROV-O for the
qualified-attribution pattern, SKOS for labels, Dublin Core for ontology
metadata.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "CA",
    "KGR",
    "SCHEMA",
    "PROV",
    "SKOS",
    "DCTERMS",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "SH",
    "WD",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "bind_prefixes",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/kg/ontology")


class CA(DefinedNamespace):
    """The claim-attribution ontology (``ontology/claims.ttl``)."""

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True

    # classes
    Attribution: URIRef  # a speech act: a source states (or denies) a claim
    Claim: URIRef  # reported content, never asserted as fact
    GroupOfPeople: URIRef  # "opposition members", "eyewitnesses"
    UnnamedSource: URIRef  # "according to information", "official figures"
    Thing: URIRef  # an entity of no more specific type
    NamedThing: URIRef  # a law, treaty, programme, product or named event (0.5)
    QuoteType: URIRef
    Polarity: URIRef
    TimeBasis: URIRef
    Quantity: URIRef  # a figure in a claim
    Bound: URIRef
    ClaimPage: URIRef  # a page of the claim index (kg.rdf.index)
    ClaimIndex: URIRef  # the graph of claim pages

    # individuals
    Direct: URIRef
    Indirect: URIRef
    Mixed: URIRef
    Asserts: URIRef
    Denies: URIRef
    ExplicitTime: URIRef
    PublicationDate: URIRef
    Exact: URIRef
    About: URIRef
    AtLeast: URIRef
    AtMost: URIRef

    # object properties
    source: URIRef
    claim: URIRef
    inDocument: URIRef
    quoteType: URIRef
    polarity: URIRef
    reportedBy: URIRef
    timeBasis: URIRef
    asserts: URIRef
    denies: URIRef
    quantity: URIRef
    bound: URIRef
    conflictsWith: URIRef
    figureConflictsWith: URIRef
    claimPage: URIRef
    sourcePage: URIRef

    # datatype properties
    sourceMention: URIRef
    cue: URIRef
    cueLemma: URIRef
    cueStart: URIRef
    cueEnd: URIRef
    contentStart: URIRef
    contentEnd: URIRef
    certainty: URIRef
    confidence: URIRef
    rule: URIRef
    sentenceIndex: URIRef
    sentenceText: URIRef
    reportedByMention: URIRef
    reportingCue: URIRef
    statedOn: URIRef
    timePrecision: URIRef
    timeExpression: URIRef
    aboutMention: URIRef
    checksum: URIRef
    sentenceCount: URIRef
    diagnostic: URIRef  # why a document was not (fully) analysed, or what the reader changed in its text
    sourceFile: URIRef  # where the document was read from (kg.rdf.writer warns when another file replaces it)
    role: URIRef
    value: URIRef
    countsEvent: URIRef
    population: URIRef
    unit: URIRef
    quantityText: URIRef
    quantityStart: URIRef
    quantityEnd: URIRef
    pageSize: URIRef


# Data IRIs (documents, attributions, claims, entities): an open namespace,
# since the local names are minted from ids (see kg.rdf.mint).
KGR = Namespace("https://w3id.org/kg/id/")
SCHEMA = SDO  # https://schema.org/ (rdflib's copy is open, so spell terms carefully)
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "ca": str(CA._NS),
    "kgr": str(KGR),
    "schema": str(SCHEMA._NS),
    "prov": str(PROV._NS),
    "skos": str(SKOS._NS),
    "dcterms": str(DCTERMS._NS),
    "rdfs": str(RDFS._NS),
    "owl": str(OWL._NS),
    "xsd": str(XSD._NS),
    "wd": str(WD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind our prefixes so serialisations are readable; returns the graph."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph
