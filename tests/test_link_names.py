"""Tests of kg.link.names: the cross-script phonetic skeleton, and the fuzzy threshold for surnames."""

from __future__ import annotations

import pytest

from kg.link.entities import FUZZY_THRESHOLD
from kg.link.names import given_compatible, match_form, person_name, similarity, skeleton, surname_similarity


@pytest.mark.parametrize(
    ("spellings", "sound"),
    [
        (("Τοκάγιεφ", "Τοκάγεφ", "ΤΟΚΑΓΙΕΦ", "Tokayev"), "tokayef"),  # γι/γε + vowel → y, φ/v → f
        (("Κασίμ", "Kassym"), "kasim"),  # doubled letters collapse, y between consonants → i
        (("Πούτιν", "Putin"), "putin"),  # ου → u
        (("Ρώιτερς", "Ρόιτερς"), "roiters"),  # an accent splits οι
        (("Σοϊγκού", "Shoigu"), "soigu"),  # a diaeresis splits οι; γκ → g; sh → s
        (("Μπάιντεν",), "baiden"),  # μπ → b, ντ → d, accented ά splits αι
        (("Ναζαρμπάγιεφ", "Nazarbayev"), "nazarbayef"),
        (("Λουκασένκο", "Lukashenko"), "lukasenko"),
        (("Ζελένσκι", "Zelenskyy"), "zelenski"),
        (("Βλαντιμίρ", "Vladimir"), "fladimir"),
        (("Λαβρόφ", "Lavrov"), "lafrof"),
        (("Γιάννης",), "yanis"),
        (("Σπούτνικ", "Sputnik"), "sputnik"),
    ],
)
def test_link_names_skeleton_is_the_same_across_scripts(spellings: tuple[str, ...], sound: str) -> None:
    assert {skeleton(s) for s in spellings} == {sound}


def test_link_names_skeleton_of_several_words() -> None:
    assert skeleton("Kassym-Jomart Tokayev") == "kasim jomart tokayef"
    assert skeleton("Κασίμ Τομάρ Τοκάγεφ") == "kasim tomar tokayef"
    assert skeleton("«»") == ""


@pytest.mark.parametrize(("a", "b"), [("Ρωσία", "Ρώσοι"), ("Ρωσία", "Russia"), ("Παπαδόπουλος", "Παπαδάκης")])
def test_link_names_skeleton_keeps_different_words_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("Τσίπρας", "Τσίπρα"), ("Μητσοτάκης", "Mitsotakis")])
def test_link_names_match_form_drops_a_final_s(a: str, b: str) -> None:
    assert match_form(skeleton(a)) == match_form(skeleton(b))


# The threshold, tested on pairs on either side of it. Similarity is difflib's
# ratio of the surnames' match forms (kg.link.names.surname_similarity).
SAME = [
    ("Τοκάγιεφ", "Tokaev", 0.92),
    ("Nazarbaev", "Nazarbayev", 0.94),
    ("Παπαδόπουλος", "Παπαδόπουλου", 0.90),  # a genitive
    ("Zelensky", "Zelenskiy", 1.0),
]
DIFFERENT = [
    ("Παπαδόπουλος", "Παπαδάκης", 0.56),
    ("Ιωάννου", "Ιωαννίδης", 0.0),  # a suffix again (0.67 by ratio)
    ("Τοκάγιεφ", "Ναζαρμπάγιεφ", 0.0),  # different first letters never match
    ("Πούτιν", "Μπάιντεν", 0.0),
    ("Καραμανλής", "Καραμανλάκης", 0.0),  # the other plus a suffix: another name (0.9 by ratio alone)
    ("Τοκάγιεφ", "Κοκάγιεφ", 0.0),
    ("Holt", "Holtz", 0.0),  # too short for a spelling variant ("said Mr. Holtz" is not Lester Holt; 0.89 by ratio)
]


def _surname(label: str) -> str:
    name = person_name(label)
    assert name is not None
    return name.surname


@pytest.mark.parametrize(("a", "b", "expected"), SAME)
def test_link_names_variants_of_one_surname_pass_the_threshold(a: str, b: str, expected: float) -> None:
    score = surname_similarity(_surname(a), _surname(b))
    assert score == pytest.approx(expected, abs=0.01)
    assert score >= FUZZY_THRESHOLD


@pytest.mark.parametrize(("a", "b", "expected"), DIFFERENT)
def test_link_names_different_surnames_stay_below_the_threshold(a: str, b: str, expected: float) -> None:
    score = surname_similarity(_surname(a), _surname(b))
    assert score == pytest.approx(expected, abs=0.01)
    assert score < FUZZY_THRESHOLD


def test_link_names_similarity_is_symmetric_and_one_for_equal() -> None:
    assert similarity("tokayef", "tokaef") == similarity("tokaef", "tokayef")
    assert similarity("putin", "putin") == 1.0


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("Κ. Παπαδόπουλος", "Κώστας Παπαδόπουλος", True),
        ("Κώστας Παπαδόπουλος", "Κ. Παπαδόπουλος", True),
        ("Κασίμ Τοκάγιεφ", "Κασίμ-Ζομάρτ Τοκάγιεφ", True),
        ("Κασίμ Τομάρ Τοκάγεφ", "Kassym-Jomart Tokayev", True),
        ("Γ. Παπαδόπουλος", "Γιάννης Παπαδόπουλος", True),  # the initial of «y»annis is Γ/G
        ("G. Papadopoulos", "Γιάννης Παπαδόπουλος", True),
        ("Παπαδόπουλος", "Νίκος Παπαδόπουλος", True),
        ("Γιάννης Παπαδόπουλος", "Νίκος Παπαδόπουλος", False),
        ("Κ. Παπαδόπουλος", "Ν. Παπαδόπουλος", False),
        ("Κώστας Παπαδόπουλος", "Ν. Παπαδόπουλος", False),
    ],
)
def test_link_names_given_names_compatibility_is_symmetric(a: str, b: str, compatible: bool) -> None:
    x, y = person_name(a), person_name(b)
    assert given_compatible(x, y, FUZZY_THRESHOLD) is compatible
    assert given_compatible(y, x, FUZZY_THRESHOLD) is compatible


def test_link_names_person_name_of_no_letters_is_none() -> None:
    assert person_name("«»") is None


def test_link_names_skeleton_spells_cyrillic_in_latin_letters() -> None:
    """Other scripts go through anyascii: «Токаев» is "Tokaev", «Путин» is «Πούτιν»."""
    assert skeleton("Токаев") == skeleton("Tokaev")
    assert skeleton("Путин") == skeleton("Πούτιν") == skeleton("Putin")
    assert skeleton("Касым-Жомарт") == skeleton("Kasym Zhomart")
