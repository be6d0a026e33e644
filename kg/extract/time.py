"""When a statement was made: explicit day expressions, else the publication date.

Relative expressions (σήμερα, χθες, προχθές, την Κυριακή; today, yesterday,
on Sunday) resolve against the article's publication date; a weekday means
its latest occurrence on or before that date. Only words that belong to the
cue's clause count (not the claim's own time: "X said that yesterday's
protest …").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kg.extract.mentions import span_of
from kg.extract.syntax import Tree, lemma
from kg.lexicons import Lexicon, fold
from kg.types import TimeRef, Word


def resolve_day(word: Word, lex: Lexicon, published: date) -> date | None:
    for k in (lemma(word), fold(word.text)):
        if k in lex.time_words:
            return published + timedelta(days=lex.time_words[k])
        if k in lex.weekdays:
            back = (published.weekday() - lex.weekdays[k]) % 7
            return published - timedelta(days=back)
    return None


def statement_time(tree: Tree, cue_words: Iterable[Word], exclude: set[int], lex: Lexicon, published: date | None) -> TimeRef | None:
    if published is None:
        return None
    for cue in cue_words:
        for child in tree.children(cue):
            if child.id in exclude:
                continue
            for w in tree.subtree(child, exclude=exclude):
                day = resolve_day(w, lex, published)
                if day is not None and day <= published + timedelta(days=1):
                    return TimeRef(day, "explicit", "day", span_of(tree, [w]))
    return TimeRef(published, "publication", "day")
