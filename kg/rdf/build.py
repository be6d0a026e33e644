"""DocumentResult → RDF: one named graph per document (ARCHITECTURE.md §3).

The card's shape *speaker – asserts – claim – about – entity* is kept as
shortcut triples for simple SPARQL, and qualified by an attribution node
(the PROV-O qualified-relation pattern, https://www.w3.org/TR/prov-o/#description-qualified-terms)
that carries the cue, offsets, quote type, polarity, time and reporting chain.

Everything queryable gets a content-derived IRI (kg.rdf.mint), never a blank
node, so rebuilding a document yields an isomorphic graph and replacing its
named graph in a store never duplicates anything. Entity descriptions are
repeated in every document graph that mentions the entity, so removing one
document never strips the labels other documents rely on.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import KGError
from kg.ns import CA, RDF, SCHEMA, SKOS, XSD, bind_prefixes
from kg.rdf import mint
from kg.types import ENTITY_TYPES, Attribution, DocumentResult, Entity, Mention, Quantity

__all__ = ["document_graph", "build_dataset", "ENTITY_CLASSES", "entity_class"]

# Entity.type → class. schema.org where it has the class, ca: where it has not.
ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "NewsMediaOrganization": SCHEMA.NewsMediaOrganization,
    "Place": SCHEMA.Place,
    "GroupOfPeople": CA.GroupOfPeople,
    "UnnamedSource": CA.UnnamedSource,
    "Thing": CA.Thing,
}

_QUOTE = {"direct": CA.Direct, "indirect": CA.Indirect, "mixed": CA.Mixed}
_POLARITY = {"asserts": CA.Asserts, "denies": CA.Denies}
_BASIS = {"explicit": CA.ExplicitTime, "publication": CA.PublicationDate}


def entity_class(type_name: str) -> URIRef:
    """The RDF class of an entity type name; unknown names fail, naming the valid ones."""
    try:
        return ENTITY_CLASSES[type_name]
    except KeyError:
        raise KGError(
            f"unknown entity type {type_name!r}; valid types: {', '.join(ENTITY_TYPES)}"
        ) from None


def _choice(table: dict[str, URIRef], value: str, what: str) -> URIRef:
    try:
        return table[value]
    except KeyError:
        raise KGError(f"unknown {what} {value!r}; valid values: {', '.join(table)}") from None


def _score(value: float, what: str) -> Literal:
    """A score as xsd:decimal in canonical form ("0.9", "1"), exact and readable.

    Canonical (XSD 1.1 §3.3.3.2: no trailing zeros, no point for whole
    numbers) because Oxigraph stores decimals canonically: a graph read back
    from the store must be isomorphic to the graph we built.
    """
    number = Decimal(repr(float(value)))
    if not number.is_finite():
        raise KGError(f"{what} must be a finite number in [0, 1], got {value!r}")
    return Literal(format(number.normalize(), "f"), datatype=XSD.decimal)


def _text(value: str, lang: str | None) -> Literal:
    return Literal(value, lang=lang) if lang else Literal(value)


def _add_entity(g: Graph, entity: Entity) -> None:
    node = mint.entity_iri(entity.id)
    g.add((node, RDF.type, entity_class(entity.type)))
    g.add((node, SCHEMA.identifier, Literal(entity.id)))
    g.add((node, SKOS.prefLabel, _text(entity.label, entity.lang)))
    for alias in entity.aliases:
        # SKOS S13: pref and alt labels are disjoint, so the label itself is skipped
        if alias != entity.label:
            g.add((node, SKOS.altLabel, _text(alias, entity.lang)))
    for role in entity.roles:
        g.add((node, CA.role, _text(role, entity.lang)))
    if entity.wikidata:
        # schema:sameAs, not owl:sameAs: we say the Wikidata item identifies the
        # entity without importing every Wikidata statement as our own.
        g.add((node, SCHEMA.sameAs, mint.wikidata_iri(entity.wikidata)))


def _stub_entity(g: Graph, mention: Mention, entity_id: str, lang: str | None) -> None:
    """Describe an entity the result does not list, from its mention, so it still has a label."""
    node = mint.entity_iri(entity_id)
    g.add((node, RDF.type, entity_class(mention.type)))
    g.add((node, SCHEMA.identifier, Literal(entity_id)))
    g.add((node, SKOS.prefLabel, _text(mention.label or mention.span.text, lang)))


_BOUND = {"exact": CA.Exact, "about": CA.About, "at_least": CA.AtLeast, "at_most": CA.AtMost}


def _add_quantity(g: Graph, claim: URIRef, attribution_id: str, q: Quantity) -> None:
    node = mint.quantity_iri(attribution_id, q.span.start)
    g.add((claim, CA.quantity, node))
    g.add((node, RDF.type, CA.Quantity))
    g.add((node, CA.value, Literal(format(Decimal(repr(float(q.value))).normalize(), "f"), datatype=XSD.decimal)))
    g.add((node, CA.bound, _choice(_BOUND, q.bound, "bound")))
    g.add((node, CA.quantityText, Literal(q.span.text)))
    g.add((node, CA.quantityStart, Literal(q.span.start)))
    g.add((node, CA.quantityEnd, Literal(q.span.end)))
    if q.category:
        g.add((node, CA.countsEvent, Literal(q.category)))
    if q.population:
        g.add((node, CA.population, Literal(q.population)))
    if q.unit:
        g.add((node, CA.unit, Literal(q.unit)))


def _add_attribution(g: Graph, doc: URIRef, att: Attribution, lang: str | None) -> None:
    node = mint.attribution_iri(att.id)
    claim = mint.claim_iri(att.id)
    polarity = _choice(_POLARITY, att.polarity, "polarity")

    g.add((claim, RDF.type, CA.Claim))
    g.add((claim, SCHEMA.text, _text(att.content.text, lang)))
    g.add((claim, CA.inDocument, doc))
    for q in att.quantities:
        _add_quantity(g, claim, att.id, q)
    for mention in att.about:
        if mention.entity:
            g.add((claim, SCHEMA.about, mint.entity_iri(mention.entity)))
        else:
            # keep what the claim is about even when linking failed
            g.add((claim, CA.aboutMention, _text(mention.label or mention.span.text, lang)))

    g.add((node, RDF.type, CA.Attribution))
    g.add((node, CA.claim, claim))
    g.add((node, CA.inDocument, doc))
    g.add((node, CA.cue, Literal(att.cue.text)))
    g.add((node, CA.cueLemma, Literal(att.cue_lemma)))
    g.add((node, CA.cueStart, Literal(att.cue.start)))
    g.add((node, CA.cueEnd, Literal(att.cue.end)))
    g.add((node, CA.contentStart, Literal(att.content.start)))
    g.add((node, CA.contentEnd, Literal(att.content.end)))
    g.add((node, CA.quoteType, _choice(_QUOTE, att.quote, "quote type")))
    g.add((node, CA.polarity, polarity))
    g.add((node, CA.certainty, _score(att.certainty, "certainty")))
    g.add((node, CA.confidence, _score(att.confidence, "confidence")))
    if att.rule:
        g.add((node, CA.rule, Literal(att.rule)))
    g.add((node, CA.sentenceIndex, Literal(att.sentence)))
    g.add((node, CA.sentenceText, _text(att.sentence_text, lang)))

    if att.source is not None:
        g.add((node, CA.sourceMention, Literal(att.source.span.text)))
        if att.source.entity:
            speaker = mint.entity_iri(att.source.entity)
            g.add((node, CA.source, speaker))
            # the card's shortcut; a denial must never read as an assertion
            g.add((speaker, CA.asserts if polarity == CA.Asserts else CA.denies, claim))

    if att.reported_by is not None:
        g.add((node, CA.reportedByMention, Literal(att.reported_by.span.text)))
        if att.reported_by.entity:
            g.add((node, CA.reportedBy, mint.entity_iri(att.reported_by.entity)))
    if att.reporting_cue is not None:
        g.add((node, CA.reportingCue, Literal(att.reporting_cue.text)))

    if att.time is not None:
        g.add((node, CA.statedOn, Literal(att.time.value, datatype=XSD.date)))
        g.add((node, CA.timeBasis, _choice(_BASIS, att.time.basis, "time basis")))
        g.add((node, CA.timePrecision, Literal(att.time.precision)))
        if att.time.span is not None:
            g.add((node, CA.timeExpression, Literal(att.time.span.text)))


def document_graph(result: DocumentResult) -> Graph:
    """The named graph of one document; its identifier is the document IRI.

    Raises KGError naming the bad value when a record holds a value outside
    the model (an unknown entity type, quote type or polarity).
    """
    document = result.document
    doc = mint.document_iri(document.id)
    g = bind_prefixes(Graph(identifier=doc))

    g.add((doc, RDF.type, SCHEMA.NewsArticle))
    g.add((doc, SCHEMA.identifier, Literal(document.id)))
    if document.published is not None:
        g.add((doc, SCHEMA.datePublished, Literal(document.published, datatype=XSD.date)))
    if document.lang:
        g.add((doc, SCHEMA.inLanguage, Literal(document.lang)))
    if document.publisher:
        g.add((doc, SCHEMA.publisher, Literal(document.publisher)))
    if document.url:
        g.add((doc, SCHEMA.url, Literal(document.url, datatype=XSD.anyURI)))
    g.add((doc, CA.checksum, Literal(document.checksum)))
    g.add((doc, CA.sentenceCount, Literal(len(result.sentences))))

    languages = {s.index: s.lang for s in result.sentences}
    for att in result.attributions:
        _add_attribution(g, doc, att, languages.get(att.sentence) or document.lang)

    for person, organisation in result.affiliations:
        g.add((mint.entity_iri(person), SCHEMA.affiliation, mint.entity_iri(organisation)))

    listed = {e.id for e in result.entities}
    for entity in result.entities:
        _add_entity(g, entity)
    for att in result.attributions:
        for mention in (att.source, att.reported_by, *att.about):
            if mention is not None and mention.entity and mention.entity not in listed:
                listed.add(mention.entity)
                _stub_entity(g, mention, mention.entity, languages.get(att.sentence) or document.lang)
    return g


def build_dataset(results: Iterable[DocumentResult]) -> Dataset:
    """A dataset with one named graph per document; a repeated document id replaces the earlier graph."""
    dataset = bind_prefixes(Dataset())
    for result in results:
        g = document_graph(result)
        dataset.remove_graph(g.identifier)
        target = dataset.graph(g.identifier)
        for triple in g:
            target.add(triple)
    return dataset
