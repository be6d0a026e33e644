"""One name resolver: the entities a name typed by a user names, or none and the closest names.

Every place that matches a user's name against the graph — ``kg ask
--speaker/--about``, ``kg viz --speaker/--about`` and the HTML page's filters
— asks a :class:`NameIndex`, so the same name finds the same entities
everywhere. A fact-checking tool must never answer for another entity than
the one named, so the rule is strict, in two tiers:

1. **Whole name.** The query equals one of an entity's names (label or alias)
   with case, accents and punctuation ignored, or sounds the same across
   scripts (the skeletons of :mod:`kg.link.names`: «Τοκάγιεφ» = "Tokayev"),
   or is the entity's id. When any entity matches so, only those answer:
   "Καζακστάν" is Kazakhstan, not also «αστυνομία του Καζακστάν».
2. **Every word.** Otherwise an entity answers when one of its names has a
   word for *every content word* of the query. Function words (articles,
   prepositions, conjunctions: the lexicons' ``function_words``) are left out
   of the query and never match, so «ανταποκριτής του CNN» does not find
   «ανταποκριτής του BBC» and «υπουργείο Υγείας της Ελλάδας» does not find
   «υπουργείο Εσωτερικών του Καζακστάν». Two words match when

   - they are equal folded (case and accents ignored), or sound the same
     across scripts (:func:`~kg.link.names.match_form` of their skeletons,
     which also drops a plural or genitive final *s*: "protesters" /
     "protester");
   - they are Greek and one is the other with another inflectional ending:
     a shared stem of at least :data:`MIN_STEM` letters followed only by
     ending letters (α ε η ι ο υ ω ς ν, at most three: «υπουργείο» /
     «υπουργείου», «Υγεία» / «Υγείας»; not «αστυνομία» / «αστυνομικός»);
   - they are transcriptions of one name: skeletons of at least
     :data:`MIN_FUZZY` letters with the same first letter and the same
     consonants, differing only in vowels and glides, and alike to
     :data:`FUZZY_THRESHOLD` ("Tokaev", «Токаев» / "Tokayev"); consonants
     must agree, so «Εξωτερικών» never finds «Εσωτερικών»;
   - a one-letter query word (an initial, «Κ.») matches a word with that
     initial; initials alone match nothing.

   A person may also be named as "given names + surname" when the entity's
   names spell the given names differently ("Kassym-Jomart Tokayev" /
   «Κασίμ Τομάρ Τοκάγεφ»): the surnames must match as words above and the
   first given names must be compatible with those of every name of the
   entity that has given names (:func:`~kg.link.names.given_compatible`); an
   entity known only by a surname is not matched by a full name ("Maria
   Putin" is not «Πούτιν»).

Nothing else matches: no substring, no shared word short of all of them, no
similarity of the whole string. When nothing matches, :attr:`Resolution.suggestions`
lists the closest names (difflib's ratio on folded names and on their
skeletons, best first) for a "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicons import available, fold, load
from kg.link.gazetteer import MIN_SOUND, Gazetteer, load_gazetteer, normalise
from kg.link.names import (
    FUZZY_THRESHOLD,
    MIN_FUZZY,
    PersonName,
    given_compatible,
    is_greek,
    match_form,
    name_tokens,
    person_name,
    similarity,
    skeleton,
    skeleton_word,
)

__all__ = ["Named", "Resolution", "NameIndex", "words_match", "content_words", "bundled_gazetteer", "char_folds", "FUZZY_THRESHOLD"]

MIN_STEM = 4
"""A Greek stem shorter than this says too little (Ιράν / Ιράκ share «Ιρα»)."""
MAX_ENDING = 3
SUGGESTIONS = 5
MIN_SUGGESTION = 0.5
"""Names less alike than this to the query are not suggested."""

_ENDING_LETTERS = frozenset("αεηιουωςν")
_VOWELS = re.compile(r"[aeiouy]")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


def bundled_gazetteer() -> Gazetteer:
    """The bundled gazetteer (:mod:`kg.bundled`): its other names and languages resolve to the graph's entities."""
    return load_gazetteer()


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """The function words of every lexicon, folded."""
    return frozenset().union(*(load(lang).function_words for lang in available()))


def content_words(name: str) -> list[str]:
    """The words of a name that can identify it, folded: function words and possessive *'s* dropped."""
    stop = _function_words()
    return [w for w in (fold(t) for t in name_tokens(_POSSESSIVE.sub("", name))) if w not in stop]


def char_folds(chars: Iterable[str]) -> dict[str, str]:
    """What :func:`~kg.link.gazetteer.normalise` makes of each character: its fold, or a space for punctuation.

    For the HTML desk, whose search box runs in a browser without Python: it
    folds a query character by character with this table, and so compares it
    with names folded here (:meth:`NameIndex.forms`) by the same rule.
    """
    table: dict[str, str] = {}
    for ch in set(chars):
        folded = fold(ch)
        table[ch] = folded if not folded or re.fullmatch(r"\w+", folded) else " "
    return table


@dataclass(frozen=True, slots=True)
class _Word:
    """One word, with the forms it is compared in."""

    folded: str
    sound: str  # match form of its skeleton ("" for a word with no letters)
    greek: bool

    @classmethod
    def of(cls, word: str) -> _Word:
        # the skeleton from the word as written: an accent tells «Ρόιτερς» (ρό-ι) from a digraph οι
        return cls(fold(word), match_form(skeleton_word(word)), is_greek(word))


def _greek_inflection(a: str, b: str) -> bool:
    """Whether two folded Greek words are one stem with different endings («υπουργειο» / «υπουργειου»)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    rest_a, rest_b = a[n:], b[n:]
    return (
        n >= MIN_STEM
        and len(rest_a) <= MAX_ENDING
        and len(rest_b) <= MAX_ENDING
        and set(rest_a + rest_b) <= _ENDING_LETTERS
    )


def _transcriptions(a: str, b: str) -> bool:
    """Whether two skeletons differ only in vowels and glides, as transcriptions of one name do."""
    return (
        min(len(a), len(b)) >= MIN_FUZZY
        and a[0] == b[0]
        and _VOWELS.sub("", a) == _VOWELS.sub("", b)
        and similarity(a, b) >= FUZZY_THRESHOLD
    )


def _match(q: _Word, w: _Word) -> bool:
    if q.folded == w.folded:
        return True
    if len(q.folded) == 1:  # an initial
        return w.folded[:1] == q.folded or (bool(w.sound) and w.sound[:1] == q.sound[:1])
    if q.greek and w.greek and _greek_inflection(q.folded, w.folded):
        return True
    if not q.sound or not w.sound:
        return False
    return q.sound == w.sound or _transcriptions(q.sound, w.sound)


def words_match(query_word: str, name_word: str) -> bool:
    """Whether a word of a query matches a word of a name (the word rule of the module docstring)."""
    return _match(_Word.of(query_word), _Word.of(name_word))


@dataclass(frozen=True, slots=True)
class Named:
    """One name of one entity: ``entity`` is its IRI (or any id the caller uses)."""

    entity: str
    label: str
    key: str | None = None  # the entity's identifier (a gazetteer id), which a query may give instead of a name
    type: str | None = None  # its class ("Person", "Organization" …): only people match by the person rule


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name resolved to: the entities (sorted), whether by the whole name, and suggestions when none."""

    query: str
    entities: tuple[str, ...]
    whole: bool = False  # matched by the whole name (tier 1), not word by word
    suggestions: tuple[str, ...] = ()  # the closest names, best first, when nothing matched

    def __bool__(self) -> bool:
        return bool(self.entities)


@dataclass(frozen=True, slots=True)
class _Name:
    entity: str
    label: str
    whole: str  # normalised (case, accents, punctuation)
    sound: str  # match form of the skeleton of the whole name
    words: tuple[_Word, ...]
    person: PersonName | None


class NameIndex:
    """The names of a graph's entities, prepared once for any number of queries.

    ``gazetteer``, when given, adds the names of the entry whose id is an
    entity's key, so that a name the gazetteer knows in another language
    («διαδηλωτές» for "protesters") finds the entity even when the graph
    holds only one language's label.
    """

    def __init__(self, names: Iterable[Named], gazetteer: Gazetteer | None = None) -> None:
        self._names: list[_Name] = []
        self._keys: dict[str, set[str]] = {}
        self._types: dict[str, str] = {}
        seen: set[tuple[str, str]] = set()
        for named in names:
            labels = [named.label]
            if gazetteer is not None and named.key in gazetteer:
                labels.extend(gazetteer[named.key].names)
            if named.key:
                self._keys.setdefault(named.key, set()).add(named.entity)
            if named.type:
                self._types.setdefault(named.entity, named.type)
            for label in labels:
                if (named.entity, label) in seen or not label or not label.strip():
                    continue
                seen.add((named.entity, label))
                self._names.append(_Name(
                    named.entity, label, normalise(label), match_form(skeleton(label)),
                    tuple(_Word.of(t) for t in name_tokens(label)), person_name(label),
                ))

    def __len__(self) -> int:
        return len(self._names)

    def forms(self) -> dict[str, tuple[str, ...]]:
        """Each entity's names (its own and the gazetteer's) as the whole-name rule compares them (case, accents, punctuation folded)."""
        found: dict[str, set[str]] = {}
        for name in self._names:
            if name.whole:
                found.setdefault(name.entity, set()).add(name.whole)
        return {entity: tuple(sorted(forms)) for entity, forms in found.items()}

    def knows(self, value: str) -> bool:
        """Whether ``value`` is an entity's key or id itself (not a name to resolve)."""
        return value in self._keys or any(n.entity == value for n in self._names)

    def label(self, entity: str) -> str:
        """The first name given for ``entity`` (its preferred label when the names came from the graph)."""
        return next((n.label for n in self._names if n.entity == entity), entity)

    def resolve(self, query: str) -> Resolution:
        """The entities ``query`` names (see the module docstring for the rule)."""
        query = (query or "").strip()
        if not query:
            return Resolution(query, ())
        whole = self._whole(query)
        if whole:
            return Resolution(query, tuple(sorted(whole)), whole=True)
        found = self._by_words(query)
        if found:
            return Resolution(query, tuple(sorted(found)))
        return Resolution(query, (), suggestions=self.suggest(query))

    def _whole(self, query: str) -> set[str]:
        wanted = normalise(_POSSESSIVE.sub("", query))
        sound = match_form(skeleton(_POSSESSIVE.sub("", query)))
        found = set(self._keys.get(query, ()))
        for name in self._names:
            if name.entity == query or (wanted and name.whole == wanted) or (len(sound) >= MIN_SOUND and name.sound == sound):
                found.add(name.entity)
        return found

    def _by_words(self, query: str) -> set[str]:
        words = [_Word.of(w) for w in content_words(query)]
        if all(len(w.folded) == 1 for w in words):  # no word, or initials alone: they name no one
            return set()
        found = {n.entity for n in self._names if all(any(_match(q, w) for w in n.words) for q in words)}
        return found | self._by_person(query)

    def _by_person(self, query: str) -> set[str]:
        """People named as given names + surname, spelled differently (the person rule)."""
        wanted = person_name(" ".join(content_words(query)))
        if wanted is None or not wanted.given:
            return set()
        surname = _Word.of(content_words(query)[-1])
        by_entity: dict[str, list[_Name]] = {}
        for name in self._names:
            if self._types.get(name.entity) == "Person" and name.person is not None:
                by_entity.setdefault(name.entity, []).append(name)
        found = set()
        for entity, names in by_entity.items():
            # the entity's full names with this surname (a role label, «πρόεδρος του Καζακστάν», is not one)
            full = [n.person for n in names if n.person.given and n.words and _match(surname, n.words[-1])]
            if full and all(given_compatible(wanted, p, FUZZY_THRESHOLD) for p in full):
                found.add(entity)
        return found

    def suggest(self, query: str, limit: int = SUGGESTIONS) -> tuple[str, ...]:
        """The names closest to ``query``, one per entity, best first (for a "did you mean")."""
        wanted = normalise(query)
        sound = match_form(skeleton(query))
        best: dict[str, tuple[float, str]] = {}
        for name in self._names:
            score = max(
                similarity(wanted, name.whole) if wanted and name.whole else 0.0,
                similarity(sound, name.sound) if sound and name.sound else 0.0,
            )
            if score >= MIN_SUGGESTION and score > best.get(name.entity, (0.0, ""))[0]:
                best[name.entity] = (score, name.label)
        ranked = sorted(best.values(), key=lambda sl: (-sl[0], sl[1]))
        labels: list[str] = []
        for _, label in ranked:
            if label not in labels:
                labels.append(label)
        return tuple(labels[:limit])
