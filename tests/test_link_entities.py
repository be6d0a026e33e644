"""Tests of kg.link.entities: transliterated keys, and one canonical entity per referent across documents."""

from __future__ import annotations

import itertools
import json

import pytest

from kg.link.entities import FUZZY_THRESHOLD, Linker, entity_key, transliterate
from kg.link.names import skeleton_word
from kg.types import Attribution, Entity, Mention, Span

# ------------------------------------------------------------------ helpers


def mention(label: str, type: str = "Person", role: str | None = None, at: int = 0) -> Mention:
    return Mention(span=Span(at, at + len(label), label), label=label, type=type, head=label.split()[0].lower(), role=role)


def attribution(doc: str, at: int, source: Mention | None, *, about: tuple[Mention, ...] = (), reported_by: Mention | None = None) -> Attribution:
    """An attribution whose cue sits at ``at`` (mentions are linked in cue order)."""
    return Attribution(
        document=doc,
        sentence=at // 100,
        sentence_text="…",
        cue=Span(at, at + 6, "δήλωσε"),
        cue_lemma="δηλώνω",
        content=Span(at + 10, at + 20, "περιεχόμενο"),
        source=source,
        about=about,
        reported_by=reported_by,
    )


def bare() -> Linker:
    """A linker with no gazetteer: only what the documents say."""
    return Linker(gazetteer=None)


def sources(linked: tuple[Attribution, ...]) -> list[str | None]:
    return [a.source.entity if a.source else None for a in linked]


# ------------------------------------------------------------------ transliterate, entity_key


@pytest.mark.parametrize("spelling", ["Τοκάγιεφ", "ΤΟΚΑΓΙΕΦ", "τοκαγιεφ", "τοκάγιεφ", "ΤΟΚΆΓΙΕΦ"])
def test_link_transliterate_ignores_accents_and_case(spelling: str) -> None:
    assert transliterate(spelling) == "tokagief"


@pytest.mark.parametrize(
    ("greek", "latin"),
    [
        ("Κουλούρη", "koulouri"),  # ου
        ("Μπαράκ", "barak"),  # μπ
        ("Ντόναλντ", "donald"),  # ντ
        ("Αγγλία", "anglia"),  # γγ
        ("Τσίπρας", "tsipras"),  # τσ, final ς
        ("Θεσσαλονίκη", "thessaloniki"),
        ("Ψαχνά", "psachna"),
        ("Ξάνθη", "xanthi"),
    ],
)
def test_link_transliterate_greek_to_latin(greek: str, latin: str) -> None:
    assert transliterate(greek) == latin


@pytest.mark.parametrize("text", ["BBC", "Reuters 2022", "bbc", "ΑΠΕ-ΜΠΕ"])
def test_link_transliterate_output_is_lowercase_ascii_for_greek_and_latin(text: str) -> None:
    out = transliterate(text)
    assert out == out.lower()
    assert out.isascii()


def test_link_transliterate_keeps_latin_text_folded() -> None:
    assert transliterate("Reuters") == "reuters"
    assert transliterate("Müller") == "muller"


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Κασίμ Τομάρ Τοκάγιεφ", "kasim-tomar-tokagief"),
        ("πρόεδρος του Καζακστάν", "proedros-tou-kazakstan"),
        ("Κασίμ-Τομάρ  Τοκάγιεφ!", "kasim-tomar-tokagief"),
        ("«BBC»", "bbc"),
        ("«»", "unnamed"),
        ("", "unnamed"),
    ],
)
def test_link_entity_key_is_hyphenated_transliteration(label: str, key: str) -> None:
    assert entity_key(label) == key


def test_link_entity_key_same_for_case_and_accent_variants() -> None:
    assert entity_key("Ρωσία") == entity_key("ΡΩΣΙΑ") == entity_key("ρωσια") == "rosia"


# ------------------------------------------------------------------ Linker: people


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Τοκάγιεφ", "Τοκάγεφ"),
        ("Τοκάγιεφ", "Κασίμ Τομάρ Τοκάγεφ"),
        ("Κασίμ Τομάρ Τοκάγεφ", "Τοκάγιεφ"),
        ("Τοκάγιεφ", "ΤΟΚΑΓΙΕΦ"),
        ("Κασίμ-Ζομάρτ Τοκάγιεφ", "Τοκάγιεφ"),
    ],
)
def test_link_spelling_variants_of_one_surname_merge_across_documents(first: str, second: str) -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity is not None
    assert a.source.entity == b.source.entity


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Παπαδόπουλος", "Παπαδάκης"),
        ("Τοκάγιεφ", "Ναζαρμπάγιεφ"),
        ("Πούτιν", "Μπάιντεν"),
        ("Γιάννης Παπαδόπουλος", "Γιάννης Παπαδάκης"),  # same first name, different surnames
    ],
)
def test_link_different_surnames_do_not_merge(first: str, second: str) -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity != b.source.entity


def test_link_threshold_is_configurable() -> None:
    # «tokaef»/«tokayef» is 0.92 similar: a stricter linker keeps them apart
    strict = Linker(threshold=0.99, gazetteer=None)
    (a,) = strict.link_document((attribution("doc1", 0, mention("Τοκάγιεφ")),))
    (b,) = strict.link_document((attribution("doc2", 0, mention("Tokaev")),))
    assert a.source.entity != b.source.entity
    loose = bare()
    (a,) = loose.link_document((attribution("doc1", 0, mention("Τοκάγιεφ")),))
    (b,) = loose.link_document((attribution("doc2", 0, mention("Tokaev")),))
    assert a.source.entity == b.source.entity
    assert 0.67 < FUZZY_THRESHOLD < 0.9


@pytest.mark.parametrize(
    ("labels", "key"),
    [
        (("Κασίμ Τομάρ Τοκάγιεφ", "Τοκάγεφ", "Tokayev", "Kassym-Jomart Tokayev", "ΤΟΚΑΓΙΕΦ"), "tokayef"),
        (("Κώστας Παπαδόπουλος", "Κ. Παπαδόπουλος", "Παπαδόπουλος", "Kostas Papadopoulos"), "papadopulos"),
        (("Πούτιν", "Putin", "Βλαντιμίρ Πούτιν", "Vladimir Putin"), "putin"),
    ],
)
def test_link_person_id_does_not_depend_on_order(labels: tuple[str, ...], key: str) -> None:
    """Every order of the same mentions, one per document, gives one entity with the same id."""
    for order in itertools.permutations(labels):
        linker = bare()
        ids = [linker.link_document((attribution(f"doc{i}", 0, mention(label)),))[0].source.entity for i, label in enumerate(order)]
        assert ids == [key] * len(labels), order


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Κ. Παπαδόπουλος", "Κώστας Παπαδόπουλος"),
        ("Κασίμ Τοκάγιεφ", "Κασίμ-Ζομάρτ Τοκάγιεφ"),
    ],
)
def test_link_given_name_matching_does_not_depend_on_order(first: str, second: str) -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity == b.source.entity


def test_link_second_person_with_a_taken_surname_gets_the_full_name() -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention("Γιάννης Παπαδόπουλος")),))
    (b,) = linker.link_document((attribution("doc2", 0, mention("Νίκος Παπαδόπουλος")),))
    (c,) = linker.link_document((attribution("doc3", 0, mention("Nikos Papadopoulos")),))
    assert (a.source.entity, b.source.entity, c.source.entity) == ("papadopulos", "nikos-papadopulos", "nikos-papadopulos")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Γιάννης Παπαδόπουλος", "Νίκος Παπαδόπουλος"),
        ("Νίκος Παπαδόπουλος", "Γιάννης Παπαδόπουλος"),
        ("Κώστας Παπαδόπουλος", "Ν. Παπαδόπουλος"),
    ],
)
def test_link_same_surname_with_different_given_names_does_not_merge(first: str, second: str) -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity != b.source.entity


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Παπαδόπουλος", "Νίκος Παπαδόπουλος"),
        ("Νίκος Παπαδόπουλος", "Παπαδόπουλος"),
        ("Κώστας Παπαδόπουλος", "Κ. Παπαδόπουλος"),
        ("Κασίμ-Ζομάρτ Τοκάγιεφ", "Κασίμ Τοκάγιεφ"),
    ],
)
def test_link_same_surname_with_compatible_given_names_merges(first: str, second: str) -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention(first)),))
    (b,) = linker.link_document((attribution("doc2", 0, mention(second)),))
    assert a.source.entity == b.source.entity == skeleton_word(first.split()[-1])


def test_link_fuzzy_match_needs_the_same_first_letter() -> None:
    # «kokayef» is as close to «tokayef» as «tokagef» is, but starts differently
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention("Τοκάγιεφ")),))
    (b,) = linker.link_document((attribution("doc2", 0, mention("Κοκάγιεφ")),))
    assert (a.source.entity, b.source.entity) == ("tokayef", "kokayef")


# ------------------------------------------------------------------ Linker: places, groups, things


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (mention("Ρωσία", "Place"), mention("Ρώσοι", "GroupOfPeople")),
        (mention("Ρωσία", "Thing"), mention("Ρώσοι", "GroupOfPeople")),
        (mention("Καζακστάν", "Place"), mention("Καζάκοι", "GroupOfPeople")),
    ],
)
def test_link_country_and_its_people_do_not_merge(first: Mention, second: Mention) -> None:
    linker = bare()
    linked = linker.link_document((attribution("doc1", 0, first), attribution("doc1", 100, second)))
    a, b = sources(linked)
    assert a != b
    assert {linker.entity(a).type, linker.entity(b).type} == {first.type, second.type}


def test_link_non_person_names_are_not_fuzzy_matched() -> None:
    # «afstria»/«afstralia» are 0.88 similar, above the threshold for people
    linker = bare()
    linked = linker.link_document(
        (attribution("doc1", 0, mention("Αυστρία", "Place")), attribution("doc1", 100, mention("Αυστραλία", "Place")))
    )
    assert sources(linked) == ["aystria", "aystralia"]


def test_link_non_person_names_with_one_sound_merge_across_scripts() -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention("Σπούτνικ", "NewsMediaOrganization")),))
    (b,) = linker.link_document((attribution("doc2", 0, mention("Sputnik", "Organization")),))
    assert a.source.entity == b.source.entity == "spoutnik"
    assert linker.entity("spoutnik").type == "NewsMediaOrganization"


def test_link_same_place_merges_across_documents_with_the_most_specific_type() -> None:
    linker = bare()
    (a,) = linker.link_document((attribution("doc1", 0, mention("Ρωσία", "Thing")),))
    (b,) = linker.link_document((attribution("doc2", 0, mention("ΡΩΣΙΑ", "Place")),))
    assert a.source.entity == b.source.entity == "rosia"
    assert linker.entity("rosia").type == "Place"


# ------------------------------------------------------------------ Linker: role descriptions


def named_president(at: int = 0) -> Mention:
    return mention("Τοκάγιεφ", role="προεδρος", at=at)


def president_description(at: int = 200) -> Mention:
    return mention("πρόεδρος του Καζακστάν", role="προεδρος", at=at)


def test_link_role_description_links_to_last_named_holder_in_the_document() -> None:
    linker = bare()
    linked = linker.link_document(
        (attribution("doc1", 0, named_president()), attribution("doc1", 200, president_description()))
    )
    assert sources(linked) == ["tokayef", "tokayef"]


def test_link_role_description_takes_the_latest_holder() -> None:
    linker = bare()
    linked = linker.link_document(
        (
            attribution("doc1", 0, named_president()),
            attribution("doc1", 100, mention("Πούτιν", role="προεδρος", at=100)),
            attribution("doc1", 200, president_description()),
        )
    )
    assert sources(linked) == ["tokayef", "putin", "putin"]


def test_link_role_description_before_any_holder_keeps_its_own_key() -> None:
    linker = bare()
    linked = linker.link_document(
        (attribution("doc1", 200, named_president(at=200)), attribution("doc1", 0, president_description(at=0)))
    )
    # linked in cue order: the description comes first, when no president has been named yet
    assert sources(linked) == ["proedros-tou-kazakstan", "tokayef"]


def test_link_role_description_does_not_link_across_documents() -> None:
    linker = bare()
    linker.link_document((attribution("doc1", 0, named_president()),))
    (b,) = linker.link_document((attribution("doc2", 0, president_description(at=0)),))
    assert b.source.entity == "proedros-tou-kazakstan"


def test_link_role_description_of_another_role_is_not_linked() -> None:
    linker = bare()
    linked = linker.link_document(
        (
            attribution("doc1", 0, named_president()),
            attribution("doc1", 200, mention("υπουργός Εξωτερικών", role="υπουργος", at=200)),
        )
    )
    assert sources(linked) == ["tokayef", "ypourgos-exoterikon"]


def test_link_role_holder_in_about_and_reported_by_counts() -> None:
    linker = bare()
    first = attribution("doc1", 0, mention("BBC", "NewsMediaOrganization"), about=(named_president(at=30),))
    second = attribution("doc1", 200, None, reported_by=president_description())
    a, b = linker.link_document((second, first))
    assert (a.about[0].entity, b.reported_by.entity) == ("tokayef", "tokayef")
    assert b.source is None


# ------------------------------------------------------------------ link_document output


def test_link_document_sets_entity_and_keeps_everything_else() -> None:
    linker = bare()
    att = attribution("doc1", 0, named_president(), about=(mention("Ρωσία", "Place", at=40),))
    (out,) = linker.link_document((att,))
    assert out.source.entity == "tokayef"
    assert out.about[0].entity == "rosia"
    assert out.source.label == att.source.label and out.source.span == att.source.span
    assert (out.cue, out.content, out.id) == (att.cue, att.content, att.id)


def test_link_document_returns_attributions_in_content_order() -> None:
    linker = bare()
    late = attribution("doc1", 300, mention("Πούτιν"))
    early = attribution("doc1", 0, mention("Τοκάγιεφ"))
    out = linker.link_document((late, early))
    assert [a.content.start for a in out] == [10, 310]


def test_link_document_of_nothing_is_empty() -> None:
    assert bare().link_document(()) == ()


# ------------------------------------------------------------------ entities_of


def test_link_entities_of_gives_one_entity_per_id() -> None:
    linker = bare()
    linked = linker.link_document(
        (
            attribution("doc1", 0, named_president(), about=(mention("Ρωσία", "Place", at=40),)),
            attribution("doc1", 100, mention("Τοκάγιεφ", at=100)),
            attribution("doc1", 200, president_description()),
            attribution("doc1", 300, None),
        )
    )
    entities = linker.entities_of(linked)
    assert [e.id for e in entities] == ["rosia", "tokayef"]
    assert all(isinstance(e, Entity) for e in entities)


def test_link_entities_of_label_is_the_most_frequent_named_label() -> None:
    linker = bare()
    first = linker.link_document(
        (
            attribution("doc1", 0, mention("Κασίμ Τομάρ Τοκάγιεφ", role="προεδρος")),
            attribution("doc1", 100, mention("Τοκάγιεφ", at=100)),
            attribution("doc1", 200, president_description()),
            attribution("doc1", 300, president_description(at=300)),
            attribution("doc1", 400, president_description(at=400)),
        )
    )
    second = linker.link_document((attribution("doc2", 0, mention("Τοκάγιεφ")),))
    (entity,) = linker.entities_of(first)
    # the description is the most frequent label, but it is not a name
    assert entity.label == "Τοκάγιεφ"
    assert entity.aliases == ("Κασίμ Τομάρ Τοκάγιεφ", "πρόεδρος του Καζακστάν")
    assert entity.roles == ("προεδρος",)
    assert entity.type == "Person"
    assert linker.entities_of(second) == (entity,)


def test_link_entities_of_unnamed_cluster_uses_its_lowercase_label() -> None:
    linker = bare()
    linked = linker.link_document((attribution("doc1", 0, mention("κυβέρνηση", "Organization")),))
    (entity,) = linker.entities_of(linked)
    assert (entity.id, entity.label, entity.aliases, entity.roles) == ("kyvernisi", "κυβέρνηση", (), ())


def test_link_entities_of_unlinked_attributions_is_empty() -> None:
    assert bare().entities_of((attribution("doc1", 0, mention("Τοκάγιεφ")),)) == ()


# ------------------------------------------------------------------ with a gazetteer

GAZETTEER = [
    {"id": "reuters", "type": "NewsMediaOrganization", "labels": {"en": ["Reuters"], "el": ["Ρόιτερς"]}},
    {"id": "bbc", "type": "NewsMediaOrganization", "labels": {"en": ["BBC"]}, "wikidata": "Q9531"},
    {"id": "kazakhstan", "type": "Place", "labels": {"en": ["Kazakhstan"], "el": ["Καζακστάν"]}, "wikidata": "Q232"},
    {"id": "russia", "type": "Place", "labels": {"en": ["Russia"], "el": ["Ρωσία", "Ρωσίας"]}, "wikidata": "Q159"},
    {
        "id": "tokayev",
        "type": "Person",
        "labels": {"en": ["Kassym-Jomart Tokayev"], "el": ["Κασίμ-Ζομάρτ Τοκάγιεφ"]},
        "aliases": ["Tokayev"],
        "roles": {"en": ["president of Kazakhstan"], "el": ["πρόεδρος του Καζακστάν"]},
    },
]


@pytest.fixture
def gazetteer(tmp_path):
    from kg.link.gazetteer import load_gazetteer

    path = tmp_path / "gazetteer.json"
    path.write_text(json.dumps(GAZETTEER, ensure_ascii=False), encoding="utf-8")
    return load_gazetteer(path)


@pytest.mark.parametrize(
    ("label", "type", "id", "entity_type"),
    [
        ("Καζακστάν", "Person", "kazakhstan", "Place"),  # the parser's guess is overruled
        ("Reuters", "Person", "reuters", "NewsMediaOrganization"),
        ("Ρώιτερς", "Organization", "reuters", "NewsMediaOrganization"),  # by sound: «roiters» = «Ρόιτερς»
        ("ΡΩΣΙΑ", "Thing", "russia", "Place"),
        ("Ρωσίας", "Place", "russia", "Place"),  # a genitive the entry lists
        ("Τοκάγεφ", "Person", "tokayev", "Person"),  # a person entry, by surname
        ("Κασίμ Τομάρ Τοκάγεφ", "Person", "tokayev", "Person"),
    ],
)
def test_link_gazetteer_entry_gives_id_and_type(gazetteer, label: str, type: str, id: str, entity_type: str) -> None:
    linker = Linker(gazetteer=gazetteer)
    (a,) = linker.link_document((attribution("doc1", 0, mention(label, type)),))
    assert a.source.entity == id
    assert linker.entity(id).type == entity_type


def test_link_gazetteer_entity_carries_labels_aliases_and_wikidata(gazetteer) -> None:
    linker = Linker(gazetteer=gazetteer)
    (a,) = linker.link_document((attribution("doc1", 0, mention("Καζακστάν", "Place")),))
    # one description per language of the entry, the English label (the entity's name) first; the
    # mention, read in no known language, is the entry's Greek label
    assert linker.entities_of((a,)) == (
        Entity(id="kazakhstan", label="Kazakhstan", type="Place", lang="en", wikidata="Q232"),
        Entity(id="kazakhstan", label="Καζακστάν", type="Place", lang="el", wikidata="Q232"),
    )


def test_link_gazetteer_role_description_links_to_the_entry(gazetteer) -> None:
    linker = Linker(gazetteer=gazetteer)
    (a,) = linker.link_document((attribution("doc1", 0, president_description(at=0)),))
    assert a.source.entity == "tokayev"
    assert "president of Kazakhstan" in linker.entity("tokayev").roles


def test_link_in_document_holder_comes_before_gazetteer_role(gazetteer) -> None:
    # the document names the holder at its time; the gazetteer's roles are timeless
    linker = Linker(gazetteer=gazetteer)
    linked = linker.link_document(
        (attribution("doc1", 0, mention("Πούτιν", role="προεδρος")), attribution("doc1", 200, president_description()))
    )
    assert sources(linked) == ["putin", "putin"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (mention("Ρωσία", "Place"), mention("Ρώσοι", "GroupOfPeople")),
        (mention("Reuters", "NewsMediaOrganization"), mention("Ρόιτερ", "Person")),  # similar strings, a person
    ],
)
def test_link_gazetteer_does_not_catch_similar_names_of_other_kinds(gazetteer, first: Mention, second: Mention) -> None:
    linker = Linker(gazetteer=gazetteer)
    linked = linker.link_document((attribution("doc1", 0, first), attribution("doc1", 100, second)))
    a, b = sources(linked)
    assert a != b
    assert linker.entity(b).type == second.type


def test_link_organisation_and_person_with_similar_names_stay_apart_without_gazetteer() -> None:
    linker = bare()
    linked = linker.link_document(
        (attribution("doc1", 0, mention("Reuters", "Organization")), attribution("doc1", 100, mention("Reuter", "Person")))
    )
    a, b = sources(linked)
    assert a != b
    assert (linker.entity(a).type, linker.entity(b).type) == ("Organization", "Person")


def test_link_correspondent_of_an_outlet_is_a_person_affiliated_with_it(gazetteer) -> None:
    linker = Linker(gazetteer=gazetteer)
    reporter = mention("ανταποκριτής του BBC", "Person", role="ανταποκριτης")
    linked = linker.link_document((attribution("doc1", 0, reporter),))
    assert linked[0].source.entity == "adapokritis-tou-bbc"
    assert linker.entity("adapokritis-tou-bbc").type == "Person"
    assert linker.affiliation(linked[0].source) == "bbc"
    assert linker.affiliations_of(linked) == (("adapokritis-tou-bbc", "bbc"),)
    assert [e.id for e in linker.entities_of(linked)] == ["adapokritis-tou-bbc", "bbc"]


@pytest.mark.parametrize(
    "label",
    ["υπουργείο Εσωτερικών του Καζακστάν", "πρόεδρος του Καζακστάν", "ανταποκριτής του Guardian"],
)
def test_link_no_affiliation_without_a_known_organisation(gazetteer, label: str) -> None:
    linker = Linker(gazetteer=gazetteer)
    assert linker.affiliation(mention(label, "Person")) is None


def test_link_default_linker_uses_the_repository_gazetteer() -> None:
    linker = Linker()
    linked = linker.link_document(
        (attribution("doc1", 0, mention("Ρώιτερς", "Person")), attribution("doc1", 100, mention("Russia Today", "Organization")))
    )
    assert sources(linked) == ["reuters", "rt"]
    assert linker.entity("rt").type == "NewsMediaOrganization"
