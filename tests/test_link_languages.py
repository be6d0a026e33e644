"""Entities across languages: an English mention meets the Greek one, and every label carries the
language of the sentence it was read in (kg.link.entities, kg.rdf.build; issue 14)."""

from __future__ import annotations

import itertools

import pytest
from rdflib import Literal

from kg import ns
from kg.link.entities import Linker
from kg.link.gazetteer import Gazetteer, GazetteerEntry
from kg.rdf import mint
from kg.rdf.build import entity_graph
from kg.types import Attribution, Entity, Mention, Span

# ------------------------------------------------------------------ helpers


def mention(label: str, type: str = "Person", *, proper: bool | None = None, norm: str | None = None, role: str | None = None) -> Mention:
    return Mention(Span(0, len(label), label), label, type, head=label.split()[0].lower(), role=role, proper=proper, norm=norm)


def said(sentence: int, source: Mention, *about: Mention) -> Attribution:
    """An attribution in sentence ``sentence`` (cues 100 characters apart, so they link in that order)."""
    at = sentence * 100
    return Attribution(
        document="doc", sentence=sentence, sentence_text="…", cue=Span(at, at + 4, "said"), cue_lemma="say",
        content=Span(at + 10, at + 20, "…"), source=source, about=about,
    )


def link(linker: Linker, lang: str | None, *mentions: Mention) -> list[str]:
    """Link one document in ``lang`` whose sentences each have one of ``mentions`` as their source; their ids."""
    attributions = tuple(said(i, m) for i, m in enumerate(mentions))
    languages = {i: lang for i in range(len(mentions))} if lang else None
    return [a.source.entity for a in linker.link_document(attributions, languages)]


def labels(linker: Linker, key: str) -> dict[str | None, tuple[str, tuple[str, ...]]]:
    """Language → (preferred label, other labels) of an entity."""
    return {e.lang: (e.label, e.aliases) for e in linker.descriptions(key)}


def bare() -> Linker:
    return Linker(gazetteer=None)


# ------------------------------------------------------------------ one entity across languages


@pytest.mark.parametrize("linker", [bare, Linker], ids=["no-gazetteer", "repository-gazetteer"])
def test_link_english_and_greek_mentions_of_one_person_get_one_id(linker) -> None:
    linker = linker()
    (greek,) = link(linker, "el", mention("Τοκάγιεφ"))
    english = link(linker, "en", mention("Kassym-Jomart Tokayev"), mention("Tokayev"))
    assert greek == english[0] == english[1] == "tokayef"


@pytest.mark.parametrize(
    ("english", "greek", "key"),
    [
        (mention("Reuters", "Organization"), mention("Ρόιτερς", "Person"), "reuters"),  # a parser's wrong guess
        (mention("CSTO", "Organization"), mention("ΟΣΣΑ", "Organization"), "csto"),
        (mention("Almaty", "Place"), mention("Αλμάτι", "Place"), "almaty"),
        (mention("Aktau", "Place"), mention("Ακτάου", "Place"), "aktau"),
    ],
)
def test_link_english_and_greek_names_meet_through_the_gazetteer(english: Mention, greek: Mention, key: str) -> None:
    linker = Linker()
    assert link(linker, "en", english) == link(linker, "el", greek) == [key]
    assert key in linker.gazetteer


@pytest.mark.parametrize(
    ("greek", "english"),
    [("Γκάζπρομ", "Gazprom"), ("Νουρ Οτάν", "Nur Otan"), ("Ροσνέφτ", "Rosneft")],
)
def test_link_organisation_known_only_in_greek_meets_its_transliteration(greek: str, english: str) -> None:
    linker = Linker()
    assert linker.gazetteer.by_label(greek) is None and linker.gazetteer.by_sound(english) is None
    for first, second in itertools.permutations([("el", greek), ("en", english)]):
        linker = Linker()
        (a,) = link(linker, first[0], mention(first[1], "Organization"))
        (b,) = link(linker, second[0], mention(second[1], "Organization"))
        assert a == b
        assert {lang: label for lang, (label, _) in labels(linker, a).items()} == {"el": greek, "en": english}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("en", mention("Russia", "Place")), ("el", mention("Ρώσοι", "GroupOfPeople"))),
        (("el", mention("Ρωσία", "Place")), ("el", mention("Ρώσοι", "GroupOfPeople"))),
        (("el", mention("Ρωσία", "Place")), ("en", mention("Russians", "GroupOfPeople"))),
        # one surname, two given names: two people, in any script
        (("en", mention("Nikos Papadopoulos")), ("el", mention("Γιάννης Παπαδόπουλος"))),
        (("el", mention("Γιάννης Παπαδόπουλος")), ("en", mention("Nikos Papadopoulos"))),
        # one sound, different kinds of thing
        (("en", mention("Reuters", "NewsMediaOrganization")), ("el", mention("Ρόιτερ", "Person"))),
        (("el", mention("Γαλαξίας", "NamedThing")), ("en", mention("Galaxias", "Organization"))),
    ],
)
@pytest.mark.parametrize("linker", [bare, Linker], ids=["no-gazetteer", "repository-gazetteer"])
def test_link_different_things_stay_apart_across_languages(linker, first, second) -> None:
    linker = linker()
    (a,) = link(linker, first[0], first[1])
    (b,) = link(linker, second[0], second[1])
    assert a != b


# ------------------------------------------------------------------ labels and their languages


def test_link_labels_take_the_language_of_their_sentence() -> None:
    linker = bare()
    link(linker, "el", mention("Τοκάγιεφ"), mention("Τοκάγιεφ"), mention("Κασίμ Τομάρ Τοκάγεφ"))
    link(linker, "en", mention("Tokayev"), mention("Kassym-Jomart Tokayev"))
    described = linker.descriptions("tokayef")
    assert [e.lang for e in described] == ["el", "en"]  # the name's language first
    assert labels(linker, "tokayef") == {
        "el": ("Τοκάγιεφ", ("Κασίμ Τομάρ Τοκάγεφ",)),  # the most frequent name
        "en": ("Kassym-Jomart Tokayev", ("Tokayev",)),  # the fullest among equals
    }
    assert linker.entity("tokayef") == described[0]
    assert {e.type for e in described} == {"Person"}


def test_link_the_name_is_the_most_frequent_label_in_any_language() -> None:
    linker = bare()
    link(linker, "el", mention("Τοκάγιεφ"))
    link(linker, "en", mention("Tokayev"), mention("Tokayev"))
    assert (linker.entity("tokayef").label, linker.entity("tokayef").lang) == ("Tokayev", "en")


def test_link_one_text_read_in_two_languages_is_a_label_in_each() -> None:
    linker = bare()
    link(linker, "el", mention("BBC", "NewsMediaOrganization"))
    link(linker, "en", mention("BBC", "NewsMediaOrganization"), mention("BBC", "NewsMediaOrganization"))
    assert labels(linker, "bbc") == {"en": ("BBC", ()), "el": ("BBC", ())}


@pytest.mark.parametrize("lang", [None, "und"])
def test_link_labels_of_unknown_language_have_none(lang: str | None) -> None:
    linker = bare()
    link(linker, lang, mention("Τοκάγιεφ"))
    assert linker.descriptions("tokayef") == (Entity(id="tokayef", label="Τοκάγιεφ", type="Person"),)


def test_link_roles_take_the_language_of_their_sentence() -> None:
    linker = bare()
    link(linker, "el", mention("Τοκάγιεφ", role="προεδρος"))
    link(linker, "en", mention("Tokayev", role="president"))
    assert {e.lang: e.roles for e in linker.descriptions("tokayef")} == {"el": ("προεδρος",), "en": ("president",)}


def test_link_gazetteer_labels_keep_their_language_and_the_first_is_preferred() -> None:
    linker = Linker()
    link(linker, "el", mention("Ρώιτερς", "Organization"), mention("Reuters", "Organization"))
    assert labels(linker, "reuters") == {
        "en": ("Reuters", ("Thomson Reuters",)),  # the entry's first English label is the entity's name
        "el": ("Ρόιτερς", ("Reuters", "Ρόυτερς", "Ρώιτερς")),  # read in a Greek sentence: a Greek label
    }
    assert linker.entity("reuters").lang == "en"


def test_link_gazetteer_aliases_without_a_language_have_no_preferred_label() -> None:
    entry = GazetteerEntry("x", "Place", (("en", "Xland"), ("el", "Ξλάνδη")), (("el", "Ξλάνδης"), (None, "Xlandia")), (("en", "a land"),))
    linker = Linker(gazetteer=Gazetteer([entry]))
    link(linker, "el", mention("Ξλάνδη", "Place"))
    assert [(e.lang, e.label, e.aliases, e.roles) for e in linker.descriptions("x")] == [
        ("en", "Xland", (), ("a land",)),
        ("el", "Ξλάνδη", ("Ξλάνδης",), ()),
        (None, "", ("Xlandia",), ()),
    ]


def test_link_one_preferred_label_per_language_whatever_the_order() -> None:
    mentions = [("el", mention("Τοκάγιεφ")), ("en", mention("Tokayev")), ("el", mention("Τοκάγεφ")), (None, mention("Tokaev"))]
    seen = set()
    for order in itertools.permutations(mentions):
        linker = bare()
        keys = {key for lang, m in order for key in link(linker, lang, m)}
        assert len(keys) == 1  # the id is the first surname read («tokaef» or «tokayef»): see kg.link.entities
        described = linker.descriptions(keys.pop())
        assert len({e.lang for e in described}) == len(described)
        assert all(e.label and e.label not in e.aliases for e in described)
        seen.add(tuple((e.lang, e.label) for e in described))
    assert len(seen) == 1  # the same labels whatever order the documents came in


def test_link_remembered_labels_stay_preferred_per_language() -> None:
    linker = bare()
    linker.remember({"tokayef": (("el", "Τοκάγιεφ"), ("en", "Tokayev"))})
    link(linker, "el", mention("Κασίμ Τομάρ Τοκάγεφ"), mention("Κασίμ Τομάρ Τοκάγεφ"))
    link(linker, "en", mention("Kassym-Jomart Tokayev"))
    assert labels(linker, "tokayef") == {
        "el": ("Τοκάγιεφ", ("Κασίμ Τομάρ Τοκάγεφ",)),
        "en": ("Tokayev", ("Kassym-Jomart Tokayev",)),
    }
    assert linker.entity("tokayef").label == "Τοκάγιεφ"


def test_link_a_remembered_name_without_language_keeps_the_name_where_read_again() -> None:
    """A graph built before labels had languages: its name stays, in the language it is read in now."""
    linker = bare()
    linker.remember({"tokayef": ((None, "Τοκάγιεφ"),)})
    link(linker, "el", mention("Κασίμ Τομάρ Τοκάγεφ"), mention("Κασίμ Τομάρ Τοκάγεφ"), mention("Τοκάγιεφ"))
    assert (linker.entity("tokayef").lang, linker.entity("tokayef").label) == ("el", "Τοκάγιεφ")
    assert [e.lang for e in linker.descriptions("tokayef")] == ["el"]


# ------------------------------------------------------------------ what the extractor says: proper, norm


def test_link_a_capitalised_description_is_no_name() -> None:
    """«Διαδηλωτές» opening a sentence is a description (proper=False): linked by its lemma form."""
    linker = Linker()
    described = mention("Διαδηλωτές", "GroupOfPeople", proper=False, norm="διαδηλωτής")
    (key,) = link(linker, "el", described)
    assert key == "protesters"
    lower = bare()
    assert link(lower, "el", described) == ["diadilotis"]


def test_link_a_lowercase_proper_name_is_a_name() -> None:
    """"dpa" is a name (proper=True), so it meets its transliteration by sound like any name."""
    linker = bare()
    (a,) = link(linker, "en", mention("gazprom", "Organization", proper=True))
    (b,) = link(linker, "el", mention("Γκάζπρομ", "Organization"))
    assert a == b


# ------------------------------------------------------------------ named things


def test_link_named_thing_is_as_specific_as_a_place_and_fits_only_thing() -> None:
    linker = bare()
    (a,) = link(linker, "el", mention("Συμφωνία των Πρεσπών", "Thing"))
    (b,) = link(linker, "el", mention("Συμφωνία των Πρεσπών", "NamedThing"))
    assert a == b and linker.entity(a).type == "NamedThing"
    for other in ("Place", "Organization", "Person", "GroupOfPeople"):
        (c,) = link(linker, "el", mention("Συμφωνία των Πρεσπών", other))
        assert c != a, other


# ------------------------------------------------------------------ the graph


def test_build_one_preflabel_per_language_and_one_name() -> None:
    linker = Linker()
    link(linker, "el", mention("Ρώιτερς", "Organization"))
    link(linker, "en", mention("Reuters", "Organization"))
    g = entity_graph(linker.descriptions("reuters"))
    node = mint.entity_iri("reuters")
    assert set(g.objects(node, ns.SKOS.prefLabel)) == {Literal("Reuters", lang="en"), Literal("Ρόιτερς", lang="el")}
    assert set(g.objects(node, ns.SKOS.altLabel)) == {
        Literal("Thomson Reuters", lang="en"), Literal("Ρόυτερς", lang="el"), Literal("Ρώιτερς", lang="el"),
    }
    assert list(g.objects(node, ns.SCHEMA.name)) == [Literal("Reuters", lang="en")]


def test_build_a_language_with_aliases_only_has_no_preflabel() -> None:
    g = entity_graph([
        Entity(id="x", label="Xland", type="Place", lang="en"),
        Entity(id="x", label="", type="Place", aliases=("Xlandia",), lang=None),
    ])
    node = mint.entity_iri("x")
    assert list(g.objects(node, ns.SKOS.prefLabel)) == [Literal("Xland", lang="en")]
    assert list(g.objects(node, ns.SKOS.altLabel)) == [Literal("Xlandia")]


# ------------------------------------------------------------------ end to end, with the models


@pytest.fixture(scope="module")
def both_languages(stanza_parser):
    from conftest import _require

    _require("en")
    return stanza_parser


def test_link_languages_end_to_end(both_languages, tmp_path) -> None:
    """A Greek and an English article about the same people: one entity each, labels in both languages."""
    from kg.pipeline import Pipeline, build, open_store
    from kg.rdf.validate import validate

    folder = tmp_path / "in"
    folder.mkdir()
    articles = {
        "el-1": "Ο Τοκάγιεφ δήλωσε ότι οι δυνάμεις του ΟΣΣΑ θα αποχωρήσουν από το Καζακστάν. "
        "Το Ρόιτερς μετέδωσε ότι οι διαδηλωτές έφυγαν από το Αλμάτι.",
        "en-1": "Kassym-Jomart Tokayev said on Friday that the CSTO troops would leave Kazakhstan. "
        "Reuters reported that the protesters had left Almaty. Tokayev said that order had been restored.",
    }
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    build([folder], tmp_path / "out", pipeline=Pipeline(parser=both_languages))
    with open_store(tmp_path / "out") as store:
        entities = store.graph(mint.ENTITY_GRAPH)
        assert validate(store).conforms

        def preferred(key: str) -> dict[str | None, str]:
            return {label.language: str(label) for label in entities.objects(mint.entity_iri(key), ns.SKOS.prefLabel)}

        assert preferred("tokayef")["el"] == "Τοκάγιεφ"
        assert preferred("tokayef")["en"] in {"Tokayev", "Kassym-Jomart Tokayev", "Kassym - Jomart Tokayev"}
        assert preferred("reuters") == {"en": "Reuters", "el": "Ρόιτερς"}
        assert preferred("csto") == {"en": "CSTO", "el": "ΟΣΣΑ"}
        speakers = {str(s) for s in store.graph(mint.document_iri("en-1")).objects(None, ns.CA.source)}
        assert speakers == {str(mint.entity_iri("tokayef")), str(mint.entity_iri("reuters"))}
