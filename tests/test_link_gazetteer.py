"""Tests of kg.link.gazetteer: the data file, its validation, and lookups by label, sound and role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.link.gazetteer import DEFAULT_PATH, Gazetteer, load_gazetteer
from kg.types import ENTITY_TYPES, Mention, Span


def mention(label: str, type: str = "Thing") -> Mention:
    return Mention(Span(0, len(label), label), label, type)


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "gaz.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


ENTRY = {"id": "bbc", "type": "NewsMediaOrganization", "labels": {"en": ["BBC", "British Broadcasting Corporation"], "el": ["BBC"]}, "wikidata": "Q9531"}


# ------------------------------------------------------------------ the repository's file


@pytest.fixture(scope="module")
def default() -> Gazetteer:
    return load_gazetteer()


def test_link_gazetteer_default_file_loads(default: Gazetteer) -> None:
    assert DEFAULT_PATH.name == "gazetteer.json" and DEFAULT_PATH.parent.name == "data"
    assert len(default) > 50
    assert {e.type for e in default.entries.values()} <= set(ENTITY_TYPES)


@pytest.mark.parametrize(
    ("label", "id"),
    [
        ("BBC", "bbc"), ("Reuters", "reuters"), ("Ρόιτερς", "reuters"), ("AFP", "afp"), ("Associated Press", "ap"),
        ("Russia Today", "rt"), ("RT", "rt"), ("Sputnik", "sputnik"), ("Σπούτνικ", "sputnik"), ("TASS", "tass"),
        ("Interfax", "interfax"), ("CNN", "cnn"), ("Al Jazeera", "al-jazeera"), ("Bloomberg", "bloomberg"),
        ("New York Times", "new-york-times"), ("Guardian", "guardian"), ("Washington Post", "washington-post"),
        ("ΑΠΕ-ΜΠΕ", "ape-mpe"), ("ΕΡΤ", "ert"), ("Καθημερινή", "kathimerini"), ("Τα Νέα", "ta-nea"),
        ("ΟΗΕ", "un"), ("United Nations", "un"), ("ΝΑΤΟ", "nato"), ("NATO", "nato"), ("ΕΕ", "eu"), ("Ευρωπαϊκή Ένωση", "eu"),
        ("CSTO", "csto"), ("ΟΣΣΑ", "csto"), ("Collective Security Treaty Organisation", "csto"),
        ("Καζακστάν", "kazakhstan"), ("Ρωσία", "russia"), ("Ρωσίας", "russia"), ("Russia", "russia"),
        ("ΗΠΑ", "united-states"), ("Ηνωμένων Πολιτειών", "united-states"), ("Ελλάδας", "greece"), ("Ελλάδος", "greece"),
        ("Μόσχα", "moscow"), ("Αθήνα", "athens"), ("Αλμάτι", "almaty"), ("Almaty", "almaty"),
    ],
)
def test_link_gazetteer_default_file_knows_outlets_organisations_and_places(default: Gazetteer, label: str, id: str) -> None:
    entry = default.by_label(label)
    assert entry is not None and entry.id == id


@pytest.mark.parametrize(
    ("id", "wikidata"),
    [("united-states", "Q30"), ("russia", "Q159"), ("greece", "Q41"), ("kazakhstan", "Q232"), ("eu", "Q458"), ("un", "Q1065"),
     ("nato", "Q7184"), ("bbc", "Q9531"), ("moscow", "Q649"), ("athens", "Q1524")],
)
def test_link_gazetteer_default_file_wikidata_ids(default: Gazetteer, id: str, wikidata: str) -> None:
    assert default[id].wikidata == wikidata


@pytest.mark.parametrize("word", ["us", "who", "πού", "Ρώσοι", "κυβέρνηση", "bbc"])
def test_link_gazetteer_acronyms_and_ordinary_words_do_not_match(default: Gazetteer, word: str) -> None:
    """Acronyms match only in capitals: "us" is not the US, «πού» (where) is not the WHO («ΠΟΥ»)."""
    assert default.lookup(mention(word, "GroupOfPeople")) is None
    assert default.by_label(word) is None


def test_link_gazetteer_capitals_of_a_name_still_match(default: Gazetteer) -> None:
    assert default.by_label("ΡΩΣΙΑ").id == "russia"
    assert default.by_label("Η.Π.Α.").id == "united-states"


# ------------------------------------------------------------------ lookups


def test_link_gazetteer_lookup_by_sound_only_for_names(tmp_path: Path) -> None:
    gaz = load_gazetteer(write(tmp_path, [{"id": "reuters", "type": "NewsMediaOrganization", "labels": {"el": ["Ρόιτερς"]}}]))
    assert gaz.lookup(mention("Ρώιτερς", "Person")).id == "reuters"  # same skeleton «roiters»
    assert gaz.lookup(mention("Ρόιτερ", "Person")) is None  # the final s is part of a sound match
    assert gaz.lookup(mention("Ρώιτερς", "GroupOfPeople")) is None  # groups match by label only


def test_link_gazetteer_lookup_of_a_person_entry_by_surname(tmp_path: Path) -> None:
    gaz = load_gazetteer(write(tmp_path, [
        {"id": "tokayev", "type": "Person", "labels": {"en": ["Kassym-Jomart Tokayev"]}, "roles": ["president of Kazakhstan"]},
    ]))
    assert gaz.lookup(mention("Τοκάγεφ", "Person")).id == "tokayev"
    assert gaz.lookup(mention("Κασίμ Τοκάγιεφ", "Person")).id == "tokayev"
    assert gaz.lookup(mention("Νουρλάν Τοκάγιεφ", "Person")) is None  # another given name
    assert gaz.lookup(mention("Τοκάγεφ", "Organization")) is None  # only people match by surname
    assert gaz.by_role("President of Kazakhstan").id == "tokayev"


def test_link_gazetteer_entry_label_prefers_english() -> None:
    from kg.link.gazetteer import GazetteerEntry

    entry = GazetteerEntry("x", "Place", (("el", "Αθήνα"), ("en", "Athens")), (("el", "Αθηνών"),))
    assert entry.label == "Athens"
    assert entry.names == ("Athens", "Αθήνα", "Αθηνών")


def test_link_gazetteer_object_with_entries_is_accepted(tmp_path: Path) -> None:
    assert len(load_gazetteer(write(tmp_path, {"about": "test", "entries": [ENTRY]}))) == 1


def test_link_gazetteer_aliases_by_language_or_of_no_language(tmp_path: Path) -> None:
    entry = {**ENTRY, "aliases": {"en": ["BBC News"], "el": ["ΒΒC"]}}
    other = {"id": "x", "type": "Place", "labels": {"en": ["Xland"]}, "aliases": ["Xlandia"]}
    gaz = load_gazetteer(write(tmp_path, [entry, other]))
    assert gaz["bbc"].aliases == (("en", "BBC News"), ("el", "ΒΒC"))
    assert gaz["x"].aliases == ((None, "Xlandia"),)
    assert gaz.by_label("BBC News").id == "bbc" and gaz.by_label("Xlandia").id == "x"


def test_link_gazetteer_default_file_gives_every_alias_a_language(default: Gazetteer) -> None:
    """The repository's file tags every name, so the graph can (data/README.md)."""
    untagged = [(e.id, text) for e in default.entries.values() for lang, text in e.aliases if lang is None]
    assert untagged == []


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "bbc"}, r"entry 0 \('bbc'\): missing field\(s\) 'type', 'labels'"),
        ({**ENTRY, "type": "Newspaper"}, r"unknown type 'Newspaper'; valid types: Person"),
        ({**ENTRY, "id": "BBC News"}, r"'id' must be lowercase"),
        ({**ENTRY, "labels": ["BBC"]}, r"'labels' must be an object of language code"),
        ({**ENTRY, "labels": {"english": ["BBC"]}}, r"bad language code 'english'"),
        ({**ENTRY, "labels": {"en": "BBC"}}, r"'labels.en' must be a list of non-empty strings"),
        ({**ENTRY, "aliases": ["", "x"]}, r"'aliases' must be a list of non-empty strings"),
        ({**ENTRY, "aliases": {"english": ["x"]}}, r"'aliases' has a bad language code 'english'"),
        ({**ENTRY, "aliases": {"en": "x"}}, r"'aliases.en' must be a list of non-empty strings"),
        ({**ENTRY, "wikidata": "9531"}, r"'wikidata' must be an item id"),
        ({**ENTRY, "alias": ["x"]}, r"unknown field\(s\) 'alias'; valid fields"),
        ("BBC", r"entry 0: an entry must be an object"),
    ],
)
def test_link_gazetteer_bad_entry_names_file_and_entry(tmp_path: Path, data: object, message: str) -> None:
    path = write(tmp_path, [data])
    with pytest.raises(InputError, match=message) as info:
        load_gazetteer(path)
    assert info.value.path == str(path)


def test_link_gazetteer_duplicate_id_or_label_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'bbc': the id is used twice"):
        load_gazetteer(write(tmp_path, [ENTRY, ENTRY]))
    other = {"id": "bbc-news", "type": "NewsMediaOrganization", "labels": {"en": ["bbc news", "British Broadcasting Corporation"]}}
    with pytest.raises(InputError, match="'British Broadcasting Corporation' already names entry 'bbc'"):
        load_gazetteer(write(tmp_path, [ENTRY, other]))


@pytest.mark.parametrize(
    ("text", "message"),
    [("[", "not valid JSON"), ('{"about": "x"}', "must be a list of entries"), ("42", "must be a list of entries")],
)
def test_link_gazetteer_bad_file_is_an_input_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "gaz.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_gazetteer(path)


def test_link_gazetteer_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no gazetteer file"):
        load_gazetteer(tmp_path / "nothing.json")
    from kg.link import Linker

    with pytest.raises(InputError):
        Linker(gazetteer=tmp_path / "nothing.json")
