"""kg.link.resolve: a name resolves to the entities it names, never by a shared article or a partial overlap."""

from __future__ import annotations

import pytest

from kg.link.gazetteer import Gazetteer, GazetteerEntry
from kg.link.resolve import NameIndex, Named, content_words, words_match

NAMES = [
    Named("tok", "Τοκάγιεφ", "tokayef", "Person"),
    Named("tok", "Κασίμ Τομάρ Τοκάγεφ", "tokayef", "Person"),
    Named("tok", "πρόεδρος του Καζακστάν", "tokayef", "Person"),
    Named("bbc-reporter", "ανταποκριτής του BBC", "adapokritis-bbc", "Person"),
    Named("bbc", "BBC", "bbc", "NewsMediaOrganization"),
    Named("interior", "υπουργείο Εσωτερικών του Καζακστάν", "ypourgeio-esoterikon", "Organization"),
    Named("kz", "Καζακστάν", "kazakhstan", "Place"),
    Named("kz", "Kazakhstan", "kazakhstan", "Place"),
    Named("police", "αστυνομία του Καζακστάν", "astynomia-kazakstan", "Organization"),
    Named("putin", "Πούτιν", "putin", "Person"),
    Named("protesters", "διαδηλωτές", "protesters", "GroupOfPeople"),
    Named("officers", "αστυνομικοί", "police-officers", "GroupOfPeople"),
]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(NAMES)


@pytest.mark.parametrize(
    "name",
    ["Tokayev", "Τοκάγιεφ", "tokayev", "Tokaev", "ΤΟΚΑΓΙΕΦ", "Токаев", "Tokayev's", "Τοκάγεφ", "tokayef",
     "Kassym-Jomart Tokayev", "Kassym Tokayev", "Κ. Τοκάγεφ"],
)
def test_resolve_one_person_across_case_accents_scripts_and_spellings(index, name):
    assert index.resolve(name).entities == ("tok",)


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("ανταποκριτής του CNN", "ανταποκριτής του BBC"),  # shares «ανταποκριτής» and the article «του»
        ("υπουργείο Υγείας της Ελλάδας", "υπουργείο Εσωτερικών του Καζακστάν"),  # shares «υπουργείο», articles
        ("υπουργείο Εξωτερικών", "υπουργείο Εσωτερικών του Καζακστάν"),  # one consonant apart: another ministry
        ("Maria Tokayev", "Τοκάγιεφ"),  # the surname, but not his given name
    ],
)
def test_resolve_refuses_partial_overlaps_and_suggests(index, name, suggested):
    found = index.resolve(name)
    assert found.entities == () and not found
    assert found.suggestions[0] == suggested


def test_resolve_function_words_alone_match_nothing(index):
    for name in ("του", "the", "της του", "", "   ", "<script>alert(1)</script>"):
        assert index.resolve(name).entities == ()


def test_resolve_a_whole_name_wins_over_names_that_contain_its_words(index):
    """«Καζακστάν» is the country, not also the police, the ministry and the president «of Kazakhstan»."""
    found = index.resolve("Καζακστάν")
    assert found.entities == ("kz",) and found.whole
    assert index.resolve("Kazakstan").entities == ("kz",)  # its skeleton: one sound, either script


def test_resolve_every_content_word_when_no_whole_name_matches(index):
    assert index.resolve("υπουργείου Εσωτερικών").entities == ("interior",)  # a genitive, words in order
    assert index.resolve("Εσωτερικών υπουργείο").entities == ("interior",)
    assert index.resolve("ανταποκριτής").entities == ("bbc-reporter",)
    assert index.resolve("διαδηλωτής").entities == ("protesters",)
    without_country = NameIndex([n for n in NAMES if n.entity != "kz"])
    found = without_country.resolve("Καζακστάν")  # every name with the word, and not as a whole name
    assert found.entities == ("interior", "police", "tok") and not found.whole


def test_resolve_a_person_known_by_surname_only_is_not_matched_by_a_full_name(index):
    assert index.resolve("Putin").entities == ("putin",)
    assert index.resolve("Vladimir Putin").entities == ()
    assert index.resolve("Vladimir Putin").suggestions[0] == "Πούτιν"


def test_resolve_by_id_or_iri():
    index = NameIndex([Named("https://w3id.org/kg/id/entity/bbc", "BBC", "bbc")])
    assert index.resolve("bbc").entities == ("https://w3id.org/kg/id/entity/bbc",)
    assert index.resolve("https://w3id.org/kg/id/entity/bbc").entities == ("https://w3id.org/kg/id/entity/bbc",)
    assert index.knows("bbc") and not index.knows("BBC News")


def test_resolve_gazetteer_names_in_other_languages():
    entry = GazetteerEntry("protesters", "GroupOfPeople", (("en", "protesters"), ("el", "διαδηλωτές")), ((None, "demonstrators"),))
    index = NameIndex([Named("p", "διαδηλωτές", "protesters")], Gazetteer([entry]))
    assert index.resolve("protesters").entities == ("p",)
    assert index.resolve("Demonstrators").entities == ("p",)
    assert NameIndex([Named("p", "διαδηλωτές", "protesters")]).resolve("demonstrators").entities == ()


def test_resolve_suggestions_are_ranked_and_one_per_entity(index):
    suggestions = index.resolve("Τοκάγιεφφ Χ").suggestions
    assert suggestions and suggestions[0] in ("Τοκάγιεφ", "Κασίμ Τομάρ Τοκάγεφ")
    assert len(suggestions) == len(set(suggestions)) <= 5
    assert not any("Τοκάγ" in s for s in suggestions[1:])  # Tokayev once, by his closest name


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("υπουργείο", "υπουργείου", True),  # Greek inflection: one stem, another ending
        ("Υγεία", "Υγείας", True),
        ("αστυνομικοί", "αστυνομικών", True),
        ("αστυνομία", "αστυνομικός", False),  # another word from the same root
        ("Ιράν", "Ιράκ", False),  # a stem of three letters says nothing
        ("Ρωσία", "Ρώσοι", False),  # Russia is not the Russians
        ("Καραμανλής", "Καραμανλάκης", False),  # a surname plus a suffix is another name
        ("Εσωτερικών", "Εξωτερικών", False),  # consonants must agree
        ("Tokaev", "Τοκάγιεφ", True),  # transcriptions: vowels and glides only
        ("Токаев", "Tokayev", True),
        ("protesters", "protester", True),
        ("police", "policy", False),
        ("CNN", "BBC", False),
        ("Κ", "Κασίμ", True),  # an initial
        ("Ρόιτερς", "Ρώιτερς", True),  # an accent splits «οι»: read from the word as written, not folded
    ],
)
def test_words_match(a, b, same):
    assert words_match(a, b) is same


def test_content_words_drop_articles_prepositions_and_possessives():
    assert content_words("ανταποκριτής του CNN") == ["ανταποκριτης", "cnn"]
    assert content_words("The minister of the Interior's") == ["minister", "interior"]


def test_char_folds_fold_a_query_as_normalise_does() -> None:
    """The desk folds a query in the browser with this table: it must give what the resolver's normalise gives."""
    from kg.link.gazetteer import normalise
    from kg.link.resolve import char_folds

    for text in ("Τοκάγιεφ", "ΤΟΚΑΓΙΕΦ", "Κασίμ-Ζομάρτ «Τοκάγιεφ»", "Ϊράν, Müller & Co.", "Токаев", "µ ﬁ"):
        table = char_folds(text)
        folded = " ".join("".join(table[ch] for ch in text).split())
        assert folded == normalise(text), text


def test_name_index_forms_list_every_name_of_an_entity() -> None:
    from kg.link.resolve import Named, NameIndex

    index = NameIndex([Named("e1", "Κασίμ-Ζομάρτ Τοκάγιεφ"), Named("e1", "ο Τοκάγιεφ"), Named("e2", "BBC")])
    assert index.forms() == {"e1": ("κασιμ ζομαρτ τοκαγιεφ", "ο τοκαγιεφ"), "e2": ("bbc",)}
