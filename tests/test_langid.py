"""Language identification on a labelled set of short news texts (tests/fixtures/langid.tsv).

The set holds headlines, one-sentence items and mixed texts in Greek, English and
14 other languages; kg's old function-word rules named 57.7 % of them, so the
floors below fail if detection falls back to them (benchmarks/langid.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.lang import LINGUA_LANGUAGES, detect_language, language_runs, sentence_language

SET = Path(__file__).resolve().parent / "fixtures" / "langid.tsv"


def labelled_set() -> list[tuple[str, str, str]]:
    """``(language, kind, text)`` per line of the labelled set (benchmarks/langid.py reads it through this too)."""
    rows = []
    for line in SET.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, kind, text = line.split("\t")
            rows.append((lang, kind, text))
    return rows


def test_langid_set_is_well_formed() -> None:
    rows = labelled_set()
    assert len(rows) >= 100
    assert {kind for _, kind, _ in rows} == {"headline", "sentence", "mixed"}
    assert {lang for lang, _, _ in rows} <= set(LINGUA_LANGUAGES)
    counts = Counter(lang for lang, _, _ in rows)
    assert counts["el"] >= 20 and counts["en"] >= 20
    assert len({text for _, _, text in rows}) == len(rows), "a text is listed twice"


def test_langid_accuracy_floor() -> None:
    rows = labelled_set()
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong = []
    for lang, kind, text in rows:
        found = detect_language(text)
        total[kind] += 1
        right[kind] += found == lang
        if found != lang:
            wrong.append((text, lang, found))
    accuracy = sum(right.values()) / len(rows)
    assert accuracy >= 0.95, f"{accuracy:.3f} right; wrong: {wrong}"
    assert right["headline"] / total["headline"] >= 0.9, wrong
    assert right["sentence"] == total["sentence"], wrong
    # Greek and English, the languages kg parses, are never taken for another one
    assert not [w for w in wrong if w[1] == "el"], wrong


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fed Raises Interest Rates Again Amid Inflation Fears", "en"),
        ("Storm Leaves Thousands Without Power", "en"),
        ("UK inflation falls to lowest level in two years", "en"),
        ("Bundesregierung beschließt neues Klimapaket", "de"),
        ("Der Kanzler kündigte weitere Hilfen für die Industrie an.", "de"),
        ("Scholz trifft Macron in Paris", "de"),
        ("Ο Emmanuel Macron συναντήθηκε με τον Olaf Scholz στο Βερολίνο.", "el"),
        ("Η CSTO (Collective Security Treaty Organisation) έστειλε 2.500 στρατιώτες.", "el"),
        ("Σύμφωνα με το Bloomberg, η Deutsche Bank εξετάζει την αγορά.", "el"),
        ("Ο Μητσοτάκης έγραψε στο Twitter: «We stand with Ukraine».", "el"),
        ("He said «δεν θα υποχωρήσουμε» and left the room.", "en"),
        ("Уряд ухвалив новий бюджет на наступний рік", "uk"),
        ("Полицията задържа двама души след протеста в София.", "bg"),
    ],
    ids=[
        "en-headline", "en-headline-short", "en-headline-lower", "de-headline", "de-sentence", "de-names",
        "el-latin-names", "el-acronym-expansion", "el-latin-sources", "el-english-quote", "en-greek-quote",
        "uk", "bg",
    ],
)
def test_langid_cases(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["Russia Today", "Kassym-Jomart Tokayev", "Tokayev, BBC, CSTO, Almaty", "Joe Biden"])
def test_langid_names_alone_say_nothing(text: str) -> None:
    assert detect_language(text) is None
    assert detect_language(text, "el") == "el"


def test_langid_short_mixed_paragraph_runs() -> None:
    """A Greek report quoting an English statement: two runs, Latin names stay Greek."""
    text = (
        "Ο εκπρόσωπος του Pentagon δήλωσε ότι η άσκηση θα συνεχιστεί. "
        "The exercise will continue as planned, the spokesman said. "
        "Η Αθήνα δεν σχολίασε."
    )
    runs = language_runs(text, default="el")
    assert [lang for _, _, lang in runs] == ["el", "en", "el"]
    assert text[runs[1][0] : runs[1][1]] == "The exercise will continue as planned, the spokesman said."
    # an English headline inside a Greek document is English; a German sentence without a function word too
    assert sentence_language("Storm Leaves Thousands Without Power", "el") == "en"
    assert sentence_language("Scholz trifft Macron in Paris.", "el") == "de"
    # a Latin-script sentence leaves a Latin-script context only on function-word evidence
    assert sentence_language("Scholz trifft Macron in Paris.", "en") == "en"
