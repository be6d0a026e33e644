"""Cue lexicons: one JSON data file per language, loaded into immutable sets.

Lexicons are data, not code (as the GenderGapTracker keeps its quote-verb
list): adding a language means adding ``<lang>.json``; README.md says where
every list came from. Lemmas are matched accent- and case-insensitively.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from kg.errors import LexiconError

HERE = Path(__file__).parent


def fold(text: str) -> str:
    """Lowercase, strip accents and undo compatibility forms, so that «Δήλωσε», «δηλωσε» and «δήλωσε» with a
    micro sign µ for μ (real Greek copy has it) compare equal. For comparison only: offsets never use it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
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
    experiencer_verbs: frozenset[str] = frozenset()
    interrogatives: frozenset[str] = frozenset()
    information_nouns: frozenset[str] = frozenset()
    addressee_verbs: frozenset[str] = frozenset()
    control_governors: frozenset[str] = frozenset()
    private_state_verbs: frozenset[str] = frozenset()  # believe, know, hope: where the annotation counts no such claim (English)
    adjunct_prepositions: frozenset[str] = frozenset()  # σε, κατά; in, during: a trailing phrase with one is not part of a source's name
    verb_endings: frozenset[str] = frozenset()  # inflectional endings: a cue's stem + one is the cue when the lemmatizer erred
    augments: frozenset[str] = frozenset()  # Greek past-tense augment vowels (έ-γραψε, αν-ή-γγειλε)
    quoting_verbs: frozenset[str] = frozenset()  # παραθέτω, quote: «ανέφερε ότι, παραθέτω: "…"» marks the quote of the cue above
    coordinators: frozenset[str] = frozenset()  # και, and: «ο Χ και ο Υ» is plural (never ή, or: a disjunction agrees with either)
    person_nouns: frozenset[str] = frozenset()  # nouns that denote people (άνθρωπος, παιδί, ασθενής; patient, voter): what a claim can be about
    non_person_nouns: frozenset[str] = frozenset()  # agent-suffixed nouns that name things (χάρτης, υπολογιστής; computer)
    agent_suffixes: frozenset[str] = frozenset()  # agent-noun suffixes (-τής, -έας; -er, -ist): a noun with one denotes a person
    thing_nouns: frozenset[str] = frozenset()  # συμφωνία, κύπελλο, σύστημα; treaty, cup, system: a name headed by or set beside one is a named thing («Συμφωνία των Πρεσπών», "the Android system")
    perfect_auxiliaries: frozenset[str] = frozenset()  # have: "has pledged" is active, whatever voice a tagger gives the participle
    object_cues: frozenset[str] = frozenset()  # call, criticize, ask: what they say is their object ("called the charges fabricated", "called for new tariffs")
    topic_cues: frozenset[str] = frozenset()  # αναφέρω: its mediopassive with a σε-phrase («αναφέρθηκε στη συμφωνία») names a topic, not a statement
    mediopassive_endings: frozenset[str] = frozenset()  # -θηκε, -εται: a mediopassive form, whatever Voice the tagger gave it
    locative_prepositions: frozenset[str] = frozenset()  # σε; in: «στην έκθεση αναφέρεται ότι», "in the report": where a passive statement is made
    absolutive_prepositions: frozenset[str] = frozenset()  # με; with: «με τον Χ να σημειώνει ότι …», "with X saying that": X says it
    aside_cues: frozenset[str] = frozenset()  # υπενθυμίζω, σημειώνω: «Υπενθυμίζεται ότι …» opening a sentence is the journalist's aside, not a report
    negative_pronouns: frozenset[str] = frozenset()  # κανείς; nobody: «κανείς δεν υποστηρίζει ότι …» reports no one's statement
    side_nouns: frozenset[str] = frozenset()  # πλευρά: «από την πλευρά του υπουργείου διευκρινίζεται» names who says it
    ruling_nouns: frozenset[str] = frozenset()  # απόφαση, νόμος; ruling, law: a source only at the head of a sentence («Σύμφωνα με την απόφαση, …»), mid-clause «σύμφωνα με τον νόμο» is conformity
    predicative_markers: frozenset[str] = frozenset()  # ως, σαν; as: «περιγράφεται ως καθεστώς» describes, it names no entity
    participle_endings: frozenset[str] = frozenset()  # -μένος: a participle's citation form, when the tagger calls it an adjective
    name_particles: frozenset[str] = frozenset()  # ντελ, von, de, &: lowercase words inside a name («Τόρε ντελ Λάγκο»)
    honorifics: frozenset[str] = frozenset()  # κ., κα, κύριος; Mr, Dr: a title before a name, never a mention's head or label
    function_words: frozenset[str] = frozenset()  # ο, του, και; the, of, and: never enough to match a name (kg.link.resolve)
    pro_drop: bool = False  # finite verbs mark their subject (Greek «δήλωσε» = he/she said)
    bare_complements: bool = False  # a content clause may go without its complementizer ("says [that] it failed")
    outermost_only: bool = False  # a claim whose cue lies inside another claim's content is part of what was said, not a claim of its own
    whole_clauses: bool = False  # a content clause after its cue runs on to the sentence's end where the parser cut it short
    # time expressions (kg.extract.time)
    months: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))  # nominative → other forms (genitive, accusative, short)
    times_of_day: frozenset[str] = frozenset()  # πρωί, evening: within the day, so they do not move it
    time_fillers: frozenset[str] = frozenset()  # articles and prepositions around a date (την, στις; on, in)
    last_words: frozenset[str] = frozenset()  # περασμένη Τρίτη, last Tuesday: strictly before publication
    week_words: frozenset[str] = frozenset()  # εβδομάδα, week: recognised but not dated (no week precision)
    # irregular past forms, for cue lookup when the lemmatizer errs (kg.extract.cues)
    aorist_stems: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))  # cue lemma → its unaugmented aorist stems
    augment_prefixes: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))  # prefix before an augment → full prefix (δι-έψευσε → δια-)
    verb_forms: Mapping[str, tuple[str, str, str]] = field(default_factory=lambda: MappingProxyType({}))  # form → (lemma, xpos, feats): a cue verb's form that is never a noun, retagged before parsing when the tagger erred
    agent_inflections: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))  # agent suffix → its inflected endings (-της: -τες, -των), for a lemma the lemmatizer got wrong

    @cached_property
    def month_forms(self) -> Mapping[str, str]:
        """Every folded month form → its folded nominative («ιανουαριου» → «ιανουαριος»), built once."""
        forms: dict[str, str] = {}
        for nominative, others in self.months.items():
            forms[nominative] = nominative
            forms.update((form, nominative) for form in others)
        return MappingProxyType(forms)

    def is_time_noun(self, word: str) -> bool:
        """A weekday, month, day word, time of day or week («Παρασκευή», "Friday", "weeks"), folded first."""
        key = fold(word)
        return (
            key in self.weekdays or key in self.time_words or key in self.times_of_day or key in self.week_words
            or key in self.months  # full names only: "Jan" is a month and a first name
        )

    @cached_property
    def people_nouns(self) -> frozenset[str]:
        """Nouns listed as people: titles, person and group nouns («υπουργός», «ασθενής», «διαδηλωτές»)."""
        return self.title_nouns | self.person_nouns | self.group_nouns

    @cached_property
    def common_nouns(self) -> frozenset[str]:
        """Every common-noun class that describes who or what speaks: people, organisations, media, documents
        and unnamed sources. Capitalised, such a noun still describes («Πρόεδρος»), it names no one."""
        return self.people_nouns | self.organization_nouns | self.media_nouns | self.information_nouns | self.unnamed_source_nouns

    @cached_property
    def document_nouns(self) -> frozenset[str]:
        """Nouns that name where something is said: documents, media, unnamed sources («έκθεση», «δημοσίευμα»,
        «πηγές»; report)."""
        return self.information_nouns | self.media_nouns | self.unnamed_source_nouns

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
    "modals", "experiencer_verbs", "interrogatives", "information_nouns", "addressee_verbs", "control_governors",
    "adjunct_prepositions", "verb_endings", "augments", "quoting_verbs", "coordinators",
    "person_nouns", "non_person_nouns", "agent_suffixes", "honorifics", "predicative_markers", "topic_cues", "object_cues", "perfect_auxiliaries", "thing_nouns", "mediopassive_endings", "side_nouns", "ruling_nouns", "locative_prepositions", "absolutive_prepositions", "aside_cues", "negative_pronouns", "name_particles", "participle_endings",
    "function_words", "private_state_verbs", "times_of_day", "time_fillers", "last_words", "week_words",
)
_MAPS = ("time_words", "weekdays", "hedge_words", "evidential_adverbs", "number_words", "number_multipliers",
         "vague_numbers", "approximators")
_GROUPS = ("phrasal_cues", "quantity_events", "populations", "months", "aorist_stems", "augment_prefixes", "agent_inflections")
_OTHER = ("language", "provenance", "cue_verbs", "decimal_separator", "pro_drop", "bare_complements", "outermost_only", "whole_clauses", "verb_forms")
_FIELDS = frozenset(_SETS + _MAPS + _GROUPS + _OTHER)
_CUE_PROPS = ("polarity", "certainty", "needs_clause", "particle")
_BOUNDS = ("exact", "about", "at_least", "at_most")


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value  # not NaN


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# What each map's values must be: (test, description of the valid values)
_MAP_VALUES = {
    "time_words": (lambda v: _integer(v) and -31 <= v <= 31, "a whole number of days from the publication date, -31 to 31"),
    "weekdays": (lambda v: _integer(v) and 0 <= v <= 6, "a weekday number 0-6 (Monday is 0, as in datetime.weekday())"),
    "hedge_words": (lambda v: _number(v) and 0 < v <= 1, "a certainty above 0 and at most 1"),
    "evidential_adverbs": (lambda v: _number(v) and 0 < v <= 1, "a certainty above 0 and at most 1"),
    "number_words": (lambda v: _number(v) and v >= 0, "a number, 0 or more"),
    "number_multipliers": (lambda v: _number(v) and v > 0, "a number above 0"),
    "vague_numbers": (lambda v: _number(v) and v > 0, "a number above 0"),
    "approximators": (lambda v: v in _BOUNDS, "one of " + ", ".join(_BOUNDS)),
}


class _Malformed(Exception):
    """A field of a lexicon file does not have the type or range it must have."""


def _require(ok: bool, where: str, problem: str) -> None:
    if not ok:
        raise _Malformed(f"field '{where}': {problem}")


def _words(value: object, where: str) -> frozenset[str]:
    _require(isinstance(value, list), where, f"must be a list of words, got {type(value).__name__} {value!r:.60}")
    bad = [x for x in value if not isinstance(x, str)]
    _require(not bad, where, f"must hold only strings, got {bad[0]!r:.60}" if bad else "")
    return frozenset(fold(x) for x in value)


def _verb_forms(value: object) -> Mapping[str, tuple[str, str, str]]:
    """``{"XPOS|FEATS": {form: lemma}}`` → form → (lemma, xpos, feats)."""
    out: dict[str, tuple[str, str, str]] = {}
    for tag, forms in _mapping(value, "verb_forms").items():
        xpos, _, feats = tag.partition("|")
        _require(bool(xpos), f"verb_forms.{tag}", "must be 'XPOS|FEATS' (the tag the parser should see)")
        for form, lemma in _mapping(forms, f"verb_forms.{tag}").items():
            _require(isinstance(lemma, str) and bool(lemma), f"verb_forms.{tag}.{form}", f"must be a lemma, got {lemma!r}")
            out[form.lower()] = (lemma, xpos, feats)
    return MappingProxyType(out)


def _words_raw(value: object, where: str) -> list[str]:
    _words(value, where)  # same checks
    return list(value)  # type: ignore[arg-type]


def _mapping(value: object, where: str) -> dict:
    _require(isinstance(value, dict), where, f"must be an object (word → value), got {type(value).__name__} {value!r:.60}")
    return value


def _cue_verbs(value: object) -> dict[str, CueVerb]:
    verbs: dict[str, CueVerb] = {}
    for lemma, props in _mapping(value, "cue_verbs").items():
        where = f"cue_verbs.{lemma}"
        _require(isinstance(props, dict), where, f"must be an object of properties, got {type(props).__name__} {props!r:.60}")
        unknown = sorted(set(props) - set(_CUE_PROPS))
        _require(not unknown, where, f"unknown propert{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)}; valid: {', '.join(_CUE_PROPS)}")
        polarity = props.get("polarity", "asserts")
        _require(polarity in ("asserts", "denies"), f"{where}.polarity", f"must be 'asserts' or 'denies', got {polarity!r}")
        certainty = props.get("certainty", 1.0)
        _require(_number(certainty) and 0 < certainty <= 1, f"{where}.certainty", f"must be a number above 0 and at most 1, got {certainty!r}")
        needs_clause = props.get("needs_clause", False)
        _require(isinstance(needs_clause, bool), f"{where}.needs_clause", f"must be true or false, got {needs_clause!r}")
        particle = props.get("particle")
        _require(particle is None or isinstance(particle, str), f"{where}.particle", f"must be a word or null, got {particle!r}")
        verbs[fold(lemma)] = CueVerb(lemma, polarity, float(certainty), needs_clause, particle)
    return verbs


def _fields(data: dict) -> dict:
    """The Lexicon's fields from a decoded file, every one checked for type and range."""
    unknown = sorted(set(data) - _FIELDS)
    _require(not unknown, unknown[0] if unknown else "", f"unknown field; valid fields: {', '.join(sorted(_FIELDS))}")
    _require("cue_verbs" in data, "cue_verbs", "missing (every lexicon needs its cue verbs)")
    fields: dict = {"cue_verbs": MappingProxyType(_cue_verbs(data["cue_verbs"]))}
    for name in _SETS:
        fields[name] = _words(data.get(name, []), name)
    for name in _MAPS:
        test, valid = _MAP_VALUES[name]
        entries = _mapping(data.get(name, {}), name)
        for key, value in entries.items():
            _require(test(value), f"{name}.{key}", f"must be {valid}, got {value!r}")
        fields[name] = MappingProxyType({fold(k): v for k, v in entries.items()})
    for name in _GROUPS:
        entries = _mapping(data.get(name, {}), name)
        fields[name] = MappingProxyType({fold(k): _words(v, f"{name}.{k}") for k, v in entries.items()})
    fields["verb_forms"] = _verb_forms(data.get("verb_forms", {}))
    # inflected endings keep their accents: stress tells «γονείς» (γονέας) from «βάσεις» (βάση)
    fields["agent_inflections"] = MappingProxyType({
        fold(k): frozenset(x.lower() for x in _words_raw(v, f"agent_inflections.{k}"))
        for k, v in _mapping(data.get("agent_inflections", {}), "agent_inflections").items()
    })
    months = fields["months"]
    _require(len(months) in (0, 12), "months", f"must name all 12 months (nominative → other forms), got {len(months)}")
    separator = data.get("decimal_separator", ".")
    _require(separator in (".", ","), "decimal_separator", f"must be '.' or ',', got {separator!r}")
    fields["decimal_separator"] = separator
    for flag in ("pro_drop", "bare_complements", "outermost_only", "whole_clauses"):
        value = data.get(flag, False)
        _require(isinstance(value, bool), flag, f"must be true or false, got {value!r}")
        fields[flag] = value
    for name in ("language", "provenance"):
        _require(isinstance(data.get(name, ""), str), name, f"must be a string, got {data.get(name)!r:.60}")
    return fields


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
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LexiconError(f"{path}: malformed lexicon: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: malformed lexicon: must be a JSON object of fields, got {type(data).__name__}")
    try:
        fields = _fields(data)
    except _Malformed as exc:
        raise LexiconError(f"{path}: malformed lexicon: {exc}") from None
    return Lexicon(language=data.get("language", language), **fields)
