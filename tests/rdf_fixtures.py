"""Hand-built DocumentResults for the RDF, store, query and export tests (no stanza needed).

Offsets are computed from the texts with :func:`span`, so the fixtures stay
right when a text is edited. The Wikidata id below is a placeholder, not a
claim about the real world.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kg.types import (
    Attribution,
    Document,
    DocumentResult,
    Entity,
    Mention,
    Quantity,
    Sentence,
    Span,
    TimeRef,
)

HOSTILE = 'x" } ; DROP ALL ; #'

GREEK_ID = "bbc-el-2022-01-07"
GREEK_TEXT = (
    "Όπως μετέδωσε το BBC, ο Τοκάγιεφ δήλωσε ότι οι στρατιώτες μπορούν να πυροβολούν "
    "χωρίς προειδοποίηση. "
    "Το υπουργείο αρνήθηκε στις 6 Ιανουαρίου ότι σκοτώθηκαν διαδηλωτές. "
    "Σύμφωνα με πληροφορίες, 748 άνθρωποι τραυματίστηκαν. "
    "Ο Τοκάγιεφ είπε: «Η τάξη αποκαταστάθηκε»."
)

# an id and texts chosen to break naive IRI minting and string-pasted SPARQL
HOSTILE_ID = 'weird id/«ελ» "1" #?..'
HOSTILE_TEXT = f'Tokayev said: "{HOSTILE}\n<b>" and more.'

TOKAYEV = Entity(
    id="tokayev",
    label="Κασίμ-Ζομάρτ Τοκάγιεφ",
    type="Person",
    aliases=("Τοκάγιεφ", "Κασίμ-Ζομάρτ Τοκάγιεφ"),
    roles=("πρόεδρος του Καζακστάν",),
    lang="el",
    wikidata="Q1000001",  # placeholder
)
BBC = Entity(id="bbc", label="BBC", type="NewsMediaOrganization")
MINISTRY = Entity(id="ministry-interior", label="Υπουργείο Εσωτερικών", type="Organization", lang="el")
SOLDIERS = Entity(id="soldiers", label="στρατιώτες", type="GroupOfPeople", lang="el")
PROTESTERS = Entity(id="protesters", label="διαδηλωτές", type="GroupOfPeople", lang="el")
ORDER = Entity(id="public-order", label="δημόσια τάξη", type="Thing", lang="el")


def span(text: str, piece: str, after: int = 0) -> Span:
    """The span of the first occurrence of ``piece`` in ``text`` at or after ``after``."""
    start = text.index(piece, after)
    return Span(start, start + len(piece), piece)


def sentences(text: str, lang: str) -> tuple[Sentence, ...]:
    """Split on '. ' well enough for these fixtures (no words: the RDF layer needs none)."""
    out, start = [], 0
    for index, piece in enumerate(text.split(". ")):
        out.append(Sentence(index, start, start + len(piece), piece, (), lang))
        start += len(piece) + 2
    return tuple(out)


def mention(text: str, piece: str, label: str, type_: str, entity: str | None, after: int = 0) -> Mention:
    return Mention(span(text, piece, after), label, type_, entity=entity)


def greek_result() -> DocumentResult:
    """Four attributions: reported chain (BBC → Tokayev), a denial, an unresolved source, a direct quote."""
    t = GREEK_TEXT
    doc = Document(
        id=GREEK_ID,
        text=t,
        lang="el",
        published=date(2022, 1, 7),
        publisher="BBC News Ελληνικά",
        url="https://www.bbc.com/greek/example",
        path="articles/greek.html",
    )
    sents = sentences(t, "el")
    published = TimeRef(date(2022, 1, 7), "publication")
    chain = Attribution(
        document=GREEK_ID,
        sentence=0,
        sentence_text=sents[0].text,
        cue=span(t, "δήλωσε"),
        cue_lemma="δηλώνω",
        content=span(t, "οι στρατιώτες μπορούν να πυροβολούν χωρίς προειδοποίηση"),
        source=mention(t, "ο Τοκάγιεφ", "Τοκάγιεφ", "Person", "tokayev"),
        quote="indirect",
        confidence=0.9,
        rule="verb-ccomp",
        about=(mention(t, "στρατιώτες", "στρατιώτης", "GroupOfPeople", "soldiers"),),
        reported_by=mention(t, "το BBC", "BBC", "NewsMediaOrganization", "bbc"),
        reporting_cue=span(t, "μετέδωσε"),
        time=published,
    )
    denial = Attribution(
        document=GREEK_ID,
        sentence=1,
        sentence_text=sents[1].text,
        cue=span(t, "αρνήθηκε"),
        cue_lemma="αρνούμαι",
        content=span(t, "σκοτώθηκαν διαδηλωτές"),
        source=mention(t, "Το υπουργείο", "υπουργείο", "Organization", "ministry-interior"),
        polarity="denies",
        confidence=0.8,
        rule="verb-ccomp",
        about=(mention(t, "διαδηλωτές", "διαδηλωτής", "GroupOfPeople", "protesters"),),
        time=TimeRef(date(2022, 1, 6), "explicit", "day", span(t, "στις 6 Ιανουαρίου")),
    )
    unresolved = Attribution(
        document=GREEK_ID,
        sentence=2,
        sentence_text=sents[2].text,
        cue=span(t, "Σύμφωνα με"),
        cue_lemma="σύμφωνα με",
        content=span(t, "748 άνθρωποι τραυματίστηκαν"),
        source=mention(t, "πληροφορίες", "πληροφορία", "UnnamedSource", None),
        certainty=0.7,
        confidence=0.6,
        rule="according-to",
        about=(mention(t, "άνθρωποι", "άνθρωπος", "GroupOfPeople", None),),
        time=published,
    )
    direct = Attribution(
        document=GREEK_ID,
        sentence=3,
        sentence_text=sents[3].text,
        cue=span(t, "είπε"),
        cue_lemma="λέω",
        content=span(t, "Η τάξη αποκαταστάθηκε"),
        source=mention(t, "Ο Τοκάγιεφ", "Τοκάγιεφ", "Person", "tokayev"),
        quote="direct",
        confidence=1.0,
        rule="quote-colon",
        about=(mention(t, "τάξη", "τάξη", "Thing", "public-order"),),
        time=published,
    )
    return DocumentResult(
        document=doc,
        sentences=sents,
        attributions=(chain, denial, unresolved, direct),
        entities=(TOKAYEV, BBC, MINISTRY, SOLDIERS, PROTESTERS, ORDER),
    )


def hostile_result() -> DocumentResult:
    """An English document whose id and content are hostile strings; Tokayev again (cross-document)."""
    t = HOSTILE_TEXT
    doc = Document(id=HOSTILE_ID, text=t, lang="en", published=date(2022, 1, 8))
    sents = (Sentence(0, 0, len(t), t, (), "en"),)
    content = span(t, HOSTILE + "\n<b>")
    att = Attribution(
        document=HOSTILE_ID,
        sentence=0,
        sentence_text=t,
        cue=span(t, "said"),
        cue_lemma="say",
        content=content,
        source=Mention(span(t, "Tokayev"), "Tokayev", "Person", entity="tokayev"),
        quote="direct",
        confidence=0.75,
        rule=HOSTILE,
        # the linker points at an entity this result does not list: build must stub it
        about=(Mention(span(t, "more"), "more", "Thing", entity="unlisted/" + HOSTILE),),
    )
    return DocumentResult(document=doc, sentences=sents, attributions=(att,), entities=(TOKAYEV,))


# ------------------------------------------------------------------ figures (kg/conflicts.py, conflicts.rq, quantities.rq)

INTERIOR_ID = "interior-2022-01-09"
OFFICIAL_ID = "official-2022-01-10"

GOVERNMENT = Entity(id="government-kz", label="κυβέρνηση του Καζακστάν", type="Organization", lang="el")


@dataclass(frozen=True)
class Figure:
    """A number in a claim's content and what it counts; ``text`` is the number as written."""

    text: str
    value: float
    bound: str = "exact"
    event: str | None = None
    population: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class FigureClaim:
    """«{speaker} ανακοίνωσε ότι {content}.»: ``entity`` None leaves the speaker unresolved."""

    speaker: str
    entity: Entity | None
    content: str
    figures: tuple[Figure, ...] = ()
    polarity: str = "asserts"


def figures_result(
    doc_id: str, claims: Sequence[FigureClaim], published: date = date(2022, 1, 9), entities: Sequence[Entity] = ()
) -> DocumentResult:
    """A Greek document of one sentence per claim, each attribution carrying its figures as Quantity records."""
    cue = {"asserts": "ανακοίνωσε", "denies": "διέψευσε"}
    pieces = [f"{c.speaker} {cue[c.polarity]} ότι {c.content}" for c in claims]
    t = ". ".join(pieces) + "."
    doc = Document(id=doc_id, text=t, lang="el", published=published)
    sents = sentences(t, "el")
    atts = []
    for c, sent in zip(claims, sents, strict=True):
        content = span(t, c.content, sent.start)
        figures = tuple(
            Quantity(
                span=span(t, f.text, content.start),
                value=f.value,
                bound=f.bound,  # type: ignore[arg-type]
                category=f.event,
                population=f.population,
                unit=f.unit,
            )
            for f in c.figures
        )
        atts.append(
            Attribution(
                document=doc_id,
                sentence=sent.index,
                sentence_text=sent.text,
                cue=span(t, cue[c.polarity], sent.start),
                cue_lemma={"asserts": "ανακοινώνω", "denies": "διαψεύδω"}[c.polarity],
                content=content,
                source=Mention(
                    span(t, c.speaker, sent.start),
                    c.entity.label if c.entity else c.speaker,
                    c.entity.type if c.entity else "UnnamedSource",
                    entity=c.entity.id if c.entity else None,
                ),
                polarity=c.polarity,  # type: ignore[arg-type]
                confidence=0.8,
                rule="verb-ccomp",
                time=TimeRef(published, "publication"),
                quantities=figures,
            )
        )
    used = {c.entity.id: c.entity for c in claims if c.entity}
    return DocumentResult(document=doc, sentences=sents, attributions=tuple(atts), entities=tuple(used.values()) + tuple(entities))


def interior_result() -> DocumentResult:
    """The Interior Ministry's figures, an unresolved source's, and a figure the ministry revises later."""
    return figures_result(
        INTERIOR_ID,
        [
            FigureClaim(
                "Το υπουργείο",
                MINISTRY,
                "748 μέλη των σωμάτων ασφαλείας τραυματίστηκαν",
                (Figure("748", 748, "exact", "injured", "security_forces", "μέλη των σωμάτων ασφαλείας"),),
            ),
            FigureClaim(
                "Το υπουργείο",
                MINISTRY,
                "πάνω από 3.000 διαδηλωτές προσήχθησαν και 30 διαδηλωτές σκοτώθηκαν",
                (
                    Figure("3.000", 3000, "at_least", "detained", "protesters", "διαδηλωτές"),
                    Figure("30", 30, "exact", "killed", "protesters", "διαδηλωτές"),
                ),
            ),
            FigureClaim(
                "Το υπουργείο",
                MINISTRY,
                "18 αστυνομικοί και 12 στρατιώτες σκοτώθηκαν",
                (
                    Figure("18", 18, "exact", "killed", "security_forces", "αστυνομικοί"),
                    Figure("12", 12, "exact", "killed", "troops", "στρατιώτες"),
                ),
            ),
            # would conflict with the ministry and the government, but nobody can be named as its source
            FigureClaim(
                "Πηγές",
                None,
                "500 αστυνομικοί τραυματίστηκαν",
                (Figure("500", 500, "exact", "injured", "security_forces", "αστυνομικοί"),),
            ),
        ],
        published=date(2022, 1, 9),
    )


def official_result(injured: Figure | None = None) -> DocumentResult:
    """The government's figures, a day later: one conflict on injured police, one on killed protesters.

    ``injured`` replaces the «σχεδόν χίλιοι» figure (to test that a replaced
    document leaves no stale ca:conflictsWith).
    """
    injured = injured or Figure("χίλιοι", 1000, "about", "injured", "security_forces", "αστυνομικοί")
    return figures_result(
        OFFICIAL_ID,
        [
            FigureClaim("Η κυβέρνηση", GOVERNMENT, f"σχεδόν {injured.text} αστυνομικοί τραυματίστηκαν", (injured,)),
            FigureClaim(
                "Η κυβέρνηση",
                GOVERNMENT,
                "3.500 διαδηλωτές προσήχθησαν και 26 διαδηλωτές σκοτώθηκαν",
                (
                    Figure("3.500", 3500, "exact", "detained", "protesters", "διαδηλωτές"),  # «πάνω από 3.000» holds
                    Figure("26", 26, "exact", "killed", "protesters", "διαδηλωτές"),  # 30 ≠ 26: a conflict
                ),
            ),
            FigureClaim(
                "Η κυβέρνηση",
                GOVERNMENT,
                "περίπου 17 αστυνομικοί σκοτώθηκαν",
                (Figure("17", 17, "about", "killed", "security_forces", "αστυνομικοί"),),  # within 10 % of 18
            ),
            FigureClaim(
                "Η κυβέρνηση",
                GOVERNMENT,
                "χίλιοι διαδηλωτές τραυματίστηκαν και 1.000 αστυνομικοί αναπτύχθηκαν",
                (
                    Figure("χίλιοι", 1000, "exact", "injured", "protesters", "διαδηλωτές"),  # another population
                    Figure("1.000", 1000, "exact", "deployed", "security_forces", "αστυνομικοί"),  # another event
                ),
            ),
            # the ministry again, in another document: its own figures never conflict with each other
            FigureClaim(
                "Το υπουργείο",
                MINISTRY,
                "15 στρατιώτες σκοτώθηκαν",
                (Figure("15", 15, "exact", "killed", "troops", "στρατιώτες"),),
            ),
            # a denial gives no figure of the source's own
            FigureClaim(
                "Η κυβέρνηση",
                GOVERNMENT,
                "40 διαδηλωτές σκοτώθηκαν",
                (Figure("40", 40, "exact", "killed", "protesters", "διαδηλωτές"),),
                polarity="denies",
            ),
        ],
        published=date(2022, 1, 10),
    )


def figure_results() -> list[DocumentResult]:
    """The two documents of figures: exactly two conflicts (injured police 748 vs ~1000, killed protesters 30 vs 26)."""
    return [interior_result(), official_result()]


def all_results() -> list[DocumentResult]:
    return [greek_result(), hostile_result()]


def graph_text(graph) -> str:
    """A sorted N-Triples dump, for readable failure messages."""
    return "\n".join(sorted(graph.serialize(format="nt").splitlines()))


def assert_isomorphic(expected, actual) -> None:
    """Compare graphs as graphs; on failure show what is only in each (ARCHITECTURE.md §5.8)."""
    from rdflib import Graph
    from rdflib.compare import graph_diff, isomorphic, to_isomorphic

    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    missing, extra = Graph(), Graph()
    for triple in only_expected:
        missing.add(triple)
    for triple in only_actual:
        extra.add(triple)
    raise AssertionError(
        "graphs differ\n--- only in expected:\n" + graph_text(missing) + "\n+++ only in actual:\n" + graph_text(extra)
    )


def fixture_store(results=None):
    """An in-memory GraphStore holding the fixture documents (``all_results()`` by default)."""
    from kg.rdf.writer import write_results
    from kg.store import GraphStore

    store = GraphStore()
    write_results(store, all_results() if results is None else results)
    return store


ORPHAN_ID = "forgotten"


def add_orphan(store) -> None:
    """Describe an entity no document refers to (what a replaced document leaves behind until ``finish``)."""
    from kg.rdf.build import merge_entities
    from kg.rdf.mint import ENTITY_GRAPH
    from kg.types import Entity

    store.replace_graph(merge_entities(store.graph(ENTITY_GRAPH), [Entity(id=ORPHAN_ID, label="Forgotten")]))
