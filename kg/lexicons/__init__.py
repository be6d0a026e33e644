"""Cue lexicons: one JSON data file per language, loaded into immutable sets.

Lexicons are data, not code (as the GenderGapTracker keeps its quote-verb
list): adding a language means adding ``<lang>.json``; README.md says where
every list came from. Lemmas are matched accent- and case-insensitively.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from kg.errors import LexiconError

HERE = Path(__file__).parent


def fold(text: str) -> str:
    """Lowercase and strip accents, so that «Δήλωσε» and «δηλωσε» compare equal."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# Greek verbs appear in dictionaries in either the active or the mediopassive
# form, and lemmatizers trained on different treebanks pick either; try both.
_GREEK_VOICE_ENDINGS = (("ομαι", "ω"), ("ουμαι", "ω"), ("αμαι", "ω"), ("ιεμαι", "ω"))


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    polarity: str = "asserts"
    certainty: float = 1.0
    needs_clause: bool = False  # only with a content clause (no quote or parenthetical use)
    particle: str | None = None  # English phrasal cue: "point out"


@dataclass(frozen=True)
class Lexicon:
    language: str
    cue_verbs: Mapping[str, CueVerb]
    complementizers: frozenset[str]
    according_adverbs: frozenset[str]
    according_prepositions: frozenset[str]
    as_markers: frozenset[str]
    negations: frozenset[str]
    conditional_marks: frozenset[str]
    relative_pronouns: frozenset[str]
    same_source_nouns: frozenset[str]
    same_source_modifiers: frozenset[str]
    unnamed_source_nouns: frozenset[str]
    non_source_nouns: frozenset[str]
    title_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    media_nouns: frozenset[str]
    group_nouns: frozenset[str]
    time_words: Mapping[str, int]
    weekdays: Mapping[str, int]
    hedge_words: Mapping[str, float]  # words that lower a cue's certainty ("πιθανώς", "probably")
    evidential_adverbs: Mapping[str, float]  # adverbs that attribute a clause to an unnamed source ("reportedly")
    number_words: Mapping[str, float]  # "χίλιοι" 1000, "twenty" 20
    number_multipliers: Mapping[str, float]  # "χιλιάδες" × 1000, "million"
    vague_numbers: Mapping[str, float]  # "δεκάδες", "hundreds": a lower bound
    decimal_separator: str  # "," in Greek (2,5 and 3.000), "." in English (2.5 and 3,000)
    approximators: Mapping[str, str]  # word → bound: "σχεδόν" about, "πάνω από" at_least
    quantity_events: Mapping[str, frozenset[str]]  # category → lemmas (or "lemma lemma" pairs) that count it
    populations: Mapping[str, frozenset[str]]  # class → nouns (or noun phrases) of who is counted
    phrasal_cues: Mapping[str, frozenset[str]]  # light verb → words that make it a cue ("έγινε γνωστό", "made clear")
    modals: frozenset[str]  # a cue under a modal (can, μπορώ να) asserts nothing

    def cue(self, lemma: str) -> CueVerb | None:
        """The cue entry for a verb lemma, trying the other voice's citation form too."""
        key = fold(lemma)
        found = self.cue_verbs.get(key)
        if found is None and self.language == "el":
            for a, b in _GREEK_VOICE_ENDINGS:
                for x, y in ((a, b), (b, a)):
                    if key.endswith(x) and (found := self.cue_verbs.get(key[: -len(x)] + y)):
                        return found
        return found


_SETS = (
    "complementizers", "according_adverbs", "according_prepositions", "as_markers", "negations",
    "conditional_marks", "relative_pronouns", "same_source_nouns", "same_source_modifiers",
    "unnamed_source_nouns", "non_source_nouns", "title_nouns", "organization_nouns", "media_nouns", "group_nouns",
    "modals",
)
_MAPS = ("time_words", "weekdays", "hedge_words", "evidential_adverbs", "number_words", "number_multipliers",
         "vague_numbers", "approximators")
_GROUPS = ("phrasal_cues", "quantity_events", "populations")


def available() -> tuple[str, ...]:
    """Languages that have a lexicon file."""
    return tuple(sorted(p.stem for p in HERE.glob("*.json")))


@lru_cache(maxsize=None)
def load(language: str, path: Path | None = None) -> Lexicon:
    """Load and validate the lexicon of ``language`` (from ``path`` when given)."""
    path = path or HERE / f"{language}.json"
    if not path.is_file():
        raise LexiconError(f"no cue lexicon for language '{language}' ({path} missing); available: {', '.join(available())}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        verbs = {}
        for lemma, props in data["cue_verbs"].items():
            verbs[fold(lemma)] = CueVerb(
                lemma=lemma,
                polarity=props.get("polarity", "asserts"),
                certainty=float(props.get("certainty", 1.0)),
                needs_clause=bool(props.get("needs_clause", False)),
                particle=props.get("particle"),
            )
        fields = {name: frozenset(fold(x) for x in data.get(name, ())) for name in _SETS}
        fields.update({name: MappingProxyType({fold(k): v for k, v in data.get(name, {}).items()}) for name in _MAPS})
        for name in _GROUPS:
            fields[name] = MappingProxyType({fold(k): frozenset(fold(x) for x in v) for k, v in data.get(name, {}).items()})
        fields["decimal_separator"] = data.get("decimal_separator", ".")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LexiconError(f"{path}: malformed lexicon: {exc}") from exc
    bad = [v.lemma for v in verbs.values() if v.polarity not in ("asserts", "denies") or not 0 < v.certainty <= 1]
    if bad:
        raise LexiconError(f"{path}: bad polarity or certainty for {', '.join(bad)}")
    return Lexicon(language=data.get("language", language), cue_verbs=MappingProxyType(verbs), **fields)
