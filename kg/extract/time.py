"""When a statement was made: the cue's own time expression, else the publication date.

A statement's time is found among the words of the cue's clause that are
neither its content nor its source ("X said yesterday that …", not "X said
that yesterday's protest …"). Expressions are resolved against the article's
publication date, in three steps:

1. **Relative day words** from the lexicon (σήμερα, χθες, προχθές, απόψε;
   today, yesterday, tonight) move the publication date by a fixed number of
   days. A time of day after them («χθες το βράδυ», "yesterday morning")
   stays within that day.
2. **Weekdays** («την Κυριακή», "on Thursday night") mean their latest
   occurrence on or before publication; after «περασμένη»/"last", strictly
   before it. A weekday is a noun; the ordinal adjectives that share its form
   («για τρίτη φορά», for the third time) are not (see :func:`is_weekday`).
3. **Months and calendar dates** («τον Σεπτέμβριο», «στις 5 Ιανουαρίου 2022»,
   «5/1/2022»; "in September", "January 5", "2022-01-05") go to dateparser
   (https://dateparser.readthedocs.io) with the publication date as its
   ``RELATIVE_BASE`` and a preference for the past, so a bare month is the
   latest such month on or before publication, at month precision.
   dateparser reads nominative Greek month names and bare weekdays but not the
   forms news text uses («τον Σεπτέμβριο», «σήμερα το πρωί», «την Κυριακή»),
   so :func:`normalise` first drops articles, prepositions and times of day and
   maps every month form to its nominative (all lists are lexicon data).

A resolved date after publication means the parse was wrong and the
expression is ignored, with one exception kept from the lexicon's own offsets:
«αύριο»/"tomorrow" (+1 day) on an embargoed or dated-ahead article.

"Last week" («την περασμένη εβδομάδα») is recognised but not dated: a
``TimeRef`` has no week precision, and dating the statement to the week's first
day would claim a day the text does not give. Such a statement falls back to
the publication date (basis "publication"), which says that we do not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache

from kg.extract.mentions import span_of
from kg.extract.syntax import Tree, base, is_punct, lemma
from kg.lexicons import Lexicon, fold
from kg.types import TimeRef, Word

Precision = str  # "day" | "month" | "year", as in TimeRef.precision

# 5/1/2022, 5.1.22, 2022-01-05: one token in the parse and in the normalised text
NUMERIC_DATE = re.compile(r"^(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{2}|\d{4})|\d{4}-\d{1,2}-\d{1,2})$")
YEAR = re.compile(r"^(?:19|20)\d\d$")
_TOKEN = re.compile(r"\d+(?:[-/.]\d+)*[^\W\d_]*|[^\W\d_]+")  # numbers keep an ordinal suffix: 5th

# dateparser's period of a parse → TimeRef precision; "week" has none (see the module docstring)
_PERIODS = {"day": "day", "time": "day", "part_of_day": "day", "month": "month", "year": "year"}

# tags a weekday or month name can have; anything else (ADJ τρίτη, AUX may, VERB march) is another word
_NOUNS = ("NOUN", "PROPN", "X")


# ------------------------------------------------------------------ the string level


def month_forms(lex: Lexicon) -> Mapping[str, str]:
    """Every folded month form of the lexicon → its folded nominative («ιανουαριου» → «ιανουαριος»)."""
    return lex.month_forms


def normalise(text: str, lex: Lexicon) -> str:
    """The words of a time expression that dateparser can read: folded, without articles,
    prepositions and times of day, every month form in the nominative.

    «στις 5 Ιανουαρίου 2022» → «5 ιανουαριος 2022»; «σήμερα το πρωί» → «σημερα»;
    "on Thursday night" → "thursday".
    """
    months = month_forms(lex)
    kept: list[str] = []
    for token in _TOKEN.findall(fold(text)):
        if token in lex.time_fillers or token in lex.times_of_day:
            continue
        kept.append(months.get(token, token))
    return " ".join(kept)


def resolve(text: str, lex: Lexicon, published: date) -> tuple[date, Precision] | None:
    """The date and precision of a time expression, against the publication date; None when it has none."""
    tokens = normalise(text, lex).split()
    if not tokens or any(t in lex.week_words for t in tokens):
        return None
    for t in tokens:
        if t in lex.time_words:
            day = published + timedelta(days=lex.time_words[t])
            return (day, "day") if day <= published + timedelta(days=1) else None
    if any(t in lex.months or NUMERIC_DATE.match(t) or YEAR.match(t) for t in tokens):
        # a calendar date beats the weekday beside it («την Πέμπτη 5 Ιανουαρίου»)
        dated = [t for t in tokens if t not in lex.weekdays and t not in lex.last_words]
        found = _dateparser(" ".join(dated), lex.language, published)
        if found is not None and found[0] <= published:
            return found
    for t in tokens:
        if t in lex.weekdays:
            back = (published.weekday() - lex.weekdays[t]) % 7
            if back == 0 and any(x in lex.last_words for x in tokens):
                back = 7  # «την περασμένη Κυριακή» on a Sunday: a week ago
            return published - timedelta(days=back), "day"
    return None  # a bare number is a day of no month, a future date a misreading


@lru_cache(maxsize=64)
def _parser(language: str, published: date):
    from dateparser.date import DateDataParser  # imported on first use: no work at import time

    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_MONTH_OF_YEAR": "first",
    }
    return DateDataParser(languages=[language], settings=settings)


def _dateparser(text: str, language: str, published: date) -> tuple[date, Precision] | None:
    try:
        data = _parser(language, published).get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser is heuristic; any failure of it means "no date here"
        return None
    precision = _PERIODS.get(data.period or "")
    if data.date_obj is None or precision is None:
        return None
    day = data.date_obj.date()
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = date(day.year, 1, 1)
    return day, precision


# ------------------------------------------------------------------ the word level


def _keys(word: Word) -> tuple[str, str]:
    return lemma(word), fold(word.text)


def is_weekday(word: Word, lex: Lexicon, tree: Tree | None = None) -> bool:
    """A weekday name used as one: a noun whose lemma is a weekday (UD tags weekdays NOUN or PROPN),
    or a weekday form after an article or preposition («την Τρίτη», "on Tuesday") that does not
    modify a noun. The Greek ordinals τρίτη, τετάρτη, πέμπτη (third, fourth, fifth) share their
    forms with Tuesday to Thursday; UD tags them ADJ with lemma τρίτος …, and as modifiers of a
    noun they are ``amod``: «για τρίτη φορά» is not a date.
    """
    if word.upos in _NOUNS and lemma(word) in lex.weekdays:
        return True
    if tree is None or fold(word.text) not in lex.weekdays or word.upos == "NUM" or base(word.deprel) == "amod":
        return False
    before = tree.previous(word)
    return before is not None and (before.upos in ("DET", "ADP") or fold(before.text) in lex.time_fillers)


def resolve_day(word: Word, lex: Lexicon, published: date, tree: Tree | None = None) -> date | None:
    """The day one word names: a relative day word or a weekday (latest on or before publication)."""
    for k in _keys(word):
        if k in lex.time_words:
            return published + timedelta(days=lex.time_words[k])
    if is_weekday(word, lex, tree):
        key = lemma(word) if lemma(word) in lex.weekdays else fold(word.text)
        back = (published.weekday() - lex.weekdays[key]) % 7
        return published - timedelta(days=back)
    return None


def _is_month(word: Word, lex: Lexicon, forms: dict[str, str]) -> bool:
    return word.upos in _NOUNS and any(k in forms for k in _keys(word))


def _anchor(tree: Tree, word: Word, lex: Lexicon, forms: dict[str, str]) -> str | None:
    """What kind of time expression ``word`` can start: "relative", "weekday", "date", or None."""
    if any(k in lex.time_words for k in _keys(word)):
        return "relative"
    if is_weekday(word, lex, tree):
        return "weekday"
    if _is_month(word, lex, forms) or NUMERIC_DATE.match(word.text):
        return "date"
    before = tree.previous(word)
    if YEAR.match(word.text) and before is not None and (before.upos in ("DET", "ADP") or fold(before.text) in lex.time_fillers):
        return "date"  # «το 2021», "in 2021": a year only after an article or preposition
    return None


def _timeish(word: Word, lex: Lexicon, forms: dict[str, str]) -> bool:
    """Words a time expression is made of, besides numbers: fillers, times of day, last, week, names."""
    keys = _keys(word)
    vocab = (lex.time_fillers, lex.times_of_day, lex.last_words, lex.week_words, lex.time_words, lex.weekdays, forms)
    return word.upos in ("DET", "ADP") or any(k in v for k in keys for v in vocab)


def _expression(tree: Tree, anchor: Word, allowed: set[int], lex: Lexicon, forms: dict[str, str]) -> list[Word]:
    """The run of time words around ``anchor`` (within ``allowed``), without fillers at either end.

    Numbers join the run only next to a month name («5 Ιανουαρίου 2022») or, as a year, in a run
    that has one («τον Σεπτέμβριο του 2021», "January 5, 2022").
    """

    def fits(w: Word | None, neighbour: Word, run: list[Word]) -> bool:
        if w is None or w.id not in allowed:
            return False
        if w.upos == "NUM" or w.text.isdigit():
            dated = any(_is_month(x, lex, forms) for x in run)
            return _is_month(neighbour, lex, forms) or (dated and bool(YEAR.match(w.text)))
        if w.text == "," and neighbour.text.isdigit():
            return True
        return _timeish(w, lex, forms)

    run = [anchor]
    while fits(tree.previous(run[0]), run[0], run):
        run.insert(0, tree.previous(run[0]))
    while fits(tree.next(run[-1]), run[-1], run):
        run.append(tree.next(run[-1]))
    lo, hi = 0, len(run)
    while lo < hi and (is_punct(run[lo]) or _filler(run[lo], lex)):
        lo += 1
    while hi > lo and (is_punct(run[hi - 1]) or _filler(run[hi - 1], lex)):
        hi -= 1
    return run[lo:hi] or [anchor]


def _filler(w: Word, lex: Lexicon) -> bool:
    return (w.upos in ("DET", "ADP") and not any(k in lex.last_words for k in _keys(w))) or fold(w.text) in lex.time_fillers


def _words_text(words: list[Word], lex: Lexicon, forms: dict[str, str]) -> str:
    """The expression as the normaliser reads it: a lemma where it names the day or month
    (genitive «της Κυριακής» → κυριακη), the form otherwise."""
    out = []
    for w in words:
        key = lemma(w)
        named = key in lex.time_words or key in lex.weekdays or key in forms
        out.append(key if named and w.upos in (*_NOUNS, "ADV") else w.text)
    return " ".join(out)


def _governed_by(run: list[Word], cues: set[int]) -> bool:
    """Whether the run attaches to the cue itself (not to a noun in its clause: «για τις εκλογές της Κυριακής»)."""
    ids = {w.id for w in run}
    return any(w.head in cues for w in run if w.head not in ids)


def statement_time(tree: Tree, cue_words: Iterable[Word], exclude: set[int], lex: Lexicon, published: date | None) -> TimeRef | None:
    """The time of the statement that ``cue_words`` make, or the publication date; None without one.

    Only the cue's dependents count, minus the ``exclude``d words (the content and
    the source); the first expression in dependent order that resolves wins.
    """
    if published is None:
        return None
    cues = list(cue_words)
    cue_ids = {c.id for c in cues}
    forms = month_forms(lex)
    for cue in cues:
        subtrees = [tree.subtree(child, exclude=exclude) for child in tree.children(cue) if child.id not in exclude]
        allowed = {w.id for words in subtrees for w in words}
        for words in subtrees:
            for w in words:
                kind = _anchor(tree, w, lex, forms)
                if kind is None:
                    continue
                run = _expression(tree, w, allowed, lex, forms)
                if kind != "relative" and not _governed_by(run, cue_ids):
                    continue
                found = resolve(_words_text(run, lex, forms), lex, published)
                if found is not None:
                    value, precision = found
                    return TimeRef(value, "explicit", precision, span_of(tree, run))  # type: ignore[arg-type]
    return TimeRef(published, "publication", "day")
