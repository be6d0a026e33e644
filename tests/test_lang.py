"""Tests of kg.lang: script- and stopword-based language detection, paragraph spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.lang import (
    ISO_639_1,
    STOPWORDS,
    detect_language,
    normalize_language_code,
    paragraph_languages,
    split_paragraphs,
)

SEED = Path(__file__).resolve().parent.parent / "data" / "seeds" / "000_b6f70baf6ff682fd.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ο πρόεδρος Τοκάγιεφ δήλωσε ότι οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση.", "el"),
        ("Σύμφωνα με το Russia Today, ο Τοκάγιεφ τόνισε ότι δεν θα μπει σε διαπραγματεύσεις.", "el"),
        ("Η CSTO (Collective Security Treaty Organisation) έστειλε 2.500 στρατιώτες.", "el"),
        ("This is what it is like in #Almaty tonight #Kazakhstan pic.twitter.com/L5KfehIrQf", "en"),
        (
            "In #Aktau, west #Kazakhstan, the #protest rally appears to be ongoing as of Thursday night, "
            "despite the nationwide state of emergency and the night time curfew:",
            "en",
        ),
        ("Die Regierung hat am Montag erklärt, dass die Preise wieder sinken werden.", "de"),
        ("Der Präsident sagte, die Soldaten dürften ohne Vorwarnung schießen.", "de"),
        ("Le gouvernement a déclaré lundi que les prix allaient baisser.", "fr"),
        ("Selon la BBC, le président a ordonné aux soldats de tirer sans sommation.", "fr"),
        ("El gobierno dijo el lunes que los precios bajarán.", "es"),
        ("Il governo ha detto lunedì che i prezzi scenderanno.", "it"),
        ("O governo disse na segunda-feira que os preços vão baixar.", "pt"),
        ("De regering heeft maandag gezegd dat de prijzen zullen dalen.", "nl"),
        ("Правительство заявило, что цены на газ будут снижены.", "ru"),
        ("Уряд заявив, що ціни на газ знизяться і їх буде відновлено.", "uk"),
        ("الحكومة قالت إن الأسعار ستنخفض", "ar"),
        ("政府は価格が下がると発表した", "ja"),
        ("政府表示价格将会下降", "zh"),
    ],
)
def test_lang_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n ",
        "OK",
        "Ναι",
        "#Almaty #Kazakhstan",
        "pic.twitter.com/L5KfehIrQf https://t.co/abc @BBCWorld",
        "26 18 2.500 20.000 100%",
        "Russia Today",
        "Kassym-Jomart Tokayev",
    ],
    ids=["empty", "blank", "short-latin", "short-greek", "hashtags", "links-handles", "digits", "name", "person"],
)
def test_lang_too_little_evidence_gives_default(text: str) -> None:
    assert detect_language(text) is None
    assert detect_language(text, default="el") == "el"


def test_lang_seed_paragraphs_greek_with_english_tweets() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = paragraph_languages(text, default="el")
    english = [text[s:e] for s, e, lang in found if lang == "en"]
    assert len(english) == 2
    assert english[0].startswith("This is what it is like in #Almaty tonight")
    assert english[1].startswith("In #Aktau")
    assert all(lang == "el" for s, e, lang in found if text[s:e] not in english)
    assert detect_language(text) == "el"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("\n\n  \n", []),
        ("one", [(0, 3)]),
        ("  one  \n\n two\n", [(2, 5), (10, 13)]),
        ("a\r\nb\rc", [(0, 1), (3, 4), (5, 6)]),
        ("\tπρώτη παράγραφος.\n\nδεύτερη ", [(1, 18), (20, 27)]),
    ],
)
def test_lang_split_paragraphs(text: str, expected: list[tuple[int, int]]) -> None:
    assert split_paragraphs(text) == expected


@given(st.text(alphabet=st.sampled_from("ab \t\n\rαβ\u00a0"), max_size=60))
def test_lang_split_paragraphs_spans_are_stripped_lines(text: str) -> None:
    spans = split_paragraphs(text)
    for start, end in spans:
        piece = text[start:end]
        assert piece and piece == piece.strip() and "\n" not in piece and "\r" not in piece
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    # every non-space character is in exactly one span
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())


@pytest.mark.parametrize(
    ("code", "expected"),
    [("el", "el"), ("EL", "el"), ("el-GR", "el"), ("pt_BR", "pt"), (" en ", "en"), ("xx", None), ("greek", None), ("", None)],
)
def test_lang_normalize_language_code(code: str, expected: str | None) -> None:
    assert normalize_language_code(code) == expected


def test_lang_profiles_are_valid_codes() -> None:
    assert {"en", "de", "fr", "es", "it", "pt", "nl"} <= set(STOPWORDS) <= ISO_639_1
    assert all(word == word.casefold() for words in STOPWORDS.values() for word in words)
