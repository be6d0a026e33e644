"""Tests of kg.extract.time: when a statement was made, from day words on the cue or the publication date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kg.extract.syntax import Tree
from kg.extract.time import is_weekday, month_forms, normalise, resolve, resolve_day, statement_time
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


# ------------------------------------------------------------------ weekdays are nouns, ordinals are not


@pytest.mark.parametrize(("form", "lemma"), [("τρίτη", "τρίτος"), ("πέμπτη", "πέμπτος"), ("τετάρτη", "τέταρτος")])
def test_extract_time_ordinal_adjective_is_not_a_weekday(form: str, lemma: str) -> None:
    """«Το δήλωσε για τρίτη φορά» (for the third time) is not «on Tuesday»."""
    sent = sentence(f"Το δήλωσε για {form} φορά", [
        ("Το", "εγώ", "PRON", 2, "obj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"), ("για", "για", "ADP", 5, "case"),
        (form, lemma, "ADJ", 5, "amod"), ("φορά", "φορά", "NOUN", 2, "obl"),
    ])
    lex = load("el")
    assert resolve_day(sent.words[3], lex, FRIDAY) is None
    assert resolve_day(sent.words[3], lex, FRIDAY, Tree(sent)) is None
    assert cue_time(sent, FRIDAY).basis == "publication"


def test_extract_time_ordinal_mistagged_noun_modifying_a_noun_is_not_a_weekday() -> None:
    # «την τρίτη φορά» with the ordinal's lemma: a noun tag alone does not make a weekday
    sent = sentence("Το είπε την τρίτη φορά", [
        ("Το", "εγώ", "PRON", 2, "obj"), ("είπε", "λέω", "VERB", 0, "root"), ("την", "ο", "DET", 5, "det"),
        ("τρίτη", "τρίτος", "NOUN", 5, "amod"), ("φορά", "φορά", "NOUN", 2, "obl"),
    ])
    assert not is_weekday(sent.words[3], load("el"), Tree(sent))
    assert cue_time(sent, FRIDAY).basis == "publication"


def test_extract_time_weekday_mistagged_adjective_after_an_article_is_a_weekday() -> None:
    # the tagger's ADJ/τρίτος for «την Τρίτη» attached to the verb: the article says it is the day
    sent = greek_said([("την", "ο", "DET", "det"), ("Τρίτη", "τρίτος", "ADJ", "obl")])
    assert is_weekday(word(sent, "Τρίτη"), load("el"), Tree(sent))
    time = cue_time(sent, FRIDAY)
    assert (time.value, time.span.text) == (date(2022, 1, 4), "Τρίτη")


# ------------------------------------------------------------------ the normaliser (plain strings)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("σήμερα", "σημερα"),
        ("Χθες", "χθες"),
        ("σήμερα το πρωί", "σημερα"),
        ("χθες το βράδυ", "χθες"),
        ("απόψε", "αποψε"),
        ("την Κυριακή", "κυριακη"),
        ("την περασμένη Τρίτη", "περασμενη τριτη"),
        ("τον Σεπτέμβριο", "σεπτεμβριος"),
        ("του Σεπτεμβρίου", "σεπτεμβριος"),
        ("τον Σεπτέμβρη", "σεπτεμβριος"),
        ("στις 5 Ιανουαρίου", "5 ιανουαριος"),
        ("5 Ιανουαρίου 2022", "5 ιανουαριος 2022"),
        ("5 Μαΐου", "5 μαιος"),
        ("στις 5/1/2022", "5/1/2022"),
        ("τον Σεπτέμβριο του 2021", "σεπτεμβριος 2021"),
        ("την περασμένη εβδομάδα", "περασμενη εβδομαδα"),
    ],
)
def test_extract_time_normalise_greek(text: str, normalised: str) -> None:
    assert normalise(text, load("el")) == normalised


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Today", "today"),
        ("yesterday morning", "yesterday"),
        ("tonight", "tonight"),
        ("on Thursday", "thursday"),
        ("on Thursday night", "thursday"),
        ("last week", "last week"),
        ("in September", "september"),
        ("in Sept", "september"),
        ("January 5", "january 5"),
        ("5 January 2022", "5 january 2022"),
        ("January 5, 2022", "january 5 2022"),
        ("on 2022-01-05", "2022-01-05"),
        ("the 5th of January", "5th january"),
    ],
)
def test_extract_time_normalise_english(text: str, normalised: str) -> None:
    assert normalise(text, load("en")) == normalised


@pytest.mark.parametrize("language", ["el", "en"])
def test_extract_time_month_forms_cover_twelve_months(language: str) -> None:
    forms = month_forms(load(language))
    assert len(set(forms.values())) == 12
    assert all(forms[nominative] == nominative for nominative in forms.values())


# ------------------------------------------------------------------ resolve (plain strings)

MONDAY = date(2022, 1, 10)


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision"),
    [
        ("σήμερα", FRIDAY, FRIDAY, "day"),
        ("χθες", FRIDAY, date(2022, 1, 6), "day"),
        ("χτες", FRIDAY, date(2022, 1, 6), "day"),
        ("προχθές", FRIDAY, date(2022, 1, 5), "day"),
        ("απόψε", FRIDAY, FRIDAY, "day"),
        ("σήμερα το πρωί", FRIDAY, FRIDAY, "day"),
        ("χθες το βράδυ", FRIDAY, date(2022, 1, 6), "day"),
        ("την Κυριακή", FRIDAY, date(2022, 1, 2), "day"),
        ("την Κυριακή", SUNDAY, SUNDAY, "day"),  # on the publication day itself
        ("την περασμένη Τρίτη", FRIDAY, date(2022, 1, 4), "day"),
        ("την περασμένη Παρασκευή", FRIDAY, date(2021, 12, 31), "day"),  # «περασμένη»: strictly before
        ("τον Σεπτέμβριο", FRIDAY, date(2021, 9, 1), "month"),  # the latest September on or before publication
        ("τον Ιανουάριο", FRIDAY, date(2022, 1, 1), "month"),
        ("τον Σεπτέμβριο του 2021", FRIDAY, date(2021, 9, 1), "month"),
        ("στις 5 Ιανουαρίου", FRIDAY, date(2022, 1, 5), "day"),
        ("στις 12 Δεκεμβρίου", FRIDAY, date(2021, 12, 12), "day"),  # the latest 12 December
        ("5 Ιανουαρίου 2022", FRIDAY, date(2022, 1, 5), "day"),
        ("5/1/2022", FRIDAY, date(2022, 1, 5), "day"),  # day first in Greek
        ("το 2021", FRIDAY, date(2021, 1, 1), "year"),
        ("την Πέμπτη 6 Ιανουαρίου", MONDAY, date(2022, 1, 6), "day"),  # the date beats the weekday
    ],
)
def test_extract_time_resolve_greek(text: str, published: date, expected: date, precision: str) -> None:
    assert resolve(text, load("el"), published) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision"),
    [
        ("today", FRIDAY, FRIDAY, "day"),
        ("yesterday", FRIDAY, date(2022, 1, 6), "day"),
        ("tonight", FRIDAY, FRIDAY, "day"),
        ("on Thursday", FRIDAY, date(2022, 1, 6), "day"),
        ("on Thursday night", FRIDAY, date(2022, 1, 6), "day"),
        ("on Sunday", SUNDAY, SUNDAY, "day"),
        ("last Friday", FRIDAY, date(2021, 12, 31), "day"),
        ("in September", FRIDAY, date(2021, 9, 1), "month"),
        ("January 5", FRIDAY, date(2022, 1, 5), "day"),
        ("5 January 2022", FRIDAY, date(2022, 1, 5), "day"),
        ("January 5, 2022", FRIDAY, date(2022, 1, 5), "day"),
        ("2022-01-05", FRIDAY, date(2022, 1, 5), "day"),
        ("in 2021", FRIDAY, date(2021, 1, 1), "year"),
    ],
)
def test_extract_time_resolve_english(text: str, published: date, expected: date, precision: str) -> None:
    assert resolve(text, load("en"), published) == (expected, precision)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("el", "την περασμένη εβδομάδα"),  # no week precision: not dated (see kg.extract.time)
        ("en", "last week"),
        ("el", "5 Ιανουαρίου 2023"),  # after publication: a misreading, not a date
        ("en", "2022-02-01"),
        ("el", "στις 5"),  # a day of no month
        ("el", "το πρωί"),  # a time of day of no day
        ("en", "the"),
        ("el", ""),
    ],
)
def test_extract_time_resolve_gives_none(language: str, text: str) -> None:
    assert resolve(text, load(language), FRIDAY) is None


def test_extract_time_resolve_tomorrow_is_the_one_day_ahead_accepted() -> None:
    assert resolve("αύριο", load("el"), FRIDAY) == (date(2022, 1, 8), "day")


# ------------------------------------------------------------------ statement_time on hand-written parses


def greek_rows(text: str, rows: list[Row], cue: str = "δήλωσε") -> TimeRef | None:
    sent = sentence(text, rows)
    tree = Tree(sent)
    content = {w.id for c in tree.children(word(sent, cue), "ccomp") for w in tree.subtree(c)}
    return statement_time(tree, [word(sent, cue)], content, load("el"), FRIDAY)


def test_extract_time_statement_time_today_in_the_morning() -> None:
    time = greek_rows("Ο Χ δήλωσε σήμερα το πρωί ότι νίκησε", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("σήμερα", "σήμερα", "ADV", 3, "advmod"), ("το", "ο", "DET", 6, "det"), ("πρωί", "πρωί", "NOUN", 3, "obl"),
        ("ότι", "ότι", "SCONJ", 8, "mark"), ("νίκησε", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert (time.value, time.basis, time.precision, time.span.text) == (FRIDAY, "explicit", "day", "σήμερα το πρωί")


def test_extract_time_statement_time_yesterday_evening_attached_elsewhere() -> None:
    # the parser hung «βράδυ» on «φορά»: the expression is still the words in a row
    time = greek_rows("Το δήλωσε για τρίτη φορά χθες το βράδυ", [
        ("Το", "εγώ", "PRON", 2, "obj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"), ("για", "για", "ADP", 5, "case"),
        ("τρίτη", "τρίτος", "ADJ", 5, "amod"), ("φορά", "φορά", "NOUN", 2, "obl"), ("χθες", "χθες", "ADV", 2, "advmod"),
        ("το", "ο", "DET", 8, "det"), ("βράδυ", "βράδυ", "NOUN", 5, "nmod"),
    ])
    assert (time.value, time.span.text) == (date(2022, 1, 6), "χθες το βράδυ")


def test_extract_time_statement_time_last_tuesday() -> None:
    time = greek_rows("Ο Χ δήλωσε την περασμένη Τρίτη ότι νίκησε", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("την", "ο", "DET", 6, "det"), ("περασμένη", "περασμένος", "ADJ", 6, "amod"), ("Τρίτη", "Τρίτη", "PROPN", 3, "obj"),
        ("ότι", "ότι", "SCONJ", 8, "mark"), ("νίκησε", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert (time.value, time.span.text) == (date(2022, 1, 4), "περασμένη Τρίτη")


def test_extract_time_statement_time_month_has_month_precision() -> None:
    time = greek_rows("Ο Χ δήλωσε τον Σεπτέμβριο ότι νίκησε", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("τον", "ο", "DET", 5, "det"), ("Σεπτέμβριο", "Σεπτέμβριος", "PROPN", 3, "obj"),
        ("ότι", "ότι", "SCONJ", 7, "mark"), ("νίκησε", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert (time.value, time.basis, time.precision, time.span.text) == (date(2021, 9, 1), "explicit", "month", "Σεπτέμβριο")


def test_extract_time_statement_time_absolute_date_through_a_multiword_token() -> None:
    # «στις» = σ + τις (one token): the span starts at the day number
    text = "Η Χ ανακοίνωσε στις 5 Ιανουαρίου 2022 ότι νίκησε"
    conllu = "\n".join([
        f"# text = {text}",
        "1\tΗ\tο\tDET\t_\t_\t2\tdet\t_\t_",
        "2\tΧ\tΧ\tPROPN\t_\t_\t3\tnsubj\t_\t_",
        "3\tανακοίνωσε\tανακοινώνω\tVERB\t_\t_\t0\troot\t_\t_",
        "4-5\tστις\t_\t_\t_\t_\t_\t_\t_\t_",
        "4\tσ\tσε\tADP\t_\t_\t6\tcase\t_\t_",
        "5\tτις\tο\tDET\t_\t_\t6\tdet\t_\t_",
        "6\t5\t5\tNUM\t_\t_\t3\tobl\t_\t_",
        "7\tΙανουαρίου\tΙανουάριος\tPROPN\t_\t_\t3\tobl\t_\t_",
        "8\t2022\t2022\tNUM\t_\t_\t7\tnmod\t_\t_",
        "9\tότι\tότι\tSCONJ\t_\t_\t10\tmark\t_\t_",
        "10\tνίκησε\tνικώ\tVERB\t_\t_\t3\tccomp\t_\t_",
    ]) + "\n"
    sent = read_conllu(conllu)[0].sentence
    time = statement_time(Tree(sent), [sent.words[2]], {9, 10}, load("el"), FRIDAY)
    assert (time.value, time.precision, time.span.text) == (date(2022, 1, 5), "day", "5 Ιανουαρίου 2022")


def test_extract_time_statement_time_numeric_date() -> None:
    time = greek_rows("Ο Χ δήλωσε στις 5/1/2022 ότι νίκησε", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("στις", "σε", "ADP", 5, "case"), ("5/1/2022", "5/1/2022", "NOUN", 3, "obl"),
        ("ότι", "ότι", "SCONJ", 7, "mark"), ("νίκησε", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert (time.value, time.span.text) == (date(2022, 1, 5), "5/1/2022")


def test_extract_time_statement_time_weekday_of_a_noun_is_not_the_statement_time() -> None:
    # «δήλωσε για τις εκλογές της Κυριακής»: Sunday dates the election, not the statement
    time = greek_rows("Ο Χ δήλωσε για τις εκλογές της Κυριακής ότι νικά", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("για", "για", "ADP", 6, "case"), ("τις", "ο", "DET", 6, "det"), ("εκλογές", "εκλογή", "NOUN", 3, "obl"),
        ("της", "ο", "DET", 8, "det"), ("Κυριακής", "Κυριακή", "PROPN", 6, "nmod"),
        ("ότι", "ότι", "SCONJ", 10, "mark"), ("νικά", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert time == TimeRef(FRIDAY, "publication", "day")


def test_extract_time_statement_time_last_week_falls_back_to_publication() -> None:
    time = greek_rows("Ο Χ δήλωσε την περασμένη εβδομάδα ότι νίκησε", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("την", "ο", "DET", 6, "det"), ("περασμένη", "περασμένος", "ADJ", 6, "amod"), ("εβδομάδα", "εβδομάδα", "NOUN", 3, "obl"),
        ("ότι", "ότι", "SCONJ", 8, "mark"), ("νίκησε", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert time == TimeRef(FRIDAY, "publication", "day")


def test_extract_time_statement_time_future_date_falls_back_to_publication() -> None:
    time = greek_rows("Ο Χ δήλωσε στις 5 Ιανουαρίου 2023 ότι νίκησε", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("στις", "σε", "ADP", 5, "case"), ("5", "5", "NUM", 3, "obl"), ("Ιανουαρίου", "Ιανουάριος", "PROPN", 3, "obl"),
        ("2023", "2023", "NUM", 6, "nmod"), ("ότι", "ότι", "SCONJ", 9, "mark"), ("νίκησε", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert time == TimeRef(FRIDAY, "publication", "day")


def test_extract_time_statement_time_date_in_the_content_does_not_count() -> None:
    time = greek_rows("Ο Χ δήλωσε ότι τον Σεπτέμβριο νίκησε", [
        ("Ο", "ο", "DET", 2, "det"), ("Χ", "Χ", "PROPN", 3, "nsubj"), ("δήλωσε", "δηλώνω", "VERB", 0, "root"),
        ("ότι", "ότι", "SCONJ", 7, "mark"), ("τον", "ο", "DET", 6, "det"), ("Σεπτέμβριο", "Σεπτέμβριος", "PROPN", 7, "obl"),
        ("νίκησε", "νικώ", "VERB", 3, "ccomp"),
    ])
    assert time == TimeRef(FRIDAY, "publication", "day")


@pytest.mark.parametrize(
    ("rows", "expected", "precision", "span"),
    [
        ([("tonight", "tonight", "NOUN", "obl:tmod")], FRIDAY, "day", "tonight"),
        ([("on", "on", "ADP", "case"), ("Thursday", "Thursday", "PROPN", "obl")], date(2022, 1, 6), "day", "Thursday"),
        ([("in", "in", "ADP", "case"), ("September", "September", "PROPN", "obl")], date(2021, 9, 1), "month", "September"),
        ([("on", "on", "ADP", "case"), ("2022-01-05", "2022-01-05", "NUM", "obl")], date(2022, 1, 5), "day", "2022-01-05"),
    ],
    ids=["tonight", "on-thursday", "in-september", "iso-date"],
)
def test_extract_time_statement_time_english_expressions(rows: list, expected: date, precision: str, span: str) -> None:
    time = cue_time(english_said(rows), FRIDAY, lang="en")
    assert (time.value, time.basis, time.precision, time.span.text) == (expected, "explicit", precision, span)


def english_rows(text: str, rows: list[Row]) -> TimeRef | None:
    sent = sentence(text, rows, lang="en")
    tree = Tree(sent)
    said = word(sent, "said")
    content = {w.id for c in tree.children(said, "ccomp") for w in tree.subtree(c)}
    return statement_time(tree, [said], content, load("en"), FRIDAY)


def test_extract_time_statement_time_english_thursday_night() -> None:
    time = english_rows("He said on Thursday night that he won", [
        ("He", "he", "PRON", 2, "nsubj"), ("said", "say", "VERB", 0, "root"), ("on", "on", "ADP", 5, "case"),
        ("Thursday", "Thursday", "PROPN", 5, "compound"), ("night", "night", "NOUN", 2, "obl"),
        ("that", "that", "SCONJ", 8, "mark"), ("he", "he", "PRON", 8, "nsubj"), ("won", "win", "VERB", 2, "ccomp"),
    ])
    assert (time.value, time.span.text) == (date(2022, 1, 6), "Thursday night")


@pytest.mark.parametrize(
    ("text", "rows", "span"),
    [
        ("He said on January 5 that he won", [
            ("He", "he", "PRON", 2, "nsubj"), ("said", "say", "VERB", 0, "root"), ("on", "on", "ADP", 4, "case"),
            ("January", "January", "PROPN", 2, "obl"), ("5", "5", "NUM", 4, "nummod"),
            ("that", "that", "SCONJ", 8, "mark"), ("he", "he", "PRON", 8, "nsubj"), ("won", "win", "VERB", 2, "ccomp"),
        ], "January 5"),
        ("He said on 5 January 2022 that he won", [
            ("He", "he", "PRON", 2, "nsubj"), ("said", "say", "VERB", 0, "root"), ("on", "on", "ADP", 5, "case"),
            ("5", "5", "NUM", 5, "nummod"), ("January", "January", "PROPN", 2, "obl"), ("2022", "2022", "NUM", 5, "nummod"),
            ("that", "that", "SCONJ", 9, "mark"), ("he", "he", "PRON", 9, "nsubj"), ("won", "win", "VERB", 2, "ccomp"),
        ], "5 January 2022"),
    ],
    ids=["january-5", "5-january-2022"],
)
def test_extract_time_statement_time_english_dates(text: str, rows: list, span: str) -> None:
    time = english_rows(text, rows)
    assert (time.value, time.precision, time.span.text) == (date(2022, 1, 5), "day", span)


def test_extract_time_statement_time_english_last_week_falls_back_to_publication() -> None:
    time = english_rows("He said last week that he won", [
        ("He", "he", "PRON", 2, "nsubj"), ("said", "say", "VERB", 0, "root"), ("last", "last", "ADJ", 4, "amod"),
        ("week", "week", "NOUN", 2, "obl:tmod"), ("that", "that", "SCONJ", 7, "mark"), ("he", "he", "PRON", 7, "nsubj"),
        ("won", "win", "VERB", 2, "ccomp"),
    ])
    assert time == TimeRef(FRIDAY, "publication", "day")


def test_extract_time_may_the_modal_is_not_a_month() -> None:
    time = english_rows("He said he may win", [
        ("He", "he", "PRON", 2, "nsubj"), ("said", "say", "VERB", 0, "root"), ("he", "he", "PRON", 5, "nsubj"),
        ("may", "may", "AUX", 5, "aux"), ("win", "win", "VERB", 2, "ccomp"),
    ])
    assert time.basis == "publication"
