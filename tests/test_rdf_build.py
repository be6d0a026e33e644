"""kg.rdf.mint and kg.rdf.build: stable IRIs and the document graph model."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import KGError
from kg import ns
from kg.ns import CA, WD
from kg.rdf import mint
from kg.rdf.build import (
    ENTITY_CLASSES,
    build_dataset,
    described_entities,
    document_graph,
    entity_class,
    entity_graph,
    merge_entities,
)
from kg.types import ENTITY_TYPES, Attribution, Document, DocumentResult, Entity, Mention
from rdf_fixtures import (
    GREEK_ID,
    HOSTILE,
    HOSTILE_ID,
    assert_isomorphic,
    greek_result,
    hostile_result,
    span,
)

# RFC 3987 forbids these in IRIs; percent-encoding must have removed them
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')


# ---------------------------------------------------------------- mint


def test_mint_iris_are_stable_and_scoped() -> None:
    assert mint.document_iri("a") == mint.document_iri("a")
    assert mint.document_iri("a") == URIRef("https://w3id.org/kg/id/doc/a")
    assert mint.attribution_iri("abc") == URIRef("https://w3id.org/kg/id/attr/abc")
    assert mint.claim_iri("abc") == URIRef("https://w3id.org/kg/id/claim/abc")
    assert mint.entity_iri("tokayev") == URIRef("https://w3id.org/kg/id/entity/tokayev")


@pytest.mark.parametrize("key", [HOSTILE_ID, HOSTILE, "Τοκάγιεφ", "a/b", "..", ".", "%20", "ß\u0301", "x y\n"])
def test_mint_hostile_ids_make_valid_iris(key: str) -> None:
    iri = str(mint.entity_iri(key))
    assert not _BAD_IRI_CHARS.search(iri)
    segment = iri.rsplit("/", 1)[1]
    assert segment not in (".", "..")
    assert "/" not in iri[len("https://w3id.org/kg/id/entity/"):]


@given(st.text(min_size=1))
def test_mint_local_id_round_trips(key: str) -> None:
    import unicodedata

    iri = mint.entity_iri(key)
    assert not _BAD_IRI_CHARS.search(str(iri))
    assert mint.local_id(iri, "entity") == unicodedata.normalize("NFC", key)


def test_mint_nfc_and_nfd_name_the_same_document() -> None:
    nfc, nfd = "\u0391\u03b8\u03ae\u03bd\u03b1", "\u0391\u03b8\u03b7\u0301\u03bd\u03b1"  # Αθήνα twice
    assert nfc != nfd
    assert mint.document_iri(nfc) == mint.document_iri(nfd)


def test_mint_rejects_empty_and_foreign() -> None:
    with pytest.raises(KGError):
        mint.entity_iri("")
    with pytest.raises(KGError, match="valid kinds"):
        mint.iri("person", "x")  # type: ignore[arg-type]
    with pytest.raises(KGError):
        mint.local_id("https://example.org/x")
    with pytest.raises(KGError):
        mint.local_id(mint.entity_iri("x"), "doc")


@pytest.mark.parametrize("value", ["Q42", "http://www.wikidata.org/entity/Q42", "https://www.wikidata.org/wiki/Q42"])
def test_mint_wikidata(value: str) -> None:
    assert mint.wikidata_iri(value) == WD.Q42


def test_mint_wikidata_rejects_junk() -> None:
    with pytest.raises(KGError, match="Wikidata"):
        mint.wikidata_iri("Obama")


# ---------------------------------------------------------------- build


@pytest.fixture(scope="module")
def greek() -> Graph:
    return document_graph(greek_result())


def attribution_with(g: Graph, cue: str) -> URIRef:
    (node,) = list(g.subjects(CA.cue, Literal(cue)))
    return node


def test_build_graph_is_named_by_document(greek: Graph) -> None:
    assert greek.identifier == mint.document_iri(GREEK_ID)
    doc = greek.identifier
    assert (doc, ns.RDF.type, ns.SCHEMA.NewsArticle) in greek
    assert greek.value(doc, ns.SCHEMA.datePublished) == Literal(date(2022, 1, 7), datatype=ns.XSD.date)
    assert greek.value(doc, ns.SCHEMA.inLanguage) == Literal("el")
    assert greek.value(doc, CA.checksum) == Literal(greek_result().document.checksum)
    assert greek.value(doc, CA.sentenceCount) == Literal(4)


def test_build_rebuild_is_isomorphic_without_blank_nodes(greek: Graph) -> None:
    assert_isomorphic(greek, document_graph(greek_result()))
    assert not any(isinstance(t, BNode) for triple in greek for t in triple)
    assert set(document_graph(greek_result())) == set(greek)  # same IRIs, not just same shape


def test_build_attribution_node(greek: Graph) -> None:
    result = greek_result()
    att = result.attributions[0]
    node = attribution_with(greek, "δήλωσε")
    assert node == mint.attribution_iri(att.id)
    claim = greek.value(node, CA.claim)
    assert claim == mint.claim_iri(att.id)
    assert greek.value(claim, ns.SCHEMA.text) == Literal(att.content.text, lang="el")
    assert result.document.text[int(greek.value(node, CA.contentStart)) : int(greek.value(node, CA.contentEnd))] == att.content.text
    assert greek.value(node, CA.cueStart).toPython() == att.cue.start
    assert greek.value(node, CA.quoteType) == CA.Indirect
    assert greek.value(node, CA.polarity) == CA.Asserts
    assert greek.value(node, CA.confidence) == Literal("0.9", datatype=ns.XSD.decimal)
    assert greek.value(node, CA.source) == mint.entity_iri("tokayev")
    assert (mint.entity_iri("tokayev"), CA.asserts, claim) in greek
    assert greek.value(claim, ns.SCHEMA.about) == mint.entity_iri("soldiers")
    assert greek.value(node, CA.statedOn) == Literal(date(2022, 1, 7), datatype=ns.XSD.date)
    assert greek.value(node, CA.timeBasis) == CA.PublicationDate


def test_build_reporting_chain(greek: Graph) -> None:
    node = attribution_with(greek, "δήλωσε")
    assert greek.value(node, CA.reportedBy) == mint.entity_iri("bbc")
    assert greek.value(node, CA.reportedByMention) == Literal("το BBC")
    assert greek.value(node, CA.reportingCue) == Literal("μετέδωσε")


def test_build_denial_never_asserts(greek: Graph) -> None:
    node = attribution_with(greek, "αρνήθηκε")
    claim = greek.value(node, CA.claim)
    ministry = mint.entity_iri("ministry-interior")
    assert greek.value(node, CA.polarity) == CA.Denies
    assert (ministry, CA.denies, claim) in greek
    assert (None, CA.asserts, claim) not in greek
    assert greek.value(node, CA.timeBasis) == CA.ExplicitTime
    assert greek.value(node, CA.timeExpression) == Literal("στις 6 Ιανουαρίου")


def test_build_unresolved_source_keeps_mention_only(greek: Graph) -> None:
    node = attribution_with(greek, "Σύμφωνα με")
    claim = greek.value(node, CA.claim)
    assert greek.value(node, CA.source) is None
    assert greek.value(node, CA.sourceMention) == Literal("πληροφορίες")
    assert (None, CA.asserts, claim) not in greek and (None, CA.denies, claim) not in greek
    assert greek.value(claim, CA.aboutMention) == Literal("άνθρωπος", lang="el")


@pytest.fixture(scope="module")
def greek_entities() -> Graph:
    return entity_graph(described_entities(greek_result()))


def test_build_entities_live_in_the_entity_graph(greek: Graph, greek_entities: Graph) -> None:
    tokayev = mint.entity_iri("tokayev")
    g = greek_entities
    assert g.identifier == mint.ENTITY_GRAPH
    assert (tokayev, ns.RDF.type, ns.SCHEMA.Person) in g
    assert g.value(tokayev, ns.SKOS.prefLabel) == Literal("Κασίμ-Ζομάρτ Τοκάγιεφ", lang="el")
    assert set(g.objects(tokayev, ns.SKOS.altLabel)) == {Literal("Τοκάγιεφ", lang="el")}  # S13: not the prefLabel
    assert g.value(tokayev, CA.role) == Literal("πρόεδρος του Καζακστάν", lang="el")
    assert g.value(tokayev, ns.SCHEMA.sameAs) == WD.Q1000001
    assert (mint.entity_iri("bbc"), ns.RDF.type, ns.SCHEMA.NewsMediaOrganization) in g
    assert g.value(mint.entity_iri("bbc"), ns.SKOS.prefLabel) == Literal("BBC")  # no language given
    assert (mint.entity_iri("soldiers"), ns.RDF.type, CA.GroupOfPeople) in g
    # the document graph refers to entities and never describes them (no per-document copies)
    assert (tokayev, ns.RDF.type, None) not in greek and (tokayev, ns.SKOS.prefLabel, None) not in greek
    assert (None, CA.source, tokayev) in greek


def test_build_stubs_unlisted_entities() -> None:
    g = entity_graph(described_entities(hostile_result()))
    stub = mint.entity_iri("unlisted/" + HOSTILE)
    assert (stub, ns.RDF.type, CA.Thing) in g
    assert g.value(stub, ns.SKOS.prefLabel) == Literal("more", lang="en")


def _person(label: str, aliases: tuple[str, ...] = (), roles: tuple[str, ...] = ()) -> Entity:
    return Entity(id="tokayev", label=label, type="Person", aliases=aliases, roles=roles)


def test_merge_entities_keeps_every_name_and_one_preferred_label() -> None:
    node = mint.entity_iri("tokayev")
    first = entity_graph([_person("Τοκάγεφ", aliases=("Tokayev",), roles=("πρόεδρος",))])
    merged = merge_entities(first, [_person("Τοκάγιεφ", aliases=("Τοκάγεφ",))])
    assert list(merged.objects(node, ns.SKOS.prefLabel)) == [Literal("Τοκάγιεφ")]
    assert set(merged.objects(node, ns.SKOS.altLabel)) == {Literal("Τοκάγεφ"), Literal("Tokayev")}
    assert set(merged.objects(node, CA.role)) == {Literal("πρόεδρος")}
    # a former alternative label that becomes preferred is no longer alternative (SKOS S13)
    back = merge_entities(merged, [_person("Τοκάγεφ")])
    assert list(back.objects(node, ns.SKOS.prefLabel)) == [Literal("Τοκάγεφ")]
    assert Literal("Τοκάγεφ") not in set(back.objects(node, ns.SKOS.altLabel))
    assert Literal("Τοκάγιεφ") in set(back.objects(node, ns.SKOS.altLabel))


def test_merge_entities_replaces_the_class_and_drops_orphans() -> None:
    node = mint.entity_iri("tokayev")
    other = Entity(id="bbc", label="BBC", type="NewsMediaOrganization")
    first = entity_graph([_person("Τοκάγιεφ"), other])
    merged = merge_entities(first, [Entity(id="tokayev", label="Τοκάγιεφ", type="Thing")], drop=[mint.entity_iri("bbc")])
    assert list(merged.objects(node, ns.RDF.type)) == [CA.Thing]
    assert (mint.entity_iri("bbc"), None, None) not in merged
    # an entity described anew is never dropped, even when listed as an orphan
    kept = merge_entities(first, [other], drop=[mint.entity_iri("bbc")])
    assert (mint.entity_iri("bbc"), ns.SKOS.prefLabel, Literal("BBC")) in kept


def test_build_hostile_strings_are_literals() -> None:
    g = document_graph(hostile_result())
    assert (None, CA.rule, Literal(HOSTILE)) in g
    assert g.value(g.identifier, ns.SCHEMA.identifier) == Literal(HOSTILE_ID)
    # N-Triples keeps lexical forms (rdflib's Turtle writer rewrites "1"^^xsd:decimal as 1.0)
    reparsed = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert_isomorphic(g, reparsed)


def test_build_entity_classes_cover_entity_types() -> None:
    assert set(ENTITY_CLASSES) == set(ENTITY_TYPES)
    with pytest.raises(KGError, match="valid types: Person"):
        entity_class("Persn")


def minimal_result(quote: str = "direct") -> DocumentResult:
    text = 'Αλίκη: «Γεια».'
    doc = Document(id="mini", text=text, lang="el")
    att = Attribution(
        document="mini", sentence=0, sentence_text=text, cue=span(text, ":"), cue_lemma=":",
        content=span(text, "Γεια"), source=Mention(span(text, "Αλίκη"), "Αλίκη", "Person", entity="alice"),
        quote=quote, confidence=0.5,  # type: ignore[arg-type]
    )
    return DocumentResult(document=doc, sentences=(), attributions=(att,))


def test_build_matches_expected_graph() -> None:
    result = minimal_result()
    a = result.attributions[0].id
    checksum = result.document.checksum
    expected = Graph().parse(
        format="turtle",
        data=f"""
        @prefix ca: <https://w3id.org/kg/ontology#> .
        @prefix kgr: <https://w3id.org/kg/id/> .
        @prefix schema: <https://schema.org/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        kgr:doc\\/mini a schema:NewsArticle ; schema:identifier "mini" ; schema:inLanguage "el" ;
            ca:checksum "{checksum}" ; ca:sentenceCount 0 .
        kgr:claim\\/{a} a ca:Claim ; schema:text "Γεια"@el ; ca:inDocument kgr:doc\\/mini .
        kgr:attr\\/{a} a ca:Attribution ; ca:claim kgr:claim\\/{a} ; ca:inDocument kgr:doc\\/mini ;
            ca:cue ":" ; ca:cueLemma ":" ; ca:cueStart 5 ; ca:cueEnd 6 ; ca:contentStart 8 ; ca:contentEnd 12 ;
            ca:quoteType ca:Direct ; ca:polarity ca:Asserts ;
            ca:certainty "1"^^xsd:decimal ; ca:confidence "0.5"^^xsd:decimal ;
            ca:sentenceIndex 0 ; ca:sentenceText "Αλίκη: «Γεια»."@el ;
            ca:sourceMention "Αλίκη" ; ca:source kgr:entity\\/alice .
        kgr:entity\\/alice ca:asserts kgr:claim\\/{a} .
        """,
    )
    assert_isomorphic(expected, document_graph(result))


@pytest.mark.parametrize("field,value", [("quote", "quoted"), ("polarity", "maybe")])
def test_build_rejects_values_outside_the_model(field: str, value: str) -> None:
    import dataclasses

    result = minimal_result()
    bad = dataclasses.replace(result.attributions[0], **{field: value})
    with pytest.raises(KGError, match="valid values"):
        document_graph(dataclasses.replace(result, attributions=(bad,)))


def test_build_dataset_one_graph_per_document() -> None:
    ds = build_dataset([greek_result(), hostile_result(), greek_result()])
    named = {g.identifier for g in ds.graphs() if len(g)}
    assert named == {mint.document_iri(GREEK_ID), mint.document_iri(HOSTILE_ID), mint.ENTITY_GRAPH}
    entities = ds.graph(mint.ENTITY_GRAPH)
    assert (mint.entity_iri("tokayev"), ns.SKOS.prefLabel, None) in entities
    assert (mint.entity_iri("unlisted/" + HOSTILE), ns.SKOS.prefLabel, None) in entities
    assert_isomorphic(document_graph(greek_result()), ds.graph(mint.document_iri(GREEK_ID)))


# ------------------------------------------------------------------ labels in several languages


def _described(label: str, lang: str | None, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity(id="tokayev", label=label, type="Person", aliases=aliases, lang=lang)


def _labels(g: Graph, predicate) -> set[Literal]:
    return set(g.objects(mint.entity_iri("tokayev"), predicate))


def test_build_entity_in_two_languages_has_a_preflabel_in_each_and_one_name() -> None:
    g = entity_graph([_described("Τοκάγιεφ", "el", ("Τοκάγεφ",)), _described("Tokayev", "en", ("Tokaev",))])
    assert _labels(g, ns.SKOS.prefLabel) == {Literal("Τοκάγιεφ", lang="el"), Literal("Tokayev", lang="en")}
    assert _labels(g, ns.SKOS.altLabel) == {Literal("Τοκάγεφ", lang="el"), Literal("Tokaev", lang="en")}
    assert _labels(g, ns.SCHEMA.name) == {Literal("Τοκάγιεφ", lang="el")}  # the first description's label


def test_merge_entities_replaces_the_preflabel_of_each_language_described_anew() -> None:
    first = entity_graph([_described("Τοκάγιεφ", "el"), _described("Tokayev", "en")])
    merged = merge_entities(first, [_described("Τοκάγεφ", "el")])
    # the Greek label is replaced (and kept as an alternative one); the English one stays preferred
    assert _labels(merged, ns.SKOS.prefLabel) == {Literal("Τοκάγεφ", lang="el"), Literal("Tokayev", lang="en")}
    assert _labels(merged, ns.SKOS.altLabel) == {Literal("Τοκάγιεφ", lang="el")}
    assert _labels(merged, ns.SCHEMA.name) == {Literal("Τοκάγεφ", lang="el")}


def test_merge_entities_a_preflabel_without_language_gives_way() -> None:
    """A graph built before 0.5: its one untagged preferred label becomes an alternative one."""
    node = mint.entity_iri("tokayev")
    old = Graph(identifier=mint.ENTITY_GRAPH)
    old.add((node, ns.RDF.type, ns.SCHEMA.Person))
    old.add((node, ns.SKOS.prefLabel, Literal("Τοκάγιεφ")))
    merged = merge_entities(old, [_described("Τοκάγιεφ", "el")])
    assert _labels(merged, ns.SKOS.prefLabel) == {Literal("Τοκάγιεφ", lang="el")}
    assert _labels(merged, ns.SKOS.altLabel) == {Literal("Τοκάγιεφ")}


def test_merge_entities_gives_an_entity_from_before_0_5_a_name() -> None:
    node = mint.entity_iri("tokayev")
    old = Graph(identifier=mint.ENTITY_GRAPH)
    old.add((node, ns.RDF.type, ns.SCHEMA.Person))
    old.add((node, ns.SKOS.prefLabel, Literal("Τοκάγιεφ")))
    merged = merge_entities(old, [Entity(id="bbc", label="BBC", type="NewsMediaOrganization", lang="en")])
    assert _labels(merged, ns.SCHEMA.name) == {Literal("Τοκάγιεφ")}
    assert merged.value(mint.entity_iri("bbc"), ns.SCHEMA.name) == Literal("BBC", lang="en")


def test_described_entities_keep_every_language_primary_first() -> None:
    result = greek_result()
    english = Entity(id="tokayev", label="Tokayev", type="Person", lang="en")
    listed = tuple(e for e in result.entities if e.id == "tokayev")
    described = described_entities(DocumentResult(result.document, result.sentences, result.attributions, (*listed, english)))
    assert [e.lang for e in described if e.id == "tokayev"] == ["el", "en"]
    g = entity_graph(described)
    assert _labels(g, ns.SCHEMA.name) == {Literal(listed[0].label, lang="el")}


def test_rdf_build_document_provenance_and_diagnostics() -> None:
    """A document's headline, address and outlet, and why it was not analysed, are in its graph; shapes keep them single."""
    from kg.ns import SCHEMA, XSD
    from kg.rdf.validate import validate

    document = Document(
        "page", "", "el", date(2023, 8, 14), "Η Ημερησία", "https://x.example/a", "a.html", "Λειψυδρία στη Λέρο",
        ("no article text: the page holds only boilerplate; not analysed",),
    )
    result = DocumentResult(document=document, sentences=(), attributions=(), entities=())
    g = document_graph(result)
    doc = mint.document_iri("page")
    assert g.value(doc, SCHEMA.headline) == Literal("Λειψυδρία στη Λέρο", lang="el")
    assert g.value(doc, SCHEMA.url) == Literal("https://x.example/a", datatype=XSD.anyURI)
    assert g.value(doc, SCHEMA.publisher) == Literal("Η Ημερησία")
    assert [str(o) for o in g.objects(doc, CA.diagnostic)] == list(document.notes)
    assert g.value(doc, CA.sentenceCount) == Literal(0)
    assert validate(build_dataset([result])).conforms
    g.add((doc, SCHEMA.headline, Literal("another headline")))
    dataset = build_dataset([])
    for triple in g:
        dataset.graph(doc).add(triple)
    assert not validate(dataset).conforms  # one headline per article
