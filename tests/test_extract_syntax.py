"""Syntax helpers that read news conventions off a sentence, on hand-made token sequences."""

from __future__ import annotations

import re

import pytest

from kg.extract.syntax import Tree, dateline
from kg.types import Sentence, Word


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("BOSTON -- Mayor Ellen Ward said on Monday that the harbor would reopen in June.", {"BOSTON"}),
        ("WASHINGTON (AP) — The Latest on the race.", {"WASHINGTON", "(", "AP", ")"}),
        ("ΣΥΡΙΖΑ-ΠΣ ανακοίνωσε ότι θα καταψηφίσει.", set()),  # no space before the dash: a name, not a dateline
        ("The senator - a Democrat - said no.", set()),  # not in capitals
    ],
)
def test_dateline_is_the_opening_place_in_capitals_before_a_spaced_dash(sentence, expected):
    words, at = [], 0
    for i, token in enumerate(re.findall(r"\w+|[^\w\s]+", sentence), start=1):
        start = sentence.index(token, at)
        at = start + len(token)
        words.append(Word(id=i, text=token, lemma=token, upos="X", head=0, deprel="dep", start=start, end=at))
    tree = Tree(Sentence(0, 0, len(sentence), sentence, tuple(words), "en", 0))
    assert {w.text for w in tree.words if dateline(tree, w)} == expected
