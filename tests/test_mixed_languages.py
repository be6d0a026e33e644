"""Documents that mix Greek and English, end to end on the real models: parse, then extract.

Greek articles carry English tweets in paragraphs of their own, and Greek
reports quote English statements inside a paragraph; each part must reach its
own language's parser and lexicon, with offsets into the original document.
The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.types import Document

GREEK = "Η εκπρόσωπος του υπουργείου Υγείας δήλωσε ότι τα νοσοκομεία της Κρήτης θα πάρουν νέους γιατρούς."
ENGLISH = "The hospital director said that the new doctors would arrive in March."
GREEK_NAME = "Ο Johnson είπε ότι οι εκλογές θα γίνουν τον Μάιο."  # a Latin-script name inside Greek
ENGLISH_QUOTE = '"We will not sign this agreement," the union leader told reporters on Monday.'
GREEK_OUTLET = "Το Reuters μετέδωσε ότι οι συνομιλίες για τη συμφωνία συνεχίζονται."


@pytest.fixture(scope="module")
def parser(stanza_parser):
    if not stanza_parser.available("en"):
        pytest.skip(f"no stanza models for 'en' in {stanza_parser.directory}: English parts cannot be parsed")
    return stanza_parser


def _analyse(parser, text: str):
    parsed = parser.parse(Document("mixed", text, lang="el"))
    assert parsed.diagnostics == ()
    for sent in parsed.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert all(0 <= w.start < w.end <= len(text) for w in sent.words)
    return parsed, extract(parsed)


def _claims(found, text: str) -> list[tuple[str, str, str]]:
    for att in found:
        assert text[att.content.start : att.content.end] == att.content.text
    return [(att.cue.text, att.content.text, att.source.span.text if att.source else "") for att in found]


def test_mixed_greek_paragraph_and_english_paragraph(parser):
    text = f"{GREEK}\n\n{ENGLISH}"
    parsed, found = _analyse(parser, text)
    assert [(s.text, s.lang, s.paragraph) for s in parsed.sentences] == [(GREEK, "el", 0), (ENGLISH, "en", 1)]
    assert _claims(found, text) == [
        ("δήλωσε", "τα νοσοκομεία της Κρήτης θα πάρουν νέους γιατρούς", "Η εκπρόσωπος του υπουργείου Υγείας"),
        ("said", "the new doctors would arrive in March", "The hospital director"),
    ]


def test_mixed_greek_and_english_sentences_in_one_paragraph(parser):
    text = f"{GREEK} {ENGLISH} {GREEK_NAME}"
    parsed, found = _analyse(parser, text)
    assert [(s.text, s.lang, s.paragraph) for s in parsed.sentences] == [
        (GREEK, "el", 0),
        (ENGLISH, "en", 0),
        (GREEK_NAME, "el", 0),
    ]
    assert _claims(found, text) == [
        ("δήλωσε", "τα νοσοκομεία της Κρήτης θα πάρουν νέους γιατρούς", "Η εκπρόσωπος του υπουργείου Υγείας"),
        ("said", "the new doctors would arrive in March", "The hospital director"),
        ("είπε", "οι εκλογές θα γίνουν τον Μάιο", "Ο Johnson"),
    ]
    assert [a.sentence for a in found] == [0, 1, 2]


def test_mixed_english_quote_between_greek_sentences_keeps_latin_names_greek(parser):
    text = f"Εκτενές ρεπορτάζ για τις διαπραγματεύσεις.\n{GREEK_OUTLET} {ENGLISH_QUOTE} {GREEK_NAME}"
    parsed, found = _analyse(parser, text)
    assert [(s.lang, s.paragraph) for s in parsed.sentences] == [("el", 0), ("el", 1), ("en", 1), ("el", 1)]
    assert [s.text for s in parsed.sentences[1:]] == [GREEK_OUTLET, ENGLISH_QUOTE, GREEK_NAME]
    claims = _claims(found, text)
    assert ("μετέδωσε", "οι συνομιλίες για τη συμφωνία συνεχίζονται", "Το Reuters") in claims
    assert ("είπε", "οι εκλογές θα γίνουν τον Μάιο", "Ο Johnson") in claims
    english = [c for c in claims if c[0] == "told"]
    assert len(english) == 1 and english[0][1].startswith("We will not sign this agreement") and english[0][2] == "the union leader"
