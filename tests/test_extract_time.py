"""Tests of kg.extract.time: when a statement was made, from day words on the cue or the publication date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kg.extract.syntax import Tree
from kg.extract.time import resolve_day, statement_time
from kg.io.conllu import read_conllu
from kg.lexicons import load
from kg.types import Sentence, TimeRef, Word

FRIDAY = date(2022, 1, 7)  # the first seed article's publication date
SUNDAY = date(2022, 1, 9)

Row = tuple[str, str, str, int, str]  # form, lemma, upos, head, deprel


def sentence(text: str, rows: list[Row], *, lang: str = "el", base: int = 0) -> Sentence:
    """A hand-written one-sentence CoNLL-U parse, read with kg.io.conllu."""
    lines = [f"# text = {text}"]
    for i, (form, lemma, upos, head, deprel) in enumerate(rows, 1):
        lines.append("\t".join([str(i), form, lemma, upos, "_", "_", str(head), deprel, "_", "_"]))
    return read_conllu("\n".join(lines) + "\n", lang=lang, base=base)[0].sentence


def word(sent: Sentence, form: str) -> Word:
    return next(w for w in sent.words if w.text == form)


# «Ο Τοκάγιεφ δήλωσε <time> ότι η κατάσταση είναι υπό έλεγχο.»
def greek_said(time_words: list[tuple[str, str, str, str]]) -> Sentence:
    """``time_words``: (form, lemma, upos, deprel) attached to δήλωσε (id 3), in order after it."""
    rows: list[Row] = [("Ο", "ο", "DET", 2, "det"), ("Τοκάγιεφ", "Τοκάγιεφ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root")]
    forms = ["Ο", "Τοκάγιεφ", "δήλωσε"]
    for form, lemma, upos, deprel in time_words:
        head = 3 if deprel != "det" else len(rows) + 2
        rows.append((form, lemma, upos, head, deprel))
        forms.append(form)
    n = len(rows)
    rows += [
        ("ότι", "ότι", "SCONJ", n + 5, "mark"),
        ("η", "ο", "DET", n + 3, "det"),
        ("κατάσταση", "κατάσταση", "NOUN", n + 5, "nsubj"),
        ("είναι", "είμαι", "AUX", n + 5, "cop"),
        ("ελεγχόμενη", "ελεγχόμενος", "ADJ", 3, "ccomp"),
    ]
    forms += ["ότι", "η", "κατάσταση", "είναι", "ελεγχόμενη"]
    return sentence(" ".join(forms), rows)


def english_said(time_rows: list[tuple[str, str, str, str]]) -> Sentence:
    """«He said <time> that it was fine.» with the time words attached to said (id 2)."""
    rows: list[Row] = [("He", "he", "PRON", 2, "nsubj"), ("said", "say", "VERB", 0, "root")]
    forms = ["He", "said"]
    for form, lemma, upos, deprel in time_rows:
        head = 2 if deprel != "case" else len(rows) + 2
        rows.append((form, lemma, upos, head, deprel))
        forms.append(form)
    n = len(rows)
    rows += [
        ("that", "that", "SCONJ", n + 4, "mark"),
        ("it", "it", "PRON", n + 4, "nsubj"),
        ("was", "be", "AUX", n + 4, "cop"),
        ("fine", "fine", "ADJ", 2, "ccomp"),
    ]
    forms += ["that", "it", "was", "fine"]
    return sentence(" ".join(forms), rows, lang="en")


def cue_time(sent: Sentence, published: date | None, *, lang: str = "el", exclude: set[int] | None = None) -> TimeRef | None:
    tree = Tree(sent)
    cue = next(w for w in sent.words if w.deprel == "root")
    return statement_time(tree, [cue], exclude or set(), load(lang), published)


# ------------------------------------------------------------------ resolve_day


@pytest.mark.parametrize(
    ("form", "lemma", "days"),
    [
        ("σήμερα", "σήμερα", 0),
        ("Σήμερα", "σήμερα", 0),
        ("χθες", "χθες", -1),
        ("χτες", "χτες", -1),
        ("Χθες", "_", -1),  # no lemma: the form is folded and used
        ("προχθές", "προχθές", -2),
        ("απόψε", "απόψε", 0),
        ("αύριο", "αύριο", 1),
    ],
)
def test_extract_time_resolve_day_greek_relative_words(form: str, lemma: str, days: int) -> None:
    sent = sentence(f"Το είπε {form}", [("Το", "εγώ", "PRON", 2, "obj"), ("είπε", "λέω", "VERB", 0, "root"), (form, lemma, "ADV", 2, "advmod")])
    assert resolve_day(word(sent, form), load("el"), FRIDAY) == FRIDAY + timedelta(days=days)


@pytest.mark.parametrize(("form", "days"), [("today", 0), ("yesterday", -1), ("Yesterday", -1), ("tonight", 0), ("tomorrow", 1)])
def test_extract_time_resolve_day_english_relative_words(form: str, days: int) -> None:
    sent = english_said([(form, form.lower(), "NOUN", "obl:tmod")])
    assert resolve_day(word(sent, form), load("en"), FRIDAY) == FRIDAY + timedelta(days=days)


@pytest.mark.parametrize(
    ("form", "lemma", "published", "expected"),
    [
        ("Κυριακή", "Κυριακή", FRIDAY, date(2022, 1, 2)),
        ("Κυριακή", "κυριακή", SUNDAY, SUNDAY),  # on the publication day itself
        ("Παρασκευή", "Παρασκευή", FRIDAY, FRIDAY),
        ("Πέμπτη", "Πέμπτη", FRIDAY, date(2022, 1, 6)),
        ("Σάββατο", "Σάββατο", FRIDAY, date(2022, 1, 1)),
        ("Δευτέρα", "Δευτέρα", SUNDAY, date(2022, 1, 3)),
        ("ΔΕΥΤΕΡΑ", "_", SUNDAY, date(2022, 1, 3)),
    ],
)
def test_extract_time_resolve_day_greek_weekday_is_latest_on_or_before(form: str, lemma: str, published: date, expected: date) -> None:
    sent = sentence(f"Το είπε την {form}", [
        ("Το", "εγώ", "PRON", 2, "obj"), ("είπε", "λέω", "VERB", 0, "root"),
        ("την", "ο", "DET", 4, "det"), (form, lemma, "NOUN", 2, "obl"),
    ])
    day = resolve_day(word(sent, form), load("el"), published)
    assert day == expected
    assert day.weekday() == expected.weekday() and 0 <= (published - day).days <= 6


@pytest.mark.parametrize(
    ("form", "published", "expected"),
    [("Sunday", FRIDAY, date(2022, 1, 2)), ("Sunday", SUNDAY, SUNDAY), ("Monday", FRIDAY, date(2022, 1, 3)), ("Friday", FRIDAY, FRIDAY)],
)
def test_extract_time_resolve_day_english_weekday(form: str, published: date, expected: date) -> None:
    sent = english_said([("on", "on", "ADP", "case"), (form, form, "PROPN", "obl")])
    assert resolve_day(word(sent, form), load("en"), published) == expected


@pytest.mark.parametrize(("form", "lemma"), [("δήλωσε", "δηλώνω"), ("Τοκάγιεφ", "Τοκάγιεφ"), ("ότι", "ότι")])
def test_extract_time_resolve_day_other_words_are_none(form: str, lemma: str) -> None:
    sent = greek_said([])
    assert resolve_day(word(sent, form), load("el"), FRIDAY) is None


# ------------------------------------------------------------------ statement_time


@pytest.mark.parametrize(
    ("form", "expected"),
    [("σήμερα", FRIDAY), ("χθες", date(2022, 1, 6)), ("προχθές", date(2022, 1, 5))],
)
def test_extract_time_statement_time_from_a_greek_advmod(form: str, expected: date) -> None:
    sent = greek_said([(form, form, "ADV", "advmod")])
    time = cue_time(sent, FRIDAY)
    assert time is not None
    assert (time.value, time.basis, time.precision) == (expected, "explicit", "day")
    assert time.span is not None and time.span.text == form
    assert sent.text[time.span.start - sent.start : time.span.end - sent.start] == form


def test_extract_time_statement_time_span_is_in_document_offsets() -> None:
    sent = sentence("Το είπε χθες", [("Το", "εγώ", "PRON", 2, "obj"), ("είπε", "λέω", "VERB", 0, "root"), ("χθες", "χθες", "ADV", 2, "advmod")], base=500)
    time = cue_time(sent, FRIDAY)
    assert (time.span.start, time.span.end, time.span.text) == (508, 512, "χθες")


@pytest.mark.parametrize(("published", "expected"), [(FRIDAY, date(2022, 1, 2)), (SUNDAY, SUNDAY), (date(2022, 1, 10), SUNDAY)])
def test_extract_time_statement_time_greek_weekday(published: date, expected: date) -> None:
    sent = greek_said([("την", "ο", "DET", "det"), ("Κυριακή", "Κυριακή", "NOUN", "obl")])
    time = cue_time(sent, published)
    assert (time.value, time.basis) == (expected, "explicit")
    assert time.span.text == "Κυριακή"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("today", "today", "NOUN", "obl:tmod")], FRIDAY),
        ([("yesterday", "yesterday", "NOUN", "obl:tmod")], date(2022, 1, 6)),
        ([("on", "on", "ADP", "case"), ("Sunday", "Sunday", "PROPN", "obl")], date(2022, 1, 2)),
    ],
    ids=["today", "yesterday", "on-sunday"],
)
def test_extract_time_statement_time_english(rows: list, expected: date) -> None:
    time = cue_time(english_said(rows), FRIDAY, lang="en")
    assert (time.value, time.basis) == (expected, "explicit")


def test_extract_time_no_publication_date_gives_none() -> None:
    assert cue_time(greek_said([("χθες", "χθες", "ADV", "advmod")]), None) is None
    assert cue_time(greek_said([]), None) is None


@pytest.mark.parametrize("published", [FRIDAY, SUNDAY])
def test_extract_time_no_expression_falls_back_to_publication(published: date) -> None:
    assert cue_time(greek_said([]), published) == TimeRef(published, "publication", "day")


def test_extract_time_non_time_advmod_falls_back_to_publication() -> None:
    sent = greek_said([("επίσης", "επίσης", "ADV", "advmod")])
    assert cue_time(sent, FRIDAY) == TimeRef(FRIDAY, "publication", "day")


def test_extract_time_words_in_excluded_content_do_not_count() -> None:
    # «Ο Τοκάγιεφ δήλωσε ότι χθες έγινε επίθεση.»: χθες dates the attack, not the statement
    sent = sentence("Ο Τοκάγιεφ δήλωσε ότι χθες έγινε επίθεση", [
        ("Ο", "ο", "DET", 2, "det"), ("Τοκάγιεφ", "Τοκάγιεφ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("ότι", "ότι", "SCONJ", 6, "mark"), ("χθες", "χθες", "ADV", 6, "advmod"), ("έγινε", "γίνομαι", "VERB", 3, "ccomp"),
        ("επίθεση", "επίθεση", "NOUN", 6, "nsubj"),
    ])
    content = {4, 5, 6, 7}
    assert cue_time(sent, FRIDAY, exclude=content) == TimeRef(FRIDAY, "publication", "day")
    # without the exclusion the same word would be taken: the exclusion is what keeps it out
    assert cue_time(sent, FRIDAY).basis == "explicit"


def test_extract_time_excluded_source_subtree_does_not_count() -> None:
    # «Η Παρασκευή δήλωσε …»: a woman named Παρασκευή, excluded as the source, is not a Friday
    sent = sentence("Η Παρασκευή δήλωσε σήμερα", [
        ("Η", "ο", "DET", 2, "det"), ("Παρασκευή", "Παρασκευή", "PROPN", 3, "nsubj"),
        ("δήλωσε", "δηλώνω", "VERB", 0, "root"), ("σήμερα", "σήμερα", "ADV", 3, "advmod"),
    ])
    time = cue_time(sent, date(2022, 1, 12), exclude={1, 2})
    assert (time.value, time.span.text) == (date(2022, 1, 12), "σήμερα")


def test_extract_time_first_time_word_in_child_order_wins() -> None:
    sent = greek_said([("χθες", "χθες", "ADV", "advmod"), ("σήμερα", "σήμερα", "ADV", "advmod")])
    assert cue_time(sent, FRIDAY).value == date(2022, 1, 6)


def test_extract_time_tomorrow_is_accepted() -> None:
    # up to «αύριο» (+1 day) is accepted for a statement's own time (an embargoed or dated-ahead article)
    sent = greek_said([("αύριο", "αύριο", "ADV", "advmod")])
    assert cue_time(sent, FRIDAY).value == date(2022, 1, 8)


def test_extract_time_no_cue_words_is_publication() -> None:
    sent = greek_said([("χθες", "χθες", "ADV", "advmod")])
    assert statement_time(Tree(sent), [], set(), load("el"), FRIDAY) == TimeRef(FRIDAY, "publication", "day")
