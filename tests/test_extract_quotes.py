"""Tests of kg.extract.quotes.find_quotes: quotation spans paired on the paragraph's characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.quotes import Quote, find_quotes


def spans(text: str, offset: int = 0) -> list[tuple[str, str, bool, bool]]:
    """(whole quote, inner text, closed, opened) of every quote found."""
    out = []
    for q in find_quotes(text, offset):
        start, end = q.inner
        out.append((text[q.start - offset : q.end - offset], text[start - offset : end - offset], q.closed, q.opened))
    return out


# ------------------------------------------------------------------ paired marks


@pytest.mark.parametrize(
    ("text", "whole", "inner"),
    [
        ("Είπε «όλα καλά» χθες.", "«όλα καλά»", "όλα καλά"),
        ("He said “fine” today.", "“fine”", "fine"),
        ("Είπε „καλά“ χθες.", "„καλά“", "καλά"),
        ("Sagte „gut” gestern.", "„gut”", "gut"),
        ('He said "fine" today.', '"fine"', "fine"),
        ("He said ‘fine,’ and left.", "‘fine,’", "fine,"),
        ("‘Don’t go,’ he said.", "‘Don’t go,’", "Don’t go,"),
        ("He said ‘’fine’’ today.", "‘’fine’’", "fine"),
        ("He said ‘‘fine’’ today.", "‘‘fine’’", "fine"),
        ("He said ``fine'' today.", "``fine''", "fine"),
        ('"Fine," he said.', '"Fine,"', "Fine,"),
        ("«Όχι», είπε.", "«Όχι»", "Όχι"),
    ],
)
def test_extract_quotes_paired_marks(text: str, whole: str, inner: str) -> None:
    assert spans(text) == [(whole, inner, True, True)]


@pytest.mark.parametrize(
    ("text", "whole", "inner"),
    [
        ("Είπε «ο Χ είπε «όχι» και έφυγε» χθες.", "«ο Χ είπε «όχι» και έφυγε»", "ο Χ είπε «όχι» και έφυγε"),
        ("«α «β «γ» β» α» τέλος", "«α «β «γ» β» α»", "α «β «γ» β» α"),
        ("Είπε «ο Χ είπε “όχι” σήμερα».", "«ο Χ είπε “όχι” σήμερα»", "ο Χ είπε “όχι” σήμερα"),
        ('He said “she told me "no" twice”.', '“she told me "no" twice”', 'she told me "no" twice'),
    ],
)
def test_extract_quotes_nested_quotes_stay_inside_the_outer_one(text: str, whole: str, inner: str) -> None:
    assert spans(text) == [(whole, inner, True, True)]


def test_extract_quotes_several_quotes_in_a_paragraph() -> None:
    text = '«Ναι», είπε, «αλλά όχι τώρα». "Fine," he said. "Really."'
    assert [whole for whole, *_ in spans(text)] == ["«Ναι»", "«αλλά όχι τώρα»", '"Fine,"', '"Really."']


@pytest.mark.parametrize(
    "text",
    [
        "Γι’ αυτό δεν ήρθε.",
        "I don’t know.",
        "Είπε ότι δεν θα ’ρθει σήμερα.",
        "the students’ union",
        "rock ’n’ roll",
        "the ’90s",
        "Σ’ αγαπώ.",
        "It’s John’s.",
        "",
        "Χωρίς εισαγωγικά.",
    ],
)
def test_extract_quotes_apostrophes_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []


def test_extract_quotes_apostrophe_inside_a_quote_does_not_close_it() -> None:
    assert spans("«Γι’ αυτό δεν ήρθα», είπε.") == [("«Γι’ αυτό δεν ήρθα»", "Γι’ αυτό δεν ήρθα", True, True)]
    assert spans("“I don’t know,” she said.") == [("“I don’t know,”", "I don’t know,", True, True)]


# ------------------------------------------------------------------ unbalanced marks


@pytest.mark.parametrize(
    ("text", "whole", "inner"),
    [
        ("Είπε «όλα καλά χθες.", "«όλα καλά χθες.", "όλα καλά χθες."),
        ("He said “fine today.", "“fine today.", "fine today."),
        ('He said "fine today.', '"fine today.', "fine today."),
        ("Είπε «α «β» γ", "«α «β» γ", "α «β» γ"),  # the inner pair closes, the outer one never does
    ],
)
def test_extract_quotes_unclosed_quote_runs_to_the_end(text: str, whole: str, inner: str) -> None:
    (quote,) = find_quotes(text)
    assert (quote.closed, quote.opened) == (False, True)
    assert quote.end == len(text)
    assert spans(text) == [(whole, inner, False, True)]


def test_extract_quotes_unclosed_quote_stops_the_search() -> None:
    quotes = find_quotes("«α» και «β και «γ»")
    assert [(q.start, q.end, q.closed) for q in quotes] == [(0, 3, True), (8, 18, False)]


@pytest.mark.parametrize(
    ("text", "whole", "inner"),
    [
        ("όλα καλά», είπε ο Χ.", "όλα καλά»", "όλα καλά"),
        ("  όλα καλά», είπε.", "όλα καλά»", "όλα καλά"),  # leading spaces are not part of it
        ("fine,” he said.", "fine,”", "fine,"),
        ('fine," he said.', 'fine,"', "fine,"),
    ],
)
def test_extract_quotes_closing_mark_without_opener_starts_at_the_paragraph(text: str, whole: str, inner: str) -> None:
    quote = find_quotes(text)[0]
    assert (quote.closed, quote.opened) == (True, False)
    assert quote.start == len(text) - len(text.lstrip())
    assert spans(text)[0] == (whole, inner, True, False)


def test_extract_quotes_carried_over_quote_then_a_new_one() -> None:
    text = "τέλος», είπε. «Και κάτι ακόμη»"
    assert spans(text) == [("τέλος»", "τέλος", True, False), ("«Και κάτι ακόμη»", "Και κάτι ακόμη", True, True)]


def test_extract_quotes_stray_closer_after_a_quote_is_ignored() -> None:
    assert spans("«α» β» γ") == [("«α»", "α", True, True)]


# ------------------------------------------------------------------ offsets and inner


@pytest.mark.parametrize("offset", [0, 1, 250, 10_000])
def test_extract_quotes_offset_shifts_every_offset(offset: int) -> None:
    text = "Είπε «όλα καλά» και «τέλος."
    plain = find_quotes(text)
    shifted = find_quotes(text, offset)
    assert len(plain) == len(shifted) == 2
    for a, b in zip(plain, shifted):
        assert (b.start, b.end) == (a.start + offset, a.end + offset)
        assert b.inner == (a.inner[0] + offset, a.inner[1] + offset)
        assert (b.closed, b.opened, b.mark_width) == (a.closed, a.opened, a.mark_width)


def test_extract_quotes_offset_applies_to_carried_over_quotes() -> None:
    (quote,) = find_quotes(" α» β", 100)
    assert (quote.start, quote.end, quote.inner) == (101, 103, (101, 102))


@pytest.mark.parametrize(
    ("quote", "inner"),
    [
        (Quote(10, 20), (11, 19)),
        (Quote(10, 20, mark_width=2), (12, 18)),
        (Quote(10, 20, closed=False), (11, 20)),
        (Quote(10, 20, opened=False), (10, 19)),
        (Quote(10, 11, opened=False), (10, 10)),
        (Quote(10, 12), (11, 11)),
    ],
)
def test_extract_quotes_inner_excludes_the_marks(quote: Quote, inner: tuple[int, int]) -> None:
    assert quote.inner == inner


def test_extract_quotes_found_quote_positions() -> None:
    (quote,) = find_quotes("Είπε «όλα καλά» χθες.")
    assert (quote.start, quote.end, quote.inner, quote.mark_width) == (5, 15, (6, 14), 1)
    (double,) = find_quotes("He said ‘’fine’’ today.")
    assert (double.start, double.end, double.inner, double.mark_width) == (8, 16, (10, 14), 2)


# ------------------------------------------------------------------ properties

MARKS = list("«»“”„‘’\"`'")
texts = st.text(alphabet=st.sampled_from([*MARKS, "a", "β", " ", ".", ",", "\n", "-"]), max_size=40) | st.text(max_size=40)


@settings(max_examples=500, deadline=None)
@given(text=texts, offset=st.integers(min_value=0, max_value=10_000))
def test_extract_quotes_spans_lie_inside_the_text(text: str, offset: int) -> None:
    quotes = find_quotes(text, offset)
    previous_end = 0
    for q in quotes:
        assert 0 <= q.start - offset <= q.end - offset <= len(text)
        start, end = q.inner
        assert q.start <= start <= end <= q.end
        assert q.start - offset >= previous_end  # quotes do not overlap and come in order
        previous_end = q.end - offset
    assert sum(not q.closed for q in quotes) <= 1
    assert all(q.opened for q in quotes[1:])  # only the first quote can be carried over


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", "β", " ", ".", ",", "’", "\n"]), max_size=40).filter(lambda t: "’’" not in t))
def test_extract_quotes_single_right_quotes_alone_make_no_quotes(text: str) -> None:
    # a lone ’ never opens a quote and, unlike ’’ (a doubled closer), never closes a carried-over one
    assert find_quotes(text) == []


# ------------------------------------------------------------------ single quotes and two-character marks


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("He said ‘fine’ today.", "‘fine’"),
        ("‘We’re here’", "‘We’re here’"),
        ("Είπε ‘όχι’ και έφυγε.", "‘όχι’"),
        ("‘fine’", "‘fine’"),
        ("‘fine’\nand more", "‘fine’"),
    ],
)
def test_extract_quotes_single_quote_closed_before_a_space_or_the_end(text: str, whole: str) -> None:
    (quote,) = find_quotes(text)
    assert (text[quote.start : quote.end], quote.closed) == (whole, True)


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("‘Γι’ αυτό έφυγα’, είπε.", "‘Γι’ αυτό έφυγα’"),  # elision before a word, a later ’ closes
        ("‘Σ’ αγαπώ’", "‘Σ’ αγαπώ’"),
        ("‘The students’ union is here,’ she said.", "‘The students’ union is here,’"),
        ("‘Rock ’n’ roll’ today", "‘Rock ’n’ roll’"),
        ("‘Back in the ’90s’ he said", "‘Back in the ’90s’"),
        ("‘fine’ he said, ‘really’", "‘fine’"),  # the next ‘ opens a new quote: the first ’ closed this one
    ],
)
def test_extract_quotes_apostrophe_inside_a_single_quote_does_not_close_it(text: str, whole: str) -> None:
    quote = find_quotes(text)[0]
    assert (text[quote.start : quote.end], quote.closed) == (whole, True)


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("fine’’ he said", "fine"),  # carried over, closed by a two-character mark
        ("fine'' he said", "fine"),
        ("He said ‘’fine", "fine"),  # unclosed, opened by a two-character mark
        ("He said ``fine", "fine"),
    ],
)
def test_extract_quotes_inner_excludes_two_character_marks(text: str, inner: str) -> None:
    (quote,) = find_quotes(text)
    start, end = quote.inner
    assert text[start:end] == inner
    assert quote.mark_width == 2
