"""DocumentResult → RDF: one named graph per document (ARCHITECTURE.md §3).

The card's shape *speaker – asserts – claim – about – entity* is kept as
shortcut triples for simple SPARQL, and qualified by an attribution node
(the PROV-O qualified-relation pattern, https://www.w3.org/TR/prov-o/#description-qualified-terms)
that carries the cue, offsets, quote type, polarity, time and reporting chain.

Everything queryable gets a content-derived IRI (kg.rdf.mint), never a blank
node, so rebuilding a document yields an isomorphic graph and replacing its
named graph in a store never duplicates anything.

Entities are shared across documents, so their descriptions (class,
identifier, name, labels, roles, Wikidata id) live once, in the entity graph
(:data:`kg.rdf.mint.ENTITY_GRAPH`), not in every document that mentions them:
a store's union of graphs is a bag, and a description repeated per document
multiplied every join through a label by the number of documents (quadratic
for frequent entities; benchmarks/README.md). :func:`merge_entities` folds new
descriptions into the previous entity graph, so a label once given is never
lost when documents are added.

An entity comes as one :class:`~kg.types.Entity` per language
(``Linker.descriptions``), its primary one first: each gives the
``skos:prefLabel`` of its language (SKOS S14: one per language) and its
``skos:altLabel`` s and ``ca:role`` s, tagged with it; the primary one's label
is also the entity's ``schema:name``, the one label queries show.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef

from kg.errors import KGError
from kg.ns import CA, RDF, SCHEMA, SKOS, XSD, bind_prefixes
from kg.rdf import mint
from kg.types import ENTITY_TYPES, Attribution, DocumentResult, Entity, Quantity

__all__ = [
    "document_graph", "described_entities", "entity_graph", "merge_entities", "build_dataset",
    "ENTITY_CLASSES", "entity_class",
]

# Entity.type → class. schema.org where it has the class, ca: where it has not.
ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "NewsMediaOrganization": SCHEMA.NewsMediaOrganization,
    "Place": SCHEMA.Place,
    "NamedThing": CA.NamedThing,
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


def _add_entity(g: Graph, entity: Entity, primary: bool = True) -> None:
    """One description of an entity; the ``primary`` one also gives its ``schema:name``.

    An empty label (a language with aliases only) gives no preferred label.
    """
    node = mint.entity_iri(entity.id)
    g.add((node, RDF.type, entity_class(entity.type)))
    g.add((node, SCHEMA.identifier, Literal(entity.id)))
    if entity.label:
        g.add((node, SKOS.prefLabel, _text(entity.label, entity.lang)))
        if primary:
            g.add((node, SCHEMA.name, _text(entity.label, entity.lang)))
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

    Entities are referred to by IRI only: their descriptions go to the
    entity graph (:func:`described_entities`, :func:`merge_entities`).

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
    if document.title:
        g.add((doc, SCHEMA.headline, _text(document.title, document.lang)))
    for note in document.notes:
        g.add((doc, CA.diagnostic, Literal(note)))
    g.add((doc, CA.checksum, Literal(document.checksum)))
    if document.path:
        g.add((doc, CA.sourceFile, Literal(document.path)))
    g.add((doc, CA.sentenceCount, Literal(len(result.sentences))))

    languages = {s.index: s.lang for s in result.sentences}
    for att in result.attributions:
        _add_attribution(g, doc, att, languages.get(att.sentence) or document.lang)

    for person, organisation in result.affiliations:
        g.add((mint.entity_iri(person), SCHEMA.affiliation, mint.entity_iri(organisation)))

    return g


def described_entities(result: DocumentResult) -> tuple[Entity, ...]:
    """Every entity a document's graph refers to, described by the result's entity
    records (all its languages, the primary one first), or from the mention when
    the result lists none (so each has a label, in its sentence's language)."""
    listed: dict[str, list[Entity]] = {}
    for e in result.entities:
        listed.setdefault(e.id, []).append(e)
    languages = {s.index: s.lang for s in result.sentences}
    entities: dict[str, list[Entity]] = {}
    for person, organisation in result.affiliations:
        for key in (person, organisation):
            if key in listed:
                entities[key] = listed[key]
    for att in result.attributions:
        for mention in (att.source, att.reported_by, *att.about):
            if mention is None or not mention.entity or mention.entity in entities:
                continue
            entities[mention.entity] = listed.get(mention.entity) or [Entity(
                id=mention.entity, label=mention.label or mention.span.text, type=mention.type,
                lang=languages.get(att.sentence) or result.document.lang,
            )]
    return tuple(e for k in sorted(entities) for e in entities[k])


def entity_graph(entities: Iterable[Entity]) -> Graph:
    """The entity graph describing ``entities`` (nothing else).

    An entity may come as several descriptions, one per language; the first
    one of each id is its primary description (its label is the ``schema:name``).
    """
    g = bind_prefixes(Graph(identifier=mint.ENTITY_GRAPH))
    named: set[str] = set()
    for entity in entities:
        _add_entity(g, entity, primary=entity.id not in named)
        named.add(entity.id)
    return g


def _language(label: object) -> str | None:
    return label.language if isinstance(label, Literal) else None


def merge_entities(previous: Graph, entities: Iterable[Entity], drop: Collection[URIRef] = ()) -> Graph:
    """The entity graph after a build: ``previous`` with ``entities`` described anew.

    A new description replaces the class, name and Wikidata id of an entity,
    and its preferred label in each language it gives one for; a preferred
    label in another language stays (one without a language, written before
    0.5, gives way to the new description). Alternative labels and roles
    accumulate, and a preferred label that is replaced becomes an
    alternative one, so a name once seen still finds the entity. An entity
    written before 0.5, which has no ``schema:name``, takes its preferred
    label as its name. Entities in ``drop`` (no document mentions them any
    more) are removed.
    """
    fresh = entity_graph(entities)
    renewed = set(fresh.subjects(RDF.type, None))
    merged = bind_prefixes(Graph(identifier=mint.ENTITY_GRAPH))
    gone = set(drop) - renewed
    for s, p, o in previous:
        if s in gone:
            continue
        if s not in renewed:
            merged.add((s, p, o))
        elif p == SKOS.altLabel or p == CA.role:
            merged.add((s, p, o))
        elif p == SKOS.prefLabel and (s, SKOS.prefLabel, o) not in fresh:
            languages = {_language(label) for label in fresh.objects(s, SKOS.prefLabel)}
            kept = _language(o) is not None and _language(o) not in languages
            merged.add((s, SKOS.prefLabel if kept else SKOS.altLabel, o))
    for triple in fresh:
        merged.add(triple)
    for s in set(merged.subjects(SKOS.prefLabel, None)) - renewed:
        if merged.value(s, SCHEMA.name) is None:
            labels = merged.objects(s, SKOS.prefLabel)
            merged.add((s, SCHEMA.name, min(labels, key=lambda label: (str(label), _language(label) or ""))))
    for s, _, o in list(merged.triples((None, SKOS.prefLabel, None))):
        merged.remove((s, SKOS.altLabel, o))  # SKOS S13: a label is preferred or alternative, not both
    return merged


def build_dataset(results: Iterable[DocumentResult]) -> Dataset:
    """A dataset with one named graph per document and the entity graph.

    A repeated document id replaces the earlier graph; a later description
    of an entity is merged over an earlier one (:func:`merge_entities`).
    """
    dataset = bind_prefixes(Dataset())
    entities = bind_prefixes(Graph(identifier=mint.ENTITY_GRAPH))
    for result in results:
        g = document_graph(result)
        dataset.remove_graph(g.identifier)
        target = dataset.graph(g.identifier)
        for triple in g:
            target.add(triple)
        entities = merge_entities(entities, described_entities(result))
    if len(entities):
        target = dataset.graph(mint.ENTITY_GRAPH)
        for triple in entities:
            target.add(triple)
    return dataset
