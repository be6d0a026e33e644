"""Typed, frozen records passed between the pipeline's stages.

Every record that points into a text does so by character offsets into the
*document* text (never the sentence), so that anything a claim says can be
traced back to its document, sentence and characters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

QuoteType = Literal["direct", "indirect", "mixed"]
Polarity = Literal["asserts", "denies"]
EntityType = Literal[
    "Person",
    "Organization",
    "NewsMediaOrganization",
    "Place",
    "NamedThing",
    "GroupOfPeople",
    "UnnamedSource",
    "Thing",
]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from disk, before any analysis."""

    id: str
    text: str
    lang: str | None = None  # ISO 639-1; None means "detect"
    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    path: str | None = None  # where it was read from, for diagnostics
    title: str | None = None  # the headline, as the page or the metadata gives it
    # what the reader or the parser had to say about it (control characters
    # read as spaces, no article text, no models): kept in the graph as ca:diagnostic
    notes: tuple[str, ...] = ()

    @property
    def checksum(self) -> str:
        """SHA-256 of the text: tells a changed document from a re-ingested one."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Word:
    """A syntactic word of a UD parse, with document character offsets.

    Words of a multi-word token (Greek ``στο`` = ``σε`` + ``το``) share the
    token's offsets.
    """

    id: int  # 1-based position in the sentence (UD ID)
    text: str
    lemma: str
    upos: str
    head: int  # 0 is the root
    deprel: str
    start: int
    end: int
    feats: str = ""  # UD FEATS, "Case=Nom|Number=Sing"
    xpos: str = ""

    def feat(self, name: str) -> str | None:
        """The value of one morphological feature, or None."""
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A parsed sentence; ``words[i].id == i + 1``."""

    index: int  # 0-based position in the document
    start: int
    end: int
    text: str
    words: tuple[Word, ...]
    lang: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something that went wrong with one input, reported instead of raised."""

    path: str
    problem: str
    document: str | None = None
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.path + (f" [{self.document}]" if self.document else "")
        return f"{self.level}: {where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """A document with its dependency parse."""

    document: Document
    sentences: tuple[Sentence, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to a source or an entity in the text."""

    span: Span
    label: str  # a readable, lemma-based label ("Τοκάγιεφ", "κυβέρνηση")
    type: str = "Thing"  # one of ENTITY_TYPES
    head: str = ""  # lemma of the syntactic head
    role: str | None = None  # a title or role noun in the phrase ("πρόεδρος")
    entity: str | None = None  # canonical entity id, set by kg.link
    proper: bool | None = None  # the label is a proper name (True) or a description (False); None: unknown
    norm: str | None = None  # a description's words as lemmas («διαδηλωτών» → «διαδηλωτής»): inflected forms meet when linked


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical, cross-document entity: what ``Mention.entity`` points to."""

    id: str  # a stable key, used in the entity's IRI
    label: str
    type: str = "Thing"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    lang: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class TimeRef:
    """When a statement was made, and how we know."""

    value: date
    basis: Literal["explicit", "publication"]
    precision: Literal["day", "month", "year"] = "day"
    span: Span | None = None  # the time expression, when explicit


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a claim, with what it counts: "σχεδόν χίλιοι τραυματίστηκαν" → ~1000 injured.

    ``bound`` says how the figure was hedged; ``category`` is the event
    counted (killed, injured, detained …) and ``population`` who was counted
    (a class such as "security_forces", or the counted noun's lemma).
    """

    span: Span
    value: float
    bound: Literal["exact", "about", "at_least", "at_most"] = "exact"
    category: str | None = None
    population: str | None = None
    unit: str | None = None  # the counted noun as written ("μέλη των σωμάτων ασφαλείας")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One act of attribution: a source states (or denies) a content.

    ``reported_by`` is the outer source of a reporting chain ("as the BBC
    reported, Tokayev said ..." → source Tokayev, reported_by the BBC).
    """

    document: str
    sentence: int  # index of the sentence holding the cue
    sentence_text: str
    cue: Span
    cue_lemma: str
    content: Span
    source: Mention | None  # None: the speaker could not be resolved
    quote: QuoteType = "indirect"
    polarity: Polarity = "asserts"
    certainty: float = 1.0  # < 1 for hedged cues (εκτιμά, believes, reportedly)
    confidence: float = 0.5
    rule: str = ""  # the rule family that found it
    about: tuple[Mention, ...] = ()
    reported_by: Mention | None = None
    reporting_cue: Span | None = None
    time: TimeRef | None = None
    quantities: tuple[Quantity, ...] = ()

    @property
    def id(self) -> str:
        """Stable id from where the attribution sits: rebuilding gives the same id."""
        key = f"{self.document}|{self.cue.start}|{self.content.start}|{self.content.end}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything the pipeline learned from one document: what kg.rdf turns into a named graph."""

    document: Document
    sentences: tuple[Sentence, ...]
    attributions: tuple[Attribution, ...]
    entities: tuple[Entity, ...] = ()  # every entity a mention of this document points to
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    affiliations: tuple[tuple[str, str], ...] = ()  # (entity id, organisation id): «ανταποκριτής του BBC» → BBC


@dataclass(frozen=True, slots=True)
class Step:
    """How far one stage of a long job is: library code reports it through a callback, the CLI draws it.

    Stages of a build: ``counting`` (the inputs, for the totals), ``loading``
    (a language's models), ``parsing`` (in characters), ``linking`` and
    ``writing`` (in documents, failed ones included), ``finishing`` (entities,
    conflicts and the index, once at the end).
    """

    stage: str
    done: int
    total: int | None  # None while not known
    unit: str = "documents"
    what: str = ""  # the document or language at hand
    failed: int = 0  # documents that failed so far
