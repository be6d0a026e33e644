"""Numbers in claims and what they count: "σχεδόν χίλιοι τραυματίστηκαν" → about 1000 injured.

A quantity is a number (digits with the language's separators, number words,
or a vague plural such as «δεκάδες», "hundreds") with its hedge (σχεδόν,
πάνω από; almost, more than), the noun it counts and the event it counts
(the governing verb or the noun itself: σκοτώθηκαν, τραυματίες; killed,
wounded). A bare number («ενώ τραυματίστηκαν 748») counts the same people as
the quantity before it in the sentence: news copy elides the noun.
"""

from __future__ import annotations

import re

from kg.extract.mentions import span_of
from kg.extract.syntax import Tree, base, is_punct, is_verbal, lemma
from kg.lexicons import Lexicon, fold
from kg.types import Quantity, Word

_DIGITS = re.compile(r"^\d[\d.,\u00a0\u202f ]*$")


def parse_number(text: str, decimal: str) -> float | None:
    """Digits with thousands and decimal separators: «3.000» = 3000 in Greek, "3,000" in English; «2,5» = 2.5."""
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not _DIGITS.match(text):
        return None
    thousands = "." if decimal == "," else ","
    if re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+", text):
        return float(text.replace(thousands, ""))
    if text.count(decimal) == 1 and re.fullmatch(rf"\d+\{decimal}\d+", text):
        return float(text.replace(decimal, "."))
    if text.isdigit():
        return float(text)
    return None


def _word_value(w: Word, lex: Lexicon) -> tuple[float, str] | None:
    """(value, bound) of one number word, or None."""
    digits = parse_number(w.text, lex.decimal_separator)
    if digits is not None:
        return digits, "exact"
    for key in (lemma(w), fold(w.text)):
        if key in lex.number_words:
            return float(lex.number_words[key]), "exact"
        if key in lex.vague_numbers and (w.feat("Number") == "Plur" or key.endswith("s") or fold(w.text) != key):
            return float(lex.vague_numbers[key]), "at_least"
    return None


def _value(tree: Tree, w: Word, lex: Lexicon) -> tuple[float, str, list[Word]] | None:
    """The value of the number at ``w`` with the number words around it («δύο χιλιάδες», "3 million")."""
    first = _word_value(w, lex)
    if first is None:
        return None
    value, bound = first
    words = [w]
    nxt = tree.next(w)
    while nxt is not None:
        key = lemma(nxt)
        if key in lex.number_multipliers and (nxt.upos in ("NUM", "NOUN") or fold(nxt.text) in lex.number_multipliers):
            value *= lex.number_multipliers[key]
            words.append(nxt)
            bound = "exact" if bound == "exact" else bound
            nxt = tree.next(nxt)
            continue
        break
    return value, bound, words


def _bound(tree: Tree, words: list[Word], lex: Lexicon) -> str | None:
    """A hedge just before the number: «σχεδόν», «πάνω από», "more than", "at least"."""
    cur = tree.previous(words[0])
    seen = 0
    while cur is not None and seen < 3:
        key = lemma(cur)
        if key in lex.approximators:
            return lex.approximators[key]
        if fold(cur.text) in lex.approximators:
            return lex.approximators[fold(cur.text)]
        if cur.upos not in ("ADP", "ADV", "ADJ", "PART", "SCONJ", "CCONJ") and fold(cur.text) not in ("than",):
            return None
        cur = tree.previous(cur)
        seen += 1
    return None


def _counted(tree: Tree, words: list[Word]) -> Word | None:
    """The noun a number counts: its head when it is a nummod, else the next noun in its phrase."""
    number = words[0]
    head = tree.head(number)
    if base(number.deprel) in ("nummod", "det") and head is not None and head.upos in ("NOUN", "PROPN", "ADJ"):
        return head
    cur = tree.next(words[-1])
    while cur is not None and (is_punct(cur) or cur.upos == "ADJ"):
        if cur.upos == "ADJ" and tree.next(cur) is not None and tree.next(cur).upos != "NOUN":
            return cur if cur.upos == "ADJ" and cur.feat("Number") == "Plur" else None
        cur = tree.next(cur)
    if cur is not None and cur.upos == "NOUN" and not (cur.feat("Case") == "Gen" and tree.previous(cur) and tree.previous(cur).upos == "DET"):
        return cur
    return None


_MODIFIERS = ("amod", "nmod", "compound", "flat")


def _modifiers(tree: Tree, noun: Word, depth: int = 2) -> list[Word]:
    """The noun and its nominal modifiers, two levels down («μέλη σωμάτων ασφαλείας»), never a coordinated or clausal part."""
    out = [noun]
    if depth:
        for k in tree.children(noun, *_MODIFIERS):
            out.extend(_modifiers(tree, k, depth - 1))
    return out


def _lemmas_around(tree: Tree, noun: Word) -> list[str]:
    return [lemma(k) for k in _modifiers(tree, noun)]


def _stem_match(part: str, words: list[str]) -> bool:
    """A lexicon word matches a lemma or form by its stem («ασφάλεια» ~ «ασφαλείας»): lemmatizers miss rare genitives."""
    stem = part[: max(4, len(part) - 2)]
    return any(w == part or w.startswith(stem) for w in words)


def _population(tree: Tree, noun: Word | None, lex: Lexicon) -> str | None:
    """A population class when every word of one of its terms is in the counted phrase, else the noun's lemma."""
    if noun is None:
        return None
    words = _lemmas_around(tree, noun) + [fold(k.text) for k in _modifiers(tree, noun)]
    for name, terms in lex.populations.items():
        if any(all(_stem_match(p, words) for p in term.split()) for term in terms):
            return name
    return lemma(noun)


def _category(tree: Tree, number: Word, noun: Word | None, lex: Lexicon) -> str | None:
    """The event counted: the noun itself (νεκροί, casualties) or the nearest governing predicate."""
    candidates: list[Word] = [w for w in (noun, number) if w is not None]
    for anc in tree.ancestors(noun or number):
        candidates.append(anc)
        if is_verbal(anc):
            break
    for w in candidates:
        key = lemma(w)
        objects = {lemma(k) for k in tree.children(w, "obj", "obl", "nsubj")}
        for name, terms in lex.quantity_events.items():
            if key in terms or any(f"{key} {o}" in terms for o in objects):
                return name
    # an adjective or participle on the counted noun: "18 νεκροί αστυνομικοί", "dead soldiers"
    if noun is not None:
        for k in tree.children(noun, "amod", "acl"):
            for name, terms in lex.quantity_events.items():
                if lemma(k) in terms:
                    return name
    return None


def quantities(tree: Tree, start: int, end: int, lex: Lexicon) -> tuple[Quantity, ...]:
    """The quantities inside the document span ``start:end`` of this sentence, in text order."""
    out: list[Quantity] = []
    used: set[int] = set()
    for w in tree.words:
        if w.id in used or not (start <= w.start and w.end <= end):
            continue
        if w.upos not in ("NUM", "NOUN", "ADJ", "DET", "PRON", "X") and parse_number(w.text, lex.decimal_separator) is None:
            continue
        if base(w.deprel) in ("mark", "fixed", "cc", "case"):
            continue  # «μιας και» (since), not a count
        found = _value(tree, w, lex)
        if found is None:
            continue
        value, bound, words = found
        if value == 1 and parse_number(w.text, lex.decimal_separator) is None:
            continue  # «ένα», "one": an article far more often than a count
        used.update(x.id for x in words)
        if re.fullmatch(r"(1[5-9]|20)\d\d", w.text) and _counted(tree, words) is None:
            continue  # a year, not a count
        hedge = _bound(tree, words, lex)
        if hedge is not None and bound == "exact":
            bound = hedge
        noun = _counted(tree, words)
        population = _population(tree, noun, lex)
        if population is None and out:  # «…, ενώ τραυματίστηκαν 748»: the elided noun of the previous count
            population, unit = out[-1].population, out[-1].unit
        else:
            unit = span_of(tree, [noun]).text if noun is not None else None
        out.append(
            Quantity(
                span=span_of(tree, words),
                value=value,
                bound=bound,  # type: ignore[arg-type]
                category=_category(tree, w, noun, lex),
                population=population,
                unit=unit,
            )
        )
    return tuple(out)
