"""Run the extraction stages over a parsed document and assemble Attribution records.

Per sentence: find frames and cue verbs; give each cue a content (clause,
quote, parenthetical) and a source; then let frames either wrap an
attribution found inside their clause (a reporting chain: «Όπως μετέδωσε το
BBC, ο Τοκάγιεφ δήλωσε …») or make one of their own («Σύμφωνα με X, …»).
Across sentences, "the same source" and subjectless cues look back at the
attributions already found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kg.errors import LexiconError
from kg.extract import about as about_mod
from kg.extract import content as content_mod
from kg.extract import cues as cues_mod
from kg.extract import sources as sources_mod
from kg.extract.mentions import mention, span_of
from kg.extract.quotes import Quote, find_quotes
from kg.extract.syntax import Tree, base, is_punct, lemma
from kg.extract.time import statement_time
from kg.lang import split_paragraphs
from kg.lexicons import Lexicon, load
from kg.types import Attribution, Mention, ParsedDoc, Sentence, Span, Word

# Evidence behind each rule, from most to least reliable; adjusted by how the source was found.
RULE_CONFIDENCE = {"clause": 0.9, "quote": 0.85, "according": 0.8, "as": 0.8, "parenthetical": 0.7}
SOURCE_ADJUSTMENT = {
    "subject": 0.0, "relative": -0.05, "agent": -0.05, "inverted": -0.05, "gerund": -0.05, "frame": 0.0,
    "reattached": -0.1, "inherited": -0.1, "same_source": -0.1, "relayed": -0.05, "previous": -0.2, "": -0.3,
}


def confidence(rule: str, how: str, quote: str) -> float:
    value = RULE_CONFIDENCE.get(rule, 0.6) + SOURCE_ADJUSTMENT.get(how, -0.1) + (0.05 if quote == "direct" else 0.0)
    return round(min(0.99, max(0.05, value)), 2)


class _Doc:
    """Per-document state: text, paragraph quotes, attributions found so far."""

    def __init__(self, parsed: ParsedDoc) -> None:
        self.parsed = parsed
        self.text = parsed.document.text
        self.paragraphs = split_paragraphs(self.text)
        self._quotes: dict[int, list[Quote]] = {}
        self.found: list[Attribution] = []
        self.paragraph_of: dict[int, tuple[int, int]] = {}

    def paragraph(self, sent: Sentence) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= sent.start < end or start <= sent.start <= end and sent.start == sent.end:
                return start, end
        return sent.start, sent.end

    def quotes(self, sent: Sentence) -> list[Quote]:
        start, end = self.paragraph(sent)
        if start not in self._quotes:
            self._quotes[start] = find_quotes(self.text[start:end], start)
        return self._quotes[start]

    def previous_source(self, sent: Sentence | None = None) -> Attribution | None:
        """The latest attribution with a source (in the same paragraph when ``sent`` is given)."""
        para = self.paragraph(sent) if sent is not None else None
        for att in reversed(self.found):
            if att.source is None:
                continue
            if para is None or para[0] <= att.cue.start < para[1]:
                return att
        return None


def extract(parsed: ParsedDoc, lexicons: Mapping[str, Lexicon] | None = None) -> tuple[Attribution, ...]:
    """All attributions of a parsed document, in text order. Sentences with no lexicon are skipped."""
    state = _Doc(parsed)
    for sent in parsed.sentences:
        lex = (lexicons or {}).get(sent.lang)
        if lex is None:
            try:
                lex = load(sent.lang)
            except LexiconError:
                continue
        if not sent.words:
            continue
        state.found.extend(_sentence(state, sent, lex))
    return tuple(sorted(state.found, key=lambda a: (a.content.start, a.cue.start)))


def _negated(tree: Tree, verb: Word, lex: Lexicon) -> bool:
    return any(lemma(k) in lex.negations for k in tree.children(verb, "advmod", "neg", "aux", "det", "cc", "fixed"))


def _conditional(tree: Tree, verb: Word, lex: Lexicon) -> bool:
    chain = [verb] + [a for a in tree.ancestors(verb)[:1] if base(verb.deprel) == "conj"]
    return any(lemma(m) in lex.conditional_marks for v in chain for m in tree.children(v, "mark"))


def _question(sent: Sentence, lex: Lexicon) -> bool:
    tail = sent.text.rstrip().rstrip("»”\"'’)")
    return tail.endswith("?") or (lex.language == "el" and tail.endswith((";", "\u037e")))


def _inside(q_list: list[Quote], w: Word) -> bool:
    return any(q.start < w.start < q.end for q in q_list)


def _cue_span(tree: Tree, words: list[Word]) -> Span:
    words = sorted(words, key=lambda w: w.id)
    return span_of(tree, words)


def _cue_words(tree: Tree, verb: Word) -> list[Word]:
    """The verb with its auxiliaries («είχε προφασιστεί»), negation and particle ("pointed out")."""
    extra = [k for k in tree.children(verb, "aux", "compound:prt", "advmod") if abs(k.id - verb.id) <= 2 and (base(k.deprel) == "aux" or k.deprel == "compound:prt")]
    words = [verb] + [k for k in extra if k.id < verb.id and lemma(k) not in ("να", "θα") or k.deprel == "compound:prt"]
    ids = sorted(w.id for w in words)
    return [w for w in tree.words if ids[0] <= w.id <= ids[-1] and (w in words or not is_punct(w))][: len(ids) + 1]


def _sentence(state: _Doc, sent: Sentence, lex: Lexicon) -> list[Attribution]:
    tree = Tree(sent)
    text = state.text
    quotes = state.quotes(sent)
    frames = cues_mod.find_frames(tree, lex)
    frame_verbs = {f.verb.id for f in frames if f.verb is not None}
    in_frames = {w.id for f in frames if f.kind == "according" for w in tree.words if f.region[0] <= w.id <= f.region[1]}
    cue_verbs = [
        w for w in tree.words
        if cues_mod.cue_verb(w, lex) is not None and w.id not in frame_verbs and w.id not in in_frames
    ]
    complements = {w.id: content_mod.complement(tree, w, lex) for w in cue_verbs}
    with_clause = {i for i, c in complements.items() if c is not None}
    reported = frozenset(x.id for c in complements.values() if c is not None for x in tree.subtree(c))
    question = _question(sent, lex)
    used_quotes: set[int] = set()
    made: dict[int, Attribution] = {}
    for verb in cue_verbs:
        entry = cues_mod.cue_verb(verb, lex)
        if _conditional(tree, verb, lex) or (question and not _inside(quotes, verb)):
            continue
        nested = with_clause - {verb.id}
        found = content_mod.clause_content(tree, verb, lex, text, quotes, nested)
        inverted = False
        if found is None and not entry.needs_clause:
            found = content_mod.quote_content(tree, verb, text, quotes, used_quotes)
            inverted = found is not None
        inverted_subject = None
        if found is None and not entry.needs_clause and not tree.children(verb, "ccomp", "xcomp"):
            # Y, ανέφερε ο Χ, Z: the source follows the cue, whatever relation the parser gave it
            after = [k for k in tree.children(verb, "nsubj", "obj") if k.id > verb.id and k.upos in ("NOUN", "PROPN", "X", "PRON")]
            if after:
                phrase = mention(tree, after[0], lex)
                ids = {w.id for w in tree.words if phrase.span.start <= w.start and w.end <= phrase.span.end}
                ids |= {k.id for k in tree.children(verb, "advmod", "aux") if abs(k.id - verb.id) <= 1}
                found = content_mod.parenthetical_content(tree, verb, ids, lex, text, quotes)
                inverted_subject = after[0] if found is not None else None
        if found is None:
            continue
        if found.rule == "quote":
            used_quotes.add(found.start - 1)
        exclude = set(found.words)
        if inverted_subject is not None:
            word, how = inverted_subject, "inverted"
            exclude -= {w.id for w in tree.subtree(inverted_subject)}
        else:
            word, how = sources_mod.resolve(tree, verb, lex, frames, exclude, inverted=inverted, reported=reported)
        source = _source_mention(state, tree, word, lex, exclude) if word is not None else None
        if word is not None and source is not None and sources_mod.is_same_source(tree, word, lex):
            how = "same_source"
        if source is None:
            prev = state.previous_source(sent) if verb.feat("Person") not in ("1", "2") else None
            if prev is None:
                prev_here = [a for a in made.values() if a.source is not None]
                prev = prev_here[-1] if prev_here else None
            if prev is not None:
                source, how = prev.source, "previous"
        polarity, certainty = entry.polarity, entry.certainty
        if _negated(tree, verb, lex):
            polarity = "asserts" if polarity == "denies" else "denies"
            certainty = min(certainty, 0.5) if polarity == "asserts" else certainty
        hedges = [lex.hedge_words[lemma(k)] for k in tree.children(verb) if lemma(k) in lex.hedge_words]
        if hedges:
            certainty = min([certainty, *hedges])
        content_span = Span(found.start, found.end, text[found.start : found.end])
        time = statement_time(tree, [verb], exclude | ({word.id} if word else set()), lex, state.parsed.document.published)
        made[verb.id] = Attribution(
            document=state.parsed.document.id,
            sentence=sent.index,
            sentence_text=sent.text,
            cue=_cue_span(tree, _cue_words(tree, verb)),
            cue_lemma=entry.lemma,
            content=content_span,
            source=source,
            quote=found.quote,
            polarity=polarity,
            certainty=certainty,
            confidence=confidence(found.rule, how, found.quote),
            rule=found.rule + (f"+{how}" if how else "+unresolved"),
            about=about_mod.about(tree, found.start, found.end, lex),
            time=time,
        )
    out = dict(made)
    for frame in frames:
        _apply_frame(state, tree, frame, lex, out, quotes, with_clause)
    return list(out.values())


def _source_mention(state: _Doc, tree: Tree, word: Word, lex: Lexicon, exclude: set[int]) -> Mention | None:
    """A mention for a source word; «η ίδια πηγή» takes the previous source's identity."""
    found = mention(tree, word, lex, exclude=exclude)
    if sources_mod.is_same_source(tree, word, lex):
        prev = state.previous_source()
        if prev is None or prev.source is None:
            return None
        return replace(prev.source, span=found.span)
    return found


def _apply_frame(state: _Doc, tree: Tree, frame: cues_mod.Frame, lex: Lexicon, out: dict[int, Attribution], quotes: list[Quote], with_clause: set[int]) -> None:
    if frame.source is None or frame.clause is None:
        return
    region = {w.id for w in tree.words if frame.region[0] <= w.id <= frame.region[1]}
    how = "frame"
    if sources_mod.is_same_source(tree, frame.source, lex):
        source = _source_mention(state, tree, frame.source, lex, set())
        how = "same_source"
    elif lemma(frame.source) in lex.unnamed_source_nouns:
        source = sources_mod.relayed_source(tree, frame.source, lex, set())
        how = "relayed" if source is not None else "frame"
        if source is None:
            source = mention(tree, frame.source, lex)
    else:
        source = mention(tree, frame.source, lex)
    markers = list(frame.markers)
    if frame.kind == "according" and how == "relayed":
        rel = next(iter(tree.children(frame.source, "acl")), None)
        markers = [w for w in tree.words if markers[0].id <= w.id <= (rel.id if rel else markers[-1].id)]
    cue = _cue_span(tree, markers)
    inner = out.get(frame.clause.id)
    if inner is not None:
        if inner.reported_by is None:
            out[frame.clause.id] = replace(inner, reported_by=source, reporting_cue=cue)
        return
    if frame.clause.id in out:
        return
    found = content_mod.frame_content(tree, frame.clause, frame.region, state.text, quotes, with_clause)
    if found is None or not found.words - region:
        return
    kind = frame.kind
    exclude = set(found.words)
    text = state.text
    out[-frame.markers[0].id] = Attribution(
        document=state.parsed.document.id,
        sentence=tree.sentence.index,
        sentence_text=tree.sentence.text,
        cue=cue,
        cue_lemma=" ".join(lemma(m) for m in frame.markers),
        content=Span(found.start, found.end, text[found.start : found.end]),
        source=source,
        quote=found.quote,
        certainty=0.8 if source is not None and source.type == "UnnamedSource" else 1.0,
        confidence=confidence(kind, how if source is not None else "", found.quote),
        rule=f"{kind}+{how}",
        about=about_mod.about(tree, found.start, found.end, lex),
        time=statement_time(tree, markers, exclude, lex, state.parsed.document.published),
    )
