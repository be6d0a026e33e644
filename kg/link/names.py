"""Names across scripts: a phonetic skeleton, and when two personal names can be one person.

A *skeleton* spells a name the same way whether it was written in Greek or in
Latin letters, so that «Τοκάγιεφ», «Τοκάγεφ» and "Tokayev" all become
``tokayef`` and «Πούτιν» and "Putin" become ``putin``. It is tuned for the
foreign names Greek news transcribes, not for Greek words:

- Greek: γ before a front vowel (ε, η, ι, υ, αι, ει, οι) is the glide *y*, and
  an ι between γ and a vowel is part of it (Τοκάγιεφ, Γιάννης); ου → u,
  μπ → b, ντ → d, γκ → g, τζ → j; the digraphs αι, ει, οι, ου are read as one
  sound unless an accent on the first vowel or a diaeresis on the second splits
  them (Ρόιτερς, Σοϊγκού: *o-i*).
- Latin: sh → s, zh → z, kh → h, ph → f, ou → u; y before a vowel at the start
  of a word or after a vowel is the glide *y*, elsewhere the vowel *i*.
- Other scripts (Cyrillic «Токаев», …) are first spelled in Latin letters by
  ``anyascii`` (Токаев → Tokaev), then read as Latin.
- Both: φ/β/v/f/w → f, κ/c/k/q → k, χ/h → h, ξ/x → ks, ψ → ps; the *i* sounds
  (η, ι, υ, y, i, ει, οι) → i, ω/ο → o; doubled letters collapse (Kassym).

:func:`match_form` further drops a final *s*, so a Greek nominative and the
English spelling (or a genitive without -ς) meet («Τσίπρας», «Τσίπρα»).
Transcription conventions follow ELOT 743 / ISO 843 where they do not lose a
sound the other script keeps; the merges (v/f, η/ι/υ) follow the usual
"phonetic key" idea of Soundex-like name matching (Christen, *Data Matching*,
2012, ch. 4): erase the distinctions transcription does not preserve.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from anyascii import anyascii

from kg.lexicons import fold

__all__ = ["skeleton", "match_form", "similarity", "surname_similarity", "PersonName", "person_name", "given_compatible", "name_tokens", "is_greek"]

_ACUTE = "\u0301"
_DIAERESIS = "\u0308"
_GREEK_VOWELS = set("αεηιουω")
_FRONT = ("ε", "η", "ι", "υ")
_FRONT_DIGRAPHS = ("αι", "ει", "οι")
_LATIN_VOWELS = set("aeiouy")

_GREEK_SINGLE = {
    "α": "a", "β": "f", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "ks", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "i", "φ": "f", "χ": "h", "ψ": "ps", "ω": "o",
}
# vowel digraphs: read as one sound unless split by an accent on the first letter or a diaeresis on the second
_GREEK_VOWEL_DIGRAPHS = {"ου": "u", "αι": "e", "ει": "i", "οι": "i", "υι": "i", "αυ": "af", "ευ": "ef", "ηυ": "if"}
_GREEK_CONSONANT_DIGRAPHS = {"μπ": "b", "ντ": "d", "γκ": "g", "γγ": "ng", "γχ": "nh", "γξ": "nks", "τσ": "ts", "τζ": "j"}
_LATIN_DIGRAPHS = {"sh": "s", "zh": "z", "kh": "h", "ph": "f", "ck": "k", "ou": "u", "oo": "u", "ee": "i"}
_LATIN_SINGLE = {"c": "k", "q": "k", "k": "k", "v": "f", "w": "f", "x": "ks"}


def _letters(word: str) -> list[tuple[str, bool, bool]]:
    """(base letter, has an accent, has a diaeresis) for each letter of a lowercased word."""
    out: list[tuple[str, bool, bool]] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch):
            if out:
                base, acute, diaeresis = out[-1]
                out[-1] = (base, acute or ch in (_ACUTE, "\u0300", "\u0342"), diaeresis or ch == _DIAERESIS)
            continue
        out.append((ch, False, False))
    return out


def _greek(letters: list[tuple[str, bool, bool]]) -> str:
    out: list[str] = []
    i, n = 0, len(letters)

    def base(j: int) -> str:
        return letters[j][0] if 0 <= j < n else ""

    def digraph(j: int) -> str:
        """The vowel digraph starting at j, if it is read as one sound."""
        pair = base(j) + base(j + 1)
        if pair in _GREEK_VOWEL_DIGRAPHS and not letters[j][1] and not letters[j + 1][2]:
            return pair
        return ""

    while i < n:
        ch = base(i)
        if ch == "γ" and base(i + 1) not in ("γ", "κ", "χ", "ξ"):
            nxt = base(i + 1)
            if nxt == "ι" and base(i + 2) in _GREEK_VOWELS and not letters[i + 1][1]:
                out.append("y")  # γι + vowel: the ι only palatalises (Τοκάγιεφ, Γιάννης)
                i += 2
                continue
            if nxt in _FRONT or digraph(i + 1) in _FRONT_DIGRAPHS:
                out.append("y")  # γε, γη, γι, γαι …: a glide (Τοκάγεφ)
                i += 1
                continue
        pair = ch + base(i + 1)
        if pair in _GREEK_CONSONANT_DIGRAPHS:
            out.append(_GREEK_CONSONANT_DIGRAPHS[pair])
            i += 2
            continue
        if digraph(i):
            out.append(_GREEK_VOWEL_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_GREEK_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


def _latin(word: str) -> str:
    word = fold(word)
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        pair = word[i : i + 2]
        if pair in _LATIN_DIGRAPHS:
            out.append(_LATIN_DIGRAPHS[pair])
            i += 2
            continue
        ch = word[i]
        if ch == "y":
            before_vowel = i + 1 < n and word[i + 1] in _LATIN_VOWELS - {"y"}
            after_vowel_or_start = i == 0 or word[i - 1] in _LATIN_VOWELS
            out.append("y" if before_vowel and after_vowel_or_start else "i")
        else:
            out.append(_LATIN_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


def is_greek(word: str) -> bool:
    """Whether a word has Greek letters (the Greek and Coptic or Greek Extended blocks)."""
    return any("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" for ch in word)


def _collapse(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


def name_tokens(label: str) -> list[str]:
    """The words of a name: split on spaces and hyphens, punctuation dropped («Κασίμ-Ζομάρτ» is two words)."""
    return [t for t in re.split(r"[^\w]+", label) if t]


def skeleton_word(word: str) -> str:
    """The phonetic skeleton of one word (see the module docstring)."""
    if is_greek(word):
        spelled = _greek(_letters(word))
    else:
        folded = fold(word)
        spelled = _latin(folded if folded.isascii() else anyascii(folded))
    return _collapse(re.sub(r"[^a-z0-9]", "", fold(spelled)))


def skeleton(label: str) -> str:
    """The skeleton of every word of a label, joined by spaces: «Κασίμ Τομάρ Τοκάγεφ» → ``kasim tomar tokayef``."""
    return " ".join(s for s in (skeleton_word(t) for t in name_tokens(label)) if s)


def match_form(skeleton_text: str) -> str:
    """A skeleton with each word's final *s* dropped, for comparing (Τσίπρας / Τσίπρα / Tsipras)."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in skeleton_text.split())


FUZZY_THRESHOLD = 0.85
"""Least similarity (difflib ratio of the surnames' skeleton match forms) for two people to be one.

Spelling variants of one name mostly share a skeleton (similarity 1.0); the
threshold catches the rest: «Tokaev»/«Τοκάγιεφ» 0.92, «Nazarbaev»/«Nazarbayev»
0.94, a genitive «Παπαδόπουλου»/«Παπαδόπουλος» 0.90. Different names stay below
it: «Παπαδόπουλος»/«Παπαδάκης» 0.56, «Ιωαννίδης»/«Ιωάννου» and «Καραμανλάκης»/«Καραμανλής»
(0.9 by ratio) are rejected as one name plus a suffix. The cases are
in tests/test_link_names.py. The linker, the gazetteer and the name resolver share it."""

MIN_FUZZY = 6
"""Skeletons shorter than this match only exactly: in short words one letter is another word or name
(Ρωσία / Ρώσοι, Holt / Holtz)."""


def similarity(a: str, b: str) -> float:
    """difflib's ratio: 2 × matching characters / total characters, in [0, 1]."""
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def surname_similarity(a: str, b: str) -> float:
    """How alike two surnames' match forms are; 0 when they cannot be one name.

    Fuzzy matches must start with the same letter, and a surname that is the
    other plus a suffix is another name (Καραμανλής / Καραμανλάκης: Greek
    builds surnames with suffixes, -άκης, -όπουλος, -ίδης).
    """
    if a == b:
        return 1.0
    if not a or not b or a[0] != b[0]:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    if len(short) < MIN_FUZZY:
        return 0.0  # too short for a spelling variant to tell from another name: Holt / Holtz
    common = len(_common_prefix(short, long_))
    if len(long_) - len(short) >= 2 and common >= len(short) - 1:
        return 0.0  # the other plus a suffix, give or take its last letter: Καραμανλ-ής / Καραμανλ-άκης
    return similarity(a, b)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A personal name split into given names and a surname, as match forms (plus plain initials)."""

    given: tuple[str, ...]  # match forms of the given names (or initials), in order
    surname: str  # match form of the surname
    initials: tuple[frozenset[str], ...]  # per given name: its possible initials in both spellings

    @property
    def key(self) -> str:
        return self.surname


def person_name(label: str) -> PersonName | None:
    """Parse a personal name: the last word is the surname («Κ. Παπαδόπουλος», "Kassym-Jomart Tokayev")."""
    words = name_tokens(label)
    forms = [match_form(skeleton_word(w)) for w in words]
    pairs = [(w, f) for w, f in zip(words, forms) if f]
    if not pairs:
        return None
    *given, (_, surname) = pairs
    initials = tuple(frozenset({f[0], fold(w)[:1]} | ({"g"} if f[0] == "y" else set())) for w, f in given)
    return PersonName(tuple(f for _, f in given), surname, initials)


def _given_match(a: str, a_initials: frozenset[str], b: str, b_initials: frozenset[str], threshold: float) -> bool:
    if len(a) == 1 or len(b) == 1:  # an initial: «Κ.» fits Κώστας (and the ELOT or phonetic first letter)
        return bool(a_initials & b_initials) if min(len(a), len(b)) == 1 else False
    return surname_similarity(a, b) >= threshold


def given_compatible(a: PersonName, b: PersonName, threshold: float) -> bool:
    """Whether two names' given names allow one person: symmetric, so linking does not depend on order.

    Either side without given names fits anything; otherwise the *first*
    given names must match (equal or fuzzy-similar, or one the other's
    initial). Later given names are ignored, since reports drop or garble them
    («Κασίμ Τομάρ Τοκάγεφ» for Kassym-Jomart Tokayev).
    """
    if not a.given or not b.given:
        return True
    return _given_match(a.given[0], a.initials[0], b.given[0], b.initials[0], threshold)
