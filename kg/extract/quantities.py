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
    form = fold(w.text)
    # a vague plural first: "hundreds", "dozens" have the lemmas of the number words "hundred", "dozen"
    if form in lex.vague_numbers:
        return float(lex.vague_numbers[form]), "at_least"
    if lemma(w) in lex.vague_numbers and w.feat("Number") == "Plur":
        return float(lex.vague_numbers[lemma(w)]), "at_least"
    for key in (form, lemma(w)):
        if key in lex.number_words:
            return float(lex.number_words[key]), "exact"
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
        if key not in lex.number_multipliers:
            key = fold(nxt.text)
        if key in lex.number_multipliers:  # whatever its tag: parsers tag «χιλιάδες» NOUN, NUM or ADJ
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


def _of_phrase(tree: Tree, w: Word) -> Word | None:
    """The noun of an "of"/«από» phrase on ``w``: "hundreds of demonstrators", "two of the dead"."""
    for k in tree.children(w, "nmod", "obl"):
        if k.upos in ("NOUN", "PROPN", "ADJ") and any(fold(c.text) in _PARTITIVE_ADPS for c in tree.children(k, "case")):
            return k
    return None


def _counted(tree: Tree, words: list[Word]) -> Word | None:
    """The noun a number counts.

    In order: the noun it modifies (nummod), skipping a multiplier noun («10 εκατομμύρια Κόπτες»:
    the Copts, not the millions); the noun of an "of" phrase on it ("hundreds of demonstrators");
    the subject of a number used as a predicate («οι τραυματίες είναι 1.500»); the next noun of
    its phrase.
    """
    ids = {x.id for x in words}
    for number in (words[-1], words[0]):
        head = tree.head(number)
        seen = {number.id}
        while head is not None and head.id in ids and head.id not in seen:  # «δύο χιλιάδες»: the number's own multiplier
            seen.add(head.id)
            number, head = head, tree.head(head)
        if number.id not in ids:
            number = words[-1]
        if base(number.deprel) in ("nummod", "det") and head is not None and head.upos in ("NOUN", "PROPN", "ADJ"):
            return head
        if head is not None and base(number.deprel) == "nmod" and head.upos in ("NOUN", "PROPN") and number.upos == "NOUN":
            return head  # «10 εκατομμύρια Κόπτες»: the multiplier noun hangs on the counted noun
    for number in reversed(words):
        found = _of_phrase(tree, number)
        if found is not None:
            return found
        subjects = [k for k in tree.children(number, "nsubj") if k.upos in ("NOUN", "PROPN", "ADJ")]
        if subjects and tree.children(number, "cop"):
            return subjects[0]
    cur = tree.next(words[-1])
    while cur is not None and (is_punct(cur) or cur.upos == "ADJ"):
        if cur.upos == "ADJ" and tree.next(cur) is not None and tree.next(cur).upos != "NOUN":
            return cur if cur.upos == "ADJ" and cur.feat("Number") == "Plur" else None
        cur = tree.next(cur)
    if cur is not None and cur.upos in ("NOUN", "PROPN") and not (cur.feat("Case") == "Gen" and tree.previous(cur) and tree.previous(cur).upos == "DET"):
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


def _stem_match(part: str, words: list[Word]) -> bool:
    """A lexicon word matches a word's lemma or form; a genitive or an unlemmatised word also by stem.

    Lemmatizers miss rare genitives («ασφαλείας» for «ασφάλεια»), so those match by stem; every
    other word must match exactly, or «κατοικίες» (dwellings) would count as «κάτοικοι» (residents).
    """
    stem = part[: max(4, len(part) - 2)]
    for w in words:
        keys = (lemma(w), fold(w.text))
        if part in keys:
            return True
        if (w.feat("Case") == "Gen" or keys[0] == keys[1]) and keys[1].startswith(stem):
            return True
    return False


def _population(tree: Tree, noun: Word | None, lex: Lexicon) -> str | None:
    """A population class when every word of one of its terms is in the counted phrase, else the noun's lemma."""
    if noun is None:
        return None
    words = _modifiers(tree, noun)
    for name, terms in lex.populations.items():
        if any(all(_stem_match(p, words) for p in term.split()) for term in terms):
            return name
    return lemma(noun)


_PARTITIVE_ADPS = ("απο", "απ'", "εξ", "εκ", "of")


def _partitive(tree: Tree, words: list[Word]) -> bool:
    """«δύο από τους νεκρούς», «3.000 εξ αυτών», "two of the dead", "400 of whom": a part of a known group.

    Only with an article or a pronoun after the preposition: "hundreds of demonstrators" counts
    the demonstrators themselves.
    """
    nxt = tree.next(words[-1])
    if nxt is None or nxt.upos != "ADP" or fold(nxt.text) not in _PARTITIVE_ADPS:
        return False
    after = tree.next(nxt)
    return after is not None and (after.upos == "PRON" or (after.upos == "DET" and after.feat("Definite") != "Ind"))


def _category(tree: Tree, number: Word, noun: Word | None, lex: Lexicon, partitive: bool = False) -> str | None:
    """The event counted: the noun itself (νεκροί, casualties) or the nearest governing predicate.

    For a partitive only the predicate counts: «δύο από τους νεκρούς βρέθηκαν …» counts what was found,
    not the dead. The climb stops at an oblique: in «σκοτώθηκαν 31 άτομα κατά τη διάρκεια 80
    ανεμοστρόβιλων» the tornadoes were not killed. A predicate's secondary predicate counts too:
    "300 Iraqis are reported dead", «βρέθηκαν νεκροί».
    """
    if partitive:
        noun = None
    candidates: list[Word] = [w for w in (noun, number) if w is not None]
    cur = noun or number
    seen = {cur.id}
    while base(cur.deprel) != "obl" or cur.feat("Case") == "Nom":  # a nominative "obl" is a misparsed subject
        anc = tree.head(cur)
        if anc is None or anc.id in seen:
            break
        seen.add(anc.id)
        candidates.append(anc)
        if is_verbal(anc):
            break
        cur = anc
    # "500 wounded" (an orphan of an elided verb), "reported dead"
    candidates += [k for c in list(candidates) for k in tree.children(c, "xcomp", "orphan")]
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


def _core(tree: Tree, noun: Word | None, number: Word) -> bool:
    """Whether a count is a clause's subject or object, not inside a prepositional phrase."""
    w = noun or number
    return not tree.children(w, "case") and base(w.deprel) not in ("obl", "nmod")


def _year(tree: Tree, w: Word) -> bool:
    """Four digits from 1000 to 2099 after an article or a preposition: «το 1380», «από το 1996», "in 2002".

    A bare number after a verb is a count even in that range: «ενώ τραυματίστηκαν 1500».
    """
    before = tree.previous(w)
    return bool(re.fullmatch(r"(1\d|20)\d\d", w.text)) and before is not None and before.upos in ("DET", "ADP")


def quantities(tree: Tree, start: int, end: int, lex: Lexicon) -> tuple[Quantity, ...]:
    """The quantities inside the document span ``start:end`` of this sentence, in text order."""
    out: list[Quantity] = []
    cores: list[bool] = []  # per quantity of ``out``: a subject or object (see _core)?
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
        if _year(tree, w) and _counted(tree, words) is None:
            continue  # «το 1380», "in 2002": a year, not a count
        hedge = _bound(tree, words, lex)
        if hedge is not None and bound == "exact":
            bound = hedge
        noun = _counted(tree, words)
        population = _population(tree, noun, lex)
        core = _core(tree, noun, w)
        if population is None and out:
            # «…, ενώ τραυματίστηκαν 748»: the elided noun of the previous count in the same role, since
            # coordinated clauses run parallel ("1,100 cartoons were submitted by people from 60
            # countries and 200 are on show"; «το θάνατο 15 ατόμων και τον τραυματισμό περίπου 60»)
            previous = next((q for q, c in reversed(list(zip(out, cores))) if c == core), out[-1])
            population, unit = previous.population, previous.unit
        else:
            unit = span_of(tree, [noun]).text if noun is not None else None
        cores.append(core)
        out.append(
            Quantity(
                span=span_of(tree, words),
                value=value,
                bound=bound,  # type: ignore[arg-type]
                category=_category(tree, w, noun, lex, partitive=_partitive(tree, words)),
                population=population,
                unit=unit,
            )
        )
    return tuple(out)
