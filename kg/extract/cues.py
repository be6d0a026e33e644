"""Cue finding: verbs of saying, and the frames «σύμφωνα με X», «κατά X», «όπως είπε X».

A cue verb is any verb whose lemma is in the language's lexicon; whether it
really reports speech is decided later by whether a content can be found for
it (a clause, a quote, or the text around a parenthetical cue). Frames are
prepositional or adverbial phrases that name a source for the clause they
modify.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.syntax import Tree, base, is_punct, is_verbal, lemma
from kg.lexicons import CueVerb, Lexicon, fold
from kg.types import Word


@dataclass(frozen=True, slots=True)
class Frame:
    """A source frame: ``marker`` words, the source phrase head, the clause it modifies."""

    kind: str  # "according" | "as"
    markers: tuple[Word, ...]  # σύμφωνα + με, κατά, όπως + verb
    source: Word | None  # head of the source phrase
    clause: Word | None  # head of the clause the frame modifies
    verb: Word | None = None  # the verb of an as-frame (όπως *μετέδωσε*)
    region: tuple[int, int] = (0, 0)  # word ids the frame covers, inclusive


def cue_verb(w: Word, lex: Lexicon) -> CueVerb | None:
    if not is_verbal(w) and w.upos != "ADJ":  # some participles are tagged ADJ
        return None
    entry = lex.cue(w.lemma or w.text)
    if entry is None and w.upos != "VERB":
        return None
    return entry


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue verb with its lexicon entry and surface words («είχε προφασιστεί», "pointed out", «έγινε γνωστό»)."""

    verb: Word
    entry: CueVerb
    words: tuple[Word, ...]
    heads: tuple[Word, ...]  # where its content clause may hang: the verb, then a phrasal part


def _modal(tree: Tree, w: Word, lex: Lexicon) -> bool:
    """A cue under a modal ("could say", «μπορεί να πει») reports no statement that was made."""
    if any(lemma(a) in lex.modals for a in tree.children(w, "aux")):
        return True
    head = tree.head(w)
    return head is not None and base(w.deprel) in ("xcomp", "ccomp") and lemma(head) in lex.modals and w.id > head.id


def _surface(tree: Tree, verb: Word, extra: list[Word]) -> tuple[Word, ...]:
    """The verb with its preceding auxiliaries (not να/θα), a particle and phrasal parts."""
    words = [verb, *extra]
    words += [k for k in tree.children(verb, "aux") if k.id < verb.id and verb.id - k.id <= 2 and lemma(k) not in ("να", "θα", "to")]
    words += [k for k in tree.children(verb, "compound:prt")]
    return tuple(sorted({w.id: w for w in words}.values(), key=lambda w: w.id))


def find_cues(tree: Tree, lex: Lexicon, skip: set[int]) -> list[Cue]:
    """Verbs of saying (and light-verb phrases such as «γίνεται γνωστό») not under a modal."""
    found: list[Cue] = []
    for w in tree.words:
        if w.id in skip:
            continue
        entry = cue_verb(w, lex)
        extra: list[Word] = []
        if entry is None and is_verbal(w) and lemma(w) in lex.phrasal_cues:
            extra = [k for k in tree.children(w) if lemma(k) in lex.phrasal_cues[lemma(w)]][:1]
            if extra:
                entry = CueVerb(lemma=f"{w.lemma} {extra[0].lemma}", needs_clause=True)
        if entry is None:
            continue
        if entry.particle and not any(lemma(k) == entry.particle for k in tree.children(w, "compound")):
            continue
        if _modal(tree, w, lex):
            continue
        found.append(Cue(w, entry, _surface(tree, w, extra), (w, *extra)))
    return found


def _region_end(tree: Tree, start: Word) -> int:
    """The frame runs from its marker to the next comma (or the clause it modifies)."""
    for w in tree.words:
        if w.id > start.id and is_punct(w) and w.text in (",", ":", "—", "–"):
            return w.id - 1
    return tree.words[-1].id


def _np_region(tree: Tree, markers: tuple[Word, ...], source: Word) -> tuple[int, int]:
    """A according-frame covers its markers and the whole source phrase (with its relative clause)."""
    ids = [m.id for m in markers] + [w.id for w in tree.subtree(source)]
    return min(ids), max(ids)


def find_frames(tree: Tree, lex: Lexicon) -> list[Frame]:
    frames: list[Frame] = []
    for w in tree.words:
        keys = {lemma(w), fold(w.text)}  # EWT lemmatises "According" as "accord"
        key = next((k for k in keys if k in lex.according_adverbs | lex.according_prepositions | lex.as_markers), lemma(w))
        if key in lex.according_adverbs:
            frame = _according_adverb(tree, w, lex)
            if frame:
                frames.append(frame)
        elif key in lex.according_prepositions and base(w.deprel) == "case":
            frame = _according_preposition(tree, w, lex)
            if frame:
                frames.append(frame)
        elif key in lex.as_markers:
            frame = _as_frame(tree, w, lex)
            if frame:
                frames.append(frame)
    return frames


def _according_adverb(tree: Tree, w: Word, lex: Lexicon) -> Frame | None:
    """σύμφωνα [με] X (GDT: σύμφωνα advmod, X obl of σύμφωνα) / according [to] X (EWT: according case of X)."""
    source = next((k for k in tree.children(w, "obl", "nmod", "obj") if not is_punct(k)), None)
    if source is not None and lemma(source) in lex.non_source_nouns:
        return None
    nxt = tree.next(w)
    marked = tree.head(nxt) if nxt is not None and base(nxt.deprel) in ("case", "fixed") else None
    if source is None and marked is not None and marked.id > w.id and marked.upos in ("NOUN", "PROPN", "PRON", "X", "NUM"):
        # σύμφωνα [με X]: the parser hung X on the clause's verb, but its case marker follows σύμφωνα
        source = marked
    if source is not None:
        clause = tree.head(w)
        if clause is not None and clause.id == source.id:
            clause = tree.head(source)
    else:
        head = tree.head(w)
        if head is None or base(w.deprel) not in ("case", "advmod", "mark") or head.upos not in ("NOUN", "PROPN", "PRON", "X", "NUM", "ADJ"):
            return None
        source, clause = head, tree.head(head)
    if lemma(source) in lex.non_source_nouns:
        return None  # "according to schedule", «σύμφωνα με το σχέδιο»
    markers = tuple(x for x in tree.words if w.id <= x.id < source.id and x.id <= w.id + 2 and not is_punct(x) and x.upos in ("ADP", "ADV", "VERB", "ADJ", "SCONJ"))
    markers = tuple(x for x in markers if x.id == w.id or base(x.deprel) in ("case", "fixed", "mark"))
    return Frame("according", markers, source, clause, region=_np_region(tree, markers, source))


def _according_preposition(tree: Tree, w: Word, lex: Lexicon) -> Frame | None:
    """κατά + accusative source noun ("κατά πληροφορίες", "κατά την ίδια πηγή"); κατά + genitive means "against"."""
    noun = tree.head(w)
    if noun is None or noun.upos not in ("NOUN", "PROPN", "X"):
        return None
    if noun.feat("Case") == "Gen":
        return None
    key = lemma(noun)
    sourcey = (
        noun.upos in ("PROPN", "X")
        or key in lex.unnamed_source_nouns
        or key in lex.same_source_nouns
        or key in lex.title_nouns
        or key in lex.organization_nouns
        or key in lex.media_nouns
    )
    if not sourcey or key in lex.non_source_nouns:
        return None
    return Frame("according", (w,), noun, tree.head(noun), region=_np_region(tree, (w,), noun))


def _as_frame(tree: Tree, w: Word, lex: Lexicon) -> Frame | None:
    """όπως μετέδωσε X, … / as X reported, …: a subordinate cue verb with no content of its own."""
    verb = tree.head(w)
    if verb is None or cue_verb(verb, lex) is None:
        return None
    if any(lemma(m) in lex.complementizers for k in tree.children(verb, "ccomp") for m in tree.children(k, "mark")):
        return None
    if tree.children(verb, "ccomp"):
        return None
    end = _region_end(tree, verb)
    before, after = tree.previous(w), tree.word(end + 1)
    set_off = before is None or is_punct(before) or (after is not None and after.text in (",", "—", "–"))
    if not set_off:
        return None  # "arrived early as the website suggests": manner, not a source frame
    inside = [k for k in tree.children(verb, "nsubj", "obj", "obl") if w.id <= k.id <= end and k.upos != "PRON"]
    subj = [k for k in inside if base(k.deprel) == "nsubj"]
    source = (subj or [k for k in inside if base(k.deprel) == "obj"] or [None])[0]
    return Frame("as", (w, verb), source, tree.head(verb), verb=verb, region=(w.id, end))
