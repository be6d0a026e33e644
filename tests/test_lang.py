"""Tests of kg.lang: script- and stopword-based language detection, paragraph spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.lang import (
    ISO_639_1,
    STOPWORDS,
    contradicting_language,
    detect_language,
    language_runs,
    normalize_language_code,
    paragraph_languages,
    sentence_language,
    split_paragraphs,
    split_sentences,
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


@pytest.mark.parametrize(
    ("declared", "text", "within_script", "expected"),
    [
        ("en", "Ο πρωθυπουργός δήλωσε ότι οι τιμές της ενέργειας θα μειωθούν τον επόμενο μήνα.", False, "el"),
        ("el", "The prime minister said that energy prices would fall next month.", False, "en"),
        ("ru", "Ο πρόεδρος Τοκάγιεφ δήλωσε ότι η κατάσταση είναι υπό έλεγχο.", False, "el"),
        ("el", "Ο πρόεδρος Τοκάγιεφ δήλωσε ότι η κατάσταση είναι υπό έλεγχο, σύμφωνα με το BBC.", False, None),
        ("el", "Tokayev, BBC, CSTO, Almaty", False, None),  # names only: nothing contradicts the tag
        ("it", "Le gouvernement a déclaré lundi que les prix allaient baisser selon la BBC.", False, None),
        ("en", "Le gouvernement a déclaré lundi que les prix allaient baisser selon la BBC.", True, "fr"),
        ("en", "Le président a dit", True, None),  # too little evidence to overrule even a weak tag
        ("uk", "Правительство заявило, что цены на газ будут снижены.", True, None),  # one script, not Latin
        ("ja", "政府表示价格将会下降", False, None),  # Japanese writes Han too
    ],
)
def test_lang_contradicting_language(declared: str, text: str, within_script: bool, expected: str | None) -> None:
    assert contradicting_language(declared, text, within_script=within_script) == expected


def test_lang_profiles_are_valid_codes() -> None:
    assert {"en", "de", "fr", "es", "it", "pt", "nl"} <= set(STOPWORDS) <= ISO_639_1
    assert all(word == word.casefold() for words in STOPWORDS.values() for word in words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ο υπουργός μίλησε. Η βουλή ψήφισε.", ["Ο υπουργός μίλησε.", "Η βουλή ψήφισε."]),
        ("«Πού πας;» ρώτησε. Έφυγε;  Ναι!", ["«Πού πας;» ρώτησε.", "Έφυγε;", "Ναι!"]),
        ('He left. "We won," she said. (Then silence.) End', ['He left.', '"We won," she said.', "(Then silence.)", "End"]),
        ("Dr. Smith met Mr. J. Doe in the U.S. on Monday. He left.", ["Dr. Smith met Mr. J. Doe in the U.S. on Monday.", "He left."]),
        ("Ο κ. Παπαδόπουλος, π.χ. ο δήμαρχος, μίλησε.", ["Ο κ. Παπαδόπουλος, π.χ. ο δήμαρχος, μίλησε."]),
        ("It rose to 2.5 percent. prices fell; Markets closed.", ["It rose to 2.5 percent. prices fell; Markets closed."]),
        ("Tonight in #Almaty pic.twitter.com/L5Kf. Η αστυνομία σιώπησε.", ["Tonight in #Almaty pic.twitter.com/L5Kf.", "Η αστυνομία σιώπησε."]),
        ("", []),
        ("  one  ", ["one"]),
    ],
    ids=["greek", "greek-question-marks", "quotes-brackets", "abbreviations-initials", "greek-abbreviations",
         "no-capital-no-greek-semicolon", "link", "empty", "padded"],
)
def test_lang_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


@given(st.text(alphabet=st.sampled_from("aB .;!?«»\"αΓ1/\u00a0"), max_size=80))
def test_lang_split_sentences_spans_are_stripped_and_cover_the_text(text: str) -> None:
    spans = split_sentences(text)
    for start, end in spans:
        assert text[start:end] and text[start:end] == text[start:end].strip()
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert "".join("".join(text[s:e].split()) for s, e in spans) == "".join(text.split())


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Ο Tokayev είπε ότι οι στρατιώτες θα μείνουν.", "el", "el"),
        ("Το Reuters μετέδωσε ότι οι συνομιλίες συνεχίζονται.", "el", "el"),
        ("Η CSTO (Collective Security Treaty Organisation) έστειλε στρατό.", "el", "el"),
        ('Ο πρωθυπουργός έγραψε στο Twitter: "We will never give up on our people."', "el", "el"),
        ("«We will never give up on the people of this city», δήλωσε.", "el", "el"),
        ("The mayor said that the roads would reopen on Friday.", "el", "en"),
        ('"We will not sign this," the union leader told reporters.', "el", "en"),
        ("He said «δεν θα υποχωρήσουμε» and then he left the room.", "en", "en"),
        ("Ο δήμαρχος είπε ότι οι δρόμοι θα ανοίξουν.", "en", "el"),
        ("Hillary Clinton is describing as unhinged a tweet attacking her.", "en", "en"),  # pt by the scores alone
        ("Die Regierung hat am Montag erklärt, dass die Preise wieder sinken werden.", "en", "de"),
        ("#Almaty #Kazakhstan pic.twitter.com/L5KfehIrQf", "el", None),
        ("26 18 2.500", "en", None),
    ],
)
def test_lang_sentence_language(text: str, context: str, expected: str | None) -> None:
    assert sentence_language(text, context) == expected


_EL = "Ο δήμαρχος δήλωσε ότι οι δρόμοι θα ανοίξουν την Παρασκευή."
_EN = "The mayor said that the roads would reopen on Friday."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{_EL} {_EN}", [(_EL, "el"), (_EN, "en")]),
        (f"{_EN} {_EL} Η βουλή ψήφισε.", [(_EN, "en"), (f"{_EL} Η βουλή ψήφισε.", "el")]),
        (f"{_EL} {_EN} #Athens pic.twitter.com/x1. {_EL}", [(_EL, "el"), (f"{_EN} #Athens pic.twitter.com/x1.", "en"), (_EL, "el")]),
        (f"OK. {_EN} {_EL}", [(f"OK. {_EN}", "en"), (_EL, "el")]),  # no evidence: joins the run after it
        (f"{_EL} Ο Tokayev είπε ότι η χώρα είναι ασφαλής.", [(f"{_EL} Ο Tokayev είπε ότι η χώρα είναι ασφαλής.", "el")]),
        ("This is what it is like in #Almaty tonight #Kazakhstan pic.twitter.com/L5KfehIrQf",
         [("This is what it is like in #Almaty tonight #Kazakhstan pic.twitter.com/L5KfehIrQf", "en")]),
        ("Ναι. Όχι.", [("Ναι. Όχι.", "el")]),  # no sentence alone says anything: the paragraph decides
        ("#Almaty", [("#Almaty", "el")]),  # nothing at all: the document's language
        ("", []),
    ],
    ids=["el-en", "en-el", "tweet-between", "leading-no-evidence", "latin-name", "tweet-paragraph", "short", "hashtag", "empty"],
)
def test_lang_language_runs(text: str, expected: list[tuple[str, str]]) -> None:
    runs = language_runs(text, default="el")
    assert [(text[s:e], lang) for s, e, lang in runs] == expected


def test_lang_language_runs_leave_seed_and_one_language_paragraphs_whole() -> None:
    text = SEED.read_text(encoding="utf-8")
    for start, end in split_paragraphs(text):
        paragraph = text[start:end]
        assert language_runs(paragraph, default="el") == [(0, len(paragraph), detect_language(paragraph, "el"))]
